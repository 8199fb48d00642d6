//! Tests of the object model: shapes, dictionary mode, property order,
//! arrays, descriptors, exotic objects, proxies and inline caches.

use super::*;
use crate::value::{PropertyKey, Value};
use crate::vm::{JsResult, Vm};

fn key(vm: &mut Vm, s: &str) -> PropertyKey {
    vm.heap.key_from_str(s)
}

fn obj(vm: &mut Vm) -> Obj {
    let p = vm.realm.intrinsics.object_prototype;
    vm.heap.alloc_object(Some(p), ObjectKind::Ordinary)
}

fn native(vm: &mut Vm, call: NativeFn) -> Obj {
    let proto = vm.realm.intrinsics.function_prototype;
    vm.heap.alloc_object(Some(proto), ObjectKind::Native(NativeFunction { call, construct: false, captures: Box::new([]), realm: vm.current_realm() }))
}

fn num(n: f64) -> Value {
    Value::Number(n)
}

fn get(vm: &mut Vm, o: Obj, k: &str) -> Value {
    let k = key(vm, k);
    vm.get(o, k, Value::Object(o)).unwrap()
}

fn put(vm: &mut Vm, o: Obj, k: &str, v: Value) -> bool {
    let k = key(vm, k);
    vm.set(o, k, v, Value::Object(o)).unwrap()
}

fn names(vm: &mut Vm, keys: &[PropertyKey]) -> Vec<String> {
    keys.iter().map(|k| vm.heap.key_display(*k)).collect()
}

#[test]
fn sizes_are_pinned() {
    assert_eq!(std::mem::size_of::<Value>(), 16);
    assert_eq!(std::mem::size_of::<PropertyCache>(), 16);
    // kind 48 + named properties 24 + elements 24 + prototype 8 + shape 4 + flags.
    assert!(std::mem::size_of::<Object>() <= 112, "Object is {} bytes", std::mem::size_of::<Object>());
}

#[test]
fn objects_built_alike_share_a_shape() {
    let mut vm = Vm::new();
    let (a, b) = (obj(&mut vm), obj(&mut vm));
    for o in [a, b] {
        put(&mut vm, o, "x", num(1.0));
        put(&mut vm, o, "y", num(2.0));
    }
    assert_eq!(vm.heap.shape_of(a), vm.heap.shape_of(b));
    put(&mut vm, b, "z", num(3.0));
    assert_ne!(vm.heap.shape_of(a), vm.heap.shape_of(b));
    assert_eq!(get(&mut vm, b, "y"), num(2.0));
    // Deleting the last property goes back to the parent shape.
    let z = key(&mut vm, "z");
    assert!(vm.delete(b, z).unwrap());
    assert_eq!(vm.heap.shape_of(a), vm.heap.shape_of(b));
    // Deleting another one goes to dictionary mode.
    let x = key(&mut vm, "x");
    assert!(vm.delete(b, x).unwrap());
    assert!(vm.heap.is_dictionary(b));
    assert_eq!(get(&mut vm, b, "y"), num(2.0));
    assert_eq!(get(&mut vm, b, "x"), Value::Undefined);
    put(&mut vm, b, "x", num(5.0));
    let keys = vm.own_property_keys(b).unwrap();
    assert_eq!(names(&mut vm, &keys), ["y", "x"]);
}

#[test]
fn attribute_changes_reshape_and_many_properties_go_dictionary() {
    let mut vm = Vm::new();
    let o = obj(&mut vm);
    for i in 0..10 {
        put(&mut vm, o, &format!("p{i}"), num(i as f64));
    }
    let p3 = key(&mut vm, "p3");
    let desc = PropertyDescriptor { writable: Some(false), ..Default::default() };
    assert!(vm.define_own_property(o, p3, desc).unwrap());
    assert!(!vm.heap.is_dictionary(o));
    assert!(!put(&mut vm, o, "p3", num(0.0)));
    assert_eq!(get(&mut vm, o, "p3"), num(3.0));
    let keys = vm.own_property_keys(o).unwrap();
    assert_eq!(names(&mut vm, &keys)[..4], ["p0", "p1", "p2", "p3"]);
    let big = obj(&mut vm);
    for i in 0..400 {
        put(&mut vm, big, &format!("k{i}"), num(i as f64));
    }
    assert!(vm.heap.is_dictionary(big));
    assert_eq!(get(&mut vm, big, "k399"), num(399.0));
    assert_eq!(vm.own_property_keys(big).unwrap().len(), 400);
}

#[test]
fn own_keys_order() {
    let mut vm = Vm::new();
    let o = obj(&mut vm);
    let sym = vm.heap.alloc_symbol(None);
    vm.heap.define_raw(o, PropertyKey::Symbol(sym), Value::Null, Attributes::ALL);
    for k in ["b", "10", "a", "2", "4294967295", "01", "0"] {
        put(&mut vm, o, k, Value::Null);
    }
    let keys = vm.own_property_keys(o).unwrap();
    let mut expected: Vec<String> = ["0", "2", "10", "b", "a", "4294967295", "01"].map(String::from).to_vec();
    expected.push("Symbol()".into());
    assert_eq!(names(&mut vm, &keys), expected);
}

