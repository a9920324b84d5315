//! Argdown read as strictly as a map file: every error of a file in one run, each at its
//! line and column and naming the title as typed; the mistakes Argdown's own tools reject or
//! silently misread (front matter or data never closed, `--` or `=>` for a relation symbol)
//! are errors with their fix; the map's warnings name `[Title]`, not the id made from it.

use argumap::format::{self, argdown, Format};
use serde_json::Value;

use crate::support::{root, run};

/// Three mistakes a new writer makes, each with its fix, under titles typed with capitals
/// and spaces.
const THREE: &str = "# Votes at 16

[Votes at 16]: The voting age should be lowered to 16.
    -- [Poor vote less]: Young people from poor families vote less.
    + [Habit]: Voting is a habit formed early. {actor: \"Amara\"
    => [Taxes]: Sixteen-year-olds pay taxes.
";

/// The errors of a text: (line, column, message, hint, fix as (line, column, end line, end
/// column, replacement)).
type Located = (
    usize,
    usize,
    String,
    String,
    Option<(usize, usize, usize, usize, String)>,
);

fn errors_of(src: &str) -> Vec<Located> {
    let err = match argdown::from_str(src) {
        Ok(loaded) => panic!("accepted: {src:?} -> {:?}", loaded.map),
        Err(e) => e,
    };
    err.errors()
        .map(|d| {
            let at = d.location.expect("every error is located");
            let fix = d.fix.as_ref().map(|f| {
                (
                    f.start.line,
                    f.start.column,
                    f.end.line,
                    f.end.column,
                    f.replacement.clone(),
                )
            });
            (
                at.line,
                at.column,
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
                fix,
            )
        })
        .collect()
}

/// The byte offset of a 1-based line and column counted in characters.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i)
}

/// A text with fixes applied, the last first (they do not overlap).
fn apply(text: &str, fixes: &[(usize, usize, usize, usize, String)]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = fixes
        .iter()
        .map(|(l, c, el, ec, r)| (offset(text, *l, *c), offset(text, *el, *ec), r.as_str()))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (a, b, r) in spans {
        out.replace_range(a..b, r);
    }
    out
}

#[test]
fn three_mistakes_are_three_located_errors_in_one_run_each_naming_its_title() {
    let errors = errors_of(THREE);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(places, [(4, 5), (5, 48), (6, 5)]);
    assert!(
        errors[0].2.contains("`--` is not a relation symbol")
            && errors[0].2.contains("[Poor vote less]")
            && errors[0].2.contains("[Votes at 16]"),
        "{}",
        errors[0].2
    );
    assert!(
        errors[0].3.starts_with("did you mean `-`?"),
        "{}",
        errors[0].3
    );
    assert!(
        errors[1]
            .2
            .contains("`{actor: \"Amara\"` of [Habit] is never closed"),
        "{}",
        errors[1].2
    );
    assert!(
        errors[2].2.contains("`=>` is not a relation symbol") && errors[2].2.contains("[Taxes]"),
        "{}",
        errors[2].2
    );
    assert!(
        errors[2].3.starts_with("did you mean `+>`?"),
        "{}",
        errors[2].3
    );

    // Each has its fix; with the three applied the file reads, as the writer meant it.
    let fixes: Vec<_> = errors.iter().map(|e| e.4.clone().expect("a fix")).collect();
    let fixed = apply(THREE, &fixes);
    assert!(fixed.contains("    - [Poor vote less]"), "{fixed}");
    assert!(fixed.contains("{actor: \"Amara\"}\n"), "{fixed}");
    assert!(fixed.contains("    +> [Taxes]"), "{fixed}");
    let map = argdown::from_str(&fixed).expect("the fixed file reads").map;
    let kinds: Vec<(&str, &str, &str)> = map
        .relations()
        .map(|r| (r.from.as_str(), r.kind.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("poor-vote-less", "rebuts", "votes-at-16"),
            ("habit", "supports", "votes-at-16"),
            ("votes-at-16", "supports", "taxes"),
        ]
    );
    assert_eq!(map.asserted_by("habit")[0].name, "Amara");
}

