//! Objects: the [`Object`] record, its property storage (shapes,
//! dictionary mode, elements), property attributes and descriptors, and the
//! internal methods of ordinary and exotic objects (ECMAScript 2025 §10) as
//! methods of [`Vm`](crate::vm::Vm).
//!
//! Layout of an object: `kind` (internal slots by kind), `proto`,
//! `extensible`, named properties (`props`: a shape and a slot vector, or a
//! dictionary) and indexed properties (`elements`: dense or sparse; an
//! array's `length` lives there).
//!
//! Invariants: integer-index keys (`PropertyKey::Index`) live only in
//! `elements`; named keys only in `props`; an Array's `length` is virtual
//! (never in `props`); an object's shape class matches its kind
//! ([`shape::ShapeClass`]), so the kind of an object must not change between
//! an ordinary kind and Array, String or Proxy after allocation.

mod arguments;
mod array;
mod array_buffer;
mod cache;
mod collection_iterator;
mod descriptor;
mod dictionary;
mod element_type;
mod elements;
mod integrity;
mod kind;
mod namespace;
mod operations;
mod ordinary;
pub(crate) use ordinary::{storage_of, Storage};
pub mod ordered_table;
mod property;
mod proxy;
mod proxy_traps;
mod regexp;
pub(crate) mod shape;
mod storage;
mod string_exotic;
mod typed_array;
pub mod weak_table;

pub use cache::PropertyCache;
pub use storage::{Preset, PRESETS};
pub use array_buffer::{ArrayBufferData, DataViewData};
pub use descriptor::PropertyDescriptor;
pub use element_type::{f16_bits_to_f64, f64_to_f16_bits, Decoded, ElementType, ElementValue};
pub use typed_array::TypedArrayData;
pub use integrity::IntegrityLevel;
pub use kind::*;
pub use namespace::{Namespace, NamespaceExport};
pub use property::{Attributes, Property};
pub use regexp::{RegExpData, RegExpStringIterator};

use crate::value::{Obj, Value};
use dictionary::Dictionary;
use elements::Elements;
use shape::{ShapeClass, ShapeId};

/// A heap object.
#[derive(Debug, Clone)]
pub struct Object {
    /// Internal slots by kind.
    pub kind: ObjectKind,
    /// [[Prototype]].
    pub proto: Option<Obj>,
    /// [[Extensible]].
    pub extensible: bool,
    /// The shape of the named properties (meaningless in dictionary mode).
    pub(crate) shape: ShapeId,
    /// Named properties.
    pub(crate) props: Props,
    /// Indexed properties (and an array's length).
    pub(crate) elements: Elements,
}

/// Named property storage.
#[derive(Debug, Clone)]
pub(crate) enum Props {
    /// Layout by the object's shape; `slots[e.slot]` holds each entry's
    /// value (an accessor: getter then setter, each `Value::Object` or
    /// undefined).
    Slots(Vec<Value>),
    /// Own hash table.
    Dict(Box<Dictionary>),
}

/// The shape class of objects of `kind`.
pub(crate) fn class_of(kind: &ObjectKind) -> ShapeClass {
    match kind {
        ObjectKind::Array => ShapeClass::Array,
        ObjectKind::String(_) => ShapeClass::String,
        ObjectKind::Proxy(_) => ShapeClass::Proxy,
        _ => ShapeClass::Ordinary,
    }
}

impl Object {
    /// A new extensible object without properties.
    pub(crate) fn new(proto: Option<Obj>, kind: ObjectKind, root: ShapeId) -> Object {
        Object {
            kind,
            proto,
            extensible: true,
            shape: root,
            props: Props::Slots(Vec::new()),
            elements: Elements::default(),
        }
    }

    /// Is an Array exotic object.
    pub fn is_array(&self) -> bool {
        matches!(self.kind, ObjectKind::Array)
    }

    /// Is a Proxy exotic object.
    pub fn is_proxy(&self) -> bool {
        matches!(self.kind, ObjectKind::Proxy(_))
    }

    /// The shape, unless in dictionary mode.
    pub(crate) fn shape(&self) -> Option<ShapeId> {
        match &self.props {
            Props::Slots(_) => Some(self.shape),
            Props::Dict(_) => None,
        }
    }

    /// Approximate bytes used (for collection pacing).
    pub(crate) fn byte_size(&self) -> usize {
        let props = match &self.props {
            Props::Slots(slots) => slots.capacity() * std::mem::size_of::<Value>(),
            Props::Dict(d) => d.len() as usize * 64,
        };
        let tables = match &self.kind {
            ObjectKind::Map(t) | ObjectKind::Set(t) => t.byte_size(),
            ObjectKind::WeakMap(t) | ObjectKind::WeakSet(t) => t.len() * 32,
            ObjectKind::ArrayBuffer(b) => b.bytes.as_ref().map_or(0, Vec::capacity),
            _ => 0,
        };
        std::mem::size_of::<Object>() + props + self.elements.byte_size() + tables
    }
}

#[cfg(test)]
mod tests;
