//! Form building blocks: labelled fields with their errors, selects, the password rules as a live
//! checklist, the submit button with its busy state, and the error of a failed request.
//!
//! A field shows the server's message for it (from a 422/409 `errors` map, keyed by the request's
//! camelCase field name) until the user edits it, otherwise what the shared client-side rules say
//! about the current value — once the user left the field or tried to submit.

use std::future::Future;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use api_types::auth::{Role, UserStatus};
use api_types::validation::{self, Message};
use api_types::{ErrorBody, FieldErrors};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::error_panel::ErrorPanel;
use crate::i18n::{Key, Lang, as_message, message, role_label, status_label, use_i18n};

/// A fresh element id, for `<label for>` and `aria-describedby`.
pub fn next_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The state one form's fields share.
#[derive(Clone, Copy)]
pub struct Form {
    node: NodeRef<html::Form>,
    server: RwSignal<FieldErrors>,
    failure: RwSignal<Option<ErrorBody>>,
    attempted: RwSignal<bool>,
    busy: RwSignal<bool>,
}

impl Default for Form {
    fn default() -> Self {
        Self::new()
    }
}

impl Form {
    pub fn new() -> Self {
        Self {
            node: NodeRef::new(),
            server: RwSignal::new(FieldErrors::new()),
            failure: RwSignal::new(None),
            attempted: RwSignal::new(false),
            busy: RwSignal::new(false),
        }
    }

    /// For `<form node_ref=…>`: lets the form move the focus to its first invalid field.
    pub fn node(self) -> NodeRef<html::Form> {
        self.node
    }

    /// Whether a request is running (tracked).
    pub fn busy(self) -> bool {
        self.busy.get()
    }

    /// Whether the user tried to submit (tracked): from then on every rule is shown.
    pub fn attempted(self) -> bool {
        self.attempted.get()
    }

    /// The server's message for `field` (tracked).
    pub fn server_error(self, field: &str) -> Option<String> {
        self.server
            .with(|errors| errors.get(field).map(|messages| messages.join(" ")))
    }

    /// The error of the last request that is not about one of the form's fields (tracked).
    pub fn failure(self) -> Option<ErrorBody> {
        self.failure.get()
    }

    /// The user changed `field`: the server's message about the old value no longer applies.
    pub fn edited(self, field: &str) {
        if self
            .server
            .with_untracked(|errors| errors.contains_key(field))
        {
            self.server.update(|errors| {
                errors.remove(field);
            });
        }
    }

    /// Submits: marks the attempt, and when the client-side rules pass (`valid`) runs the request
    /// `action` with the busy state on. A failed request shows its field messages next to the
    /// `fields` of this form and everything else above it; what the user typed stays.
    pub fn submit<F, Fut>(self, valid: bool, fields: &'static [&'static str], action: F)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), ErrorBody>> + 'static,
    {
        if self.busy.get_untracked() || !self.check(valid) {
            return;
        }
        self.busy.set(true);
        let request = action();
        spawn_local(async move {
            let result = request.await;
            // `try_`: a dialog closes on success and takes its form with it.
            self.busy.try_set(false);
            if let Err(error) = result {
                self.fail(error, fields);
            }
        });
    }

    /// Marks the attempt (every rule is shown from now on) and clears the last request's error;
    /// when the rules do not pass (`valid` false), moves the focus to the first field in error.
    /// Returns `valid`.
    pub fn check(self, valid: bool) -> bool {
        self.attempted.set(true);
        self.failure.set(None);
        if !valid {
            self.focus_first_invalid();
        }
        valid
    }

    /// Shows a failed request.
    pub fn fail(self, error: ErrorBody, fields: &[&str]) {
        let (by_field, rest) = split_errors(error, fields);
        let focus = !by_field.is_empty();
        self.server.try_set(by_field);
        self.failure.try_set(rest);
        if focus {
            self.focus_first_invalid();
        }
    }

    /// Clears the attempt and all messages (a form that is used again, like the password change).
    pub fn reset(self) {
        self.attempted.set(false);
        self.server.set(FieldErrors::new());
        self.failure.set(None);
    }

    fn focus_first_invalid(self) {
        // After the next render, when the error marks are in the page.
        request_animation_frame(move || {
            let field = self
                .node
                .try_get_untracked()
                .flatten()
                .and_then(|form| form.query_selector("[aria-invalid='true']").ok().flatten())
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(field) = field {
                let _ = field.focus();
            }
        });
    }
}

