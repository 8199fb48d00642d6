//! The recursive core of `util.inspect` (Node's `formatValue`,
//! `formatRaw`, `formatProperty`, `formatArray`): one [`Ctx`] per call
//! carries the options, the indentation, the objects being formatted (for
//! `[Circular *1]`) and the deepest level entered (for line breaking).
//!
//! What an object looks like is decided by one `match` on its
//! [`ObjectKind`] in [`Ctx::prepare`]: a new kind of built-in object (Map,
//! Set, Promise, Date, RegExp) adds an arm there that picks its braces,
//! head and [`Body`], and, if it has entries, a case in [`Ctx::body`].
//!
//! Recursion is bounded by the depth option (2 by default) and in any case
//! by [`MAX_NESTING`], arrays show at most 100 elements, and once the
//! output passes 2^27 characters the remaining objects are abbreviated, so
//! any input is formatted in bounded stack and time.

use super::errors::is_error;
use super::layout::Extras;
use super::naming::prefix;
use super::reflect;
use super::text::{escape_units, format_number, js_len, key_name, quote_units};
use spindle_vm::object::{ObjectKind, Property};
use spindle_vm::promise::PromiseState;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::Vm;
use std::collections::HashMap;

/// The options of `util.inspect` that Spindle supports.
#[derive(Clone, Debug)]
pub(crate) struct InspectOptions {
    /// How many levels of nesting to show (`None`: all).
    pub(crate) depth: Option<i64>,
    /// Show non-enumerable properties too.
    pub(crate) show_hidden: bool,
    /// Show proxies as `Proxy [ target, handler ]`.
    pub(crate) show_proxy: bool,
    /// Array elements shown before `... n more items`.
    pub(crate) max_array_length: usize,
    /// String characters shown before `... n more characters`.
    pub(crate) max_string_length: usize,
    /// The line width entries are fitted into.
    pub(crate) break_length: usize,
    /// How many inner levels may share a line (`compact`).
    pub(crate) compact: u32,
}

impl Default for InspectOptions {
    /// Node 20's defaults.
    fn default() -> Self {
        InspectOptions {
            depth: Some(2),
            show_hidden: false,
            show_proxy: false,
            max_array_length: 100,
            max_string_length: 10_000,
            break_length: 80,
            compact: 3,
        }
    }
}

/// The state of one `inspect` call.
pub(crate) struct Ctx<'v> {
    pub(super) vm: &'v mut Vm,
    pub(super) opts: InspectOptions,
    /// Columns of indentation of the current entry.
    pub(super) indentation: usize,
    /// The objects being formatted, outermost first.
    pub(super) seen: Vec<Obj>,
    /// Objects found to be circular; `[Circular *n]` is index + 1.
    circular: Vec<Obj>,
    /// The nesting level of the object entered last.
    pub(super) current_depth: usize,
    /// Characters output per indentation level.
    budget: HashMap<usize, usize>,
}

/// What an object's entries are, besides its properties.
#[derive(Clone, Copy, Debug)]
pub(super) enum Body {
    /// Only properties.
    Properties,
    /// Array elements (holes, `... n more items`).
    Array,
    /// A promise's state: `<pending>`, its value, or `<rejected> reason`.
    Promise(PromiseState),
    /// A Map's `key => value` entries or a Set's values.
    Collection,
    /// A WeakMap's or WeakSet's `<items unknown>`.
    Weak,
    /// What a Map or Set iterator has yet to yield.
    CollectionIterator,
    /// A typed array's elements.
    TypedArray,
    /// An ArrayBuffer's bytes and `byteLength`.
    ArrayBuffer,
    /// A DataView's `byteLength`, `byteOffset` and `buffer`.
    DataView,
}

/// How an object is about to be written.
struct Frame {
    constructor: Option<String>,
    tag: String,
    keys: Vec<PropertyKey>,
    braces: (String, String),
    base: String,
    body: Body,
    extras: Extras,
    /// With `showHidden`: the prototype properties shown after the own ones.
    proto_props: Option<Vec<String>>,
}

impl Frame {
    /// Nothing to list (Node's `keys.length === 0 && protoProps === undefined`).
    fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.proto_props.is_none()
    }
}

