//! `import-legacy`: the original system's PostgreSQL database (fixture schema and rows with the
//! spec's quirks, `tests/fixtures/legacy/`) imported into the app's database, SQLite or PostgreSQL.
//!
//! The original needs a PostgreSQL server: `TEST_DATABASE_URL` if set, else `TEST_POSTGRES_URL`.
//! Without either, the tests that need one say so and pass.

use std::process::{Command, Output};

use etikettdrucker::entities::{
    inspection, inspection_daily, outer_carton, outer_carton_entry, user, zubehoer_label,
};
use etikettdrucker::ops::import_legacy::{self, report::Report};
use etikettdrucker::settings::Settings;
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{BIN, Session, TestApp, TestDatabase, TestResult};

const SCHEMA: &str = include_str!("../fixtures/legacy/schema.sql");
const ROWS: &str = include_str!("../fixtures/legacy/rows.sql");

/// The original's database, loaded with the fixture; dropped with this value.
struct Original {
    database: Option<TestDatabase>,
}

impl Original {
    /// `None` (with a notice) when no PostgreSQL server is configured.
    async fn create(test: &str) -> Option<Self> {
        let server = ["TEST_DATABASE_URL", "TEST_POSTGRES_URL"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|url| !url.is_empty());
        let Some(server) = server else {
            eprintln!(
                "import_legacy::{test}: skipped, the original database needs PostgreSQL \
                 (set TEST_POSTGRES_URL or TEST_DATABASE_URL)"
            );
            return None;
        };
        let database = TestDatabase::create(&server).await;
        let db = Database::connect(&database.url)
            .await
            .expect("original database");
        db.execute_unprepared(SCHEMA).await.expect("fixture schema");
        db.execute_unprepared(ROWS).await.expect("fixture rows");
        let _ = db.close().await;
        Some(Self {
            database: Some(database),
        })
    }

    fn url(&self) -> &str {
        self.database.as_ref().map_or("", |db| db.url.as_str())
    }
}

impl Drop for Original {
    fn drop(&mut self) {
        if let Some(database) = self.database.take() {
            database.drop_blocking();
        }
    }
}

/// Settings of a console command on the app's database.
fn settings_of(app: &TestApp) -> Settings {
    let mut settings = Settings::load_from(None, Vec::new()).expect("default settings");
    settings.data_dir = app.data_dir.clone();
    settings.database.url = Some(SecretString::from(app.database_url.clone()));
    settings
}

fn counts(report: &Report, key: &str) -> (usize, usize, usize) {
    let area = report.area(key).unwrap_or_else(|| panic!("area {key}"));
    (area.imported, area.present, area.skipped.len())
}

async fn unit(session: &Session, product: &str, serial: &str) -> Value {
    let response = session
        .get(&format!("/api/{product}?serialnummer={serial}"))
        .await;
    assert_eq!(response.status(), 200, "{product} {serial}");
    let body: Value = response.json().await.expect("json");
    body["item"].clone()
}

