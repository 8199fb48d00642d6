//! What kind of object an object is: its internal slots beyond properties.
//!
//! Every variant that holds a [`Value`] or a handle must be traced by the
//! garbage collector (see `Heap::trace_kind`); add a variant, add its trace.

use crate::bytecode::FunctionProto;
use crate::value::{BigIntRef, Obj, Str, Sym, Value};
use crate::vm::{JsResult, Vm};
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
    /// A RegExp instance ([[OriginalSource]], [[OriginalFlags]],
    /// [[RegExpMatcher]]).
    RegExp(Box<super::regexp::RegExpData>),
    /// A %RegExpStringIteratorPrototype% instance (`matchAll`).
    RegExpStringIterator(Box<super::regexp::RegExpStringIterator>),
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
}

/// A suspended activation: everything a frame holds, kept in the object
/// between resumptions (the register buffer is allocated once).
#[derive(Debug, Clone)]
pub struct Generator {
    /// Life-cycle state.
    pub state: GeneratorState,
    /// The generator function.
    pub function: Obj,
    /// Its code.
    pub proto: Rc<FunctionProto>,
    /// Where to resume.
    pub pc: usize,
    /// The environment at the suspension point.
    pub env: Option<Obj>,
    /// Environments pushed since entry.
    pub env_depth: u16,
    /// `this`.
    pub this: Value,
    /// The actual arguments, if the function keeps them.
    pub args: Option<Box<[Value]>>,
    /// The registers, saved at each suspension.
    pub registers: Box<[Value]>,
    /// Register that receives the value sent by `next`/`throw`/`return`.
    pub resume_reg: u16,
    /// Register that receives the resumption kind: 0 next, 1 throw, 2 return.
    pub mode_reg: u16,
    /// The last `yield` passes an iterator result through (`yield*`).
    pub raw: bool,
    /// Async functions: the promise the call returned (the coroutine
    /// settles it when its body completes).
    pub promise: Option<Obj>,
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
