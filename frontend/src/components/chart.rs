//! Bar charts drawn as inline SVG (no chart library): title, axis labels, legend, hover values, an
//! optional percentage line on a second axis, a table view with the same numbers, and drill-down by
//! clicking a column.
//!
//! The home page's 12-month chart is drawn by the same code ([`month_figure`]); it only keeps the
//! element ids its browser test knows.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{Key, Lang, fill, use_i18n};

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

impl ChartData {
    /// The value of `series` in column `index`; missing, negative and non-finite values count as 0.
    fn value(series: &Series, index: usize) -> f64 {
        series
            .values
            .get(index)
            .copied()
            .filter(|value| value.is_finite() && *value > 0.0)
            .unwrap_or(0.0)
    }

    /// The height of each column: its series added up.
    pub fn totals(&self) -> Vec<f64> {
        (0..self.categories.len())
            .map(|index| {
                self.series
                    .iter()
                    .map(|series| Self::value(series, index))
                    .sum()
            })
            .collect()
    }

    /// Nothing to draw: no columns, or every value 0.
    pub fn is_empty(&self) -> bool {
        self.totals().iter().all(|total| *total <= 0.0)
    }

    /// The line's value in column `index`, clamped to 0–1.
    fn line_value(&self, index: usize) -> Option<f64> {
        self.line
            .as_ref()
            .and_then(|(_, values)| values.get(index).copied().flatten())
            .filter(|value| value.is_finite())
            .map(|value| value.clamp(0.0, 1.0))
    }
}

/// The value axis: `intervals` steps of `step` from 0, a "nice" step (1, 2 or 5 × 10ⁿ) and 3 to 5
/// intervals, so the gridlines carry round numbers and the tallest column fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub step: u64,
    pub intervals: u64,
}

impl Axis {
    /// The axis for values up to `max` (0 included: an empty chart still gets an axis of 0–3).
    pub fn for_max(max: u64) -> Self {
        const MOST: u64 = 5;
        const LEAST: u64 = 3;
        let mut magnitude: u64 = 1;
        loop {
            for factor in [1, 2, 5] {
                let step = magnitude.saturating_mul(factor);
                let intervals = max.div_ceil(step);
                if intervals <= MOST {
                    return Self {
                        step,
                        intervals: intervals.max(LEAST),
                    };
                }
            }
            magnitude = magnitude.saturating_mul(10);
        }
    }

    /// The axis for the largest of `values` (rounded up to a whole number).
    pub fn for_values(values: &[f64]) -> Self {
        let max = values
            .iter()
            .copied()
            .filter(|value| value.is_finite())
            .fold(0.0_f64, f64::max);
        // Saturating cast: counts beyond u64 do not occur, and the axis only needs to cover them.
        Self::for_max(max.ceil() as u64)
    }

    /// The value at the top gridline (never 0).
    pub fn top(self) -> u64 {
        self.step.saturating_mul(self.intervals)
    }

    /// The gridline values, from 0 up.
    pub fn ticks(self) -> Vec<u64> {
        (0..=self.intervals)
            .map(|index| index.saturating_mul(self.step))
            .collect()
    }

    /// The length of `value` on an axis `length` long (negative values have none).
    pub fn scale(self, value: f64, length: f64) -> f64 {
        value.max(0.0) / self.top() as f64 * length
    }
}

/// One drawn piece of a column: its top edge and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub y: f64,
    pub height: f64,
}

/// The pieces of a column of `values`, bottom up, on a baseline at `bottom` with a plot `height`
/// tall; a value of 0 gets a piece of height 0 (not drawn).
pub fn stack(values: &[f64], axis: Axis, bottom: f64, height: f64) -> Vec<Segment> {
    let mut base = bottom;
    values
        .iter()
        .map(|&value| {
            let length = if value.is_finite() {
                axis.scale(value, height)
            } else {
                0.0
            };
            base -= length;
            Segment {
                y: base,
                height: length,
            }
        })
        .collect()
}

/// How the category labels under the columns are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelLayout {
    /// Every `step`-th label is written (1: all).
    pub step: usize,
    /// Turned by 40° when they do not fit side by side.
    pub rotated: bool,
    /// Longer labels are cut, with the full text in their `<title>`.
    pub max_chars: usize,
}

// The drawing in SVG user units; the SVG scales to its card and scrolls below its minimum width.
const WIDTH: f64 = 840.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
/// Room for the percentage axis on the right.
const RIGHT_WITH_LINE: f64 = 60.0;
const TOP: f64 = 24.0;
const PLOT_HEIGHT: f64 = 220.0;
/// Room under the labels for the x axis title.
const X_TITLE: f64 = 26.0;
/// The share of a category's slot its column takes, and the widest a column gets.
const COLUMN_SHARE: f64 = 0.6;
const COLUMN_MAX: f64 = 56.0;
/// Average width and line height of an 11 px label (the SVG cannot measure text before drawing).
const CHAR_WIDTH: f64 = 6.2;
const LINE_HEIGHT: f64 = 14.0;
/// Rotated labels longer than this are cut.
const MAX_LABEL_CHARS: usize = 18;
const ROTATION: f64 = 40.0;

