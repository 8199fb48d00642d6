//! Module code (§16.2.1.6): a Source Text Module Record's static parts
//! (requested modules, import and export entries) and its two protos:
//! `init`, the part of InitializeEnvironment that runs code (vars set to
//! undefined, function declarations instantiated), and `body`, the
//! module's statements (an async function body when the module has a
//! top-level `await`).
//!
//! Invariants: every binding of the module scope lives in a slot of the
//! module environment, which the host creates (all slots ~empty~) and
//! both protos run over as their closure environment; an import binding's
//! slot is written by the host at link time only (a `ModuleBinding`
//! object, or a namespace object) and read with `GetImport`.

use super::{CResult, Compiler, FunctionState};
use crate::ast::*;
use crate::scope::{BindingKind, ScopeKind, ScopeTree};
use crate::span::LineIndex;
use crate::SyntaxError;
use rustc_hash::FxHashMap;
use spindle_vm::bytecode::{FunctionKind, FunctionProto, Instr, ProtoFlags};
use spindle_vm::heap::Heap;
use std::rc::Rc;

/// A name as UTF-16 code units (export names, specifiers).
pub(crate) type Units = Vec<u16>;

/// A ModuleRequest Record: a specifier and its import attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleRequest {
    /// [[Specifier]]
    pub specifier: Units,
    /// [[Attributes]]: (key, value) pairs in source order.
    pub attributes: Vec<(Units, Units)>,
}

/// An ImportEntry Record, with the slot of its local binding.
#[derive(Debug, Clone)]
pub struct ImportEntry {
    /// Index into [`CompiledModule::requests`].
    pub request: usize,
    /// [[ImportName]]; `None` is ~namespace-object~.
    pub import_name: Option<Units>,
    /// [[LocalName]]
    pub local_name: Units,
    /// The binding's slot in the module environment.
    pub slot: u16,
}

/// An ExportEntry Record of one of the three kinds.
#[derive(Debug, Clone)]
pub enum ExportEntry {
    /// A local export: the binding in `slot` under `export_name`.
    Local {
        /// [[ExportName]]
        export_name: Units,
        /// The local binding's slot.
        slot: u16,
    },
    /// An indirect export: `import_name` of the requested module (`None`:
    /// ~all~, `export * as name`).
    Indirect {
        /// [[ExportName]]
        export_name: Units,
        /// Index into [`CompiledModule::requests`].
        request: usize,
        /// [[ImportName]]
        import_name: Option<Units>,
    },
    /// `export * from "m"`.
    Star {
        /// Index into [`CompiledModule::requests`].
        request: usize,
    },
}

/// Everything the host needs to make a Source Text Module Record.
#[derive(Debug, Clone)]
pub struct CompiledModule {
    /// Instantiates the environment (vars and hoisted functions).
    pub init: Rc<FunctionProto>,
    /// The module's code: `FunctionKind::Async` when it has a top-level await.
    pub body: Rc<FunctionProto>,
    /// Slots of the module environment.
    pub env_size: u16,
    /// [[HasTLA]]
    pub has_tla: bool,
    /// [[RequestedModules]], in source order, without duplicates.
    pub requests: Vec<ModuleRequest>,
    /// [[ImportEntries]]
    pub imports: Vec<ImportEntry>,
    /// [[LocalExportEntries]], [[IndirectExportEntries]], [[StarExportEntries]].
    pub exports: Vec<ExportEntry>,
}

/// Compiles a parsed module (ParseModule's records and the module's code).
pub fn compile_module(program: &Program<'_>, scopes: &ScopeTree<'_>, heap: &mut Heap, file: &str, source: &str) -> Result<CompiledModule, SyntaxError> {
    let mut c = Compiler::new(program, scopes, heap, file, source);
    let init = c.module_init(program)?;
    let body = match c.module_body(program, false) {
        Err(_) if c.module_await => {
            c.module_await = false;
            c.module_body(program, true)?
        }
        other => other?,
    };
    let has_tla = body.kind == FunctionKind::Async;
    let env_size = c.layout(program.scope).size;
    let records = c.module_records(program);
    Ok(CompiledModule { init, body, env_size, has_tla, requests: records.requests, imports: records.imports, exports: records.exports })
}

/// ParseModule's records, being collected.
#[derive(Default)]
struct Records {
    requests: Vec<ModuleRequest>,
    imports: Vec<ImportEntry>,
    exports: Vec<ExportEntry>,
}

