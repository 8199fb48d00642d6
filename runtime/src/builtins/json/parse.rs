//! `JSON.parse(text [, reviver])` (§25.5.1): a recursive-descent parser of
//! the ECMA-404 grammar over UTF-16 code units, building values directly
//! (objects with CreateDataProperty semantics, so `"__proto__"` is an own
//! property), then the reviver's InternalizeJSONProperty walk.

use crate::builtins::support::{arg, index_key};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::ops::string_to_number::string_to_number;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Nesting beyond which parsing and reviving stop with a RangeError
/// instead of exhausting the Rust stack.
pub(super) const MAX_NESTING: usize = 1500;

/// `JSON.parse(text [, reviver])`.
pub(super) fn parse(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let jsonString be ? ToString(text).
    let text = vm.to_string(arg(args, 0))?;
    let units = vm.heap.units(text).to_vec();
    // 2-8. Parse it, or throw a SyntaxError.
    let mut p = Parser { s: &units, pos: 0, depth: 0 };
    p.skip_ws();
    let unfiltered = p.value(vm)?;
    p.skip_ws();
    if p.pos < units.len() {
        return p.unexpected(vm);
    }
    // 9. If IsCallable(reviver), walk the result.
    let reviver = arg(args, 1);
    if !vm.is_callable(reviver) {
        return Ok(unfiltered);
    }
    // a-d. root = { "": unfiltered }; InternalizeJSONProperty(root, "", reviver).
    let root = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let empty = PropertyKey::Atom(vm.heap.names.empty);
    vm.create_data_property_or_throw(root, empty, unfiltered)?;
    internalize(vm, root, empty, reviver, 0)
}

/// The parser state: the text, the position and the nesting depth.
struct Parser<'a> {
    s: &'a [u16],
    pos: usize,
    depth: usize,
}

fn is_ws(u: u16) -> bool {
    matches!(u, 0x09 | 0x0A | 0x0D | 0x20)
}

