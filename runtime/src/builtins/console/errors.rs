//! Errors as `util.inspect` shows them (Node's `formatError`): the
//! `stack`, renamed after the constructor when a subclass left the name
//! `Error` in it, wrapped in brackets when it has no frames, frames shared
//! with the `cause` folded into `... N lines matching cause stack trace
//! ...`, and `cause`/`errors` added to the properties listed after it.

use super::inspect::Ctx;
use super::naming::prefix;
use super::reflect;
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, PropertyKey, Value};

/// Is `o` an error: a native one, or an instance of `Error.prototype`.
pub(super) fn is_error(ctx: &Ctx<'_>, o: Obj) -> bool {
    matches!(ctx.vm.heap.object(o).kind, ObjectKind::Error) || reflect::inherits_from(ctx.vm, o, ctx.vm.realm.intrinsics.error_prototypes[0])
}

/// The text of `String(value)` for a primitive; objects as `[object Object]`.
fn text_of(ctx: &Ctx<'_>, value: Value) -> String {
    reflect::primitive_string(ctx.vm, value).unwrap_or_else(|| "[object Object]".into())
}

/// Matches `^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)` and returns the group.
fn leading_name(stack: &str) -> Option<&str> {
    let b = stack.as_bytes();
    if !b.first()?.is_ascii_uppercase() {
        return None;
    }
    let in_class = |c: u8| c.is_ascii_alphanumeric() || b"_ []()-".contains(&c);
    let end = 1 + b[1..].iter().take_while(|&&c| in_class(c)).count();
    let rest = &stack[end..];
    (end >= 2 && (rest.starts_with(':') || rest.starts_with("\n    at"))).then(|| &stack[..end])
}

/// Matches `^([a-z_A-Z0-9-]*Error)$`.
fn whole_error_name(stack: &str) -> bool {
    stack.ends_with("Error") && stack.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

/// Node's `improveStack`: puts the constructor's name in the first line
/// when it differs from the `name` there (`MyError: x`, `Foo [TypeError]: x`).
fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let regular = name.ends_with("Error")
        && stack.starts_with(name)
        && matches!(stack.as_bytes().get(len), None | Some(b':') | Some(b'\n'));
    if !(constructor.is_none() || regular) {
        return stack;
    }
    let mut fallback = "Error".to_string();
    if constructor.is_none() {
        let found = leading_name(&stack).or_else(|| whole_error_name(&stack).then_some(stack.as_str()));
        let found = found.unwrap_or("").to_string();
        len = found.len();
        fallback = if found.is_empty() { "Error".into() } else { found };
    }
    let full = prefix(constructor, tag, &fallback, "");
    let pre = &full[..full.len() - 1];
    if name == pre {
        return stack;
    }
    let rest = stack.get(len..).unwrap_or("");
    if pre.contains(name) {
        if len == 0 {
            format!("{pre}: {stack}")
        } else {
            format!("{pre}{rest}")
        }
    } else {
        format!("{pre} [{name}]{rest}")
    }
}

/// Node's `identicalSequenceRange`: the longest run (over 3) of `a`'s
/// lines found in `b` with at least 4 lines left, as (length, offset in a).
fn identical_sequence_range(a: &[&str], b: &[&str]) -> (usize, usize) {
    for i in 0..a.len().saturating_sub(3) {
        let Some(pos) = b.iter().position(|l| *l == a[i]) else { continue };
        let rest = b.len() - pos;
        if rest > 3 {
            let max_len = (a.len() - i).min(rest);
            let mut len = 1;
            while max_len > len && a[i + len] == b[pos + len] {
                len += 1;
            }
            if len > 3 {
                return (len, i);
            }
        }
    }
    (0, 0)
}

