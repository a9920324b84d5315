//! The dialogue layer of AIF: who spoke (participants, locutions, the name before ` : ` in
//! an L-node), and the stance each illocution takes.

use super::*;
use crate::model::Date;

impl Reader<'_> {
    /// The speakers: participants, then the personIDs of locutions, then the name prefixes of
    /// L-nodes without one. Returns the people and each L-node's speaker; skips and reports
    /// L-nodes with no edges.
    pub(super) fn speakers(&mut self, g: &Graph<'_>) -> (Vec<Person>, Vec<Option<usize>>) {
        let mut people: Vec<Person> = Vec::new();
        let mut by_person: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(g.participants.len(), Default::default());
        let mut by_name: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(g.participants.len(), Default::default());
        for (pid, name) in &g.participants {
            by_person.insert(pid, people.len());
            by_name.entry(name.clone()).or_insert(people.len());
            people.push(Person {
                name: name.clone(),
                aliases: Vec::new(),
                person_id: Some(pid.to_string()),
            });
        }
        let mut speaker: Vec<Option<usize>> = vec![None; g.nodes.len()];
        let mut isolated: Vec<&str> = Vec::new();
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::L {
                continue;
            }
            if node.out.is_empty() && node.inc.is_empty() {
                isolated.push(&node.id);
                continue;
            }
            let prefix = name_prefix(&node.text);
            let Some(pid) = g.locutions.get(&node.id).and_then(|l| l.person.as_deref()) else {
                continue;
            };
            let p = *by_person.entry(pid).or_insert_with(|| {
                people.push(Person {
                    name: prefix.unwrap_or(pid).to_owned(),
                    aliases: Vec::new(),
                    person_id: Some(pid.to_owned()),
                });
                people.len() - 1
            });
            if let Some(prefix) = prefix {
                let person = &mut people[p];
                if person.name != prefix && !person.aliases.iter().any(|a| a == prefix) {
                    person.aliases.push(prefix.to_owned());
                }
                if !by_name.contains_key(prefix) {
                    by_name.insert(prefix.to_owned(), p);
                }
            }
            if !by_name.contains_key(&people[p].name) {
                by_name.insert(people[p].name.clone(), p);
            }
            speaker[ix] = Some(p);
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::L || speaker[ix].is_some() {
                continue;
            }
            if node.out.is_empty() && node.inc.is_empty() {
                continue;
            }
            // No locution entry, or one without a personID: the name prefix is all there is.
            match name_prefix(&node.text) {
                Some(name) => {
                    let p = *by_name.entry(name.to_owned()).or_insert_with(|| {
                        people.push(Person {
                            name: name.to_owned(),
                            aliases: Vec::new(),
                            person_id: None,
                        });
                        people.len() - 1
                    });
                    speaker[ix] = Some(p);
                    self.count("_speakers found by name");
                }
                None => self.warn(
                    "unknown speakers",
                    Some(node.span),
                    format!(
                        "L-node {} has no `locutions` entry and no \"Name : \" prefix, so its speaker is unknown",
                        node.id
                    ),
                    "add a locution `{nodeID, personID}` for it, or begin its text with the speaker's name and \" : \"",
                ),
            }
        }
        if !isolated.is_empty() {
            let n = isolated.len();
            *self.counts.entry("isolated locutions").or_default() += n;
            let shown: Vec<&str> = isolated.iter().take(5).copied().collect();
            self.warnings.push(
                Diagnostic::warning(
                    self.src,
                    None,
                    format!(
                        "skipped {n} L-node(s) with no edges ({}{}): annotator duplicates carry no speaker",
                        shown.join(", "),
                        if n > 5 { ", ..." } else { "" }
                    ),
                )
                .with_hint("nothing to do: AIFdb keeps such copies; OVA3 hides them too"),
            );
        }
        (people, speaker)
    }
}

