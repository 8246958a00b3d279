//! API tokens (`/admin/api-tokens`, administrators): bearer tokens for other Rotoclear systems.
//! The secret is shown once, right after creation; the list only shows its first characters.

use api_types::auth::{ApiTokenDto, CreateApiTokenRequest, CreatedApiToken, Role};
use api_types::validation::Message;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::auth::Access;
use crate::components::badge::{Badge, Tone};
use crate::components::confirm::ConfirmDialog;
use crate::components::dialog::Dialog;
use crate::components::form::{
    Field, Form, FormActions, FormError, InputKind, SelectField, SubmitButton, optional_number,
    required,
};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::{CreateButton, PageHeader};
use crate::components::table::DataTable;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, role_label, use_i18n};
use crate::pages::use_page_title;

/// Administrators only.
pub const ACCESS: Access = Access::Admin;

/// Longest validity that can be chosen, in days (ten years).
pub const MAX_EXPIRY_DAYS: u32 = 3650;

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    use_page_title(Key::TokensTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Tokens />
        </RequireAccess>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Open {
    Create,
    Secret(CreatedApiToken),
    Revoke(ApiTokenDto),
}

#[component]
fn Tokens() -> impl IntoView {
    let tokens = LocalResource::new(api::api_tokens);
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    let created = Callback::new(move |token: CreatedApiToken| {
        open.set(Some(Open::Secret(token)));
        tokens.refetch();
    });
    let revoked = Callback::new(move |()| {
        open.set(None);
        tokens.refetch();
    });
    let dialog = move || {
        open.get().map(|dialog| match dialog {
            Open::Create => view! { <CreateToken on_close=close on_created=created /> }.into_any(),
            Open::Secret(token) => view! { <ShowSecret token on_close=close /> }.into_any(),
            Open::Revoke(token) => {
                view! { <RevokeToken token on_close=close on_done=revoked /> }.into_any()
            }
        })
    };
    view! {
        <div class="page">
            <PageHeader title=Key::TokensTitle intro=Key::TokensIntro>
                <CreateButton
                    label=Key::TokenCreate
                    testid="token-create"
                    on_click=move |()| open.set(Some(Open::Create))
                />
            </PageHeader>
            <Loaded
                resource=tokens
                label=Key::TokensLoading
                render=move |list| view! { <TokenTable tokens=list.data.tokens open /> }
            />
            {dialog}
        </div>
    }
}

/// Where a token stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenState {
    Active,
    Expired,
    Revoked,
}

fn token_state(token: &ApiTokenDto, expired: impl Fn(&str) -> bool) -> TokenState {
    if token.revoked_at.is_some() {
        TokenState::Revoked
    } else if token.expires_at.as_deref().is_some_and(expired) {
        TokenState::Expired
    } else {
        TokenState::Active
    }
}

#[component]
fn TokenTable(tokens: Vec<ApiTokenDto>, open: RwSignal<Option<Open>>) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::TokenName,
        Key::Role,
        Key::ColPrefix,
        Key::ColCreated,
        Key::ColCreatedBy,
        Key::ColExpires,
        Key::ColLastUsed,
        Key::Status,
        Key::ColActions,
    ];
    view! {
        <DataTable
            testid="token-table"
            columns=COLUMNS
            empty=Key::TokensEmpty
            items=tokens
            row=move |token| view! { <TokenRow token open /> }
        />
    }
}

#[component]
fn TokenRow(token: ApiTokenDto, open: RwSignal<Option<Open>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = token_state(&token, |at| !format::is_future(at));
    let (tone, word) = match state {
        TokenState::Active => (Tone::Success, Key::TokenActive),
        TokenState::Expired => (Tone::Warning, Key::TokenExpired),
        TokenState::Revoked => (Tone::Danger, Key::TokenRevoked),
    };
    let role = token.role;
    let date = move |at: Option<String>, none: Key| {
        move || match &at {
            Some(at) => format::local_date_time(at, i18n.lang()),
            None => i18n.t(none).to_owned(),
        }
    };
    let created = token.created_at.clone();
    let revoke = (state == TokenState::Active).then(|| {
        let token = token.clone();
        view! {
            <button
                type="button"
                class="btn btn--small btn--danger-outline"
                data-testid="token-revoke"
                on:click=move |_| open.set(Some(Open::Revoke(token.clone())))
            >
                {i18n.tr(Key::ActionRevoke)}
            </button>
        }
    });
    view! {
        <tr data-testid=format!("token-row-{}", token.id)>
            <td class="table__strong">{token.name.clone()}</td>
            <td>{move || role_label(role, i18n.lang())}</td>
            <td>
                <code>{format!("{}…", token.prefix)}</code>
            </td>
            <td>{move || format::local_date_time(&created, i18n.lang())}</td>
            <td>{token.created_by.clone()}</td>
            <td>{date(token.expires_at.clone(), Key::NoExpiry)}</td>
            <td>{date(token.last_used_at.clone(), Key::Never)}</td>
            <td>
                <Badge tone label=i18n.tr(word) />
            </td>
            <td>{revoke}</td>
        </tr>
    }
}

/// The validity in days typed into the form: empty for none.
fn parse_expiry(value: &str) -> Result<Option<u32>, Message> {
    optional_number(
        value,
        |days| (1..=MAX_EXPIRY_DAYS).contains(days),
        Key::TokenExpiryInvalid,
    )
}

