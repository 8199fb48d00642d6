//! The internal slots of RegExp instances and of RegExp string iterators
//! (ECMAScript 2025 §22.2.8, §22.2.9). The behaviour lives in the runtime's
//! `builtins::regexp`; the VM only stores and traces these records.
//!
//! Invariant: a [`RegExpData`] always holds a compiled matcher — the
//! runtime compiles the pattern before it allocates the object, so no
//! uninitialized RegExp is ever observable.

use crate::value::{Str, Value};
use std::rc::Rc;

/// [[OriginalSource]], [[OriginalFlags]] and [[RegExpMatcher]].
#[derive(Debug, Clone)]
pub struct RegExpData {
    /// The pattern text as given (not escaped).
    pub source: Str,
    /// The flags text as given (validated: distinct members of `dgimsuvy`).
    pub flags: Str,
    /// The compiled matcher, shared by clones.
    pub matcher: Rc<regress::Regex>,
    /// For each capture group (1-based index − 1), its name if it has one,
    /// as UTF-16 code units.
    pub group_names: Rc<[Option<Box<[u16]>>]>,
}

/// The state of a %RegExpStringIteratorPrototype% object.
#[derive(Debug, Clone)]
pub struct RegExpStringIterator {
    /// [[IteratingRegExp]] (any object: the species constructor's result).
    pub matcher: Value,
    /// [[IteratedString]].
    pub string: Str,
    /// [[Global]].
    pub global: bool,
    /// [[Unicode]].
    pub unicode: bool,
    /// [[Done]].
    pub done: bool,
}
