//! Interned texts: each distinct text once, numbered in the order it was
//! first added (or in byte order, once sorted), stored end to end in one
//! buffer and found by its hash.
//!
//! A million unit ids are then three allocations, not a million, and the
//! index keeps each text's hash beside its number: growing the index never
//! reads a text again, and a look-up reads one only when the hashes agree.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::foundations::pool;

/// Distinct texts, each with a number (its id) from 0 up, in the order
/// they were added until [`Texts::sort`] numbers them in byte order.
#[derive(Clone, Default)]
pub(crate) struct Texts {
    /// The texts, end to end.
    bytes: String,
    /// Where each text ends in `bytes`: text `i` starts where `i - 1` ends.
    ends: Vec<usize>,
    /// Each text's hash and id.
    index: HashTable<(u64, u32)>,
    /// Seeded at random for each table (see [`crate::foundations::hash`]).
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for Texts {
    /// How many texts, not the texts.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts").field("len", &self.len()).finish()
    }
}

impl Texts {
    /// How many texts there are: ids run from 0 below this.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text numbered `id`.
    pub(crate) fn get(&self, id: u32) -> Option<&str> {
        text(&self.bytes, &self.ends, id)
    }

    /// The id of `text`, if it is here.
    pub(crate) fn id(&self, text: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(text);
        self.index
            .find(hash, |&(h, id)| h == hash && self.get(id) == Some(text))
            .map(|&(_, id)| id)
    }

    /// The id of `text`, added if it is new; `None` when there are as many
    /// texts as a `u32` numbers already.
    pub(crate) fn intern(&mut self, text: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(text);
        let (bytes, ends) = (&mut self.bytes, &mut self.ends);
        match self.index.entry(
            hash,
            |&(h, id)| h == hash && self::text(bytes, ends, id) == Some(text),
            |&(h, _)| h,
        ) {
            Entry::Occupied(found) => Some(found.get().1),
            Entry::Vacant(room) => {
                let id = u32::try_from(ends.len()).ok().filter(|&id| id < u32::MAX)?;
                bytes.push_str(text);
                ends.push(bytes.len());
                room.insert((hash, id));
                Some(id)
            }
        }
    }

    /// Forgets the texts numbered `len` and above: time in proportion to
    /// how many they are, not to how many stay (a reader undoes each bad
    /// document of a bundle of thousands).
    pub(crate) fn truncate(&mut self, len: usize) {
        for id in (len..self.ends.len()).filter_map(|id| u32::try_from(id).ok()) {
            let hash = self.hasher.hash_one(self.get(id).unwrap_or_default());
            if let Ok(entry) = self.index.find_entry(hash, |&(_, i)| i == id) {
                entry.remove();
            }
        }
        if len >= self.ends.len() {
            return;
        }
        let start = len
            .checked_sub(1)
            .and_then(|last| self.ends.get(last))
            .copied()
            .unwrap_or(0);
        self.bytes.truncate(start);
        self.ends.truncate(len);
    }

    /// Renumbers the texts in the order of their bytes; returns each old
    /// id's new id, by old id.
    pub(crate) fn sort(&mut self) -> Vec<u32> {
        // Each with its first eight bytes as a number, which orders two
        // texts as their bytes do unless they are equal (then the texts
        // themselves are compared): most comparisons then read no text. The
        // texts are distinct, so the unstable sort gives the one order.
        let mut keyed: Vec<(u64, u32)> = (0u32..)
            .take(self.len())
            .map(|id| (leading_bytes(self.get(id).unwrap_or_default()), id))
            .collect();
        let order = |&(ka, a): &(u64, u32), &(kb, b): &(u64, u32)| {
            ka.cmp(&kb).then_with(|| self.get(a).cmp(&self.get(b)))
        };
        // Many texts (a million unit ids) are sorted on the pool's threads.
        pool::sort_unstable_by(&mut keyed, SORTED_APART, order);
        let mut new_id = vec![u32::MAX; self.len()];
        let mut bytes = String::with_capacity(self.bytes.len());
        let mut ends = Vec::with_capacity(self.ends.len());
        for (new, &(_, old)) in (0u32..).zip(&keyed) {
            bytes.push_str(self.get(old).unwrap_or_default());
            ends.push(bytes.len());
            if let Some(slot) = usize::try_from(old).ok().and_then(|o| new_id.get_mut(o)) {
                *slot = new;
            }
        }
        self.bytes = bytes;
        self.ends = ends;
        for (_, id) in &mut self.index {
            if let Some(&new) = usize::try_from(*id).ok().and_then(|o| new_id.get(o)) {
                *id = new;
            }
        }
        new_id
    }
}

/// With the `rayon` feature, this many texts or more are sorted on the
/// pool's threads.
const SORTED_APART: usize = 1 << 16;

/// Text `id` of the buffer `bytes` whose texts end at `ends`.
fn text<'t>(bytes: &'t str, ends: &[usize], id: u32) -> Option<&'t str> {
    let id = usize::try_from(id).ok()?;
    let end = *ends.get(id)?;
    let start = match id.checked_sub(1) {
        Some(before) => *ends.get(before)?,
        None => 0,
    };
    bytes.get(start..end)
}

