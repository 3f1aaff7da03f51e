//! A stable sort by a whole-number key that every caller shares.
//!
//! Each `sort_by_key` call site of the standard library is a separate copy of its sort (≈ 4 kB
//! of wasm per element type and key closure). Sorting `(key, original index)` pairs instead goes
//! through one copy, `<[(u64, usize)]>::sort_unstable`, whatever is sorted; the index breaks ties,
//! so the order is the stable one `sort_by_key` gives (issue 14 §1: a smaller light embed).
//!
//! # Example
//! ```
//! use portsim::engine::sort_key::sort_by_u64_key;
//! let mut v = vec![("b", 2), ("a", 1), ("c", 2), ("d", 0)];
//! sort_by_u64_key(&mut v, |&(_, k)| k);
//! assert_eq!(v, [("d", 0), ("a", 1), ("b", 2), ("c", 2)]);
//! ```

/// Sorts `items` by `key`, keeping the order of items with equal keys (as `sort_by_key`). The key
/// is computed once per item.
pub fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut keyed: Vec<(u64, usize)> = items.iter().enumerate().map(|(i, item)| (key(item), i)).collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(keyed.into_iter().filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take)));
}

/// Distinct names in sorted order, through a `BTreeMap<&str, usize>` (name → first position: the
/// map type the validator's name lookups already link; a `BTreeSet<&str>` would be one more
/// instantiation of the B-tree's code) instead of `<[&str]>::sort_unstable`, which would link one
/// more copy of the slice sort (≈ 3 kB of wasm; issue 14 §1). Equal names are kept once: callers
/// pass port names, unique in a valid scenario.
pub fn sorted_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut map = std::collections::BTreeMap::<&str, usize>::new();
    for (i, name) in names.into_iter().enumerate() {
        map.entry(name).or_insert(i);
    }
    map.keys().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_out_sorted_once_each() {
        assert_eq!(sorted_names(["SP_b", "SP_a", "SP_B", "SP_a"]), ["SP_B", "SP_a", "SP_b"]);
        assert!(sorted_names([]).is_empty());
    }

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // A small deterministic generator: keys with many ties, items remembering their position.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in [0usize, 1, 2, 3, 17, 100, 1000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x % 7, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_u64_key(&mut ours, |&(k, _)| k);
            let mut std = items;
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "length {len}");
        }
    }
}
