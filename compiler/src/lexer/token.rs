//! Tokens: what the lexer hands the parser.
//!
//! Reserved words are their own [`TokenKind`]s; contextual words (`let`,
//! `static`, `yield`, `await`, `async`, `of`, `get`, `set`, `as`, `from`,
//! `target`, `meta`, and the strict-mode future reserved words) are
//! [`TokenKind::Identifier`] and the parser compares their names. A reserved
//! word written with a Unicode escape (`\u0069f`) is lexed as an
//! `Identifier` with `escaped == true`, so the parser can reject it where a
//! keyword or an identifier is expected.

use crate::span::Span;

/// The kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum TokenKind {
    /// End of input.
    Eof,
    /// An identifier name that is not a reserved word (or is an escaped one).
    Identifier,
    /// `#name`, a private identifier; `value` holds the name without `#`.
    PrivateName,
    /// A numeric literal; `value` is [`TokenValue::Number`].
    Number,
    /// A BigInt literal `123n`; `value` is [`TokenValue::BigInt`].
    BigInt,
    /// A string literal; `value` is [`TokenValue::String`].
    String,
    /// A whole template without substitutions: `` `abc` ``.
    NoSubstitutionTemplate,
    /// `` `abc${ ``
    TemplateHead,
    /// `}abc${`, produced only by `Lexer::rescan_template_continuation`.
    TemplateMiddle,
    /// `` }abc` ``, produced only by `Lexer::rescan_template_continuation`.
    TemplateTail,
    /// `/pattern/flags`, produced only by `Lexer::rescan_regexp`.
    RegExp,

    // Reserved words.
    Await, Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do,
    Else, Enum, Export, Extends, False, Finally, For, Function, If, Import, In,
    Instanceof, New, Null, Return, Super, Switch, This, Throw, True, Try, Typeof,
    Var, Void, While, With, Yield,

    // Punctuators.
    LBrace, RBrace, LParen, RParen, LBracket, RBracket,
    Dot, Ellipsis, Semicolon, Comma, Question, QuestionDot, Colon, Arrow, Hash,
    Lt, Gt, LtEq, GtEq, EqEq, NotEq, EqEqEq, NotEqEq,
    Plus, Minus, Star, Slash, Percent, StarStar, PlusPlus, MinusMinus,
    Shl, Shr, UShr, Amp, Pipe, Caret, Bang, Tilde, AmpAmp, PipePipe, QuestionQuestion,
    Eq, PlusEq, MinusEq, StarEq, SlashEq, PercentEq, StarStarEq, ShlEq, ShrEq, UShrEq,
    AmpEq, PipeEq, CaretEq, AmpAmpEq, PipePipeEq, QuestionQuestionEq,
}

/// The cooked value a token carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TokenValue<'a> {
    /// Punctuators and keywords carry nothing.
    None,
    /// Identifier or private name, with escapes decoded (no `#`).
    Name(&'a str),
    /// The value of a numeric literal.
    Number(f64),
    /// The decimal digits of a BigInt literal's value, without `n`
    /// (e.g. `0x1Fn` gives `"31"`).
    BigInt(&'a str),
    /// The UTF-16 value of a string literal (may hold lone surrogates).
    String(&'a [u16]),
    /// A template part: `cooked` is `None` when it holds an invalid escape
    /// (allowed only in tagged templates); `raw` is the source text with
    /// CR and CRLF normalised to LF.
    Template {
        /// The cooked string value, `None` for an invalid escape sequence.
        cooked: Option<&'a [u16]>,
        /// The raw text.
        raw: &'a str,
    },
    /// A regular-expression literal: body and flags, both as written.
    RegExp {
        /// The text between the slashes.
        pattern: &'a str,
        /// The flags after the closing slash.
        flags: &'a str,
    },
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
    /// A line terminator (or a comment containing one) precedes it: drives
    /// automatic semicolon insertion and `[no LineTerminator here]`.
    pub newline_before: bool,
    /// An identifier written with at least one `\u` escape.
    pub escaped: bool,
    /// A legacy octal literal (`017`), a decimal literal with a leading
    /// zero (`08`), or a string with a legacy octal escape (`"\01"`) or
    /// `\8`/`\9`: a SyntaxError in strict mode.
    pub legacy_octal: bool,
    /// The cooked value.
    pub value: TokenValue<'a>,
}

impl<'a> Token<'a> {
    /// The identifier or private name this token carries, if any.
    pub fn name(&self) -> Option<&'a str> {
        match self.value {
            TokenValue::Name(n) => Some(n),
            _ => None,
        }
    }

    /// This token is the unescaped contextual word `word` (e.g. `"of"`).
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == TokenKind::Identifier && !self.escaped && self.name() == Some(word)
    }
}

impl TokenKind {
    /// The reserved word spelt `text`, if it is one.
    pub fn keyword(text: &str) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match text {
            "await" => Await, "break" => Break, "case" => Case, "catch" => Catch,
            "class" => Class, "const" => Const, "continue" => Continue,
            "debugger" => Debugger, "default" => Default, "delete" => Delete, "do" => Do,
            "else" => Else, "enum" => Enum, "export" => Export, "extends" => Extends,
            "false" => False, "finally" => Finally, "for" => For, "function" => Function,
            "if" => If, "import" => Import, "in" => In, "instanceof" => Instanceof,
            "new" => New, "null" => Null, "return" => Return, "super" => Super,
            "switch" => Switch, "this" => This, "throw" => Throw, "true" => True,
            "try" => Try, "typeof" => Typeof, "var" => Var, "void" => Void,
            "while" => While, "with" => With, "yield" => Yield,
            _ => return None,
        })
    }

    /// This kind is a reserved word (`if`, `class`, `await`, `yield`, ...).
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (TokenKind::Await as u8) && (self as u8) <= (TokenKind::Yield as u8)
    }

    /// This kind is an assignment operator (`=`, `+=`, `??=`, ...).
    pub fn is_assign_op(self) -> bool {
        (self as u8) >= (TokenKind::Eq as u8)
    }
}
