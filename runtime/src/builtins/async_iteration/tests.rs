//! Async generators, `for await` and the async iteration intrinsics, run
//! end to end: each script pushes to `log`, read once the microtask queue
//! is empty (expected outputs are Node 20's).

use crate::Runtime;

/// Runs `src` (then drains the microtasks) and returns `log.join(" ")`.
fn logged(src: &str) -> String {
    let mut rt = Runtime::new();
    let full = format!("var log = []; {src}");
    if let Err(e) = rt.eval(&full, "test.js") {
        return match e {
            crate::RunError::Exception(v) => format!("throws: {}", rt.display(v)),
            crate::RunError::Syntax(s) => format!("syntax: {s}"),
        };
    }
    match rt.eval("log.join(' ')", "read.js") {
        Ok(v) => rt.display(v),
        Err(_) => "error reading log".to_string(),
    }
}

fn check(src: &str, expected: &str) {
    assert_eq!(logged(src), expected, "{src}");
}

#[test]
fn requests_queue_while_the_body_runs() {
    // The body starts synchronously in the first next(); a return request
    // queued behind it runs the finally block; the last request sees a
    // completed generator.
    check(
        "async function* g() { log.push('body'); try { yield 1; yield 2; } finally { log.push('fin'); } }
         const it = g();
         it.next().then(r => log.push('a' + r.value + r.done));
         it.return(9).then(r => log.push('b' + r.value + r.done));
         it.next().then(r => log.push('c' + r.value + r.done));
         log.push('sync');",
        "body sync a1false fin b9true cundefinedtrue",
    );
}

#[test]
fn yield_awaits_its_operand_in_spec_ticks() {
    check(
        "async function* g() { yield Promise.resolve('x'); }
         g().next().then(r => log.push('gen ' + r.value));
         Promise.resolve().then(() => log.push('t1')).then(() => log.push('t2')).then(() => log.push('t3'));",
        "t1 gen x t2 t3",
    );
}

#[test]
fn yield_star_delegates_to_sync_and_async_iterators() {
    check(
        "async function* inner() { try { yield 'i1'; yield 'i2'; } finally { log.push('inner fin'); } }
         async function* outer() { const r = yield* [Promise.resolve('s1'), 's2']; log.push('r' + r); yield* inner(); }
         (async () => { for await (const v of outer()) { log.push(v); if (v === 'i1') break; } log.push('end'); })();",
        "s1 s2 rundefined i1 inner fin end",
    );
}

#[test]
fn for_await_closes_and_awaits_the_iterator_on_a_throw() {
    check(
        "const iterable = { [Symbol.asyncIterator]() { return {
           next() { return { value: Promise.resolve(1), done: false }; },
           return() { log.push('return'); return Promise.resolve({}).then(() => { log.push('awaited'); return {}; }); } }; } };
         (async () => { try { for await (const v of iterable) { log.push(typeof v); throw new Error('boom'); } }
                        catch (e) { log.push(e.message); } })();",
        "object return awaited boom",
    );
}

#[test]
fn intrinsics_and_the_constructor() {
    check(
        "const AGF = Object.getPrototypeOf(async function* () {}).constructor;
         const f = new AGF('a', 'yield a * 2;');
         log.push(AGF.name, AGF.length, Object.getPrototypeOf(AGF) === Function, f.name);
         const agp = Object.getPrototypeOf(f.prototype);
         log.push(agp[Symbol.toStringTag], Object.getPrototypeOf(agp)[Symbol.asyncIterator].name, String(f(4)));
         f(4).next().then(r => log.push(r.value));
         AGF.prototype.prototype.next.call({}).catch(e => log.push(e.constructor.name));",
        "AsyncGeneratorFunction 1 true anonymous AsyncGenerator [Symbol.asyncIterator] [object AsyncGenerator] TypeError 8",
    );
}

#[test]
fn throw_into_a_suspended_generator_and_array_from_async() {
    check(
        "async function* g() { yield 1; await null; yield 2; return 3; }
         (async () => { const it = g();
           log.push(JSON.stringify([await it.next(), await it.throw(new Error('e')).catch(e => e.message), await it.next()]));
           log.push((await Array.fromAsync(g())).join()); })();",
        "[{\"value\":1,\"done\":false},\"e\",{\"done\":true}] 1,2",
    );
}

#[test]
fn stack_traces_show_the_awaiting_consumer() {
    // V8 places the for-await step at the loop's target and names the
    // async function awaiting the generator's current request.
    check(
        "async function* g() { await null; throw new Error('x'); }
         async function* h() { yield* g(); }
         async function consume() { for await (const x of h()) {} }
         consume().catch(e => log.push(e.stack.split('\\n').slice(1).map(l => l.trim().split(' (')[0]).join()));",
        "at g,at async h,at async consume",
    );
}
