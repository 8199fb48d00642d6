//! Strings: immutable sequences of UTF-16 code units.
//!
//! A string is a window (`start`, `len`) on a buffer. Windows never change
//! and a buffer's prefix never changes; a buffer only grows at its end. So
//! `concat(a, b)` where `a` ends exactly at its buffer's end may append `b`
//! to that buffer in place and return a longer window on it: `s = s + x` in
//! a loop is amortized linear, and `a` still reads the same. Long
//! substrings share their parent's buffer the same way.
//!
//! Invariants: a live string's buffer is live and holds at least
//! `start + len` units; pinned buffers (atoms') never grow; the collector
//! frees unreferenced buffers and trims live ones to the end of their
//! longest live window.

use super::gc::Bitmap;
use super::Heap;
use crate::value::Str;
use cranelift_entity::EntityRef;

/// Substrings at least this long share their parent's buffer.
const SHARE_MIN: usize = 64;
/// One-unit strings below this code unit are made once and kept.
pub(crate) const UNIT_CACHE: usize = 256;
/// Decimal strings of indices below this are made once and kept.
pub(crate) const INDEX_CACHE: usize = 1024;

#[derive(Clone, Copy, Debug)]
struct StrData {
    buf: u32,
    start: u32,
    len: u32,
}

#[derive(Debug)]
struct Buffer {
    units: Vec<u16>,
    pinned: bool,
}

/// The string arena.
#[derive(Debug, Default)]
pub(crate) struct StringArena {
    strings: Vec<Option<StrData>>,
    free: Vec<u32>,
    buffers: Vec<Option<Buffer>>,
    free_buffers: Vec<u32>,
    live: usize,
    /// Permanent one-unit strings, by code unit (made on first use).
    units_cache: Vec<Option<Str>>,
    /// Permanent decimal strings of small indices (made on first use).
    index_cache: Vec<Option<Str>>,
}

impl StringArena {
    fn new_buffer(&mut self, units: Vec<u16>, pinned: bool) -> u32 {
        let b = Some(Buffer { units, pinned });
        match self.free_buffers.pop() {
            Some(i) => {
                self.buffers[i as usize] = b;
                i
            }
            None => {
                self.buffers.push(b);
                self.buffers.len() as u32 - 1
            }
        }
    }

    fn new_window(&mut self, data: StrData) -> Str {
        self.live += 1;
        match self.free.pop() {
            Some(i) => {
                self.strings[i as usize] = Some(data);
                Str::new(i as usize)
            }
            None => {
                self.strings.push(Some(data));
                Str::new(self.strings.len() - 1)
            }
        }
    }

    /// A new string owning `units`; pinned buffers never grow.
    pub(crate) fn alloc(&mut self, units: Vec<u16>, pinned: bool) -> Str {
        let len = units.len() as u32;
        let buf = self.new_buffer(units, pinned);
        self.new_window(StrData { buf, start: 0, len })
    }

    fn data(&self, s: Str) -> Option<StrData> {
        let d = self.strings.get(s.index()).copied().flatten();
        debug_assert!(d.is_some(), "stale string handle {s:?}");
        d
    }

