//! `String` (ECMAScript 2025 §22.1): the constructor (String exotic
//! wrappers), `String.fromCharCode`, `fromCodePoint`, `raw`, the
//! installation of every `String.prototype` method (implemented by theme
//! in the submodules, Annex B's `substr` and HTML methods included) and
//! %StringIteratorPrototype%.
//!
//! Strings are UTF-16 code units throughout; results are built as
//! `Vec<u16>` and allocated once.

mod case;
mod html;
mod iterator;
pub(crate) mod methods;
mod pad_trim;
pub(crate) mod regexp;

use super::builder::{native_function, Builder};
use super::support::{arg, install_constructor};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Str, Value};
use spindle_vm::{JsResult, Vm};

/// Longest string Spindle makes (in code units), like V8's limit.
pub(crate) const MAX_STRING_LENGTH: usize = (1 << 30) - 25;

/// Installs `String` and `String.prototype`.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.string_prototype;
    let ctor = native_function(vm, "String", 1, string_constructor, true);
    Builder::new(vm, ctor)
        .method("fromCharCode", 1, from_char_code)
        .method("fromCodePoint", 1, from_code_point)
        .method("raw", 1, raw);
    install_constructor(vm, "String", ctor, proto, "%String%");
    methods::install(vm, proto);
    pad_trim::install(vm, proto);
    case::install(vm, proto);
    regexp::install(vm, proto);
    html::install(vm, proto);
    iterator::install(vm, proto);
}

/// RequireObjectCoercible(this) then ToString: the first steps of most
/// `String.prototype` methods.
pub(crate) fn this_str(vm: &mut Vm, this: Value) -> JsResult<Str> {
    if this.is_nullish() {
        return vm.type_error("String.prototype method called on null or undefined");
    }
    vm.to_string(this)
}

/// thisStringValue(value) (§22.1.3.35.1).
fn this_string_value(vm: &mut Vm, this: Value) -> JsResult<Str> {
    match this {
        Value::String(s) => Ok(s),
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::String(s) => Ok(s),
            _ => vm.type_error("String.prototype.valueOf requires that 'this' be a String"),
        },
        _ => vm.type_error("String.prototype.valueOf requires that 'this' be a String"),
    }
}

/// A new heap string from code units, or the RangeError of a string too long.
pub(crate) fn make_string(vm: &mut Vm, units: Vec<u16>) -> JsResult<Value> {
    if units.len() > MAX_STRING_LENGTH {
        return vm.range_error("Invalid string length");
    }
    Ok(Value::String(vm.heap.alloc_string(units)))
}

/// SymbolDescriptiveString(sym) (§20.4.3.3.1).
fn symbol_descriptive_string(vm: &mut Vm, sym: spindle_vm::value::Sym) -> Value {
    let mut units: Vec<u16> = "Symbol(".encode_utf16().collect();
    if let Some(d) = vm.heap.symbol_description(sym) {
        units.extend_from_slice(vm.heap.units(d));
    }
    units.push(u16::from(b')'));
    Value::String(vm.heap.alloc_string(units))
}

/// `String(value)` and `new String(value)` (§22.1.1.1).
fn string_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1-2. s is "" without an argument; String(symbol) is its descriptive string.
    let s = match args.first() {
        None => vm.heap.empty_string(),
        Some(&Value::Symbol(sym)) if new_target.is_none() => return Ok(symbol_descriptive_string(vm, sym)),
        Some(&v) => vm.to_string(v)?,
    };
    // 3. If NewTarget is undefined, return s.
    let Some(nt) = new_target else { return Ok(Value::String(s)) };
    // 4. Return StringCreate(s, ? GetPrototypeFromConstructor(NewTarget, "%String.prototype%")).
    let fallback = vm.realm.intrinsics.string_prototype;
    let proto = vm.get_prototype_from_constructor(nt, fallback)?;
    Ok(Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::String(s))))
}

/// `String.fromCharCode(...codeUnits)` (§22.1.2.1).
fn from_char_code(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for &v in args {
        units.push(vm.to_uint16(v)?);
    }
    make_string(vm, units)
}

/// `String.fromCodePoint(...codePoints)` (§22.1.2.2).
fn from_code_point(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for &v in args {
        // a. Let nextCP be ? ToNumber(next).
        let cp = vm.to_number(v)?;
        // b-c. Integral and at most 0x10FFFF, else a RangeError.
        if cp.trunc() != cp || !(0.0..=1_114_111.0).contains(&cp) {
            let text = spindle_vm::ops::number_to_string::number_to_string(cp);
            return vm.range_error(&format!("Invalid code point {text}"));
        }
        // d. Append UTF16EncodeCodePoint(ℝ(nextCP)).
        push_code_point(&mut units, cp as u32);
    }
    make_string(vm, units)
}

/// UTF16EncodeCodePoint(cp) appended to `out`.
pub(crate) fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp < 0x10000 {
        out.push(cp as u16);
    } else {
        let c = cp - 0x10000;
        out.push(0xD800 + (c >> 10) as u16);
        out.push(0xDC00 + (c & 0x3FF) as u16);
    }
}

/// CodePointAt(string, position) (§11.1.4): the code point and its length
/// in code units (a lone surrogate is itself).
pub(crate) fn code_point_at(units: &[u16], position: usize) -> (u32, usize) {
    let Some(&first) = units.get(position) else { return (0, 1) };
    if !(0xD800..=0xDBFF).contains(&first) {
        return (u32::from(first), 1);
    }
    match units.get(position + 1) {
        Some(&second) if (0xDC00..=0xDFFF).contains(&second) => {
            let cp = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
            (cp, 2)
        }
        _ => (u32::from(first), 1),
    }
}

/// `String.raw(template, ...substitutions)` (§22.1.2.4).
fn raw(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let substitutions = args.get(1..).unwrap_or(&[]);
    // 3. Let cooked be ? ToObject(template).
    let cooked = vm.to_object(arg(args, 0))?;
    // 4. Let literals be ? ToObject(? Get(cooked, "raw")).
    let raw_key = vm.heap.key_from_str("raw");
    let raw_value = vm.get_property(cooked, raw_key)?;
    let literals = vm.to_object(raw_value)?;
    // 5. Let literalCount be ? LengthOfArrayLike(literals).
    let literal_count = vm.length_of_array_like(literals)?;
    // 6. If literalCount ≤ 0, return the empty String.
    let mut out: Vec<u16> = Vec::new();
    // 7-9. Interleave the literals with the substitutions.
    for next_index in 0..literal_count {
        let key = super::support::index_key(vm, next_index);
        let literal = vm.get_property(literals, key)?;
        let literal = vm.to_string(literal)?;
        out.extend_from_slice(vm.heap.units(literal));
        if next_index + 1 == literal_count {
            break;
        }
        if let Some(&sub) = substitutions.get(next_index as usize) {
            let sub = vm.to_string(sub)?;
            out.extend_from_slice(vm.heap.units(sub));
        }
        if out.len() > MAX_STRING_LENGTH {
            return vm.range_error("Invalid string length");
        }
    }
    make_string(vm, out)
}

/// `String.prototype.toString()` and `valueOf()` (§22.1.3.29, §22.1.3.35).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::String(this_string_value(vm, this)?))
}

/// Defines `toString` and `valueOf`.
fn install_value_of(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto).method("valueOf", 0, value_of);
    let f = native_function(vm, "toString", 0, value_of, false);
    let k = PropertyKey::Atom(vm.heap.names.to_string);
    vm.heap.define_raw(proto, k, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
}

#[cfg(test)]
mod tests;
