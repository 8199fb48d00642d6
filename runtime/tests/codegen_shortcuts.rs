//! The code generator's shortcuts keep the language's semantics:
//! instructions with a literal integer operand (`AddI`, `RemI`,
//! `JumpIfNotLtI`, ...) convert the other operand exactly as the general
//! ones do, and an assignment computed straight into a variable's register
//! still reads every operand first and leaves the variable alone on a throw.

use spindle_runtime::{RunError, Runtime};

fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "shortcuts.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn immediate_operands_convert_like_registers() {
    assert_eq!(run("function f(x) { return [x + 1, x - 1, x * 3, x % 4].join(); } f('7')"), "71,6,21,3");
    assert_eq!(run("var o = { valueOf() { return 10; } }; [o + 1, o % 3, o * 2].join()"), "11,1,20");
    assert_eq!(run("function f(n) { return 1n + n; } String(f(2n))"), "3");
    assert!(run("2n * 3").contains("TypeError"), "mixing BigInt and Number throws");
    assert_eq!(run("(-7) % 2 === -1 && Object.is(-4 % 2, -0)"), "true");
    assert_eq!(run("var c = 0; for (var s = '1'; s < 3; s++) c++; c"), "2", "'1' < 3 compares numerically");
    assert_eq!(run("var n = 0; var o = { valueOf() { n++; return 1; } }; if (o >= 1) n += 10; n"), "11");
}

#[test]
fn in_place_assignment_reads_before_it_writes() {
    assert_eq!(run("function f() { let s = 2; s = s * s + s; return s; } f()"), "6");
    assert_eq!(run("function f() { let x = 1; x = [x, x].length + x; return x; } f()"), "3");
    assert_eq!(run("function f() { let a = 5; a += 2; a -= 1; a %= 4; return a; } f()"), "2");
    assert_eq!(run("function f() { let t = 'a'; t += 1; return t; } f()"), "a1");
    assert_eq!(run("function g(v) { return v + 1; } function f() { let x = 1; x = g(x); x = g(x) * g(x); return x; } f()"), "9");
    assert!(run("function f() { let x = x + 1; } f()").contains("ReferenceError"), "the TDZ holds");
    let keeps = "function f() { let x = 1; try { x = x + 1n; } catch (e) {} return x; } f()";
    assert_eq!(run(keeps), "1", "a throwing right side leaves the variable unchanged");
}
