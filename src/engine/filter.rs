//! §3 DECISION: filter evaluation. A filter is an OR of AND-groups; comparison is typed (integers
//! numerically, strings ordinally and case-sensitively — ISO dateTime strings therefore compare
//! chronologically); a predicate on an absent property is false except `exists`; an empty filter
//! means "no filter subscription" and matches nothing.
//!
//! Values of incomparable types (e.g. a boolean against a number) are "not equal": only `!=` holds.

use super::context::{Context, ContextValue};
use super::model::{Filter, FilterOperator, Predicate};
use std::cmp::Ordering;

/// §3: does the message context satisfy this filter?
pub fn filter_matches(filter: &Filter, ctx: &Context) -> bool {
    !filter.is_empty() && filter.groups.iter().any(|group| group.iter().all(|p| predicate_holds(p, ctx)))
}

/// §3: one predicate `property operator value`.
pub fn predicate_holds(p: &Predicate, ctx: &Context) -> bool {
    let Some(actual) = ctx.get(&p.property) else { return false };
    if p.operator == FilterOperator::Exists {
        return true;
    }
    let Some(expected) = &p.value else { return false };
    match compare(actual, expected) {
        Some(o) => match p.operator {
            FilterOperator::Equals => o == Ordering::Equal,
            FilterOperator::NotEquals => o != Ordering::Equal,
            FilterOperator::Less => o == Ordering::Less,
            FilterOperator::LessOrEqual => o != Ordering::Greater,
            FilterOperator::Greater => o == Ordering::Greater,
            FilterOperator::GreaterOrEqual => o != Ordering::Less,
            FilterOperator::Exists => true,
        },
        None => p.operator == FilterOperator::NotEquals,
    }
}

/// Typed comparison of a context value with a filter value (§3 DECISION).
pub fn compare(actual: &ContextValue, expected: &ContextValue) -> Option<Ordering> {
    use ContextValue::*;
    match (actual, expected) {
        (Str(a), Str(b)) => Some(a.as_str().cmp(b.as_str())),
        (Bool(a), Bool(b)) => Some(a.cmp(b)),
        (Int(a), Int(b)) => Some(a.cmp(b)),
        (Int(_) | Float(_), Int(_) | Float(_)) => as_f64(actual)?.partial_cmp(&as_f64(expected)?),
        // A promoted integer written as a string on one side still compares numerically.
        (Int(_), Str(_)) | (Str(_), Int(_)) => Some(actual.as_i64()?.cmp(&expected.as_i64()?)),
        _ => None,
    }
}

fn as_f64(v: &ContextValue) -> Option<f64> {
    match v {
        ContextValue::Int(i) => Some(*i as f64),
        ContextValue::Float(f) => Some(*f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(property: &str, operator: FilterOperator, value: Option<ContextValue>) -> Predicate {
        Predicate { property: property.into(), operator, value }
    }
    fn ctx(pairs: &[(&str, ContextValue)]) -> Context {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }
    use ContextValue::{Int, Str};
    use FilterOperator::*;

    #[test]
    fn empty_filter_is_no_subscription() {
        assert!(!filter_matches(&Filter::default(), &ctx(&[("A", Int(1))])));
    }

    #[test]
    fn or_of_and_groups() {
        let f = Filter {
            groups: vec![
                vec![p("A", Equals, Some(Int(1))), p("B", Equals, Some(Str("x".into())))],
                vec![p("C", Exists, None)],
            ],
        };
        assert!(filter_matches(&f, &ctx(&[("A", Int(1)), ("B", Str("x".into()))])));
        assert!(!filter_matches(&f, &ctx(&[("A", Int(1)), ("B", Str("y".into()))])), "AND needs both");
        assert!(filter_matches(&f, &ctx(&[("C", Str("".into()))])), "second OR group");
        assert!(!filter_matches(&f, &ctx(&[])));
    }

    #[test]
    fn integers_compare_numerically_strings_ordinally() {
        let c = ctx(&[("N", Int(10)), ("S", Str("b".into()))]);
        assert!(predicate_holds(&p("N", Greater, Some(Int(9))), &c), "10 > 9 numerically");
        assert!(predicate_holds(&p("N", GreaterOrEqual, Some(Int(10))), &c));
        assert!(predicate_holds(&p("N", LessOrEqual, Some(Int(10))), &c));
        assert!(!predicate_holds(&p("N", Less, Some(Int(10))), &c));
        assert!(predicate_holds(&p("N", NotEquals, Some(Int(11))), &c));
        assert!(predicate_holds(&p("S", Less, Some(Str("c".into()))), &c));
        assert!(!predicate_holds(&p("S", Equals, Some(Str("B".into()))), &c), "case-sensitive");
        // "10" < "9" as text, but not as numbers.
        let t = ctx(&[("T", Str("10".into()))]);
        assert!(predicate_holds(&p("T", Less, Some(Str("9".into()))), &t));
        assert!(predicate_holds(&p("T", Greater, Some(Int(9))), &t));
    }

    #[test]
    fn absent_property_is_false_except_exists() {
        let c = ctx(&[]);
        for op in FilterOperator::ALL {
            let v = if op == Exists { None } else { Some(Int(1)) };
            assert!(!predicate_holds(&p("X", op, v), &c), "{op:?} on absent");
        }
        assert!(predicate_holds(&p("X", Exists, None), &ctx(&[("X", Int(0))])));
    }

    #[test]
    fn datetime_strings_compare_chronologically() {
        let c = ctx(&[("D", Str("2024-03-01T10:00:00Z".into()))]);
        assert!(predicate_holds(&p("D", Greater, Some(Str("2024-02-29T23:59:59Z".into()))), &c));
    }
}
