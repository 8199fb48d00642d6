//! `RegExp.prototype[@@split]` (§22.2.6.14): a sticky splitter made by the
//! species constructor is tried at each position.
//!
//! When the splitter is a plain %RegExp% instance whose `exec` is the
//! built-in one, nothing the loop does is observable, so it searches
//! forward for the next match instead of trying every position: the same
//! result, without a quadratic number of sticky attempts.

use super::exec::{advance_string_index, get_index, regexp_exec};
use super::matching::{flags_of, has, set_last_index};
use super::prototype::this_object;
use super::{last_index_key, regexp_data, regexp_prototype};
use crate::builtins::support::{arg, create_index, method_sym};
use spindle_vm::object::Property;
use spindle_vm::value::{Obj, Str, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `@@split` on `proto`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let sym = vm.heap.well_known.split;
    method_sym(vm, proto, sym, "[Symbol.split]", 2, symbol_split);
}

/// The array being built and its limit.
struct Parts {
    a: Obj,
    len: u64,
    lim: u64,
}

impl Parts {
    /// Appends `v`; true when the limit is reached.
    fn push(&mut self, vm: &mut Vm, v: Value) -> JsResult<bool> {
        create_index(vm, self.a, self.len, v)?;
        self.len += 1;
        Ok(self.len == self.lim)
    }
}

/// `RegExp.prototype[@@split](string, limit)`.
fn symbol_split(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let rx be the this value; it must be an Object.
    let rx = this_object(vm, this, "[Symbol.split]")?;
    // 3. Let S be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 4. Let C be ? SpeciesConstructor(rx, %RegExp%).
    let regexp = vm.realm.intrinsic("%RegExp%").map_or(Value::Undefined, Value::Object);
    let c = vm.species_constructor(rx, regexp)?;
    // 5-7. flags, unicodeMatching, newFlags (with "y").
    let mut flags = flags_of(vm, rx)?;
    let unicode_matching = has(&flags, b'u') || has(&flags, b'v');
    if !has(&flags, b'y') {
        flags.push(u16::from(b'y'));
    }
    // 8. Let splitter be ? Construct(C, « rx, newFlags »).
    let new_flags = Value::String(vm.heap.alloc_string(flags));
    let splitter = vm.construct(c, &[Value::Object(rx), new_flags], None)?;
    let Value::Object(splitter) = splitter else { return vm.type_error("RegExp species constructor returned a non-object") };
    // 9-10. A and lengthA.
    let a = vm.create_array(&[]);
    // 11. lim = 2^32 - 1, or ToUint32(limit).
    let lim = match arg(args, 1) {
        Value::Undefined => u64::from(u32::MAX),
        l => u64::from(vm.to_uint32(l)?),
    };
    // 12. If lim = 0, return A.
    if lim == 0 {
        return Ok(Value::Object(a));
    }
    let mut parts = Parts { a, len: 0, lim };
    // 13-14. An empty S: [S] unless the splitter matches it.
    if vm.heap.string_len(s) == 0 {
        if regexp_exec(vm, splitter, s)? == Value::Null {
            parts.push(vm, Value::String(s))?;
        }
        return Ok(Value::Object(a));
    }
    let fast = c == regexp && is_pristine(vm, splitter);
    split_loop(vm, splitter, s, unicode_matching, fast, &mut parts)?;
    Ok(Value::Object(a))
}

/// The splitter is a %RegExp% instance whose `exec` is the built-in one,
/// found as a data property of %RegExp.prototype%.
fn is_pristine(vm: &mut Vm, splitter: Obj) -> bool {
    let proto = regexp_prototype(vm);
    let key = vm.heap.key_from_str("exec");
    let builtin = vm.realm.intrinsic("%RegExp.prototype.exec%");
    let own = vm.heap.get_own_raw(splitter, key);
    let inherited = vm.heap.get_own_raw(proto, key);
    regexp_data(vm, Value::Object(splitter)).is_some()
        && vm.heap.object(splitter).proto == Some(proto)
        && own.is_none()
        && matches!(inherited, Some(Property::Data { value: Value::Object(f), .. }) if Some(f) == builtin)
}

/// A match of the splitter: where it starts, `e` (its end, at most the
/// string's length), and its result object (slow path) or captures (fast).
struct SplitMatch {
    start: u64,
    end: u64,
    result: Option<Obj>,
    captures: Vec<Value>,
}

