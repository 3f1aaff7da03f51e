//! Strings of the Group Hub console (query, grouped counts, message view, "Resume / Terminate
//! all" from a row's menu), the timeline's density strip and the group pages (issue 11 #6–#8):
//! `(key, English, French)`. French typography: a narrow no-break space (U+202F) before « : ».

pub const ENTRIES: &[(&str, &str, &str)] = &[
    // Group pages (§3).
    (
        "filter.none_group",
        "No filter: the group subscribes to nothing in the MessageBox; it receives only messages sent directly to the group.",
        "Aucun filtre\u{202f}: le groupe ne s'abonne à rien dans la MessageBox\u{a0}; il ne reçoit que les messages envoyés directement au groupe.",
    ),
    (
        "detail.group_direct_only",
        "This group has no filter, so a published message never reaches it: it receives only messages sent directly to the group (§3).",
        "Ce groupe n'a pas de filtre\u{a0}: un message publié ne l'atteint jamais, il ne reçoit que les messages envoyés directement au groupe (§3).",
    ),
    (
        "detail.group_two_copies",
        "{ports} also subscribe with their own filter: a message matching both that filter and {group}'s subscription reaches the port twice — one copy via {group}, one direct (§3).",
        "{ports} s'abonnent aussi avec leur propre filtre\u{202f}: un message qui correspond à ce filtre et à l'abonnement de {group} arrive deux fois sur le port — une copie via {group}, une directe (§3).",
    ),
    // Why? twins (§3).
    (
        "hub.twin_note",
        "This message reached the same send port twice (one instance per matching subscription, §3):",
        "Ce message est arrivé deux fois sur le même port d'envoi (une instance par abonnement correspondant, §3)\u{202f}:",
    ),
    ("hub.twin_open", "Open the other copy: {message} on {port} {place}", "Ouvrir l'autre copie\u{202f}: {message} sur {port} {place}"),
    ("hub.twin_via", "via {group}", "via {group}"),
    ("hub.twin_direct", "(direct)", "(directe)"),
];
