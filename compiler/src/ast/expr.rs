//! Expression nodes, patterns, functions and classes.

use super::{Ident, JsStr, Name, ScopeId, Stmt};
use crate::span::Span;

/// An expression.
#[derive(Clone, Copy, Debug)]
pub enum Expr<'a> {
    /// `this`
    This(Span),
    /// A reference to a binding.
    Ident(Ident<'a>),
    /// `null`
    Null(Span),
    /// `true` / `false`
    Bool(bool, Span),
    /// A number literal.
    Number(f64, Span),
    /// A BigInt literal: its value as decimal digits.
    BigInt(&'a str, Span),
    /// A string literal.
    String(JsStr<'a>, Span),
    /// `/pattern/flags`
    RegExp(&'a RegExpLit<'a>),
    /// `` `a${b}c` ``
    Template(&'a Template<'a>),
    /// `` tag`a${b}c` ``
    TaggedTemplate(&'a TaggedTemplate<'a>),
    /// `[a, , ...b]`
    Array(&'a ArrayLit<'a>),
    /// `{ a, b: c, ...d, m() {} }`
    Object(&'a ObjectLit<'a>),
    /// `function () {}` (also generator and async forms)
    Function(&'a Function<'a>),
    /// `(a) => b`, `async a => b`
    Arrow(&'a Function<'a>),
    /// `class {}`
    Class(&'a Class<'a>),
    /// `-a`, `!a`, `typeof a`, `delete a.b`, ...
    Unary(&'a Unary<'a>),
    /// `++a`, `a--`
    Update(&'a Update<'a>),
    /// `a + b`, `a < b`, `a in b`, ...
    Binary(&'a Binary<'a>),
    /// `a && b`, `a || b`, `a ?? b`
    Logical(&'a Logical<'a>),
    /// `#x in obj`
    PrivateIn(&'a PrivateIn<'a>),
    /// `a = b`, `a += b`, `[a, b] = c`
    Assign(&'a Assign<'a>),
    /// `a ? b : c`
    Conditional(&'a Conditional<'a>),
    /// `f(a)`, `o.m(a)`, `f?.(a)`
    Call(&'a Call<'a>),
    /// `super(a)`
    SuperCall(&'a SuperCall<'a>),
    /// `new F(a)`
    New(&'a New<'a>),
    /// `o.p`, `o[p]`, `o.#p`, `o?.p`
    Member(&'a Member<'a>),
    /// `super.p`, `super[p]`
    SuperMember(&'a SuperMember<'a>),
    /// The whole of an optional chain `a?.b.c`: short-circuits to `undefined`.
    OptionalChain(&'a Expr<'a>, Span),
    /// `a, b`
    Sequence(&'a [Expr<'a>], Span),
    /// `(a)`: kept so early errors and the printer see the parentheses.
    Paren(&'a Expr<'a>, Span),
    /// `yield a`, `yield* a`
    Yield(&'a Yield<'a>),
    /// `await a`
    Await(&'a Expr<'a>, Span),
    /// `new.target`
    NewTarget(Span),
    /// `import.meta`
    ImportMeta(Span),
    /// `import(specifier, options)`
    ImportCall(&'a ImportCall<'a>),
}

/// A regular-expression literal.
#[derive(Clone, Copy, Debug)]
pub struct RegExpLit<'a> {
    /// The pattern text.
    pub pattern: &'a str,
    /// The flags text.
    pub flags: &'a str,
    /// Where it is written.
    pub span: Span,
}

/// One literal piece of a template.
#[derive(Clone, Copy, Debug)]
pub struct TemplateQuasi<'a> {
    /// The cooked value (`None`: an invalid escape, tagged templates only).
    pub cooked: Option<JsStr<'a>>,
    /// The raw text.
    pub raw: &'a str,
    /// Where it is written.
    pub span: Span,
}

/// A template literal: `quasis.len() == exprs.len() + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Template<'a> {
    /// The literal pieces.
    pub quasis: &'a [TemplateQuasi<'a>],
    /// The substitutions.
    pub exprs: &'a [Expr<'a>],
    /// Where it is written.
    pub span: Span,
}

/// A tagged template.
#[derive(Clone, Copy, Debug)]
pub struct TaggedTemplate<'a> {
    /// The tag function expression.
    pub tag: Expr<'a>,
    /// The template.
    pub quasi: &'a Template<'a>,
    /// Where it is written.
    pub span: Span,
}

