//! How `inspect` writes Map, Set, WeakMap, WeakSet and the Map and Set
//! iterators, as Node's `formatMap`, `formatSet`, `formatWeakCollection`
//! and `formatIterator` do: `Map(2) { 'a' => 1, 'b' => 2 }`,
//! `Set(1) { 1 }`, `WeakMap { <items unknown> }`, `[Map Entries] { [ 'a',
//! 1 ] }`, `[Set Iterator] { 1 }`. At most `maxArrayLength` entries are
//! shown. Entries are read from the tables directly (no JavaScript runs,
//! iterators are not advanced).

use super::inspect::{remaining_text, Body, Ctx};
use super::layout::Extras;
use super::naming::prefix;
use spindle_vm::object::{IterationKind, ObjectKind};
use spindle_vm::value::{Obj, Value};

impl Ctx<'_> {
    /// The opening brace (with its prefix) and the body of collection `o`.
    pub(super) fn collection_head(&mut self, o: Obj, c: Option<&str>, tag: &str) -> (String, Body) {
        match &self.vm.heap.object(o).kind {
            ObjectKind::Map(t) | ObjectKind::Set(t) => {
                let fallback = if matches!(self.vm.heap.object(o).kind, ObjectKind::Map(_)) { "Map" } else { "Set" };
                (format!("{}{{", prefix(c, tag, fallback, &format!("({})", t.len()))), Body::Collection)
            }
            ObjectKind::WeakMap(_) => (format!("{}{{", prefix(c, tag, "WeakMap", "")), Body::Weak),
            ObjectKind::WeakSet(_) => (format!("{}{{", prefix(c, tag, "WeakSet", "")), Body::Weak),
            ObjectKind::MapIterator(it) | ObjectKind::SetIterator(it) => {
                let kind = if matches!(self.vm.heap.object(o).kind, ObjectKind::MapIterator(_)) { "Map" } else { "Set" };
                let entries = it.kind == IterationKind::Entries;
                (iterator_brace(kind, tag, entries), Body::CollectionIterator)
            }
            _ => ("{".into(), Body::Properties),
        }
    }

    /// Node's `formatMap` / `formatSet`.
    pub(super) fn format_collection(&mut self, o: Obj, recurse_times: usize) -> Vec<String> {
        let is_map = matches!(self.vm.heap.object(o).kind, ObjectKind::Map(_));
        let entries: Vec<(Value, Value)> = self.vm.heap.table(o).map(|t| t.iter().map(|e| (e.key, e.value)).collect()).unwrap_or_default();
        let shown = self.opts.max_array_length.min(entries.len());
        self.indentation += 2;
        let mut output: Vec<String> = entries[..shown]
            .iter()
            .map(|&(k, v)| {
                let key = self.format_value(k, recurse_times);
                if is_map {
                    format!("{key} => {}", self.format_value(v, recurse_times))
                } else {
                    key
                }
            })
            .collect();
        self.indentation -= 2;
        if entries.len() > shown {
            output.push(remaining_text(entries.len() - shown));
        }
        output
    }

    /// Node's `formatIterator`: what the iterator has yet to yield,
    /// `[key, value]` pairs for an entries iterator.
    pub(super) fn format_collection_iterator(&mut self, o: Obj, recurse_times: usize) -> Vec<String> {
        let (target, index, kind, is_set) = match &self.vm.heap.object(o).kind {
            ObjectKind::MapIterator(it) => (it.target, it.index as usize, it.kind, false),
            ObjectKind::SetIterator(it) => (it.target, it.index as usize, it.kind, true),
            _ => return Vec::new(),
        };
        let rest: Vec<(Value, Value)> = match target.and_then(|t| self.vm.heap.table(t)) {
            Some(t) => {
                let mut v = Vec::new();
                let mut at = index;
                while let Some((pos, e)) = t.next_live(at) {
                    v.push((e.key, if is_set { e.key } else { e.value }));
                    at = pos + 1;
                }
                v
            }
            None => Vec::new(),
        };
        let shown = self.opts.max_array_length.min(rest.len());
        self.indentation += 2;
        let mut output = Vec::with_capacity(shown + 1);
        for &(k, v) in &rest[..shown] {
            let text = match kind {
                IterationKind::Entries => {
                    let pair = vec![self.format_value(k, recurse_times), self.format_value(v, recurse_times)];
                    self.reduce_to_single_string(pair, "", ("[", "]"), Extras::Array, recurse_times, None)
                }
                IterationKind::Keys => self.format_value(k, recurse_times),
                IterationKind::Values => self.format_value(v, recurse_times),
            };
            output.push(text);
        }
        self.indentation -= 2;
        if rest.len() > shown {
            output.push(remaining_text(rest.len() - shown));
        }
        output
    }
}

/// Node's `getIteratorBraces`, with ` Entries]` for key-value iterators.
fn iterator_brace(kind: &str, tag: &str, entries: bool) -> String {
    let own = format!("{kind} Iterator");
    let mut label = tag.to_string();
    if tag != own {
        if !label.is_empty() {
            label.push_str("] [");
        }
        label.push_str(&own);
    }
    if entries {
        if let Some(stripped) = label.strip_suffix(" Iterator") {
            label = format!("{stripped} Entries");
        }
    }
    format!("[{label}] {{")
}

#[cfg(test)]
mod tests {
    use crate::builtins::console::{inspect_with, InspectOptions};
    use crate::Runtime;

    /// `util.inspect` of the completion value of `src`, as Node 20 prints it.
    fn inspect(src: &str) -> String {
        let mut rt = Runtime::new();
        let v = rt.eval(src, "test.js").unwrap_or_else(|_| panic!("{src} threw"));
        inspect_with(&mut rt.vm, v, InspectOptions::default())
    }

    #[test]
    fn collections_print_as_node_does() {
        let cases = [
            ("new Map([['a', 1], ['b', 2]])", "Map(2) { 'a' => 1, 'b' => 2 }"),
            ("new Map()", "Map(0) {}"),
            ("new Set([1, 'two', [3]])", "Set(3) { 1, 'two', [ 3 ] }"),
            ("new WeakMap()", "WeakMap { <items unknown> }"),
            ("new WeakSet()", "WeakSet { <items unknown> }"),
            ("var m = new Map([['a', 1], ['b', 2]]); var it = m.entries(); it.next(); it", "[Map Entries] { [ 'b', 2 ] }"),
            ("new Map([['a', 1]]).keys()", "[Map Iterator] { 'a' }"),
            ("new Set([1, 2]).entries()", "[Set Entries] { [ 1, 1 ], [ 2, 2 ] }"),
            ("class M extends Map {}; new M([[1, 2]])", "M(1) [Map] { 1 => 2 }"),
            ("var s = new Set([1]); s.extra = true; s", "Set(1) { 1, extra: true }"),
            ("({ a: { b: { c: new Map([[1, 2]]) } } })", "{ a: { b: { c: [Map] } } }"),
            ("var m = new Map(); m.set(m, m); m", "<ref *1> Map(1) { [Circular *1] => [Circular *1] }"),
            ("var it = new Set([1]).values(); it.next(); it.next(); it", "[Set Iterator] {  }"),
        ];
        for (src, expected) in cases {
            assert_eq!(inspect(src), expected, "{src}");
        }
    }

    #[test]
    fn long_sets_stop_at_max_array_length() {
        let text = inspect("var s = new Set(); for (var i = 0; i < 120; i++) s.add(i); s");
        assert!(text.starts_with("Set(120) {\n  0,\n  1,\n"), "{text}");
        assert!(text.ends_with("  99,\n  ... 20 more items\n}"), "{text}");
    }
}
