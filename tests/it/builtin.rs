//! The built-in engine, as a user runs it: every map to SVG, PNG, PDF and HTML with nothing
//! installed, `--engine auto` falling back to it when Graphviz is missing, every theme and
//! clustering, hostile text kept as text, every element drawn under its id, and every label
//! fitting inside its node (measured again here, with the bundled font read by ttf-parser).

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use argumap::export::dot::{ClusterBy, DotOptions, RankDir, Theme};
use argumap::model::{ActorKind, Map, MapBuilder, RelationKind, StanceKind};
use argumap::render::{render, Engine, Output as Picture, RenderOptions};

use crate::support::{maps, python, run, stderr};

fn argumap(args: &[&str], path: Option<&Path>) -> Output {
    match path {
        Some(path) => run(args).path(path).output(),
        None => run(args).output(),
    }
}

fn load(path: &Path) -> Map {
    argumap::format::json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .map
}

fn builtin(map: &Map, dot: DotOptions) -> String {
    let options = RenderOptions {
        dot,
        engine: Engine::Builtin,
        ..RenderOptions::default()
    };
    String::from_utf8(render(map, Picture::Svg, &options).unwrap()).unwrap()
}

/// Parses the SVG as XML (a strict parser: any escaping mistake fails here) and checks its
/// root.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    doc
}

/// The first `<title>` child of each `<g>` with `class` starting with `kind`.
fn titles<'a>(doc: &'a roxmltree::Document, kind: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').next() == Some(kind))
        })
        .filter_map(|g| g.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect()
}

/// Checks that every element of the map is drawn under its id, and every relation as
/// `from->to`.
fn check_every_element_is_drawn(map: &Map, doc: &roxmltree::Document, what: &str) {
    let nodes: HashSet<&str> = titles(doc, "node").into_iter().collect();
    let edges: HashSet<&str> = titles(doc, "edge").into_iter().collect();
    for claim in map.claims() {
        assert!(
            nodes.contains(claim.id.as_str()),
            "{what}: no node {}",
            claim.id
        );
    }
    for argument in map.arguments() {
        assert!(
            nodes.contains(argument.id.as_str()),
            "{what}: no node {}",
            argument.id
        );
    }
    for relation in map.relations() {
        let title = format!("{}->{}", relation.from, relation.to);
        assert!(edges.contains(title.as_str()), "{what}: no edge {title}");
    }
}

#[test]
fn every_map_renders_to_svg_png_pdf_and_html_with_nothing_installed() {
    let dir = tempfile::tempdir().unwrap();
    for path in maps() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let map = load(&path);
        for ext in ["svg", "png", "pdf", "html"] {
            let out_path = dir.path().join(format!("{stem}.{ext}"));
            let out = argumap(
                &[
                    "render",
                    path.to_str().unwrap(),
                    "-o",
                    out_path.to_str().unwrap(),
                    "--engine",
                    "builtin",
                ],
                // No `dot` anywhere: the built-in engine needs nothing.
                Some(dir.path()),
            );
            assert_eq!(out.status.code(), Some(0), "{stem}.{ext}: {}", stderr(&out));
            let bytes = std::fs::read(&out_path).unwrap();
            match ext {
                "png" => {
                    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{stem}.png");
                    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
                    assert!(width > 400, "{stem}.png is {width} pixels wide");
                }
                "pdf" => {
                    assert!(bytes.starts_with(b"%PDF-"), "{stem}.pdf");
                    assert!(bytes.windows(6).any(|w| w == b"DejaVu"), "font embedded");
                }
                "svg" => {
                    let svg = String::from_utf8(bytes).unwrap();
                    let doc = parse(&svg);
                    check_every_element_is_drawn(&map, &doc, &stem);
                    if let Some(python) = python() {
                        let out = Command::new(python)
                            .args([
                                "-c",
                                "import sys, xml.dom.minidom as m; m.parse(sys.argv[1]); print('ok')",
                            ])
                            .arg(&out_path)
                            .output()
                            .unwrap();
                        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok", "{stem}");
                    }
                }
                _ => {
                    let page = String::from_utf8(bytes).unwrap();
                    assert!(page.starts_with("<!DOCTYPE html>"));
                    // The page's script finds nodes by `g.node > title`, as in Graphviz's SVG.
                    let first = map.claims().next().unwrap();
                    assert!(page.contains(&format!(
                        "class=\"node claim\">\n<title>{}</title>",
                        first.id
                    )));
                    assert!(!page.contains("<?xml"), "the XML declaration is dropped");
                }
            }
        }
    }
}

