//! What kind of object an object is: its internal slots beyond properties.
//!
//! Every variant that holds a [`Value`] or a handle must be traced by the
//! garbage collector (see `Heap::trace_kind`); add a variant, add its trace.

use crate::bytecode::FunctionProto;
use crate::value::{BigIntRef, Obj, Str, Sym, Value};
use crate::vm::{JsResult, Vm};
use super::ordered_table::OrderedTable;
use super::weak_table::WeakTable;
use std::rc::Rc;

/// A built-in function implemented in Rust: `(vm, this, args, new_target)`.
/// `new_target` is `Some` when called as a constructor.
pub type NativeFn = fn(&mut Vm, Value, &[Value], Option<Obj>) -> JsResult<Value>;

/// The internal slots of an object, by kind.
#[derive(Debug, Clone)]
pub enum ObjectKind {
    /// An ordinary object.
    Ordinary,
    /// An Array exotic object (its `length` is kept by the elements storage).
    Array,
    /// A function compiled from JavaScript.
    Closure(Closure),
    /// A built-in function.
    Native(NativeFunction),
    /// A bound function exotic object.
    Bound(BoundFunction),
    /// The environment of captured variables of one scope activation:
    /// `slots[i]` is the i-th captured binding; `parent` the enclosing one.
    Env(Env),
    /// An Error instance ([[ErrorData]]).
    Error,
    /// A Boolean wrapper.
    Boolean(bool),
    /// A Number wrapper.
    Number(f64),
    /// A String exotic object (wrapper).
    String(Str),
    /// A Symbol wrapper.
    Symbol(Sym),
    /// A BigInt wrapper.
    BigInt(BigIntRef),
    /// An arguments exotic object: `mapped[i]` is the environment slot that
    /// index `i` aliases (mapped arguments in sloppy functions with simple
    /// parameters), or `None` once unmapped.
    Arguments(Arguments),
    /// A Proxy exotic object; `None` handler once revoked.
    Proxy(Proxy),
    /// An iterator over an array-like (%ArrayIteratorPrototype% instances).
    ArrayIterator(ArrayIterator),
    /// A String iterator.
    StringIterator(StringIterator),
    /// A generator object: a suspended activation of a generator function.
    Generator(Box<Generator>),
    /// A Promise.
    Promise(Box<crate::promise::PromiseData>),
    /// An %AsyncFromSyncIteratorPrototype% instance: its [[SyncIteratorRecord]].
    AsyncFromSyncIterator(AsyncFromSyncIterator),
    /// A Map ([[MapData]]).
    Map(Box<OrderedTable>),
    /// A Set ([[SetData]]; entry values unused).
    Set(Box<OrderedTable>),
    /// A WeakMap ([[WeakMapData]]; traced as ephemerons).
    WeakMap(Box<WeakTable>),
    /// A WeakSet ([[WeakSetData]]; never keeps its keys alive).
    WeakSet(Box<WeakTable>),
    /// A Map iterator (%MapIteratorPrototype% instances).
    MapIterator(CollectionIterator),
    /// A Set iterator (%SetIteratorPrototype% instances).
    SetIterator(CollectionIterator),
    /// An iterator helper (%IteratorHelperPrototype% instances).
    IteratorHelper(Box<IteratorHelper>),
    /// A wrapper made by `Iterator.from` (%WrapForValidIteratorPrototype%).
    WrapForValidIterator(IteratorRecordSlots),
    /// A RegExp instance ([[OriginalSource]], [[OriginalFlags]],
    /// [[RegExpMatcher]]).
    RegExp(Box<super::regexp::RegExpData>),
    /// A %RegExpStringIteratorPrototype% instance (`matchAll`).
    RegExpStringIterator(Box<super::regexp::RegExpStringIterator>),
    /// An ArrayBuffer ([[ArrayBufferData]], [[ArrayBufferMaxByteLength]]).
    ArrayBuffer(Box<super::array_buffer::ArrayBufferData>),
    /// A TypedArray exotic object (§10.4.5).
    TypedArray(super::typed_array::TypedArrayData),
    /// A DataView ([[ViewedArrayBuffer]], [[ByteOffset]], [[ByteLength]]).
    DataView(super::array_buffer::DataViewData),
    /// A Date instance: its [[DateValue]], a time value (NaN or integral
    /// within ±8.64e15).
    Date(f64),
    /// An import binding's target (§16.2.1.6.4 InitializeEnvironment
    /// step 7.c): the exporting module's environment and the slot of the
    /// exported binding. An importing module's environment slot holds it,
    /// so reading the import reads the exporter's binding live.
    ModuleBinding(ModuleBinding),
    /// A module namespace exotic object (§10.4.6).
    ModuleNamespace(Box<super::namespace::Namespace>),
}

