//! `JSON.stringify(value [, replacer [, space]])` (§25.5.2): the
//! SerializeJSONProperty walk writing into one buffer of code units
//! (a member whose value serializes to undefined is cut off again),
//! toJSON, replacer functions and property lists, the gap, wrapper
//! objects unwrapped, the TypeErrors for BigInt and cycles, and
//! QuoteJSONString's escaping of lone surrogates.

use super::parse::MAX_NESTING;
use crate::builtins::string::MAX_STRING_LENGTH;
use crate::builtins::support::{arg, get_index, index_key};
use spindle_vm::object::ObjectKind;
use spindle_vm::ops::number_to_string::number_to_string;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The JSON Serialization Record (§25.5.2.1) plus the output buffer.
struct State {
    replacer_function: Option<Value>,
    property_list: Option<Vec<PropertyKey>>,
    stack: Vec<Obj>,
    indent: Vec<u16>,
    gap: Vec<u16>,
    out: Vec<u16>,
}

/// `JSON.stringify(value [, replacer [, space]])`.
pub(super) fn stringify(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (value, replacer, space) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 1-4. The replacer: a function, or an array giving the property list.
    let mut state = State {
        replacer_function: None,
        property_list: None,
        stack: Vec::new(),
        indent: Vec::new(),
        gap: Vec::new(),
        out: Vec::new(),
    };
    if let Value::Object(r) = replacer {
        if vm.is_callable(replacer) {
            state.replacer_function = Some(replacer);
        } else if vm.is_array(replacer)? {
            state.property_list = Some(property_list(vm, r)?);
        }
    }
    // 5-8. The gap.
    state.gap = gap(vm, space)?;
    // 9-11. wrapper = { "": value }; SerializeJSONProperty(state, "", wrapper).
    let wrapper = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let empty = PropertyKey::Atom(vm.heap.names.empty);
    vm.create_data_property_or_throw(wrapper, empty, value)?;
    if !serialize_property(vm, &mut state, empty, wrapper)? {
        return Ok(Value::Undefined);
    }
    if state.out.len() > MAX_STRING_LENGTH {
        return vm.range_error("Invalid string length");
    }
    Ok(Value::String(vm.heap.alloc_string(state.out)))
}

/// Step 4.b of JSON.stringify: the keys listed by a replacer array.
fn property_list(vm: &mut Vm, r: Obj) -> JsResult<Vec<PropertyKey>> {
    let len = vm.length_of_array_like(r)?;
    let mut list: Vec<PropertyKey> = Vec::new();
    for k in 0..len {
        let v = get_index(vm, r, k)?;
        // Strings, Numbers, and String or Number wrappers.
        let item = match v {
            Value::String(_) | Value::Number(_) => Some(vm.to_string(v)?),
            Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::String(_) | ObjectKind::Number(_)) => {
                Some(vm.to_string(v)?)
            }
            _ => None,
        };
        if let Some(s) = item {
            let key = vm.heap.string_key(s);
            if !list.contains(&key) {
                list.push(key);
            }
        }
    }
    Ok(list)
}

/// Steps 5-8 of JSON.stringify: the gap from `space`.
fn gap(vm: &mut Vm, space: Value) -> JsResult<Vec<u16>> {
    // 5. Unwrap Number and String objects.
    let space = match space {
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::Number(_) => Value::Number(vm.to_number(space)?),
            ObjectKind::String(_) => Value::String(vm.to_string(space)?),
            _ => space,
        },
        _ => space,
    };
    Ok(match space {
        // 6. Up to 10 spaces.
        Value::Number(n) => {
            let count = spindle_vm::ops::int_conversions::to_integer_or_infinity(n).clamp(0.0, 10.0) as usize;
            vec![u16::from(b' '); count]
        }
        // 7. The first 10 code units.
        Value::String(s) => vm.heap.units(s).iter().take(10).copied().collect(),
        _ => Vec::new(),
    })
}

