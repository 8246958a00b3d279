//! The plant's calendar for analytics: a range of plant days cut into days, ISO weeks or months,
//! its bounds as UTC instants (daylight saving included), and which period a UTC hour falls in.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::dashboard::stats::month_key_and_label;

/// The most periods one report covers (a little over a year of days).
pub const MAX_PERIODS: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "day" => Some(Self::Day),
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    /// The first day of the period containing `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => day,
            Self::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Self::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => start + Duration::days(1),
            Self::Week => start + Duration::days(7),
            Self::Month => start
                .checked_add_months(Months::new(1))
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// The default first day when only the last one is known: 30 days, 12 weeks or 12 months.
    pub fn default_from(self, to: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => to - Duration::days(29),
            Self::Week => self.start_of(to) - Duration::weeks(11),
            Self::Month => self
                .start_of(to)
                .checked_sub_months(Months::new(11))
                .unwrap_or(to),
        }
    }

    /// Key and German label of the period starting on `start`.
    fn key_and_label(self, start: NaiveDate) -> (String, String) {
        match self {
            Self::Day => (
                start.format("%Y-%m-%d").to_string(),
                start.format("%d.%m.%Y").to_string(),
            ),
            Self::Week => {
                let week = start.iso_week();
                (
                    format!("{:04}-W{:02}", week.year(), week.week()),
                    format!("KW {}/{}", week.week(), week.year()),
                )
            }
            Self::Month => month_key_and_label(start),
        }
    }
}

/// The instant plant day `day` begins in `tz` (local midnight; the first valid instant after it on
/// a day whose midnight a clock change skips).
pub fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut local = day.and_time(chrono::NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(instant) = tz.from_local_datetime(&local).earliest() {
            return instant.with_timezone(&Utc);
        }
        local += Duration::hours(1);
    }
    Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN))
}

/// One period, cut to the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSpan {
    pub key: String,
    pub label: String,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
}

/// Plant days `from..=to` in periods of `granularity`.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub tz: Tz,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    pub periods: Vec<PeriodSpan>,
}

/// Why a range cannot be reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    Reversed,
    TooManyPeriods,
}

impl Calendar {
    pub fn new(
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        granularity: Granularity,
    ) -> Result<Self, RangeError> {
        if from > to {
            return Err(RangeError::Reversed);
        }
        let mut periods = Vec::new();
        let mut start = granularity.start_of(from);
        while start <= to {
            if periods.len() == MAX_PERIODS {
                return Err(RangeError::TooManyPeriods);
            }
            let next = granularity.next(start);
            let (key, label) = granularity.key_and_label(start);
            periods.push(PeriodSpan {
                key,
                label,
                from: start.max(from),
                to: (next - Duration::days(1)).min(to),
            });
            start = next;
        }
        Ok(Self {
            tz,
            from,
            to,
            granularity,
            periods,
        })
    }

