//! The relations the S-nodes make: each argument's conclusion, direct supports, conflicts
//! (rebuttals, undercuts, contradictions) and rephrases, held as pending until who made them
//! and what our export noted of them is known, then added to the map.

use super::*;

/// The relations read from S-nodes on their way into the map.
pub(super) struct Relations {
    pub(super) pending: Vec<Pending>,
    /// S-node → the relations it became (their places in `pending`).
    pub(super) made: Vec<Vec<usize>>,
    /// CA-nodes read as the first of a `contradicts` pair.
    pub(super) contradicted: HashSet<usize>,
    /// CA → CA edges, for the map's `ext`.
    pub(super) attacks_on_attacks: Vec<Json>,
}

impl Relations {
    /// None yet, for a graph of `n` nodes.
    pub(super) fn new(n: usize) -> Relations {
        Relations {
            pending: Vec::new(),
            made: vec![Vec::new(); n],
            contradicted: HashSet::default(),
            attacks_on_attacks: Vec::new(),
        }
    }

    /// A relation an S-node became.
    pub(super) fn add(&mut self, s: usize, relation: Relation, span: Span) {
        self.made[s].push(self.pending.len());
        self.pending.push(Pending { relation, span });
    }

    /// A relation of one kind from each of `from` to each of `to`, which S-node `s` became.
    pub(super) fn add_each(
        &mut self,
        s: usize,
        from: &[Id],
        kind: RelationKind,
        to: &[Id],
        span: Span,
    ) {
        for f in from {
            for t in to {
                self.add(s, Relation::new(f.clone(), kind, t.clone()), span);
            }
        }
    }

    /// Each relation an S-node became, made by the actors who made the S-node.
    pub(super) fn credit_makers(&mut self, makers: &[(usize, usize)], actor_ids: &[Id]) {
        for &(p, s) in makers {
            let Some(actor) = actor_ids.get(p) else {
                continue;
            };
            for &r in &self.made[s] {
                if let Some(Pending { relation, .. }) = self.pending.get_mut(r) {
                    if !relation.by.contains(actor) {
                        relation.by.push(actor.clone());
                    }
                }
            }
        }
    }

    /// What our export noted of each relation: its source, quote, tags, note and makers.
    pub(super) fn apply_marks(&mut self, scope: &Scope<'_, '_>, element: &[Option<Id>], map: &Map) {
        let Scope {
            g,
            marks,
            is_argument,
            ..
        } = scope;
        // In our own export the makers are the noted ones alone.
        if marks.is_ours() {
            for Pending { relation, .. } in self.pending.iter_mut() {
                relation.by.clear();
            }
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            let Some(Json::Object(mark)) = marks.of(&node.id).and_then(|m| m.get("relation"))
            else {
                continue;
            };
            // An argument's marks are its conclusion link's, which comes first.
            let count = if is_argument[ix] {
                1
            } else {
                self.made[ix].len()
            };
            for &r in self.made[ix].iter().take(count) {
                let Some(Pending { relation, .. }) = self.pending.get_mut(r) else {
                    continue;
                };
                apply_relation_mark(relation, mark, map);
            }
        }
        // And of each premise link, under its argument's RA by the premise's id: found by
        // argument, in one pass over the relations.
        let premise_marks: HashMap<&Id, &JsonMap<String, Json>> = g
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(ix, node)| {
                let Some(Json::Object(premises)) =
                    marks.of(&node.id).and_then(|m| m.get("premises"))
                else {
                    return None;
                };
                Some((element[ix].as_ref()?, premises))
            })
            .collect();
        for Pending { relation, .. } in self.pending.iter_mut() {
            if relation.kind != RelationKind::Premise {
                continue;
            }
            let mark = premise_marks
                .get(&relation.to)
                .and_then(|premises| premises.get(relation.from.as_str()));
            if let Some(Json::Object(mark)) = mark {
                apply_relation_mark(relation, mark, map);
            }
        }
    }
}

/// A relation on its way into the map, with the place it came from.
pub(super) struct Pending {
    pub(super) relation: Relation,
    pub(super) span: Span,
}

