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
#[derive(Clone, Copy, Debug, Default, PartialEq)]
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
        assert_eq!(std::mem::size_of::<PropertyKey>(), 8);
    }
}
