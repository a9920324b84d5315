//! Fresh ids for importers: the one place that turns a wanted id or a text into an id no
//! other element of the map holds yet.
//!
//! Every reader of a foreign format names elements the same way: the format's own id when it
//! is a valid one, else a slug of the element's text, numbered `-2`, `-3`, ... when that is
//! taken. Each base id remembers the last number it gave, so a file with ten thousand equal
//! texts costs no more than one with ten thousand different ones.

use super::Id;

/// Hash maps keyed by ids, with a fast hasher (seeded per process): an importer asks for an
/// id per element.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// The ids given out so far, and the next number to try for each base id.
///
/// ```
/// use argumap::model::{Id, IdPool};
///
/// let mut pool = IdPool::new();
/// assert_eq!(pool.fresh_slug("Pause encryption"), "pause-encryption");
/// assert_eq!(pool.fresh_slug("Pause encryption!"), "pause-encryption-2");
/// assert!(pool.take(Id::new("article")?));
/// assert_eq!(pool.fresh_wanted(Some("article"), "The article"), "article-2");
/// # Ok::<(), argumap::model::IdError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct IdPool {
    taken: HashSet<Id>,
    next: HashMap<Id, usize>,
}

impl IdPool {
    /// An empty pool.
    pub fn new() -> IdPool {
        IdPool::default()
    }

    /// Whether the id was given out or taken.
    pub fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// Takes an id as it is, for an element whose id comes from elsewhere (a file's own
    /// ids). Returns `false`, and changes nothing, when it is already taken.
    pub fn take(&mut self, id: Id) -> bool {
        self.taken.insert(id)
    }

    /// `base` when it is free, else the first free of `base-2`, `base-3`, ...
    /// ([`Id::numbered`], which keeps a long slug within its length), now taken.
    pub fn fresh(&mut self, base: Id) -> Id {
        if self.taken.insert(base.clone()) {
            return base;
        }
        // Ids are only ever added, so a number found taken once stays taken: each base goes
        // on from where it stopped.
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = base.numbered(*n);
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A fresh id from a text: its slug ([`Id::slugify`]), numbered when taken.
    pub fn fresh_slug(&mut self, text: &str) -> Id {
        self.fresh(Id::slugify(text))
    }

    /// A fresh id from a foreign format's own id, `wanted`, when it is a valid id, else from
    /// a slug of `text`; numbered when taken.
    pub fn fresh_wanted(&mut self, wanted: Option<&str>, text: &str) -> Id {
        let base = wanted
            .and_then(|w| Id::new(w).ok())
            .unwrap_or_else(|| Id::slugify(text));
        self.fresh(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_numbered_in_order() {
        let mut pool = IdPool::new();
        let ids: Vec<Id> = (0..4).map(|_| pool.fresh_slug("A claim")).collect();
        assert_eq!(ids, ["a-claim", "a-claim-2", "a-claim-3", "a-claim-4"]);
    }

    #[test]
    fn numbers_taken_by_others_are_skipped() {
        let mut pool = IdPool::new();
        assert!(pool.take(Id::new("x-2").unwrap()));
        assert!(!pool.take(Id::new("x-2").unwrap()));
        assert_eq!(pool.fresh_slug("x"), "x");
        assert_eq!(pool.fresh_slug("x"), "x-3");
        assert_eq!(pool.fresh_wanted(Some("x-4"), "other"), "x-4");
        assert_eq!(pool.fresh_slug("x"), "x-5");
        assert_eq!(pool.fresh_wanted(Some("not an id"), "x"), "x-6");
    }

    #[test]
    fn many_equal_long_texts_stay_distinct_and_fast() {
        let mut pool = IdPool::new();
        let long = "word ".repeat(40);
        let ids: Vec<Id> = (0..20_000).map(|_| pool.fresh_slug(&long)).collect();
        let distinct: HashSet<&Id> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        // Numbering keeps a long slug within its own length.
        assert!(ids.iter().all(|id| id.len() <= ids[0].len()));
    }
}