impl Reader<'_> {
    /// Each argument's conclusion, and the arguments that support it.
    pub(super) fn add_conclusions(
        &mut self,
        scope: &Scope<'_, '_>,
        element: &[Option<Id>],
        rel: &mut Relations,
    ) {
        let Scope { g, is_argument, .. } = scope;
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::Ra || !is_argument[ix] {
                continue;
            }
            let Some(arg) = element[ix].clone() else {
                continue;
            };
            let mut concluded = false;
            for t in g.neighbours(&node.out, Kind::I) {
                let Some(claim) = element[t].clone() else {
                    continue;
                };
                let kind = if concluded {
                    self.warn(
                        "RA-nodes with several conclusions",
                        Some(node.span),
                        format!(
                            "RA-node {} has a second conclusion, {}; read as a support from the argument",
                            node.id, g.nodes[t].id
                        ),
                        "an inference has one conclusion; split the RA-node in two",
                    );
                    RelationKind::Supports
                } else {
                    concluded = true;
                    RelationKind::Conclusion
                };
                rel.add(ix, Relation::new(arg.clone(), kind, claim), node.span);
            }
            // An argument entering this one supports it.
            for r in g.neighbours(&node.inc, Kind::Ra) {
                if let (true, Some(from)) = (is_argument[r], element[r].clone()) {
                    rel.add(
                        ix,
                        Relation::new(from, RelationKind::Supports, arg.clone()),
                        node.span,
                    );
                }
            }
        }
    }

    /// Direct supports, conflicts and rephrases; returns the preferences of PA-nodes, which
    /// the model has no place for.
    pub(super) fn read_s_nodes(
        &mut self,
        scope: &Scope<'_, '_>,
        element: &[Option<Id>],
        map: &mut Map,
        ids: &mut IdPool,
        rel: &mut Relations,
    ) -> Vec<Json> {
        let Scope {
            g,
            marks,
            is_argument,
            ..
        } = scope;
        let mut preferences: Vec<Json> = Vec::new();
        for (ix, node) in g.nodes.iter().enumerate() {
            let sources = |with_arguments: bool| -> Vec<Id> {
                node.inc
                    .iter()
                    .filter(|&&s| {
                        g.nodes[s].kind == Kind::I
                            || with_arguments && g.nodes[s].kind == Kind::Ra && is_argument[s]
                    })
                    .filter_map(|&s| element[s].clone())
                    .collect()
            };
            match node.kind {
                Kind::Ra if !is_argument[ix] => {
                    let from = sources(true);
                    let to: Vec<Id> = node
                        .out
                        .iter()
                        .filter(|&&t| {
                            g.nodes[t].kind == Kind::I
                                || g.nodes[t].kind == Kind::Ra && is_argument[t]
                        })
                        .filter_map(|&t| element[t].clone())
                        .collect();
                    if from.is_empty() || to.is_empty() {
                        self.skip_unconnected(
                            node,
                            format!(
                                "RA-node {} has no {}; skipped",
                                node.id,
                                if from.is_empty() {
                                    "premise"
                                } else {
                                    "conclusion"
                                }
                            ),
                            "an RA-node needs an I-node entering it and one it points to",
                        );
                        continue;
                    }
                    rel.add_each(ix, &from, RelationKind::Supports, &to, node.span);
                }
                Kind::Ca => {
                    let known = Known { g, marks, element };
                    self.conflict(&known, ix, sources(true), map, ids, rel);
                }
                Kind::Ma => {
                    let from = sources(false);
                    let to: Vec<Id> = g
                        .neighbours(&node.out, Kind::I)
                        .into_iter()
                        .filter_map(|t| element[t].clone())
                        .collect();
                    let odd = node
                        .inc
                        .iter()
                        .chain(&node.out)
                        .any(|&x| !matches!(g.nodes[x].kind, Kind::I | Kind::Ya));
                    if odd {
                        self.warn(
                            "edges of the wrong shape",
                            Some(node.span),
                            format!(
                                "MA-node {} touches nodes other than I-nodes; those edges are skipped",
                                node.id
                            ),
                            "a rephrase runs I-node → MA-node → I-node",
                        );
                    }
                    if from.is_empty() || to.is_empty() {
                        self.skip_unconnected(
                            node,
                            format!("MA-node {} needs an I-node on each side; skipped", node.id),
                            "a rephrase runs I-node → MA-node → I-node",
                        );
                        continue;
                    }
                    rel.add_each(ix, &from, RelationKind::Rephrases, &to, node.span);
                }
                Kind::Pa => {
                    preferences.push(json!({
                        "pa": node.id,
                        "from": node.inc.iter().map(|&x| g.nodes[x].id.clone()).collect::<Vec<_>>(),
                        "to": node.out.iter().map(|&x| g.nodes[x].id.clone()).collect::<Vec<_>>(),
                    }));
                    self.warn(
                        "preferences",
                        Some(node.span),
                        format!(
                            "PA-node {}: the model has no preferences; kept in the map's `ext`",
                            node.id
                        ),
                        "nothing to do",
                    );
                }
                Kind::Other => self.warn(
                    "unknown node types",
                    Some(node.span),
                    format!(
                        "node {} has the type {:?}, which is not read; skipped",
                        node.id, node.type_name
                    ),
                    "AIF node types are I, L, RA, CA, MA, PA, TA and YA",
                ),
                _ => {}
            }
        }
        preferences
    }

    /// Adds the relations read, warning of those the model refuses (but repeats).
    pub(super) fn add_relations(&mut self, map: &mut Map, pending: Vec<Pending>) {
        for Pending { relation, span } in pending {
            let (from, kind, to) = (relation.from.clone(), relation.kind, relation.to.clone());
            if let Err(e) = map.add_relation(relation) {
                if !matches!(e, crate::model::ModelError::DuplicateRelation { .. }) {
                    let what = format!("{from} {} {to}", kind.as_str());
                    self.warn(
                        "relations the model refuses",
                        Some(span),
                        format!("`{what}` is skipped: {e}"),
                        "check the edges of this node",
                    );
                }
            }
        }
    }

    /// A CA-node: rebuttals of claims, undercuts of arguments, an argument for attackers that
    /// work only together, one `contradicts` for a pair our export marked.
    fn conflict(
        &mut self,
        k: &Known<'_, '_>,
        ix: usize,
        from: Vec<Id>,
        map: &mut Map,
        ids: &mut IdPool,
        rel: &mut Relations,
    ) {
        let node = &k.g.nodes[ix];
        let mut targets: Vec<(Id, RelationKind)> = Vec::new();
        for &t in &node.out {
            let target = &k.g.nodes[t];
            match target.kind {
                Kind::I => {
                    if let Some(id) = k.element[t].clone() {
                        targets.push((id, RelationKind::Rebuts));
                    }
                }
                Kind::Ra => match k.element[t].clone() {
                    Some(id) => {
                        let kind = if k.marks.node(&node.id, "as") == Some("rebuts") {
                            RelationKind::Rebuts
                        } else {
                            RelationKind::Undercuts
                        };
                        targets.push((id, kind));
                    }
                    None => self.skip_unconnected(
                        node,
                        format!(
                            "CA-node {} attacks RA-node {}, which was skipped; the attack is skipped too",
                            node.id, target.id
                        ),
                        "give the RA-node a premise and a conclusion",
                    ),
                },
                Kind::Ca => {
                    rel.attacks_on_attacks
                        .push(json!({ "ca": node.id, "target": target.id }));
                    self.warn(
                        "attacks on attacks",
                        Some(node.span),
                        format!(
                            "CA-node {} attacks CA-node {}: the model has no attack on an attack; kept in the map's `ext`",
                            node.id, target.id
                        ),
                        "nothing to do; an AIF export of this map will not restore it",
                    );
                }
                _ => self.warn(
                    "edges of the wrong shape",
                    Some(node.span),
                    format!(
                        "CA-node {} points at a {} node ({}); that edge is skipped",
                        node.id, target.type_name, target.id
                    ),
                    "a CA-node points at the I-node or RA-node it attacks",
                ),
            }
        }
        if from.is_empty() {
            self.skip_unconnected(
                node,
                format!("CA-node {} has no attacker; skipped", node.id),
                "connect the attacking I-node to it, or remove it",
            );
            return;
        }
        if targets.is_empty() {
            if node.out.iter().all(|&t| k.g.nodes[t].kind != Kind::Ca) {
                self.skip_unconnected(
                    node,
                    format!("CA-node {} attacks nothing; skipped", node.id),
                    "point it at the I-node or RA-node it attacks",
                );
            }
            return;
        }
        if let Some(pair) = k.marks.node(&node.id, "pair") {
            // Our export writes `contradicts` as two CAs, marked as a pair.
            let other = k.g.by_id.get(pair).copied();
            if let (Some(other), [(t, RelationKind::Rebuts)], [f]) =
                (other, &targets[..], &from[..])
            {
                if !rel.contradicted.contains(&other) {
                    rel.contradicted.insert(ix);
                    rel.add(
                        ix,
                        Relation::new(f.clone(), RelationKind::Contradicts, t.clone()),
                        node.span,
                    );
                } else {
                    rel.made[ix] = rel.made[other].clone();
                }
                return;
            }
        }
        let from = if from.len() >= 2 {
            // Attackers that work only together: a linked attack.
            let id = ids.fresh_wanted(k.marks.node(&node.id, "id"), &format!("ca-{}", node.id));
            let mut argument = Argument::new(id.clone());
            argument.meta = MetaData {
                origin: Some(origin("aif", &node.id)),
                ..MetaData::default()
            }
            .into();
            if map.add_argument(argument).is_err() {
                return;
            }
            for f in from {
                if map.kind_of(&f) == Some(ElementKind::Claim) {
                    rel.pending.push(Pending {
                        relation: Relation::new(f, RelationKind::Premise, id.clone()),
                        span: node.span,
                    });
                }
            }
            vec![id]
        } else {
            from
        };
        for f in &from {
            for (t, kind) in &targets {
                rel.add(ix, Relation::new(f.clone(), *kind, t.clone()), node.span);
            }
        }
    }
}