/// An element of an array literal or an argument list.
#[derive(Clone, Copy, Debug)]
pub enum ArrayElement<'a> {
    /// An elision `[, ]` (array literals only).
    Hole(Span),
    /// A plain element.
    Expr(Expr<'a>),
    /// `...e`
    Spread(Expr<'a>, Span),
}

/// An array literal.
#[derive(Clone, Copy, Debug)]
pub struct ArrayLit<'a> {
    /// The elements.
    pub elements: &'a [ArrayElement<'a>],
    /// Where it is written.
    pub span: Span,
}

/// A property key.
#[derive(Clone, Copy, Debug)]
pub enum PropKey<'a> {
    /// `a` (also reserved words: `{ if: 1 }`)
    Ident(Name<'a>),
    /// `"a"`
    String(JsStr<'a>, Span),
    /// `1`
    Number(f64, Span),
    /// `1n`
    BigInt(&'a str, Span),
    /// `[e]`
    Computed(Expr<'a>, Span),
    /// `#a` (class elements only)
    Private(Name<'a>),
}

/// What kind of method a method definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// `m() {}` (also generator and async forms)
    Method,
    /// `get p() {}`
    Get,
    /// `set p(v) {}`
    Set,
    /// `constructor() {}` in a class
    Constructor,
}

/// A member of an object literal.
#[derive(Clone, Copy, Debug)]
pub enum Property<'a> {
    /// `key: value`
    KeyValue(PropKey<'a>, Expr<'a>),
    /// `a` meaning `a: a`
    Shorthand(Ident<'a>),
    /// `m() {}`, `get p() {}`, `set p(v) {}`
    Method(MethodKind, PropKey<'a>, &'a Function<'a>),
    /// `...e`
    Spread(Expr<'a>, Span),
}

/// An object literal.
#[derive(Clone, Copy, Debug)]
pub struct ObjectLit<'a> {
    /// The members.
    pub props: &'a [Property<'a>],
    /// Where it is written.
    pub span: Span,
}

/// The shape of a function: which of the four kinds of body it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FunctionFlags {
    /// `async`
    pub is_async: bool,
    /// `function*`
    pub is_generator: bool,
    /// `=>`
    pub is_arrow: bool,
    /// A method, getter, setter or class constructor (has a home object).
    pub is_method: bool,
    /// A class constructor.
    pub is_class_constructor: bool,
    /// The constructor of a class with `extends`.
    pub is_derived_constructor: bool,
    /// An arrow whose body is an expression: `body` is one `Return` statement.
    pub is_expression_body: bool,
    /// The code is strict (inherited or by its own directive).
    pub strict: bool,
    /// The parameter list is simple (identifiers only, no defaults, rest or patterns).
    pub simple_params: bool,
}

/// One formal parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param<'a> {
    /// The binding pattern, possibly with a default (`Pattern::Assign`).
    pub pattern: Pattern<'a>,
    /// `...rest`
    pub is_rest: bool,
}

/// A function of any kind: declaration, expression, arrow, method, accessor,
/// constructor.
#[derive(Clone, Copy, Debug)]
pub struct Function<'a> {
    /// The name a declaration or named expression binds.
    pub id: Option<Ident<'a>>,
    /// The formal parameters.
    pub params: &'a [Param<'a>],
    /// The body statements (for a concise arrow, one `Return`).
    pub body: &'a [Stmt<'a>],
    /// What kind of function.
    pub flags: FunctionFlags,
    /// The scope of parameters and body.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// A class declaration or expression.
#[derive(Clone, Copy, Debug)]
pub struct Class<'a> {
    /// The class name.
    pub id: Option<Ident<'a>>,
    /// `extends` expression.
    pub super_class: Option<Expr<'a>>,
    /// The constructor, if written.
    pub constructor: Option<&'a Function<'a>>,
    /// Every other member, in source order.
    pub members: &'a [ClassMember<'a>],
    /// The class scope (holds the inner name binding and private names).
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// A member of a class body (other than the constructor).
#[derive(Clone, Copy, Debug)]
pub enum ClassMember<'a> {
    /// A method or accessor.
    Method {
        /// `static`
        is_static: bool,
        /// Method, getter or setter.
        kind: MethodKind,
        /// Its key.
        key: PropKey<'a>,
        /// Its function.
        value: &'a Function<'a>,
    },
    /// A field `x = 1;`
    Field {
        /// `static`
        is_static: bool,
        /// Its key.
        key: PropKey<'a>,
        /// The initializer, a function-like scope of its own.
        value: Option<&'a Function<'a>>,
        /// Where it is written.
        span: Span,
    },
    /// `static { ... }`: a function-like scope of its own.
    StaticBlock(&'a Function<'a>),
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum UnaryOp { Minus, Plus, Not, BitNot, Typeof, Void, Delete }

