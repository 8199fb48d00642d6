//! Realms for embedders: a new realm with the standard library installed
//! ([`create_realm`]), and running scripts in a given realm
//! ([`Runtime::create_realm`], [`Runtime::eval_in`], [`Runtime::global`]).
//!
//! All realms of a runtime share its heap, job queue and event loop; each
//! has its own intrinsics, global object and global lexical bindings.
//! Functions keep the realm they were made in, so a value passed between
//! realms keeps behaving as it did in its own:
//!
//! ```
//! use spindle_runtime::Runtime;
//! let mut rt = Runtime::new();
//! let other = rt.create_realm();
//! let array = rt.eval_in(other, "[]", "other.js").unwrap();
//! let global = rt.vm.realm.global;
//! let key = spindle_vm::PropertyKey::Atom(rt.vm.heap.intern_str("otherArray"));
//! rt.vm.set(global, key, array, spindle_vm::Value::Object(global)).unwrap();
//! let v = rt.eval("otherArray instanceof Array", "main.js").unwrap();
//! assert_eq!(rt.display(v), "false");
//! ```

use spindle_vm::realm::RealmId;
use spindle_vm::value::{Obj, Value};
use spindle_vm::Vm;

use crate::runtime::{RunError, Runtime};

/// Creates a realm in `vm` (fresh intrinsics and global object) and
/// installs the standard library into it; the current realm stays current.
pub fn create_realm(vm: &mut Vm) -> RealmId {
    let id = vm.create_realm();
    vm.with_realm(id, crate::builtins::install);
    id
}

impl Runtime {
    /// A new realm with the standard library installed (see [`create_realm`]).
    pub fn create_realm(&mut self) -> RealmId {
        create_realm(&mut self.vm)
    }

    /// Compiles and runs `source` as a script named `file` in realm
    /// `realm` (ScriptEvaluation with that realm current), then runs the
    /// jobs queued; returns its completion value.
    pub fn eval_in(&mut self, realm: RealmId, source: &str, file: &str) -> Result<Value, RunError> {
        let proto = self.compile(source, file)?;
        let value = self.vm.with_realm(realm, |vm| vm.run_script(proto)).map_err(RunError::Exception)?;
        self.vm.run_jobs_holding(value).map_err(RunError::Exception)?;
        Ok(value)
    }