#[test]
fn the_command_line_prints_all_three_and_their_fixes_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("votes.argdown");
    std::fs::write(&path, THREE).unwrap();
    let out = run(&["check", path.to_str().unwrap()]).output();
    assert_eq!(out.status.code(), Some(1));
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    for place in [
        "votes.argdown:4:5: error",
        "votes.argdown:5:48: error",
        "votes.argdown:6:5: error",
    ] {
        assert!(text.contains(place), "{text}");
    }
    assert!(text.contains("3 errors"), "{text}");

    let out = run(&["check", path.to_str().unwrap(), "--message-format", "json"]).output();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    for p in problems {
        assert_eq!(p["code"], "syntax");
        assert_eq!(p["severity"], "error");
        assert!(p["line"].is_u64() && p["end_column"].is_u64(), "{p}");
        assert!(p["fix"]["replacement"].is_string(), "{p}");
    }
    let fixes: Vec<_> = problems
        .iter()
        .map(|p| {
            let f = &p["fix"];
            let n = |k: &str| f[k].as_u64().unwrap() as usize;
            (
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
                f["replacement"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    std::fs::write(&path, apply(THREE, &fixes)).unwrap();
    let out = run(&["check", path.to_str().unwrap()]).output();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn front_matter_never_closed_is_an_error_at_its_opening_line() {
    let src = "===\ntitle: Votes at 16\nauthor: Coach\n\n[A]: Lower the voting age.\n    -- [B]: Poor people vote less.\n";
    let errors = errors_of(src);
    // The rest of the file is still read: the `--` below is found in the same run.
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let (line, column, message, hint, fix) = &errors[0];
    assert_eq!((*line, *column), (1, 1));
    assert!(
        message.contains("front matter is never closed"),
        "{message}"
    );
    assert!(message.contains("last line (line 3)"), "{message}");
    assert_eq!(hint, "put a line `===` after line 3");
    let fixed = apply(src, &[fix.clone().unwrap(), errors[1].4.clone().unwrap()]);
    assert!(
        fixed.starts_with("===\ntitle: Votes at 16\nauthor: Coach\n===\n\n[A]"),
        "{fixed}"
    );
    let map = argdown::from_str(&fixed).unwrap().map;
    assert_eq!(map.title, "Votes at 16");
    assert_eq!(map.claims().count(), 2);

    // With no empty line after it, the closing line and an empty line are inserted.
    let src = "===\ntitle: T\n[A]: a\n";
    let errors = errors_of(src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let fixed = apply(src, &[errors[0].4.clone().unwrap()]);
    assert_eq!(fixed, "===\ntitle: T\n===\n\n[A]: a\n");
    assert_eq!(argdown::from_str(&fixed).unwrap().map.title, "T");

    // A `===` further down does not close it when the map's own lines stand between (Argdown
    // rejects the file): the same error, and the statements are read as statements.
    let src = "===\ntitle: Votes\n\n[A]: a\n    -- [B]: b\n\n[C]: c\n===\n";
    let errors = errors_of(src);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!((errors[0].0, errors[0].1), (1, 1));
    assert!(errors[0].2.contains("front matter is never closed"));
    assert_eq!(errors[1].0, 5);
    // YAML with an empty line in it, closed, reads as before.
    let map = argdown::from_str("===\ntitle: Votes\n\nauthor: me\n===\n\n[A]: a\n")
        .unwrap()
        .map;
    assert_eq!(map.title, "Votes");

    // `===` that opens no YAML is text, as Argdown reads it.
    let map = argdown::from_str("=== not front matter\n").unwrap().map;
    assert_eq!(map.claims().next().unwrap().text, "=== not front matter");
}

#[test]
fn data_never_closed_is_an_error_naming_its_element() {
    let src = "[A]: Lower the voting age. {actor: \"Amara\"\n    + [B]: Teens pay taxes.\n";
    let errors = errors_of(src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let (line, column, message, hint, fix) = &errors[0];
    assert_eq!((*line, *column), (1, 28));
    assert!(
        message.contains("the data `{actor: \"Amara\"` of [A] is never closed"),
        "{message}"
    );
    assert!(hint.contains('}'), "{hint}");
    let fixed = apply(src, &[fix.clone().unwrap()]);
    let map = argdown::from_str(&fixed).unwrap().map;
    assert_eq!(map.asserted_by("a")[0].name, "Amara");
    assert_eq!(map.relations().count(), 1);
    // An unclosed quote inside: no guess at the fix, a hint that says what to close.
    let errors = errors_of("[A]: a {actor: \"Amara}\n");
    assert!(errors[0].4.is_none());
    assert!(errors[0].3.contains("each quote"), "{}", errors[0].3);
    // Braces in prose that are no data stay text, as in Argdown.
    let map = argdown::from_str("[A]: the set {a, b\n").unwrap().map;
    assert_eq!(map.claims().next().unwrap().text, "the set {a, b");
}

#[test]
fn a_double_hyphen_asks_whether_a_single_one_was_meant() {
    let errors = errors_of("[A]: a\n    -- [B]: b\n");
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].0, errors[0].1), (2, 5));
    assert!(
        errors[0].3.starts_with("did you mean `-`?"),
        "{}",
        errors[0].3
    );
    assert!(errors[0].3.contains("[B] attacks [A]"), "{}", errors[0].3);
    assert_eq!(errors[0].4, Some((2, 5, 2, 7, "-".to_owned())));
    // Not indented: the fix indents it too.
    let errors = errors_of("[A]: a\n-- [B]: b\n");
    assert_eq!(errors[0].4, Some((2, 1, 2, 3, "    -".to_owned())));
    assert!(errors[0].3.contains("indented under"), "{}", errors[0].3);
    // In a premise-conclusion structure `--` is an inference line, and its errors stay.
    let errors = errors_of("(1) p\n  -- rule\n(2) q\n");
    assert!(
        errors[0].2.contains("inference line is not closed"),
        "{}",
        errors[0].2
    );
    // An inference line with its rule, and the usual `----`, read as before.
    assert!(argdown::from_str("<A>\n\n(1) p\n-- modus ponens --\n(2) q\n").is_ok());
}

#[test]
fn wrong_relation_symbols_name_the_right_ones() {
    let symbols = [
        "`+`", "`-`", "`_`", "`><`", "`<+`", "`<-`", "`<_`", "`+>`", "`->`",
    ];
    let errors = errors_of("[A]: a\n    + [B]: b\n    * [C]: c\n");
    assert_eq!(errors.len(), 1);
    assert!(errors[0]
        .2
        .starts_with("a list item cannot stand among relations"));
    for s in symbols {
        assert!(errors[0].2.contains(s), "{s}: {}", errors[0].2);
    }
    // Near-misses Argdown rejects, or reads as text glued to the line above.
    for (line, symbol, meant) in [
        ("    => [B]: b", "=>", Some("+>")),
        ("    ++ [B]: b", "++", Some("+")),
        ("    – [B]: b", "–", Some("-")),
        ("    --> [B]: b", "-->", Some("->")),
        ("    <= [B]: b", "<=", Some("<+")),
        ("    ~ [B]: b", "~", None),
        ("    <+> [B]: b", "<+>", None),
        ("    => more words", "=>", Some("+>")),
        ("    ++ more words", "++", Some("+")),
    ] {
        let errors = errors_of(&format!("[A]: a\n{line}\n"));
        assert_eq!(errors.len(), 1, "{line}: {errors:#?}");
        let (l, c, message, hint, fix) = &errors[0];
        assert_eq!((*l, *c), (2, 5), "{line}");
        assert!(
            message.starts_with(&format!("`{symbol}` is not a relation symbol")),
            "{line}: {message}"
        );
        match meant {
            Some(meant) => {
                assert!(
                    hint.starts_with(&format!("did you mean `{meant}`?")),
                    "{hint}"
                );
                let (_, _, _, _, replacement) = fix.clone().expect("a fix");
                assert_eq!(replacement, meant);
            }
            None => {
                assert!(fix.is_none(), "{line}");
                for s in symbols {
                    assert!(hint.contains(s), "{hint}");
                }
            }
        }
    }
    // A text that goes on over an indented line starting with a sign reads as before.
    for text in [
        "[A]: Prices rise when demand\n    > supply.\n",
        "[A]: it costs\n    <= 5 euros\n",
        "[A]: a\n    – as she said\n",
    ] {
        let map = argdown::from_str(text)
            .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
            .map;
        assert_eq!(map.claims().count(), 1, "{text:?}");
    }
}

#[test]
fn reading_goes_on_after_each_error() {
    let src = "[A]: a\n+ [B]: not indented\n+ [C]: nor this\n\n[D]: d\n    + [E] more words\n    - [F]: f\n        -- [G]: g\n\n(1) P\n(2) Q\n\n[H]: h\n[I]: no empty line\n";
    let errors = errors_of(src);
    let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
    assert_eq!(lines, [2, 3, 6, 8, 10, 14], "{errors:#?}");
    assert!(
        errors[3].2.contains("[G] is not related to [F]"),
        "{}",
        errors[3].2
    );

    // A file of nothing but errors stops at a hundred, with a note that more follow.
    let mut many = String::from("[A]: a\n");
    for i in 0..1000 {
        many.push_str(&format!("    => [B{i}]: b\n"));
    }
    let err = argdown::from_str(&many).unwrap_err();
    assert_eq!(err.errors().count(), 101);
    assert!(err.diagnostics[100].message.contains("more errors follow"));
    assert_eq!(err.diagnostics[100].location.map(|l| l.line), Some(102));
}

#[test]
fn warnings_name_titles_as_typed_at_their_place() {
    let src = "# Votes at 16\n\n[Votes at 16]: Lower the voting age. {actor: \"Amara\"}\n    - [Poor vote less]: Poor people vote less.\n\n[Lonely]: Nothing links here. {actor: \"Amara\"}\n";
    let loaded = format::read(src, Format::Argdown, "votes").unwrap();
    let found: Vec<(usize, usize, &str)> = loaded
        .warnings
        .iter()
        .map(|w| {
            let at = w.location.expect("every warning is located");
            (at.line, at.column, w.message.as_str())
        })
        .collect();
    assert!(
        found.contains(&(
            4,
            7,
            "nobody is said to have made the claim [Poor vote less]"
        )),
        "{found:#?}"
    );
    assert!(
        found.contains(&(
            6,
            1,
            "the claim [Lonely] is not connected to any other claim"
        )),
        "{found:#?}"
    );
    // The place is the title, brackets included.
    let w = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("[Poor vote less]"))
        .unwrap();
    let span = w.span.unwrap();
    assert_eq!(&src[span.start..span.end], "[Poor vote less]");
    // Untitled statements are named by their text.
    let loaded = format::read(
        "[A]: a {actor: Ann}\n\nA claim with no title at all.\n",
        Format::Argdown,
        "t",
    )
    .unwrap();
    assert!(
        loaded.warnings.iter().any(|w| w
            .message
            .contains("the claim \"A claim with no title at all.\"")
            && w.location.map(|l| l.line) == Some(3)),
        "{:#?}",
        loaded.warnings
    );
}

#[test]
fn every_sample_still_imports_and_every_warning_is_located() {
    let dir = root("tests/data/argdown");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".argdown") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        match format::read(&src, Format::Argdown, "t") {
            Ok(loaded) => {
                read += 1;
                // No warning names an id made from a title.
                let made: Vec<String> = loaded
                    .map
                    .claims()
                    .filter(|c| c.title.as_deref().is_some_and(|t| t != c.id.as_str()))
                    .map(|c| format!("`{}`", c.id))
                    .collect();
                for w in &loaded.warnings {
                    assert!(w.location.is_some(), "{name}: {w}");
                    assert!(!made.iter().any(|id| w.message.contains(id)), "{name}: {w}");
                }
            }
            // Argdown's own CLI rejects this one too.
            Err(e) => {
                assert_eq!(name, "lexer-relations.argdown", "{e:?}");
                assert!(e.diagnostics.iter().all(|d| d.location.is_some()));
            }
        }
    }
    assert_eq!(read, 6);
}

