//! Maps in and out through the command line, as a user moves them between tools: the format
//! found from the extension and the content (AIF, xAIF, SADFace and our map are all `.json`),
//! a picture with the speakers of an AIFdb, xAIF or Argdown file, and maps written back out
//! as AIF, Argdown and Kialo and read in again.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use argumap::format::{self, Format};
use argumap::model::{Map, RelationKind};

use crate::support::{argumap_in as argumap, maps, root, stderr};

fn sample(rel: &str) -> PathBuf {
    root(&format!("tests/data/{rel}"))
}

/// The samples, each with the format it must be read as and the speakers it names.
fn samples() -> Vec<(PathBuf, Format, Vec<&'static str>)> {
    let people = vec!["Mara Lind", "Tomas Ek", "Nina Roos"];
    vec![
        (sample("aif/sample.aif.json"), Format::Aif, people.clone()),
        (sample("aif/sample.xaif.json"), Format::Aif, people.clone()),
        (
            sample("argdown/sample.argdown"),
            Format::Argdown,
            people.clone(),
        ),
        (
            sample("sadface/sample.sadface.json"),
            Format::Sadface,
            vec![],
        ),
        (sample("kialo/sample-kialo.txt"), Format::Kialo, vec![]),
        (
            sample("microtexts/sample.microtexts.xml"),
            Format::Microtexts,
            vec![],
        ),
        (
            root("maps/encryption-debate.json"),
            Format::Json,
            vec!["Facebook"],
        ),
    ]
}

#[test]
fn formats_are_told_apart_by_extension_and_content() {
    for (path, format, _) in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(Format::detect(&path, &text), format, "{}", path.display());
        // Without a telling name (standard input, or a file called `map`), content decides.
        assert_eq!(
            Format::detect(Path::new("-"), &text),
            format,
            "{} as stdin",
            path.display()
        );
        assert_eq!(
            Format::detect(Path::new("map"), &text),
            format,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_picture_of_each_sample_names_its_speakers() {
    let dir = tempfile::tempdir().unwrap();
    for (path, _, speakers) in samples() {
        let out_path = dir.path().join("out.svg");
        let out = argumap(
            dir.path(),
            &[
                "render",
                path.to_str().unwrap(),
                "-o",
                "out.svg",
                "--engine",
                "builtin",
            ],
        );
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        let svg = std::fs::read_to_string(&out_path).unwrap();
        for speaker in speakers {
            assert!(
                svg.contains(speaker),
                "{}: no {speaker} in the picture",
                path.display()
            );
        }
        // The same from standard input, where only the content tells the format.
        let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
            .args(["convert", "-", "--to", "json", "-o", "-"])
            .stdin(Stdio::from(std::fs::File::open(&path).unwrap()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let piped = child.wait().unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut text).unwrap();
        assert!(piped.success(), "{} from stdin", path.display());
        assert!(
            argumap::format::json::from_str(&text).is_ok(),
            "{}",
            path.display()
        );
    }
}

/// Claim texts, relations (kind and the texts at their ends) and actor names.
type Essentials = (
    Vec<String>,
    Vec<(RelationKind, String, String)>,
    Vec<String>,
);

/// Claims by text, relation kinds, and actors by name: what every lossless round trip keeps.
fn essentials(map: &Map) -> Essentials {
    let text = |id: &str| match map.element(id) {
        Some(argumap::model::Element::Claim(c)) => c.text.clone(),
        _ => format!("<{id}>"),
    };
    let mut claims: Vec<String> = map.claims().map(|c| c.text.clone()).collect();
    claims.sort();
    let mut relations: Vec<_> = map
        .relations()
        .map(|r| (r.kind, text(&r.from), text(&r.to)))
        .collect();
    relations.sort();
    let mut actors: Vec<String> = map.actors().map(|a| a.name.clone()).collect();
    actors.sort();
    (claims, relations, actors)
}

#[test]
fn maps_go_out_as_aif_argdown_and_kialo_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    for path in maps() {
        let original = format::json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .map;
        for (name, to) in [("out-aif.json", "aif"), ("out.argdown", "argdown")] {
            let out = argumap(
                dir.path(),
                &["convert", path.to_str().unwrap(), "-o", name, "--to", to],
            );
            assert!(out.status.success(), "{to}: {}", stderr(&out));
            let back = argumap(dir.path(), &["convert", name, "-o", "back.json"]);
            assert!(back.status.success(), "{to} back: {}", stderr(&back));
            let again = format::json::from_str(
                &std::fs::read_to_string(dir.path().join("back.json")).unwrap(),
            )
            .unwrap()
            .map;
            assert_eq!(
                essentials(&again),
                essentials(&original),
                "{} through {to}",
                path.display()
            );
        }
        // Kialo holds only a tree of pro and con claims: the command says what it leaves out.
        let out = argumap(
            dir.path(),
            &["convert", path.to_str().unwrap(), "-o", "out.txt"],
        );
        assert!(out.status.success(), "kialo: {}", stderr(&out));
        assert!(
            stderr(&out).contains("actor") || original.actors().count() == 0,
            "{}",
            stderr(&out)
        );
        let back = argumap(dir.path(), &["stats", "out.txt", "--json"]);
        assert!(back.status.success(), "kialo back: {}", stderr(&back));
    }
}

#[test]
fn a_wrong_or_unreadable_format_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let aif = sample("aif/sample.aif.json");
    let out = argumap(
        dir.path(),
        &["check", aif.to_str().unwrap(), "--from", "kialo"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(":1:"), "{}", stderr(&out));

    let out = argumap(
        dir.path(),
        &["check", aif.to_str().unwrap(), "--from", "graphml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read it"), "{}", stderr(&out));

    let out = argumap(
        dir.path(),
        &["check", aif.to_str().unwrap(), "--from", "yaml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("argdown, aif, kialo"),
        "{}",
        stderr(&out)
    );

    let map = root("maps/school-uniforms.json");
    let out = argumap(
        dir.path(),
        &[
            "convert",
            map.to_str().unwrap(),
            "-o",
            "x.sadface",
            "--to",
            "sadface",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sadface"), "{}", stderr(&out));
}
