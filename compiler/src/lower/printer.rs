//! The printer's state and output primitives: the text buffer, indentation,
//! token spacing, operator precedence, and the output positions at which a
//! construct may not begin (statement starts, concise arrow bodies,
//! `export default`, `for` heads).
//!
//! Invariants: [`Printer::token`] inserts a space exactly where two tokens
//! would otherwise merge (`a in`, `- -a`, `a / /re/`); positions in
//! [`Marks`] refer to the current buffer (they are reset when a sub-buffer
//! is captured); [`Printer::protected`] lists the offsets of newlines that
//! belong to template literal text, which re-indentation must not touch.

use super::async_fn::Lowering;

/// Stack left before [`stacker`] switches to a new segment.
pub(super) const RED_ZONE: usize = 64 * 1024;
/// Size of each new stack segment.
pub(super) const STACK_SEGMENT: usize = 1024 * 1024;

/// Operator precedence, lowest first: an expression whose precedence is
/// below the minimum its position allows is parenthesized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Prec {
    /// `a, b`
    Comma,
    /// Assignment, `yield`, arrow functions: an AssignmentExpression.
    Assign,
    /// `a ? b : c`
    Conditional,
    /// `a ?? b`
    Coalesce,
    /// `a || b`
    Or,
    /// `a && b`
    And,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `==`, `!=`, `===`, `!==`
    Equality,
    /// `<`, `>`, `<=`, `>=`, `instanceof`, `in`
    Relational,
    /// `<<`, `>>`, `>>>`
    Shift,
    /// `+`, `-`
    Additive,
    /// `*`, `/`, `%`
    Multiplicative,
    /// `**`
    Exponent,
    /// `!a`, `-a`, `typeof a`, `await a`
    Unary,
    /// `++a`, `a++`
    Update,
    /// Calls: a CallExpression (also a valid member object).
    Call,
    /// `a.b`, `a[b]`, `new A()`, tagged templates: a MemberExpression.
    Member,
    /// Literals, names, brackets.
    Primary,
}

/// Output positions at which particular constructs may not start; each is
/// `usize::MAX` when unset. A construct checks whether the buffer length
/// equals the position before printing its first token.
#[derive(Clone, Copy, Debug)]
pub(super) struct Marks {
    /// Start of an expression statement: no `{`, `function`, `class`,
    /// `let [`, `async function`.
    pub stmt: usize,
    /// Start of a concise arrow body: no `{`.
    pub arrow: usize,
    /// Start of an `export default` expression: no `function`, `class`.
    pub default: usize,
    /// Start of a `for` initializer or `for-in` head: no `let [`.
    pub for_init: usize,
    /// Start of a `for-of` head: no `let`, no `async of`.
    pub for_of: usize,
}

impl Marks {
    /// No restrictions anywhere.
    pub(super) const NONE: Marks = Marks { stmt: usize::MAX, arrow: usize::MAX, default: usize::MAX, for_init: usize::MAX, for_of: usize::MAX };
}

/// The JavaScript printer (and, with [`Printer::lower`] set, the lowering).
pub(super) struct Printer<'p, 'a> {
    /// The text printed so far.
    pub out: String,
    /// The source the tree was parsed from (for directives' raw text).
    pub source: &'p str,
    /// Current indentation, in levels of two spaces.
    pub indent: usize,
    /// Where constructs may not start.
    pub marks: Marks,
    /// Inside a `for` initializer: a top-level `in` must be parenthesized.
    pub no_in: bool,
    /// The code being printed is strict.
    pub strict: bool,
    /// Offsets in `out` of newlines inside template literal text.
    pub protected: Vec<usize>,
    /// The async lowering's state, when lowering.
    pub lower: Option<Lowering<'p, 'a>>,
}

impl<'p, 'a> Printer<'p, 'a> {
    /// A printer of trees parsed from `source`.
    pub(super) fn new(source: &'p str, lower: Option<Lowering<'p, 'a>>) -> Self {
        Printer { out: String::new(), source, indent: 0, marks: Marks::NONE, no_in: false, strict: false, protected: Vec::new(), lower }
    }

    /// Appends `text` as one token, with a space before it if it would
    /// otherwise merge with the previous token.
    pub(super) fn token(&mut self, text: &str) {
        if let (Some(prev), Some(next)) = (self.out.chars().next_back(), text.chars().next()) {
            if needs_space(prev, next, text) {
                self.out.push(' ');
            }
        }
        self.out.push_str(text);
    }

