//! The texts every page carries in both languages whatever it fetches: the notice that the French
//! texts could not be fetched (`ui::french`) has to be readable without that file.

pub const ENTRIES: super::Table = super::catalogue![
    ("status.french_missing", "The French texts could not be loaded: some texts stay in English. Reload the page to try again.", "Les textes français n'ont pas pu être chargés : certains textes restent en anglais. Rechargez la page pour réessayer."),
];
