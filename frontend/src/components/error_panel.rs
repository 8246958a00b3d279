//! A failed request, shown in place of the content that could not be loaded.

use api_types::{ErrorBody, ErrorCode};
use leptos::error::{Error, Errors};
use leptos::prelude::*;

use crate::i18n::{Key, Lang, error_title, t, use_i18n};

/// Title by error class in the UI language, the server's message below it, optionally a retry button.
#[component]
pub fn ErrorPanel(
    error: ErrorBody,
    /// Offers "Erneut versuchen" when given.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = error_title(error.code);
    // Messages of the client itself are German; repeating the German title as message adds nothing.
    let message = (error.error != t(Lang::De, title)).then_some(error.error);
    let retry = on_retry.map(|retry| {
        view! {
            <button type="button" class="btn btn--secondary" on:click=move |_| retry.run(())>
                {i18n.tr(Key::Retry)}
            </button>
        }
    });
    view! {
        <div class="alert alert--error" role="alert" data-testid="error-panel">
            <div class="alert__text">
                <p class="alert__title">{i18n.tr(title)}</p>
                {message.map(|message| view! { <p class="alert__message">{message}</p> })}
            </div>
            {retry}
        </div>
    }
}

/// Fallback of an `<ErrorBoundary>` around API data: the first caught error as an [`ErrorPanel`].
#[component]
pub fn BoundaryErrors(
    errors: ArcRwSignal<Errors>,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let first =
        move || errors.with(|errors| errors.iter().next().map(|(_, error)| as_error_body(error)));
    // Called with the props struct: `view!` cannot pass an `Option` to an optional prop.
    move || first().map(|error| ErrorPanel(ErrorPanelProps { error, on_retry }))
}

/// The API error behind an error caught by a boundary.
pub fn as_error_body(error: &Error) -> ErrorBody {
    error
        .downcast_ref::<ErrorBody>()
        .cloned()
        .unwrap_or_else(|| ErrorBody::new(ErrorCode::InternalError, error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_api_error_from_the_boundary() {
        let original = ErrorBody::new(ErrorCode::ServiceUnavailable, crate::api::UNREACHABLE);
        let caught = Error::from(original.clone());
        assert_eq!(as_error_body(&caught), original);
    }
}
