//! The async lowering, done while printing: an async function prints as a
//! plain function whose body is `return spawn(function* (params) { body },
//! this, arguments)`, with `await e` printed as `yield e`.
//!
//! The scheme (see the module documentation of [`super`] for the whole
//! list and its limits):
//!
//! - **Parameters** move to the generator, so their defaults run inside
//!   `spawn`'s promise executor and a throwing default rejects. The wrapper
//!   keeps the function's `length` with one plain parameter per counted
//!   parameter (fresh names stand in for patterns and `arguments`).
//! - **`this` and `arguments`** of a non-arrow function reach the generator
//!   through `spawn`'s `Reflect.apply(gen, this, arguments)`.
//! - **Async arrows** pass `this` and an array of their parameters. Their
//!   lexical `arguments`, `new.target` and `super(...)` (and `this` inside a
//!   derived constructor, where it may not be initialized yet) are read
//!   through arrow thunks defined in the wrapper (`const $arguments = () =>
//!   arguments;`), since the generator function would shadow them. Which
//!   `arguments` references are rewritten follows scope analysis: those that
//!   resolve outside the lowered arrow.
//! - **`super.x`** cannot appear in a `function*` expression. A generator
//!   whose body uses `super` becomes a generator *method* of a helper object
//!   whose prototype is a proxy forwarding `get`/`set` to arrows in the
//!   wrapper: `{ __proto__: new Proxy({}, { get: (_, key) => super[key],
//!   set: ... }), *m() { ... } }.m`. Every form of super property access
//!   (reads, writes, calls with the right `this`, compound assignment,
//!   destructuring targets) then works unchanged.
//!
//! Invariants: the lexical state ([`Lexical`]) describes the innermost
//! function being printed: `frames` are the lowered functions between it
//! and the nearest enclosing non-arrow function, outermost first; a thunk of
//! frame *i* is used only when no frame outside *i* needs it, so a thunk's
//! own body (`() => this`) never needs rewriting.

use super::printer::{Captured, Prec, Printer};
use crate::ast::*;
use crate::scope::{Resolution, ScopeTree};
use rustc_hash::FxHashSet;

/// The lowering's state inside the printer.
pub(super) struct Lowering<'p, 'a> {
    /// Scope analysis of the program (for `arguments` references).
    scopes: &'p ScopeTree<'a>,
    /// Decoration of the names the lowering introduces (0: plain names).
    attempt: usize,
    /// Every identifier name the program itself uses.
    pub user_names: FxHashSet<&'a str>,
    /// Every name the lowering introduced.
    pub fresh_names: FxHashSet<String>,
    /// At least one function was lowered (`spawn` is needed).
    pub lowered_any: bool,
    /// Print every identifier and label `yield` as a fresh name.
    rename_yield: bool,
    /// An identifier `yield` appeared inside a lowered generator, where it
    /// would be a keyword: the program must be printed with `rename_yield`.
    pub saw_yield: bool,
    /// The innermost function's lexical situation.
    lex: Lexical,
}

/// What the innermost function being printed sees.
#[derive(Default)]
struct Lexical {
    /// Lowered functions between here and the nearest non-arrow function
    /// (or the top level), outermost first.
    frames: Vec<Frame>,
    /// `await` prints as `yield` (the innermost function is lowered).
    await_is_yield: bool,
    /// The nearest non-arrow function is a derived class constructor.
    derived: bool,
}

/// One lowered function being printed.
struct Frame {
    /// The scope of a lowered arrow; `None` for a non-arrow function.
    arrow_scope: Option<ScopeId>,
    /// How many arrow frames enclose it (numbers its thunks).
    depth: usize,
    /// What its generator needed from the wrapper.
    uses: Uses,
}

/// Which wrapper-side helpers a generator used.
#[derive(Clone, Copy, Default)]
pub(super) struct Uses {
    this: bool,
    arguments: bool,
    new_target: bool,
    super_call: bool,
    super_property: bool,
}