impl Records {
    /// The index of a request, added if new.
    fn request(&mut self, specifier: JsStr<'_>, attributes: &[ImportAttribute<'_>]) -> usize {
        let r = ModuleRequest { specifier: specifier.to_vec(), attributes: attributes.iter().map(|a| (name_units(a.key), a.value.to_vec())).collect() };
        match self.requests.iter().position(|x| *x == r) {
            Some(i) => i,
            None => {
                self.requests.push(r);
                self.requests.len() - 1
            }
        }
    }
}

/// The code units of an export or import name.
fn name_units(n: ModuleExportName<'_>) -> Units {
    match n {
        ModuleExportName::Ident(n) => n.name.encode_utf16().collect(),
        ModuleExportName::String(s, _) => s.to_vec(),
    }
}

impl<'a, 'h> Compiler<'a, 'h> {
    fn new(program: &Program<'a>, scopes: &'h ScopeTree<'a>, heap: &'h mut Heap, file: &str, source: &'a str) -> Compiler<'a, 'h> {
        Compiler {
            scopes,
            heap,
            file: Rc::from(file),
            source,
            lines: LineIndex::new(source),
            f: FunctionState::new(program.scope, true),
            env_slots: FxHashMap::default(),
            private_scopes: Vec::new(),
            fn_flags: FxHashMap::default(),
            eval_outer: None,
            module_await: false,
        }
    }

    /// Finishes the function being compiled as a module proto.
    fn finish_module_proto(&mut self, program: &Program<'a>, kind: FunctionKind, name: &str) -> CResult<Rc<FunctionProto>> {
        let f = std::mem::replace(&mut self.f, FunctionState::new(program.scope, true));
        let info = super::ProtoInfo {
            name: Rc::from(name),
            kind,
            flags: ProtoFlags { strict: true, needs_args: false },
            param_count: 0,
            length: 0,
            file: self.file.clone(),
            source_text: Rc::from(""),
            span: program.span,
        };
        f.b.finish(info)
    }

    /// InitializeEnvironment steps 21-24: vars := undefined, functions instantiated.
    fn module_init(&mut self, program: &Program<'a>) -> CResult<Rc<FunctionProto>> {
        self.f = FunctionState::new(program.scope, true);
        let slots = self.layout(program.scope).slots.clone();
        for (i, b) in self.scopes.scope(program.scope).bindings.clone().iter().enumerate() {
            if let (BindingKind::Var | BindingKind::Function, Some(slot)) = (b.kind, slots[i]) {
                let r = self.f.b.alloc();
                self.emit(Instr::LoadUndefined { dst: r });
                self.emit(Instr::SetEnv { depth: 0, slot, src: r });
                self.f.b.release(self.f.b.mark() - 1);
            }
        }
        for s in program.body {
            match s {
                Stmt::Export(ExportDecl::Decl(d, _)) => self.hoist_functions(std::slice::from_ref(d))?,
                Stmt::Export(ExportDecl::DefaultDecl(Stmt::Function(f), _)) if f.id.is_none() => self.hoist_default_function(program, f)?,
                Stmt::Export(ExportDecl::DefaultDecl(d, _)) => self.hoist_functions(std::slice::from_ref(d))?,
                other => self.hoist_functions(std::slice::from_ref(other))?,
            }
        }
        let r = self.f.b.alloc();
        self.emit(Instr::LoadUndefined { dst: r });
        self.emit_return(r);
        self.finish_module_proto(program, FunctionKind::Normal, "")
    }

    /// `export default function () {}`: instantiated as `*default*`, named "default".
    fn hoist_default_function(&mut self, program: &Program<'a>, f: &Function<'a>) -> CResult<()> {
        let Some(index) = self.scopes.lookup_local(program.scope, "*default*") else { return Ok(()) };
        let mark = self.f.b.mark();
        let r = self.f.b.alloc();
        self.closure_named(f, r, "default")?;
        self.store_binding(program.scope, index, r);
        self.f.b.release(mark);
        Ok(())
    }

    /// The module's statements; `is_async`: as the body of an async function.
    fn module_body(&mut self, program: &Program<'a>, is_async: bool) -> CResult<Rc<FunctionProto>> {
        self.f = FunctionState::new(program.scope, true);
        if is_async {
            let (resume, mode) = self.f.b.coroutine_registers();
            self.emit(Instr::AsyncStart { resume, mode });
            self.f.generator = Some((resume, mode));
        }
        for s in program.body {
            self.stmt(s)?;
        }
        let r = self.f.b.alloc();
        self.emit(Instr::LoadUndefined { dst: r });
        self.emit_return(r);
        let kind = if is_async { FunctionKind::Async } else { FunctionKind::Normal };
        self.finish_module_proto(program, kind, "")
    }

