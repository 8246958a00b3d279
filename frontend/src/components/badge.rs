//! Small coloured status pill.

use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// Colour of a [`Badge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Grey: informational, nothing to act on.
    Neutral,
    Success,
    Warning,
    Danger,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Self::Neutral => "badge badge--neutral",
            Self::Success => "badge badge--success",
            Self::Warning => "badge badge--warning",
            Self::Danger => "badge badge--danger",
        }
    }
}

/// A status pill: colour for a quick look, the word for everyone else (never colour alone).
#[component]
pub fn Badge(
    tone: Tone,
    #[prop(into)] label: TextProp,
    /// `data-testid` for browser tests.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <span class=tone.class() data-testid=testid>
            <span class="badge__dot" aria-hidden="true"></span>
            {move || label.get()}
        </span>
    }
}
