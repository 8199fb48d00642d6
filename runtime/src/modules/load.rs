//! Loading (the host's HostLoadImportedModule, done synchronously):
//! resolving a request against the importing module's folder, reading,
//! parsing and compiling the file, and filling [[LoadedModules]] for a
//! whole graph.
//!
//! Invariants: a file is loaded once per realm and kind (its canonical
//! path and its `type`: JavaScript, JSON or text); a file that fails to load is not
//! recorded, so a later import fails the same way; after
//! [`load_dependencies`] succeeds, every module reachable from the root has
//! all its requests loaded.

use super::{root, syntax_error, text, with_registry, Code, Kind, Module, ModuleId};
use spindle_compiler::codegen::{ExportEntry, ModuleRequest};
use spindle_compiler::{compile_module, parse, Goal};
use spindle_vm::object::{Env, ObjectKind};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::Value;
use spindle_vm::{JsResult, Vm};
use std::path::{Path, PathBuf};

/// Why the root of a graph could not be loaded.
#[derive(Debug)]
pub(crate) enum LoadError {
    /// The root module's own source is not valid: the rendered diagnostic.
    Syntax(String),
    /// A module it requests could not be loaded: the error to throw.
    Thrown(Value),
}

/// Loads the module graph rooted at `path` (whose text is `source` if
/// given, else the file's) and returns the root's record.
pub(crate) fn load_root(vm: &mut Vm, path: &Path, source: Option<&str>) -> Result<ModuleId, LoadError> {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let id = match find(vm, &canonical, Kind::JavaScript) {
        Some(id) => id,
        None => {
            let owned;
            let text = match source {
                Some(s) => s,
                None => {
                    owned = read(vm, &canonical).map_err(LoadError::Thrown)?;
                    &owned
                }
            };
            compile(vm, &canonical, text).map_err(LoadError::Syntax)?
        }
    };
    load_dependencies(vm, id).map_err(LoadError::Thrown)?;
    Ok(id)
}

/// Loads every module reachable from `id` whose requests are not loaded yet.
pub(crate) fn load_dependencies(vm: &mut Vm, id: ModuleId) -> JsResult<()> {
    let mut seen = vec![id];
    let mut work = vec![id];
    while let Some(m) = work.pop() {
        let (dir, requests, loaded) = with_registry(vm, |r| {
            let module = &r.modules[m];
            (module.dir.clone(), module.requests.clone(), module.loaded.clone())
        });
        for (i, request) in requests.iter().enumerate() {
            let dep = match loaded[i] {
                Some(dep) => dep,
                None => {
                    let dep = load_request(vm, &dir, request)?;
                    with_registry(vm, |r| r.modules[m].loaded[i] = Some(dep));
                    dep
                }
            };
            if !seen.contains(&dep) {
                seen.push(dep);
                work.push(dep);
            }
        }
    }
    Ok(())
}

/// The module `request` names, seen from a module in `dir` (loaded now if new).
pub(crate) fn load_request(vm: &mut Vm, dir: &Path, request: &ModuleRequest) -> JsResult<ModuleId> {
    let kind = module_type(vm, request)?;
    let specifier = text(&request.specifier);
    if !(specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with('/')) {
        return Err(vm.error(ErrorKind::TypeError, &format!("Cannot find package '{specifier}': only relative and absolute specifiers are supported")));
    }
    let path = dir.join(&specifier);
    let Ok(canonical) = std::fs::canonicalize(&path) else {
        return Err(vm.error(ErrorKind::Error, &format!("Cannot find module '{}'", path.display())));
    };
    if let Some(id) = find(vm, &canonical, kind) {
        return Ok(id);
    }
    let source = read(vm, &canonical)?;
    match kind {
        Kind::JavaScript => compile(vm, &canonical, &source).map_err(|message| syntax_error(vm, &message)),
        Kind::Json => {
            let value = crate::builtins::json::parse_text(vm, &source)?;
            Ok(value_module(vm, &canonical, kind, value))
        }
        Kind::Text => {
            let value = vm.string(&source);
            Ok(value_module(vm, &canonical, kind, value))
        }
    }
}

