//! The abstract-argumentation formats of the ICCMA competitions: apx, tgf and i23.
//!
//! They hold arguments and attacks only. Reading one builds a [`Framework`] directly, with
//! the arguments' names, so that a file of a million arguments is evaluated without building
//! a map. Writing one turns a map into a framework first ([`crate::analysis::semantics::from_map`]).
//!
//! - **apx**: `arg(a1).` and `att(a1,a2).`, one fact per line; `%` starts a comment.
//! - **tgf**: argument names one per line, a line `#`, then attacks `a1 a2` one per line.
//! - **i23**: a header `p af N`, then attacks `1 2` one per line between arguments `1..=N`;
//!   `#` starts a comment line.
//!
//! Every problem is reported at its line and column, with how to fix it; a repeated attack
//! counts once, a repeated argument is an error.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::analysis::semantics::Framework;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Claim, Id, IdPool, Map, Relation, RelationKind};

/// An ICCMA format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// ASPARTIX facts (ICCMA 2015–2021).
    Apx,
    /// Trivial Graph Format (ICCMA 2015–2021).
    Tgf,
    /// The numeric format of ICCMA 2023.
    I23,
}

impl Dialect {
    /// The format's name, which is also its file extension.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Apx => "apx",
            Dialect::Tgf => "tgf",
            Dialect::I23 => "i23",
        }
    }
}

/// A framework read from a file, with each argument's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The arguments and attacks.
    pub af: Framework,
    /// Each argument's name in the file (`1`, `2`, ... for i23).
    pub names: Vec<String>,
}

/// Reads a framework in a dialect.
///
/// # Errors
///
/// The first problem found, at its line and column, with a hint.
pub fn read(src: &str, dialect: Dialect) -> Result<Named, Diagnostic> {
    read_with(src, dialect, MAX_ARGUMENTS)
}

/// The most arguments an i23 header may declare unless [`read_with`] is given more: the
/// framework is allocated from the header, before any attack is read.
pub const MAX_ARGUMENTS: usize = 20_000_000;

/// [`read`], refusing an i23 header that declares more than `max_arguments` arguments (apx
/// and tgf name each argument, so their size already bounds them).
///
/// # Errors
///
/// As [`read`], and an error at the header when it declares too many arguments.
pub fn read_with(src: &str, dialect: Dialect, max_arguments: usize) -> Result<Named, Diagnostic> {
    match dialect {
        Dialect::Apx => read_apx(src),
        Dialect::Tgf => read_tgf(src),
        Dialect::I23 => read_i23(src, max_arguments),
    }
}

/// The lines of a text with the offset each starts at, without their line ends.
fn lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    src.split_inclusive('\n').map(move |raw| {
        let start = at;
        at += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    })
}

fn error(src: &str, start: usize, len: usize, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(src, Span::new(start, start + len.max(1)), message).with_hint(hint)
}

/// Names: what ASPARTIX accepts as a constant, and what tgf accepts as a word.
fn table<'a>(names: &mut Vec<String>, index: &mut HashMap<&'a str, u32>, name: &'a str) -> bool {
    if index.contains_key(name) {
        return false;
    }
    index.insert(name, names.len() as u32);
    names.push(name.to_owned());
    true
}

fn read_apx(src: &str) -> Result<Named, Diagnostic> {
    let mut names = Vec::new();
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut attacks: Vec<(usize, &str, &str, usize, usize)> = Vec::new();
    for (start, line) in lines(src) {
        let body = line.split('%').next().unwrap_or("");
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        let at = start + (body.len() - body.trim_start().len());
        let fact = |prefix: &str| trimmed.strip_prefix(prefix)?.strip_suffix(").");
        if let Some(name) = fact("arg(") {
            let name = name.trim();
            check_apx_name(src, at + 4, name)?;
            if !table(&mut names, &mut index, name) {
                return Err(error(
                    src,
                    at + 4,
                    name.len(),
                    format!("the argument `{name}` is declared twice"),
                    "remove one of the two `arg` lines",
                ));
            }
        } else if let Some(pair) = fact("att(") {
            let Some((a, b)) = pair.split_once(',') else {
                return Err(error(
                    src,
                    at,
                    trimmed.len(),
                    format!("`{trimmed}` names one argument, but an attack needs two"),
                    "write an attack as att(attacker,target).",
                ));
            };
            let (a, b) = (a.trim(), b.trim());
            let b_at = at + 4 + pair.find(',').unwrap_or(0) + 1;
            check_apx_name(src, at + 4, a)?;
            check_apx_name(src, b_at, b)?;
            attacks.push((start, a, b, at + 4, b_at));
        } else {
            let hint = if trimmed.starts_with("arg(") || trimmed.starts_with("att(") {
                "the fact is cut short: end it with `).` (the file may be truncated)"
            } else {
                "apx files hold only `arg(name).` and `att(attacker,target).` lines"
            };
            return Err(error(
                src,
                at,
                trimmed.len(),
                format!("`{trimmed}` is not an apx fact"),
                hint,
            ));
        }
    }
    let mut pairs = Vec::with_capacity(attacks.len());
    for (_, a, b, a_at, b_at) in attacks {
        let find = |name: &str, at: usize| {
            index.get(name).copied().ok_or_else(|| {
                error(
                    src,
                    at,
                    name.len(),
                    format!("the attack names `{name}`, which no `arg` line declares"),
                    &format!("add `arg({name}).` or correct the name"),
                )
            })
        };
        pairs.push((find(a, a_at)?, find(b, b_at)?));
    }
    Ok(Named {
        af: Framework::new(names.len(), pairs),
        names,
    })
}

