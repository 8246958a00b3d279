//! Where an inspection stands, as a badge: the same colours in the search, the detail and the
//! reprint page.

use api_types::inspection::InspectionStatus;
use leptos::prelude::*;

use crate::components::badge::{Badge, Tone};
use crate::i18n::{Key, inspection_status_label, use_i18n};

/// Passed is green, failed red (amber once MANAGEMENT released it), open steps grey or amber.
pub fn status_tone(status: InspectionStatus, overridden: bool) -> Tone {
    match status {
        InspectionStatus::AwaitingB => Tone::Neutral,
        InspectionStatus::InB => Tone::Warning,
        InspectionStatus::Passed => Tone::Success,
        InspectionStatus::Failed if overridden => Tone::Warning,
        InspectionStatus::Failed => Tone::Danger,
    }
}

/// The status badge, with "Freigegeben" after a MANAGEMENT override. `testid` marks a wrapper that
/// carries `data-status` (the wire name, e.g. `awaiting_b`) for browser tests.
#[component]
pub fn InspectionStatusBadge(
    status: InspectionStatus,
    #[prop(optional)] overridden: bool,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let released = (overridden && status == InspectionStatus::Failed)
        .then(|| view! { <Badge tone=Tone::Neutral label=i18n.tr(Key::OverriddenBadge) /> });
    view! {
        <span
            class="badges"
            data-testid=testid
            data-status=status.as_str()
            data-overridden=overridden.to_string()
        >
            <Badge
                tone=status_tone(status, overridden)
                label=move || inspection_status_label(status, i18n.lang())
            />
            {released}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_failures_are_no_longer_red() {
        assert_eq!(status_tone(InspectionStatus::Failed, false), Tone::Danger);
        assert_eq!(status_tone(InspectionStatus::Failed, true), Tone::Warning);
        assert_eq!(status_tone(InspectionStatus::Passed, false), Tone::Success);
        assert_eq!(
            status_tone(InspectionStatus::AwaitingB, false),
            Tone::Neutral
        );
    }
}