/// How to write `categories` under columns `slot` wide: side by side when the longest fits,
/// otherwise rotated, and when even rotated lines do not fit, only every `step`-th.
pub fn label_layout(categories: &[String], slot: f64) -> LabelLayout {
    let longest = categories
        .iter()
        .map(|category| category.chars().count())
        .max()
        .unwrap_or(0);
    if longest as f64 * CHAR_WIDTH + 4.0 <= slot {
        return LabelLayout {
            step: 1,
            rotated: false,
            max_chars: longest,
        };
    }
    let step = if slot >= LINE_HEIGHT {
        1
    } else {
        (LINE_HEIGHT / slot.max(0.1)).ceil() as usize
    };
    LabelLayout {
        step,
        rotated: true,
        max_chars: longest.min(MAX_LABEL_CHARS),
    }
}

/// `text` cut to `max_chars` characters with "…" (and whether it was cut).
pub fn truncate(text: &str, max_chars: usize) -> (String, bool) {
    if text.chars().count() <= max_chars {
        return (text.to_owned(), false);
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    (format!("{}…", kept.trim_end()), true)
}

/// Where everything of a chart goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub axis: Axis,
    pub height: f64,
    pub right: f64,
    pub baseline: f64,
    /// The width each category gets, and its column's width inside.
    pub slot: f64,
    pub column: f64,
    pub labels: LabelLayout,
    /// The totals above the columns fit (otherwise the hover box and the table give them).
    pub show_totals: bool,
}

impl Geometry {
    pub fn for_data(data: &ChartData) -> Self {
        let totals = data.totals();
        let axis = Axis::for_values(&totals);
        let right = if data.line.is_some() {
            RIGHT_WITH_LINE
        } else {
            RIGHT
        };
        let slot = (WIDTH - LEFT - right) / data.categories.len().max(1) as f64;
        let column = (slot * COLUMN_SHARE).clamp(1.0, COLUMN_MAX);
        let labels = label_layout(&data.categories, slot);
        let label_height = if labels.rotated {
            labels.max_chars as f64 * CHAR_WIDTH * ROTATION.to_radians().sin() + 18.0
        } else {
            22.0
        };
        let widest_total = totals
            .iter()
            .map(|total| value_text(*total, Lang::De).chars().count())
            .max()
            .unwrap_or(0);
        let baseline = TOP + PLOT_HEIGHT;
        Self {
            axis,
            height: baseline + label_height + X_TITLE,
            right,
            baseline,
            slot,
            column,
            labels,
            show_totals: widest_total as f64 * CHAR_WIDTH + 2.0 <= slot,
        }
    }

    pub fn slot_left(&self, index: usize) -> f64 {
        LEFT + self.slot * index as f64
    }

    pub fn column_left(&self, index: usize) -> f64 {
        self.slot_left(index) + (self.slot - self.column) / 2.0
    }

    pub fn centre(&self, index: usize) -> f64 {
        self.slot_left(index) + self.slot / 2.0
    }

    /// The height of a line value (0–1) on the percentage axis.
    pub fn line_y(&self, fraction: f64) -> f64 {
        self.baseline - fraction.clamp(0.0, 1.0) * PLOT_HEIGHT
    }

    fn plot_right(&self) -> f64 {
        WIDTH - self.right
    }
}

