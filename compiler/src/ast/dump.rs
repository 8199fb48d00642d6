//! The AST dumper behind `spindle parse FILE`: an ESTree-shaped JSON tree
//! ([`to_json`], for `--json`) and a readable indented tree, one node per
//! line ([`to_text`]).
//!
//! One walk over the AST builds a small ordered intermediate tree of
//! `Node`s (ESTree type, span, start position, scalar attributes, children
//! by field); the JSON and the text are both rendered from it, so the mapping
//! from Spindle's AST to ESTree lives in one place.
//!
//! Where Spindle's AST differs from ESTree the dumper translates: the class
//! constructor goes back into the class body in source order, field
//! initializers and static blocks (synthetic functions in the AST) become
//! `PropertyDefinition.value` and `StaticBlock.body`, a concise arrow body
//! (one synthetic `return`) is printed as the expression, `super(...)` and
//! `super.p` get a `Super` node, `#x in o` is a `BinaryExpression`.
//! Spans the AST does not keep (function and class bodies, module specifier
//! strings, `...` of rest elements) are recovered from the source text.
//!
//! Positions: `start`/`end` are byte offsets; `loc` is the 1-based line and
//! 1-based UTF-16 column of the start, as Spindle reports positions
//! everywhere (ESTree tools count columns from 0).
//!
//! Every recursion (the walk, the JSON conversion, the text rendering and
//! dropping the intermediate tree) is safe on trees as deep as the parser
//! accepts.

use super::*;
use crate::span::{LineIndex, Span};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

/// Stack left before [`stacker`] switches to a new segment.
const RED_ZONE: usize = 64 * 1024;
/// Size of each new stack segment.
const STACK_SEGMENT: usize = 1024 * 1024;

/// Longest attribute text shown on one line of [`to_text`].
const MAX_TEXT: usize = 60;

/// The ESTree JSON of `program`, parsed from `source`.
///
/// Every node has `type`, `start`, `end` (byte offsets) and `loc` (`line`
/// and `column` of the start, both 1-based, columns in UTF-16 units).
/// Numbers that are integers print without a fraction; non-finite numbers
/// are `null`, as are the values of BigInt and RegExp literals (see their
/// `bigint` and `regex` fields).
pub fn to_json(program: &Program<'_>, source: &str) -> Value {
    Walker::new(source).program(program).into_json()
}

/// A readable indented tree of `program`, one node per line: the ESTree
/// type, its operator, name, kind or source text, the flags that are set,
/// and the `line:column` of its start.
pub fn to_text(program: &Program<'_>, source: &str) -> String {
    let mut out = String::new();
    Walker::new(source)
        .program(program)
        .write_text(None, 0, &mut out);
    out
}

// ----- the intermediate tree -----

/// One ESTree node, its fields in order.
struct Node {
    ty: &'static str,
    span: Span,
    /// Line and column of `span.start`.
    loc: (u32, u32),
    attrs: Vec<Attr>,
    children: Vec<(&'static str, Child)>,
}

/// A scalar field: its JSON value and what [`to_text`] shows of it.
struct Attr {
    key: &'static str,
    value: Value,
    text: Option<String>,
}

/// A field that holds nodes.
enum Child {
    /// A node or `null`.
    One(Option<Node>),
    /// A list; `None` is a hole (`null` in JSON).
    Many(Vec<Option<Node>>),
}

impl Node {
    /// A JSON field, shown in the text as `text`.
    fn attr(mut self, key: &'static str, value: Value, text: Option<String>) -> Node {
        self.attrs.push(Attr { key, value, text });
        self
    }

    /// A string field, shown in the text.
    fn str(self, key: &'static str, s: impl Into<String>) -> Node {
        let s = s.into();
        self.attr(key, Value::String(s.clone()), Some(s))
    }

    /// A boolean field, shown in the text by its name when true.
    fn flag(self, key: &'static str, b: bool) -> Node {
        self.attr(key, Value::Bool(b), b.then(|| key.to_string()))
    }

    /// A JSON field not shown in the text.
    fn json(self, key: &'static str, value: Value) -> Node {
        self.attr(key, value, None)
    }

    /// Text shown on the node's line, not in the JSON.
    fn note(mut self, text: impl Into<String>) -> Node {
        self.attrs.push(Attr {
            key: "",
            value: Value::Null,
            text: Some(text.into()),
        });
        self
    }

    fn child(self, key: &'static str, node: Node) -> Node {
        self.opt(key, Some(node))
    }

    fn opt(mut self, key: &'static str, node: Option<Node>) -> Node {
        self.children.push((key, Child::One(node)));
        self
    }

    fn list(self, key: &'static str, nodes: Vec<Node>) -> Node {
        self.holes(key, nodes.into_iter().map(Some).collect())
    }

    fn holes(mut self, key: &'static str, nodes: Vec<Option<Node>>) -> Node {
        self.children.push((key, Child::Many(nodes)));
        self
    }

    /// The node as ESTree JSON (consumes the fields, leaving an empty shell).
    fn into_json(mut self) -> Value {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            let mut map = Map::new();
            map.insert("type".into(), self.ty.into());
            map.insert("start".into(), self.span.start.into());
            map.insert("end".into(), self.span.end.into());
            map.insert(
                "loc".into(),
                json!({ "line": self.loc.0, "column": self.loc.1 }),
            );
            for attr in std::mem::take(&mut self.attrs) {
                if !attr.key.is_empty() {
                    map.insert(attr.key.into(), attr.value);
                }
            }
            for (key, child) in std::mem::take(&mut self.children) {
                let value = match child {
                    Child::One(node) => node.map_or(Value::Null, Node::into_json),
                    Child::Many(nodes) => Value::Array(
                        nodes
                            .into_iter()
                            .map(|n| n.map_or(Value::Null, Node::into_json))
                            .collect(),
                    ),
                };
                map.insert(key.into(), value);
            }
            Value::Object(map)
        })
    }

    /// Appends this node's line, prefixed by `label`, and its children's.
    fn write_text(&self, label: Option<&str>, depth: usize, out: &mut String) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            start_line(out, depth, label);
            out.push_str(self.ty);
            for text in self.attrs.iter().filter_map(|a| a.text.as_deref()) {
                out.push(' ');
                push_one_line(out, text);
            }
            let _ = writeln!(out, " {}:{}", self.loc.0, self.loc.1);
            for (key, child) in &self.children {
                let label = labelled(self.ty, key).then_some(*key);
                let (items, holes) = match child {
                    Child::One(node) => (std::slice::from_ref(node), false),
                    Child::Many(nodes) => (nodes.as_slice(), true),
                };
                for item in items {
                    match item {
                        Some(node) => node.write_text(label, depth + 1, out),
                        None if holes => {
                            start_line(out, depth + 1, label);
                            out.push_str("(hole)\n");
                        }
                        None => {}
                    }
                }
            }
        })
    }
}

/// The tree can be as deep as the parser allows: drop it iteratively
/// rather than by the default recursion.
impl Drop for Node {
    fn drop(&mut self) {
        let mut pending = Vec::new();
        take_children(self, &mut pending);
        while let Some(mut node) = pending.pop() {
            take_children(&mut node, &mut pending);
        }
    }
}

fn take_children(node: &mut Node, into: &mut Vec<Node>) {
    for (_, child) in node.children.drain(..) {
        match child {
            Child::One(n) => into.extend(n),
            Child::Many(ns) => into.extend(ns.into_iter().flatten()),
        }
    }
}

/// Whether the text labels the children in field `key` of a `ty` node:
/// where their order alone would not tell which field they are in.
fn labelled(ty: &str, key: &str) -> bool {
    matches!(key, "params" | "superClass") || ty == "ForStatement"
}

/// Deepest level indented with spaces in the text form.
const MAX_INDENT: usize = 64;

/// Indents a new line of the text and writes the field label, if any.
fn start_line(out: &mut String, depth: usize, label: Option<&str>) {
    // Past 64 levels the depth is written as a number, so a deep tree's text
    // grows linearly, not quadratically.
    if depth > MAX_INDENT {
        out.extend(std::iter::repeat_n("  ", MAX_INDENT));
        out.push_str(&format!("[{depth}] "));
    } else {
        out.extend(std::iter::repeat_n("  ", depth));
    }
    if let Some(label) = label {
        out.push_str(label);
        out.push_str(": ");
    }
}

