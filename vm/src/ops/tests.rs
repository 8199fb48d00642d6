//! Tests of the operations that need a `Vm`: conversions through the heap,
//! equality and comparison tables, objects with `valueOf`, `toString` and
//! `@@toPrimitive`, BigInt operators and their errors, `in` and
//! `instanceof`.

use super::{Hint, Numeric};
use crate::object::{Attributes, NativeFunction, ObjectKind};
use crate::realm::ErrorKind;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// A `Vm::op_*` binary operator method.
type BinaryOperator = fn(&mut Vm, Value, Value) -> JsResult<Value>;

fn s(vm: &mut Vm, text: &str) -> Value {
    vm.string(text)
}

fn big(vm: &mut Vm, text: &str) -> Value {
    let n = text.parse::<num_bigint::BigInt>().unwrap_or_default();
    Value::BigInt(vm.heap.alloc_bigint(n))
}

fn text(vm: &mut Vm, v: Value) -> String {
    vm.to_rust_string(v).unwrap_or_else(|_| "<threw>".to_owned())
}

/// The kind of the error `r` threw, if it threw one.
fn thrown<T>(vm: &Vm, r: JsResult<T>) -> Option<ErrorKind> {
    let Err(Value::Object(o)) = r else { return None };
    let proto = vm.heap.object(o).proto?;
    ErrorKind::ALL.into_iter().find(|&k| vm.realm.error_prototype(k) == proto)
}

/// A native function object calling `f`.
fn native(vm: &mut Vm, f: crate::object::NativeFn) -> Value {
    let proto = vm.realm.intrinsics.function_prototype;
    let kind = ObjectKind::Native(NativeFunction { call: f, construct: false, captures: Box::new([]), realm: vm.current_realm() });
    Value::Object(vm.heap.alloc_object(Some(proto), kind))
}

/// A plain object.
fn object(vm: &mut Vm) -> Obj {
    let proto = vm.realm.intrinsics.object_prototype;
    vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary)
}

fn define(vm: &mut Vm, o: Obj, key: PropertyKey, v: Value) {
    vm.heap.define_raw(o, key, v, Attributes::WRITABLE_CONFIGURABLE);
}

/// An object whose `valueOf` returns 42 and `toString` returns "str".
fn object_with_value_of(vm: &mut Vm) -> Value {
    fn value_of(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
        Ok(Value::Number(42.0))
    }
    fn to_string(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
        Ok(vm.string("str"))
    }
    let o = object(vm);
    let (v, t) = (native(vm, value_of), native(vm, to_string));
    let (kv, kt) = (vm.heap.names.value_of, vm.heap.names.to_string);
    define(vm, o, PropertyKey::Atom(kv), v);
    define(vm, o, PropertyKey::Atom(kt), t);
    Value::Object(o)
}

/// An object whose `@@toPrimitive` returns the hint it was given.
fn object_echoing_hint(vm: &mut Vm) -> Value {
    fn echo(_: &mut Vm, _: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
        Ok(args.first().copied().unwrap_or_default())
    }
    let o = object(vm);
    let f = native(vm, echo);
    let key = PropertyKey::Symbol(vm.heap.well_known.to_primitive);
    define(vm, o, key, f);
    Value::Object(o)
}

#[test]
fn to_number_and_to_string() {
    let mut vm = Vm::new();
    let v = s(&mut vm, " 0x1F ");
    assert_eq!(vm.to_number(v).ok(), Some(31.0));
    assert_eq!(vm.to_number(Value::Null).ok(), Some(0.0));
    assert!(vm.to_number(Value::Undefined).is_ok_and(f64::is_nan));
    assert_eq!(vm.to_number(Value::Bool(true)).ok(), Some(1.0));
    let b = big(&mut vm, "1");
    let r = vm.to_number(b);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    for (v, t) in [
        (Value::Number(1e21), "1e+21"),
        (Value::Number(-0.0), "0"),
        (Value::Undefined, "undefined"),
        (Value::Null, "null"),
        (Value::Bool(false), "false"),
    ] {
        assert_eq!(text(&mut vm, v), t);
    }
    let b = big(&mut vm, "-12345678901234567890");
    assert_eq!(text(&mut vm, b), "-12345678901234567890");
}