#[component]
fn CreateToken(on_close: Callback<()>, on_created: Callback<CreatedApiToken>) -> impl IntoView {
    const FIELDS: &[&str] = &["name", "role", "expiresInDays"];
    let i18n = use_i18n();
    let form = Form::new();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Viewer);
    let expiry = RwSignal::new(String::new());
    let name_issue = Signal::derive(move || name.with(|v| required(v)));
    let expiry_issue = Signal::derive(move || expiry.with(|v| parse_expiry(v).err()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let expires_in_days = expiry.with_untracked(|v| parse_expiry(v));
        let valid = name_issue.get_untracked().is_none() && expires_in_days.is_ok();
        let request = CreateApiTokenRequest {
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            expires_in_days: expires_in_days.unwrap_or_default(),
        };
        form.submit(valid, FIELDS, move || async move {
            let created = api::create_api_token(&request).await?;
            on_created.run(created.data);
            Ok(())
        });
    };

    view! {
        <Dialog title=move || i18n.t(Key::TokenCreate).to_owned() on_close testid="token-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <FormError form />
                <Field
                    form
                    name="name"
                    label=Key::TokenName
                    value=name
                    issue=name_issue
                    hint=Key::TokenNameHint
                    autocomplete="off"
                    testid="token-name"
                    required=true
                    autofocus=true
                    maxlength=100
                />
                <SelectField form name="role" label=Key::Role value=role testid="token-role" />
                <Field
                    form
                    name="expiresInDays"
                    label=Key::TokenExpiry
                    value=expiry
                    issue=expiry_issue
                    hint=Key::TokenExpiryHint
                    kind=InputKind::Number
                    autocomplete="off"
                    testid="token-expiry"
                    maxlength=4
                />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=Key::TokenCreateSubmit
                        busy_label=Key::TokenCreateBusy
                        testid="token-submit"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

/// The new token's secret, with a copy button; closing the dialog forgets it for good.
#[component]
fn ShowSecret(token: CreatedApiToken, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let secret_ref = NodeRef::<html::Input>::new();
    let title = {
        let name = token.token.name.clone();
        move || i18n.named(Key::SecretTitle, &name)
    };
    let copy = move |_| {
        let Some(input) = secret_ref.get_untracked() else {
            return;
        };
        // Select-and-copy works on plain HTTP too, where the asynchronous clipboard API is missing.
        input.select();
        let copied = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|document| document.exec_command("copy").ok())
            .unwrap_or(false);
        if copied {
            toasts.success(i18n.t(Key::Copied), "");
        } else {
            toasts.warning(i18n.t(Key::CopyFailed), "");
        }
    };
    view! {
        <Dialog title on_close testid="token-secret-dialog">
            <div class="form">
                <div class="alert alert--warning" role="alert">
                    <p class="alert__title">{i18n.tr(Key::SecretWarning)}</p>
                </div>
                <label class="field__label" for="token-secret">
                    {i18n.tr(Key::SecretLabel)}
                </label>
                <div class="copy-field">
                    <input
                        id="token-secret"
                        class="input input--mono"
                        readonly
                        node_ref=secret_ref
                        data-testid="token-secret"
                        prop:value=token.secret.clone()
                        on:focus=move |_| {
                            if let Some(input) = secret_ref.get_untracked() {
                                input.select();
                            }
                        }
                    />
                    <button
                        type="button"
                        class="btn btn--primary"
                        data-testid="token-copy"
                        on:click=copy
                    >
                        {i18n.tr(Key::Copy)}
                    </button>
                </div>
                <p class="field__hint">{i18n.tr(Key::SecretUsage)}</p>
                <div class="form__actions">
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="token-secret-done"
                        on:click=move |_| on_close.run(())
                    >
                        {i18n.tr(Key::SecretDone)}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

#[component]
fn RevokeToken(token: ApiTokenDto, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let id = token.id;
    view! {
        <ConfirmDialog
            title=Key::RevokeTitle
            question=Key::RevokeQuestion
            name=token.name
            confirm=Key::ActionRevoke
            busy=Key::RevokeBusy
            done=Key::TokenRevokedToast
            testid="token-revoke-dialog"
            submit_testid="revoke-submit"
            action=move || api::revoke_api_token(id)
            on_close
            on_done
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> ApiTokenDto {
        ApiTokenDto {
            id: 3,
            name: "ERP".into(),
            role: Role::Viewer,
            prefix: "etk_ab12".into(),
            created_at: "2026-11-26T10:30:00Z".into(),
            created_by: "admin".into(),
            expires_at: Some("2027-11-26T10:30:00Z".into()),
            last_used_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn token_states() {
        assert_eq!(token_state(&token(), |_| false), TokenState::Active);
        assert_eq!(token_state(&token(), |_| true), TokenState::Expired);
        let revoked = ApiTokenDto {
            revoked_at: Some("2026-12-01T00:00:00Z".into()),
            ..token()
        };
        assert_eq!(token_state(&revoked, |_| true), TokenState::Revoked);
        let endless = ApiTokenDto {
            expires_at: None,
            ..token()
        };
        assert_eq!(token_state(&endless, |_| true), TokenState::Active);
    }

    #[test]
    fn expiry_is_optional_and_bounded() {
        assert_eq!(parse_expiry(""), Ok(None));
        assert_eq!(parse_expiry(" 90 "), Ok(Some(90)));
        assert_eq!(parse_expiry("3650"), Ok(Some(3650)));
        for bad in ["0", "3651", "-1", "1.5", "zehn"] {
            assert!(parse_expiry(bad).is_err(), "{bad}");
        }
    }
}
