//! The text the lowered program starts with: a comment saying what was
//! lowered and what was not, and the definition of `spawn`, the
//! spawn-style executor written in plain JavaScript.
//!
//! `spawn(genFn, self, args)` calls the generator function with `self` and
//! `args` inside a promise executor (so a throwing parameter default
//! rejects), then steps the generator: each yielded value goes through
//! `Promise.resolve(v).then(next, throw)`, which is exactly the
//! specification's `await` (PromiseResolve, then one reaction): one
//! microtask turn per `await` of a native promise or a plain value, and a
//! thenable assimilated through a job. The return value resolves the
//! promise (a thenable return takes the same extra turns as in an async
//! function); a throw rejects it.

/// The comment at the top of a lowered program.
pub(super) const HEADER: &str = "\
// Lowered by `spindle lower`: every async function, method and arrow is a
// generator function run by `spawn` (defined below), with `await e` as `yield e`.
// Not lowered (printed as written): async generators, async functions that
// contain `for await`, and top-level `await`.
";

/// The definition of the executor, named `name`.
pub(super) fn definition(name: &str) -> String {
    format!(
        "\
function {name}(genFn, self, args) {{
  return new Promise(function (resolve, reject) {{
    const gen = Reflect.apply(genFn, self, args);
    function step(method, arg) {{
      let result;
      try {{
        result = gen[method](arg);
      }} catch (error) {{
        reject(error);
        return;
      }}
      if (result.done) {{
        resolve(result.value);
        return;
      }}
      let promise;
      try {{
        promise = Promise.resolve(result.value);
      }} catch (error) {{
        step(\"throw\", error);
        return;
      }}
      promise.then(function (value) {{
        step(\"next\", value);
      }}, function (error) {{
        step(\"throw\", error);
      }});
    }}
    step(\"next\", void 0);
  }});
}}
"
    )
}
