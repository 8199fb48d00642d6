//! Test helpers shared by the lexer's unit tests, tests of the lexer as a
//! whole (newlines, checkpoints, end of input), and a sweep over test262's
//! literal and comment tests.

use super::{Lexer, Token, TokenKind, TokenValue};
use crate::diagnostic::SyntaxError;
use bumpalo::Bump;
use std::path::{Path, PathBuf};

/// An arena that lives for the rest of the test process.
fn arena() -> &'static Bump {
    Box::leak(Box::new(Bump::new()))
}

/// Lexes a whole script (no regular expressions), up to and without `Eof`.
pub(crate) fn lex(src: &str) -> Result<Vec<Token<'static>>, SyntaxError> {
    lex_with(src, false)
}

/// Lexes a whole script or module (no regular expressions).
fn lex_with(src: &str, module: bool) -> Result<Vec<Token<'static>>, SyntaxError> {
    let src: &'static str = Box::leak(src.to_string().into_boxed_str());
    let mut lexer = Lexer::new(src, arena(), module);
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next_token()?;
        if token.kind == TokenKind::Eof {
            return Ok(tokens);
        }
        tokens.push(token);
    }
}

/// The kinds of the tokens of a script.
pub(crate) fn kinds(src: &str) -> Vec<TokenKind> {
    lex(src)
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
        .iter()
        .map(|t| t.kind)
        .collect()
}

/// The kinds of the tokens of a module.
pub(crate) fn module_kinds(src: &str) -> Vec<TokenKind> {
    lex_with(src, true)
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
        .iter()
        .map(|t| t.kind)
        .collect()
}

/// The one token of `src`.
pub(crate) fn lex_one(src: &str) -> Token<'static> {
    let tokens = lex(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    assert_eq!(tokens.len(), 1, "{src:?}: {tokens:?}");
    tokens[0]
}

/// The error lexing `src` gives.
pub(crate) fn lex_err(src: &str) -> SyntaxError {
    match lex(src) {
        Ok(tokens) => panic!("{src:?} lexed: {tokens:?}"),
        Err(e) => e,
    }
}

/// `s` as UTF-16.
pub(crate) fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Whether a `/` after a token of `kind` starts a regular expression, by
/// the usual heuristic (good enough for test files; the parser knows).
fn regexp_allowed_after(previous: Option<TokenKind>) -> bool {
    use TokenKind::*;
    match previous {
        None => true,
        Some(kind) => !matches!(
            kind,
            Identifier
                | PrivateName
                | Number
                | BigInt
                | String
                | NoSubstitutionTemplate
                | TemplateTail
                | RegExp
                | RParen
                | RBracket
                | RBrace
                | This
                | Super
                | True
                | False
                | Null
                | PlusPlus
                | MinusMinus
        ),
    }
}

/// Lexes a whole script, re-scanning `/` as a regular expression where the
/// heuristic says one may begin and `}` as a template continuation inside
/// a substitution.
pub(crate) fn lex_program(src: &str, module: bool) -> Result<Vec<Token<'static>>, SyntaxError> {
    let src: &'static str = Box::leak(src.to_string().into_boxed_str());
    let mut lexer = Lexer::new(src, arena(), module);
    let mut tokens: Vec<Token<'static>> = Vec::new();
    // For each open `{` or template substitution: is it a substitution?
    let mut braces: Vec<bool> = Vec::new();
    loop {
        let mut token = lexer.next_token()?;
        match token.kind {
            TokenKind::Eof => return Ok(tokens),
            TokenKind::Slash | TokenKind::SlashEq
                if regexp_allowed_after(tokens.last().map(|t| t.kind)) =>
            {
                token = lexer.rescan_regexp(&token)?;
            }
            TokenKind::LBrace => braces.push(false),
            TokenKind::TemplateHead => braces.push(true),
            TokenKind::RBrace if braces.pop() == Some(true) => {
                token = lexer.rescan_template_continuation(&token)?;
                if token.kind == TokenKind::TemplateMiddle {
                    braces.push(true);
                }
            }
            _ => {}
        }
        tokens.push(token);
    }
}

