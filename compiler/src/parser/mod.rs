//! The parser: source text to an [`ast::Program`](crate::ast::Program) and
//! its [`ScopeTree`], raising every early error of the specification.
//!
//! A recursive-descent parser in the manner of the specification's grammar
//! (and of acorn): expressions that may turn out to be patterns (`(a, b) =>`,
//! `[a, b] = c`) are parsed once as expressions under a cover grammar and
//! converted, with [`CoverErrors`] remembering what is valid only as a
//! pattern. The scope tree is built while parsing, so declaration early
//! errors are raised where the declaration is.
//!
//! Invariants: `tok` is the current (not yet consumed) token; `scope` is the
//! innermost open scope; `ctx` describes the innermost function; recursion
//! depth is bounded by [`MAX_DEPTH`], and the stack grows on the heap when
//! needed, so no input can overflow the Rust stack.

mod context;
mod eval;
mod expr;
mod function;
mod class;
mod object;
mod module;
mod pattern;
mod stmt;
mod template;
#[cfg(test)]
mod tests;

use crate::ast::{Goal, Program, ScopeId};
use crate::diagnostic::SyntaxError;
use crate::lexer::{Lexer, Token, TokenKind, TokenValue};
use crate::scope::{ScopeKind, ScopeTree};
use crate::span::Span;
use bumpalo::Bump;
pub(crate) use context::{CoverErrors, FnCtx};
pub use eval::parse_eval;
pub(crate) use pattern::collect_bound_names;

/// How deeply constructs may nest before the parser gives up with
/// "nested too deeply" rather than risk the stack of later passes.
pub const MAX_DEPTH: u32 = 2000;

type PResult<T> = Result<T, SyntaxError>;

/// The result of parsing: the tree and its scope analysis.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The program.
    pub program: Program<'a>,
    /// Scopes, bindings and the resolution of every identifier.
    pub scopes: ScopeTree<'a>,
}

/// Parses `source` as a script or module, runs scope analysis, and returns
/// the tree (allocated in `arena`) or the first early error.
pub fn parse<'a>(arena: &'a Bump, source: &'a str, goal: Goal) -> Result<Parsed<'a>, SyntaxError> {
    let mut parser = Parser::new(arena, source, goal)?;
    let program = parser.parse_program()?;
    let mut scopes = parser.scopes;
    scopes.resolve();
    Ok(Parsed { program, scopes })
}

pub(crate) struct Parser<'a> {
    arena: &'a Bump,
    lexer: Lexer<'a>,
    /// The current token.
    tok: Token<'a>,
    /// End offset of the last consumed token.
    prev_end: u32,
    goal: Goal,
    scopes: ScopeTree<'a>,
    /// The innermost open scope.
    scope: ScopeId,
    /// The innermost function's context.
    ctx: FnCtx,
    /// Labels and breakable statements of the current function.
    labels: Vec<context::Label<'a>>,
    /// Private names declared and referenced, per enclosing class.
    classes: Vec<context::ClassPrivate<'a>>,
    /// First `yield` / `await` expression since the last save, for the
    /// rule that parameters may not contain them.
    yield_pos: Option<Span>,
    await_pos: Option<Span>,
    /// First `await` used as an identifier since the last save (invalid if
    /// the cover turns out to be async arrow parameters).
    await_ident_pos: Option<Span>,
    depth: u32,
    /// Start of the current AssignmentExpression when it may be an arrow function.
    potential_arrow_at: Option<u32>,
    /// Parsing the head of `for await (`: `async of` is not an arrow.
    for_await_head: bool,
    /// How many labels directly label the statement being parsed.
    label_chain: usize,
    /// Module: the exported names so far (UTF-16, to compare string names).
    exported: Vec<Vec<u16>>,
    /// Module: names in `export { ... }` lists without `from`, checked at the end.
    export_locals: Vec<(&'a str, Span)>,
}

