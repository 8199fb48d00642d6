//! Symbols (with the global registry of `Symbol.for`) and BigInts.
//!
//! Invariants: the well-known symbols and every registered symbol are
//! permanent (the collector marks them); a registered symbol's description
//! is its registry key; freed entries are `None`.

use super::gc::Bitmap;
use super::strings::StringArena;
use super::Heap;
use crate::value::{BigIntRef, Str, Sym};
use cranelift_entity::EntityRef;
use num_bigint::BigInt;
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug)]
struct SymbolData {
    description: Option<Str>,
    registered: bool,
    private: bool,
}

/// Symbols, the registry, and BigInts.
#[derive(Debug, Default)]
pub(crate) struct SymbolArena {
    symbols: Vec<Option<SymbolData>>,
    free: Vec<u32>,
    registry: FxHashMap<Box<[u16]>, Sym>,
    live: usize,
    bigints: Vec<Option<BigInt>>,
    free_bigints: Vec<u32>,
    bigints_live: usize,
}

/// A BigInt to return for a stale handle.
static ZERO: std::sync::OnceLock<BigInt> = std::sync::OnceLock::new();

impl SymbolArena {
    fn alloc(&mut self, description: Option<Str>, registered: bool) -> Sym {
        self.live += 1;
        let d = Some(SymbolData { description, registered, private: false });
        match self.free.pop() {
            Some(i) => {
                self.symbols[i as usize] = d;
                Sym::new(i as usize)
            }
            None => {
                self.symbols.push(d);
                Sym::new(self.symbols.len() - 1)
            }
        }
    }

    fn data(&self, s: Sym) -> Option<SymbolData> {
        let d = self.symbols.get(s.index()).copied().flatten();
        debug_assert!(d.is_some(), "stale symbol handle {s:?}");
        d
    }

    /// The value of BigInt `b`.
    pub(crate) fn bigint(&self, b: BigIntRef) -> &BigInt {
        match self.bigints.get(b.index()) {
            Some(Some(v)) => v,
            _ => {
                debug_assert!(false, "stale bigint handle {b:?}");
                ZERO.get_or_init(BigInt::default)
            }
        }
    }

    /// The description of `s`.
    pub(crate) fn description(&self, s: Sym) -> Option<Str> {
        self.data(s).and_then(|d| d.description)
    }

    /// The description of the symbol at arena index `i`, if live.
    pub(crate) fn description_at(&self, i: usize) -> Option<Str> {
        self.symbols.get(i).copied().flatten().and_then(|d| d.description)
    }

    /// Live symbols.
    pub(crate) fn live(&self) -> usize {
        self.live
    }

    /// Live BigInts.
    pub(crate) fn bigints_live(&self) -> usize {
        self.bigints_live
    }

    /// Sizes of the symbol and BigInt mark bitmaps.
    pub(crate) fn capacities(&self) -> (usize, usize) {
        (self.symbols.len(), self.bigints.len())
    }

    /// The registered symbols (roots).
    pub(crate) fn registered(&self) -> impl Iterator<Item = Sym> + '_ {
        self.registry.values().copied()
    }

    /// Frees unmarked symbols and BigInts; returns approximate live bytes.
    pub(crate) fn sweep(&mut self, symbols: &Bitmap, bigints: &Bitmap) -> u64 {
        for (i, e) in self.symbols.iter_mut().enumerate() {
            if e.is_some() && !symbols.get(i) {
                *e = None;
                self.free.push(i as u32);
                self.live -= 1;
            }
        }
        let mut bytes = (self.live * 16) as u64;
        for (i, e) in self.bigints.iter_mut().enumerate() {
            let Some(b) = e else { continue };
            if bigints.get(i) {
                bytes += 32 + b.bits() / 8;
            } else {
                *e = None;
                self.free_bigints.push(i as u32);
                self.bigints_live -= 1;
            }
        }
        bytes
    }
}

