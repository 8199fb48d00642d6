//! Element storage: the integer-indexed properties ("0" .. "4294967294") of
//! any object, and an array's `length`.
//!
//! Two modes. `Dense`: a vector where `Value::Empty` is a hole and every
//! present element is a writable, enumerable, configurable data property;
//! an array's length is the vector's length and is writable. `Sparse`: an
//! ordered map of full properties, used when an index lies far beyond the
//! others, when an element gets other attributes or becomes an accessor, or
//! when an array's length becomes non-writable.
//!
//! Invariant: in `Sparse` mode of an array, every key is below `length`;
//! `special` counts the entries that are not plain {w,e,c} data.

use super::property::{Attributes, Property};
use crate::value::Value;
use std::collections::BTreeMap;

/// A dense vector may grow to any length up to this, and beyond it by at
/// most this many slots past its current end (as V8's `kMaxGap`): an index
/// further out makes the elements sparse, so doubling indices (0, 2, 6,
/// 14, ...) cannot make a vector of 2^32 holes.
const DENSE_SLACK: usize = 1024;
/// Setting an array's length up to this, or by at most this much past the
/// current end, keeps it dense (holes).
const DENSE_LENGTH_LIMIT: usize = 1 << 16;

/// The sparse representation.
#[derive(Debug, Clone)]
pub(crate) struct Sparse {
    map: BTreeMap<u32, Property>,
    length: u32,
    length_writable: bool,
    special: u32,
}

/// Indexed properties of one object.
#[derive(Debug, Clone)]
pub(crate) enum Elements {
    /// Holes are `Value::Empty`.
    Dense(Vec<Value>),
    /// Full properties by index.
    Sparse(Box<Sparse>),
}

impl Default for Elements {
    fn default() -> Self {
        Elements::Dense(Vec::new())
    }
}

fn is_plain(p: &Property) -> bool {
    matches!(p, Property::Data { attrs, .. } if *attrs == Attributes::ALL)
}

fn can_grow(len: usize, new_len: usize, limit: usize) -> bool {
    new_len <= limit.max(len.saturating_add(limit))
}

impl Elements {
    /// Dense elements with these values (holes allowed).
    pub(crate) fn from_values(values: Vec<Value>) -> Elements {
        Elements::Dense(values)
    }

    /// The property at index `i`.
    pub(crate) fn get(&self, i: u32) -> Option<Property> {
        match self {
            Elements::Dense(v) => match v.get(i as usize) {
                Some(Value::Empty) | None => None,
                Some(&value) => Some(Property::data(value, Attributes::ALL)),
            },
            Elements::Sparse(s) => s.map.get(&i).copied(),
        }
    }

    /// The present dense element at `i` (fast path; `None` also when
    /// sparse: take the slow path then).
    pub(crate) fn dense_get(&self, i: u32) -> Option<Value> {
        match self {
            Elements::Dense(_) => self.dense_slot(i).copied(),
            Elements::Sparse(_) => None,
        }
    }

    /// [`Elements::dense_get`]'s slot, for a copy straight into a register.
    #[inline(always)]
    pub(crate) fn dense_slot(&self, i: u32) -> Option<&Value> {
        match self {
            Elements::Dense(v) => v.get(i as usize).filter(|v| **v != Value::Empty),
            Elements::Sparse(_) => None,
        }
    }

    /// Overwrites a present dense element (fast path); false if not dense
    /// or absent.
    pub(crate) fn dense_set(&mut self, i: u32, value: Value) -> bool {
        match self {
            Elements::Dense(v) => match v.get_mut(i as usize) {
                Some(slot) if *slot != Value::Empty => {
                    *slot = value;
                    true
                }
                _ => false,
            },
            Elements::Sparse(_) => false,
        }
    }

    /// The dense values (holes included), when dense.
    pub(crate) fn dense_values(&self) -> Option<&[Value]> {
        match self {
            Elements::Dense(v) => Some(v),
            Elements::Sparse(_) => None,
        }
    }