    /// The code units of `s`.
    pub(crate) fn units(&self, s: Str) -> &[u16] {
        let Some(d) = self.data(s) else { return &[] };
        match self.buffers.get(d.buf as usize) {
            Some(Some(b)) => b.units.get(d.start as usize..(d.start + d.len) as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Length in code units.
    pub(crate) fn len(&self, s: Str) -> usize {
        self.data(s).map_or(0, |d| d.len as usize)
    }

    /// `a + b`, appending in place when `a` ends its (unpinned) buffer.
    pub(crate) fn concat(&mut self, a: Str, b: Str) -> Str {
        let (Some(da), Some(db)) = (self.data(a), self.data(b)) else { return a };
        if db.len == 0 {
            return a;
        }
        if da.len == 0 {
            return b;
        }
        let len = da.len.saturating_add(db.len);
        let appendable = da.buf != db.buf
            && matches!(self.buffers.get(da.buf as usize), Some(Some(buf))
                if !buf.pinned && buf.units.len() == (da.start + da.len) as usize);
        if appendable {
            // Take the buffer out to read `b` while extending it.
            let mut units = match self.buffers.get_mut(da.buf as usize) {
                Some(Some(buf)) => std::mem::take(&mut buf.units),
                _ => Vec::new(),
            };
            units.extend_from_slice(self.units(b));
            if let Some(Some(buf)) = self.buffers.get_mut(da.buf as usize) {
                buf.units = units;
            }
            return self.new_window(StrData { buf: da.buf, start: da.start, len });
        }
        let mut units = Vec::with_capacity(len as usize);
        units.extend_from_slice(self.units(a));
        units.extend_from_slice(self.units(b));
        self.alloc(units, false)
    }

    /// The code units `from..to` of `s` (clamped), sharing the buffer when long.
    pub(crate) fn slice(&mut self, s: Str, from: usize, to: usize) -> Str {
        let Some(d) = self.data(s) else { return s };
        let to = to.min(d.len as usize);
        let from = from.min(to);
        if from == 0 && to == d.len as usize {
            return s;
        }
        if to - from >= SHARE_MIN {
            return self.new_window(StrData { buf: d.buf, start: d.start + from as u32, len: (to - from) as u32 });
        }
        let units = self.units(s).get(from..to).unwrap_or(&[]).to_vec();
        self.alloc(units, false)
    }

    /// The cached strings (roots: they are permanent).
    pub(crate) fn cached(&self) -> impl Iterator<Item = Str> + '_ {
        self.units_cache.iter().chain(&self.index_cache).filter_map(|s| *s)
    }

    /// Live strings.
    pub(crate) fn live(&self) -> usize {
        self.live
    }

    /// Number of string entries (the size of the mark bitmap).
    pub(crate) fn capacity(&self) -> usize {
        self.strings.len()
    }

    /// Frees unmarked strings and unreferenced buffers; trims buffers to
    /// their longest live window. Returns the approximate live bytes.
    pub(crate) fn sweep(&mut self, marks: &Bitmap) -> u64 {
        let mut ends: Vec<Option<u32>> = vec![None; self.buffers.len()];
        for (i, entry) in self.strings.iter_mut().enumerate() {
            let Some(d) = *entry else { continue };
            if marks.get(i) {
                if let Some(end) = ends.get_mut(d.buf as usize) {
                    *end = Some(end.unwrap_or(0).max(d.start + d.len));
                }
            } else {
                *entry = None;
                self.free.push(i as u32);
                self.live -= 1;
            }
        }
        let mut bytes = (self.live * 16) as u64;
        for (i, entry) in self.buffers.iter_mut().enumerate() {
            let Some(buf) = entry else { continue };
            match ends.get(i).copied().flatten() {
                None if !buf.pinned => {
                    *entry = None;
                    self.free_buffers.push(i as u32);
                }
                end => {
                    if !buf.pinned {
                        let end = end.unwrap_or(0) as usize;
                        buf.units.truncate(end);
                        if buf.units.capacity() > 2 * end + 16 {
                            buf.units.shrink_to_fit();
                        }
                    }
                    bytes += (buf.units.capacity() * 2 + 32) as u64;
                }
            }
        }
        bytes
    }
}

impl Heap {
    /// A new string of UTF-16 code units.
    pub fn alloc_string(&mut self, units: Vec<u16>) -> Str {
        self.note_allocation(units.len() * 2 + 48);
        self.strings.alloc(units, false)
    }

    /// A new string from Rust text.
    pub fn string_from_str(&mut self, text: &str) -> Str {
        self.alloc_string(text.encode_utf16().collect())
    }

    /// The code units of `s`.
    pub fn units(&self, s: Str) -> &[u16] {
        self.strings.units(s)
    }

    /// The length of `s` in code units.
    pub fn string_len(&self, s: Str) -> usize {
        self.strings.len(s)
    }

    /// `a + b` (amortized linear for repeated appends to the last result).
    pub fn concat(&mut self, a: Str, b: Str) -> Str {
        self.note_allocation(self.strings.len(b) * 2 + 16);
        self.strings.concat(a, b)
    }

    /// The code units `from..to` of `s` (clamped to its length).
    pub fn substring(&mut self, s: Str, from: usize, to: usize) -> Str {
        if to == from + 1 {
            if let Some(&u) = self.units(s).get(from) {
                return self.unit_string(u);
            }
        }
        self.note_allocation(16 + to.saturating_sub(from).min(SHARE_MIN) * 2);
        self.strings.slice(s, from, to)
    }

    /// The one-unit string of code unit `u` (shared for Latin-1 units).
    pub fn unit_string(&mut self, u: u16) -> Str {
        let i = usize::from(u);
        if let Some(Some(s)) = self.strings.units_cache.get(i) {
            return *s;
        }
        let s = self.alloc_string(vec![u]);
        if i < UNIT_CACHE {
            let cache = &mut self.strings.units_cache;
            cache.resize(UNIT_CACHE.max(cache.len()), None);
            cache[i] = Some(s);
        }
        s
    }

    /// The decimal string of index `n` (shared for small indices).
    pub fn index_string(&mut self, n: u32) -> Str {
        let i = n as usize;
        if let Some(Some(s)) = self.strings.index_cache.get(i) {
            return *s;
        }
        let s = self.string_from_str(&n.to_string());
        if i < INDEX_CACHE {
            let cache = &mut self.strings.index_cache;
            cache.resize(INDEX_CACHE.max(cache.len()), None);
            cache[i] = Some(s);
        }
        s
    }

    /// `s` as Rust text (lone surrogates become U+FFFD).
    pub fn to_rust_string(&self, s: Str) -> String {
        String::from_utf16_lossy(self.units(s))
    }

    /// Same code units.
    pub fn string_eq(&self, a: Str, b: Str) -> bool {
        a == b || self.units(a) == self.units(b)
    }
}