/// The value of the one regular-expression literal `src`.
fn regexp(src: &str) -> Result<(String, String), SyntaxError> {
    let tokens = lex_program(src, false)?;
    assert_eq!(tokens.len(), 1, "{src:?}: {tokens:?}");
    match tokens[0].value {
        TokenValue::RegExp { pattern, flags } => Ok((pattern.to_string(), flags.to_string())),
        v => panic!("{v:?}"),
    }
}

#[test]
fn end_of_input_forever() {
    let arena = Bump::new();
    let mut lexer = Lexer::new("a ", &arena, false);
    assert_eq!(lexer.next_token().unwrap().kind, TokenKind::Identifier);
    for _ in 0..3 {
        let eof = lexer.next_token().unwrap();
        assert_eq!(
            (eof.kind, eof.span.start, eof.span.end),
            (TokenKind::Eof, 2, 2)
        );
    }
    assert_eq!(lexer.source(), "a ");
    assert!(lex("").unwrap().is_empty());
}

#[test]
fn newline_before() {
    let tokens = lex("a b\nc /*\n*/ d /* */ e // x\n f \r g \u{2028} h \u{2029} i\r\nj").unwrap();
    let flags: Vec<bool> = tokens.iter().map(|t| t.newline_before).collect();
    assert_eq!(
        flags,
        [false, false, true, true, false, true, true, true, true, true]
    );
    let tokens = lex("\n/*\n*/").unwrap();
    assert!(tokens.is_empty());
}

#[test]
fn spans() {
    let tokens = lex("  foo  'x' 1.5").unwrap();
    let spans: Vec<(u32, u32)> = tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
    assert_eq!(spans, [(2, 5), (7, 10), (11, 14)]);
}

#[test]
fn checkpoint_and_rewind() {
    let arena = Bump::new();
    let mut lexer = Lexer::new("a b c", &arena, false);
    lexer.next_token().unwrap();
    let saved = lexer.checkpoint();
    let b = lexer.next_token().unwrap();
    lexer.next_token().unwrap();
    lexer.rewind(saved);
    assert_eq!(lexer.next_token().unwrap(), b);
}

#[test]
fn regular_expressions() {
    assert_eq!(regexp("/ab+c/gi").unwrap(), ("ab+c".into(), "gi".into()));
    assert_eq!(regexp("/[/]\\//").unwrap(), ("[/]\\/".into(), "".into()));
    assert_eq!(regexp("/=a/").unwrap(), ("=a".into(), "".into()));
    assert_eq!(regexp("/a/dgimsuy").unwrap().1, "dgimsuy");
    assert_eq!(regexp("/[a&&b]/v").unwrap().1, "v");
    assert_eq!(regexp("/\u{2027}é/").unwrap().0, "\u{2027}é");
    let tokens = lex_program("x = /a/g.test(y)", false).unwrap();
    let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        [Identifier, Eq, RegExp, Dot, Identifier, LParen, Identifier, RParen]
    );
    assert_eq!((tokens[2].span.start, tokens[2].span.end), (4, 8));
}

#[test]
fn regexp_newline_before_is_kept() {
    let tokens = lex_program("a\n/b/", false).unwrap();
    assert!(tokens[1].newline_before && tokens[1].kind == TokenKind::Slash);
    let tokens = lex_program(";\n/b/", false).unwrap();
    assert!(tokens[1].newline_before && tokens[1].kind == TokenKind::RegExp);
}

#[test]
fn regexp_lexical_errors() {
    let missing = "Invalid regular expression: missing /";
    for src in [
        "/abc",
        "/a\nb/",
        "/a\\\nb/",
        "/[/",
        "/a\u{2028}/",
        "/a\\",
        "/a\r/",
    ] {
        assert_eq!(regexp(src).unwrap_err().message, missing, "{src:?}");
    }
    for src in ["/a/x", "/a/gg", "/a/uv", "/a/G", "/a/\\u0067", "/a/gé"] {
        assert_eq!(
            regexp(src).unwrap_err().message,
            "Invalid regular expression flags",
            "{src:?}"
        );
    }
    let e = regexp("/a/gg").unwrap_err();
    assert_eq!((e.span.start, e.span.end), (0, 5));
}