/// The runs of consecutive known line values as (column, value) points; a gap starts a new run.
pub fn line_runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut runs: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current: Vec<(usize, f64)> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match value.filter(|value| value.is_finite()) {
            Some(value) => current.push((index, value.clamp(0.0, 1.0))),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// A count as a whole number (`1.234`), anything fractional with one decimal.
pub fn value_text(value: f64, lang: Lang) -> String {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 {
        format::count(value as u64, lang)
    } else {
        format::decimal(value, 1, lang)
    }
}

/// A fraction 0–1 as a percentage with one decimal: `80,0 %`, `80.0%`.
pub fn percent_text(fraction: f64, lang: Lang) -> String {
    percent(fraction, 1, lang)
}

fn percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    let number = format::decimal(fraction * 100.0, decimals, lang);
    match lang {
        Lang::De => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// A value for a `data-` attribute: plain digits, no grouping.
fn plain(value: f64) -> String {
    if value.fract() == 0.0 && value.is_finite() && value >= 0.0 {
        format!("{}", value as u64)
    } else {
        format!("{value}")
    }
}

/// Coordinates with one decimal are plenty and keep the markup short.
fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// The `data-testid`s and element ids of a chart.
#[derive(Debug, Clone, PartialEq)]
enum Marks {
    /// `chart-{id}`, `chart-{id}-bar-{i}`, `chart-{id}-toggle`, `chart-{id}-table`,
    /// `chart-{id}-row-{i}`, `chart-{id}-empty`.
    Chart(&'static str),
    /// The home page's 12-month chart, with the month keys (`2026-11`) of its columns: the ids
    /// its browser test knows (`monthly-chart`, `month-col`, `monthly-table` …). An empty year
    /// draws its empty axis.
    Months(Vec<String>),
}

impl Marks {
    fn figure(&self) -> Option<String> {
        match self {
            Marks::Chart(id) => Some(format!("chart-{id}")),
            Marks::Months(_) => None,
        }
    }

    /// An element id for `part` (`title`, `table`).
    fn element_id(&self, part: &str) -> String {
        match self {
            Marks::Chart(id) => format!("chart-{id}-{part}-view"),
            Marks::Months(_) => format!("monthly-{part}"),
        }
    }

    fn svg(&self) -> Option<&'static str> {
        match self {
            Marks::Chart(_) => None,
            Marks::Months(_) => Some("monthly-chart"),
        }
    }

    fn column(&self, index: usize) -> String {
        match self {
            Marks::Chart(id) => format!("chart-{id}-bar-{index}"),
            Marks::Months(_) => "month-col".to_owned(),
        }
    }

    fn month(&self, index: usize) -> Option<String> {
        match self {
            Marks::Chart(_) => None,
            Marks::Months(keys) => keys.get(index).cloned(),
        }
    }

    fn toggle(&self) -> String {
        match self {
            Marks::Chart(id) => format!("chart-{id}-toggle"),
            Marks::Months(_) => "monthly-table-toggle".to_owned(),
        }
    }

    fn table(&self) -> String {
        match self {
            Marks::Chart(id) => format!("chart-{id}-table"),
            Marks::Months(_) => "monthly-table".to_owned(),
        }
    }

    fn row(&self, index: usize) -> Option<String> {
        match self {
            Marks::Chart(id) => Some(format!("chart-{id}-row-{index}")),
            Marks::Months(_) => None,
        }
    }

    fn total_cell(&self) -> Option<&'static str> {
        match self {
            Marks::Chart(_) => None,
            Marks::Months(_) => Some("month-total"),
        }
    }

    fn empty(&self) -> Option<String> {
        match self {
            Marks::Chart(id) => Some(format!("chart-{id}-empty")),
            Marks::Months(_) => None,
        }
    }
}

/// A stacked bar chart. `data-testid`s: `chart-{id}` (the figure), `chart-{id}-bar-{i}` (column
/// `i`), `chart-{id}-toggle` (table view button), `chart-{id}-table` (the table),
/// `chart-{id}-row-{i}` (its rows), `chart-{id}-empty` (the message instead of an empty chart).
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
    figure(Marks::Chart(id), title, x_label, y_label, data, on_select)
}

/// The home page's 12-month chart: a [`BarChart`] whose columns carry their month key
/// (`data-month`) and whose elements keep the ids the home page's browser test uses.
pub fn month_figure(
    month_keys: Vec<String>,
    title: Signal<String>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    data: Signal<ChartData>,
) -> impl IntoView {
    figure(
        Marks::Months(month_keys),
        title,
        x_label,
        y_label,
        data,
        None,
    )
}

/// The chart card: title, table toggle, legend, the SVG (or the "no data" message) and the table.
fn figure(
    marks: Marks,
    title: Signal<String>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    data: Signal<ChartData>,
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let show_table = RwSignal::new(false);
    let title_id = marks.element_id("title");
    let table_id = marks.element_id("table");
    let figure_testid = marks.figure();
    let empty_testid = marks.empty();
    let draws_empty = matches!(marks, Marks::Months(_));
    let marks = StoredValue::new(marks);
    let empty = Memo::new(move |_| !draws_empty && data.with(ChartData::is_empty));
    let toggle = {
        let table_id = table_id.clone();
        move || {
            (!empty.get()).then(|| {
                view! {
                    <button
                        type="button"
                        class="btn btn--secondary btn--small"
                        aria-controls=table_id.clone()
                        aria-expanded=move || show_table.get().to_string()
                        data-testid=marks.with_value(Marks::toggle)
                        on:click=move |_| show_table.update(|shown| *shown = !*shown)
                    >
                        {move || {
                            i18n.t(if show_table.get() { Key::ChartHideTable } else { Key::ChartShowTable })
                        }}
                    </button>
                }
            })
        }
    };
    let body = move || {
        if empty.get() {
            return view! {
                <p class="chart__empty" data-testid=empty_testid.clone()>
                    {i18n.tr(Key::ChartEmpty)}
                </p>
            }
            .into_any();
        }
        let table_id = table_id.clone();
        view! {
            <ul class="chart__legend" aria-label=i18n.tr(Key::ChartLegend)>
                {move || data.with(legend)}
            </ul>
            <div class="chart__scroll">
                {move || {
                    data.with(|data| {
                        marks
                            .with_value(|marks| {
                                chart_svg(
                                    data,
                                    marks,
                                    &title.get(),
                                    &x_label.get(),
                                    &y_label.get(),
                                    on_select,
                                )
                            })
                    })
                }}
            </div>
            <Show when=move || show_table.get()>
                {
                    let table_id = table_id.clone();
                    move || {
                        data.with(|data| {
                            marks.with_value(|marks| chart_table(data, marks, &table_id, &x_label.get()))
                        })
                    }
                }
            </Show>
        }
        .into_any()
    };
    let labelled_by = title_id.clone();
    view! {
        <figure class="card chart" data-testid=figure_testid aria-labelledby=labelled_by>
            <figcaption class="chart__header">
                <h3 id=title_id class="chart__title">
                    {move || title.get()}
                </h3>
                {toggle}
            </figcaption>
            {body}
        </figure>
    }
}

