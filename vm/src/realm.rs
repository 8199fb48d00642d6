//! The realm record (§9.3): the intrinsic objects (%Object.prototype%,
//! %Array.prototype%, the error prototypes, ...), the global object, the
//! global declarative record and the template registry.
//!
//! The VM creates the intrinsics bare (right prototypes and kinds, no
//! properties) so that it can make arrays, functions and errors itself; the
//! runtime's standard library then fills them in. A VM holds any number of
//! realms (see [`crate::realms`]); each is named by its [`RealmId`].

use crate::heap::Heap;
use crate::object::ObjectKind;
use crate::value::{Obj, Value};

/// The kinds of native error the VM itself throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum ErrorKind {
    Error,
    TypeError,
    RangeError,
    ReferenceError,
    SyntaxError,
    EvalError,
    UriError,
    AggregateError,
}

impl ErrorKind {
    /// The constructor's name, e.g. `"TypeError"`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::UriError => "URIError",
            ErrorKind::AggregateError => "AggregateError",
        }
    }

    /// Every kind, in a fixed order.
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::Error,
        ErrorKind::TypeError,
        ErrorKind::RangeError,
        ErrorKind::ReferenceError,
        ErrorKind::SyntaxError,
        ErrorKind::EvalError,
        ErrorKind::UriError,
        ErrorKind::AggregateError,
    ];
}

/// The intrinsic objects every realm has.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Intrinsics {
    pub object_prototype: Obj,
    pub function_prototype: Obj,
    pub array_prototype: Obj,
    pub string_prototype: Obj,
    pub number_prototype: Obj,
    pub boolean_prototype: Obj,
    pub symbol_prototype: Obj,
    pub bigint_prototype: Obj,
    pub iterator_prototype: Obj,
    pub array_iterator_prototype: Obj,
    pub string_iterator_prototype: Obj,
    /// %GeneratorFunction.prototype%: the [[Prototype]] of generator functions.
    pub generator_function_prototype: Obj,
    /// %GeneratorPrototype%: next, return, throw.
    pub generator_prototype: Obj,
    /// %Promise.prototype%.
    pub promise_prototype: Obj,
    /// %AsyncFunction.prototype%: the [[Prototype]] of async functions.
    pub async_function_prototype: Obj,
    /// Indexed by `ErrorKind as usize`.
    pub error_prototypes: [Obj; 8],
    /// %AsyncIteratorPrototype%.
    pub async_iterator_prototype: Obj,
    /// %AsyncGeneratorFunction.prototype%: the [[Prototype]] of async generator functions.
    pub async_generator_function_prototype: Obj,
    /// %AsyncGeneratorPrototype%: next, return, throw.
    pub async_generator_prototype: Obj,
    /// %AsyncFromSyncIteratorPrototype%.
    pub async_from_sync_iterator_prototype: Obj,
}

/// The index of a realm in its VM's realm table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct RealmId(pub(crate) u32);

impl RealmId {
    /// The realm every VM starts with.
    pub const FIRST: RealmId = RealmId(0);

