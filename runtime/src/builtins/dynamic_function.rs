//! CreateDynamicFunction (ECMAScript 2025 §20.2.1.1.1): functions made
//! from strings by the Function constructor and by %GeneratorFunction%
//! (§27.3.1) and %AsyncFunction% (§27.7.1), which this module installs
//! (they are not globals: `Object.getPrototypeOf(function* () {}).constructor`).
//!
//! The source text `(prefix anonymous(P\n) {\nB\n})` is compiled into the
//! running VM's heap and evaluated in the global scope, after checking that
//! the parameters and the body each parse alone (so neither can close the
//! function early and smuggle code out of it). %AsyncGeneratorFunction%
//! (§27.4.1) is installed with the other async iteration built-ins
//! (`async_iteration`), through [`install_kind`].

use super::builder::native_function;
use spindle_compiler::ast::{Expr, Stmt};
use spindle_compiler::{compile_script, parse, Goal};
use spindle_vm::object::Attributes;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The file name stack traces show for dynamic functions.
const DYNAMIC_FILE: &str = "<anonymous>";

/// The kinds of function CreateDynamicFunction makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DynamicKind {
    /// `function`
    Normal,
    /// `function*`
    Generator,
    /// `async function`
    Async,
    /// `async function*`
    AsyncGenerator,
}

impl DynamicKind {
    /// The source text before ` anonymous(`.
    fn prefix(self) -> &'static str {
        match self {
            DynamicKind::Normal => "function",
            DynamicKind::Generator => "function*",
            DynamicKind::Async => "async function",
            DynamicKind::AsyncGenerator => "async function*",
        }
    }

    /// The default [[Prototype]] of the new function.
    fn fallback_proto(self, vm: &Vm) -> Obj {
        let i = &vm.realm.intrinsics;
        match self {
            DynamicKind::Normal => i.function_prototype,
            DynamicKind::Generator => i.generator_function_prototype,
            DynamicKind::Async => i.async_function_prototype,
            DynamicKind::AsyncGenerator => i.async_generator_function_prototype,
        }
    }
}

/// Installs %GeneratorFunction% and %AsyncFunction% (after `Function`).
pub(crate) fn install(vm: &mut Vm) {
    let gfp = vm.realm.intrinsics.generator_function_prototype;
    let afp = vm.realm.intrinsics.async_function_prototype;
    let generator = ("GeneratorFunction", "%GeneratorFunction%", "%GeneratorFunction.prototype%");
    install_kind(vm, generator, generator_function_constructor, gfp);
    let async_names = ("AsyncFunction", "%AsyncFunction%", "%AsyncFunction.prototype%");
    install_kind(vm, async_names, async_function_constructor, afp);
    let gp = vm.realm.intrinsics.generator_prototype;
    vm.realm.named.insert("%GeneratorFunction.prototype.prototype%", gp);
    // §27.7.3.2: %AsyncFunction.prototype%[@@toStringTag] is "AsyncFunction".
    let tag_key = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    if vm.heap.get_own_raw(afp, tag_key).is_none() {
        let tag = vm.string("AsyncFunction");
        vm.heap.define_raw(afp, tag_key, tag, Attributes::CONFIGURABLE);
    }
}

/// One of the function-kind constructors (§27.3.2, §27.7.2): [[Prototype]]
/// %Function%, a fixed `prototype`, and a non-writable `constructor` back link.
pub(crate) fn install_kind(vm: &mut Vm, names: (&str, &'static str, &'static str), f: spindle_vm::object::NativeFn, proto: Obj) {
    let (name, ctor_name, proto_name) = names;
    let ctor = native_function(vm, name, 1, f, true);
    vm.heap.object_mut(ctor).proto = vm.realm.intrinsic("%Function%");
    let prototype_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(ctor, prototype_key, Value::Object(proto), Attributes::NONE);
    let constructor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(proto, constructor_key, Value::Object(ctor), Attributes::CONFIGURABLE);
    vm.realm.named.insert(ctor_name, ctor);
    vm.realm.named.insert(proto_name, proto);
}

/// Function(...parameterArgs, bodyArg) (§20.2.1.1).
pub(crate) fn function_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1-3. Return ? CreateDynamicFunction(C, NewTarget, normal, parameterArgs, bodyArg).
    create_dynamic_function(vm, DynamicKind::Normal, new_target, args).map(Value::Object)
}

/// GeneratorFunction(...parameterArgs, bodyArg) (§27.3.1.1).
fn generator_function_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    create_dynamic_function(vm, DynamicKind::Generator, new_target, args).map(Value::Object)
}

/// AsyncFunction(...parameterArgs, bodyArg) (§27.7.1.1).
fn async_function_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    create_dynamic_function(vm, DynamicKind::Async, new_target, args).map(Value::Object)
}