/// The series names with their colours, and the line's.
fn legend(data: &ChartData) -> impl IntoView + use<> {
    let series = data
        .series
        .iter()
        .map(|series| {
            let class = format!("chart__swatch {}", series.class);
            view! {
                <li class="chart__legend-item">
                    <span class=class aria-hidden="true"></span>
                    {series.name.clone()}
                </li>
            }
        })
        .collect_view();
    let line = data.line.as_ref().map(|(name, _)| {
        view! {
            <li class="chart__legend-item">
                <span class="chart__swatch chart__swatch--line series-line" aria-hidden="true"></span>
                {format!("{name} (%)")}
            </li>
        }
    });
    view! {
        {series}
        {line}
    }
}

/// One line of the hover box: a colour swatch (the series' class), the text, and whether it is
/// the heading.
struct TipLine {
    swatch: Option<&'static str>,
    text: String,
    heading: bool,
}

/// What the hover box says about column `index`: the category, each series, the total (when there
/// is more than one series) and the line.
fn tip_lines(data: &ChartData, index: usize, lang: Lang) -> Vec<TipLine> {
    let mut lines = vec![TipLine {
        swatch: None,
        text: data.categories.get(index).cloned().unwrap_or_default(),
        heading: true,
    }];
    lines.extend(data.series.iter().map(|series| TipLine {
        swatch: Some(series.class),
        text: format!(
            "{}: {}",
            series.name,
            value_text(ChartData::value(series, index), lang)
        ),
        heading: false,
    }));
    if data.series.len() > 1 {
        let total = data.totals().get(index).copied().unwrap_or(0.0);
        lines.push(TipLine {
            swatch: None,
            text: format!(
                "{}: {}",
                crate::i18n::t(lang, Key::ChartTotal),
                value_text(total, lang)
            ),
            heading: false,
        });
    }
    if let Some((name, _)) = &data.line {
        let value = data
            .line_value(index)
            .map(|value| percent_text(value, lang))
            .unwrap_or_else(|| "–".to_owned());
        lines.push(TipLine {
            swatch: Some("series-line"),
            text: format!("{name}: {value}"),
            heading: false,
        });
    }
    lines
}

/// Column `index` in one sentence, for screen readers: "Okt. 2026: Bestanden 12, Nicht bestanden 3,
/// Gesamt 15, Erstausbeute 80,0 %".
fn column_summary(data: &ChartData, index: usize, lang: Lang) -> String {
    let lines = tip_lines(data, index, lang);
    let mut parts = lines.iter().map(|line| line.text.as_str());
    let heading = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    format!("{heading}: {}", rest.join(", "))
}

/// The hover box of column `index`, beside the column (left of it when there is no room right).
fn tooltip(
    data: &ChartData,
    geometry: &Geometry,
    index: usize,
    lang: Lang,
) -> impl IntoView + use<> {
    const PAD: f64 = 8.0;
    const ROW: f64 = 16.0;
    const SWATCH: f64 = 14.0;
    let lines = tip_lines(data, index, lang);
    let longest = lines
        .iter()
        .map(|line| line.text.chars().count())
        .max()
        .unwrap_or(0);
    let width = longest as f64 * 6.6 + 2.0 * PAD + SWATCH;
    let height = lines.len() as f64 * ROW + PAD;
    let beside = geometry.column_left(index) + geometry.column + PAD;
    let x = if beside + width <= WIDTH - 4.0 {
        beside
    } else {
        (geometry.column_left(index) - PAD - width).max(4.0)
    };
    let y = TOP;
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(row, line)| {
            let baseline = y + PAD / 2.0 + ROW * (row as f64 + 1.0) - 4.0;
            let swatch = line.swatch.map(|class| {
                view! {
                    <rect
                        class=format!("chart__tip-swatch {class}")
                        x=px(x + PAD)
                        y=px(baseline - 9.0)
                        width="9"
                        height="9"
                        rx="2"
                    />
                }
            });
            let text_class = if line.heading {
                "chart__tip-text chart__tip-text--heading"
            } else {
                "chart__tip-text"
            };
            view! {
                {swatch}
                <text class=text_class x=px(x + PAD + SWATCH) y=px(baseline)>
                    {line.text}
                </text>
            }
        })
        .collect_view();
    view! {
        <g class="chart__tip" aria-hidden="true">
            <rect
                class="chart__tip-box"
                x=px(x)
                y=px(y)
                width=px(width)
                height=px(height)
                rx="4"
            />
            {rows}
        </g>
    }
}