/// Splits a failed request into messages for the form's `fields` and the error shown above the
/// form. Messages about fields the form does not show are added to that error, so none is lost.
pub fn split_errors(mut error: ErrorBody, fields: &[&str]) -> (FieldErrors, Option<ErrorBody>) {
    let (known, unknown): (FieldErrors, FieldErrors) = error
        .errors
        .take()
        .unwrap_or_default()
        .into_iter()
        .partition(|(field, _)| fields.contains(&field.as_str()));
    if !unknown.is_empty() {
        let details: Vec<String> = unknown
            .iter()
            .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
            .collect();
        error.error = format!("{} ({})", error.error, details.join("; "));
        error.errors = Some(unknown);
    }
    let rest = (known.is_empty() || error.errors.is_some()).then_some(error);
    (known, rest)
}

/// The first problem of a new password, for the field's own message (the checklist shows all).
pub fn first_password_issue(password: &str, username: &str) -> Option<Message> {
    if password.is_empty() {
        return Some(as_message(Key::FieldRequired));
    }
    validation::password_issues(password, Some(username))
        .into_iter()
        .next()
}

/// What is wrong with the repetition of a new password.
pub fn confirmation_issue(password: &str, confirm: &str) -> Option<Message> {
    if confirm.is_empty() {
        return Some(as_message(Key::FieldRequired));
    }
    (password != confirm).then(|| as_message(Key::PasswordMismatch))
}

/// Whether none of the rules reports an issue (untracked: for a submit).
pub fn no_issues(issues: impl IntoIterator<Item = Signal<Option<Message>>>) -> bool {
    issues
        .into_iter()
        .all(|issue| issue.with_untracked(Option::is_none))
}

/// An optional number typed into a field: empty for none, otherwise a number that `accept`s, or
/// the message `invalid`.
pub fn optional_number<T: FromStr>(
    value: &str,
    accept: impl Fn(&T) -> bool,
    invalid: Key,
) -> Result<Option<T>, Message> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<T>() {
        Ok(number) if accept(&number) => Ok(Some(number)),
        _ => Err(as_message(invalid)),
    }
}

/// "Required" when `value` is blank.
pub fn required(value: &str) -> Option<Message> {
    value
        .trim()
        .is_empty()
        .then(|| as_message(Key::FieldRequired))
}

/// What an `<input>` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    /// Hidden by default, with a show/hide button.
    Password,
    /// Digits only (a numeric keypad on touch screens).
    Number,
    /// Local date and time (`<input type="datetime-local">`).
    DateTime,
}