    /// The index in the realm table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A realm: intrinsics, the global object and the global scope.
#[derive(Debug)]
pub struct Realm {
    /// This realm's index in the VM's realm table.
    pub id: RealmId,
    /// The intrinsics.
    pub intrinsics: Intrinsics,
    /// The global object (`globalThis`).
    pub global: Obj,
    /// %ThrowTypeError%, made on first use.
    pub throw_type_error: Option<Obj>,
    /// Intrinsics the standard library registers by their specification
    /// name (`"%Array%"`, `"%Array.prototype.values%"`, ...).
    pub named: rustc_hash::FxHashMap<&'static str, Obj>,
    /// %eval%, once the standard library is installed (direct eval is a
    /// call of the current realm's %eval%).
    pub eval_function: Option<Obj>,
    /// %Promise%, once the standard library is installed (every `await` of
    /// a promise compares its constructor with it).
    pub promise_constructor: Option<Obj>,
    /// The global declarative record (top-level `let`, `const`, `class`).
    pub(crate) globals: crate::interp::GlobalLexicals,
    /// [[TemplateMap]]: the template objects, per template site.
    pub(crate) templates: rustc_hash::FxHashMap<usize, Obj>,
}

impl Realm {
    /// Creates the bare intrinsics and the global object in `heap`, for
    /// the realm table's slot `id`.
    pub(crate) fn new(heap: &mut Heap, id: RealmId) -> Realm {
        let object_prototype = heap.alloc_object(None, ObjectKind::Ordinary);
        let p = Some(object_prototype);
        let function_prototype = heap.alloc_object(p, ObjectKind::Ordinary);
        let array_prototype = heap.alloc_object(p, ObjectKind::Array);
        let iterator_prototype = heap.alloc_object(p, ObjectKind::Ordinary);
        let error_prototype = heap.alloc_object(p, ObjectKind::Ordinary);
        let error_prototypes = ErrorKind::ALL.map(|k| {
            if k == ErrorKind::Error {
                error_prototype
            } else {
                heap.alloc_object(Some(error_prototype), ObjectKind::Ordinary)
            }
        });
        let async_iterator_prototype = heap.alloc_object(p, ObjectKind::Ordinary);
        let empty = heap.intern_str("");
        let empty = heap.atom_string(empty);
        let intrinsics = Intrinsics {
            object_prototype,
            function_prototype,
            array_prototype,
            string_prototype: heap.alloc_object(p, ObjectKind::String(empty)),
            number_prototype: heap.alloc_object(p, ObjectKind::Number(0.0)),
            boolean_prototype: heap.alloc_object(p, ObjectKind::Boolean(false)),
            symbol_prototype: heap.alloc_object(p, ObjectKind::Ordinary),
            bigint_prototype: heap.alloc_object(p, ObjectKind::Ordinary),
            iterator_prototype,
            array_iterator_prototype: heap.alloc_object(Some(iterator_prototype), ObjectKind::Ordinary),
            string_iterator_prototype: heap.alloc_object(Some(iterator_prototype), ObjectKind::Ordinary),
            generator_function_prototype: heap.alloc_object(Some(function_prototype), ObjectKind::Ordinary),
            generator_prototype: heap.alloc_object(Some(iterator_prototype), ObjectKind::Ordinary),
            promise_prototype: heap.alloc_object(p, ObjectKind::Ordinary),
            async_function_prototype: heap.alloc_object(Some(function_prototype), ObjectKind::Ordinary),
            error_prototypes,
            async_iterator_prototype,
            async_generator_function_prototype: heap.alloc_object(Some(function_prototype), ObjectKind::Ordinary),
            async_generator_prototype: heap.alloc_object(Some(async_iterator_prototype), ObjectKind::Ordinary),
            async_from_sync_iterator_prototype: heap.alloc_object(Some(async_iterator_prototype), ObjectKind::Ordinary),
        };
        let global = heap.alloc_object(p, ObjectKind::Ordinary);
        Realm {
            id,
            intrinsics,
            global,
            throw_type_error: None,
            named: Default::default(),
            eval_function: None,
            promise_constructor: None,
            globals: Default::default(),
            templates: Default::default(),
        }
    }

    /// The intrinsic registered as `name`, e.g. `"%Array%"`.
    pub fn intrinsic(&self, name: &str) -> Option<Obj> {
        self.named.get(name).copied()
    }

    /// The prototype of errors of `kind`.
    pub fn error_prototype(&self, kind: ErrorKind) -> Obj {
        self.intrinsics.error_prototypes[kind as usize]
    }

    /// The intrinsics kept in fields, in a fixed order (the same in every
    /// realm, so a position names the same intrinsic in each).
    pub(crate) fn fixed_intrinsics(&self) -> [Obj; 27] {
        let i = &self.intrinsics;
        let e = &i.error_prototypes;
        [
            i.object_prototype,
            i.function_prototype,
            i.array_prototype,
            i.string_prototype,
            i.number_prototype,
            i.boolean_prototype,
            i.symbol_prototype,
            i.bigint_prototype,
            i.iterator_prototype,
            i.array_iterator_prototype,
            i.string_iterator_prototype,
            i.generator_function_prototype,
            i.generator_prototype,
            i.promise_prototype,
            i.async_function_prototype,
            i.async_iterator_prototype,
            i.async_generator_function_prototype,
            i.async_generator_prototype,
            i.async_from_sync_iterator_prototype,
            e[0],
            e[1],
            e[2],
            e[3],
            e[4],
            e[5],
            e[6],
            e[7],
        ]
    }

    /// Every object this realm holds (intrinsics, global object, template
    /// objects), for the garbage collector; the values of the global
    /// lexical bindings are `Realm::root_values`.
    pub fn roots(&self) -> impl Iterator<Item = Obj> + '_ {
        self.fixed_intrinsics()
            .into_iter()
            .chain([self.global])
            .chain(self.throw_type_error)
            .chain(self.eval_function)
            .chain(self.promise_constructor)
            .chain(self.named.values().copied())
            .chain(self.templates.values().copied())
    }

    /// The values of the global lexical bindings, for the garbage collector.
    pub(crate) fn root_values(&self) -> impl Iterator<Item = Value> + '_ {
        self.globals.slots.iter().map(|b| b.value)
    }
}
