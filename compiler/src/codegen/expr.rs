//! Expressions: each is compiled into a destination register.

use super::{CResult, Compiler};
use crate::ast::*;
use crate::span::Span;
use spindle_vm::bytecode::{Constant, Instr, Reg};

impl<'a> Compiler<'a, '_> {
    /// Compiles `e` into a register and returns it: the register of a local
    /// variable when `e` is one, else a new temporary.
    pub(crate) fn expr_reg(&mut self, e: &Expr<'a>) -> CResult<Reg> {
        match e {
            Expr::Ident(id) => {
                if let Some(r) = self.var_register(*id) {
                    return Ok(r);
                }
            }
            Expr::This(_) => {
                if let Some(r) = self.f.this_reg {
                    return Ok(r);
                }
            }
            _ => {}
        }
        let r = self.f.b.alloc();
        self.expr(e, r)?;
        Ok(r)
    }

    /// Compiles `e` into `dst`.
    pub(crate) fn expr(&mut self, e: &Expr<'a>, dst: Reg) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e, dst))
    }

    fn expr_inner(&mut self, e: &Expr<'a>, dst: Reg) -> CResult<()> {
        match *e {
            Expr::This(_) => self.load_this(dst),
            Expr::Ident(id) => {
                if id.name == "undefined" && matches!(self.ident_loc(id).0, super::scopes::Loc::Global) {
                    self.emit(Instr::LoadUndefined { dst });
                } else {
                    self.load_var(id, dst);
                }
                Ok(())
            }
            Expr::Null(_) => self.emit_unit(Instr::LoadNull { dst }),
            Expr::Bool(true, _) => self.emit_unit(Instr::LoadTrue { dst }),
            Expr::Bool(false, _) => self.emit_unit(Instr::LoadFalse { dst }),
            Expr::Number(n, _) => self.load_number(n, dst),
            Expr::BigInt(digits, _) => {
                let k = self.f.b.constant(Constant::BigInt(digits.into()));
                self.emit_unit(Instr::LoadConst { dst, k })
            }
            Expr::String(s, _) => {
                let a = self.atom_units(s);
                self.emit_unit(Instr::LoadString { dst, a })
            }
            Expr::RegExp(r) => {
                let pattern = self.atom(r.pattern);
                let flags = self.atom(r.flags);
                self.emit_unit(Instr::NewRegExp { dst, pattern, flags })
            }
            Expr::Template(t) => self.template(t, dst),
            Expr::TaggedTemplate(t) => self.tagged_template(t, dst),
            Expr::Array(a) => self.array_literal(a, dst),
            Expr::Object(o) => self.object_literal(o, dst),
            Expr::Function(f) | Expr::Arrow(f) => self.closure(f, dst, None),
            Expr::Class(c) => self.class(c, dst, None),
            Expr::Unary(u) => self.unary(u, dst),
            Expr::Update(u) => self.update(u, dst),
            Expr::Binary(b) => self.binary(b, dst),
            Expr::Logical(l) => self.logical(l, dst),
            Expr::PrivateIn(p) => {
                let mark = self.f.b.mark();
                let obj = self.expr_reg(&p.object)?;
                let name = self.private_name(p.name)?;
                self.emit(Instr::HasPrivate { dst, obj, name });
                self.f.b.release(mark);
                Ok(())
            }
            Expr::Assign(a) => self.assign(a, dst),
            Expr::Conditional(c) => {
                let else_jump = self.jump_if_false(&c.test)?;
                self.expr(&c.then, dst)?;
                let end = self.f.b.emit_jump(Instr::Jump { target: 0 });
                self.f.b.patch_here(else_jump);
                self.expr(&c.otherwise, dst)?;
                self.f.b.patch_here(end);
                Ok(())
            }
            Expr::Call(c) => self.call(c, dst),
            Expr::SuperCall(c) => self.super_call(c.args, dst, c.span),
            Expr::New(n) => self.new_expr(n, dst),
            Expr::Member(m) => {
                let mark = self.f.b.mark();
                let obj = self.expr_reg(&m.object)?;
                if m.optional {
                    self.optional_check(obj);
                }
                self.position(m.span);
                self.get_member(obj, m.property, dst)?;
                self.f.b.release(mark);
                Ok(())
            }
            Expr::SuperMember(m) => {
                let mark = self.f.b.mark();
                let (this, key) = self.super_reference(m.property)?;
                self.emit(Instr::GetSuper { dst, this, key });
                self.f.b.release(mark);
                Ok(())
            }
            Expr::OptionalChain(inner, _) => {
                self.f.optional_exits.push(Vec::new());
                self.expr(inner, dst)?;
                let exits = self.f.optional_exits.pop().unwrap_or_default();
                if !exits.is_empty() {
                    let end = self.f.b.emit_jump(Instr::Jump { target: 0 });
                    for e in exits {
                        self.f.b.patch_here(e);
                    }
                    self.emit(Instr::LoadUndefined { dst });
                    self.f.b.patch_here(end);
                }
                Ok(())
            }
            Expr::Sequence(list, _) => {
                for (i, item) in list.iter().enumerate() {
                    if i + 1 == list.len() {
                        self.expr(item, dst)?;
                    } else {
                        self.effect(item)?;
                    }
                }
                Ok(())
            }
            Expr::Paren(inner, _) => self.expr(inner, dst),
            Expr::NewTarget(_) => self.load_new_target(dst),
            Expr::Yield(y) => self.yield_expr(y, dst),
            Expr::Await(arg, span) => self.await_expr(arg, span, dst),
            Expr::ImportMeta(_) => self.import_meta(dst),
            Expr::ImportCall(i) => self.import_call(i, dst),
        }
    }

    fn emit_unit(&mut self, i: Instr) -> CResult<()> {
        self.emit(i);
        Ok(())
    }

    /// Evaluates `e` for its effects only.
    pub(crate) fn effect(&mut self, e: &Expr<'a>) -> CResult<()> {
        if let Expr::Update(u) = e {
            if let Expr::Ident(id) = u.target {
                if let Some(r) = self.var_register(id) {
                    if !self.is_const_binding(id) {
                        let i = match u.op {
                            UpdateOp::Increment => Instr::Inc { dst: r, src: r },
                            UpdateOp::Decrement => Instr::Dec { dst: r, src: r },
                        };
                        self.emit(i);
                        return Ok(());
                    }
                }
            }
        }
        if let Expr::Assign(a) = e {
            if self.assign_in_place(a)? || self.assign_field(a)? || self.assign_element(a)? {
                return Ok(());
            }
        }
        let mark = self.f.b.mark();
        let r = self.f.b.alloc();
        self.expr(e, r)?;
        self.f.b.release(mark);
        Ok(())
    }

    /// An assignment statement to a variable living in a register
    /// (`s = s + i`, `s += 3`), computed straight into that register when
    /// that is unobservable; false when it is not done.
    fn assign_in_place(&mut self, a: &Assign<'a>) -> CResult<bool> {
        let Pattern::Ident(id) = a.target else { return Ok(false) };
        let Some(r) = self.var_register(id) else { return Ok(false) };
        if self.is_const_binding(id) {
            return Ok(false);
        }
        match a.op {
            AssignOp::Assign if writes_dst_last(&a.value) => self.expr(&a.value, r)?,
            AssignOp::Binary(op) if !self.may_change(&a.value) => {
                let b = Binary { op, left: Expr::Ident(id), right: a.value, span: a.span };
                self.binary(&b, r)?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// An assignment statement `o.name = value`: the object and the value
    /// are read from their variables' registers where that is unobservable
    /// (`this.x = x` is one instruction); false when `a` is another form.
    fn assign_field(&mut self, a: &Assign<'a>) -> CResult<bool> {
        let (AssignOp::Assign, Pattern::Expr(Expr::Member(m))) = (a.op, a.target) else { return Ok(false) };
        let MemberProp::Name(n) = m.property else { return Ok(false) };
        if m.optional {
            return Ok(false);
        }
        let mark = self.f.b.mark();
        let obj = if self.may_change(&a.value) {
            let r = self.f.b.alloc();
            self.expr(&m.object, r)?;
            r
        } else {
            self.expr_reg(&m.object)?
        };
        let src = self.expr_reg(&a.value)?;
        self.position(a.span);
        let (a, ic) = (self.atom(n.name), self.f.b.cache());
        self.emit(Instr::SetField { obj, a, src, ic });
        self.f.b.release(mark);
        Ok(true)
    }

    /// An assignment statement `o[key] = value`: the object, key and value
    /// are read from their variables' registers where that is unobservable
    /// (`a[i] = x` is one instruction); false when `a` is another form.
    fn assign_element(&mut self, a: &Assign<'a>) -> CResult<bool> {
        let (AssignOp::Assign, Pattern::Expr(Expr::Member(m))) = (a.op, a.target) else { return Ok(false) };
        let MemberProp::Computed(key) = m.property else { return Ok(false) };
        if m.optional {
            return Ok(false);
        }
        let mark = self.f.b.mark();
        let value_may_change = self.may_change(&a.value);
        let obj = if value_may_change || self.may_change(&key) {
            let r = self.f.b.alloc();
            self.expr(&m.object, r)?;
            r
        } else {
            self.expr_reg(&m.object)?
        };
        let key = if value_may_change {
            let r = self.f.b.alloc();
            self.expr(&key, r)?;
            r
        } else {
            self.expr_reg(&key)?
        };
        let src = self.expr_reg(&a.value)?;
        self.position(a.span);
        self.emit(Instr::SetElem { obj, key, src });
        self.f.b.release(mark);
        Ok(true)
    }

    /// Declares-and-initialises or assigns `init` straight into the
    /// register of `id` when it lives in one and `init` writes its
    /// destination only after reading every operand; false when not done.
    pub(crate) fn init_in_place(&mut self, id: Ident<'a>, init: &Expr<'a>) -> CResult<bool> {
        if !writes_dst_last(init) || self.dynamic_depth(id).is_some() {
            return Ok(false);
        }
        let super::scopes::Loc::Reg(r) = self.ident_loc(id).0 else { return Ok(false) };
        self.expr(init, r)?;
        Ok(true)
    }

    /// Jumps to the returned site when `test` is falsy.
    pub(crate) fn jump_if_false(&mut self, test: &Expr<'a>) -> CResult<super::builder::JumpSite> {
        self.jump_if(test, false)
    }

    /// Jumps to the returned site when ToBoolean(`test`) is `sense` (a
    /// compare-and-branch instruction for relational tests).
    pub(crate) fn jump_if(&mut self, test: &Expr<'a>, sense: bool) -> CResult<super::builder::JumpSite> {
        let mark = self.f.b.mark();
        let sense16 = u16::from(sense);
        let site = match test {
            Expr::Binary(b) if matches!(b.op, BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq) => {
                if let Some(imm) = small_int(&b.right) {
                    let a = self.expr_reg(&b.left)?;
                    self.position(b.span);
                    self.f.b.emit_jump(match b.op {
                        BinaryOp::Lt => Instr::JumpIfLtI { a, imm, sense: sense16, target: 0 },
                        BinaryOp::LtEq => Instr::JumpIfLtEqI { a, imm, sense: sense16, target: 0 },
                        BinaryOp::Gt => Instr::JumpIfGtI { a, imm, sense: sense16, target: 0 },
                        _ => Instr::JumpIfGtEqI { a, imm, sense: sense16, target: 0 },
                    })
                } else {
                    let (a, b2) = self.binary_operands(b, mark)?;
                    self.position(b.span);
                    self.f.b.emit_jump(match b.op {
                        BinaryOp::Lt => Instr::JumpIfLt { a, b: b2, sense: sense16, target: 0 },
                        BinaryOp::LtEq => Instr::JumpIfLtEq { a, b: b2, sense: sense16, target: 0 },
                        BinaryOp::Gt => Instr::JumpIfGt { a, b: b2, sense: sense16, target: 0 },
                        _ => Instr::JumpIfGtEq { a, b: b2, sense: sense16, target: 0 },
                    })
                }
            }
            _ => {
                let cond = self.expr_reg(test)?;
                self.f.b.emit_jump(if sense { Instr::JumpIfTrue { cond, target: 0 } } else { Instr::JumpIfFalse { cond, target: 0 } })
            }
        };
        self.f.b.release(mark);
        Ok(site)
    }

    /// Both operands of `b` in registers, left first; a left operand read
    /// straight from a variable's register (below `mark`) is copied when the
    /// right one may assign it.
    fn binary_operands(&mut self, b: &Binary<'a>, mark: u32) -> CResult<(Reg, Reg)> {
        let left = self.expr_reg(&b.left)?;
        let left = if self.may_change(&b.right) && (left.0 as u32) < mark {
            let t = self.f.b.alloc();
            self.emit(Instr::Move { dst: t, src: left });
            t
        } else {
            left
        };
        let right = self.expr_reg(&b.right)?;
        Ok((left, right))
    }

    pub(crate) fn load_number(&mut self, n: f64, dst: Reg) -> CResult<()> {
        if n.fract() == 0.0 && n.abs() < 2_147_483_647.0 && !(n == 0.0 && n.is_sign_negative()) {
            self.emit(Instr::LoadInt { dst, imm: n as i32 });
        } else {
            let k = self.f.b.constant(Constant::Number(n));
            self.emit(Instr::LoadConst { dst, k });
        }
        Ok(())
    }

    /// After the object of an optional access is in `r`: exit the chain if nullish.
    pub(crate) fn optional_check(&mut self, r: Reg) {
        let site = self.f.b.emit_jump(Instr::JumpIfNullish { cond: r, target: 0 });
        if let Some(exits) = self.f.optional_exits.last_mut() {
            exits.push(site);
        }
    }

    /// `obj.prop` / `obj[prop]` / `obj.#prop` into `dst`.
    pub(crate) fn get_member(&mut self, obj: Reg, prop: MemberProp<'a>, dst: Reg) -> CResult<()> {
        match prop {
            MemberProp::Name(n) => {
                let a = self.atom(n.name);
                let ic = self.f.b.cache();
                self.emit(Instr::GetField { dst, obj, a, ic });
            }
            MemberProp::Computed(k) => {
                let mark = self.f.b.mark();
                let key = self.expr_reg(&k)?;
                self.emit(Instr::GetElem { dst, obj, key });
                self.f.b.release(mark);
            }
            MemberProp::Private(n) => {
                let mark = self.f.b.mark();
                let name = self.private_name(n)?;
                self.emit(Instr::GetPrivate { dst, obj, name });
                self.f.b.release(mark);
            }
        }
        Ok(())
    }

    /// The reference `super.x` / `super[x]` (§13.3.7.1): `this` first (a
    /// ReferenceError before `super()` in a derived constructor), then the
    /// key, unconverted, then GetSuperBase into the register above `this`
    /// (GetSuper and SetSuper convert the key after checking the base).
    /// Returns the `this` and key registers.
    pub(crate) fn super_reference(&mut self, prop: MemberProp<'a>) -> CResult<(Reg, Reg)> {
        let this = self.f.b.alloc_many(2);
        self.load_this(this)?;
        let key = self.f.b.alloc();
        match prop {
            MemberProp::Name(n) => {
                let a = self.atom(n.name);
                self.emit(Instr::LoadString { dst: key, a });
            }
            MemberProp::Computed(k) => self.expr(&k, key)?,
            MemberProp::Private(n) => return self.unsupported("super.#private", n.span),
        }
        self.emit(Instr::SuperBase { dst: Reg(this.0 + 1) });
        Ok((this, key))
    }

    fn unary(&mut self, u: &Unary<'a>, dst: Reg) -> CResult<()> {
        match u.op {
            UnaryOp::Typeof => {
                // `typeof (x)` is still a reference: no ReferenceError (§13.5.1.2).
                let mut arg = u.arg;
                while let Expr::Paren(inner, _) = arg {
                    arg = *inner;
                }
                if let Expr::Ident(id) = arg {
                    self.load_var_for_typeof(id, dst);
                } else {
                    self.expr(&u.arg, dst)?;
                }
                self.emit(Instr::TypeOf { dst, src: dst });
            }
            UnaryOp::Delete => self.delete(&u.arg, dst)?,
            UnaryOp::Void => {
                self.effect(&u.arg)?;
                self.emit(Instr::LoadUndefined { dst });
            }
            op => {
                let mark = self.f.b.mark();
                let src = self.expr_reg(&u.arg)?;
                self.position(u.span);
                let i = match op {
                    UnaryOp::Minus => Instr::Neg { dst, src },
                    UnaryOp::Plus => Instr::ToNumber { dst, src },
                    UnaryOp::Not => Instr::Not { dst, src },
                    _ => Instr::BitNot { dst, src },
                };
                self.emit(i);
                self.f.b.release(mark);
            }
        }
        Ok(())
    }

    fn delete(&mut self, arg: &Expr<'a>, dst: Reg) -> CResult<()> {
        let mut target = *arg;
        while let Expr::Paren(inner, _) = target {
            target = *inner;
        }
        match target {
            Expr::Member(m) => {
                let mark = self.f.b.mark();
                let obj = self.expr_reg(&m.object)?;
                let key = self.member_key(m.property)?;
                self.emit(Instr::DeleteElem { dst, obj, key });
                self.f.b.release(mark);
            }
            Expr::OptionalChain(inner, _) => {
                self.f.optional_exits.push(Vec::new());
                self.delete(inner, dst)?;
                let exits = self.f.optional_exits.pop().unwrap_or_default();
                if !exits.is_empty() {
                    let end = self.f.b.emit_jump(Instr::Jump { target: 0 });
                    for e in exits {
                        self.f.b.patch_here(e);
                    }
                    self.emit(Instr::LoadTrue { dst });
                    self.f.b.patch_here(end);
                }
            }
            Expr::SuperMember(m) => {
                self.load_this(dst)?;
                let msg = self.atom("Unsupported reference to 'super'");
                let _ = m;
                self.emit(Instr::ThrowError { kind: 3, a: msg });
            }
            Expr::Ident(id) => {
                // Sloppy mode only: deleting a binding. A `with` object's
                // property or an undeclared global's may be deletable.
                let global = matches!(self.ident_loc(id).0, super::scopes::Loc::Global);
                match (global, self.dynamic_depth(id)) {
                    (false, None) => {
                        self.emit(Instr::LoadFalse { dst });
                    }
                    (_, depth) => {
                        let a = self.atom(id.name);
                        self.emit(Instr::DeleteName { dst, a, depth: depth.unwrap_or(0), global: u16::from(global) });
                    }
                }
            }
            other => {
                self.effect(&other)?;
                self.emit(Instr::LoadTrue { dst });
            }
        }
        Ok(())
    }

    /// The key of a (non-private) member access in a register.
    pub(crate) fn member_key(&mut self, prop: MemberProp<'a>) -> CResult<Reg> {
        match prop {
            MemberProp::Name(n) => {
                let r = self.f.b.alloc();
                let a = self.atom(n.name);
                self.emit(Instr::LoadString { dst: r, a });
                Ok(r)
            }
            MemberProp::Computed(k) => self.expr_reg(&k),
            MemberProp::Private(n) => self.unsupported("this use of a private name", n.span),
        }
    }

    pub(crate) fn binary(&mut self, b: &Binary<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        if let (Some(imm), true) = (small_int(&b.right), matches!(b.op, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Rem)) {
            let a = self.expr_reg(&b.left)?;
            self.position(b.span);
            self.emit(match b.op {
                BinaryOp::Add => Instr::AddI { dst, a, imm },
                BinaryOp::Sub => Instr::SubI { dst, a, imm },
                BinaryOp::Mul => Instr::MulI { dst, a, imm },
                _ => Instr::RemI { dst, a, imm },
            });
            self.f.b.release(mark);
            return Ok(());
        }
        let (left, right) = self.binary_operands(b, mark)?;
        self.position(b.span);
        self.emit(binary_instr(b.op, dst, left, right));
        self.f.b.release(mark);
        Ok(())
    }

    /// Evaluating `e` may assign variables that live in this function's
    /// registers (so an earlier operand read straight from a variable's
    /// register must be copied first).
    pub(crate) fn may_change(&self, e: &Expr<'a>) -> bool {
        let mut budget = MAY_CHANGE_BUDGET;
        may_assign_registers(e, &mut budget)
    }

    fn logical(&mut self, l: &Logical<'a>, dst: Reg) -> CResult<()> {
        self.expr(&l.left, dst)?;
        let site = match l.op {
            LogicalOp::And => self.f.b.emit_jump(Instr::JumpIfFalse { cond: dst, target: 0 }),
            LogicalOp::Or => self.f.b.emit_jump(Instr::JumpIfTrue { cond: dst, target: 0 }),
            LogicalOp::Coalesce => self.f.b.emit_jump(Instr::JumpIfNotNullish { cond: dst, target: 0 }),
        };
        self.expr(&l.right, dst)?;
        self.f.b.patch_here(site);
        Ok(())
    }

    fn template(&mut self, t: &Template<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let acc = self.f.b.alloc();
        let cooked = t.quasis[0].cooked.unwrap_or(&[]);
        let a = self.atom_units(cooked);
        self.emit(Instr::LoadString { dst: acc, a });
        for (i, e) in t.exprs.iter().enumerate() {
            let part = self.f.b.alloc();
            self.expr(e, part)?;
            self.emit(Instr::ToString { dst: part, src: part });
            self.emit(Instr::Add { dst: acc, a: acc, b: part });
            let cooked = t.quasis.get(i + 1).and_then(|q| q.cooked).unwrap_or(&[]);
            if !cooked.is_empty() {
                let a = self.atom_units(cooked);
                self.emit(Instr::LoadString { dst: part, a });
                self.emit(Instr::Add { dst: acc, a: acc, b: part });
            }
            self.f.b.release(mark + 1);
        }
        self.emit(Instr::Move { dst, src: acc });
        self.f.b.release(mark);
        Ok(())
    }

    fn tagged_template(&mut self, t: &TaggedTemplate<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let (callee, this) = self.callee_and_this(&t.tag, true)?;
        let args = self.f.b.alloc_many(1 + t.quasi.exprs.len() as u32);
        let site = spindle_vm::bytecode::TemplateSite {
            cooked: t.quasi.quasis.iter().map(|q| q.cooked.map(|c| c.to_vec())).collect(),
            raw: t.quasi.quasis.iter().map(|q| q.raw.encode_utf16().collect()).collect(),
        };
        let k = self.f.b.constant(Constant::Template(std::rc::Rc::new(site)));
        self.emit(Instr::TemplateObject { dst: args, k });
        for (i, e) in t.quasi.exprs.iter().enumerate() {
            self.expr(e, Reg(args.0 + 1 + i as u16))?;
        }
        self.position(t.span);
        let argc = 1 + t.quasi.exprs.len() as u16;
        self.emit(Instr::Call { dst, callee, this, args, argc });
        self.f.b.release(mark);
        Ok(())
    }

    fn array_literal(&mut self, a: &ArrayLit<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let arr = self.f.b.alloc();
        self.emit(Instr::NewArray { dst: arr, capacity: a.elements.len().min(255) as u16 });
        for el in a.elements {
            let m = self.f.b.mark();
            match *el {
                ArrayElement::Hole(_) => {
                    self.emit(Instr::ArrayPushHole { arr });
                }
                ArrayElement::Expr(e) => {
                    let v = self.expr_reg(&e)?;
                    self.emit(Instr::ArrayPush { arr, src: v });
                }
                ArrayElement::Spread(e, _) => {
                    let v = self.expr_reg(&e)?;
                    self.emit(Instr::ArraySpread { arr, src: v });
                }
            }
            self.f.b.release(m);
        }
        self.emit(Instr::Move { dst, src: arr });
        self.f.b.release(mark);
        Ok(())
    }

    fn object_literal(&mut self, o: &ObjectLit<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let obj = self.f.b.alloc();
        self.emit(Instr::NewObject { dst: obj });
        for p in o.props {
            let m = self.f.b.mark();
            match *p {
                Property::KeyValue(PropKey::Ident(n), value) if n.name == "__proto__" => {
                    let v = self.expr_reg(&value)?;
                    self.emit(Instr::SetProtoLiteral { obj, src: v });
                }
                Property::KeyValue(PropKey::String(s, _), value) if s.iter().copied().eq("__proto__".encode_utf16()) => {
                    let v = self.expr_reg(&value)?;
                    self.emit(Instr::SetProtoLiteral { obj, src: v });
                }
                Property::KeyValue(PropKey::Ident(n), value) => {
                    let v = self.named_value(&value, n.name)?;
                    let (a, ic) = (self.atom(n.name), self.f.b.cache());
                    self.emit(Instr::DefineNamedField { obj, a, src: v, ic });
                }
                Property::KeyValue(key, value) => {
                    let k = self.prop_key(key)?;
                    let v = self.f.b.alloc();
                    self.expr_keyed(&value, v, k)?;
                    self.emit(Instr::DefineField { obj, key: k, src: v });
                }
                Property::Shorthand(id) => {
                    let v = self.f.b.alloc();
                    self.load_var(id, v);
                    let (a, ic) = (self.atom(id.name), self.f.b.cache());
                    self.emit(Instr::DefineNamedField { obj, a, src: v, ic });
                }
                Property::Method(kind, key, f) => {
                    let k = self.prop_key(key)?;
                    let v = self.f.b.alloc();
                    self.closure(f, v, Some(Name { name: "", span: f.span }))?;
                    let kind = method_kind_code(kind);
                    self.emit(Instr::DefineMethod { obj, key: k, src: v, kind, enumerable: 1 });
                }
                Property::Spread(e, _) => {
                    let v = self.expr_reg(&e)?;
                    self.emit(Instr::CopyDataProperties { dst: obj, src: v });
                }
            }
            self.f.b.release(m);
        }
        self.emit(Instr::Move { dst, src: obj });
        self.f.b.release(mark);
        Ok(())
    }

    /// A property key in a register (computed keys converted once, in order).
    pub(crate) fn prop_key(&mut self, key: PropKey<'a>) -> CResult<Reg> {
        let r = self.f.b.alloc();
        match key {
            PropKey::Ident(n) => {
                let a = self.atom(n.name);
                self.emit(Instr::LoadString { dst: r, a });
            }
            PropKey::String(s, _) => {
                let a = self.atom_units(s);
                self.emit(Instr::LoadString { dst: r, a });
            }
            PropKey::Number(n, _) => {
                self.load_number(n, r)?;
                self.emit(Instr::ToPropertyKey { dst: r, src: r });
            }
            PropKey::BigInt(b, _) => {
                let k = self.f.b.constant(Constant::BigInt(b.into()));
                self.emit(Instr::LoadConst { dst: r, k });
                self.emit(Instr::ToPropertyKey { dst: r, src: r });
            }
            PropKey::Computed(e, _) => {
                self.expr(&e, r)?;
                self.emit(Instr::ToPropertyKey { dst: r, src: r });
            }
            PropKey::Private(n) => return self.unsupported("a private name here", n.span),
        }
        Ok(r)
    }

    /// Evaluates `value`, naming an anonymous function or class `name`.
    pub(crate) fn named_value(&mut self, value: &Expr<'a>, name: &'a str) -> CResult<Reg> {
        let r = self.f.b.alloc();
        self.expr_named(value, r, name)?;
        Ok(r)
    }

    /// NamedEvaluation: anonymous functions and classes get `name`.
    pub(crate) fn expr_named(&mut self, value: &Expr<'a>, dst: Reg, name: &'a str) -> CResult<()> {
        let n = Some(Name { name, span: value.span() });
        match value {
            Expr::Function(f) | Expr::Arrow(f) if f.id.is_none() => self.closure(f, dst, n),
            Expr::Class(c) if c.id.is_none() => self.class(c, dst, n),
            Expr::Paren(inner, _) if is_anonymous_fn(inner) => self.expr_named(inner, dst, name),
            _ => self.expr(value, dst),
        }
    }

    /// NamedEvaluation with the property key in register `key` (computed,
    /// string or numeric keys): an anonymous function or class is named
    /// from it at run time, a class before its elements are defined.
    pub(crate) fn expr_keyed(&mut self, value: &Expr<'a>, dst: Reg, key: Reg) -> CResult<()> {
        match value {
            Expr::Function(f) | Expr::Arrow(f) if f.id.is_none() => {
                self.closure(f, dst, Some(Name { name: "", span: f.span }))?;
                self.emit(Instr::SetFunctionName { func: dst, key });
                Ok(())
            }
            Expr::Class(c) if c.id.is_none() => self.class_keyed(c, dst, key),
            Expr::Paren(inner, _) if is_anonymous_fn(inner) => self.expr_keyed(inner, dst, key),
            _ => self.expr(value, dst),
        }
    }

    fn new_expr(&mut self, n: &New<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let callee = self.f.b.alloc();
        self.expr(&n.callee, callee)?;
        if n.args.iter().any(|a| matches!(a, ArrayElement::Spread(..))) {
            let array = self.spread_args(n.args)?;
            self.position(n.span);
            self.emit(Instr::NewSpread { dst, callee, array });
        } else {
            let args = self.args(n.args)?;
            self.position(n.span);
            self.emit(Instr::New { dst, callee, args, argc: n.args.len() as u16 });
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// Arguments into consecutive registers; returns the first.
    pub(crate) fn args(&mut self, args: &[ArrayElement<'a>]) -> CResult<Reg> {
        let first = self.f.b.alloc_many(args.len() as u32);
        for (i, a) in args.iter().enumerate() {
            if let ArrayElement::Expr(e) = a {
                self.expr(e, Reg(first.0 + i as u16))?;
            }
        }
        Ok(first)
    }

    /// Arguments with spread into one array register.
    pub(crate) fn spread_args(&mut self, args: &'a [ArrayElement<'a>]) -> CResult<Reg> {
        let lit = ArrayLit { elements: args, span: Span::default() };
        let r = self.f.b.alloc();
        self.array_literal(&lit, r)?;
        Ok(r)
    }

    /// `(o?.m)(...)`: the parenthesized chain is still a reference, so `o`
    /// is the `this`; when the chain short-circuits both are undefined (and
    /// the call throws). Fresh registers: the short circuit writes them.
    fn optional_callee_and_this(&mut self, chain: &Expr<'a>) -> CResult<(Reg, Reg)> {
        self.f.optional_exits.push(Vec::new());
        let (f, this) = self.callee_and_this(chain, true)?;
        let exits = self.f.optional_exits.pop().unwrap_or_default();
        if !exits.is_empty() {
            let end = self.f.b.emit_jump(Instr::Jump { target: 0 });
            for e in exits {
                self.f.b.patch_here(e);
            }
            self.emit(Instr::LoadUndefined { dst: f });
            self.emit(Instr::LoadUndefined { dst: this });
            self.f.b.patch_here(end);
        }
        Ok((f, this))
    }

    /// The callee and `this` of a call: `o.m` gives (o.m, o), else (f,
    /// undefined). `rest_may_change`: the arguments may assign a register
    /// variable, so `o` is copied rather than read from its register.
    pub(crate) fn callee_and_this(&mut self, callee: &Expr<'a>, rest_may_change: bool) -> CResult<(Reg, Reg)> {
        if let Expr::Paren(inner, _) = callee {
            match inner {
                Expr::Member(_) | Expr::SuperMember(_) => return self.callee_and_this(inner, rest_may_change),
                Expr::OptionalChain(chain @ Expr::Member(_), _) => return self.optional_callee_and_this(chain),
                _ => {}
            }
        }
        let f = self.f.b.alloc();
        match callee {
            Expr::Member(m) => {
                let key_may_change = matches!(m.property, MemberProp::Computed(k) if self.may_change(&k));
                let this = if rest_may_change || key_may_change {
                    let this = self.f.b.alloc();
                    self.expr(&m.object, this)?;
                    this
                } else {
                    self.expr_reg(&m.object)?
                };
                if m.optional {
                    self.optional_check(this);
                }
                self.position(m.span);
                self.get_member(this, m.property, f)?;
                Ok((f, this))
            }
            Expr::SuperMember(m) => {
                let (this, key) = self.super_reference(m.property)?;
                self.emit(Instr::GetSuper { dst: f, this, key });
                Ok((f, this))
            }
            Expr::Ident(id) if self.dynamic_depth(*id).is_some() => {
                let this = self.f.b.alloc();
                let depth = self.dynamic_depth(*id).unwrap_or_default();
                let a = self.atom(id.name);
                let site = self.f.b.emit_jump(Instr::GetName { dst: f, this, a, depth, target: 0 });
                self.load_static_var(*id, f);
                self.emit(Instr::LoadUndefined { dst: this });
                self.f.b.patch_here(site);
                Ok((f, this))
            }
            _ => {
                let this = self.f.b.alloc();
                self.expr(callee, f)?;
                self.emit(Instr::LoadUndefined { dst: this });
                Ok((f, this))
            }
        }
    }

    fn call(&mut self, c: &Call<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let rest_may_change = c.args.iter().filter_map(element_expr).any(|e| self.may_change(e));
        let (callee, this) = self.callee_and_this(&c.callee, rest_may_change)?;
        if c.optional {
            self.optional_check(callee);
        }
        let direct_eval = matches!(c.callee, Expr::Ident(id) if id.name == "eval");
        if c.args.iter().any(|a| matches!(a, ArrayElement::Spread(..))) {
            let array = self.spread_args(c.args)?;
            self.position(c.span);
            self.emit(Instr::CallSpread { dst, callee, this, array });
        } else {
            let args = self.args(c.args)?;
            self.position(c.span);
            let argc = c.args.len() as u16;
            if direct_eval {
                let site = self.eval_site(c.span);
                self.emit(Instr::CallEval { dst, callee, args, argc, site });
            } else {
                self.emit(Instr::Call { dst, callee, this, args, argc });
            }
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// `this` into `dst`.
    pub(crate) fn load_this(&mut self, dst: Reg) -> CResult<()> {
        if let Some((depth, slot)) = self.captured_this_slot().or_else(|| self.constructor_env().map(|[_, _, this]| this)) {
            let a = self.atom("this");
            self.emit(Instr::GetEnv { dst, depth, slot, a });
        } else if let Some(src) = self.f.this_reg {
            self.emit(Instr::Move { dst, src });
        } else {
            self.emit(Instr::LoadThis { dst });
        }
        Ok(())
    }

    /// Inside an arrow: the env slot holding the enclosing function's `this`.
    pub(crate) fn captured_this_slot(&mut self) -> Option<(u16, u16)> {
        self.captured_slot(|layout| layout.this_slot)
    }

    /// In a derived constructor whose arrows or evals may call `super()`:
    /// the env slot of its `this`, the only place it is bound.
    pub(crate) fn env_bound_this(&mut self) -> Option<(u16, u16)> {
        // Only a derived constructor keeps its callee in a register.
        self.f.callee_reg?;
        self.constructor_env().map(|[_, _, this]| this)
    }

    /// The (depth, slot) of the constructor, its `new.target` and its
    /// `this` binding, when the derived constructor whose code this is (its
    /// own, an arrow's inside it, or its direct eval's) keeps them in its
    /// environment.
    pub(crate) fn constructor_env(&mut self) -> Option<[(u16, u16); 3]> {
        let mut scope = self.scopes.this_scope(self.f.scope);
        loop {
            let layout = self.layout(scope);
            if let (Some(callee), Some(new_target), Some(this)) = (layout.callee_slot, layout.new_target_slot, layout.this_slot) {
                let depth = self.env_depth(scope);
                return Some([(depth, callee), (depth, new_target), (depth, this)]);
            }
            // Eval code looks on through the caller's environments.
            if self.scopes.scope(scope).kind != crate::scope::ScopeKind::Eval || self.eval_outer.is_none() {
                return None;
            }
            scope = self.scopes.scope(scope).parent?;
            while self.scopes.scope(scope).kind == crate::scope::ScopeKind::Eval {
                scope = self.scopes.scope(scope).parent?;
            }
        }
    }

    /// Inside an arrow: the env slot holding the enclosing function's
    /// `new.target`.
    pub(crate) fn captured_new_target_slot(&mut self) -> Option<(u16, u16)> {
        self.captured_slot(|layout| layout.new_target_slot)
    }

    /// Inside an arrow: (depth, slot) of the enclosing function's slot that
    /// `slot_of` picks from its layout.
    fn captured_slot(&mut self, slot_of: fn(&super::scopes::EnvLayout) -> Option<u16>) -> Option<(u16, u16)> {
        if self.scopes.scope(self.f.function_scope).kind != crate::scope::ScopeKind::Arrow {
            return None;
        }
        let target = self.scopes.this_scope(self.f.scope);
        let slot = slot_of(self.layout(target))?;
        let depth = self.env_depth(target);
        Some((depth, slot))
    }

    /// `new.target` into `dst` (inside an arrow: the enclosing function's,
    /// from its environment).
    pub(crate) fn load_new_target(&mut self, dst: Reg) -> CResult<()> {
        if let Some((depth, slot)) = self.captured_new_target_slot() {
            let a = self.atom("new.target");
            self.emit(Instr::GetEnv { dst, depth, slot, a });
        } else if let Some(r) = self.f.new_target_reg {
            self.emit(Instr::Move { dst, src: r });
        } else {
            self.emit(Instr::LoadNewTarget { dst });
        }
        Ok(())
    }
}

fn is_anonymous_fn(e: &Expr<'_>) -> bool {
    match e {
        Expr::Function(f) | Expr::Arrow(f) => f.id.is_none(),
        Expr::Class(c) => c.id.is_none(),
        Expr::Paren(inner, _) => is_anonymous_fn(inner),
        _ => false,
    }
}

/// `DefineMethod`'s kind operand.
pub(crate) fn method_kind_code(kind: MethodKind) -> u16 {
    match kind {
        MethodKind::Get => 1,
        MethodKind::Set => 2,
        _ => 0,
    }
}

/// How many expression nodes [`may_assign_registers`] looks at before it
/// gives the safe answer (keeps it linear on long operator chains).
const MAY_CHANGE_BUDGET: u32 = 24;

/// Whether evaluating `e` may write a variable held in a register of the
/// current function. Only this function's own code can: a register
/// variable is never captured (closures see environment slots), mapped
/// `arguments` alias environment slots, and `with` or eval-visible names
/// are not in registers. So calls, property accesses (getters, proxies)
/// and closure creation cannot; an assignment, an update, a direct
/// `eval`, or anything not looked into (beyond `budget` nodes) may.
fn may_assign_registers(e: &Expr<'_>, budget: &mut u32) -> bool {
    if *budget == 0 {
        return true;
    }
    *budget -= 1;
    let mut any = |es: &mut dyn Iterator<Item = &Expr<'_>>| {
        for e in es {
            if may_assign_registers(e, budget) {
                return true;
            }
        }
        false
    };
    match e {
        Expr::This(_) | Expr::Ident(_) | Expr::Null(_) | Expr::Bool(..) | Expr::Number(..) | Expr::BigInt(..) => false,
        Expr::String(..) | Expr::RegExp(_) | Expr::Function(_) | Expr::Arrow(_) | Expr::NewTarget(_) => false,
        Expr::Template(t) => any(&mut t.exprs.iter()),
        Expr::Unary(u) => any(&mut std::iter::once(&u.arg)),
        Expr::Binary(b) => any(&mut [&b.left, &b.right].into_iter()),
        Expr::Logical(l) => any(&mut [&l.left, &l.right].into_iter()),
        Expr::Conditional(c) => any(&mut [&c.test, &c.then, &c.otherwise].into_iter()),
        Expr::Paren(inner, _) | Expr::Await(inner, _) => any(&mut std::iter::once(*inner)),
        Expr::Member(m) => match &m.property {
            MemberProp::Computed(k) => any(&mut [&m.object, k].into_iter()),
            _ => any(&mut std::iter::once(&m.object)),
        },
        Expr::Call(c) if !matches!(c.callee, Expr::Ident(id) if id.name == "eval") => {
            any(&mut std::iter::once(&c.callee).chain(c.args.iter().filter_map(element_expr)))
        }
        Expr::New(n) => any(&mut std::iter::once(&n.callee).chain(n.args.iter().filter_map(element_expr))),
        Expr::Array(a) => any(&mut a.elements.iter().filter_map(element_expr)),
        _ => true,
    }
}

/// The expression of an argument or array element (`None` for a hole).
fn element_expr<'e, 'a>(el: &'e ArrayElement<'a>) -> Option<&'e Expr<'a>> {
    match el {
        ArrayElement::Expr(e) | ArrayElement::Spread(e, _) => Some(e),
        ArrayElement::Hole(_) => None,
    }
}

/// Compiling `e` into a register writes that register only at the end,
/// after every operand has been read (operands go to fresh registers), so
/// the register may be a variable that `e` itself reads.
fn writes_dst_last(e: &Expr<'_>) -> bool {
    match e {
        Expr::Binary(_) | Expr::Number(..) | Expr::String(..) | Expr::Bool(..) | Expr::Null(_) => true,
        Expr::Call(c) => !c.optional && !matches!(c.callee, Expr::Ident(id) if id.name == "eval"),
        Expr::New(_) => true,
        _ => false,
    }
}

/// `e` as the immediate operand of an instruction: an integer literal that
/// `i32` holds exactly (not -0, which a literal cannot be anyway).
fn small_int(e: &Expr<'_>) -> Option<i32> {
    match *e {
        Expr::Number(n, _) if n.fract() == 0.0 && n.abs() < 2_147_483_647.0 => Some(n as i32),
        _ => None,
    }
}

/// The instruction for a binary operator.
pub(crate) fn binary_instr(op: BinaryOp, dst: Reg, a: Reg, b: Reg) -> Instr {
    match op {
        BinaryOp::Add => Instr::Add { dst, a, b },
        BinaryOp::Sub => Instr::Sub { dst, a, b },
        BinaryOp::Mul => Instr::Mul { dst, a, b },
        BinaryOp::Div => Instr::Div { dst, a, b },
        BinaryOp::Rem => Instr::Rem { dst, a, b },
        BinaryOp::Exp => Instr::Exp { dst, a, b },
        BinaryOp::Shl => Instr::Shl { dst, a, b },
        BinaryOp::Shr => Instr::Shr { dst, a, b },
        BinaryOp::UShr => Instr::UShr { dst, a, b },
        BinaryOp::BitAnd => Instr::BitAnd { dst, a, b },
        BinaryOp::BitOr => Instr::BitOr { dst, a, b },
        BinaryOp::BitXor => Instr::BitXor { dst, a, b },
        BinaryOp::Eq => Instr::Eq { dst, a, b },
        BinaryOp::NotEq => Instr::NotEq { dst, a, b },
        BinaryOp::StrictEq => Instr::StrictEq { dst, a, b },
        BinaryOp::StrictNotEq => Instr::StrictNotEq { dst, a, b },
        BinaryOp::Lt => Instr::Lt { dst, a, b },
        BinaryOp::LtEq => Instr::LtEq { dst, a, b },
        BinaryOp::Gt => Instr::Gt { dst, a, b },
        BinaryOp::GtEq => Instr::GtEq { dst, a, b },
        BinaryOp::In => Instr::In { dst, a, b },
        BinaryOp::Instanceof => Instr::InstanceOf { dst, a, b },
    }
}
