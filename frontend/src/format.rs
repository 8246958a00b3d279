//! Number, size and date formats in the style of the UI language (`1.234,5` in German, `1,234.5` in
//! English).

use crate::i18n::Lang;

const MIB: f64 = 1024.0 * 1024.0;
const GIB: f64 = MIB * 1024.0;

/// `value` with `decimals` fractional digits, grouped in thousands, in the number style of `lang`.
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let plain = format!("{:.*}", decimals, value.abs());
    let (integer, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let (group_sep, decimal_sep) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    // "-0,0" would look like a negative reading; rounding to zero drops the sign.
    if value < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal_sep);
        out.push_str(fraction);
    }
    out
}

/// A byte count in GB (binary, as operating systems show disk space), one decimal: `"12,3 GB"`.
pub fn gigabytes(bytes: u64, lang: Lang) -> String {
    format!("{} GB", decimal(bytes as f64 / GIB, 1, lang))
}

/// A byte count in whole MB (binary, like the server's `memory_warning_mb` setting): `"142 MB"`.
pub fn megabytes(bytes: u64, lang: Lang) -> String {
    format!("{} MB", decimal(bytes as f64 / MIB, 0, lang))
}

/// A duration in milliseconds, one decimal: `"3,2 ms"`.
pub fn milliseconds(ms: f64, lang: Lang) -> String {
    format!("{} ms", decimal(ms, 1, lang))
}

/// An RFC 3339 timestamp as local date and time in the browser (`26.11.2026, 11:30:00`); the raw text
/// when the browser cannot read it.
pub fn local_date_time(rfc3339: &str, lang: Lang) -> String {
    use wasm_bindgen::JsValue;
    use web_sys::js_sys::Date;

    let date = Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    date.to_locale_string(lang.locale(), &JsValue::UNDEFINED)
        .into()
}

/// A waiting time in minutes and seconds: `"2 Min. 05 s"`, `"45 s"`.
pub fn wait_time(secs: u64, lang: Lang) -> String {
    let (minutes, seconds) = (secs / 60, secs % 60);
    match (minutes, lang) {
        (0, _) => format!("{seconds} s"),
        (_, Lang::De) => format!("{minutes} Min. {seconds:02} s"),
        (_, Lang::En) => format!("{minutes} min {seconds:02} s"),
    }
}