/// The lexical state to restore when a function's printing ends.
enum Saved {
    Arrow { await_is_yield: bool },
    Function(Lexical),
}

/// A lexical binding an arrow thunk stands in for.
#[derive(Clone, Copy)]
enum Thunk {
    This,
    NewTarget,
    SuperCall,
}

impl<'p, 'a> Lowering<'p, 'a> {
    /// A lowering with names decorated by `attempt` (0: plain names);
    /// `rename_yield`: print the identifier `yield` as a fresh name.
    pub(super) fn new(scopes: &'p ScopeTree<'a>, attempt: usize, rename_yield: bool) -> Self {
        Lowering {
            scopes,
            attempt,
            user_names: FxHashSet::default(),
            fresh_names: FxHashSet::default(),
            lowered_any: false,
            rename_yield,
            saw_yield: false,
            lex: Lexical::default(),
        }
    }

    /// The name to print for an identifier or label `name`, if not itself.
    fn renamed(&mut self, name: &str) -> Option<String> {
        if name != "yield" {
            return None;
        }
        self.saw_yield |= !self.lex.frames.is_empty();
        self.rename_yield.then(|| self.fresh("yield"))
    }

    /// A name the lowering introduces: `$base`, with more `$` on later attempts.
    pub(super) fn fresh(&mut self, base: &str) -> String {
        let name = format!("{}{base}", "$".repeat(self.attempt + 1));
        self.fresh_names.insert(name.clone());
        name
    }

    /// The name of the executor function.
    pub(super) fn spawn_name(&mut self) -> String {
        let name = format!("spawn{}", "$".repeat(self.attempt));
        self.fresh_names.insert(name.clone());
        self.lowered_any = true;
        name
    }

    /// The name of frame `depth`'s thunk for `base`.
    fn thunk_name(&mut self, base: &str, depth: usize) -> String {
        if depth == 0 {
            self.fresh(base)
        } else {
            self.fresh(&format!("{base}{}", depth + 1))
        }
    }

    fn enter(&mut self, f: &Function<'a>) -> Saved {
        if f.flags.is_arrow {
            Saved::Arrow { await_is_yield: std::mem::replace(&mut self.lex.await_is_yield, false) }
        } else {
            let fresh = Lexical { derived: f.flags.is_derived_constructor, ..Lexical::default() };
            Saved::Function(std::mem::replace(&mut self.lex, fresh))
        }
    }

    fn push_frame(&mut self, f: &Function<'a>) -> Saved {
        if f.flags.is_arrow {
            let depth = self.lex.frames.iter().filter(|f| f.arrow_scope.is_some()).count();
            self.lex.frames.push(Frame { arrow_scope: Some(f.scope), depth, uses: Uses::default() });
            Saved::Arrow { await_is_yield: std::mem::replace(&mut self.lex.await_is_yield, true) }
        } else {
            let frame = Frame { arrow_scope: None, depth: 0, uses: Uses::default() };
            let lex = Lexical { frames: vec![frame], await_is_yield: true, derived: false };
            Saved::Function(std::mem::replace(&mut self.lex, lex))
        }
    }

    /// Restores `saved`; returns the uses of the frame popped, if any.
    fn leave(&mut self, saved: Saved, pop: bool) -> Uses {
        match saved {
            Saved::Arrow { await_is_yield } => {
                self.lex.await_is_yield = await_is_yield;
                if pop {
                    self.lex.frames.pop().map(|f| f.uses).unwrap_or_default()
                } else {
                    Uses::default()
                }
            }
            Saved::Function(old) => {
                let mut lex = std::mem::replace(&mut self.lex, old);
                lex.frames.pop().map(|f| f.uses).unwrap_or_default()
            }
        }
    }

    /// The outermost lowered arrow, which must stand in for `kind`.
    fn thunk_frame(&self, kind: Thunk) -> Option<usize> {
        if matches!(kind, Thunk::This) && !self.lex.derived {
            return None;
        }
        self.lex.frames.iter().position(|f| f.arrow_scope.is_some())
    }