    /// Adds or overwrites the property at `i`. For an array, a sparse
    /// length grows to cover `i` (dense lengths do by construction).
    pub(crate) fn define(&mut self, i: u32, prop: Property, is_array: bool) {
        if prop.value() == Some(Value::Empty) {
            // Defining a hole: nothing is stored, an array still grows.
            self.remove(i);
            if is_array && i >= self.length() {
                self.set_length(i.saturating_add(1));
            }
            return;
        }
        if let Elements::Dense(v) = self {
            let idx = i as usize;
            if is_plain(&prop) && (idx < v.len() || can_grow(v.len(), idx + 1, DENSE_SLACK)) {
                if idx >= v.len() {
                    v.resize(idx + 1, Value::Empty);
                }
                v[idx] = prop.value().unwrap_or(Value::Undefined);
                return;
            }
            self.make_sparse();
        }
        if let Elements::Sparse(s) = self {
            let special = !is_plain(&prop) as u32;
            match s.map.insert(i, prop) {
                Some(old) => s.special = s.special - (!is_plain(&old) as u32) + special,
                None => s.special += special,
            }
            if is_array && i >= s.length {
                s.length = i.saturating_add(1);
            }
            self.maybe_densify(is_array);
        }
    }

    /// Appends at the end of an array (`length` grows by one;
    /// `Value::Empty` appends a hole); returns false if the length is
    /// already 2^32 - 1 or not writable.
    pub(crate) fn push(&mut self, value: Value) -> bool {
        match self {
            Elements::Dense(v) if v.len() < u32::MAX as usize => {
                v.push(value);
                true
            }
            Elements::Dense(_) => false,
            Elements::Sparse(s) => {
                if !s.length_writable || s.length == u32::MAX {
                    return false;
                }
                let i = s.length;
                if value == Value::Empty {
                    s.length += 1;
                } else {
                    self.define(i, Property::data(value, Attributes::ALL), true);
                }
                true
            }
        }
    }

    /// Removes the element at `i` (whatever its attributes); returns whether
    /// it was there.
    pub(crate) fn remove(&mut self, i: u32) -> bool {
        match self {
            Elements::Dense(v) => match v.get_mut(i as usize) {
                Some(slot) if *slot != Value::Empty => {
                    *slot = Value::Empty;
                    true
                }
                _ => false,
            },
            Elements::Sparse(s) => match s.map.remove(&i) {
                Some(old) => {
                    s.special -= !is_plain(&old) as u32;
                    true
                }
                None => false,
            },
        }
    }

    /// An array's length.
    pub(crate) fn length(&self) -> u32 {
        match self {
            Elements::Dense(v) => v.len() as u32,
            Elements::Sparse(s) => s.length,
        }
    }

    /// An array's length is writable.
    pub(crate) fn length_writable(&self) -> bool {
        match self {
            Elements::Dense(_) => true,
            Elements::Sparse(s) => s.length_writable,
        }
    }

    /// Makes an array's length non-writable (or writable again: only raw
    /// callers do that).
    pub(crate) fn set_length_writable(&mut self, writable: bool) {
        if writable && matches!(self, Elements::Dense(_)) {
            return;
        }
        self.make_sparse();
        if let Elements::Sparse(s) = self {
            s.length_writable = writable;
        }
    }

    /// Sets an array's length (ArraySetLength steps 16-19 without the
    /// attribute checks): deletes elements from the end down to
    /// `new_len`, stopping at a non-configurable one. Returns the resulting
    /// length (`new_len`, or one more than the index that refused).
    pub(crate) fn set_length(&mut self, new_len: u32) -> u32 {
        match self {
            Elements::Dense(v) => {
                let n = new_len as usize;
                if n <= v.len() {
                    v.truncate(n);
                    return new_len;
                }
                if can_grow(v.len(), n, DENSE_LENGTH_LIMIT) {
                    v.resize(n, Value::Empty);
                    return new_len;
                }
                self.make_sparse();
                self.set_length(new_len)
            }
            Elements::Sparse(s) => {
                while let Some((&k, p)) = s.map.range(new_len..).next_back() {
                    if !p.configurable() {
                        s.length = k + 1;
                        return k + 1;
                    }
                    s.special -= !is_plain(p) as u32;
                    s.map.remove(&k);
                }
                s.length = new_len;
                new_len
            }
        }
    }

    /// The present indices, ascending.
    pub(crate) fn keys(&self) -> Vec<u32> {
        match self {
            Elements::Dense(v) => {
                v.iter().enumerate().filter(|(_, v)| **v != Value::Empty).map(|(i, _)| i as u32).collect()
            }
            Elements::Sparse(s) => s.map.keys().copied().collect(),
        }
    }

