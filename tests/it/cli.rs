//! The command line, run as a user runs it: exit codes, standard streams, messages, and
//! output files that are never left half-written.

use std::process::{Command, Output, Stdio};

use crate::support::{assert_golden, root, run};

fn argumap(args: &[&str]) -> Output {
    run(args).output()
}

fn argumap_stdin(args: &[&str], input: &str) -> Output {
    run(args).stdin(input).output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn check_passes_every_map() {
    for path in crate::support::maps() {
        let rel = format!("maps/{}", path.file_name().unwrap().to_string_lossy());
        let out = argumap(&["check", "--deny-warnings", &rel]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stderr).starts_with(&format!("{rel}: ok (")));
    }
}

#[test]
fn check_names_every_problem_with_line_column_and_hint() {
    for name in [
        "three-mistakes",
        "not-json",
        "wrong-version",
        "non-ascii",
        "wrong-kinds",
    ] {
        let out = argumap(&["check", &format!("tests/broken/{name}.json")]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty());
        assert_golden(&format!("tests/broken/{name}.stderr"), &text(&out.stderr));
    }
    let out = argumap(&["check", "tests/broken/three-mistakes.json"]);
    let first_lines: Vec<String> = text(&out.stderr)
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        first_lines,
        [
            "tests/broken/three-mistakes.json:9:70: error: unknown field `supprts` in a claim",
            "tests/broken/three-mistakes.json:10:76: error: no element has the id `police-blockd`",
            "tests/broken/three-mistakes.json:11:12: error: the id `pause-encryption` is used twice",
        ]
    );
}

#[test]
fn convert_reads_stdin_and_writes_stdout() {
    let map = std::fs::read_to_string(root("maps/encryption-debate.json")).unwrap();
    let out = argumap_stdin(&["convert", "-", "--to", "json"], &map);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(root("tests/golden/encryption-debate.json")).unwrap()
    );
    let out = argumap_stdin(&["convert", "-", "-o", "-", "--to", "dot"], &map);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(root("tests/golden/encryption-debate.dot")).unwrap()
    );
}

