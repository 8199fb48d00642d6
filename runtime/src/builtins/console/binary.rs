//! How `inspect` writes typed arrays, ArrayBuffers and DataViews, as
//! Node's `formatTypedArray`, `formatArrayBuffer` and its DataView branch
//! do: `Uint8Array(3) [ 1, 2, 3 ]`, `ArrayBuffer { [Uint8Contents]: <01
//! 02>, byteLength: 2 }`, `DataView { byteLength: 2, byteOffset: 0,
//! buffer: ArrayBuffer {...} }`. Lengths and bytes are read from the
//! slots directly (no JavaScript runs).

use super::inspect::{remaining_text, Body, Ctx, Entry};
use super::naming::prefix;
use spindle_vm::object::{Attributes, ObjectKind, Property};
use spindle_vm::value::{Obj, Value};

impl Ctx<'_> {
    /// The braces (with their prefix) and the body of binary object `o`;
    /// `None` if it is not one.
    pub(super) fn binary_head(&mut self, o: Obj, c: Option<&str>, tag: &str) -> Option<(String, String, Body)> {
        match self.vm.heap.object(o).kind {
            ObjectKind::TypedArray(t) => {
                let len = self.vm.typed_array_length(&t).unwrap_or(0);
                let pre = prefix(c, tag, "", &format!("({len})"));
                Some((format!("{pre}["), "]".into(), Body::TypedArray))
            }
            ObjectKind::ArrayBuffer(_) => Some((format!("{}{{", prefix(c, tag, "ArrayBuffer", "")), "}".into(), Body::ArrayBuffer)),
            ObjectKind::DataView(_) => Some((format!("{}{{", prefix(c, tag, "DataView", "")), "}".into(), Body::DataView)),
            _ => None,
        }
    }

    /// Node's `formatTypedArray`: the first `maxArrayLength` elements.
    pub(super) fn format_typed_array(&mut self, o: Obj) -> Vec<String> {
        let len = self.vm.typed_array(o).and_then(|t| self.vm.typed_array_length(&t)).unwrap_or(0);
        let shown = self.opts.max_array_length.min(len);
        let mut output: Vec<String> = (0..shown)
            .map(|i| {
                let v = self.vm.typed_array_get_element(o, i as f64);
                self.format_primitive(v)
            })
            .collect();
        if len > shown {
            output.push(remaining_text(len - shown));
        }
        output
    }

    /// Node's `formatArrayBuffer` and the `byteLength` it lists after it.
    pub(super) fn format_array_buffer(&mut self, o: Obj, recurse_times: usize) -> Vec<String> {
        let contents = match self.vm.array_buffer(o).and_then(|b| b.bytes.as_ref()) {
            None => "(detached)".to_string(),
            Some(bytes) => {
                let shown = self.opts.max_array_length.min(bytes.len());
                let hex: Vec<String> = bytes[..shown].iter().map(|b| format!("{b:02x}")).collect();
                let mut text = format!("[Uint8Contents]: <{}>", hex.join(" "));
                let remaining = bytes.len() - shown;
                if remaining > 0 {
                    let s = if remaining > 1 { "s" } else { "" };
                    text.insert_str(text.len() - 1, &format!(" ... {remaining} more byte{s}"));
                }
                text
            }
        };
        let len = self.vm.buffer_byte_length(o) as f64;
        vec![contents, self.virtual_property("byteLength", Value::Number(len), recurse_times)]
    }

    /// The DataView branch: `byteLength`, `byteOffset` and `buffer`.
    pub(super) fn format_data_view(&mut self, o: Obj, recurse_times: usize) -> Vec<String> {
        let ObjectKind::DataView(d) = self.vm.heap.object(o).kind else { return Vec::new() };
        let len = d.byte_length.unwrap_or_else(|| self.vm.buffer_byte_length(d.buffer).saturating_sub(d.byte_offset));
        vec![
            self.virtual_property("byteLength", Value::Number(len as f64), recurse_times),
            self.virtual_property("byteOffset", Value::Number(d.byte_offset as f64), recurse_times),
            self.virtual_property("buffer", Value::Object(d.buffer), recurse_times),
        ]
    }

    /// `name: value` for a key Node adds to the listed ones (a getter's
    /// value on the prototype).
    fn virtual_property(&mut self, name: &str, value: Value, recurse_times: usize) -> String {
        let key = self.vm.heap.key_from_str(name);
        self.format_described(key, Property::data(value, Attributes::ENUMERABLE), recurse_times, Entry::Property)
    }
}