fn check_apx_name(src: &str, at: usize, name: &str) -> Result<(), Diagnostic> {
    let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(error(
            src,
            at,
            name.len(),
            format!("`{name}` is not an argument name"),
            "apx names are letters, digits and `_`, such as a1 or a48_54",
        ))
    }
}

fn read_tgf(src: &str) -> Result<Named, Diagnostic> {
    let mut names = Vec::new();
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut pairs = Vec::new();
    let mut in_attacks = false;
    for (start, line) in lines(src) {
        let trimmed = line.trim();
        let at = start + (line.len() - line.trim_start().len());
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == "#" {
            if in_attacks {
                return Err(error(
                    src,
                    at,
                    1,
                    "a second `#` line".into(),
                    "tgf has one `#` line, between the arguments and the attacks",
                ));
            }
            in_attacks = true;
            continue;
        }
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if !in_attacks {
            if words.len() != 1 {
                return Err(error(
                    src,
                    at,
                    trimmed.len(),
                    format!("`{trimmed}` is not one argument name"),
                    "list one name per line, then a line `#`, then the attacks",
                ));
            }
            if !table(&mut names, &mut index, trimmed) {
                return Err(error(
                    src,
                    at,
                    trimmed.len(),
                    format!("the argument `{trimmed}` is listed twice"),
                    "remove one of the two lines",
                ));
            }
            continue;
        }
        let [a, b] = words[..] else {
            return Err(error(
                src,
                at,
                trimmed.len(),
                format!("`{trimmed}` is not an attack"),
                "write an attack as two names: the attacker, then the target",
            ));
        };
        let find = |name: &str| {
            index.get(name).copied().ok_or_else(|| {
                let offset = at + trimmed.find(name).unwrap_or(0);
                error(
                    src,
                    offset,
                    name.len(),
                    format!("the attack names `{name}`, which is not listed above the `#`"),
                    "list every argument before the `#` line",
                )
            })
        };
        pairs.push((find(a)?, find(b)?));
    }
    if !in_attacks && src.trim().is_empty() {
        return Ok(Named {
            af: Framework::new(0, []),
            names,
        });
    }
    Ok(Named {
        af: Framework::new(names.len(), pairs),
        names,
    })
}

