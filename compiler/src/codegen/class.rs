//! Classes: ClassDefinitionEvaluation — private names, the constructor
//! and prototype, methods and accessors, instance elements recorded for
//! construction time, static fields and static blocks.

use super::scopes::EnvLayout;
use super::{CResult, Compiler};
use crate::ast::*;
use crate::span::Span;
use spindle_vm::bytecode::{Constant, FunctionKind, Instr, ProtoFlags, Reg};
use std::rc::Rc;

/// The private names of one class being compiled: name → env slot of its
/// class scope.
pub(crate) struct PrivateScope<'a> {
    pub(crate) scope: ScopeId,
    pub(crate) names: Vec<(&'a str, u16)>,
}

impl<'a> Compiler<'a, '_> {
    /// Evaluates class `c` into `dst`; `name` names an anonymous class.
    pub(crate) fn class(&mut self, c: &Class<'a>, dst: Reg, name: Option<Name<'a>>) -> CResult<()> {
        self.class_named(c, dst, name, None)
    }

    /// [`Compiler::class`] for an anonymous class named by the property
    /// key in register `key`.
    pub(crate) fn class_keyed(&mut self, c: &Class<'a>, dst: Reg, key: Reg) -> CResult<()> {
        self.class_named(c, dst, None, Some(key))
    }

    fn class_named(&mut self, c: &Class<'a>, dst: Reg, name: Option<Name<'a>>, key_name: Option<Reg>) -> CResult<()> {
        let class_name = c.id.map(|i| i.name).or(name.map(|n| n.name)).unwrap_or("");
        let mark = self.f.b.mark();
        self.prepare_private_names(c);
        self.enter_scope(c.scope)?;
        self.create_private_names(c.scope)?;
        // The inner name is in its TDZ until the class is made: the
        // heritage and computed keys that use it throw a ReferenceError.
        let self_name = c.id.and_then(|id| self.scopes.lookup_local(c.scope, id.name));
        let before = self.f.initializing.len();
        self.f.initializing.extend(self_name.map(|index| (c.scope, index)));
        let heritage = self.f.b.alloc();
        if let Some(h) = &c.super_class {
            self.expr(h, heritage)?;
        }
        let ctor_proto = self.class_constructor(c, class_name)?;
        let k = self.f.b.constant(Constant::Function(ctor_proto));
        let ctor = self.f.b.alloc_many(2);
        let proto = Reg(ctor.0 + 1);
        self.position(c.span);
        self.emit(Instr::NewClass { dst: ctor, k, heritage, has_heritage: u16::from(c.super_class.is_some()) });
        if let Some(key) = key_name {
            self.emit(Instr::SetFunctionName { func: ctor, key });
        }
        let elements = self.f.b.alloc();
        self.emit(Instr::NewArray { dst: elements, capacity: 0 });
        let mut statics = Vec::new();
        self.class_private_methods(c, ctor, proto, elements)?;
        for m in c.members {
            self.class_member(m, ctor, proto, elements, &mut statics)?;
        }
        self.emit(Instr::SetClassFields { ctor, src: elements });
        self.f.initializing.truncate(before);
        if let Some(index) = self_name {
            self.store_binding(c.scope, index, ctor);
        }
        for s in statics {
            self.static_element(s, ctor)?;
        }
        self.emit(Instr::Move { dst, src: ctor });
        self.leave_scope(c.scope);
        self.private_scopes.pop();
        self.f.b.release(mark);
        Ok(())
    }

    /// Gives the class scope an environment slot per private name.
    fn prepare_private_names(&mut self, c: &Class<'a>) {
        let mut layout: EnvLayout = self.layout(c.scope).clone();
        let mut names = Vec::new();
        for m in c.members {
            let key = match m {
                ClassMember::Method { key, .. } | ClassMember::Field { key, .. } => key,
                ClassMember::StaticBlock(_) => continue,
            };
            if let PropKey::Private(n) = key {
                if !names.iter().any(|(x, _)| *x == n.name) {
                    names.push((n.name, layout.size));
                    layout.size += 1;
                }
            }
        }
        self.env_slots.insert(c.scope, layout);
        self.private_scopes.push(PrivateScope { scope: c.scope, names });
    }

    fn create_private_names(&mut self, _scope: ScopeId) -> CResult<()> {
        let names: Vec<(&'a str, u16)> = self.private_scopes.last().map(|p| p.names.clone()).unwrap_or_default();
        let r = self.f.b.alloc();
        for (name, slot) in names {
            let a = self.atom(&format!("#{name}"));
            self.emit(Instr::NewPrivateName { dst: r, a });
            self.emit(Instr::SetEnv { depth: 0, slot, src: r });
        }
        self.f.b.release(self.f.b.mark() - 1);
        Ok(())
    }

    /// The private name `#n` (a symbol) into a new register.
    pub(crate) fn private_name(&mut self, n: Name<'a>) -> CResult<Reg> {
        let found = self.private_scopes.iter().rev().find_map(|p| p.names.iter().find(|(x, _)| *x == n.name).map(|(_, slot)| (p.scope, *slot)));
        let Some((scope, slot)) = found else { return self.unsupported("this private name", n.span) };
        let depth = self.env_depth(scope);
        let r = self.f.b.alloc();
        let a = self.atom(n.name);
        self.emit(Instr::GetEnv { dst: r, depth, slot, a });
        Ok(r)
    }

    /// The constructor's proto: the written one, or the default.
    fn class_constructor(&mut self, c: &Class<'a>, name: &str) -> CResult<Rc<spindle_vm::bytecode::FunctionProto>> {
        let derived = c.super_class.is_some();
        let kind = if derived { FunctionKind::DerivedConstructor } else { FunctionKind::ClassConstructor };
        if let Some(f) = c.constructor {
            return self.function_with_source(f, kind, name, c.span);
        }
        let mut b = super::builder::FunctionBuilder::new();
        let r = b.alloc_many(3);
        if derived {
            let (callee, nt) = (Reg(r.0 + 1), Reg(r.0 + 2));
            b.emit(Instr::LoadCallee { dst: callee });
            b.emit(Instr::LoadNewTarget { dst: nt });
            b.emit(Instr::SuperCallForward { dst: r, func: callee, nt });
            b.emit(Instr::StoreThis { src: r });
            b.emit(Instr::InitFields { obj: r, func: callee });
        }
        b.emit(Instr::LoadUndefined { dst: r });
        b.emit(Instr::Return { src: r });
        let info = super::ProtoInfo {
            name: Rc::from(name),
            kind,
            flags: ProtoFlags { strict: true, needs_args: derived },
            param_count: 0,
            length: 0,
            file: self.file.clone(),
            source_text: Rc::from(self.text(c.span)),
            span: c.span,
        };
        b.finish(info)
    }

    /// Private methods and accessors: instance ones go first in the element
    /// list, static ones are added to the constructor now.
    fn class_private_methods(&mut self, c: &Class<'a>, ctor: Reg, proto: Reg, elements: Reg) -> CResult<()> {
        for m in c.members {
            let ClassMember::Method { is_static, kind, key: PropKey::Private(n), value } = *m else { continue };
            let mark = self.f.b.mark();
            let f = self.f.b.alloc();
            // SetFunctionName with the Private Name: its description is `#name`.
            let prefix = match kind {
                MethodKind::Get => "get ",
                MethodKind::Set => "set ",
                _ => "",
            };
            self.closure_named(value, f, &format!("{prefix}#{}", n.name))?;
            let home = if is_static { ctor } else { proto };
            self.emit(Instr::SetHomeObject { func: f, home });
            let name = self.private_name(n)?;
            let k = super::expr::method_kind_code(kind);
            if is_static {
                self.emit(Instr::DefinePrivateMethod { obj: ctor, name, src: f, kind: k });
            } else {
                self.push_element(elements, 2 + i32::from(k), name, f);
            }
            self.f.b.release(mark);
        }
        Ok(())
    }

    fn push_element(&mut self, elements: Reg, kind: i32, key: Reg, func: Reg) {
        let mark = self.f.b.mark();
        let k = self.f.b.alloc();
        self.emit(Instr::LoadInt { dst: k, imm: kind });
        self.emit(Instr::ArrayPush { arr: elements, src: k });
        self.emit(Instr::ArrayPush { arr: elements, src: key });
        self.emit(Instr::ArrayPush { arr: elements, src: func });
        self.f.b.release(mark);
    }

    fn class_member(&mut self, m: &ClassMember<'a>, ctor: Reg, proto: Reg, elements: Reg, statics: &mut Vec<StaticElement>) -> CResult<()> {
        let mark = self.f.b.mark();
        match *m {
            ClassMember::Method { key: PropKey::Private(_), .. } => {}
            ClassMember::Method { is_static, kind, key, value } => {
                let k = self.prop_key(key)?;
                let f = self.f.b.alloc();
                self.closure(value, f, None)?;
                let obj = if is_static { ctor } else { proto };
                let kind = super::expr::method_kind_code(kind);
                self.emit(Instr::DefineMethod { obj, key: k, src: f, kind, enumerable: 0 });
            }
            ClassMember::Field { is_static, key, value, span } => {
                let k = match key {
                    PropKey::Private(n) => self.private_name(n)?,
                    other => self.prop_key(other)?,
                };
                let f = self.f.b.alloc();
                match value {
                    Some(init) => {
                        self.closure(init, f, None)?;
                        let home = if is_static { ctor } else { proto };
                        self.emit(Instr::SetHomeObject { func: f, home });
                    }
                    None => {
                        self.emit(Instr::LoadUndefined { dst: f });
                    }
                }
                let private = matches!(key, PropKey::Private(_));
                if is_static {
                    // Keep key and initialiser alive in registers until the static phase.
                    self.f.b.release(mark);
                    let keep = self.f.b.alloc_many(2);
                    self.emit(Instr::Move { dst: keep, src: k });
                    self.emit(Instr::Move { dst: Reg(keep.0 + 1), src: f });
                    statics.push(StaticElement::Field { key: keep, func: Reg(keep.0 + 1), private, span });
                    return Ok(());
                }
                self.push_element(elements, i32::from(private), k, f);
            }
            ClassMember::StaticBlock(body) => {
                self.f.b.release(mark);
                let keep = self.f.b.alloc();
                self.closure(body, keep, None)?;
                self.emit(Instr::SetHomeObject { func: keep, home: ctor });
                statics.push(StaticElement::Block(keep));
                return Ok(());
            }
        }
        self.f.b.release(mark);
        Ok(())
    }

    fn static_element(&mut self, s: StaticElement, ctor: Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let v = self.f.b.alloc();
        let args = self.f.b.alloc();
        match s {
            StaticElement::Field { key, func, private, span } => {
                self.emit(Instr::LoadUndefined { dst: v });
                let skip = self.f.b.emit_jump(Instr::JumpIfUndefined { cond: func, target: 0 });
                self.position(span);
                // The initializer gets the key, to name an anonymous function it makes.
                self.emit(Instr::Call { dst: v, callee: func, this: ctor, args: key, argc: 1 });
                self.f.b.patch_here(skip);
                if private {
                    self.emit(Instr::DefinePrivate { obj: ctor, name: key, src: v });
                } else {
                    self.emit(Instr::DefineField { obj: ctor, key, src: v });
                }
            }
            StaticElement::Block(f) => {
                self.emit(Instr::Call { dst: v, callee: f, this: ctor, args, argc: 0 });
            }
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// `super(args)` in a derived class constructor, or in an arrow or
    /// direct eval inside one (which finds the constructor, its
    /// `new.target` and its `this` binding in the constructor's
    /// environment).
    pub(crate) fn super_call(&mut self, args: &'a [ArrayElement<'a>], dst: Reg, span: Span) -> CResult<()> {
        let mark = self.f.b.mark();
        let (func, nt) = match (self.f.callee_reg, self.f.new_target_reg) {
            (Some(func), Some(nt)) => (func, nt),
            _ => {
                let Some([(fd, fs), (nd, ns), _]) = self.constructor_env() else {
                    return self.unsupported("super() here", span);
                };
                let (func, nt) = (self.f.b.alloc(), self.f.b.alloc());
                let (super_atom, nt_atom) = (self.atom("super"), self.atom("new.target"));
                self.emit(Instr::GetEnv { dst: func, depth: fd, slot: fs, a: super_atom });
                self.emit(Instr::GetEnv { dst: nt, depth: nd, slot: ns, a: nt_atom });
                (func, nt)
            }
        };
        if args.iter().any(|a| matches!(a, ArrayElement::Spread(..))) {
            let array = self.spread_args(args)?;
            self.position(span);
            self.emit(Instr::SuperCallSpread { dst, func, nt, array });
        } else {
            let first = self.args(args)?;
            self.position(span);
            self.emit(Instr::SuperCall { dst, func, nt, args: first, argc: args.len() as u16 });
        }
        // BindThisValue: in the frame, or where arrows and evals can bind it too.
        match self.constructor_env().map(|[_, _, this]| this) {
            Some((depth, slot)) => {
                self.emit(Instr::BindThisEnv { depth, slot, src: dst });
            }
            None => {
                self.emit(Instr::StoreThis { src: dst });
                if let Some(slot) = self.layout(self.f.function_scope).this_slot {
                    let depth = self.env_depth(self.f.function_scope);
                    self.emit(Instr::SetEnv { depth, slot, src: dst });
                }
            }
        }
        self.emit(Instr::InitFields { obj: dst, func });
        self.f.b.release(mark);
        Ok(())
    }
}

/// A static element, run once the class is defined.
pub(crate) enum StaticElement {
    /// A static field: key (or private name) and initialiser registers.
    Field { key: Reg, func: Reg, private: bool, span: Span },
    /// A static block's function.
    Block(Reg),
}
