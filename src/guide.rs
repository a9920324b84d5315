//! A guide for developers: four tasks, each a short program that runs as a test.
//!
//! 1. [Build a map in code](#1-build-a-map-in-code)
//! 2. [Import a map from another tool](#2-import-a-map-from-another-tool)
//! 3. [Evaluate it: which claims stand, and why](#3-evaluate-it-which-claims-stand-and-why)
//! 4. [Export it: DOT, Argdown, AIF, a picture](#4-export-it-dot-argdown-aif-a-picture)
//!
//! And for petgraph's algorithms, [the graph underneath](#the-graph-underneath).
//!
//! # 1. Build a map in code
//!
//! [`MapBuilder`](crate::model::MapBuilder) takes claims, arguments, actors and the links
//! between them in any order, and [`build`](crate::model::MapBuilder::build) reports every
//! mistake at once (a relation to an id that does not exist, a duplicate id) instead of
//! stopping at the first.
//!
//! ```
//! use argumap::model::{ActorKind, MapBuilder, StanceKind};
//!
//! let map = MapBuilder::new("Homework")
//!     .actor("prop", "Proposition", ActorKind::Group)
//!     .actor("opp", "Opposition", ActorKind::Group)
//!     .claim("ban", "Schools should ban homework")
//!     .claim("tired", "Pupils are too tired after school")
//!     .claim("practice", "Practice at home makes lessons stick")
//!     .claim("sleep", "Tired pupils learn less from practice")
//!     .supports("tired", "ban")
//!     .rebuts("practice", "ban")
//!     .rebuts("sleep", "practice")
//!     .asserts("prop", "ban")
//!     .asserts("prop", "tired")
//!     .asserts("opp", "practice")
//!     .stance("opp", StanceKind::Denies, "tired")
//!     .build()?;
//! assert_eq!(map.claims().count(), 4);
//! assert_eq!(map.asserted_by("practice")[0].name, "Opposition");
//! # Ok::<(), argumap::model::BuildError>(())
//! ```
//!
//! A mistake is named with what to do about it:
//!
//! ```
//! use argumap::model::MapBuilder;
//!
//! let error = MapBuilder::new("Homework")
//!     .claim("ban", "Schools should ban homework")
//!     .supports("tierd", "ban")
//!     .build()
//!     .unwrap_err();
//! assert!(error.to_string().contains("tierd"));
//! ```
//!
//! # 2. Import a map from another tool
//!
//! Each format has a module with the same functions: `from_str` gives a
//! [`Loaded`](crate::format::Loaded) (the map and its warnings) or a
//! [`LoadError`](crate::format::LoadError) whose diagnostics name line and column.
//! [`Format::detect`](crate::format::Format::detect) tells the formats apart by extension
//! and content, and [`format::read`](crate::format::read) reads any of them.
//!
//! ```
//! use argumap::format::{self, argdown, Format};
//!
//! let text = "\
//! [Ban]: Schools should ban homework. {actor: \"Mara\"}
//!   + Pupils are too tired after school. {actor: \"Mara\"}
//!   - Practice at home makes lessons stick. {actor: \"Tomas\"}
//! ";
//! let loaded = argdown::from_str(text)?;
//! assert_eq!(loaded.map.claims().count(), 3);
//! assert_eq!(loaded.map.actors().count(), 2);
//!
//! // The same through the dispatcher, which finds the format itself.
//! let format = Format::detect(std::path::Path::new("homework.argdown"), text);
//! assert_eq!(format, Format::Argdown);
//! let again = format::read(text, format, "homework")?;
//! assert_eq!(again.map.claims().count(), 3);
//! # Ok::<(), argumap::format::LoadError>(())
//! ```
//!
//! A broken file gives every problem with its place, ready to show:
//!
//! ```
//! use argumap::format::json;
//!
//! let text = "{\"argumap\": 1, \"title\": \"T\",\n \"claims\": [{\"id\": \"a\", \"txt\": \"A\"}]}";
//! let error = json::from_str(text).unwrap_err();
//! let first = &error.diagnostics[0];
//! assert_eq!(first.location.map(|l| (l.line, l.column)), Some((2, 25)));
//! assert!(first.render("map.json", text).contains("txt"));
//! ```
//!
//! # 3. Evaluate it: which claims stand, and why
//!
//! [`semantics::from_map`](crate::analysis::semantics::from_map) turns the map into an
//! abstract framework (rebuttals, undercuts and contradictions become attacks; see the
//! module for premises), and [`grounded`](crate::analysis::semantics::grounded) labels each
//! claim with the attacker that defeated it. The [`report`](crate::analysis::report) is the
//! coach's view of the same.
//!
//! ```
//! use argumap::analysis::semantics::{from_map, grounded, Label};
//! use argumap::model::MapBuilder;
//!
//! let map = MapBuilder::new("Homework")
//!     .claim("ban", "Schools should ban homework")
//!     .claim("practice", "Practice at home makes lessons stick")
//!     .claim("sleep", "Tired pupils learn less from practice")
//!     .rebuts("practice", "ban")
//!     .rebuts("sleep", "practice")
//!     .build()?;
//! let t = from_map(&map);
//! let g = grounded(&t.af);
//! let label = |id: &str| g.labels[t.ids.iter().position(|i| i == id).unwrap()];
//! assert_eq!(label("ban"), Label::In); // its attacker is defeated
//! assert_eq!(label("practice"), Label::Out);
//! let by = g.cause[t.ids.iter().position(|i| i == "practice").unwrap()].unwrap();
//! assert_eq!(t.ids[by as usize], "sleep");
//!
//! let report = argumap::analysis::report::report(&map);
//! let text = argumap::analysis::report::to_text(&map, &report);
//! assert!(text.contains("nobody answered"));
//! # Ok::<(), argumap::model::BuildError>(())
//! ```
//!
//! # 4. Export it: DOT, Argdown, AIF, a picture
//!
//! Writers take the map and a `Write`, or give a `String`; the picture needs no outside
//! program with the built-in engine.
//!
//! ```
//! use argumap::export::dot::{self, DotOptions, Theme};
//! use argumap::format::{aif, argdown};
//! use argumap::model::MapBuilder;
//! use argumap::render::{render, Engine, Output, RenderOptions};
//!
//! let map = MapBuilder::new("Homework")
//!     .claim("ban", "Schools should ban homework")
//!     .claim("practice", "Practice at home makes lessons stick")
//!     .rebuts("practice", "ban")
//!     .build()?;
//!
//! let dot_text = dot::to_string(&map, &DotOptions::default().theme(Theme::Print));
//! assert!(dot_text.contains("\"practice\" -> \"ban\""));
//!
//! // Argdown and AIF read back into the same map.
//! let back = argdown::from_str(&argdown::to_string(&map)).unwrap().map;
//! assert_eq!(back.claims().count(), 2);
//! let back = aif::from_str(&aif::to_string(&map)).unwrap().map;
//! assert_eq!(back.relations().count(), 1);
//!
//! let options = RenderOptions { engine: Engine::Builtin, ..RenderOptions::default() };
//! let svg = render(&map, Output::Svg, &options)?;
//! assert!(String::from_utf8(svg)?.contains("Practice at home"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The graph underneath
//!
//! A [`Map`](crate::model::Map) is stored in a petgraph `StableGraph`:
//! [`Map::graph`](crate::model::Map::graph) lends it out for petgraph's algorithms, with
//! [`Map::node_index`](crate::model::Map::node_index) to go from an id to a node.
//!
//! ```
//! use argumap::model::{Element, MapBuilder};
//! use petgraph::algo::has_path_connecting;
//!
//! let map = MapBuilder::new("Homework")
//!     .claim("ban", "Schools should ban homework")
//!     .claim("tired", "Pupils are too tired after school")
//!     .claim("sleep", "Pupils sleep too little")
//!     .supports("tired", "ban")
//!     .supports("sleep", "tired")
//!     .build()?;
//! let graph = map.graph();
//! let (sleep, ban) = (map.node_index("sleep").unwrap(), map.node_index("ban").unwrap());
//! assert!(has_path_connecting(graph, sleep, ban, None));
//! assert!(matches!(graph[ban], Element::Claim(_)));
//! # Ok::<(), argumap::model::BuildError>(())
//! ```
