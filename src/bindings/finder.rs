//! "Who subscribes to what" over a scenario's filters (BINDINGS.md §11: the community Filter
//! Finder and Port Info Query tools): every property used by any filter with the ports and groups
//! that test it, and which ports and groups a given `property = value` satisfies. Predicates are
//! evaluated by the engine's own §3 rule (`engine::filter::predicate_holds`), never re-implemented.

use super::Subject;
use crate::engine::context::{Context, ContextValue};
use crate::engine::filter::predicate_holds;
use crate::engine::model::{FilterOperator, Predicate};
use crate::engine::scenario::spec::{ConditionSpec, FilterSpec, ScenarioSpec};
use std::collections::BTreeMap;

/// One condition on a property, where it is (port or group, OR-group number from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct FilterUse {
    pub subject: Subject,
    pub or_group: usize,
    pub condition: String,
}

/// A property and every condition that tests it.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyUse {
    pub property: String,
    pub uses: Vec<FilterUse>,
}

/// An AND-group whose conditions on the asked property all hold for the asked value.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscriber {
    pub subject: Subject,
    pub or_group: usize,
    /// The whole AND-group, as text.
    pub conditions: String,
    /// True when the AND-group tests only that property: a message with it subscribes for sure;
    /// otherwise the other conditions must hold too.
    pub only_this_property: bool,
}

/// `BTS.MessageType == http://x#Order`.
pub fn condition_text(c: &ConditionSpec) -> String {
    match &c.value {
        Some(v) => format!("{} {} {}", c.property, c.operator, super::filter_xml::value_text(v)),
        None => format!("{} {}", c.property, c.operator),
    }
}

fn filters(spec: &ScenarioSpec) -> impl Iterator<Item = (Subject, &FilterSpec)> {
    spec.send_ports
        .iter()
        .map(|p| (Subject::Port(p.name.clone()), &p.filter))
        .chain(spec.send_port_groups.iter().map(|g| (Subject::Group(g.name.clone()), &g.filter)))
}

/// Every property used by any filter (sorted by name), each with its conditions in file order.
pub fn properties(spec: &ScenarioSpec) -> Vec<PropertyUse> {
    // Property → its position in `out`, through the engine's name-lookup map type
    // (`BTreeMap<&str, usize>`) rather than a `BTreeMap<&str, Vec<FilterUse>>` with its own copy of
    // the B-tree's code (issue 14 §2); the map's key order gives the sorted list.
    let mut by_property: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out: Vec<PropertyUse> = Vec::new();
    for (subject, filter) in filters(spec) {
        for (g, group) in filter.iter().enumerate() {
            for c in group {
                let next = out.len();
                let at = *by_property.entry(c.property.as_str()).or_insert(next);
                if at == next {
                    out.push(PropertyUse { property: c.property.clone(), uses: Vec::new() });
                }
                out[at].uses.push(FilterUse {
                    subject: subject.clone(),
                    or_group: g + 1,
                    condition: condition_text(c),
                });
            }
        }
    }
    let mut slots: Vec<Option<PropertyUse>> = out.into_iter().map(Some).collect();
    by_property.values().filter_map(|&i| slots[i].take()).collect()
}

/// The ports and groups with an AND-group whose conditions on `property` all hold when the
/// message's `property` is `value` (§3; `exists` holds for any value).
pub fn who_subscribes(spec: &ScenarioSpec, property: &str, value: &str) -> Vec<Subscriber> {
    // Inserted rather than collected: `collect` into a BTreeMap sorts, linking one more stable
    // sort into the page (issue 14 §2).
    let mut ctx = Context::new();
    ctx.insert(property.to_string(), ContextValue::Str(value.to_string()));
    let mut out = Vec::new();
    for (subject, filter) in filters(spec) {
        for (g, group) in filter.iter().enumerate() {
            let on_property: Vec<&ConditionSpec> = group.iter().filter(|c| c.property == property).collect();
            let holds = |c: &&ConditionSpec| {
                FilterOperator::from_symbol(&c.operator).is_some_and(|operator| {
                    predicate_holds(&Predicate { property: c.property.clone(), operator, value: c.value.clone() }, &ctx)
                })
            };
            if !on_property.is_empty() && on_property.iter().all(holds) {
                out.push(Subscriber {
                    subject: subject.clone(),
                    or_group: g + 1,
                    conditions: group.iter().map(condition_text).collect::<Vec<_>>().join(" AND "),
                    only_this_property: on_property.len() == group.len(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ScenarioSpec {
        ScenarioSpec::from_json(
            r#"{"format":"portsim-scenario/1","sendPorts":[
              {"name":"A","kind":"static-one-way","primary":{"transport":"FILE","address":"a"},
               "filter":[[{"property":"BTS.MessageType","operator":"==","value":"T1"}],
                         [{"property":"BTS.MessageType","operator":"!=","value":"T1"},{"property":"X.N","operator":">","value":3}]]},
              {"name":"B","kind":"static-one-way","primary":{"transport":"FILE","address":"b"},
               "filter":[[{"property":"X.N","operator":"exists"}]]}],
             "sendPortGroups":[{"name":"G","members":["A"],"filter":[[{"property":"BTS.MessageType","operator":"==","value":"T2"}]]}]}"#,
        )
        .unwrap_or_default()
    }

    #[test]
    fn lists_every_property_with_its_users() {
        let props = properties(&spec());
        let names: Vec<&str> = props.iter().map(|p| p.property.as_str()).collect();
        assert_eq!(names, ["BTS.MessageType", "X.N"]);
        assert_eq!(props[0].uses.len(), 3);
        assert_eq!(props[1].uses[1].subject, Subject::Port("B".into()));
        assert_eq!(props[1].uses[1].condition, "X.N exists");
    }

    #[test]
    fn who_subscribes_evaluates_with_the_engine_rule() {
        let s = spec();
        let t1 = who_subscribes(&s, "BTS.MessageType", "T1");
        assert_eq!(t1.len(), 1);
        assert_eq!(
            (t1[0].subject.clone(), t1[0].or_group, t1[0].only_this_property),
            (Subject::Port("A".into()), 1, true)
        );
        let t2 = who_subscribes(&s, "BTS.MessageType", "T2");
        let who: Vec<(Subject, bool)> = t2.iter().map(|m| (m.subject.clone(), m.only_this_property)).collect();
        assert_eq!(who, vec![(Subject::Port("A".into()), false), (Subject::Group("G".into()), true)]);
        assert_eq!(who_subscribes(&s, "X.N", "7").len(), 2, "> 3 (numeric string) and exists");
    }
}