/// The SVG in the current language (hover texts and numbers are German or English).
fn chart_svg(
    data: &ChartData,
    marks: &Marks,
    title: &str,
    x_label: &str,
    y_label: &str,
    on_select: Option<Callback<usize>>,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let geometry = Geometry::for_data(data);
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    let plot_right = geometry.plot_right();
    let baseline = geometry.baseline;
    let grid = geometry
        .axis
        .ticks()
        .into_iter()
        .map(|tick| {
            let y = px(baseline - geometry.axis.scale(tick as f64, PLOT_HEIGHT));
            view! {
                <g class="chart__grid">
                    <line x1=px(LEFT) x2=px(plot_right) y1=y.clone() y2=y.clone() />
                    <text x=px(LEFT - 6.0) y=y dy="0.32em" text-anchor="end">
                        {format::count(tick, lang)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let percent_axis = data.line.as_ref().map(|(name, _)| {
        let ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
            .into_iter()
            .map(|fraction| {
                view! {
                    <text x=px(plot_right + 6.0) y=px(geometry.line_y(fraction)) dy="0.32em">
                        {percent(fraction, 0, lang)}
                    </text>
                }
            })
            .collect_view();
        let x = plot_right + RIGHT_WITH_LINE - 10.0;
        let y = TOP + PLOT_HEIGHT / 2.0;
        view! {
            <g class="chart__percent-axis">
                <line x1=px(plot_right) x2=px(plot_right) y1=px(TOP) y2=px(baseline) />
                {ticks}
                <text
                    class="chart__axis-title"
                    x=px(x)
                    y=px(y)
                    text-anchor="middle"
                    transform=format!("rotate(90 {} {})", px(x), px(y))
                >
                    {format!("{name} (%)")}
                </text>
            </g>
        }
    });
    let totals = data.totals();
    let labels = geometry.labels;
    let columns = data
        .categories
        .iter()
        .enumerate()
        .map(|(index, category)| {
            let total = totals.get(index).copied().unwrap_or(0.0);
            let values: Vec<f64> = data
                .series
                .iter()
                .map(|series| ChartData::value(series, index))
                .collect();
            let x = geometry.column_left(index);
            let centre = geometry.centre(index);
            let segments = stack(&values, geometry.axis, baseline, PLOT_HEIGHT)
                .into_iter()
                .zip(data.series.iter().zip(values))
                .filter(|(_, (_, value))| *value > 0.0)
                .map(|(segment, (series, value))| {
                    let hover = fill(
                        i18n.t(Key::ChartSegmentValue),
                        &[
                            ("time", category),
                            ("name", &series.name),
                            ("count", &value_text(value, lang)),
                        ],
                    );
                    view! {
                        <rect
                            class=format!("chart__segment {}", series.class)
                            x=px(x)
                            y=px(segment.y)
                            width=px(geometry.column)
                            height=px(segment.height)
                        >
                            <title>{hover}</title>
                        </rect>
                    }
                })
                .collect_view();
            let label = (index % labels.step == 0).then(|| {
                let (text, cut) = truncate(category, labels.max_chars);
                let full = cut.then(|| view! { <title>{category.clone()}</title> });
                let y = baseline + if labels.rotated { 12.0 } else { 16.0 };
                if labels.rotated {
                    view! {
                        <text
                            class="chart__label"
                            x=px(centre)
                            y=px(y)
                            text-anchor="end"
                            transform=format!("rotate(-{ROTATION} {} {})", px(centre), px(y))
                        >
                            {full}
                            {text}
                        </text>
                    }
                    .into_any()
                } else {
                    view! {
                        <text class="chart__label" x=px(centre) y=px(y) text-anchor="middle">
                            {full}
                            {text}
                        </text>
                    }
                    .into_any()
                }
            });
            let summary = column_summary(data, index, lang);
            let aria_label =
                on_select.map(|_| format!("{summary}. {}", i18n.t(Key::ChartOpenDetails)));
            view! {
                <g
                    class="chart__column"
                    class=("chart__column--active", move || active.get() == Some(index))
                    class=("chart__column--link", on_select.is_some())
                    data-testid=marks.column(index)
                    data-month=marks.month(index)
                    data-category=category.clone()
                    data-total=plain(total)
                    tabindex=on_select.map(|_| "0")
                    role=on_select.map(|_| "button")
                    aria-label=aria_label
                    on:mouseenter=move |_| active.set(Some(index))
                    on:mouseleave=move |_| {
                        if active.get_untracked() == Some(index) {
                            active.set(None);
                        }
                    }
                    on:focus=move |_| active.set(Some(index))
                    on:blur=move |_| active.set(None)
                    on:click=move |_| match on_select {
                        Some(select) => select.run(index),
                        // Touch screens have no hover: a tap shows the values.
                        None => active.set(Some(index)),
                    }
                    on:keydown=move |ev| {
                        if let Some(select) = on_select
                            && (ev.key() == "Enter" || ev.key() == " ")
                        {
                            ev.prevent_default();
                            select.run(index);
                        }
                    }
                >
                    <rect
                        class="chart__band"
                        x=px(geometry.slot_left(index))
                        y=px(TOP)
                        width=px(geometry.slot)
                        height=px(PLOT_HEIGHT)
                    />
                    {segments}
                    {label}
                </g>
            }
        })
        .collect_view();
    let line = data.line.as_ref().map(|(_, values)| {
        let runs = line_runs(values)
            .into_iter()
            .map(|run| {
                let points = run
                    .iter()
                    .map(|&(index, value)| {
                        format!(
                            "{},{}",
                            px(geometry.centre(index)),
                            px(geometry.line_y(value))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                let dots = run
                    .iter()
                    .map(|&(index, value)| {
                        view! {
                            <circle
                                class="chart__dot series-line"
                                cx=px(geometry.centre(index))
                                cy=px(geometry.line_y(value))
                                r="3.5"
                            />
                        }
                    })
                    .collect_view();
                view! {
                    <polyline class="chart__line-halo" points=points.clone() />
                    <polyline class="chart__line series-line" points=points />
                    {dots}
                }
            })
            .collect_view();
        view! { <g class="chart__line-group" aria-hidden="true">{runs}</g> }
    });
    // The totals above the columns come after the line, so the line never hides one.
    let total_labels = geometry.show_totals.then(|| {
        totals
            .iter()
            .enumerate()
            .filter(|(_, total)| **total > 0.0)
            .map(|(index, &total)| {
                let top = baseline - geometry.axis.scale(total, PLOT_HEIGHT);
                view! {
                    <text
                        class="chart__total"
                        x=px(geometry.centre(index))
                        y=px(top - 5.0)
                        text-anchor="middle"
                    >
                        {value_text(total, lang)}
                    </text>
                }
            })
            .collect_view()
    });
    let plot_centre = (LEFT + plot_right) / 2.0;
    let y_title_y = TOP + PLOT_HEIGHT / 2.0;
    let tip_data = data.clone();
    let tip_geometry = geometry.clone();
    let tip = move || {
        active
            .get()
            .filter(|index| *index < tip_data.categories.len())
            .map(|index| tooltip(&tip_data, &tip_geometry, index, lang))
    };
    view! {
        <svg
            class="chart__svg"
            class=("chart__svg--links", on_select.is_some())
            data-testid=marks.svg()
            viewBox=format!("0 0 {WIDTH} {}", px(geometry.height))
            role=if on_select.is_some() { "group" } else { "img" }
            aria-label=title.to_owned()
        >
            {grid}
            <line class="chart__axis" x1=px(LEFT) x2=px(plot_right) y1=px(baseline) y2=px(baseline) />
            <text
                class="chart__axis-title"
                x="14"
                y=px(y_title_y)
                text-anchor="middle"
                transform=format!("rotate(-90 14 {})", px(y_title_y))
            >
                {y_label.to_owned()}
            </text>
            {percent_axis}
            {columns}
            {line}
            <g class="chart__totals" aria-hidden="true">
                {total_labels}
            </g>
            <text
                class="chart__axis-title"
                x=px(plot_centre)
                y=px(geometry.height - 8.0)
                text-anchor="middle"
            >
                {x_label.to_owned()}
            </text>
            {tip}
        </svg>
    }
}

/// The chart's numbers as a table: one row per category, one column per series, the total and the
/// line in percent.
fn chart_table(
    data: &ChartData,
    marks: &Marks,
    table_id: &str,
    x_label: &str,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let totals = data.totals();
    let heads = data
        .series
        .iter()
        .map(|series| view! { <th scope="col" class="num">{series.name.clone()}</th> })
        .collect_view();
    let line_head = data
        .line
        .as_ref()
        .map(|(name, _)| view! { <th scope="col" class="num">{format!("{name} (%)")}</th> });
    let rows = data
        .categories
        .iter()
        .enumerate()
        .map(|(index, category)| {
            let cells = data
                .series
                .iter()
                .map(|series| {
                    view! { <td class="num">{value_text(ChartData::value(series, index), lang)}</td> }
                })
                .collect_view();
            let line = data.line.as_ref().map(|_| {
                let value = data
                    .line_value(index)
                    .map(|value| percent_text(value, lang))
                    .unwrap_or_else(|| "–".to_owned());
                view! { <td class="num">{value}</td> }
            });
            let total = totals.get(index).copied().unwrap_or(0.0);
            view! {
                <tr data-testid=marks.row(index) data-month=marks.month(index)>
                    <th scope="row">{category.clone()}</th>
                    {cells}
                    <td class="num table__strong" data-testid=marks.total_cell()>
                        {value_text(total, lang)}
                    </td>
                    {line}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap chart__table">
            <table class="table" id=table_id.to_owned() data-testid=marks.table()>
                <thead>
                    <tr>
                        <th scope="col">{x_label.to_owned()}</th>
                        {heads}
                        <th scope="col" class="num">{i18n.tr(Key::ChartTotal)}</th>
                        {line_head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(categories: &[&str], series: &[&[f64]]) -> ChartData {
        ChartData {
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            series: series
                .iter()
                .enumerate()
                .map(|(index, values)| Series {
                    name: format!("S{index}"),
                    class: "series-1",
                    values: values.to_vec(),
                })
                .collect(),
            line: None,
        }
    }

    #[test]
    fn an_empty_chart_gets_a_usable_axis() {
        let axis = Axis::for_max(0);
        assert_eq!(axis.ticks(), [0, 1, 2, 3]);
        assert_eq!(axis.scale(0.0, 200.0), 0.0);
        assert!(
            stack(&[0.0, 0.0, 0.0, 0.0], axis, 250.0, 200.0)
                .iter()
                .all(|segment| segment.height == 0.0 && segment.y == 250.0)
        );
        assert_eq!(Axis::for_values(&[]), axis);
        assert_eq!(Axis::for_values(&[f64::NAN, -3.0]), axis);
    }

    #[test]
    fn the_axis_takes_round_steps_and_three_to_five_gridlines() {
        let cases = [
            (1, 1, 3),
            (3, 1, 3),
            (5, 1, 5),
            (6, 2, 3),
            (12, 5, 3),
            (37, 10, 4),
            (100, 20, 5),
            (101, 50, 3),
            (1234, 500, 3),
            (4999, 1000, 5),
        ];
        for (max, step, intervals) in cases {
            let axis = Axis::for_max(max);
            assert_eq!((axis.step, axis.intervals), (step, intervals), "max {max}");
            assert!(axis.top() >= max);
        }
        assert_eq!(Axis::for_max(37).ticks(), [0, 10, 20, 30, 40]);
        assert!(Axis::for_max(u64::MAX).top() >= u64::MAX / 2);
        // Fractions round up: 10.2 needs an axis above 10.
        assert!(Axis::for_values(&[3.0, 10.2]).top() >= 11);
    }

    #[test]
    fn columns_stack_bottom_up_and_the_tallest_fits() {
        let axis = Axis::for_max(10);
        assert_eq!(axis.top(), 10);
        let segments = stack(&[5.0, 0.0, 3.0, 2.0], axis, 300.0, 200.0);
        assert_eq!(
            segments,
            [
                Segment {
                    y: 200.0,
                    height: 100.0
                },
                Segment {
                    y: 200.0,
                    height: 0.0
                },
                Segment {
                    y: 140.0,
                    height: 60.0
                },
                Segment {
                    y: 100.0,
                    height: 40.0
                },
            ]
        );
        // Nonsense values draw nothing instead of poking below the baseline.
        let odd = stack(&[-4.0, f64::NAN], axis, 300.0, 200.0);
        assert!(odd.iter().all(|segment| segment.height == 0.0));
    }

    #[test]
    fn totals_add_the_series_and_empty_means_nothing_to_draw() {
        let chart = data(&["a", "b", "c"], &[&[1.0, 0.0, 2.0], &[3.0, 0.0]]);
        assert_eq!(chart.totals(), [4.0, 0.0, 2.0]);
        assert!(!chart.is_empty());
        assert!(data(&[], &[]).is_empty());
        assert!(data(&["a", "b"], &[&[0.0, 0.0]]).is_empty());
        assert!(data(&["a"], &[]).is_empty());
    }

    #[test]
    fn the_geometry_puts_every_column_inside_the_plot() {
        let chart = data(&["a"; 31], &[&[5.0; 31]]);
        let geometry = Geometry::for_data(&chart);
        assert!(geometry.column <= geometry.slot);
        assert!(geometry.column_left(0) >= LEFT);
        let last = geometry.column_left(30) + geometry.column;
        assert!(last <= geometry.plot_right() + 0.01, "{last}");
        // A lone category is not one huge block.
        let single = Geometry::for_data(&data(&["a"], &[&[1.0]]));
        assert_eq!(single.column, COLUMN_MAX);
        // The percentage axis takes room on the right.
        let mut with_line = chart.clone();
        with_line.line = Some(("FPY".into(), vec![Some(0.5); 31]));
        assert!(Geometry::for_data(&with_line).plot_right() < geometry.plot_right());
        assert_eq!(Geometry::for_data(&with_line).line_y(1.0), TOP);
        assert_eq!(
            Geometry::for_data(&with_line).line_y(0.0),
            TOP + PLOT_HEIGHT
        );
    }

    #[test]
    fn labels_lie_flat_when_they_fit_and_turn_or_thin_out_otherwise() {
        let months: Vec<String> = (1..=12).map(|m| format!("Okt. {m:04}")).collect();
        let flat = label_layout(&months, 63.0);
        assert_eq!(
            flat,
            LabelLayout {
                step: 1,
                rotated: false,
                max_chars: 9
            }
        );
        let days: Vec<String> = (1..=31).map(|d| format!("{d:02}.10.2026")).collect();
        let turned = label_layout(&days, 24.0);
        assert!(turned.rotated);
        assert_eq!(turned.step, 1);
        // A year of days: only every few labels.
        let crowded = label_layout(&days, 2.0);
        assert_eq!(crowded.step, 7);
        let checks = vec!["HDMI-Ausgang liefert ein stabiles Bild".to_owned()];
        assert_eq!(label_layout(&checks, 40.0).max_chars, MAX_LABEL_CHARS);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("HDMI", 18), ("HDMI".to_owned(), false));
        let (cut, was_cut) = truncate("Lüfter läuft ohne Geräusche", 10);
        assert!(was_cut);
        assert_eq!(cut, "Lüfter lä…");
        assert_eq!(cut.chars().count(), 10);
    }

    #[test]
    fn the_line_breaks_at_gaps() {
        assert_eq!(
            line_runs(&[Some(0.5), Some(1.5), None, None, Some(-1.0), Some(f64::NAN)]),
            vec![vec![(0, 0.5), (1, 1.0)], vec![(4, 0.0)]]
        );
        assert!(line_runs(&[None, None]).is_empty());
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(value_text(1234.0, Lang::De), "1.234");
        assert_eq!(value_text(1234.0, Lang::En), "1,234");
        assert_eq!(value_text(2.5, Lang::De), "2,5");
        assert_eq!(percent_text(0.8, Lang::De), "80,0 %");
        assert_eq!(percent_text(0.125, Lang::En), "12.5%");
        assert_eq!(plain(3.0), "3");
    }

    #[test]
    fn the_hover_box_names_every_series_the_total_and_the_line() {
        let mut chart = data(&["Okt. 2026"], &[&[12.0], &[3.0]]);
        chart.line = Some(("Erstausbeute".into(), vec![Some(0.8)]));
        let lines: Vec<String> = tip_lines(&chart, 0, Lang::De)
            .into_iter()
            .map(|line| line.text)
            .collect();
        assert_eq!(
            lines,
            [
                "Okt. 2026",
                "S0: 12",
                "S1: 3",
                "Gesamt: 15",
                "Erstausbeute: 80,0 %"
            ]
        );
        assert_eq!(
            column_summary(&chart, 0, Lang::De),
            "Okt. 2026: S0: 12, S1: 3, Gesamt: 15, Erstausbeute: 80,0 %"
        );
        chart.line = Some(("FPY".into(), vec![None]));
        let last = tip_lines(&chart, 0, Lang::En).pop().map(|line| line.text);
        assert_eq!(last.as_deref(), Some("FPY: –"));
    }

    #[test]
    fn the_home_chart_keeps_its_test_ids() {
        let months = Marks::Months(vec!["2026-11".into()]);
        assert_eq!(months.column(0), "month-col");
        assert_eq!(months.month(0).as_deref(), Some("2026-11"));
        assert_eq!(months.svg(), Some("monthly-chart"));
        assert_eq!(months.toggle(), "monthly-table-toggle");
        assert_eq!(months.table(), "monthly-table");
        assert_eq!(months.total_cell(), Some("month-total"));
        let chart = Marks::Chart("throughput");
        assert_eq!(chart.figure().as_deref(), Some("chart-throughput"));
        assert_eq!(chart.column(2), "chart-throughput-bar-2");
        assert_eq!(chart.row(2).as_deref(), Some("chart-throughput-row-2"));
        assert_eq!(chart.toggle(), "chart-throughput-toggle");
        assert_eq!(chart.table(), "chart-throughput-table");
        assert_eq!(chart.empty().as_deref(), Some("chart-throughput-empty"));
        assert_eq!(chart.month(0), None);
    }
}