/// Where an imported binding lives: slot `slot` of the module environment `env`.
#[derive(Debug, Clone, Copy)]
pub struct ModuleBinding {
    /// The exporting module's environment.
    pub env: Obj,
    /// The slot of the binding in it.
    pub slot: u16,
}

/// Where a generator is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeneratorState {
    /// Created, body not started.
    SuspendedStart,
    /// Stopped at a `yield`.
    SuspendedYield,
    /// Running (a resume while running is a TypeError).
    Executing,
    /// Returned or threw.
    Completed,
    /// Async coroutines: stopped at an `await` (for an async generator this
    /// is the specification's *executing*: requests are only queued).
    SuspendedAwait,
    /// Async generators: the body is done (or never ran) and the request
    /// queue is being settled (the specification's *draining-queue*).
    DrainingQueue,
}

/// A suspended activation: everything a frame holds, kept between
/// resumptions (the register buffer is allocated once). A generator's is
/// the generator object's; an async function's lives in its result
/// promise (no code can observe the coroutine, so it needs no object).
#[derive(Debug, Clone)]
pub struct Generator {
    /// Life-cycle state.
    pub state: GeneratorState,
    /// The generator function.
    pub function: Obj,
    /// Its code.
    pub proto: Rc<FunctionProto>,
    /// Where to resume.
    pub pc: u32,
    /// The environment at the suspension point.
    pub env: Option<Obj>,
    /// Environments pushed since entry.
    pub env_depth: u16,
    /// The registers, saved at each suspension: the window the proto
    /// names (`saved_start`, `saved_registers`), then `this` if the proto
    /// keeps it (`saved_this`).
    pub registers: Box<[Value]>,
    /// Register that receives the value sent by `next`/`throw`/`return`.
    pub resume_reg: u16,
    /// Register that receives the resumption kind: 0 next, 1 throw, 2 return.
    pub mode_reg: u16,
    /// The last `yield` passes an iterator result through (`yield*`).
    pub raw: bool,
    /// The parts most coroutines lack, boxed together: a plain async
    /// function's pays one pointer for them.
    pub extra: Option<Box<CoroutineExtra>>,
}

/// The rarely present parts of a [`Generator`].
#[derive(Debug, Clone, Default)]
pub struct CoroutineExtra {
    /// The actual arguments, if the function keeps them.
    pub args: Option<Box<[Value]>>,
    /// Async generators (and only they): [[AsyncGeneratorQueue]], oldest first.
    pub requests: Option<std::collections::VecDeque<AsyncGeneratorRequest>>,
}

impl Generator {
    /// Marks every value the suspended activation holds.
    pub fn trace(&self, mut mark: impl FnMut(Value)) {
        mark(Value::Object(self.function));
        if let Some(env) = self.env {
            mark(Value::Object(env));
        }
        self.registers.iter().for_each(|v| mark(*v));
        let Some(extra) = &self.extra else { return };
        extra.args.iter().flat_map(|a| a.iter()).for_each(|v| mark(*v));
        for r in extra.requests.iter().flat_map(|q| q.iter()) {
            mark(r.value);
            mark(Value::Object(r.promise));
        }
    }

