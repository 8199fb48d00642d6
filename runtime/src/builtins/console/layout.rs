//! Line breaking, as Node's `reduceToSingleString`, `isBelowBreakLength`
//! and `groupArrayElements` do it (with `compact: 3`, `breakLength: 80`):
//! entries go on one line when the object's innermost nesting is shallow
//! and everything fits, arrays of more than six entries are laid out in
//! aligned columns, and otherwise each entry gets its own line.

use super::inspect::Ctx;
use super::reflect;
use super::text::{display_width, js_len, pad};
use spindle_vm::value::{Obj, PropertyKey, Value};

/// How the entries of an object were produced (Node's `extrasType`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Extras {
    /// `kObjectType`: properties of an ordinary object.
    Object,
    /// `kArrayExtrasType`: elements of an array-like, then its properties.
    Array,
}

/// JavaScript's `Math.round`.
fn js_round(x: f64) -> f64 {
    let r = x.floor();
    if x - r >= 0.5 {
        r + 1.0
    } else {
        r
    }
}

impl Ctx<'_> {
    /// Joins the formatted `output` entries of one object between
    /// `braces`, after `base` (a function or error head, a `<ref *1>`).
    pub(super) fn reduce_to_single_string(&mut self, output: Vec<String>, base: &str, braces: (&str, &str), extras: Extras, recurse_times: usize, value: Option<Obj>) -> String {
        let entries = output.len();
        let output = if extras == Extras::Array && entries > 6 { self.group_array_elements(output, value) } else { output };
        let base_sep = if base.is_empty() { String::new() } else { format!("{base} ") };
        let inner_depth = self.current_depth as i64 - recurse_times as i64;
        if inner_depth < i64::from(self.opts.compact) && entries == output.len() {
            let start = output.len() + self.indentation + js_len(braces.0) + js_len(base) + 10;
            if self.is_below_break_length(&output, start, base) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    return format!("{base_sep}{} {joined} {}", braces.0, braces.1);
                }
            }
        }
        let indentation = format!("\n{}", " ".repeat(self.indentation));
        let joined = output.join(&format!(",{indentation}  "));
        format!("{base_sep}{}{indentation}  {joined}{indentation}{}", braces.0, braces.1)
    }

    /// Whether the entries fit on one line of `breakLength` after `start`
    /// columns (never when `base` spans lines).
    fn is_below_break_length(&self, output: &[String], start: usize, base: &str) -> bool {
        let limit = self.opts.break_length;
        let mut total = output.len() + start;
        if total + output.len() > limit {
            return false;
        }
        for entry in output {
            total += js_len(entry);
            if total > limit {
                return false;
            }
        }
        base.is_empty() || !base.contains('\n')
    }

    /// Node's `groupArrayElements`: many short entries in aligned columns
    /// (numbers right-aligned), or `output` unchanged.
    fn group_array_elements(&mut self, output: Vec<String>, value: Option<Obj>) -> Vec<String> {
        let mut output_len = output.len();
        if self.opts.max_array_length < output.len() {
            // The "... more items" entry does not take part.
            output_len -= 1;
        }
        let separator_space = 2;
        let data_len: Vec<usize> = output[..output_len].iter().map(|s| display_width(s)).collect();
        let total_length: usize = data_len.iter().map(|l| l + separator_space).sum();
        let max_length = data_len.iter().copied().max().unwrap_or(0);
        let actual_max = max_length + separator_space;
        let fits_three = actual_max * 3 + self.indentation < self.opts.break_length;
        if !(fits_three && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)) {
            return output;
        }
        let columns = self.column_count(actual_max, total_length, output.len(), output_len);
        if columns <= 1 {
            return output;
        }
        let max_line_length: Vec<usize> =
            (0..columns).map(|i| (i..output_len).step_by(columns).map(|j| data_len[j]).max().unwrap_or(0) + separator_space).collect();
        let pad_end = match value {
            Some(v) => !(0..output.len()).all(|i| self.is_numeric_element(v, i)),
            None => false,
        };
        let mut rows = Vec::with_capacity(output_len / columns + 2);
        for i in (0..output_len).step_by(columns) {
            let max = (i + columns).min(output_len);
            let mut row = String::new();
            for j in i..max - 1 {
                let padding = max_line_length[j - i] + js_len(&output[j]) - data_len[j];
                row.push_str(&pad(&format!("{}, ", output[j]), padding, pad_end));
            }
            let j = max - 1;
            if pad_end {
                row.push_str(&output[j]);
            } else {
                let padding = (max_line_length[j - i] + js_len(&output[j])).saturating_sub(data_len[j] + separator_space);
                row.push_str(&pad(&output[j], padding, false));
            }
            rows.push(row);
        }
        if self.opts.max_array_length < output.len() {
            rows.extend(output.into_iter().nth(output_len));
        }
        rows
    }

    /// How many columns `groupArrayElements` uses.
    fn column_count(&self, actual_max: usize, total_length: usize, entries: usize, output_len: usize) -> usize {
        let approx_char_heights = 2.5;
        let actual = actual_max as f64;
        let average_bias = (actual - total_length as f64 / entries as f64).sqrt();
        let biased_max = (actual - 3.0 - average_bias).max(1.0);
        let square = js_round((approx_char_heights * biased_max * output_len as f64).sqrt() / biased_max);
        let by_width = (self.opts.break_length.saturating_sub(self.indentation) / actual_max) as f64;
        let limit = f64::from(self.opts.compact * 4).min(15.0);
        square.min(by_width).min(limit).max(0.0) as usize
    }

    /// `typeof value[i]` is `'number'` or `'bigint'`.
    fn is_numeric_element(&mut self, o: Obj, i: usize) -> bool {
        let Ok(index) = u32::try_from(i) else { return false };
        let v = reflect::get(self.vm, o, PropertyKey::Index(index));
        matches!(v, Value::Number(_) | Value::BigInt(_))
    }
}