#[test]
fn array_length_semantics() {
    let mut vm = Vm::new();
    let a = vm.create_array(&[num(1.0), Value::Empty, num(3.0)]);
    let length = key(&mut vm, "length");
    assert_eq!(vm.heap.array_length(a), 3);
    assert_eq!(get(&mut vm, a, "1"), Value::Undefined, "a hole");
    assert!(!vm.has_own_property(a, PropertyKey::Index(1)).unwrap());
    assert!(put(&mut vm, a, "5", num(6.0)));
    assert_eq!(get(&mut vm, a, "length"), num(6.0));
    assert!(put(&mut vm, a, "length", num(2.0)));
    assert_eq!(vm.own_property_keys(a).unwrap(), vec![PropertyKey::Index(0), length]);
    let desc = PropertyDescriptor::value_only(num(-1.0));
    let err = vm.define_own_property(a, length, desc).unwrap_err();
    assert!(matches!(err, Value::Object(_)), "RangeError");
    // Non-writable length: no growth, no change.
    let ro = PropertyDescriptor { writable: Some(false), ..Default::default() };
    assert!(vm.define_own_property(a, length, ro).unwrap());
    assert!(!put(&mut vm, a, "2", num(0.0)));
    assert!(!put(&mut vm, a, "length", num(10.0)));
    assert!(vm.set_or_throw(a, PropertyKey::Index(7), num(0.0)).is_err());
    assert_eq!(vm.heap.array_length(a), 2);
    assert!(put(&mut vm, a, "0", num(9.0)), "existing elements stay writable");
    assert!(!vm.delete(a, length).unwrap());
}

#[test]
fn array_truncation_stops_at_non_configurable_element() {
    let mut vm = Vm::new();
    let a = vm.create_array(&[num(0.0), num(1.0), num(2.0), num(3.0)]);
    let length = key(&mut vm, "length");
    let sealed = PropertyDescriptor { configurable: Some(false), ..Default::default() };
    assert!(vm.define_own_property(a, PropertyKey::Index(1), sealed).unwrap());
    let desc = PropertyDescriptor { value: Some(num(0.0)), writable: Some(false), ..Default::default() };
    assert!(!vm.define_own_property(a, length, desc).unwrap());
    assert_eq!(vm.heap.array_length(a), 2);
    assert_eq!(vm.heap.get_own_raw(a, length).unwrap().attrs(), Attributes::NONE);
    assert_eq!(get(&mut vm, a, "1"), num(1.0));
    // Far indices go sparse and still read back.
    let b = vm.create_array(&[]);
    assert!(put(&mut vm, b, "4000000000", num(1.0)));
    assert_eq!(vm.heap.array_length(b), 4_000_000_001);
    assert_eq!(get(&mut vm, b, "4000000000"), num(1.0));
    let big = vm.array_create(1 << 20, None).unwrap();
    assert_eq!(get(&mut vm, big, "length"), num((1 << 20) as f64));
    assert!(vm.array_create(1 << 33, None).is_err());
}

/// (current, desc, expected result, expected property afterwards).
type Case = (Option<Property>, PropertyDescriptor, bool, Option<Property>);

#[test]
fn validate_and_apply_table() {
    let mut vm = Vm::new();
    let f = native(&mut vm, |_, _, _, _| Ok(Value::Undefined));
    let g = native(&mut vm, |_, _, _, _| Ok(Value::Undefined));
    let data = |v: f64, a: Attributes| Property::data(num(v), a);
    let d = PropertyDescriptor::default;
    let cases: Vec<Case> = vec![
        (None, PropertyDescriptor::value_only(num(1.0)), true, Some(data(1.0, Attributes::NONE))),
        (None, PropertyDescriptor { get: Some(Some(f)), ..d() }, true, Some(Property::accessor(Some(f), None, Attributes::NONE))),
        (Some(data(1.0, Attributes::ALL)), d(), true, Some(data(1.0, Attributes::ALL))),
        (Some(data(1.0, Attributes::ALL)), PropertyDescriptor { enumerable: Some(false), ..d() }, true, Some(data(1.0, Attributes::WRITABLE_CONFIGURABLE))),
        (Some(data(1.0, Attributes::WRITABLE)), PropertyDescriptor { configurable: Some(true), ..d() }, false, Some(data(1.0, Attributes::WRITABLE))),
        (Some(data(1.0, Attributes::WRITABLE)), PropertyDescriptor { enumerable: Some(true), ..d() }, false, Some(data(1.0, Attributes::WRITABLE))),
        (Some(data(1.0, Attributes::WRITABLE)), PropertyDescriptor::value_only(num(2.0)), true, Some(data(2.0, Attributes::WRITABLE))),
        (Some(data(1.0, Attributes::WRITABLE)), PropertyDescriptor { writable: Some(false), ..d() }, true, Some(data(1.0, Attributes::NONE))),
        (Some(data(1.0, Attributes::NONE)), PropertyDescriptor { writable: Some(true), ..d() }, false, Some(data(1.0, Attributes::NONE))),
        (Some(data(1.0, Attributes::NONE)), PropertyDescriptor::value_only(num(2.0)), false, Some(data(1.0, Attributes::NONE))),
        (Some(data(1.0, Attributes::NONE)), PropertyDescriptor::value_only(num(1.0)), true, Some(data(1.0, Attributes::NONE))),
        (Some(data(f64::NAN, Attributes::NONE)), PropertyDescriptor::value_only(num(f64::NAN)), true, None),
        (Some(data(0.0, Attributes::NONE)), PropertyDescriptor::value_only(num(-0.0)), false, None),
        (Some(data(1.0, Attributes::NONE)), PropertyDescriptor { get: Some(None), ..d() }, false, None),
        (Some(data(1.0, Attributes::ENUMERABLE_CONFIGURABLE)), PropertyDescriptor { get: Some(Some(f)), ..d() }, true, Some(Property::accessor(Some(f), None, Attributes::ENUMERABLE_CONFIGURABLE))),
        (Some(Property::accessor(Some(f), None, Attributes::CONFIGURABLE)), PropertyDescriptor::value_only(num(3.0)), true, Some(data(3.0, Attributes::CONFIGURABLE))),
        (Some(Property::accessor(Some(f), None, Attributes::NONE)), PropertyDescriptor { get: Some(Some(g)), ..d() }, false, None),
        (Some(Property::accessor(Some(f), None, Attributes::NONE)), PropertyDescriptor { get: Some(Some(f)), set: Some(None), ..d() }, true, None),
        (Some(Property::accessor(Some(f), None, Attributes::NONE)), PropertyDescriptor { set: Some(Some(g)), ..d() }, false, None),
        (Some(Property::accessor(Some(f), None, Attributes::CONFIGURABLE)), PropertyDescriptor { set: Some(Some(g)), ..d() }, true, Some(Property::accessor(Some(f), Some(g), Attributes::CONFIGURABLE))),
    ];
    let k = key(&mut vm, "k");
    for (i, (current, desc, ok, after)) in cases.into_iter().enumerate() {
        let o = obj(&mut vm);
        if let Some(p) = current {
            vm.heap.set_property_raw(o, k, p);
        }
        assert_eq!(vm.define_own_property(o, k, desc).unwrap(), ok, "case {i}");
        if let Some(after) = after {
            assert_eq!(vm.heap.get_own_raw(o, k), Some(after), "case {i}");
        }
    }
    // Not extensible: no new property.
    let o = obj(&mut vm);
    assert!(vm.prevent_extensions(o).unwrap());
    assert!(!vm.define_own_property(o, k, PropertyDescriptor::value_only(num(1.0))).unwrap());
}

