//! The topology: a live picture MessageBox → send port groups → send ports → endpoints, with
//! edges for group membership (§2), filter subscriptions (§3) and primary / backup transports
//! (§6). Each port shows its state (icon + text: Bound / Stopped / Started) and its counts
//! (`Simulation::port_counts`). Messages visibly flow: each render after the simulation moved
//! animates a dot along the edge of each new Route / Attempt trace event (at most `MAX_DOTS`).

use super::observe_util::group_thousands;
use crate::engine::model::{LifecycleState, PortConfig, Scenario};
use crate::engine::simulation::TransportSlot;
use crate::engine::trace::TraceKind;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::contract::ObserveProps;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// At most this many dots animate per simulation step.
pub const MAX_DOTS: usize = 16;
/// How far back in the new part of the trace to look for Route / Attempt events.
const SCAN_LIMIT: usize = 4000;

const MB_X: f64 = 8.0;
const MB_W: f64 = 120.0;
const GROUP_X: f64 = 168.0;
const GROUP_W: f64 = 180.0;
const PORT_X: f64 = 392.0;
const PORT_W: f64 = 262.0;
const PORT_H: f64 = 76.0;
const ROW_H: f64 = 92.0;
const END_X: f64 = 700.0;
const END_W: f64 = 220.0;
const END_H: f64 = 44.0;
const GROUP_H: f64 = 56.0;
const TOP: f64 = 30.0;
const WIDTH: f64 = 930.0;

/// Where every node sits.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Top y of each port box, in scenario order.
    pub port_y: Vec<f64>,
    /// Top y of each group box, in scenario order.
    pub group_y: Vec<f64>,
    /// Each distinct endpoint address with its top y.
    pub endpoints: Vec<(String, f64)>,
    pub height: f64,
}

/// Lays the picture out: ports in a column, groups centred on their members, endpoints beside
/// the first port using them; boxes in a column never overlap.
pub fn layout(scenario: &Scenario) -> Layout {
    let port_y: Vec<f64> = (0..scenario.ports.len()).map(|i| TOP + i as f64 * ROW_H).collect();
    // Filled by `extend` (inserts), not `collect` (sort + bulk build): one less sort instantiated
    // in the wasm (issue 14 §2).
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    index.extend(scenario.ports.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)));
    let mut group_y = Vec::new();
    let mut next_free = TOP;
    for g in &scenario.groups {
        let ys: Vec<f64> = g.members.iter().filter_map(|m| index.get(m.as_str())).map(|&i| port_y[i]).collect();
        let wanted =
            if ys.is_empty() { next_free } else { ys.iter().sum::<f64>() / ys.len() as f64 + (PORT_H - GROUP_H) / 2.0 };
        let y = wanted.max(next_free);
        next_free = y + GROUP_H + 14.0;
        group_y.push(y);
    }
    let mut endpoints: Vec<(String, f64)> = Vec::new();
    let mut next_free = TOP;
    for (i, p) in scenario.ports.iter().enumerate() {
        for (n, tr) in [p.primary.as_ref(), p.backup.as_ref()].into_iter().flatten().enumerate() {
            if endpoints.iter().any(|(a, _)| *a == tr.address) {
                continue;
            }
            let wanted = port_y[i] + if n == 0 { 0.0 } else { END_H + 4.0 };
            let y = wanted.max(next_free);
            next_free = y + END_H + 6.0;
            endpoints.push((tr.address.clone(), y));
        }
    }
    let bottom = [
        port_y.last().map(|y| y + PORT_H),
        group_y.last().map(|y| y + GROUP_H),
        endpoints.last().map(|(_, y)| y + END_H),
    ]
    .into_iter()
    .flatten()
    .fold(TOP + PORT_H, f64::max);
    Layout { port_y, group_y, endpoints, height: bottom + 40.0 }
}

/// One animated dot: from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, PartialEq)]
struct Dot {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    class: &'static str,
}