    /// The saved `this` (undefined if the code never reads it again).
    pub fn this(&self) -> Value {
        let kept = self.proto.saved_this.then(|| self.registers.last()).flatten();
        kept.copied().unwrap_or(Value::Undefined)
    }

    /// The actual arguments, if the function keeps them.
    pub fn args(&self) -> Option<&[Value]> {
        self.extra.as_ref()?.args.as_deref()
    }

    /// An async generator's request queue (`None` for other coroutines).
    pub fn requests(&self) -> Option<&std::collections::VecDeque<AsyncGeneratorRequest>> {
        self.extra.as_ref()?.requests.as_ref()
    }

    /// An async generator's request queue, mutably.
    pub fn requests_mut(&mut self) -> Option<&mut std::collections::VecDeque<AsyncGeneratorRequest>> {
        self.extra.as_mut()?.requests.as_mut()
    }
}

impl ObjectKind {
    /// The coroutine this object holds: a generator's own, or the one an
    /// async function's result promise keeps while the body runs.
    pub fn coroutine(&self) -> Option<&Generator> {
        match self {
            ObjectKind::Generator(g) => Some(g),
            ObjectKind::Promise(p) => p.coroutine.as_deref(),
            _ => None,
        }
    }

    /// The coroutine this object holds, mutably.
    pub fn coroutine_mut(&mut self) -> Option<&mut Generator> {
        match self {
            ObjectKind::Generator(g) => Some(g),
            ObjectKind::Promise(p) => p.coroutine.as_deref_mut(),
            _ => None,
        }
    }
}

/// An AsyncGeneratorRequest record: a `next`/`throw`/`return` call waiting
/// for the async generator, and the promise that call returned.
#[derive(Debug, Clone, Copy)]
pub struct AsyncGeneratorRequest {
    /// [[Completion]]'s kind: 0 normal (next), 1 throw, 2 return.
    pub kind: u8,
    /// [[Completion]]'s value.
    pub value: Value,
    /// [[Capability]]: a %Promise% promise only this request settles.
    pub promise: Obj,
}

/// The [[SyncIteratorRecord]] of an async-from-sync iterator.
#[derive(Debug, Clone, Copy)]
pub struct AsyncFromSyncIterator {
    /// The sync iterator.
    pub iterator: Value,
    /// Its `next` method.
    pub next: Value,
}

/// A JavaScript function value: code plus captured environment.
#[derive(Debug, Clone)]
pub struct Closure {
    /// The compiled code.
    pub proto: Rc<FunctionProto>,
    /// The environment of captured variables it closes over.
    pub env: Option<Obj>,
    /// For arrows: the `this`, `new.target` and home object they inherit
    /// are read from `env`; for methods: the [[HomeObject]].
    pub home_object: Option<Obj>,
    /// Class constructors: the field initializers and private methods to
    /// run on construction (a list object), if any.
    pub fields: Option<Obj>,
    /// Class constructors: the class has `extends`.
    pub derived: bool,
    /// \[\[Realm\]\]: the realm current when the closure was made.
    pub realm: crate::realm::RealmId,
}

/// A built-in function.
#[derive(Debug, Clone)]
pub struct NativeFunction {
    /// Called for `f()`, and for `new f()` when `construct` is true.
    pub call: NativeFn,
    /// It is a constructor.
    pub construct: bool,
    /// Values the function closes over (e.g. a promise's resolving functions).
    pub captures: Box<[Value]>,
    /// \[\[Realm\]\]: the realm whose intrinsics it was made for.
    pub realm: crate::realm::RealmId,
}

/// A bound function.
#[derive(Debug, Clone)]
pub struct BoundFunction {
    /// [[BoundTargetFunction]]
    pub target: Obj,
    /// [[BoundThis]]
    pub this: Value,
    /// [[BoundArguments]]
    pub args: Box<[Value]>,
}

