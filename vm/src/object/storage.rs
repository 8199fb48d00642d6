//! Raw property storage: add, overwrite, read, remove and list own
//! properties with no exotic behaviour and no JavaScript calls. Built-ins
//! use these to set themselves up; the internal methods and fast paths use
//! them underneath.
//!
//! Invariants kept here: see the module doc of [`crate::object`]: index keys
//! go to elements, named keys to the shape or dictionary; an Array's
//! `length` is read and written through its elements.

use super::dictionary::Dictionary;
use super::shape::{ShapeEntry, ShapeTable};
use super::{class_of, Attributes, Object, Property, Props};
use crate::heap::Heap;
use crate::value::{Atom, Obj, PropertyKey, Value};

/// Objects the VM makes again and again with the same data properties in
/// the same order: the shape the first one reaches is reused for the rest,
/// whose slots are then filled in one step.
#[derive(Clone, Copy, Debug)]
pub enum Preset {
    /// A function object: `length`, `name`.
    Function,
    /// A constructor or generator function: `length`, `name`, `prototype`.
    FunctionWithPrototype,
    /// A function's `prototype` object: `constructor`.
    PrototypeObject,
    /// An iterator result object: `value`, `done`.
    IterResult,
}

/// How many presets there are.
pub const PRESETS: usize = 4;

/// Objects with more properties than this go to dictionary mode when an
/// attribute changes, instead of rebuilding their shape.
const RESHAPE_LIMIT: usize = 64;

fn opt_obj(v: Value) -> Option<Obj> {
    v.as_object()
}

fn obj_val(o: Option<Obj>) -> Value {
    o.map_or(Value::Undefined, Value::Object)
}

/// The property described by shape entry `e` over `slots`.
fn read_entry(e: &ShapeEntry, slots: &[Value]) -> Property {
    let at = |i: u32| slots.get(i as usize).copied().unwrap_or(Value::Undefined);
    if e.accessor {
        Property::Accessor { get: opt_obj(at(e.slot)), set: opt_obj(at(e.slot + 1)), attrs: e.attrs }
    } else {
        Property::Data { value: at(e.slot), attrs: e.attrs }
    }
}

/// The named properties of `obj` in insertion order.
fn named_properties(obj: &Object, shapes: &ShapeTable) -> Vec<(PropertyKey, Property)> {
    match &obj.props {
        Props::Slots(slots) => shapes.entries(obj.shape).iter().map(|e| (e.key, read_entry(e, slots))).collect(),
        Props::Dict(d) => d.iter().collect(),
    }
}

/// Builds shaped storage for `props` from the root of `obj`'s class, or a
/// dictionary if the shape tree refuses.
fn rebuild(obj: &mut Object, shapes: &mut ShapeTable, props: Vec<(PropertyKey, Property)>) {
    if props.len() <= RESHAPE_LIMIT {
        let mut shape = shapes.root(class_of(&obj.kind));
        let mut slots = Vec::with_capacity(props.len());
        let mut ok = true;
        for (key, p) in &props {
            match shapes.add(shape, *key, p.attrs(), p.is_accessor()) {
                Some(s) => shape = s,
                None => {
                    ok = false;
                    break;
                }
            }
            push_slots(&mut slots, p);
        }
        if ok {
            obj.shape = shape;
            obj.props = Props::Slots(slots);
            return;
        }
    }
    let mut d = Dictionary::default();
    for (key, p) in props {
        d.set(key, p);
    }
    obj.props = Props::Dict(Box::new(d));
}

fn push_slots(slots: &mut Vec<Value>, p: &Property) {
    match *p {
        Property::Data { value, .. } => slots.push(value),
        Property::Accessor { get, set, .. } => {
            slots.push(obj_val(get));
            slots.push(obj_val(set));
        }
    }
}

/// Adds or overwrites named property `key` of `obj`.
fn set_named(obj: &mut Object, shapes: &mut ShapeTable, key: PropertyKey, prop: Property) {
    let slots = match &mut obj.props {
        Props::Dict(d) => return d.set(key, prop),
        Props::Slots(slots) => slots,
    };
    match shapes.lookup(obj.shape, key) {
        Some((_, e)) if e.attrs == prop.attrs() && e.accessor == prop.is_accessor() => {
            let i = e.slot as usize;
            match prop {
                Property::Data { value, .. } => {
                    if let Some(s) = slots.get_mut(i) {
                        *s = value;
                    }
                }
                Property::Accessor { get, set, .. } => {
                    if let Some(s) = slots.get_mut(i..i + 2) {
                        s.copy_from_slice(&[obj_val(get), obj_val(set)]);
                    }
                }
            }
        }
        Some(_) => {
            let mut props = named_properties(obj, shapes);
            if let Some(entry) = props.iter_mut().find(|(k, _)| *k == key) {
                entry.1 = prop;
            }
            rebuild(obj, shapes, props);
        }
        None => match shapes.add(obj.shape, key, prop.attrs(), prop.is_accessor()) {
            Some(child) => {
                obj.shape = child;
                push_slots(slots, &prop);
            }
            None => {
                let mut props = named_properties(obj, shapes);
                props.push((key, prop));
                let mut d = Dictionary::default();
                for (k, p) in props {
                    d.set(k, p);
                }
                obj.props = Props::Dict(Box::new(d));
            }
        },
    }
}

