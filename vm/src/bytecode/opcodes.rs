//! The instruction set: one table, from which the `Instr` enum, the byte
//! encoder, the decoder and the disassembler are generated, so they cannot
//! drift apart.
//!
//! Operand kinds: `R` a register (`Reg`), `K` a constant index, `A` an atom
//! (a property or variable name), `U` an unsigned count or index, `I` a
//! signed 32-bit immediate, `J` a jump target (instruction index), `C` an
//! inline-cache slot. Encoding: one opcode byte, then each operand in one
//! byte (`R`, `U`, `C`) or four bytes (`K`, `A`, `I`, `J`); a `Wide` prefix
//! makes the one-byte operands two bytes.
//!
//! Register conventions: `R[x]` is register x of the current frame; `env`
//! is the frame's current environment of captured variables.

use super::Reg;

macro_rules! operand_type {
    (R) => { Reg };
    (K) => { u32 };
    (A) => { u32 };
    (U) => { u16 };
    (I) => { i32 };
    (J) => { u32 };
    (C) => { u16 };
}

macro_rules! encode_operand {
    ($out:ident, $wide:ident, R, $v:expr) => { encode_small($out, $wide, $v.0) };
    ($out:ident, $wide:ident, U, $v:expr) => { encode_small($out, $wide, *$v) };
    ($out:ident, $wide:ident, C, $v:expr) => { encode_small($out, $wide, *$v) };
    ($out:ident, $wide:ident, K, $v:expr) => { $out.extend_from_slice(&$v.to_le_bytes()) };
    ($out:ident, $wide:ident, A, $v:expr) => { $out.extend_from_slice(&$v.to_le_bytes()) };
    ($out:ident, $wide:ident, I, $v:expr) => { $out.extend_from_slice(&$v.to_le_bytes()) };
    ($out:ident, $wide:ident, J, $v:expr) => { $out.extend_from_slice(&$v.to_le_bytes()) };
}

macro_rules! decode_operand {
    ($r:ident, R) => { Reg($r.small()?) };
    ($r:ident, U) => { $r.small()? };
    ($r:ident, C) => { $r.small()? };
    ($r:ident, K) => { $r.u32()? };
    ($r:ident, A) => { $r.u32()? };
    ($r:ident, I) => { $r.u32()? as i32 };
    ($r:ident, J) => { $r.u32()? };
}

macro_rules! is_small {
    (R, $v:expr) => { $v.0 <= 0xff };
    (U, $v:expr) => { *$v <= 0xff };
    (C, $v:expr) => { *$v <= 0xff };
    ($other:ident, $v:expr) => { true };
}