/// Appends `text` with line breaks escaped, cut at [`MAX_TEXT`] characters.
fn push_one_line(out: &mut String, text: &str) {
    for (i, c) in text.chars().enumerate() {
        if i == MAX_TEXT {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

// ----- the walk -----

/// Builds the [`Node`] tree of a program.
struct Walker<'s> {
    source: &'s str,
    lines: LineIndex,
    /// The last position asked for: offset, line, column. Nodes come in
    /// source order, so most positions are found by counting from it.
    last: (u32, u32, u32),
}

impl<'s> Walker<'s> {
    fn new(source: &'s str) -> Walker<'s> {
        Walker {
            source,
            lines: LineIndex::new(source),
            last: (0, 1, 1),
        }
    }

    /// Line and column of `offset`.
    fn loc(&mut self, offset: u32) -> (u32, u32) {
        let (last, line, column) = self.last;
        let (from, to) = (last.min(offset) as usize, last.max(offset) as usize);
        let (line, column) = match self.source.get(from..to) {
            Some(gap) if !gap.contains(['\n', '\r', '\u{2028}', '\u{2029}']) => {
                let width = gap.encode_utf16().count() as u32;
                (
                    line,
                    if offset >= last {
                        column + width
                    } else {
                        column.saturating_sub(width)
                    },
                )
            }
            _ => self.lines.line_col(self.source, offset),
        };
        self.last = (offset, line, column);
        (line, column)
    }

    fn node(&mut self, ty: &'static str, span: Span) -> Node {
        Node {
            ty,
            span,
            loc: self.loc(span.start),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The source text of `span`.
    fn raw(&self, span: Span) -> &'s str {
        self.source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// The first byte at or after `from`, outside comments, that `pred`
    /// accepts.
    fn find(&self, from: u32, pred: impl Fn(u8) -> bool) -> Option<u32> {
        let bytes = self.source.as_bytes();
        let mut i = from as usize;
        while i < bytes.len() {
            match (bytes[i], bytes.get(i + 1)) {
                (b'/', Some(b'/')) => {
                    i += bytes[i..]
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .unwrap_or(bytes.len() - i);
                }
                (b'/', Some(b'*')) => {
                    i += self
                        .source
                        .get(i + 2..)
                        .and_then(|s| s.find("*/"))
                        .map_or(bytes.len() - i, |p| p + 4);
                }
                (b, _) if pred(b) => return u32::try_from(i).ok(),
                _ => i += 1,
            }
        }
        None
    }

    /// The span of `{ ... }` ending at `end`, opened by the first `{` after
    /// `from`.
    fn braces(&self, from: u32, end: u32) -> Span {
        Span::new(
            self.find(from, |b| b == b'{')
                .filter(|&s| s <= end)
                .unwrap_or(from),
            end,
        )
    }

    /// The span of the first string literal at or after `from`.
    fn string_after(&self, from: u32) -> Span {
        let Some(start) = self.find(from, |b| b == b'"' || b == b'\'') else {
            return Span::new(from, from);
        };
        let bytes = self.source.as_bytes();
        let quote = bytes[start as usize];
        let mut i = start as usize + 1;
        while i < bytes.len() && bytes[i] != quote {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        Span::new(
            start,
            u32::try_from(i + 1)
                .unwrap_or(start)
                .min(self.source.len() as u32),
        )
    }

    /// The span of a template element's text, without the `` ` ``, `}` or
    /// `${` around it that the AST's span includes.
    fn quasi_span(&self, span: Span) -> Span {
        let text = self.raw(span);
        if !text.starts_with(['`', '}']) {
            return span;
        }
        let close = if text.ends_with("${") {
            2
        } else {
            u32::from(text.ends_with('`'))
        };
        let start = span.start + 1;
        Span::new(start, span.end.saturating_sub(close).max(start))
    }

    /// The span of `...target` given the span of `target`.
    fn rest_span(&self, target: Span) -> Span {
        let before = self
            .source
            .get(..target.start as usize)
            .unwrap_or("")
            .trim_end();
        match before.strip_suffix("...") {
            Some(b) => Span::new(b.len() as u32, target.end),
            None => target,
        }
    }

    // ----- program and statements -----

    fn program(&mut self, program: &Program<'_>) -> Node {
        let source_type = match program.goal {
            Goal::Script => "script",
            Goal::Module => "module",
        };
        let node = self
            .node("Program", program.span)
            .json("sourceType", source_type.into());
        let body = self.statements(program.body, true);
        node.note(format!("({source_type})")).list("body", body)
    }

    /// A statement list; `prologue`: leading string statements are
    /// directives.
    fn statements(&mut self, body: &[Stmt<'_>], prologue: bool) -> Vec<Node> {
        let mut in_prologue = prologue;
        let mut nodes = Vec::with_capacity(body.len());
        for stmt in body {
            let mut node = self.stmt(stmt);
            in_prologue &= matches!(stmt, Stmt::Expr(Expr::String(..), _));
            if let (true, Stmt::Expr(Expr::String(_, s), _)) = (in_prologue, stmt) {
                let raw = self.raw(*s);
                let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
                node = node.json("directive", inner.into());
            }
            nodes.push(node);
        }
        nodes
    }

    fn stmt(&mut self, stmt: &Stmt<'_>) -> Node {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.stmt_inner(stmt))
    }

    fn stmt_inner(&mut self, stmt: &Stmt<'_>) -> Node {
        match *stmt {
            Stmt::Expr(e, s) => self
                .node("ExpressionStatement", s)
                .child("expression", self.expr(&e)),
            Stmt::Var(v) => self.var_decl(v),
            Stmt::Function(f) => self.function("FunctionDeclaration", f, None),
            Stmt::Class(c) => self.class("ClassDeclaration", c),
            Stmt::Block(b) => self.block(b),
            Stmt::Empty(s) => self.node("EmptyStatement", s),
            Stmt::Debugger(s) => self.node("DebuggerStatement", s),
            Stmt::If(i) => {
                let node = self
                    .node("IfStatement", i.span)
                    .child("test", self.expr(&i.test));
                node.child("consequent", self.stmt(&i.then))
                    .opt("alternate", i.otherwise.map(|s| self.stmt(&s)))
            }
            Stmt::For(f) => {
                let node = self.node("ForStatement", f.span);
                let init = f.init.map(|init| match init {
                    ForInit::Var(v) => self.var_decl(v),
                    ForInit::Expr(e) => self.expr(&e),
                });
                let node = node
                    .opt("init", init)
                    .opt("test", f.test.map(|e| self.expr(&e)));
                node.opt("update", f.update.map(|e| self.expr(&e)))
                    .child("body", self.stmt(&f.body))
            }
            Stmt::ForIn(f) => self.for_in_of("ForInStatement", f),
            Stmt::ForOf(f) => self
                .for_in_of("ForOfStatement", f)
                .flag("await", f.is_await),
            Stmt::While(w) => {
                let node = self
                    .node("WhileStatement", w.span)
                    .child("test", self.expr(&w.test));
                node.child("body", self.stmt(&w.body))
            }
            Stmt::DoWhile(w) => {
                let node = self
                    .node("DoWhileStatement", w.span)
                    .child("body", self.stmt(&w.body));
                node.child("test", self.expr(&w.test))
            }
            Stmt::Return(e, s) => self
                .node("ReturnStatement", s)
                .opt("argument", e.map(|e| self.expr(&e))),
            Stmt::Break(l, s) => self
                .node("BreakStatement", s)
                .opt("label", l.map(|l| self.name(l))),
            Stmt::Continue(l, s) => self
                .node("ContinueStatement", s)
                .opt("label", l.map(|l| self.name(l))),
            Stmt::Throw(e, s) => self
                .node("ThrowStatement", s)
                .child("argument", self.expr(&e)),
            Stmt::Try(t) => {
                let node = self
                    .node("TryStatement", t.span)
                    .child("block", self.block(t.block));
                let handler = t.handler.map(|c| {
                    let node = self
                        .node("CatchClause", c.span)
                        .opt("param", c.param.map(|p| self.pattern(&p)));
                    node.child("body", self.block(c.body))
                });
                node.opt("handler", handler)
                    .opt("finalizer", t.finalizer.map(|b| self.block(b)))
            }
            Stmt::Switch(s) => {
                let node = self
                    .node("SwitchStatement", s.span)
                    .child("discriminant", self.expr(&s.discriminant));
                let cases = s
                    .cases
                    .iter()
                    .map(|c| {
                        let node = self
                            .node("SwitchCase", c.span)
                            .opt("test", c.test.map(|e| self.expr(&e)));
                        node.list("consequent", self.statements(c.body, false))
                    })
                    .collect();
                node.list("cases", cases)
            }
            Stmt::Labeled(l) => {
                let node = self
                    .node("LabeledStatement", l.span)
                    .child("label", self.name(l.label));
                node.child("body", self.stmt(&l.body))
            }
            Stmt::With(w) => {
                let node = self
                    .node("WithStatement", w.span)
                    .child("object", self.expr(&w.object));
                node.child("body", self.stmt(&w.body))
            }
            Stmt::Import(i) => self.import(i),
            Stmt::Export(e) => self.export(e),
        }
    }

    fn block(&mut self, b: &Block<'_>) -> Node {
        let node = self.node("BlockStatement", b.span);
        node.list("body", self.statements(b.body, false))
    }

    fn var_decl(&mut self, v: &VarDecl<'_>) -> Node {
        let kind = match v.kind {
            VarKind::Var => "var",
            VarKind::Let => "let",
            VarKind::Const => "const",
        };
        let node = self.node("VariableDeclaration", v.span).str("kind", kind);
        let decls = v
            .decls
            .iter()
            .map(|d| {
                let target = d.target.span();
                let span = d.init.map_or(target, |e| target.to(e.span()));
                let node = self
                    .node("VariableDeclarator", span)
                    .child("id", self.pattern(&d.target));
                node.opt("init", d.init.map(|e| self.expr(&e)))
            })
            .collect();
        node.list("declarations", decls)
    }

    fn for_in_of(&mut self, ty: &'static str, f: &ForInOf<'_>) -> Node {
        let node = self.node(ty, f.span);
        let left = match f.left {
            ForHead::Var(v) => self.var_decl(v),
            ForHead::Pattern(p) => self.pattern(&p),
        };
        node.child("left", left)
            .child("right", self.expr(&f.right))
            .child("body", self.stmt(&f.body))
    }

    // ----- modules -----

    fn import(&mut self, i: &ImportDecl<'_>) -> Node {
        let node = self.node("ImportDeclaration", i.span);
        let mut after = i.span.start;
        let specifiers = i
            .specifiers
            .iter()
            .map(|spec| {
                let (node, end) = match *spec {
                    ImportSpec::Default(local) => (
                        self.node("ImportDefaultSpecifier", local.span)
                            .child("local", self.ident(local)),
                        local.span.end,
                    ),
                    ImportSpec::Namespace(local) => (
                        self.node("ImportNamespaceSpecifier", local.span)
                            .child("local", self.ident(local)),
                        local.span.end,
                    ),
                    ImportSpec::Named { imported, local } => {
                        let span = export_name_span(imported).to(local.span);
                        let node = self
                            .node("ImportSpecifier", span)
                            .child("imported", self.export_name(imported));
                        (node.child("local", self.ident(local)), span.end)
                    }
                };
                after = after.max(end);
                node
            })
            .collect();
        let node = node.list("specifiers", specifiers);
        let source = self.module_string(i.source, after);
        let attributes = self.attributes(i.attributes);
        node.child("source", source).list("attributes", attributes)
    }

    fn export(&mut self, e: &ExportDecl<'_>) -> Node {
        match *e {
            ExportDecl::Named {
                specifiers,
                source,
                attributes,
                span,
            } => {
                let node = self
                    .node("ExportNamedDeclaration", span)
                    .opt("declaration", None);
                let mut after = span.start;
                let specs = specifiers
                    .iter()
                    .map(|spec| {
                        let span = export_name_span(spec.local).to(export_name_span(spec.exported));
                        after = after.max(span.end);
                        let node = self
                            .node("ExportSpecifier", span)
                            .child("local", self.export_name(spec.local));
                        node.child("exported", self.export_name(spec.exported))
                    })
                    .collect();
                let node = node.list("specifiers", specs);
                let source = source.map(|s| self.module_string(s, after));
                node.opt("source", source)
                    .list("attributes", self.attributes(attributes))
            }
            ExportDecl::All {
                exported,
                source,
                attributes,
                span,
            } => {
                let node = self.node("ExportAllDeclaration", span);
                let after = exported.map_or(span.start, |e| export_name_span(e).end);
                let node = node.opt("exported", exported.map(|e| self.export_name(e)));
                let source = self.module_string(source, after);
                node.child("source", source)
                    .list("attributes", self.attributes(attributes))
            }
            ExportDecl::DefaultExpr(expr, _, span) => self
                .node("ExportDefaultDeclaration", span)
                .child("declaration", self.expr(&expr)),
            ExportDecl::DefaultDecl(stmt, span) => self
                .node("ExportDefaultDeclaration", span)
                .child("declaration", self.stmt(&stmt)),
            ExportDecl::Decl(stmt, span) => {
                let node = self
                    .node("ExportNamedDeclaration", span)
                    .child("declaration", self.stmt(&stmt));
                node.list("specifiers", Vec::new())
                    .opt("source", None)
                    .list("attributes", Vec::new())
            }
        }
    }

    /// A module specifier or attribute value: the first string after `after`.
    fn module_string(&mut self, value: JsStr<'_>, after: u32) -> Node {
        let span = self.string_after(after);
        self.string_literal(value, span)
    }

    fn attributes(&mut self, attributes: &[ImportAttribute<'_>]) -> Vec<Node> {
        attributes
            .iter()
            .map(|a| {
                let key_span = export_name_span(a.key);
                let value_span = self.string_after(key_span.end);
                let node = self
                    .node("ImportAttribute", key_span.to(value_span))
                    .child("key", self.export_name(a.key));
                node.child("value", self.string_literal(a.value, value_span))
            })
            .collect()
    }

    fn export_name(&mut self, name: ModuleExportName<'_>) -> Node {
        match name {
            ModuleExportName::Ident(n) => self.name(n),
            ModuleExportName::String(s, span) => self.string_literal(s, span),
        }
    }

    // ----- expressions -----

    fn expr(&mut self, e: &Expr<'_>) -> Node {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr<'_>) -> Node {
        match *e {
            Expr::This(s) => self.node("ThisExpression", s),
            Expr::Ident(id) => self.ident(id),
            Expr::Null(s) => self.literal(s, Value::Null),
            Expr::Bool(b, s) => self.literal(s, Value::Bool(b)),
            Expr::Number(n, s) => self.literal(s, number(n)),
            Expr::BigInt(digits, s) => self.literal(s, Value::Null).json("bigint", digits.into()),
            Expr::String(value, s) => self.string_literal(value, s),
            Expr::RegExp(r) => {
                let regex = json!({ "pattern": r.pattern, "flags": r.flags });
                self.literal(r.span, Value::Null).json("regex", regex)
            }
            Expr::Template(t) => self.template(t),
            Expr::TaggedTemplate(t) => {
                let node = self
                    .node("TaggedTemplateExpression", t.span)
                    .child("tag", self.expr(&t.tag));
                node.child("quasi", self.template(t.quasi))
            }
            Expr::Array(a) => {
                let node = self.node("ArrayExpression", a.span);
                let elements = a.elements.iter().map(|el| self.element(el)).collect();
                node.holes("elements", elements)
            }
            Expr::Object(o) => {
                let node = self.node("ObjectExpression", o.span);
                node.list(
                    "properties",
                    o.props.iter().map(|p| self.property(p)).collect(),
                )
            }
            Expr::Function(f) => self.function("FunctionExpression", f, None),
            Expr::Arrow(f) => self.function("ArrowFunctionExpression", f, None),
            Expr::Class(c) => self.class("ClassExpression", c),
            Expr::Unary(u) => {
                let node = self
                    .node("UnaryExpression", u.span)
                    .str("operator", unary_op(u.op));
                node.json("prefix", true.into())
                    .child("argument", self.expr(&u.arg))
            }
            Expr::Update(u) => {
                let op = if u.op == UpdateOp::Increment {
                    "++"
                } else {
                    "--"
                };
                let node = self
                    .node("UpdateExpression", u.span)
                    .str("operator", op)
                    .flag("prefix", u.prefix);
                node.child("argument", self.expr(&u.target))
            }
            Expr::Binary(b) => {
                let left = |w: &mut Self| w.expr(&b.left);
                self.operation("BinaryExpression", b.span, binary_op(b.op), left, &b.right)
            }
            Expr::Logical(l) => {
                let left = |w: &mut Self| w.expr(&l.left);
                self.operation(
                    "LogicalExpression",
                    l.span,
                    logical_op(l.op),
                    left,
                    &l.right,
                )
            }
            Expr::PrivateIn(p) => {
                let left = |w: &mut Self| w.private_name(p.name);
                self.operation("BinaryExpression", p.span, "in", left, &p.object)
            }
            Expr::Assign(a) => {
                let op = match a.op {
                    AssignOp::Assign => "=".to_string(),
                    AssignOp::Binary(op) => format!("{}=", binary_op(op)),
                    AssignOp::Logical(op) => format!("{}=", logical_op(op)),
                };
                let left = |w: &mut Self| w.pattern(&a.target);
                self.operation("AssignmentExpression", a.span, op, left, &a.value)
            }
            Expr::Conditional(c) => {
                let node = self
                    .node("ConditionalExpression", c.span)
                    .child("test", self.expr(&c.test));
                node.child("consequent", self.expr(&c.then))
                    .child("alternate", self.expr(&c.otherwise))
            }
            Expr::Call(c) => {
                let node = self
                    .node("CallExpression", c.span)
                    .child("callee", self.expr(&c.callee));
                node.list("arguments", self.arguments(c.args))
                    .flag("optional", c.optional)
            }
            Expr::SuperCall(c) => {
                let node = self
                    .node("CallExpression", c.span)
                    .child("callee", self.super_node(c.span));
                node.list("arguments", self.arguments(c.args))
                    .flag("optional", false)
            }
            Expr::New(n) => {
                let node = self
                    .node("NewExpression", n.span)
                    .child("callee", self.expr(&n.callee));
                node.list("arguments", self.arguments(n.args))
            }
            Expr::Member(m) => {
                let node = self
                    .node("MemberExpression", m.span)
                    .child("object", self.expr(&m.object));
                self.member_property(node, &m.property)
                    .flag("optional", m.optional)
            }
            Expr::SuperMember(m) => {
                let node = self
                    .node("MemberExpression", m.span)
                    .child("object", self.super_node(m.span));
                self.member_property(node, &m.property)
                    .flag("optional", false)
            }
            Expr::OptionalChain(e, s) => self
                .node("ChainExpression", s)
                .child("expression", self.expr(e)),
            Expr::Sequence(es, s) => {
                let node = self.node("SequenceExpression", s);
                node.list("expressions", es.iter().map(|e| self.expr(e)).collect())
            }
            Expr::Paren(e, s) => self
                .node("ParenthesizedExpression", s)
                .child("expression", self.expr(e)),
            Expr::Yield(y) => {
                let node = self
                    .node("YieldExpression", y.span)
                    .flag("delegate", y.delegate);
                node.opt("argument", y.arg.map(|e| self.expr(&e)))
            }
            Expr::Await(e, s) => self
                .node("AwaitExpression", s)
                .child("argument", self.expr(e)),
            Expr::NewTarget(s) => self.meta_property(s, "new", "target"),
            Expr::ImportMeta(s) => self.meta_property(s, "import", "meta"),
            Expr::ImportCall(i) => {
                let node = self
                    .node("ImportExpression", i.span)
                    .child("source", self.expr(&i.specifier));
                node.opt("options", i.options.map(|e| self.expr(&e)))
            }
        }
    }

    /// `left operator right`; `left` is made after the node, in source order.
    fn operation(
        &mut self,
        ty: &'static str,
        span: Span,
        operator: impl Into<String>,
        left: impl FnOnce(&mut Self) -> Node,
        right: &Expr<'_>,
    ) -> Node {
        let node = self.node(ty, span).str("operator", operator);
        let left = left(self);
        node.child("left", left).child("right", self.expr(right))
    }

    fn ident(&mut self, id: Ident<'_>) -> Node {
        self.node("Identifier", id.span).str("name", id.name)
    }

    fn name(&mut self, name: Name<'_>) -> Node {
        self.node("Identifier", name.span).str("name", name.name)
    }

    fn private_name(&mut self, name: Name<'_>) -> Node {
        self.node("PrivateIdentifier", name.span)
            .str("name", name.name)
    }

    /// A `Literal` with its source text as `raw`.
    fn literal(&mut self, span: Span, value: Value) -> Node {
        let raw = self.raw(span);
        self.node("Literal", span)
            .json("value", value)
            .json("raw", raw.into())
            .note(raw)
    }

    fn string_literal(&mut self, value: JsStr<'_>, span: Span) -> Node {
        self.literal(span, String::from_utf16_lossy(value).into())
    }

    /// `super` at the start of `span`.
    fn super_node(&mut self, span: Span) -> Node {
        self.node(
            "Super",
            Span::new(span.start, (span.start + 5).min(span.end)),
        )
    }

    fn meta_property(&mut self, span: Span, meta: &str, property: &str) -> Node {
        let meta_span = Span::new(span.start, span.start + meta.len() as u32);
        let property_span = Span::new(span.end.saturating_sub(property.len() as u32), span.end);
        let node = self.node("MetaProperty", span);
        let meta = self.node("Identifier", meta_span).str("name", meta);
        node.child("meta", meta).child(
            "property",
            self.node("Identifier", property_span).str("name", property),
        )
    }

    fn member_property(&mut self, node: Node, property: &MemberProp<'_>) -> Node {
        let (property, computed) = match *property {
            MemberProp::Name(n) => (self.name(n), false),
            MemberProp::Computed(e) => (self.expr(&e), true),
            MemberProp::Private(n) => (self.private_name(n), false),
        };
        node.child("property", property).flag("computed", computed)
    }

    fn template(&mut self, t: &Template<'_>) -> Node {
        let node = self.node("TemplateLiteral", t.span);
        // In source order, so that positions are found by counting forward.
        let mut quasis = Vec::with_capacity(t.quasis.len());
        let mut exprs = Vec::with_capacity(t.exprs.len());
        for (i, q) in t.quasis.iter().enumerate() {
            let cooked = q
                .cooked
                .map_or(Value::Null, |c| String::from_utf16_lossy(c).into());
            let quasi = self.node("TemplateElement", self.quasi_span(q.span));
            let quasi = quasi.json("value", json!({ "raw": q.raw, "cooked": cooked }));
            quasis.push(
                quasi
                    .note(format!("\"{}\"", q.raw))
                    .flag("tail", i + 1 == t.quasis.len()),
            );
            exprs.extend(t.exprs.get(i).map(|e| self.expr(e)));
        }
        node.list("quasis", quasis).list("expressions", exprs)
    }

    /// An array literal element or an argument; `None` for a hole.
    fn element(&mut self, el: &ArrayElement<'_>) -> Option<Node> {
        match *el {
            ArrayElement::Hole(_) => None,
            ArrayElement::Expr(e) => Some(self.expr(&e)),
            ArrayElement::Spread(e, s) => Some(
                self.node("SpreadElement", s)
                    .child("argument", self.expr(&e)),
            ),
        }
    }

    fn arguments(&mut self, args: &[ArrayElement<'_>]) -> Vec<Node> {
        args.iter().filter_map(|a| self.element(a)).collect()
    }

    /// A property key and whether it is computed.
    fn prop_key(&mut self, key: &PropKey<'_>) -> (Node, bool) {
        match *key {
            PropKey::Ident(n) => (self.name(n), false),
            PropKey::String(s, span) => (self.string_literal(s, span), false),
            PropKey::Number(n, span) => (self.literal(span, number(n)), false),
            PropKey::BigInt(digits, span) => (
                self.literal(span, Value::Null)
                    .json("bigint", digits.into()),
                false,
            ),
            PropKey::Computed(e, _) => (self.expr(&e), true),
            PropKey::Private(n) => (self.private_name(n), false),
        }
    }

    /// A `Property` of an object literal or pattern.
    fn property_node(
        &mut self,
        span: Span,
        kind: &str,
        key: &PropKey<'_>,
        method: bool,
        shorthand: bool,
    ) -> Node {
        let node = self.node("Property", span);
        let node = if kind == "init" {
            node.json("kind", kind.into())
        } else {
            node.str("kind", kind)
        };
        let (key, computed) = self.prop_key(key);
        node.child("key", key)
            .flag("computed", computed)
            .flag("method", method)
            .flag("shorthand", shorthand)
    }

    fn property(&mut self, p: &Property<'_>) -> Node {
        match *p {
            Property::KeyValue(key, value) => {
                let node =
                    self.property_node(key.span().to(value.span()), "init", &key, false, false);
                node.child("value", self.expr(&value))
            }
            Property::Shorthand(id) => {
                let node = self.property_node(
                    id.span,
                    "init",
                    &PropKey::Ident(Name {
                        name: id.name,
                        span: id.span,
                    }),
                    false,
                    true,
                );
                node.child("value", self.ident(id))
            }
            Property::Method(kind, key, f) => {
                let (kind, method) = match kind {
                    MethodKind::Get => ("get", false),
                    MethodKind::Set => ("set", false),
                    MethodKind::Method | MethodKind::Constructor => ("init", true),
                };
                let node = self.property_node(f.span, kind, &key, method, false);
                node.child(
                    "value",
                    self.function("FunctionExpression", f, Some(key.span().end)),
                )
            }
            Property::Spread(e, s) => self
                .node("SpreadElement", s)
                .child("argument", self.expr(&e)),
        }
    }

    // ----- functions and classes -----

    /// A function; `key_end`: where the key of a method ends (its value then
    /// starts at the `(` after it).
    fn function(&mut self, ty: &'static str, f: &Function<'_>, key_end: Option<u32>) -> Node {
        let start = key_end
            .and_then(|k| self.find(k, |b| b == b'('))
            .unwrap_or(f.span.start);
        let node = self
            .node(ty, Span::new(start, f.span.end))
            .opt("id", f.id.map(|id| self.ident(id)));
        let node = node
            .flag("async", f.flags.is_async)
            .flag("generator", f.flags.is_generator);
        let params = f.params.iter().map(|p| self.param(p)).collect();
        let node = node.list("params", params);
        match (f.flags.is_expression_body, f.body) {
            (true, [Stmt::Return(Some(e), _)]) => {
                node.child("body", self.expr(e)).flag("expression", true)
            }
            _ => {
                let from = f
                    .params
                    .last()
                    .map(|p| p.pattern.span().end)
                    .or(f.id.map(|id| id.span.end));
                let body_span = self.braces(from.unwrap_or(start), f.span.end);
                let body = self.node("BlockStatement", body_span);
                let body = body.list("body", self.statements(f.body, true));
                node.child("body", body).flag("expression", false)
            }
        }
    }

    fn param(&mut self, p: &Param<'_>) -> Node {
        if p.is_rest {
            self.rest(&p.pattern)
        } else {
            self.pattern(&p.pattern)
        }
    }

    fn class(&mut self, ty: &'static str, c: &Class<'_>) -> Node {
        let node = self
            .node(ty, c.span)
            .opt("id", c.id.map(|id| self.ident(id)));
        let node = node.opt("superClass", c.super_class.map(|e| self.expr(&e)));
        let from = c
            .super_class
            .map(|e| e.span().end)
            .or(c.id.map(|id| id.span.end));
        let body = self.node(
            "ClassBody",
            self.braces(from.unwrap_or(c.span.start), c.span.end),
        );
        // The constructor is kept apart in the AST: put it back in source order.
        let ctor = c.constructor.map(|f| {
            let at = c
                .members
                .iter()
                .position(|m| member_start(m) > f.span.start);
            (f, at.unwrap_or(c.members.len()))
        });
        let mut members = Vec::with_capacity(c.members.len() + 1);
        for i in 0..=c.members.len() {
            if let Some((f, _)) = ctor.filter(|&(_, at)| at == i) {
                members.push(
                    self.method_definition(f, "constructor", false, |w| w.constructor_key(f)),
                );
            }
            if let Some(member) = c.members.get(i) {
                members.push(self.class_member(member));
            }
        }
        node.child("body", body.list("body", members))
    }

    /// A `MethodDefinition`; `key` makes the key node and tells whether it
    /// is computed and where it ends.
    fn method_definition(
        &mut self,
        f: &Function<'_>,
        kind: &str,
        is_static: bool,
        key: impl FnOnce(&mut Self) -> (Node, bool, u32),
    ) -> Node {
        let node = self
            .node("MethodDefinition", f.span)
            .str("kind", kind)
            .flag("static", is_static);
        let (key, computed, key_end) = key(self);
        let node = node.child("key", key).flag("computed", computed);
        node.child(
            "value",
            self.function("FunctionExpression", f, Some(key_end)),
        )
    }

    /// A key node, whether it is computed, and where it ends.
    fn key_of(&mut self, key: &PropKey<'_>) -> (Node, bool, u32) {
        let (node, computed) = self.prop_key(key);
        (node, computed, key.span().end)
    }

    /// The constructor's key (`constructor` or a string) is not in the AST,
    /// but it is where the function starts, and it ends before the `(`.
    fn constructor_key(&mut self, f: &Function<'_>) -> (Node, bool, u32) {
        let paren = self
            .find(f.span.start, |b| b == b'(')
            .unwrap_or(f.span.start);
        let text = self
            .source
            .get(f.span.start as usize..paren as usize)
            .unwrap_or("")
            .trim_end();
        let span = Span::new(f.span.start, f.span.start + text.len() as u32);
        let key = if text.starts_with(['"', '\'']) {
            self.literal(span, "constructor".into())
        } else {
            self.node("Identifier", span).str("name", "constructor")
        };
        (key, false, span.end)
    }

    fn class_member(&mut self, member: &ClassMember<'_>) -> Node {
        match *member {
            ClassMember::Method {
                is_static,
                kind,
                key,
                value,
            } => {
                let kind = match kind {
                    MethodKind::Method => "method",
                    MethodKind::Get => "get",
                    MethodKind::Set => "set",
                    MethodKind::Constructor => "constructor",
                };
                self.method_definition(value, kind, is_static, |w| w.key_of(&key))
            }
            ClassMember::Field {
                is_static,
                key,
                value,
                span,
            } => {
                let node = self
                    .node("PropertyDefinition", span)
                    .flag("static", is_static);
                let (key, computed) = self.prop_key(&key);
                let init = value.and_then(initializer).map(|e| self.expr(e));
                node.child("key", key)
                    .flag("computed", computed)
                    .opt("value", init)
            }
            ClassMember::StaticBlock(f) => {
                let node = self.node("StaticBlock", f.span);
                node.list("body", self.statements(f.body, false))
            }
        }
    }

    // ----- patterns -----

    fn pattern(&mut self, p: &Pattern<'_>) -> Node {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &Pattern<'_>) -> Node {
        match *p {
            Pattern::Ident(id) => self.ident(id),
            Pattern::Expr(e) => self.expr(&e),
            Pattern::Array(a) => {
                let node = self.node("ArrayPattern", a.span);
                let mut elements: Vec<Option<Node>> = a
                    .elements
                    .iter()
                    .map(|el| el.map(|p| self.pattern(&p)))
                    .collect();
                elements.extend(a.rest.map(|r| Some(self.rest(&r))));
                node.holes("elements", elements)
            }
            Pattern::Object(o) => {
                let node = self.node("ObjectPattern", o.span);
                let mut props: Vec<Node> = o
                    .props
                    .iter()
                    .map(|p| {
                        let span = p.key.span().to(p.value.span());
                        let node = self.property_node(span, "init", &p.key, false, p.shorthand);
                        node.child("value", self.pattern(&p.value))
                    })
                    .collect();
                props.extend(o.rest.map(|r| self.rest(&r)));
                node.list("properties", props)
            }
            Pattern::Assign(a) => {
                let node = self
                    .node("AssignmentPattern", a.span)
                    .child("left", self.pattern(&a.target));
                node.child("right", self.expr(&a.default))
            }
        }
    }

    fn rest(&mut self, target: &Pattern<'_>) -> Node {
        let span = self.rest_span(target.span());
        self.node("RestElement", span)
            .child("argument", self.pattern(target))
    }
}

// ----- small helpers -----

/// The value of a class field initializer: its synthetic function is one
/// `return` of it.
fn initializer<'a>(f: &'a Function<'a>) -> Option<&'a Expr<'a>> {
    match f.body {
        [Stmt::Return(Some(e), _)] => Some(e),
        _ => None,
    }
}

/// Where a class member starts in the source.
fn member_start(member: &ClassMember<'_>) -> u32 {
    match *member {
        ClassMember::Method { value, .. } => value.span.start,
        ClassMember::Field { span, .. } => span.start,
        ClassMember::StaticBlock(f) => f.span.start,
    }
}

fn export_name_span(name: ModuleExportName<'_>) -> Span {
    match name {
        ModuleExportName::Ident(n) => n.span,
        ModuleExportName::String(_, span) => span,
    }
}

/// A number as JavaScript prints it where JSON can: integers without a
/// fraction, non-finite values as `null`.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.2e18 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

fn unary_op(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Minus => "-",
        UnaryOp::Plus => "+",
        UnaryOp::Not => "!",
        UnaryOp::BitNot => "~",
        UnaryOp::Typeof => "typeof",
        UnaryOp::Void => "void",
        UnaryOp::Delete => "delete",
    }
}

fn binary_op(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Rem => "%",
        BinaryOp::Exp => "**",
        BinaryOp::Shl => "<<",
        BinaryOp::Shr => ">>",
        BinaryOp::UShr => ">>>",
        BinaryOp::BitAnd => "&",
        BinaryOp::BitOr => "|",
        BinaryOp::BitXor => "^",
        BinaryOp::Eq => "==",
        BinaryOp::NotEq => "!=",
        BinaryOp::StrictEq => "===",
        BinaryOp::StrictNotEq => "!==",
        BinaryOp::Lt => "<",
        BinaryOp::LtEq => "<=",
        BinaryOp::Gt => ">",
        BinaryOp::GtEq => ">=",
        BinaryOp::In => "in",
        BinaryOp::Instanceof => "instanceof",
    }
}

fn logical_op(op: LogicalOp) -> &'static str {
    match op {
        LogicalOp::And => "&&",
        LogicalOp::Or => "||",
        LogicalOp::Coalesce => "??",
    }
}

#[cfg(test)]
mod tests {
    use super::{to_json, to_text};
    use crate::{parse, Goal, LineIndex};
    use serde_json::Value;

    fn json_of(source: &str, goal: Goal) -> Value {
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, source, goal).expect("test source parses");
        to_json(&parsed.program, source)
    }

    fn script(source: &str) -> Value {
        json_of(source, Goal::Script)
    }

    /// The source text of a node.
    fn text<'s>(source: &'s str, node: &Value) -> &'s str {
        let start = node["start"].as_u64().expect("start") as usize;
        let end = node["end"].as_u64().expect("end") as usize;
        &source[start..end]
    }

    /// Every node has a type, a span inside its parent's, and the `loc` the
    /// line index gives for its start; returns how many nodes there are.
    fn check_spans(source: &str, node: &Value, parent: (u64, u64), lines: &LineIndex) -> usize {
        match node {
            Value::Object(map) if map.contains_key("type") => {
                let (start, end) = (
                    node["start"].as_u64().expect("start"),
                    node["end"].as_u64().expect("end"),
                );
                assert!(
                    parent.0 <= start && start <= end && end <= parent.1,
                    "{} {start}..{end} outside {parent:?}",
                    node["type"]
                );
                let (line, column) = lines.line_col(source, start as u32);
                assert_eq!(
                    node["loc"],
                    serde_json::json!({ "line": line, "column": column }),
                    "{}",
                    node["type"]
                );
                1 + map
                    .values()
                    .map(|v| check_spans(source, v, (start, end), lines))
                    .sum::<usize>()
            }
            Value::Array(items) => items
                .iter()
                .map(|v| check_spans(source, v, parent, lines))
                .sum(),
            _ => 0,
        }
    }

    #[test]
    fn declarations_and_expressions() {
        let src = "let x = 1;\nx + 0.5";
        let json = script(src);
        assert_eq!(json["type"], "Program");
        assert_eq!(json["sourceType"], "script");
        let decl = &json["body"][0];
        assert_eq!(decl["type"], "VariableDeclaration");
        assert_eq!(decl["kind"], "let");
        assert_eq!(decl["declarations"][0]["type"], "VariableDeclarator");
        assert_eq!(decl["declarations"][0]["id"]["name"], "x");
        assert_eq!(decl["declarations"][0]["init"]["value"], 1);
        assert_eq!(decl["declarations"][0]["init"]["raw"], "1");
        assert_eq!(text(src, &decl["declarations"][0]), "x = 1");
        let sum = &json["body"][1]["expression"];
        assert_eq!(sum["type"], "BinaryExpression");
        assert_eq!(sum["operator"], "+");
        assert_eq!(sum["right"]["value"], 0.5);
        assert_eq!(sum["loc"], serde_json::json!({ "line": 2, "column": 1 }));
        assert_eq!(
            (sum["start"].as_u64(), sum["end"].as_u64()),
            (Some(11), Some(18))
        );
    }

    #[test]
    fn text_form() {
        let src = "let x = 1;\nif (x) f(x, ...y); else x++;";
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, src, Goal::Script).expect("parses");
        let expected = "\
Program (script) 1:1
  VariableDeclaration let 1:1
    VariableDeclarator 1:5
      Identifier x 1:5
      Literal 1 1:9
  IfStatement 2:1
    Identifier x 2:5
    ExpressionStatement 2:8
      CallExpression 2:8
        Identifier f 2:8
        Identifier x 2:10
        SpreadElement 2:13
          Identifier y 2:16
    ExpressionStatement 2:25
      UpdateExpression ++ 2:25
        Identifier x 2:25
";
        assert_eq!(to_text(&parsed.program, src), expected);
    }

    #[test]
    fn text_labels_flags_and_holes() {
        let src = "for (;;) (async function* g(a, [, b]) {})\nclass C extends D {}\nconst s = `x\ny${1}`;";
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, src, Goal::Script).expect("parses");
        let text = to_text(&parsed.program, src);
        assert!(text.contains("\n    body: ExpressionStatement 1:10\n      ParenthesizedExpression 1:10\n        FunctionExpression async generator 1:11\n"), "{text}");
        assert!(text.contains("\n          params: Identifier a 1:29\n          params: ArrayPattern 1:32\n            (hole)\n"), "{text}");
        assert!(
            text.contains("\n    superClass: Identifier D 2:17\n"),
            "{text}"
        );
        assert!(text.contains("TemplateElement \"x\\ny\" 3:12\n"), "{text}");
        assert!(text.contains("TemplateElement \"\" tail 4:6\n"), "{text}");
    }

    #[test]
    fn spans_and_positions_hold_everywhere() {
        let src = "'use strict';\r\nclass A extends B {\n  static #p = 1; x;\n  get y() { return this.#p; }\n  \
                   'constructor'(a, ...r) { super(a); super.m?.(); }\n  static { `a${1}\u{1F600}${2}`; }\n  [k] (/* ( */) {}\n}\n\
                   const {a, b: [c, , d = 2], ...e} = o, [...f] = g;\nlabel: for (x in y) break label;\n\
                   try { throw /re/g } catch ({m}) {} finally {}\nswitch (1) { case 1: default: }\n\
                   o = { a, b: 1, get c() {}, *m() {}, ...s, [k]: v, 1n: 2, async 'q'(...z) {} };\n\
                   (async (p = 1) => await p); x = function* () { yield* new.target; };\n\u{2028}f?.(x).y?.[z], tag`x`;";
        let json = script(src);
        let nodes = check_spans(src, &json, (0, src.len() as u64), &LineIndex::new(src));
        assert!(nodes > 120, "{nodes}");
        assert_eq!(json["body"][0]["directive"], "use strict");
        let class = &json["body"][1]["body"];
        assert_eq!(
            text(src, class),
            &src[src.find("{\n  static").expect("class body")
                ..src.find("}\nconst").expect("end") + 1]
        );
        let ctor = &class["body"][3];
        assert_eq!(ctor["kind"], "constructor");
        assert_eq!(text(src, &ctor["key"]), "'constructor'");
        assert_eq!(ctor["key"]["value"], "constructor");
        assert_eq!(
            text(src, &ctor["value"]),
            "(a, ...r) { super(a); super.m?.(); }"
        );
        assert_eq!(text(src, &ctor["value"]["params"][1]), "...r");
        assert_eq!(
            text(src, &ctor["value"]["body"]),
            "{ super(a); super.m?.(); }"
        );
        let computed = &class["body"][5];
        assert_eq!(computed["computed"], true);
        assert_eq!(text(src, &computed["value"]["body"]), "{}");
        let quasis = &class["body"][4]["body"][0]["expression"]["quasis"];
        assert_eq!(text(src, &quasis[1]), "\u{1F600}");
    }

    #[test]
    fn classes() {
        let src = "class A extends B {\n  static #n = 1;\n  x;\n  m() {}\n  constructor(a) { super(a); }\n  \
                   get [k]() { return super.k; }\n  static { this.y = #n in this; }\n}";
        let json = script(src);
        let class = &json["body"][0];
        assert_eq!(class["type"], "ClassDeclaration");
        assert_eq!(class["id"]["name"], "A");
        assert_eq!(class["superClass"]["name"], "B");
        let body = &class["body"];
        assert_eq!(body["type"], "ClassBody");
        let members = body["body"].as_array().expect("members");
        let kinds: Vec<_> = members
            .iter()
            .map(|m| m["type"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            kinds,
            [
                "PropertyDefinition",
                "PropertyDefinition",
                "MethodDefinition",
                "MethodDefinition",
                "MethodDefinition",
                "StaticBlock"
            ]
        );
        assert_eq!(members[0]["static"], true);
        assert_eq!(members[0]["key"]["type"], "PrivateIdentifier");
        assert_eq!(members[0]["key"]["name"], "n");
        assert_eq!(members[0]["value"]["type"], "Literal");
        assert_eq!(members[1]["value"], Value::Null);
        assert_eq!(members[2]["kind"], "method");
        assert_eq!(members[2]["value"]["type"], "FunctionExpression");
        let ctor = &members[3];
        assert_eq!(ctor["kind"], "constructor");
        assert_eq!(ctor["key"]["name"], "constructor");
        let super_call = &ctor["value"]["body"]["body"][0]["expression"];
        assert_eq!(super_call["type"], "CallExpression");
        assert_eq!(super_call["callee"]["type"], "Super");
        assert_eq!(text(src, &super_call["callee"]), "super");
        assert_eq!(members[4]["kind"], "get");
        assert_eq!(members[4]["computed"], true);
        let super_member = &members[4]["value"]["body"]["body"][0]["argument"];
        assert_eq!(super_member["type"], "MemberExpression");
        assert_eq!(super_member["object"]["type"], "Super");
        let private_in = &members[5]["body"][0]["expression"]["right"];
        assert_eq!(private_in["type"], "BinaryExpression");
        assert_eq!(private_in["operator"], "in");
        assert_eq!(private_in["left"]["type"], "PrivateIdentifier");
        let expr = script("(class extends (0, B) {})");
        let class = &expr["body"][0]["expression"]["expression"];
        assert_eq!(class["type"], "ClassExpression");
        assert_eq!(class["id"], Value::Null);
        assert_eq!(class["superClass"]["type"], "ParenthesizedExpression");
        assert_eq!(
            class["superClass"]["expression"]["type"],
            "SequenceExpression"
        );
    }

    #[test]
    fn functions() {
        let json = script(
            "async function f(a, b = 1, ...c) { 'no'; }\nx = async (y) => y * 2;\nz = () => {};",
        );
        let f = &json["body"][0];
        assert_eq!(f["type"], "FunctionDeclaration");
        assert_eq!(
            (&f["async"], &f["generator"], &f["expression"]),
            (&Value::Bool(true), &Value::Bool(false), &Value::Bool(false))
        );
        let params: Vec<_> = f["params"]
            .as_array()
            .expect("params")
            .iter()
            .map(|p| p["type"].clone())
            .collect();
        assert_eq!(params, ["Identifier", "AssignmentPattern", "RestElement"]);
        assert_eq!(f["params"][2]["argument"]["name"], "c");
        assert_eq!(f["body"]["type"], "BlockStatement");
        assert_eq!(f["body"]["body"][0]["directive"], "no");
        let arrow = &json["body"][1]["expression"]["right"];
        assert_eq!(arrow["type"], "ArrowFunctionExpression");
        assert_eq!(arrow["expression"], true);
        assert_eq!(arrow["async"], true);
        assert_eq!(arrow["body"]["type"], "BinaryExpression");
        let block_arrow = &json["body"][2]["expression"]["right"];
        assert_eq!(block_arrow["expression"], false);
        assert_eq!(block_arrow["body"]["type"], "BlockStatement");
        let generator = script("(function* g() { yield; yield* h(); })");
        let g = &generator["body"][0]["expression"]["expression"];
        assert_eq!(g["type"], "FunctionExpression");
        assert_eq!(g["generator"], true);
        assert_eq!(g["body"]["body"][0]["expression"]["argument"], Value::Null);
        assert_eq!(g["body"]["body"][1]["expression"]["delegate"], true);
    }

    #[test]
    fn templates() {
        let src = "`a${b}c\\n${d}`; tag`\\unicode${e}`;";
        let json = script(src);
        let t = &json["body"][0]["expression"];
        assert_eq!(t["type"], "TemplateLiteral");
        assert_eq!(t["quasis"].as_array().map(Vec::len), Some(3));
        assert_eq!(t["expressions"].as_array().map(Vec::len), Some(2));
        assert_eq!(t["quasis"][1]["value"]["raw"], "c\\n");
        assert_eq!(t["quasis"][1]["value"]["cooked"], "c\n");
        assert_eq!(text(src, &t["quasis"][1]), "c\\n");
        assert_eq!(t["quasis"][1]["tail"], false);
        assert_eq!(t["quasis"][2]["tail"], true);
        let tagged = &json["body"][1]["expression"];
        assert_eq!(tagged["type"], "TaggedTemplateExpression");
        assert_eq!(tagged["tag"]["name"], "tag");
        assert_eq!(tagged["quasi"]["quasis"][0]["value"]["cooked"], Value::Null);
        assert_eq!(tagged["quasi"]["quasis"][0]["value"]["raw"], "\\unicode");
    }

    #[test]
    fn patterns() {
        let src =
            "let {a, b: [c, , d = 1], ...e} = o;\n[x, y.z, ...w] = q;\n({ m = 2, n: { p } } = r);";
        let json = script(src);
        let obj = &json["body"][0]["declarations"][0]["id"];
        assert_eq!(obj["type"], "ObjectPattern");
        let props = &obj["properties"];
        assert_eq!(props[0]["type"], "Property");
        assert_eq!(props[0]["shorthand"], true);
        assert_eq!(props[0]["kind"], "init");
        assert_eq!(props[0]["value"]["name"], "a");
        let arr = &props[1]["value"];
        assert_eq!(arr["type"], "ArrayPattern");
        assert_eq!(arr["elements"][1], Value::Null);
        assert_eq!(arr["elements"][2]["type"], "AssignmentPattern");
        assert_eq!(arr["elements"][2]["right"]["value"], 1);
        assert_eq!(props[2]["type"], "RestElement");
        assert_eq!(text(src, &props[2]), "...e");
        let assign = &json["body"][1]["expression"];
        assert_eq!(assign["type"], "AssignmentExpression");
        assert_eq!(assign["left"]["type"], "ArrayPattern");
        assert_eq!(assign["left"]["elements"][1]["type"], "MemberExpression");
        assert_eq!(assign["left"]["elements"][2]["type"], "RestElement");
        let obj = &json["body"][2]["expression"]["expression"]["left"];
        assert_eq!(obj["type"], "ObjectPattern");
        assert_eq!(obj["properties"][0]["shorthand"], true);
        assert_eq!(obj["properties"][0]["value"]["type"], "AssignmentPattern");
        assert_eq!(obj["properties"][1]["value"]["type"], "ObjectPattern");
    }

    #[test]
    fn objects_and_literals() {
        let src = "({ a, 'b': null, 1: true, get c() {}, set c(v) {}, m() {}, [k]: 10n, ...s, x: /a\\/b/gu, y: 1e400, z: 'é\\uD800' })";
        let json = script(src);
        let props = &json["body"][0]["expression"]["expression"]["properties"];
        assert_eq!(props[0]["shorthand"], true);
        assert_eq!(props[1]["key"]["value"], "b");
        assert_eq!(props[1]["value"]["value"], Value::Null);
        assert_eq!(props[1]["value"]["raw"], "null");
        assert_eq!(props[2]["key"]["value"], 1);
        assert_eq!(props[2]["value"]["value"], true);
        assert_eq!(
            (&props[3]["kind"], &props[4]["kind"]),
            (&Value::from("get"), &Value::from("set"))
        );
        assert_eq!(
            (&props[5]["kind"], &props[5]["method"]),
            (&Value::from("init"), &Value::Bool(true))
        );
        assert_eq!(props[6]["computed"], true);
        assert_eq!(props[6]["value"]["bigint"], "10");
        assert_eq!(props[7]["type"], "SpreadElement");
        assert_eq!(
            props[8]["value"]["regex"],
            serde_json::json!({ "pattern": "a\\/b", "flags": "gu" })
        );
        assert_eq!(props[9]["value"]["value"], Value::Null);
        assert_eq!(props[10]["value"]["value"], "é\u{FFFD}");
        let json = script("[1, , ...a, 2.5, 1e21]");
        let elements = &json["body"][0]["expression"]["elements"];
        assert_eq!(elements[1], Value::Null);
        assert_eq!(elements[2]["type"], "SpreadElement");
        assert_eq!(
            serde_json::to_string(&elements[0]["value"]).ok().as_deref(),
            Some("1")
        );
        assert_eq!(
            serde_json::to_string(&elements[3]["value"]).ok().as_deref(),
            Some("2.5")
        );
        assert_eq!(
            serde_json::to_string(&elements[4]["value"]).ok().as_deref(),
            Some("1e+21")
        );
    }

    #[test]
    fn optional_chains() {
        let src = "a?.b.c(); a?.[0]?.(1); (a?.b).c; new.target";
        let json = script(&src[..src.len() - 11]);
        let chain = &json["body"][0]["expression"];
        assert_eq!(chain["type"], "ChainExpression");
        let call = &chain["expression"];
        assert_eq!(
            (&call["type"], &call["optional"]),
            (&Value::from("CallExpression"), &Value::Bool(false))
        );
        assert_eq!(call["callee"]["optional"], false);
        assert_eq!(call["callee"]["object"]["optional"], true);
        let chain = &json["body"][1]["expression"]["expression"];
        assert_eq!(
            (&chain["type"], &chain["optional"]),
            (&Value::from("CallExpression"), &Value::Bool(true))
        );
        assert_eq!(
            (&chain["callee"]["computed"], &chain["callee"]["optional"]),
            (&Value::Bool(true), &Value::Bool(true))
        );
        let member = &json["body"][2]["expression"];
        assert_eq!(member["type"], "MemberExpression");
        assert_eq!(member["object"]["type"], "ParenthesizedExpression");
        assert_eq!(member["object"]["expression"]["type"], "ChainExpression");
        let json = script("function f() { return new.target; } import('m', { with: {} })");
        let meta = &json["body"][0]["body"]["body"][0]["argument"];
        assert_eq!(meta["type"], "MetaProperty");
        assert_eq!(
            (&meta["meta"]["name"], &meta["property"]["name"]),
            (&Value::from("new"), &Value::from("target"))
        );
        let import = &json["body"][1]["expression"];
        assert_eq!(import["type"], "ImportExpression");
        assert_eq!(import["source"]["value"], "m");
        assert_eq!(import["options"]["type"], "ObjectExpression");
    }

    #[test]
    fn statements() {
        let json = script(
            "for (let i = 0; i < 1; i++) continue; for (const k in o) ; for (x of y) {} while (0) break; do ; while (0)\n\
             l: { try {} catch {} } try {} finally {} switch (v) { case 1: f(); default: } throw e; debugger; with (o) ;",
        );
        let types: Vec<_> = json["body"]
            .as_array()
            .expect("body")
            .iter()
            .map(|s| s["type"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            types,
            [
                "ForStatement",
                "ForInStatement",
                "ForOfStatement",
                "WhileStatement",
                "DoWhileStatement",
                "LabeledStatement",
                "TryStatement",
                "SwitchStatement",
                "ThrowStatement",
                "DebuggerStatement",
                "WithStatement"
            ]
        );
        let body = &json["body"];
        assert_eq!(body[0]["init"]["type"], "VariableDeclaration");
        assert_eq!(body[0]["update"]["type"], "UpdateExpression");
        assert_eq!(body[0]["body"]["type"], "ContinueStatement");
        assert_eq!(body[1]["left"]["declarations"][0]["init"], Value::Null);
        assert_eq!(body[2]["await"], false);
        assert_eq!(body[5]["body"]["body"][0]["handler"]["param"], Value::Null);
        assert_eq!(body[6]["handler"], Value::Null);
        assert_eq!(body[6]["finalizer"]["type"], "BlockStatement");
        assert_eq!(
            body[7]["cases"][0]["consequent"][0]["type"],
            "ExpressionStatement"
        );
        assert_eq!(body[7]["cases"][1]["test"], Value::Null);
    }

    #[test]
    fn modules() {
        let src = "import d, * as ns from 'm';\nimport { a as b, 'c-d' as e } from /* 'x' */ \"n\" with { type: 'json' };\n\
                   export { b as bb, e };\nexport * as z from 'q';\nexport default class {}\nexport const k = 1;\n\
                   export { x } from 'y';\nfor await (const v of w) ;\nimport.meta;";
        let json = json_of(src, Goal::Module);
        assert_eq!(json["sourceType"], "module");
        let body = &json["body"];
        let import = &body[0];
        assert_eq!(import["type"], "ImportDeclaration");
        assert_eq!(import["specifiers"][0]["type"], "ImportDefaultSpecifier");
        assert_eq!(import["specifiers"][1]["type"], "ImportNamespaceSpecifier");
        assert_eq!(import["specifiers"][1]["local"]["name"], "ns");
        assert_eq!(import["source"]["value"], "m");
        assert_eq!(text(src, &import["source"]), "'m'");
        let named = &body[1];
        assert_eq!(named["specifiers"][0]["type"], "ImportSpecifier");
        assert_eq!(named["specifiers"][0]["imported"]["name"], "a");
        assert_eq!(named["specifiers"][0]["local"]["name"], "b");
        assert_eq!(named["specifiers"][1]["imported"]["value"], "c-d");
        assert_eq!(text(src, &named["source"]), "\"n\"");
        assert_eq!(named["attributes"][0]["type"], "ImportAttribute");
        assert_eq!(named["attributes"][0]["key"]["name"], "type");
        assert_eq!(text(src, &named["attributes"][0]["value"]), "'json'");
        let list = &body[2];
        assert_eq!(list["type"], "ExportNamedDeclaration");
        assert_eq!(list["declaration"], Value::Null);
        assert_eq!(list["source"], Value::Null);
        assert_eq!(list["specifiers"][0]["type"], "ExportSpecifier");
        assert_eq!(list["specifiers"][0]["exported"]["name"], "bb");
        assert_eq!(body[3]["type"], "ExportAllDeclaration");
        assert_eq!(body[3]["exported"]["name"], "z");
        assert_eq!(body[4]["type"], "ExportDefaultDeclaration");
        assert_eq!(body[4]["declaration"]["type"], "ClassDeclaration");
        assert_eq!(body[5]["declaration"]["type"], "VariableDeclaration");
        assert_eq!(body[5]["specifiers"], serde_json::json!([]));
        assert_eq!(body[6]["source"]["value"], "y");
        assert_eq!(body[7]["type"], "ForOfStatement");
        assert_eq!(body[7]["await"], true);
        assert_eq!(body[8]["expression"]["type"], "MetaProperty");
        assert_eq!(body[8]["expression"]["meta"]["name"], "import");
        let nodes = check_spans(src, &json, (0, src.len() as u64), &LineIndex::new(src));
        assert!(nodes > 40);
        let json = json_of("export default (1 + 2);", Goal::Module);
        assert_eq!(
            json["body"][0]["declaration"]["type"],
            "ParenthesizedExpression"
        );
    }

    #[test]
    fn deep_trees_do_not_overflow() {
        let shapes: [(&str, &str, &str); 4] = [
            ("[", "x", "]"),
            ("(", "x", ")"),
            ("{", "", "}"),
            ("x=>", "x", ""),
        ];
        for (open, inner, close) in shapes {
            // As deep as the parser accepts.
            let arena = bumpalo::Bump::new();
            let (src, parsed) = (1..=200)
                .rev()
                .find_map(|tens| {
                    let src: &str = arena.alloc_str(&format!(
                        "{}{inner}{}",
                        open.repeat(tens * 10),
                        close.repeat(tens * 10)
                    ));
                    parse(&arena, src, Goal::Script).ok().map(|p| (src, p))
                })
                .expect("some depth parses");
            let text = to_text(&parsed.program, src);
            assert!(
                text.lines().count() > 400,
                "{open}: {}",
                text.lines().count()
            );
            let json = to_json(&parsed.program, src);
            assert_eq!(
                json["body"][0]["end"].as_u64(),
                Some(src.len() as u64),
                "{open}"
            );
            // Serializing and dropping a `Value` recurse too (in serde_json):
            // at this depth they fit in a test thread's stack.
            let printed = serde_json::to_string(&json).unwrap_or_default();
            assert!(printed.len() > src.len() * 10, "{open}");
        }
    }
}
