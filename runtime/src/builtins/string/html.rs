//! The HTML methods of Annex B (§B.2.2.2-14): `anchor`, `big`, `blink`,
//! `bold`, `fixed`, `fontcolor`, `fontsize`, `italics`, `link`, `small`,
//! `strike`, `sub`, `sup`, all through CreateHTML.

use super::{make_string, this_str};
use crate::builtins::builder::Builder;
use crate::builtins::support::arg;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// CreateHTML(string, tag, attribute, value) (§B.2.2.2.1).
fn create_html(vm: &mut Vm, this: Value, tag: &str, attribute: Option<(&str, Value)>) -> JsResult<Value> {
    // 1-2. S = ToString(RequireObjectCoercible(string)).
    let s = this_str(vm, this)?;
    // 3. Let p1 be "<" + tag.
    let mut out: Vec<u16> = format!("<{tag}").encode_utf16().collect();
    // 4. If attribute is not empty: ` attribute="escapedV"` (" as &quot;).
    if let Some((name, value)) = attribute {
        let v = vm.to_string(value)?;
        out.extend(format!(" {name}=\"").encode_utf16());
        for &u in vm.heap.units(v) {
            if u == u16::from(b'"') {
                out.extend("&quot;".encode_utf16());
            } else {
                out.push(u);
            }
        }
        out.push(u16::from(b'"'));
    }
    // 5-8. ">" + S + "</" + tag + ">".
    out.push(u16::from(b'>'));
    out.extend_from_slice(vm.heap.units(s));
    out.extend(format!("</{tag}>").encode_utf16());
    make_string(vm, out)
}

macro_rules! html_methods {
    ($($name:ident => $tag:literal $(, $attr:literal)?;)*) => {
        $(
            fn $name(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
                let _ = args;
                create_html(vm, this, $tag, None $(.or(Some(($attr, arg(args, 0)))))?)
            }
        )*
    };
}

html_methods! {
    anchor => "a", "name";
    big => "big";
    blink => "blink";
    bold => "b";
    fixed => "tt";
    fontcolor => "font", "color";
    fontsize => "font", "size";
    italics => "i";
    link => "a", "href";
    small => "small";
    strike => "strike";
    sub => "sub";
    sup => "sup";
}

/// Installs the HTML methods.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("anchor", 1, anchor)
        .method("big", 0, big)
        .method("blink", 0, blink)
        .method("bold", 0, bold)
        .method("fixed", 0, fixed)
        .method("fontcolor", 1, fontcolor)
        .method("fontsize", 1, fontsize)
        .method("italics", 0, italics)
        .method("link", 1, link)
        .method("small", 0, small)
        .method("strike", 0, strike)
        .method("sub", 0, sub)
        .method("sup", 0, sup);
}
