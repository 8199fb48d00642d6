//! Printing expressions: precedence and parentheses, member chains,
//! calls, operators, literals, templates, arrays and object literals.
//!
//! Invariants: an expression is parenthesized exactly when its precedence
//! is below what its position allows, when it would begin where its first
//! token is forbidden (an object literal at a statement start, a function
//! after `export default`, ...), or when it is an `in` expression inside a
//! `for` initializer; an `Expr::Paren` always prints its parentheses, so
//! the printed text re-parses to the same tree (plus the parentheses the
//! printer had to add).

use super::literal;
use super::printer::{Prec, Printer, RED_ZONE, STACK_SEGMENT};
use crate::ast::*;

impl<'p, 'a> Printer<'p, 'a> {
    /// Prints `e` in a position that allows precedence `min` or higher.
    pub(super) fn expr(&mut self, e: &Expr<'a>, min: Prec) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            let wrap = self.prec(e) < min || self.starts_badly(e) || (self.no_in && is_in(e));
            if wrap {
                self.parens(|p| p.expr_bare(e));
            } else {
                self.expr_bare(e);
            }
        });
    }

    /// The precedence of `e` as printed.
    fn prec(&self, e: &Expr<'a>) -> Prec {
        match e {
            Expr::Sequence(..) => Prec::Comma,
            Expr::Assign(_) | Expr::Arrow(_) | Expr::Yield(_) => Prec::Assign,
            Expr::Conditional(_) => Prec::Conditional,
            Expr::Logical(l) => match l.op {
                LogicalOp::Coalesce => Prec::Coalesce,
                LogicalOp::Or => Prec::Or,
                LogicalOp::And => Prec::And,
            },
            Expr::Binary(b) => binary_prec(b.op),
            Expr::PrivateIn(_) => Prec::Relational,
            Expr::Unary(_) => Prec::Unary,
            Expr::Await(..) if self.await_is_yield() => Prec::Assign,
            Expr::Await(..) => Prec::Unary,
            Expr::Update(_) => Prec::Update,
            Expr::Call(_) | Expr::SuperCall(_) | Expr::ImportCall(_) | Expr::OptionalChain(..) => Prec::Call,
            Expr::Member(_) | Expr::SuperMember(_) | Expr::TaggedTemplate(_) | Expr::New(_) => Prec::Member,
            _ => Prec::Primary,
        }
    }

    /// `e` would begin at a position where its first token is not allowed.
    fn starts_badly(&self, e: &Expr<'a>) -> bool {
        let m = self.marks;
        match e {
            Expr::Object(_) => self.at(m.stmt) || self.at(m.arrow),
            Expr::Assign(a) if matches!(a.target, Pattern::Object(_)) => self.at(m.stmt) || self.at(m.arrow),
            Expr::Function(_) | Expr::Class(_) => self.at(m.stmt) || self.at(m.default),
            Expr::Ident(id) if id.name == "let" => self.at(m.stmt) || self.at(m.for_init) || self.at(m.for_of),
            _ => false,
        }
    }

    /// Prints `e` without any parentheses of its own.
    fn expr_bare(&mut self, e: &Expr<'a>) {
        match *e {
            Expr::This(_) => self.this_expr(),
            Expr::Ident(id) => self.ident_ref(id),
            Expr::Null(_) => self.token("null"),
            Expr::Bool(b, _) => self.token(if b { "true" } else { "false" }),
            Expr::Number(v, _) => self.token(&literal::number(v)),
            Expr::BigInt(digits, _) => self.token(&format!("{digits}n")),
            Expr::String(s, _) => self.token(&literal::string(s)),
            Expr::RegExp(r) => self.token(&format!("/{}/{}", r.pattern, r.flags)),
            Expr::Template(t) => self.template(t),
            Expr::TaggedTemplate(t) => {
                self.chain_part(&t.tag, Prec::Call);
                self.template(t.quasi);
            }
            Expr::Array(a) => self.array(a.elements),
            Expr::Object(o) => self.object(o),
            Expr::Function(f) => self.function_expr(f),
            Expr::Arrow(f) => self.arrow(f),
            Expr::Class(c) => self.class(c),
            Expr::Unary(u) => self.unary(u),
            Expr::Update(u) => self.update(u),
            Expr::Binary(b) => self.binary(b),
            Expr::Logical(l) => self.logical(l),
            Expr::PrivateIn(p) => {
                self.token(&format!("#{}", p.name.name));
                self.operator("in");
                self.expr(&p.object, Prec::Shift);
            }
            Expr::Assign(a) => self.assign(a),
            Expr::Conditional(c) => self.conditional(c),
            _ => self.expr_rest(e),
        }
    }

    /// The rest of [`Printer::expr_bare`]: calls, members and keywords.
    fn expr_rest(&mut self, e: &Expr<'a>) {
        match *e {
            Expr::Call(c) => {
                self.chain_part(&c.callee, Prec::Call);
                if c.optional {
                    self.token("?.");
                }
                self.args(c.args);
            }
            Expr::SuperCall(c) => self.super_call(c),
            Expr::New(n) => self.new_expr(n),
            Expr::Member(m) => self.member(m),
            Expr::SuperMember(m) => {
                self.note_super_property();
                self.token("super");
                self.member_prop(&m.property, false);
            }
            Expr::OptionalChain(inner, _) => self.expr(inner, Prec::Call),
            Expr::Sequence(items, _) => self.list(items, |p, e| p.expr(e, Prec::Assign)),
            Expr::Paren(inner, _) => self.parens(|p| p.expr(inner, Prec::Comma)),
            Expr::Yield(y) => {
                self.token(if y.delegate { "yield*" } else { "yield" });
                if let Some(arg) = &y.arg {
                    self.space();
                    self.expr(arg, Prec::Assign);
                }
            }
            Expr::Await(arg, _) => self.await_expr(arg),
            Expr::NewTarget(_) => self.new_target(),
            Expr::ImportMeta(_) => self.token("import.meta"),
            Expr::ImportCall(i) => {
                self.token("import");
                self.parens(|p| {
                    p.expr(&i.specifier, Prec::Assign);
                    if let Some(options) = &i.options {
                        p.token(",");
                        p.space();
                        p.expr(options, Prec::Assign);
                    }
                });
            }
            _ => {}
        }
    }

    /// Prints `items` separated by `, `.
    pub(super) fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.token(",");
                self.space();
            }
            each(self, item);
        }
    }

    /// A binary operator with a space on each side.
    pub(super) fn operator(&mut self, op: &str) {
        self.space();
        self.token(op);
        self.space();
    }

    /// The callee of a call, the tag of a template or the object of a
    /// member: an optional chain must be parenthesized to end there.
    fn chain_part(&mut self, e: &Expr<'a>, min: Prec) {
        if matches!(e, Expr::OptionalChain(..)) {
            self.parens(|p| p.expr(e, Prec::Comma));
        } else {
            self.expr(e, min);
        }
    }

    fn member(&mut self, m: &Member<'a>) {
        match m.object {
            Expr::Number(v, _) if literal::is_plain_integer(&literal::number(v)) => {
                self.parens(|p| p.expr(&m.object, Prec::Comma));
            }
            _ => self.chain_part(&m.object, Prec::Call),
        }
        self.member_prop(&m.property, m.optional);
    }

    /// `.name`, `[expr]` or `.#name`, with `?.` when optional.
    pub(super) fn member_prop(&mut self, prop: &MemberProp<'a>, optional: bool) {
        if optional {
            self.token("?.");
        }
        match prop {
            MemberProp::Name(n) => {
                if !optional {
                    self.token(".");
                }
                self.token(n.name);
            }
            MemberProp::Computed(e) => {
                self.token("[");
                self.delimited(|p| p.expr(e, Prec::Comma));
                self.token("]");
            }
            MemberProp::Private(n) => {
                if !optional {
                    self.token(".");
                }
                self.token(&format!("#{}", n.name));
            }
        }
    }

    fn new_expr(&mut self, n: &New<'a>) {
        self.token("new");
        self.space();
        if self.has_call_in_chain(&n.callee) || self.prec(&n.callee) < Prec::Member {
            self.parens(|p| p.expr(&n.callee, Prec::Comma));
        } else {
            self.expr(&n.callee, Prec::Member);
        }
        self.args(n.args);
    }

    /// The member chain of `e` contains a call, which would end a `new`
    /// callee early (`new (f().g)()`).
    fn has_call_in_chain(&self, mut e: &Expr<'a>) -> bool {
        loop {
            match e {
                Expr::Member(m) => e = &m.object,
                Expr::TaggedTemplate(t) => e = &t.tag,
                Expr::Call(_) | Expr::SuperCall(_) | Expr::ImportCall(_) | Expr::OptionalChain(..) => return true,
                _ => return self.rewritten_as_call(e),
            }
        }
    }

    /// `(a, ...b)`
    pub(super) fn args(&mut self, args: &[ArrayElement<'a>]) {
        self.parens(|p| p.list(args, |p, a| p.element(a)));
    }

    /// An element of an array literal or argument list.
    fn element(&mut self, element: &ArrayElement<'a>) {
        match element {
            ArrayElement::Hole(_) => {}
            ArrayElement::Expr(e) => self.expr(e, Prec::Assign),
            ArrayElement::Spread(e, _) => {
                self.token("...");
                self.expr(e, Prec::Assign);
            }
        }
    }

    fn array(&mut self, elements: &[ArrayElement<'a>]) {
        self.token("[");
        self.delimited(|p| p.list(elements, |p, e| p.element(e)));
        if matches!(elements.last(), Some(ArrayElement::Hole(_))) {
            self.token(",");
        }
        self.token("]");
    }

    fn template(&mut self, t: &Template<'a>) {
        self.token("`");
        for (i, quasi) in t.quasis.iter().enumerate() {
            self.template_text(quasi.raw);
            if let Some(e) = t.exprs.get(i) {
                self.out.push_str("${");
                self.delimited(|p| p.expr(e, Prec::Comma));
                self.out.push('}');
            }
        }
        self.out.push('`');
    }

    fn unary(&mut self, u: &Unary<'a>) {
        let (op, word) = match u.op {
            UnaryOp::Minus => ("-", false),
            UnaryOp::Plus => ("+", false),
            UnaryOp::Not => ("!", false),
            UnaryOp::BitNot => ("~", false),
            UnaryOp::Typeof => ("typeof", true),
            UnaryOp::Void => ("void", true),
            UnaryOp::Delete => ("delete", true),
        };
        self.token(op);
        if word {
            self.space();
        }
        self.expr(&u.arg, Prec::Unary);
    }

    fn update(&mut self, u: &Update<'a>) {
        let op = if u.op == UpdateOp::Increment { "++" } else { "--" };
        if u.prefix {
            self.token(op);
            self.expr(&u.target, Prec::Unary);
        } else {
            self.expr(&u.target, Prec::Call);
            self.token(op);
        }
    }

    fn binary(&mut self, b: &Binary<'a>) {
        let prec = binary_prec(b.op);
        let (left, right) = if b.op == BinaryOp::Exp { (Prec::Update, Prec::Exponent) } else { (prec, prec.above()) };
        self.expr(&b.left, left);
        self.operator(binary_op(b.op));
        self.expr(&b.right, right);
    }

    fn logical(&mut self, l: &Logical<'a>) {
        let (left, right, op) = match l.op {
            LogicalOp::Coalesce => {
                let left = if matches!(l.left, Expr::Logical(x) if x.op == LogicalOp::Coalesce) { Prec::Coalesce } else { Prec::BitOr };
                (left, Prec::BitOr, "??")
            }
            LogicalOp::Or => (Prec::Or, Prec::And, "||"),
            LogicalOp::And => (Prec::And, Prec::BitOr, "&&"),
        };
        self.expr(&l.left, left);
        self.operator(op);
        self.expr(&l.right, right);
    }

    fn assign(&mut self, a: &Assign<'a>) {
        self.pattern(&a.target);
        let op = match a.op {
            AssignOp::Assign => "=".to_string(),
            AssignOp::Binary(op) => format!("{}=", binary_op(op)),
            AssignOp::Logical(LogicalOp::And) => "&&=".to_string(),
            AssignOp::Logical(LogicalOp::Or) => "||=".to_string(),
            AssignOp::Logical(LogicalOp::Coalesce) => "??=".to_string(),
        };
        self.operator(&op);
        self.expr(&a.value, Prec::Assign);
    }

    fn conditional(&mut self, c: &Conditional<'a>) {
        self.expr(&c.test, Prec::Coalesce);
        self.operator("?");
        self.delimited(|p| p.expr(&c.then, Prec::Assign));
        self.operator(":");
        self.expr(&c.otherwise, Prec::Assign);
    }

    /// A property key of an object literal, class or object pattern.
    pub(super) fn prop_key(&mut self, key: &PropKey<'a>) {
        match key {
            PropKey::Ident(n) => self.token(n.name),
            PropKey::String(s, _) => self.token(&literal::string(s)),
            PropKey::Number(v, _) => self.token(&literal::number(*v)),
            PropKey::BigInt(digits, _) => self.token(&format!("{digits}n")),
            PropKey::Computed(e, _) => {
                self.token("[");
                self.delimited(|p| p.expr(e, Prec::Assign));
                self.token("]");
            }
            PropKey::Private(n) => self.token(&format!("#{}", n.name)),
        }
    }

    fn object(&mut self, o: &ObjectLit<'a>) {
        if o.props.is_empty() {
            self.token("{}");
            return;
        }
        let multiline = o.props.iter().any(is_multiline_prop);
        self.token("{");
        self.delimited(|p| {
            p.indent += 1;
            for (i, prop) in o.props.iter().enumerate() {
                if multiline {
                    p.newline();
                } else {
                    p.space();
                }
                p.property(prop);
                if i + 1 < o.props.len() {
                    p.token(",");
                }
            }
            p.indent -= 1;
        });
        if multiline {
            self.newline();
        } else {
            self.space();
        }
        self.token("}");
    }

    fn property(&mut self, prop: &Property<'a>) {
        match prop {
            Property::KeyValue(key, value) => {
                self.prop_key(key);
                self.token(":");
                self.space();
                self.expr(value, Prec::Assign);
            }
            Property::Shorthand(id) => self.shorthand(*id),
            Property::Method(kind, key, f) => self.method(false, *kind, key, f),
            Property::Spread(e, _) => {
                self.token("...");
                self.expr(e, Prec::Assign);
            }
        }
    }
}

/// A property that prints over several lines (a method or a function).
fn is_multiline_prop(prop: &Property<'_>) -> bool {
    match prop {
        Property::Method(..) => true,
        Property::KeyValue(_, value) => match value {
            Expr::Function(_) | Expr::Class(_) => true,
            Expr::Arrow(f) => !f.flags.is_expression_body,
            _ => false,
        },
        _ => false,
    }
}

/// An `in` expression, which a `for` initializer must parenthesize.
fn is_in(e: &Expr<'_>) -> bool {
    matches!(e, Expr::PrivateIn(_)) || matches!(e, Expr::Binary(b) if b.op == BinaryOp::In)
}

/// The precedence of a binary operator.
fn binary_prec(op: BinaryOp) -> Prec {
    use BinaryOp::*;
    match op {
        Add | Sub => Prec::Additive,
        Mul | Div | Rem => Prec::Multiplicative,
        Exp => Prec::Exponent,
        Shl | Shr | UShr => Prec::Shift,
        BitAnd => Prec::BitAnd,
        BitOr => Prec::BitOr,
        BitXor => Prec::BitXor,
        Eq | NotEq | StrictEq | StrictNotEq => Prec::Equality,
        Lt | LtEq | Gt | GtEq | In | Instanceof => Prec::Relational,
    }
}

/// The source text of a binary operator.
fn binary_op(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        Rem => "%",
        Exp => "**",
        Shl => "<<",
        Shr => ">>",
        UShr => ">>>",
        BitAnd => "&",
        BitOr => "|",
        BitXor => "^",
        Eq => "==",
        NotEq => "!=",
        StrictEq => "===",
        StrictNotEq => "!==",
        Lt => "<",
        LtEq => "<=",
        Gt => ">",
        GtEq => ">=",
        In => "in",
        Instanceof => "instanceof",
    }
}

impl Prec {
    /// The next higher precedence (for the right operand of a
    /// left-associative operator).
    pub(super) fn above(self) -> Prec {
        use Prec::*;
        match self {
            Comma => Assign,
            Assign => Conditional,
            Conditional => Coalesce,
            Coalesce => Or,
            Or => And,
            And => BitOr,
            BitOr => BitXor,
            BitXor => BitAnd,
            BitAnd => Equality,
            Equality => Relational,
            Relational => Shift,
            Shift => Additive,
            Additive => Multiplicative,
            Multiplicative => Exponent,
            Exponent => Unary,
            Unary => Update,
            Update => Call,
            Call => Member,
            Member | Primary => Primary,
        }
    }
}
