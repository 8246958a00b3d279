//! The binary itself: version, configuration errors, migrations, serving, file logs, shutdown.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::helpers::{TestResult, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_etikettdrucker");

fn etikettdrucker(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::io::Result<Output> {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(data_dir)
        .env_clear()
        .env("ETIKETT_DATA_DIR", data_dir.join("data"))
        .env("HOST", "127.0.0.1");
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output()
}

#[test]
fn prints_its_version() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = etikettdrucker(dir.path(), &["--version"], &[])?;
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout)?.trim(),
        format!("etikettdrucker {}", env!("CARGO_PKG_VERSION"))
    );
    Ok(())
}

#[test]
fn a_wrong_setting_stops_start_up_with_one_clear_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = etikettdrucker(dir.path(), &["serve"], &[("PORT", "dreitausend")])?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr)?;
    assert!(
        stderr.contains("invalid configuration") && stderr.contains("port"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    Ok(())
}

#[test]
fn migrate_applies_lists_and_rolls_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let status = |dir: &Path| -> Result<String, Box<dyn std::error::Error>> {
        let output = etikettdrucker(dir, &["migrate", "status"], &[])?;
        assert!(output.status.success());
        Ok(String::from_utf8(output.stdout)?)
    };
    assert!(status(dir.path())?.contains("pending  m20261126_000001_app_settings_and_audit"));

    let up = etikettdrucker(dir.path(), &["migrate", "up"], &[])?;
    assert!(up.status.success());
    assert!(status(dir.path())?.contains("applied  m20261126_000001_app_settings_and_audit"));

    let down = etikettdrucker(dir.path(), &["migrate", "down"], &[])?;
    assert!(down.status.success());
    let after = status(dir.path())?;
    assert!(
        after.contains("applied  m20261126_000001_app_settings_and_audit"),
        "{after}"
    );
    // Exactly the newest migration is pending again.
    let pending: Vec<&str> = after.lines().filter(|l| l.starts_with("pending")).collect();
    assert_eq!(pending.len(), 1, "{after}");
    assert_eq!(after.lines().last(), pending.first().copied(), "{after}");
    Ok(())
}

#[test]
fn create_admin_reads_the_password_from_stdin_and_checks_it() -> TestResult {
    use std::io::Write;
    let dir = tempfile::tempdir()?;
    let run = |password: &str| -> Result<Output, Box<dyn std::error::Error>> {
        let mut child = Command::new(BIN)
            .args([
                "create-admin",
                "--username",
                "konsole",
                "--email",
                "k@rotoclear.test",
            ])
            .args(["--first-name", "Kon", "--last-name", "Sole"])
            .current_dir(dir.path())
            .env_clear()
            .env("ETIKETT_DATA_DIR", dir.path().join("data"))
            .env("ETIKETT_AUTH__BCRYPT_COST", "4")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        child
            .stdin
            .take()
            .ok_or("no stdin")?
            .write_all(format!("{password}\n").as_bytes())?;
        Ok(child.wait_with_output()?)
    };
    let weak = run("kurz")?;
    assert!(!weak.status.success());
    assert!(
        String::from_utf8(weak.stderr)?
            .contains("password: Passwort muss mindestens 12 Zeichen lang sein")
    );
    let ok = run("Werkbank-Zugang-Sieben")?;
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8(ok.stdout)?.contains("administrator konsole created"));
    let again = run("Werkbank-Zugang-Sieben")?;
    assert!(
        !again.status.success(),
        "a second admin with the same name must be refused"
    );
    Ok(())
}