#[test]
fn descriptor_objects_round_trip() {
    let mut vm = Vm::new();
    let desc = PropertyDescriptor::data(num(4.0), Attributes::WRITABLE_CONFIGURABLE);
    let o = vm.from_property_descriptor(&desc);
    let keys = vm.own_property_keys(o).unwrap();
    assert_eq!(names(&mut vm, &keys), ["value", "writable", "enumerable", "configurable"]);
    assert_eq!(vm.to_property_descriptor(Value::Object(o)).unwrap(), desc);
    let bad = obj(&mut vm);
    put(&mut vm, bad, "get", num(1.0));
    assert!(vm.to_property_descriptor(Value::Object(bad)).is_err());
    assert!(vm.to_property_descriptor(num(1.0)).is_err());
    let both = obj(&mut vm);
    put(&mut vm, both, "get", Value::Undefined);
    put(&mut vm, both, "value", num(1.0));
    assert!(vm.to_property_descriptor(Value::Object(both)).is_err());
}

fn getter_42(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(42.0))
}

fn setter_record(vm: &mut Vm, this: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
    let Value::Object(o) = this else { return Ok(Value::Undefined) };
    let k = vm.heap.key_from_str("seen");
    vm.heap.define_raw(o, k, args.first().copied().unwrap_or_default(), Attributes::ALL);
    Ok(Value::Undefined)
}

#[test]
fn accessors_and_receivers() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    let g = native(&mut vm, getter_42);
    let s = native(&mut vm, setter_record);
    let k = key(&mut vm, "acc");
    vm.heap.define_accessor_raw(proto, k, Some(g), Some(s), Attributes::CONFIGURABLE);
    let ro = key(&mut vm, "ro");
    vm.heap.define_raw(proto, ro, num(1.0), Attributes::NONE);
    let child = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    assert_eq!(get(&mut vm, child, "acc"), num(42.0));
    assert!(put(&mut vm, child, "acc", num(7.0)));
    assert_eq!(get(&mut vm, child, "seen"), num(7.0), "setter ran on the receiver");
    assert!(vm.heap.get_own_raw(child, k).is_none());
    // An inherited read-only property blocks assignment.
    assert!(!put(&mut vm, child, "ro", num(2.0)));
    assert!(vm.set_or_throw(child, ro, num(2.0)).is_err());
    // Primitive receivers: GetV and a failing Set.
    let s = vm.string("hey");
    let length = key(&mut vm, "length");
    assert_eq!(vm.get_v(s, length).unwrap(), num(3.0));
    let Value::String(c) = vm.get_v(s, PropertyKey::Index(1)).unwrap() else { panic!() };
    assert_eq!(vm.heap.to_rust_string(c), "e");
    assert!(vm.get_v(Value::Undefined, length).is_err());
    let x = key(&mut vm, "x");
    assert!(!vm.set(proto, x, num(1.0), num(5.0)).unwrap());
}

