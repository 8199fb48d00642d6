//! CommonJS modules, as Node loads them: a `.js` file runs as the body of
//! `function (exports, require, module, __filename, __dirname)` with `this`
//! bound to `module.exports`; a `.json` file's exports are its parsed text.
//! `require(specifier)` resolves `./`, `../` and absolute specifiers
//! against the requiring file's folder (trying the name as given, then with
//! `.js` and `.json`, then `index.js` and `index.json` inside it) and
//! returns the module's `exports`, loading each file once.
//!
//! Invariants: every loaded module object is a property of the
//! `%CommonJSCache%` intrinsic (a null-prototype object keyed by absolute
//! file name), so modules stay alive and a cycle of `require`s sees the
//! partly filled `exports` of a module still loading, as in Node. Bare
//! specifiers (packages, `node:` built-ins) throw an `Error` with code
//! `MODULE_NOT_FOUND`: there is no package lookup.
//!
//! The wrapper's head is written on the module's first line, so line
//! numbers in diagnostics and stack traces are the file's own; columns on
//! the first line are shifted by the head's length.

use crate::builtins::builder::native_function;
use spindle_compiler::{compile_script, parse, Goal};
use spindle_vm::object::{Attributes, NativeFunction, ObjectKind, Property};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};
use std::path::{Path, PathBuf};

/// The head of the function a `.js` module runs in (its body follows on the same line).
const WRAPPER_HEAD: &str = "(function (exports, require, module, __filename, __dirname) { ";
/// The tail of that function.
const WRAPPER_TAIL: &str = "\n})";

/// The intrinsic holding every loaded module.
const CACHE: &str = "%CommonJSCache%";

/// Loads `path` as the main CommonJS module and returns its `exports`.
pub(crate) fn load_main(vm: &mut Vm, path: &Path) -> JsResult<Value> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    load(vm, &absolute)
}

/// The module of file `path` (loaded now unless cached): its `exports`.
fn load(vm: &mut Vm, path: &Path) -> JsResult<Value> {
    let cache = cache(vm);
    let file_name = path.display().to_string();
    let key = vm.heap.key_from_str(&file_name);
    if let Some(Property::Data { value: Value::Object(module), .. }) = vm.heap.get_own_raw(cache, key) {
        return get(vm, module, "exports");
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| vm.error(ErrorKind::SyntaxError, &format!("{file_name}: invalid UTF-8")))?,
        Err(e) => return Err(vm.error(ErrorKind::Error, &format!("Cannot read module '{file_name}': {e}"))),
    };
    let module = new_module(vm, &file_name)?;
    vm.heap.define_raw(cache, key, Value::Object(module), Attributes::ALL);
    if path.extension().is_some_and(|e| e == "json") {
        let exports = parse_json(vm, &text, &file_name)?;
        set(vm, module, "exports", exports)?;
    } else {
        run_wrapped(vm, module, path, &file_name, &text)?;
    }
    set(vm, module, "loaded", Value::Bool(true))?;
    get(vm, module, "exports")
}

/// `{ id, filename, path, exports: {}, loaded: false }`.
fn new_module(vm: &mut Vm, file_name: &str) -> JsResult<Obj> {
    let proto = vm.realm.intrinsics.object_prototype;
    let module = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let exports = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let name = vm.string(file_name);
    let dir = Path::new(file_name).parent().map(|d| d.display().to_string()).unwrap_or_default();
    let dir = vm.string(&dir);
    set(vm, module, "id", name)?;
    set(vm, module, "filename", name)?;
    set(vm, module, "path", dir)?;
    set(vm, module, "exports", Value::Object(exports))?;
    set(vm, module, "loaded", Value::Bool(false))?;
    Ok(module)
}

/// Compiles `text` inside the wrapper and calls it with this module's
/// `exports`, `require`, `module`, `__filename` and `__dirname`.
fn run_wrapped(vm: &mut Vm, module: Obj, path: &Path, file_name: &str, text: &str) -> JsResult<()> {
    let source = format!("{WRAPPER_HEAD}{}{WRAPPER_TAIL}", without_hashbang(text));
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, &source, Goal::Script).map_err(|e| vm.error(ErrorKind::SyntaxError, &e.render(file_name, &source)))?;
        compile_script(&parsed.program, &parsed.scopes, &mut vm.heap, file_name, &source)
            .map_err(|e| vm.error(ErrorKind::SyntaxError, &e.render(file_name, &source)))?
    };
    let wrapper = vm.run_script(proto)?;
    let exports = get(vm, module, "exports")?;
    let dir = path.parent().map(|d| d.display().to_string()).unwrap_or_default();
    let require = make_require(vm, &dir);
    let (name, dir) = (vm.string(file_name), vm.string(&dir));
    vm.call(wrapper, exports, &[exports, Value::Object(require), Value::Object(module), name, dir])?;
    Ok(())
}

/// `text` without a leading `#!` line (its line break stays, so lines keep
/// their numbers): inside the wrapper it would not be at the start.
fn without_hashbang(text: &str) -> &str {
    match text.strip_prefix("#!") {
        Some(rest) => &rest[rest.find('\n').unwrap_or(rest.len())..],
        None => text,
    }
}

/// A `require` function resolving against folder `dir`.
fn make_require(vm: &mut Vm, dir: &str) -> Obj {
    let f = native_function(vm, "require", 1, require, false);
    let dir = vm.string(dir);
    if let ObjectKind::Native(NativeFunction { captures, .. }) = &mut vm.heap.object_mut(f).kind {
        *captures = Box::new([dir]);
    }
    f
}

