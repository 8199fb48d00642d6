//! `Builder`: defines built-in properties with the attributes the
//! specification gives them (methods writable and configurable but not
//! enumerable; constructors' `prototype` neither).

use spindle_vm::object::{Attributes, NativeFn, NativeFunction, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::Vm;

/// Adds built-in properties to one object.
pub(crate) struct Builder<'v> {
    pub(crate) vm: &'v mut Vm,
    pub(crate) target: Obj,
}

impl<'v> Builder<'v> {
    /// A builder for `target`.
    pub(crate) fn new(vm: &'v mut Vm, target: Obj) -> Builder<'v> {
        Builder { vm, target }
    }

    fn key(&mut self, name: &str) -> PropertyKey {
        let units: Vec<u16> = name.encode_utf16().collect();
        self.vm.heap.property_key(&units)
    }

    /// A method `name` of `length` implemented by `f`.
    pub(crate) fn method(&mut self, name: &str, length: u32, f: NativeFn) -> &mut Self {
        let func = native_function(self.vm, name, length, f, false);
        let key = self.key(name);
        self.vm.heap.define_raw(self.target, key, Value::Object(func), Attributes::WRITABLE_CONFIGURABLE);
        self
    }

    /// A data property with the given attributes.
    pub(crate) fn value(&mut self, name: &str, value: Value, attrs: Attributes) -> &mut Self {
        let key = self.key(name);
        self.vm.heap.define_raw(self.target, key, value, attrs);
        self
    }
}

/// Makes a native function object with `length` and `name`.
pub(crate) fn native_function(vm: &mut Vm, name: &str, length: u32, f: NativeFn, construct: bool) -> Obj {
    let native = NativeFunction { call: f, construct, captures: Box::new([]), realm: vm.current_realm() };
    let proto = vm.realm.intrinsics.function_prototype;
    let (length_key, name_key) = (vm.heap.names.length, vm.heap.names.name);
    let name_value = vm.string(name);
    // The layout every function object starts with: `length`, then `name`.
    let props = [
        (length_key, Value::Number(f64::from(length)), Attributes::CONFIGURABLE),
        (name_key, name_value, Attributes::CONFIGURABLE),
    ];
    vm.heap.alloc_preset(Some(proto), ObjectKind::Native(native), spindle_vm::object::Preset::Function, &props)
}
