//! Symbol (ECMAScript 2025 §20.4): the constructor (callable, not
//! newable), the global registry (`Symbol.for`, `Symbol.keyFor`), the
//! well-known symbols, and `Symbol.prototype` (`description`, `toString`,
//! `valueOf`, `@@toPrimitive`, `@@toStringTag`).

use super::builder::Builder;
use super::core_support::{accessor, describe, make_constructor, symbol_method};
use super::support::{arg, key, to_string_tag};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::value::{Obj, Sym, Value};
use spindle_vm::{JsResult, Vm};

/// Installs Symbol and Symbol.prototype.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.symbol_prototype;
    let ctor = make_constructor(vm, "Symbol", 0, symbol_constructor, proto, ("%Symbol%", "%Symbol.prototype%"));
    Builder::new(vm, ctor).method("for", 1, symbol_for).method("keyFor", 1, key_for);
    let wk = vm.heap.well_known;
    let well_known = [
        ("asyncIterator", wk.async_iterator),
        ("hasInstance", wk.has_instance),
        ("isConcatSpreadable", wk.is_concat_spreadable),
        ("iterator", wk.iterator),
        ("match", wk.match_),
        ("matchAll", wk.match_all),
        ("replace", wk.replace),
        ("search", wk.search),
        ("species", wk.species),
        ("split", wk.split),
        ("toPrimitive", wk.to_primitive),
        ("toStringTag", wk.to_string_tag),
        ("unscopables", wk.unscopables),
    ];
    for (name, sym) in well_known {
        Builder::new(vm, ctor).value(name, Value::Symbol(sym), Attributes::NONE);
    }
    Builder::new(vm, proto).method("toString", 0, to_string).method("valueOf", 0, value_of);
    let description_key = key(vm, "description");
    accessor(vm, proto, description_key, "description", Some(description), None);
    symbol_method(vm, proto, wk.to_primitive, "[Symbol.toPrimitive]", 1, to_primitive, Attributes::CONFIGURABLE);
    to_string_tag(vm, proto, "Symbol");
}

/// Symbol([description]) (§20.4.1.1).
fn symbol_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is not undefined, throw a TypeError exception.
    if new_target.is_some() {
        return vm.type_error("Symbol is not a constructor");
    }
    // 2-3. Let descString be undefined or ? ToString(description).
    let description = match arg(args, 0) {
        Value::Undefined => None,
        d => Some(vm.to_string(d)?),
    };
    // 4. Return a new Symbol whose [[Description]] is descString.
    Ok(Value::Symbol(vm.heap.alloc_symbol(description)))
}

/// Symbol.for(key) (§20.4.2.2).
fn symbol_for(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let stringKey be ? ToString(key).
    let k = vm.to_string(arg(args, 0))?;
    // 2-7. The registered symbol for stringKey, created if new.
    Ok(Value::Symbol(vm.heap.symbol_for(k)))
}

/// Symbol.keyFor(sym) (§20.4.2.6).
fn key_for(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If sym is not a Symbol, throw a TypeError exception.
    let Value::Symbol(s) = arg(args, 0) else {
        let d = describe(vm, arg(args, 0));
        return vm.type_error(&format!("{d} is not a symbol"));
    };
    // 2. Return KeyForSymbol(sym).
    Ok(vm.heap.symbol_key_for(s).map_or(Value::Undefined, Value::String))
}

/// ThisSymbolValue(value) (§20.4.3.4.1).
fn this_symbol_value(vm: &mut Vm, value: Value, method: &str) -> JsResult<Sym> {
    match value {
        // 1. If value is a Symbol, return value.
        Value::Symbol(s) => Ok(s),
        // 2. If value has a [[SymbolData]] internal slot, return it.
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::Symbol(s) => Ok(s),
            _ => vm.type_error(&format!("Symbol.prototype.{method} requires that 'this' be a Symbol")),
        },
        // 3. Throw a TypeError exception.
        _ => vm.type_error(&format!("Symbol.prototype.{method} requires that 'this' be a Symbol")),
    }
}

/// get Symbol.prototype.description (§20.4.3.2).
fn description(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let sym be ? ThisSymbolValue(s); return sym.[[Description]].
    let sym = this_symbol_value(vm, this, "description")?;
    Ok(vm.heap.symbol_description(sym).map_or(Value::Undefined, Value::String))
}

/// Symbol.prototype.toString() (§20.4.3.3).
fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let sym be ? ThisSymbolValue(this value).
    let sym = this_symbol_value(vm, this, "toString")?;
    // 2. Return SymbolDescriptiveString(sym).
    Ok(Value::String(descriptive_string(vm, sym)))
}

/// SymbolDescriptiveString(sym) (§20.4.3.3.1): "Symbol(" + desc + ")".
pub(crate) fn descriptive_string(vm: &mut Vm, sym: Sym) -> spindle_vm::value::Str {
    let open = vm.heap.string_from_str("Symbol(");
    let close = vm.heap.string_from_str(")");
    let s = match vm.heap.symbol_description(sym) {
        Some(d) => vm.heap.concat(open, d),
        None => open,
    };
    vm.heap.concat(s, close)
}

/// Symbol.prototype.valueOf() (§20.4.3.4).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, this, "valueOf")?))
}

/// Symbol.prototype[@@toPrimitive](hint) (§20.4.3.5).
fn to_primitive(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, this, "[Symbol.toPrimitive]")?))
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn symbols() {
        assert_eq!(run("typeof Symbol('x')"), "symbol");
        assert_eq!(run("new Symbol()"), "TypeError: Symbol is not a constructor");
        assert_eq!(run("Symbol('d').description"), "d");
        assert_eq!(run("Symbol().description"), "undefined");
        assert_eq!(run("Symbol('d').toString()"), "Symbol(d)");
        assert_eq!(run("Symbol.for('k') === Symbol.for('k')"), "true");
        assert_eq!(run("Symbol.keyFor(Symbol.for('k'))"), "k");
        assert_eq!(run("Symbol.keyFor(Symbol('k'))"), "undefined");
        assert_eq!(run("Symbol.keyFor('k')"), "TypeError: k is not a symbol");
        assert_eq!(run("Symbol.iterator.description"), "Symbol.iterator");
        assert_eq!(run("var s = Symbol('w'); Object(s).valueOf() === s"), "true");
        assert_eq!(run("Object.prototype.toString.call(Symbol())"), "[object Symbol]");
        assert_eq!(run("Symbol.prototype[Symbol.toPrimitive].name"), "[Symbol.toPrimitive]");
    }
}