/// A labelled input with its hint and its error.
#[component]
pub fn Field(
    form: Form,
    /// The field's key in the server's `errors`: the request's camelCase field name.
    name: &'static str,
    label: Key,
    value: RwSignal<String>,
    /// What the client-side rules say about the current value.
    #[prop(optional, into)]
    issue: Option<Signal<Option<Message>>>,
    #[prop(optional)] kind: InputKind,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] input_ref: Option<NodeRef<html::Input>>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] maxlength: Option<u32>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Shown below the field (the password rules).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let touched = RwSignal::new(false);
    let revealed = RwSignal::new(false);
    let input_ref = input_ref.unwrap_or_default();
    if autofocus {
        input_ref.on_load(|input| {
            let _ = input.focus();
        });
    }
    let error = Signal::derive(move || {
        form.server_error(name).or_else(|| {
            let shown = touched.get() || form.attempted();
            issue
                .and_then(|issue| issue.get())
                .filter(|_| shown)
                .map(|issue| message(issue, i18n.lang()).to_owned())
        })
    });
    let input_type = move || match kind {
        InputKind::Password if !revealed.get() => "password",
        InputKind::Email => "email",
        InputKind::DateTime => "datetime-local",
        _ => "text",
    };
    let reveal = (kind == InputKind::Password).then(|| {
        let label = move || {
            i18n.t(if revealed.get() {
                Key::HidePassword
            } else {
                Key::ShowPassword
            })
        };
        view! {
            <button
                type="button"
                class="field__reveal"
                aria-pressed=move || revealed.get().to_string()
                aria-label=label
                title=label
                on:click=move |_| revealed.update(|shown| *shown = !*shown)
            >
                {move || if revealed.get() { eye_off_icon().into_any() } else { eye_icon().into_any() }}
            </button>
        }
    });
    let control = move |id: String, described_by: String| {
        view! {
            <div class="field__control">
                <input
                    id=id
                    class="input"
                    type=input_type
                    name=name
                    node_ref=input_ref
                    autocomplete=autocomplete
                    inputmode=(kind == InputKind::Number).then_some("numeric")
                    autocapitalize="off"
                    spellcheck="false"
                    autofocus=autofocus
                    required=required
                    maxlength=maxlength
                    list=list
                    data-testid=testid
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by
                    bind:value=value
                    on:input=move |_| form.edited(name)
                    on:blur=move |_| touched.set(true)
                />
                {reveal}
            </div>
        }
        .into_any()
    };
    field_frame(name, label, required, hint, error, control, children)
}

/// A field's frame: the label (marked when `required`), the `control` (given its element id and
/// `aria-describedby`), the hint, the error and what goes `below`.
fn field_frame(
    name: &str,
    label: Key,
    required: bool,
    hint: Option<Key>,
    error: Signal<Option<String>>,
    control: impl FnOnce(String, String) -> AnyView,
    below: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class="field" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(label)}
                {required.then(|| view! { <span class="field__required" aria-hidden="true">" *"</span> })}
            </label>
            {control(id, described_by)}
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{i18n.tr(hint)}</p> })}
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
            {below.map(|below| below())}
        </div>
    }
}

// Eye icons (Feather, MIT) inline: emoji fonts are missing on many shop-floor machines.

fn eye_icon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z"></path>
            <circle cx="12" cy="12" r="3"></circle>
        </svg>
    }
}

fn eye_off_icon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M17.94 17.94A10.07 10.07 0 0 1 12 20c-7 0-11-8-11-8a18.45 18.45 0 0 1 5.06-5.94M9.9 4.24A9.12 9.12 0 0 1 12 4c7 0 11 8 11 8a18.5 18.5 0 0 1-2.16 3.19m-6.72-1.07a3 3 0 1 1-4.24-4.24"></path>
            <line x1="1" y1="1" x2="23" y2="23"></line>
        </svg>
    }
}

/// A closed set of values chosen with a `<select>`.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    /// The value on the wire.
    fn value(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;
}

/// A [`Choice`] over an enum with `ALL`, `as_str` and a label function.
macro_rules! choice {
    ($type:ident, $label:ident) => {
        impl Choice for $type {
            fn all() -> &'static [Self] {
                &$type::ALL
            }

            fn value(self) -> &'static str {
                self.as_str()
            }

            fn label(self, lang: Lang) -> &'static str {
                $label(self, lang)
            }
        }
    };
}

choice!(Role, role_label);
choice!(UserStatus, status_label);

