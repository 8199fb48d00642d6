//! Making functions and classes: closures over the current environment,
//! class constructors and their prototypes, `super(...)`, instance field
//! initialisation, arguments objects, template objects, and the host hooks
//! for what the VM cannot do alone (regular expressions, `eval`).

use crate::bytecode::{Constant, FunctionKind, FunctionProto};
use crate::object::{Arguments, Attributes, Closure, ObjectKind, Preset};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use std::rc::Rc;

/// Services the embedder provides to the VM.
#[derive(Debug, Clone, Copy, Default)]
pub struct HostHooks {
    /// Creates a RegExp object from pattern and flags.
    pub new_regexp: Option<fn(&mut Vm, Value, Value) -> JsResult<Value>>,
    /// PerformEval of source text for a direct eval from the call site
    /// described by the [`EvalSite`](crate::bytecode::EvalSite).
    pub eval: Option<fn(&mut Vm, Value, &crate::bytecode::EvalSite) -> JsResult<Value>>,
    /// Resumes an iterator helper object as `%IteratorHelperPrototype%.next`
    /// does, but gives the yielded value (`None`: done) instead of an
    /// iterator result object.
    pub iterator_helper_step: Option<fn(&mut Vm, Obj) -> JsResult<Option<Value>>>,
    /// A Promise combinator's element step for a [`crate::promise::Handler::Element`]
    /// reaction: `(shared record, index, value, fulfilled)`.
    pub combinator_element: Option<fn(&mut Vm, Obj, u32, Value, bool) -> JsResult<Value>>,
    /// `import.meta` of the module whose code was compiled from the file
    /// named here (HostGetImportMetaProperties and the object's caching).
    pub import_meta: Option<fn(&mut Vm, &str) -> JsResult<Value>>,
    /// `import(specifier, options)` from code of the file named here: the
    /// promise of EvaluateImportCall (§13.3.10.2), loading through the host.
    pub import_call: Option<fn(&mut Vm, &str, Value, Value) -> JsResult<Value>>,
}

impl Vm {
    /// A closure of the function constant `k` over the current environment.
    pub(crate) fn new_closure(&mut self, k: &Constant) -> JsResult<Value> {
        let Constant::Function(proto) = k else { return self.type_error("internal error: not a function constant") };
        let parent = match proto.kind {
            FunctionKind::Generator => self.realm.intrinsics.generator_function_prototype,
            FunctionKind::Async => self.realm.intrinsics.async_function_prototype,
            FunctionKind::AsyncGenerator => self.realm.intrinsics.async_generator_function_prototype,
            _ => self.realm.intrinsics.function_prototype,
        };
        let f = self.make_closure(proto.clone(), self.interp.env, parent);
        // An arrow's `super` is its enclosing method's (§15.3.4: arrows are
        // not made methods; `super` resolves through the enclosing code).
        // Every closure takes it: a method's is replaced when the method is
        // defined, and other functions cannot refer to `super`.
        if let Some(home) = self.home_object() {
            if let ObjectKind::Closure(c) = &mut self.heap.object_mut(f).kind {
                c.home_object = Some(home);
            }
        }
        Ok(Value::Object(f))
    }

    /// Allocates a closure with `length`, `name` and, for constructors, `prototype`.
    pub fn make_closure(&mut self, proto: Rc<FunctionProto>, env: Option<Obj>, parent: Obj) -> Obj {
        let kind = proto.kind;
        let closure = Closure { proto: proto.clone(), env, home_object: None, fields: None, derived: kind == FunctionKind::DerivedConstructor, realm: self.realm.id };
        let names = &self.heap.names;
        let (length_key, name_key, prototype_key, constructor_key) = (names.length, names.name, names.prototype, names.constructor);
        let length = (length_key, Value::Number(f64::from(proto.length)), Attributes::CONFIGURABLE);
        let name = (name_key, Value::String(self.function_name(&proto)), Attributes::CONFIGURABLE);
        let kind_data = ObjectKind::Closure(closure);
        let prototype = match kind {
            FunctionKind::Generator | FunctionKind::AsyncGenerator => {
                let parent = match kind {
                    FunctionKind::Generator => self.realm.intrinsics.generator_prototype,
                    _ => self.realm.intrinsics.async_generator_prototype,
                };
                Some(self.heap.alloc_object(Some(parent), ObjectKind::Ordinary))
            }
            FunctionKind::Normal => Some(self.heap.alloc_object(Some(self.realm.intrinsics.object_prototype), ObjectKind::Ordinary)),
            _ => None,
        };
        let Some(p) = prototype else {
            return self.heap.alloc_preset(Some(parent), kind_data, Preset::Function, &[length, name]);
        };
        let own = (prototype_key, Value::Object(p), Attributes::WRITABLE);
        let f = self.heap.alloc_preset(Some(parent), kind_data, Preset::FunctionWithPrototype, &[length, name, own]);
        if kind == FunctionKind::Normal {
            // A plain function's prototype object is {constructor: f} (made
            // empty above so that it exists before f refers to it).
            let props = [(constructor_key, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE)];
            self.heap.fill_preset(p, Preset::PrototypeObject, &props);
        }
        f
    }

