//! `argumap render`, as a user runs it: every map to every picture format through the real
//! Graphviz, views of big maps, and clear messages when Graphviz is missing, fails, takes too
//! long, or the map is too big, with any existing output left untouched.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{run, stderr, tool};

fn argumap_with_path(args: &[&str], path: Option<&Path>) -> Output {
    match path {
        Some(path) => run(args).path(path).output(),
        None => run(args).output(),
    }
}

fn argumap(args: &[&str]) -> Output {
    argumap_with_path(args, None)
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn every_map_renders_to_svg_png_pdf_and_html() {
    if tool("dot", "-V").is_none() {
        return;
    }
    let dir = temp();
    for map in crate::support::maps() {
        let stem = map.file_stem().unwrap().to_string_lossy().into_owned();
        for ext in ["svg", "png", "pdf", "html"] {
            let out_path = dir.path().join(format!("{stem}.{ext}"));
            let out = argumap(&[
                "render",
                map.to_str().unwrap(),
                "-o",
                out_path.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(0), "{stem}.{ext}: {}", stderr(&out));
            assert!(out.stdout.is_empty());
            let bytes = std::fs::read(&out_path).unwrap();
            let head = &bytes[..bytes.len().min(400)];
            let head_text = String::from_utf8_lossy(head);
            match ext {
                "svg" => assert!(head_text.contains("<svg"), "{stem}.svg"),
                "png" => assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{stem}.png"),
                "pdf" => assert!(bytes.starts_with(b"%PDF-"), "{stem}.pdf"),
                _ => assert!(head_text.starts_with("<!DOCTYPE html>"), "{stem}.html"),
            }
            if ext == "svg" || ext == "html" {
                let text = String::from_utf8(bytes).unwrap();
                let map = argumap::format::json::from_str(&std::fs::read_to_string(&map).unwrap())
                    .unwrap()
                    .map;
                // Every claim is drawn, under its id (Graphviz writes `-` as `&#45;`).
                for claim in map.claims() {
                    let title = format!("<title>{}</title>", claim.id.replace('-', "&#45;"));
                    assert!(text.contains(&title), "{stem}.{ext} lacks {}", claim.id);
                }
            }
        }
    }
}

#[test]
fn themes_clusters_and_actor_styles_all_render() {
    if tool("dot", "-V").is_none() {
        return;
    }
    let dir = temp();
    let out_path = dir.path().join("x.svg");
    let out_str = out_path.to_str().unwrap();
    for args in [
        &["--theme", "print", "--actors", "badges"][..],
        &["--theme", "colourblind", "--cluster", "actors"],
        &["--cluster", "tags", "--rankdir", "LR"],
        &["--actors", "none", "--cluster", "none", "--no-legend"],
    ] {
        let mut all = vec!["render", "maps/encryption-debate.json", "-o", out_str];
        all.extend(args);
        let out = argumap(&all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let svg = std::fs::read_to_string(&out_path).unwrap();
        if args.contains(&"print") {
            // Greyscale: no colour that is not a grey anywhere in the picture.
            for hex in svg.split('#').skip(1).filter_map(|s| s.get(..6)) {
                if hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    let (r, g, b) = (&hex[0..2], &hex[2..4], &hex[4..6]);
                    assert!(r == g && g == b, "print theme has colour #{hex}");
                }
            }
        }
        if args.contains(&"actors") && args.contains(&"--cluster") {
            assert!(svg.contains("<title>cluster_actor:"), "{args:?}");
        }
    }
}

#[test]
fn views_draw_part_of_the_map_and_say_what_was_left_out() {
    let dir = temp();
    let dot = dir.path().join("part.dot");
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "-o",
        dot.to_str().unwrap(),
        "--max-nodes",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("showing 5 of ") && message.contains("left out"),
        "{message}"
    );
    let out = argumap(&[
        "convert",
        "maps/encryption-debate.json",
        "--to",
        "dot",
        "--focus",
        "no-such-claim",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("no element has the id `no-such-claim`") && message.contains("hint:"),
        "{message}"
    );
}

/// A directory holding a fake `dot` that runs `script`.
fn fake_dot(dir: &Path, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dot = bin.join("dot");
    std::fs::write(&dot, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn missing_failing_and_slow_graphviz_get_clear_messages_and_lose_nothing() {
    let dir = temp();
    let out_path = dir.path().join("keep.svg");
    std::fs::write(&out_path, "precious").unwrap();
    let out_str = out_path.to_str().unwrap();
    let render = |path: &Path, extra: &[&str]| {
        let mut args = vec!["render", "maps/encryption-debate.json", "-o", out_str];
        args.extend(extra);
        argumap_with_path(&args, Some(path))
    };

    // No `dot` on the PATH: asking for Graphviz fails clearly (auto and builtin draw with
    // the built-in engine instead: tests/it/builtin.rs).
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = render(&empty, &["--engine", "graphviz"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("was not found on the PATH")
            && message.contains("apt-get install graphviz")
            && message.contains("--engine builtin"),
        "{message}"
    );

    // `dot` fails.
    let failing = fake_dot(
        &dir.path().join("failing"),
        "/bin/cat > /dev/null; echo 'Error: syntax error in line 3' >&2; exit 1",
    );
    let out = render(&failing, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Graphviz failed") && stderr(&out).contains("syntax error in line 3"),
        "{}",
        stderr(&out)
    );

    // `dot` hangs.
    let slow = fake_dot(&dir.path().join("slow"), "exec /bin/sleep 30");
    let started = std::time::Instant::now();
    let out = render(&slow, &["--timeout", "1"]);
    assert!(started.elapsed().as_secs() < 20, "the time limit held");
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("did not finish within 1 s") && message.contains("--focus"),
        "{message}"
    );

    // Too big to lay out: refused at once, with views suggested.
    let out = render(&failing, &["--max-layout", "10"]);
    let message = stderr(&out);
    assert!(
        message.contains("too big to draw whole") && message.contains("--max-nodes"),
        "{message}"
    );

    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "precious");
}

#[test]
fn unknown_picture_formats_are_usage_errors() {
    let out = argumap(&["render", "maps/encryption-debate.json", "-o", "x.gif"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("name it .svg, .png, .pdf or .html"));
    let out = argumap(&[
        "render",
        "maps/encryption-debate.json",
        "-o",
        "x.svg",
        "--theme",
        "neon",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use colour, colourblind or print"));
}

#[test]
fn actors_are_nodes_on_small_maps_and_badges_when_arrows_would_tangle() {
    let small = argumap(&["convert", "maps/encryption-debate.json", "--to", "dot"]);
    assert!(String::from_utf8_lossy(&small.stdout).contains("class=\"asserts\""));
    let busy = argumap(&["convert", "maps/school-uniforms.json", "--to", "dot"]);
    let busy = String::from_utf8(busy.stdout).unwrap();
    assert!(!busy.contains("class=\"asserts\"") && busy.contains("\\n— First Proposition speaker"));
    let forced = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "--to",
        "dot",
        "--actors",
        "nodes",
    ]);
    assert!(String::from_utf8_lossy(&forced.stdout).contains("class=\"asserts\""));
}

#[test]
fn big_maps_draw_actors_as_badges_by_default() {
    let dir = temp();
    let map = dir.path().join("big.json");
    let out = argumap(&["gen", "800", "-o", map.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let out = argumap(&["convert", map.to_str().unwrap(), "--to", "dot"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("would take Graphviz minutes"));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(!dot.contains("class=\"asserts\""), "no stance arrows");
    assert!(dot.contains("\\n— "), "badges name the asserting actor");
}

#[test]
fn hostile_text_stays_text_in_the_svg() {
    use argumap::model::{ActorKind, MapBuilder};
    use argumap::render::{render, Output, RenderOptions};
    if tool("dot", "-V").is_none() {
        return;
    }
    let map = MapBuilder::new("</title><script>alert(0)</script>")
        .actor("x", "<img src=x onerror=alert(1)>", ActorKind::Person)
        .claim("a", "<script>alert(2)</script>")
        .claim("b", "]]> <!-- \"quotes\" & 'apostrophes' \u{202E}reversed")
        .rebuts("b", "a")
        .asserts("x", "a")
        .build()
        .unwrap();
    let svg = render(&map, Output::Svg, &RenderOptions::default()).unwrap();
    let svg = String::from_utf8(svg).unwrap();
    assert!(!svg.contains("<script"), "no script element");
    assert!(!svg.contains("<img"), "no img element");
    assert!(svg.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(
        svg.contains("]]&gt;") && svg.contains("&lt;!&#45;&#45;"),
        "{svg}"
    );
    // Well-formed XML, as a browser needs it: checked by Python's parser when it is there.
    if let Some(python) = tool("python3", "--version") {
        let mut child = Command::new(python)
            .args(["-c", "import sys, xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read()); print('ok')"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(svg.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    }
}

#[test]
fn status_marks_read_without_colour_and_graphviz_draws_them() {
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "--to",
        "dot",
        "--status",
        "grounded",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dot = String::from_utf8(out.stdout).unwrap();
    let motion = dot
        .lines()
        .find(|l| l.trim_start().starts_with("\"motion\" ["))
        .unwrap();
    assert!(
        motion.contains("\\n✘ falls") && motion.contains("dashed"),
        "{motion}"
    );
    assert!(
        dot.contains("\"legend:✔ stands\""),
        "a legend entry for the marks"
    );
    let out = argumap(&[
        "convert",
        "maps/school-uniforms.json",
        "--to",
        "dot",
        "--status",
        "dfquad",
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("strength 0."));
    if tool("dot", "-V").is_none() {
        return;
    }
    let dir = temp();
    for status in ["grounded", "preferred", "qe"] {
        let svg = dir.path().join(format!("{status}.svg"));
        let out = argumap(&[
            "render",
            "maps/school-uniforms.json",
            "-o",
            svg.to_str().unwrap(),
            "--status",
            status,
            "--engine",
            "graphviz",
        ]);
        assert_eq!(out.status.code(), Some(0), "{status}: {}", stderr(&out));
    }
}