    /// The thunk call text for `kind`, marking it used.
    fn thunk(&mut self, kind: Thunk) -> Option<String> {
        let index = self.thunk_frame(kind)?;
        let frame = self.lex.frames.get_mut(index)?;
        let base = match kind {
            Thunk::This => {
                frame.uses.this = true;
                "this"
            }
            Thunk::NewTarget => {
                frame.uses.new_target = true;
                "newTarget"
            }
            Thunk::SuperCall => {
                frame.uses.super_call = true;
                "superCall"
            }
        };
        let depth = frame.depth;
        Some(self.thunk_name(base, depth))
    }

    /// The outermost lowered arrow whose generator would capture this
    /// `arguments` reference: one that the reference's binding is outside of.
    fn arguments_frame(&self, id: &Ident<'a>) -> Option<usize> {
        if id.name != "arguments" {
            return None;
        }
        let target = match self.scopes.resolution(id.id) {
            Resolution::Local { scope, .. } => Some(scope),
            Resolution::Dynamic { fallback } => fallback.map(|(scope, _)| scope),
            Resolution::Global => None,
        };
        self.lex.frames.iter().position(|f| f.arrow_scope.is_some_and(|arrow| !target.is_some_and(|t| self.within(t, arrow))))
    }

    /// Scope `inner` is `outer` or nested in it.
    fn within(&self, mut inner: ScopeId, outer: ScopeId) -> bool {
        loop {
            if inner == outer {
                return true;
            }
            match self.scopes.scope(inner).parent {
                Some(parent) => inner = parent,
                None => return false,
            }
        }
    }
}

impl<'p, 'a> Printer<'p, 'a> {
    /// `f` is printed lowered: lowering, an async non-generator function,
    /// and no `for await` directly in its body.
    pub(super) fn lowers(&self, f: &Function<'a>) -> bool {
        self.lower.is_some() && f.flags.is_async && !f.flags.is_generator && !contains_for_await(f.body)
    }

    /// Runs `body` as the code of function `f` (its parameters and body).
    pub(super) fn in_function<R>(&mut self, f: &Function<'a>, body: impl FnOnce(&mut Self) -> R) -> R {
        let strict = std::mem::replace(&mut self.strict, f.flags.strict);
        let saved = self.lower.as_mut().map(|l| l.enter(f));
        let result = body(self);
        if let (Some(l), Some(saved)) = (self.lower.as_mut(), saved) {
            l.leave(saved, false);
        }
        self.strict = strict;
        result
    }

    /// Runs `body` as the generator of lowered function `f`.
    fn in_generator(&mut self, f: &Function<'a>, body: impl FnOnce(&mut Self)) -> Uses {
        let strict = std::mem::replace(&mut self.strict, f.flags.strict);
        let saved = self.lower.as_mut().map(|l| l.push_frame(f));
        body(self);
        let uses = match (self.lower.as_mut(), saved) {
            (Some(l), Some(saved)) => l.leave(saved, true),
            _ => Uses::default(),
        };
        self.strict = strict;
        uses
    }

    /// Prints an identifier from the tree, noting its name.
    pub(super) fn name(&mut self, id: &Ident<'a>) {
        if let Some(l) = self.lower.as_mut() {
            l.user_names.insert(id.name);
            if let Some(renamed) = l.renamed(id.name) {
                self.token(&renamed);
                return;
            }
        }
        self.token(id.name);
    }

    /// Prints a label.
    pub(super) fn label(&mut self, label: &Name<'a>) {
        match self.lower.as_mut().and_then(|l| l.renamed(label.name)) {
            Some(renamed) => self.token(&renamed),
            None => self.token(label.name),
        }
    }

    /// The identifier `name` prints as another name (so a shorthand
    /// property must spell out its key).
    pub(super) fn is_renamed(&self, name: &str) -> bool {
        name == "yield" && self.lower.as_ref().is_some_and(|l| l.rename_yield)
    }