#[test]
fn to_boolean_table() {
    let mut vm = Vm::new();
    let empty = s(&mut vm, "");
    let nonempty = s(&mut vm, "0");
    let zero = big(&mut vm, "0");
    let one = big(&mut vm, "1");
    let o = Value::Object(object(&mut vm));
    let falsy = [Value::Undefined, Value::Null, Value::Bool(false), Value::Number(0.0), Value::Number(-0.0), Value::Number(f64::NAN), empty, zero];
    let truthy = [Value::Bool(true), Value::Number(-1.0), nonempty, one, o];
    assert!(falsy.iter().all(|&v| !vm.to_boolean(v)));
    assert!(truthy.iter().all(|&v| vm.to_boolean(v)));
}

#[test]
fn loose_equality_table() {
    let mut vm = Vm::new();
    let one_s = s(&mut vm, "1");
    let empty = s(&mut vm, "");
    let one_n = big(&mut vm, "1");
    let bad = s(&mut vm, "1.5");
    let nan = Value::Number(f64::NAN);
    let cases = [
        (Value::Null, Value::Undefined, true),
        (Value::Null, Value::Number(0.0), false),
        (Value::Undefined, Value::Bool(false), false),
        (one_s, Value::Number(1.0), true),
        (empty, Value::Number(0.0), true),
        (Value::Bool(true), Value::Number(1.0), true),
        (Value::Bool(true), one_s, true),
        (nan, nan, false),
        (Value::Number(-0.0), Value::Number(0.0), true),
        (one_n, Value::Number(1.0), true),
        (one_n, Value::Number(1.5), false),
        (one_n, one_s, true),
        (one_n, bad, false),
        (one_n, Value::Bool(true), true),
    ];
    for (a, b, expected) in cases {
        assert_eq!(vm.op_loose_eq(a, b).ok(), Some(expected), "{a:?} == {b:?}");
        assert_eq!(vm.op_loose_eq(b, a).ok(), Some(expected), "{b:?} == {a:?}");
    }
}

#[test]
fn strict_equality_and_same_value() {
    let mut vm = Vm::new();
    let (a, b) = (s(&mut vm, "ab"), s(&mut vm, "ab"));
    assert!(vm.op_strict_eq(a, b));
    let (x, y) = (big(&mut vm, "5"), big(&mut vm, "5"));
    assert!(vm.op_strict_eq(x, y));
    let one = s(&mut vm, "1");
    assert!(!vm.op_strict_eq(Value::Number(1.0), one));
    let nan = Value::Number(f64::NAN);
    assert!(!vm.op_strict_eq(nan, nan));
    assert!(vm.same_value(nan, nan));
    assert!(!vm.same_value(Value::Number(0.0), Value::Number(-0.0)));
    assert!(vm.same_value_zero(Value::Number(0.0), Value::Number(-0.0)));
    assert!(vm.op_strict_eq(Value::Number(0.0), Value::Number(-0.0)));
    let (o1, o2) = (object(&mut vm), object(&mut vm));
    assert!(!vm.op_strict_eq(Value::Object(o1), Value::Object(o2)));
    assert!(vm.op_strict_eq(Value::Object(o1), Value::Object(o1)));
}

#[test]
fn objects_against_primitives() {
    let mut vm = Vm::new();
    let o = object_with_value_of(&mut vm);
    assert_eq!(vm.op_loose_eq(o, Value::Number(42.0)).ok(), Some(true));
    let forty_two = s(&mut vm, "42");
    assert_eq!(vm.op_loose_eq(forty_two, o).ok(), Some(true));
    assert_eq!(vm.op_loose_eq(o, Value::Null).ok(), Some(false));
    // `+` uses the default hint (valueOf first), ToString the string hint.
    let empty = s(&mut vm, "");
    let sum = vm.op_add(o, empty);
    assert_eq!(sum.map(|v| text(&mut vm, v)).ok().as_deref(), Some("42"));
    assert_eq!(text(&mut vm, o), "str");
    assert_eq!(vm.to_number(o).ok(), Some(42.0));
}