#[test]
fn auto_uses_the_builtin_engine_when_graphviz_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("auto.svg");
    let out = argumap(
        &[
            "render",
            "maps/encryption-debate.json",
            "-o",
            out_path.to_str().unwrap(),
        ],
        Some(dir.path()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&out_path).unwrap();
    assert!(!svg.contains("Generated by graphviz"));
    assert!(svg.contains("font-family=\"DejaVu Sans, Verdana, sans-serif\""));
    parse(&svg);
    // PNG too, at the resolution asked for: twice the dpi, twice the pixels.
    let width = |dpi: &str| {
        let png = dir.path().join(format!("auto{dpi}.png"));
        let out = argumap(
            &[
                "render",
                "maps/encryption-debate.json",
                "-o",
                png.to_str().unwrap(),
                "--dpi",
                dpi,
            ],
            Some(dir.path()),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let bytes = std::fs::read(&png).unwrap();
        u32::from_be_bytes(bytes[16..20].try_into().unwrap())
    };
    let (single, double) = (width("72"), width("144"));
    assert!(double.abs_diff(2 * single) <= 2, "{single} and {double}");
}

#[test]
fn hostile_text_stays_text_in_the_builtin_svg() {
    let hostile = "<script>alert(2)</script> ]]> <!-- \"quotes\" & 'apostrophes' \u{202E}reversed\u{0}\u{1b}[31m\u{9f}";
    let map = MapBuilder::new("</title><script>alert(0)</script>")
        .actor("x", "<img src=x onerror=alert(1)>", ActorKind::Person)
        .claim("a", hostile)
        .claim("b", "]]><![CDATA[ x ]]> &amp; &#65; \u{FFFF}")
        .rebuts("b", "a")
        .asserts("x", "a")
        .build()
        .unwrap();
    for actors in [true, false] {
        let svg = builtin(&map, DotOptions::default().actors(actors));
        assert!(!svg.contains("<script"), "no script element");
        assert!(!svg.contains("<img"), "no img element");
        assert!(!svg.contains("<![CDATA["), "no CDATA section");
        assert!(!svg.contains("<!--"), "no comment");
        assert!(
            !svg.chars().any(|c| c.is_control() && c != '\n'),
            "no control character"
        );
        assert!(svg.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        // The parser gives back the very text, less the control characters.
        let doc = parse(&svg);
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect();
        let expected: String = hostile.chars().filter(|c| !c.is_control()).collect();
        assert!(texts.iter().any(|t| t.starts_with(&expected)), "{texts:?}");
        assert!(texts
            .iter()
            .any(|t| t == "</title><script>alert(0)</script>"));
        assert!(texts
            .iter()
            .any(|t| t.starts_with("]]><![CDATA[ x ]]> &amp; &#65; ")));
        let drawn: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(drawn.contains("\u{202E}reversed"), "{drawn}");
    }
}

/// A map with every kind of node and edge.
fn every_kind() -> Map {
    MapBuilder::new("Every kind of thing, with a title long enough to need more than one line to hold it")
        .actor("prop", "Proposition", ActorKind::Group)
        .actor("opp", "Opposition", ActorKind::Group)
        .actor("ann", "Ann", ActorKind::Person)
        .actor("bob", "Bob", ActorKind::Person)
        .actor("cat", "Cat", ActorKind::Person)
        .claim("motion", "Schools should require uniforms")
        .claim("equal", "Uniforms hide differences in family income, which is what matters to pupils who cannot afford brands")
        .claim("cost", "Uniforms cost poor families more")
        .claim("grants", "Grants pay for uniforms")
        .claim("p1", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW")
        .claim("never", "Schools should never require uniforms")
        .claim("same", "Uniforms make pupils look alike")
        .claim("wide", "шифрование κρυπτογράφηση تشفير 暗号化 mmmmmmmm")
        .supports("equal", "motion")
        .rebuts("cost", "equal")
        .argument("arg", &["p1", "grants"], "motion")
        .undercuts("cost", "arg")
        .supports("wide", "cost")
        .relation("never", RelationKind::Contradicts, "motion")
        .relation("same", RelationKind::Rephrases, "equal")
        .asserts("prop", "motion")
        .asserts("opp", "cost")
        .asserts("bob", "wide")
        .asserts("cat", "wide")
        .stance("opp", StanceKind::Denies, "motion")
        .stance("ann", StanceKind::Questions, "grants")
        .stance("ann", StanceKind::Endorses, "equal")
        .member_of("ann", "prop")
        .build()
        .unwrap()
}

#[test]
fn every_theme_clustering_and_direction_renders() {
    let maps: Vec<Map> = maps()
        .iter()
        .map(|p| load(p))
        .chain([every_kind()])
        .collect();
    for map in &maps {
        for theme in Theme::ALL {
            for clusters in ClusterBy::ALL {
                for (actors, legend, rankdir) in [
                    (true, true, None),
                    (false, true, Some(RankDir::LeftToRight)),
                    (true, false, Some(RankDir::TopToBottom)),
                    (false, true, Some(RankDir::RightToLeft)),
                ] {
                    let mut dot = DotOptions::default()
                        .theme(theme)
                        .clusters(clusters)
                        .actors(actors)
                        .legend(legend);
                    dot.rankdir = rankdir;
                    let what = format!(
                        "{} {theme} {clusters} {actors} {legend} {rankdir:?}",
                        map.title
                    );
                    let svg = builtin(map, dot);
                    let doc = parse(&svg);
                    check_every_element_is_drawn(map, &doc, &what);
                    check_text_fits(&doc, &what);
                    let has_legend = svg.contains("<title>cluster:legend</title>");
                    assert_eq!(has_legend, legend, "{what}");
                    if clusters == ClusterBy::Actors && actors && map.title.starts_with("Every") {
                        assert!(svg.contains("<title>cluster_actor:opp</title>"), "{what}");
                    }
                    if theme == Theme::Print {
                        // Greyscale: no colour that is not a grey anywhere in the picture.
                        for hex in svg.split('#').skip(1).filter_map(|s| s.get(..6)) {
                            if hex.chars().all(|c| c.is_ascii_hexdigit()) {
                                let (r, g, b) = (&hex[0..2], &hex[2..4], &hex[4..6]);
                                assert!(r == g && g == b, "{what}: colour #{hex}");
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn every_edge_kind_is_drawn_in_its_own_style() {
    let svg = builtin(&every_kind(), DotOptions::default());
    let doc = parse(&svg);
    let edge = |class: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("g") && n.attribute("class") == Some(&format!("edge {class}")))
            .unwrap_or_else(|| panic!("no {class} edge"))
    };
    let paths = |g: roxmltree::Node| {
        g.descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("d").is_some_and(|d| d.contains('C')))
            .count()
    };
    let dash = |g: roxmltree::Node| {
        g.descendants()
            .find(|n| n.has_tag_name("path"))
            .and_then(|p| p.attribute("stroke-dasharray"))
            .map(str::to_owned)
    };
    let heads = |g: roxmltree::Node| {
        g.descendants()
            .filter(|n| n.has_tag_name("polygon") || n.has_tag_name("ellipse"))
            .count()
    };
    assert_eq!(dash(edge("supports")), None);
    assert_eq!(heads(edge("supports")), 1);
    assert_eq!(dash(edge("rebuts")).as_deref(), Some("5,2"));
    assert_eq!(dash(edge("undercuts")).as_deref(), Some("1,5"));
    assert_eq!(heads(edge("undercuts")), 2, "a double bar");
    assert_eq!(heads(edge("contradicts")), 2, "a diamond at both ends");
    assert_eq!(paths(edge("rephrases")), 2, "a double line");
    assert!(
        edge("premise")
            .descendants()
            .any(|n| n.has_tag_name("ellipse")),
        "a dot"
    );
    let label = |class: &str| {
        edge(class)
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<String>()
    };
    assert_eq!(label("denies"), "denies");
    assert_eq!(label("questions"), "questions");
    assert_eq!(label("endorses"), "endorses");
    assert_eq!(label("supports"), "");
    // Bob and Cat assert the same: one bundle, one arrow.
    assert!(svg.contains("class=\"node actor bundle\""));
    // Without actors, badges name who asserts what.
    let badges = builtin(&every_kind(), DotOptions::default().actors(false));
    assert!(badges.contains(">— Proposition</text>"), "badge");
    assert!(!badges.contains("class=\"node actor"));
}

// ---- text fits its box ------------------------------------------------------------------------

/// The bundled fonts, read here on their own (not through the crate), to check its sums.
struct Face {
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn of(bold: bool) -> Face {
        static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
        let data = if bold { BOLD } else { REGULAR };
        Face {
            face: ttf_parser::Face::parse(data, 0).unwrap(),
        }
    }

    fn units(&self, size: f64) -> f64 {
        size / f64::from(self.face.units_per_em())
    }

    fn width(&self, text: &str, size: f64) -> f64 {
        let units: f64 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(f64::from(self.face.units_per_em()), f64::from)
            })
            .sum();
        units * self.units(size)
    }

    fn ascender(&self, size: f64) -> f64 {
        f64::from(self.face.ascender()) * self.units(size)
    }

    fn descender(&self, size: f64) -> f64 {
        -f64::from(self.face.descender()) * self.units(size)
    }
}

/// The outline of a node as the SVG draws it.
enum Outline {
    /// Box and corner radius.
    Rounded(f64, f64, f64, f64, f64),
    Polygon(Vec<(f64, f64)>),
    Ellipse(f64, f64, f64, f64),
}

impl Outline {
    fn of(g: roxmltree::Node) -> Outline {
        let shape = g
            .descendants()
            .find(|n| matches!(n.tag_name().name(), "path" | "polygon" | "ellipse"))
            .expect("a node has a shape");
        let num = |name: &str| shape.attribute(name).unwrap().parse::<f64>().unwrap();
        match shape.tag_name().name() {
            "ellipse" => Outline::Ellipse(num("cx"), num("cy"), num("rx"), num("ry")),
            "polygon" => Outline::Polygon(
                shape
                    .attribute("points")
                    .unwrap()
                    .split(' ')
                    .map(|p| {
                        let (x, y) = p.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect(),
            ),
            _ => {
                // M x,y H x V y A r,r 0 0 1 x,y ... Z: the box is the extremes of the
                // points, the radius the arcs'.
                let d = shape.attribute("d").unwrap();
                let (mut xs, mut ys, mut radius) = (Vec::new(), Vec::new(), 0.0);
                let mut tokens = d.split(' ').peekable();
                while let Some(token) = tokens.next() {
                    let (command, rest) = token.split_at(1);
                    let point = |t: &str| {
                        let (x, y) = t.split_once(',').unwrap();
                        (x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap())
                    };
                    match command {
                        "M" => {
                            let (x, y) = point(rest);
                            xs.push(x);
                            ys.push(y);
                        }
                        "H" => xs.push(rest.parse().unwrap()),
                        "V" => ys.push(rest.parse().unwrap()),
                        "A" => {
                            radius = point(rest).0;
                            for _ in 0..3 {
                                tokens.next();
                            }
                            let (x, y) = point(tokens.next().unwrap());
                            xs.push(x);
                            ys.push(y);
                        }
                        _ => {}
                    }
                }
                let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
                let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
                Outline::Rounded(min(&xs), min(&ys), max(&xs), max(&ys), radius)
            }
        }
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        const EPS: f64 = 1e-3;
        match self {
            Outline::Rounded(x0, y0, x1, y1, r) => {
                if x < x0 - EPS || x > x1 + EPS || y < y0 - EPS || y > y1 + EPS {
                    return false;
                }
                let cx = x.clamp(x0 + r, x1 - r);
                let cy = y.clamp(y0 + r, y1 - r);
                (x - cx).powi(2) + (y - cy).powi(2) <= (r + EPS).powi(2)
            }
            Outline::Polygon(points) => {
                // Convex, corners in order: the point is on the inner side of every side.
                let n = points.len();
                let side = |i: usize| {
                    let (a, b) = (points[i], points[(i + 1) % n]);
                    (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
                };
                (0..n).all(|i| side(i) >= -EPS) || (0..n).all(|i| side(i) <= EPS)
            }
            Outline::Ellipse(cx, cy, rx, ry) => {
                ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) <= 1.0 + EPS
            }
        }
    }
}

/// Every line of text in every node, measured with the font, lies inside the node's shape.
fn check_text_fits(doc: &roxmltree::Document, what: &str) {
    let (regular, bold) = (Face::of(false), Face::of(true));
    let mut lines = 0;
    for g in doc.descendants().filter(|n| {
        n.has_tag_name("g")
            && n.attribute("class")
                .is_some_and(|c| c.starts_with("node ") || c == "legend sample-node")
    }) {
        let outline = Outline::of(g);
        for text in g.descendants().filter(|n| n.has_tag_name("text")) {
            let content = text.text().unwrap_or("");
            let num = |name: &str| text.attribute(name).unwrap().parse::<f64>().unwrap();
            let (x, y, size) = (num("x"), num("y"), num("font-size"));
            assert_eq!(text.attribute("text-anchor"), Some("middle"));
            let face = if text.attribute("font-weight") == Some("bold") {
                &bold
            } else {
                &regular
            };
            let half = face.width(content, size) / 2.0;
            let (top, bottom) = (y - face.ascender(size), y + face.descender(size));
            for corner in [
                (x - half, top),
                (x + half, top),
                (x + half, bottom),
                (x - half, bottom),
            ] {
                assert!(
                    outline.contains(corner),
                    "{what}: {content:?} ({size} pt) sticks out of its node at {corner:?}"
                );
            }
            lines += 1;
        }
    }
    assert!(lines > 0, "{what}: no text checked");
}

#[test]
fn text_fits_its_node_in_every_map() {
    for path in maps() {
        let map = load(&path);
        for dot in [
            DotOptions::default(),
            DotOptions::default().actors(false),
            DotOptions::default().wrap(0).max_lines(0),
            DotOptions::default().wrap(12),
        ] {
            check_text_fits(&parse(&builtin(&map, dot)), &map.title);
        }
    }
    check_text_fits(
        &parse(&builtin(&every_kind(), DotOptions::default())),
        "every kind",
    );
}

#[test]
fn an_empty_map_draws_an_empty_picture() {
    let svg = builtin(&Map::new(""), DotOptions::default());
    let doc = parse(&svg);
    assert!(titles(&doc, "node").is_empty());
    let titled = builtin(&Map::new("Nothing yet"), DotOptions::default());
    assert!(titled.contains(">Nothing yet</text>"));
}

#[test]
fn verdicts_are_marked_as_in_the_dot() {
    let dir = tempfile::tempdir().unwrap();
    for status in ["grounded", "dfquad"] {
        let out_path = dir.path().join(format!("{status}.svg"));
        let out = argumap(
            &[
                "render",
                "maps/school-uniforms.json",
                "-o",
                out_path.to_str().unwrap(),
                "--engine",
                "builtin",
                "--status",
                status,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let svg = std::fs::read_to_string(&out_path).unwrap();
        let doc = parse(&svg);
        check_text_fits(&doc, status);
        if status == "grounded" {
            assert!(svg.contains(">✔ stands</text>") && svg.contains(">✘ falls</text>"));
            // Fallen claims have a dashed outline, in the legend too.
            let dashed = doc
                .descendants()
                .filter(|n| {
                    n.has_tag_name("path") && n.attribute("stroke-dasharray") == Some("5,2")
                })
                .filter(|n| n.attribute("fill") != Some("none"))
                .count();
            assert!(dashed >= 2, "{dashed}");
        } else {
            assert!(svg.contains(">strength "), "strengths shown");
        }
    }
}

#[test]
fn render_writes_standard_output_says_what_it_wrote_and_draws_folders() {
    let dir = tempfile::tempdir().unwrap();
    let map = "maps/school-uniforms.json";
    // As `dot -Tsvg`: no -o, the format from --to, the picture on standard output.
    let out = argumap(&["render", map, "--to", "svg", "--engine", "builtin"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    parse(std::str::from_utf8(&out.stdout).unwrap());
    // A file: one line saying what was written, its size and the engine.
    let png = dir.path().join("v.png");
    let out = argumap(
        &[
            "render",
            map,
            "-o",
            png.to_str().unwrap(),
            "--engine",
            "builtin",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.starts_with(&format!("wrote {} (", png.display())),
        "{said}"
    );
    assert!(said.contains(" px, built-in engine)"), "{said}");
    // The picture given where the map goes.
    let out = argumap(&["render", map, "v.png"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `-o v.png`?"),
        "{}",
        stderr(&out)
    );
    // Several maps into a folder, each named after its input.
    let folder = dir.path().join("pictures");
    let out = argumap(
        &[
            "render",
            map,
            "maps/encryption-debate.json",
            "--to",
            "svg",
            "--engine",
            "builtin",
            "-o",
            folder.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for stem in ["school-uniforms", "encryption-debate"] {
        let svg = std::fs::read_to_string(folder.join(format!("{stem}.svg"))).unwrap();
        parse(&svg);
    }
}
