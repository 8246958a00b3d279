//! A printer's live status as a badge: ready, a fault (paper out, head open …), unreachable, or
//! not known yet.

use api_types::printing::PrinterStatusDto;
use leptos::prelude::*;

use crate::components::badge::{Badge, Tone};
use crate::i18n::{Key, Lang, fill, use_i18n};

/// What a printer status means for printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Not asked yet (or not answered yet).
    Unknown,
    Ready,
    /// It answered, but something keeps it from printing.
    Fault,
    Unreachable,
}

impl Readiness {
    pub fn of(status: Option<&PrinterStatusDto>) -> Self {
        match status {
            None => Readiness::Unknown,
            Some(status) if !status.reachable => Readiness::Unreachable,
            Some(status) if status.ready => Readiness::Ready,
            Some(_) => Readiness::Fault,
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Readiness::Unknown => Tone::Neutral,
            Readiness::Ready => Tone::Success,
            Readiness::Fault => Tone::Warning,
            Readiness::Unreachable => Tone::Danger,
        }
    }

    pub fn label(self) -> Key {
        match self {
            Readiness::Unknown => Key::PrinterStatusUnknown,
            Readiness::Ready => Key::PrinterReady,
            Readiness::Fault => Key::PrinterFault,
            Readiness::Unreachable => Key::PrinterUnreachable,
        }
    }

    /// Lower-case name, as `data-status` for browser tests.
    pub fn name(self) -> &'static str {
        match self {
            Readiness::Unknown => "unknown",
            Readiness::Ready => "ready",
            Readiness::Fault => "fault",
            Readiness::Unreachable => "unreachable",
        }
    }
}

/// Why a printer is not ready, in `lang`: its faults, or why it could not be asked.
pub fn status_detail(status: &PrinterStatusDto, lang: Lang) -> Option<String> {
    if !status.faults.is_empty() {
        let faults: Vec<&str> = status
            .faults
            .iter()
            .map(|fault| match lang {
                Lang::De => fault.message_de.as_str(),
                Lang::En => fault.message_en.as_str(),
            })
            .collect();
        return Some(faults.join("; "));
    }
    status
        .error
        .clone()
        .filter(|error| !error.trim().is_empty())
}

/// The badge of `status`, with the fault or the reason next to it; with `queue`, also how many
/// jobs wait for the printer or failed.
#[component]
pub fn PrinterStatusBadge(
    #[prop(into)] status: Signal<Option<PrinterStatusDto>>,
    #[prop(optional)] queue: bool,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let readiness = Memo::new(move |_| status.with(|status| Readiness::of(status.as_ref())));
    let detail = move || {
        status.with(|status| {
            status
                .as_ref()
                .and_then(|status| status_detail(status, i18n.lang()))
        })
    };
    let queue_info = move || {
        let counts = status.with(|status| status.as_ref().map(|status| status.queue.clone()))?;
        let mut parts = Vec::new();
        for (count, key) in [
            (counts.queued + counts.sending, Key::QueueWaiting),
            (counts.failed, Key::QueueFailed),
        ] {
            if count > 0 {
                parts.push(fill(i18n.t(key), &[("count", &count.to_string())]));
            }
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    };
    view! {
        <span class="printer-status" data-testid=testid data-status=move || readiness.get().name()>
            {move || {
                let readiness = readiness.get();
                view! { <Badge tone=readiness.tone() label=i18n.tr(readiness.label()) /> }
            }}
            {move || {
                detail().map(|detail| view! { <span class="printer-status__detail">{detail}</span> })
            }}
            {move || {
                queue
                    .then(queue_info)
                    .flatten()
                    .map(|info| view! { <span class="printer-status__detail muted">{info}</span> })
            }}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use api_types::printing::{PrinterFaultDto, QueueCounts};

    use super::*;

    fn status(reachable: bool, faults: &[&str], error: Option<&str>) -> PrinterStatusDto {
        PrinterStatusDto {
            printer_id: 1,
            reachable,
            ready: reachable && faults.is_empty(),
            faults: faults
                .iter()
                .map(|code| PrinterFaultDto {
                    code: (*code).to_owned(),
                    message_de: format!("{code} (de)"),
                    message_en: format!("{code} (en)"),
                })
                .collect(),
            error: error.map(str::to_owned),
            checked_at: "2026-11-26T10:30:00Z".into(),
            queue: QueueCounts::default(),
        }
    }

    #[test]
    fn reads_the_status() {
        assert_eq!(Readiness::of(None), Readiness::Unknown);
        assert_eq!(
            Readiness::of(Some(&status(true, &[], None))),
            Readiness::Ready
        );
        assert_eq!(
            Readiness::of(Some(&status(true, &["paper_out"], None))),
            Readiness::Fault
        );
        assert_eq!(
            Readiness::of(Some(&status(false, &[], Some("Zeitüberschreitung")))),
            Readiness::Unreachable
        );
    }

    #[test]
    fn details_name_faults_in_the_language() {
        let faulted = status(true, &["paper_out", "head_open"], None);
        assert_eq!(
            status_detail(&faulted, Lang::De).as_deref(),
            Some("paper_out (de); head_open (de)")
        );
        assert_eq!(
            status_detail(&faulted, Lang::En).as_deref(),
            Some("paper_out (en); head_open (en)")
        );
        let offline = status(false, &[], Some("Verbindung abgelehnt"));
        assert_eq!(
            status_detail(&offline, Lang::En).as_deref(),
            Some("Verbindung abgelehnt")
        );
        assert_eq!(status_detail(&status(true, &[], None), Lang::De), None);
    }
}