#[test]
fn delete_and_integrity_levels() {
    let mut vm = Vm::new();
    let o = obj(&mut vm);
    put(&mut vm, o, "a", num(1.0));
    put(&mut vm, o, "0", num(1.0));
    let a = key(&mut vm, "a");
    assert!(vm.set_integrity_level(o, IntegrityLevel::Sealed).unwrap());
    assert!(vm.test_integrity_level(o, IntegrityLevel::Sealed).unwrap());
    assert!(!vm.test_integrity_level(o, IntegrityLevel::Frozen).unwrap());
    assert!(!vm.delete(o, a).unwrap());
    assert!(vm.delete_property_or_throw(o, a).is_err());
    assert!(put(&mut vm, o, "a", num(2.0)));
    assert!(vm.set_integrity_level(o, IntegrityLevel::Frozen).unwrap());
    assert!(vm.test_integrity_level(o, IntegrityLevel::Frozen).unwrap());
    assert!(!put(&mut vm, o, "a", num(3.0)));
    assert!(!put(&mut vm, o, "0", num(3.0)));
    assert!(!put(&mut vm, o, "new", num(3.0)));
    assert_eq!(get(&mut vm, o, "a"), num(2.0));
    let missing = key(&mut vm, "missing");
    assert!(vm.delete(o, missing).unwrap());
}

#[test]
fn string_wrappers() {
    let mut vm = Vm::new();
    let s = vm.heap.string_from_str("ab");
    let proto = vm.realm.intrinsics.string_prototype;
    let w = vm.heap.alloc_object(Some(proto), ObjectKind::String(s));
    put(&mut vm, w, "5", num(1.0));
    put(&mut vm, w, "x", num(1.0));
    let keys = vm.own_property_keys(w).unwrap();
    assert_eq!(names(&mut vm, &keys), ["0", "1", "5", "length", "x"]);
    assert!(!put(&mut vm, w, "0", num(1.0)));
    assert!(!put(&mut vm, w, "length", num(1.0)));
    assert_eq!(get(&mut vm, w, "length"), num(2.0));
    let Value::String(c) = get(&mut vm, w, "1") else { panic!() };
    assert_eq!(vm.heap.to_rust_string(c), "b");
    assert!(!vm.delete(w, PropertyKey::Index(0)).unwrap());
    let same = PropertyDescriptor { enumerable: Some(true), ..Default::default() };
    assert!(vm.define_own_property(w, PropertyKey::Index(0), same).unwrap());
    let p = vm.get_own_property(w, PropertyKey::Index(0)).unwrap().unwrap();
    assert_eq!(p.attrs(), Attributes::ENUMERABLE);
}

#[test]
fn mapped_arguments() {
    let mut vm = Vm::new();
    let env = vm.heap.alloc_object(None, ObjectKind::Env(Env { parent: None, slots: Box::new([num(10.0), num(20.0)]), object: None }));
    let proto = vm.realm.intrinsics.object_prototype;
    let kind = ObjectKind::Arguments(Arguments { env: Some(env), mapped: Box::new([Some(0), Some(1)]) });
    let args = vm.heap.alloc_object(Some(proto), kind);
    vm.heap.define_raw(args, PropertyKey::Index(0), num(10.0), Attributes::ALL);
    vm.heap.define_raw(args, PropertyKey::Index(1), num(20.0), Attributes::ALL);
    let slot = |vm: &Vm, i: usize| match &vm.heap.object(env).kind {
        ObjectKind::Env(e) => e.slots[i],
        _ => Value::Undefined,
    };
    // Writing the binding shows through arguments[0], and back.
    if let ObjectKind::Env(e) = &mut vm.heap.object_mut(env).kind {
        e.slots[0] = num(11.0);
    }
    assert_eq!(get(&mut vm, args, "0"), num(11.0));
    assert!(put(&mut vm, args, "0", num(12.0)));
    assert_eq!(slot(&vm, 0), num(12.0));
    // Read-only define: the current value is kept, then unmapped.
    let ro = PropertyDescriptor { writable: Some(false), ..Default::default() };
    assert!(vm.define_own_property(args, PropertyKey::Index(0), ro).unwrap());
    if let ObjectKind::Env(e) = &mut vm.heap.object_mut(env).kind {
        e.slots[0] = num(99.0);
    }
    assert_eq!(get(&mut vm, args, "0"), num(12.0));
    // Delete unmaps; re-adding does not map again.
    assert!(vm.delete(args, PropertyKey::Index(1)).unwrap());
    assert!(put(&mut vm, args, "1", num(5.0)));
    assert_eq!(slot(&vm, 1), num(20.0));
}

