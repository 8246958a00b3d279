//! First run (`/setup`): creates the first administrator while no user exists.

use api_types::auth::CreateAdminRequest;
use api_types::validation::{validate_email, validate_name, validate_username};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::auth::{LOGIN_PATH, Session, use_auth};
use crate::components::form::{
    Field, Form, FormError, InputKind, PasswordRules, SubmitButton, confirmation_issue,
    first_password_issue,
};
use crate::components::loading::Loading;
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
        <div class="page page--narrow">
            <div class="card" data-testid="setup-done">
                <h1 class="page-title" data-testid="page-title">
                    {i18n.tr(Key::SetupAlreadyDone)}
                </h1>
                <p>{i18n.tr(Key::SetupAlreadyDoneText)}</p>
                <A href=LOGIN_PATH attr:class="btn btn--primary">
                    {i18n.tr(Key::ToLogin)}
                </A>
            </div>
        </div>
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
    let username = RwSignal::new("admin".to_owned());
    let email = RwSignal::new("admin@rotoclear.com".to_owned());
    let first_name = RwSignal::new("System".to_owned());
    let last_name = RwSignal::new("Administrator".to_owned());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());

    let username_issue = Signal::derive(move || username.with(|v| validate_username(v).err()));
    let email_issue = Signal::derive(move || email.with(|v| validate_email(v).err()));
    let first_name_issue = Signal::derive(move || first_name.with(|v| validate_name(v).err()));
    let last_name_issue = Signal::derive(move || last_name.with(|v| validate_name(v).err()));
    let password_issue = Signal::derive(move || {
        username.with(|name| password.with(|p| first_password_issue(p, name)))
    });
    let confirm_issue = Signal::derive(move || confirmation_issue(&password.get(), &confirm.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = [
            username_issue,
            email_issue,
            first_name_issue,
            last_name_issue,
            password_issue,
            confirm_issue,
        ]
        .iter()
        .all(|issue| issue.get_untracked().is_none());
        let request = CreateAdminRequest {
            username: username.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            first_name: first_name.get_untracked().trim().to_owned(),
            last_name: last_name.get_untracked().trim().to_owned(),
        };
        let navigate = navigate.clone();
        form.submit(valid, FIELDS, move || async move {
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
                    <Field
                        form
                        name="username"
                        label=Key::Username
                        value=username
                        issue=username_issue
                        autocomplete="username"
                        testid="setup-username"
                        required=true
                        autofocus=true
                        maxlength=30
                    />
                    <Field
                        form
                        name="email"
                        label=Key::Email
                        value=email
                        issue=email_issue
                        kind=InputKind::Email
                        autocomplete="email"
                        testid="setup-email"
                        required=true
                    />
                    <div class="form__row">
                        <Field
                            form
                            name="firstName"
                            label=Key::FirstName
                            value=first_name
                            issue=first_name_issue
                            autocomplete="given-name"
                            testid="setup-first-name"
                            required=true
                            maxlength=50
                        />
                        <Field
                            form
                            name="lastName"
                            label=Key::LastName
                            value=last_name
                            issue=last_name_issue
                            autocomplete="family-name"
                            testid="setup-last-name"
                            required=true
                            maxlength=50
                        />
                    </div>
                    <Field
                        form
                        name="password"
                        label=Key::Password
                        value=password
                        issue=password_issue
                        kind=InputKind::Password
                        autocomplete="new-password"
                        testid="setup-password"
                        required=true
                    />
                    <Field
                        form
                        name="confirmPassword"
                        label=Key::PasswordConfirm
                        value=confirm
                        issue=confirm_issue
                        kind=InputKind::Password
                        autocomplete="new-password"
                        testid="setup-password-confirm"
                        required=true
                    >
                        <PasswordRules password username confirm />
                    </Field>
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
