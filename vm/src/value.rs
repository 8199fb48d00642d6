//! `Value`: the JavaScript value, a small `Copy` type. Heap things are
//! 32-bit handles into the typed arenas of the [`Heap`](crate::heap::Heap).
//!
//! Invariant: a handle inside a `Value` that is reachable from the roots is
//! live; handles are only dereferenced through the heap that made them.

use cranelift_entity::entity_impl;

/// A heap object (ordinary or exotic, functions included).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Obj(u32);
entity_impl!(Obj, "obj");

/// A heap string (UTF-16 code units).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str(u32);
entity_impl!(Str, "str");

/// A symbol.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);
entity_impl!(Sym, "sym");

/// A heap BigInt.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigIntRef(u32);
entity_impl!(BigIntRef, "bigint");

/// An interned string used as a property name (never collected).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(u32);
entity_impl!(Atom, "atom");

/// A JavaScript value.
///
/// `repr(u8)`: the tag is the first byte, and each variant's payload follows
/// it at its natural alignment (a Number's at offset 8), which
/// [`Value::fieldwise`] relies on.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(u8)]
pub enum Value {
    /// `undefined`
    #[default]
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A Number (IEEE-754 double).
    Number(f64),
    /// A String.
    String(Str),
    /// A Symbol.
    Symbol(Sym),
    /// A BigInt.
    BigInt(BigIntRef),
    /// An Object.
    Object(Obj),
    /// Never visible to JavaScript: the spec's ~empty~. Marks a binding in
    /// its temporal dead zone and a hole in dense array elements.
    Empty,
}

/// The tag byte of each variant (`repr(u8)`: declaration order), for the
/// reads and writes by fields below.
mod tag {
    pub(super) const UNDEFINED: u8 = 0;
    pub(super) const NULL: u8 = 1;
    pub(super) const BOOL: u8 = 2;
    pub(super) const NUMBER: u8 = 3;
    pub(super) const STRING: u8 = 4;
    pub(super) const SYMBOL: u8 = 5;
    pub(super) const BIGINT: u8 = 6;
    pub(super) const OBJECT: u8 = 7;
    pub(super) const EMPTY: u8 = 8;
}

impl Value {
    /// The object handle, if this is an object.
    pub fn as_object(self) -> Option<Obj> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// `undefined` or `null`.
    pub fn is_nullish(self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    /// A copy that reads a Number's tag and payload as two narrow loads.
    /// Hot paths read values this way: a plain copy moves all 16 bytes with
    /// one wide load, which the processor cannot forward from the two
    /// narrow stores that wrote the value moments before (a stall of some
    /// 15 cycles on each such read). The loads are volatile so that the
    /// compiler cannot merge them back into the wide one.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub fn fieldwise(&self) -> Value {
        let p = (self as *const Value).cast::<u8>();
        // SAFETY: `repr(u8)` puts the tag (an initialised byte) at offset 0.
        let tag = unsafe { p.read_volatile() };
        if tag == tag::NUMBER {
            // SAFETY: the Number variant (tag 3: the fourth variant) is
            // `{ tag: u8, f64 }` in `repr(C)` layout, so its f64 is at offset
            // 8, aligned, and initialised.
            Value::Number(unsafe { p.add(8).cast::<f64>().read_volatile() })
        } else {
            *self
        }
    }

