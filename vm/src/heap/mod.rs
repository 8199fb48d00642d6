//! The garbage-collected heap: typed arenas of objects, strings, symbols
//! and BigInts addressed by 32-bit handles, the atom table, the shape
//! table, and the mark-and-sweep collector.
//!
//! Invariants: a handle indexes a `Some` arena entry while it is reachable
//! from the roots given to [`Heap::collect`]; freed entries are `None` and
//! their indices are reused from free lists; atoms, their strings and the
//! well-known and registered symbols are permanent. A stale handle is a VM
//! bug: accessors `debug_assert!` and fall back to a harmless default in
//! release builds instead of panicking. The property-slot vectors of swept
//! ordinary objects are kept (emptied, a bounded number) and given to new
//! ordinary objects, so short-lived instances cost no malloc or free.
//!
//! ```
//! use spindle_vm::heap::Heap;
//! use spindle_vm::object::{Attributes, ObjectKind};
//! use spindle_vm::value::{PropertyKey, Value};
//!
//! let mut heap = Heap::new();
//! let o = heap.alloc_object(None, ObjectKind::Ordinary);
//! let x = PropertyKey::Atom(heap.intern_str("x"));
//! let s = heap.string_from_str("kept");
//! heap.define_raw(o, x, Value::String(s), Attributes::ALL);
//! heap.alloc_object(None, ObjectKind::Ordinary); // garbage
//! heap.collect(|roots| roots.mark_object(o));
//! assert_eq!(heap.stats().objects_live, 1);
//! assert_eq!(heap.to_rust_string(s), "kept");
//! ```

mod atoms;
mod collections;
mod ephemeron;
mod gc;
mod strings;
mod symbols;

#[cfg(test)]
mod tests;

pub use collections::normalize_key;
pub use gc::Marker;
pub use symbols::WellKnownSymbols;

use crate::object::shape::{ShapeClass, ShapeTable};
use crate::object::{class_of, Object, ObjectKind};
use crate::value::{Atom, Obj, Str, Value};
use atoms::AtomTable;
use cranelift_entity::EntityRef;
use strings::StringArena;
use symbols::SymbolArena;

/// Collection statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Approximate bytes of everything ever allocated (monotonic).
    pub bytes_allocated_total: u64,
    /// Objects alive now (allocated and not yet swept).
    pub objects_live: usize,
    /// Strings alive now.
    pub strings_live: usize,
    /// Symbols alive now.
    pub symbols_live: usize,
    /// BigInts alive now.
    pub bigints_live: usize,
    /// Collections so far.
    pub collections: u64,
    /// Approximate bytes that survived the last collection.
    pub bytes_live_after_last_collection: u64,
}

/// Atoms of the property names the VM itself uses, interned once.
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)]
pub struct Names {
    pub length: Atom,
    pub prototype: Atom,
    pub constructor: Atom,
    pub name: Atom,
    pub message: Atom,
    pub value: Atom,
    pub writable: Atom,
    pub get: Atom,
    pub set: Atom,
    pub enumerable: Atom,
    pub configurable: Atom,
    pub callee: Atom,
    pub caller: Atom,
    pub arguments: Atom,
    pub to_string: Atom,
    pub value_of: Atom,
    pub next: Atom,
    pub done: Atom,
    pub then: Atom,
    pub get_prototype_of: Atom,
    pub set_prototype_of: Atom,
    pub is_extensible: Atom,
    pub prevent_extensions: Atom,
    pub get_own_property_descriptor: Atom,
    pub define_property: Atom,
    pub has: Atom,
    pub delete_property: Atom,
    pub own_keys: Atom,
    pub apply: Atom,
    pub construct: Atom,
    pub empty: Atom,
    pub last_index: Atom,
    pub exec: Atom,
    pub index: Atom,
    pub input: Atom,
    pub groups: Atom,
}

impl Names {
    fn new(atoms: &mut AtomTable, strings: &mut StringArena) -> Names {
        let mut i = |s: &str| atoms.intern(strings, &s.encode_utf16().collect::<Vec<u16>>());
        Names {
            length: i("length"),
            prototype: i("prototype"),
            constructor: i("constructor"),
            name: i("name"),
            message: i("message"),
            value: i("value"),
            writable: i("writable"),
            get: i("get"),
            set: i("set"),
            enumerable: i("enumerable"),
            configurable: i("configurable"),
            callee: i("callee"),
            caller: i("caller"),
            arguments: i("arguments"),
            to_string: i("toString"),
            value_of: i("valueOf"),
            next: i("next"),
            done: i("done"),
            then: i("then"),
            get_prototype_of: i("getPrototypeOf"),
            set_prototype_of: i("setPrototypeOf"),
            is_extensible: i("isExtensible"),
            prevent_extensions: i("preventExtensions"),
            get_own_property_descriptor: i("getOwnPropertyDescriptor"),
            define_property: i("defineProperty"),
            has: i("has"),
            delete_property: i("deleteProperty"),
            own_keys: i("ownKeys"),
            apply: i("apply"),
            construct: i("construct"),
            empty: i(""),
            last_index: i("lastIndex"),
            exec: i("exec"),
            index: i("index"),
            input: i("input"),
            groups: i("groups"),
        }
    }
}

/// Allocation debt that triggers a collection, at least.
const MIN_THRESHOLD: u64 = 1 << 20;

