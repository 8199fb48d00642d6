#!/usr/bin/env python3
"""Writes deeply nested / very long JavaScript inputs that the fuzzer cannot
reach within its -max_len (each level takes a few bytes, a stack overflow
needs thousands of levels) to a directory, default fuzz/deep-inputs (git-
ignored).  Run the fuzz target on each to check for stack overflows and
quadratic slowdowns:

    fuzz/deep-inputs.py
    for f in fuzz/deep-inputs/*.js; do
      echo "$f"; fuzz/target/x86_64-unknown-linux-gnu/release/parse -timeout=60 "$f" 2>&1 | grep -E 'ERROR|SUMMARY|Done'
    done

The target binary exists after `RUSTC_BOOTSTRAP=1 cargo fuzz build parse`.
"""
import os
import sys

N = 60000
CASES = {
    # Nesting the parser bounds (expected: "Nesting too deep" SyntaxError).
    "parens": "(" * N + "1" + ")" * N,
    "blocks": "{" * N + "}" * N,
    "arrows": "x=>" * N + "1",
    "ternary": "a?" * N + "b" + ":c" * N,
    "template": "`${" * N + "1" + "}`" * N,
    "else_if": "if(a);" + "else if(a);" * N,
    # Class heritage: `class A extends class A extends ... B {} {}`.
    "class_heritage": "class A extends " * N + "B{}" + "{}" * N,
    # One regular expression with many alternatives (regress recursion).
    "regexp_alternatives": "/" + "a|" * N + "b/",
    # Left-associative chains: a flat loop in the parser, a deep tree after.
    "binary_chain": "1" + "+1" * N,
    "member_chain": "a" + ".b" * N,
    "call_chain": "f" + "()" * N,
    "optional_chain": "a" + "?.b" * N,
    "tagged_chain": "a" + "``" * N,
    "logical_chain": "a" + "||a" * N,
    # Many siblings (quadratic passes show up here).
    "many_arrows": "".join("var v%d=(a)=>a;" % i for i in range(N)),
    "many_vars": "".join("var v%d=%d;" % (i, i) for i in range(N)),
    "many_keys": "({" + ",".join("k%d:1" % i for i in range(N)) + "})",
}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "deep-inputs")
    os.makedirs(out, exist_ok=True)
    for name, text in CASES.items():
        with open(os.path.join(out, name + ".js"), "w", encoding="utf-8") as f:
            f.write(text)
    print("%d inputs in %s" % (len(CASES), out))

if __name__ == "__main__":
    main()
