//! What an import did, per area, printed for the operator.

use std::collections::BTreeMap;
use std::fmt;

/// Skipped rows listed one by one; the rest only counted by reason.
const LISTED_SKIPS: usize = 50;

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The row's `id` in the original table.
    pub legacy_id: i64,
    /// Its natural key (username, serial number, delivery note), as far as readable.
    pub key: String,
    /// The reason, short and fixed (counted).
    pub reason: &'static str,
    /// Particulars of this row.
    pub detail: String,
}

/// One area: a table of the original (a product line, users, accessory labels, cartons).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Area {
    /// `users`, `cpro`, `c2`, `cbasic`, `kk`, `zubehoer`, `cartons`.
    pub key: &'static str,
    pub title: &'static str,
    /// The original's table, as `schema."Table"`.
    pub table: String,
    /// The table does not exist in the original database (older version): nothing read.
    pub missing: bool,
    pub imported: usize,
    /// Rows whose natural key the database already has.
    pub present: usize,
    pub skipped: Vec<Skip>,
    /// Adjustments made while importing (values recovered, normalised or dropped), counted.
    pub notes: BTreeMap<String, usize>,
}

impl Area {
    pub fn new(key: &'static str, title: &'static str, table: String) -> Self {
        Self {
            key,
            title,
            table,
            ..Self::default()
        }
    }

    pub fn skip(&mut self, legacy_id: i64, key: &str, reason: &'static str, detail: String) {
        self.skipped.push(Skip {
            legacy_id,
            key: key.to_string(),
            reason,
            detail,
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        *self.notes.entry(note.into()).or_default() += 1;
    }

    /// Rows read from the original.
    pub fn read(&self) -> usize {
        self.imported + self.present + self.skipped.len()
    }
}

/// The whole import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The original database, password masked.
    pub source: String,
    pub dry_run: bool,
    pub areas: Vec<Area>,
    /// Days of product lines counted afresh for the daily statistics (real runs).
    pub daily_days: Option<usize>,
}

impl Report {
    pub fn area(&self, key: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.key == key)
    }

    pub fn imported(&self) -> usize {
        self.areas.iter().map(|a| a.imported).sum()
    }

    pub fn skipped(&self) -> impl Iterator<Item = (&Area, &Skip)> {
        self.areas
            .iter()
            .flat_map(|area| area.skipped.iter().map(move |skip| (area, skip)))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "import-legacy from {}", self.source)?;
        if self.dry_run {
            writeln!(
                f,
                "DRY RUN: nothing was written; \"imported\" is what a real run would import."
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<24} {:>8} {:>8} {:>8}",
            "area", "imported", "present", "skipped"
        )?;
        for area in &self.areas {
            if area.missing {
                writeln!(f, "{:<24} table {} not found", area.title, area.table)?;
                continue;
            }
            writeln!(
                f,
                "{:<24} {:>8} {:>8} {:>8}",
                area.title,
                area.imported,
                area.present,
                area.skipped.len()
            )?;
        }
        let total = |count: fn(&Area) -> usize| self.areas.iter().map(count).sum::<usize>();
        writeln!(
            f,
            "{:<24} {:>8} {:>8} {:>8}",
            "total",
            total(|a| a.imported),
            total(|a| a.present),
            total(|a| a.skipped.len())
        )?;

        let skipped: Vec<(&Area, &Skip)> = self.skipped().collect();
        if !skipped.is_empty() {
            writeln!(f)?;
            if skipped.len() > LISTED_SKIPS {
                writeln!(
                    f,
                    "skipped rows (first {LISTED_SKIPS} of {}):",
                    skipped.len()
                )?;
            } else {
                writeln!(f, "skipped rows:")?;
            }
            for (area, skip) in skipped.iter().take(LISTED_SKIPS) {
                write!(f, "  {} #{}", area.title, skip.legacy_id)?;
                if !skip.key.is_empty() {
                    write!(f, " \"{}\"", skip.key)?;
                }
                write!(f, ": {}", skip.reason)?;
                if !skip.detail.is_empty() {
                    write!(f, " ({})", skip.detail)?;
                }
                writeln!(f)?;
            }
            let mut by_reason: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            for (area, skip) in &skipped {
                *by_reason.entry((area.title, skip.reason)).or_default() += 1;
            }
            writeln!(f, "skipped rows by reason:")?;
            for ((title, reason), n) in by_reason {
                writeln!(f, "  {n:>6}  {title}: {reason}")?;
            }
        }

        if self.areas.iter().any(|a| !a.notes.is_empty()) {
            writeln!(f)?;
            writeln!(f, "notes (imported rows, adjusted):")?;
            for area in &self.areas {
                for (note, n) in &area.notes {
                    writeln!(f, "  {n:>6}  {}: {note}", area.title)?;
                }
            }
        }

        writeln!(f)?;
        match (self.dry_run, self.daily_days) {
            (true, _) => writeln!(f, "dry run finished; run again without --dry-run to import")?,
            (false, Some(days)) => writeln!(
                f,
                "imported {} rows; daily statistics counted afresh ({days} days of product lines)",
                self.imported()
            )?,
            (false, None) => writeln!(f, "imported {} rows", self.imported())?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_skips_are_listed_in_part_and_counted_by_reason() {
        let mut area = Area::new("kk", "KK units", "kk_kamerakopf.\"SingleItemKK\"".into());
        for id in 0..60 {
            area.skip(
                id,
                &format!("KK-{id}"),
                "duplicate serial number",
                String::new(),
            );
        }
        area.skip(99, "", "no serial number", String::new());
        area.imported = 3;
        let report = Report {
            source: "postgres://u:***@127.0.0.1/old".into(),
            dry_run: false,
            areas: vec![area],
            daily_days: Some(2),
        };
        let text = report.to_string();
        assert!(text.contains("skipped rows (first 50 of 61):"), "{text}");
        assert!(text.contains("KK units #0 \"KK-0\": duplicate serial number"));
        assert!(!text.contains("#55"), "{text}");
        assert!(text.contains("    60  KK units: duplicate serial number"));
        assert!(text.contains("     1  KK units: no serial number"));
        assert!(text.contains("imported 3 rows; daily statistics counted afresh (2 days"));
    }
}