#[test]
fn inline_cache_hits_and_misses() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    let m = vm.heap.intern_str("m");
    let x = vm.heap.intern_str("x");
    vm.heap.define_raw(proto, PropertyKey::Atom(m), num(1.0), Attributes::ALL);
    let a = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let b = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    for o in [a, b] {
        vm.heap.define_raw(o, PropertyKey::Atom(x), num(5.0), Attributes::ALL);
    }
    let cx = PropertyCache::default();
    let cm = PropertyCache::default();
    assert_eq!(vm.get_cached(a, x, &cx).unwrap(), num(5.0));
    assert_eq!(vm.get_cached(b, x, &cx).unwrap(), num(5.0));
    assert_eq!(vm.get_cached(a, m, &cm).unwrap(), num(1.0));
    // The prototype's property changes value: seen through the cache.
    vm.set_or_throw(proto, PropertyKey::Atom(m), num(2.0)).unwrap();
    assert_eq!(vm.get_cached(b, m, &cm).unwrap(), num(2.0));
    // Shadowing on the receiver changes its shape: a miss, the right value.
    vm.set_or_throw(a, PropertyKey::Atom(m), num(3.0)).unwrap();
    assert_eq!(vm.get_cached(a, m, &cm).unwrap(), num(3.0));
    assert_eq!(vm.get_cached(b, m, &cm).unwrap(), num(2.0));
    // The prototype loses the property.
    assert!(vm.delete(proto, PropertyKey::Atom(m)).unwrap());
    assert_eq!(vm.get_cached(b, m, &cm).unwrap(), Value::Undefined);
    // Another prototype with the same shape is not confused with it.
    let other = obj(&mut vm);
    vm.heap.define_raw(other, PropertyKey::Atom(m), num(7.0), Attributes::ALL);
    let c = vm.heap.alloc_object(Some(other), ObjectKind::Ordinary);
    vm.heap.define_raw(c, PropertyKey::Atom(x), num(5.0), Attributes::ALL);
    assert_eq!(vm.get_cached(c, m, &cm).unwrap(), num(7.0));
    assert!(vm.set_prototype_of(c, Some(proto)).unwrap());
    assert_eq!(vm.get_cached(c, m, &cm).unwrap(), Value::Undefined);
    // Sets: a hit writes the slot; a read-only property is not written.
    let sx = PropertyCache::default();
    vm.set_cached(a, x, num(8.0), &sx, true).unwrap();
    vm.set_cached(b, x, num(9.0), &sx, true).unwrap();
    assert_eq!(get(&mut vm, b, "x"), num(9.0));
    vm.set_integrity_level(b, IntegrityLevel::Frozen).unwrap();
    assert!(vm.set_cached(b, x, num(10.0), &sx, true).is_err());
    vm.set_cached(b, x, num(10.0), &sx, false).unwrap();
    assert_eq!(get(&mut vm, b, "x"), num(9.0));
    // A cache shared by a get of a read-only property and a set.
    let shared = PropertyCache::default();
    assert_eq!(vm.get_cached(b, x, &shared).unwrap(), num(9.0));
    vm.set_cached(b, x, num(11.0), &shared, false).unwrap();
    assert_eq!(get(&mut vm, b, "x"), num(9.0));
}

#[test]
fn inline_cache_accessors_and_arrays() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    let g = native(&mut vm, getter_42);
    let s = native(&mut vm, setter_record);
    let acc = vm.heap.intern_str("acc");
    vm.heap.define_accessor_raw(proto, PropertyKey::Atom(acc), Some(g), Some(s), Attributes::CONFIGURABLE);
    let o = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let c = PropertyCache::default();
    for _ in 0..2 {
        assert_eq!(vm.get_cached(o, acc, &c).unwrap(), num(42.0));
        vm.set_cached(o, acc, num(3.0), &c, true).unwrap();
        assert_eq!(get(&mut vm, o, "seen"), num(3.0));
        assert!(vm.heap.get_own_raw(o, PropertyKey::Atom(acc)).is_none());
    }
    // `length` of arrays and string wrappers is never taken from a slot.
    let length = vm.heap.names.length;
    let lc = PropertyCache::default();
    let plain = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    vm.heap.define_raw(plain, PropertyKey::Atom(length), num(-1.0), Attributes::ALL);
    assert_eq!(vm.get_cached(plain, length, &lc).unwrap(), num(-1.0));
    let arr = vm.create_array(&[num(1.0), num(2.0)]);
    assert_eq!(vm.get_cached(arr, length, &lc).unwrap(), num(2.0));
    let sub = vm.heap.alloc_object(Some(plain), ObjectKind::Array);
    assert_eq!(vm.get_cached(sub, length, &lc).unwrap(), num(0.0));
    vm.set_cached(arr, length, num(0.0), &lc, true).unwrap();
    assert_eq!(vm.heap.array_length(arr), 0);
}

fn trap_get_wrong(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(666.0))
}

fn trap_false(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(false))
}

#[test]
fn proxies_forward_and_check_invariants() {
    let mut vm = Vm::new();
    let target = obj(&mut vm);
    let k = key(&mut vm, "fixed");
    vm.heap.define_raw(target, k, num(1.0), Attributes::NONE);
    put(&mut vm, target, "free", num(2.0));
    // No traps: everything forwards.
    let empty = obj(&mut vm);
    let p = vm.proxy_create(Value::Object(target), Value::Object(empty)).unwrap();
    assert_eq!(get(&mut vm, p, "free"), num(2.0));
    assert!(put(&mut vm, p, "new", num(3.0)));
    assert_eq!(get(&mut vm, target, "new"), num(3.0));
    let keys = vm.own_property_keys(p).unwrap();
    assert_eq!(names(&mut vm, &keys), ["fixed", "free", "new"]);
    assert!(vm.is_array(Value::Object(p)).is_ok_and(|a| !a));
    // A get trap lying about a non-configurable, non-writable property.
    let handler = obj(&mut vm);
    let liar = native(&mut vm, trap_get_wrong);
    put(&mut vm, handler, "get", Value::Object(liar));
    let p2 = vm.proxy_create(Value::Object(target), Value::Object(handler)).unwrap();
    assert_eq!(get(&mut vm, p2, "free"), num(666.0));
    assert!(vm.get(p2, k, Value::Object(p2)).is_err());
    // A has trap hiding a non-configurable property.
    let hider = native(&mut vm, trap_false);
    put(&mut vm, handler, "has", Value::Object(hider));
    let free = key(&mut vm, "free");
    assert!(!vm.has_property(p2, free).unwrap());
    assert!(vm.has_property(p2, k).is_err());
    // A deleteProperty trap returning false makes strict delete throw.
    put(&mut vm, handler, "deleteProperty", Value::Object(hider));
    assert!(!vm.delete(p2, free).unwrap());
    // Revoked: every operation throws.
    vm.proxy_revoke(p2);
    assert!(vm.get(p2, free, Value::Object(p2)).is_err());
    assert!(vm.own_property_keys(p2).is_err());
    assert!(vm.is_array(Value::Object(p2)).is_err());
    assert!(vm.proxy_create(num(1.0), Value::Object(handler)).is_err());
}

