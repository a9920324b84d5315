//! Each stage on generated maps of 1k, 10k and 100k claims: loading (parse, check, build),
//! the located load that diagnostics use, canonical JSON, DOT, statistics and lints, the
//! translation into an abstract framework and grounded semantics (on maps and on i23 files).
//!
//! Run with `cargo bench --bench stages`; add `-- load` to run the benchmarks whose name
//! holds "load".

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