impl Ctx<'_> {
    /// `error.stack` if truthy, else `Error.prototype.toString` of it.
    fn stack_string(&mut self, o: Obj) -> String {
        let stack = reflect::get_named(self.vm, o, "stack");
        if reflect::truthy(self.vm, stack) {
            return text_of(self, stack);
        }
        let name = match reflect::get_named(self.vm, o, "name") {
            Value::Undefined => "Error".to_string(),
            v => text_of(self, v),
        };
        let message = match reflect::get_named(self.vm, o, "message") {
            Value::Undefined => String::new(),
            v => text_of(self, v),
        };
        match (name.is_empty(), message.is_empty()) {
            (true, _) => message,
            (false, true) => name,
            (false, false) => format!("{name}: {message}"),
        }
    }

    /// Node's `formatError`; adjusts `keys` (drops `name`/`message`/`stack`
    /// already shown in the stack, adds `cause` and `errors`).
    pub(super) fn format_error(&mut self, o: Obj, constructor: Option<&str>, tag: &str, keys: &mut Vec<PropertyKey>) -> String {
        let name = match reflect::get_named(self.vm, o, "name") {
            Value::Undefined | Value::Null => "Error".to_string(),
            v => text_of(self, v),
        };
        let stack = self.stack_string(o);
        self.remove_duplicate_error_keys(o, keys, &stack);
        for extra in ["cause", "errors"] {
            let key = PropertyKey::Atom(self.vm.heap.intern_str(extra));
            let wanted = match extra {
                "cause" => reflect::has(self.vm, o, key),
                _ => matches!(reflect::get(self.vm, o, key), Value::Object(e) if self.vm.heap.object(e).is_array()),
            };
            if wanted && !keys.contains(&key) {
                keys.push(key);
            }
        }
        let stack = improve_stack(stack, constructor, &name, tag);
        let stack = self.split_frames(o, stack);
        if self.indentation == 0 {
            return stack;
        }
        stack.replace('\n', &format!("\n{}", " ".repeat(self.indentation)))
    }

    /// Wraps a stack without frames in brackets; folds frames shared with the cause.
    fn split_frames(&mut self, o: Obj, stack: String) -> String {
        let message = reflect::get_named(self.vm, o, "message");
        let from = match message {
            Value::String(m) if self.vm.heap.string_len(m) > 0 => {
                let m = self.vm.heap.to_rust_string(m);
                match stack.find(&m) {
                    Some(i) if i > 0 => i + m.len(),
                    _ => 0,
                }
            }
            _ => 0,
        };
        let Some(start) = stack.get(from..).and_then(|s| s.find("\n    at")).map(|i| i + from) else {
            return format!("[{stack}]");
        };
        let frames = self.stack_frames(o, &stack[start + 1..]);
        format!("{}\n{}", &stack[..start], frames.join("\n"))
    }

    /// Node's `getStackFrames`.
    fn stack_frames(&mut self, o: Obj, frames_text: &str) -> Vec<String> {
        let mut frames: Vec<String> = frames_text.split('\n').map(str::to_string).collect();
        let cause = match reflect::get_named(self.vm, o, "cause") {
            Value::Object(c) if is_error(self, c) => c,
            _ => return frames,
        };
        let cause_stack = self.stack_string(cause);
        let Some(start) = cause_stack.find("\n    at") else { return frames };
        let cause_frames: Vec<&str> = cause_stack[start + 1..].split('\n').collect();
        let own: Vec<&str> = frames.iter().map(String::as_str).collect();
        let (len, offset) = identical_sequence_range(&own, &cause_frames);
        if len > 0 {
            let skipped = len - 2;
            let msg = format!("    ... {skipped} lines matching cause stack trace ...");
            frames.splice(offset + 1..offset + 1 + skipped, [msg]);
        }
        frames
    }

    /// Node's `removeDuplicateErrorKeys`.
    fn remove_duplicate_error_keys(&mut self, o: Obj, keys: &mut Vec<PropertyKey>, stack: &str) {
        if self.opts.show_hidden || keys.is_empty() {
            return;
        }
        for name in ["name", "message", "stack"] {
            let key = PropertyKey::Atom(self.vm.heap.intern_str(name));
            let Some(index) = keys.iter().position(|k| *k == key) else { continue };
            let value = reflect::get(self.vm, o, key);
            if stack.contains(&text_of(self, value)) {
                keys.remove(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_names() {
        assert_eq!(leading_name("Error: x\n    at f"), Some("Error"));
        assert_eq!(leading_name("My Thing\n    at f"), Some("My Thing"));
        assert_eq!(leading_name("lower: x"), None);
        assert!(whole_error_name("TypeError"));
        assert_eq!(improve_stack("Error: x".into(), Some("MyError"), "Error", ""), "MyError: x");
        assert_eq!(improve_stack("TypeError: x".into(), Some("Foo"), "TypeError", ""), "Foo [TypeError]: x");
        assert_eq!(improve_stack("Error: x".into(), None, "Error", ""), "[Error: null prototype]: x");
    }
}