#[test]
fn deep_proxy_chain_is_a_range_error() {
    let mut vm = Vm::new();
    let mut t = obj(&mut vm);
    let handler = obj(&mut vm);
    for _ in 0..100_000 {
        t = vm.proxy_create(Value::Object(t), Value::Object(handler)).unwrap();
    }
    let k = key(&mut vm, "x");
    assert!(vm.get(t, k, Value::Object(t)).is_err());
}

#[test]
fn enumeration_helpers() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    put(&mut vm, proto, "inherited", num(1.0));
    put(&mut vm, proto, "shadowed", num(1.0));
    let o = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    put(&mut vm, o, "b", num(2.0));
    put(&mut vm, o, "1", num(3.0));
    let hidden = key(&mut vm, "shadowed");
    vm.heap.define_raw(o, hidden, num(0.0), Attributes::WRITABLE);
    let keys = vm.enumerable_own_keys(o).unwrap();
    assert_eq!(names(&mut vm, &keys), ["1", "b"]);
    let keys = vm.for_in_keys(o).unwrap();
    assert_eq!(names(&mut vm, &keys), ["1", "b", "inherited"]);
    let entries = vm.enumerable_own_properties(o, IterationKind::Entries).unwrap();
    assert_eq!(entries.len(), 2);
    let Value::Object(e) = entries[1] else { panic!() };
    assert_eq!(get(&mut vm, e, "1"), num(2.0));
    let values = vm.enumerable_own_properties(o, IterationKind::Values).unwrap();
    assert_eq!(values, vec![num(3.0), num(2.0)]);
    let list = vm.create_array(&[num(1.0), Value::Empty, num(3.0)]);
    assert_eq!(vm.create_list_from_array_like(list).unwrap(), vec![num(1.0), Value::Undefined, num(3.0)]);
}

#[test]
fn prototype_rules() {
    let mut vm = Vm::new();
    let a = obj(&mut vm);
    let b = vm.heap.alloc_object(Some(a), ObjectKind::Ordinary);
    assert!(!vm.set_prototype_of(a, Some(b)).unwrap(), "no cycles");
    let op = vm.realm.intrinsics.object_prototype;
    assert!(!vm.set_prototype_of(op, Some(a)).unwrap(), "immutable prototype");
    assert!(vm.set_prototype_of(op, None).unwrap());
    vm.prevent_extensions(b).unwrap();
    assert!(!vm.set_prototype_of(b, None).unwrap());
    assert!(vm.set_prototype_of(b, Some(a)).unwrap());
    assert_eq!(vm.get_prototype_of(b).unwrap(), Some(a));
}


#[test]
fn inline_cache_for_added_properties() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    let x = vm.heap.intern_str("x");
    let cache = PropertyCache::default();
    let make = |vm: &mut Vm| vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let (a, b) = (make(&mut vm), make(&mut vm));
    vm.set_cached(a, x, num(1.0), &cache, true).unwrap();
    vm.set_cached(b, x, num(2.0), &cache, true).unwrap();
    assert_eq!(vm.heap.shape_of(a), vm.heap.shape_of(b));
    assert_eq!(get(&mut vm, b, "x"), num(2.0));
    let keys = vm.own_property_keys(b).unwrap();
    assert_eq!(names(&mut vm, &keys), ["x"]);
    // Not extensible: the cached addition must not happen.
    let c = make(&mut vm);
    vm.prevent_extensions(c).unwrap();
    assert!(vm.set_cached(c, x, num(3.0), &cache, true).is_err());
    assert_eq!(vm.heap.get_own_raw(c, PropertyKey::Atom(x)), None);
    // A setter appears on the prototype chain: it must be called.
    let s = native(&mut vm, setter_record);
    let root = vm.realm.intrinsics.object_prototype;
    vm.heap.define_accessor_raw(root, PropertyKey::Atom(x), None, Some(s), Attributes::CONFIGURABLE);
    let d = make(&mut vm);
    vm.set_cached(d, x, num(4.0), &cache, true).unwrap();
    assert_eq!(vm.heap.get_own_raw(d, PropertyKey::Atom(x)), None);
    assert_eq!(get(&mut vm, d, "seen"), num(4.0));
    // A read-only property on the chain forbids it.
    vm.heap.define_raw(root, PropertyKey::Atom(x), num(0.0), Attributes::NONE);
    let e = make(&mut vm);
    assert!(vm.set_cached(e, x, num(5.0), &cache, true).is_err());
    vm.set_cached(e, x, num(5.0), &cache, false).unwrap();
    assert_eq!(get(&mut vm, e, "x"), num(0.0));
    assert!(vm.heap.remove_raw(root, PropertyKey::Atom(x)));
    let f = make(&mut vm);
    vm.set_cached(f, x, num(6.0), &cache, true).unwrap();
    assert_eq!(vm.heap.shape_of(f), vm.heap.shape_of(a));
}

