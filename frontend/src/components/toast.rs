//! Toast notifications: short messages stacked bottom-right that close themselves.
//!
//! ```text
//! let toasts = use_toasts();
//! toasts.success("Gespeichert", "Der Drucker wurde angelegt.");
//! ```

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// At most this many toasts are shown; a new one pushes out the oldest.
const MAX_VISIBLE: usize = 5;

/// Kind of a toast: its colour, icon and lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Warning,
    Info,
}

impl ToastKind {
    /// How long the toast stays: errors longer, they usually need reading.
    pub fn duration(self) -> Duration {
        match self {
            Self::Error => Duration::from_secs(8),
            Self::Success | Self::Warning | Self::Info => Duration::from_secs(5),
        }
    }

    /// Lower-case name, used in CSS classes and as `data-kind` for tests.
    pub fn name(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }

    fn icon(self) -> &'static str {
        match self {
            Self::Success => "✓",
            Self::Error => "✕",
            Self::Warning => "!",
            Self::Info => "i",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    title: String,
    message: String,
}

/// Handle to the toast stack, provided as context by [`provide_toasts`].
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn success(self, title: impl Into<String>, message: impl Into<String>) {
        self.show(ToastKind::Success, title, message);
    }

    pub fn error(self, title: impl Into<String>, message: impl Into<String>) {
        self.show(ToastKind::Error, title, message);
    }

    pub fn warning(self, title: impl Into<String>, message: impl Into<String>) {
        self.show(ToastKind::Warning, title, message);
    }

    pub fn info(self, title: impl Into<String>, message: impl Into<String>) {
        self.show(ToastKind::Info, title, message);
    }

    /// Shows a toast and schedules its removal after [`ToastKind::duration`]; returns its id.
    pub fn show(
        self,
        kind: ToastKind,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let toast = Toast {
            id,
            kind,
            title: title.into(),
            message: message.into(),
        };
        self.items.update(|items| {
            items.push(toast);
            let overflow = items.len().saturating_sub(MAX_VISIBLE);
            items.drain(..overflow);
        });
        set_timeout(move || self.dismiss(id), kind.duration());
        id
    }

    /// Removes a toast; unknown ids (already gone) are ignored.
    pub fn dismiss(self, id: u64) {
        // `try_update`: the timer may fire after the app was torn down.
        self.items
            .try_update(|items| items.retain(|toast| toast.id != id));
    }
}

/// Creates the toast stack and provides it as context; render [`ToastRegion`] once in the layout.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts {
        items: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(0),
    };
    provide_context(toasts);
    toasts
}

/// The toast stack of the app.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// The live region that shows the toasts. It is always in the page, so screen readers announce
/// toasts added to it.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div
            class="toasts"
            data-testid="toasts"
            aria-live="polite"
            role="region"
            aria-label=i18n.tr(Key::ToastRegion)
        >
            <For each=move || toasts.items.get() key=|toast| toast.id let:toast>
                <div class=format!("toast toast--{}", toast.kind.name()) data-kind=toast.kind.name()>
                    <span class="toast__icon" aria-hidden="true">
                        {toast.kind.icon()}
                    </span>
                    <div class="toast__body">
                        <p class="toast__title">{toast.title}</p>
                        <p class="toast__message">{toast.message}</p>
                    </div>
                    <button
                        type="button"
                        class="toast__close"
                        aria-label=i18n.tr(Key::ToastDismiss)
                        title=i18n.tr(Key::ToastDismiss)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_longer() {
        assert_eq!(ToastKind::Error.duration(), Duration::from_secs(8));
        for kind in [ToastKind::Success, ToastKind::Warning, ToastKind::Info] {
            assert_eq!(kind.duration(), Duration::from_secs(5));
        }
    }
}