#[tokio::test]
async fn imports_users_units_labels_and_cartons_once() -> TestResult {
    let Some(original) = Original::create("imports_users_units_labels_and_cartons_once").await
    else {
        return Ok(());
    };
    let app = TestApp::spawn().await;
    // The new system's first admin is called `admin`, like the original's: that user is present.
    app.admin().await;
    let settings = settings_of(&app);

    let report = import_legacy::import(&settings, original.url(), false).await?;
    let text = report.to_string();
    assert_eq!(counts(&report, "users"), (5, 1, 3), "{text}");
    assert_eq!(counts(&report, "cpro"), (3, 0, 3), "{text}");
    assert_eq!(counts(&report, "c2"), (2, 0, 0), "{text}");
    assert_eq!(counts(&report, "cbasic"), (2, 0, 0), "{text}");
    assert_eq!(counts(&report, "kk"), (3, 0, 0), "{text}");
    assert_eq!(counts(&report, "zubehoer"), (2, 0, 4), "{text}");
    assert_eq!(counts(&report, "cartons"), (3, 0, 1), "{text}");
    for line in [
        "users #7 \"MMueller\": username taken by another user of the original (compared without case) (#2)",
        "users #8 \"altadmin\": password hash is not a bcrypt hash",
        "users #9 \"ebauer2\": email address used by another user of the original",
        "C Pro units #4 \"CP-1001\": duplicate serial number (same as #1 apart from surrounding spaces)",
        "C Pro units #5: no serial number",
        "C Pro units #6 \"CP-1006-EIN-VIEL-ZU-LANGER-SCANNER-TEXT-MIT-ANHANG-0123456789-ABCDEFGH\": value too long",
        "accessory labels #2 \"ls-5001\": duplicate delivery note number",
        "accessory labels #3: no delivery note number",
        "accessory labels #4 \"LS-5002\": unreadable article lines (not a list)",
        "accessory labels #6 \"LS-5004\": no article lines",
        "outer cartons #4 \"AU-6004\": carton without lines",
        "KK units: konfiguration: recovered from the article number",
        "C Pro units: qr_code_automatiktest: not an http(s) link",
        "C Pro units: konfiguration: DMG is not offered by our form; kept as recorded",
        "outer cartons: unit already packed in another carton; line kept without link",
        "daily statistics counted afresh",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("DRY RUN"), "{text}");

    // Users log in with the original passwords ($2b$ and $2a$ hashes), with their roles.
    let manager = app.login("lwagner", "Lager-Halle-3").await;
    let mueller = app.login("mmueller", "Pruefstand-Alt-2025!").await;
    let me: Value = mueller.get("/api/auth/me").await.json().await?;
    assert_eq!(me["user"]["role"], "PRUEFER_AB");
    assert_eq!(me["user"]["lastName"], "Müller");
    let bauer = app
        .login("e.bauer@rotoclear.test", "Zweite-Pruefung-77")
        .await;
    let me: Value = bauer.get("/api/auth/me").await.json().await?;
    assert_eq!(me["user"]["role"], "PRUEFER_A");
    assert_ne!(
        app.try_login("kschmidt", "Lager-Halle-3").await.status,
        200,
        "inactive in the original, inactive here"
    );
    assert_ne!(
        app.try_login("admin", "Altsystem-Admin-2024!").await.status,
        200,
        "the present admin keeps its own password"
    );

    // KK: the misspelt columns arrive, the configuration the original never stored is recovered
    // from the article number, enum values are our choice codes.
    let kk = unit(&manager, "kk", "KK-4001").await;
    assert_eq!(kk["status"], "passed");
    assert_eq!(kk["druckluftanscluss_montiert"], true);
    assert_eq!(kk["uberdrucktest_ok"], true);
    assert_eq!(kk["konfiguration"], "DMG");
    assert_eq!(kk["anzahl_optiken"], "Zwei_Optiken");
    assert_eq!(kk["optik_format"], "F1_F2");
    assert_eq!(kk["artikel_nummer"], "10081");
    assert_eq!(kk["pruefer_a"], "ebauer");
    assert_eq!(
        kk["pruefer_b"], "mmueller",
        "typed full name matched to the user"
    );
    let kk = unit(&manager, "kk", "KK-4002").await;
    assert_eq!(kk["status"], "awaiting_b");
    assert_eq!(kk["druckluftanscluss_montiert"], false);
    assert_eq!(
        kk["seriennummer_optik2"],
        Value::Null,
        "stored as empty text"
    );
    assert_eq!(kk["konfiguration"], "RC");

    // C Pro: article name without the original's trailing space, MAC normalised, the SVG
    // markup dropped, a "Nein" fails the unit.
    let cpro = unit(&manager, "cpro", "CP-1001").await;
    assert_eq!(cpro["status"], "passed");
    assert_eq!(cpro["festplattengroesse"], "TB_1");
    assert_eq!(cpro["freier_festplattenspeicher"], "GB_890");
    assert_eq!(
        cpro["artikel_bezeichnung"],
        "Steuerrechner 1TB fuer Rotoclear C Pro"
    );
    assert_eq!(cpro["datum"], "2025-09-10T00:00:00.000Z");
    let cpro = unit(&manager, "cpro", "CP-1002").await;
    assert_eq!(cpro["status"], "awaiting_b");
    assert_eq!(cpro["mac_adresse"], "00:1A:2B:3C:4D:5F");
    assert_eq!(cpro["pruefer_a"], "ebauer");
    let cpro = unit(&manager, "cpro", "CP-1003").await;
    assert_eq!(cpro["status"], "failed");
    assert_eq!(cpro["qr_code_automatiktest"], Value::Null);
    let c2 = unit(&manager, "c2", "C2-2001").await;
    assert_eq!(
        c2["pruefer_a"], "Anna Unbekannt",
        "no such user: kept as typed"
    );
    let c2 = unit(&manager, "c2", "C2-2002").await;
    assert_eq!(c2["pruefer_a"], "(unbekannt)");
    assert_eq!(
        c2["produktionsjahr"], "2025",
        "empty year taken from the date"
    );
    let cbasic = unit(&manager, "cbasic", "CB-3001").await;
    assert_eq!(cbasic["status"], "failed");
    assert_eq!(cbasic["sprache_wechslen"], true);
    assert_eq!(cbasic["sprache_auf_englisch"], false);

    // Accessory labels with their JSON lines, ordered by article number.
    let response = manager
        .get("/api/zubehoer?lieferscheinnummer=ls-5001")
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await?;
    let label = &body["item"];
    assert_eq!(label["lieferscheinnummer"], "LS-5001");
    assert_eq!(label["serialnummer"], "CX-0042");
    assert_eq!(label["createdBy"], "import-legacy");
    assert_eq!(
        label["entries"],
        json!([
            {"artikelnummer": "10035", "artikelbezeichnung": "Datenkabel mit 2x M12-Stecker (10m)", "menge": 2},
            {"artikelnummer": "10370", "artikelbezeichnung": "Rotoclear C-Extender", "menge": 1, "serialnummer": "CX-0042"},
        ])
    );
    let body: Value = manager
        .get("/api/zubehoer?lieferscheinnummer=LS-5003")
        .await
        .json()
        .await?;
    assert_eq!(
        body["item"]["entries"][0]["menge"], 2,
        "quantity given as text"
    );

    // Cartons: the unit is linked in the first carton only; the retry's line stays unlinked.
    let db = app.db().await;
    let lines = outer_carton_entry::Entity::find()
        .filter(outer_carton_entry::Column::Serialnummer.eq("CP-1001"))
        .all(&db)
        .await?;
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines.iter().filter(|l| l.inspection_id.is_some()).count(),
        1
    );
    let cartons = outer_carton::Entity::find().all(&db).await?;
    assert_eq!(cartons.len(), 3);
    assert!(cartons.iter().any(|c| c.lieferschein_number.is_none()));

    // The dashboard counts the imported units.
    let stats: Value = manager.get("/api/dashboard-stats").await.json().await?;
    let totals = &stats["data"]["totals"];
    assert_eq!(
        (
            totals["cpro"].clone(),
            totals["c2"].clone(),
            totals["cbasic"].clone(),
            totals["kk"].clone()
        ),
        (json!(3), json!(2), json!(2), json!(3)),
        "{stats}"
    );

    // A second run finds everything present and imports nothing.
    let again = import_legacy::import(&settings, original.url(), false).await?;
    let text = again.to_string();
    assert_eq!(again.imported(), 0, "{text}");
    assert_eq!(counts(&again, "users"), (0, 6, 3), "{text}");
    assert_eq!(counts(&again, "cpro"), (0, 3, 3), "{text}");
    assert_eq!(counts(&again, "kk"), (0, 3, 0), "{text}");
    assert_eq!(counts(&again, "zubehoer"), (0, 2, 4), "{text}");
    assert_eq!(counts(&again, "cartons"), (0, 3, 1), "{text}");
    assert_eq!(inspection::Entity::find().count(&db).await?, 10);
    assert_eq!(user::Entity::find().count(&db).await?, 6);
    Ok(())
}

