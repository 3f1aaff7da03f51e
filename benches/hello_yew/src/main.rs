//! Hello, world in Yew with one button: the time-to-interactive baseline. Like portsim's pages it
//! marks `portsim-interactive` in the Performance timeline once its first render is on screen and
//! its handlers are attached (the first effect).

use yew::prelude::*;

#[component(App)]
fn app() -> Html {
    let count = use_state(|| 0u32);
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("portsim-interactive");
        }
    });
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Hello, world" }</h1>
            <button type="button" {onclick}>{ format!("Clicked {} times", *count) }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
