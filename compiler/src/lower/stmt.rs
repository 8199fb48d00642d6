//! Printing statements, declarations and module items.
//!
//! Every statement ends with `;` or `}` (no reliance on automatic
//! semicolon insertion). A directive is printed from its source text, since
//! re-escaping could turn `'use\x20strict'` into a real `"use strict"`.
//! An `if` with an `else` whose consequent would otherwise capture that
//! `else` (`if (a) if (b) x; else y;` with the `else` on the outer `if`)
//! gets braces.

use super::literal;
use super::printer::{Prec, Printer, RED_ZONE, STACK_SEGMENT};
use crate::ast::*;

impl<'p, 'a> Printer<'p, 'a> {
    /// Prints a statement, starting at the current position.
    pub(super) fn stmt(&mut self, s: &Stmt<'a>) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.stmt_inner(s));
    }

    fn stmt_inner(&mut self, s: &Stmt<'a>) {
        match s {
            Stmt::Expr(e, _) => {
                self.marks.stmt = self.out.len();
                self.expr(e, Prec::Comma);
                self.token(";");
            }
            Stmt::Var(v) => {
                self.var_decl(v);
                self.token(";");
            }
            Stmt::Function(f) => self.function_decl(f),
            Stmt::Class(c) => self.class(c),
            Stmt::Block(b) => self.braced(b.body, false, true),
            Stmt::Empty(_) => self.token(";"),
            Stmt::Debugger(_) => self.token("debugger;"),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::ForIn(f) => self.for_in_of(f, "in"),
            Stmt::ForOf(f) => self.for_in_of(f, "of"),
            Stmt::While(w) => {
                self.keyword_paren("while", &w.test);
                self.body_stmt(&w.body);
            }
            Stmt::DoWhile(w) => self.do_while(w),
            Stmt::Return(arg, _) => self.keyword_arg("return", arg.as_ref()),
            Stmt::Throw(arg, _) => self.keyword_arg("throw", Some(arg)),
            Stmt::Break(label, _) => self.jump("break", label),
            Stmt::Continue(label, _) => self.jump("continue", label),
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::Switch(s) => self.switch_stmt(s),
            Stmt::Labeled(l) => {
                self.label(&l.label);
                self.token(":");
                self.space();
                self.stmt(&l.body);
            }
            Stmt::With(w) => {
                self.keyword_paren("with", &w.object);
                self.body_stmt(&w.body);
            }
            Stmt::Import(i) => self.import(i),
            Stmt::Export(e) => self.export(e),
        }
    }