macro_rules! define_instructions {
    ($( $(#[doc = $doc:literal])* $name:ident { $($field:ident : $kind:ident),* } ;)*) => {
        /// One instruction, decoded.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Instr {
            $( $(#[doc = $doc])* $name { $( #[allow(missing_docs)] $field: operand_type!($kind) ),* }, )*
        }

        /// Opcode numbers: the first byte of each encoded instruction.
        #[allow(non_camel_case_types, missing_docs, clippy::upper_case_acronyms)]
        #[repr(u8)]
        enum Opcode { Wide = 0, $( $name, )* }

        impl Instr {
            /// Appends the encoding of `self` to `out`.
            pub fn encode(&self, out: &mut Vec<u8>) {
                match self {
                    $( Instr::$name { $($field),* } => {
                        let wide = !(true $( && is_small!($kind, $field) )*);
                        if wide { out.push(Opcode::Wide as u8); }
                        out.push(Opcode::$name as u8);
                        $( encode_operand!(out, wide, $kind, $field); )*
                    } )*
                }
            }

            /// Decodes one instruction at the start of `bytes`; returns it and
            /// its encoded length, or `None` for malformed code.
            pub fn decode(bytes: &[u8]) -> Option<(Instr, usize)> {
                let mut r = Reader { bytes, pos: 0, wide: false };
                let mut op = r.byte()?;
                if op == Opcode::Wide as u8 {
                    r.wide = true;
                    op = r.byte()?;
                }
                let mut _n = 0u8;
                $(
                    _n += 1;
                    if op == _n {
                        let instr = Instr::$name { $( $field: decode_operand!(r, $kind) ),* };
                        return Some((instr, r.pos));
                    }
                )*
                None
            }

            /// The mnemonic, e.g. `"Add"`.
            pub fn name(&self) -> &'static str {
                match self { $( Instr::$name { .. } => stringify!($name), )* }
            }

            /// The operands as `(kind, value)` pairs, for the disassembler.
            pub fn operands(&self) -> Vec<(char, i64)> {
                match self {
                    $( Instr::$name { $($field),* } => vec![ $( (stringify!($kind).as_bytes()[0] as char, operand_value!($kind, $field)) ),* ], )*
                }
            }

            /// Calls `f` with each register operand (the verifier's view, see
            /// [`super::Code::new`]).
            pub fn for_each_register(&self, mut f: impl FnMut(Reg)) {
                let mut copy = *self;
                copy.for_each_register_mut(|r| f(*r));
            }

            /// Calls `f` with each register operand, which it may renumber.
            pub fn for_each_register_mut(&mut self, mut f: impl FnMut(&mut Reg)) {
                match self {
                    $( Instr::$name { $($field),* } => { $( visit_register!($kind, $field, f); )* } )*
                }
            }

            /// Calls `f` with each register operand but the one named `dst`.
            pub fn for_each_source_register(&self, mut f: impl FnMut(Reg)) {
                match self {
                    $( Instr::$name { $($field),* } => { $( visit_source!($field, $kind, $field, f); )* } )*
                }
            }

            /// The register operand named `dst`, if there is one.
            pub fn dst(&self) -> Option<Reg> {
                match self {
                    $( Instr::$name { $($field),* } => { let mut _dst = None; $( visit_dst!($field, $field, _dst); )* _dst } )*
                }
            }

            /// Calls `f` with each jump-target operand.
            pub fn for_each_target(&self, mut f: impl FnMut(u32)) {
                match self {
                    $( Instr::$name { $($field),* } => { $( visit_target!($kind, $field, f); )* } )*
                }
            }

            /// The one-line meaning of this instruction, from the table.
            pub fn meaning(&self) -> &'static str {
                match self { $( Instr::$name { .. } => concat!($($doc),*).trim_ascii(), )* }
            }
        }
    };
}

macro_rules! visit_register {
    (R, $v:expr, $f:ident) => { $f($v) };
    ($k:ident, $v:expr, $f:ident) => { let _ = $v; };
}

macro_rules! visit_source {
    (dst, $k:ident, $v:expr, $f:ident) => { let _ = $v; };
    ($name:ident, R, $v:expr, $f:ident) => { $f(*$v) };
    ($name:ident, $k:ident, $v:expr, $f:ident) => { let _ = $v; };
}

macro_rules! visit_dst {
    (dst, $v:expr, $out:ident) => { $out = Some(*$v) };
    ($name:ident, $v:expr, $out:ident) => { let _ = $v; };
}

macro_rules! visit_target {
    (J, $v:expr, $f:ident) => { $f(*$v) };
    ($k:ident, $v:expr, $f:ident) => { let _ = $v; };
}

macro_rules! operand_value {
    (R, $v:expr) => { i64::from($v.0) };
    (I, $v:expr) => { i64::from(*$v) };
    ($k:ident, $v:expr) => { i64::from(*$v) };
}

fn encode_small(out: &mut Vec<u8>, wide: bool, v: u16) {
    if wide {
        out.extend_from_slice(&v.to_le_bytes());
    } else {
        out.push(v as u8);
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    wide: bool,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn small(&mut self) -> Option<u16> {
        if self.wide {
            let lo = self.byte()?;
            let hi = self.byte()?;
            Some(u16::from_le_bytes([lo, hi]))
        } else {
            self.byte().map(u16::from)
        }
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.bytes.get(self.pos..self.pos + 4)?;
        self.pos += 4;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

define_instructions! {
    // ----- loads and moves -----
    /// R[dst] := undefined
    LoadUndefined { dst: R };
    /// R[dst] := null
    LoadNull { dst: R };
    /// R[dst] := true
    LoadTrue { dst: R };
    /// R[dst] := false
    LoadFalse { dst: R };
    /// R[dst] := ~empty~ (a binding entering its temporal dead zone)
    LoadEmpty { dst: R };
    /// R[dst] := imm (a small integer Number)
    LoadInt { dst: R, imm: I };
    /// R[dst] := K[k] (a Number or BigInt constant)
    LoadConst { dst: R, k: K };
    /// R[dst] := the string of atom a
    LoadString { dst: R, a: A };
    /// R[dst] := R[src]
    Move { dst: R, src: R };
    /// R[dst] := this (ReferenceError before super() in a derived constructor)
    LoadThis { dst: R };
    /// bind this := R[src] after super() (ReferenceError if already bound)
    StoreThis { src: R };
    /// bind env(depth).slots[slot] := R[src] as this after super() (ReferenceError if already bound)
    BindThisEnv { depth: U, slot: U, src: R };
    /// R[dst] := new.target
    LoadNewTarget { dst: R };
    /// R[dst] := the running function object
    LoadCallee { dst: R };

    // ----- variables -----
    /// throw ReferenceError "a is not defined / before initialization" if R[src] is ~empty~
    CheckInit { src: R, a: A };
    /// R[dst] := env(depth).slots[slot], ReferenceError (name a) if ~empty~
    GetEnv { dst: R, depth: U, slot: U, a: A };
    /// env(depth).slots[slot] := R[src]
    SetEnv { depth: U, slot: U, src: R };
    /// env(depth).slots[slot] := R[src], ReferenceError (name a) if still ~empty~
    SetEnvChecked { depth: U, slot: U, src: R, a: A };
    /// env := new Env(parent: env, size slots, all ~empty~)
    PushEnv { size: U };
    /// env := env.parent
    PopEnv { };
    /// env := new object environment of ToObject(R[obj]) (a `with` statement)
    PushWith { obj: R };
    /// if a `with` object among the next depth envs has binding a: R[dst] := its value, R[this] := the object, pc := target
    GetName { dst: R, this: R, a: A, depth: U, target: J };
    /// if a `with` object among the next depth envs has binding a: set it to R[src], pc := target
    SetName { src: R, a: A, depth: U, target: J };
    /// R[dst] := the `with` object among the next depth envs that has binding a, else ~empty~ (ResolveBinding, done once per reference)
    ResolveName { dst: R, a: A, depth: U };
    /// if R[obj] is not ~empty~: R[dst] := its binding a (GetBindingValue of an object environment), pc := target
    GetNameRef { dst: R, obj: R, a: A, target: J };
    /// if R[obj] is not ~empty~: its binding a := R[src] (SetMutableBinding of an object environment), pc := target
    SetNameRef { obj: R, src: R, a: A, target: J };
    /// R[dst] := delete binding a: a `with` object's among the next depth envs, else the global object's if global != 0, else false
    DeleteName { dst: R, a: A, depth: U, global: U };
    /// env := copy of env (same parent, same slot values): per-iteration bindings
    CopyEnv { };
    /// R[dst] := global binding a (ReferenceError if absent)
    GetGlobal { dst: R, a: A, ic: C };
    /// R[dst] := global binding a, or undefined if absent (for typeof)
    GetGlobalOrUndefined { dst: R, a: A, ic: C };
    /// global binding a := R[src] (ReferenceError in strict code if absent)
    SetGlobal { a: A, src: R, strict: U, ic: C };
    /// throw a SyntaxError unless the script may declare the global lexical binding a (no lexical binding or non-configurable global property a)
    CheckGlobalLexical { a: A };
    /// declare the script's top-level lexical binding a (TDZ until initialised)
    DeclareGlobalLexical { a: A, constant: U };
    /// initialise the global lexical binding a := R[src]
    InitGlobalLexical { a: A, src: R };
    /// declare top-level var a (and, if func is not 0xffff, set it to R[func])
    DeclareGlobalVar { a: A, func: R, has_func: U };
    /// R[dst] := the import binding in env(depth).slots[slot]: the exporter's binding it points to (ReferenceError, name a, if uninitialized), or the value itself (a namespace)
    GetImport { dst: R, depth: U, slot: U, a: A };

    // ----- operators -----
    /// R[dst] := R[a] + R[b]
    Add { dst: R, a: R, b: R };
    /// R[dst] := R[a] - R[b]
    Sub { dst: R, a: R, b: R };
    /// R[dst] := R[a] * R[b]
    Mul { dst: R, a: R, b: R };
    /// R[dst] := R[a] / R[b]
    Div { dst: R, a: R, b: R };
    /// R[dst] := R[a] % R[b]
    Rem { dst: R, a: R, b: R };
    /// R[dst] := R[a] ** R[b]
    Exp { dst: R, a: R, b: R };
    /// R[dst] := R[a] + imm (a literal small integer right operand)
    AddI { dst: R, a: R, imm: I };
    /// R[dst] := R[a] - imm
    SubI { dst: R, a: R, imm: I };
    /// R[dst] := R[a] * imm
    MulI { dst: R, a: R, imm: I };
    /// R[dst] := R[a] % imm
    RemI { dst: R, a: R, imm: I };
    /// R[dst] := R[a] << R[b]
    Shl { dst: R, a: R, b: R };
    /// R[dst] := R[a] >> R[b]
    Shr { dst: R, a: R, b: R };
    /// R[dst] := R[a] >>> R[b]
    UShr { dst: R, a: R, b: R };
    /// R[dst] := R[a] & R[b]
    BitAnd { dst: R, a: R, b: R };
    /// R[dst] := R[a] | R[b]
    BitOr { dst: R, a: R, b: R };
    /// R[dst] := R[a] ^ R[b]
    BitXor { dst: R, a: R, b: R };
    /// R[dst] := R[a] == R[b]
    Eq { dst: R, a: R, b: R };
    /// R[dst] := R[a] != R[b]
    NotEq { dst: R, a: R, b: R };
    /// R[dst] := R[a] === R[b]
    StrictEq { dst: R, a: R, b: R };
    /// R[dst] := R[a] !== R[b]
    StrictNotEq { dst: R, a: R, b: R };
    /// R[dst] := R[a] < R[b]
    Lt { dst: R, a: R, b: R };
    /// R[dst] := R[a] <= R[b]
    LtEq { dst: R, a: R, b: R };
    /// R[dst] := R[a] > R[b]
    Gt { dst: R, a: R, b: R };
    /// R[dst] := R[a] >= R[b]
    GtEq { dst: R, a: R, b: R };
    /// R[dst] := R[a] in R[b]
    In { dst: R, a: R, b: R };
    /// R[dst] := R[a] instanceof R[b]
    InstanceOf { dst: R, a: R, b: R };
    /// R[dst] := -R[src]
    Neg { dst: R, src: R };
    /// R[dst] := ToNumber(R[src])  (unary +)
    ToNumber { dst: R, src: R };
    /// R[dst] := ToNumeric(R[src])  (before a postfix update)
    ToNumeric { dst: R, src: R };
    /// R[dst] := !R[src]
    Not { dst: R, src: R };
    /// R[dst] := ~R[src]
    BitNot { dst: R, src: R };
    /// R[dst] := typeof R[src]
    TypeOf { dst: R, src: R };
    /// R[dst] := R[src] + 1 (numeric)
    Inc { dst: R, src: R };
    /// R[dst] := R[src] - 1 (numeric)
    Dec { dst: R, src: R };
    /// R[dst] := ToString(R[src])  (template substitutions)
    ToString { dst: R, src: R };
    /// R[dst] := ToPropertyKey(R[src])  (computed keys, evaluated once)
    ToPropertyKey { dst: R, src: R };

    // ----- jumps -----
    /// pc := target
    Jump { target: J };
    /// if ToBoolean(R[cond]) then pc := target
    JumpIfTrue { cond: R, target: J };
    /// if !ToBoolean(R[cond]) then pc := target
    JumpIfFalse { cond: R, target: J };
    /// if (R[a] < R[b]) == sense then pc := target  (sense 0: jump when false)
    JumpIfLt { a: R, b: R, sense: U, target: J };
    /// if (R[a] <= R[b]) == sense then pc := target  (sense 0: jump when false)
    JumpIfLtEq { a: R, b: R, sense: U, target: J };
    /// if (R[a] > R[b]) == sense then pc := target  (sense 0: jump when false)
    JumpIfGt { a: R, b: R, sense: U, target: J };
    /// if (R[a] >= R[b]) == sense then pc := target  (sense 0: jump when false)
    JumpIfGtEq { a: R, b: R, sense: U, target: J };
    /// if (R[a] < imm) == sense then pc := target
    JumpIfLtI { a: R, imm: I, sense: U, target: J };
    /// if (R[a] <= imm) == sense then pc := target
    JumpIfLtEqI { a: R, imm: I, sense: U, target: J };
    /// if (R[a] > imm) == sense then pc := target
    JumpIfGtI { a: R, imm: I, sense: U, target: J };
    /// if (R[a] >= imm) == sense then pc := target
    JumpIfGtEqI { a: R, imm: I, sense: U, target: J };
    /// if R[cond] is undefined or null then pc := target
    JumpIfNullish { cond: R, target: J };
    /// if R[cond] is neither undefined nor null then pc := target
    JumpIfNotNullish { cond: R, target: J };
    /// if R[cond] is undefined then pc := target
    JumpIfUndefined { cond: R, target: J };
    /// if R[cond] is not undefined then pc := target
    JumpIfNotUndefined { cond: R, target: J };

    // ----- properties -----
    /// R[dst] := R[obj].a
    GetField { dst: R, obj: R, a: A, ic: C };
    /// R[obj].a := R[src]
    SetField { obj: R, a: A, src: R, ic: C };
    /// R[dst] := R[obj][R[key]]
    GetElem { dst: R, obj: R, key: R };
    /// R[obj][R[key]] := R[src]
    SetElem { obj: R, key: R, src: R };
    /// R[dst] := delete R[obj][R[key]]
    DeleteElem { dst: R, obj: R, key: R };
    /// R[dst] := GetSuperBase(): the [[Prototype]] of the running method's [[HomeObject]] (an arrow's is its method's)
    SuperBase { dst: R };
    /// R[key] := ToPropertyKey(R[key]); R[dst] := base.[[Get]](R[key], R[this]), base R[this + 1] (TypeError when null, before the key converts)
    GetSuper { dst: R, this: R, key: R };
    /// R[key] := ToPropertyKey(R[key]); base.[[Set]](R[key], R[src], R[this]), base R[this + 1] (as GetSuper; TypeError in strict code when it fails)
    SetSuper { this: R, key: R, src: R };
    /// CreateDataPropertyOrThrow(R[obj], R[key], R[src])
    DefineField { obj: R, key: R, src: R };
    /// define R[obj].a := R[src] as an enumerable data property (object literal)
    DefineNamedField { obj: R, a: A, src: R, ic: C };
    /// define R[src] as method/getter/setter (kind 0/1/2) named R[key] on R[obj]; enumerable if enumerable != 0; sets the home object
    DefineMethod { obj: R, key: R, src: R, kind: U, enumerable: U };
    /// copy own enumerable properties of R[src] into R[dst] (object spread)
    CopyDataProperties { dst: R, src: R };
    /// R[dst] := a copy of R[src]'s own enumerable properties minus the keys in the array R[excluded] (object rest)
    CopyRest { dst: R, src: R, excluded: R };
    /// R[obj].__proto__ := R[src] in an object literal (if object or null)
    SetProtoLiteral { obj: R, src: R };
    /// R[dst] := R[obj].#name where R[name] holds the private name (TypeError if absent)
    GetPrivate { dst: R, obj: R, name: R };
    /// R[obj].#name := R[src]
    SetPrivate { obj: R, name: R, src: R };
    /// R[dst] := #name in R[obj]
    HasPrivate { dst: R, obj: R, name: R };
    /// add the private field #name := R[src] to R[obj] (TypeError if present)
    DefinePrivate { obj: R, name: R, src: R };
    /// add the private method or accessor (kind 0/1/2) #name := R[src] to R[obj]
    DefinePrivateMethod { obj: R, name: R, src: R, kind: U };
    /// R[dst] := a new private name described by atom a
    NewPrivateName { dst: R, a: A };

    // ----- objects and functions -----
    /// R[dst] := {}
    NewObject { dst: R };
    /// R[dst] := [] with room for capacity elements
    NewArray { dst: R, capacity: U };
    /// append R[src] to the array R[arr]
    ArrayPush { arr: R, src: R };
    /// append a hole to the array R[arr]
    ArrayPushHole { arr: R };
    /// append every value of the iterable R[src] to the array R[arr]
    ArraySpread { arr: R, src: R };
    /// R[dst] := new RegExp(atom pattern, atom flags)
    NewRegExp { dst: R, pattern: A, flags: A };
    /// R[dst] := the template object of template site k (cached per site)
    TemplateObject { dst: R, k: K };
    /// R[dst] := a closure of child function k over the current env
    NewClosure { dst: R, k: K };
    /// R[dst] := class constructor from child function k, extending R[heritage] if has_heritage; R[dst+1] := its prototype
    NewClass { dst: R, k: K, heritage: R, has_heritage: U };
    /// record R[src] (the array of instance elements: [kind, key or private name, function], ...) on class constructor R[ctor]
    SetClassFields { ctor: R, src: R };
    /// [[HomeObject]] of function R[func] := R[home]
    SetHomeObject { func: R, home: R };
    /// SetFunctionName(R[func], property key R[key]): an anonymous function defined under a key known only at run time
    SetFunctionName { func: R, key: R };
    /// InitializeInstanceElements(R[obj], class constructor R[func])
    InitFields { obj: R, func: R };
    /// R[dst] := the arguments object of this call (mapped if mapped != 0)
    CreateArguments { dst: R, mapped: U };
    /// R[dst] := array of the arguments from index start on
    CreateRest { dst: R, start: U };

    // ----- calls -----
    /// R[dst] := R[callee](this = R[this], R[args] .. R[args + argc - 1])
    Call { dst: R, callee: R, this: R, args: R, argc: U };
    /// R[dst] := R[callee](this = R[this], ...R[array])
    CallSpread { dst: R, callee: R, this: R, array: R };
    /// R[dst] := new R[callee](R[args] .. R[args + argc - 1])
    New { dst: R, callee: R, args: R, argc: U };
    /// R[dst] := new R[callee](...R[array])
    NewSpread { dst: R, callee: R, array: R };
    /// R[dst] := Construct(parent of R[func], R[args] .. R[args + argc - 1], new.target R[nt])
    SuperCall { dst: R, func: R, nt: R, args: R, argc: U };
    /// R[dst] := Construct(parent of R[func], ...R[array], new.target R[nt])
    SuperCallSpread { dst: R, func: R, nt: R, array: R };
    /// R[dst] := Construct(parent of R[func], the current arguments, new.target R[nt]) (default derived constructors)
    SuperCallForward { dst: R, func: R, nt: R };
    /// R[dst] := direct eval of R[args] .. (argc values) in the current scope, whose static context is the EvalSite constant site
    CallEval { dst: R, callee: R, args: R, argc: U, site: K };
    /// return R[src]
    Return { src: R };
    /// throw R[src]
    Throw { src: R };
    /// throw a new error of kind (ErrorKind index) with message atom a
    ThrowError { kind: U, a: A };

    // ----- iteration -----
    /// R[iter] := GetIterator(R[src]); R[iter + 1] := its next method
    GetIterator { iter: R, src: R };
    /// step iterator R[iter]: if done, pc := target, else R[dst] := the value
    IteratorStep { dst: R, iter: R, target: J };
    /// IteratorClose(R[iter]) after break/return (errors propagate)
    IteratorClose { iter: R };
    /// IteratorClose(R[iter]) while an exception propagates (its errors are ignored)
    IteratorCloseQuiet { iter: R };
    /// R[iter] := the for-in key iterator over R[src]
    ForInStart { iter: R, src: R };
    /// next key of for-in iterator R[iter] into R[dst], or pc := target when done
    ForInNext { dst: R, iter: R, target: J };

    // ----- generators -----
    /// make the generator object of this activation (R[resume] receives sent values, R[mode] the resumption kind), suspend, and return it to the caller
    GeneratorStart { resume: R, mode: R };
    /// suspend, yielding R[value] (as is, an iterator result, if raw != 0); on resumption R[resume] and R[mode] hold what was sent
    Yield { value: R, raw: U };
    /// make this activation an async coroutine with its result promise (R[resume]/R[mode] receive awaited values)
    AsyncStart { resume: R, mode: R };
    /// suspend until R[value] settles; the first suspension returns the result promise to the caller
    Await { value: R };
    /// R[dst] := GetMethod(R[obj], a): undefined when the property is undefined or null
    GetMethod { dst: R, obj: R, a: A };
    /// throw TypeError (message atom a) unless R[src] is an object
    RequireObject { src: R, a: A };

    // ----- misc -----
    /// nothing (the debugger statement)
    Debugger { };
    /// R[dst] := import.meta of the running module (made by the host on first use)
    ImportMeta { dst: R };
    /// R[dst] := import(R[specifier], R[options]): a promise for the module namespace, from the host
    ImportCall { dst: R, specifier: R, options: R };

    // ----- async iteration -----
    /// R[iter] := GetIterator(R[src], async); R[iter + 1] := its next method
    GetAsyncIterator { iter: R, src: R };
    /// AsyncGeneratorYield(R[value]) (already awaited): settle the oldest request with { value, done: false }, then go on at once with the next request or suspend; on resumption R[resume] and R[mode] hold the request's completion
    AsyncGeneratorYield { value: R };

    // ----- eval -----
    /// declare var a of sloppy direct eval code (a function R[func] if has_func != 0) as a deletable binding: a global var if global != 0, else a property of the eval-vars object of the function environment depth envs out
    DeclareEvalVar { a: A, func: R, has_func: U, depth: U, global: U };
    /// throw unless eval code may declare global var a (a function if func != 0): SyntaxError for a global lexical binding, TypeError if not CanDeclareGlobalVar / CanDeclareGlobalFunction
    CanDeclareGlobal { a: A, func: U };
}
