//! Build a small map in code, then write it as a map file and as Graphviz DOT.
//!
//! Run with `cargo run --example build_map`.

use argumap::export::dot::{self, DotOptions};
use argumap::format::json;
use argumap::model::{ActorKind, MapBuilder};

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let map = MapBuilder::new("Homework")
        .actor("prop", "Proposition", ActorKind::Group)
        .actor("opp", "Opposition", ActorKind::Group)
        .claim("ban", "Schools should ban homework")
        .claim("tired", "Pupils are too tired after a full school day")
        .claim("practice", "Practice at home makes lessons stick")
        .claim("in-class", "Practice can happen in class time instead")
        .supports("tired", "ban")
        .rebuts("practice", "ban")
        .rebuts("in-class", "practice")
        .asserts("prop", "ban")
        .asserts("prop", "tired")
        .asserts("opp", "practice")
        .asserts("prop", "in-class")
        .build()?;

    for relation in map.unanswered_rebuttals() {
        println!("unanswered: {} rebuts {}", relation.from, relation.to);
    }
    let file = json::to_string(&map);
    let graph = dot::to_string(&map, &DotOptions::default());
    println!("{} bytes of JSON, {} bytes of DOT", file.len(), graph.len());
    assert!(graph.starts_with("digraph"));
    Ok(())
}