/// The kind of property an entry shows (Node's `kObjectType`, `kArrayType`
/// and `kArrayExtrasType`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    /// `name: value` of an object.
    Property,
    /// The value alone (an array element).
    Element,
    /// `name: value` after an array's elements.
    ArrayProperty,
}

/// Budget of output characters at one level before abbreviating.
const BUDGET: usize = 1 << 27;

/// How many objects deep the formatter goes (with `depth: null`) before
/// giving up on the innermost one the way Node does when it runs out of
/// stack: `[Array: Inspection interrupted prematurely. Maximum call stack
/// size exceeded.]`. Keeps the Rust stack bounded on any input.
const MAX_NESTING: usize = 1000;

impl<'v> Ctx<'v> {
    /// A context for one call.
    pub(crate) fn new(vm: &'v mut Vm, opts: InspectOptions) -> Ctx<'v> {
        Ctx { vm, opts, indentation: 0, seen: Vec::new(), circular: Vec::new(), current_depth: 0, budget: HashMap::new() }
    }

    /// Node's `formatValue`: any value (strings quoted).
    pub(crate) fn format_value(&mut self, value: Value, recurse_times: usize) -> String {
        let Value::Object(o) = value else { return self.format_primitive(value) };
        let target = match reflect::proxy_target(self.vm, o) {
            Some(None) => return "<Revoked Proxy>".into(),
            Some(Some(_)) if self.opts.show_proxy => return self.format_proxy(o, recurse_times),
            Some(Some(t)) => t,
            None => o,
        };
        if self.seen.contains(&target) {
            let index = match self.circular.iter().position(|&c| c == target) {
                Some(i) => i + 1,
                None => {
                    self.circular.push(target);
                    self.circular.len()
                }
            };
            return format!("[Circular *{index}]");
        }
        self.format_raw(target, recurse_times)
    }

    /// A primitive: strings quoted (and split at line breaks when long).
    pub(super) fn format_primitive(&mut self, value: Value) -> String {
        match value {
            Value::String(s) => {
                let units = self.vm.heap.units(s).to_vec();
                self.format_string(&units)
            }
            Value::Number(n) => format_number(n),
            Value::BigInt(b) => format!("{}n", self.vm.heap.bigint(b)),
            Value::Symbol(s) => reflect::symbol_string(self.vm, s),
            Value::Object(_) => String::new(),
            other => reflect::primitive_string(self.vm, other).unwrap_or_default(),
        }
    }

    fn format_string(&self, units: &[u16]) -> String {
        let max = self.opts.max_string_length;
        let (units, trailer) = match units.len().checked_sub(max) {
            Some(remaining) if remaining > 0 => {
                let s = if remaining > 1 { "s" } else { "" };
                (&units[..max], format!("... {remaining} more character{s}"))
            }
            _ => (units, String::new()),
        };
        let room = self.opts.break_length as i64 - self.indentation as i64 - 4;
        if units.len() > 16 && units.len() as i64 > room {
            let pieces: Vec<String> = units.split_inclusive(|&u| u == u16::from(b'\n')).map(quote_units).collect();
            let joiner = format!(" +\n{}", " ".repeat(self.indentation + 2));
            return pieces.join(&joiner) + &trailer;
        }
        quote_units(units) + &trailer
    }

    /// `Proxy [ target, handler ]` (with `showProxy`).
    fn format_proxy(&mut self, o: Obj, recurse_times: usize) -> String {
        if self.beyond_depth(recurse_times) {
            return "Proxy [Array]".into();
        }
        let (target, handler) = match &self.vm.heap.object(o).kind {
            ObjectKind::Proxy(p) => (p.target, p.handler),
            _ => (None, None),
        };
        let as_value = |o: Option<Obj>| o.map_or(Value::Null, Value::Object);
        self.indentation += 2;
        let output = vec![self.format_value(as_value(target), recurse_times + 1), self.format_value(as_value(handler), recurse_times + 1)];
        self.indentation -= 2;
        self.reduce_to_single_string(output, "", ("Proxy [", "]"), Extras::Array, recurse_times + 1, None)
    }

    /// Node's `formatRaw`: an object that is not a proxy and not circular.
    fn format_raw(&mut self, o: Obj, recurse_times: usize) -> String {
        let frame = match self.prepare(o, recurse_times) {
            Ok(frame) => frame,
            Err(done) => return done,
        };
        if self.beyond_depth(recurse_times) {
            let style = self.ctx_style(o, frame.constructor.as_deref(), &frame.tag);
            let name = &style[..style.len() - 1];
            return if frame.constructor.is_some() { format!("[{name}]") } else { name.to_string() };
        }
        if self.seen.len() >= MAX_NESTING {
            let style = self.ctx_style(o, frame.constructor.as_deref(), &frame.tag);
            let name = &style[..style.len() - 1];
            return format!("[{name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]");
        }
        let recurse_times = recurse_times + 1;
        self.seen.push(o);
        self.current_depth = recurse_times;
        let mut output = self.body(o, frame.body, recurse_times);
        for &key in &frame.keys {
            let entry = if frame.extras == Extras::Array { Entry::ArrayProperty } else { Entry::Property };
            output.push(self.format_property(o, key, recurse_times, entry));
        }
        output.extend(frame.proto_props.unwrap_or_default());
        let mut base = frame.base;
        if let Some(i) = self.circular.iter().position(|&c| c == o) {
            let reference = format!("<ref *{}>", i + 1);
            base = if base.is_empty() { reference } else { format!("{reference} {base}") };
        }
        self.seen.pop();
        let braces = (frame.braces.0.as_str(), frame.braces.1.as_str());
        let res = self.reduce_to_single_string(output, &base, braces, frame.extras, recurse_times, Some(o));
        let used = self.budget.entry(self.indentation).or_insert(0);
        *used += js_len(&res);
        if *used > BUDGET {
            self.opts.depth = Some(-1);
        }
        res
    }

    /// Decides how `o` is written; `Err` holds the finished text of objects
    /// written without entries (`{}`, `[Function: f]`, an error's stack).
    fn prepare(&mut self, o: Obj, recurse_times: usize) -> Result<Frame, String> {
        let mut proto_props = (self.opts.show_hidden && !self.beyond_depth(recurse_times)).then(Vec::new);
        let constructor = self.constructor_name(o, recurse_times, proto_props.as_mut());
        let proto_props = proto_props.filter(|p| !p.is_empty());
        let tag = self.string_tag(o);
        let c = constructor.as_deref();
        let mut frame = Frame {
            constructor: None,
            tag: String::new(),
            keys: Vec::new(),
            braces: ("{".into(), "}".into()),
            base: String::new(),
            body: Body::Properties,
            extras: Extras::Object,
            proto_props,
        };
        match self.vm.heap.object(o).kind {
            ObjectKind::Array => {
                let len = self.vm.heap.array_length(o);
                let pre = if c != Some("Array") || !tag.is_empty() { prefix(c, &tag, "Array", &format!("({len})")) } else { String::new() };
                frame.keys = self.own_keys(o, true);
                frame.braces.0 = format!("{pre}[");
                frame.braces.1 = "]".into();
                if len == 0 && frame.is_empty() {
                    return Err(format!("{pre}[]"));
                }
                frame.body = Body::Array;
                frame.extras = Extras::Array;
            }
            ObjectKind::Map(_)
            | ObjectKind::Set(_)
            | ObjectKind::WeakMap(_)
            | ObjectKind::WeakSet(_)
            | ObjectKind::MapIterator(_)
            | ObjectKind::SetIterator(_) => {
                frame.keys = self.own_keys(o, false);
                let (open, body) = self.collection_head(o, c, &tag);
                if matches!(body, Body::Collection) && self.vm.heap.table_len(o) == 0 && frame.is_empty() {
                    return Err(format!("{open}}}"));
                }
                frame.braces.0 = open;
                frame.body = body;
            }
            ObjectKind::TypedArray(_) | ObjectKind::ArrayBuffer(_) | ObjectKind::DataView(_) => {
                frame.keys = self.own_keys(o, false);
                let Some((open, close, body)) = self.binary_head(o, c, &tag) else { return Err(String::new()) };
                let empty = self.vm.typed_array(o).is_some_and(|t| self.vm.typed_array_length(&t).unwrap_or(0) == 0);
                if matches!(body, Body::TypedArray) && empty && frame.is_empty() {
                    return Err(format!("{open}{close}"));
                }
                if matches!(body, Body::TypedArray) {
                    frame.extras = Extras::Array;
                }
                frame.braces = (open, close);
                frame.body = body;
            }
            _ => {
                frame.keys = self.own_keys(o, false);
                self.prepare_plain(o, c, &tag, &mut frame)?;
            }
        }
        frame.constructor = constructor;
        frame.tag = tag;
        Ok(frame)
    }

    /// The objects without elements (Node's `noIterator` branch).
    fn prepare_plain(&mut self, o: Obj, c: Option<&str>, tag: &str, frame: &mut Frame) -> Result<(), String> {
        let no_keys = frame.is_empty();
        if reflect::is_callable(self.vm, o) {
            frame.base = self.function_base(o, c, tag);
            return if no_keys { Err(std::mem::take(&mut frame.base)) } else { Ok(()) };
        }
        if c == Some("Object") {
            if matches!(self.vm.heap.object(o).kind, ObjectKind::Arguments(_)) {
                frame.braces.0 = "[Arguments] {".into();
            } else if !tag.is_empty() {
                frame.braces.0 = format!("{}{{", prefix(c, tag, "Object", ""));
            }
            return if no_keys { Err(format!("{}}}", frame.braces.0)) } else { Ok(()) };
        }
        if let ObjectKind::Promise(p) = &self.vm.heap.object(o).kind {
            frame.body = Body::Promise(p.state());
            frame.braces.0 = format!("{}{{", prefix(c, tag, "Promise", ""));
            return Ok(());
        }
        if let Some(text) = crate::builtins::regexp::literal_text(self.vm, o) {
            let pre = prefix(c, tag, "RegExp", "");
            frame.base = if pre == "RegExp " { text } else { format!("{pre}{text}") };
            return if no_keys { Err(std::mem::take(&mut frame.base)) } else { Ok(()) };
        }
        if let Some(text) = crate::builtins::date::inspect_text(self.vm, o) {
            let pre = prefix(c, tag, "Date", "");
            frame.base = if pre == "Date " { text } else { format!("{pre}{text}") };
            return if no_keys { Err(std::mem::take(&mut frame.base)) } else { Ok(()) };
        }
        if is_error(self, o) {
            frame.base = self.format_error(o, c, tag, &mut frame.keys);
            return if frame.is_empty() { Err(std::mem::take(&mut frame.base)) } else { Ok(()) };
        }
        if let Some(base) = self.boxed_base(o, c, tag) {
            frame.base = base;
            return if no_keys { Err(std::mem::take(&mut frame.base)) } else { Ok(()) };
        }
        let style = self.ctx_style(o, c, tag);
        if no_keys {
            return Err(format!("{style}{{}}"));
        }
        frame.braces.0 = format!("{style}{{");
        Ok(())
    }

    /// The entries an object has besides its properties.
    fn body(&mut self, o: Obj, body: Body, recurse_times: usize) -> Vec<String> {
        match body {
            Body::Properties => Vec::new(),
            Body::Array => self.format_array(o, recurse_times),
            Body::Promise(PromiseState::Pending) => vec!["<pending>".into()],
            Body::Collection => self.format_collection(o, recurse_times),
            Body::Weak => vec!["<items unknown>".into()],
            Body::CollectionIterator => self.format_collection_iterator(o, recurse_times),
            Body::TypedArray => self.format_typed_array(o),
            Body::ArrayBuffer => self.format_array_buffer(o, recurse_times),
            Body::DataView => self.format_data_view(o, recurse_times),
            Body::Promise(PromiseState::Fulfilled(v) | PromiseState::Rejected(v)) => {
                self.indentation += 2;
                let text = self.format_value(v, recurse_times);
                self.indentation -= 2;
                let rejected = matches!(body, Body::Promise(PromiseState::Rejected(_)));
                vec![if rejected { format!("<rejected> {text}") } else { text }]
            }
        }
    }

    /// The keys `getKeys` lists: own enumerable strings then symbols (all
    /// own keys with `showHidden`); `skip_indices` for array-likes.
    fn own_keys(&mut self, o: Obj, skip_indices: bool) -> Vec<PropertyKey> {
        let raw = self.vm.heap.own_keys_raw(o);
        let mut keys = Vec::new();
        for key in raw {
            if skip_indices && matches!(key, PropertyKey::Index(_)) {
                continue;
            }
            match reflect::own(self.vm, o, key) {
                Some(p) if self.opts.show_hidden || p.enumerable() => keys.push(key),
                _ => {}
            }
        }
        keys
    }

    /// Node's `formatArray`: the first `maxArrayLength` elements.
    fn format_array(&mut self, o: Obj, recurse_times: usize) -> Vec<String> {
        let len = self.vm.heap.array_length(o) as usize;
        let shown = self.opts.max_array_length.min(len);
        let mut output = Vec::with_capacity(shown + 1);
        for i in 0..shown {
            let key = PropertyKey::Index(i as u32);
            if reflect::own(self.vm, o, key).is_none() {
                return self.format_sparse_array(o, recurse_times, shown, output, i);
            }
            output.push(self.format_property(o, key, recurse_times, Entry::Element));
        }
        if len > shown {
            output.push(remaining_text(len - shown));
        }
        output
    }

    /// Node's `formatSpecialArray`: elements with `<n empty items>` for holes.
    fn format_sparse_array(&mut self, o: Obj, recurse_times: usize, max: usize, mut output: Vec<String>, from: usize) -> Vec<String> {
        let indices: Vec<u32> = self
            .own_keys(o, false)
            .into_iter()
            .filter_map(|k| match k {
                PropertyKey::Index(i) => Some(i),
                _ => None,
            })
            .collect();
        let mut index = from as u64;
        for &key in indices.iter().skip(from) {
            if output.len() >= max {
                break;
            }
            if u64::from(key) != index {
                output.push(empty_items(u64::from(key) - index));
                index = u64::from(key);
                if output.len() == max {
                    break;
                }
            }
            output.push(self.format_property(o, PropertyKey::Index(key), recurse_times, Entry::Element));
            index += 1;
        }
        let remaining = u64::from(self.vm.heap.array_length(o)).saturating_sub(index);
        if output.len() != max {
            if remaining > 0 {
                output.push(empty_items(remaining));
            }
        } else if remaining > 0 {
            output.push(remaining_text(remaining as usize));
        }
        output
    }

    /// Node's `formatProperty`: `name: value`, or the value of an element.
    fn format_property(&mut self, o: Obj, key: PropertyKey, recurse_times: usize, entry: Entry) -> String {
        let desc = reflect::own(self.vm, o, key)
            .unwrap_or_else(|| Property::data(reflect::get(self.vm, o, key), spindle_vm::object::Attributes::ENUMERABLE));
        self.format_described(key, desc, recurse_times, entry)
    }

    /// [`Ctx::format_property`] of a property already read.
    pub(super) fn format_described(&mut self, key: PropertyKey, desc: Property, recurse_times: usize, entry: Entry) -> String {
        let text = match desc {
            Property::Data { value, .. } if value != Value::Undefined => {
                self.indentation += 2;
                let text = self.format_value(value, recurse_times);
                self.indentation -= 2;
                text
            }
            Property::Accessor { get: Some(_), set, .. } => if set.is_some() { "[Getter/Setter]" } else { "[Getter]" }.into(),
            Property::Accessor { get: None, set: Some(_), .. } => "[Setter]".into(),
            _ => "undefined".into(),
        };
        if entry == Entry::Element {
            return text;
        }
        format!("{}: {text}", self.key_display(key, desc.enumerable()))
    }

    /// A property name as `formatProperty` writes it.
    fn key_display(&mut self, key: PropertyKey, enumerable: bool) -> String {
        match key {
            PropertyKey::Symbol(s) => {
                let text = reflect::symbol_units(self.vm, s);
                format!("[{}]", escape_units(&text, true))
            }
            PropertyKey::Atom(a) => {
                let units = self.vm.heap.atom_units(a).to_vec();
                key_name(&units, enumerable)
            }
            PropertyKey::Index(i) => {
                let units: Vec<u16> = i.to_string().encode_utf16().collect();
                key_name(&units, enumerable)
            }
        }
    }
}

/// `... n more item(s)`.
pub(super) fn remaining_text(remaining: usize) -> String {
    let s = if remaining > 1 { "s" } else { "" };
    format!("... {remaining} more item{s}")
}

/// `<n empty item(s)>`.
fn empty_items(n: u64) -> String {
    let s = if n > 1 { "s" } else { "" };
    format!("<{n} empty item{s}>")
}