/// The next match at or after `q`, trying each position with the sticky
/// splitter (or searching, when fast).
fn next_match(vm: &mut Vm, splitter: Obj, s: Str, q: u64, unicode: bool, fast: bool) -> JsResult<Option<SplitMatch>> {
    let size = vm.heap.string_len(s) as u64;
    let mut q = q;
    while q < size {
        if fast {
            return fast_match(vm, splitter, s, q);
        }
        // 19.a-b. Set(splitter, "lastIndex", q, true); z = ? RegExpExec(splitter, S).
        set_last_index(vm, splitter, Value::Number(q as f64))?;
        let z = regexp_exec(vm, splitter, s)?;
        let Value::Object(z) = z else {
            // 19.c. No match here: the next position.
            q = advance_string_index(vm, s, q, unicode);
            continue;
        };
        // 19.d.i-ii. e = min(ToLength(splitter.lastIndex), size).
        let key = last_index_key(vm);
        let e = vm.get_property(splitter, key)?;
        let e = vm.to_length(e)?.min(size);
        return Ok(Some(SplitMatch { start: q, end: e, result: Some(z), captures: Vec::new() }));
    }
    Ok(None)
}

/// The fast path's search: the first match at or after `q`, with its
/// captures (the sticky flag is ignored by searching from `q`).
fn fast_match(vm: &mut Vm, splitter: Obj, s: Str, q: u64) -> JsResult<Option<SplitMatch>> {
    // Only positions before the end are tried (step 19's q < size).
    let found = super::exec::search_from(vm, splitter, s, q as usize);
    let Some(m) = found.filter(|m| m.range.start < vm.heap.string_len(s)) else { return Ok(None) };
    let captures = m
        .captures
        .iter()
        .map(|c| match c {
            Some(r) => Value::String(vm.heap.substring(s, r.start, r.end)),
            None => Value::Undefined,
        })
        .collect();
    Ok(Some(SplitMatch { start: m.range.start as u64, end: m.range.end as u64, result: None, captures }))
}

/// Steps 17-25: the pieces between matches, then the captures of each.
fn split_loop(vm: &mut Vm, splitter: Obj, s: Str, unicode: bool, fast: bool, parts: &mut Parts) -> JsResult<()> {
    let size = vm.heap.string_len(s) as u64;
    // 17-18. p (the end of the last piece) and q (where to try next).
    let (mut p, mut q) = (0u64, 0u64);
    while q < size {
        let Some(found) = next_match(vm, splitter, s, q, unicode, fast)? else { break };
        let (start, e) = (found.start, found.end);
        // 19.d.iii. An empty match at p: try the next position.
        if e == p {
            q = advance_string_index(vm, s, start, unicode);
            continue;
        }
        // 19.d.iv.1-4. T = S[p..q] appended.
        let t = vm.heap.substring(s, p as usize, start as usize);
        if parts.push(vm, Value::String(t))? {
            return Ok(());
        }
        // 19.d.iv.5-11. p = e; then each capture.
        p = e;
        let captures = match found.result {
            Some(z) => capture_values(vm, z)?,
            None => found.captures,
        };
        for cap in captures {
            if parts.push(vm, cap)? {
                return Ok(());
            }
        }
        q = p;
    }
    // 20-25. The rest: S[p..size].
    let t = vm.heap.substring(s, p as usize, size as usize);
    parts.push(vm, Value::String(t))?;
    Ok(())
}

/// numberOfCaptures = max(LengthOfArrayLike(z) - 1, 0) and each `z[i]`.
fn capture_values(vm: &mut Vm, z: Obj) -> JsResult<Vec<Value>> {
    let n = vm.length_of_array_like(z)?.saturating_sub(1);
    (1..=n).map(|i| get_index(vm, z, i)).collect()
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::eval;

    #[test]
    fn fast_and_observable_paths_agree() {
        let src = "var r = []; for (const [s, re, lim] of [['a,b,,c', /,/], ['abc', /(?:)/], ['a1b22c', /(\\d)+/], \
                   ['\\u{1F600}x', /(?:)/u], ['abc', /b/, 1], ['', /x/], ['', /(?:)/], ['x', /$/], ['ab', /(?=b)|$/]]) { \
                   r.push(JSON.stringify(s.split(re, lim))); \
                   class R extends RegExp {}; r.push(JSON.stringify(s.split(new R(re.source, re.flags), lim))); } r.join(' ')";
        let out = eval(src);
        let pieces: Vec<&str> = out.split(' ').collect();
        for pair in pieces.chunks(2) {
            assert_eq!(pair[0], pair[1], "{out}");
        }
        assert!(out.starts_with("[\"a\",\"b\",\"\",\"c\"]"), "{out}");
    }
}
