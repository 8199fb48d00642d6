//! `String.prototype.toLowerCase`, `toUpperCase` and their locale
//! versions (§22.1.3.28-30): the full Unicode case mappings, including
//! SpecialCasing (ß → SS, final sigma), from Rust's `str` case
//! conversion; lone surrogates are kept as they are.

use super::methods::map_well_formed;
use super::{make_string, this_str};
use crate::builtins::builder::Builder;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the case conversions.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("toLocaleLowerCase", 0, to_lower_case)
        .method("toLocaleUpperCase", 0, to_upper_case)
        .method("toLowerCase", 0, to_lower_case)
        .method("toUpperCase", 0, to_upper_case);
}

fn convert(vm: &mut Vm, this: Value, upper: bool) -> JsResult<Value> {
    // 1-2. S = ToString(RequireObjectCoercible(this)).
    let s = this_str(vm, this)?;
    let units = vm.heap.units(s);
    // ASCII: a byte-wise mapping.
    if units.iter().all(|&u| u < 0x80) {
        let changes = units.iter().any(|&u| if upper { (0x61..=0x7A).contains(&u) } else { (0x41..=0x5A).contains(&u) });
        if !changes {
            return Ok(Value::String(s));
        }
        let out: Vec<u16> = units
            .iter()
            .map(|&u| match (upper, u) {
                (true, 0x61..=0x7A) => u - 0x20,
                (false, 0x41..=0x5A) => u + 0x20,
                _ => u,
            })
            .collect();
        return make_string(vm, out);
    }
    // 3-5. The full mapping of the code points.
    let out = if upper { map_well_formed(units, str::to_uppercase) } else { map_well_formed(units, str::to_lowercase) };
    make_string(vm, out)
}

/// `String.prototype.toLowerCase()` (§22.1.3.28).
fn to_lower_case(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    convert(vm, this, false)
}

/// `String.prototype.toUpperCase()` (§22.1.3.30).
fn to_upper_case(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    convert(vm, this, true)
}