#[derive(Default)]
struct DotState {
    sim_ptr: usize,
    seen: usize,
    version: u64,
    /// The version the current dots were made for (their keys, so they animate once).
    dots_version: u64,
    dots: Vec<Dot>,
}

fn state_text(lang: Lang, state: LifecycleState) -> (&'static str, &'static str) {
    match state {
        LifecycleState::Bound => ("○", t(lang, "state.bound")),
        LifecycleState::Stopped => ("■", t(lang, "state.stopped")),
        LifecycleState::Started => ("▶", t(lang, "state.started")),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn transport_text(p: &PortConfig, lang: Lang) -> String {
    match &p.primary {
        Some(tr) => tr.transport.clone(),
        None => t(lang, "obs.topo.dynamic").to_string(),
    }
}

/// The live topology picture.
#[component(Topology)]
pub fn topology(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let dots_state = use_mut_ref(DotState::default);
    let sim = props.view.sim.borrow();
    let scenario = sim.scenario();
    let lay = layout(scenario);
    // Without groups the groups column folds away, so the picture fits narrower screens.
    let shift = if scenario.groups.is_empty() { PORT_X - GROUP_X } else { 0.0 };
    let (port_x, end_x, width) = (PORT_X - shift, END_X - shift, WIDTH - shift);
    let mb_y = TOP;
    let mb_h = (lay.height - 40.0 - TOP).max(PORT_H);
    let mb_mid = mb_y + mb_h / 2.0;
    // Filled by `extend` (inserts), not `collect` (sort + bulk build): one less sort instantiated
    // in the wasm (issue 14 §2).
    let (mut port_index, mut group_index, mut end_index) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    port_index.extend(scenario.ports.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)));
    group_index.extend(scenario.groups.iter().enumerate().map(|(i, g)| (g.name.as_str(), i)));
    end_index.extend(lay.endpoints.iter().map(|(a, y)| (a.as_str(), *y)));
    let port_mid = |i: usize| lay.port_y[i] + PORT_H / 2.0;
    let group_mid = |i: usize| lay.group_y[i] + GROUP_H / 2.0;

    // New dots for the trace events since the last simulation version.
    {
        let mut ds = dots_state.borrow_mut();
        let ptr = Rc::as_ptr(&props.view.sim) as usize;
        let trace = sim.trace();
        if ds.sim_ptr != ptr || trace.len() < ds.seen {
            ds.sim_ptr = ptr;
            ds.seen = trace.len();
            ds.dots.clear();
        } else if ds.version != props.view.version && trace.len() > ds.seen {
            let from = ds.seen.max(trace.len().saturating_sub(SCAN_LIMIT));
            let mut dots = Vec::new();
            for e in trace.range(from..trace.len()).rev() {
                if dots.len() >= MAX_DOTS {
                    break;
                }
                let Some(&p) = e.port.as_deref().and_then(|n| port_index.get(n)) else { continue };
                match e.kind {
                    TraceKind::Route => match e.group.as_deref().and_then(|g| group_index.get(g)) {
                        Some(&g) => dots.push(Dot {
                            x1: GROUP_X + GROUP_W,
                            y1: group_mid(g),
                            x2: port_x,
                            y2: port_mid(p),
                            class: "flow-dot route",
                        }),
                        None => dots.push(Dot {
                            x1: MB_X + MB_W,
                            y1: mb_mid,
                            x2: port_x,
                            y2: port_mid(p),
                            class: "flow-dot route",
                        }),
                    },
                    TraceKind::Attempt => {
                        let info = e.instance.and_then(|id| sim.instance_info(id));
                        let slot = info
                            .as_ref()
                            .and_then(|i| i.attempts.iter().rev().find(|a| a.start == e.at))
                            .map(|a| a.transport)
                            .unwrap_or(TransportSlot::Primary);
                        let cfg = &scenario.ports[p];
                        let address = match slot {
                            TransportSlot::Primary => cfg.primary.as_ref(),
                            TransportSlot::Backup => cfg.backup.as_ref(),
                        }
                        .map(|tr| tr.address.as_str());
                        if let Some(&y) = address.and_then(|a| end_index.get(a)) {
                            dots.push(Dot {
                                x1: port_x + PORT_W,
                                y1: port_mid(p),
                                x2: end_x,
                                y2: y + END_H / 2.0,
                                class: "flow-dot attempt",
                            });
                        }
                    }
                    _ => {}
                }
            }
            dots.reverse();
            ds.dots = dots;
            ds.seen = trace.len();
            ds.dots_version = props.view.version;
        }
        ds.version = props.view.version;
    }
    let (dots, version) = {
        let ds = dots_state.borrow();
        (ds.dots.clone(), ds.dots_version)
    };

    let mut edges: Vec<Html> = Vec::new();
    for (gi, g) in scenario.groups.iter().enumerate() {
        // §2: only an enlisted (Stopped or Started) group has subscriptions; a Bound one has none.
        let enlisted = sim.group_state(&g.name).unwrap_or(g.state).is_enlisted();
        let (class, key) = if g.filter.is_empty() {
            ("edge direct", "obs.topo.edge_direct")
        } else {
            ("edge filter", "obs.topo.edge_filter")
        };
        if enlisted {
            edges.push(edge(MB_X + MB_W, mb_mid, GROUP_X, group_mid(gi), class, t(lang, key)));
        }
        for m in &g.members {
            if let Some(&p) = port_index.get(m.as_str()) {
                edges.push(edge(
                    GROUP_X + GROUP_W,
                    group_mid(gi),
                    port_x,
                    port_mid(p),
                    "edge member",
                    t(lang, "obs.topo.edge_member"),
                ));
            }
        }
    }
    for (pi, p) in scenario.ports.iter().enumerate() {
        let enlisted = sim.port_state(&p.name).unwrap_or(p.state).is_enlisted();
        let (class, key) = if p.filter.is_empty() {
            ("edge direct", "obs.topo.edge_direct")
        } else {
            ("edge filter", "obs.topo.edge_filter")
        };
        if enlisted {
            edges.push(edge(MB_X + MB_W, mb_mid, port_x, port_mid(pi), class, t(lang, key)));
        }
        for (slot, tr) in [("edge primary", p.primary.as_ref()), ("edge backup", p.backup.as_ref())] {
            if let Some(y) = tr.and_then(|tr| end_index.get(tr.address.as_str())) {
                let label = if slot == "edge primary" { t(lang, "obs.tl.primary") } else { t(lang, "obs.tl.backup") };
                edges.push(edge(port_x + PORT_W, port_mid(pi), end_x, y + END_H / 2.0, slot, label));
            }
        }
    }

    let groups: Vec<Html> = scenario.groups.iter().enumerate().map(|(gi, g)| {
        let state = sim.group_state(&g.name).unwrap_or(g.state);
        let (icon, text) = state_text(lang, state);
        let y = lay.group_y[gi];
        let members = tn(lang, "obs.topo.members", g.members.len() as u64, &[]);
        let label = format!("{} {}: {text}, {members}", t(lang, "obs.topo.group"), g.name);
        html! {
            <g class={format!("node group state-{}", state.code())} role="group" aria-label={label}>
                <rect x={GROUP_X.to_string()} y={format!("{y:.0}")} width={GROUP_W.to_string()} height={GROUP_H.to_string()} rx="6" />
                <text class="node-title" x={(GROUP_X + 8.0).to_string()} y={format!("{:.0}", y + 18.0)}>{ shorten(&g.name, 22) }</text>
                <text x={(GROUP_X + 8.0).to_string()} y={format!("{:.0}", y + 34.0)}><tspan aria-hidden="true">{ icon }</tspan>{ format!(" {text}") }</text>
                <text class="node-sub" x={(GROUP_X + 8.0).to_string()} y={format!("{:.0}", y + 49.0)}>{ members }</text>
            </g>
        }
    }).collect();
    let ports: Vec<Html> = scenario.ports.iter().enumerate().map(|(pi, p)| {
        let state = sim.port_state(&p.name).unwrap_or(p.state);
        let (icon, text) = state_text(lang, state);
        let c = sim.port_counts(&p.name);
        let n = |v: u64| group_thousands(v, lang);
        let counts1 = tf(lang, "obs.topo.counts1", &[("completed", &n(c.completed)), ("suspended", &n(c.suspended))]);
        let counts2 = tf(lang, "obs.topo.counts2", &[("retry", &n(c.in_retry)), ("active", &n(c.active))]);
        let y = lay.port_y[pi];
        let label = format!("{} {}: {text}; {counts1}; {counts2}", t(lang, "obs.topo.port"), p.name);
        html! {
            <g class={format!("node port state-{}", state.code())} role="group" aria-label={label}>
                <rect x={port_x.to_string()} y={format!("{y:.0}")} width={PORT_W.to_string()} height={PORT_H.to_string()} rx="6" />
                <text class="node-title" x={(port_x + 8.0).to_string()} y={format!("{:.0}", y + 17.0)}>{ shorten(&p.name, 30) }</text>
                <text x={(port_x + 8.0).to_string()} y={format!("{:.0}", y + 33.0)}>
                    <tspan aria-hidden="true">{ icon }</tspan>{ format!(" {text} · {}", transport_text(p, lang)) }
                </text>
                <text class="node-sub" x={(port_x + 8.0).to_string()} y={format!("{:.0}", y + 50.0)}>{ counts1 }</text>
                <text class="node-sub" x={(port_x + 8.0).to_string()} y={format!("{:.0}", y + 66.0)}>{ counts2 }</text>
            </g>
        }
    }).collect();
    let endpoints: Vec<Html> = lay.endpoints.iter().map(|(address, y)| {
        html! {
            <g class="node endpoint" role="group" aria-label={format!("{} {address}", t(lang, "obs.topo.endpoint"))}>
                <rect x={end_x.to_string()} y={format!("{y:.0}")} width={END_W.to_string()} height={END_H.to_string()} rx="6" />
                <text class="node-sub" x={(end_x + 8.0).to_string()} y={format!("{:.0}", y + 17.0)}>{ t(lang, "obs.topo.endpoint") }</text>
                <text class="node-title" x={(end_x + 8.0).to_string()} y={format!("{:.0}", y + 34.0)}>{ shorten(address, 30) }</text>
            </g>
        }
    }).collect();
    let height = lay.height;
    drop(sim);

    html! {
        <section class="obs-topology" aria-labelledby="obs-topo-title">
            <h2 id="obs-topo-title">{ t(lang, "obs.topo.title") }</h2>
            <p class="topo-legend">
                <span class="legend member">{ t(lang, "obs.topo.edge_member") }</span>
                <span class="legend filter">{ t(lang, "obs.topo.edge_filter") }</span>
                <span class="legend direct">{ t(lang, "obs.topo.edge_direct") }</span>
                <span class="legend primary">{ t(lang, "obs.tl.primary") }</span>
                <span class="legend backup">{ t(lang, "obs.tl.backup") }</span>
            </p>
            <p class="topo-hint">{ t(lang, "obs.topo.scroll_hint") }</p>
            <div class="topo-scroll" tabindex="0" role="region" aria-label={t(lang, "obs.topo.scroll_region")}>
                <svg class="topo" width={width.to_string()} height={format!("{height:.0}")} role="group"
                    aria-label={t(lang, "obs.topo.picture")}>
                    <text class="col-head" x={MB_X.to_string()} y="16">{ t(lang, "obs.topo.col_messagebox") }</text>
                    if shift == 0.0 {
                        <text class="col-head" x={GROUP_X.to_string()} y="16">{ t(lang, "obs.topo.col_groups") }</text>
                    }
                    <text class="col-head" x={port_x.to_string()} y="16">{ t(lang, "obs.topo.col_ports") }</text>
                    <text class="col-head" x={end_x.to_string()} y="16">{ t(lang, "obs.topo.col_endpoints") }</text>
                    <g class="edges" aria-hidden="true">{ for edges }</g>
                    <g class="node messagebox" role="group" aria-label={t(lang, "obs.topo.messagebox")}>
                        <rect x={MB_X.to_string()} y={format!("{mb_y:.0}")} width={MB_W.to_string()} height={format!("{mb_h:.0}")} rx="8" />
                        <text class="node-title" x={(MB_X + MB_W / 2.0).to_string()} y={format!("{:.0}", mb_mid)} text-anchor="middle">{ t(lang, "obs.topo.messagebox") }</text>
                    </g>
                    { for groups }
                    { for ports }
                    { for endpoints }
                    <g class="dots" aria-hidden="true">
                        { for dots.iter().enumerate().map(|(i, d)| html! {
                            <circle key={format!("{version}-{i}")} class={d.class} cx={format!("{:.1}", d.x1)} cy={format!("{:.1}", d.y1)} r="5"
                                style={format!("--dx:{:.1}px;--dy:{:.1}px;animation-delay:{}ms", d.x2 - d.x1, d.y2 - d.y1, i * 30)} />
                        }) }
                    </g>
                </svg>
            </div>
        </section>
    }
}