/// `require(specifier)`.
fn require(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let specifier = match args.first() {
        Some(Value::String(s)) => vm.heap.to_rust_string(*s),
        _ => return vm.type_error("The \"id\" argument must be of type string"),
    };
    let dir = match vm.current_native().map(|f| &vm.heap.object(f).kind) {
        Some(ObjectKind::Native(n)) => match n.captures.first() {
            Some(Value::String(s)) => vm.heap.to_rust_string(*s),
            _ => String::new(),
        },
        _ => String::new(),
    };
    match resolve(Path::new(&dir), &specifier) {
        Some(path) => load(vm, &path),
        None => Err(not_found(vm, &specifier)),
    }
}

/// The file `specifier` names from folder `dir`, if it exists.
fn resolve(dir: &Path, specifier: &str) -> Option<PathBuf> {
    let relative = specifier.starts_with("./") || specifier.starts_with("../") || specifier == "." || specifier == "..";
    if !relative && !Path::new(specifier).is_absolute() {
        return None;
    }
    let base = dir.join(specifier);
    let candidates = [
        base.clone(),
        with_suffix(&base, ".js"),
        with_suffix(&base, ".json"),
        base.join("index.js"),
        base.join("index.json"),
    ];
    candidates.into_iter().find(|p| p.is_file()).map(|p| normalize(&p))
}

/// `path` with `suffix` appended to its last component.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `path` without `.` and `..` components, so one file has one cache key.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Node's error for a module that cannot be found.
fn not_found(vm: &mut Vm, specifier: &str) -> Value {
    let error = vm.error(ErrorKind::Error, &format!("Cannot find module '{specifier}'"));
    if let Value::Object(o) = error {
        let code = vm.string("MODULE_NOT_FOUND");
        let key = vm.heap.key_from_str("code");
        vm.heap.define_raw(o, key, code, Attributes::ALL);
    }
    error
}

/// `JSON.parse(text)` with the realm's JSON object.
fn parse_json(vm: &mut Vm, text: &str, file_name: &str) -> JsResult<Value> {
    let global = vm.realm.global;
    let json = get(vm, global, "JSON")?;
    let Value::Object(json) = json else { return vm.type_error("JSON is not available") };
    let parse = get(vm, json, "parse")?;
    let text = vm.string(text);
    vm.call(parse, Value::Object(json), &[text]).map_err(|e| {
        let message = crate::builtins::console::describe_uncaught(vm, e);
        vm.error(ErrorKind::SyntaxError, &format!("{file_name}: {message}"))
    })
}

/// The `%CommonJSCache%` intrinsic, made on first use.
fn cache(vm: &mut Vm) -> Obj {
    if let Some(o) = vm.realm.intrinsic(CACHE) {
        return o;
    }
    let o = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    vm.realm.named.insert(CACHE, o);
    o
}

fn get(vm: &mut Vm, o: Obj, name: &str) -> JsResult<Value> {
    let key: PropertyKey = vm.heap.key_from_str(name);
    vm.get(o, key, Value::Object(o))
}

fn set(vm: &mut Vm, o: Obj, name: &str, value: Value) -> JsResult<()> {
    let key = vm.heap.key_from_str(name);
    vm.create_data_property_or_throw(o, key, value)
}

#[cfg(test)]
mod tests {
    use super::load_main;
    use crate::Runtime;
    use std::path::PathBuf;

    /// A fresh folder holding `files` (name, text).
    fn folder(tag: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("spindle-commonjs-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    /// Loads `main.js` of `dir` and returns `String(exports.out)`.
    fn out(dir: &std::path::Path) -> String {
        let mut rt = Runtime::new();
        let exports = load_main(&mut rt.vm, &dir.join("main.js")).unwrap_or_else(|e| panic!("{}", rt.describe_exception(e)));
        let key = rt.vm.heap.key_from_str("out");
        let Value::Object(o) = exports else { panic!("exports is not an object") };
        let v = rt.vm.get(o, key, exports).unwrap();
        rt.display(v)
    }

    use spindle_vm::value::Value;

    #[test]
    fn wrapper_bindings_and_this() {
        let dir = folder("wrapper", &[("main.js", "exports.out = [this === module.exports, typeof require, __filename.endsWith('main.js'), arguments.length, module.loaded].join();")]);
        assert_eq!(out(&dir), "true,function,true,5,false");
    }

    #[test]
    fn require_resolves_relative_files_json_and_index() {
        let dir = folder("resolve", &[
            ("main.js", "const a = require('./a'); const b = require('./sub'); const j = require('./data.json');\nexports.out = [a.v, b.v, j.k, require('./a.js') === a].join();"),
            ("a.js", "exports.v = 'a';"),
            ("sub/index.js", "module.exports = { v: require('../a').v + 'b' };"),
            ("data.json", "{ \"k\": 7 }"),
        ]);
        assert_eq!(out(&dir), "a,ab,7,true");
    }

    #[test]
    fn cycles_see_partial_exports() {
        let dir = folder("cycle", &[
            ("main.js", "exports.early = 1; const b = require('./b'); exports.out = b.seen;"),
            ("b.js", "exports.seen = require('./main').early;"),
        ]);
        assert_eq!(out(&dir), "1");
    }

    #[test]
    fn missing_modules_throw_module_not_found() {
        let dir = folder("missing", &[("main.js", "try { require('./nope'); } catch (e) { exports.out = e.code + ' ' + e.message; }")]);
        assert_eq!(out(&dir), "MODULE_NOT_FOUND Cannot find module './nope'");
    }

    #[test]
    fn hashbang_lines_keep_line_numbers() {
        let dir = folder("hashbang", &[("main.js", "#!/usr/bin/env spindle\nexports.out = new Error('x').stack.split('\\n')[1].trim();")]);
        assert!(out(&dir).contains("main.js:2:"), "{}", out(&dir));
    }
}
