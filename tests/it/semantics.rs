//! The semantics against official answers: the ICCMA 2019 small instances (grounded,
//! complete, preferred, stable), the ICCMA 2019 medium instance (24 complete and 15 stable
//! extensions, empty grounded), and the probo examples. The files and their licences are in
//! `tests/data/iccma/`.

use std::collections::BTreeSet;

use argumap::analysis::semantics::{extensions, Budget, Semantics};
use argumap::format::iccma::{self, Dialect, Named};

use crate::support::root;

type Sets = BTreeSet<BTreeSet<String>>;

fn read(rel: &str) -> (Named, String) {
    let text = std::fs::read_to_string(root(rel)).unwrap();
    let dialect = if rel.ends_with(".tgf") {
        Dialect::Tgf
    } else {
        Dialect::Apx
    };
    (iccma::read(&text, dialect).unwrap(), text)
}

fn ours(named: &Named, semantics: Semantics) -> Sets {
    extensions(&named.af, semantics, &Budget::default())
        .unwrap()
        .sets()
        .into_iter()
        .map(|set| {
            set.into_iter()
                .map(|a| named.names[a as usize].clone())
                .collect()
        })
        .collect()
}

/// One argument per line, `---` between extensions, `#` comment lines.
fn expected_lines(text: &str) -> Sets {
    let body: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::trim)
        .collect();
    body.split(|l| *l == "---")
        .map(|block| {
            block
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| l.to_string())
                .collect()
        })
        .collect()
}

/// ICCMA 2019 output: `[[a,b],[c]]`, `[a,b]` for one extension, or `NO`.
fn expected_iccma(text: &str) -> Sets {
    let t = text.split("solution").next().unwrap_or("").trim();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap();
    if !inner.starts_with('[') {
        return [inner
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.trim().to_string())
            .collect()]
        .into();
    }
    inner
        .split("],")
        .map(|ext| {
            ext.trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn iccma_2019_small_instances_match_the_official_extensions() {
    for stem in ["b2", "b8", "b35", "b41", "b57"] {
        let (named, _) = read(&format!(
            "tests/data/iccma/iccma2019_small/Small-result-{stem}.apx"
        ));
        for (semantics, file) in [
            (Semantics::Grounded, "grounded"),
            (Semantics::Complete, "complete"),
            (Semantics::Preferred, "preferred"),
            (Semantics::Stable, "stable"),
        ] {
            let expected = std::fs::read_to_string(root(&format!(
                "tests/data/iccma/iccma2019_small/expected/Small-result-{stem}.{file}.txt"
            )))
            .unwrap();
            assert_eq!(
                ours(&named, semantics),
                expected_lines(&expected),
                "{stem} {file}"
            );
        }
    }
}

#[test]
fn iccma_2019_medium_instance_has_its_24_complete_and_15_stable_extensions() {
    let (named, _) = read("tests/data/iccma/iccma2019_medium/Medium-result-b1.apx");
    assert_eq!((named.af.len(), named.af.attack_count()), (438, 77_717));
    let reference = |task: &str| {
        std::fs::read_to_string(root(&format!(
            "tests/data/iccma/iccma2019_medium/reference/iccma-2019-Medium-result-b1.apx-{task}.out"
        )))
        .unwrap()
    };
    let complete = ours(&named, Semantics::Complete);
    assert_eq!(complete.len(), 24);
    assert_eq!(complete, expected_iccma(&reference("EE-CO")));
    let stable = ours(&named, Semantics::Stable);
    assert_eq!(stable.len(), 15);
    assert_eq!(stable, expected_iccma(&reference("EE-ST")));
    let grounded = ours(&named, Semantics::Grounded);
    assert_eq!(grounded, [BTreeSet::new()].into());
    // DC-CO for the query argument: YES; DS-CO: NO.
    let query = std::fs::read_to_string(root(
        "tests/data/iccma/iccma2019_medium/Medium-result-b1.arg",
    ))
    .unwrap();
    let query = query.trim();
    assert_eq!(reference("DC-CO").trim(), "YES");
    assert!(complete.iter().any(|e| e.contains(query)));
    assert_eq!(reference("DS-CO").trim(), "NO");
    assert!(!complete.iter().all(|e| e.contains(query)));
}

#[test]
fn probo_examples_match_their_solutions() {
    for ex in ["ex1", "ex2", "ex3"] {
        for dialect in ["apx", "tgf"] {
            let (named, _) = read(&format!("tests/data/iccma/probo_examples/{ex}.{dialect}"));
            for (semantics, task) in [
                (Semantics::Grounded, "GR"),
                (Semantics::Complete, "CO"),
                (Semantics::Preferred, "PR"),
                (Semantics::Stable, "ST"),
            ] {
                let expected = std::fs::read_to_string(root(&format!(
                    "tests/data/iccma/probo_examples/solutions/{ex}.apx.EE-{task}"
                )))
                .unwrap();
                assert_eq!(
                    ours(&named, semantics),
                    expected_iccma(&expected),
                    "{ex}.{dialect} {task}"
                );
            }
        }
    }
}

#[test]
fn a_truncated_file_is_refused_at_its_last_line() {
    let text = std::fs::read_to_string(root("tests/data/iccma/malformed/n512p5q2_vh.apx")).unwrap();
    let err = iccma::read(&text, Dialect::Apx).unwrap_err();
    let last_line = text.lines().count();
    assert_eq!(err.location.unwrap().line, last_line);
    assert!(err.hint.unwrap().contains("truncated"));
}