/// Adds an actor for each person, with what our export noted of them, and their links.
/// Returns each person's actor id.
pub(super) fn add_actors(
    map: &mut Map,
    ids: &mut IdPool,
    marks: &Marks,
    people: &[Person],
) -> Vec<Id> {
    let mut actor_ids: Vec<Id> = Vec::with_capacity(people.len());
    for person in people {
        let mark = person
            .person_id
            .as_ref()
            .and_then(|p| marks.participants.get(p));
        let wanted = mark.and_then(|m| m.get("id")?.as_str());
        let id = ids.fresh_wanted(wanted, &person.name);
        let kind = mark
            .and_then(|m| m.get("kind")?.as_str())
            .and_then(|k| ActorKind::ALL.into_iter().find(|a| a.as_str() == k))
            .unwrap_or(ActorKind::Person);
        let name = mark
            .and_then(|m| m.get("name")?.as_str())
            .map_or_else(|| person.name.clone(), str::to_owned);
        let mut actor = Actor::new(id.clone(), name, kind);
        actor.role = mark.and_then(|m| Some(m.get("role")?.as_str()?.to_owned()));
        let mut data = MetaData {
            origin: person.person_id.as_deref().map(|p| origin("aif", p)),
            ..MetaData::default()
        };
        if !person.aliases.is_empty() {
            data.ext = Some(ext_under("aif", json!({ "aliases": person.aliases })));
        }
        apply_meta(&mut data, mark);
        actor.meta = data.into();
        if map.add_actor(actor).is_ok() {
            actor_ids.push(id);
        }
    }

    for person in people {
        let Some(mark) = person
            .person_id
            .as_ref()
            .and_then(|p| marks.participants.get(p))
        else {
            continue;
        };
        let Some(member) = mark_str(Some(mark), "id").and_then(|id| map.id(id).cloned()) else {
            continue;
        };
        for kind in ActorLinkKind::ALL {
            let Some(Json::Array(others)) = mark.get(kind.as_str()) else {
                continue;
            };
            for other in others.iter().filter_map(Json::as_str) {
                if let Ok(other) = Id::new(other) {
                    let _ = map.add_actor_link(&member, kind, &other);
                }
            }
        }
    }
    actor_ids
}

/// The illocutions (YA-nodes) with their speakers: stances to be (`L → YA → I`, a direct
/// `L → YA` on an argument's RA, `TA → YA → I`), and who made which S-node (`TA → YA → S`),
/// as (person, S-node).
pub(super) fn illocutions<'g>(
    g: &'g Graph<'_>,
    speaker: &[Option<usize>],
    is_argument: &[bool],
    source_of_locution: &dyn Fn(usize) -> Option<Id>,
) -> (Vec<Anchor<'g>>, Vec<(usize, usize)>) {
    let mut anchors: Vec<Anchor<'_>> = Vec::new();
    let mut makers: Vec<(usize, usize)> = Vec::new(); // (actor, S-node)
    for (ya, node) in g.nodes.iter().enumerate() {
        if node.kind != Kind::Ya {
            continue;
        }
        let mut speakers: Vec<(usize, usize, bool)> = Vec::new(); // (person, L, direct)
        for &from in &node.inc {
            match g.nodes[from].kind {
                Kind::L => {
                    if let Some(p) = speaker[from] {
                        speakers.push((p, from, true));
                    }
                }
                Kind::Ta => {
                    for l in g.neighbours(&g.nodes[from].out, Kind::L) {
                        if let Some(p) = speaker[l] {
                            speakers.push((p, l, false));
                        }
                    }
                }
                _ => {}
            }
        }
        for &target in &node.out {
            let t = &g.nodes[target];
            for &(p, l, direct) in &speakers {
                let stance_on =
                    t.kind == Kind::I || (direct && t.kind == Kind::Ra && is_argument[target]);
                if stance_on {
                    let start = g
                        .locutions
                        .get(&g.nodes[l].id)
                        .and_then(|x| x.start.as_deref());
                    anchors.push(Anchor {
                        person: p,
                        target,
                        ya,
                        source: source_of_locution(l),
                        start,
                        words: spoken_words(&g.nodes[l].text),
                        l,
                    });
                } else if t.kind.is_scheme() {
                    makers.push((p, target));
                }
            }
        }
    }
    (anchors, makers)
}

/// The stance an illocution takes on a claim or argument, with what our export noted of it;
/// `None` for the analyst's own act.
pub(super) fn stance_of(
    g: &Graph<'_>,
    marks: &Marks,
    map: &Map,
    actor: Id,
    target: Id,
    anchor: Anchor<'_>,
) -> Option<Stance> {
    let Anchor {
        ya,
        source,
        start,
        words,
        l,
        ..
    } = anchor;
    let act = g.nodes[ya]
        .scheme
        .as_deref()
        .unwrap_or_else(|| g.nodes[ya].text.trim());
    let kind = stance_kind(act)?;
    let mut stance = Stance::new(actor, kind, target);
    stance.source = source;
    stance.date = start.and_then(date_of).and_then(|d| Date::new(&d).ok());
    // The words of the claim itself are no quote (white space at their ends aside, which
    // the L-node's text loses).
    let said_as_claimed = map
        .claim(&stance.target)
        .is_some_and(|c| c.text.trim() == words.trim())
        || map
            .argument(&stance.target)
            .is_some_and(|a| a.text.as_deref().map(str::trim) == Some(words.trim()));
    if !words.is_empty() && !said_as_claimed {
        stance.quote = Some(words.to_owned());
    }
    let mut ext = JsonMap::new();
    if canonical_act(kind) != act {
        ext.insert("act".into(), json!(act));
    }
    if let Some(start) = start {
        ext.insert("start".into(), json!(start));
    }
    let mut data = MetaData {
        ext: (!ext.is_empty()).then(|| ext_under("aif", Json::Object(ext))),
        ..MetaData::default()
    };
    let mark = marks.of(&g.nodes[l].id);
    if mark.is_some_and(|m| m.contains_key("stance")) {
        // Our export: the mark says it all, the locution's start only repeats the date.
        stance.source = mark_str(mark, "source")
            .and_then(|s| map.source(s))
            .map(|s| s.id.clone());
        stance.date = mark_str(mark, "date").and_then(|d| Date::new(d).ok());
        stance.quote = mark_str(mark, "quote").map(str::to_owned);
        if let Some(ext) = &mut data.ext {
            if let Some(Json::Object(aif)) = ext.get_mut("aif") {
                aif.remove("start");
                if aif.is_empty() {
                    ext.remove("aif");
                }
            }
        }
        if data.ext.as_ref().is_some_and(JsonMap::is_empty) {
            data.ext = None;
        }
        apply_meta(&mut data, mark);
    }
    stance.meta = data.into();
    Some(stance)
}