impl Parser<'_> {
    fn peek(&self) -> Option<u16> {
        self.s.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    /// The SyntaxError for the code unit at the current position.
    fn unexpected<T>(&self, vm: &mut Vm) -> JsResult<T> {
        match self.peek() {
            None => vm.syntax_error("Unexpected end of JSON input"),
            Some(u) => {
                let c = char::from_u32(u32::from(u)).map_or_else(|| format!("\\u{u:04x}"), |c| c.to_string());
                vm.syntax_error(&format!("Unexpected token '{c}' in JSON at position {}", self.pos))
            }
        }
    }

    fn expect_word(&mut self, vm: &mut Vm, word: &str, value: Value) -> JsResult<Value> {
        for b in word.bytes() {
            if self.peek() != Some(u16::from(b)) {
                return self.unexpected(vm);
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn value(&mut self, vm: &mut Vm) -> JsResult<Value> {
        match self.peek() {
            Some(0x7B) => self.nested(vm, Self::object),
            Some(0x5B) => self.nested(vm, Self::array),
            Some(0x22) => {
                let units = self.string(vm)?;
                Ok(Value::String(vm.heap.alloc_string(units)))
            }
            Some(0x74) => self.expect_word(vm, "true", Value::Bool(true)),
            Some(0x66) => self.expect_word(vm, "false", Value::Bool(false)),
            Some(0x6E) => self.expect_word(vm, "null", Value::Null),
            Some(u) if u == u16::from(b'-') || (0x30..=0x39).contains(&u) => self.number(vm),
            _ => self.unexpected(vm),
        }
    }

    fn nested(&mut self, vm: &mut Vm, f: fn(&mut Self, &mut Vm) -> JsResult<Value>) -> JsResult<Value> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return vm.range_error("Maximum call stack size exceeded");
        }
        let r = f(self, vm);
        self.depth -= 1;
        r
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|u| (0x30..=0x39).contains(&u)) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self, vm: &mut Vm) -> JsResult<Value> {
        let start = self.pos;
        if self.peek() == Some(u16::from(b'-')) {
            self.pos += 1;
        }
        // int: 0 | [1-9][0-9]*
        match self.peek() {
            Some(0x30) => self.pos += 1,
            Some(0x31..=0x39) => {
                self.digits();
            }
            _ => return self.unexpected(vm),
        }
        // frac: . [0-9]+
        if self.peek() == Some(u16::from(b'.')) {
            self.pos += 1;
            if self.digits() == 0 {
                return self.unexpected(vm);
            }
        }
        // exp: [eE] [+-]? [0-9]+
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x2B | 0x2D)) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.unexpected(vm);
            }
        }
        let text = self.s.get(start..self.pos).unwrap_or(&[]);
        Ok(Value::Number(string_to_number(text)))
    }

    fn hex4(&mut self, vm: &mut Vm) -> JsResult<u16> {
        let mut v: u16 = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|u| char::from_u32(u32::from(u))).and_then(|c| c.to_digit(16));
            let Some(d) = d else { return self.unexpected(vm) };
            v = v * 16 + d as u16;
            self.pos += 1;
        }
        Ok(v)
    }

    /// A string literal (the opening quote is at `pos`): its code units.
    fn string(&mut self, vm: &mut Vm) -> JsResult<Vec<u16>> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            // A run of plain code units.
            let run_start = self.pos;
            while self.peek().is_some_and(|u| u != 0x22 && u != 0x5C && u >= 0x20) {
                self.pos += 1;
            }
            out.extend_from_slice(self.s.get(run_start..self.pos).unwrap_or(&[]));
            match self.peek() {
                Some(0x22) => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(0x5C) => {
                    self.pos += 1;
                    let unit = self.escape(vm)?;
                    out.push(unit);
                }
                _ => return self.unexpected(vm),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, vm: &mut Vm) -> JsResult<u16> {
        let unit = match self.peek() {
            Some(0x22) => 0x22,
            Some(0x5C) => 0x5C,
            Some(0x2F) => 0x2F,
            Some(0x62) => 0x08,
            Some(0x66) => 0x0C,
            Some(0x6E) => 0x0A,
            Some(0x72) => 0x0D,
            Some(0x74) => 0x09,
            Some(0x75) => {
                self.pos += 1;
                return self.hex4(vm);
            }
            _ => return self.unexpected(vm),
        };
        self.pos += 1;
        Ok(unit)
    }

    fn array(&mut self, vm: &mut Vm) -> JsResult<Value> {
        self.pos += 1;
        let mut values = Vec::new();
        self.skip_ws();
        if self.peek() == Some(0x5D) {
            self.pos += 1;
            return Ok(Value::Object(vm.create_array(&values)));
        }
        loop {
            self.skip_ws();
            values.push(self.value(vm)?);
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x5D) => {
                    self.pos += 1;
                    return Ok(Value::Object(vm.create_array(&values)));
                }
                _ => return self.unexpected(vm),
            }
        }
    }

    fn object(&mut self, vm: &mut Vm) -> JsResult<Value> {
        self.pos += 1;
        let o = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
        self.skip_ws();
        if self.peek() == Some(0x7D) {
            self.pos += 1;
            return Ok(Value::Object(o));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(0x22) {
                return self.unexpected(vm);
            }
            let name = self.string(vm)?;
            self.skip_ws();
            if self.peek() != Some(0x3A) {
                return self.unexpected(vm);
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value(vm)?;
            // CreateDataProperty on a fresh extensible ordinary object: a plain define.
            let key = vm.heap.property_key(&name);
            vm.heap.define_raw(o, key, v, Attributes::ALL);
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x7D) => {
                    self.pos += 1;
                    return Ok(Value::Object(o));
                }
                _ => return self.unexpected(vm),
            }
        }
    }
}

/// InternalizeJSONProperty(holder, name, reviver) (§25.5.1.1).
fn internalize(vm: &mut Vm, holder: Obj, name: PropertyKey, reviver: Value, depth: usize) -> JsResult<Value> {
    if depth > MAX_NESTING {
        return vm.range_error("Maximum call stack size exceeded");
    }
    // 1. Let val be ? Get(holder, name).
    let val = vm.get_property(holder, name)?;
    // 2. If val is an Object, then
    if let Value::Object(o) = val {
        // a-b. The element indices of an array, else the enumerable own keys.
        let keys: Vec<PropertyKey> = if vm.is_array(val)? {
            let len = vm.length_of_array_like(o)?;
            (0..len).map(|i| index_key(vm, i)).collect()
        } else {
            vm.enumerable_own_keys(o)?
        };
        // c. For each key: revive it, deleting it when the reviver returns undefined.
        for key in keys {
            let new_element = internalize(vm, o, key, reviver, depth + 1)?;
            if new_element == Value::Undefined {
                vm.delete(o, key)?;
            } else {
                vm.create_data_property(o, key, new_element)?;
            }
        }
    }
    // 3. Return ? Call(reviver, holder, « name, val »).
    let name_value = vm.heap.key_to_value(name);
    vm.call(reviver, Value::Object(holder), &[name_value, val])
}
