//! Property attributes and stored properties.
//!
//! Invariant: an accessor property's [`Attributes`] never has the
//! `WRITABLE` bit (the constructors below clear it), so two equal
//! properties have equal bits.

use crate::value::{Obj, Value};

/// The attributes of a property: a bitset of writable, enumerable and
/// configurable.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Attributes(u8);

impl Attributes {
    /// No attribute set: read-only, hidden, permanent.
    pub const NONE: Attributes = Attributes(0);
    /// [[Writable]] (data properties only).
    pub const WRITABLE: Attributes = Attributes(1);
    /// [[Enumerable]].
    pub const ENUMERABLE: Attributes = Attributes(2);
    /// [[Configurable]].
    pub const CONFIGURABLE: Attributes = Attributes(4);
    /// Writable, enumerable and configurable: what assignment creates.
    pub const ALL: Attributes = Attributes(7);
    /// Writable and configurable, not enumerable: built-in methods.
    pub const WRITABLE_CONFIGURABLE: Attributes = Attributes(5);
    /// Enumerable and configurable (accessors made by object literals).
    pub const ENUMERABLE_CONFIGURABLE: Attributes = Attributes(6);

    /// From the three flags.
    pub const fn new(writable: bool, enumerable: bool, configurable: bool) -> Attributes {
        Attributes((writable as u8) | (enumerable as u8) << 1 | (configurable as u8) << 2)
    }

    /// [[Writable]].
    pub const fn writable(self) -> bool {
        self.0 & 1 != 0
    }

    /// [[Enumerable]].
    pub const fn enumerable(self) -> bool {
        self.0 & 2 != 0
    }

    /// [[Configurable]].
    pub const fn configurable(self) -> bool {
        self.0 & 4 != 0
    }

    /// These attributes plus `other`'s.
    pub const fn union(self, other: Attributes) -> Attributes {
        Attributes(self.0 | other.0)
    }

    /// These attributes without `other`'s.
    pub const fn without(self, other: Attributes) -> Attributes {
        Attributes(self.0 & !other.0)
    }

    /// The raw bits (for hashing shapes).
    pub(crate) const fn bits(self) -> u8 {
        self.0
    }
}

impl std::ops::BitOr for Attributes {
    type Output = Attributes;
    fn bitor(self, rhs: Attributes) -> Attributes {
        self.union(rhs)
    }
}

impl std::fmt::Debug for Attributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let flag = |on: bool, c: char| if on { c } else { '-' };
        write!(f, "{}{}{}", flag(self.writable(), 'w'), flag(self.enumerable(), 'e'), flag(self.configurable(), 'c'))
    }
}

/// A property as stored: data or accessor, with its attributes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Property {
    /// A data property.
    Data {
        /// [[Value]]
        value: Value,
        /// writable / enumerable / configurable
        attrs: Attributes,
    },
    /// An accessor property.
    Accessor {
        /// [[Get]] (`None`: undefined)
        get: Option<Obj>,
        /// [[Set]] (`None`: undefined)
        set: Option<Obj>,
        /// enumerable / configurable (never writable)
        attrs: Attributes,
    },
}

impl Property {
    /// A data property.
    pub fn data(value: Value, attrs: Attributes) -> Property {
        Property::Data { value, attrs }
    }

    /// An accessor property (the writable bit is dropped).
    pub fn accessor(get: Option<Obj>, set: Option<Obj>, attrs: Attributes) -> Property {
        Property::Accessor { get, set, attrs: attrs.without(Attributes::WRITABLE) }
    }

    /// The attributes (same as [`Property::attrs`]).
    pub fn attributes(&self) -> Attributes {
        self.attrs()
    }

    /// The attributes.
    pub fn attrs(&self) -> Attributes {
        match *self {
            Property::Data { attrs, .. } | Property::Accessor { attrs, .. } => attrs,
        }
    }

    /// [[Enumerable]].
    pub fn enumerable(&self) -> bool {
        self.attrs().enumerable()
    }

    /// [[Configurable]].
    pub fn configurable(&self) -> bool {
        self.attrs().configurable()
    }

    /// The value of a data property.
    pub fn value(&self) -> Option<Value> {
        match *self {
            Property::Data { value, .. } => Some(value),
            Property::Accessor { .. } => None,
        }
    }

    /// The value of a data property; undefined for an accessor.
    pub fn value_or_undefined(&self) -> Value {
        self.value().unwrap_or(Value::Undefined)
    }

    /// Is an accessor property.
    pub fn is_accessor(&self) -> bool {
        matches!(self, Property::Accessor { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_bits() {
        assert!(Attributes::ALL.writable() && Attributes::ALL.enumerable() && Attributes::ALL.configurable());
        let wc = Attributes::WRITABLE_CONFIGURABLE;
        assert!(wc.writable() && !wc.enumerable() && wc.configurable());
        assert_eq!(Attributes::new(true, false, true), wc);
        assert_eq!(format!("{:?}", Attributes::NONE), "---");
        let acc = Property::accessor(None, None, Attributes::ALL);
        assert_eq!(acc.attrs(), Attributes::ENUMERABLE_CONFIGURABLE);
    }
}