fn keys_duplicate(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    let a = vm.string("a");
    Ok(Value::Object(vm.create_array(&[a, a])))
}

fn keys_only_a(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    let a = vm.string("a");
    Ok(Value::Object(vm.create_array(&[a])))
}

fn keys_not_strings(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Object(vm.create_array(&[num(1.0)])))
}

fn trap_true(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(true))
}

fn trap_null(_: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Null)
}

/// apply/construct trap: returns `[target, second argument]`.
fn trap_echo(vm: &mut Vm, _: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
    let values: Vec<Value> = args.iter().take(2).copied().collect();
    Ok(Value::Object(vm.create_array(&values)))
}

fn proxy_with(vm: &mut Vm, target: Obj, trap: &str, f: NativeFn) -> Obj {
    let handler = obj(vm);
    let t = native(vm, f);
    put(vm, handler, trap, Value::Object(t));
    vm.proxy_create(Value::Object(target), Value::Object(handler)).unwrap()
}

#[test]
fn proxy_own_keys_invariants() {
    let mut vm = Vm::new();
    let target = obj(&mut vm);
    put(&mut vm, target, "a", num(1.0));
    let p = proxy_with(&mut vm, target, "ownKeys", keys_duplicate);
    assert!(vm.own_property_keys(p).is_err(), "duplicates");
    let p = proxy_with(&mut vm, target, "ownKeys", keys_not_strings);
    assert!(vm.own_property_keys(p).is_err(), "not a property key");
    let p = proxy_with(&mut vm, target, "ownKeys", keys_only_a);
    assert_eq!(vm.own_property_keys(p).unwrap().len(), 1);
    // A non-configurable key must be reported.
    let fixed = key(&mut vm, "fixed");
    vm.heap.define_raw(target, fixed, num(0.0), Attributes::NONE);
    assert!(vm.own_property_keys(p).is_err(), "missing non-configurable key");
    // A non-extensible target: exactly its keys.
    let t2 = obj(&mut vm);
    put(&mut vm, t2, "a", num(1.0));
    vm.prevent_extensions(t2).unwrap();
    let p2 = proxy_with(&mut vm, t2, "ownKeys", keys_only_a);
    assert_eq!(vm.own_property_keys(p2).unwrap().len(), 1);
    put(&mut vm, t2, "b", num(1.0));
    let t3 = obj(&mut vm);
    vm.prevent_extensions(t3).unwrap();
    let p3 = proxy_with(&mut vm, t3, "ownKeys", keys_only_a);
    assert!(vm.own_property_keys(p3).is_err(), "extra key on a non-extensible target");
}

#[test]
fn proxy_object_level_invariants() {
    let mut vm = Vm::new();
    let target = obj(&mut vm);
    // getPrototypeOf may lie only while the target is extensible.
    let p = proxy_with(&mut vm, target, "getPrototypeOf", trap_null);
    assert_eq!(vm.get_prototype_of(p).unwrap(), None);
    let p_ext = proxy_with(&mut vm, target, "isExtensible", trap_false);
    assert!(vm.is_extensible(p_ext).is_err());
    let p_prevent = proxy_with(&mut vm, target, "preventExtensions", trap_true);
    assert!(vm.prevent_extensions(p_prevent).is_err(), "target still extensible");
    vm.prevent_extensions(target).unwrap();
    assert!(vm.get_prototype_of(p).is_err());
    assert!(vm.prevent_extensions(p_prevent).unwrap());
    // defineProperty may not report success for a new key on a non-extensible target.
    let p_def = proxy_with(&mut vm, target, "defineProperty", trap_true);
    let k = key(&mut vm, "k");
    assert!(vm.define_own_property(p_def, k, PropertyDescriptor::value_only(num(1.0))).is_err());
    // getOwnPropertyDescriptor may not hide a property of a non-extensible target.
    vm.heap.define_raw(target, k, num(1.0), Attributes::CONFIGURABLE);
    let p_gopd = proxy_with(&mut vm, target, "getOwnPropertyDescriptor", |_, _, _, _| Ok(Value::Undefined));
    assert!(vm.get_own_property(p_gopd, k).is_err());
    // set may not report success for a read-only value it did not write.
    let t2 = obj(&mut vm);
    vm.heap.define_raw(t2, k, num(1.0), Attributes::NONE);
    let p_set = proxy_with(&mut vm, t2, "set", trap_true);
    assert!(vm.set(p_set, k, num(2.0), Value::Object(p_set)).is_err());
    assert!(vm.set(p_set, k, num(1.0), Value::Object(p_set)).unwrap());
}