fn read_i23(src: &str, max_arguments: usize) -> Result<Named, Diagnostic> {
    let bytes = src.as_bytes();
    let mut n: Option<u32> = None;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let start = pos;
        let end = memchr_newline(bytes, pos);
        pos = end + 1;
        let line = &src[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(count) = n else {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words[..] {
                ["p", "af", count] => match count.parse::<u32>() {
                    Ok(c) if c as usize > max_arguments => {
                        return Err(error(
                            src,
                            start + line.rfind(count).unwrap_or(0),
                            count.len(),
                            format!(
                                "the header declares {c} arguments, more than the {max_arguments} argumap reads"
                            ),
                            "if the framework really is that big, raise the limit with --max-elements",
                        ))
                    }
                    Ok(c) => {
                        n = Some(c);
                        pairs.reserve(src.len() / 12);
                        continue;
                    }
                    Err(_) => {
                        return Err(error(
                            src,
                            start + line.rfind(count).unwrap_or(0),
                            count.len(),
                            format!("`{count}` is not a number of arguments"),
                            "the header is `p af N`, N the number of arguments",
                        ))
                    }
                },
                _ => {
                    return Err(error(
                        src,
                        start,
                        line.len(),
                        format!("`{line}` is not the header"),
                        "an i23 file starts with `p af N`, N the number of arguments",
                    ))
                }
            }
        };
        // Two numbers in 1..=N, fast: this is where a big file spends its time.
        let lb = line.as_bytes();
        let mut i = 0;
        let mut numbers = [0u64; 2];
        for (k, slot) in numbers.iter_mut().enumerate() {
            while i < lb.len() && matches!(lb[i], b' ' | b'\t') {
                i += 1;
            }
            let digits_at = i;
            let mut v: u64 = 0;
            while i < lb.len() && lb[i].is_ascii_digit() && v <= u64::from(u32::MAX) {
                v = v * 10 + u64::from(lb[i] - b'0');
                i += 1;
            }
            if i == digits_at {
                return Err(error(
                    src,
                    start + digits_at,
                    1,
                    format!(
                        "`{line}` is not an attack: the {} number is missing",
                        if k == 0 { "first" } else { "second" }
                    ),
                    "write an attack as two argument numbers, `1 2`",
                ));
            }
            if v == 0 || v > u64::from(count) {
                return Err(error(
                    src,
                    start + digits_at,
                    i - digits_at,
                    format!("argument {v} is outside 1..{count}"),
                    "arguments are numbered from 1 to the N of the `p af N` header",
                ));
            }
            *slot = v;
        }
        while i < lb.len() && matches!(lb[i], b' ' | b'\t') {
            i += 1;
        }
        if i != lb.len() {
            return Err(error(
                src,
                start + i,
                lb.len() - i,
                format!("`{line}` has more than two numbers"),
                "write one attack per line: the attacker's number, then the target's",
            ));
        }
        pairs.push((numbers[0] as u32 - 1, numbers[1] as u32 - 1));
    }
    let Some(count) = n else {
        return Err(error(
            src,
            0,
            0,
            "the file has no `p af N` header".into(),
            "an i23 file starts with `p af N`, N the number of arguments",
        ));
    };
    Ok(Named {
        af: Framework::new(count as usize, pairs),
        names: (1..=count).map(|i| i.to_string()).collect(),
    })
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// A framework as a map: each argument a claim whose text is its name, each attack a
/// rebuttal. Names that are not valid ids are made into ids (`1` stays `1`; `a b` becomes
/// `a-b`), numbered when two would collide.
pub fn to_map(named: &Named, title: &str) -> Map {
    let mut map = Map::new(title);
    let mut ids: Vec<Id> = Vec::with_capacity(named.names.len());
    let mut pool = IdPool::new();
    // A map has no claim rebutting itself: such a claim is marked in its `ext` instead.
    let mut attacks_itself = vec![false; named.names.len()];
    for (a, b) in named.af.attacks() {
        if a == b {
            if let Some(mark) = attacks_itself.get_mut(a as usize) {
                *mark = true;
            }
        }
    }
    for (i, name) in named.names.iter().enumerate() {
        let id = pool.fresh_wanted(Some(name), name);
        let mut claim = Claim::new(id.clone(), name.clone());
        if attacks_itself[i] {
            let mut ext = serde_json::Map::new();
            ext.insert(SELF_ATTACK.into(), serde_json::Value::Bool(true));
            claim.meta.data_mut().ext = Some(ext);
        }
        map.add_claim(claim).expect("a fresh id");
        ids.push(id);
    }
    for (a, b) in named.af.attacks() {
        if a == b {
            continue;
        }
        let relation = Relation::new(
            ids[a as usize].clone(),
            RelationKind::Rebuts,
            ids[b as usize].clone(),
        );
        map.add_relation(relation).expect("both ends are claims");
    }
    map
}

/// The `ext` key [`to_map`] sets on the claim of an argument that attacks itself.
pub const SELF_ATTACK: &str = "attacks_itself";

/// Writes a framework in a dialect. apx and tgf name the arguments `a1`, `a2`, ...; i23
/// numbers them `1..N`. `legend` gives a line per argument, written as comments (`%` in apx,
/// `#` in i23; tgf has no comments, so it gets none), so that a reader can tell which
/// argument was which claim.
///
/// # Errors
///
/// Only the errors of `out`.
pub fn write(
    af: &Framework,
    dialect: Dialect,
    legend: Option<&[String]>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let n = af.len();
    match dialect {
        Dialect::Apx => {
            if let Some(legend) = legend {
                for (i, text) in legend.iter().enumerate() {
                    writeln!(out, "% a{} = {}", i + 1, one_line(text))?;
                }
            }
            for i in 1..=n {
                writeln!(out, "arg(a{i}).")?;
            }
            for (a, b) in af.attacks() {
                writeln!(out, "att(a{},a{}).", a + 1, b + 1)?;
            }
        }
        Dialect::Tgf => {
            for i in 1..=n {
                writeln!(out, "a{i}")?;
            }
            writeln!(out, "#")?;
            for (a, b) in af.attacks() {
                writeln!(out, "a{} a{}", a + 1, b + 1)?;
            }
        }
        Dialect::I23 => {
            writeln!(out, "p af {n}")?;
            if let Some(legend) = legend {
                for (i, text) in legend.iter().enumerate() {
                    writeln!(out, "# {} = {}", i + 1, one_line(text))?;
                }
            }
            for (a, b) in af.attacks() {
                writeln!(out, "{} {}", a + 1, b + 1)?;
            }
        }
    }
    out.flush()
}

/// A text on one line, for a comment.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_attacks_and_long_colliding_names_make_a_map() {
        // Names that are no ids (they start with `_`) become slugs, which collide at 60
        // characters.
        let long = format!("_{}", "x".repeat(70));
        let src = format!("arg({long}a).\narg({long}b).\narg(c).\natt(c,c).\natt({long}a,c).\n");
        let named = read(&src, Dialect::Apx).unwrap();
        let map = to_map(&named, "t");
        assert_eq!(map.claims().count(), 3);
        assert_eq!(map.relations().count(), 1);
        let c = map.claim("c").unwrap();
        assert_eq!(
            c.meta.ext().unwrap()[SELF_ATTACK],
            serde_json::Value::Bool(true)
        );
        let loaded = crate::format::read(&src, crate::format::Format::Apx, "t").unwrap();
        assert!(loaded.warnings[0].message.contains("attack themselves"));
    }

    #[test]
    fn the_three_dialects_read_the_same_framework() {
        let apx = "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,c). % self-attack\n";
        let tgf = "a\nb\nc\n#\na b\nb c\nc c\n";
        let i23 = "p af 3\n# a comment\n1 2\n2 3\n3 3";
        let a = read(apx, Dialect::Apx).unwrap();
        let t = read(tgf, Dialect::Tgf).unwrap();
        let i = read(i23, Dialect::I23).unwrap();
        assert_eq!(a.af, t.af);
        assert_eq!(a.af, i.af);
        assert_eq!(a.names, ["a", "b", "c"]);
        assert_eq!(i.names, ["1", "2", "3"]);
    }

    #[test]
    fn writing_and_reading_back_keeps_the_framework() {
        let af = Framework::new(4, [(0, 1), (1, 0), (2, 3), (3, 3)]);
        for dialect in [Dialect::Apx, Dialect::Tgf, Dialect::I23] {
            let mut out = Vec::new();
            let legend: Vec<String> = (0..4).map(|i| format!("claim\n{i}")).collect();
            write(&af, dialect, Some(&legend), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_eq!(read(&text, dialect).unwrap().af, af, "{text}");
        }
    }

    fn message(src: &str, dialect: Dialect) -> String {
        let d = read(src, dialect).unwrap_err();
        let at = d.location.unwrap();
        format!(
            "{}:{}: {} ({})",
            at.line,
            at.column,
            d.message,
            d.hint.unwrap_or_default()
        )
    }

    #[test]
    fn problems_are_located_and_explained() {
        for (text, dialect, expected) in [
            ("arg(a1).\narg(a2).\natt(a1,a2", Dialect::Apx, "3:1: `att(a1,a2` is not an apx fact (the fact is cut short: end it with `).` (the file may be truncated))"),
            ("arg(a1).\natt(a1,b).\n", Dialect::Apx, "2:8: the attack names `b`, which no `arg` line declares (add `arg(b).` or correct the name)"),
            ("arg(a).\narg(a).\n", Dialect::Apx, "2:5: the argument `a` is declared twice (remove one of the two `arg` lines)"),
            ("p af 2\n1 3\n", Dialect::I23, "2:3: argument 3 is outside 1..2 (arguments are numbered from 1 to the N of the `p af N` header)"),
            ("1 2\n", Dialect::I23, "1:1: `1 2` is not the header (an i23 file starts with `p af N`, N the number of arguments)"),
            ("a\n#\na z\n", Dialect::Tgf, "3:3: the attack names `z`, which is not listed above the `#` (list every argument before the `#` line)"),
        ] {
            assert_eq!(message(text, dialect), expected, "{text:?}");
        }
    }
}