    /// [`Value::fieldwise`] for every variant: the tag, then only that
    /// variant's payload, each with a load of its own width. For a value
    /// that is often not a Number (a `this`) and was just written in narrow
    /// pieces; the branches cost more than they save on register reads,
    /// which are mostly Numbers.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub fn fieldwise_any(&self) -> Value {
        let p = (self as *const Value).cast::<u8>();
        // SAFETY: `repr(u8)` makes each variant a `repr(C)` struct of the
        // tag (an initialised byte at offset 0) and its payload at its
        // natural alignment: a bool at offset 1, a 32-bit handle at 4, an
        // f64 at 8. The tag read says which payload is initialised.
        // Numbers and objects are tested first: they are most of the reads.
        unsafe {
            let handle = || p.add(4).cast::<u32>().read_volatile();
            let tag = p.read_volatile();
            if tag == tag::NUMBER {
                return Value::Number(p.add(8).cast::<f64>().read_volatile());
            }
            if tag == tag::OBJECT {
                return Value::Object(Obj::from_u32(handle()));
            }
            match tag {
                tag::UNDEFINED => Value::Undefined,
                tag::NULL => Value::Null,
                tag::BOOL => Value::Bool(p.add(1).read_volatile() != 0),
                tag::STRING => Value::String(Str::from_u32(handle())),
                tag::SYMBOL => Value::Symbol(Sym::from_u32(handle())),
                tag::BIGINT => Value::BigInt(BigIntRef::from_u32(handle())),
                _ => Value::Empty,
            }
        }
    }

    /// Stores `self` into `slot` with one 16-byte store (the padding bytes
    /// written as zero), so that any later read of the slot, whole or by
    /// fields, is forwarded from that one store.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub fn store_whole(self, slot: &mut Value) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{__m128i, _mm_set_epi64x, _mm_storeu_si128};
            let handle = |tag: u8, h: u32| (u64::from(tag) | (u64::from(h) << 32), 0u64);
            let (lo, hi) = match self {
                Value::Undefined => (u64::from(tag::UNDEFINED), 0),
                Value::Null => (u64::from(tag::NULL), 0),
                Value::Bool(b) => (u64::from(tag::BOOL) | (u64::from(b) << 8), 0),
                Value::Number(n) => return store_number_whole(slot, n),
                Value::String(s) => handle(tag::STRING, s.as_u32()),
                Value::Symbol(s) => handle(tag::SYMBOL, s.as_u32()),
                Value::BigInt(b) => handle(tag::BIGINT, b.as_u32()),
                Value::Object(o) => handle(tag::OBJECT, o.as_u32()),
                Value::Empty => (u64::from(tag::EMPTY), 0),
            };
            // SAFETY: `slot` is valid for a 16-byte write (a Value); the
            // bytes written are the `repr(u8)` layout of `self` (tag at 0,
            // a bool at 1, a handle at 4, an f64 at 8), padding zeroed.
            unsafe { _mm_storeu_si128((slot as *mut Value).cast::<__m128i>(), _mm_set_epi64x(hi as i64, lo as i64)) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            *slot = self
        }
    }

    /// The object handle, read as two narrow loads (see [`Value::fieldwise`]).
    #[inline(always)]
    pub fn object_fieldwise(&self) -> Option<Obj> {
        match self {
            &Value::Object(o) => Some(o),
            _ => None,
        }
    }
}

/// [`Value::store_whole`] of a Number, built in the floating-point
/// registers: moving the double to an integer register and back costs more
/// than the whole store saves.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(unsafe_code)]
fn store_number_whole(slot: &mut Value, n: f64) {
    use std::arch::x86_64::{_mm_castsi128_pd, _mm_cvtsi64_si128, _mm_set_sd, _mm_storeu_pd, _mm_unpacklo_pd};
    // SAFETY: `slot` is valid for a 16-byte write; the low lane is tag 3
    // (Number) with zero padding, the high lane the f64 at offset 8.
    unsafe {
        let tag = _mm_castsi128_pd(_mm_cvtsi64_si128(i64::from(tag::NUMBER)));
        _mm_storeu_pd((slot as *mut Value).cast::<f64>(), _mm_unpacklo_pd(tag, _mm_set_sd(n)));
    }
}

/// A property key: array index, interned string, or symbol.
///
/// Invariant: a string that is a canonical array index (`"0"` ..
/// `"4294967294"`) is always `Index`, never `Atom`, so equal keys are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    /// An array index, 0 ..= 2^32 - 2.
    Index(u32),
    /// A string key.
    Atom(Atom),
    /// A symbol key.
    Symbol(Sym),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_two_words() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
        assert_eq!(std::mem::size_of::<PropertyKey>(), 8);
    }

    #[test]
    fn fieldwise_copies_every_variant() {
        let values = [
            Value::Undefined,
            Value::Null,
            Value::Bool(true),
            Value::Number(-0.5),
            Value::Number(f64::NAN),
            Value::String(Str::from_u32(7)),
            Value::Symbol(Sym::from_u32(8)),
            Value::BigInt(BigIntRef::from_u32(9)),
            Value::Object(Obj::from_u32(10)),
            Value::Empty,
        ];
        let tags = [tag::UNDEFINED, tag::NULL, tag::BOOL, tag::NUMBER, tag::NUMBER, tag::STRING, tag::SYMBOL, tag::BIGINT, tag::OBJECT, tag::EMPTY];
        for (v, t) in values.into_iter().zip(tags) {
            let c = v.fieldwise();
            assert_eq!(format!("{c:?}"), format!("{v:?}"));
            assert_eq!(c.object_fieldwise(), v.as_object());
            assert_eq!(format!("{:?}", v.fieldwise_any()), format!("{v:?}"));
            #[allow(unsafe_code)]
            // SAFETY: the tag byte of a Value is initialised.
            let first = unsafe { *(&v as *const Value).cast::<u8>() };
            assert_eq!(first, t, "the tag constant of {v:?}");
            let mut slot = Value::Number(1.0);
            v.store_whole(&mut slot);
            assert_eq!(format!("{slot:?}"), format!("{v:?}"), "store_whole of {v:?}");
        }
        let mut slot = Value::Bool(false);
        Value::Bool(true).store_whole(&mut slot);
        assert_eq!(slot, Value::Bool(true));
    }
}