fn import_command(app: &TestApp, args: &[&str], original_url: &str) -> std::io::Result<Output> {
    app.command("import-legacy")
        .args(args)
        .env("ETIKETT_LEGACY_DATABASE_URL", original_url)
        .output()
}

/// The password of `url`, if it has one.
fn password_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let (credentials, _) = rest.rsplit_once('@')?;
    credentials.split_once(':').map(|(_, p)| p)
}

#[tokio::test]
async fn dry_run_reports_without_writing_and_hides_the_password() -> TestResult {
    let Some(original) =
        Original::create("dry_run_reports_without_writing_and_hides_the_password").await
    else {
        return Ok(());
    };
    let app = TestApp::spawn().await;

    let output = import_command(&app, &["--dry-run"], original.url())?;
    let stdout = String::from_utf8(output.stdout)?;
    let stderr = String::from_utf8(output.stderr)?;
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("DRY RUN: nothing was written"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["KK", "units", "3", "0", "0"]),
        "{stdout}"
    );
    assert!(
        stdout.contains("C Pro units #5: no serial number"),
        "{stdout}"
    );
    if let Some(password) = password_of(original.url()).filter(|p| p.len() > 3) {
        assert!(!stdout.contains(password) && !stderr.contains(password));
        assert!(stdout.contains(":***@"), "{stdout}");
    }

    let db = app.db().await;
    assert_eq!(user::Entity::find().count(&db).await?, 0);
    assert_eq!(inspection::Entity::find().count(&db).await?, 0);
    assert_eq!(inspection_daily::Entity::find().count(&db).await?, 0);
    assert_eq!(zubehoer_label::Entity::find().count(&db).await?, 0);
    assert_eq!(outer_carton::Entity::find().count(&db).await?, 0);
    Ok(())
}

#[tokio::test]
async fn an_unreachable_original_fails_without_showing_the_password() -> TestResult {
    let app = TestApp::spawn().await;
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    let url = "postgres://etikett:Geheim-Passwort-42@127.0.0.1:1/etikettdrucker";
    let output = import_command(&app, &[], url)?;
    let stdout = String::from_utf8(output.stdout)?;
    let stderr = String::from_utf8(output.stderr)?;
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("cannot connect to the original database postgres://etikett:***@127.0.0.1:1/etikettdrucker"),
        "{stderr}"
    );
    assert!(!stderr.contains("Geheim-Passwort-42") && !stdout.contains("Geheim-Passwort-42"));

    let help = Command::new(BIN)
        .args(["import-legacy", "--help"])
        .env("ETIKETT_LEGACY_DATABASE_URL", url)
        .output()?;
    let help = String::from_utf8(help.stdout)?;
    assert!(help.contains("ETIKETT_LEGACY_DATABASE_URL"), "{help}");
    assert!(!help.contains("Geheim-Passwort-42"), "{help}");
    Ok(())
}