    /// An identifier reference (`arguments` may become a thunk call).
    pub(super) fn ident_ref(&mut self, id: Ident<'a>) {
        if let Some(l) = self.lower.as_mut() {
            if let Some(index) = l.arguments_frame(&id) {
                let depth = l.lex.frames.get(index).map_or(0, |f| f.depth);
                if let Some(frame) = l.lex.frames.get_mut(index) {
                    frame.uses.arguments = true;
                }
                let thunk = l.thunk_name("arguments", depth);
                l.user_names.insert(id.name);
                self.token(&thunk);
                self.token("()");
                return;
            }
        }
        self.name(&id);
    }

    /// A shorthand property `{ a }`.
    pub(super) fn shorthand(&mut self, id: Ident<'a>) {
        if self.is_renamed(id.name) || self.lower.as_ref().is_some_and(|l| l.arguments_frame(&id).is_some()) {
            self.token(id.name);
            self.token(":");
            self.space();
        }
        self.ident_ref(id);
    }

    /// `this`
    pub(super) fn this_expr(&mut self) {
        self.keyword_or_thunk(Thunk::This, "this");
    }

    /// `new.target`
    pub(super) fn new_target(&mut self) {
        self.keyword_or_thunk(Thunk::NewTarget, "new.target");
    }

    fn keyword_or_thunk(&mut self, kind: Thunk, keyword: &str) {
        match self.lower.as_mut().and_then(|l| l.thunk(kind)) {
            Some(thunk) => {
                self.token(&thunk);
                self.token("()");
            }
            None => self.token(keyword),
        }
    }

    /// `super(args)`
    pub(super) fn super_call(&mut self, c: &SuperCall<'a>) {
        match self.lower.as_mut().and_then(|l| l.thunk(Thunk::SuperCall)) {
            Some(thunk) => self.token(&thunk),
            None => self.token("super"),
        }
        self.args(c.args);
    }

    /// A `super.x` is printed: the innermost lowered generator needs a home object.
    pub(super) fn note_super_property(&mut self) {
        if let Some(frame) = self.lower.as_mut().and_then(|l| l.lex.frames.last_mut()) {
            frame.uses.super_property = true;
        }
    }

    /// `await` prints as `yield` here.
    pub(super) fn await_is_yield(&self) -> bool {
        self.lower.as_ref().is_some_and(|l| l.lex.await_is_yield)
    }

    /// `await e`, or `yield e` inside a lowered function.
    pub(super) fn await_expr(&mut self, arg: &Expr<'a>) {
        if self.await_is_yield() {
            self.token("yield");
            self.space();
            self.expr(arg, Prec::Assign);
        } else {
            self.token("await");
            self.space();
            self.expr(arg, Prec::Unary);
        }
    }

    /// `e` (a `this`, `new.target` or `arguments`) prints as a thunk call,
    /// which would end a `new` callee early.
    pub(super) fn rewritten_as_call(&self, e: &Expr<'a>) -> bool {
        let Some(l) = self.lower.as_ref() else { return false };
        match e {
            Expr::This(_) => l.thunk_frame(Thunk::This).is_some(),
            Expr::NewTarget(_) => l.thunk_frame(Thunk::NewTarget).is_some(),
            Expr::Ident(id) => l.arguments_frame(id).is_some(),
            _ => false,
        }
    }

    fn fresh(&mut self, base: &str) -> String {
        self.lower.as_mut().map_or_else(|| format!("${base}"), |l| l.fresh(base))
    }

    fn spawn_name(&mut self) -> String {
        self.lower.as_mut().map_or_else(|| "spawn".to_string(), |l| l.spawn_name())
    }

