//! The global object's own value properties and functions (ECMAScript
//! 2025 §19.1-19.2): `globalThis`, `NaN`, `Infinity`, `undefined`,
//! `isNaN`, `isFinite`, `parseInt`, `parseFloat` and `eval`, which also
//! serves the interpreter's direct `eval(...)` through the VM's host hooks.
//! The URI functions are in `uri.rs`.
//!
//! Known gap (the VM's, not this module's): direct eval runs with the
//! scoping of indirect eval — the code sees only global bindings, its
//! top-level `let`/`const` become global lexical bindings, and strict eval
//! code declares its `var`s globally. What it does know of the caller comes
//! from the call site's `EvalSite`: its strictness, and the lexical names a
//! sloppy `var` of the eval code may not hoist over (a SyntaxError).

use super::builder::{native_function, Builder};
use super::support::{arg, install_global};
use spindle_compiler::scope::BindingKind;
use spindle_compiler::{compile_script, parse, Goal, Parsed};
use spindle_vm::bytecode::EvalSite;
use spindle_vm::heap::Heap;
use spindle_vm::object::Attributes;
use spindle_vm::ops::parse_int_float;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// The file name stack traces show for eval code.
pub(crate) const EVAL_FILE: &str = "<eval>";

/// Installs the global value properties and functions.
pub(crate) fn install(vm: &mut Vm) {
    let global = vm.realm.global;
    Builder::new(vm, global)
        .value("globalThis", Value::Object(global), Attributes::WRITABLE_CONFIGURABLE)
        .value("NaN", Value::Number(f64::NAN), Attributes::NONE)
        .value("Infinity", Value::Number(f64::INFINITY), Attributes::NONE)
        .value("undefined", Value::Undefined, Attributes::NONE);
    let functions: [(&str, &'static str, u32, spindle_vm::object::NativeFn); 5] = [
        ("isNaN", "%isNaN%", 1, is_nan),
        ("isFinite", "%isFinite%", 1, is_finite),
        ("parseInt", "%parseInt%", 2, parse_int),
        ("parseFloat", "%parseFloat%", 1, parse_float),
        ("eval", "%eval%", 1, eval),
    ];
    for (name, spec_name, length, f) in functions {
        // parseInt and parseFloat are also Number.parseInt / Number.parseFloat:
        // whichever module installs first makes the one function object.
        let func = match vm.realm.intrinsic(spec_name) {
            Some(existing) => existing,
            None => native_function(vm, name, length, f, false),
        };
        vm.realm.named.insert(spec_name, func);
        install_global(vm, name, Value::Object(func));
    }
    vm.host.eval = Some(perform_eval);
    vm.host.eval_function = vm.realm.intrinsic("%eval%");
}

/// isNaN(number) (§19.2.3).
fn is_nan(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let num be ? ToNumber(number); NaN → true.
    Ok(Value::Bool(vm.to_number(arg(args, 0))?.is_nan()))
}

/// isFinite(number) (§19.2.2).
fn is_finite(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let num be ? ToNumber(number); finite → true.
    Ok(Value::Bool(vm.to_number(arg(args, 0))?.is_finite()))
}

/// parseInt(string, radix) (§19.2.5).
fn parse_int(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let inputString be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 6. Let R be ℝ(? ToInt32(radix)).
    let radix = vm.to_int32(arg(args, 1))?;
    // 2-5, 7-16. The numeric prefix in that radix.
    Ok(Value::Number(parse_int_float::parse_int(vm.heap.units(s), radix)))
}

/// parseFloat(string) (§19.2.4).
fn parse_float(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let inputString be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 2-6. The longest StrDecimalLiteral prefix after white space.
    Ok(Value::Number(parse_int_float::parse_float(vm.heap.units(s))))
}

/// eval(x) (§19.2.1): an indirect eval.
fn eval(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Return ? PerformEval(x, false, false).
    perform_eval(vm, arg(args, 0), &EvalSite::default())
}

/// PerformEval(x, strictCaller, direct) (§19.2.1.1), the host hook the
/// interpreter calls for a direct eval (`site` describes the caller).
fn perform_eval(vm: &mut Vm, x: Value, site: &EvalSite) -> JsResult<Value> {
    let strict = site.strict;
    // 2. If x is not a String, return x.
    let Value::String(s) = x else { return Ok(x) };
    let text = vm.heap.to_rust_string(s);
    // 11-12. A strict caller makes the eval code strict (the prefix adds a
    //        directive and an empty-valued statement, so the completion
    //        value is unchanged).
    let source = if strict { format!("\"use strict\";void 0;{text}") } else { text };
    // 6-10. Let script be ParseText(x, Script); errors are SyntaxErrors.
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed = match parse(&arena, &source, Goal::Script) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        };
        if let Some(name) = var_hoisted_over_lexical(&parsed, site, &mut vm.heap) {
            return vm.syntax_error(&format!("Identifier '{name}' has already been declared"));
        }
        match compile_script(&parsed.program, &parsed.scopes, &mut vm.heap, EVAL_FILE, &source) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        }
    };
    // 13-30. EvalDeclarationInstantiation and evaluation of the body.
    vm.run_script(proto)
}

/// EvalDeclarationInstantiation step 3.d (§19.2.1.3): a `var` (or
/// function) declared by sloppy eval code may not have the name of a
/// lexical binding between the call and its variable environment.
fn var_hoisted_over_lexical<'a>(parsed: &Parsed<'a>, site: &EvalSite, heap: &mut Heap) -> Option<&'a str> {
    if parsed.program.strict || site.lexical_names.is_empty() {
        return None;
    }
    let top = parsed.scopes.scope(parsed.program.scope);
    top.bindings
        .iter()
        .filter(|b| matches!(b.kind, BindingKind::Var | BindingKind::Function))
        .find(|b| site.lexical_names.contains(&heap.intern_str(b.name)))
        .map(|b| b.name)
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn value_properties() {
        assert_eq!(run("globalThis === this"), "true");
        assert_eq!(run("NaN !== NaN && Infinity > 1e308 && undefined === void 0"), "true");
        assert_eq!(run("undefined = 1; undefined"), "undefined");
        assert_eq!(run("var d = Object.getOwnPropertyDescriptor(globalThis, 'NaN'); d.writable || d.enumerable || d.configurable"), "false");
    }

    #[test]
    fn number_functions() {
        assert_eq!(run("isNaN('abc') && !isNaN('12')"), "true");
        assert_eq!(run("isFinite('12') && !isFinite(Infinity)"), "true");
        assert_eq!(run("parseInt('  0x1F')"), "31");
        assert_eq!(run("parseInt('101', 2)"), "5");
        assert_eq!(run("parseInt('12', 37)"), "NaN");
        assert_eq!(run("parseFloat('3.25abc')"), "3.25");
        assert_eq!(run("parseFloat('.e1')"), "NaN");
    }

    #[test]
    fn eval_function() {
        assert_eq!(run("eval('1 + 2')"), "3");
        assert_eq!(run("eval(5)"), "5");
        assert_eq!(run("(0, eval)('var evalVar = 4'); evalVar"), "4");
        assert_eq!(run("eval('1; var q;')"), "1");
        assert_eq!(run("eval('')"), "undefined");
        assert_eq!(run("var r; try { eval('a b') } catch (e) { r = e instanceof SyntaxError } r"), "true");
        assert_eq!(run("'use strict'; eval('')"), "undefined");
        assert_eq!(run("'use strict'; var r; try { eval('with ({}) {}') } catch (e) { r = e.name } r"), "SyntaxError");
    }
}