/// The speaker's name in an L-node's text, `"Mara Lind : words"`, without an annotator's
/// prefix (`"Sam: Tomas Ek : words"` gives `Tomas Ek`).
fn name_prefix(text: &str) -> Option<&str> {
    let (prefix, _) = text.split_once(" : ")?;
    let name = prefix.rsplit(':').next().unwrap_or(prefix).trim();
    (!name.is_empty()).then_some(name)
}

/// The words of an L-node, without the speaker's name in front.
fn spoken_words(text: &str) -> &str {
    text.split_once(" : ")
        .map_or(text, |(_, words)| words)
        .trim()
}

/// The stance an illocution takes, by its name (FORMATS.md 1.4); `None` for the analyst's
/// own act.
pub(in super::super) fn stance_kind(act: &str) -> Option<StanceKind> {
    // Acts are short ASCII words, squashed on the stack; the rest the long way (a non-ASCII
    // letter may lower-case to an ASCII one).
    let mut buf = [0u8; 24];
    let mut len = 0;
    let squashed: String;
    let squashed = if act.is_ascii() {
        for b in act.bytes().filter(|&b| !char::from(b).is_whitespace()) {
            let Some(slot) = buf.get_mut(len) else {
                return Some(StanceKind::Asserts); // longer than any act with a meaning
            };
            *slot = b.to_ascii_lowercase();
            len += 1;
        }
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    } else {
        squashed = act
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        squashed.as_str()
    };
    Some(match squashed {
        "analysing" | "analyzing" => return None,
        "agreeing" => StanceKind::Endorses,
        "disagreeing" => StanceKind::Denies,
        "purequestioning"
        | "assertivequestioning"
        | "rhetoricalquestioning"
        | "challenging"
        | "questioning" => StanceKind::Questions,
        _ => StanceKind::Asserts,
    })
}

/// The illocution our export writes for a stance.
pub(in super::super) fn canonical_act(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::Endorses => "Agreeing",
        StanceKind::Denies => "Disagreeing",
        StanceKind::Questions => "Pure Questioning",
        _ => "Asserting",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_prefixes_drop_the_annotator() {
        assert_eq!(name_prefix("Mara Lind : we should"), Some("Mara Lind"));
        assert_eq!(name_prefix("Sam: Tomas Ek : a ban"), Some("Tomas Ek"));
        assert_eq!(name_prefix("no prefix here"), None);
        assert_eq!(name_prefix(" : empty name"), None);
    }

    #[test]
    fn acts_give_stances() {
        assert_eq!(stance_kind("Agreeing"), Some(StanceKind::Endorses));
        assert_eq!(
            stance_kind("AssertiveQuestioning"),
            Some(StanceKind::Questions)
        );
        assert_eq!(stance_kind("Restating"), Some(StanceKind::Asserts));
        assert_eq!(stance_kind("Analysing"), None);
        assert_eq!(
            stance_kind(" Pure\tQuestioning\u{b}"),
            Some(StanceKind::Questions)
        );
        assert_eq!(stance_kind("DISAGREEING"), Some(StanceKind::Denies));
        assert_eq!(
            stance_kind(&"Agreeing".repeat(4)),
            Some(StanceKind::Asserts)
        );
        // The Kelvin sign lower-cases to `k`; non-ASCII acts take the long way.
        assert_eq!(stance_kind("Asserting\u{a0}"), Some(StanceKind::Asserts));
        assert_eq!(stance_kind("Agreeing\u{2003}"), Some(StanceKind::Endorses));
    }
}