    /// An `export` declaration as a statement of the module body.
    pub(crate) fn export_decl(&mut self, e: &ExportDecl<'a>) -> CResult<()> {
        match *e {
            ExportDecl::Named { .. } | ExportDecl::All { .. } | ExportDecl::DefaultDecl(Stmt::Function(_), _) => Ok(()),
            ExportDecl::Decl(s, _) => self.stmt(&s),
            ExportDecl::DefaultDecl(Stmt::Class(c), span) if c.id.is_none() => {
                let mark = self.f.b.mark();
                let r = self.f.b.alloc();
                self.class(c, r, Some(Name { name: "default", span }))?;
                self.init_default(r);
                self.f.b.release(mark);
                Ok(())
            }
            ExportDecl::DefaultDecl(s, _) => self.stmt(&s),
            ExportDecl::DefaultExpr(value, binding, span) => {
                self.position(span);
                let mark = self.f.b.mark();
                let r = self.f.b.alloc();
                self.expr_named(&value, r, "default")?;
                self.store_var(binding, r, true);
                self.f.b.release(mark);
                Ok(())
            }
        }
    }

    /// Initialises the module's `*default*` binding with `src`.
    fn init_default(&mut self, src: spindle_vm::bytecode::Reg) {
        let module = self.scopes.var_scope(self.f.scope);
        if let Some(index) = self.scopes.lookup_local(module, "*default*") {
            self.store_binding(module, index, src);
        }
    }

    /// `await` or `for await` where no coroutine is being compiled: at the
    /// top level of a module it makes the module async (it is compiled
    /// again as such); elsewhere it is unsupported.
    pub(crate) fn await_outside_coroutine<T>(&mut self, what: &str, span: crate::Span) -> CResult<T> {
        if self.scopes.scope(self.f.function_scope).kind == ScopeKind::Module {
            self.module_await = true;
        }
        self.unsupported(what, span)
    }

    /// `import.meta`
    pub(crate) fn import_meta(&mut self, dst: spindle_vm::bytecode::Reg) -> CResult<()> {
        self.emit(Instr::ImportMeta { dst });
        Ok(())
    }

    /// `import(specifier, options)` (§13.3.10.1): both evaluated, then the host's promise.
    pub(crate) fn import_call(&mut self, i: &ImportCall<'a>, dst: spindle_vm::bytecode::Reg) -> CResult<()> {
        let mark = self.f.b.mark();
        let specifier = self.f.b.alloc();
        let options = self.f.b.alloc();
        self.expr(&i.specifier, specifier)?;
        match &i.options {
            Some(o) => self.expr(o, options)?,
            None => {
                self.emit(Instr::LoadUndefined { dst: options });
            }
        }
        self.position(i.span);
        self.emit(Instr::ImportCall { dst, specifier, options });
        self.f.b.release(mark);
        Ok(())
    }

    /// The slot of the module-scope binding `name`.
    fn module_slot(&mut self, program: &Program<'a>, name: &str) -> Option<u16> {
        let index = self.scopes.lookup_local(program.scope, name)?;
        self.layout(program.scope).slots.get(index as usize).copied().flatten()
    }

    /// ParseModule steps 4-10: requests, import entries, export entries.
    fn module_records(&mut self, program: &Program<'a>) -> Records {
        let mut r = Records::default();
        for s in program.body {
            if let Stmt::Import(i) = s {
                let request = r.request(i.source, i.attributes);
                for spec in i.specifiers {
                    let (import_name, local) = match *spec {
                        ImportSpec::Default(id) => (Some("default".encode_utf16().collect()), id),
                        ImportSpec::Namespace(id) => (None, id),
                        ImportSpec::Named { imported, local } => (Some(name_units(imported)), local),
                    };
                    let slot = self.module_slot(program, local.name).unwrap_or(0);
                    r.imports.push(ImportEntry { request, import_name, local_name: local.name.encode_utf16().collect(), slot });
                }
            } else if matches!(s, Stmt::Export(ExportDecl::Named { source: Some(_), .. } | ExportDecl::All { .. })) {
                // Requests in source order, imports and re-exports alike.
                if let Stmt::Export(ExportDecl::Named { source: Some(src), attributes, .. } | ExportDecl::All { source: src, attributes, .. }) = s {
                    r.request(src, attributes);
                }
            }
        }
        for s in program.body {
            if let Stmt::Export(e) = s {
                self.export_entries(program, e, &mut r);
            }
        }
        r
    }