/// A unary operation.
#[derive(Clone, Copy, Debug)]
pub struct Unary<'a> {
    /// The operator.
    pub op: UnaryOp,
    /// The operand.
    pub arg: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// `++` or `--`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum UpdateOp { Increment, Decrement }

/// An update expression.
#[derive(Clone, Copy, Debug)]
pub struct Update<'a> {
    /// The operator.
    pub op: UpdateOp,
    /// `++a` rather than `a++`.
    pub prefix: bool,
    /// The target: an identifier or member expression.
    pub target: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// Binary operators (not the logical ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinaryOp {
    Add, Sub, Mul, Div, Rem, Exp,
    Shl, Shr, UShr, BitAnd, BitOr, BitXor,
    Eq, NotEq, StrictEq, StrictNotEq, Lt, LtEq, Gt, GtEq,
    In, Instanceof,
}

/// A binary operation.
#[derive(Clone, Copy, Debug)]
pub struct Binary<'a> {
    /// The operator.
    pub op: BinaryOp,
    /// Left operand.
    pub left: Expr<'a>,
    /// Right operand.
    pub right: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// Short-circuiting operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum LogicalOp { And, Or, Coalesce }

/// A short-circuiting operation.
#[derive(Clone, Copy, Debug)]
pub struct Logical<'a> {
    /// The operator.
    pub op: LogicalOp,
    /// Left operand.
    pub left: Expr<'a>,
    /// Right operand.
    pub right: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// `#name in object`
#[derive(Clone, Copy, Debug)]
pub struct PrivateIn<'a> {
    /// The private name.
    pub name: Name<'a>,
    /// The object.
    pub object: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// Assignment operators: `=` and the compound ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `op=` for an arithmetic or bitwise operator.
    Binary(BinaryOp),
    /// `&&=`, `||=`, `??=`
    Logical(LogicalOp),
}

/// An assignment.
#[derive(Clone, Copy, Debug)]
pub struct Assign<'a> {
    /// The operator.
    pub op: AssignOp,
    /// The target: a pattern for `=`, an identifier or member otherwise.
    pub target: Pattern<'a>,
    /// The assigned value.
    pub value: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// `test ? then : otherwise`
#[derive(Clone, Copy, Debug)]
pub struct Conditional<'a> {
    /// The condition.
    pub test: Expr<'a>,
    /// Value when truthy.
    pub then: Expr<'a>,
    /// Value when falsy.
    pub otherwise: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

/// A call.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The callee.
    pub callee: Expr<'a>,
    /// The arguments (never `Hole`).
    pub args: &'a [ArrayElement<'a>],
    /// `f?.()`
    pub optional: bool,
    /// Where it is written.
    pub span: Span,
}

/// `super(args)`
#[derive(Clone, Copy, Debug)]
pub struct SuperCall<'a> {
    /// The arguments.
    pub args: &'a [ArrayElement<'a>],
    /// Where it is written.
    pub span: Span,
}

/// `new callee(args)`
#[derive(Clone, Copy, Debug)]
pub struct New<'a> {
    /// The constructor.
    pub callee: Expr<'a>,
    /// The arguments (empty also for `new F`).
    pub args: &'a [ArrayElement<'a>],
    /// Where it is written.
    pub span: Span,
}

/// The property part of a member access.
#[derive(Clone, Copy, Debug)]
pub enum MemberProp<'a> {
    /// `.name`
    Name(Name<'a>),
    /// `[expr]`
    Computed(Expr<'a>),
    /// `.#name`
    Private(Name<'a>),
}

/// `object.property`
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    /// The object.
    pub object: Expr<'a>,
    /// The property.
    pub property: MemberProp<'a>,
    /// `o?.p`
    pub optional: bool,
    /// Where it is written.
    pub span: Span,
}

/// `super.p` or `super[p]`
#[derive(Clone, Copy, Debug)]
pub struct SuperMember<'a> {
    /// The property (never private).
    pub property: MemberProp<'a>,
    /// Where it is written.
    pub span: Span,
}

/// `yield` or `yield*`
#[derive(Clone, Copy, Debug)]
pub struct Yield<'a> {
    /// The operand.
    pub arg: Option<Expr<'a>>,
    /// `yield*`
    pub delegate: bool,
    /// Where it is written.
    pub span: Span,
}

