//! What our own extension object (`argumap_ext`) and OVA add to an AIF map: sources,
//! groups, sides, the marks on relations, and the map's own AIF extension data.

use super::*;
use crate::model::Date;

impl Reader<'_> {
    /// The map's AIF extension data: the TA order, what the model cannot hold, the analyst,
    /// and the counts of what was skipped or guessed.
    pub(super) fn map_ext(
        &self,
        doc: &Extras<'_>,
        g: &Graph<'_>,
        attacks_on_attacks: Vec<Json>,
        preferences: Vec<Json>,
    ) -> JsonMap<String, Json> {
        let transitions: Vec<Json> = g
            .nodes
            .iter()
            .filter(|x| x.kind == Kind::Ta)
            .map(|ta| {
                let ids = |list: &[usize]| -> Vec<String> {
                    g.neighbours(list, Kind::L)
                        .into_iter()
                        .map(|l| g.nodes[l].id.to_string())
                        .collect()
                };
                json!({ "ta": ta.id, "from": ids(&ta.inc), "to": ids(&ta.out) })
            })
            .collect();
        let mut ext = JsonMap::new();
        ext.insert(
            "format".into(),
            json!(if doc.xaif { "xaif" } else { "aif" }),
        );
        if !transitions.is_empty() {
            ext.insert("transitions".into(), Json::Array(transitions));
        }
        if !attacks_on_attacks.is_empty() {
            ext.insert("attacks_on_attacks".into(), Json::Array(attacks_on_attacks));
        }
        if !preferences.is_empty() {
            ext.insert("preferences".into(), Json::Array(preferences));
        }
        if !doc.analyst.is_empty() {
            ext.insert("analyst".into(), json!(doc.analyst));
        }
        let skipped: JsonMap<String, Json> = self
            .counts
            .iter()
            .map(|(k, v)| (k.trim_start_matches('_').to_owned(), json!(v)))
            .collect();
        ext.insert("counts".into(), Json::Object(skipped));
        ext
    }
}

/// Adds the sources: those our export noted, the analysed xAIF text, and every named locution
/// source. Returns the sources by title and URL, and the analysed text's.
pub(super) fn add_sources(
    map: &mut Map,
    ids: &mut IdPool,
    marks: &Marks,
    doc: &Extras<'_>,
    g: &Graph<'_>,
) -> (HashMap<String, Id>, Option<Id>) {
    let mut named_sources: HashMap<String, Id> = HashMap::default();
    for mark in &marks.sources {
        let Some((id, title)) = id_and_title(mark) else {
            continue;
        };
        let id = ids.fresh_wanted(Some(id), id);
        let mut source = Source::new(id.clone(), title);
        if let Some(kind) = mark_str(Some(mark), "kind") {
            source.kind = SOURCE_KINDS
                .into_iter()
                .find(|k| k.as_str() == kind)
                .unwrap_or_default();
        }
        source.author = mark_str(Some(mark), "author").map(str::to_owned);
        source.publisher = mark_str(Some(mark), "publisher").map(str::to_owned);
        source.date = mark_str(Some(mark), "date").and_then(|d| Date::new(d).ok());
        source.url = mark_str(Some(mark), "url").map(str::to_owned);
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        source.meta = data.into();
        let keys = [source.url.clone(), Some(source.title.clone())];
        if map.add_source(source).is_ok() {
            for key in keys.into_iter().flatten() {
                named_sources.entry(key).or_insert_with(|| id.clone());
            }
        }
    }
    for mark in &marks.sources {
        if let (Some(id), Some(via)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "via")) {
            if let Some(via) = map.id(via).cloned() {
                map.set_source_via(id, via);
            }
        }
    }
    let mut text_source: Option<Id> = None;
    if let Some(text) = doc.text.as_deref() {
        let id = ids.fresh_wanted(None, "text");
        let mut source = Source::new(id.clone(), title_of(text));
        source.kind = SourceKind::Transcript;
        source.url = doc
            .url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(str::to_owned);
        source.meta = MetaData {
            ext: Some(ext_under("aif", json!({ "text": text }))),
            ..MetaData::default()
        }
        .into();
        if map.add_source(source).is_ok() {
            text_source = Some(id);
        }
    }
    for node in &g.nodes {
        let Some(name) = g.locutions.get(&node.id).and_then(|l| l.source.as_deref()) else {
            continue;
        };
        if named_sources.contains_key(name) {
            continue;
        }
        let id = ids.fresh_wanted(None, name);
        let mut source = Source::new(id.clone(), name);
        if name.starts_with("http://") || name.starts_with("https://") {
            source.url = Some(name.to_owned());
            source.kind = SourceKind::Web;
        }
        if map.add_source(source).is_ok() {
            named_sources.insert(name.to_owned(), id);
        }
    }
    (named_sources, text_source)
}