/// Removes named property `key`: the last-added one by going back to the
/// parent shape, any other by going to dictionary mode.
fn remove_named(obj: &mut Object, shapes: &ShapeTable, key: PropertyKey) -> bool {
    let slots = match &mut obj.props {
        Props::Dict(d) => return d.remove(key),
        Props::Slots(slots) => slots,
    };
    let Some((pos, e)) = shapes.lookup(obj.shape, key) else { return false };
    if pos + 1 == shapes.len(obj.shape) {
        if let Some(parent) = shapes.parent(obj.shape) {
            obj.shape = parent;
            slots.truncate(e.slot as usize);
            return true;
        }
    }
    let mut d = Dictionary::default();
    for (k, p) in named_properties(obj, shapes) {
        if k != key {
            d.set(k, p);
        }
    }
    obj.props = Props::Dict(Box::new(d));
    true
}

impl Heap {
    /// A new object with the data properties `props` (key, value,
    /// attributes), in order, of a preset: every call for one preset must
    /// pass the same keys and attributes in the same order and objects of
    /// the same shape class.
    pub fn alloc_preset(&mut self, proto: Option<Obj>, kind: super::ObjectKind, preset: Preset, props: &[(Atom, Value, Attributes)]) -> Obj {
        let o = self.alloc_object(proto, kind);
        self.fill_preset(o, preset, props);
        o
    }

    /// Gives `o`, a new object with no properties yet, the properties of
    /// `preset` (see [`Heap::alloc_preset`]).
    pub fn fill_preset(&mut self, o: Obj, preset: Preset, props: &[(Atom, Value, Attributes)]) {
        if let Some(shape) = self.preset_shapes[preset as usize] {
            debug_assert!(props.iter().enumerate().all(|(i, (k, _, a))| {
                matches!(self.shapes.lookup(shape, PropertyKey::Atom(*k)), Some((_, e)) if e.slot as usize == i && e.attrs == *a && !e.accessor)
            }));
            self.note_growth(16 * props.len());
            let obj = self.object_mut(o);
            obj.shape = shape;
            match &mut obj.props {
                // A recycled vector (see `Heap::recycle_slots`), or empty.
                Props::Slots(slots) => {
                    slots.clear();
                    slots.extend(props.iter().map(|p| p.1));
                }
                Props::Dict(_) => obj.props = Props::Slots(props.iter().map(|p| p.1).collect()),
            }
            return;
        }
        for &(k, v, a) in props {
            self.define_raw(o, PropertyKey::Atom(k), v, a);
        }
        if let Props::Slots(_) = self.object(o).props {
            self.preset_shapes[preset as usize] = Some(self.object(o).shape);
        }
    }

    /// Adds or overwrites data property `key` of `o` (no checks, no exotic
    /// behaviour). On an Array, `length` sets the length (truncating).
    pub fn define_raw(&mut self, o: Obj, key: PropertyKey, value: Value, attrs: Attributes) {
        self.set_property_raw(o, key, Property::data(value, attrs));
    }

    /// Adds or overwrites accessor property `key` of `o`.
    pub fn define_accessor_raw(&mut self, o: Obj, key: PropertyKey, get: Option<Obj>, set: Option<Obj>, attrs: Attributes) {
        self.set_property_raw(o, key, Property::accessor(get, set, attrs));
    }

    /// Adds or overwrites property `key` of `o` with `prop`.
    pub fn set_property_raw(&mut self, o: Obj, key: PropertyKey, prop: Property) {
        let length = self.names.length;
        self.note_growth(16);
        let (obj, shapes) = self.object_and_shapes_mut(o);
        match key {
            PropertyKey::Index(i) => {
                let is_array = obj.is_array();
                obj.elements.define(i, prop, is_array);
            }
            PropertyKey::Atom(a) if a == length && obj.is_array() => {
                if let Property::Data { value: Value::Number(n), attrs } = prop {
                    if n >= 0.0 && n <= u32::MAX as f64 && n.fract() == 0.0 {
                        obj.elements.set_length(n as u32);
                    }
                    if !attrs.writable() {
                        obj.elements.set_length_writable(false);
                    }
                }
                debug_assert!(!prop.is_accessor(), "an array's length is a data property");
            }
            _ => set_named(obj, shapes, key, prop),
        }
    }

