//! # spindle-bench
//!
//! Benchmarks of Spindle: criterion benchmarks of each stage, the
//! JavaScript workloads they run, and a comparison script that runs the
//! same workloads under other engines found on the machine.
//!
//! The front-end benchmarks (`benches/parse.rs` and the
//! `parse-throughput` program) parse a corpus built by [`corpus`] and lex it
//! with [`lex_all`].

pub mod corpus;

use bumpalo::Bump;
use spindle_compiler::lexer::{Lexer, TokenKind};
use spindle_compiler::SyntaxError;

/// Lexes the whole script `source` (tokens allocated in `arena`) and
/// returns the number of tokens, not counting `Eof`.
///
/// Without a parser to say where a regular expression may begin, a `/` or
/// `/=` is re-scanned as one by the usual heuristic (not after an operand
/// such as an identifier, literal, `)`, `]` or `}`), and a `}` closing a
/// template substitution is re-scanned as the template's continuation.
/// Good enough for the benchmark corpora; a `/` the heuristic gets wrong can
/// make it return an error where the parser would not.
pub fn lex_all(source: &str, arena: &Bump) -> Result<usize, SyntaxError> {
    let mut lexer = Lexer::new(source, arena, false);
    let mut count = 0usize;
    let mut previous: Option<TokenKind> = None;
    // For each open `{` or template substitution: is it a substitution?
    let mut braces: Vec<bool> = Vec::new();
    loop {
        let mut token = lexer.next_token()?;
        match token.kind {
            TokenKind::Eof => return Ok(count),
            TokenKind::Slash | TokenKind::SlashEq if regexp_allowed_after(previous) => {
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
        previous = Some(token.kind);
        count += 1;
    }
}

/// Whether a `/` after a token of kind `previous` starts a regular
/// expression, by the usual heuristic.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_regexps_and_templates() {
        let arena = Bump::new();
        let src = "let a = b / c / d; let r = /x[/]y/g.test(`a${ {k: 1}.k }b${c}d`);";
        match lex_all(src, &arena) {
            Ok(n) => assert!(n > 20, "{n} tokens"),
            Err(e) => panic!("{e:?}"),
        }
    }
}
