//! The mark-and-sweep collector.
//!
//! Marking is iterative: a marked object goes on an explicit worklist and
//! is traced when popped, so arbitrarily deep object graphs never recurse
//! on the Rust stack. Strings, symbols and BigInts are leaves (a symbol's
//! description is marked with it). Then every unmarked entry of every arena
//! is freed onto its free list.
//!
//! Invariants: collection happens only at safe points, where every live
//! value is reachable from the roots the caller marks; the permanent things
//! (atom strings, well-known and registered symbols) are marked here.

use super::Heap;
use crate::object::{ObjectKind, Property, Props};
use crate::value::{BigIntRef, Obj, PropertyKey, Str, Sym, Value};
use cranelift_entity::EntityRef;

/// One bit per arena entry.
#[derive(Debug, Default)]
pub(crate) struct Bitmap(Vec<u64>);

impl Bitmap {
    fn with_len(n: usize) -> Bitmap {
        Bitmap(vec![0; n.div_ceil(64)])
    }

    /// Is bit `i` set.
    pub(crate) fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Sets bit `i`; returns whether it was clear.
    fn set(&mut self, i: usize) -> bool {
        match self.0.get_mut(i / 64) {
            Some(w) if *w & (1 << (i % 64)) == 0 => {
                *w |= 1 << (i % 64);
                true
            }
            _ => false,
        }
    }
}

/// Marks reachable things during a collection; roots are given to it by
/// the closure passed to [`Heap::collect`].
#[derive(Debug)]
pub struct Marker {
    pub(super) objects: Bitmap,
    strings: Bitmap,
    pub(super) symbols: Bitmap,
    bigints: Bitmap,
    pub(super) worklist: Vec<Obj>,
    /// The WeakMaps and WeakSets reached (their entries are ephemerons).
    pub(super) weak: Vec<Obj>,
    /// The Maps and Sets that live iterators walk.
    pub(super) iterated: Vec<Obj>,
    /// Descriptions of marked symbols, to mark as strings.
    heap_descriptions: Vec<Option<Str>>,
}

impl Marker {
    /// Marks whatever `v` refers to.
    pub fn mark(&mut self, v: Value) {
        match v {
            Value::String(s) => self.mark_string(s),
            Value::Symbol(s) => self.mark_symbol(s),
            Value::BigInt(b) => self.mark_bigint(b),
            Value::Object(o) => self.mark_object(o),
            Value::Undefined | Value::Null | Value::Bool(_) | Value::Number(_) | Value::Empty => {}
        }
    }

    /// Marks object `o` (traced later, from the worklist).
    pub fn mark_object(&mut self, o: Obj) {
        if self.objects.set(o.index()) {
            self.worklist.push(o);
        }
    }

    /// Marks an optional object.
    pub fn mark_opt(&mut self, o: Option<Obj>) {
        if let Some(o) = o {
            self.mark_object(o);
        }
    }

    /// Marks string `s`.
    pub fn mark_string(&mut self, s: Str) {
        self.strings.set(s.index());
    }

    /// Marks symbol `s` and its description.
    pub fn mark_symbol(&mut self, s: Sym) {
        if self.symbols.set(s.index()) {
            if let Some(d) = self.heap_descriptions.get(s.index()).copied().flatten() {
                self.mark_string(d);
            }
        }
    }

    /// Marks BigInt `b`.
    pub fn mark_bigint(&mut self, b: BigIntRef) {
        self.bigints.set(b.index());
    }

    /// Marks what a property key refers to (a symbol; atoms are permanent).
    pub fn mark_key(&mut self, k: PropertyKey) {
        if let PropertyKey::Symbol(s) = k {
            self.mark_symbol(s);
        }
    }

    fn mark_property(&mut self, p: &Property) {
        match *p {
            Property::Data { value, .. } => self.mark(value),
            Property::Accessor { get, set, .. } => {
                self.mark_opt(get);
                self.mark_opt(set);
            }
        }
    }

