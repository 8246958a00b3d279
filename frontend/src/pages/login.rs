//! Login (`/login`): username or email, password, "stay signed in".
//!
//! Scanner friendly: the identifier field has the focus, and a scanned badge ending in Enter moves on
//! to the password instead of failing. After a failed attempt the password is selected, so typing
//! again replaces it; the identifier stays.

use std::time::Duration;

use api_types::ErrorCode;
use api_types::auth::LoginRequest;
use leptos::html;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, LoginFailure};
use crate::auth::{RETURN_PARAM, SETUP_PATH, return_target, use_auth};
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{Field, Form, InputKind, required};
use crate::format;
use crate::i18n::{Key, as_message, fill, use_i18n};
use crate::pages::use_page_title;

/// Why the last attempt failed.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// Wrong identifier or password (the server does not say which).
    Invalid,
    /// Locked after repeated failures; the server's message says until when.
    Locked(String),
    /// Too many attempts from here; the countdown says how long to wait.
    RateLimited,
    Other(api_types::ErrorBody),
}

fn problem_of(failure: &LoginFailure) -> Problem {
    match failure.error.code {
        ErrorCode::AuthRequired => Problem::Invalid,
        ErrorCode::AccountLocked => Problem::Locked(failure.error.error.clone()),
        ErrorCode::RateLimited => Problem::RateLimited,
        _ => Problem::Other(failure.error.clone()),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let query = use_query_map();
    use_page_title(Key::LoginTitle);

    // Signed in (now, or already when the page opened): on to the page the user came for. Nobody
    // can sign in before the first administrator exists: to the setup then.
    Effect::new(move || {
        let target = if auth.user().is_some() {
            return_target(query.with_untracked(|q| q.get(RETURN_PARAM)).as_deref())
        } else if auth.needs_setup() == Some(true) {
            SETUP_PATH.to_owned()
        } else {
            return;
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    });

    let form = Form::new();
    let identifier = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let stay_logged_in = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let wait_secs = RwSignal::new(0_u64);
    let password_ref = NodeRef::<html::Input>::new();

    if let Ok(timer) = set_interval_with_handle(
        move || {
            if wait_secs.get_untracked() > 0 {
                wait_secs.update(|secs| *secs -= 1);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || timer.clear());
    }

    let identifier_issue = Signal::derive(move || {
        identifier
            .with(|value| required(value))
            .map(|_| as_message(Key::LoginIdentifierMissing))
    });
    let password_issue = Signal::derive(move || {
        password
            .with(String::is_empty)
            .then(|| as_message(Key::LoginPasswordMissing))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if wait_secs.get_untracked() > 0 {
            return;
        }
        let valid =
            identifier_issue.get_untracked().is_none() && password_issue.get_untracked().is_none();
        let request = LoginRequest {
            identifier: identifier.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            stay_logged_in: stay_logged_in.get_untracked(),
        };
        form.submit(valid, &[], move || async move {
            problem.set(None);
            match api::login(&request).await {
                Ok(response) => auth.signed_in(response.user, Some(response.csrf_token)),
                Err(failure) => {
                    let found = problem_of(&failure);
                    if found == Problem::RateLimited {
                        wait_secs.set(failure.retry_after_secs.unwrap_or(0));
                    }
                    problem.set(Some(found));
                    request_animation_frame(move || {
                        if let Some(input) = password_ref.get_untracked() {
                            let _ = input.focus();
                            input.select();
                        }
                    });
                }
            }
            Ok(())
        });
    };

    let problem_view = move || {
        problem.get().map(|problem| match problem {
            Problem::Other(error) => view! { <ErrorPanel error /> }.into_any(),
            problem => {
                let text = move || match &problem {
                    Problem::Invalid => i18n.t(Key::LoginInvalid).to_owned(),
                    Problem::Locked(detail) => format!("{} {detail}", i18n.t(Key::LoginLocked)),
                    _ => match wait_secs.get() {
                        0 => i18n.t(Key::LoginRateLimitedShort).to_owned(),
                        secs => fill(
                            i18n.t(Key::LoginRateLimited),
                            &[("time", &format::wait_time(secs, i18n.lang()))],
                        ),
                    },
                };
                view! {
                    <div class="alert alert--error" role="alert" data-testid="login-error">
                        <div class="alert__text">
                            <p class="alert__title">{i18n.tr(Key::LoginFailed)}</p>
                            <p class="alert__message">{text}</p>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };

    let button_text = move || match wait_secs.get() {
        0 if form.busy() => i18n.t(Key::LoginBusy).to_owned(),
        0 => i18n.t(Key::LoginSubmit).to_owned(),
        secs => fill(
            i18n.t(Key::LoginWaitButton),
            &[("time", &format::wait_time(secs, i18n.lang()))],
        ),
    };

    view! {
        <div class="page page--auth">
            <div class="auth-card">
                <div class="auth-card__brand">
                    <h1 class="auth-card__title">{i18n.tr(Key::AppName)}</h1>
                    <p class="auth-card__subtitle">{i18n.tr(Key::LoginSubtitle)}</p>
                </div>
                <form
                    class="form"
                    novalidate
                    node_ref=form.node()
                    on:submit=submit
                    data-testid="login-form"
                >
                    <h2 class="section__title" data-testid="page-title">
                        {i18n.tr(Key::LoginTitle)}
                    </h2>
                    {problem_view}
                    <Field
                        form
                        name="identifier"
                        label=Key::LoginIdentifier
                        value=identifier
                        issue=identifier_issue
                        autocomplete="username"
                        testid="login-identifier"
                        required=true
                        autofocus=true
                    />
                    <Field
                        form
                        name="password"
                        label=Key::Password
                        value=password
                        issue=password_issue
                        kind=InputKind::Password
                        autocomplete="current-password"
                        testid="login-password"
                        input_ref=password_ref
                        required=true
                    />
                    <div class="checkbox">
                        <label class="checkbox__label">
                            <input
                                type="checkbox"
                                class="checkbox__box"
                                data-testid="login-stay"
                                bind:checked=stay_logged_in
                            />
                            {i18n.tr(Key::StayLoggedIn)}
                        </label>
                        <p class="field__hint">
                            {move || {
                                i18n.t(
                                    if stay_logged_in.get() {
                                        Key::StayLoggedInOn
                                    } else {
                                        Key::StayLoggedInOff
                                    },
                                )
                            }}
                        </p>
                    </div>
                    <button
                        type="submit"
                        class="btn btn--primary btn--block"
                        disabled=move || { form.busy() || wait_secs.get() > 0 }
                        aria-busy=move || form.busy().to_string()
                        data-testid="login-submit"
                    >
                        {move || {
                            form.busy()
                                .then(|| {
                                    view! {
                                        <span class="spinner spinner--small" aria-hidden="true"></span>
                                    }
                                })
                        }}
                        {button_text}
                    </button>
                </form>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use api_types::ErrorBody;

    use super::*;

    fn failure(code: ErrorCode, message: &str) -> LoginFailure {
        LoginFailure {
            error: ErrorBody::new(code, message),
            retry_after_secs: None,
        }
    }

    #[test]
    fn failures_are_told_apart() {
        assert_eq!(
            problem_of(&failure(ErrorCode::AuthRequired, "Ungültige Anmeldedaten")),
            Problem::Invalid
        );
        assert_eq!(
            problem_of(&failure(ErrorCode::AccountLocked, "Gesperrt bis 10:30")),
            Problem::Locked("Gesperrt bis 10:30".into())
        );
        assert_eq!(
            problem_of(&failure(ErrorCode::RateLimited, "Zu viele Anfragen")),
            Problem::RateLimited
        );
        let down = failure(ErrorCode::ServiceUnavailable, api::UNREACHABLE);
        assert_eq!(problem_of(&down), Problem::Other(down.error.clone()));
    }
}
