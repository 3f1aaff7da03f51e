//! The console tree: Scenario, Send Ports (the ports), Send Port Groups (the groups), Endpoints,
//! Filter finder. With more than one BizTalk application, ports and groups sit under their
//! application's node (the console's Applications node; BINDINGS.md §10.6).
//!
//! Keyboard: ↑/↓ move, Home/End jump, ←/→ collapse/expand, Enter/Space select, Shift+F10 or the
//! ContextMenu key open the item's context menu (also right-click). One item is tabbable at a time
//! (roving tabindex). Each item's accessible name is the port's or group's name.

use super::context_menu::{ContextMenu, MenuTarget};
use super::state_badge::StateBadge;
use crate::engine::model::{LifecycleState, Target};
use crate::i18n::{t, Lang};
use crate::ui::state::{kind_of, Action, Selection, ShellProps, UiState};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// One visible row of the tree.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    node: Selection,
    label: String,
    depth: u8,
    /// `Some(expanded)` for nodes with children.
    expanded: Option<bool>,
    state: Option<LifecycleState>,
    icon: &'static str,
    detail: Option<&'static str>,
}

/// The applications of the scenario's ports and groups (sorted; `""` = without application),
/// when there is more than one — then the tree groups by application (BINDINGS.md §10.6).
pub fn applications(spec: &crate::engine::scenario::ScenarioSpec) -> Vec<String> {
    // Filled by `extend` (inserts), not `collect` (sort + bulk build): one less sort instantiated
    // in the wasm (issue 14 §2).
    let mut apps = std::collections::BTreeSet::<String>::new();
    apps.extend(
        spec.send_ports
            .iter()
            .map(|p| p.application.clone().unwrap_or_default())
            .chain(spec.send_port_groups.iter().map(|g| g.application.clone().unwrap_or_default())),
    );
    let mut apps: Vec<String> = apps.into_iter().collect();
    if apps.len() < 2 {
        return Vec::new();
    }
    // "(no application)" last, as the console lists named applications.
    if apps.first().is_some_and(String::is_empty) {
        apps.rotate_left(1);
    }
    apps
}

/// An application node's key in the set of collapsed nodes (`ports/APP`, `groups/APP`; `None` for
/// the other nodes): the set holds `String`s, a B-tree type the page links anyway, rather than
/// `Selection`s, which would link one more copy of the B-tree's code (issue 14 §2).
fn collapse_key(node: &Selection) -> Option<String> {
    match node {
        Selection::AppPorts(app) => Some(format!("ports/{app}")),
        Selection::AppGroups(app) => Some(format!("groups/{app}")),
        _ => None,
    }
}

fn is_collapsed(collapsed: &std::collections::BTreeSet<String>, node: &Selection) -> bool {
    collapse_key(node).is_some_and(|k| collapsed.contains(&k))
}