    /// `(params) { return spawn(function* (params) { body }, this,
    /// arguments); }` for a lowered non-arrow function or method (`method`:
    /// the name for a generator method, when the body uses `super`).
    pub(super) fn lowered_rest(&mut self, f: &Function<'a>, method: Option<&str>) {
        self.in_function(f, |p| {
            p.wrapper_params(f);
            p.space();
            p.token("{");
            p.indent += 1;
            let split = directive_count(f.body);
            for s in &f.body[..split] {
                if let Stmt::Expr(Expr::String(_, span), _) = s {
                    p.newline();
                    p.directive(*span);
                }
            }
            p.newline();
            p.token("return");
            p.space();
            let spawn = p.spawn_name();
            p.token(&spawn);
            p.token("(");
            let (generator, _) = p.generator(f, &f.body[split..], method);
            p.append(generator);
            p.token(", this, arguments);");
            p.indent -= 1;
            p.newline();
            p.token("}");
        });
    }

    /// The wrapper's parameters of a non-arrow function: as many plain
    /// names as the function's `length`.
    fn wrapper_params(&mut self, f: &Function<'a>) {
        let names = self.counted_params(f, true);
        self.token("(");
        self.token(&names.join(", "));
        self.token(")");
    }

    /// Names for the parameters that count in `length`: the parameter's own
    /// name where it is a plain identifier, else a fresh one.
    fn counted_params(&mut self, f: &Function<'a>, avoid_arguments: bool) -> Vec<String> {
        let counted = f.params.iter().take_while(|p| !p.is_rest && !matches!(p.pattern, Pattern::Assign(_)));
        let mut names = Vec::new();
        for (i, param) in counted.enumerate() {
            match param.pattern {
                Pattern::Ident(id) if !(avoid_arguments && id.name == "arguments") => {
                    if let Some(l) = self.lower.as_mut() {
                        l.user_names.insert(id.name);
                    }
                    names.push(id.name.to_string());
                }
                _ => names.push(self.fresh(&i.to_string())),
            }
        }
        names
    }

    /// Prints `function* (params) { body }` (or the helper-object generator
    /// method when the body uses `super`) into a captured buffer.
    fn generator(&mut self, f: &Function<'a>, body: &[Stmt<'a>], method: Option<&str>) -> (Captured, Uses) {
        let (captured, uses) = self.capture(|p| {
            p.in_generator(f, |p| {
                p.params(f.params);
                p.space();
                p.function_body(body, f.flags.is_arrow);
            })
        });
        if !uses.super_property {
            return (captured.wrap("function* ", ""), uses);
        }
        self.note_super_property();
        let name = method.unwrap_or("gen");
        let outer = "  ".repeat(self.indent);
        let prefix = format!(
            "{{\n{outer}  __proto__: new Proxy({{}}, {{ get: (_, key) => super[key], set: (_, key, value) => (super[key] = value, true) }}),\n{outer}  *{name}"
        );
        (captured.indented().wrap(&prefix, &format!("\n{outer}}}.{name}")), uses)
    }

    /// A lowered async arrow: `(a) => spawn(function* (a) { body }, this,
    /// [a])`, with a block of thunks when the generator needs them.
    pub(super) fn lowered_arrow(&mut self, f: &Function<'a>) {
        let derived = self.lower.as_ref().is_some_and(|l| l.lex.derived);
        let depth = self.lower.as_ref().map_or(0, |l| l.lex.frames.iter().filter(|f| f.arrow_scope.is_some()).count());
        let args = self.arrow_wrapper_params(f);
        self.operator("=>");
        let spawn = self.spawn_name();
        let (generator, uses) = self.generator(f, f.body, None);
        let thunks = self.thunk_decls(uses, depth);
        let this = if derived { "void 0" } else { "this" };
        let tail = format!(", {this}, {args})");
        if thunks.is_empty() {
            self.token(&spawn);
            self.token("(");
            self.append(generator);
            self.token(&tail);
            return;
        }
        self.token("{");
        self.indent += 1;
        self.newline();
        self.token(&format!("const {};", thunks.join(", ")));
        self.newline();
        self.token(&format!("return {spawn}("));
        self.append(generator.indented());
        self.token(&tail);
        self.token(";");
        self.indent -= 1;
        self.newline();
        self.token("}");
    }

    /// The wrapper parameters of a lowered arrow; returns the expression of
    /// the argument list to hand to `spawn`.
    fn arrow_wrapper_params(&mut self, f: &Function<'a>) -> String {
        let simple = f.params.iter().all(|p| !p.is_rest && matches!(p.pattern, Pattern::Ident(_)));
        let names = self.counted_params(f, false);
        let list = names.join(", ");
        if simple {
            self.token(&format!("({list})"));
            return format!("[{list}]");
        }
        let rest = self.fresh("args");
        if names.is_empty() {
            self.token(&format!("(...{rest})"));
            rest
        } else {
            self.token(&format!("({list}, ...{rest})"));
            format!("[{list}, ...{rest}]")
        }
    }

    /// `name = () => this`, ... for the thunks a lowered arrow's generator used.
    fn thunk_decls(&mut self, uses: Uses, depth: usize) -> Vec<String> {
        let Some(l) = self.lower.as_mut() else { return Vec::new() };
        let mut decls = Vec::new();
        let wanted = [
            (uses.this, "this", "() => this"),
            (uses.arguments, "arguments", "() => arguments"),
            (uses.new_target, "newTarget", "() => new.target"),
            (uses.super_call, "superCall", "(...args) => super(...args)"),
        ];
        for (used, base, body) in wanted {
            if used {
                decls.push(format!("{} = {body}", l.thunk_name(base, depth)));
            }
        }
        decls
    }

    /// In a sloppy-mode block, prints each lowered async function
    /// declaration as `let f = function (...) {...};` at the top (a plain
    /// function declaration there would also get an Annex B `var`
    /// binding). Returns whether there were any.
    pub(super) fn hoist_block_functions(&mut self, body: &[Stmt<'a>]) -> bool {
        let mut any = false;
        for s in body {
            if let (true, Stmt::Function(f)) = (self.is_hoisted_function(s), s) {
                self.newline();
                self.token("let");
                self.space();
                if let Some(id) = &f.id {
                    self.name(id);
                }
                self.operator("=");
                self.token("function");
                self.space();
                self.lowered_rest(f, None);
                self.token(";");
                any = true;
            }
        }
        any
    }

    /// `s` is a lowered async function declaration in sloppy-mode code.
    pub(super) fn is_hoisted_function(&self, s: &Stmt<'a>) -> bool {
        !self.strict && matches!(s, Stmt::Function(f) if self.lowers(f))
    }
}