/// Every new error is one Argdown's own CLI rejects too, or reads otherwise than meant: its
/// JSON export keeps the mistaken symbol, `===` or `{` in a statement's text.
#[test]
fn argdowns_own_cli_rejects_or_misreads_every_new_error() {
    if crate::support::node_package("@argdown/cli").is_none() {
        return;
    }
    // (file, text, what Argdown's misreading leaves in a text if it reads the file)
    let cases: [(&str, &str, &str); 15] = [
        ("three", THREE, "--"),
        ("front", "===\ntitle: Votes at 16\n\n[A]: a\n", "=== title"),
        (
            "front-far",
            "===\ntitle: Votes\n\n[A]: a\n\n[C]: c\n===\n",
            "===",
        ),
        ("data", "[A]: a {actor: \"Amara\"\n    + [B]: b\n", "{actor"),
        ("hyphens", "[A]: a\n    -- [B]: b\n", "--"),
        ("hyphens-left", "[A]: a\n-- [B]: b\n", "--"),
        ("arrow", "[A]: a\n    => [B]: b\n", "=>"),
        ("plus-plus", "[A]: a\n    ++ [B]: b\n", "++"),
        ("en-dash", "[A]: a\n    – [B]: b\n", "–"),
        ("long-arrow", "[A]: a\n    --> [B]: b\n", "-->"),
        ("tilde", "[A]: a\n    ~ [B]: b\n", "~"),
        ("both-ways", "[A]: a\n    <+> [B]: b\n", "> "),
        ("arrow-text", "[A]: a\n    => more words\n", "=> more words"),
        ("plus-text", "[A]: a\n    ++ more words\n", "+ more words"),
        ("list", "[A]: a\n    + [B]: b\n    * [C]: c\n", "* "),
    ];
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("argdown-strict");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for (name, text, _) in &cases {
        assert!(argdown::from_str(text).is_err(), "{name}: we accept it");
        std::fs::write(dir.join("in").join(format!("{name}.argdown")), text).unwrap();
    }
    let output = std::process::Command::new(root("tests/js/node_modules/.bin/argdown"))
        .arg("json")
        .arg(dir.join("in").join("*.argdown"))
        .arg(dir.join("out"))
        .output()
        .expect("run argdown");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    for (name, _, marker) in &cases {
        let json = dir.join("out").join(format!("{name}.json"));
        let Ok(text) = std::fs::read_to_string(&json) else {
            assert!(
                said.contains(&format!("{name}.argdown")),
                "{name}: neither exported nor rejected:\n{said}"
            );
            continue;
        };
        let export: Value = serde_json::from_str(&text).unwrap();
        let texts: Vec<&str> = export["statements"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|s| s["members"].as_array().unwrap())
            .filter_map(|m| m["text"].as_str())
            .collect();
        assert!(
            texts.iter().any(|t| t.contains(marker)),
            "{name}: Argdown reads it as meant: {texts:?}"
        );
    }
}

#[test]
fn an_inference_line_never_closed_ends_at_the_empty_line() {
    let src = "<Arg>: an argument\n\n(1) p\n-- rule\n(2) r\n\n[G]: g\n    >< <Arg>\n";
    let errors = errors_of(src);
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.0, e.2.as_str())).collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].1.contains("inference line is not closed"),
        "{found:#?}"
    );
    assert_eq!(found[1].0, 8);
    assert!(found[1].1.contains("`><` (contradiction)"), "{found:#?}");
}