#[test]
fn to_primitive_passes_the_hint() {
    let mut vm = Vm::new();
    let o = object_echoing_hint(&mut vm);
    assert_eq!(text(&mut vm, o), "string");
    let empty = s(&mut vm, "");
    let sum = vm.op_add(empty, o);
    assert_eq!(sum.map(|v| text(&mut vm, v)).ok().as_deref(), Some("default"));
    let p = vm.to_primitive(o, Hint::Number);
    assert_eq!(p.map(|v| text(&mut vm, v)).ok().as_deref(), Some("number"));
    // A plain object has no callable toString here (bare realm): TypeError.
    let plain = Value::Object(object(&mut vm));
    let r = vm.to_primitive(plain, Hint::Default);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
}

#[test]
fn addition() {
    let mut vm = Vm::new();
    let two = s(&mut vm, "2");
    let r = vm.op_add(Value::Number(1.0), two);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("12"));
    let a = s(&mut vm, "a");
    let r = vm.op_add(a, Value::Undefined);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("aundefined"));
    assert_eq!(vm.op_add(Value::Bool(true), Value::Number(1.0)).ok(), Some(Value::Number(2.0)));
    assert_eq!(vm.op_add(Value::Null, Value::Number(1.0)).ok(), Some(Value::Number(1.0)));
    assert!(vm.op_add(Value::Undefined, Value::Number(1.0)).is_ok_and(|v| matches!(v, Value::Number(n) if n.is_nan())));
    let (x, y) = (big(&mut vm, "1"), big(&mut vm, "2"));
    let r = vm.op_add(x, y);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("3"));
    let r = vm.op_add(x, Value::Number(1.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let r = vm.op_add(x, a);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("1a"));
}

#[test]
fn bigint_operators_and_errors() {
    let mut vm = Vm::new();
    let (seven, two, zero, neg) = (big(&mut vm, "7"), big(&mut vm, "2"), big(&mut vm, "0"), big(&mut vm, "-9"));
    let cases: [(BinaryOperator, Value, Value, &str); 8] = [
        (Vm::op_sub, seven, two, "5"),
        (Vm::op_mul, seven, two, "14"),
        (Vm::op_div, neg, two, "-4"),
        (Vm::op_rem, neg, two, "-1"),
        (Vm::op_exp, two, seven, "128"),
        (Vm::op_shl, seven, two, "28"),
        (Vm::op_shr, neg, two, "-3"),
        (Vm::op_bitand, neg, seven, "7"),
    ];
    for (op, a, b, expected) in cases {
        let r = op(&mut vm, a, b);
        assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some(expected));
    }
    let r = vm.op_div(seven, zero);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::RangeError));
    let r = vm.op_rem(seven, zero);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::RangeError));
    let minus = vm.op_neg(two);
    let r = minus.and_then(|m| vm.op_exp(two, m));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::RangeError));
    let r = vm.op_ushr(seven, two);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let r = vm.op_mul(seven, Value::Number(2.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let r = vm.op_bitnot(neg);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("8"));
    let r = vm.op_inc(seven);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("8"));
    let r = vm.op_dec(zero);
    assert_eq!(r.map(|v| text(&mut vm, v)).ok().as_deref(), Some("-1"));
    assert_eq!(vm.op_to_numeric(seven).ok(), Some(seven));
    let t = s(&mut vm, "5");
    assert_eq!(vm.op_to_numeric(t).ok(), Some(Value::Number(5.0)));
    assert_eq!(vm.to_numeric(seven).ok().map(Numeric::to_value), Some(seven));
}

#[test]
fn number_operators() {
    let mut vm = Vm::new();
    let three = s(&mut vm, "3");
    assert_eq!(vm.op_mul(three, Value::Number(2.0)).ok(), Some(Value::Number(6.0)));
    assert_eq!(vm.op_exp(Value::Number(1.0), Value::Number(f64::INFINITY)).ok().map(|v| matches!(v, Value::Number(n) if n.is_nan())), Some(true));
    assert_eq!(vm.op_ushr(Value::Number(-1.0), Value::Number(28.0)).ok(), Some(Value::Number(15.0)));
    assert_eq!(vm.op_neg(three).ok(), Some(Value::Number(-3.0)));
    assert_eq!(vm.op_bitnot(Value::Undefined).ok(), Some(Value::Number(-1.0)));
    assert_eq!(vm.op_inc(Value::Null).ok(), Some(Value::Number(1.0)));
    let sym = Value::Symbol(vm.heap.well_known.iterator);
    let r = vm.op_neg(sym);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
}

