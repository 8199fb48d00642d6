//! The lowering runs the same: each seed program (`shared/seed-programs`,
//! except `cloud_function_sum.js`, which is a handler with no output of its
//! own) and each case below is lowered with
//! [`lower_program`](spindle_compiler::lower::lower_program), and `node`
//! runs the original and the lowered program; their outputs must be
//! identical, microtask turn for microtask turn.
//!
//! One seed differs by nature: `stack_traces.js` prints `error.stack`, and
//! engines add `at async f` frames only for native async functions (the
//! lowered program shows the generator and `spawn` frames instead). For it
//! the test compares the error messages only (the text before the first
//! frame), and says so.
//!
//! Without `node` on the `PATH` the test is skipped with a message. (When
//! `spindle run` runs these programs, the same check can use it.)

use spindle_compiler::lower::lower_program;
use spindle_compiler::{parse, Goal};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Seeds whose output is compared only up to the first stack frame of each line.
const STACK_TRACE_SEEDS: &[&str] = &["stack_traces.js"];

/// Seeds not run: no output of their own.
const SKIPPED_SEEDS: &[&str] = &["cloud_function_sum.js"];

/// Small programs for what the seeds do not exercise.
const CASES: &[(&str, &str)] = &[
    ("throwing_default", r#"
async function f(a = (() => { throw new Error("bad default"); })()) { return a; }
const p = f();
console.log(p instanceof Promise);
p.catch((e) => console.log("rejected:", e.message));
console.log(f.length, (async function (a, b = 1, ...c) {}).length, (async (x, { y }, z = 3) => 0).length);
const named = async () => {};
console.log(named.name);
"#),
    ("this_and_arguments", r#"
const o = { v: 1, async m(a, b) { await null; return [this.v, arguments.length, a, b]; } };
o.m(1, 2, 3).then((r) => console.log("method", r));
function outer() {
  const f = async (x) => { await null; return [this.tag, arguments[0], x, arguments.length]; };
  return f("inner");
}
outer.call({ tag: "T" }, "outerArg", 2).then((r) => console.log("arrow", r));
function outer2() {
  return (async () => {
    const inner = async () => arguments[1];
    return [arguments[0], await inner(), { arguments }.arguments.length];
  })();
}
outer2("x", "y").then((r) => console.log("nested", r));
function sloppy(a) { return (async function (b) { arguments[0] = "changed"; await 0; return b; })(a); }
sloppy("orig").then((r) => console.log("mapped", r));
"#),
    ("new_target_and_super_call", r#"
function C() { this.p = (async () => { await 0; return new.target === C; })(); }
new C().p.then((v) => console.log("new.target", v));
class P { constructor(v) { this.v = v; } }
class Q extends P {
  constructor() {
    const init = async () => { super(await 7); return this.v; };
    const p = init();
    console.log("before super");
    p.then((v) => console.log("after super", v));
    return { stand: "in" };
  }
}
console.log(new Q());
"#),
    ("super_properties", r#"
class A { m(x) { return "A.m:" + this.n + ":" + x; } get g() { return "A.g"; } }
class B extends A {
  constructor() { super(); this.n = 5; }
  async m(x) {
    await null;
    const f = async () => { await null; return super.m("arrow") + "/" + super.g; };
    super.written = 1;
    const [a] = [await x];
    return [super.m(a), await f(), this.written, super["g"]];
  }
  static async s() { return super.name; }
}
new B().m("v").then((r) => console.log(r));
B.s().then((r) => console.log("static", r));
const base = { hi() { return "base hi " + this.who; } };
const obj = { __proto__: base, who: "obj", async hi() { await null; return "obj>" + super.hi(); } };
obj.hi().then((r) => console.log(r));
"#),
    ("ticks", r#"
const log = [];
async function r1() { return Promise.resolve(1); }
async function r2() { return 2; }
async function r3() { await undefined; log.push("r3 resumed"); }
async function r4() { try { await Promise.reject(new Error("x")); } catch (e) { log.push("r4 caught"); } finally { log.push("r4 finally"); } }
const thenable = { then(ok) { log.push("then called"); ok(5); } };
async function r5() { log.push("r5 got " + await thenable); }
r1().then(() => log.push("r1"));
r2().then(() => log.push("r2"));
r3(); r4(); r5();
let p = Promise.resolve();
for (let i = 0; i < 6; i++) p = p.then(() => log.push("tick " + i));
p.then(() => console.log(log.join("\n")));
"#),
    ("blocks_and_unlowered", r#"
{ async function blockFn() { return 1; } blockFn().then((v) => console.log("block", v)); }
console.log(typeof blockFn);
async function fa(xs) { for await (const x of xs) console.log("for await", x); return "fa done"; }
fa([1, Promise.resolve(2)]).then(console.log);
async function* ag() { yield await Promise.resolve("ag"); }
ag().next().then((r) => console.log(r.value));
const f = async () => ({ a: 1 });
f().then((r) => console.log(r.a));
async function order() { console.log("sync part"); const x = await 1 + await 2; console.log("sum", x); }
order(); console.log("after call");
"#),
];

/// Where the shared folder is, beside the work tree.
fn shared_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), PathBuf::from("/work/shared")].into_iter().find(|p| p.join("seed-programs").is_dir())
}

fn node_available() -> bool {
    Command::new("node").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The lowered text of `source` (a script).
fn lowered(name: &str, source: &str) -> String {
    let arena = bumpalo::Bump::new();
    match parse(&arena, source, Goal::Script) {
        Ok(parsed) => lower_program(&parsed, source),
        Err(e) => panic!("{name} does not parse: {}", e.render(name, source)),
    }
}

fn spawn_node(file: &Path) -> Child {
    Command::new("node")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run node {}: {e}", file.display()))
}

/// stdout, then the exit status.
fn output(child: Child) -> String {
    match child.wait_with_output() {
        Ok(out) => format!("{}[exit {}]", String::from_utf8_lossy(&out.stdout), out.status.code().unwrap_or(-1)),
        Err(e) => format!("[node failed: {e}]"),
    }
}

/// Each line up to its first stack frame (` | at `).
fn messages_only(text: &str) -> String {
    text.lines().map(|l| l.split(" | at ").next().unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

/// The programs to compare: name, source.
fn programs(shared: &Path) -> Vec<(String, String)> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(shared.join("seed-programs"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    seeds.retain(|p| p.extension().is_some_and(|e| e == "js"));
    seeds.sort();
    let mut programs = Vec::new();
    for path in seeds {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if SKIPPED_SEEDS.contains(&name.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        programs.push((name, source));
    }
    programs.extend(CASES.iter().map(|(name, source)| (format!("case {name}"), source.to_string())));
    programs
}

#[test]
fn lower_equivalence_with_node() {
    let Some(shared) = shared_dir() else {
        eprintln!("shared/seed-programs not found: skipped");
        return;
    };
    if !node_available() {
        eprintln!("`node` is not installed: lower_equivalence_with_node skipped (install Node.js to run it)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("spindle-lower-equivalence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut runs = Vec::new();
    for (i, (name, source)) in programs(&shared).into_iter().enumerate() {
        let original = dir.join(format!("{i}-original.js"));
        let lowered_file = dir.join(format!("{i}-lowered.js"));
        let text = lowered(&name, &source);
        for (file, body) in [(&original, source.as_str()), (&lowered_file, text.as_str())] {
            std::fs::write(file, body).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
        runs.push((name, spawn_node(&original), spawn_node(&lowered_file), text));
    }
    let mut failures = Vec::new();
    for (name, original, lowered_child, text) in runs {
        let (want, got) = (output(original), output(lowered_child));
        let stack_only = STACK_TRACE_SEEDS.contains(&name.as_str());
        let same = if stack_only { messages_only(&want) == messages_only(&got) } else { want == got };
        let note = if stack_only && want != got { " (stack frames differ, as expected: compared messages only)" } else { "" };
        eprintln!("{} {name}{note}", if same { "same" } else { "DIFFERENT" });
        if !same {
            failures.push(format!("{name}\n--- original ---\n{want}\n--- lowered ---\n{got}\n--- lowered program ---\n{text}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "lowered programs behave differently:\n{}", failures.join("\n\n"));
}