/// A curved edge with a tooltip naming what it means.
fn edge(x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str, title: &str) -> Html {
    let mx = (x1 + x2) / 2.0;
    let d = format!("M{x1:.1},{y1:.1} C{mx:.1},{y1:.1} {mx:.1},{y2:.1} {x2:.1},{y2:.1}");
    html! { <path class={class} d={d}><title>{ title.to_string() }</title></path> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Filter, GroupConfig, PortKind, TransportConfig};
    use crate::engine::time::{ClockOfDay, SimDuration, SimTime};

    fn port(name: &str, address: &str, backup: Option<&str>) -> PortConfig {
        let tr = |a: &str| TransportConfig {
            transport: "FILE".into(),
            address: a.into(),
            retry_count: 3,
            retry_interval: SimDuration::from_minutes(5),
            send_handler: "BizTalkServerApplication".into(),
        };
        PortConfig {
            name: name.into(),
            kind: PortKind::StaticOneWay,
            state: LifecycleState::Started,
            filter: Filter::default(),
            primary: Some(tr(address)),
            backup: backup.map(tr),
            ordered_delivery: false,
            stop_on_failure: false,
            service_window: None,
            priority: 5,
            route_failed_messages: false,
        }
    }

    #[test]
    fn layout_never_overlaps_and_shares_endpoints() {
        let scenario = Scenario {
            name: "t".into(),
            description: String::new(),
            seed: 1,
            start_clock: ClockOfDay::default(),
            until: SimTime(1000),
            ports: vec![port("A", "x", Some("y")), port("B", "x", None), port("C", "z", Some("y"))],
            groups: vec![
                GroupConfig {
                    name: "G1".into(),
                    state: LifecycleState::Started,
                    members: vec!["A".into(), "C".into()],
                    filter: Filter::default(),
                },
                GroupConfig {
                    name: "G2".into(),
                    state: LifecycleState::Bound,
                    members: vec!["A".into()],
                    filter: Filter::default(),
                },
            ],
            endpoints: Vec::new(),
            script: Vec::new(),
            warnings: Vec::new(),
            limits: Default::default(),
        };
        let lay = layout(&scenario);
        assert_eq!(lay.port_y.len(), 3);
        let addresses: Vec<&str> = lay.endpoints.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(addresses, vec!["x", "y", "z"], "each address once, in first-use order");
        for w in lay.endpoints.windows(2) {
            assert!(w[1].1 >= w[0].1 + END_H, "endpoints overlap: {lay:?}");
        }
        assert!(lay.group_y[1] >= lay.group_y[0] + GROUP_H, "groups overlap: {lay:?}");
        // G1 is centred between A and C.
        let centre = (lay.port_y[0] + lay.port_y[2]) / 2.0 + PORT_H / 2.0;
        assert!((lay.group_y[0] + GROUP_H / 2.0 - centre).abs() < 1e-9);
        assert!(lay.height >= lay.port_y[2] + PORT_H);
    }
}