/// A scope activation's captured variables.
#[derive(Debug, Clone)]
pub struct Env {
    /// The enclosing environment.
    pub parent: Option<Obj>,
    /// The captured bindings; [`Value::Empty`] while in their temporal dead zone.
    pub slots: Box<[Value]>,
    /// A `with` statement's object environment: names are looked up on
    /// this object (then outward) before their static bindings.
    pub object: Option<Obj>,
}

/// An arguments object.
#[derive(Debug, Clone)]
pub struct Arguments {
    /// The function's environment holding the mapped parameters.
    pub env: Option<Obj>,
    /// For each index, the environment slot it aliases.
    pub mapped: Box<[Option<u32>]>,
}

/// A Proxy.
#[derive(Debug, Clone)]
pub struct Proxy {
    /// [[ProxyTarget]]
    pub target: Option<Obj>,
    /// [[ProxyHandler]]; `None` once revoked.
    pub handler: Option<Obj>,
    /// The target is callable (so the proxy is).
    pub callable: bool,
    /// The target is a constructor.
    pub constructor: bool,
}

/// State of an array iterator.
#[derive(Debug, Clone)]
pub struct ArrayIterator {
    /// The iterated object; `None` when done.
    pub object: Option<Obj>,
    /// The next index.
    pub index: u32,
    /// keys, values or entries.
    pub kind: IterationKind,
}

/// What an iterator yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IterationKind {
    /// Keys (indices).
    Keys,
    /// Values.
    Values,
    /// `[key, value]` pairs.
    Entries,
}

/// State of a string iterator.
#[derive(Debug, Clone)]
pub struct StringIterator {
    /// The iterated string; `None` when done.
    pub string: Option<Str>,
    /// The next code unit index.
    pub index: u32,
}

/// State of a Map or Set iterator.
#[derive(Debug, Clone)]
pub struct CollectionIterator {
    /// The Map or Set; `None` when done.
    pub target: Option<Obj>,
    /// The position of the next entry to look at.
    pub index: u32,
    /// keys, values or entries.
    pub kind: IterationKind,
}

/// An Iterator Record (§7.4.1) kept in an object's slots.
#[derive(Debug, Clone, Copy)]
pub struct IteratorRecordSlots {
    /// [[Iterator]]
    pub iterator: Value,
    /// [[NextMethod]]
    pub next: Value,
}

/// Which helper of `Iterator.prototype` made an iterator helper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelperOp {
    /// `map(mapper)`
    Map,
    /// `filter(predicate)`
    Filter,
    /// `take(limit)`
    Take,
    /// `drop(limit)`
    Drop,
    /// `flatMap(mapper)`
    FlatMap,
    /// `chunks(chunkSize)` (iterator-chunking proposal)
    Chunks,
    /// `windows(windowSize, undersized)` (iterator-chunking proposal)
    Windows,
}

/// The state of an iterator helper: the closure of the abstract
/// generator the specification makes, as data.
#[derive(Debug, Clone)]
pub struct IteratorHelper {
    /// The helper it implements.
    pub op: HelperOp,
    /// Generator-like life cycle ([[GeneratorState]]).
    pub state: GeneratorState,
    /// [[UnderlyingIterator]]
    pub underlying: IteratorRecordSlots,
    /// The mapper or predicate (undefined for take and drop).
    pub function: Value,
    /// The counter passed to the callback, or what remains to take/drop.
    pub counter: f64,
    /// `flatMap`: the inner iterator being drained.
    pub inner: Option<IteratorRecordSlots>,
    /// `windows`: the values of the current window.
    pub buffer: Vec<Value>,
    /// `windows`: undersized is "allow-partial".
    pub allow_partial: bool,
    /// The underlying iterator is done (a last partial chunk may still be
    /// pending); closing the helper then closes nothing.
    pub exhausted: bool,
}