    /// The instant the plant day `day` begins (local midnight; the first valid instant after it on
    /// a day whose midnight a clock change skips).
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        day_start(self.tz, day)
    }

    /// `[start, end)` of the whole range as UTC instants.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.day_start(self.from),
            self.day_start(self.to + Duration::days(1)),
        )
    }

    /// The plant day of a UTC instant.
    pub fn plant_day(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.tz).date_naive()
    }

    /// The period containing plant day `day`, if it is in the range.
    pub fn index_of_day(&self, day: NaiveDate) -> Option<usize> {
        if day < self.from || day > self.to {
            return None;
        }
        let i = self.periods.partition_point(|p| p.from <= day);
        i.checked_sub(1)
    }

    /// The period of a UTC hour as the database groups it (`2026-03-31T22`, `2026-03-31 22`).
    /// Exact for every zone whose offset is a whole number of hours (all of Europe).
    pub fn index_of_hour(&self, hour: &str) -> Option<usize> {
        let normalized = hour.get(..13)?.replacen(' ', "T", 1);
        let start = NaiveDateTime::parse_from_str(&format!("{normalized}:00"), "%Y-%m-%dT%H:%M")
            .ok()?
            .and_utc();
        self.index_of_day(self.plant_day(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn berlin(from: &str, to: &str, granularity: Granularity) -> Calendar {
        Calendar::new(chrono_tz::Europe::Berlin, day(from), day(to), granularity).expect("range")
    }

    #[test]
    fn months_are_cut_to_the_range_and_labelled_in_german() {
        let cal = berlin("2026-02-15", "2026-04-10", Granularity::Month);
        let keys: Vec<_> = cal.periods.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["2026-02", "2026-03", "2026-04"]);
        assert_eq!(cal.periods[0].from, day("2026-02-15"));
        assert_eq!(cal.periods[0].to, day("2026-02-28"));
        assert_eq!(cal.periods[1].label, "März 2026");
        assert_eq!(cal.periods[2].to, day("2026-04-10"));
    }

    #[test]
    fn weeks_are_iso_weeks_starting_on_monday() {
        let cal = berlin("2026-01-01", "2026-01-12", Granularity::Week);
        let keys: Vec<_> = cal.periods.iter().map(|p| p.key.as_str()).collect();
        // 1 January 2026 is a Thursday of ISO week 1.
        assert_eq!(keys, ["2026-W01", "2026-W02", "2026-W03"]);
        assert_eq!(cal.periods[1].from, day("2026-01-05"));
        assert_eq!(cal.periods[1].label, "KW 2/2026");
        let last_year = berlin("2026-12-28", "2027-01-03", Granularity::Week);
        assert_eq!(last_year.periods[0].key, "2026-W53");
    }

    #[test]
    fn bounds_follow_daylight_saving_time() {
        // Summer time: midnight is 22:00 UTC the day before; winter time: 23:00.
        let cal = berlin("2026-04-01", "2026-11-01", Granularity::Month);
        let (start, end) = cal.bounds();
        assert_eq!(start.to_rfc3339(), "2026-03-31T22:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-11-01T23:00:00+00:00");
    }

    #[test]
    fn half_past_midnight_on_the_first_belongs_to_that_month() {
        let cal = berlin("2026-01-01", "2026-12-31", Granularity::Month);
        // 00:30 CEST on 1 April is 22:30 UTC on 31 March.
        assert_eq!(cal.index_of_hour("2026-03-31T22"), Some(3));
        // 23:30 CEST on 31 March is 21:30 UTC.
        assert_eq!(cal.index_of_hour("2026-03-31T21"), Some(2));
        // 00:30 CET on 1 November (after the clocks went back) is 23:30 UTC on 31 October.
        assert_eq!(cal.index_of_hour("2026-10-31T23"), Some(10));
        assert_eq!(cal.index_of_hour("2026-10-31 22"), Some(9));
        // Outside the range, or unreadable.
        assert_eq!(cal.index_of_hour("2025-12-31T22"), None);
        assert_eq!(cal.index_of_hour("nonsense"), None);
    }

    #[test]
    fn the_short_and_the_long_day_are_one_day_each() {
        let cal = berlin("2026-03-29", "2026-03-29", Granularity::Day);
        let (start, end) = cal.bounds();
        assert_eq!((end - start).num_hours(), 23);
        let cal = berlin("2026-10-25", "2026-10-25", Granularity::Day);
        let (start, end) = cal.bounds();
        assert_eq!((end - start).num_hours(), 25);
        assert_eq!(cal.index_of_hour("2026-10-25T00"), Some(0));
        assert_eq!(cal.index_of_hour("2026-10-25T22"), Some(0));
        assert_eq!(cal.index_of_hour("2026-10-25T23"), None);
    }

    #[test]
    fn refuses_reversed_and_huge_ranges() {
        let tz = chrono_tz::Europe::Berlin;
        assert_eq!(
            Calendar::new(tz, day("2026-02-01"), day("2026-01-01"), Granularity::Day).err(),
            Some(RangeError::Reversed)
        );
        assert_eq!(
            Calendar::new(tz, day("2020-01-01"), day("2026-01-01"), Granularity::Day).err(),
            Some(RangeError::TooManyPeriods)
        );
        assert!(
            Calendar::new(tz, day("2020-01-01"), day("2026-01-01"), Granularity::Month).is_ok()
        );
    }

    #[test]
    fn defaults_cover_30_days_12_weeks_or_12_months() {
        let to = day("2026-11-26");
        assert_eq!(Granularity::Day.default_from(to), day("2026-10-28"));
        assert_eq!(Granularity::Week.default_from(to), day("2026-09-07"));
        assert_eq!(Granularity::Month.default_from(to), day("2025-12-01"));
    }
}