impl<'a> Parser<'a> {
    fn new(arena: &'a Bump, source: &'a str, goal: Goal) -> PResult<Parser<'a>> {
        let mut lexer = Lexer::new(source, arena, goal == Goal::Module);
        let tok = lexer.next_token()?;
        let mut scopes = ScopeTree::new();
        let strict = goal == Goal::Module;
        let kind = if strict { ScopeKind::Module } else { ScopeKind::Script };
        let scope = scopes.push_scope(kind, None, strict);
        Ok(Parser {
            arena,
            lexer,
            tok,
            prev_end: 0,
            goal,
            scopes,
            scope,
            ctx: FnCtx::top_level(goal),
            labels: Vec::new(),
            classes: Vec::new(),
            yield_pos: None,
            await_pos: None,
            await_ident_pos: None,
            depth: 0,
            potential_arrow_at: None,
            for_await_head: false,
            label_chain: 0,
            exported: Vec::new(),
            export_locals: Vec::new(),
        })
    }

    fn parse_program(&mut self) -> PResult<Program<'a>> {
        let start = self.tok.span.start;
        let mut body = self.new_vec();
        let strict = self.parse_directives(&mut body, None)?;
        if strict {
            self.set_strict();
        }
        while self.tok.kind != TokenKind::Eof {
            let stmt = if self.goal == Goal::Module {
                self.parse_module_item()?
            } else {
                self.parse_statement_list_item()?
            };
            body.push(stmt);
        }
        self.check_module_exports()?;
        Ok(Program {
            goal: self.goal,
            strict: self.ctx.strict,
            body: body.into_bump_slice(),
            scope: self.scope,
            span: Span::new(start, self.tok.span.end),
        })
    }

    // ----- tokens -----

    /// Consumes the current token.
    fn next(&mut self) -> PResult<()> {
        self.prev_end = self.tok.span.end;
        self.tok = self.lexer.next_token()?;
        Ok(())
    }

    /// The token after the current one, without consuming anything.
    fn peek(&mut self) -> PResult<Token<'a>> {
        let cp = self.lexer.checkpoint();
        let t = self.lexer.next_token();
        self.lexer.rewind(cp);
        t
    }

    fn at(&self, kind: TokenKind) -> bool {
        self.tok.kind == kind
    }

    fn eat(&mut self, kind: TokenKind) -> PResult<bool> {
        if self.tok.kind == kind {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, kind: TokenKind) -> PResult<()> {
        if self.tok.kind == kind {
            self.next()
        } else {
            Err(self.unexpected())
        }
    }

    /// The current token is the unescaped contextual word `word`.
    fn at_word(&self, word: &str) -> bool {
        self.tok.is_word(word)
    }

    fn eat_word(&mut self, word: &str) -> PResult<bool> {
        if self.at_word(word) {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect_word(&mut self, word: &str) -> PResult<()> {
        if self.eat_word(word)? {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// A statement terminator: `;`, or one inserted automatically before
    /// `}`, at the end of input, or after a line break.
    fn semicolon(&mut self) -> PResult<()> {
        if self.eat(TokenKind::Semicolon)? || self.can_insert_semicolon() {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn can_insert_semicolon(&self) -> bool {
        matches!(self.tok.kind, TokenKind::RBrace | TokenKind::Eof) || self.tok.newline_before
    }

    /// The error for the current token being out of place.
    fn unexpected(&self) -> SyntaxError {
        let t = &self.tok;
        let message = match t.kind {
            TokenKind::Eof => "Unexpected end of input".to_string(),
            TokenKind::Identifier => match t.value {
                TokenValue::Name(n) if t.escaped && (TokenKind::keyword(n).is_some()) => {
                    "Keyword must not contain escaped characters".to_string()
                }
                TokenValue::Name(n) => format!("Unexpected identifier '{n}'"),
                _ => "Unexpected identifier".to_string(),
            },
            TokenKind::Number | TokenKind::BigInt => "Unexpected number".to_string(),
            TokenKind::String => "Unexpected string".to_string(),
            TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => "Unexpected template string".to_string(),
            _ if t.kind.is_keyword() => format!("Unexpected token '{}'", self.token_text()),
            _ => format!("Unexpected token '{}'", self.token_text()),
        };
        SyntaxError::new(message, t.span)
    }

    fn token_text(&self) -> &'a str {
        let src = self.lexer.source();
        src.get(self.tok.span.start as usize..self.tok.span.end as usize).unwrap_or("")
    }

    fn error<T>(&self, message: impl Into<String>, span: Span) -> PResult<T> {
        Err(SyntaxError::new(message, span))
    }

    fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.prev_end.max(start))
    }

    // ----- arena -----

    fn new_vec<T>(&self) -> bumpalo::collections::Vec<'a, T> {
        bumpalo::collections::Vec::new_in(self.arena)
    }

    fn alloc<T>(&self, value: T) -> &'a T {
        self.arena.alloc(value)
    }

    // ----- nesting -----

    /// Runs `f` one nesting level deeper: fails cleanly past [`MAX_DEPTH`],
    /// and grows the stack on the heap when it runs low.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error("Nesting too deep: the program is nested too deeply to parse", self.tok.span);
        }
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
        r
    }

    // ----- scopes -----

    fn enter_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let id = self.scopes.push_scope(kind, Some(self.scope), self.ctx.strict);
        self.scope = id;
        id
    }

    fn exit_scope(&mut self) {
        if let Some(p) = self.scopes.scope(self.scope).parent {
            self.scope = p;
        }
    }

    /// The current code became strict (a `"use strict"` directive).
    fn set_strict(&mut self) {
        self.ctx.strict = true;
        self.scopes.scope_mut(self.scope).strict = true;
    }
}

/// Whether `source` is a syntactically valid script or module: parses it and
/// reports the first early error. (The test262 runner's parse-only mode.)
pub fn check_syntax(source: &str, goal: Goal) -> Result<(), SyntaxError> {
    let arena = Bump::new();
    parse(&arena, source, goal).map(|_| ())
}