/// CreateDynamicFunction(constructor, newTarget, kind, parameterArgs,
/// bodyArg) (§20.2.1.1.1), with `args` = parameterArgs ++ [bodyArg].
pub(crate) fn create_dynamic_function(vm: &mut Vm, kind: DynamicKind, new_target: Option<Obj>, args: &[Value]) -> JsResult<Obj> {
    // 6-8. Let parameterStrings be ToString of each parameter argument.
    let (params, body) = match args.split_last() {
        Some((body, params)) => (params, Some(*body)),
        None => (&[][..], None),
    };
    let mut parameter_strings = Vec::with_capacity(params.len());
    for p in params {
        parameter_strings.push(vm.to_rust_string(*p)?);
    }
    // 9. Let bodyString be ? ToString(bodyArg) (the empty String when absent).
    let body_string = match body {
        Some(b) => vm.to_rust_string(b)?,
        None => String::new(),
    };
    // 12-15. Let P be the parameter strings joined with ",".
    let p = parameter_strings.join(",");
    // 16. Let bodyParseString be LF + bodyString + LF.
    let body_parse = format!("\n{body_string}\n");
    let prefix = kind.prefix();
    // 19-22. The parameters and the body must each parse on their own.
    check_part(vm, &format!("({prefix} anonymous({p}\n) {{\n}})"))?;
    check_part(vm, &format!("({prefix} anonymous(\n) {{{body_parse}}})"))?;
    // 17, 23-25. sourceString is prefix + " anonymous(" + P + LF + ") {" + bodyParseString + "}".
    let f = compile_function(vm, &format!("({prefix} anonymous({p}\n) {{{body_parse}}})"))?;
    // 26. Let proto be ? GetPrototypeFromConstructor(newTarget, fallbackProto).
    let fallback = kind.fallback_proto(vm);
    let proto = match new_target {
        Some(nt) => vm.get_prototype_from_constructor(nt, fallback)?,
        None => fallback,
    };
    // 29. F = OrdinaryFunctionCreate(proto, ...); 30. SetFunctionName(F, "anonymous");
    // 31-34. The generator `prototype` or MakeConstructor(F): made with the closure.
    vm.heap.object_mut(f).proto = Some(proto);
    Ok(f)
}

/// Parses `source` (a parenthesised function expression) and checks it is
/// exactly one function expression spanning the whole text.
fn check_part(vm: &mut Vm, source: &str) -> JsResult<()> {
    let arena = bumpalo::Bump::new();
    let parsed = match parse(&arena, source, Goal::Script) {
        Ok(p) => p,
        Err(e) => return vm.syntax_error(&e.message),
    };
    if !is_whole_function(parsed.program.body, source.len()) {
        return vm.syntax_error("Function arguments or body close the function early");
    }
    Ok(())
}

/// The program is `(function ...)` and nothing else.
fn is_whole_function(body: &[Stmt<'_>], len: usize) -> bool {
    match body {
        [Stmt::Expr(Expr::Paren(Expr::Function(f), _), _)] => f.span.start == 1 && f.span.end as usize + 1 == len,
        _ => false,
    }
}

/// Compiles and runs the parenthesised function expression `source` in the
/// global scope; returns the closure.
fn compile_function(vm: &mut Vm, source: &str) -> JsResult<Obj> {
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed = match parse(&arena, source, Goal::Script) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        };
        if !is_whole_function(parsed.program.body, source.len()) {
            return vm.syntax_error("Function arguments or body close the function early");
        }
        match compile_script(&parsed.program, &parsed.scopes, &mut vm.heap, DYNAMIC_FILE, source) {
            Ok(p) => p,
            Err(e) => return vm.syntax_error(&e.message),
        }
    };
    match vm.run_script(proto)? {
        Value::Object(f) => Ok(f),
        _ => vm.type_error("internal error: the dynamic function did not evaluate to a function"),
    }
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn dynamic_functions() {
        assert_eq!(run("new Function('a', 'b', 'return a + b')(1, 2)"), "3");
        assert_eq!(run("Function('return 7')()"), "7");
        assert_eq!(run("Function('a,b', 'c', 'return a+b+c')(1,2,3)"), "6");
        assert_eq!(run("Function('a', 'b', 'return 1').toString()"), "function anonymous(a,b\n) {\nreturn 1\n}");
        assert_eq!(run("Function().name"), "anonymous");
        assert_eq!(run("Function('/*', '*/){')"), "SyntaxError: Unterminated comment");
        assert!(run("Function('}), (function(){')").starts_with("SyntaxError"));
        assert!(run("Function('a){}, function(b', '')").starts_with("SyntaxError"));
        assert_eq!(run("class F extends Function {}; var f = new F('return 1'); (f instanceof F) + ':' + f()"), "true:1");
    }

    #[test]
    fn generator_and_async_function_constructors() {
        let gf = "var GF = Object.getPrototypeOf(function* () {}).constructor;";
        assert_eq!(run(&format!("{gf} GF.name + GF.length + (Object.getPrototypeOf(GF) === Function)")), "GeneratorFunction1true");
        assert_eq!(run(&format!("{gf} var g = GF('a', 'yield a; yield a + 1'); var it = g(5); it.next().value + it.next().value")), "11");
        assert_eq!(run(&format!("{gf} GF('yield 1').toString()")), "function* anonymous(\n) {\nyield 1\n}");
        assert_eq!(run(&format!("{gf} Object.getPrototypeOf(GF('').prototype) === GF.prototype.prototype")), "true");
        let af = "var AF = Object.getPrototypeOf(async function () {}).constructor;";
        assert_eq!(run(&format!("{af} AF.name + ':' + AF('await 1').toString()")), "AsyncFunction:async function anonymous(\n) {\nawait 1\n}");
        assert_eq!(run(&format!("{af} AF.prototype[Symbol.toStringTag]")), "AsyncFunction");
        assert!(run(&format!("{af} AF('a = await 1', '')")).starts_with("SyntaxError"));
    }
}
