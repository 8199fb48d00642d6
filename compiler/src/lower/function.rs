//! Printing functions of every kind (declarations, expressions, arrows,
//! methods, accessors, constructors), classes with their fields and static
//! blocks, parameter lists and binding/assignment patterns.
//!
//! Class fields and static blocks are synthetic `Function` nodes in the
//! AST (a field's body is one `Return` of its initializer); a concise arrow
//! body is one synthetic `Return` (`is_expression_body`). They print in
//! their source form. A lowered async function goes to
//! [`super::async_fn`] for its wrapper and generator.

use super::printer::{Prec, Printer, RED_ZONE, STACK_SEGMENT};
use crate::ast::*;

impl<'p, 'a> Printer<'p, 'a> {
    /// A function declaration statement (also `export default function`).
    pub(super) fn function_decl(&mut self, f: &Function<'a>) {
        self.function_expr(f);
    }

    /// `function name(params) { body }` with its `async` and `*`.
    pub(super) fn function_expr(&mut self, f: &Function<'a>) {
        let lowered = self.lowers(f);
        if f.flags.is_async && !lowered {
            self.token("async");
            self.space();
        }
        self.token("function");
        if f.flags.is_generator {
            self.token("*");
        }
        self.space();
        if let Some(id) = &f.id {
            self.name(id);
        }
        if lowered {
            self.lowered_rest(f, None);
        } else {
            self.function_rest(f);
        }
    }

    /// `(params) { body }` of a function that is not lowered.
    pub(super) fn function_rest(&mut self, f: &Function<'a>) {
        self.in_function(f, |p| {
            p.params(f.params);
            p.space();
            p.function_body(f.body, true);
        });
    }

    /// A function body block; `prologue`: leading strings are directives.
    pub(super) fn function_body(&mut self, body: &[Stmt<'a>], prologue: bool) {
        self.delimited(|p| p.braced(body, prologue, false));
    }

    /// `(a, b = 1, ...c)`
    pub(super) fn params(&mut self, params: &[Param<'a>]) {
        self.parens(|p| {
            p.list(params, |p, param| {
                if param.is_rest {
                    p.token("...");
                }
                p.pattern(&param.pattern);
            });
        });
    }

    /// An arrow function.
    pub(super) fn arrow(&mut self, f: &Function<'a>) {
        if self.lowers(f) {
            self.lowered_arrow(f);
            return;
        }
        if f.flags.is_async {
            self.token("async");
            self.space();
        }
        self.in_function(f, |p| {
            p.params(f.params);
            p.operator("=>");
            match (f.flags.is_expression_body, f.body) {
                (true, [Stmt::Return(Some(e), _)]) => {
                    p.marks.arrow = p.out.len();
                    p.expr(e, Prec::Assign);
                }
                _ => p.function_body(f.body, true),
            }
        });
    }

    /// A method, accessor or constructor of an object literal or class.
    pub(super) fn method(&mut self, is_static: bool, kind: MethodKind, key: &PropKey<'a>, f: &Function<'a>) {
        if is_static {
            self.token("static");
            self.space();
        }
        let lowered = self.lowers(f);
        match kind {
            MethodKind::Get => self.token("get"),
            MethodKind::Set => self.token("set"),
            MethodKind::Method | MethodKind::Constructor => {
                if f.flags.is_async && !lowered {
                    self.token("async");
                }
            }
        }
        if self.out.ends_with(|c: char| c.is_ascii_alphabetic()) {
            self.space();
        }
        if f.flags.is_generator {
            self.token("*");
        }
        self.prop_key(key);
        if lowered {
            let name = match key {
                PropKey::Ident(n) => Some(n.name),
                _ => None,
            };
            self.lowered_rest(f, Some(name.unwrap_or("gen")));
        } else {
            self.function_rest(f);
        }
    }

    /// A class declaration or expression.
    pub(super) fn class(&mut self, c: &Class<'a>) {
        let strict = std::mem::replace(&mut self.strict, true);
        self.token("class");
        if let Some(id) = &c.id {
            self.space();
            self.name(id);
        }
        if let Some(heritage) = &c.super_class {
            self.space();
            self.token("extends");
            self.space();
            self.expr(heritage, Prec::Call);
        }
        self.space();
        self.token("{");
        self.delimited(|p| p.class_body(c));
        self.token("}");
        self.strict = strict;
    }

    fn class_body(&mut self, c: &Class<'a>) {
        if c.constructor.is_none() && c.members.is_empty() {
            return;
        }
        self.indent += 1;
        if let Some(ctor) = c.constructor {
            self.newline();
            self.token("constructor");
            self.function_rest(ctor);
        }
        for member in c.members {
            self.newline();
            self.class_member(member);
        }
        self.indent -= 1;
        self.newline();
    }

    fn class_member(&mut self, member: &ClassMember<'a>) {
        match member {
            ClassMember::Method { is_static, kind, key, value } => self.method(*is_static, *kind, key, value),
            ClassMember::Field { is_static, key, value, .. } => {
                if *is_static {
                    self.token("static");
                    self.space();
                }
                self.prop_key(key);
                if let Some(f) = value {
                    self.operator("=");
                    self.in_function(f, |p| {
                        if let [Stmt::Return(Some(init), _)] = f.body {
                            p.expr(init, Prec::Assign);
                        }
                    });
                }
                self.token(";");
            }
            ClassMember::StaticBlock(f) => {
                self.token("static");
                self.space();
                self.in_function(f, |p| p.function_body(f.body, false));
            }
        }
    }

    /// A binding or assignment pattern.
    pub(super) fn pattern(&mut self, pattern: &Pattern<'a>) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || match pattern {
            Pattern::Ident(id) => {
                let m = self.marks;
                let restricted = (id.name == "let" && (self.at(m.for_init) || self.at(m.for_of))) || (id.name == "async" && self.at(m.for_of));
                if restricted {
                    self.parens(|p| p.name(id));
                } else {
                    self.name(id);
                }
            }
            Pattern::Expr(e) => self.expr(e, Prec::Call),
            Pattern::Array(a) => self.array_pattern(a),
            Pattern::Object(o) => self.object_pattern(o),
            Pattern::Assign(a) => {
                self.pattern(&a.target);
                self.operator("=");
                self.expr(&a.default, Prec::Assign);
            }
        });
    }

    fn array_pattern(&mut self, a: &ArrayPattern<'a>) {
        self.token("[");
        self.delimited(|p| {
            p.list(a.elements, |p, e| {
                if let Some(e) = e {
                    p.pattern(e);
                }
            });
            if let Some(rest) = &a.rest {
                if !a.elements.is_empty() {
                    p.token(",");
                    p.space();
                }
                p.token("...");
                p.pattern(rest);
            } else if matches!(a.elements.last(), Some(None)) {
                p.token(",");
            }
        });
        self.token("]");
    }

    fn object_pattern(&mut self, o: &ObjectPattern<'a>) {
        if o.props.is_empty() && o.rest.is_none() {
            self.token("{}");
            return;
        }
        self.token("{");
        self.space();
        self.delimited(|p| {
            p.list(o.props, |p, prop| {
                let renamed = matches!(prop.key, PropKey::Ident(n) if p.is_renamed(n.name));
                if !prop.shorthand || renamed {
                    p.prop_key(&prop.key);
                    p.token(":");
                    p.space();
                }
                p.pattern(&prop.value);
            });
            if let Some(rest) = &o.rest {
                if !o.props.is_empty() {
                    p.token(",");
                    p.space();
                }
                p.token("...");
                p.pattern(rest);
            }
        });
        self.space();
        self.token("}");
    }
}