    /// The export entries of one `export` declaration (ParseModule step 10).
    fn export_entries(&mut self, program: &Program<'a>, e: &ExportDecl<'a>, r: &mut Records) {
        let default: Units = "default".encode_utf16().collect();
        match *e {
            ExportDecl::Named { specifiers, source: Some(src), attributes, .. } => {
                let request = r.request(src, attributes);
                for s in specifiers {
                    r.exports.push(ExportEntry::Indirect { export_name: name_units(s.exported), request, import_name: Some(name_units(s.local)) });
                }
            }
            ExportDecl::Named { specifiers, source: None, .. } => {
                for s in specifiers {
                    let ModuleExportName::Ident(local) = s.local else { continue };
                    let export_name = name_units(s.exported);
                    let local_units: Units = local.name.encode_utf16().collect();
                    // 10.a.ii: re-exporting an import is an indirect export (of a
                    // namespace import, one of ~all~, so two re-exports of it agree).
                    match r.imports.iter().find(|i| i.local_name == local_units) {
                        Some(ie) => {
                            r.exports.push(ExportEntry::Indirect { export_name, request: ie.request, import_name: ie.import_name.clone() });
                        }
                        None => {
                            let slot = self.module_slot(program, local.name).unwrap_or(0);
                            r.exports.push(ExportEntry::Local { export_name, slot });
                        }
                    }
                }
            }
            ExportDecl::All { exported: Some(name), source, attributes, .. } => {
                let request = r.request(source, attributes);
                r.exports.push(ExportEntry::Indirect { export_name: name_units(name), request, import_name: None });
            }
            ExportDecl::All { exported: None, source, attributes, .. } => {
                let request = r.request(source, attributes);
                r.exports.push(ExportEntry::Star { request });
            }
            ExportDecl::DefaultExpr(..) => {
                let slot = self.module_slot(program, "*default*").unwrap_or(0);
                r.exports.push(ExportEntry::Local { export_name: default, slot });
            }
            ExportDecl::DefaultDecl(d, _) => {
                let local = match d {
                    Stmt::Function(f) => f.id.map(|i| i.name),
                    Stmt::Class(c) => c.id.map(|i| i.name),
                    _ => None,
                };
                let slot = self.module_slot(program, local.unwrap_or("*default*")).unwrap_or(0);
                r.exports.push(ExportEntry::Local { export_name: default, slot });
            }
            ExportDecl::Decl(d, _) => {
                let mut names = Vec::new();
                match d {
                    Stmt::Var(v) => v.decls.iter().for_each(|d| crate::parser::collect_bound_names(d.target, &mut names)),
                    Stmt::Function(f) => names.extend(f.id),
                    Stmt::Class(c) => names.extend(c.id),
                    _ => {}
                }
                for id in names {
                    let slot = self.module_slot(program, id.name).unwrap_or(0);
                    r.exports.push(ExportEntry::Local { export_name: id.name.encode_utf16().collect(), slot });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(src: &str) -> CompiledModule {
        let arena = bumpalo::Bump::new();
        let parsed = crate::parse(&arena, src, Goal::Module).unwrap();
        let mut heap = Heap::new();
        compile_module(&parsed.program, &parsed.scopes, &mut heap, "m.mjs", src).unwrap()
    }

    fn units(s: &str) -> Units {
        s.encode_utf16().collect()
    }

    #[test]
    fn records_follow_parse_module() {
        let m = compile("import d, * as ns from './a.js'; import { x as y } from './b.js'; export { y, ns as n }; export * from './a.js'; export default 1; export let z;");
        assert_eq!(m.requests.iter().map(|r| String::from_utf16_lossy(&r.specifier)).collect::<Vec<_>>(), ["./a.js", "./b.js"]);
        assert_eq!(m.imports.len(), 3);
        assert_eq!(m.imports[1].import_name, None);
        let kinds: Vec<String> = m
            .exports
            .iter()
            .map(|e| match e {
                ExportEntry::Local { export_name, .. } => format!("local {}", String::from_utf16_lossy(export_name)),
                ExportEntry::Indirect { export_name, request, import_name } => {
                    format!("indirect {} {request} {:?}", String::from_utf16_lossy(export_name), import_name.as_ref().map(|n| String::from_utf16_lossy(n)))
                }
                ExportEntry::Star { request } => format!("star {request}"),
            })
            .collect();
        assert_eq!(kinds, ["indirect y 1 Some(\"x\")", "indirect n 0 None", "star 0", "local default", "local z"]);
        assert!(!m.has_tla);
        assert!(m.env_size >= 5);
        assert_eq!(m.imports[2].local_name, units("y"));
    }

    #[test]
    fn top_level_await_makes_an_async_body() {
        assert!(compile("await 1;").has_tla);
        assert!(compile("for await (const x of []) {}").has_tla);
        assert!(!compile("async function f() { await 1; }").has_tla);
        assert_eq!(compile("await 1;").body.kind, FunctionKind::Async);
    }
}
