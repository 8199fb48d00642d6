//! Character classification for the lexical grammar (ECMAScript 2025 §12):
//! white space, line terminators, identifier characters, digits.
//!
//! The ASCII predicates work on bytes through a 256-entry table so the hot
//! loops never decode UTF-8; the `char` predicates cover all of Unicode.

/// Bit in [`BYTE_CLASS`]: may start an identifier (`A-Z a-z $ _`).
const ID_START: u8 = 1;
/// Bit in [`BYTE_CLASS`]: may continue an identifier (also `0-9`).
const ID_PART: u8 = 2;

/// Classification bits of each byte (non-ASCII bytes have none).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'$' || c == b'_' {
            table[b] = ID_START | ID_PART;
        } else if c.is_ascii_digit() {
            table[b] = ID_PART;
        }
        b += 1;
    }
    table
};

/// `b` is an ASCII byte that may start an identifier.
#[inline]
pub(crate) fn is_ascii_id_start(b: u8) -> bool {
    BYTE_CLASS[b as usize] & ID_START != 0
}

/// `b` is an ASCII byte that may continue an identifier.
#[inline]
pub(crate) fn is_ascii_id_part(b: u8) -> bool {
    BYTE_CLASS[b as usize] & ID_PART != 0
}

/// IdentifierStartChar: ID_Start, `$` or `_`.
pub(crate) fn is_id_start(c: char) -> bool {
    c == '$' || c == '_' || unicode_id_start::is_id_start(c)
}

/// IdentifierPartChar: ID_Continue, `$`, ZWNJ or ZWJ.
pub(crate) fn is_id_part(c: char) -> bool {
    c == '$' || c == '\u{200C}' || c == '\u{200D}' || unicode_id_start::is_id_continue(c)
}

/// WhiteSpace: TAB, VT, FF, ZWNBSP and every `Zs` (space separator).
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0B}' | '\u{0C}' | '\u{FEFF}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// LineTerminator: LF, CR, LS (U+2028), PS (U+2029).
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The bytes at `i` are the UTF-8 encoding of LS or PS (`E2 80 A8/A9`).
#[inline]
pub(crate) fn is_ls_ps_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&0xE2)
        && bytes.get(i + 1) == Some(&0x80)
        && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9))
}

/// The value of the hexadecimal digit `b`.
#[inline]
pub(crate) fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_ascii_id_start(b'a') && is_ascii_id_start(b'$') && is_ascii_id_start(b'_'));
        assert!(!is_ascii_id_start(b'1') && is_ascii_id_part(b'1'));
        assert!(!is_ascii_id_part(b'-') && !is_ascii_id_part(0xC3));
        assert!(is_id_start('ä') && !is_id_start('\u{200C}') && is_id_part('\u{200D}'));
        assert!(!is_id_start('\u{2E2F}'), "VERTICAL TILDE is Pattern_Syntax");
        assert!(is_whitespace('\u{FEFF}') && is_whitespace('\u{3000}'));
        assert!(!is_whitespace('\u{180E}') && !is_whitespace('\u{85}'));
        assert!(is_line_terminator('\u{2029}') && !is_line_terminator('\u{85}'));
        assert!(is_ls_ps_at("a\u{2028}".as_bytes(), 1));
        assert_eq!(hex_value(b'f'), Some(15));
        assert_eq!(hex_value(b'g'), None);
    }
}
