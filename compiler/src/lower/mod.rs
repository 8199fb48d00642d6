//! The source printer and the async→generator lowering as source text
//! (`spindle lower FILE`).
//!
//! [`print_program`] prints any AST back as JavaScript: parentheses only
//! where precedence or a statement-start restriction needs them (plus every
//! `Expr::Paren` of the tree), strings re-escaped from their UTF-16 values,
//! numbers that re-parse to the same value, regular expressions, templates
//! and BigInts from their source form, a `;` after every statement, two
//! spaces of indentation. Printing, re-parsing and printing again gives the
//! same text (tested over test262).
//!
//! [`lower_program`] prints the program with every async function rewritten
//! in the classic desugaring, and the executor `spawn` defined at the top:
//!
//! ```js
//! async function f(a, b = g()) { BODY }
//! // prints as
//! function f(a) {
//!   return spawn(function* (a, b = g()) { BODY' }, this, arguments);
//! }
//! ```
//!
//! where `BODY'` is `BODY` with `await e` printed as `yield e`. The printed
//! program runs on any engine with generators and gives the same output,
//! microtask turn for microtask turn. The scheme, in detail:
//!
//! - Parameters are the generator's, evaluated inside `spawn`'s promise
//!   executor: a throwing default rejects the promise. The wrapper declares
//!   as many plain parameters as the original `length`.
//! - A non-arrow function passes its own `this` and `arguments` to the
//!   generator (`Reflect.apply`). An async arrow passes its lexical `this`
//!   and an array of its arguments; its lexical `arguments`, `new.target`
//!   and `super(...)` (and `this` in a derived constructor, where it may be
//!   uninitialized when the arrow is called) are read through arrow thunks
//!   declared in the wrapper: `(x) => { const $arguments = () => arguments;
//!   return spawn(function* (x) { ... $arguments() ... }, this, [x]); }`.
//! - A generator whose body uses `super.x` becomes a generator method of a
//!   helper object whose prototype is a proxy forwarding to `super` through
//!   arrows in the wrapper, so every super property form works as written.
//! - In sloppy-mode blocks, a lowered async function declaration prints as
//!   `let f = function (...) {...};` at the top of the block, because a
//!   plain function declaration there would gain an Annex B `var` binding.
//! - Not lowered, printed as written (the output's first comment says so):
//!   async generators, async functions containing `for await` directly,
//!   and top-level `await`. Spindle does not run these through the spawn
//!   form: an async generator is a generator coroutine with the
//!   specification's request queue (`spindle_vm::interp` async_generator),
//!   and `for await` is compiled to real awaits in place
//!   (`codegen::async_iteration`), so the printed program is still the
//!   one Spindle runs, and it runs the same on any engine with async
//!   iteration.
//! - Names the lowering introduces (`spawn`, `$arguments`, `$args`, `$0`,
//!   ...) are chosen not to clash with any identifier of the program.
//! - `yield` used as an identifier (or label) in sloppy code inside a
//!   lowered body, where it would be a keyword, is renamed to a fresh name
//!   throughout the program.
//!
//! Known differences (documented, not bugs of the equivalence the command
//! shows): a lowered async function declaration or expression is a plain
//! function, so it is constructible and has a `prototype`; its
//! `toString()` differs, and its prototype is `Function.prototype`, not
//! `AsyncFunction.prototype` (so `(async function () {}).constructor` is
//! `Function`); stack traces show the generator and `spawn` frames (engines
//! print `at async f` only for native async functions); `spawn` uses the
//! global `Promise`, `Proxy` and `Reflect` and the user-visible
//! `Promise.prototype.then`; direct `eval` code inside a lowered async arrow
//! sees the generator's `arguments`; assignment to an outer `arguments`
//! from an async arrow, and async function declarations directly in
//! `switch` cases of sloppy code, are not rewritten.
//!
//! Invariants: every recursion of the printer goes through
//! [`stacker::maybe_grow`], so trees as deep as the parser accepts print
//! without overflowing the stack; no input makes the printer panic.

mod async_fn;
mod expr;
mod function;
mod literal;
mod printer;
mod spawn;
mod stmt;
#[cfg(test)]
mod tests;

use crate::ast::{Program, Stmt};
use crate::parser::Parsed;
use async_fn::{directive_count, Lowering};
use printer::Printer;

/// How many times [`lower_program`] re-prints with more decorated names
/// when an introduced name clashes with one of the program's.
const MAX_NAMING_ATTEMPTS: usize = 8;

/// Prints `program` (parsed from `source`) as JavaScript source text.
pub fn print_program(program: &Program<'_>, source: &str) -> String {
    let mut printer = Printer::new(source, None);
    let (prologue, body) = printer.program_parts(program.body, program.strict);
    let mut out = hashbang(source);
    out.push_str(prologue.trim_start_matches('\n'));
    out.push_str(if prologue.is_empty() { body.trim_start_matches('\n') } else { &body });
    out.push('\n');
    out
}

/// Prints the program of `parsed` (parsed from `source`) with every async
/// function lowered to a generator run by `spawn`, defined at the top.
pub fn lower_program(parsed: &Parsed<'_>, source: &str) -> String {
    let (mut attempt, mut rename_yield) = (0, false);
    loop {
        let mut printer = Printer::new(source, Some(Lowering::new(&parsed.scopes, attempt, rename_yield)));
        let (prologue, body) = printer.program_parts(parsed.program.body, parsed.program.strict);
        let Some(lowering) = printer.lower else { return body };
        if lowering.saw_yield && !rename_yield {
            rename_yield = true;
            continue;
        }
        let clash = lowering.fresh_names.iter().any(|n| lowering.user_names.contains(n.as_str()));
        if clash && attempt + 1 < MAX_NAMING_ATTEMPTS {
            attempt += 1;
            continue;
        }
        let mut out = hashbang(source);
        out.push_str(spawn::HEADER);
        out.push_str(prologue.trim_start_matches('\n'));
        if !prologue.is_empty() {
            out.push('\n');
        }
        if lowering.lowered_any {
            let name = format!("spawn{}", "$".repeat(attempt));
            out.push_str(&spawn::definition(&name));
            out.push('\n');
        }
        out.push_str(body.trim_start_matches('\n'));
        out.push('\n');
        return out;
    }
}

/// The `#!` line the source starts with, if any, with a newline.
fn hashbang(source: &str) -> String {
    if !source.starts_with("#!") {
        return String::new();
    }
    let end = source.find(['\n', '\r', '\u{2028}', '\u{2029}']).unwrap_or(source.len());
    format!("{}\n", source.get(..end).unwrap_or(""))
}

impl<'p, 'a> Printer<'p, 'a> {
    /// Prints a program body: its directive prologue and the rest, apart.
    fn program_parts(&mut self, body: &[Stmt<'a>], strict: bool) -> (String, String) {
        self.strict = strict;
        let split = directive_count(body);
        let (prologue, ()) = self.capture(|p| p.statements(&body[..split], true, false));
        let (rest, ()) = self.capture(|p| p.statements(&body[split..], false, false));
        (prologue.text, rest.text)
    }
}
