//! Module items: `import` and `export` declarations, and the module-level
//! early errors (duplicate exports, exports of undeclared names).

use super::stmt::StmtCtx;
use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::scope::{BindingKind, DeclKind};
use crate::span::Span;

impl<'a> Parser<'a> {
    /// ModuleItem: an import, an export, or a statement list item.
    pub(super) fn parse_module_item(&mut self) -> PResult<Stmt<'a>> {
        match self.tok.kind {
            T::Import => {
                let next = self.peek()?;
                if matches!(next.kind, T::LParen | T::Dot) {
                    return self.parse_statement(StmtCtx::List);
                }
                Ok(Stmt::Import(self.parse_import()?))
            }
            T::Export => Ok(Stmt::Export(self.parse_export()?)),
            _ => self.parse_statement(StmtCtx::List),
        }
    }

    fn parse_import(&mut self) -> PResult<&'a ImportDecl<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let mut specifiers = self.new_vec();
        if !self.at(T::String) {
            if matches!(self.tok.kind, T::Identifier | T::Yield | T::Await) {
                specifiers.push(ImportSpec::Default(self.parse_import_binding()?));
                if self.eat(T::Comma)? {
                    self.parse_import_clause_rest(&mut specifiers)?;
                }
            } else {
                self.parse_import_clause_rest(&mut specifiers)?;
            }
            self.expect_word("from")?;
        }
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_import_attributes()?;
        self.semicolon()?;
        Ok(self.alloc(ImportDecl { specifiers: specifiers.into_bump_slice(), source, attributes, span: self.span_from(start) }))
    }

    /// `* as ns` or `{ a, b as c }`.
    fn parse_import_clause_rest(&mut self, specifiers: &mut bumpalo::collections::Vec<'a, ImportSpec<'a>>) -> PResult<()> {
        if self.eat(T::Star)? {
            self.expect_word("as")?;
            specifiers.push(ImportSpec::Namespace(self.parse_import_binding()?));
            return Ok(());
        }
        self.expect(T::LBrace)?;
        while !self.eat(T::RBrace)? {
            let imported_tok = self.tok;
            let imported = self.parse_module_export_name()?;
            let local = if self.eat_word("as")? {
                self.parse_import_binding()?
            } else {
                let ModuleExportName::Ident(n) = imported else {
                    return Err(self.unexpected());
                };
                if imported_tok.kind.is_keyword() && !matches!(imported_tok.kind, T::Yield | T::Await) {
                    return self.error(format!("Unexpected reserved word '{}'", n.name), n.span);
                }
                self.check_identifier(n.name, n.span, imported_tok.escaped)?;
                self.declare_import(n.name, n.span)?
            };
            specifiers.push(ImportSpec::Named { imported, local });
            if !self.at(T::RBrace) {
                self.expect(T::Comma)?;
            }
        }
        Ok(())
    }

    fn parse_import_binding(&mut self) -> PResult<Ident<'a>> {
        let id = self.parse_ident_ref()?;
        if id.name == "eval" || id.name == "arguments" {
            return self.error("Unexpected eval or arguments in strict mode", id.span);
        }
        self.scopes.declare(self.scope, id.name, DeclKind::Lexical(BindingKind::Import), id.span)?;
        Ok(id)
    }

    fn declare_import(&mut self, name: &'a str, span: Span) -> PResult<Ident<'a>> {
        if name == "eval" || name == "arguments" {
            return self.error("Unexpected eval or arguments in strict mode", span);
        }
        self.scopes.declare(self.scope, name, DeclKind::Lexical(BindingKind::Import), span)?;
        Ok(Ident { name, span, id: self.scopes.add_ref(name, self.scope) })
    }

    /// IdentifierName or a string literal that is well-formed Unicode.
    fn parse_module_export_name(&mut self) -> PResult<ModuleExportName<'a>> {
        if self.at(T::String) {
            let s = self.string_value();
            let span = self.tok.span;
            if char::decode_utf16(s.iter().copied()).any(|c| c.is_err()) {
                return self.error("Invalid module export name: contains unpaired surrogate", span);
            }
            self.next()?;
            return Ok(ModuleExportName::String(s, span));
        }
        Ok(ModuleExportName::Ident(self.parse_identifier_name()?))
    }

    fn parse_module_specifier(&mut self) -> PResult<JsStr<'a>> {
        if !self.at(T::String) {
            return Err(self.unexpected());
        }
        let s = self.string_value();
        self.next()?;
        Ok(s)
    }

    /// `with { key: "value", ... }` after a module specifier.
    fn parse_import_attributes(&mut self) -> PResult<&'a [ImportAttribute<'a>]> {
        if !self.at(T::With) {
            return Ok(&[]);
        }
        self.next()?;
        self.expect(T::LBrace)?;
        let mut attrs: bumpalo::collections::Vec<'a, ImportAttribute<'a>> = self.new_vec();
        while !self.eat(T::RBrace)? {
            let key = self.parse_module_export_name()?;
            self.expect(T::Colon)?;
            if !self.at(T::String) {
                return Err(self.unexpected());
            }
            let value = self.string_value();
            let span = self.tok.span;
            self.next()?;
            let key_units = export_name_units(key);
            if attrs.iter().any(|a| export_name_units(a.key) == key_units) {
                return self.error("Import attribute has duplicate key", span);
            }
            attrs.push(ImportAttribute { key, value });
            if !self.at(T::RBrace) {
                self.expect(T::Comma)?;
            }
        }
        Ok(attrs.into_bump_slice())
    }

    fn parse_export(&mut self) -> PResult<&'a ExportDecl<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let decl = match self.tok.kind {
            T::Star => self.parse_export_all(start)?,
            T::LBrace => self.parse_export_list(start)?,
            T::Default => self.parse_export_default(start)?,
            _ => self.parse_export_declaration(start)?,
        };
        Ok(self.alloc(decl))
    }

    fn parse_export_all(&mut self, start: u32) -> PResult<ExportDecl<'a>> {
        self.next()?;
        let exported = if self.eat_word("as")? {
            let name = self.parse_module_export_name()?;
            self.add_export(name)?;
            Some(name)
        } else {
            None
        };
        self.expect_word("from")?;
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_import_attributes()?;
        self.semicolon()?;
        Ok(ExportDecl::All { exported, source, attributes, span: self.span_from(start) })
    }

    fn parse_export_list(&mut self, start: u32) -> PResult<ExportDecl<'a>> {
        self.next()?;
        let mut specifiers = self.new_vec();
        let mut locals = Vec::new();
        while !self.eat(T::RBrace)? {
            let local_tok = self.tok;
            let local = self.parse_module_export_name()?;
            let exported = if self.eat_word("as")? { self.parse_module_export_name()? } else { local };
            self.add_export(exported)?;
            locals.push((local, local_tok));
            specifiers.push(ExportSpec { local, local_ref: None, exported });
            if !self.at(T::RBrace) {
                self.expect(T::Comma)?;
            }
        }
        let has_from = self.at_word("from");
        let (source, attributes) = if has_from {
            self.next()?;
            let s = self.parse_module_specifier()?;
            (Some(s), self.parse_import_attributes()?)
        } else {
            (None, &[][..])
        };
        self.semicolon()?;
        if !has_from {
            for (i, (local, tok)) in locals.iter().enumerate() {
                let ModuleExportName::Ident(n) = *local else {
                    return self.error("A string literal cannot be used as an exported binding without `from`", tok.span);
                };
                if tok.kind.is_keyword() && !matches!(tok.kind, T::Yield | T::Await) || tok.escaped && T::keyword(n.name).is_some() {
                    return self.error(format!("Unexpected reserved word '{}'", n.name), n.span);
                }
                self.check_identifier(n.name, n.span, tok.escaped)?;
                let id = self.scopes.add_ref(n.name, self.scope);
                specifiers[i].local_ref = Some(Ident { name: n.name, span: n.span, id });
                self.export_locals.push((n.name, n.span));
            }
        }
        Ok(ExportDecl::Named { specifiers: specifiers.into_bump_slice(), source, attributes, span: self.span_from(start) })
    }

    fn parse_export_default(&mut self, start: u32) -> PResult<ExportDecl<'a>> {
        let default_span = self.tok.span;
        self.next()?;
        self.add_export(ModuleExportName::Ident(Name { name: "default", span: default_span }))?;
        let decl_start = self.tok.span.start;
        if self.at(T::Function) || (self.at_word("async") && self.peek_is_function_same_line()?) {
            let is_async = self.at_word("async");
            if is_async {
                self.next()?;
            }
            self.next()?;
            let f = self.parse_function_rest(decl_start, is_async, true, true)?;
            self.declare_function(f)?;
            if f.id.is_none() {
                self.scopes.declare(self.scope, "*default*", DeclKind::Lexical(BindingKind::Let), default_span)?;
            }
            return Ok(ExportDecl::DefaultDecl(Stmt::Function(f), self.span_from(start)));
        }
        if self.at(T::Class) {
            let stmt = self.parse_class_declaration(true)?;
            if let Stmt::Class(c) = stmt {
                if c.id.is_none() {
                    self.scopes.declare(self.scope, "*default*", DeclKind::Lexical(BindingKind::Let), default_span)?;
                }
            }
            return Ok(ExportDecl::DefaultDecl(stmt, self.span_from(start)));
        }
        let e = self.parse_assign(false, None)?;
        self.semicolon()?;
        self.scopes.declare(self.scope, "*default*", DeclKind::Lexical(BindingKind::Let), default_span)?;
        let binding = Ident { name: "*default*", span: default_span, id: self.scopes.add_ref("*default*", self.scope) };
        Ok(ExportDecl::DefaultExpr(e, binding, self.span_from(start)))
    }

    fn peek_is_function_same_line(&mut self) -> PResult<bool> {
        let next = self.peek()?;
        Ok(next.kind == T::Function && !next.newline_before)
    }

    fn parse_export_declaration(&mut self, start: u32) -> PResult<ExportDecl<'a>> {
        let is_decl = matches!(self.tok.kind, T::Var | T::Const | T::Function | T::Class)
            || self.at_word("let")
            || (self.at_word("async") && self.peek_is_function_same_line()?);
        if !is_decl {
            return Err(self.unexpected());
        }
        let stmt = self.parse_statement(StmtCtx::List)?;
        let mut names = Vec::new();
        match stmt {
            Stmt::Var(v) => {
                for d in v.decls {
                    super::pattern::collect_bound_names(d.target, &mut names);
                }
            }
            Stmt::Function(f) => names.extend(f.id),
            Stmt::Class(c) => names.extend(c.id),
            _ => return Err(crate::SyntaxError::new("Unexpected token 'export'", Span::new(start, start + 6))),
        }
        for id in names {
            self.add_export(ModuleExportName::Ident(Name { name: id.name, span: id.span }))?;
        }
        Ok(ExportDecl::Decl(stmt, self.span_from(start)))
    }

    /// Records an exported name; exporting a name twice is an error.
    fn add_export(&mut self, name: ModuleExportName<'a>) -> PResult<()> {
        let units = export_name_units(name);
        let span = match name {
            ModuleExportName::Ident(n) => n.span,
            ModuleExportName::String(_, s) => s,
        };
        if self.exported.contains(&units) {
            let text = String::from_utf16_lossy(&units);
            return self.error(format!("Duplicate export of '{text}'"), span);
        }
        self.exported.push(units);
        Ok(())
    }

    /// Every name in an export list without `from` must be declared in the module.
    pub(super) fn check_module_exports(&self) -> PResult<()> {
        for &(name, span) in &self.export_locals {
            if self.scopes.lookup_local(self.scope, name).is_none() {
                return self.error(format!("Export '{name}' is not defined in module"), span);
            }
        }
        Ok(())
    }
}

fn export_name_units(name: ModuleExportName<'_>) -> Vec<u16> {
    match name {
        ModuleExportName::Ident(n) => n.name.encode_utf16().collect(),
        ModuleExportName::String(s, _) => s.to_vec(),
    }
}
