//! First run (`/setup`): creates the first administrator while no user exists.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::auth::{LOGIN_PATH, Session, use_auth};
use crate::components::account::{NewAccount, NewAccountFields, Person};
use crate::components::form::{Form, FormError, SubmitButton};
use crate::components::loading::Loading;
use crate::components::notice::NoticePage;
use crate::components::toast::use_toasts;
use crate::i18n::{Key, use_i18n};
use crate::pages::use_page_title;

/// The request fields the server may report errors for.
const FIELDS: &[&str] = &["username", "email", "firstName", "lastName", "password"];

#[component]
pub fn SetupPage() -> impl IntoView {
    let auth = use_auth();
    use_page_title(Key::SetupTitle);
    // Without an answer to the setup check (server trouble) the form is offered anyway: the server
    // refuses it when an administrator exists.
    move || match auth.needs_setup() {
        Some(false) => view! { <AlreadyDone /> }.into_any(),
        None if auth.session() == Session::Checking => {
            view! { <Loading label=Key::SetupChecking /> }.into_any()
        }
        _ => view! { <SetupForm /> }.into_any(),
    }
}

#[component]
fn AlreadyDone() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <NoticePage
            title=Key::SetupAlreadyDone
            testid="setup-done"
            href=LOGIN_PATH
            link=Key::ToLogin
        >
            {i18n.tr(Key::SetupAlreadyDoneText)}
        </NoticePage>
    }
}

#[component]
fn SetupForm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let form = Form::new();
    // Suggestions of the original setup page; all of them can be changed.
    let person = Person::new(
        "admin@rotoclear.com".to_owned(),
        "System".to_owned(),
        "Administrator".to_owned(),
    );
    let account = NewAccount::new("admin".to_owned(), person, true);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = account.request();
        let navigate = navigate.clone();
        form.submit(account.valid(), FIELDS, move || async move {
            api::create_admin(&request).await?;
            auth.setup_done();
            toasts.success(i18n.t(Key::SetupDoneTitle), i18n.t(Key::SetupDoneText));
            navigate(LOGIN_PATH, Default::default());
            Ok(())
        });
    };

    view! {
        <div class="page page--auth">
            <div class="auth-card">
                <div class="auth-card__brand">
                    <h1 class="auth-card__title" data-testid="page-title">
                        {i18n.tr(Key::SetupTitle)}
                    </h1>
                    <p class="auth-card__subtitle">{i18n.tr(Key::SetupIntro)}</p>
                </div>
                <form class="form" novalidate node_ref=form.node() on:submit=submit data-testid="setup-form">
                    <FormError form />
                    <NewAccountFields form account testid="setup" own=true />
                    <SubmitButton
                        form
                        label=Key::SetupSubmit
                        busy_label=Key::SetupBusy
                        testid="setup-submit"
                    />
                </form>
            </div>
        </div>
    }
}
