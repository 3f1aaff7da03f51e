//! The sentences of the "Why?" panel: one template per `ExplanationStep.code` of the engine, keyed
//! `explain.<code>` (hyphens become underscores), filled from the step's named arguments. The
//! English template reproduces the engine's English text exactly (the integration test
//! `explain_i18n` checks it over every golden scenario); the French one uses the BizTalk French
//! console terms of seed 003 (port d'envoi, groupe de ports d'envoi, Démarré / Arrêté / Lié,
//! Suspendu (reprise possible), transport de secours, nombre de tentatives, intervalle entre les
//! tentatives). Enumerated argument values (`transport`, `spent`, `target`) are codes translated by
//! `explain.value.<name>.<value>`.

use super::{has_key, t, Lang};

/// The catalogue key of an explanation code: `retry-scheduled` → `explain.retry_scheduled`.
pub fn explain_key(code: &str) -> String {
    format!("explain.{}", code.replace('-', "_"))
}

/// An explanation step (`code` + named `args`, as `Simulation::explain` returns them) in `lang`:
/// the `explain.<code>` template with every `{name}` replaced in one pass (a value containing
/// braces is never re-substituted), enumerated values translated. `None` when the code has no
/// template or the template names an argument the step lacks — the caller then shows the
/// engine's English text.
pub fn explain_text(lang: Lang, code: &str, args: &[(String, String)]) -> Option<String> {
    render(lang, code, args, true)
}

/// `explain_text` with reason ids left as ids (`transport-failure`): in English this is exactly
/// the engine's own `text` (the test that keeps catalogue and engine in step uses it). The page
/// always uses [`explain_text`], which shows a reason by its label.
pub fn explain_text_with_ids(lang: Lang, code: &str, args: &[(String, String)]) -> Option<String> {
    render(lang, code, args, false)
}

fn render(lang: Lang, code: &str, args: &[(String, String)], labels: bool) -> Option<String> {
    render_key(lang, &explain_key(code), args, labels)
}