/// `import(specifier, options)`
#[derive(Clone, Copy, Debug)]
pub struct ImportCall<'a> {
    /// The module specifier.
    pub specifier: Expr<'a>,
    /// The options (import attributes).
    pub options: Option<Expr<'a>>,
    /// Where it is written.
    pub span: Span,
}

/// A binding or assignment pattern.
#[derive(Clone, Copy, Debug)]
pub enum Pattern<'a> {
    /// A name.
    Ident(Ident<'a>),
    /// A member expression (assignment patterns only).
    Expr(Expr<'a>),
    /// `[a, , b = 1, ...c]`
    Array(&'a ArrayPattern<'a>),
    /// `{a, b: c, ...d}`
    Object(&'a ObjectPattern<'a>),
    /// `target = default`
    Assign(&'a AssignPattern<'a>),
}

/// An array pattern.
#[derive(Clone, Copy, Debug)]
pub struct ArrayPattern<'a> {
    /// The elements; `None` is an elision.
    pub elements: &'a [Option<Pattern<'a>>],
    /// `...rest`
    pub rest: Option<Pattern<'a>>,
    /// Where it is written.
    pub span: Span,
}

/// One property of an object pattern.
#[derive(Clone, Copy, Debug)]
pub struct PatternProp<'a> {
    /// The key (for shorthand `{a}` the key is `a`).
    pub key: PropKey<'a>,
    /// The target (for shorthand, the identifier, with any default).
    pub value: Pattern<'a>,
    /// Written as shorthand `{a}` or `{a = 1}`.
    pub shorthand: bool,
}

/// An object pattern.
#[derive(Clone, Copy, Debug)]
pub struct ObjectPattern<'a> {
    /// The properties.
    pub props: &'a [PatternProp<'a>],
    /// `...rest`
    pub rest: Option<Pattern<'a>>,
    /// Where it is written.
    pub span: Span,
}

/// `target = default` inside a pattern.
#[derive(Clone, Copy, Debug)]
pub struct AssignPattern<'a> {
    /// The target.
    pub target: Pattern<'a>,
    /// The default value.
    pub default: Expr<'a>,
    /// Where it is written.
    pub span: Span,
}

impl<'a> Expr<'a> {
    /// The source span of this expression.
    pub fn span(&self) -> Span {
        match *self {
            Expr::This(s) | Expr::Null(s) | Expr::Bool(_, s) | Expr::Number(_, s)
            | Expr::BigInt(_, s) | Expr::String(_, s) | Expr::OptionalChain(_, s)
            | Expr::Sequence(_, s) | Expr::Paren(_, s) | Expr::Await(_, s)
            | Expr::NewTarget(s) | Expr::ImportMeta(s) => s,
            Expr::Ident(i) => i.span,
            Expr::RegExp(r) => r.span,
            Expr::Template(t) => t.span,
            Expr::TaggedTemplate(t) => t.span,
            Expr::Array(a) => a.span,
            Expr::Object(o) => o.span,
            Expr::Function(f) | Expr::Arrow(f) => f.span,
            Expr::Class(c) => c.span,
            Expr::Unary(u) => u.span,
            Expr::Update(u) => u.span,
            Expr::Binary(b) => b.span,
            Expr::Logical(l) => l.span,
            Expr::PrivateIn(p) => p.span,
            Expr::Assign(a) => a.span,
            Expr::Conditional(c) => c.span,
            Expr::Call(c) => c.span,
            Expr::SuperCall(c) => c.span,
            Expr::New(n) => n.span,
            Expr::Member(m) => m.span,
            Expr::SuperMember(m) => m.span,
            Expr::Yield(y) => y.span,
            Expr::ImportCall(i) => i.span,
        }
    }
}

impl<'a> Pattern<'a> {
    /// The source span of this pattern.
    pub fn span(&self) -> Span {
        match *self {
            Pattern::Ident(i) => i.span,
            Pattern::Expr(e) => e.span(),
            Pattern::Array(a) => a.span,
            Pattern::Object(o) => o.span,
            Pattern::Assign(a) => a.span,
        }
    }
}

impl<'a> PropKey<'a> {
    /// The source span of this key.
    pub fn span(&self) -> Span {
        match *self {
            PropKey::Ident(n) | PropKey::Private(n) => n.span,
            PropKey::String(_, s) | PropKey::Number(_, s) | PropKey::BigInt(_, s)
            | PropKey::Computed(_, s) => s,
        }
    }
}
