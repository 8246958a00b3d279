//! The fields of an account that several forms share: email and names, and a new password with its
//! rules (and, where asked for, its repetition).

use api_types::auth::CreateAdminRequest;
use api_types::validation::{Message, validate_email, validate_name, validate_username};
use leptos::prelude::*;

use crate::components::form::{
    Field, Form, InputKind, PasswordRules, confirmation_issue, first_password_issue, no_issues,
};
use crate::i18n::Key;

/// An account's email and names as typed, with what the shared rules say about them.
#[derive(Clone, Copy)]
pub struct Person {
    pub email: RwSignal<String>,
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    email_issue: Signal<Option<Message>>,
    first_name_issue: Signal<Option<Message>>,
    last_name_issue: Signal<Option<Message>>,
}

impl Person {
    pub fn new(email: String, first_name: String, last_name: String) -> Self {
        let email = RwSignal::new(email);
        let first_name = RwSignal::new(first_name);
        let last_name = RwSignal::new(last_name);
        Self {
            email,
            first_name,
            last_name,
            email_issue: Signal::derive(move || email.with(|v| validate_email(v).err())),
            first_name_issue: Signal::derive(move || first_name.with(|v| validate_name(v).err())),
            last_name_issue: Signal::derive(move || last_name.with(|v| validate_name(v).err())),
        }
    }

    /// What the rules say about email, first and last name.
    pub fn issues(self) -> [Signal<Option<Message>>; 3] {
        [
            self.email_issue,
            self.first_name_issue,
            self.last_name_issue,
        ]
    }

    /// Email, first and last name as they are sent: trimmed.
    pub fn values(self) -> [String; 3] {
        [self.email, self.first_name, self.last_name]
            .map(|value| value.with_untracked(|v| v.trim().to_owned()))
    }
}

/// Email, first and last name. `testid` prefixes the fields' test ids (`{testid}-email`, …).
#[component]
pub fn PersonFields(
    form: Form,
    person: Person,
    testid: &'static str,
    /// The user's own account: the browser may fill in its contact data.
    #[prop(optional)]
    own: bool,
    /// The email field before the names (after them otherwise).
    #[prop(optional)]
    email_first: bool,
    /// Focus on the first name.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let auto = |own_value: &'static str| if own { own_value } else { "off" };
    let [email_issue, first_name_issue, last_name_issue] = person.issues();
    let email = view! {
        <Field
            form
            name="email"
            label=Key::Email
            value=person.email
            issue=email_issue
            kind=InputKind::Email
            autocomplete=auto("email")
            testid=format!("{testid}-email")
            required=true
        />
    };
    let name_field = |name, label, value, issue, own_autocomplete, suffix, autofocus| {
        view! {
            <Field
                form
                name
                label
                value
                issue
                autocomplete=auto(own_autocomplete)
                testid=format!("{testid}-{suffix}")
                required=true
                autofocus
                maxlength=50
            />
        }
    };
    let names = view! {
        <div class="form__row">
            {name_field(
                "firstName",
                Key::FirstName,
                person.first_name,
                first_name_issue,
                "given-name",
                "first-name",
                autofocus,
            )}
            {name_field(
                "lastName",
                Key::LastName,
                person.last_name,
                last_name_issue,
                "family-name",
                "last-name",
                false,
            )}
        </div>
    };
    if email_first {
        view! {
            {email}
            {names}
        }
        .into_any()
    } else {
        view! {
            {names}
            {email}
        }
        .into_any()
    }
}

/// A new password for the account named by `username`, optionally typed twice.
#[derive(Clone, Copy)]
pub struct NewPassword {
    pub password: RwSignal<String>,
    pub confirm: Option<RwSignal<String>>,
    username: Signal<String>,
    issue: Signal<Option<Message>>,
    confirm_issue: Option<Signal<Option<Message>>>,
}

impl NewPassword {
    /// With `confirm`, the password is to be typed a second time.
    pub fn new(username: impl Into<Signal<String>>, confirm: bool) -> Self {
        let username = username.into();
        let password = RwSignal::new(String::new());
        let confirm = confirm.then(|| RwSignal::new(String::new()));
        Self {
            password,
            confirm,
            username,
            issue: Signal::derive(move || {
                username.with(|name| password.with(|p| first_password_issue(p, name)))
            }),
            confirm_issue: confirm.map(|confirm| {
                Signal::derive(move || confirmation_issue(&password.get(), &confirm.get()))
            }),
        }
    }

