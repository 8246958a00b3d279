//! The home page's 12-month production chart (drawn by the shared [`crate::components::chart`]),
//! and the product lines as the dashboards show them.

use api_types::dashboard::{MonthStat, ProductCounts};
use leptos::prelude::*;

use crate::components::chart::{ChartData, Series, month_figure};
use crate::i18n::{Key, Lang, fill, t, use_i18n};

/// A product line as the dashboard shows it; the chart stacks them in this order, bottom up.
#[derive(Debug, Clone, Copy)]
pub struct ProductLine {
    /// The product key (`cpro`, `c2` …): `data-testid`s and routes.
    pub key: &'static str,
    pub name: Key,
    /// The chart colour (`series-1` …).
    pub class: &'static str,
    pub month: fn(&MonthStat) -> u64,
    pub count: fn(&ProductCounts) -> u64,
}

pub const PRODUCT_LINES: [ProductLine; 4] = [
    ProductLine {
        key: "cpro",
        class: "series-1",
        name: Key::ProductCpro,
        month: |m| m.cpro,
        count: |c| c.cpro,
    },
    ProductLine {
        key: "c2",
        class: "series-2",
        name: Key::ProductC2,
        month: |m| m.c2,
        count: |c| c.c2,
    },
    ProductLine {
        key: "cbasic",
        class: "series-3",
        name: Key::ProductCbasic,
        month: |m| m.cbasic,
        count: |c| c.cbasic,
    },
    ProductLine {
        key: "kk",
        class: "series-4",
        name: Key::ProductKk,
        month: |m| m.kk,
        count: |c| c.kk,
    },
];

/// The display name of a product key (`None` for anything but the four product lines).
pub fn product_name(key: &str) -> Option<Key> {
    PRODUCT_LINES
        .iter()
        .find(|line| line.key == key)
        .map(|line| line.name)
}

/// The chart card: the production of the last 12 months, one column per month with the product
/// lines stacked, drawn by the shared bar chart.
#[component]
pub fn MonthChart(months: Vec<MonthStat>, time_zone: String) -> impl IntoView {
    let i18n = use_i18n();
    let keys = months.iter().map(|month| month.month.clone()).collect();
    let months = StoredValue::new(months);
    let title = Signal::derive(move || fill(i18n.t(Key::ChartTitle), &[("name", &time_zone)]));
    let x_label = Signal::derive(move || i18n.t(Key::ChartMonth).to_owned());
    let y_label = Signal::derive(move || i18n.t(Key::ChartUnits).to_owned());
    let data = Signal::derive(move || {
        let lang = i18n.lang();
        months.with_value(|months| chart_data(months, lang))
    });
    month_figure(keys, title, x_label, y_label, data)
}

/// A month's name under its column: the server's German label (`Nov. 2026`), in English made
/// from its key (`2026-11` → `Nov 2026`).
fn month_label(month: &MonthStat, lang: Lang) -> String {
    const MONTHS_EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if lang == Lang::De {
        return month.label.clone();
    }
    month
        .month
        .split_once('-')
        .and_then(|(year, number)| {
            let number: usize = number.parse().ok()?;
            let name = MONTHS_EN.get(number.checked_sub(1)?)?;
            Some(format!("{name} {year}"))
        })
        .unwrap_or_else(|| month.label.clone())
}

/// The months as chart data: one column per month, one series per product line.
fn chart_data(months: &[MonthStat], lang: Lang) -> ChartData {
    ChartData {
        categories: months
            .iter()
            .map(|month| month_label(month, lang))
            .collect(),
        series: PRODUCT_LINES
            .iter()
            .map(|line| Series {
                name: t(lang, line.name).to_owned(),
                class: line.class,
                values: months
                    .iter()
                    .map(|month| (line.month)(month) as f64)
                    .collect(),
            })
            .collect(),
        line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month() -> MonthStat {
        MonthStat {
            month: "2026-11".into(),
            label: "Nov. 2026".into(),
            cpro: 1,
            c2: 2,
            cbasic: 3,
            kk: 4,
        }
    }

    #[test]
    fn product_keys_have_names() {
        assert_eq!(product_name("kk"), Some(Key::ProductKk));
        assert_eq!(product_name("zubehoer"), None);
    }

    #[test]
    fn the_chart_stacks_the_product_lines_in_order() {
        let data = chart_data(&[month()], Lang::En);
        assert_eq!(data.categories, ["Nov 2026"]);
        assert_eq!(chart_data(&[month()], Lang::De).categories, ["Nov. 2026"]);
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["C Pro", "C2", "C Basic", "Camera head"]);
        assert_eq!(data.totals(), [10.0]);
    }
}