fn rows(
    state: &UiState,
    ports_open: bool,
    groups_open: bool,
    collapsed: &std::collections::BTreeSet<String>,
) -> Vec<Row> {
    let lang = state.lang;
    let session = state.session.borrow();
    let spec = session.spec();
    let sim = session.sim();
    let sim = sim.borrow();
    let apps = applications(spec);
    let app_of = |a: &Option<String>| a.clone().unwrap_or_default();
    let mut out = vec![Row {
        node: Selection::Scenario,
        label: t(lang, "tree.scenario").to_string(),
        depth: 0,
        expanded: None,
        state: None,
        icon: "⚙",
        detail: None,
    }];
    out.push(Row {
        node: Selection::PortsNode,
        label: t(lang, "tree.send_ports").to_string(),
        depth: 0,
        expanded: Some(ports_open),
        state: None,
        icon: "▤",
        detail: None,
    });
    let port_row = |p: &crate::engine::scenario::spec::PortSpec, depth: u8| {
        let initial = p.state.as_deref().and_then(parse_state).unwrap_or_default();
        Row {
            node: Selection::Port(p.name.clone()),
            label: p.name.clone(),
            depth,
            expanded: None,
            state: Some(sim.port_state(&p.name).unwrap_or(initial)),
            icon: "➜",
            detail: Some(kind_key(&p.kind)),
        }
    };
    if ports_open {
        if apps.is_empty() {
            out.extend(spec.send_ports.iter().map(|p| port_row(p, 1)));
        } else {
            for app in &apps {
                let node = Selection::AppPorts(app.clone());
                let open = !is_collapsed(collapsed, &node);
                out.push(app_row(lang, node, app, open));
                if open {
                    out.extend(
                        spec.send_ports.iter().filter(|p| &app_of(&p.application) == app).map(|p| port_row(p, 2)),
                    );
                }
            }
        }
    }
    out.push(Row {
        node: Selection::GroupsNode,
        label: t(lang, "tree.send_port_groups").to_string(),
        depth: 0,
        expanded: Some(groups_open),
        state: None,
        icon: "▦",
        detail: None,
    });
    let group_row = |g: &crate::engine::scenario::spec::GroupSpec, depth: u8| {
        let initial = g.state.as_deref().and_then(parse_state).unwrap_or_default();
        Row {
            node: Selection::Group(g.name.clone()),
            label: g.name.clone(),
            depth,
            expanded: None,
            state: Some(sim.group_state(&g.name).unwrap_or(initial)),
            icon: "▣",
            detail: None,
        }
    };
    if groups_open {
        if apps.is_empty() {
            out.extend(spec.send_port_groups.iter().map(|g| group_row(g, 1)));
        } else {
            for app in apps.iter().filter(|a| spec.send_port_groups.iter().any(|g| &app_of(&g.application) == *a)) {
                let node = Selection::AppGroups(app.clone());
                let open = !is_collapsed(collapsed, &node);
                out.push(app_row(lang, node, app, open));
                if open {
                    out.extend(
                        spec.send_port_groups
                            .iter()
                            .filter(|g| &app_of(&g.application) == app)
                            .map(|g| group_row(g, 2)),
                    );
                }
            }
        }
    }
    out.push(Row {
        node: Selection::Endpoints,
        label: t(lang, "tree.endpoints").to_string(),
        depth: 0,
        expanded: None,
        state: None,
        icon: "◎",
        detail: None,
    });
    out.push(Row {
        node: Selection::Finder { property: String::new(), value: String::new() },
        label: t(lang, "tree.finder").to_string(),
        depth: 0,
        expanded: None,
        state: None,
        icon: "⌕",
        detail: None,
    });
    out
}

fn app_row(lang: Lang, node: Selection, app: &str, open: bool) -> Row {
    Row {
        node,
        label: super::detail::app_label(lang, app),
        depth: 1,
        expanded: Some(open),
        state: None,
        icon: "▢",
        detail: Some("tree.application"),
    }
}

/// The scenario-format state name → state.
pub fn parse_state(code: &str) -> Option<LifecycleState> {
    [LifecycleState::Bound, LifecycleState::Stopped, LifecycleState::Started].into_iter().find(|s| s.code() == code)
}

/// The catalogue key of a port kind's name.
pub fn kind_key(code: &str) -> &'static str {
    match kind_of(code) {
        crate::engine::model::PortKind::StaticOneWay => "kind.static_one_way",
        crate::engine::model::PortKind::StaticSolicitResponse => "kind.static_solicit_response",
        crate::engine::model::PortKind::DynamicOneWay => "kind.dynamic_one_way",
        crate::engine::model::PortKind::DynamicSolicitResponse => "kind.dynamic_solicit_response",
    }
}

fn menu_target(node: &Selection) -> Option<MenuTarget> {
    match node {
        Selection::PortsNode => Some(MenuTarget::PortsNode),
        Selection::GroupsNode => Some(MenuTarget::GroupsNode),
        Selection::Port(n) => Some(MenuTarget::Item(Target::Port(n.clone()))),
        Selection::Group(n) => Some(MenuTarget::Item(Target::Group(n.clone()))),
        Selection::AppPorts(_) => Some(MenuTarget::PortsNode),
        Selection::AppGroups(_) => Some(MenuTarget::GroupsNode),
        Selection::Endpoints => Some(MenuTarget::Endpoints),
        Selection::Scenario | Selection::Finder { .. } => None,
    }
}