#[test]
fn relational_comparisons() {
    let mut vm = Vm::new();
    let (a, b) = (s(&mut vm, "a"), s(&mut vm, "b"));
    let (ten, nine) = (s(&mut vm, "10"), s(&mut vm, "9"));
    let x = s(&mut vm, "x");
    let (one_n, two_n) = (big(&mut vm, "1"), big(&mut vm, "2"));
    let one_s = s(&mut vm, "1");
    // Astral characters compare by code units: U+FF61 > U+D83D (a surrogate).
    let (bmp, astral) = (s(&mut vm, "\u{FF61}"), s(&mut vm, "\u{1F600}"));
    let nan = Value::Number(f64::NAN);
    let lt = [
        (a, b, true),
        (b, a, false),
        (ten, nine, true),
        (Value::Number(10.0), nine, false),
        (one_n, two_n, true),
        (one_n, Value::Number(1.5), true),
        (two_n, Value::Number(1.5), false),
        (one_s, two_n, true),
        (x, one_n, false),
        (one_n, x, false),
        (nan, Value::Number(1.0), false),
        (astral, bmp, true),
        (Value::Null, Value::Number(1.0), true),
        (Value::Undefined, Value::Number(1.0), false),
    ];
    for (l, r, expected) in lt {
        assert_eq!(vm.op_lt(l, r).ok(), Some(expected), "{l:?} < {r:?}");
        assert_eq!(vm.op_gt(r, l).ok(), Some(expected), "{r:?} > {l:?}");
    }
    assert_eq!(vm.op_le(Value::Undefined, Value::Undefined).ok(), Some(false));
    assert_eq!(vm.op_ge(nan, nan).ok(), Some(false));
    assert_eq!(vm.op_le(Value::Null, Value::Number(0.0)).ok(), Some(true));
    assert_eq!(vm.op_ge(one_n, Value::Number(1.0)).ok(), Some(true));
    assert_eq!(vm.op_le(x, one_n).ok(), Some(false));
}

#[test]
fn typeof_values() {
    let mut vm = Vm::new();
    let f = native(&mut vm, |_, _, _, _| Ok(Value::Undefined));
    let o = Value::Object(object(&mut vm));
    let st = s(&mut vm, "");
    let b = big(&mut vm, "1");
    let sym = Value::Symbol(vm.heap.well_known.iterator);
    let table = [
        (Value::Undefined, "undefined"),
        (Value::Null, "object"),
        (Value::Bool(true), "boolean"),
        (Value::Number(1.0), "number"),
        (st, "string"),
        (sym, "symbol"),
        (b, "bigint"),
        (o, "object"),
        (f, "function"),
    ];
    for (v, t) in table {
        assert_eq!(vm.type_of(v), t);
    }
}

#[test]
fn wrappers_and_property_keys() {
    let mut vm = Vm::new();
    let st = s(&mut vm, "x");
    let o = vm.to_object(st).ok();
    let proto = o.and_then(|o| vm.heap.object(o).proto);
    assert_eq!(proto, Some(vm.realm.intrinsics.string_prototype));
    let o = vm.to_object(Value::Number(1.0)).ok();
    assert!(o.is_some_and(|o| matches!(vm.heap.object(o).kind, ObjectKind::Number(n) if n == 1.0)));
    let r = vm.to_object(Value::Null);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    assert_eq!(vm.to_property_key(Value::Number(1.0)).ok(), Some(PropertyKey::Index(1)));
    assert_eq!(vm.to_property_key(Value::Number(-0.0)).ok(), Some(PropertyKey::Index(0)));
    let k = vm.heap.key_from_str("1.5");
    assert_eq!(vm.to_property_key(Value::Number(1.5)).ok(), Some(k));
    let k = vm.heap.key_from_str("4294967295");
    assert_eq!(vm.to_property_key(Value::Number(4294967295.0)).ok(), Some(k));
    let seven = s(&mut vm, "7");
    assert_eq!(vm.to_property_key(seven).ok(), Some(PropertyKey::Index(7)));
    let k = vm.heap.key_from_str("undefined");
    assert_eq!(vm.to_property_key(Value::Undefined).ok(), Some(k));
}