/// `label render` for every kind in every format, from the original's request bodies.
#[test]
fn label_render_writes_every_kind_in_every_format() -> TestResult {
    use std::io::Write;
    let bodies = [
        (
            "cpro",
            r#"{"serialnummer":"CP-0001","artikel_bezeichnung":"Steuerrechner 1TB fuer Rotoclear C Pro","artikel_nummer":"10650","seriennummer_elektronik":"EL-1","mac_adresse":"001a2b3c4d5e","seriennummer_festplatte":"HDD-1","software_version":"1.2.3","datum":"2025-09-17"}"#,
        ),
        (
            "c2",
            r#"{"serialnummer":"C2-0001","artikel_bezeichnung":"Steuerrechner fuer Rotoclear C2","artikel_nummer":"10082","seriennummer_elektronik":"EL-2","mac_adresse":"00:1A:2B:3C:4D:5E","software_version":"1.2.3","datum":"2025-09-17"}"#,
        ),
        (
            "cbasic",
            r#"{"serialnummer":"CB-0001","artikel_bezeichnung":"Rotoclear C Basic Steuerrechner","artikel_nummer":"10262","seriennummer_elektronik":"EL-3","software_version":"1.0","datum":"2025-09-17"}"#,
        ),
        (
            "kk",
            r#"{"serialnummer":"KK-0001","artikel_bezeichnung":"Kamerakopf F1+F2","artikel_nummer":"10085","seriennummer_elektronik":"EL-4","seriennummer_optik1":"O1","seriennummer_optik2":"O2","firmware_version":"fw9","datum":"2025-09-17"}"#,
        ),
        (
            "zubehoer",
            r#"{"lieferscheinnummer":"LS-4711","items":[{"artikelnummer":"10370","artikelbezeichnung":"Netzteil","menge":1,"serialnummer":"NT-1"},{"artikelnummer":"10035","artikelbezeichnung":"Kabel 5 m","menge":2}]}"#,
        ),
        (
            "halterung",
            r#"{"items":[{"artikelnummer":"10358","artikelbezeichnung":"Halterung KK","menge":1}]}"#,
        ),
        (
            "outerkarton",
            r#"{"entries":[{"artikelnummer":"10650","artikelbezeichnung":"C Pro","menge":1,"serialnummer":"CP-0001"}]}"#,
        ),
    ];
    let dir = tempfile::tempdir()?;
    let render =
        |kind: &str, input: &str, extra: &[&str]| -> Result<Output, Box<dyn std::error::Error>> {
            let mut child = Command::new(BIN)
                .args([
                    "label",
                    "render",
                    "--kind",
                    kind,
                    "--input",
                    "-",
                    "--date",
                    "2025-09-17",
                ])
                .args(extra)
                .current_dir(dir.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()?;
            child
                .stdin
                .take()
                .ok_or("no stdin")?
                .write_all(input.as_bytes())?;
            Ok(child.wait_with_output()?)
        };
    for (kind, body) in bodies {
        let zpl = render(kind, body, &["--format", "zpl"])?;
        assert!(
            zpl.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&zpl.stderr)
        );
        let zpl = String::from_utf8(zpl.stdout)?;
        assert!(zpl.starts_with("^XA\r\n") && zpl.ends_with("^XZ"), "{kind}");
        assert!(
            zpl.len() < 8_000,
            "{kind}: default mode is compact, got {} bytes",
            zpl.len()
        );
        assert!(!zpl.contains("^GFA,^GFA,"), "{kind}");

        let compat = render(kind, body, &["--format", "zpl", "--compat-original"])?;
        assert!(compat.status.success(), "{kind}");
        assert!(
            String::from_utf8(compat.stdout)?.contains("^GFA,^GFA,15400,15400,44,"),
            "{kind}"
        );

        let svg = render(kind, body, &["--format", "svg"])?;
        assert!(svg.status.success(), "{kind}");
        assert!(String::from_utf8(svg.stdout)?.starts_with("<svg"), "{kind}");

        let payload = render(kind, body, &["--format", "qr-payload"])?;
        assert!(payload.status.success(), "{kind}");
        assert!(!payload.stdout.is_empty(), "{kind}");
    }
    let cpro = render("cpro", bodies[0].1, &["--format", "qr-payload"])?;
    assert_eq!(
        String::from_utf8(cpro.stdout)?,
        "SN: CP-0001 \nART: Steuerrechner 1TB fuer Rotoclear C Pro \nARTN: 10650 \nELE: EL-1 \nMAC: 00:1A:2B:3C:4D:5E \nHDD: HDD-1 \nSW: 1.2.3 \nDAT: 2025-09-17 \n"
    );
    let compat = render("cpro", bodies[0].1, &["--compat-original"])?;
    assert_eq!(compat.stdout.len(), 33_980, "Appendix C size");

    for (kind, bad) in [
        ("cpro", "kein json"),
        ("zubehoer", r#"{"items":[]}"#),
        ("kk", "[1,2]"),
    ] {
        let output = render(kind, bad, &[])?;
        assert!(!output.status.success(), "{kind} {bad}");
        assert!(String::from_utf8(output.stderr)?.starts_with("etikettdrucker: "));
    }
    Ok(())
}

#[test]
fn openapi_subcommand_prints_the_document() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = etikettdrucker(dir.path(), &["openapi"], &[])?;
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    assert_eq!(doc["info"]["title"], "Etikettdrucker API");
    Ok(())
}