impl Captured {
    /// The text with `prefix` before and `suffix` after.
    fn wrap(self, prefix: &str, suffix: &str) -> Captured {
        let shift = prefix.len();
        Captured { text: format!("{prefix}{}{suffix}", self.text), protected: self.protected.iter().map(|p| p + shift).collect() }
    }
}

/// How many leading statements of `body` are directives.
pub(super) fn directive_count(body: &[Stmt<'_>]) -> usize {
    body.iter().take_while(|s| matches!(s, Stmt::Expr(Expr::String(..), _))).count()
}

/// `body` contains a `for await` outside any nested function.
fn contains_for_await(body: &[Stmt<'_>]) -> bool {
    let mut work: Vec<&Stmt<'_>> = body.iter().collect();
    while let Some(s) = work.pop() {
        match s {
            Stmt::ForOf(f) if f.is_await => return true,
            Stmt::ForOf(f) | Stmt::ForIn(f) => work.push(&f.body),
            Stmt::For(f) => work.push(&f.body),
            Stmt::While(w) | Stmt::DoWhile(w) => work.push(&w.body),
            Stmt::Block(b) => work.extend(b.body),
            Stmt::If(i) => work.extend(std::iter::once(&i.then).chain(i.otherwise.as_ref())),
            Stmt::Try(t) => {
                work.extend(t.block.body);
                work.extend(t.handler.iter().flat_map(|h| h.body.body));
                work.extend(t.finalizer.iter().flat_map(|b| b.body));
            }
            Stmt::Switch(s) => work.extend(s.cases.iter().flat_map(|c| c.body)),
            Stmt::Labeled(l) => work.push(&l.body),
            Stmt::With(w) => work.push(&w.body),
            _ => {}
        }
    }
    false
}