/// All heap things of one VM.
pub struct Heap {
    objects: Vec<Option<Object>>,
    free_objects: Vec<u32>,
    /// The shape tree.
    pub(crate) shapes: ShapeTable,
    strings: StringArena,
    atoms: AtomTable,
    symbols: SymbolArena,
    /// The well-known symbols (`Symbol.iterator`, ...).
    pub well_known: WellKnownSymbols,
    /// Atoms of common property names.
    pub names: Names,
    stats: HeapStats,
    debt: u64,
    gc_stress: bool,
    /// Returned for a stale handle (a VM bug) instead of panicking.
    dummy: Object,
    /// The shapes of [`crate::object::Preset`] objects, once the first
    /// one is built.
    pub(crate) preset_shapes: [Option<crate::object::shape::ShapeId>; crate::object::PRESETS],
    /// Empty property-slot vectors (with capacity) of swept ordinary
    /// objects, handed to new ones: a class instance or object literal
    /// then fills its slots without a malloc, and dies without a free.
    spare_slots: Vec<Vec<Value>>,
}

/// Most spare slot vectors kept (each at most [`SPARE_SLOTS_CAPACITY`]
/// values: 2 MiB in all).
const SPARE_SLOTS: usize = 16384;
/// The largest slot vector kept for reuse, in values.
const SPARE_SLOTS_CAPACITY: usize = 8;

impl std::fmt::Debug for Heap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Heap").field("stats", &self.stats()).field("shapes", &self.shapes.count()).finish()
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    /// An empty heap with the well-known symbols and common atoms.
    pub fn new() -> Heap {
        let shapes = ShapeTable::new();
        let mut strings = StringArena::default();
        let mut atoms = AtomTable::default();
        let names = Names::new(&mut atoms, &mut strings);
        let mut symbols = SymbolArena::default();
        let well_known = WellKnownSymbols::new(&mut symbols, &mut strings);
        let dummy = Object::new(None, ObjectKind::Ordinary, shapes.root(ShapeClass::Ordinary));
        Heap {
            objects: Vec::new(),
            free_objects: Vec::new(),
            shapes,
            strings,
            atoms,
            symbols,
            well_known,
            names,
            stats: HeapStats::default(),
            debt: 0,
            gc_stress: false,
            dummy,
            preset_shapes: [None; crate::object::PRESETS],
            spare_slots: Vec::new(),
        }
    }

    /// Counts `bytes` of new allocation.
    pub(crate) fn note_allocation(&mut self, bytes: usize) {
        self.stats.bytes_allocated_total += bytes as u64;
        self.debt += bytes as u64;
    }

    /// Counts growth of an existing thing (a new property slot).
    pub(crate) fn note_growth(&mut self, bytes: usize) {
        self.note_allocation(bytes);
    }

    /// Allocates an object with prototype `proto`.
    pub fn alloc_object(&mut self, proto: Option<Obj>, kind: ObjectKind) -> Obj {
        let root = self.shapes.root(class_of(&kind));
        let mut obj = Object::new(proto, kind, root);
        if matches!(obj.kind, ObjectKind::Ordinary) {
            if let Some(slots) = self.spare_slots.pop() {
                obj.props = crate::object::Props::Slots(slots);
            }
        }
        self.note_allocation(std::mem::size_of::<Object>());
        self.stats.objects_live += 1;
        match self.free_objects.pop() {
            Some(i) => {
                if let Some(slot) = self.objects.get_mut(i as usize) {
                    *slot = Some(obj);
                }
                Obj::new(i as usize)
            }
            None => {
                self.objects.push(Some(obj));
                Obj::new(self.objects.len() - 1)
            }
        }
    }

    /// Keeps the slot vector of a swept object for a new one, if there is
    /// room and it is small.
    pub(crate) fn recycle_slots(spare: &mut Vec<Vec<Value>>, obj: Object) {
        if let (ObjectKind::Ordinary, crate::object::Props::Slots(mut slots)) = (obj.kind, obj.props) {
            if spare.len() < SPARE_SLOTS && (1..=SPARE_SLOTS_CAPACITY).contains(&slots.capacity()) {
                slots.clear();
                spare.push(slots);
            }
        }
    }

    /// The object `o`.
    pub fn object(&self, o: Obj) -> &Object {
        match self.objects.get(o.index()) {
            Some(Some(obj)) => obj,
            _ => {
                debug_assert!(false, "stale object handle {o:?}");
                &self.dummy
            }
        }
    }

    /// The object `o`, mutably.
    pub fn object_mut(&mut self, o: Obj) -> &mut Object {
        match self.objects.get_mut(o.index()) {
            Some(Some(obj)) => obj,
            _ => {
                debug_assert!(false, "stale object handle {o:?}");
                &mut self.dummy
            }
        }
    }

    /// The object `o` and the shape table, both mutably.
    pub(crate) fn object_and_shapes_mut(&mut self, o: Obj) -> (&mut Object, &mut ShapeTable) {
        let obj = match self.objects.get_mut(o.index()) {
            Some(Some(obj)) => obj,
            _ => {
                debug_assert!(false, "stale object handle {o:?}");
                &mut self.dummy
            }
        };
        (obj, &mut self.shapes)
    }

    /// Statistics.
    pub fn stats(&self) -> HeapStats {
        HeapStats {
            strings_live: self.strings.live(),
            symbols_live: self.symbols.live(),
            bigints_live: self.symbols.bigints_live(),
            ..self.stats
        }
    }

    /// Enough was allocated since the last collection that one is due (always,
    /// under GC stress).
    pub fn should_collect(&self) -> bool {
        self.gc_stress || self.debt >= MIN_THRESHOLD.max(2 * self.stats.bytes_live_after_last_collection)
    }

    /// Turns GC stress on or off: when on, [`Heap::should_collect`] is always true.
    pub fn set_gc_stress(&mut self, on: bool) {
        self.gc_stress = on;
    }

    /// The empty string (permanent).
    pub fn empty_string(&self) -> Str {
        self.atoms.string(self.names.empty)
    }
}
