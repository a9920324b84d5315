//! A million-claim chain goes through every stage without recursion: loading, queries,
//! statistics, DOT and JSON.

use argumap::analysis;
use argumap::export::dot::{self, DotOptions, RankDir};
use argumap::format::json;
use argumap::model::{Claim, Id, Map, Relation, RelationKind};

#[test]
fn a_million_claim_chain_passes_every_stage() {
    let n = 1_000_000;
    let mut map = Map::new("chain");
    let ids: Vec<Id> = (0..n).map(|i| Id::new(&format!("c{i}")).unwrap()).collect();
    for id in &ids {
        map.add_claim(Claim::new(id.clone(), "x")).unwrap();
    }
    for pair in ids.windows(2) {
        let rel = Relation::new(pair[1].clone(), RelationKind::Supports, pair[0].clone());
        map.add_relation(rel).unwrap();
    }
    let stats = analysis::stats(&map);
    assert_eq!((stats.claims, stats.depth), (n, Some(n - 1)));

    let text = json::to_string(&map);
    let back = json::from_str(&text).unwrap().map;
    assert_eq!(back.claims().count(), n);
    assert_eq!(back.root_theses().len(), 1);

    let options = DotOptions::default()
        .rankdir(RankDir::BottomToTop)
        .legend(false);
    let mut bytes = 0usize;
    dot::write(&back, &options, CountingSink(&mut bytes)).unwrap();
    assert!(bytes > n * 10);
}

struct CountingSink<'a>(&'a mut usize);

impl std::io::Write for CountingSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        *self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