    /// What the rules say about the password and its repetition.
    pub fn issues(self) -> impl Iterator<Item = Signal<Option<Message>>> {
        std::iter::once(self.issue).chain(self.confirm_issue)
    }

    /// The password as typed.
    pub fn value(self) -> String {
        self.password.get_untracked()
    }

    /// Empties both entries.
    pub fn clear(self) {
        for field in std::iter::once(self.password).chain(self.confirm) {
            field.set(String::new());
        }
    }
}

/// The new password field (named `name`) with the rules as a checklist below the last entry; with a
/// repetition, its field `confirmPassword` (test id `{testid}-confirm`) follows.
#[component]
pub fn NewPasswordFields(
    form: Form,
    password: NewPassword,
    name: &'static str,
    label: Key,
    #[prop(into)] testid: String,
    /// The repetition's label.
    #[prop(optional)]
    confirm_label: Option<Key>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let NewPassword {
        password: value,
        confirm,
        username,
        issue,
        confirm_issue,
    } = password;
    let confirm_testid = format!("{testid}-confirm");
    let rules = move || view! { <PasswordRules password=value username confirm /> };
    let entry = view! {
        <Field
            form
            name
            label
            value
            issue
            kind=InputKind::Password
            autocomplete="new-password"
            testid
            required=true
            autofocus
        >
            {confirm.is_none().then(rules)}
        </Field>
    };
    let repetition = confirm.zip(confirm_issue).map(|(confirm, confirm_issue)| {
        view! {
            <Field
                form
                name="confirmPassword"
                label=confirm_label.unwrap_or(Key::PasswordConfirm)
                value=confirm
                issue=confirm_issue
                kind=InputKind::Password
                autocomplete="new-password"
                testid=confirm_testid
                required=true
            >
                {rules()}
            </Field>
        }
    });
    view! {
        {entry}
        {repetition}
    }
}

/// A new account as the first-run setup and the user administration ask for it: username, email,
/// names and password.
#[derive(Clone, Copy)]
pub struct NewAccount {
    pub username: RwSignal<String>,
    pub person: Person,
    pub password: NewPassword,
    username_issue: Signal<Option<Message>>,
}

impl NewAccount {
    /// With `confirm`, the password is to be typed a second time.
    pub fn new(username: String, person: Person, confirm: bool) -> Self {
        let username = RwSignal::new(username);
        Self {
            username,
            person,
            password: NewPassword::new(username, confirm),
            username_issue: Signal::derive(move || username.with(|v| validate_username(v).err())),
        }
    }

    /// Whether every rule passes (untracked: for a submit).
    pub fn valid(self) -> bool {
        no_issues(
            [self.username_issue]
                .into_iter()
                .chain(self.person.issues())
                .chain(self.password.issues()),
        )
    }

    /// The account as it is sent: names and email trimmed, the password as typed.
    pub fn request(self) -> CreateAdminRequest {
        let [email, first_name, last_name] = self.person.values();
        CreateAdminRequest {
            username: self.username.with_untracked(|v| v.trim().to_owned()),
            email,
            password: self.password.value(),
            first_name,
            last_name,
        }
    }
}

/// The fields of a [`NewAccount`]; `testid` prefixes their test ids (`{testid}-username`, …), the
/// username takes the focus.
#[component]
pub fn NewAccountFields(
    form: Form,
    account: NewAccount,
    testid: &'static str,
    /// The user's own account: the browser may fill in its data.
    #[prop(optional)]
    own: bool,
) -> impl IntoView {
    view! {
        <Field
            form
            name="username"
            label=Key::Username
            value=account.username
            issue=account.username_issue
            autocomplete=if own { "username" } else { "off" }
            testid=format!("{testid}-username")
            required=true
            autofocus=true
            maxlength=30
        />
        <PersonFields form person=account.person testid own email_first=true />
        <NewPasswordFields
            form
            password=account.password
            name="password"
            label=Key::Password
            testid=format!("{testid}-password")
        />
    }
}