/// A mark's `id` and `title`, when it has both as strings.
fn id_and_title(mark: &JsonMap<String, Json>) -> Option<(&str, &str)> {
    Some((mark_str(Some(mark), "id")?, mark_str(Some(mark), "title")?))
}

/// Adds the groups our export noted, with the members that exist.
pub(super) fn add_groups(map: &mut Map, ids: &mut IdPool, marks: &Marks) {
    let mut parents: Vec<(Id, Id)> = Vec::new();
    for mark in &marks.groups {
        let Some((id, title)) = id_and_title(mark) else {
            continue;
        };
        let id = ids.fresh_wanted(Some(id), id);
        let mut group = Group::new(id.clone(), title);
        if let Some(Json::Array(members)) = mark.get("members") {
            group.members = members
                .iter()
                .filter_map(Json::as_str)
                .filter(|m| {
                    matches!(
                        map.kind_of(m),
                        Some(ElementKind::Claim | ElementKind::Argument)
                    )
                })
                .filter_map(|m| map.id(m).cloned())
                .collect();
        }
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        group.meta = data.into();
        if let Some(parent) = mark_str(Some(mark), "parent").and_then(|p| Id::new(p).ok()) {
            parents.push((id, parent));
        }
        let _ = map.add_group(group);
    }
    for (group, parent) in parents {
        let _ = map.set_group_parent(&group, Some(parent));
    }
}

/// Adds the sides our export noted, with the actors that exist.
pub(super) fn add_sides(map: &mut Map, ids: &mut IdPool, marks: &Marks) {
    for mark in &marks.sides {
        let (Some(id), Some(name)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "name"))
        else {
            continue;
        };
        let mut side = Side::new(ids.fresh_wanted(Some(id), id), name);
        if let Some(Json::Array(actors)) = mark.get("actors") {
            side.actors = actors
                .iter()
                .filter_map(Json::as_str)
                .filter_map(|a| map.actor(a).map(|a| a.id.clone()))
                .collect();
        }
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        side.meta = data.into();
        let _ = map.add_side(side);
    }
}

/// What our export noted of a relation: its source, quote, makers, tags and note.
pub(super) fn apply_relation_mark(
    relation: &mut Relation,
    mark: &JsonMap<String, Json>,
    map: &Map,
) {
    relation.source = mark_str(Some(mark), "source")
        .and_then(|s| map.source(s))
        .map(|s| s.id.clone());
    relation.quote = mark_str(Some(mark), "quote").map(str::to_owned);
    if let Some(Json::Array(by)) = mark.get("by") {
        relation.by = by
            .iter()
            .filter_map(Json::as_str)
            .filter_map(|a| map.actor(a))
            .map(|a| a.id.clone())
            .collect();
    }
    let mut data = relation.meta.data().clone();
    apply_meta(&mut data, Some(mark));
    relation.meta = data.into();
}

/// Every kind of source, to read a kind's name back.
const SOURCE_KINDS: [SourceKind; 8] = [
    SourceKind::Article,
    SourceKind::Letter,
    SourceKind::Statement,
    SourceKind::Speech,
    SourceKind::Transcript,
    SourceKind::Book,
    SourceKind::Web,
    SourceKind::Other,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_time_stamps() {
        assert_eq!(
            date_of("2024-05-12 17:30:05").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(date_of("12/05/2024"), None);
        assert_eq!(date_of("2024"), None);
    }
}