/// `serve` with file logs, answered requests, and a clean exit on SIGTERM.
#[cfg(unix)]
#[tokio::test]
async fn serves_logs_to_files_and_stops_gracefully_on_sigterm() -> TestResult {
    let dir = tempfile::tempdir()?;
    let port = free_port()?;
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .env_clear()
        .env("ETIKETT_DATA_DIR", dir.path().join("data"))
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("ETIKETT_ENV", "production")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/api/does-not-exist");
    let up = eventually(Duration::from_secs(10), || async {
        client
            .get(&url)
            .send()
            .await
            .is_ok_and(|r| r.status() == 404)
    })
    .await;
    assert!(up, "server did not start");

    // An open live-event stream must not hold the shutdown for the grace period (60 s).
    let base = format!("http://127.0.0.1:{port}");
    let setup = client
        .post(format!("{base}/api/setup/create-admin"))
        .json(
            &serde_json::json!({"username": "admin", "email": "admin@rotoclear.test",
            "password": crate::helpers::ADMIN_PASSWORD, "firstName": "Ada", "lastName": "Admin"}),
        )
        .send()
        .await?;
    assert_eq!(setup.status(), 200);
    let admin = crate::helpers::login_at(&base, "admin", crate::helpers::ADMIN_PASSWORD)
        .await
        .session;
    let mut events = admin.get("/api/print-jobs/events").await;
    assert_eq!(events.status(), 200);
    assert!(events.chunk().await?.is_some(), "stream opened");

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()?;
    assert!(kill.success());
    let exited = eventually(Duration::from_secs(10), || {
        let done = matches!(child.try_wait(), Ok(Some(_)));
        async move { done }
    })
    .await;
    assert!(exited, "server did not stop on SIGTERM");
    assert_eq!(child.wait()?.code(), Some(0));
    assert!(
        events.chunk().await.map_or(true, |rest| rest.is_none()),
        "the event stream ended with the server"
    );

    let combined = std::fs::read_to_string(dir.path().join("data/logs/combined.log"))?;
    let lines: Vec<serde_json::Value> = combined
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert!(lines.iter().any(|l| {
        l["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Etikettdrucker listening"))
    }));
    let access = lines
        .iter()
        .find(|l| l["fields"]["route"] == "unmatched")
        .ok_or("no access log line for the request")?;
    assert_eq!(access["fields"]["status"], 404);
    assert!(access["fields"]["latency_ms"].is_number());
    assert!(access["span"]["request_id"].is_string());
    assert!(
        !combined.contains("does-not-exist"),
        "raw URLs must not be logged"
    );
    assert!(dir.path().join("data/logs/error.log").is_file());
    Ok(())
}

#[cfg(unix)]
fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}
