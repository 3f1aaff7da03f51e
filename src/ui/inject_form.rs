//! The Inject panel's fields, kept for the whole session (in `UiState`, and in the autosave), so
//! switching tabs or clicking the tree never resets a context or a count the user typed (issue 11
//! #2). Plain data with a JSON form; a corrupt saved value falls back to the defaults.

use serde::{Deserialize, Serialize};

/// What the Inject panel holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InjectForm {
    /// `publish`, `port` or `group`.
    pub mode: String,
    pub target: String,
    pub context: Vec<(String, String)>,
    pub count: String,
    pub every: String,
    pub id: String,
}

impl Default for InjectForm {
    fn default() -> Self {
        InjectForm {
            mode: "publish".into(),
            target: String::new(),
            context: vec![("BTS.ReceivePortName".into(), "RP_Orders".into())],
            count: "1".into(),
            every: "0s".into(),
            id: String::new(),
        }
    }
}

impl InjectForm {
    /// The saved form, or the defaults when the value is missing or not a form.
    pub fn from_value(v: Option<&serde_json::Value>) -> InjectForm {
        v.and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
    }
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_falls_back() {
        let form = InjectForm {
            context: vec![("X.Type".into(), "Invoice".into())],
            count: "250".into(),
            ..Default::default()
        };
        assert_eq!(InjectForm::from_value(Some(&form.to_value())), form);
        assert_eq!(InjectForm::from_value(Some(&serde_json::json!("garbage"))), InjectForm::default());
        assert_eq!(InjectForm::from_value(None), InjectForm::default());
    }
}