#[test]
fn convert_takes_the_format_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (file, golden) in [
        ("m.dot", "encryption-debate.dot"),
        ("m.gv", "encryption-debate.dot"),
        ("m.json", "encryption-debate.json"),
    ] {
        let target = dir.path().join(file);
        let out = argumap(&[
            "convert",
            "maps/encryption-debate.json",
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            std::fs::read_to_string(root(&format!("tests/golden/{golden}"))).unwrap()
        );
    }
    // No leftovers from the atomic write.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn a_failed_convert_leaves_the_existing_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("keep.dot");
    std::fs::write(&target, "precious").unwrap();
    let out = argumap(&[
        "convert",
        "tests/broken/three-mistakes.json",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let cases: [&[&str]; 6] = [
        &["check", "maps/no-such-map.json"],
        &["convert", "maps/encryption-debate.json", "--to", "pdf"],
        &["convert", "maps/encryption-debate.json"],
        &[
            "convert",
            "maps/encryption-debate.json",
            "-o",
            "out.unknown",
        ],
        &["frobnicate"],
        &[
            "convert",
            "maps/encryption-debate.json",
            "-o",
            "/nonexistent-dir/x.dot",
        ],
    ];
    for args in cases {
        let out = argumap(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!out.stderr.is_empty());
    }
    let out = argumap(&["check", "maps/no-such-map.json"]);
    assert_eq!(
        text(&out.stderr),
        "argumap: error: cannot read `maps/no-such-map.json`: no such file\n"
    );
}

#[test]
fn stats_counts_the_map() {
    let out = argumap(&["stats", "--json", "maps/encryption-debate.json"]);
    assert_eq!(out.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let map = argumap::format::json::from_str(
        &std::fs::read_to_string(root("maps/encryption-debate.json")).unwrap(),
    )
    .unwrap()
    .map;
    assert_eq!(stats["claims"], map.claims().count());
    assert_eq!(stats["actors"], map.actors().count());
    let out = argumap(&["stats", "maps/encryption-debate.json"]);
    assert!(text(&out.stdout).contains("unanswered rebuttals"));
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = argumap(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(root("schema/argumap-1.schema.json")).unwrap()
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args(["schema"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn gen_shapes_are_named_in_help_and_each_writes_a_map_that_checks() {
    let help = text(&argumap(&["gen", "--help"]).stdout);
    let dir = tempfile::tempdir().unwrap();
    for shape in [
        "default",
        "actor-per-claim",
        "one-speaker",
        "fan",
        "chain",
        "crowd",
        "groups",
        "dialogue",
        "debate",
    ] {
        assert!(help.contains(shape), "{shape} in {help}");
        let map = dir.path().join(format!("{shape}.json"));
        let map = map.to_str().unwrap();
        let out = argumap(&["gen", "200", "--shape", shape, "-o", map]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = argumap(&["check", map]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("(200 claims"), "{shape}");
    }
    let out = argumap(&["gen", "10", "--shape", "spiral"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gen_writes_the_same_clean_map_twice_and_its_argdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    for name in ["a.json", "b.json"] {
        let out = argumap(&[
            "gen",
            "300",
            "--seed",
            "7",
            "-o",
            &path(name),
            "--argdown",
            &path("a.argdown"),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let a = std::fs::read_to_string(path("a.json")).unwrap();
    assert_eq!(a, std::fs::read_to_string(path("b.json")).unwrap());
    let out = argumap(&["check", "--deny-warnings", &path("a.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("(300 claims, 30 arguments"));
    let argdown = std::fs::read_to_string(path("a.argdown")).unwrap();
    assert!(argdown.contains("[s300]: "));
}

#[cfg(unix)]
#[test]
fn output_files_get_the_usual_mode_and_keep_a_replaced_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("m.dot");
    let target_str = target.to_str().unwrap();
    let mode = || std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    let out = argumap(&["convert", "maps/school-uniforms.json", "-o", target_str]);
    assert_eq!(out.status.code(), Some(0));
    // Not the 0600 of a temporary file: 0666 less the umask, as for any new file.
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?.to_owned();
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        });
    if let Some(umask) = umask {
        assert_eq!(mode(), 0o666 & !umask, "mode {:o}", mode());
    }
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = argumap(&["convert", "maps/school-uniforms.json", "-o", target_str]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mode(), 0o640);
}

#[test]
fn warnings_of_one_kind_are_counted_in_one_line_unless_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut claims = vec![r#"{"id": "t", "text": "T", "by": ["a"]}"#.to_owned()];
    for i in 0..10 {
        claims.push(format!(
            r#"{{"id": "c{i}", "text": "C{i}", "supports": ["t"]}}"#
        ));
    }
    let map = format!(
        r#"{{"argumap": 1, "title": "T", "actors": [{{"id": "a", "name": "A", "kind": "person"}}], "claims": [{}]}}"#,
        claims.join(", ")
    );
    std::fs::write(dir.path().join("many.json"), &map).unwrap();
    let out = crate::support::argumap_in(dir.path(), &["check", "many.json"]);
    let err = crate::support::stderr(&out);
    assert_eq!(err.matches("warning: nobody is said").count(), 3, "{err}");
    assert!(
        err.contains("many.json: and 7 more warnings like \"nobody is said to have made the claim `c3`\" (--all shows them)"),
        "{err}"
    );
    let out = crate::support::argumap_in(dir.path(), &["check", "many.json", "--all"]);
    let err = crate::support::stderr(&out);
    assert_eq!(err.matches("warning: nobody is said").count(), 10, "{err}");
    // When no claim names its speaker, one finding says so.
    std::fs::write(
        dir.path().join("none.json"),
        map.replace(r#", "by": ["a"]"#, ""),
    )
    .unwrap();
    let out = crate::support::argumap_in(dir.path(), &["check", "none.json"]);
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("warning: none of the 11 claims says who made it"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
}

#[test]
fn a_bad_choice_is_a_usage_error_that_lists_the_values() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "convert",
                "maps/school-uniforms.json",
                "--to",
                "dot",
                "--status",
                "bogus",
            ],
            "grounded, complete, preferred, stable, dfquad, qe, hcat",
        ),
        (
            &[
                "convert",
                "maps/school-uniforms.json",
                "--to",
                "dot",
                "--theme",
                "neon",
            ],
            "use colour, colourblind or print",
        ),
        (
            &[
                "convert",
                "maps/school-uniforms.json",
                "--to",
                "dot",
                "--rankdir",
                "up",
            ],
            "use TB, BT, LR or RL",
        ),
        (
            &[
                "render",
                "maps/school-uniforms.json",
                "-o",
                "x.svg",
                "--engine",
                "fast",
            ],
            "use auto, graphviz or builtin",
        ),
        (
            &["eval", "maps/school-uniforms.json", "--semantics", "ideal"],
            "use grounded, complete, preferred or stable",
        ),
    ];
    for (args, values) in cases {
        let out = argumap(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("invalid value"), "{args:?}: {err}");
        assert!(err.contains(values), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing is written");
    }
    // The other spellings the library reads stay accepted.
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "--to",
        "DOT",
        "--status",
        "gr",
        "--theme",
        "color",
        "--rankdir",
        "lr",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("rankdir=\"LR\""));
}

#[test]
fn help_and_completions_list_the_values_of_a_choice() {
    let out = argumap(&["convert", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("[possible values: grounded, complete, preferred, stable, dfquad, qe, hcat]"),
        "{help}"
    );
    let out = argumap(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    assert!(
        script.contains("grounded complete preferred stable dfquad qe hcat"),
        "--status completes to its values"
    );
    assert!(script.contains("colour colourblind print"));
    assert!(script.contains("auto graphviz builtin"));
}

#[test]
fn check_prints_problems_as_json_for_tools() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"argumap\": 1, \"title\": \"T\",\n  \"claims\": [\n    {\"id\": \"motion\", \"text\": \"M\"},\n    {\"id\": \"tired\", \"text\": \"T\", \"suports\": [\"motion\"]},\n    {\"id\": \"p\", \"text\": \"P\", \"rebuts\": [\"motoin\"]}\n  ]\n}\n",
    )
    .unwrap();
    let out = crate::support::argumap_in(
        dir.path(),
        &["check", "broken.json", "--message-format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", crate::support::stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    let codes: Vec<&str> = problems
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-field", "unknown-id"]);
    let unknown = &problems[1];
    assert_eq!(unknown["path"], "broken.json");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(5), Some(41))
    );
    assert_eq!(unknown["end_column"].as_u64(), Some(49));
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["fix"]["replacement"], "\"motion\"");
    // A clean map, naming its schema, passes with no problems, even with --deny-warnings.
    let map = std::fs::read_to_string(root("maps/school-uniforms.json")).unwrap();
    let with_schema = map.replacen("{", "{\n  \"$schema\": \"argumap-1.schema.json\",", 1);
    std::fs::write(dir.path().join("clean.json"), with_schema).unwrap();
    let out = crate::support::argumap_in(
        dir.path(),
        &[
            "check",
            "clean.json",
            "--deny-warnings",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["problems"], serde_json::json!([]));
}

#[test]
fn new_names_the_schema_by_its_path_from_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::argumap_in(dir.path(), &["schema"]);
    std::fs::write(dir.path().join("argumap-1.schema.json"), &out.stdout).unwrap();
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    let out = crate::support::argumap_in(
        dir.path(),
        &["new", "maps/m.json", "--schema", "argumap-1.schema.json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::support::stderr(&out)
    );
    let text = std::fs::read_to_string(dir.path().join("maps/m.json")).unwrap();
    assert!(
        text.starts_with("{\n  \"$schema\": \"../argumap-1.schema.json\",\n  \"argumap\": 1,"),
        "{text}"
    );
    let out = crate::support::argumap_in(dir.path(), &["check", "maps/m.json", "--deny-warnings"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::support::stderr(&out)
    );
    let out = crate::support::argumap_in(
        dir.path(),
        &["new", "maps/n.json", "--schema", "missing.schema.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::support::stderr(&out).contains("argumap schema > missing.schema.json"));
}

#[cfg(unix)]
#[test]
fn output_through_a_link_or_into_a_named_pipe_keeps_the_link_and_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    // A link: the file it points to gets the map, and the link stays a link.
    let real = dir.path().join("real.dot");
    let link = dir.path().join("link.dot");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .starts_with("digraph"));

    // A named pipe (as `/dev/null` is a device): written in place, never renamed over.
    let fifo = dir.path().join("pipe.dot");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args(["convert", "maps/school-uniforms.json", "-o"])
        .arg(&fifo)
        .current_dir(root(""))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the named pipe was replaced by a {kind:?}");
    assert!(reader.join().unwrap().starts_with("digraph"));
}

#[test]
fn a_file_argumap_only_writes_is_named_as_such_not_parsed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["v.graphml", "v.mmd", "v.dot", "v.svg", "v.png"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "<?xml version=\"1.0\"?>").unwrap();
        let out = argumap(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = text(&out.stderr);
        assert!(
            err.contains("which argumap writes but never reads"),
            "{name}: {err}"
        );
        assert!(
            err.contains("argdown"),
            "{name}: the readable formats are listed: {err}"
        );
    }
}

#[test]
fn a_missing_output_folder_is_named_without_a_temporary_file_or_an_error_number() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out").join("v.dot");
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("the folder") && err.contains("does not exist"),
        "{err}"
    );
    assert!(
        !err.contains(".argumap-") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn a_folder_as_input_means_every_map_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path().join("maps");
    std::fs::create_dir(&maps).unwrap();
    for name in ["school-uniforms.json", "encryption-debate.json"] {
        std::fs::copy(root("maps").join(name), maps.join(name)).unwrap();
    }
    std::fs::write(maps.join("notes.md"), "not a map").unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = argumap(&[
        "convert",
        maps.to_str().unwrap(),
        "--to",
        "dot",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["encryption-debate.dot", "school-uniforms.dot"]);
    // Without an output folder, the message says how to give one.
    let out = argumap(&["convert", maps.to_str().unwrap(), "--to", "dot"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("-o FOLDER"));
}

#[test]
fn an_english_word_for_a_kind_gets_the_kind_and_a_fix() {
    let map = r#"{"argumap": 1, "title": "T", "claims": [
  {"id": "a", "text": "A claim."},
  {"id": "b", "text": "Another claim."}
], "relations": [{"from": "b", "to": "a", "kind": "rebuttal"}, {"from": "a", "to": "b", "kind": "Support"}]}"#;
    let out = argumap_stdin(&["check", "-", "--message-format", "json"], map);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    let fixes: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["hint"].as_str().unwrap(),
                p["fix"]["replacement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        fixes,
        [
            ("did you mean `rebuts`?", "\"rebuts\""),
            ("did you mean `supports`?", "\"supports\"")
        ]
    );
}

#[test]
fn one_id_where_a_list_goes_is_put_in_brackets_with_the_writers_own_id() {
    let map = r#"{"argumap": 1, "title": "T", "claims": [
  {"id": "a", "text": "A claim.", "by": "amara"}
], "actors": [{"id": "amara", "name": "Amara", "kind": "person"}]}"#;
    let out = argumap_stdin(&["check", "-", "--message-format", "json"], map);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problem = &report["problems"][0];
    assert_eq!(
        problem["hint"],
        "write a list in brackets, even for one id: [\"amara\"]"
    );
    assert_eq!(problem["fix"]["replacement"], "[\"amara\"]");
}

#[test]
fn new_writes_argdown_for_an_argdown_file_and_it_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("votes.argdown");
    let out = argumap(&["new", path.to_str().unwrap(), "--title", "Votes at 16"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("===\ntitle: \"Votes at 16\""),
        "{written}"
    );
    let out = argumap(&["check", "--deny-warnings", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A schema names nothing in Argdown.
    let out = argumap(&[
        "new",
        dir.path().join("b.argdown").to_str().unwrap(),
        "--schema",
        "schema/argumap-1.schema.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
