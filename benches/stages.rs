//! Each stage on generated maps of 1k, 10k and 100k claims: loading (parse, check, build),
//! the located load that diagnostics use, canonical JSON, DOT, statistics and lints, the
//! translation into an abstract framework and grounded semantics (on maps and on i23 files).
//!
//! The importers of foreign formats, on the same generated maps written by our own writers
//! (Argdown, AIF, Kialo) or, for the formats argumap only reads, by the small generators
//! here (SADFace, microtexts).
//!
//! Run with `cargo bench --bench stages`; add `-- load` to run the benchmarks whose name
//! holds "load", `-- import` for the importers.

use argumap::export::dot::{self, DotOptions};
use argumap::format::json;
use argumap::gen::{generate, GenOptions};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn map_text(claims: usize) -> String {
    json::to_string(&generate(&GenOptions::new(claims)))
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: divan::Bencher, claims: usize) {
    let text = map_text(claims);
    bencher.bench(|| json::from_str(divan::black_box(&text)).unwrap());
}

/// The path a file with a warning takes: the tree of places is built too.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_located(bencher: divan::Bencher, claims: usize) {
    // A second, unconnected claim makes a warning, which sends the load the located way.
    let text = map_text(claims).replacen(
        "\"claims\": [",
        "\"claims\": [\n    {\"id\": \"lonely\", \"text\": \"Not connected.\"},",
        1,
    );
    bencher.bench(|| {
        let loaded = json::from_str(divan::black_box(&text)).unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        loaded
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn save_json(bencher: divan::Bencher, claims: usize) {
    let map = generate(&GenOptions::new(claims));
    bencher.bench(|| {
        let mut out = Vec::with_capacity(claims * 300);
        json::to_writer(divan::black_box(&map), &mut out).unwrap();
        out
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn write_dot(bencher: divan::Bencher, claims: usize) {
    let map = generate(&GenOptions::new(claims));
    let options = DotOptions::default();
    bencher.bench(|| {
        let mut out = Vec::with_capacity(claims * 500);
        dot::write(divan::black_box(&map), &options, &mut out).unwrap();
        out
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn stats_and_lints(bencher: divan::Bencher, claims: usize) {
    let map = generate(&GenOptions::new(claims));
    bencher.bench(|| {
        (
            argumap::analysis::stats(divan::black_box(&map)),
            argumap::analysis::lint(&map),
        )
    });
}

/// A map translated into an abstract framework (premises as necessary support).
#[divan::bench(args = SIZES, sample_count = 10)]
fn translate(bencher: divan::Bencher, claims: usize) {
    let map = generate(&GenOptions::new(claims));
    bencher.bench(|| argumap::analysis::semantics::from_map(divan::black_box(&map)));
}

/// Grounded semantics on a generated map's framework.
#[divan::bench(args = SIZES, sample_count = 10)]
fn grounded(bencher: divan::Bencher, claims: usize) {
    let af = argumap::analysis::semantics::from_map(&generate(&GenOptions::new(claims))).af;
    bencher.bench(|| argumap::analysis::semantics::grounded(divan::black_box(&af)));
}

/// Reading an ICCMA i23 file of N arguments and 5N random attacks, then grounded semantics:
/// what `argumap eval FILE.i23` does.
#[divan::bench(args = SIZES, sample_count = 10)]
fn i23_grounded(bencher: divan::Bencher, arguments: usize) {
    use argumap::format::iccma::{read, Dialect};
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % arguments as u64 + 1
    };
    let mut text = format!("p af {arguments}\n");
    for _ in 0..arguments * 5 {
        text.push_str(&format!("{} {}\n", next(), next()));
    }
    bencher.bench(|| {
        let named = read(divan::black_box(&text), Dialect::I23).unwrap();
        argumap::analysis::semantics::grounded(&named.af)
    });
}

/// Sizes for the importers: Kialo and the XML of microtexts are read line by line and node
/// by node, so 100k claims would only repeat what 10k shows.
const IMPORT_SIZES: [usize; 2] = [1_000, 10_000];

#[divan::bench(args = IMPORT_SIZES, sample_count = 10)]
fn import_argdown(bencher: divan::Bencher, claims: usize) {
    let text = argumap::format::argdown::to_string(&generate(&GenOptions::new(claims)));
    bencher.bench(|| argumap::format::argdown::from_str(divan::black_box(&text)).unwrap());
}

#[divan::bench(args = IMPORT_SIZES, sample_count = 10)]
fn import_aif(bencher: divan::Bencher, claims: usize) {
    let text = argumap::format::aif::to_string(&generate(&GenOptions::new(claims)));
    bencher.bench(|| argumap::format::aif::from_str(divan::black_box(&text)).unwrap());
}

#[divan::bench(args = IMPORT_SIZES, sample_count = 10)]
fn import_kialo(bencher: divan::Bencher, claims: usize) {
    let text = argumap::format::kialo::to_string(&generate(&GenOptions::new(claims)));
    bencher.bench(|| argumap::format::kialo::from_str(divan::black_box(&text)).unwrap());
}

/// A SADFace document: a chain of `claims` atoms, each supporting or attacking the one
/// before through a scheme node.
fn sadface_text(claims: usize) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for i in 0..claims {
        nodes.push(format!(
            r#"{{"id": "a{i}", "type": "atom", "text": "Claim number {i} of a long debate.", "sources": [], "metadata": {{}}}}"#
        ));
        if i > 0 {
            let name = if i % 3 == 0 { "conflict" } else { "support" };
            nodes.push(format!(
                r#"{{"id": "s{i}", "type": "scheme", "name": "{name}", "metadata": {{}}}}"#
            ));
            edges.push(format!(
                r#"{{"id": "e{i}a", "source_id": "a{i}", "target_id": "s{i}"}}"#
            ));
            let parent = i / 2;
            edges.push(format!(
                r#"{{"id": "e{i}b", "source_id": "s{i}", "target_id": "a{parent}"}}"#
            ));
        }
    }
    format!(
        r#"{{"metadata": {{"core": {{"id": "bench", "version": "0.2", "analyst_name": "bench", "title": "Bench"}}}}, "nodes": [{}], "edges": [{}], "resources": []}}"#,
        nodes.join(","),
        edges.join(",")
    )
}

#[divan::bench(args = IMPORT_SIZES, sample_count = 10)]
fn import_sadface(bencher: divan::Bencher, claims: usize) {
    let text = sadface_text(claims);
    bencher.bench(|| argumap::format::sadface::from_str(divan::black_box(&text)).unwrap());
}

/// An argument-microtexts document with `claims` ADUs in a tree of supports and rebuttals.
fn microtexts_text(claims: usize) -> String {
    let mut s = String::from("<?xml version='1.0' encoding='UTF-8'?>\n<arggraph id=\"bench\">\n");
    for i in 0..claims {
        s.push_str(&format!(
            "<edu id=\"e{i}\"><![CDATA[Segment {i} of a long text.]]></edu>\n"
        ));
    }
    for i in 0..claims {
        let role = if i % 3 == 0 { "opp" } else { "pro" };
        s.push_str(&format!("<adu id=\"a{i}\" type=\"{role}\"/>\n"));
    }
    for i in 0..claims {
        s.push_str(&format!(
            "<edge id=\"s{i}\" src=\"e{i}\" trg=\"a{i}\" type=\"seg\"/>\n"
        ));
        if i > 0 {
            let kind = if i % 3 == 0 { "reb" } else { "sup" };
            s.push_str(&format!(
                "<edge id=\"c{i}\" src=\"a{i}\" trg=\"a{}\" type=\"{kind}\"/>\n",
                i / 2
            ));
        }
    }
    s.push_str("</arggraph>\n");
    s
}

#[divan::bench(args = IMPORT_SIZES, sample_count = 10)]
fn import_microtexts(bencher: divan::Bencher, claims: usize) {
    let text = microtexts_text(claims);
    bencher.bench(|| argumap::format::microtexts::from_str(divan::black_box(&text)).unwrap());
}