fn focus_id(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

fn item_id(i: usize) -> String {
    format!("tree-item-{i}")
}

#[component(Tree)]
pub fn tree(props: &ShellProps) -> Html {
    let lang: Lang = props.state.lang;
    let ports_open = use_state(|| true);
    let groups_open = use_state(|| true);
    let focused = use_state(|| 0usize);
    // Application nodes the user collapsed (all start expanded).
    let collapsed = use_state(std::collections::BTreeSet::<String>::new);
    // The open context menu: its target and where to draw it.
    let menu = use_state(|| None::<(MenuTarget, i32, i32, usize)>);
    let rows = rows(&props.state, *ports_open, *groups_open, &collapsed);
    let count = rows.len();
    let focused_index = (*focused).min(count.saturating_sub(1));

    let toggle = {
        let ports_open = ports_open.clone();
        let groups_open = groups_open.clone();
        let collapsed = collapsed.clone();
        move |node: &Selection, open: Option<bool>| match node {
            Selection::PortsNode => ports_open.set(open.unwrap_or(!*ports_open)),
            Selection::GroupsNode => groups_open.set(open.unwrap_or(!*groups_open)),
            Selection::AppPorts(_) | Selection::AppGroups(_) => {
                let Some(key) = collapse_key(node) else { return };
                let mut next = (*collapsed).clone();
                let now_open = !next.contains(&key);
                if open.unwrap_or(!now_open) {
                    next.remove(&key);
                } else {
                    next.insert(key);
                }
                collapsed.set(next);
            }
            _ => {}
        }
    };

    let onkeydown = {
        let rows = rows.clone();
        let dispatch = props.dispatch.clone();
        let focused = focused.clone();
        let menu = menu.clone();
        let toggle = toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = focused_index;
            let go = |j: usize| {
                focused.set(j);
                focus_id(&item_id(j));
            };
            let Some(row) = rows.get(i) else { return };
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    go((i + 1).min(count.saturating_sub(1)));
                }
                "ArrowUp" => {
                    e.prevent_default();
                    go(i.saturating_sub(1));
                }
                "Home" => {
                    e.prevent_default();
                    go(0);
                }
                "End" => {
                    e.prevent_default();
                    go(count.saturating_sub(1));
                }
                "ArrowRight" if row.expanded == Some(false) => {
                    e.prevent_default();
                    toggle(&row.node, Some(true));
                }
                "ArrowLeft" if row.expanded == Some(true) => {
                    e.prevent_default();
                    toggle(&row.node, Some(false));
                }
                "ArrowLeft" if row.depth > 0 => {
                    e.prevent_default();
                    if let Some(parent) = rows[..i].iter().rposition(|r| r.depth < row.depth) {
                        go(parent);
                    }
                }
                "Enter" | " " => {
                    e.prevent_default();
                    dispatch.emit(Action::Select(row.node.clone()));
                }
                "ContextMenu" | "F10" if e.key() == "ContextMenu" || e.shift_key() => {
                    e.prevent_default();
                    if let Some(target) = menu_target(&row.node) {
                        let (x, y) = element_corner(&item_id(i));
                        menu.set(Some((target, x, y, i)));
                    }
                }
                _ => {}
            }
        })
    };

    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |refocus: bool| {
            if let Some((_, _, _, i)) = &*menu {
                if refocus {
                    focus_id(&item_id(*i));
                }
            }
            menu.set(None);
        })
    };

    html! {
        <nav class="tree-pane" aria-label={t(lang, "tree.label")}>
            <div class="pane-title">
                <h2 id="tree-title">{ t(lang, "tree.title") }</h2>
                if let Some(target) = menu_target(&props.state.selection) {
                    <button type="button" class="btn btn-small" aria-haspopup="menu" id="tree-actions"
                        onclick={
                            let menu = menu.clone();
                            let index = rows.iter().position(|r| r.node == props.state.selection).unwrap_or(0);
                            Callback::from(move |_: MouseEvent| {
                                let (x, y) = element_corner("tree-actions");
                                menu.set(Some((target.clone(), x - 24, y, index)));
                            })
                        }>
                        { t(lang, "tree.actions") }
                    </button>
                }
            </div>
            <ul role="tree" class="tree" aria-labelledby="tree-title" {onkeydown}>
                { for render_rows(&rows, (0, rows.len()), props, focused_index, &focused, &menu, &toggle) }
            </ul>
            if let Some((target, x, y, _)) = (*menu).clone() {
                <ContextMenu state={props.state.clone()} dispatch={props.dispatch.clone()} {target} {x} {y}
                    on_close={close_menu} />
            }
        </nav>
    }
}

