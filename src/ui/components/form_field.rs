//! Small form helpers shared by the editors: a labelled field with its error messages next to it
//! (linked by aria-describedby), and reading values out of input events.

use crate::engine::scenario::ScenarioError;
use crate::ui::session::errors_under;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The value of the `<input>`, `<select>` or `<textarea>` an event came from.
pub fn event_value(e: &Event) -> String {
    let Some(target) = e.target() else { return String::new() };
    if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
}

/// Whether the checkbox an event came from is checked.
pub fn event_checked(e: &Event) -> bool {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.checked()).unwrap_or(false)
}

/// The messages of the errors at or under `path`, plus local ones.
pub fn messages(errors: &[ScenarioError], path: &str, local: &[String]) -> Vec<String> {
    let mut v: Vec<String> = errors_under(errors, path).iter().map(|e| e.message.clone()).collect();
    v.extend(local.iter().cloned());
    v
}

/// A text input with its label and errors. `on_input` gets the whole new text on every keystroke.
#[allow(clippy::too_many_arguments)]
pub fn text_field(
    id: &str,
    label: &str,
    value: &str,
    errors: Vec<String>,
    hint: Option<&str>,
    disabled: bool,
    input_type: &str,
    on_input: Callback<String>,
) -> Html {
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(hint_id.clone());
    }
    if !errors.is_empty() {
        described.push(err_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let oninput = on_input.reform(|e: InputEvent| event_value(&e));
    html! {
        <div class={classes!("field", (!errors.is_empty()).then_some("invalid"))}>
            <label for={id.to_string()}>{ label }</label>
            <input id={id.to_string()} type={input_type.to_string()} value={value.to_string()} {disabled}
                aria-invalid={if errors.is_empty() { "false" } else { "true" }} aria-describedby={described} {oninput} />
            if let Some(h) = hint { <span class="hint" id={hint_id}>{ h }</span> }
            if !errors.is_empty() {
                <span class="field-error" id={err_id} role="alert">{ errors.join(" ") }</span>
            }
        </div>
    }
}

/// A checkbox with its label and errors.
pub fn check_field(
    id: &str,
    label: &str,
    checked: bool,
    errors: Vec<String>,
    disabled: bool,
    on_change: Callback<bool>,
) -> Html {
    let err_id = format!("{id}-err");
    let onchange = on_change.reform(|e: Event| event_checked(&e));
    html! {
        <div class={classes!("field", "check", (!errors.is_empty()).then_some("invalid"))}>
            <input id={id.to_string()} type="checkbox" {checked} {disabled} {onchange}
                aria-describedby={(!errors.is_empty()).then(|| err_id.clone())} />
            <label for={id.to_string()}>{ label }</label>
            if !errors.is_empty() {
                <span class="field-error" id={err_id} role="alert">{ errors.join(" ") }</span>
            }
        </div>
    }
}

/// A select with its label and errors; `options` are (value, text).
pub fn select_field(
    id: &str,
    label: &str,
    value: &str,
    options: Vec<(String, String)>,
    errors: Vec<String>,
    on_change: Callback<String>,
) -> Html {
    let err_id = format!("{id}-err");
    let onchange = on_change.reform(|e: Event| event_value(&e));
    html! {
        <div class={classes!("field", (!errors.is_empty()).then_some("invalid"))}>
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} {onchange} aria-describedby={(!errors.is_empty()).then(|| err_id.clone())}>
                { for options.into_iter().map(|(v, text)| html! {
                    <option value={v.clone()} selected={v == value}>{ text }</option>
                }) }
            </select>
            if !errors.is_empty() {
                <span class="field-error" id={err_id} role="alert">{ errors.join(" ") }</span>
            }
        </div>
    }
}

/// An edit of a form by one typed value (the editors build their callbacks from these).
pub type Setter<F, V> = std::rc::Rc<dyn Fn(&mut F, V)>;

/// A callback that applies `f` to a copy of the form state and stores the copy: the one way the
/// editors change a field (nothing typed is lost, because the form keeps raw text).
pub fn form_setter<F: Clone + 'static, V: 'static>(form: &UseStateHandle<F>, f: Setter<F, V>) -> Callback<V> {
    let form = form.clone();
    Callback::from(move |v: V| {
        let mut next = (*form).clone();
        f(&mut next, v);
        form.set(next);
    })
}