    /// Overwrites the value of an existing own writable data property of
    /// `o` in place (no exotic behaviour); false if there is none.
    pub(crate) fn write_own_writable(&mut self, o: Obj, key: PropertyKey, value: Value) -> bool {
        let length = self.names.length;
        let (obj, shapes) = self.object_and_shapes_mut(o);
        match key {
            PropertyKey::Index(i) => {
                if obj.elements.dense_set(i, value) {
                    return true;
                }
                match obj.elements.get(i) {
                    Some(Property::Data { attrs, .. }) if attrs.writable() => {
                        let is_array = obj.is_array();
                        obj.elements.define(i, Property::data(value, attrs), is_array);
                        true
                    }
                    _ => false,
                }
            }
            PropertyKey::Atom(a) if a == length && obj.is_array() => false,
            _ => match &mut obj.props {
                Props::Slots(slots) => match shapes.lookup(obj.shape, key) {
                    Some((_, e)) if !e.accessor && e.attrs.writable() => match slots.get_mut(e.slot as usize) {
                        Some(slot) => {
                            *slot = value;
                            true
                        }
                        None => false,
                    },
                    _ => false,
                },
                Props::Dict(d) => match d.get_mut(key) {
                    Some(Property::Data { value: v, attrs }) if attrs.writable() => {
                        *v = value;
                        true
                    }
                    _ => false,
                },
            },
        }
    }

    /// The own property `key` of `o` as stored (an Array's `length`
    /// included; no String or arguments exotic behaviour).
    pub fn get_own_raw(&self, o: Obj, key: PropertyKey) -> Option<Property> {
        let obj = self.object(o);
        match key {
            PropertyKey::Index(i) => obj.elements.get(i),
            PropertyKey::Atom(a) if a == self.names.length && obj.is_array() => {
                let attrs = if obj.elements.length_writable() { Attributes::WRITABLE } else { Attributes::NONE };
                Some(Property::data(Value::Number(obj.elements.length() as f64), attrs))
            }
            _ => match &obj.props {
                Props::Slots(slots) => self.shapes.lookup(obj.shape, key).map(|(_, e)| read_entry(&e, slots)),
                Props::Dict(d) => d.get(key),
            },
        }
    }

    /// Removes own property `key` of `o`; returns whether it was there. An
    /// Array's `length` cannot be removed.
    pub fn remove_raw(&mut self, o: Obj, key: PropertyKey) -> bool {
        let length = self.names.length;
        let (obj, shapes) = self.object_and_shapes_mut(o);
        match key {
            PropertyKey::Index(i) => obj.elements.remove(i),
            PropertyKey::Atom(a) if a == length && obj.is_array() => false,
            _ => remove_named(obj, shapes, key),
        }
    }

    /// The own keys of `o` in the specification's order: array indices
    /// ascending, then strings in insertion order (an Array's `length`
    /// first), then symbols in insertion order. Private names (stored as
    /// symbol-keyed properties) are not keys and are left out.
    pub fn own_keys_raw(&self, o: Obj) -> Vec<PropertyKey> {
        let obj = self.object(o);
        let mut keys: Vec<PropertyKey> = obj.elements.keys().into_iter().map(PropertyKey::Index).collect();
        if obj.is_array() {
            keys.push(PropertyKey::Atom(self.names.length));
        }
        let named: Vec<PropertyKey> = match &obj.props {
            Props::Slots(_) => self.shapes.entries(obj.shape).iter().map(|e| e.key).collect(),
            Props::Dict(d) => d.iter().map(|(k, _)| k).collect(),
        };
        let is_sym = |k: &PropertyKey| matches!(k, PropertyKey::Symbol(_));
        keys.extend(named.iter().filter(|k| !is_sym(k)));
        keys.extend(named.iter().filter(|k| matches!(k, PropertyKey::Symbol(s) if !self.is_private_name(*s))));
        keys
    }

    /// The shape of `o` (`None` in dictionary mode).
    #[cfg(test)]
    pub(crate) fn shape_of(&self, o: Obj) -> Option<super::shape::ShapeId> {
        self.object(o).shape()
    }

    /// Is `o` in dictionary mode.
    #[cfg(test)]
    pub(crate) fn is_dictionary(&self, o: Obj) -> bool {
        self.object(o).shape().is_none()
    }
}
