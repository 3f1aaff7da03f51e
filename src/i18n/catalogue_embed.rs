//! Strings of the light embed (`ui::embed`), which the full page shows too: the page title, the
//! clock region, the outcome totals, the "Open full simulator" link and the link errors:
//! `(key, English, French)`. The embed's catalogue is this table plus the observation and
//! explanation tables (see `i18n::EMBED_TABLES`), so its wasm carries none of the editors' text.

super::shared_catalogue![
    ("app.title", "portsim — BizTalk send port simulator", "portsim — simulateur de ports d'envoi BizTalk"),
    ("region.clock", "Simulation clock", "Horloge de la simulation"),
    ("errors.link_title.one", "The link's scenario is not valid: {n} error", "Le scénario du lien n'est pas valide : {n} erreur"),
    ("errors.link_title.other", "The link's scenario is not valid: {n} errors", "Le scénario du lien n'est pas valide : {n} erreurs"),
    // The default name of a new document (`ui::session::UNTITLED`), shown by both pages.
    ("doc.untitled", "Untitled scenario", "Scénario sans titre"),
    ("embed.open_full", "Open full simulator", "Ouvrir le simulateur complet"),
    ("embed.outcome", "Outcome", "Résultat"),
    (
        "embed.bad_link",
        "This link is damaged or incomplete, so its scenario could not be shown.",
        "Ce lien est endommagé ou incomplet : son scénario ne peut pas être affiché.",
    ),
    (
        "embed.link_browser",
        "This browser cannot open this link, so its scenario could not be shown.",
        "Ce navigateur ne sait pas ouvrir ce lien : son scénario ne peut pas être affiché.",
    ),
    // Each total has its plural and its singular form (`i18n::plural_form`: `totals.x.one` for the singular, `totals.x` the plural, also a column label): "1 routing failure".
    ("totals.messages", "messages", "messages"),
    ("totals.messages.one", "message", "message"),
    ("totals.completed", "completed", "achevées"),
    ("totals.completed.one", "completed", "achevée"),
    ("totals.suspended_resumable", "suspended (resumable)", "suspendues (peuvent reprendre)"),
    ("totals.suspended_resumable.one", "suspended (resumable)", "suspendue (peut reprendre)"),
    ("totals.suspended_not_resumable", "suspended (not resumable)", "suspendues (ne peuvent pas reprendre)"),
    ("totals.suspended_not_resumable.one", "suspended (not resumable)", "suspendue (ne peut pas reprendre)"),
    ("totals.active", "active", "actives"),
    ("totals.active.one", "active", "active"),
    ("totals.routing_failures", "routing failures", "échecs de routage"),
    ("totals.routing_failures.one", "routing failure", "échec de routage"),
    ("share.error.empty", "The link holds no scenario.", "Le lien ne contient aucun scénario."),
    (
        "share.error.version",
        "The link was made by another version of portsim and cannot be read.",
        "Le lien a été créé par une autre version de portsim et ne peut pas être lu.",
    ),
    (
        "share.error.damaged",
        "The link is damaged (it may have been cut when copied).",
        "Le lien est endommagé (il a peut-être été tronqué lors de la copie).",
    ),
    (
        "share.error.browser",
        "This browser cannot open compressed links (it has no DecompressionStream): open the page in a current browser.",
        "Ce navigateur ne sait pas ouvrir les liens compressés (il n'a pas DecompressionStream) : ouvrez la page dans un navigateur récent.",
    ),
    (
        "share.error.too_large",
        "The linked scenario is larger than {limit} and was not opened.",
        "Le scénario du lien dépasse {limit} et n'a pas été ouvert.",
    ),
    ("notice.bad_link", "This link is damaged or incomplete, so it could not be opened. Your current work was kept.", "Ce lien est endommagé ou incomplet et n'a pas pu être ouvert. Votre travail en cours a été conservé."),
    ("notice.link_too_large", "This link's scenario is too large to open in a link (over 2 MiB). Your current work was kept; ask for the scenario file instead.", "Le scénario de ce lien est trop volumineux pour être ouvert depuis un lien (plus de 2 Mio). Votre travail en cours a été conservé ; demandez plutôt le fichier du scénario."),
    ("notice.link_version", "This link was made by another version of portsim and cannot be opened here. Your current work was kept.", "Ce lien a été créé par une autre version de portsim et ne peut pas être ouvert ici. Votre travail en cours a été conservé."),
];