/// The bottom-left corner of an element (where a keyboard-opened menu appears).
fn element_corner(id: &str) -> (i32, i32) {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .map(|el| {
            let r = el.get_bounding_client_rect();
            ((r.left() + 24.0) as i32, r.bottom() as i32)
        })
        .unwrap_or((40, 120))
}

type MenuState = UseStateHandle<Option<(MenuTarget, i32, i32, usize)>>;

/// Renders `rows[start..end]` as nested treeitems (each node's children inside its `role=group`).
fn render_rows(
    rows: &[Row],
    (start, end): (usize, usize),
    props: &ShellProps,
    focused_index: usize,
    focused: &UseStateHandle<usize>,
    menu: &MenuState,
    toggle: &(impl Fn(&Selection, Option<bool>) + Clone + 'static),
) -> Vec<Html> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let row = &rows[i];
        let mut children_end = i + 1;
        if row.expanded.is_some() {
            while children_end < end && rows[children_end].depth > row.depth {
                children_end += 1;
            }
        }
        let group = if row.expanded == Some(true) {
            let children = render_rows(rows, (i + 1, children_end), props, focused_index, focused, menu, toggle);
            html! { <ul role="group">{ for children }</ul> }
        } else {
            Html::default()
        };
        out.push(render_item(row, i, props, focused_index, focused, menu, toggle, group));
        i = children_end;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn render_item(
    row: &Row,
    i: usize,
    props: &ShellProps,
    focused_index: usize,
    focused: &UseStateHandle<usize>,
    menu: &MenuState,
    toggle: &(impl Fn(&Selection, Option<bool>) + Clone + 'static),
    children: Html,
) -> Html {
    let lang = props.state.lang;
    let selected = props.state.selection == row.node;
    let onclick = {
        let dispatch = props.dispatch.clone();
        let node = row.node.clone();
        let focused = focused.clone();
        let toggle = toggle.clone();
        let has_children = row.expanded.is_some();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            focused.set(i);
            if has_children && e.detail() > 1 {
                toggle(&node, None);
            }
            dispatch.emit(Action::Select(node.clone()));
        })
    };
    let oncontextmenu = {
        let node = row.node.clone();
        let menu = menu.clone();
        let focused = focused.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            e.stop_propagation();
            focused.set(i);
            dispatch.emit(Action::Select(node.clone()));
            if let Some(target) = menu_target(&node) {
                menu.set(Some((target, e.client_x(), e.client_y(), i)));
            }
        })
    };
    let onfocus = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            e.stop_propagation();
            if *focused != i {
                focused.set(i);
            }
        })
    };
    let twisty = match row.expanded {
        Some(open) => {
            let toggle = toggle.clone();
            let node = row.node.clone();
            let onclick = Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                toggle(&node, None);
            });
            html! { <span class="twisty" aria-hidden="true" {onclick}>{ if open { "▾" } else { "▸" } }</span> }
        }
        None => html! { <span class="twisty" aria-hidden="true"></span> },
    };
    let aria_expanded = row.expanded.map(|o| if o { "true" } else { "false" });
    html! {
        <li role="treeitem" id={item_id(i)} class={classes!("tree-item", selected.then_some("selected"))}
            aria-label={row.label.clone()} aria-selected={if selected { "true" } else { "false" }}
            aria-expanded={aria_expanded} aria-level={(row.depth + 1).to_string()}
            tabindex={if i == focused_index { "0" } else { "-1" }}
            {onclick} {oncontextmenu} {onfocus}>
            <div class="tree-row" style={format!("padding-left: {}rem", 0.4 + row.depth as f32 * 1.2)}>
                { twisty }
                <span class="tree-icon" aria-hidden="true">{ row.icon }</span>
                <span class="tree-label">{ row.label.clone() }</span>
                if let Some(key) = row.detail {
                    <span class="tree-detail visually-hidden">{ t(lang, key) }</span>
                }
                if row.state.is_some() {
                    <StateBadge state={row.state} {lang} />
                }
            </div>
            { children }
        </li>
    }
}
