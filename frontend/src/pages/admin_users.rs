//! User administration (`/admin/users`, administrators): search and page through the users, create,
//! edit (names, email, role, status), reset a password, unlock, delete.
//!
//! An administrator cannot delete, demote or deactivate their own account here; the server refuses
//! it too (and refuses to lose the last active administrator).

use std::time::Duration;

use api_types::auth::{
    CreateAdminRequest, CreateUserRequest, ResetPasswordRequest, Role, UpdateUserRequest, UserDto,
    UserList, UserStatus,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::auth::{Access, use_auth};
use crate::components::account::{
    NewAccount, NewAccountFields, NewPassword, NewPasswordFields, Person, PersonFields,
};
use crate::components::badge::{Badge, Tone};
use crate::components::confirm::ConfirmDialog;
use crate::components::dialog::Dialog;
use crate::components::fact::Fact;
use crate::components::form::{Form, FormActions, FormError, SelectField, SubmitButton, no_issues};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::{CreateButton, PageHeader};
use crate::components::pager::Pager;
use crate::components::table::DataTable;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, fill, role_label, status_label, use_i18n};
use crate::pages::use_page_title;

/// Administrators only.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/users";

/// Users per page.
const PAGE_SIZE: u64 = 20;
/// Typing pause after which the search runs.
const SEARCH_DELAY: Duration = Duration::from_millis(300);

#[component]
pub fn UsersPage() -> impl IntoView {
    use_page_title(Key::UsersTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Users />
        </RequireAccess>
    }
}

/// The open dialog.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Create,
    Edit(UserDto),
    Reset(UserDto),
    Delete(UserDto),
}

#[component]
fn Users() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let page = RwSignal::new(1_u64);
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let open = RwSignal::new(None::<Open>);
    let me = auth.user().map(|user| user.id);

    // The search runs once typing pauses, from the first page.
    Effect::new(move |timer: Option<Option<TimeoutHandle>>| {
        let text = typed.get();
        if let Some(Some(timer)) = timer {
            timer.clear();
        }
        set_timeout_with_handle(
            move || {
                if search.get_untracked() != text {
                    page.set(1);
                    search.set(text);
                }
            },
            SEARCH_DELAY,
        )
        .ok()
    });

    let users = LocalResource::new(move || {
        let (page, search) = (page.get(), search.get());
        async move { api::users(page, PAGE_SIZE, &search).await }
    });
    let finished = Callback::new(move |()| {
        open.set(None);
        users.refetch();
    });
    let close = Callback::new(move |()| open.set(None));
    let unlock = Callback::new(move |user: UserDto| {
        spawn_local(async move {
            match api::unlock_user(user.id).await {
                Ok(()) => {
                    toasts.success(i18n.named(Key::Unlocked, &user.username), "");
                    users.refetch();
                }
                Err(error) => toasts.error(i18n.t(Key::ActionFailed), error.error),
            }
        });
    });

    let dialog = move || {
        open.get().map(|dialog| match dialog {
            Open::Create => view! { <CreateUser on_close=close on_done=finished /> }.into_any(),
            Open::Edit(user) => {
                let own = Some(user.id) == me;
                view! { <EditUser user own on_close=close on_done=finished /> }.into_any()
            }
            Open::Reset(user) => {
                view! { <ResetPassword user on_close=close on_done=finished /> }.into_any()
            }
            Open::Delete(user) => {
                view! { <DeleteUser user on_close=close on_done=finished /> }.into_any()
            }
        })
    };

    view! {
        <div class="page">
            <PageHeader title=Key::UsersTitle intro=Key::UsersIntro>
                <CreateButton
                    label=Key::UserCreate
                    testid="user-create"
                    on_click=move |()| open.set(Some(Open::Create))
                />
            </PageHeader>
            <div class="toolbar">
                <input
                    type="search"
                    class="input toolbar__search"
                    placeholder=i18n.tr(Key::UserSearch)
                    aria-label=i18n.tr(Key::UserSearchLabel)
                    title=i18n.tr(Key::UserSearchLabel)
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="user-search"
                    bind:value=typed
                />
            </div>
            <Loaded
                resource=users
                label=Key::UsersLoading
                render=move |list| {
                    view! { <UserTable list=list.data page open me on_unlock=unlock /> }
                }
            />
            {dialog}
        </div>
    }
}