#[test]
fn proxy_apply_and_construct() {
    let mut vm = Vm::new();
    let f = native(&mut vm, getter_42);
    let p = proxy_with(&mut vm, f, "apply", trap_echo);
    assert!(vm.is_callable(Value::Object(p)));
    assert!(!vm.is_constructor(Value::Object(p)), "like its target");
    let Value::Object(r) = vm.call(Value::Object(p), num(7.0), &[]).unwrap() else { panic!() };
    assert_eq!(get(&mut vm, r, "0"), Value::Object(f));
    assert_eq!(get(&mut vm, r, "1"), num(7.0), "thisArgument");
    let empty = obj(&mut vm);
    let plain = vm.proxy_create(Value::Object(f), Value::Object(empty)).unwrap();
    assert_eq!(vm.call(Value::Object(plain), Value::Undefined, &[]).unwrap(), num(42.0));
    let proto = vm.realm.intrinsics.function_prototype;
    let ctor = vm.heap.alloc_object(
        Some(proto),
        ObjectKind::Native(NativeFunction { call: getter_42, construct: true, captures: Box::new([]), realm: vm.current_realm() }),
    );
    let pc = proxy_with(&mut vm, ctor, "construct", trap_echo);
    let Value::Object(r) = vm.construct(Value::Object(pc), &[num(1.0)], None).unwrap() else { panic!() };
    let Value::Object(args) = get(&mut vm, r, "1") else { panic!() };
    assert_eq!(vm.heap.array_length(args), 1);
    let bad = proxy_with(&mut vm, ctor, "construct", trap_true);
    assert!(vm.construct(Value::Object(bad), &[], None).is_err(), "non-object result");
}

#[test]
fn element_additions_respect_the_prototype_chain() {
    let mut vm = Vm::new();
    let proto = obj(&mut vm);
    let s = native(&mut vm, setter_record);
    vm.heap.define_accessor_raw(proto, PropertyKey::Index(2), None, Some(s), Attributes::CONFIGURABLE);
    vm.heap.define_raw(proto, PropertyKey::Index(3), num(0.0), Attributes::NONE);
    let a = vm.heap.create_array(proto, &[num(0.0), num(1.0)]);
    assert!(put(&mut vm, a, "2", num(5.0)));
    assert_eq!(get(&mut vm, a, "seen"), num(5.0), "the inherited setter ran");
    assert_eq!(vm.heap.array_length(a), 2);
    assert!(!put(&mut vm, a, "3", num(5.0)), "inherited read-only index");
    assert!(put(&mut vm, a, "4", num(5.0)));
    assert_eq!(vm.heap.array_length(a), 5);
    let text = vm.heap.string_from_str("abc");
    let wrapper = vm.heap.alloc_object(None, ObjectKind::String(text));
    let b = vm.heap.create_array(wrapper, &[]);
    assert!(!put(&mut vm, b, "1", num(5.0)), "the wrapper's index is read-only");
    assert!(put(&mut vm, b, "3", num(5.0)));
}

#[test]
fn inline_cache_deep_prototype_hits() {
    let mut vm = Vm::new();
    let m = vm.heap.intern_str("m");
    let base = obj(&mut vm);
    vm.heap.define_raw(base, PropertyKey::Atom(m), num(1.0), Attributes::ALL);
    let mid = vm.heap.alloc_object(Some(base), ObjectKind::Ordinary);
    let leaf = vm.heap.alloc_object(Some(mid), ObjectKind::Ordinary);
    let c = PropertyCache::default();
    let a = vm.heap.alloc_object(Some(leaf), ObjectKind::Ordinary);
    let b = vm.heap.alloc_object(Some(leaf), ObjectKind::Ordinary);
    assert_eq!(vm.get_cached(a, m, &c).unwrap(), num(1.0));
    assert_eq!(vm.get_cached(b, m, &c).unwrap(), num(1.0));
    // An intermediate prototype starts shadowing it: seen at once.
    vm.heap.define_raw(mid, PropertyKey::Atom(m), num(2.0), Attributes::ALL);
    assert_eq!(vm.get_cached(b, m, &c).unwrap(), num(2.0));
    assert!(vm.heap.remove_raw(mid, PropertyKey::Atom(m)));
    assert_eq!(vm.get_cached(b, m, &c).unwrap(), num(1.0));
    // The chain is re-linked above the receiver.
    let other = obj(&mut vm);
    vm.heap.define_raw(other, PropertyKey::Atom(m), num(3.0), Attributes::ALL);
    assert!(vm.set_prototype_of(mid, Some(other)).unwrap());
    assert_eq!(vm.get_cached(b, m, &c).unwrap(), num(3.0));
    // Inherited setters through two levels.
    let s = native(&mut vm, setter_record);
    let acc = vm.heap.intern_str("acc");
    vm.heap.define_accessor_raw(other, PropertyKey::Atom(acc), None, Some(s), Attributes::CONFIGURABLE);
    let sc = PropertyCache::default();
    for (o, v) in [(a, 4.0), (b, 5.0)] {
        vm.set_cached(o, acc, num(v), &sc, true).unwrap();
        assert_eq!(get(&mut vm, o, "seen"), num(v));
    }
    // A proxy in the chain is never cached through.
    let handler = obj(&mut vm);
    let p = vm.proxy_create(Value::Object(other), Value::Object(handler)).unwrap();
    assert!(vm.set_prototype_of(mid, Some(p)).unwrap());
    assert_eq!(vm.get_cached(b, m, &c).unwrap(), num(3.0));
    vm.heap.define_raw(other, PropertyKey::Atom(m), num(6.0), Attributes::ALL);
    assert_eq!(vm.get_cached(a, m, &c).unwrap(), num(6.0));
}