    /// Every property, for the collector and for integrity levels.
    pub(crate) fn for_each_value(&self, mut f: impl FnMut(Value)) {
        match self {
            Elements::Dense(v) => v.iter().for_each(|v| f(*v)),
            Elements::Sparse(s) => s.map.values().for_each(|p| match *p {
                Property::Data { value, .. } => f(value),
                Property::Accessor { get, set, .. } => {
                    get.into_iter().chain(set).for_each(|o| f(Value::Object(o)));
                }
            }),
        }
    }

    /// Approximate bytes used.
    pub(crate) fn byte_size(&self) -> usize {
        match self {
            Elements::Dense(v) => v.capacity() * std::mem::size_of::<Value>(),
            Elements::Sparse(s) => s.map.len() * 48 + std::mem::size_of::<Sparse>(),
        }
    }

    fn make_sparse(&mut self) {
        if let Elements::Dense(v) = self {
            let length = v.len() as u32;
            let map = v
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != Value::Empty)
                .map(|(i, v)| (i as u32, Property::data(*v, Attributes::ALL)))
                .collect();
            *self = Elements::Sparse(Box::new(Sparse { map, length, length_writable: true, special: 0 }));
        }
    }

    /// Back to dense when every entry is plain and at least half the span
    /// is filled (checked when the count reaches a power of two).
    fn maybe_densify(&mut self, is_array: bool) {
        let Elements::Sparse(s) = self else { return };
        let n = s.map.len();
        if s.special != 0 || !s.length_writable || n < 8 || !n.is_power_of_two() {
            return;
        }
        let span = if is_array { s.length as usize } else { s.map.keys().next_back().map_or(0, |k| *k as usize + 1) };
        if span > n * 2 {
            return;
        }
        let mut v = vec![Value::Empty; span];
        for (k, p) in &s.map {
            if let Some(slot) = v.get_mut(*k as usize) {
                *slot = p.value().unwrap_or(Value::Undefined);
            }
        }
        *self = Elements::Dense(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_indices_go_sparse() {
        let mut e = Elements::default();
        let mut k: u64 = 1;
        for _ in 0..32 {
            k *= 2;
            e.define((k - 2) as u32, num(k as u32), true);
        }
        assert!(matches!(e, Elements::Sparse(_)));
        assert_eq!(e.length(), u32::MAX);
        assert!(e.byte_size() < 64 * 1024, "{} bytes", e.byte_size());
    }

    fn num(n: u32) -> Property {
        Property::data(Value::Number(n as f64), Attributes::ALL)
    }

    #[test]
    fn dense_growth_holes_and_truncation() {
        let mut e = Elements::default();
        e.define(0, num(0), true);
        e.define(3, num(3), true);
        assert_eq!(e.length(), 4);
        assert!(matches!(e, Elements::Dense(_)));
        assert_eq!(e.get(1), None);
        assert_eq!(e.keys(), vec![0, 3]);
        assert_eq!(e.set_length(2), 2);
        assert_eq!(e.keys(), vec![0]);
        assert_eq!(e.set_length(10), 10);
        assert_eq!(e.keys().len(), 1);
    }

    #[test]
    fn far_index_goes_sparse_and_comes_back() {
        let mut e = Elements::default();
        e.define(1_000_000, num(1), true);
        assert!(matches!(e, Elements::Sparse(_)));
        assert_eq!(e.length(), 1_000_001);
        let mut e = Elements::default();
        e.define(5000, num(1), false);
        for i in 0..5000 {
            e.define(i, num(i), false);
        }
        assert!(matches!(e, Elements::Dense(_)), "re-densified");
        assert_eq!(e.get(4999), Some(num(4999)));
        assert_eq!(e.get(5000), Some(num(1)));
    }

    #[test]
    fn non_configurable_element_stops_truncation() {
        let mut e = Elements::default();
        for i in 0..5 {
            e.define(i, num(i), true);
        }
        e.define(2, Property::data(Value::Null, Attributes::WRITABLE), true);
        assert!(matches!(e, Elements::Sparse(_)));
        assert_eq!(e.set_length(0), 3);
        assert_eq!(e.keys(), vec![0, 1, 2]);
        assert!(e.push(Value::Empty));
        assert_eq!((e.length(), e.get(3)), (4, None), "a hole");
        e.set_length_writable(false);
        assert!(!e.length_writable());
        assert!(!e.push(Value::Null));
    }
}
