//! The question before a destructive action (deleting a user, revoking a token).

use std::future::Future;

use api_types::ErrorBody;
use leptos::prelude::*;

use crate::components::dialog::Dialog;
use crate::components::form::{Form, FormActions, FormError, SubmitButton};
use crate::components::toast::use_toasts;
use crate::i18n::{Key, use_i18n};

/// Asks `question` about `name` (its `{name}`); on confirmation runs `action`, then shows the toast
/// `done` (with `{name}`) and calls `on_done`. A failed action stays in the dialog.
#[component]
pub fn ConfirmDialog<A, Fut>(
    title: Key,
    question: Key,
    name: String,
    /// A warning below the question.
    #[prop(optional)]
    warning: Option<Key>,
    /// The confirm button's label, and while the action runs.
    confirm: Key,
    busy: Key,
    done: Key,
    testid: &'static str,
    submit_testid: &'static str,
    action: A,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView
where
    A: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<(), ErrorBody>> + 'static,
{
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let question = {
        let name = name.clone();
        move || i18n.named(question, &name)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = name.clone();
        form.submit(true, &[], move || async move {
            action().await?;
            toasts.success(i18n.named(done, &name), "");
            on_done.run(());
            Ok(())
        });
    };
    view! {
        <Dialog title=move || i18n.t(title).to_owned() on_close testid>
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <p>{question}</p>
                {warning
                    .map(|warning| {
                        view! {
                            <div class="alert alert--warning">
                                <p>{i18n.tr(warning)}</p>
                            </div>
                        }
                    })}
                <FormError form />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=confirm
                        busy_label=busy
                        testid=submit_testid
                        danger=true
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}