/// The well-known symbols (§6.1.5.1).
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)]
pub struct WellKnownSymbols {
    pub async_iterator: Sym,
    pub has_instance: Sym,
    pub is_concat_spreadable: Sym,
    pub iterator: Sym,
    pub match_: Sym,
    pub match_all: Sym,
    pub replace: Sym,
    pub search: Sym,
    pub species: Sym,
    pub split: Sym,
    pub to_primitive: Sym,
    pub to_string_tag: Sym,
    pub unscopables: Sym,
}

impl WellKnownSymbols {
    pub(crate) fn new(symbols: &mut SymbolArena, strings: &mut StringArena) -> WellKnownSymbols {
        let mut s = |name: &str| {
            let d = strings.alloc(format!("Symbol.{name}").encode_utf16().collect(), true);
            symbols.alloc(Some(d), false)
        };
        WellKnownSymbols {
            async_iterator: s("asyncIterator"),
            has_instance: s("hasInstance"),
            is_concat_spreadable: s("isConcatSpreadable"),
            iterator: s("iterator"),
            match_: s("match"),
            match_all: s("matchAll"),
            replace: s("replace"),
            search: s("search"),
            species: s("species"),
            split: s("split"),
            to_primitive: s("toPrimitive"),
            to_string_tag: s("toStringTag"),
            unscopables: s("unscopables"),
        }
    }

    /// All of them (roots).
    pub(crate) fn all(&self) -> [Sym; 13] {
        [
            self.async_iterator,
            self.has_instance,
            self.is_concat_spreadable,
            self.iterator,
            self.match_,
            self.match_all,
            self.replace,
            self.search,
            self.species,
            self.split,
            self.to_primitive,
            self.to_string_tag,
            self.unscopables,
        ]
    }
}

impl Heap {
    /// A new unique symbol.
    pub fn alloc_symbol(&mut self, description: Option<Str>) -> Sym {
        self.note_allocation(24);
        self.symbols.alloc(description, false)
    }

    /// [[Description]] of `s`.
    pub fn symbol_description(&self, s: Sym) -> Option<Str> {
        self.symbols.description(s)
    }

    /// A new Private Name (`#x` of one class evaluation): a symbol that
    /// [`Heap::own_keys_raw`] never lists.
    pub fn alloc_private_name(&mut self, description: Str) -> Sym {
        let s = self.alloc_symbol(Some(description));
        if let Some(Some(d)) = self.symbols.symbols.get_mut(s.index()) {
            d.private = true;
        }
        s
    }

    /// `s` is a Private Name.
    pub fn is_private_name(&self, s: Sym) -> bool {
        self.symbols.data(s).is_some_and(|d| d.private)
    }

    /// `Symbol.for(key)`: the registered symbol for `key`, created if new.
    pub fn symbol_for(&mut self, key: Str) -> Sym {
        let units = self.units(key);
        if let Some(s) = self.symbols.registry.get(units) {
            return *s;
        }
        let units: Box<[u16]> = units.into();
        self.note_allocation(24 + units.len() * 2);
        let s = self.symbols.alloc(Some(key), true);
        self.symbols.registry.insert(units, s);
        s
    }

    /// `Symbol.keyFor(sym)`: the registry key, if registered.
    pub fn symbol_key_for(&self, s: Sym) -> Option<Str> {
        self.symbols.data(s).filter(|d| d.registered).and_then(|d| d.description)
    }

    /// A new BigInt.
    pub fn alloc_bigint(&mut self, value: BigInt) -> BigIntRef {
        self.note_allocation(32 + (value.bits() / 8) as usize);
        let a = &mut self.symbols;
        a.bigints_live += 1;
        match a.free_bigints.pop() {
            Some(i) => {
                a.bigints[i as usize] = Some(value);
                BigIntRef::new(i as usize)
            }
            None => {
                a.bigints.push(Some(value));
                BigIntRef::new(a.bigints.len() - 1)
            }
        }
    }

    /// The value of BigInt `b`.
    pub fn bigint(&self, b: BigIntRef) -> &BigInt {
        self.symbols.bigint(b)
    }

    /// `s` is in the global symbol registry (`Symbol.for`).
    pub fn is_registered_symbol(&self, s: Sym) -> bool {
        self.symbols.data(s).is_some_and(|d| d.registered)
    }
}