#[test]
fn regexp_pattern_errors() {
    let e = regexp("/(/").unwrap_err();
    assert!(
        e.message.starts_with("Invalid regular expression: /(/: "),
        "{}",
        e.message
    );
    for src in [
        "/a**/",
        "/?/",
        "/(?<a>x)(?<a>y)/",
        "/\\u{110000}/u",
        "/[b-a]/",
        "/\\p{Foo}/u",
        "/a{2,1}/",
    ] {
        assert!(regexp(src).is_err(), "{src:?}");
    }
    for src in [
        "/\\u{110000}/",
        "/\\p{Foo}/",
        "/a{/",
        "/]/",
        "/\\1/",
        "/[\\d-a]/",
        "/\\c/",
        "/(?=a)*/",
    ] {
        assert!(regexp(src).is_ok(), "{src:?}: {:?}", regexp(src));
    }
}

#[test]
fn never_panics_on_odd_input() {
    let samples = [
        "\\",
        "\\u",
        "\\u{",
        "#\\",
        "'\\",
        "`\\",
        "`${",
        "0x",
        "0b",
        ".",
        "..",
        "1.",
        "1e",
        "/",
        "/*",
        "<!-",
        "-->",
        "\u{FEFF}",
        "\u{2028}",
        "é",
        "😀",
        "\\u{D800}",
        "'\\u{D800}'",
        "0.0000001e-999999999999",
        "\0",
        "#!",
        "a\u{0}b",
        "`\r",
        "'\u{2028}",
    ];
    for src in samples {
        let _ = lex(src);
        let _ = lex_program(src, false);
        let _ = lex_program(src, true);
        for cut in 0..src.len() {
            if src.is_char_boundary(cut) {
                let _ = lex_program(&src[..cut], false);
            }
        }
    }
}

/// Random inputs built from the characters that matter to the lexer:
/// none may panic.
#[test]
fn never_panics_on_random_input() {
    const PIECES: &[&str] = &[
        "a", "_", "$", "1", "0", "8", "x", "n", "e", "u", "{", "}", "(", ")", "[", "]", "\\", "/",
        "*", "'", "\"", "`", "$", "#", "!", "<", "-", ">", ".", "?", "=", "\n", "\r", " ",
        "\u{2028}", "é", "😀", "\u{FEFF}", "_", "+", "|", "&", "^", "q", "p", "k", "b", "B", "v",
        "c", ",", "9", "F",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let src: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let _ = lex_program(&src, next() % 2 == 0);
        let flags = ["", "u", "v", "i"][(next() % 4) as usize];
        let _ = super::regexp_syntax::validate(&src, flags);
    }
}

/// Where test262 is: `shared/test262` beside the work tree.
fn test262_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        manifest.join("../../shared/test262"),
        PathBuf::from("/work/shared/test262"),
    ]
    .into_iter()
    .find(|p| p.join("test").is_dir())
}

/// Every `.js` file under `dir`.
fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// Reads files: lexes every test262 test of literals and comments, which
/// must not panic; those that are not negative must lex without error.
#[test]
fn reads_files_test262_literals_and_comments_lex() {
    let Some(root) = test262_dir() else {
        eprintln!("test262 not found: skipped");
        return;
    };
    let mut files = Vec::new();
    js_files(&root.join("test/language/literals"), &mut files);
    js_files(&root.join("test/language/comments"), &mut files);
    assert!(files.len() > 500, "found only {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        let module = src.contains("flags: [module]") || src.contains("flags: [module,");
        let result = lex_program(&src, module);
        if result.is_err() && !src.contains("negative:") {
            failures.push(format!("{}: {:?}", path.display(), result.err()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} positive tests failed to lex:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unescaped_values_borrow_the_source() {
    let arena = Bump::new();
    let src = "foo ünï `raw${ 12n";
    let mut lexer = Lexer::new(src, &arena, false);
    let within = |s: &str| src.as_bytes().as_ptr_range().contains(&s.as_ptr());
    for _ in 0..2 {
        let name = lexer.next_token().unwrap().name().unwrap();
        assert!(within(name), "{name}");
    }
    match lexer.next_token().unwrap().value {
        TokenValue::Template { raw, .. } => assert!(within(raw)),
        v => panic!("{v:?}"),
    }
    match lexer.next_token().unwrap().value {
        TokenValue::BigInt(digits) => assert!(within(digits)),
        v => panic!("{v:?}"),
    }
    assert!(
        arena.allocated_bytes() > 0,
        "the template's cooked value is in the arena"
    );
}
