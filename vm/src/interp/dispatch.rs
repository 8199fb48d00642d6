//! The dispatch loop: one `match` over [`Instr`], one arm per instruction.
//! Arms are short; anything longer lives in a helper method beside the
//! object model or the operations it uses.

use crate::bytecode::{Constant, Instr, Reg};
use crate::object::{GeneratorState, ObjectKind};
use crate::realm::ErrorKind;
use crate::value::{PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use smallvec::SmallVec;

/// Argument lists copied out of the registers for a native call.
type Args = SmallVec<[Value; 8]>;

impl Vm {
    /// Runs until the frame at depth `entry` returns; exceptions unwind to
    /// handlers in frames at or above `entry`, else propagate.
    pub(crate) fn run_frames(&mut self, entry: usize) -> JsResult<Value> {
        if let Err(e) = self.check_interrupt() {
            self.unwind(e, entry)?;
        }
        loop {
            match self.execute(entry) {
                Ok(v) => return Ok(v),
                Err(exception) => {
                    if let Some(v) = self.unwind(exception, entry)? {
                        return Ok(v);
                    }
                }
            }
        }
    }

    /// Writes register `r` of the top frame. `r` is an operand of an
    /// instruction of the top frame's proto, so below its register count
    /// (the invariant of [`crate::bytecode::Code`]), and the frame's
    /// registers `stack[base .. base + register_count]` exist (the frame
    /// invariant of [`super`]).
    #[inline(always)]
    #[allow(unsafe_code)]
    fn set_r(&mut self, r: Reg, v: Value) {
        let i = self.interp.base + r.0 as usize;
        debug_assert!(i < self.interp.stack.len());
        // SAFETY: `i` is in bounds by the two invariants above.
        v.store_whole(unsafe { self.interp.stack.get_unchecked_mut(i) })
    }

    /// A register computed from an operand (`args + i`, `iter + 1`, a saved
    /// register number): bounds-checked, since the verifier does not see it.
    pub(super) fn r_checked(&self, r: Reg) -> Value {
        self.interp.stack.get(self.interp.base + r.0 as usize).copied().unwrap_or(Value::Undefined)
    }

    /// Writes a computed register (bounds-checked, see [`Vm::r_checked`]).
    pub(super) fn set_r_checked(&mut self, r: Reg, v: Value) {
        if let Some(slot) = self.interp.stack.get_mut(self.interp.base + r.0 as usize) {
            v.store_whole(slot);
        }
    }

    /// Registers `args .. args + argc` copied out for a native call (one
    /// copy; registers past the frame read `undefined`, as `r_checked`).
    fn argument_list(&self, args: Reg, argc: u16) -> Args {
        let start = self.interp.base + args.0 as usize;
        match self.interp.stack.get(start..start + argc as usize) {
            Some(values) => Args::from_slice(values),
            None => (0..argc).map(|i| self.r_checked(Reg(args.0 + i))).collect(),
        }
    }

    /// The dispatch loop proper.
    fn execute(&mut self, entry: usize) -> JsResult<Value> {
        let mut proto = self.top_proto();
        let stack = self.interp.stack.as_mut_ptr();
        loop {
            // SAFETY: the top frame's registers start at `base` (the frame
            // invariant of `super`) in storage that never moves
            // (`RegisterStack`), so `regs` stays valid for this instruction
            // even when it calls back into JavaScript.
            #[allow(unsafe_code)]
            let regs = unsafe { stack.add(self.interp.base) };
            // A pointer to register `reg` of the top frame. Register operands
            // of the top frame's instructions are below its register count
            // (the invariant of `Code`), so with `regs` it points into the
            // frame.
            macro_rules! reg_ptr {
                ($reg:expr) => {{
                    let reg: Reg = $reg;
                    debug_assert!(self.interp.base + (reg.0 as usize) < self.interp.stack.len());
                    regs.wrapping_add(reg.0 as usize)
                }};
            }
            // SAFETY (the three below): `reg_ptr!` points into the frame.
            // Registers are written whole, with one 16-byte store
            // (`Value::store_whole`), and read by fields (`Value::fieldwise`:
            // a Number's tag and double go straight to where arithmetic
            // wants them): a read, whole or narrow, is then forwarded from
            // the single store that wrote it, where a value stored in
            // pieces and read whole stalls for some 15 cycles.
            macro_rules! r {
                ($reg:expr) => {{
                    #[allow(unsafe_code)]
                    unsafe { (*reg_ptr!($reg)).fieldwise() }
                }};
            }
            // The object in a register, if it holds one (read narrowly).
            macro_rules! r_obj {
                ($reg:expr) => {{
                    #[allow(unsafe_code)]
                    unsafe { (*reg_ptr!($reg)).object_fieldwise() }
                }};
            }
            macro_rules! set_r {
                ($reg:expr, $v:expr) => {{
                    let (p, v): (*mut Value, Value) = (reg_ptr!($reg), $v);
                    // SAFETY: see above; no other reference to the register
                    // is live while it is written.
                    #[allow(unsafe_code)]
                    v.store_whole(unsafe { &mut *p })
                }};
            }
            let pc = self.interp.pc;
            let Some(instr) = proto.code.get(pc) else {
                return self.type_error("internal error: pc out of range");
            };
            self.interp.pc = pc + 1;
            match *instr {
                Instr::LoadUndefined { dst } => set_r!(dst, Value::Undefined),
                Instr::LoadNull { dst } => set_r!(dst, Value::Null),
                Instr::LoadTrue { dst } => set_r!(dst, Value::Bool(true)),
                Instr::LoadFalse { dst } => set_r!(dst, Value::Bool(false)),
                Instr::LoadEmpty { dst } => set_r!(dst, Value::Empty),
                Instr::LoadInt { dst, imm } => set_r!(dst, Value::Number(f64::from(imm))),
                Instr::LoadConst { dst, k } => {
                    let v = self.load_constant(&proto.constants[k as usize]);
                    set_r!(dst, v);
                }
                Instr::LoadString { dst, a } => {
                    let s = self.heap.atom_string(proto.atoms[a as usize]);
                    set_r!(dst, Value::String(s));
                }
                Instr::Move { dst, src } => set_r!(dst, r!(src)),
                Instr::LoadThis { dst } => {
                    let this = self.current_frame_this();
                    if this == Value::Empty {
                        return self.reference_error(
                            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
                        );
                    }
                    set_r!(dst, this);
                }
                Instr::StoreThis { src } => {
                    let v = r!(src);
                    if self.current_frame_this() != Value::Empty {
                        return self.reference_error("Super constructor may only be called once");
                    }
                    if let Some(f) = self.interp.frames.last_mut() {
                        f.this = v;
                    }
                }
                Instr::BindThisEnv { depth, slot, src } => {
                    if self.env_slot(depth, slot) != Value::Empty {
                        return self.reference_error("Super constructor may only be called once");
                    }
                    let v = r!(src);
                    self.set_env_slot(depth, slot, v);
                }
                Instr::LoadNewTarget { dst } => {
                    let nt = self.interp.frames.last().and_then(|f| f.new_target);
                    set_r!(dst, nt.map_or(Value::Undefined, Value::Object));
                }
                Instr::LoadCallee { dst } => {
                    let f = self.interp.frames.last().and_then(|f| f.function);
                    set_r!(dst, f.map_or(Value::Undefined, Value::Object));
                }

                Instr::CheckInit { src, a } => {
                    if r!(src) == Value::Empty {
                        return self.tdz_error(proto.atoms[a as usize]);
                    }
                }
                Instr::GetEnv { dst, depth, slot, a } => {
                    let v = self.env_slot(depth, slot);
                    if v == Value::Empty {
                        return self.tdz_error(proto.atoms[a as usize]);
                    }
                    set_r!(dst, v);
                }
                Instr::SetEnv { depth, slot, src } => {
                    let v = r!(src);
                    self.set_env_slot(depth, slot, v);
                }
                Instr::SetEnvChecked { depth, slot, src, a } => {
                    if self.env_slot(depth, slot) == Value::Empty {
                        return self.tdz_error(proto.atoms[a as usize]);
                    }
                    let v = r!(src);
                    self.set_env_slot(depth, slot, v);
                }
                Instr::PushEnv { size } => self.push_env(size),
                Instr::PopEnv {} => self.pop_env(),
                Instr::PushWith { obj } => self.push_with(r!(obj))?,
                Instr::GetName { dst, this, a, depth, target } => {
                    let name = proto.atoms[a as usize];
                    if let Some((o, is_with)) = self.find_name_binding(name, depth)? {
                        let v = self.object_binding_value(o, name, proto.flags.strict)?;
                        set_r!(dst, v);
                        set_r!(this, if is_with { Value::Object(o) } else { Value::Undefined });
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::SetName { src, a, depth, target } => {
                    let name = proto.atoms[a as usize];
                    if let Some(o) = self.find_with_binding(name, depth)? {
                        self.set_object_binding(o, name, r!(src), proto.flags.strict)?;
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::ResolveName { dst, a, depth } => {
                    let found = self.find_with_binding(proto.atoms[a as usize], depth)?;
                    set_r!(dst, found.map_or(Value::Empty, Value::Object));
                }
                Instr::GetNameRef { dst, obj, a, target } => {
                    if let Value::Object(o) = r!(obj) {
                        let v = self.object_binding_value(o, proto.atoms[a as usize], proto.flags.strict)?;
                        set_r!(dst, v);
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::SetNameRef { obj, src, a, target } => {
                    if let Value::Object(o) = r!(obj) {
                        self.set_object_binding(o, proto.atoms[a as usize], r!(src), proto.flags.strict)?;
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::DeleteName { dst, a, depth, global } => {
                    let v = self.delete_name(proto.atoms[a as usize], depth, global != 0)?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::CopyEnv {} => self.copy_env(),
                Instr::GetGlobal { dst, a, ic } => {
                    let v = self.get_global(proto.atoms[a as usize], &proto.caches[ic as usize], &proto.global_slots[ic as usize], true)?;
                    set_r!(dst, v);
                }
                Instr::GetGlobalOrUndefined { dst, a, ic } => {
                    let v = self.get_global(proto.atoms[a as usize], &proto.caches[ic as usize], &proto.global_slots[ic as usize], false)?;
                    set_r!(dst, v);
                }
                Instr::SetGlobal { a, src, strict, ic } => {
                    self.set_global(proto.atoms[a as usize], r!(src), strict != 0, &proto.caches[ic as usize], &proto.global_slots[ic as usize])?;
                }
                Instr::CheckGlobalLexical { a } => self.check_global_lexical(proto.atoms[a as usize])?,
                Instr::DeclareGlobalLexical { a, constant } => self.declare_global_lexical(proto.atoms[a as usize], constant != 0)?,
                Instr::InitGlobalLexical { a, src } => self.init_global_lexical(proto.atoms[a as usize], r!(src)),
                Instr::DeclareGlobalVar { a, func, has_func } => {
                    let f = (has_func != 0).then(|| r!(func));
                    self.declare_global_var(proto.atoms[a as usize], f, false)?;
                }
                Instr::CanDeclareGlobal { a, func } => self.can_declare_global(proto.atoms[a as usize], func != 0)?,
                Instr::DeclareEvalVar { a, func, has_func, depth, global } => {
                    let f = (has_func != 0).then(|| r!(func));
                    if global != 0 {
                        self.declare_global_var(proto.atoms[a as usize], f, true)?;
                    } else {
                        self.declare_eval_var(proto.atoms[a as usize], f, depth)?;
                    }
                }
                Instr::GetImport { dst, depth, slot, a } => {
                    let v = self.module_binding_value(self.env_slot(depth, slot));
                    if v == Value::Empty {
                        return self.tdz_error(proto.atoms[a as usize]);
                    }
                    set_r!(dst, v);
                }

                Instr::Add { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => Value::Number(x + y),
                        (x, y) => self.op_add(x, y)?,
                    };
                    set_r!(dst, v);
                }
                Instr::Sub { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => Value::Number(x - y),
                        (x, y) => self.op_sub(x, y)?,
                    };
                    set_r!(dst, v);
                }
                Instr::Mul { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => Value::Number(x * y),
                        (x, y) => self.op_mul(x, y)?,
                    };
                    set_r!(dst, v);
                }
                Instr::Div { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => Value::Number(x / y),
                        (x, y) => self.op_div(x, y)?,
                    };
                    set_r!(dst, v);
                }
                Instr::Rem { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => Value::Number(fast_remainder(x, y)),
                        (x, y) => self.op_rem(x, y)?,
                    };
                    set_r!(dst, v);
                }
                Instr::AddI { dst, a, imm } => {
                    let v = match r!(a) {
                        Value::Number(x) => Value::Number(x + f64::from(imm)),
                        x => self.op_add(x, Value::Number(f64::from(imm)))?,
                    };
                    set_r!(dst, v);
                }
                Instr::SubI { dst, a, imm } => {
                    let v = match r!(a) {
                        Value::Number(x) => Value::Number(x - f64::from(imm)),
                        x => self.op_sub(x, Value::Number(f64::from(imm)))?,
                    };
                    set_r!(dst, v);
                }
                Instr::MulI { dst, a, imm } => {
                    let v = match r!(a) {
                        Value::Number(x) => Value::Number(x * f64::from(imm)),
                        x => self.op_mul(x, Value::Number(f64::from(imm)))?,
                    };
                    set_r!(dst, v);
                }
                Instr::RemI { dst, a, imm } => {
                    let v = match r!(a) {
                        Value::Number(x) => Value::Number(fast_remainder(x, f64::from(imm))),
                        x => self.op_rem(x, Value::Number(f64::from(imm)))?,
                    };
                    set_r!(dst, v);
                }
                Instr::Exp { dst, a, b } => {
                    let v = self.op_exp(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::Shl { dst, a, b } => {
                    let v = self.op_shl(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::Shr { dst, a, b } => {
                    let v = self.op_shr(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::UShr { dst, a, b } => {
                    let v = self.op_ushr(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::BitAnd { dst, a, b } => {
                    let v = self.op_bitand(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::BitOr { dst, a, b } => {
                    let v = self.op_bitor(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::BitXor { dst, a, b } => {
                    let v = self.op_bitxor(r!(a), r!(b))?;
                    set_r!(dst, v);
                }
                Instr::Eq { dst, a, b } => {
                    let v = self.op_loose_eq(r!(a), r!(b))?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::NotEq { dst, a, b } => {
                    let v = self.op_loose_eq(r!(a), r!(b))?;
                    set_r!(dst, Value::Bool(!v));
                }
                Instr::StrictEq { dst, a, b } => {
                    let v = self.op_strict_eq(r!(a), r!(b));
                    set_r!(dst, Value::Bool(v));
                }
                Instr::StrictNotEq { dst, a, b } => {
                    let v = self.op_strict_eq(r!(a), r!(b));
                    set_r!(dst, Value::Bool(!v));
                }
                Instr::Lt { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => x < y,
                        (x, y) => self.op_lt(x, y)?,
                    };
                    set_r!(dst, Value::Bool(v));
                }
                Instr::LtEq { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => x <= y,
                        (x, y) => self.op_le(x, y)?,
                    };
                    set_r!(dst, Value::Bool(v));
                }
                Instr::Gt { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => x > y,
                        (x, y) => self.op_gt(x, y)?,
                    };
                    set_r!(dst, Value::Bool(v));
                }
                Instr::GtEq { dst, a, b } => {
                    let v = match (r!(a), r!(b)) {
                        (Value::Number(x), Value::Number(y)) => x >= y,
                        (x, y) => self.op_ge(x, y)?,
                    };
                    set_r!(dst, Value::Bool(v));
                }
                Instr::In { dst, a, b } => {
                    let v = self.op_in(r!(a), r!(b))?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::InstanceOf { dst, a, b } => {
                    let v = self.op_instanceof(r!(a), r!(b))?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::Neg { dst, src } => {
                    let v = match r!(src) {
                        Value::Number(x) => Value::Number(-x),
                        x => self.op_neg(x)?,
                    };
                    set_r!(dst, v);
                }
                Instr::ToNumber { dst, src } => {
                    let v = self.to_number(r!(src))?;
                    set_r!(dst, Value::Number(v));
                }
                Instr::ToNumeric { dst, src } => {
                    let v = self.op_to_numeric(r!(src))?;
                    set_r!(dst, v);
                }
                Instr::Not { dst, src } => {
                    let v = self.to_boolean(r!(src));
                    set_r!(dst, Value::Bool(!v));
                }
                Instr::BitNot { dst, src } => {
                    let v = self.op_bitnot(r!(src))?;
                    set_r!(dst, v);
                }
                Instr::TypeOf { dst, src } => {
                    let t = self.type_of(r!(src));
                    let v = self.string(t);
                    set_r!(dst, v);
                }
                Instr::Inc { dst, src } => {
                    let v = match r!(src) {
                        Value::Number(x) => Value::Number(x + 1.0),
                        x => self.op_inc(x)?,
                    };
                    set_r!(dst, v);
                }
                Instr::Dec { dst, src } => {
                    let v = match r!(src) {
                        Value::Number(x) => Value::Number(x - 1.0),
                        x => self.op_dec(x)?,
                    };
                    set_r!(dst, v);
                }
                Instr::ToString { dst, src } => {
                    let v = match r!(src) {
                        s @ Value::String(_) => s,
                        x => Value::String(self.to_string(x)?),
                    };
                    set_r!(dst, v);
                }
                Instr::ToPropertyKey { dst, src } => {
                    let key = self.to_property_key(r!(src))?;
                    let v = self.heap.key_to_value(key);
                    set_r!(dst, v);
                }

                Instr::Jump { target } => self.jump_to(pc, target)?,
                Instr::JumpIfTrue { cond, target } => {
                    if self.to_boolean(r!(cond)) {
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::JumpIfFalse { cond, target } => {
                    if !self.to_boolean(r!(cond)) {
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::JumpIfLt { a, b, sense, target } => self.compare_jump(pc, Relation::Lt, r!(a), r!(b), sense, target)?,
                Instr::JumpIfLtEq { a, b, sense, target } => self.compare_jump(pc, Relation::LtEq, r!(a), r!(b), sense, target)?,
                Instr::JumpIfGt { a, b, sense, target } => self.compare_jump(pc, Relation::Gt, r!(a), r!(b), sense, target)?,
                Instr::JumpIfGtEq { a, b, sense, target } => self.compare_jump(pc, Relation::GtEq, r!(a), r!(b), sense, target)?,
                Instr::JumpIfLtI { a, imm, sense, target } => self.compare_jump(pc, Relation::Lt, r!(a), Value::Number(f64::from(imm)), sense, target)?,
                Instr::JumpIfLtEqI { a, imm, sense, target } => self.compare_jump(pc, Relation::LtEq, r!(a), Value::Number(f64::from(imm)), sense, target)?,
                Instr::JumpIfGtI { a, imm, sense, target } => self.compare_jump(pc, Relation::Gt, r!(a), Value::Number(f64::from(imm)), sense, target)?,
                Instr::JumpIfGtEqI { a, imm, sense, target } => self.compare_jump(pc, Relation::GtEq, r!(a), Value::Number(f64::from(imm)), sense, target)?,
                Instr::JumpIfNullish { cond, target } => {
                    if r!(cond).is_nullish() {
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::JumpIfNotNullish { cond, target } => {
                    if !r!(cond).is_nullish() {
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::JumpIfUndefined { cond, target } => {
                    if r!(cond) == Value::Undefined {
                        self.jump_to(pc, target)?;
                    }
                }
                Instr::JumpIfNotUndefined { cond, target } => {
                    if r!(cond) != Value::Undefined {
                        self.jump_to(pc, target)?;
                    }
                }

                Instr::GetField { dst, obj, a, ic } => {
                    let atom = proto.atoms[a as usize];
                    let cache = &proto.caches[ic as usize];
                    let v = match r_obj!(obj) {
                        Some(o) => {
                            // The hit writes its own register (not through
                            // the slow path's returned value in memory).
                            if let Some(v) = self.cached_data_value(o, cache) {
                                set_r!(dst, v);
                                continue;
                            }
                            if let Some(length) = self.array_length_field(o, atom) {
                                set_r!(dst, length);
                                continue;
                            }
                            self.get_cached(o, atom, cache)?
                        }
                        None => self.get_primitive_field(r!(obj), atom)?,
                    };
                    set_r!(dst, v);
                }
                Instr::SetField { obj, a, src, ic } => {
                    let atom = proto.atoms[a as usize];
                    let strict = proto.flags.strict;
                    let cache = &proto.caches[ic as usize];
                    match r_obj!(obj) {
                        Some(o) => self.set_cached(o, atom, r!(src), cache, strict)?,
                        None => self.set_primitive(r!(obj), PropertyKey::Atom(atom), r!(src), strict)?,
                    }
                }
                Instr::GetElem { dst, obj, key } => self.get_elem_into(r!(obj), r!(key), reg_ptr!(dst))?,
                Instr::SetElem { obj, key, src } => self.set_elem_fast(r!(obj), r!(key), r!(src), proto.flags.strict)?,
                Instr::DeleteElem { dst, obj, key } => {
                    let v = self.delete_elem(r!(obj), r!(key), proto.flags.strict)?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::SuperBase { dst } => {
                    let v = self.super_base()?;
                    set_r!(dst, v);
                }
                Instr::GetSuper { dst, this, key } => {
                    let v = self.get_super(this, key)?;
                    set_r!(dst, v);
                }
                Instr::SetSuper { this, key, src } => self.set_super(this, key, r!(src), proto.flags.strict)?,
                Instr::DefineField { obj, key, src } => {
                    if let Value::Object(o) = r!(obj) {
                        let key = self.to_property_key(r!(key))?;
                        self.create_data_property_or_throw(o, key, r!(src))?;
                    }
                }
                Instr::DefineNamedField { obj, a, src, ic } => {
                    if let Some(o) = r_obj!(obj) {
                        let cache = &proto.caches[ic as usize];
                        let v = r!(src);
                        if !self.cached_define(o, v, cache) {
                            self.define_named_uncached(o, proto.atoms[a as usize], v, cache)?;
                        }
                    }
                }
                Instr::DefineMethod { obj, key, src, kind, enumerable } => {
                    self.define_method(r!(obj), r!(key), r!(src), kind, enumerable != 0)?;
                }
                Instr::CopyDataProperties { dst, src } => self.copy_data_properties(r!(dst), r!(src), None)?,
                Instr::CopyRest { dst, src, excluded } => {
                    let target = Value::Object(self.heap.alloc_object(Some(self.realm.intrinsics.object_prototype), ObjectKind::Ordinary));
                    self.copy_data_properties(target, r!(src), Some(r!(excluded)))?;
                    set_r!(dst, target);
                }
                Instr::SetProtoLiteral { obj, src } => {
                    if let (Value::Object(o), v @ (Value::Object(_) | Value::Null)) = (r!(obj), r!(src)) {
                        self.set_prototype_of(o, v.as_object())?;
                    }
                }
                Instr::GetPrivate { dst, obj, name } => {
                    let v = self.get_private(r!(obj), r!(name))?;
                    set_r!(dst, v);
                }
                Instr::SetPrivate { obj, name, src } => self.set_private(r!(obj), r!(name), r!(src))?,
                Instr::HasPrivate { dst, obj, name } => {
                    let v = self.has_private(r!(obj), r!(name))?;
                    set_r!(dst, Value::Bool(v));
                }
                Instr::DefinePrivate { obj, name, src } => self.define_private(r!(obj), r!(name), r!(src))?,
                Instr::DefinePrivateMethod { obj, name, src, kind } => {
                    self.define_private_method(r!(obj), r!(name), r!(src), kind)?;
                }
                Instr::NewPrivateName { dst, a } => {
                    let description = self.heap.atom_string(proto.atoms[a as usize]);
                    let sym = self.heap.alloc_private_name(description);
                    set_r!(dst, Value::Symbol(sym));
                }

                Instr::NewObject { dst } => {
                    let o = self.heap.alloc_object(Some(self.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
                    set_r!(dst, Value::Object(o));
                }
                Instr::NewArray { dst, capacity: _ } => {
                    let a = self.create_array(&[]);
                    set_r!(dst, Value::Object(a));
                }
                Instr::ArrayPush { arr, src } => {
                    if let Value::Object(a) = r!(arr) {
                        self.heap.array_push_raw(a, r!(src));
                    }
                }
                Instr::ArrayPushHole { arr } => {
                    if let Value::Object(a) = r!(arr) {
                        self.heap.array_push_raw(a, Value::Empty);
                    }
                }
                Instr::ArraySpread { arr, src } => self.array_spread(r!(arr), r!(src))?,
                Instr::NewRegExp { dst, pattern, flags } => {
                    let v = self.new_regexp(proto.atoms[pattern as usize], proto.atoms[flags as usize])?;
                    set_r!(dst, v);
                }
                Instr::TemplateObject { dst, k } => {
                    let v = self.template_object(&proto.constants[k as usize]);
                    set_r!(dst, v);
                }
                Instr::NewClosure { dst, k } => {
                    let v = self.new_closure(&proto.constants[k as usize])?;
                    set_r!(dst, v);
                }
                Instr::NewClass { dst, k, heritage, has_heritage } => {
                    let h = (has_heritage != 0).then(|| r!(heritage));
                    let (ctor, prototype) = self.new_class(&proto.constants[k as usize], h)?;
                    set_r!(dst, ctor);
                    self.set_r_checked(Reg(dst.0 + 1), prototype);
                }
                Instr::SetClassFields { ctor, src } => self.set_class_fields(r!(ctor), r!(src)),
                Instr::SetHomeObject { func, home } => {
                    if let (Value::Object(f), Value::Object(h)) = (r!(func), r!(home)) {
                        if let ObjectKind::Closure(c) = &mut self.heap.object_mut(f).kind {
                            c.home_object = Some(h);
                        }
                    }
                }
                Instr::SetFunctionName { func, key } => {
                    if let Value::Object(f) = r!(func) {
                        let key = self.to_property_key(r!(key))?;
                        self.set_function_name(f, key, None)?;
                    }
                }
                Instr::InitFields { obj, func } => {
                    if let (Value::Object(o), Value::Object(f)) = (r!(obj), r!(func)) {
                        self.init_class_fields(f, o)?;
                    }
                }
                Instr::CreateArguments { dst, mapped } => {
                    let v = self.create_arguments(mapped != 0)?;
                    set_r!(dst, v);
                }
                Instr::CreateRest { dst, start } => {
                    let rest: Vec<Value> = self.current_args().iter().skip(start as usize).copied().collect();
                    let a = self.create_array(&rest);
                    set_r!(dst, Value::Object(a));
                }

                Instr::Call { dst, callee, this, args, argc } => {
                    let (f, this) = (r!(callee), r!(this));
                    if let Some(next) = self.call_instruction(f, this, args, argc, dst)? {
                        proto = next;
                    }
                }
                Instr::CallSpread { dst, callee, this, array } => {
                    let args = self.spread_arguments(r!(array))?;
                    let v = self.call(r!(callee), r!(this), &args)?;
                    set_r!(dst, v);
                }
                Instr::New { dst, callee, args, argc } => {
                    let f = r!(callee);
                    if let Value::Object(o) = f {
                        if matches!(&self.heap.object(o).kind, ObjectKind::Closure(c) if c.proto.is_constructor()) {
                            self.safe_point()?;
                            self.interp.save_top();
                            let start = self.interp.base + args.0 as usize;
                            self.push_frame_from_registers(o, Value::Undefined, start, argc as usize, Some(o), dst.0)?;
                            proto = self.top_proto();
                            continue;
                        }
                    }
                    let list = self.argument_list(args, argc);
                    if !self.is_constructor(f) {
                        return self.type_error("value is not a constructor");
                    }
                    let v = self.construct(f, &list, None)?;
                    set_r!(dst, v);
                }
                Instr::NewSpread { dst, callee, array } => {
                    let args = self.spread_arguments(r!(array))?;
                    let f = r!(callee);
                    if !self.is_constructor(f) {
                        return self.type_error("value is not a constructor");
                    }
                    let v = self.construct(f, &args, None)?;
                    set_r!(dst, v);
                }
                Instr::SuperCall { dst, func, nt, args, argc } => {
                    let list = self.argument_list(args, argc);
                    let v = self.super_call(r!(func), r!(nt), &list)?;
                    set_r!(dst, v);
                }
                Instr::SuperCallSpread { dst, func, nt, array } => {
                    let args = self.spread_arguments(r!(array))?;
                    let v = self.super_call(r!(func), r!(nt), &args)?;
                    set_r!(dst, v);
                }
                Instr::SuperCallForward { dst, func, nt } => {
                    let args: Args = self.current_args().iter().copied().collect();
                    let v = self.super_call(r!(func), r!(nt), &args)?;
                    set_r!(dst, v);
                }
                Instr::CallEval { dst, callee, args, argc, site } => {
                    let list = self.argument_list(args, argc);
                    let site = match proto.constants.get(site as usize) {
                        Some(crate::bytecode::Constant::EvalSite(s)) => s.clone(),
                        _ => std::rc::Rc::default(),
                    };
                    let v = self.call_eval(r!(callee), &list, &site)?;
                    set_r!(dst, v);
                }
                Instr::Return { src } => {
                    // Read whole, as it was written: it is kept in memory
                    // across the frame's drop, and a value spilled there in
                    // pieces would be read back whole (a store-forwarding
                    // stall on every return).
                    #[allow(unsafe_code)]
                    let v = unsafe { *reg_ptr!(src) };
                    let return_to = self.interp.frames.last().and_then(|f| f.return_to);
                    let result = self.pop_frame(v)?;
                    if self.interp.frames.len() <= entry || return_to.is_none() {
                        return Ok(result);
                    }
                    if let Some(r) = return_to {
                        self.set_r_checked(Reg(r), result);
                    }
                    proto = self.top_proto();
                }
                Instr::GeneratorStart { resume, mode } => {
                    let g = self.generator_start(resume, mode);
                    let return_to = self.interp.frames.last().and_then(|f| f.return_to);
                    self.interp.save_top();
                    let result = self.pop_frame(g)?;
                    if self.interp.frames.len() <= entry || return_to.is_none() {
                        return Ok(result);
                    }
                    if let Some(r) = return_to {
                        self.set_r_checked(Reg(r), result);
                    }
                    proto = self.top_proto();
                }
                Instr::AsyncStart { resume, mode } => self.async_start(resume, mode),
                Instr::Await { value } => {
                    let v = r!(value);
                    let return_to = self.interp.frames.last().and_then(|f| f.return_to);
                    let Some(co) = self.interp.frames.last().and_then(|f| f.generator) else {
                        return self.syntax_error("await is only valid in async functions");
                    };
                    let promise = self.prepare_await(v)?;
                    self.generator_suspend(false, GeneratorState::SuspendedAwait);
                    self.finish_await(co, v, promise);
                    let result = self.coroutine_promise(co);
                    match return_to {
                        Some(r) if self.interp.frames.len() > entry => {
                            self.set_r_checked(Reg(r), result);
                            proto = self.top_proto();
                        }
                        _ => return Ok(result),
                    }
                }
                Instr::Yield { value, raw } => {
                    let v = r!(value);
                    self.generator_suspend(raw != 0, GeneratorState::SuspendedYield);
                    return Ok(v);
                }
                Instr::GetMethod { dst, obj, a } => {
                    let key = PropertyKey::Atom(proto.atoms[a as usize]);
                    let m = self.get_method(r!(obj), key)?;
                    set_r!(dst, m.unwrap_or(Value::Undefined));
                }
                Instr::RequireObject { src, a } => {
                    if !matches!(r!(src), Value::Object(_)) {
                        let message = self.atom_text(proto.atoms[a as usize]);
                        return self.type_error(&message);
                    }
                }
                Instr::Throw { src } => return Err(r!(src)),
                Instr::ThrowError { kind, a } => {
                    let message = self.atom_text(proto.atoms[a as usize]);
                    let kind = ErrorKind::ALL.get(kind as usize).copied().unwrap_or(ErrorKind::Error);
                    return Err(self.error(kind, &message));
                }

                Instr::GetIterator { iter, src } => {
                    let (it, next) = self.get_iterator(r!(src))?;
                    set_r!(iter, it);
                    self.set_r_checked(Reg(iter.0 + 1), next);
                }
                Instr::IteratorStep { dst, iter, target } => match self.iterator_step(r!(iter), self.r_checked(Reg(iter.0 + 1)))? {
                    Some(v) => set_r!(dst, v),
                    None => self.interp.pc = target as usize,
                },
                Instr::IteratorClose { iter } => self.iterator_close(r!(iter))?,
                Instr::IteratorCloseQuiet { iter } => {
                    let _ = self.iterator_close(r!(iter));
                }
                Instr::ForInStart { iter, src } => {
                    let it = self.for_in_start(r!(src))?;
                    set_r!(iter, it);
                }
                Instr::ForInNext { dst, iter, target } => match self.for_in_next(r!(iter))? {
                    Some(v) => set_r!(dst, v),
                    None => self.interp.pc = target as usize,
                },
                Instr::Debugger {} => {}
                Instr::ImportMeta { dst } => {
                    let Some(hook) = self.host.import_meta else { return self.syntax_error("import.meta is not available in this embedding") };
                    let file = proto.file.clone();
                    let v = hook(self, &file)?;
                    set_r!(dst, v);
                }
                Instr::ImportCall { dst, specifier, options } => {
                    let Some(hook) = self.host.import_call else { return self.type_error("import() is not available in this embedding") };
                    let file = proto.file.clone();
                    let v = hook(self, &file, r!(specifier), r!(options))?;
                    set_r!(dst, v);
                }
                Instr::GetAsyncIterator { iter, src } => {
                    let (it, next) = self.get_async_iterator(r!(src))?;
                    set_r!(iter, it);
                    self.set_r_checked(Reg(iter.0 + 1), next);
                }
                Instr::AsyncGeneratorYield { value } => {
                    let v = r!(value);
                    let Some(g) = self.interp.frames.last().and_then(|f| f.generator) else {
                        return self.syntax_error("yield is only valid in generators");
                    };
                    let Some((kind, sent)) = self.async_generator_yield(g, v)? else {
                        self.generator_suspend(false, GeneratorState::SuspendedYield);
                        return Ok(Value::Undefined);
                    };
                    if let ObjectKind::Generator(gen) = &self.heap.object(g).kind {
                        let (resume, mode) = (Reg(gen.resume_reg), Reg(gen.mode_reg));
                        self.set_r_checked(resume, sent);
                        self.set_r_checked(mode, Value::Number(f64::from(kind)));
                    }
                }
            }
        }
    }

    fn top_proto(&self) -> std::rc::Rc<crate::bytecode::FunctionProto> {
        match self.interp.frames.last() {
            Some(f) => f.proto.clone(),
            None => std::rc::Rc::new(crate::bytecode::FunctionProto::empty()),
        }
    }

    /// `Call`: a closure gets a new frame in this loop (returns its proto);
    /// anything else is called right away.
    fn call_instruction(&mut self, f: Value, this: Value, args: Reg, argc: u16, dst: Reg) -> JsResult<Option<std::rc::Rc<crate::bytecode::FunctionProto>>> {
        if let Value::Object(o) = f {
            match &self.heap.object(o).kind {
                ObjectKind::Closure(_) => {
                    self.safe_point()?;
                    self.interp.save_top();
                    let start = self.interp.base + args.0 as usize;
                    self.push_frame_from_registers(o, this, start, argc as usize, None, dst.0)?;
                    return Ok(Some(self.top_proto()));
                }
                ObjectKind::Native(n) => {
                    let (call, realm) = (n.call, n.realm);
                    self.call_builtin_instruction(o, call, realm, this, args, argc, dst)?;
                    return Ok(None);
                }
                _ => {}
            }
        }
        let list = self.argument_list(args, argc);
        if !self.is_callable(f) {
            return self.type_error("value is not a function");
        }
        let v = self.call(f, this, &list)?;
        self.set_r(dst, v);
        Ok(None)
    }

    /// `Call` of a built-in: called straight, without Call's second look at
    /// the callee's kind (and out of the dispatch loop, whose other
    /// instructions a larger body slows).
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn call_builtin_instruction(
        &mut self,
        f: crate::value::Obj,
        call: crate::object::NativeFn,
        realm: crate::realm::RealmId,
        this: Value,
        args: Reg,
        argc: u16,
        dst: Reg,
    ) -> JsResult<()> {
        let list = self.argument_list(args, argc);
        let v = self.call_native(f, call, realm, this, &list, None)?;
        self.set_r(dst, v);
        Ok(())
    }

    fn load_constant(&mut self, k: &Constant) -> Value {
        match k {
            Constant::Number(n) => Value::Number(*n),
            Constant::BigInt(digits) => {
                let n = digits.parse::<num_bigint::BigInt>().unwrap_or_default();
                Value::BigInt(self.heap.alloc_bigint(n))
            }
            Constant::Function(_) | Constant::Template(_) | Constant::EvalSite(_) => Value::Undefined,
        }
    }

    fn current_frame_this(&self) -> Value {
        self.interp.frames.last().map_or(Value::Undefined, |f| f.this)
    }

    pub(crate) fn current_args(&self) -> &[Value] {
        self.interp.frames.last().and_then(|f| f.args.as_deref()).unwrap_or(&[])
    }

    fn tdz_error<T>(&mut self, name: crate::value::Atom) -> JsResult<T> {
        let name = self.atom_text(name);
        self.reference_error(&format!("Cannot access '{name}' before initialization"))
    }

    /// A point where garbage may be collected (every live value is in a
    /// register or a frame) and where an interrupt stops the code.
    fn safe_point(&mut self) -> JsResult<()> {
        self.check_interrupt()?;
        if self.interp.at_safe_point() && self.heap.should_collect() {
            self.collect_garbage();
        }
        Ok(())
    }

    /// A compare-and-branch: jumps to `target` when `x rel y` is `sense`
    /// (0: false, else true); numbers are compared inline.
    #[inline(always)]
    fn compare_jump(&mut self, pc: usize, rel: Relation, x: Value, y: Value, sense: u16, target: u32) -> JsResult<()> {
        let holds = match (rel, x, y) {
            (Relation::Lt, Value::Number(x), Value::Number(y)) => x < y,
            (Relation::LtEq, Value::Number(x), Value::Number(y)) => x <= y,
            (Relation::Gt, Value::Number(x), Value::Number(y)) => x > y,
            (Relation::GtEq, Value::Number(x), Value::Number(y)) => x >= y,
            (Relation::Lt, x, y) => self.op_lt(x, y)?,
            (Relation::LtEq, x, y) => self.op_le(x, y)?,
            (Relation::Gt, x, y) => self.op_gt(x, y)?,
            (Relation::GtEq, x, y) => self.op_ge(x, y)?,
        };
        if holds == (sense != 0) {
            self.jump_to(pc, target)?;
        }
        Ok(())
    }

    /// Continues at `target`; a backward jump (a loop) is a safe point.
    #[inline(always)]
    fn jump_to(&mut self, pc: usize, target: u32) -> JsResult<()> {
        let target = target as usize;
        if target <= pc {
            self.safe_point()?;
        }
        self.interp.pc = target;
        Ok(())
    }
}

/// The relation of a compare-and-branch instruction.
#[derive(Clone, Copy)]
enum Relation {
    Lt,
    LtEq,
    Gt,
    GtEq,
}

/// Number::remainder with an integer fast path (exact: both operands are
/// integers below 2^53, so the integer remainder is the mathematical one).
#[inline]
fn fast_remainder(x: f64, y: f64) -> f64 {
    const LIMIT: f64 = 9_007_199_254_740_992.0;
    // Integral operands below 2^53 convert to i64 exactly (a cast that
    // round-trips is integral; the limit excludes the saturated casts).
    let (xi, yi) = (x as i64, y as i64);
    if xi as f64 == x && yi as f64 == y && x.abs() < LIMIT && y.abs() < LIMIT && yi != 0 {
        let r = (xi % yi) as f64;
        return if r == 0.0 && x.is_sign_negative() { -0.0 } else { r };
    }
    crate::ops::arithmetic::remainder(x, y)
}
