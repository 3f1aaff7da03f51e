//! Typed helpers over `web-sys` for the light embed's view: build an element with its class,
//! attributes, text and children in one expression, change a text or an attribute only when it
//! differs (so the browser lays out only what changed), listen for an event for the page's life,
//! and write SVG markup with its text escaped.
//!
//! ```text
//!  el("button")?.class("clock-btn").attr("type", "button").text("Step").on("click", |_| …)
//! ```

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

/// The page's document. The embed only runs in a page, where there always is one.
pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// An element being built (or kept to be updated).
#[derive(Clone)]
pub struct El(pub Element);

/// A new HTML element `tag` (`None` only without a document: the view is then not built).
pub fn el(tag: &str) -> Option<El> {
    document()?.create_element(tag).ok().map(El)
}

impl El {
    pub fn class(self, class: &str) -> El {
        self.0.set_class_name(class);
        self
    }
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }
    pub fn text(self, text: &str) -> El {
        self.0.set_text_content(Some(text));
        self
    }
    pub fn child(self, child: &El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }
    /// Calls `f` on every `event` of this element, as long as the page lives.
    pub fn on(self, event: &str, f: impl FnMut(Event) + 'static) -> El {
        listen(&self.0, event, f);
        self
    }
}

/// Calls `f` on every `event` of `target` for the page's life (the embed's view is built once).
pub fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Sets `e`'s text when it differs.
pub fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// Sets (`Some`) or removes (`None`) attribute `name` when it differs.
pub fn set_attr(e: &Element, name: &str, value: Option<&str>) {
    if e.get_attribute(name).as_deref() != value {
        let _ = match value {
            Some(v) => e.set_attribute(name, v),
            None => e.remove_attribute(name),
        };
    }
}

/// Shows `e` with `text`, or hides it when there is none.
pub fn show_text(e: &Element, text: Option<&str>) {
    set_attr(e, "hidden", text.is_none().then_some(""));
    set_text(e, text.unwrap_or(""));
}

/// Removes every child of `e`.
pub fn clear(e: &Element) {
    while let Some(c) = e.first_child() {
        let _ = e.remove_child(&c);
    }
}
