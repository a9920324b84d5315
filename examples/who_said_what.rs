//! Load the encryption-debate map and list, for each actor, what they asserted and on which
//! side of the debate, then the theses, the rebuttals nobody answered, and where the article
//! is silent.
//!
//! Run with `cargo run --example who_said_what`.

use argumap::format::json;

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/encryption-debate.json");
    let loaded = json::from_str(&std::fs::read_to_string(path)?)?;
    let map = loaded.map;
    let sides = map.sides_of_actors();
    for actor in map.actors() {
        let said = map.assertions_of(&actor.id);
        if !said.is_empty() {
            let side = sides.get(&actor.id).map_or("no side", |s| s.name.as_str());
            println!(
                "{} ({}; {side}):",
                actor.name,
                actor.role.as_deref().unwrap_or("no role")
            );
            for element in said {
                println!("  - {}", element.id());
            }
        }
    }
    for thesis in map.root_theses() {
        println!("thesis: {}", thesis.text);
    }
    for r in map.unanswered_rebuttals() {
        println!("unanswered: `{}` {} `{}`", r.from, r.kind.as_str(), r.to);
    }
    for claim in map.claims() {
        if let Some(silent) = claim.meta.silent() {
            println!("silent about `{}`: {silent}", claim.id);
        }
    }
    Ok(())
}