/// The template `key` filled with `args` (enumerated values translated; with `labels`, reason ids
/// by their labels and durations in words). `None` when the key is missing or names an argument
/// `args` lacks.
pub(super) fn render_key(lang: Lang, key: &str, args: &[(String, String)], labels: bool) -> Option<String> {
    let key = key.to_string();
    if !has_key(&key) {
        return None;
    }
    let template = t(lang, &key);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        let (_, value) = args.iter().find(|(n, _)| n == name)?;
        if labels && name == "reason" {
            out.push_str(&reason_label(lang, value));
        } else if labels && name == "interval" {
            out.push_str(&super::duration_text(lang, value));
        } else {
            out.push_str(&localized_value(lang, name, value));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A suspension reason id (`send-port-stopped`) as the Group Hub labels it, quoted:
/// “Send port stopped” / « Port d'envoi arrêté »; an unknown id as it is.
fn reason_label(lang: Lang, id: &str) -> String {
    let key = format!("obs.reason.{}", id.replace('-', "_"));
    if !(is_key(&key) && has_key(&key)) {
        return id.to_string();
    }
    match lang {
        Lang::En => format!("“{}”", t(lang, &key)),
        Lang::Fr => format!("«\u{202F}{}\u{202F}»", t(lang, &key)),
    }
}

/// An enumerated argument value in `lang` (`transport` `backup` → « de secours »); other values
/// (names, addresses, times, reason codes) as they are.
fn localized_value(lang: Lang, name: &str, value: &str) -> String {
    let key = format!("explain.value.{name}.{}", value.replace('-', "_"));
    if is_key(&key) && has_key(&key) {
        t(lang, &key).to_string()
    } else {
        value.to_string()
    }
}

fn is_key(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

super::shared_catalogue![
    // §3: how the copy reached the port.
    (
        "explain.own_filter_match",
        "{message} was published and matched the filter of {port}: one copy for its own subscription (§3)",
        "{message} a été publié et correspond au filtre de {port} : une copie pour son propre abonnement (§3)",
    ),
    (
        "explain.group_filter_match",
        "{message} was published and matched the filter of send port group {group}: one copy per enlisted member, including {port} (§3)",
        "{message} a été publié et correspond au filtre du groupe de ports d'envoi {group} : une copie par membre inscrit, dont {port} (§3)",
    ),
    (
        "explain.sent_to_port",
        "{message} was sent directly to {port} (§3, as from a bound orchestration port)",
        "{message} a été envoyé directement à {port} (§3, comme depuis un port d'orchestration lié)",
    ),
    (
        "explain.sent_to_group",
        "{message} was sent to send port group {group}: one copy per enlisted member, including {port} (§3)",
        "{message} a été envoyé au groupe de ports d'envoi {group} : une copie par membre inscrit, dont {port} (§3)",
    ),
    // C1–C5: the combined-state table.
    (
        "explain.processed_direct",
        "service instance created on host {host}; {port} is Started, the message is processed (rule C1)",
        "instance de service créée sur l'hôte {host} ; {port} est Démarré, le message est traité (règle C1)",
    ),
    (
        "explain.port_stopped",
        "{port} was Stopped at {time} — rule C2 of the combined-state table: a message sent directly to a stopped send port is suspended",
        "{port} était Arrêté à {time} — règle C2 du tableau des états combinés : un message envoyé directement à un port d'envoi arrêté est suspendu",
    ),
    (
        "explain.processed_via_group",
        "service instance created on host {host}; group {group} and {port} are Started, the message is processed (rule C3)",
        "instance de service créée sur l'hôte {host} ; le groupe {group} et {port} sont Démarrés, le message est traité (règle C3)",
    ),
    (
        "explain.port_stopped_via_group",
        "{port} was Stopped at {time} — rule C4 of the combined-state table: a message sent by means of group {group} to a stopped send port is suspended",
        "{port} était Arrêté à {time} — règle C4 du tableau des états combinés : un message envoyé par l'intermédiaire du groupe {group} à un port d'envoi arrêté est suspendu",
    ),
    (
        "explain.group_stopped",
        "send port group {group} was Stopped at {time} — rule C5 of the combined-state table: a message sent by means of a stopped group is suspended",
        "le groupe de ports d'envoi {group} était Arrêté à {time} — règle C5 du tableau des états combinés : un message envoyé par l'intermédiaire d'un groupe arrêté est suspendu",
    ),
    // §7, §8: waiting.
    (
        "explain.service_window_closed",
        "Queued (scheduled for later delivery): outside the service window {from}–{to} of {port}; waits for it to open (§8)",
        "En file d'attente (planifié pour une remise ultérieure) : en dehors de la fenêtre de service {from}–{to} de {port} ; attend son ouverture (§8)",
    ),
    (
        "explain.ordered_queued",
        "Queued (awaiting processing): ordered delivery on {port} sends one message at a time (§7)",
        "En file d'attente (en attente de traitement) : la remise ordonnée sur {port} envoie un message à la fois (§7)",
    ),
    // §5, §6: attempts, retries, backup transport.
    (
        "explain.attempt_started",
        "In Transmission: {transport} transport {adapter} {address} (attempt {attempt} of {max})",
        "En cours de transmission : transport {transport} {adapter} {address} (tentative {attempt} sur {max})",
    ),
    (
        "explain.attempt_ok",
        "transmitted over the {transport} transport to {address}",
        "transmis par le transport {transport} à {address}",
    ),
    (
        "explain.attempt_abandoned",
        "transmission to {address} abandoned: the instance was terminated",
        "transmission vers {address} abandonnée : l'instance a été terminée",
    ),
    (
        "explain.attempt_failed",
        "The adapter failed to transmit message going to send port \"{port}\" with URL \"{address}\" ({transport} transport)",
        "L'adaptateur n'a pas pu transmettre le message à destination du port d'envoi « {port} » avec l'URL « {address} » (transport {transport})",
    ),
    (
        "explain.retry_scheduled",
        "Transmission Failure (to be retried): it will be retransmitted after the retry interval specified for this Send Port ({interval}): retry {retry} of {count} on the {transport} transport (§6)",
        "Échec de transmission (nouvelle tentative prévue) : le message sera retransmis après l'intervalle entre les tentatives défini pour ce port d'envoi ({interval}) : nouvelle tentative {retry} sur {count} sur le transport {transport} (§6)",
    ),
    (
        "explain.moved_to_backup",
        "Transmission Failure (to be resubmitted in backup transport): all {count} retries on the primary transport spent; moving to backup transport {adapter} {address} (§6)",
        "Échec de transmission (renvoi sur le transport de secours) : les {count} nouvelles tentatives du transport principal sont épuisées ; passage au transport de secours {adapter} {address} (§6)",
    ),
    // Suspensions.
    (
        "explain.suspended_group_stopped",
        "Service instance was suspended because the corresponding service (sendport group) was in the stopped state. Instance can be resumed after corresponding service is started. Suspended (resumable), reason {reason}, in the suspended queue of host {host}",
        "L'instance de service a été suspendue car le service correspondant (groupe de ports d'envoi) était à l'état arrêté. L'instance pourra être reprise après le démarrage du service correspondant. Suspendu (reprise possible), raison {reason}, dans la file des suspendus de l'hôte {host}",
    ),
    (
        "explain.suspended_port_stopped",
        "Service instance was suspended because the corresponding service (sendport) was in the stopped state. Instance can be resumed after corresponding service is started. Suspended (resumable), reason {reason}, in the suspended queue of host {host}",
        "L'instance de service a été suspendue car le service correspondant (port d'envoi) était à l'état arrêté. L'instance pourra être reprise après le démarrage du service correspondant. Suspendu (reprise possible), raison {reason}, dans la file des suspendus de l'hôte {host}",
    ),
    (
        "explain.no_transport_location",
        "no adapter for address: the message has no usable BTS.OutboundTransportLocation for dynamic send port {port}; Suspended (resumable), reason {reason}, no attempt made (§1)",
        "aucun adaptateur pour l'adresse : le message n'a pas de BTS.OutboundTransportLocation utilisable pour le port d'envoi dynamique {port} ; Suspendu (reprise possible), raison {reason}, aucune tentative effectuée (§1)",
    ),
    (
        "explain.unknown_transport",
        "no adapter for address: {by} {named} names no known adapter for dynamic send port {port}; Suspended (resumable), reason {reason}, no attempt made (§1)",
        "aucun adaptateur pour l'adresse : {by} {named} ne désigne aucun adaptateur connu pour le port d'envoi dynamique {port} ; Suspendu (reprise possible), raison {reason}, aucune tentative effectuée (§1)",
    ),
    (
        "explain.retries_exhausted",
        "The \"{adapter}\" adapter is suspending an outbound message going to destination URL:\"{address}\". Details: all retries on {spent} spent. Suspended (resumable), reason {reason}",
        "L'adaptateur « {adapter} » suspend un message sortant à destination de l'URL « {address} ». Détails : toutes les tentatives sur {spent} sont épuisées. Suspendu (reprise possible), raison {reason}",
    ),
    (
        "explain.failed_message_unroutable",
        "The \"{adapter}\" adapter is suspending an outbound message going to destination URL:\"{address}\". Details: all retries on {spent} spent. Suspended (resumable), reason {reason}; the failed message had no subscriber (§6)",
        "L'adaptateur « {adapter} » suspend un message sortant à destination de l'URL « {address} ». Détails : toutes les tentatives sur {spent} sont épuisées. Suspendu (reprise possible), raison {reason} ; le message en échec n'avait aucun abonné (§6)",
    ),
    (
        "explain.ordered_failed_not_resumable",
        "ordered delivery on {port} without stop-on-failure: only the failed message is suspended (not resumable) and all subsequent messages continue (§7); reason {reason}",
        "remise ordonnée sur {port} sans arrêt en cas d'échec : seul le message en échec est suspendu (reprise impossible) et tous les messages suivants continuent (§7) ; raison {reason}",
    ),
    (
        "explain.ordered_delivery_blocked",
        "ordered delivery on {port} with stop-on-failure: an earlier message failed, so this one is suspended (resumable) with the send port instance (§7); reason {reason}",
        "remise ordonnée sur {port} avec arrêt en cas d'échec : un message précédent a échoué, celui-ci est donc suspendu (reprise possible) avec l'instance du port d'envoi (§7) ; raison {reason}",
    ),
    (
        "explain.response_unroutable",
        "the request was transmitted, but the response of {port} could not be routed (no subscriber): the send instance is suspended (resumable), reason {reason} (§9)",
        "la requête a été transmise, mais la réponse de {port} n'a pas pu être routée (aucun abonné) : l'instance d'envoi est suspendue (reprise possible), raison {reason} (§9)",
    ),
    // §4: resume.
    (
        "explain.still_suspended",
        "not resumed: {target} {name} is still not Started; stays Suspended (resumable), reason now {reason} (§4)",
        "non repris : {target} {name} n'est toujours pas Démarré ; reste Suspendu (reprise possible), raison désormais {reason} (§4)",
    ),
    (
        "explain.resumed",
        "resumed by the administrator: delivery restarts on the primary transport with full retry counts, whatever the port state (§4, §6)",
        "repris par l'administrateur : la remise redémarre sur le transport principal avec le nombre de tentatives complet, quel que soit l'état du port (§4, §6)",
    ),
    (
        "explain.auto_resumed",
        "resumed automatically: {target} {name} was started (§4)",
        "repris automatiquement : {target} {name} a été démarré (§4)",
    ),
    // Endings.
    (
        "explain.completed",
        "Completed: the message was delivered by {port}",
        "Achevé : le message a été remis par {port}",
    ),
    (
        "explain.terminated",
        "Terminated by the user (terminated-by-user)",
        "Terminé par l'utilisateur",
    ),
    (
        "explain.response_published",
        "{port} received the response and publishes it with BTS.SPName={port} (§9)",
        "{port} a reçu la réponse et la publie avec BTS.SPName={port} (§9)",
    ),
    (
        "explain.failed_message_routed",
        "failed message routing on {port}: the message is not suspended, an error message with ErrorReport.* properties was routed instead and a subscriber took it; Completed, reason failed-message-routed (§6)",
        "routage des messages en échec sur {port} : le message n'est pas suspendu, un message d'erreur avec les propriétés ErrorReport.* a été routé à la place et un abonné l'a pris ; Achevé, raison failed-message-routed (§6)",
    ),
    // Enumerated argument values.
    ("explain.value.transport.primary", "primary", "principal"),
    ("explain.value.transport.backup", "backup", "de secours"),
    ("explain.value.spent.primary", "the primary transport", "le transport principal"),
    ("explain.value.spent.both", "primary and backup transports", "les transports principal et de secours"),
    ("explain.value.target.port", "send port", "le port d'envoi"),
    ("explain.value.target.group", "send port group", "le groupe de ports d'envoi"),
    ("explain.value.by.type", "BTS.OutboundTransportType", "BTS.OutboundTransportType"),
    ("explain.value.by.scheme", "the scheme of address", "le schéma de l'adresse"),
];
