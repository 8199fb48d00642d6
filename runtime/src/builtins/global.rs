//! The global object's own value properties and functions (ECMAScript
//! 2025 §19.1-19.2): `globalThis`, `NaN`, `Infinity`, `undefined`,
//! `isNaN`, `isFinite`, `parseInt`, `parseFloat` and `eval`, which also
//! serves the interpreter's direct `eval(...)` through the VM's host hooks.
//! The URI functions are in `uri.rs`.
//!
//! Direct eval runs in its caller's scope: the call site's `EvalSite`
//! describes the caller's environments, `this` and context, the code is
//! compiled against it (`parse_eval`, `compile_eval`) and run in the
//! caller's environment (`Vm::run_eval`).

use super::builder::{native_function, Builder};
use super::support::{arg, install_global};
use spindle_compiler::scope::BindingKind;
use spindle_compiler::{compile_eval, parse_eval, Parsed};
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
    vm.realm.eval_function = vm.realm.intrinsic("%eval%");
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
    perform(vm, arg(args, 0), &EvalSite::default(), false)
}

/// PerformEval(x, strictCaller, true) (§19.2.1.1), the host hook the
/// interpreter calls for a direct eval (`site` describes the caller).
fn perform_eval(vm: &mut Vm, x: Value, site: &EvalSite) -> JsResult<Value> {
    perform(vm, x, site, true)
}

/// PerformEval(x, site.strict, direct).
fn perform(vm: &mut Vm, x: Value, site: &EvalSite, direct: bool) -> JsResult<Value> {
    // 2. If x is not a String, return x.
    let Value::String(s) = x else { return Ok(x) };
    // 11-12. A strict caller makes the eval code strict: the parser starts
    //        eval code in the caller's strictness (`site.strict`).
    let source = vm.heap.to_rust_string(s);
    // 5-10. Let script be ParseText(x, Script), with the early errors of
    //       the caller's context; errors are SyntaxErrors.
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed = match parse_eval(&arena, &source, site, &vm.heap) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        };
        if let Some(name) = var_hoisted_over_lexical(&parsed, site, &mut vm.heap) {
            return vm.syntax_error(&format!("Identifier '{name}' has already been declared"));
        }
        match compile_eval(&parsed.program, &parsed.scopes, site, &arena, &mut vm.heap, EVAL_FILE, &source) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        }
    };
    // 13-30. EvalDeclarationInstantiation and evaluation of the body, in
    //        the caller's environment for a direct eval, else the global one.
    if direct {
        vm.run_eval(proto, site.this_slot)
    } else {
        vm.run_script(proto)
    }
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
        assert_eq!(run("'use strict'; [eval('#!\\n1'), eval('#!')].join()"), "1,", "a hashbang starts strict eval code too");
        assert_eq!(run("'use strict'; try { eval('\\n  nope(') } catch (e) { e.name }"), "SyntaxError");
        assert_eq!(run("'use strict'; var r; try { eval('with ({}) {}') } catch (e) { r = e.name } r"), "SyntaxError");
    }

    #[test]
    fn direct_eval_sees_the_callers_bindings() {
        assert_eq!(run("function f(a) { var x = 1; return eval('a + x'); } f(2)"), "3");
        assert_eq!(run("function f() { let q = 3; { let q = 4; return eval('q'); } } f()"), "4");
        assert_eq!(run("function f() { var c = 1; return eval('c = 5'), c; } f()"), "5");
        assert_eq!(run("function f() { var r; try { eval('let t = t') } catch (e) { r = e.name } return r; } f()"), "ReferenceError");
        assert_eq!(run("var r = (function g() { 'use strict'; try { eval('g = 1') } catch (e) { return e.name } })(); r"), "TypeError");
        assert_eq!(run("function f() { var o = { w: 9 }; with (o) { return eval('w'); } } f()"), "9");
    }

    #[test]
    fn sloppy_eval_vars_join_the_callers_variable_environment() {
        assert_eq!(run("function f() { eval('var y = 5'); return y; } f() + typeof y"), "5undefined");
        assert_eq!(run("function f() { eval('var z = 1'); var d = delete z; return d + typeof z; } f()"), "trueundefined");
        assert_eq!(run("function f() { var e = 1; eval('var e = 2'); return e; } f()"), "2");
        assert_eq!(run("function f() { eval('function g() { return this }'); return g() === globalThis; } f()"), "true");
        assert_eq!(run("function f() { eval(\"eval('var n = 3')\"); return n; } f()"), "3");
        assert_eq!(run("function f() { 'use strict'; eval('var s = 1'); return typeof s; } f()"), "undefined");
        assert_eq!(run("eval('var gv = 1'); delete globalThis.gv"), "true");
        assert_eq!(run("eval('let l = 1; l + 1') + typeof l"), "2undefined");
        assert_eq!(run("Object.preventExtensions(globalThis); var r; try { eval('var nx') } catch (e) { r = e.name } r"), "TypeError");
    }

    #[test]
    fn direct_eval_has_the_callers_this_and_function_context() {
        assert_eq!(run("var o = { f() { return eval('this') === o } }; o.f()"), "true");
        assert_eq!(run("function f() { return (() => eval('this'))() } var o = {}; f.call(o) === o"), "true");
        assert_eq!(run("function F() { return eval('new.target') } new F() === F && F() === undefined"), "true");
        assert_eq!(run("class A { m() { return 1 } } class B extends A { m() { return eval('super.m() + 1') } } new B().m()"), "2");
        assert_eq!(run("class P { #x = 7; get() { return eval('this.#x') } } new P().get()"), "7");
        assert_eq!(run("function f() { return eval('arguments.length') } f(1, 2, 3)"), "3");
        assert_eq!(run("var r; try { eval('new.target') } catch (e) { r = e.name } r"), "SyntaxError");
        assert_eq!(run("var r; class C { x = eval('try { eval(\"arguments\") } catch (e) { r = e.name }') } new C(); r"), "SyntaxError");
    }
}
