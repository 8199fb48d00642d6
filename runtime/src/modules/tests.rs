//! Module graphs written to a temporary folder and run through `Runtime`.

use crate::{RunError, Runtime};
use std::path::PathBuf;

/// A folder holding `files`, removed when dropped.
struct Graph {
    dir: PathBuf,
}

impl Graph {
    fn new(tag: &str, files: &[(&str, &str)]) -> Graph {
        let dir = std::env::temp_dir().join(format!("spindle-modules-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        Graph { dir }
    }

    /// Runs `main.mjs`, then the jobs; returns `globalThis.log` joined, or the error.
    fn run(&self) -> String {
        let mut rt = Runtime::new();
        rt.eval("globalThis.log = [];", "setup.js").unwrap();
        let result = rt.run_module(&self.dir.join("main.mjs"));
        match result {
            Ok(_) => {
                let v = rt.eval("log.join(' ')", "read.js").unwrap();
                rt.display(v)
            }
            Err(RunError::Syntax(d)) => format!("syntax: {}", d.lines().next().unwrap_or("")),
            Err(RunError::Exception(v)) => {
                let text = rt.describe_exception(v);
                format!("throws: {}", text.lines().next().unwrap_or(""))
            }
        }
    }
}

impl Drop for Graph {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn imports_are_live_bindings_and_cycles_see_hoisted_functions() {
    let g = Graph::new("live", &[
        ("main.mjs", "import { n, inc, early } from './a.mjs'; log.push(n); inc(); log.push(n, early());"),
        ("a.mjs", "import { fromMain } from './b.mjs'; export let n = 1; export function inc() { n++; } export function early() { return 'early'; } log.push(fromMain);"),
        ("b.mjs", "import { early } from './a.mjs'; export const fromMain = early();"),
    ]);
    assert_eq!(g.run(), "early 1 2 early");
}

#[test]
fn an_import_before_initialization_is_a_reference_error() {
    let g = Graph::new("tdz", &[
        ("main.mjs", "import './a.mjs'; export let late = 1;"),
        ("a.mjs", "import { late } from './main.mjs'; try { late; } catch (e) { log.push(e.constructor.name); }"),
    ]);
    assert_eq!(g.run(), "ReferenceError");
}

#[test]
fn unresolvable_and_ambiguous_imports_do_not_link() {
    let g = Graph::new("link", &[("main.mjs", "import { nope } from './a.mjs';"), ("a.mjs", "export const yes = 1;")]);
    assert!(g.run().starts_with("throws: Uncaught SyntaxError"), "{}", g.run());
    let g = Graph::new("ambiguous", &[
        ("main.mjs", "import { x } from './star.mjs';"),
        ("star.mjs", "export * from './a.mjs'; export * from './b.mjs';"),
        ("a.mjs", "export const x = 1;"),
        ("b.mjs", "export const x = 2;"),
    ]);
    assert!(g.run().contains("conflicting star exports"), "{}", g.run());
}

#[test]
fn namespaces_are_sorted_live_and_frozen_views() {
    let g = Graph::new("ns", &[
        ("main.mjs", "import * as ns from './a.mjs'; ns.bump(); log.push(Object.keys(ns).join(), ns.b, Object.isExtensible(ns), Reflect.set(ns, 'b', 0), Object.prototype.toString.call(ns));"),
        ("a.mjs", "export let b = 1; export function bump() { b++; } export { b as a };"),
    ]);
    assert_eq!(g.run(), "a,b,bump 2 false false [object Module]");
}

#[test]
fn default_exports_name_anonymous_functions_and_classes() {
    let g = Graph::new("default", &[
        ("main.mjs", "import f from './f.mjs'; import C from './c.mjs'; import v from './v.mjs'; log.push(f.name, C.name, v.name);"),
        ("f.mjs", "export default function () {}"),
        ("c.mjs", "export default class {}"),
        ("v.mjs", "export default (() => {});"),
    ]);
    assert_eq!(g.run(), "default default default");
}

#[test]
fn top_level_await_runs_dependencies_first_and_in_order() {
    let g = Graph::new("tla", &[
        ("main.mjs", "import './slow.mjs'; import './sync.mjs'; log.push('main');"),
        ("slow.mjs", "log.push('slow start'); await null; await null; log.push('slow end');"),
        ("sync.mjs", "log.push('sync');"),
    ]);
    assert_eq!(g.run(), "slow start sync slow end main");
}

#[test]
fn a_rejected_top_level_await_is_an_exception() {
    let g = Graph::new("reject", &[("main.mjs", "await Promise.reject(new RangeError('no'));")]);
    assert_eq!(g.run(), "throws: Uncaught RangeError: no");
}

#[test]
fn dynamic_import_json_and_meta() {
    let g = Graph::new("dynamic", &[
        ("main.mjs", "const ns = await import('./a.mjs'); const j = await import('./d.json', { with: { type: 'json' } }); log.push(ns.x, j.default.k, Object.getPrototypeOf(import.meta) === null, import.meta === import.meta); await import('./missing.mjs').catch(e => log.push('missing'));"),
        ("a.mjs", "export const x = 'x';"),
        ("d.json", "{\"k\": 7}"),
    ]);
    assert_eq!(g.run(), "x 7 true true missing");
}

#[test]
fn a_syntax_error_is_reported_with_its_place() {
    let g = Graph::new("syntax", &[("main.mjs", "let let = 1;")]);
    assert!(g.run().starts_with("syntax: "), "{}", g.run());
}