    /// The `name` string of functions made from `proto` (its atom's
    /// permanent string, interned on first use).
    fn function_name(&mut self, proto: &FunctionProto) -> crate::value::Str {
        let atom = match proto.name_atom.get() {
            Some(a) => a,
            None => {
                let a = self.heap.intern_str(&proto.name);
                proto.name_atom.set(Some(a));
                a
            }
        };
        self.heap.atom_string(atom)
    }

    /// ClassDefinitionEvaluation's objects: the constructor from constant
    /// `k` and its prototype object, linked to `heritage`.
    pub(crate) fn new_class(&mut self, k: &Constant, heritage: Option<Value>) -> JsResult<(Value, Value)> {
        let Constant::Function(proto) = k else { return self.type_error("internal error: not a class constant") };
        let intrinsics = &self.realm.intrinsics;
        let (proto_parent, ctor_parent) = match heritage {
            None => (Some(intrinsics.object_prototype), intrinsics.function_prototype),
            Some(Value::Null) => (None, intrinsics.function_prototype),
            Some(h) => {
                if !self.is_constructor(h) {
                    return self.type_error("Class extends value is not a constructor or null");
                }
                let Value::Object(ho) = h else { return self.type_error("Class extends value is not a constructor or null") };
                let key = PropertyKey::Atom(self.heap.intern_str("prototype"));
                match self.get(ho, key, h)? {
                    Value::Object(p) => (Some(p), ho),
                    Value::Null => (None, ho),
                    _ => return self.type_error("Class extends value does not have valid prototype property"),
                }
            }
        };
        let prototype = self.heap.alloc_object(proto_parent, ObjectKind::Ordinary);
        let f = self.make_closure(proto.clone(), self.interp.env, ctor_parent);
        if let ObjectKind::Closure(c) = &mut self.heap.object_mut(f).kind {
            c.home_object = Some(prototype);
        }
        let proto_key = PropertyKey::Atom(self.heap.intern_str("prototype"));
        self.heap.define_raw(f, proto_key, Value::Object(prototype), Attributes::NONE);
        let ctor_key = PropertyKey::Atom(self.heap.intern_str("constructor"));
        self.heap.define_raw(prototype, ctor_key, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
        Ok((Value::Object(f), Value::Object(prototype)))
    }

    /// Records the instance-element initialiser of a class constructor.
    pub(crate) fn set_class_fields(&mut self, ctor: Value, init: Value) {
        if let (Value::Object(c), Value::Object(i)) = (ctor, init) {
            // A class without instance elements has nothing to initialise
            // per instance (the list is complete when this runs).
            let empty = self.heap.object(i).is_array() && self.heap.array_length(i) == 0;
            if let ObjectKind::Closure(cl) = &mut self.heap.object_mut(c).kind {
                cl.fields = (!empty).then_some(i);
            }
        }
    }

    /// InitializeInstanceElements(obj, constructor): the constructor's
    /// element list holds triples (kind, key, function): kind 0 a field
    /// (function computes the value, or undefined), 1 a private field, 2..4
    /// a private method, getter, setter.
    pub(crate) fn init_class_fields(&mut self, ctor: Obj, obj: Obj) -> JsResult<()> {
        let list = match &self.heap.object(ctor).kind {
            ObjectKind::Closure(c) => c.fields,
            _ => None,
        };
        let Some(list) = list else { return Ok(()) };
        let items = self.create_list_from_array_like(list)?;
        for triple in items.chunks(3) {
            let [kind, key, func] = [triple[0], triple.get(1).copied().unwrap_or_default(), triple.get(2).copied().unwrap_or_default()];
            let kind = match kind {
                Value::Number(n) => n as u16,
                _ => 0,
            };
            if kind >= 2 {
                self.define_private_method(Value::Object(obj), key, func, kind - 2)?;
                continue;
            }
            // The initializer gets the field's key, to name an anonymous
            // function it makes (ClassFieldDefinitionEvaluation's NamedEvaluation).
            let value = match func {
                Value::Object(_) => self.call(func, Value::Object(obj), &[key])?,
                _ => Value::Undefined,
            };
            if kind == 1 {
                self.define_private(Value::Object(obj), key, value)?;
            } else {
                let key = self.to_property_key(key)?;
                self.create_data_property_or_throw(obj, key, value)?;
            }
        }
        Ok(())
    }

    /// `super(...args)`: constructs the parent of class constructor `func`.
    pub(crate) fn super_call(&mut self, func: Value, new_target: Value, args: &[Value]) -> JsResult<Value> {
        let Value::Object(f) = func else { return self.syntax_error("'super' keyword unexpected here") };
        let parent = self.get_prototype_of(f)?;
        let parent = parent.map_or(Value::Null, Value::Object);
        if !self.is_constructor(parent) {
            return self.type_error("Super constructor is not a constructor");
        }
        self.construct(parent, args, new_target.as_object())
    }

    /// An arguments object for the current call; `mapped` parameters alias
    /// slots `0..mapped` of the current environment.
    pub(crate) fn create_arguments(&mut self, mapped: bool) -> JsResult<Value> {
        let args: Vec<Value> = self.current_args().to_vec();
        let param_count = self.interp.frames.last().map_or(0, |f| f.proto.param_count as usize);
        let strict = self.interp.frames.last().is_none_or(|f| f.proto.flags.strict);
        let map: Box<[Option<u32>]> = if mapped {
            (0..args.len()).map(|i| (i < param_count).then_some(i as u32)).collect()
        } else {
            Box::new([])
        };
        let kind = ObjectKind::Arguments(Arguments { env: if mapped { self.interp.env } else { None }, mapped: map });
        let obj = self.heap.alloc_object(Some(self.realm.intrinsics.object_prototype), kind);
        for (i, v) in args.iter().enumerate() {
            self.heap.define_raw(obj, PropertyKey::Index(i as u32), *v, Attributes::ALL);
        }
        let length = PropertyKey::Atom(self.heap.intern_str("length"));
        self.heap.define_raw(obj, length, Value::Number(args.len() as f64), Attributes::WRITABLE_CONFIGURABLE);
        let iterator = PropertyKey::Symbol(self.heap.well_known.iterator);
        let values_key = PropertyKey::Atom(self.heap.intern_str("values"));
        let values = self.get(self.realm.intrinsics.array_prototype, values_key, Value::Undefined)?;
        self.heap.define_raw(obj, iterator, values, Attributes::WRITABLE_CONFIGURABLE);
        let callee = PropertyKey::Atom(self.heap.intern_str("callee"));
        if strict {
            let thrower = self.throw_type_error_function();
            self.heap.define_accessor_raw(obj, callee, Some(thrower), Some(thrower), Attributes::NONE);
        } else if let Some(f) = self.interp.frames.last().and_then(|f| f.function) {
            self.heap.define_raw(obj, callee, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
        }
        Ok(Value::Object(obj))
    }

    /// %ThrowTypeError%: one per realm, made on first use.
    pub fn throw_type_error_function(&mut self) -> Obj {
        if let Some(f) = self.realm.throw_type_error {
            return f;
        }
        fn thrower(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
            vm.type_error("'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them")
        }
        let native = crate::object::NativeFunction { call: thrower, construct: false, captures: Box::new([]), realm: self.realm.id };
        let f = self.heap.alloc_object(Some(self.realm.intrinsics.function_prototype), ObjectKind::Native(native));
        let length = PropertyKey::Atom(self.heap.intern_str("length"));
        self.heap.define_raw(f, length, Value::Number(0.0), Attributes::NONE);
        let name = PropertyKey::Atom(self.heap.intern_str("name"));
        let empty = self.string("");
        self.heap.define_raw(f, name, empty, Attributes::NONE);
        self.heap.object_mut(f).extensible = false;
        self.realm.throw_type_error = Some(f);
        f
    }

    /// GetTemplateObject: the frozen strings array of a template site, the
    /// same object each time the site is evaluated.
    pub(crate) fn template_object(&mut self, k: &Constant) -> Value {
        let Constant::Template(site) = k else { return Value::Undefined };
        let id = Rc::as_ptr(site) as usize;
        if let Some(o) = self.realm.templates.get(&id) {
            return Value::Object(*o);
        }
        let cooked: Vec<Value> = site
            .cooked
            .iter()
            .map(|c| match c {
                Some(units) => Value::String(self.heap.alloc_string(units.clone())),
                None => Value::Undefined,
            })
            .collect();
        let raw: Vec<Value> = site.raw.iter().map(|r| Value::String(self.heap.alloc_string(r.clone()))).collect();
        let strings = self.create_array(&cooked);
        let raw_array = self.create_array(&raw);
        let _ = self.set_integrity_level_frozen(raw_array);
        let raw_key = PropertyKey::Atom(self.heap.intern_str("raw"));
        self.heap.define_raw(strings, raw_key, Value::Object(raw_array), Attributes::NONE);
        let _ = self.set_integrity_level_frozen(strings);
        self.realm.templates.insert(id, strings);
        Value::Object(strings)
    }

    /// A regular-expression literal, through the host.
    pub(crate) fn new_regexp(&mut self, pattern: crate::value::Atom, flags: crate::value::Atom) -> JsResult<Value> {
        let Some(hook) = self.host.new_regexp else {
            return self.syntax_error("regular expressions are not available in this embedding");
        };
        let p = Value::String(self.heap.atom_string(pattern));
        let f = Value::String(self.heap.atom_string(flags));
        hook(self, p, f)
    }

    /// `eval(...)` written as a direct call: the host's eval when the callee
    /// is the current realm's %eval%, else an ordinary call.
    pub(crate) fn call_eval(&mut self, callee: Value, args: &[Value], site: &crate::bytecode::EvalSite) -> JsResult<Value> {
        match (self.host.eval, self.realm.eval_function) {
            (Some(eval), Some(f)) if callee == Value::Object(f) => {
                let source = args.first().copied().unwrap_or(Value::Undefined);
                eval(self, source, site)
            }
            _ => self.call(callee, Value::Undefined, args),
        }
    }
}