    /// The global object of realm `realm`.
    pub fn global(&self, realm: RealmId) -> Option<Obj> {
        self.vm.realm_global(realm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spindle_vm::PropertyKey;

    /// A runtime with a second realm whose global object is the main
    /// realm's global `other`.
    fn two_realms() -> (Runtime, RealmId) {
        let mut rt = Runtime::new();
        let other = rt.create_realm();
        let other_global = rt.global(other).unwrap();
        let global = rt.vm.realm.global;
        let key = PropertyKey::Atom(rt.vm.heap.intern_str("other"));
        rt.vm.set(global, key, Value::Object(other_global), Value::Object(global)).unwrap();
        (rt, other)
    }

    fn eval(rt: &mut Runtime, source: &str) -> String {
        match rt.eval(source, "test.js") {
            Ok(v) => rt.display(v),
            Err(e) => panic!("{source}: {e:?}"),
        }
    }

    #[test]
    fn realms_have_their_own_intrinsics_and_globals() {
        let (mut rt, other) = two_realms();
        assert_eq!(eval(&mut rt, "other === globalThis || other.Array === Array || other.Object === Object"), "false");
        rt.eval_in(other, "var onlyThere = 1; let lexicalThere = 2;", "other.js").unwrap();
        assert_eq!(eval(&mut rt, "[typeof onlyThere, other.onlyThere, typeof lexicalThere]"), "[ 'undefined', 1, 'undefined' ]");
        let v = rt.eval_in(other, "lexicalThere + onlyThere", "other.js").unwrap();
        assert_eq!(rt.display(v), "3");
    }

    #[test]
    fn instanceof_across_realms_is_false() {
        let (mut rt, _) = two_realms();
        assert_eq!(eval(&mut rt, "[new other.Array() instanceof Array, new other.Array() instanceof other.Array]"), "[ false, true ]");
        assert_eq!(eval(&mut rt, "other.Array.isArray([])"), "true");
    }

    #[test]
    fn objects_made_by_another_realms_constructor_get_its_prototypes() {
        let (mut rt, _) = two_realms();
        assert_eq!(eval(&mut rt, "Object.getPrototypeOf(new other.Array()) === other.Array.prototype"), "true");
        assert_eq!(eval(&mut rt, "Object.getPrototypeOf(other.Array.of(1)) === other.Array.prototype"), "true");
        assert_eq!(eval(&mut rt, "Object.getPrototypeOf(other.eval('[]')) === other.Array.prototype"), "true");
    }

    #[test]
    fn a_native_of_another_realm_throws_that_realms_errors() {
        let (mut rt, _) = two_realms();
        let source = "try { other.Object.defineProperty(1, 'x', {}) } catch (e) { [e instanceof other.TypeError, e instanceof TypeError] }";
        assert_eq!(eval(&mut rt, source), "[ true, false ]");
        // A closure of the other realm: the VM's own errors come from there too.
        let source = "var f = other.Function('return null.x'); try { f() } catch (e) { e.constructor === other.TypeError }";
        assert_eq!(eval(&mut rt, source), "true");
        // Back in this realm after the call: its errors are this realm's.
        assert_eq!(eval(&mut rt, "try { null.x } catch (e) { e.constructor === TypeError }"), "true");
    }

    #[test]
    fn get_prototype_from_constructor_falls_back_to_the_constructors_realm() {
        let (mut rt, _) = two_realms();
        let source = "var C = new other.Function(); C.prototype = null; \
                      [Object.getPrototypeOf(Reflect.construct(Array, [], C)) === other.Array.prototype, \
                       Object.getPrototypeOf(Reflect.construct(Error, [], C)) === other.Error.prototype, \
                       Object.getPrototypeOf(Reflect.construct(function () {}, [], C)) === other.Object.prototype, \
                       Object.getPrototypeOf(Reflect.construct(Map, [], C.bind())) === other.Map.prototype]";
        assert_eq!(eval(&mut rt, source), "[ true, true, true, true ]");
    }

    #[test]
    fn another_realms_function_constructor_compiles_code_in_that_realm() {
        let (mut rt, _) = two_realms();
        let source = "other.seen = 'there'; var seen = 'here'; \
                      var f = new other.Function('return [seen, this === globalThis, Object.getPrototypeOf([]) === Array.prototype]'); \
                      var r = f(); [r[0], r[1], Object.getPrototypeOf(f) === other.Function.prototype, \
                      Object.getPrototypeOf(r) === other.Array.prototype, r[2]]";
        assert_eq!(eval(&mut rt, source), "[ 'there', true, true, true, true ]");
        // Indirect eval of the other realm runs there as well.
        assert_eq!(eval(&mut rt, "other.eval('seen')"), "there");
    }

    #[test]
    fn code_run_in_two_realms_reads_each_realms_globals() {
        let (mut rt, other) = two_realms();
        rt.eval("let x = 'here';", "a.js").unwrap();
        rt.eval_in(other, "let pad = 0; let x = 'there';", "b.js").unwrap();
        // One compiled script (its GetGlobal caches filled in the first
        // realm) run in both.
        let proto = rt.compile("function read() { return x; } [x, read()].join()", "shared.js").unwrap();
        let here = rt.vm.run_script(proto.clone()).unwrap();
        assert_eq!(rt.display(here), "here,here");
        let there = rt.vm.with_realm(other, |vm| vm.run_script(proto.clone())).unwrap();
        assert_eq!(rt.display(there), "there,there");
        let again = rt.vm.run_script(proto).unwrap();
        assert_eq!(rt.display(again), "here,here");
    }

    #[test]
    fn every_realm_survives_garbage_collection() {
        let (mut rt, other) = two_realms();
        rt.eval_in(other, "let kept = { n: 42 }; var arr = [1, 2, 3];", "other.js").unwrap();
        rt.vm.collect_garbage();
        let v = rt.eval_in(other, "kept.n + arr.length + [].concat(arr).length", "other.js").unwrap();
        assert_eq!(rt.display(v), "48");
        assert_eq!(eval(&mut rt, "other.Array.prototype.map.call([1], x => x + 1)[0]"), "2");
    }
}
