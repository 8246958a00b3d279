//! Export of a filtered table: CSV (with German or English numbers) and XLSX, downloaded from the
//! server with the table's filters.

use leptos::prelude::*;

use crate::api::{ExportFormat, NumberFormat};
use crate::auth::Access;
use crate::components::form::next_id;
use crate::i18n::{Key, Lang, use_i18n};

/// Who is offered exports: MANAGEMENT and ADMIN (the server checks it too).
pub const EXPORT_ACCESS: Access = Access::Dashboards;

/// The number format of a `<select>` value (`de`, `en`); anything else is German.
pub fn number_format(value: &str) -> NumberFormat {
    match value {
        "en" => NumberFormat::En,
        _ => NumberFormat::De,
    }
}

/// The number format a CSV starts with: the one of the UI language (what the user's spreadsheet
/// most likely reads).
pub fn default_numbers(lang: Lang) -> NumberFormat {
    match lang {
        Lang::De => NumberFormat::De,
        Lang::En => NumberFormat::En,
    }
}

/// Download links for `path(format, numbers)`. `data-testid`s: `export-csv`, `export-xlsx`,
/// `export-numbers`.
#[component]
pub fn ExportButtons(
    /// The export URL for a format and number format (from the page's current filters).
    path: Callback<(ExportFormat, NumberFormat), String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = RwSignal::new(default_numbers(untrack(|| i18n.lang())));
    let id = next_id("export-numbers");
    // The session cookie authenticates the download: a plain link is enough.
    let csv = move || path.run((ExportFormat::Csv, numbers.get()));
    let xlsx = move || path.run((ExportFormat::Xlsx, numbers.get()));
    let option = move |value: NumberFormat, label: Key| {
        view! {
            <option value=value.as_str() selected=move || numbers.get() == value>
                {i18n.tr(label)}
            </option>
        }
    };
    view! {
        <div class="export" role="group" aria-label=i18n.tr(Key::ExportLabel) data-testid="export">
            <div class="export__row">
                <label class="export__numbers" for=id.clone()>
                    {i18n.tr(Key::ExportNumbers)}
                </label>
                <select
                    id=id
                    class="input export__select"
                    data-testid="export-numbers"
                    prop:value=move || numbers.get().as_str()
                    on:change=move |ev| numbers.set(number_format(&event_target_value(&ev)))
                >
                    {option(NumberFormat::De, Key::ExportNumbersDe)}
                    {option(NumberFormat::En, Key::ExportNumbersEn)}
                </select>
                <a class="btn btn--secondary" href=csv download="" data-testid="export-csv">
                    {i18n.tr(Key::ExportCsv)}
                </a>
                <a class="btn btn--secondary" href=xlsx download="" data-testid="export-xlsx">
                    {i18n.tr(Key::ExportXlsx)}
                </a>
            </div>
            <p class="export__hint muted">{i18n.tr(Key::ExportHint)}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_values_round_trip() {
        for numbers in [NumberFormat::De, NumberFormat::En] {
            assert_eq!(number_format(numbers.as_str()), numbers);
        }
        assert_eq!(number_format(""), NumberFormat::De);
        assert_eq!(default_numbers(Lang::En), NumberFormat::En);
        assert_eq!(default_numbers(Lang::De), NumberFormat::De);
    }
}