    /// Appends a space.
    pub(super) fn space(&mut self) {
        self.out.push(' ');
    }

    /// Ends the line and indents the next one.
    pub(super) fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    /// Appends template literal text verbatim, remembering its newlines.
    pub(super) fn template_text(&mut self, raw: &str) {
        let base = self.out.len();
        self.protected.extend(raw.match_indices('\n').map(|(i, _)| base + i));
        self.out.push_str(raw);
    }

    /// The buffer is exactly at `mark`: the next token starts there.
    pub(super) fn at(&self, mark: usize) -> bool {
        self.out.len() == mark
    }

    /// Runs `f` with a fresh, empty buffer and returns what it printed
    /// (with its protected newlines) and its result; the outer buffer and
    /// marks are restored.
    pub(super) fn capture<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> (Captured, R) {
        let out = std::mem::take(&mut self.out);
        let protected = std::mem::take(&mut self.protected);
        let marks = std::mem::replace(&mut self.marks, Marks::NONE);
        let result = f(self);
        let text = std::mem::replace(&mut self.out, out);
        let newlines = std::mem::replace(&mut self.protected, protected);
        self.marks = marks;
        (Captured { text, protected: newlines }, result)
    }

    /// Appends captured text.
    pub(super) fn append(&mut self, captured: Captured) {
        let base = self.out.len();
        self.protected.extend(captured.protected.iter().map(|p| p + base));
        self.out.push_str(&captured.text);
    }

    /// Runs `f` inside parentheses that lift the `no_in` restriction.
    pub(super) fn parens(&mut self, f: impl FnOnce(&mut Self)) {
        self.token("(");
        let no_in = std::mem::replace(&mut self.no_in, false);
        f(self);
        self.no_in = no_in;
        self.token(")");
    }

    /// Runs `f` with `no_in` lifted (inside brackets, braces, arguments).
    pub(super) fn delimited(&mut self, f: impl FnOnce(&mut Self)) {
        let no_in = std::mem::replace(&mut self.no_in, false);
        f(self);
        self.no_in = no_in;
    }
}

/// Printed text taken out of the buffer by [`Printer::capture`].
pub(super) struct Captured {
    /// The text.
    pub text: String,
    /// Offsets in `text` of newlines inside template literal text.
    pub protected: Vec<usize>,
}

impl Captured {
    /// The text indented one more level: two spaces after every newline
    /// that is not template text and does not end an empty line.
    pub(super) fn indented(self) -> Captured {
        let mut text = String::with_capacity(self.text.len() + self.text.len() / 8);
        let mut protected = Vec::with_capacity(self.protected.len());
        let mut skip = self.protected.iter().peekable();
        let mut chars = self.text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\n' {
                text.push(c);
                continue;
            }
            if skip.next_if(|&&p| p == i).is_some() {
                protected.push(text.len());
                text.push('\n');
                continue;
            }
            text.push('\n');
            if chars.peek().is_some_and(|&(_, n)| n != '\n') {
                text.push_str("  ");
            }
        }
        Captured { text, protected }
    }
}

/// Whether `c` can be part of an identifier, a keyword or a number
/// (non-ASCII characters count, conservatively).
pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '\\' || !c.is_ascii()
}

/// Whether a token starting with `next` (the whole token is `text`) needs a
/// space after a token ending with `prev`.
fn needs_space(prev: char, next: char, text: &str) -> bool {
    (is_word_char(prev) && is_word_char(next))
        || (prev == '+' && next == '+')
        || (prev == '-' && next == '-')
        || (prev == '/' && (next == '/' || next == '*'))
        || (prev == '<' && text.starts_with("!--"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_printer_token_spacing() {
        let mut p = Printer::new("", None);
        for t in ["typeof", "a", "-", "-", "b", "+", "++", "c", "/", "/x/"] {
            p.token(t);
        }
        assert_eq!(p.out, "typeof a- -b+ ++c/ /x/");
    }

    #[test]
    fn lower_printer_indent_skips_template_newlines() {
        let mut p = Printer::new("", None);
        p.token("{");
        p.indent += 1;
        p.newline();
        p.token("`");
        p.template_text("a\nb");
        p.token("`;");
        p.indent -= 1;
        p.newline();
        p.token("}");
        let (captured, ()) = p.capture(|_| ());
        assert!(captured.text.is_empty());
        let whole = Captured { text: p.out.clone(), protected: p.protected.clone() };
        assert_eq!(whole.indented().text, "{\n    `a\nb`;\n  }");
    }
}