/// A labelled `<select>` over a [`Choice`].
#[component]
pub fn SelectField<T: Choice>(
    form: Form,
    name: &'static str,
    label: Key,
    value: RwSignal<T>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || form.server_error(name));
    let options = T::all()
        .iter()
        .map(|&option| {
            view! {
                <option value=option.value() selected=move || value.get() == option>
                    {move || option.label(i18n.lang())}
                </option>
            }
        })
        .collect_view();
    let control = move |id: String, described_by: String| {
        view! {
            <select
                id=id
                class="input"
                name=name
                disabled=disabled
                data-testid=testid
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get().value()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(&option) = T::all().iter().find(|option| option.value() == chosen) {
                        value.set(option);
                        form.edited(name);
                    }
                }
            >
                {options}
            </select>
        }
        .into_any()
    };
    field_frame(name, label, false, hint, error, control, None)
}

/// A labelled checkbox with its hint and the server's message about it.
#[component]
pub fn CheckboxField(
    form: Form,
    /// The field's key in the server's `errors`.
    name: &'static str,
    label: Key,
    value: RwSignal<bool>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let error = Signal::derive(move || form.server_error(name));
    view! {
        <div class="checkbox" class=("field--invalid", move || error.get().is_some())>
            <label class="checkbox__label">
                <input
                    type="checkbox"
                    class="checkbox__box"
                    name=name
                    data-testid=testid
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by
                    prop:checked=move || value.get()
                    on:change=move |ev| {
                        value.set(event_target_checked(&ev));
                        form.edited(name);
                    }
                />
                {i18n.tr(label)}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{i18n.tr(hint)}</p> })}
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

/// The password rules as a checklist that follows the typing; with `confirm`, also whether both
/// entries match.
#[component]
pub fn PasswordRules(
    password: RwSignal<String>,
    /// The account's username (the password must not contain it).
    #[prop(into)]
    username: Signal<String>,
    #[prop(optional_no_strip)] confirm: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let issues = Memo::new(move |_| {
        username.with(|name| password.with(|p| validation::password_issues(p, Some(name))))
    });
    let rule = move |text: Key, met: Signal<bool>| {
        view! {
            <li class="rule" class=("rule--met", move || met.get())>
                <span class="rule__icon" aria-hidden="true">
                    {move || if met.get() { "✓" } else { "✗" }}
                </span>
                <span>{i18n.tr(text)}</span>
                <span class="visually-hidden">
                    {move || {
                        format!(
                            " ({})",
                            i18n.t(if met.get() { Key::PolicyMet } else { Key::PolicyNotMet }),
                        )
                    }}
                </span>
            </li>
        }
    };
    let passes = move |rule: Message| {
        Signal::derive(move || {
            !password.with(String::is_empty) && issues.with(|issues| !issues.contains(&rule))
        })
    };
    let too_long = move || {
        issues
            .with(|issues| issues.contains(&validation::PASSWORD_TOO_LONG))
            .then(|| {
                view! {
                    <li class="rule">
                        <span class="rule__icon" aria-hidden="true">
                            "✗"
                        </span>
                        <span>{move || message(validation::PASSWORD_TOO_LONG, i18n.lang())}</span>
                    </li>
                }
            })
    };
    let matches = confirm.map(|confirm| {
        let met = Signal::derive(move || {
            !confirm.with(String::is_empty) && confirm.get() == password.get()
        });
        rule(Key::PolicyMatch, met)
    });
    view! {
        <div class="rules" data-testid="password-rules">
            <p class="rules__title">{i18n.tr(Key::PolicyTitle)}</p>
            <ul class="rules__list">
                {rule(Key::PolicyLength, passes(validation::PASSWORD_TOO_SHORT))}
                {rule(Key::PolicyNoUsername, passes(validation::PASSWORD_CONTAINS_USERNAME))}
                {rule(Key::PolicyNotCommon, passes(validation::PASSWORD_TOO_COMMON))}
                {too_long}
                {matches}
            </ul>
        </div>
    }
}

