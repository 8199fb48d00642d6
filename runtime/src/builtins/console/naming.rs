//! How `util.inspect` names an object: the constructor name found on the
//! prototype chain (`getConstructorName`), the `Symbol.toStringTag`, the
//! prefix built from both (`Foo [bar] `, `[Object: null prototype] `), and
//! the heads of functions, classes and boxed primitives.

use super::inspect::{Ctx, Entry, InspectOptions};
use super::reflect;
use spindle_vm::bytecode::FunctionKind;
use spindle_vm::object::{ObjectKind, Property};
use spindle_vm::value::{Obj, PropertyKey, Value};

/// Node's `getPrefix`: `Foo `, `Foo(2) [tag] `, `[Array(2): null prototype] `.
pub(super) fn prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None if !tag.is_empty() && fallback != tag => format!("[{fallback}{size}: null prototype] [{tag}] "),
        None => format!("[{fallback}{size}: null prototype] "),
        Some(c) if !tag.is_empty() && c != tag => format!("{c}{size} [{tag}] "),
        Some(c) => format!("{c}{size} "),
    }
}

impl Ctx<'_> {
    /// Node's `getConstructorName`: the `name` of the first own
    /// `constructor` function on the chain that `o` is an instance of;
    /// `None` for an object with a null prototype and no such constructor.
    /// With `proto_props` (`showHidden`), also lists the data properties of
    /// user-defined prototypes (Node's `addPrototypeProperties`).
    pub(super) fn constructor_name(&mut self, o: Obj, recurse_times: usize, mut proto_props: Option<&mut Vec<String>>) -> Option<String> {
        let (object_proto, function_proto) = (self.vm.realm.intrinsics.object_prototype, self.vm.realm.intrinsics.function_prototype);
        let ctor_key = PropertyKey::Atom(self.vm.heap.names.constructor);
        let mut cur = Some(o);
        let mut first_proto: Option<Option<Obj>> = None;
        while let Some(c) = cur {
            // Node's well-known prototypes (reached from `o`, so `o` is an instance).
            let well_known = match c {
                _ if c == o => None,
                _ if c == object_proto => Some("Object".to_string()),
                _ if c == function_proto => Some("Function".to_string()),
                _ => None,
            };
            if let Some(name) = well_known {
                if first_proto.is_some() && first_proto != Some(Some(c)) {
                    self.add_prototype_properties(o, first_proto.flatten().unwrap_or(o), recurse_times, proto_props.as_deref_mut());
                }
                return Some(name);
            }
            if let Some(name) = self.constructor_on(o, c, ctor_key) {
                if first_proto != Some(Some(c)) || !super::format::is_builtin_name(self.vm, &name) {
                    self.add_prototype_properties(o, first_proto.flatten().unwrap_or(o), recurse_times, proto_props.as_deref_mut());
                }
                return Some(name);
            }
            if self.vm.heap.object(c).is_proxy() {
                break;
            }
            cur = self.vm.heap.object(c).proto;
            first_proto.get_or_insert(cur);
        }
        let first = first_proto.flatten()?;
        let internal = self.internal_constructor_name(o);
        if self.beyond_depth(recurse_times) {
            return Some(format!("{internal} <Complex prototype>"));
        }
        match self.constructor_name(first, recurse_times + 1, proto_props) {
            Some(proto_name) => Some(format!("{internal} <{proto_name}>")),
            None => {
                let opts = InspectOptions { depth: Some(-1), ..self.opts.clone() };
                let mut sub = Ctx::new(self.vm, opts);
                sub.indentation = self.indentation;
                sub.seen = self.seen.clone();
                let text = sub.format_value(Value::Object(first), 0);
                Some(format!("{internal} <{text}>"))
            }
        }
    }

    /// Node's `addPrototypeProperties`: the non-function properties of up
    /// to three prototypes of `main` (from `obj`) below the first built-in
    /// one, that `main` does not shadow.
    fn add_prototype_properties(&mut self, main: Obj, obj: Obj, recurse_times: usize, output: Option<&mut Vec<String>>) {
        let Some(output) = output else { return };
        let ctor_key = PropertyKey::Atom(self.vm.heap.names.constructor);
        let (mut obj, mut keys, mut key_set) = (obj, Vec::new(), Vec::new());
        for depth in 0..3 {
            if depth != 0 || main == obj {
                let Some(p) = self.vm.heap.object(obj).proto else { return };
                obj = p;
                if let Some(Property::Data { value: Value::Object(f), .. }) = reflect::own(self.vm, obj, ctor_key) {
                    let name = reflect::get(self.vm, f, PropertyKey::Atom(self.vm.heap.names.name));
                    if let (true, Value::String(n)) = (reflect::is_callable(self.vm, f), name) {
                        let n = self.vm.heap.to_rust_string(n);
                        if super::format::is_builtin_name(self.vm, &n) {
                            return;
                        }
                    }
                }
            }
            key_set.append(&mut keys);
            keys = self.vm.heap.own_keys_raw(obj);
            self.seen.push(main);
            for &key in &keys {
                if key == ctor_key || reflect::own(self.vm, main, key).is_some() || (depth != 0 && key_set.contains(&key)) {
                    continue;
                }
                let Some(desc) = reflect::own(self.vm, obj, key) else { continue };
                if matches!(desc, Property::Data { value, .. } if reflect::is_function(self.vm, value)) {
                    continue;
                }
                output.push(self.format_described(key, desc, recurse_times, Entry::Property));
            }
            self.seen.pop();
        }
    }

    /// The name of `holder`'s own `constructor`, if it is a named function
    /// that `o` is an instance of.
    fn constructor_on(&mut self, o: Obj, holder: Obj, key: PropertyKey) -> Option<String> {
        let Some(Property::Data { value: Value::Object(f), .. }) = reflect::own(self.vm, holder, key) else { return None };
        if !reflect::is_callable(self.vm, f) {
            return None;
        }
        let name = reflect::get(self.vm, f, PropertyKey::Atom(self.vm.heap.names.name));
        let name = match name {
            Value::Object(_) => return None,
            v => reflect::primitive_string(self.vm, v)?,
        };
        (!name.is_empty() && reflect::instance_of(self.vm, o, f)).then_some(name)
    }

    /// V8's `GetConstructorName` for objects whose chain names none.
    pub(super) fn internal_constructor_name(&self, o: Obj) -> &'static str {
        match self.vm.heap.object(o).kind {
            ObjectKind::Array => "Array",
            ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => "Function",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Symbol(_) => "Symbol",
            ObjectKind::BigInt(_) => "BigInt",
            _ => "Object",
        }
    }

    /// `value[Symbol.toStringTag]` when it is a string that is not an own
    /// enumerable property (own at all, with `showHidden`); else `""`.
    /// Like Node, this calls a getter (`get [Symbol.toStringTag]()` in a
    /// class); one that throws counts as no tag.
    pub(super) fn string_tag(&mut self, o: Obj) -> String {
        let key = PropertyKey::Symbol(self.vm.heap.well_known.to_string_tag);
        let value = match reflect::lookup(self.vm, o, key) {
            Some(Property::Data { value, .. }) => value,
            Some(Property::Accessor { get: Some(g), .. }) => self.vm.call(Value::Object(g), Value::Object(o), &[]).unwrap_or_default(),
            _ => Value::Undefined,
        };
        let Value::String(s) = value else { return String::new() };
        let tag = self.vm.heap.to_rust_string(s);
        let hidden = match reflect::own(self.vm, o, key) {
            Some(p) => !(self.opts.show_hidden || p.enumerable()),
            None => true,
        };
        if tag.is_empty() || hidden {
            tag
        } else {
            String::new()
        }
    }

    /// Node's `getCtxStyle`: the prefix, falling back to the internal
    /// class name for null-prototype objects.
    pub(super) fn ctx_style(&self, o: Obj, constructor: Option<&str>, tag: &str) -> String {
        let mut fallback = "";
        if constructor.is_none() {
            fallback = self.internal_constructor_name(o);
            if fallback == tag {
                fallback = "Object";
            }
        }
        prefix(constructor, tag, fallback, "")
    }

    /// `recurseTimes > ctx.depth`.
    pub(super) fn beyond_depth(&self, recurse_times: usize) -> bool {
        matches!(self.opts.depth, Some(d) if recurse_times as i64 > d)
    }

    /// The text of `o.name` as the function heads use it (`None`: no name).
    fn function_name(&mut self, o: Obj, own_only: bool) -> Option<String> {
        let key = PropertyKey::Atom(self.vm.heap.names.name);
        let value = if own_only {
            reflect::own(self.vm, o, key).and_then(|p| p.value()).unwrap_or(Value::Undefined)
        } else {
            reflect::get(self.vm, o, key)
        };
        match value {
            Value::Object(_) => Some("[object Function]".into()),
            v if own_only && !reflect::truthy(self.vm, v) => None,
            v => reflect::primitive_string(self.vm, v),
        }
    }

    /// Node's `getFunctionBase`: `[Function: f]`, `[class A extends B]`,
    /// `[Function (anonymous)]`, with the constructor and tag when unusual.
    pub(super) fn function_base(&mut self, o: Obj, constructor: Option<&str>, tag: &str) -> String {
        if self.is_class(o) {
            return self.class_base(o, constructor, tag);
        }
        let kind = function_type(self, o);
        let mut base = format!("[{kind}");
        if constructor.is_none() {
            base.push_str(" (null prototype)");
        }
        match self.function_name(o, false) {
            Some(name) if name.is_empty() => base.push_str(" (anonymous)"),
            Some(name) => base.push_str(&format!(": {name}")),
            None => base.push_str(": undefined"),
        }
        base.push(']');
        if let Some(c) = constructor.filter(|c| *c != kind) {
            base.push_str(&format!(" {c}"));
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    fn is_class(&self, o: Obj) -> bool {
        match &self.vm.heap.object(o).kind {
            ObjectKind::Closure(c) => matches!(c.proto.kind, FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor),
            _ => false,
        }
    }

    /// Node's `getClassBase`.
    fn class_base(&mut self, o: Obj, constructor: Option<&str>, tag: &str) -> String {
        let name = self.function_name(o, true).unwrap_or_else(|| "(anonymous)".into());
        let mut base = format!("class {name}");
        if let Some(c) = constructor.filter(|c| *c != "Function") {
            base.push_str(&format!(" [{c}]"));
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if constructor.is_none() {
            base.push_str(" extends [null prototype]");
        } else if let Some(parent) = self.vm.heap.object(o).proto {
            let key = PropertyKey::Atom(self.vm.heap.names.name);
            let super_name = reflect::get(self.vm, parent, key);
            if reflect::truthy(self.vm, super_name) {
                let text = reflect::primitive_string(self.vm, super_name).unwrap_or_else(|| "[object Function]".into());
                base.push_str(&format!(" extends {text}"));
            }
        }
        format!("[{base}]")
    }

    /// Node's `getBoxedBase`: `[Number: 3]`, `[String (Foo): 'x']`.
    pub(super) fn boxed_base(&mut self, o: Obj, constructor: Option<&str>, tag: &str) -> Option<String> {
        let (kind, primitive) = match self.vm.heap.object(o).kind {
            ObjectKind::Number(n) => ("Number", Value::Number(n)),
            ObjectKind::String(s) => ("String", Value::String(s)),
            ObjectKind::Boolean(b) => ("Boolean", Value::Bool(b)),
            ObjectKind::BigInt(b) => ("BigInt", Value::BigInt(b)),
            ObjectKind::Symbol(s) => ("Symbol", Value::Symbol(s)),
            _ => return None,
        };
        let mut base = format!("[{kind}");
        match constructor {
            None => base.push_str(" (null prototype)"),
            Some(c) if c != kind => base.push_str(&format!(" ({c})")),
            Some(_) => {}
        }
        let text = self.format_primitive(primitive);
        base.push_str(&format!(": {text}]"));
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        Some(base)
    }
}

/// `Function`, `GeneratorFunction`, `AsyncFunction` or
/// `AsyncGeneratorFunction`, from the compiled function's kind.
fn function_type(ctx: &Ctx<'_>, o: Obj) -> &'static str {
    match &ctx.vm.heap.object(o).kind {
        ObjectKind::Closure(c) => match c.proto.kind {
            FunctionKind::Generator => "GeneratorFunction",
            FunctionKind::Async => "AsyncFunction",
            FunctionKind::AsyncGenerator => "AsyncGeneratorFunction",
            _ => "Function",
        },
        _ => "Function",
    }
}
