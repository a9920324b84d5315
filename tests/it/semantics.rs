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

fn argumap(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    crate::support::run(args)
        .stdin(stdin.unwrap_or(""))
        .output()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn eval_reads_a_map_and_gives_each_verdict_its_reason() {
    // The school map: a motion that falls to a rebuttal nobody answered.
    let out = argumap(&["eval", "maps/school-uniforms.json"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("Defeated (out): 11"), "{text}");
    assert!(
        text.contains("`motion` — Compulsory school uniforms\n      defeated by `uniforms-harm-some`, which stands"),
        "{text}"
    );
    let out = argumap(&["eval", "maps/school-uniforms.json", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let motion = v["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "motion")
        .unwrap();
    assert_eq!(
        (motion["label"].as_str(), motion["defeated_by"].as_str()),
        (Some("out"), Some("uniforms-harm-some"))
    );
    // The encryption map: the pause and Facebook's plan in open conflict, nothing out.
    let text = stdout(&argumap(&["eval", "maps/encryption-debate.json"], None));
    assert!(text.contains("Defeated (out): 0"), "{text}");
    assert!(
        text.contains("`pause-encryption` — Pause Facebook's pivot to privacy\n      attacked by `fb-encrypts`, itself undecided"),
        "{text}"
    );
}

#[test]
fn eval_answers_like_an_iccma_solver() {
    let apx = "tests/data/iccma/iccma2019_small/Small-result-b2.apx";
    let out = argumap(&["eval", apx, "--semantics", "grounded", "--iccma"], None);
    assert_eq!(stdout(&out), "[a2_0]\n");
    // i23 from standard input: a mutual attack and a self-attacker that attacks nothing else.
    let i23 = "p af 3\n1 2\n2 1\n3 3\n";
    let out = argumap(
        &[
            "eval",
            "-",
            "--from",
            "i23",
            "--semantics",
            "stable",
            "--iccma",
        ],
        Some(i23),
    );
    assert_eq!(
        stdout(&out),
        "NO\n",
        "the self-attacker rules out every stable extension"
    );
    let out = argumap(
        &[
            "eval",
            "-",
            "--from",
            "i23",
            "--semantics",
            "preferred",
            "--iccma",
        ],
        Some(i23),
    );
    assert!(
        ["w 1\n", "w 2\n"].contains(&stdout(&out).as_str()),
        "{}",
        stdout(&out)
    );
    let out = argumap(
        &["eval", "-", "--from", "i23", "--semantics", "stable"],
        Some(i23),
    );
    assert!(stdout(&out).contains("There is no stable extension"));
}

#[test]
fn eval_stops_at_its_budget_with_a_clear_message() {
    // Twelve independent mutual attacks: 3^12 complete labellings.
    let mut i23 = String::from("p af 24\n");
    for i in 0..12 {
        i23.push_str(&format!(
            "{} {}\n{} {}\n",
            2 * i + 1,
            2 * i + 2,
            2 * i + 2,
            2 * i + 1
        ));
    }
    let out = argumap(
        &[
            "eval",
            "-",
            "--from",
            "i23",
            "--semantics",
            "complete",
            "--limit",
            "50",
        ],
        Some(&i23),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not decided within the budget") && err.contains("--limit"),
        "{err}"
    );
}

#[test]
fn maps_convert_to_iccma_and_frameworks_to_maps() {
    let dir = tempfile::tempdir().unwrap();
    let apx = dir.path().join("debate.apx");
    let out = argumap(
        &[
            "convert",
            "maps/encryption-debate.json",
            "-o",
            apx.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&apx).unwrap();
    assert!(text.contains("% a1 = pause-encryption: "), "{text}");
    // The framework written gives the same grounded verdicts as the map itself.
    let named = iccma::read(&text, Dialect::Apx).unwrap();
    let from_file = argumap::analysis::semantics::grounded(&named.af).labels;
    let map = argumap::format::json::from_str(
        &std::fs::read_to_string(root("maps/encryption-debate.json")).unwrap(),
    )
    .unwrap()
    .map;
    let direct =
        argumap::analysis::semantics::grounded(&argumap::analysis::semantics::from_map(&map).af)
            .labels;
    assert_eq!(from_file, direct);
    // A framework read as a map: each argument a claim, each attack a rebuttal.
    let json = dir.path().join("b2.json");
    let out = argumap(
        &[
            "convert",
            "tests/data/iccma/iccma2019_small/Small-result-b2.apx",
            "-o",
            json.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = argumap::format::json::from_str(&std::fs::read_to_string(&json).unwrap())
        .unwrap()
        .map;
    assert_eq!((back.claims().count(), back.relations().count()), (5, 8));
}

#[test]
fn a_broken_framework_is_reported_at_its_line() {
    let out = argumap(
        &["eval", "tests/data/iccma/malformed/n512p5q2_vh.apx"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("tests/data/iccma/malformed/n512p5q2_vh.apx:"),
        "{err}"
    );
    assert!(
        err.contains("error: `att(a194,a2` is not an apx fact"),
        "{err}"
    );
    assert!(err.contains("hint: the fact is cut short"), "{err}");
}

/// The four graphs of `tests/data/gradual/vectors.json`, built by hand from their names.
fn gradual_graphs() -> Vec<(
    &'static str,
    Vec<&'static str>,
    argumap::analysis::semantics::Bipolar,
)> {
    use argumap::analysis::semantics::Bipolar;
    let mut out = Vec::new();
    // potyka_stock: att(a,b) att(c,b) sup(c,a); w a=.5 b=.8 c=.2
    let mut g = Bipolar::new(3, 0.5);
    g.base = vec![0.5, 0.8, 0.2];
    g.attack(0, 1);
    g.attack(2, 1);
    g.support(2, 0);
    out.push(("potyka_stock", vec!["a", "b", "c"], g));
    // debate_tree: claim c; r1,r2 attack c; s1 supports c; u attacks r1; w=.5
    let mut g = Bipolar::new(5, 0.5);
    g.attack(1, 0);
    g.attack(2, 0);
    g.support(3, 0);
    g.attack(4, 1);
    out.push(("debate_tree", vec!["c", "r1", "r2", "s1", "u"], g));
    // mutual_rebuttal_cycle: a<->b attack, s supports a; w=.5
    let mut g = Bipolar::new(3, 0.5);
    g.attack(0, 1);
    g.attack(1, 0);
    g.support(2, 0);
    out.push(("mutual_rebuttal_cycle", vec!["a", "b", "s"], g));
    // odd_cycle_3: a->b->c->a attacks; w=1
    let mut g = Bipolar::new(3, 1.0);
    g.attack(0, 1);
    g.attack(1, 2);
    g.attack(2, 0);
    out.push(("odd_cycle_3", vec!["a", "b", "c"], g));
    out
}

#[test]
fn gradual_strengths_match_the_published_vectors() {
    use argumap::analysis::semantics::{strengths, Gradual, Tolerance};
    let vectors: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/data/gradual/vectors.json")).unwrap(),
    )
    .unwrap();
    for (name, nodes, graph) in gradual_graphs() {
        let case = vectors
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.starts_with(name))
            .map(|(_, v)| &v["formal_argumentation_0_3_0"])
            .unwrap();
        for (semantics, key) in [
            (Gradual::DfQuad, "DF-QuAD"),
            (Gradual::QuadraticEnergy, "QE-continuous-RK4"),
            (Gradual::HCategorizer, "h-categorizer(attacks only, tau=1)"),
        ] {
            let mut g = graph.clone();
            if semantics == Gradual::HCategorizer {
                g.base = vec![1.0; g.base.len()];
            }
            let got = strengths(&g, semantics, &Tolerance::default());
            let want = &case[key];
            if want["converged"] == serde_json::json!(false) {
                assert!(!got.converged, "{name} {key} must not claim convergence");
                continue;
            }
            assert!(got.converged, "{name} {key}");
            for (i, node) in nodes.iter().enumerate() {
                let w = want["strengths"][node].as_f64().unwrap();
                assert!(
                    (got.values[i] - w).abs() < 5e-6,
                    "{name} {key} {node}: {} vs {w}",
                    got.values[i]
                );
            }
        }
    }
}

#[test]
fn eval_strengths_come_with_their_convergence() {
    let out = argumap(
        &[
            "eval",
            "maps/school-uniforms.json",
            "--strength",
            "dfquad",
            "--json",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["converged"], true);
    let get = |id: &str| {
        v["elements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()["strength"]
            .as_f64()
            .unwrap()
    };
    // A rebutted claim ends below its base score; the thesis it supports above it.
    assert!(get("less-bullying") < 0.5);
    assert!(get("less-bullying") < get("equality-argument"));
    // An odd cycle of attacks with base scores of 1: DF-QuAD oscillates and says so.
    let cycle = r#"{"argumap": 1, "title": "Cycle", "claims": [
        {"id": "a", "text": "A", "rebuts": ["b"], "ext": {"base_score": 1}},
        {"id": "b", "text": "B", "rebuts": ["c"], "ext": {"base_score": 1}},
        {"id": "c", "text": "C", "rebuts": ["a"], "ext": {"base_score": 1}}]}"#;
    let out = argumap(&["eval", "-", "--strength", "dfquad"], Some(cycle));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did not converge") && err.contains("--strength qe"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no strengths are printed");
    let out = argumap(&["eval", "-", "--strength", "qe"], Some(cycle));
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("0.682  `a`"), "{}", stdout(&out));
}

#[test]
fn the_report_reads_like_a_coachs_notes() {
    let out = argumap(&["report", "maps/encryption-debate.json"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for line in [
        "Sides: The governments and Facebook.",
        "- \"Pause Facebook's pivot to privacy\" is undecided (strength 0.74): 2 reasons in support, one attack against.",
        "- Open: \"Pause Facebook's pivot to privacy\" against \"Facebook goes ahead with encryption\".",
        "- None: every rebuttal got an answer.",
        "- \"Facebook goes ahead with encryption\": Facebook's statement is announced ('Facebook stated that:') and not printed",
        "- \"Apple refused FBI backdoor\" (background).",
        "- Facebook answers William Barr, Peter Dutton, Kevin McAleenan and Priti Patel: one attack.",
        "- Government of Australia, Government of the United Kingdom and Government of the United States: assert \"Tech firms should allow data access\".",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        !text.contains("defeated by"),
        "nothing of the article falls:\n{text}"
    );
    let text = stdout(&argumap(&["report", "maps/school-uniforms.json"], None));
    for line in [
        "- Proposition has not answered: \"Uniforms harm some pupils\" rebuts \"Compulsory school uniforms\".",
        "- Opposition has not answered: \"Cost is a design choice\" rebuts \"Cost burdens poorer families\".",
        "- … and 1 more (--all shows them).",
        "- \"Compulsory school uniforms\" falls (strength 0.52): 6 reasons in support (2 of them fall), 4 attacks against.",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let all = stdout(&argumap(
        &["report", "maps/school-uniforms.json", "--all"],
        None,
    ));
    assert!(!all.contains("more (--all shows them)"), "{all}");
    assert!(all.len() > text.len());
    let out = argumap(&["report", "maps/school-uniforms.json", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sides"], serde_json::json!(["Proposition", "Opposition"]));
    assert_eq!(v["unanswered"][0]["must_answer"], "Proposition");
    assert!(!v["theses"].as_array().unwrap().is_empty());
    assert!(v["positions"].as_array().unwrap().len() >= 4);
}
