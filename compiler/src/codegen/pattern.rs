//! Assignment: simple targets, compound and logical assignment, `++`/`--`,
//! and destructuring of array and object patterns (for declarations,
//! parameters and assignment alike).

use super::{CResult, Compiler};
use crate::ast::*;
use spindle_vm::bytecode::{Instr, Reg};

/// How a pattern's identifiers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BindMode {
    /// Assignment to existing bindings (`[a, b] = c`).
    Assign,
    /// Initialisation of declared bindings (`let [a, b] = c`, parameters).
    Init,
}

impl<'a> Compiler<'a, '_> {
    pub(crate) fn assign(&mut self, a: &Assign<'a>, dst: Reg) -> CResult<()> {
        match a.op {
            AssignOp::Assign => {
                match a.target {
                    Pattern::Ident(id) => {
                        let mark = self.f.b.mark();
                        let reference = self.resolve_name_ref(id);
                        // NamedEvaluation only for a bare identifier: `(f) =
                        // function () {}` (a parenthesized target, which the
                        // assignment's span starts before) names nothing.
                        if id.span.start == a.span.start {
                            self.expr_named(&a.value, dst, id.name)?;
                        } else {
                            self.expr(&a.value, dst)?;
                        }
                        self.position(a.span);
                        self.store_var_ref(id, reference, dst);
                        self.f.b.release(mark);
                    }
                    Pattern::Expr(target) => {
                        let mark = self.f.b.mark();
                        let (obj, key) = self.reference(&target)?;
                        self.expr(&a.value, dst)?;
                        self.position(a.span);
                        self.put_reference(&target, obj, key, dst)?;
                        self.f.b.release(mark);
                    }
                    pattern => {
                        self.expr(&a.value, dst)?;
                        self.position(a.span);
                        self.destructure(pattern, dst, BindMode::Assign)?;
                    }
                }
                Ok(())
            }
            AssignOp::Binary(op) => {
                let mark = self.f.b.mark();
                let (obj, key) = self.target_reference(a.target)?;
                self.get_reference(a.target, obj, key, dst)?;
                let v = self.f.b.alloc();
                self.expr(&a.value, v)?;
                self.position(a.span);
                self.emit(super::expr::binary_instr(op, dst, dst, v));
                self.put_target(a.target, obj, key, dst)?;
                self.f.b.release(mark);
                Ok(())
            }
            AssignOp::Logical(op) => {
                let mark = self.f.b.mark();
                let (obj, key) = self.target_reference(a.target)?;
                self.get_reference(a.target, obj, key, dst)?;
                let skip = match op {
                    LogicalOp::And => self.f.b.emit_jump(Instr::JumpIfFalse { cond: dst, target: 0 }),
                    LogicalOp::Or => self.f.b.emit_jump(Instr::JumpIfTrue { cond: dst, target: 0 }),
                    LogicalOp::Coalesce => self.f.b.emit_jump(Instr::JumpIfNotNullish { cond: dst, target: 0 }),
                };
                match a.target {
                    Pattern::Ident(id) => self.expr_named(&a.value, dst, id.name)?,
                    _ => self.expr(&a.value, dst)?,
                }
                self.put_target(a.target, obj, key, dst)?;
                self.f.b.patch_here(skip);
                self.f.b.release(mark);
                Ok(())
            }
        }
    }

    /// `++x`, `x--`, ...
    pub(crate) fn update(&mut self, u: &Update<'a>, dst: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let mut target = u.target;
        while let Expr::Paren(inner, _) = target {
            target = *inner;
        }
        let target = match target {
            Expr::Ident(id) => Pattern::Ident(id),
            other => Pattern::Expr(other),
        };
        let (obj, key) = self.target_reference(target)?;
        let old = self.f.b.alloc();
        self.get_reference(target, obj, key, old)?;
        self.position(u.span);
        self.emit(Instr::ToNumeric { dst: old, src: old });
        let new = self.f.b.alloc();
        let i = match u.op {
            UpdateOp::Increment => Instr::Inc { dst: new, src: old },
            UpdateOp::Decrement => Instr::Dec { dst: new, src: old },
        };
        self.emit(i);
        self.put_target(target, obj, key, new)?;
        let result = if u.prefix { new } else { old };
        self.emit(Instr::Move { dst, src: result });
        self.f.b.release(mark);
        Ok(())
    }

    /// The object and key registers of a member target whose value is read
    /// first (compound assignment, `++`): GetValue's ToObject of the base
    /// comes before ToPropertyKey, which then happens once. An identifier
    /// gets its resolved `with` object, if it may have one.
    fn target_reference(&mut self, target: Pattern<'a>) -> CResult<(Option<Reg>, Option<Reg>)> {
        match target {
            Pattern::Expr(e) => {
                let (obj, key) = self.reference(&e)?;
                if let (Some(o), Some(k), Some(MemberProp::Computed(_))) = (obj, key, member_prop(&e)) {
                    let coercible = self.f.b.emit_jump(Instr::JumpIfNotNullish { cond: o, target: 0 });
                    // A null or undefined base: GetElem throws its TypeError.
                    self.emit(Instr::GetElem { dst: k, obj: o, key: k });
                    self.f.b.patch_here(coercible);
                    self.emit(Instr::ToPropertyKey { dst: k, src: k });
                }
                Ok((obj, key))
            }
            Pattern::Ident(id) => Ok((self.resolve_name_ref(id), None)),
            _ => Ok((None, None)),
        }
    }

    /// Evaluates the object and key of a member expression used as a target.
    fn reference(&mut self, e: &Expr<'a>) -> CResult<(Option<Reg>, Option<Reg>)> {
        match e {
            Expr::Paren(inner, _) => self.reference(inner),
            Expr::Member(m) => {
                let obj = self.f.b.alloc();
                self.expr(&m.object, obj)?;
                let key = match m.property {
                    MemberProp::Name(_) => None,
                    MemberProp::Computed(k) => {
                        let r = self.f.b.alloc();
                        self.expr(&k, r)?;
                        Some(r)
                    }
                    MemberProp::Private(n) => Some(self.private_name(n)?),
                };
                Ok((Some(obj), key))
            }
            Expr::SuperMember(m) => {
                let (this, key) = self.super_reference(m.property)?;
                Ok((Some(this), Some(key)))
            }
            _ => self.unsupported("this assignment target", e.span()),
        }
    }

    fn get_reference(&mut self, target: Pattern<'a>, obj: Option<Reg>, key: Option<Reg>, dst: Reg) -> CResult<()> {
        match target {
            Pattern::Ident(id) => {
                self.load_var_ref(id, obj, dst);
                Ok(())
            }
            Pattern::Expr(e) => self.get_expr_reference(&e, obj, key, dst),
            _ => self.unsupported("this assignment target", target.span()),
        }
    }

    fn get_expr_reference(&mut self, e: &Expr<'a>, obj: Option<Reg>, key: Option<Reg>, dst: Reg) -> CResult<()> {
        match (e, obj, key) {
            (Expr::Paren(inner, _), ..) => self.get_expr_reference(inner, obj, key, dst),
            (Expr::Member(m), Some(o), _) => {
                match (m.property, key) {
                    (MemberProp::Name(n), _) => {
                        let a = self.atom(n.name);
                        let ic = self.f.b.cache();
                        self.emit(Instr::GetField { dst, obj: o, a, ic });
                    }
                    (MemberProp::Private(_), Some(k)) => {
                        self.emit(Instr::GetPrivate { dst, obj: o, name: k });
                    }
                    (_, Some(k)) => {
                        self.emit(Instr::GetElem { dst, obj: o, key: k });
                    }
                    _ => {}
                }
                Ok(())
            }
            (Expr::SuperMember(_), Some(this), Some(key)) => {
                self.emit(Instr::GetSuper { dst, this, key });
                Ok(())
            }
            _ => self.unsupported("this assignment target", e.span()),
        }
    }

    fn put_target(&mut self, target: Pattern<'a>, obj: Option<Reg>, key: Option<Reg>, src: Reg) -> CResult<()> {
        match target {
            Pattern::Ident(id) => {
                self.store_var_ref(id, obj, src);
                Ok(())
            }
            Pattern::Expr(e) => self.put_reference(&e, obj, key, src),
            _ => self.unsupported("this assignment target", target.span()),
        }
    }

    /// Stores `src` into the member target `e` (object and key already evaluated).
    pub(crate) fn put_reference(&mut self, e: &Expr<'a>, obj: Option<Reg>, key: Option<Reg>, src: Reg) -> CResult<()> {
        match (e, obj) {
            (Expr::Paren(inner, _), _) => self.put_reference(inner, obj, key, src),
            (Expr::Member(m), Some(o)) => {
                match (m.property, key) {
                    (MemberProp::Name(n), _) => {
                        let a = self.atom(n.name);
                        let ic = self.f.b.cache();
                        self.emit(Instr::SetField { obj: o, a, src, ic });
                    }
                    (MemberProp::Private(_), Some(k)) => {
                        self.emit(Instr::SetPrivate { obj: o, name: k, src });
                    }
                    (_, Some(k)) => {
                        self.emit(Instr::SetElem { obj: o, key: k, src });
                    }
                    _ => {}
                }
                Ok(())
            }
            (Expr::SuperMember(_), Some(this)) => {
                if let Some(key) = key {
                    self.emit(Instr::SetSuper { this, key, src });
                }
                Ok(())
            }
            _ => self.unsupported("this assignment target", e.span()),
        }
    }

    /// Binds or assigns `pattern` from the value in `value`.
    pub(crate) fn destructure(&mut self, pattern: Pattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.destructure_inner(pattern, value, mode))
    }

    fn destructure_inner(&mut self, pattern: Pattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        match pattern {
            Pattern::Ident(id) => {
                self.store_var(id, value, mode == BindMode::Init);
                Ok(())
            }
            Pattern::Expr(e) => {
                let mark = self.f.b.mark();
                let (obj, key) = self.reference(&e)?;
                self.put_reference(&e, obj, key, value)?;
                self.f.b.release(mark);
                Ok(())
            }
            Pattern::Assign(ap) => {
                let mark = self.f.b.mark();
                let v = self.f.b.alloc();
                self.emit(Instr::Move { dst: v, src: value });
                let skip = self.f.b.emit_jump(Instr::JumpIfNotUndefined { cond: v, target: 0 });
                match ap.target {
                    Pattern::Ident(id) => self.expr_named(&ap.default, v, id.name)?,
                    _ => self.expr(&ap.default, v)?,
                }
                self.f.b.patch_here(skip);
                self.destructure(ap.target, v, mode)?;
                self.f.b.release(mark);
                Ok(())
            }
            Pattern::Object(o) => self.destructure_object(o, value, mode),
            Pattern::Array(a) => self.destructure_array(a, value, mode),
        }
    }

    fn destructure_object(&mut self, o: &ObjectPattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        let mark = self.f.b.mark();
        if o.props.is_empty() && o.rest.is_none() {
            // RequireObjectCoercible: reading any property of null/undefined throws.
            let t = self.f.b.alloc();
            let k = self.f.b.alloc();
            let a = self.atom("");
            self.emit(Instr::LoadString { dst: k, a });
            let skip = self.f.b.emit_jump(Instr::JumpIfNotNullish { cond: value, target: 0 });
            self.emit(Instr::GetElem { dst: t, obj: value, key: k });
            self.f.b.patch_here(skip);
        }
        let keys = o.rest.map(|_| {
            let arr = self.f.b.alloc();
            self.emit(Instr::NewArray { dst: arr, capacity: 0 });
            arr
        });
        for p in o.props {
            let m = self.f.b.mark();
            let key = self.prop_key(p.key)?;
            if let Some(arr) = keys {
                self.emit(Instr::ArrayPush { arr, src: key });
            }
            self.destructure_element(p.value, mode, |c, v| { c.emit(Instr::GetElem { dst: v, obj: value, key }); })?;
            self.f.b.release(m);
        }
        if let (Some(rest), Some(arr)) = (o.rest, keys) {
            self.destructure_element(rest, mode, |c, v| { c.emit(Instr::CopyRest { dst: v, src: value, excluded: arr }); })?;
        }
        self.f.b.release(mark);
        Ok(())
    }

    fn destructure_array(&mut self, a: &ArrayPattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        let mark = self.f.b.mark();
        let iter = self.f.b.alloc_many(2);
        let done = self.f.b.alloc();
        self.emit(Instr::GetIterator { iter, src: value });
        self.emit(Instr::LoadFalse { dst: done });
        let start = self.f.b.pc();
        let exc = self.f.b.alloc();
        self.f.control.push(super::control::Control::Destructuring { iter, done });
        for el in a.elements {
            match el {
                Some(p) => self.destructure_element(*p, mode, |c, v| c.step_or_undefined(iter, done, v))?,
                None => {
                    let v = self.f.b.alloc();
                    self.step_or_undefined(iter, done, v);
                }
            }
            self.f.b.release(exc.0 as u32 + 1);
        }
        if let Some(rest) = a.rest {
            self.destructure_element(rest, mode, |c, arr| c.collect_rest(iter, done, arr))?;
        }
        self.f.control.pop();
        let end = self.f.b.pc();
        // Close the iterator unless it is exhausted; on a throw, close it quietly and rethrow.
        let normal = self.f.b.emit_jump(Instr::JumpIfTrue { cond: done, target: 0 });
        self.emit(Instr::IteratorClose { iter });
        let out = self.f.b.emit_jump(Instr::Jump { target: 0 });
        let handler = self.f.b.pc();
        let rethrow = self.f.b.emit_jump(Instr::JumpIfTrue { cond: done, target: 0 });
        self.emit(Instr::IteratorCloseQuiet { iter });
        self.f.b.patch_here(rethrow);
        self.emit(Instr::Throw { src: exc });
        self.f.b.patch_here(normal);
        self.f.b.patch_here(out);
        let depth = self.f.b.env_depth;
        self.f.b.add_handler(start, end, handler, exc, depth);
        self.f.b.release(mark);
        Ok(())
    }

    /// One element or property of a pattern: the target reference first
    /// (a member expression's object and key are evaluated before the value
    /// is fetched, §13.15.5.5-6), then `fetch` puts the value into a fresh
    /// register, then the default applies to `undefined`, then the store.
    fn destructure_element(&mut self, target: Pattern<'a>, mode: BindMode, fetch: impl FnOnce(&mut Self, Reg)) -> CResult<()> {
        let mark = self.f.b.mark();
        let (inner, default) = match target {
            Pattern::Assign(ap) => (ap.target, Some(ap.default)),
            other => (other, None),
        };
        let reference = match inner {
            Pattern::Expr(e) => Some((e, self.reference(&e)?)),
            _ => None,
        };
        let v = self.f.b.alloc();
        fetch(self, v);
        if let Some(default) = default {
            let skip = self.f.b.emit_jump(Instr::JumpIfNotUndefined { cond: v, target: 0 });
            match inner {
                Pattern::Ident(id) => self.expr_named(&default, v, id.name)?,
                _ => self.expr(&default, v)?,
            }
            self.f.b.patch_here(skip);
        }
        match reference {
            Some((e, (obj, key))) => self.put_reference(&e, obj, key, v)?,
            None => self.destructure(inner, v, mode)?,
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// `arr :=` an array of the iterator's remaining values; `done` is then
    /// true (from the first step on: a step that throws leaves the
    /// iterator done, so it is not closed).
    fn collect_rest(&mut self, iter: Reg, done: Reg, arr: Reg) {
        let mark = self.f.b.mark();
        self.emit(Instr::NewArray { dst: arr, capacity: 0 });
        let v = self.f.b.alloc();
        let skip = self.f.b.emit_jump(Instr::JumpIfTrue { cond: done, target: 0 });
        self.emit(Instr::LoadTrue { dst: done });
        let top = self.f.b.pc();
        let exit = self.f.b.emit_jump(Instr::IteratorStep { dst: v, iter, target: 0 });
        self.emit(Instr::ArrayPush { arr, src: v });
        self.emit(Instr::Jump { target: top });
        self.f.b.patch_here(exit);
        self.f.b.patch_here(skip);
        self.f.b.release(mark);
    }

    /// `v := next value`, or `undefined` once the iterator is done. `done`
    /// is true while the step runs: IteratorStepValue sets [[Done]] when
    /// `next`, or the result's `done` or `value`, throws (§7.4.10), and an
    /// iterator that is done is not closed.
    fn step_or_undefined(&mut self, iter: Reg, done: Reg, v: Reg) {
        self.emit(Instr::LoadUndefined { dst: v });
        let skip = self.f.b.emit_jump(Instr::JumpIfTrue { cond: done, target: 0 });
        self.emit(Instr::LoadTrue { dst: done });
        let exhausted = self.f.b.emit_jump(Instr::IteratorStep { dst: v, iter, target: 0 });
        self.emit(Instr::LoadFalse { dst: done });
        let over = self.f.b.emit_jump(Instr::Jump { target: 0 });
        self.f.b.patch_here(exhausted);
        self.emit(Instr::LoadUndefined { dst: v });
        self.f.b.patch_here(skip);
        self.f.b.patch_here(over);
    }
}

/// The property of a member expression (through parentheses).
fn member_prop<'a>(e: &Expr<'a>) -> Option<MemberProp<'a>> {
    match e {
        Expr::Paren(inner, _) => member_prop(inner),
        Expr::Member(m) => Some(m.property),
        _ => None,
    }
}
