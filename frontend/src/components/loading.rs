//! Placeholder while data loads for the first time, and the frame around loaded data.

use leptos::prelude::*;

use crate::api::ApiResult;
use crate::components::error_panel::BoundaryErrors;
use crate::i18n::{Key, use_i18n};

/// A spinner and what is being loaded.
#[component]
pub fn Loading(label: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {i18n.tr(label)}
        </p>
    }
}

/// What `resource` loaded, drawn by `render`: [`Loading`] with `label` the first time (the old
/// content stays while it reloads), the error with a retry button when the request failed.
/// `set_pending` follows whether a request runs.
#[component]
pub fn Loaded<T, F, V>(
    resource: LocalResource<ApiResult<T>>,
    label: Key,
    render: F,
    #[prop(optional, into)] set_pending: Option<SignalSetter<bool>>,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition
            fallback=move || view! { <Loading label /> }
            set_pending=set_pending.unwrap_or_default()
        >
            <ErrorBoundary fallback=move |errors| {
                view! { <BoundaryErrors errors on_retry=move |()| resource.refetch() /> }
            }>{move || Suspend::new(async move { resource.await.map(render) })}</ErrorBoundary>
        </Transition>
    }
}