    /// `{ statements }`; `prologue`: leading strings are directives;
    /// `block`: a block statement (where a sloppy-mode lowered async
    /// function declaration must not become an Annex B function).
    pub(super) fn braced(&mut self, body: &[Stmt<'a>], prologue: bool, block: bool) {
        self.token("{");
        if body.is_empty() {
            self.token("}");
            return;
        }
        self.indent += 1;
        self.statements(body, prologue, block);
        self.indent -= 1;
        self.newline();
        self.token("}");
    }

    /// Each statement of `body` on a line of its own.
    pub(super) fn statements(&mut self, body: &[Stmt<'a>], prologue: bool, block: bool) {
        let hoisted = block && self.hoist_block_functions(body);
        let mut in_prologue = prologue;
        for s in body {
            in_prologue &= matches!(s, Stmt::Expr(Expr::String(..), _));
            if hoisted && self.is_hoisted_function(s) {
                continue;
            }
            self.newline();
            match s {
                Stmt::Expr(Expr::String(_, span), _) if in_prologue => self.directive(*span),
                _ => self.stmt(s),
            }
        }
    }

    /// A directive, from its source text.
    pub(super) fn directive(&mut self, span: crate::span::Span) {
        let raw = self.source.get(span.start as usize..span.end as usize).unwrap_or("\"\"");
        self.token(raw);
        self.token(";");
    }

    /// The body of `if`, `while`, `for`, `with`: a block on the same line,
    /// anything else indented on the next.
    fn body_stmt(&mut self, s: &Stmt<'a>) {
        if let Stmt::Block(b) = s {
            self.space();
            self.braced(b.body, false, true);
        } else {
            self.indent += 1;
            self.newline();
            self.stmt(s);
            self.indent -= 1;
        }
    }

    /// `keyword (expr)`
    fn keyword_paren(&mut self, keyword: &str, e: &Expr<'a>) {
        self.token(keyword);
        self.space();
        self.parens(|p| p.expr(e, Prec::Comma));
    }

    /// `return expr;`, `throw expr;`
    fn keyword_arg(&mut self, keyword: &str, arg: Option<&Expr<'a>>) {
        self.token(keyword);
        if let Some(arg) = arg {
            self.space();
            self.expr(arg, Prec::Comma);
        }
        self.token(";");
    }

    fn jump(&mut self, keyword: &str, label: &Option<Name<'a>>) {
        self.token(keyword);
        if let Some(label) = label {
            self.space();
            self.label(label);
        }
        self.token(";");
    }

    fn if_stmt(&mut self, i: &If<'a>) {
        self.keyword_paren("if", &i.test);
        let Some(otherwise) = &i.otherwise else {
            self.body_stmt(&i.then);
            return;
        };
        if ends_with_open_if(&i.then) {
            self.space();
            self.token("{");
            self.indent += 1;
            self.newline();
            self.stmt(&i.then);
            self.indent -= 1;
            self.newline();
            self.token("}");
        } else {
            self.body_stmt(&i.then);
        }
        if matches!(i.then, Stmt::Block(_)) || ends_with_open_if(&i.then) {
            self.space();
        } else {
            self.newline();
        }
        self.token("else");
        if let Stmt::If(_) = otherwise {
            self.space();
            self.stmt(otherwise);
        } else {
            self.body_stmt(otherwise);
        }
    }

    fn for_stmt(&mut self, f: &For<'a>) {
        self.token("for");
        self.space();
        self.parens(|p| {
            if let Some(init) = &f.init {
                p.marks.for_init = p.out.len();
                p.no_in = true;
                match init {
                    ForInit::Var(v) => p.var_decl(v),
                    ForInit::Expr(e) => p.expr(e, Prec::Comma),
                }
                p.no_in = false;
            }
            p.token(";");
            if let Some(test) = &f.test {
                p.space();
                p.expr(test, Prec::Comma);
            }
            p.token(";");
            if let Some(update) = &f.update {
                p.space();
                p.expr(update, Prec::Comma);
            }
        });
        self.body_stmt(&f.body);
    }

    fn for_in_of(&mut self, f: &ForInOf<'a>, keyword: &str) {
        self.token("for");
        if f.is_await {
            self.space();
            self.token("await");
        }
        self.space();
        self.parens(|p| {
            match &f.left {
                ForHead::Var(v) => {
                    p.no_in = true;
                    p.var_decl(v);
                    p.no_in = false;
                }
                ForHead::Pattern(pattern) => {
                    if keyword == "of" {
                        p.marks.for_of = p.out.len();
                    } else {
                        p.marks.for_init = p.out.len();
                    }
                    p.pattern(pattern);
                }
            }
            p.operator(keyword);
            p.expr(&f.right, if keyword == "of" { Prec::Assign } else { Prec::Comma });
        });
        self.body_stmt(&f.body);
    }

    fn do_while(&mut self, w: &While<'a>) {
        self.token("do");
        self.body_stmt(&w.body);
        if matches!(w.body, Stmt::Block(_)) {
            self.space();
        } else {
            self.newline();
        }
        self.keyword_paren("while", &w.test);
        self.token(";");
    }

    fn try_stmt(&mut self, t: &Try<'a>) {
        self.token("try");
        self.space();
        self.braced(t.block.body, false, true);
        if let Some(handler) = &t.handler {
            self.space();
            self.token("catch");
            self.space();
            if let Some(param) = &handler.param {
                self.parens(|p| p.pattern(param));
                self.space();
            }
            self.braced(handler.body.body, false, true);
        }
        if let Some(finalizer) = t.finalizer {
            self.space();
            self.token("finally");
            self.space();
            self.braced(finalizer.body, false, true);
        }
    }

    fn switch_stmt(&mut self, s: &Switch<'a>) {
        self.keyword_paren("switch", &s.discriminant);
        self.space();
        self.token("{");
        self.indent += 1;
        for case in s.cases {
            self.newline();
            match &case.test {
                Some(test) => {
                    self.token("case");
                    self.space();
                    self.expr(test, Prec::Comma);
                }
                None => self.token("default"),
            }
            self.token(":");
            self.indent += 1;
            self.statements(case.body, false, false);
            self.indent -= 1;
        }
        self.indent -= 1;
        if !s.cases.is_empty() {
            self.newline();
        }
        self.token("}");
    }

    /// `var a = 1, [b] = c` (without the `;`).
    pub(super) fn var_decl(&mut self, v: &VarDecl<'a>) {
        self.token(match v.kind {
            VarKind::Var => "var",
            VarKind::Let => "let",
            VarKind::Const => "const",
        });
        self.space();
        self.list(v.decls, |p, d| {
            p.pattern(&d.target);
            if let Some(init) = &d.init {
                p.operator("=");
                p.expr(init, Prec::Assign);
            }
        });
    }

    fn import(&mut self, i: &ImportDecl<'a>) {
        self.token("import");
        self.space();
        let mut named = Vec::new();
        let mut first = true;
        for spec in i.specifiers {
            match spec {
                ImportSpec::Default(id) => {
                    self.name(id);
                    first = false;
                }
                ImportSpec::Namespace(id) => {
                    if !first {
                        self.token(",");
                        self.space();
                    }
                    self.token("*");
                    self.operator("as");
                    self.name(id);
                    first = false;
                }
                ImportSpec::Named { imported, local } => named.push((imported, local)),
            }
        }
        if !named.is_empty() {
            if !first {
                self.token(",");
                self.space();
            }
            self.import_list(&named);
        }
        if !i.specifiers.is_empty() {
            self.operator("from");
        }
        self.token(&literal::string(i.source));
        self.attributes(i.attributes);
        self.token(";");
    }

    fn import_list(&mut self, named: &[(&ModuleExportName<'a>, &Ident<'a>)]) {
        self.token("{");
        self.space();
        self.list(named, |p, (imported, local)| {
            let same = matches!(imported, ModuleExportName::Ident(n) if n.name == local.name);
            if !same {
                p.export_name(imported);
                p.operator("as");
            }
            p.name(local);
        });
        self.space();
        self.token("}");
    }

    fn export_name(&mut self, name: &ModuleExportName<'a>) {
        match name {
            ModuleExportName::Ident(n) => self.token(n.name),
            ModuleExportName::String(s, _) => self.token(&literal::string(s)),
        }
    }

    /// ` with { type: "json" }`
    fn attributes(&mut self, attributes: &[ImportAttribute<'a>]) {
        if attributes.is_empty() {
            return;
        }
        self.operator("with");
        self.token("{");
        self.space();
        self.list(attributes, |p, a| {
            p.export_name(&a.key);
            p.token(":");
            p.space();
            p.token(&literal::string(a.value));
        });
        self.space();
        self.token("}");
    }

    fn export(&mut self, e: &ExportDecl<'a>) {
        self.token("export");
        self.space();
        match e {
            ExportDecl::Named { specifiers, source, attributes, .. } => {
                self.token("{");
                if !specifiers.is_empty() {
                    self.space();
                    self.list(specifiers, |p, s| p.export_spec(s));
                    self.space();
                }
                self.token("}");
                if let Some(source) = source {
                    self.operator("from");
                    self.token(&literal::string(source));
                    self.attributes(attributes);
                }
                self.token(";");
            }
            ExportDecl::All { exported, source, attributes, .. } => {
                self.token("*");
                if let Some(name) = exported {
                    self.operator("as");
                    self.export_name(name);
                }
                self.operator("from");
                self.token(&literal::string(source));
                self.attributes(attributes);
                self.token(";");
            }
            ExportDecl::DefaultExpr(expr, _, _) => {
                self.token("default");
                self.space();
                self.marks.default = self.out.len();
                self.expr(expr, Prec::Assign);
                self.token(";");
            }
            ExportDecl::DefaultDecl(s, _) => {
                self.token("default");
                self.space();
                self.stmt(s);
            }
            ExportDecl::Decl(s, _) => self.stmt(s),
        }
    }

    fn export_spec(&mut self, s: &ExportSpec<'a>) {
        let same = match (&s.local, &s.exported) {
            (ModuleExportName::Ident(a), ModuleExportName::Ident(b)) => a.name == b.name,
            _ => false,
        };
        match (&s.local, s.local_ref) {
            (ModuleExportName::Ident(_), Some(id)) => self.name(&id),
            (local, _) => self.export_name(local),
        }
        if !same {
            self.operator("as");
            self.export_name(&s.exported);
        }
    }
}

/// `s` ends with an `if` without `else`, which would take a following `else`.
fn ends_with_open_if(mut s: &Stmt<'_>) -> bool {
    loop {
        s = match s {
            Stmt::If(i) => match &i.otherwise {
                None => return true,
                Some(o) => o,
            },
            Stmt::While(w) => &w.body,
            Stmt::For(f) => &f.body,
            Stmt::ForIn(f) | Stmt::ForOf(f) => &f.body,
            Stmt::With(w) => &w.body,
            Stmt::Labeled(l) => &l.body,
            _ => return false,
        };
    }
}
