//! Unit tests of the printer and the lowering.
