//! Strings of sharing, embeds, presets and tutorials: `(key, English, French)`.
//!
//! French follows the console's own terms (seed 003): « port d'envoi », « groupe de ports
//! d'envoi », « inscrire » / « désinscrire », « démarrer » / « arrêter »; states Lié / Arrêté /
//! Démarré; « transport de secours » for the backup transport (seed 004).

pub const ENTRIES: &[(&str, &str, &str)] = &[
    // Sharing (src/share.rs errors as shown in the page).
    ("share.error.empty", "The link holds no scenario.", "Le lien ne contient aucun scénario."),
    ("share.error.version", "The link was made by another version of portsim and cannot be read.", "Le lien a été créé par une autre version de portsim et ne peut pas être lu."),
    ("share.error.damaged", "The link is damaged (it may have been cut when copied).", "Le lien est endommagé (il a peut-être été tronqué lors de la copie)."),
    ("share.error.too_large", "The linked scenario is larger than {limit} and was not opened.", "Le scénario du lien dépasse {limit} et n'a pas été ouvert."),
    ("share.copied", "Link copied", "Lien copié"),
    // Preset gallery.
    ("gallery.heading", "Ready-made scenarios", "Scénarios prêts à l'emploi"),
    ("gallery.intro", "Each scenario shows one part of BizTalk's behaviour. Load one, press Run to end, and read what to watch.", "Chaque scénario montre une partie du comportement de BizTalk. Chargez-en un, cliquez sur Exécuter jusqu'à la fin et lisez ce qu'il faut observer."),
    ("gallery.rules", "Rules shown", "Règles illustrées"),
    ("gallery.load", "Load", "Charger"),
    ("gallery.load_named", "Load {title}", "Charger {title}"),
    ("preset.lifecycle_table.title", "Lifecycle table, every cell", "Tableau des actions, chaque case"),
    ("preset.lifecycle_table.summary", "Enlist, Start, Stop and Unenlist tried from Bound, Stopped and Started: watch which are refused as Not available, and what a message meets in each state.", "Inscrire, Démarrer, Arrêter et Désinscrire essayés depuis Lié, Arrêté et Démarré : observez les actions refusées (Non disponible) et le sort d'un message dans chaque état."),
    ("preset.group_guards.title", "Group lifecycle and its guards", "Cycle de vie d'un groupe et ses garde-fous"),
    ("preset.group_guards.summary", "A send port group cannot start without an enlisted member, its last enlisted member cannot be unenlisted, and a port with running instances cannot be unenlisted.", "Un groupe de ports d'envoi ne démarre pas sans membre inscrit, son dernier membre inscrit ne peut pas être désinscrit, et un port qui a des instances en cours ne peut pas être désinscrit."),
    ("preset.combined_state.title", "Port state and group state combined", "État du port et état du groupe combinés"),
    ("preset.combined_state.summary", "One message per row of the combined-state table: processed, suspended because the port is stopped, suspended because the group is stopped, or no copy for a Bound member.", "Un message par ligne du tableau des états combinés : traité, suspendu car le port est arrêté, suspendu car le groupe est arrêté, ou aucune copie pour un membre lié."),
    ("preset.backup_transport.title", "Retries, backup transport, suspension", "Nouvelles tentatives, transport de secours, suspension"),
    ("preset.backup_transport.summary", "The primary transport is retried, then the backup transport takes over at the same instant; when both are spent the message is suspended (resumable).", "Le transport principal est retenté, puis le transport de secours prend le relais au même instant ; quand les deux sont épuisés, le message est suspendu (reprise possible)."),
    ("preset.dynamic_port.title", "Dynamic send port", "Port d'envoi dynamique"),
    ("preset.dynamic_port.summary", "The address and retry settings come from each message's context; a message without BTS.OutboundTransportLocation is suspended at once.", "L'adresse et les paramètres de nouvelle tentative viennent du contexte de chaque message ; un message sans BTS.OutboundTransportLocation est suspendu immédiatement."),
    ("preset.solicit_response.title", "Solicit-response without a subscriber", "Sollicitation-réponse sans abonné"),
    ("preset.solicit_response.summary", "A response is a new message published to the MessageBox; when nothing subscribes to it, a routing failure occurs and the send instance is suspended.", "Une réponse est un nouveau message publié dans la MessageBox ; si rien n'y est abonné, un échec de routage se produit et l'instance d'envoi est suspendue."),
    ("preset.ordered_delivery.title", "Ordered delivery and stop-on-failure", "Remise ordonnée et arrêt en cas d'échec"),
    ("preset.ordered_delivery.summary", "With stop-on-failure the single ordered instance is suspended and holds every later message; without it only the failed message is suspended and the others continue.", "Avec l'arrêt en cas d'échec, l'unique instance ordonnée est suspendue et retient tous les messages suivants ; sans lui, seul le message en échec est suspendu et les autres continuent."),
    ("preset.service_window.title", "Service window", "Fenêtre de service"),
    ("preset.service_window.summary", "Messages that arrive outside 08:00–09:00 are Scheduled until the window opens.", "Les messages arrivés en dehors de 08:00–09:00 sont planifiés jusqu'à l'ouverture de la fenêtre."),
    ("preset.group_and_own_filter.title", "Two copies for one port", "Deux copies pour un seul port"),
    ("preset.group_and_own_filter.summary", "A member whose own filter matches as well as its group's receives the message twice: directly and via the group.", "Un membre dont le propre filtre correspond, en plus de celui de son groupe, reçoit le message deux fois : directement et par le groupe."),
    ("preset.stopped_port.title", "A stopped port", "Un port arrêté"),
    ("preset.stopped_port.summary", "New messages to a Stopped port are suspended; starting the port resumes them automatically.", "Les nouveaux messages destinés à un port arrêté sont suspendus ; démarrer le port les reprend automatiquement."),
    ("preset.bound_port.title", "A Bound port", "Un port lié"),
    ("preset.bound_port.summary", "A Bound port has no subscription: the message it should receive becomes a routing failure.", "Un port lié n'a pas d'abonnement : le message qu'il devrait recevoir devient un échec de routage."),
    ("preset.partner_broadcast.title", "Broadcast to a group", "Diffusion vers un groupe"),
    ("preset.partner_broadcast.summary", "A message sent to a Stopped group with a Started, a Stopped and a Bound member.", "Un message envoyé à un groupe arrêté qui a un membre démarré, un membre arrêté et un membre lié."),
];