/// A count grouped in thousands: `1.234` in German, `1,234` in English.
pub fn count(value: u64, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// How long something has been waiting, coarsely: `"seit 5 Min."`, `"seit 3 Std."`, `"seit 2 Tagen"`.
pub fn waiting_since(secs: u64, lang: Lang) -> String {
    const HOUR: u64 = 3600;
    const DAY: u64 = 24 * HOUR;
    let (minutes, hours, days) = (secs / 60, secs / HOUR, secs / DAY);
    match lang {
        Lang::De if secs < 60 => "seit < 1 Min.".to_owned(),
        Lang::De if secs < HOUR => format!("seit {minutes} Min."),
        // Up to two days in hours: "seit 30 Std." says more on a shop floor than "seit 1 Tag".
        Lang::De if secs < 2 * DAY => format!("seit {hours} Std."),
        Lang::De => format!("seit {days} Tagen"),
        Lang::En if secs < 60 => "for < 1 min".to_owned(),
        Lang::En if secs < HOUR => format!("for {minutes} min"),
        Lang::En if secs < 2 * DAY => format!("for {hours} h"),
        Lang::En => format!("for {days} days"),
    }
}

/// Whole seconds from the RFC 3339 instant `from` to `to` (`None` when either is unreadable or
/// `to` is earlier).
pub fn seconds_between(from: &str, to: &str) -> Option<u64> {
    use wasm_bindgen::JsValue;
    use web_sys::js_sys::Date;

    let from = Date::new(&JsValue::from_str(from)).get_time();
    let to = Date::new(&JsValue::from_str(to)).get_time();
    let millis = to - from;
    // NaN fails the comparison, so unreadable dates end here too.
    if millis >= 0.0 {
        Some((millis / 1000.0) as u64)
    } else {
        None
    }
}

/// Whether an RFC 3339 timestamp lies in the future by the browser's clock (false when unreadable).
pub fn is_future(rfc3339: &str) -> bool {
    use wasm_bindgen::JsValue;
    use web_sys::js_sys::Date;

    let time = Date::new(&JsValue::from_str(rfc3339)).get_time();
    !time.is_nan() && time > Date::now()
}

/// The value of an `<input type="datetime-local">` (local time, `2026-11-26T10:30`) as RFC 3339 in
/// UTC; `None` when empty or unreadable.
pub fn local_input_to_rfc3339(value: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    use web_sys::js_sys::Date;

    if value.trim().is_empty() {
        return None;
    }
    let date = Date::new(&JsValue::from_str(value));
    if date.get_time().is_nan() {
        return None;
    }
    Some(date.to_iso_string().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_per_language() {
        assert_eq!(decimal(1234.5, 1, Lang::De), "1.234,5");
        assert_eq!(decimal(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(decimal(1_234_567.0, 0, Lang::De), "1.234.567");
        assert_eq!(decimal(999.0, 0, Lang::De), "999");
        assert_eq!(decimal(0.0, 2, Lang::En), "0.00");
    }

    #[test]
    fn keeps_the_sign_only_for_visible_negatives() {
        assert_eq!(decimal(-1234.0, 0, Lang::De), "-1.234");
        assert_eq!(decimal(-0.01, 1, Lang::De), "0,0");
        assert_eq!(decimal(f64::NAN, 1, Lang::De), "–");
    }

    #[test]
    fn formats_sizes_and_durations() {
        assert_eq!(gigabytes(53_687_091_200, Lang::De), "50,0 GB");
        assert_eq!(gigabytes(1_610_612_736, Lang::En), "1.5 GB");
        assert_eq!(megabytes(500 * 1024 * 1024, Lang::De), "500 MB");
        assert_eq!(megabytes(142 * 1024 * 1024 + 1000, Lang::En), "142 MB");
        assert_eq!(milliseconds(3.24, Lang::De), "3,2 ms");
        assert_eq!(milliseconds(12.0, Lang::En), "12.0 ms");
    }

    #[test]
    fn groups_counts_per_language() {
        assert_eq!(count(0, Lang::De), "0");
        assert_eq!(count(999, Lang::De), "999");
        assert_eq!(count(1234, Lang::De), "1.234");
        assert_eq!(count(1234, Lang::En), "1,234");
        assert_eq!(count(12_345_678, Lang::De), "12.345.678");
        assert_eq!(count(u64::MAX, Lang::De), "18.446.744.073.709.551.615");
    }

    #[test]
    fn says_how_long_a_unit_waits() {
        assert_eq!(waiting_since(30, Lang::De), "seit < 1 Min.");
        assert_eq!(waiting_since(5 * 60 + 59, Lang::De), "seit 5 Min.");
        assert_eq!(waiting_since(3 * 3600 + 1800, Lang::De), "seit 3 Std.");
        assert_eq!(waiting_since(47 * 3600, Lang::De), "seit 47 Std.");
        assert_eq!(waiting_since(3 * 86_400, Lang::De), "seit 3 Tagen");
        assert_eq!(waiting_since(3 * 3600, Lang::En), "for 3 h");
        assert_eq!(waiting_since(2 * 86_400, Lang::En), "for 2 days");
    }

    #[test]
    fn formats_waiting_times() {
        assert_eq!(wait_time(45, Lang::De), "45 s");
        assert_eq!(wait_time(125, Lang::De), "2 Min. 05 s");
        assert_eq!(wait_time(900, Lang::En), "15 min 00 s");
    }
}
