//! Tests of the heap: strings, atoms, symbols, BigInts and the collector.

use super::*;
use crate::object::{Attributes, ObjectKind};
use crate::value::{PropertyKey, Value};
use num_bigint::BigInt;

fn u(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[test]
fn strings_concat_and_append_in_place() {
    let mut h = Heap::new();
    let a = h.string_from_str("ab");
    let b = h.string_from_str("cd");
    let ab = h.concat(a, b);
    assert_eq!(h.to_rust_string(ab), "abcd");
    // `a` ended its buffer: `ab` was appended in place; `a` reads the same.
    let x = h.string_from_str("X");
    let abx = h.concat(ab, x);
    let aby = h.concat(ab, b);
    assert_eq!(h.to_rust_string(a), "ab");
    assert_eq!(h.to_rust_string(ab), "abcd");
    assert_eq!(h.to_rust_string(abx), "abcdX");
    assert_eq!(h.to_rust_string(aby), "abcdcd");
    let s_s = h.concat(aby, aby);
    assert_eq!(h.to_rust_string(s_s), "abcdcdabcdcd");
    let e = h.empty_string();
    assert_eq!(h.concat(e, a), a);
    assert_eq!(h.concat(a, e), a);
    let atom = h.intern(&u("abcd"));
    let atom_string = h.atom_string(atom);
    assert!(h.string_eq(ab, atom_string));
}

#[test]
fn repeated_append_is_linear() {
    let mut h = Heap::new();
    let piece = h.string_from_str("0123456789");
    let mut s = h.empty_string();
    for _ in 0..200_000 {
        s = h.concat(s, piece);
    }
    assert_eq!(h.string_len(s), 2_000_000);
    assert_eq!(&h.units(s)[1_999_990..], &u("0123456789")[..]);
}

#[test]
fn atom_strings_are_pinned_not_appended_to() {
    let mut h = Heap::new();
    let a = h.intern_str("key");
    let s = h.atom_string(a);
    let t = h.string_from_str("!");
    let st = h.concat(s, t);
    assert_eq!(h.to_rust_string(st), "key!");
    assert_eq!(h.atom_units(a), &u("key")[..]);
    assert_eq!(h.atom_string(a), s, "the same Str every time");
}

#[test]
fn substrings_and_lossy_conversion() {
    let mut h = Heap::new();
    let long: String = "abcdefghij".repeat(10);
    let s = h.string_from_str(&long);
    let sub = h.substring(s, 5, 90);
    assert_eq!(h.to_rust_string(sub), long[5..90]);
    let short = h.substring(s, 1, 3);
    assert_eq!(h.to_rust_string(short), "bc");
    let clamped = h.substring(s, 95, 1000);
    assert_eq!(h.to_rust_string(clamped), "fghij");
    let lone = h.alloc_string(vec![0x61, 0xD800]);
    assert_eq!(h.to_rust_string(lone), "a\u{FFFD}");
}

#[test]
fn atoms_and_canonical_index_keys() {
    let mut h = Heap::new();
    assert_eq!(h.intern_str("x"), h.intern(&u("x")));
    assert_ne!(h.intern_str("x"), h.intern_str("y"));
    assert_eq!(h.property_key(&u("0")), PropertyKey::Index(0));
    assert_eq!(h.property_key(&u("123")), PropertyKey::Index(123));
    assert_eq!(h.property_key(&u("4294967294")), PropertyKey::Index(4_294_967_294));
    for s in ["01", "4294967295", "99999999999", "-0", "-1", "1.5", "", " 1", "1e3"] {
        assert!(matches!(h.property_key(&u(s)), PropertyKey::Atom(_)), "{s:?} is an atom");
    }
    let k = h.key_from_str("7");
    let v = h.key_to_value(k);
    let Value::String(s) = v else { panic!("a string") };
    assert_eq!(h.to_rust_string(s), "7");
    let a = h.intern_str("name");
    assert_eq!(h.key_to_value(PropertyKey::Atom(a)), Value::String(h.atom_string(a)));
    let s = h.string_from_str("42");
    assert_eq!(h.string_key(s), PropertyKey::Index(42));
}

#[test]
fn symbols_and_the_registry() {
    let mut h = Heap::new();
    let d = h.symbol_description(h.well_known.iterator).unwrap();
    assert_eq!(h.to_rust_string(d), "Symbol.iterator");
    let d = h.symbol_description(h.well_known.to_string_tag).unwrap();
    assert_eq!(h.to_rust_string(d), "Symbol.toStringTag");
    let k1 = h.string_from_str("app");
    let k2 = h.string_from_str("app");
    let s1 = h.symbol_for(k1);
    assert_eq!(h.symbol_for(k2), s1);
    assert!(h.string_eq(h.symbol_key_for(s1).unwrap(), k1));
    let plain = h.alloc_symbol(Some(k1));
    assert_ne!(plain, s1);
    assert_eq!(h.symbol_key_for(plain), None);
    assert_eq!(h.symbol_key_for(h.well_known.iterator), None);
}

#[test]
fn bigints() {
    let mut h = Heap::new();
    let b = h.alloc_bigint(BigInt::from(1u64 << 40) * 1000);
    assert_eq!(h.bigint(b).to_string(), "1099511627776000");
}

#[test]
fn collect_frees_garbage_and_keeps_survivors() {
    let mut h = Heap::new();
    let keep = h.alloc_object(None, ObjectKind::Ordinary);
    let name = h.intern_str("s");
    let text = h.string_from_str("kept string");
    h.define_raw(keep, PropertyKey::Atom(name), Value::String(text), Attributes::ALL);
    let desc = h.string_from_str("kept symbol");
    let sym = h.alloc_symbol(Some(desc));
    h.define_raw(keep, PropertyKey::Symbol(sym), Value::Bool(true), Attributes::ALL);
    let big = h.alloc_bigint(BigInt::from(7));
    h.define_raw(keep, PropertyKey::Index(3), Value::BigInt(big), Attributes::ALL);
    let child = h.alloc_object(None, ObjectKind::Ordinary);
    h.object_mut(keep).proto = Some(child);
    for i in 0..1000 {
        let o = h.alloc_object(Some(keep), ObjectKind::Ordinary);
        let s = h.string_from_str(&format!("garbage {i}"));
        h.define_raw(o, PropertyKey::Atom(name), Value::String(s), Attributes::ALL);
        h.alloc_symbol(None);
        h.alloc_bigint(BigInt::from(i));
    }
    let before = h.stats();
    assert_eq!(before.objects_live, 1002);
    h.collect(|m| m.mark_object(keep));
    let after = h.stats();
    assert_eq!(after.objects_live, 2);
    assert_eq!(after.collections, 1);
    assert!(after.strings_live < before.strings_live - 900);
    assert_eq!(after.bigints_live, 1);
    assert_eq!(after.bytes_allocated_total, before.bytes_allocated_total);
    // Survivors are intact.
    let p = h.get_own_raw(keep, PropertyKey::Atom(name)).unwrap();
    let Some(Value::String(s)) = p.value() else { panic!("a string") };
    assert_eq!(h.to_rust_string(s), "kept string");
    assert!(h.get_own_raw(keep, PropertyKey::Symbol(sym)).is_some());
    assert_eq!(h.to_rust_string(h.symbol_description(sym).unwrap()), "kept symbol");
    assert_eq!(h.bigint(big), &BigInt::from(7));
    assert_eq!(h.object(keep).proto, Some(child));
    // Well-known symbols and atoms are permanent.
    let d = h.symbol_description(h.well_known.species).unwrap();
    assert_eq!(h.to_rust_string(d), "Symbol.species");
    assert_eq!(h.atom_units(name), &u("s")[..]);
    // Freed slots are reused.
    let n = h.alloc_object(None, ObjectKind::Ordinary);
    assert!(n.index() < 1002);
    assert!(h.get_own_raw(n, PropertyKey::Atom(name)).is_none());
}

#[test]
fn collect_traces_object_kinds() {
    use crate::object::{BoundFunction, Env};
    let mut h = Heap::new();
    let target = h.alloc_object(None, ObjectKind::Ordinary);
    let s = h.string_from_str("bound this");
    let bound = h.alloc_object(
        None,
        ObjectKind::Bound(BoundFunction { target, this: Value::String(s), args: Box::new([]) }),
    );
    let inner = h.alloc_object(None, ObjectKind::Ordinary);
    let env = h.alloc_object(
        None,
        ObjectKind::Env(Env { parent: None, slots: Box::new([Value::Object(bound), Value::Object(inner)]), object: None }),
    );
    let ws = h.string_from_str("wrapped");
    let wrapper = h.alloc_object(None, ObjectKind::String(ws));
    let arr = h.create_array(inner, &[Value::Object(env), Value::Object(wrapper)]);
    h.alloc_object(None, ObjectKind::Ordinary);
    h.collect(|m| m.mark(Value::Object(arr)));
    assert_eq!(h.stats().objects_live, 6);
    assert_eq!(h.to_rust_string(s), "bound this");
    assert_eq!(h.to_rust_string(ws), "wrapped");
}

#[test]
fn deep_linked_list_collects_without_recursion() {
    let mut h = Heap::new();
    let next = PropertyKey::Atom(h.intern_str("next"));
    let mut head = h.alloc_object(None, ObjectKind::Ordinary);
    for _ in 0..1_000_000 {
        let o = h.alloc_object(None, ObjectKind::Ordinary);
        h.define_raw(o, next, Value::Object(head), Attributes::ALL);
        head = o;
    }
    h.collect(|m| m.mark_object(head));
    assert_eq!(h.stats().objects_live, 1_000_001);
    h.collect(|_| {});
    assert_eq!(h.stats().objects_live, 0);
}

#[test]
fn string_buffers_are_trimmed_and_freed() {
    let mut h = Heap::new();
    let a = h.string_from_str("prefix");
    let big = h.string_from_str(&"x".repeat(10_000));
    let grown = h.concat(a, big);
    assert_eq!(h.string_len(grown), 10_006);
    h.collect(|m| m.mark(Value::String(a)));
    assert_eq!(h.to_rust_string(a), "prefix");
    // `a` ends its (trimmed) buffer again: appending reuses it.
    let t = h.string_from_str("!");
    let at = h.concat(a, t);
    assert_eq!(h.to_rust_string(at), "prefix!");
    assert!(h.stats().bytes_live_after_last_collection < 10_000);
}

#[test]
fn pacing_and_gc_stress() {
    let mut h = Heap::new();
    assert!(!h.should_collect());
    h.set_gc_stress(true);
    assert!(h.should_collect());
    h.set_gc_stress(false);
    for _ in 0..20_000 {
        h.alloc_object(None, ObjectKind::Ordinary);
    }
    assert!(h.should_collect());
    h.collect(|_| {});
    assert!(!h.should_collect());
}

#[test]
fn private_names_are_not_own_keys() {
    let mut h = Heap::new();
    let o = h.alloc_object(None, ObjectKind::Ordinary);
    let d = h.string_from_str("#x");
    let private = h.alloc_private_name(d);
    let public = h.alloc_symbol(None);
    h.define_raw(o, PropertyKey::Symbol(private), Value::Null, Attributes::WRITABLE);
    h.define_raw(o, PropertyKey::Symbol(public), Value::Null, Attributes::ALL);
    assert!(h.is_private_name(private));
    assert_eq!(h.own_keys_raw(o), vec![PropertyKey::Symbol(public)]);
    assert!(h.get_own_raw(o, PropertyKey::Symbol(private)).is_some());
}

#[test]
fn cached_unit_and_index_strings_survive_collection() {
    let mut h = Heap::new();
    let s = h.string_from_str("héllo");
    let e = h.substring(s, 1, 2);
    assert_eq!(h.substring(s, 1, 2), e, "one-unit strings are shared");
    assert_eq!(h.to_rust_string(e), "é");
    let seven = h.key_to_value(PropertyKey::Index(7));
    assert_eq!(h.key_to_value(PropertyKey::Index(7)), seven);
    let big = h.key_to_value(PropertyKey::Index(1_000_000));
    let Value::String(big) = big else { panic!("a string") };
    assert_eq!(h.to_rust_string(big), "1000000");
    h.collect(|_| {});
    assert_eq!(h.to_rust_string(e), "é");
    let Value::String(seven) = seven else { panic!("a string") };
    assert_eq!(h.to_rust_string(seven), "7");
    let smiley = h.unit_string(0x263A);
    assert_eq!(h.to_rust_string(smiley), "☺");
}

#[test]
fn collect_traces_dictionaries_sparse_elements_and_more_kinds() {
    use crate::object::{Arguments, ArrayIterator, Env, IterationKind, Property, Proxy, StringIterator};
    let mut h = Heap::new();
    let root = h.alloc_object(None, ObjectKind::Ordinary);
    // Dictionary mode (many properties) holding a symbol key and an accessor.
    for i in 0..300 {
        let k = h.key_from_str(&format!("k{i}"));
        h.define_raw(root, k, Value::Null, Attributes::ALL);
    }
    let sym = h.alloc_symbol(None);
    let getter = h.alloc_object(None, ObjectKind::Ordinary);
    h.define_accessor_raw(root, PropertyKey::Symbol(sym), Some(getter), None, Attributes::CONFIGURABLE);
    // A sparse element that is an accessor.
    let setter = h.alloc_object(None, ObjectKind::Ordinary);
    let p = Property::accessor(None, Some(setter), Attributes::CONFIGURABLE);
    h.set_property_raw(root, PropertyKey::Index(1_000_000), p);
    // Proxy, arguments with an environment, iterators.
    let (target, handler) = (h.alloc_object(None, ObjectKind::Ordinary), h.alloc_object(None, ObjectKind::Ordinary));
    let proxy = ObjectKind::Proxy(Proxy { target: Some(target), handler: Some(handler), callable: false, constructor: false });
    let proxy = h.alloc_object(None, proxy);
    let env = h.alloc_object(None, ObjectKind::Env(Env { parent: None, slots: Box::new([]), object: None }));
    let args = h.alloc_object(None, ObjectKind::Arguments(Arguments { env: Some(env), mapped: Box::new([]) }));
    let iterated = h.alloc_object(None, ObjectKind::Ordinary);
    let it = ObjectKind::ArrayIterator(ArrayIterator { object: Some(iterated), index: 0, kind: IterationKind::Values });
    let it = h.alloc_object(None, it);
    let text = h.string_from_str("iterated text");
    let sit = h.alloc_object(None, ObjectKind::StringIterator(StringIterator { string: Some(text), index: 0 }));
    for (i, o) in [proxy, args, it, sit].into_iter().enumerate() {
        h.define_raw(root, PropertyKey::Index(i as u32), Value::Object(o), Attributes::ALL);
    }
    for _ in 0..50 {
        h.alloc_object(None, ObjectKind::Ordinary);
        h.alloc_symbol(None);
    }
    h.collect(|m| m.mark_object(root));
    // root, getter, setter, target, handler, proxy, env, args, iterated, it, sit.
    assert_eq!(h.stats().objects_live, 11);
    assert_eq!(h.stats().symbols_live, 13 + 1);
    assert_eq!(h.to_rust_string(text), "iterated text");
    assert_eq!(h.get_own_raw(root, PropertyKey::Index(1_000_000)), Some(p));
}

#[test]
fn swept_objects_slot_storage_is_reused_empty() {
    let mut h = Heap::new();
    let (x, y) = (h.intern_str("x"), h.intern_str("y"));
    for i in 0..10 {
        let o = h.alloc_object(None, ObjectKind::Ordinary);
        h.define_raw(o, PropertyKey::Atom(x), Value::Number(f64::from(i)), Attributes::ALL);
        h.define_raw(o, PropertyKey::Atom(y), Value::Bool(true), Attributes::ALL);
    }
    h.collect(|_| {});
    assert_eq!(h.spare_slots.len(), 10);
    // A new ordinary object takes a spare vector: room, but no properties.
    let n = h.alloc_object(None, ObjectKind::Ordinary);
    assert_eq!(h.spare_slots.len(), 9);
    assert!(h.get_own_raw(n, PropertyKey::Atom(x)).is_none());
    assert!(h.own_keys_raw(n).is_empty());
    h.define_raw(n, PropertyKey::Atom(y), Value::Null, Attributes::ALL);
    assert_eq!(h.get_own_raw(n, PropertyKey::Atom(y)).and_then(|p| p.value()), Some(Value::Null));
    // Other kinds start with no storage.
    let a = h.alloc_object(None, ObjectKind::Array);
    assert_eq!(h.spare_slots.len(), 9);
    assert!(h.own_keys_raw(a).iter().all(|k| *k == PropertyKey::Atom(h.names.length)));
}
