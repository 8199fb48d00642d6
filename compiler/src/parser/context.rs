//! What the parser knows about where it is: the innermost function's
//! context ([`FnCtx`]), the labels in scope, the private names of the
//! enclosing classes, and the cover-grammar errors of an expression that may
//! still become a pattern.

use crate::ast::Goal;
use crate::span::Span;

/// The context of the innermost function (or of the top level).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FnCtx {
    /// Strict-mode code.
    pub(crate) strict: bool,
    /// `await` is an operator (async function, or module top level).
    pub(crate) can_await: bool,
    /// `yield` is an operator.
    pub(crate) is_generator: bool,
    /// Inside a function body: `return` is allowed.
    pub(crate) in_function: bool,
    /// `super(...)` is allowed (derived constructors and arrows in them).
    pub(crate) super_call: bool,
    /// `super.x` is allowed (methods, and arrows and fields in them).
    pub(crate) super_prop: bool,
    /// `new.target` is allowed.
    pub(crate) new_target: bool,
    /// In a class field initializer or static block: `arguments` is an error.
    pub(crate) in_class_init: bool,
    /// In a class static block: `await` may not be an identifier.
    pub(crate) in_static_block: bool,
    /// Parsing formal parameters (of this function).
    pub(crate) in_params: bool,
}

impl FnCtx {
    /// The context of a script's or module's top level.
    pub(crate) fn top_level(goal: Goal) -> FnCtx {
        FnCtx { strict: goal == Goal::Module, can_await: goal == Goal::Module, ..FnCtx::default() }
    }
}

/// A label or an unlabelled breakable statement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Label<'a> {
    /// The label name; `None` for an unlabelled loop or switch.
    pub(crate) name: Option<&'a str>,
    /// The labelled statement is a loop (`continue` may target it).
    pub(crate) is_loop: bool,
    /// A `switch` (unlabelled `break` targets it, `continue` does not).
    pub(crate) is_switch: bool,
}

/// Whether a private name is an accessor half (the other half may follow).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PrivateKind {
    /// A field or method: may not be declared twice.
    Other,
    Getter,
    Setter,
    /// Both halves of an accessor.
    Accessor,
}

/// The private names of one class body.
#[derive(Debug, Default)]
pub(crate) struct ClassPrivate<'a> {
    /// Declared: name, kind, static.
    pub(crate) declared: Vec<(&'a str, PrivateKind, bool)>,
    /// Referenced but not (yet) declared in this class.
    pub(crate) used: Vec<(&'a str, Span)>,
}

/// Errors in an expression that are errors only if it stays an expression,
/// or only if it becomes a pattern.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CoverErrors {
    /// `{a = 1}` (CoverInitializedName): valid only as a pattern.
    pub(crate) shorthand_assign: Option<Span>,
    /// A trailing comma after a rest element.
    pub(crate) trailing_comma: Option<Span>,
    /// `(a = 1)` parenthesized assignment: invalid as a pattern.
    pub(crate) paren_assign: Option<Span>,
    /// Two `__proto__: v` properties: valid only as a pattern.
    pub(crate) double_proto: Option<Span>,
}

impl CoverErrors {
    /// Raise the errors of things that are valid only as patterns.
    pub(crate) fn check_expression(&self) -> Result<(), crate::SyntaxError> {
        if let Some(s) = self.shorthand_assign {
            return Err(crate::SyntaxError::new("Invalid shorthand property initializer", s));
        }
        if let Some(s) = self.double_proto {
            return Err(crate::SyntaxError::new("Duplicate __proto__ fields are not allowed in object literals", s));
        }
        Ok(())
    }

    /// Raise the errors of things that are invalid as patterns.
    pub(crate) fn check_pattern(&self) -> Result<(), crate::SyntaxError> {
        if let Some(s) = self.trailing_comma {
            return Err(crate::SyntaxError::new("A rest element may not have a trailing comma", s));
        }
        Ok(())
    }
}
