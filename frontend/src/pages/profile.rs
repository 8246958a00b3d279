//! My profile (`/profile`): the account's data, editing names and email, changing the password.
//!
//! Also the page a user is sent to after an administrator reset their password: until a new one is
//! chosen, it is the only page that works.

use api_types::auth::{ChangePasswordRequest, SessionUser, UpdateProfileRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::auth::{Access, use_auth};
use crate::components::account::{NewPassword, NewPasswordFields, Person, PersonFields};
use crate::components::fact::Fact;
use crate::components::form::{
    Field, Form, FormActions, FormError, InputKind, SubmitButton, no_issues, required,
};
use crate::components::guard::RequireAccess;
use crate::components::page_header::PageHeader;
use crate::components::toast::use_toasts;
use crate::i18n::{Key, role_label, use_i18n};
use crate::pages::use_page_title;

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

#[component]
pub fn ProfilePage() -> impl IntoView {
    use_page_title(Key::ProfileTitle);
    view! {
        <RequireAccess access=ACCESS password_page=true>
            <Profile />
        </RequireAccess>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let user = Memo::new(move |_| auth.user());
    let must_change = Memo::new(move |_| {
        user.with(|user| user.as_ref().is_some_and(|user| user.must_change_password))
    });
    let editing = RwSignal::new(false);
    let field = move |read: fn(&SessionUser) -> String| {
        move || user.with(|user| user.as_ref().map(read).unwrap_or_default())
    };

    view! {
        <div class="page page--medium">
            <PageHeader title=Key::ProfileTitle />
            <Show when=move || must_change.get()>
                <div class="alert alert--warning" role="alert" data-testid="must-change-password">
                    <div class="alert__text">
                        <p class="alert__title">{i18n.tr(Key::MustChangeTitle)}</p>
                        <p class="alert__message">{i18n.tr(Key::MustChangeText)}</p>
                    </div>
                </div>
            </Show>
            <section class="card section">
                <div class="page-header">
                    <h2 class="section__title">{i18n.tr(Key::ProfileAccount)}</h2>
                    // Editing needs a request the server refuses until the password is changed.
                    <Show when=move || !editing.get() && !must_change.get()>
                        <button
                            type="button"
                            class="btn btn--secondary"
                            data-testid="profile-edit"
                            on:click=move |_| editing.set(true)
                        >
                            {i18n.tr(Key::ProfileEdit)}
                        </button>
                    </Show>
                </div>
                <dl class="facts facts--grid">
                    <Fact
                        label=Key::Username
                        value=field(|u| u.username.clone())
                        testid="profile-username"
                    />
                    <Fact label=Key::Email value=field(|u| u.email.clone()) />
                    <Fact label=Key::FirstName value=field(|u| u.first_name.clone()) />
                    <Fact label=Key::LastName value=field(|u| u.last_name.clone()) />
                    <Fact
                        label=Key::Role
                        value=move || {
                            user.with(|user| {
                                user.as_ref()
                                    .map(|u| role_label(u.role, i18n.lang()))
                                    .unwrap_or_default()
                            })
                        }
                        testid="profile-role"
                    />
                </dl>
                <Show when=move || editing.get()>
                    <EditProfile on_close=move |()| editing.set(false) />
                </Show>
            </section>
            <ChangePassword must_change />
        </div>
    }
}

#[component]
fn EditProfile(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    const FIELDS: &[&str] = &["email", "firstName", "lastName"];
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let form = Form::new();
    let current = auth.user();
    let pick =
        |read: fn(&SessionUser) -> &String| current.as_ref().map(read).cloned().unwrap_or_default();
    let person = Person::new(
        pick(|u| &u.email),
        pick(|u| &u.first_name),
        pick(|u| &u.last_name),
    );

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = no_issues(person.issues());
        let [email, first_name, last_name] = person.values();
        let request = UpdateProfileRequest {
            email,
            first_name,
            last_name,
        };
        form.submit(valid, FIELDS, move || async move {
            let saved = api::update_profile(&request).await?.data.user;
            auth.update_user(|user| {
                user.email = saved.email;
                user.first_name = saved.first_name;
                user.last_name = saved.last_name;
            });
            toasts.success(i18n.t(Key::ProfileSaved), "");
            on_close.run(());
            Ok(())
        });
    };

    view! {
        <form class="form form--boxed" novalidate node_ref=form.node() on:submit=submit data-testid="profile-form">
            <FormError form />
            <PersonFields form person testid="profile" own=true autofocus=true />
            <FormActions on_cancel=on_close>
                <SubmitButton form label=Key::Save busy_label=Key::Saving testid="profile-submit" />
            </FormActions>
        </form>
    }
}

#[component]
fn ChangePassword(must_change: Memo<bool>) -> impl IntoView {
    const FIELDS: &[&str] = &["currentPassword", "newPassword", "confirmPassword"];
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let form = Form::new();
    let username = Signal::derive(move || auth.user().map(|u| u.username).unwrap_or_default());
    let current = RwSignal::new(String::new());
    let new_password = NewPassword::new(username, true);
    let current_issue = Signal::derive(move || current.with(|v| required(v)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = no_issues([current_issue].into_iter().chain(new_password.issues()));
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new_password.value(),
        };
        let was_forced = must_change.get_untracked();
        let navigate = navigate.clone();
        form.submit(valid, FIELDS, move || async move {
            api::change_password(&request).await?;
            current.set(String::new());
            new_password.clear();
            form.reset();
            toasts.success(
                i18n.t(Key::PasswordChanged),
                i18n.t(Key::PasswordChangedText),
            );
            // The session stays; `me` brings the cleared flag and the session's current CSRF token.
            if auth.reload_user().await.is_err() {
                auth.update_user(|user| user.must_change_password = false);
            }
            if was_forced {
                navigate("/", Default::default());
            }
            Ok(())
        });
    };

    view! {
        <section class="card section">
            <h2 class="section__title">{i18n.tr(Key::ChangePasswordTitle)}</h2>
            <form class="form" novalidate node_ref=form.node() on:submit=submit data-testid="password-form">
                <FormError form />
                // Browsers fill the username of the account into the password manager entry.
                <input
                    type="text"
                    class="visually-hidden"
                    autocomplete="username"
                    tabindex="-1"
                    aria-hidden="true"
                    readonly
                    prop:value=move || username.get()
                />
                <Field
                    form
                    name="currentPassword"
                    label=Key::CurrentPassword
                    value=current
                    issue=current_issue
                    kind=InputKind::Password
                    autocomplete="current-password"
                    testid="current-password"
                    required=true
                    autofocus=must_change.get_untracked()
                />
                <NewPasswordFields
                    form
                    password=new_password
                    name="newPassword"
                    label=Key::NewPassword
                    testid="new-password"
                    confirm_label=Key::NewPasswordConfirm
                />
                <div class="form__actions">
                    <SubmitButton
                        form
                        label=Key::ChangePasswordSubmit
                        busy_label=Key::ChangePasswordBusy
                        testid="password-submit"
                    />
                </div>
            </form>
        </section>
    }
}