#[component]
fn UserTable(
    list: UserList,
    page: RwSignal<u64>,
    open: RwSignal<Option<Open>>,
    me: Option<i64>,
    on_unlock: Callback<UserDto>,
) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::Username,
        Key::ColName,
        Key::Email,
        Key::Role,
        Key::Status,
        Key::ColLastLogin,
        Key::ColCreated,
        Key::ColActions,
    ];
    let UserList { users, pagination } = list;
    let row = move |user: UserDto| {
        let own = Some(user.id) == me;
        view! { <UserRow user own open on_unlock /> }
    };
    view! {
        <DataTable testid="user-table" columns=COLUMNS empty=Key::UsersEmpty items=users row />
        <Pager pagination page />
    }
}

#[component]
fn UserRow(
    user: UserDto,
    own: bool,
    open: RwSignal<Option<Open>>,
    on_unlock: Callback<UserDto>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locked_until = user
        .locked_until
        .clone()
        .filter(|until| format::is_future(until));
    let status = user.status;
    let tone = match status {
        UserStatus::Active => Tone::Success,
        UserStatus::Inactive => Tone::Warning,
        UserStatus::Suspended => Tone::Danger,
    };
    let role = user.role;
    let last_login = user.last_login_at.clone();
    let created = user.created_at.clone();
    let name = format!("{} {}", user.first_name, user.last_name);
    let must_change = user.must_change_password;
    let locked_badge = locked_until.clone().map(|until| {
        let label = move || {
            fill(
                i18n.t(Key::LockedUntil),
                &[("time", &format::local_date_time(&until, i18n.lang()))],
            )
        };
        view! { <Badge tone=Tone::Danger label testid="user-locked" /> }
    });
    let action = {
        let user = user.clone();
        move |make: fn(UserDto) -> Open| {
            let user = user.clone();
            move |_| open.set(Some(make(user.clone())))
        }
    };
    let unlock = locked_until.map(|_| {
        let user = user.clone();
        view! {
            <button
                type="button"
                class="btn btn--small btn--secondary"
                data-testid="user-unlock"
                on:click=move |_| on_unlock.run(user.clone())
            >
                {i18n.tr(Key::ActionUnlock)}
            </button>
        }
    });
    let delete_title = move || {
        i18n.t(if own {
            Key::CannotDeleteSelf
        } else {
            Key::ActionDelete
        })
    };
    view! {
        <tr data-testid=format!("user-row-{}", user.username) class=("table__row--own", own)>
            <td class="table__strong">
                {user.username.clone()}
                {own.then(|| view! { <span class="muted">" (" {i18n.tr(Key::You)} ")"</span> })}
            </td>
            <td>{name}</td>
            <td>{user.email.clone()}</td>
            <td>{move || role_label(role, i18n.lang())}</td>
            <td>
                <div class="badges">
                    <Badge tone label=move || status_label(status, i18n.lang()) />
                    {locked_badge}
                    {must_change
                        .then(|| {
                            view! { <Badge tone=Tone::Warning label=i18n.tr(Key::MustChangeBadge) /> }
                        })}
                </div>
            </td>
            <td>
                {move || match &last_login {
                    Some(at) => format::local_date_time(at, i18n.lang()),
                    None => i18n.t(Key::Never).to_owned(),
                }}
            </td>
            <td>{move || format::local_date_time(&created, i18n.lang())}</td>
            <td>
                <div class="table__actions">
                    <button
                        type="button"
                        class="btn btn--small btn--secondary"
                        data-testid="user-edit"
                        on:click=action(Open::Edit)
                    >
                        {i18n.tr(Key::ActionEdit)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--small btn--secondary"
                        data-testid="user-reset-password"
                        on:click=action(Open::Reset)
                    >
                        {i18n.tr(Key::ActionResetPassword)}
                    </button>
                    {unlock}
                    <button
                        type="button"
                        class="btn btn--small btn--danger-outline"
                        data-testid="user-delete"
                        disabled=own
                        title=delete_title
                        aria-label=delete_title
                        on:click=action(Open::Delete)
                    >
                        {i18n.tr(Key::ActionDeleteShort)}
                    </button>
                </div>
            </td>
        </tr>
    }
}

#[component]
fn CreateUser(on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    const FIELDS: &[&str] = &[
        "username",
        "email",
        "firstName",
        "lastName",
        "password",
        "role",
    ];
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let person = Person::new(String::new(), String::new(), String::new());
    let account = NewAccount::new(String::new(), person, false);
    let role = RwSignal::new(Role::Viewer);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let CreateAdminRequest {
            username,
            email,
            password,
            first_name,
            last_name,
        } = account.request();
        let request = CreateUserRequest {
            username,
            email,
            password,
            first_name,
            last_name,
            role: role.get_untracked(),
        };
        form.submit(account.valid(), FIELDS, move || async move {
            let created = api::create_user(&request).await?.data.user;
            toasts.success(i18n.named(Key::UserCreated, &created.username), "");
            on_done.run(());
            Ok(())
        });
    };

    view! {
        <Dialog title=move || i18n.t(Key::UserCreate).to_owned() on_close testid="user-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <FormError form />
                <NewAccountFields form account testid="user" />
                <SelectField form name="role" label=Key::Role value=role testid="user-role" />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=Key::UserCreateSubmit
                        busy_label=Key::UserCreateBusy
                        testid="user-submit"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

/// The fields of `PUT /api/users/{id}` that differ from `user`; `None` when nothing changed.
fn changes(
    user: &UserDto,
    email: &str,
    first_name: &str,
    last_name: &str,
    role: Role,
    status: UserStatus,
) -> Option<UpdateUserRequest> {
    let changed = |old: &str, new: &str| (old != new).then(|| new.to_owned());
    let request = UpdateUserRequest {
        email: changed(&user.email, email.trim()),
        first_name: changed(&user.first_name, first_name.trim()),
        last_name: changed(&user.last_name, last_name.trim()),
        role: (user.role != role).then_some(role),
        status: (user.status != status).then_some(status),
    };
    let UpdateUserRequest {
        email,
        first_name,
        last_name,
        role,
        status,
    } = &request;
    let any = email.is_some()
        || first_name.is_some()
        || last_name.is_some()
        || role.is_some()
        || status.is_some();
    any.then_some(request)
}

#[component]
fn EditUser(
    user: UserDto,
    /// The administrator's own account: role and status stay as they are.
    own: bool,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    const FIELDS: &[&str] = &["email", "firstName", "lastName", "role", "status"];
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let form = Form::new();
    let person = Person::new(
        user.email.clone(),
        user.first_name.clone(),
        user.last_name.clone(),
    );
    let role = RwSignal::new(user.role);
    let status = RwSignal::new(user.status);
    let title = {
        let name = user.username.clone();
        move || i18n.named(Key::UserEditTitle, &name)
    };
    let original = StoredValue::new(user);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = no_issues(person.issues());
        let user = original.get_value();
        let [email, first_name, last_name] = person.values();
        let request = changes(
            &user,
            &email,
            &first_name,
            &last_name,
            role.get_untracked(),
            status.get_untracked(),
        );
        let Some(request) = request else {
            if valid {
                on_close.run(());
            }
            return;
        };
        form.submit(valid, FIELDS, move || async move {
            let saved = api::update_user(user.id, &request).await?.data.user;
            if own {
                auth.update_user(|me| {
                    me.email = saved.email.clone();
                    me.first_name = saved.first_name.clone();
                    me.last_name = saved.last_name.clone();
                });
            }
            toasts.success(i18n.named(Key::UserSaved, &saved.username), "");
            on_done.run(());
            Ok(())
        });
    };

    view! {
        <Dialog title on_close testid="user-edit-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <FormError form />
                <PersonFields form person testid="user" autofocus=true />
                <div class="form__row">
                    <SelectField
                        form
                        name="role"
                        label=Key::Role
                        value=role
                        testid="user-role"
                        disabled=own
                    />
                    <SelectField
                        form
                        name="status"
                        label=Key::Status
                        value=status
                        testid="user-status"
                        disabled=own
                    />
                </div>
                {own.then(|| view! { <p class="field__hint">{i18n.tr(Key::OwnRoleLocked)}</p> })}
                <FormActions on_cancel=on_close>
                    <SubmitButton form label=Key::Save busy_label=Key::Saving testid="user-submit" />
                </FormActions>
            </form>
        </Dialog>
    }
}

#[component]
fn ResetPassword(user: UserDto, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    const FIELDS: &[&str] = &["newPassword"];
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let password = NewPassword::new(Signal::stored(user.username.clone()), false);
    let title = {
        let name = user.username.clone();
        move || i18n.named(Key::ResetTitle, &name)
    };
    let id = user.id;
    let name = user.username.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = ResetPasswordRequest {
            user_id: id,
            new_password: password.value(),
        };
        let name = name.clone();
        form.submit(no_issues(password.issues()), FIELDS, move || async move {
            api::reset_password(&request).await?;
            toasts.success(i18n.named(Key::PasswordReset, &name), "");
            on_done.run(());
            Ok(())
        });
    };

    view! {
        <Dialog title on_close testid="user-reset-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <dl class="facts">
                    <Fact label=Key::Username value=user.username.clone() />
                    <Fact
                        label=Key::ColName
                        value=format!("{} {}", user.first_name, user.last_name)
                    />
                    <Fact label=Key::Email value=user.email.clone() />
                </dl>
                <FormError form />
                <NewPasswordFields
                    form
                    password
                    name="newPassword"
                    label=Key::NewPassword
                    testid="reset-password"
                    autofocus=true
                />
                <ul class="notes">
                    <li>{i18n.tr(Key::ResetNoteEffective)}</li>
                    <li>{i18n.tr(Key::ResetNoteShare)}</li>
                </ul>
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=Key::ResetSubmit
                        busy_label=Key::ResetBusy
                        testid="reset-submit"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

#[component]
fn DeleteUser(user: UserDto, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let id = user.id;
    view! {
        <ConfirmDialog
            title=Key::DeleteTitle
            question=Key::DeleteQuestion
            name=user.username
            warning=Key::DeleteWarning
            confirm=Key::DeleteSubmit
            busy=Key::DeleteBusy
            done=Key::UserDeleted
            testid="user-delete-dialog"
            submit_testid="delete-submit"
            action=move || api::delete_user(id)
            on_close
            on_done
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anna() -> UserDto {
        UserDto {
            id: 7,
            username: "anna".into(),
            email: "anna@rotoclear.de".into(),
            first_name: "Anna".into(),
            last_name: "Berg".into(),
            role: Role::PrueferB,
            status: UserStatus::Active,
            last_login_at: None,
            created_at: "2026-11-26T10:30:00Z".into(),
            created_by: Some("admin".into()),
            updated_at: "2026-11-26T10:30:00Z".into(),
            updated_by: None,
            failed_login_attempts: 0,
            locked_until: None,
            must_change_password: false,
        }
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let user = anna();
        let unchanged = changes(
            &user,
            " anna@rotoclear.de",
            "Anna",
            "Berg ",
            Role::PrueferB,
            UserStatus::Active,
        );
        assert!(unchanged.is_none());

        let promoted = changes(
            &user,
            "anna@rotoclear.de",
            "Anna",
            "Berg-Maier",
            Role::PrueferAb,
            UserStatus::Active,
        );
        let json = serde_json::to_value(promoted).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"lastName": "Berg-Maier", "role": "PRUEFER_AB"})
        );
    }
}