/// The submit button: disabled with a spinner and `busy_label` while the request runs.
#[component]
pub fn SubmitButton(
    form: Form,
    label: Key,
    busy_label: Key,
    #[prop(optional)] testid: Option<&'static str>,
    /// Red, for destructive actions.
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = if danger {
        "btn btn--danger"
    } else {
        "btn btn--primary"
    };
    view! {
        <button
            type="submit"
            class=class
            disabled=move || form.busy()
            aria-busy=move || form.busy().to_string()
            data-testid=testid
        >
            {move || form.busy().then(|| view! { <span class="spinner spinner--small" aria-hidden="true"></span> })}
            {move || i18n.t(if form.busy() { busy_label } else { label })}
        </button>
    }
}

/// The buttons under a form: with `on_cancel`, a cancel button before the `children`.
#[component]
pub fn FormActions(
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = on_cancel.map(|on_cancel| {
        view! {
            <button type="button" class="btn btn--secondary" on:click=move |_| on_cancel.run(())>
                {i18n.tr(Key::Cancel)}
            </button>
        }
    });
    view! { <div class="form__actions">{cancel}{children()}</div> }
}

/// The error of the last request that is not about a single field.
#[component]
pub fn FormError(form: Form) -> impl IntoView {
    move || form.failure().map(|error| view! { <ErrorPanel error /> })
}

#[cfg(test)]
mod tests {
    use api_types::ErrorCode;

    use super::*;

    fn conflict(fields: &[(&str, &str)]) -> ErrorBody {
        let errors = fields
            .iter()
            .map(|(field, message)| (field.to_string(), vec![message.to_string()]))
            .collect();
        ErrorBody::new(ErrorCode::Conflict, "Konflikt").with_fields(errors)
    }

    #[test]
    fn field_messages_go_to_their_fields() {
        let (fields, rest) = split_errors(
            conflict(&[("username", "Benutzername bereits vergeben")]),
            &["username", "email"],
        );
        assert_eq!(fields["username"], ["Benutzername bereits vergeben"]);
        assert_eq!(rest, None);
    }

    #[test]
    fn messages_for_unknown_fields_are_kept_above_the_form() {
        let (fields, rest) = split_errors(
            conflict(&[("email", "vergeben"), ("role", "ungültig")]),
            &["email"],
        );
        assert_eq!(fields.len(), 1);
        let rest = rest.map(|error| error.error);
        assert_eq!(rest.as_deref(), Some("Konflikt (role: ungültig)"));
    }

    #[test]
    fn errors_without_fields_stay_whole() {
        let error = ErrorBody::new(ErrorCode::Conflict, "Letzter Administrator");
        let (fields, rest) = split_errors(error.clone(), &["role"]);
        assert!(fields.is_empty());
        assert_eq!(rest, Some(error));
    }

    #[test]
    fn a_new_password_needs_a_value_first() {
        assert_eq!(
            first_password_issue("", "anna"),
            Some(as_message(Key::FieldRequired))
        );
        assert_eq!(
            first_password_issue("kurz", "anna"),
            Some(validation::PASSWORD_TOO_SHORT)
        );
        assert_eq!(
            first_password_issue("Prüfstand-Kalibrierung-2026", "anna"),
            None
        );
        assert_eq!(
            confirmation_issue("abc", ""),
            Some(as_message(Key::FieldRequired))
        );
        assert_eq!(
            confirmation_issue("abc", "abd"),
            Some(as_message(Key::PasswordMismatch))
        );
        assert_eq!(confirmation_issue("abc", "abc"), None);
        assert_eq!(required("  "), Some(as_message(Key::FieldRequired)));
        assert_eq!(required("x"), None);
    }

    #[test]
    fn choices_round_trip_their_wire_values() {
        for &role in Role::all() {
            assert_eq!(Role::parse(role.value()), Some(role));
        }
        for &status in UserStatus::all() {
            assert_eq!(UserStatus::parse(status.value()), Some(status));
        }
    }
}