/// What a request's `type` attribute asks for: a SyntaxError for an
/// attribute the host does not support, a TypeError for an unknown type.
fn module_type(vm: &mut Vm, request: &ModuleRequest) -> JsResult<Kind> {
    let mut kind = Kind::JavaScript;
    for (key, value) in &request.attributes {
        if text(key) != "type" {
            return Err(syntax_error(vm, &format!("Import attribute '{}' is not supported", text(key))));
        }
        kind = match text(value).as_str() {
            "json" => Kind::Json,
            "text" => Kind::Text,
            other => return Err(vm.error(ErrorKind::TypeError, &format!("Unsupported module type '{other}'"))),
        };
    }
    Ok(kind)
}

fn find(vm: &mut Vm, canonical: &Path, kind: Kind) -> Option<ModuleId> {
    with_registry(vm, |r| r.by_path.get(&(canonical.to_path_buf(), kind)).copied())
}

fn read(vm: &mut Vm, path: &Path) -> JsResult<String> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| syntax_error(vm, &format!("{}: invalid UTF-8", path.display()))),
        Err(e) => Err(vm.error(ErrorKind::Error, &format!("Cannot read module '{}': {e}", path.display()))),
    }
}

/// A new module environment of `size` slots, all ~empty~, kept alive.
fn new_env(vm: &mut Vm, size: u16) -> spindle_vm::value::Obj {
    let env = Env { parent: None, slots: vec![Value::Empty; size as usize].into_boxed_slice(), object: None };
    let env = vm.heap.alloc_object(None, ObjectKind::Env(env));
    root(vm, Value::Object(env));
    env
}

/// Records `module` under its path.
fn register(vm: &mut Vm, path: &Path, kind: Kind, module: Module) -> ModuleId {
    with_registry(vm, |r| {
        r.modules.push(module);
        let id = r.modules.len() - 1;
        r.by_path.insert((path.to_path_buf(), kind), id);
        id
    })
}

/// ParseModule and the record of a source text module (its dependencies not loaded yet).
fn compile(vm: &mut Vm, path: &Path, source: &str) -> Result<ModuleId, String> {
    let name = path.display().to_string();
    let compiled = {
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, source, Goal::Module).map_err(|e| e.render(&name, source))?;
        compile_module(&parsed.program, &parsed.scopes, &mut vm.heap, &name, source).map_err(|e| e.render(&name, source))?
    };
    let env = new_env(vm, compiled.env_size);
    let function_prototype = vm.realm.intrinsics.function_prototype;
    let init = Value::Object(vm.make_closure(compiled.init, Some(env), function_prototype));
    root(vm, init);
    let body = Value::Object(vm.make_closure(compiled.body, Some(env), function_prototype));
    root(vm, body);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut module = Module::new(name, dir, env);
    module.code = Some(Code { init, body });
    module.has_tla = compiled.has_tla;
    module.loaded = vec![None; compiled.requests.len()];
    module.requests = compiled.requests;
    module.imports = compiled.imports;
    module.exports = compiled.exports;
    Ok(register(vm, path, Kind::JavaScript, module))
}

/// A JSON or text module (a Synthetic Module Record): one export,
/// `default`, holding `value`; evaluated already.
fn value_module(vm: &mut Vm, path: &Path, kind: Kind, value: Value) -> ModuleId {
    root(vm, value);
    let env = new_env(vm, 1);
    if let ObjectKind::Env(e) = &mut vm.heap.object_mut(env).kind {
        e.slots[0] = value;
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut module = Module::new(path.display().to_string(), dir, env);
    module.exports = vec![ExportEntry::Local { export_name: "default".encode_utf16().collect(), slot: 0 }];
    module.status = super::Status::Evaluated;
    register(vm, path, kind, module)
}

/// The folder specifiers of code from `file` resolve against: the
/// module's, or else the file's own.
pub(crate) fn referrer_dir(vm: &mut Vm, file: &str) -> PathBuf {
    let known = with_registry(vm, |r| r.modules.iter().find(|m| m.name == file).map(|m| m.dir.clone()));
    known.unwrap_or_else(|| {
        let p = Path::new(file);
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
        std::path::absolute(&dir).unwrap_or(dir)
    })
}