/// SerializeJSONProperty(state, key, holder) (§25.5.2.2): writes the
/// value's text and returns true, or writes nothing and returns false
/// (undefined).
fn serialize_property(vm: &mut Vm, state: &mut State, key: PropertyKey, holder: Obj) -> JsResult<bool> {
    // 1. Let value be ? Get(holder, key).
    let mut value = vm.get_property(holder, key)?;
    // 2. If value is an Object or a BigInt, call its toJSON method if callable.
    if matches!(value, Value::Object(_) | Value::BigInt(_)) {
        let to_json_key = vm.heap.key_from_str("toJSON");
        let to_json = vm.get_v(value, to_json_key)?;
        if vm.is_callable(to_json) {
            let key_value = vm.heap.key_to_value(key);
            value = vm.call(to_json, value, &[key_value])?;
        }
    }
    // 3. If there is a ReplacerFunction, call it.
    if let Some(f) = state.replacer_function {
        let key_value = vm.heap.key_to_value(key);
        value = vm.call(f, Value::Object(holder), &[key_value, value])?;
    }
    // 4. Unwrap Number, String, Boolean and BigInt objects.
    if let Value::Object(o) = value {
        value = match vm.heap.object(o).kind {
            ObjectKind::Number(_) => Value::Number(vm.to_number(value)?),
            ObjectKind::String(_) => Value::String(vm.to_string(value)?),
            ObjectKind::Boolean(b) => Value::Bool(b),
            ObjectKind::BigInt(b) => Value::BigInt(b),
            _ => value,
        };
    }
    // 5-12. Write the value.
    let out = &mut state.out;
    match value {
        Value::Null => out.extend("null".encode_utf16()),
        Value::Bool(true) => out.extend("true".encode_utf16()),
        Value::Bool(false) => out.extend("false".encode_utf16()),
        Value::String(s) => quote_json_string(out, vm.heap.units(s)),
        Value::Number(n) if n.is_finite() => out.extend(number_to_string(n).encode_utf16()),
        Value::Number(_) => out.extend("null".encode_utf16()),
        Value::BigInt(_) => return vm.type_error("Do not know how to serialize a BigInt"),
        Value::Object(o) if !vm.is_callable(value) => {
            if vm.is_array(value)? {
                serialize_array(vm, state, o)?;
            } else {
                serialize_object(vm, state, o)?;
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// QuoteJSONString(value) (§25.5.2.3), appended to `out`.
fn quote_json_string(out: &mut Vec<u16>, units: &[u16]) {
    out.push(u16::from(b'"'));
    for (i, &u) in units.iter().enumerate() {
        let escape: Option<&str> = match u {
            0x08 => Some("\\b"),
            0x09 => Some("\\t"),
            0x0A => Some("\\n"),
            0x0C => Some("\\f"),
            0x0D => Some("\\r"),
            0x22 => Some("\\\""),
            0x5C => Some("\\\\"),
            _ => None,
        };
        if let Some(e) = escape {
            out.extend(e.encode_utf16());
        } else if u < 0x20 || is_lone_surrogate(units, i) {
            out.extend(format!("\\u{u:04x}").encode_utf16());
        } else {
            out.push(u);
        }
    }
    out.push(u16::from(b'"'));
}

fn is_lone_surrogate(units: &[u16], i: usize) -> bool {
    let Some(&u) = units.get(i) else { return false };
    match u {
        0xD800..=0xDBFF => !matches!(units.get(i + 1), Some(0xDC00..=0xDFFF)),
        0xDC00..=0xDFFF => i == 0 || !matches!(units.get(i - 1), Some(0xD800..=0xDBFF)),
        _ => false,
    }
}

/// Entering an object or array: the cycle check and the indent.
fn enter(vm: &mut Vm, state: &mut State, o: Obj) -> JsResult<Vec<u16>> {
    // 1. If state.[[Stack]] contains value, throw a TypeError exception.
    if state.stack.contains(&o) {
        return vm.type_error("Converting circular structure to JSON");
    }
    if state.stack.len() > MAX_NESTING {
        return vm.range_error("Maximum call stack size exceeded");
    }
    // 2-4. Push it; stepback = indent; indent = indent + gap.
    state.stack.push(o);
    let stepback = state.indent.clone();
    state.indent.extend_from_slice(&state.gap.clone());
    Ok(stepback)
}

/// Writes the separator before a member: "," unless first, then the
/// newline and indent when there is a gap.
fn member_prefix(state: &mut State, first: bool) {
    if !first {
        state.out.push(u16::from(b','));
    }
    if !state.gap.is_empty() {
        state.out.push(u16::from(b'\n'));
        state.out.extend_from_slice(&state.indent);
    }
}

/// Leaving: the closing bracket (on its own line after members when there
/// is a gap), and the stack and indent restored.
fn leave(state: &mut State, stepback: Vec<u16>, any: bool, close: u8) {
    if any && !state.gap.is_empty() {
        state.out.push(u16::from(b'\n'));
        state.out.extend_from_slice(&stepback);
    }
    state.out.push(u16::from(close));
    state.stack.pop();
    state.indent = stepback;
}

/// SerializeJSONObject(state, value) (§25.5.2.5).
fn serialize_object(vm: &mut Vm, state: &mut State, o: Obj) -> JsResult<()> {
    let stepback = enter(vm, state, o)?;
    // 5-6. K is the property list, or the enumerable own string keys.
    let keys = match &state.property_list {
        Some(list) => list.clone(),
        None => vm.enumerable_own_keys(o)?,
    };
    state.out.push(u16::from(b'{'));
    let mut any = false;
    // 7-8. Each member whose value is not undefined.
    for key in keys {
        let mark = state.out.len();
        member_prefix(state, !any);
        let name = vm.heap.key_to_value(key);
        if let Value::String(s) = name {
            quote_json_string(&mut state.out, vm.heap.units(s));
        }
        state.out.push(u16::from(b':'));
        if !state.gap.is_empty() {
            state.out.push(u16::from(b' '));
        }
        if serialize_property(vm, state, key, o)? {
            any = true;
        } else {
            state.out.truncate(mark);
        }
    }
    leave(state, stepback, any, b'}');
    Ok(())
}

/// SerializeJSONArray(state, value) (§25.5.2.6).
fn serialize_array(vm: &mut Vm, state: &mut State, o: Obj) -> JsResult<()> {
    let stepback = enter(vm, state, o)?;
    // 6. Let len be ? LengthOfArrayLike(value).
    let len = vm.length_of_array_like(o)?;
    state.out.push(u16::from(b'['));
    // 7-8. Each element; undefined ones are "null".
    for index in 0..len {
        member_prefix(state, index == 0);
        let key = index_key(vm, index);
        if !serialize_property(vm, state, key, o)? {
            state.out.extend("null".encode_utf16());
        }
        if state.out.len() > MAX_STRING_LENGTH {
            return vm.range_error("Invalid string length");
        }
    }
    leave(state, stepback, len > 0, b']');
    Ok(())
}