#[test]
fn bigint_and_integer_conversions() {
    let mut vm = Vm::new();
    let hex = s(&mut vm, "0x10");
    let r = vm.to_bigint(hex).map(|b| vm.heap.bigint(b).to_string());
    assert_eq!(r.ok().as_deref(), Some("16"));
    let r = vm.to_bigint(Value::Bool(true)).map(|b| vm.heap.bigint(b).to_string());
    assert_eq!(r.ok().as_deref(), Some("1"));
    let bad = s(&mut vm, "1.5");
    let r = vm.to_bigint(bad);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::SyntaxError));
    let r = vm.to_bigint(Value::Number(1.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let r = vm.to_bigint(Value::Undefined);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let m1 = big(&mut vm, "-1");
    assert_eq!(vm.to_big_uint64(m1).ok(), Some(u64::MAX));
    assert_eq!(vm.to_bigint64(m1).ok(), Some(-1));
    assert_eq!(vm.to_int32(Value::Number(4294967296.0 + 7.0)).ok(), Some(7));
    assert_eq!(vm.to_uint8_clamp(Value::Number(2.5)).ok(), Some(2));
    assert_eq!(vm.to_length(Value::Number(-1.0)).ok(), Some(0));
    let r = vm.to_index(Value::Number(-1.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::RangeError));
    assert_eq!(vm.to_index(Value::Undefined).ok(), Some(0));
    let r = vm.require_object_coercible(Value::Undefined);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
}

#[test]
fn in_operator() {
    let mut vm = Vm::new();
    let o = object(&mut vm);
    let key = vm.heap.key_from_str("k");
    define(&mut vm, o, key, Value::Number(1.0));
    let k = s(&mut vm, "k");
    assert_eq!(vm.op_in(k, Value::Object(o)).ok(), Some(true));
    let missing = s(&mut vm, "missing");
    assert_eq!(vm.op_in(missing, Value::Object(o)).ok(), Some(false));
    let r = vm.op_in(k, Value::Number(1.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
}

#[test]
fn instanceof_operator() {
    let mut vm = Vm::new();
    // A "constructor" F with F.prototype = P, and an object inheriting from P.
    let f = native(&mut vm, |_, _, _, _| Ok(Value::Undefined));
    let Value::Object(fo) = f else { return };
    let p = object(&mut vm);
    let proto_key = PropertyKey::Atom(vm.heap.names.prototype);
    define(&mut vm, fo, proto_key, Value::Object(p));
    let child = vm.heap.alloc_object(Some(p), ObjectKind::Ordinary);
    assert_eq!(vm.op_instanceof(Value::Object(child), f).ok(), Some(true));
    assert_eq!(vm.op_instanceof(Value::Object(p), f).ok(), Some(false));
    assert_eq!(vm.op_instanceof(Value::Number(1.0), f).ok(), Some(false));
    // A bound function defers to its target.
    let bound_kind = ObjectKind::Bound(crate::object::BoundFunction { target: fo, this: Value::Undefined, args: Box::new([]) });
    let fp = vm.realm.intrinsics.function_prototype;
    let bound = Value::Object(vm.heap.alloc_object(Some(fp), bound_kind));
    assert_eq!(vm.op_instanceof(Value::Object(child), bound).ok(), Some(true));
    // Errors: non-object target, non-callable target, non-object prototype.
    let r = vm.op_instanceof(Value::Object(child), Value::Number(1.0));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    let r = vm.op_instanceof(Value::Object(child), Value::Object(p));
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    define(&mut vm, fo, proto_key, Value::Number(1.0));
    let r = vm.op_instanceof(Value::Object(child), f);
    assert_eq!(thrown(&vm, r), Some(ErrorKind::TypeError));
    // @@hasInstance wins over the prototype chain.
    let yes = native(&mut vm, |_, _, _, _| Ok(Value::Number(1.0)));
    let key = PropertyKey::Symbol(vm.heap.well_known.has_instance);
    let plain = object(&mut vm);
    define(&mut vm, plain, key, yes);
    assert_eq!(vm.op_instanceof(Value::Number(5.0), Value::Object(plain)).ok(), Some(true));
}
