//! A modal dialog on the browser's native `<dialog>`: focus stays inside, Escape closes it, and the
//! first field marked `autofocus` gets the focus.

use leptos::html;
use leptos::prelude::*;

use crate::components::form::next_id;
use crate::i18n::{Key, use_i18n};

/// Render it while it is open; `on_close` runs on Escape and the close button. A click on the
/// backdrop does not close it: a stray tap with gloves must not throw away a half-filled form.
#[component]
pub fn Dialog(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Dialog>::new();
    node.on_load(|dialog| {
        let _ = dialog.show_modal();
    });
    let title_id = next_id("dialog");
    let labelled_by = title_id.clone();
    view! {
        <dialog
            class="dialog"
            node_ref=node
            aria-labelledby=labelled_by
            data-testid=testid
            // Escape closes the native dialog; the app's state follows.
            on:close=move |_| on_close.run(())
        >
            <div class="dialog__header">
                <h2 class="dialog__title" id=title_id>
                    {move || title.get()}
                </h2>
                <button
                    type="button"
                    class="dialog__close"
                    aria-label=i18n.tr(Key::Close)
                    title=i18n.tr(Key::Close)
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </div>
            <div class="dialog__body">{children()}</div>
        </dialog>
    }
}
