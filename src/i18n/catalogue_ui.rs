//! Strings of the simulator UI: `(key, English, French)`.

pub const ENTRIES: &[(&str, &str, &str)] = &[
    ("app.title", "portsim — BizTalk send port simulator", "portsim — simulateur de ports d'envoi BizTalk"),
    ("tree.send_ports", "Send Ports", "Ports d'envoi"),
    ("tree.send_port_groups", "Send Port Groups", "Groupes de ports d'envoi"),
    ("state.bound", "Bound", "Lié"),
    ("state.stopped", "Stopped", "Arrêté"),
    ("state.started", "Started", "Démarré"),
    ("state.unknown", "Unknown", "Inconnu"),
];
