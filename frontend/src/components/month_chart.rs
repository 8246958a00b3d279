//! The home page's 12-month production chart: stacked columns drawn as inline SVG (no chart
//! library), with the same numbers as a table on request, for screen readers and exact reading.

use api_types::dashboard::{MonthStat, ProductCounts};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{Key, fill, use_i18n};

/// A product line as the dashboard shows it; the chart stacks them in this order, bottom up.
#[derive(Debug, Clone, Copy)]
pub struct ProductLine {
    /// The product key (`cpro`, `c2` …): CSS colour class, `data-testid`s and routes.
    pub key: &'static str,
    pub name: Key,
    pub month: fn(&MonthStat) -> u64,
    pub count: fn(&ProductCounts) -> u64,
}

pub const PRODUCT_LINES: [ProductLine; 4] = [
    ProductLine {
        key: "cpro",
        name: Key::ProductCpro,
        month: |m| m.cpro,
        count: |c| c.cpro,
    },
    ProductLine {
        key: "c2",
        name: Key::ProductC2,
        month: |m| m.c2,
        count: |c| c.c2,
    },
    ProductLine {
        key: "cbasic",
        name: Key::ProductCbasic,
        month: |m| m.cbasic,
        count: |c| c.cbasic,
    },
    ProductLine {
        key: "kk",
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

/// All four product lines of a month.
pub fn month_total(month: &MonthStat) -> u64 {
    PRODUCT_LINES.iter().map(|line| (line.month)(month)).sum()
}

/// The value axis: `intervals` steps of `step` from 0, a "nice" step (1, 2 or 5 × 10ⁿ) and 3 to 5
/// intervals, so the gridlines carry round numbers and the tallest column fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub step: u64,
    pub intervals: u64,
}

impl Axis {
    /// The axis for values up to `max` (0 included: an empty year still gets an axis of 0–3).
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

    /// The length of `value` on an axis `length` long.
    pub fn scale(self, value: u64, length: f64) -> f64 {
        value as f64 / self.top() as f64 * length
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
pub fn stack(values: &[u64], axis: Axis, bottom: f64, height: f64) -> Vec<Segment> {
    let mut base = bottom;
    values
        .iter()
        .map(|&value| {
            let length = axis.scale(value, height);
            base -= length;
            Segment {
                y: base,
                height: length,
            }
        })
        .collect()
}

// The drawing in SVG user units; the SVG scales to its card and scrolls below its minimum width.
const WIDTH: f64 = 840.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 32.0;
/// The share of a month's slot its column takes.
const COLUMN_SHARE: f64 = 0.6;

/// Coordinates with one decimal are plenty and keep the markup short.
fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// The chart card: title, legend, the SVG and the table toggle.
#[component]
pub fn MonthChart(months: Vec<MonthStat>, time_zone: String) -> impl IntoView {
    let i18n = use_i18n();
    let show_table = RwSignal::new(false);
    let months = StoredValue::new(months);
    let title = move || fill(i18n.t(Key::ChartTitle), &[("name", &time_zone)]);
    let legend = PRODUCT_LINES
        .iter()
        .map(|line| {
            let class = format!("month-chart__swatch month-chart__fill--{}", line.key);
            view! {
                <li class="month-chart__legend-item">
                    <span class=class aria-hidden="true"></span>
                    {i18n.tr(line.name)}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="card month-chart" aria-labelledby="month-chart-title">
            <figcaption class="month-chart__header">
                <h3 id="month-chart-title" class="month-chart__title">
                    {title.clone()}
                </h3>
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    aria-controls="monthly-table"
                    aria-expanded=move || show_table.get().to_string()
                    data-testid="monthly-table-toggle"
                    on:click=move |_| show_table.update(|shown| *shown = !*shown)
                >
                    {move || {
                        i18n.t(if show_table.get() { Key::ChartHideTable } else { Key::ChartShowTable })
                    }}
                </button>
            </figcaption>
            <ul class="month-chart__legend" aria-label=i18n.tr(Key::ChartLegend)>
                {legend}
            </ul>
            <div class="month-chart__scroll">
                {move || months.with_value(|months| chart_svg(months, &title()))}
            </div>
            <Show when=move || show_table.get()>
                {move || months.with_value(|months| month_table(months))}
            </Show>
        </figure>
    }
}

/// The SVG (in the current language: the hover texts are German or English).
fn chart_svg(months: &[MonthStat], label: &str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let axis = Axis::for_max(months.iter().map(month_total).max().unwrap_or(0));
    let plot_height = HEIGHT - TOP - BOTTOM;
    let baseline = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT - RIGHT) / months.len().max(1) as f64;
    let column = slot * COLUMN_SHARE;
    let grid = axis
        .ticks()
        .into_iter()
        .map(|tick| {
            let y = px(baseline - axis.scale(tick, plot_height));
            view! {
                <g class="month-chart__grid">
                    <line x1=px(LEFT) x2=px(WIDTH - RIGHT) y1=y.clone() y2=y.clone() />
                    <text x=px(LEFT - 6.0) y=y dy="0.32em" text-anchor="end">
                        {format::count(tick, lang)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let columns = months
        .iter()
        .enumerate()
        .map(|(index, month)| {
            let x = LEFT + slot * index as f64 + (slot - column) / 2.0;
            let centre = px(x + column / 2.0);
            let values: Vec<u64> = PRODUCT_LINES.iter().map(|line| (line.month)(month)).collect();
            let total = month_total(month);
            let segments = stack(&values, axis, baseline, plot_height)
                .into_iter()
                .zip(PRODUCT_LINES.iter().zip(values))
                .filter(|(_, (_, value))| *value > 0)
                .map(|(segment, (line, value))| {
                    let hover = fill(
                        i18n.t(Key::ChartSegment),
                        &[
                            ("name", i18n.t(line.name)),
                            ("time", &month.label),
                            ("count", &format::count(value, lang)),
                        ],
                    );
                    let class = format!("month-chart__fill--{}", line.key);
                    view! {
                        <rect
                            class=class
                            x=px(x)
                            y=px(segment.y)
                            width=px(column)
                            height=px(segment.height)
                            data-product=line.key
                        >
                            <title>{hover}</title>
                        </rect>
                    }
                })
                .collect_view();
            let top = baseline - axis.scale(total, plot_height);
            view! {
                <g data-testid="month-col" data-month=month.month.clone() data-total=total.to_string()>
                    {segments}
                    <text class="month-chart__total" x=centre.clone() y=px(top - 5.0) text-anchor="middle">
                        {format::count(total, lang)}
                    </text>
                    <text
                        class="month-chart__label"
                        x=centre
                        y=px(baseline + 18.0)
                        text-anchor="middle"
                    >
                        {month.label.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="month-chart__svg"
            data-testid="monthly-chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-label=label.to_owned()
        >
            {grid}
            <line
                class="month-chart__axis"
                x1=px(LEFT)
                x2=px(WIDTH - RIGHT)
                y1=px(baseline)
                y2=px(baseline)
            />
            {columns}
        </svg>
    }
}

/// The chart's numbers as a table.
fn month_table(months: &[MonthStat]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let heads = PRODUCT_LINES
        .iter()
        .map(|line| view! { <th scope="col" class="num">{i18n.tr(line.name)}</th> })
        .collect_view();
    let rows = months
        .iter()
        .map(|month| {
            let cells = PRODUCT_LINES
                .iter()
                .map(|line| view! { <td class="num">{format::count((line.month)(month), lang)}</td> })
                .collect_view();
            view! {
                <tr data-month=month.month.clone()>
                    <th scope="row">{month.label.clone()}</th>
                    {cells}
                    <td class="num table__strong" data-testid="month-total">
                        {format::count(month_total(month), lang)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap month-chart__table">
            <table class="table" id="monthly-table" data-testid="monthly-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::ChartMonth)}</th>
                        {heads}
                        <th scope="col" class="num">{i18n.tr(Key::ChartTotal)}</th>
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

    #[test]
    fn an_empty_year_gets_a_usable_axis() {
        let axis = Axis::for_max(0);
        assert_eq!(axis.ticks(), [0, 1, 2, 3]);
        assert_eq!(axis.scale(0, 200.0), 0.0);
        assert!(
            stack(&[0, 0, 0, 0], axis, 250.0, 200.0)
                .iter()
                .all(|segment| segment.height == 0.0 && segment.y == 250.0)
        );
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
    }

    #[test]
    fn columns_stack_bottom_up_and_the_tallest_fits() {
        let axis = Axis::for_max(10);
        assert_eq!(axis.top(), 10);
        let segments = stack(&[5, 0, 3, 2], axis, 300.0, 200.0);
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
    }

    #[test]
    fn a_month_totals_the_four_lines() {
        let month = MonthStat {
            month: "2026-11".into(),
            label: "Nov. 2026".into(),
            cpro: 1,
            c2: 2,
            cbasic: 3,
            kk: 4,
        };
        assert_eq!(month_total(&month), 10);
        assert_eq!(product_name("kk"), Some(Key::ProductKk));
        assert_eq!(product_name("zubehoer"), None);
    }
}