/// The first eight bytes of `s` (zeros after a shorter one) as a number
/// that orders texts as their bytes do, as far as it tells them apart: a
/// shorter text, padded with zeros, is never after a longer one it starts.
fn leading_bytes(s: &str) -> u64 {
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(s.as_bytes()) {
        *to = *from;
    }
    u64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Two texts whose first eight bytes, as numbers, differ are in the
        /// order of those numbers.
        #[test]
        fn leading_bytes_order_texts_as_their_bytes_do(
            a in "[a\\x00-\\x02é]{0,10}",
            b in "[a\\x00-\\x02é]{0,10}",
        ) {
            let (ka, kb) = (leading_bytes(&a), leading_bytes(&b));
            if ka != kb {
                proptest::prop_assert_eq!(ka.cmp(&kb), a.cmp(&b));
            }
        }

        /// Any run of additions, truncations and sorts leaves the texts a
        /// list of distinct texts would hold, each found by its id and its
        /// id by it.
        #[test]
        fn the_texts_are_those_of_a_list(
            steps in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => "[ab\\x00é]{0,10}".prop_map(Step::Add),
                    1 => (0usize..40).prop_map(Step::Truncate),
                    1 => proptest::strategy::Just(Step::Sort),
                ],
                0..120,
            ),
        ) {
            let (mut texts, mut list) = (Texts::default(), Vec::<String>::new());
            for step in steps {
                match step {
                    Step::Add(t) => {
                        let id = match list.iter().position(|l| *l == t) {
                            Some(at) => at,
                            None => {
                                list.push(t.clone());
                                list.len().saturating_sub(1)
                            }
                        };
                        proptest::prop_assert_eq!(texts.intern(&t), Some(id as u32));
                    }
                    Step::Truncate(n) => {
                        texts.truncate(n);
                        list.truncate(n);
                    }
                    Step::Sort => {
                        let before = list.clone();
                        let new_id = texts.sort();
                        list.sort_unstable();
                        for (old, t) in before.iter().enumerate() {
                            proptest::prop_assert_eq!(&list[new_id[old] as usize], t);
                        }
                    }
                }
                proptest::prop_assert_eq!(texts.len(), list.len());
                for (id, t) in list.iter().enumerate() {
                    proptest::prop_assert_eq!(texts.get(id as u32), Some(t.as_str()));
                    proptest::prop_assert_eq!(texts.id(t), Some(id as u32));
                }
            }
        }
    }

    #[derive(Debug, Clone)]
    enum Step {
        Add(String),
        Truncate(usize),
        Sort,
    }

    #[test]
    fn a_text_is_added_once_and_found_by_its_id() {
        let mut texts = Texts::default();
        assert_eq!(texts.intern("VN"), Some(0));
        assert_eq!(texts.intern(""), Some(1));
        assert_eq!(texts.intern("VN-HN"), Some(2));
        assert_eq!(texts.intern("VN"), Some(0));
        assert_eq!(texts.len(), 3);
        assert_eq!(texts.get(2), Some("VN-HN"));
        assert_eq!(texts.get(1), Some(""));
        assert_eq!(texts.get(3), None);
        assert_eq!(texts.id("VN-HN"), Some(2));
        assert_eq!(texts.id("VN-H"), None);
    }

    #[test]
    fn truncating_forgets_the_later_texts_only() {
        let mut texts = Texts::default();
        for t in ["a", "bb", "ccc", "dddd"] {
            texts.intern(t);
        }
        texts.truncate(2);
        assert_eq!(
            (texts.len(), texts.id("ccc"), texts.id("bb")),
            (2, None, Some(1))
        );
        assert_eq!(texts.intern("eeeee"), Some(2));
        assert_eq!(texts.get(2), Some("eeeee"));
        texts.truncate(0);
        assert_eq!((texts.len(), texts.id("a")), (0, None));
    }

    #[test]
    fn sorting_numbers_the_texts_in_byte_order() {
        let mut texts = Texts::default();
        // Equal first eight bytes, a text that starts another, and bytes
        // above ASCII.
        let words = ["VN-HN-0002", "Đà Nẵng", "VN", "VN-HN-0001", "", "VN-HN"];
        for w in words {
            texts.intern(w);
        }
        let new_id = texts.sort();
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        for (old, word) in words.iter().enumerate() {
            let new = new_id[old];
            assert_eq!(texts.get(new), Some(*word));
            assert_eq!(texts.id(word), Some(new));
            assert_eq!(sorted[new as usize], *word);
        }
    }

    /// Enough texts to be sorted on the pool's threads (with `rayon`),
    /// many sharing their first eight bytes, are numbered in byte order.
    #[test]
    fn many_texts_are_sorted_in_byte_order() {
        let words: Vec<String> = (0..SORTED_APART + 5_000)
            .map(|i| match i % 3 {
                0 => format!("VN-HN-{:06}", (i * 7_919) % 100_003),
                1 => format!("C{}", (i * 104_729) % 1_000_003),
                _ => format!("Xã {i}"),
            })
            .collect();
        let mut texts = Texts::default();
        for w in &words {
            texts.intern(w);
        }
        assert_eq!(texts.len(), words.len(), "the texts are distinct");
        let new_id = texts.sort();
        let mut sorted: Vec<&str> = words.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        for (new, word) in sorted.iter().enumerate() {
            assert_eq!(texts.get(new as u32), Some(*word));
        }
        for (old, word) in words.iter().enumerate() {
            assert_eq!(texts.id(word), Some(new_id[old]));
            assert_eq!(texts.get(new_id[old]), Some(word.as_str()));
        }
    }
}