    /// Marks everything inside an object's internal slots.
    fn trace_kind(&mut self, kind: &ObjectKind) {
        match kind {
            ObjectKind::Ordinary
            | ObjectKind::Array
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_) => {}
            ObjectKind::Closure(c) => {
                self.mark_opt(c.env);
                self.mark_opt(c.home_object);
                self.mark_opt(c.fields);
            }
            ObjectKind::Native(n) => n.captures.iter().for_each(|v| self.mark(*v)),
            ObjectKind::Bound(b) => {
                self.mark_object(b.target);
                self.mark(b.this);
                b.args.iter().for_each(|v| self.mark(*v));
            }
            ObjectKind::Env(e) => {
                self.mark_opt(e.parent);
                self.mark_opt(e.object);
                e.slots.iter().for_each(|v| self.mark(*v));
            }
            ObjectKind::String(s) => self.mark_string(*s),
            ObjectKind::Symbol(s) => self.mark_symbol(*s),
            ObjectKind::BigInt(b) => self.mark_bigint(*b),
            ObjectKind::Arguments(a) => self.mark_opt(a.env),
            ObjectKind::Proxy(p) => {
                self.mark_opt(p.target);
                self.mark_opt(p.handler);
            }
            ObjectKind::ArrayIterator(it) => self.mark_opt(it.object),
            ObjectKind::Generator(g) => g.trace(|v| self.mark(v)),
            ObjectKind::Promise(p) => p.trace(|v| self.mark(v)),
            ObjectKind::StringIterator(it) => {
                if let Some(s) = it.string {
                    self.mark_string(s);
                }
            }
            ObjectKind::AsyncFromSyncIterator(it) => {
                self.mark(it.iterator);
                self.mark(it.next);
            }
            ObjectKind::Map(t) | ObjectKind::Set(t) => t.iter().for_each(|e| {
                self.mark(e.key);
                self.mark(e.value);
            }),
            ObjectKind::WeakMap(_) | ObjectKind::WeakSet(_) => {}
            ObjectKind::MapIterator(it) | ObjectKind::SetIterator(it) => {
                if let Some(t) = it.target {
                    self.mark_object(t);
                    self.iterated.push(t);
                }
            }
            ObjectKind::IteratorHelper(h) => {
                self.mark(h.underlying.iterator);
                self.mark(h.underlying.next);
                self.mark(h.function);
                if let Some(inner) = h.inner {
                    self.mark(inner.iterator);
                    self.mark(inner.next);
                }
                h.buffer.iter().for_each(|v| self.mark(*v));
            }
            ObjectKind::WrapForValidIterator(r) => {
                self.mark(r.iterator);
                self.mark(r.next);
            }
            ObjectKind::RegExp(r) => {
                self.mark_string(r.source);
                self.mark_string(r.flags);
            }
            ObjectKind::RegExpStringIterator(it) => {
                self.mark(it.matcher);
                self.mark_string(it.string);
            }
            ObjectKind::ArrayBuffer(_) => {}
            ObjectKind::TypedArray(t) => self.mark_object(t.buffer),
            ObjectKind::DataView(v) => self.mark_object(v.buffer),
            ObjectKind::Date(_) => {}
            ObjectKind::ModuleBinding(b) => self.mark_object(b.env),
            ObjectKind::ModuleNamespace(n) => n.exports.iter().for_each(|e| {
                self.mark_key(e.key);
                self.mark(e.target);
            }),
        }
    }
}

impl Heap {
    /// Collects garbage: `roots` marks the VM's roots; everything not
    /// reachable from them (or permanent) is freed.
    pub fn collect(&mut self, roots: impl FnOnce(&mut Marker)) {
        let (nsym, nbig) = self.symbols.capacities();
        let mut m = Marker {
            objects: Bitmap::with_len(self.objects.len()),
            strings: Bitmap::with_len(self.strings.capacity()),
            symbols: Bitmap::with_len(nsym),
            bigints: Bitmap::with_len(nbig),
            worklist: Vec::new(),
            weak: Vec::new(),
            iterated: Vec::new(),
            heap_descriptions: (0..nsym).map(|i| self.symbols.description_at(i)).collect(),
        };
        for &s in self.atoms.all_strings() {
            m.mark_string(s);
        }
        for s in self.strings.cached() {
            m.mark_string(s);
        }
        for s in self.well_known.all().into_iter().chain(self.symbols.registered()) {
            m.mark_symbol(s);
        }
        roots(&mut m);
        self.drain(&mut m);
        self.trace_ephemerons(&mut m);
        self.sweep_weak(&m);
        self.sweep(&m);
    }

    /// Traces objects until the worklist is empty.
    pub(super) fn drain(&self, m: &mut Marker) {
        while let Some(o) = m.worklist.pop() {
            let Some(Some(obj)) = self.objects.get(o.index()) else {
                debug_assert!(false, "stale object handle {o:?} reached while marking");
                continue;
            };
            if matches!(obj.kind, ObjectKind::WeakMap(_) | ObjectKind::WeakSet(_)) {
                m.weak.push(o);
            }
            m.mark_opt(obj.proto);
            m.trace_kind(&obj.kind);
            match &obj.props {
                Props::Slots(slots) => {
                    slots.iter().for_each(|v| m.mark(*v));
                    if self.shapes.has_symbols(obj.shape) {
                        self.shapes.entries(obj.shape).iter().for_each(|e| m.mark_key(e.key));
                    }
                }
                Props::Dict(d) => d.iter().for_each(|(k, p)| {
                    m.mark_key(k);
                    m.mark_property(&p);
                }),
            }
            obj.elements.for_each_value(|v| m.mark(v));
        }
    }

    fn sweep(&mut self, m: &Marker) {
        let mut bytes = 0u64;
        for (i, entry) in self.objects.iter_mut().enumerate() {
            let Some(obj) = entry else { continue };
            if m.objects.get(i) {
                bytes += obj.byte_size() as u64;
            } else {
                if let Some(dead) = entry.take() {
                    Heap::recycle_slots(&mut self.spare_slots, dead);
                }
                self.free_objects.push(i as u32);
                self.stats.objects_live -= 1;
            }
        }
        bytes += self.strings.sweep(&m.strings);
        bytes += self.symbols.sweep(&m.symbols, &m.bigints);
        self.stats.bytes_live_after_last_collection = bytes;
        self.stats.collections += 1;
        self.debt = 0;
    }
}
