//! The print queue against the real TCP printer emulator: what the printer receives, waiting on
//! faults and outages, retries, order, user actions, the printer test, live events and roles.

use std::net::SocketAddr;
use std::time::Duration;

use etikettdrucker::printing::{EmulatedState, Emulator, EmulatorConfig};
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, TestResult, eventually};

const WAIT: Duration = Duration::from_secs(15);

async fn emulator() -> Emulator {
    Emulator::start(
        "127.0.0.1:0".parse().expect("addr"),
        EmulatorConfig::default(),
    )
    .await
    .expect("emulator starts")
}

/// Registers a printer at `address` as the admin; returns its id.
async fn register(app: &TestApp, name: &str, address: SocketAddr) -> i64 {
    let response = app
        .admin()
        .await
        .post(
            "/api/printers",
            &json!({"name": name, "host": address.ip().to_string(), "port": address.port()}),
        )
        .await;
    assert_eq!(response.status(), 200, "registering {name}");
    let body: Value = response.json().await.expect("json");
    body["data"]["printer"]["id"].as_i64().expect("printer id")
}

async fn print_test(session: &Session, printer_id: i64) -> Value {
    let response = session
        .post(
            "/api/print-jobs",
            &json!({"printerId": printer_id, "test": true}),
        )
        .await;
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await.expect("json");
    body["data"]["job"].clone()
}

async fn job(session: &Session, id: i64) -> Value {
    let body: Value = session
        .get(&format!("/api/print-jobs/{id}"))
        .await
        .json()
        .await
        .expect("json");
    body["data"]["job"].clone()
}

/// Waits until the job satisfies `check`; returns it (or the last state seen, failing the test).
async fn wait_job(session: &Session, id: i64, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let last = std::sync::Mutex::new(Value::Null);
    let found = eventually(WAIT, || async {
        let fetched = job(session, id).await;
        let done = check(&fetched);
        *last.lock().expect("lock") = fetched;
        done
    })
    .await;
    let last = last.into_inner().expect("lock");
    assert!(found, "job {id} never reached {what}: {last:#}");
    last
}

fn state_is(state: &'static str) -> impl Fn(&Value) -> bool {
    move |job| job["state"] == state
}

#[tokio::test]
async fn a_test_label_reaches_the_printer_byte_for_byte() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Demo-Drucker", printer.local_addr()).await;
    let admin = app.admin().await;

    let queued = print_test(admin, id).await;
    assert_eq!(queued["state"], "queued");
    assert_eq!(queued["kind"], "test");
    assert_eq!(queued["printerName"], "Demo-Drucker");
    assert_eq!(queued["createdBy"], "admin");
    let job_id = queued["id"].as_i64().ok_or("id")?;

    let printed = wait_job(admin, job_id, "printed", state_is("printed")).await;
    assert_eq!(printed["attempts"], 1);
    assert!(printed["printedAt"].is_string());
    assert!(printed["lastError"].is_null());

    let labels = printer.wait_for_labels(1, WAIT).await;
    assert_eq!(labels.len(), 1);
    let zpl = printed["zpl"].as_str().ok_or("zpl")?;
    assert_eq!(
        labels[0].zpl,
        zpl.as_bytes(),
        "the printer got exactly the job's ZPL"
    );
    assert!(zpl.contains(&format!("Druckauftrag: #{job_id}")));
    let svg = printed["previewSvg"].as_str().ok_or("svg")?;
    assert!(svg.starts_with("<svg") && svg.contains("Testetikett"));
    Ok(())
}

#[tokio::test]
async fn copies_are_sent_as_one_job() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Linie 1", printer.local_addr()).await;
    let admin = app.admin().await;
    let response = admin
        .post(
            "/api/print-jobs",
            &json!({"printerId": id, "test": true, "copies": 3}),
        )
        .await;
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await?;
    let job_id = body["data"]["job"]["id"].as_i64().ok_or("id")?;
    wait_job(admin, job_id, "printed", state_is("printed")).await;
    let labels = printer.wait_for_labels(3, WAIT).await;
    assert_eq!(labels.len(), 3);
    assert!(labels.iter().all(|l| l.connection == labels[0].connection));
    Ok(())
}

#[tokio::test]
async fn a_printer_out_of_paper_holds_the_job_with_the_reason_until_refilled() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    printer.set_state(EmulatedState::PaperOut);
    let id = register(&app, "Versand", printer.local_addr()).await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let waiting = wait_job(admin, job_id, "a visible reason", |j| {
        j["lastError"]
            .as_str()
            .is_some_and(|e| e.contains("Papier leer"))
    })
    .await;
    assert_eq!(waiting["state"], "queued");
    assert_eq!(
        waiting["attempts"], 0,
        "waiting on a fault is not an attempt"
    );
    assert!(
        printer.labels().is_empty(),
        "nothing is sent to a faulted printer"
    );

    let status: Value = admin
        .get(&format!("/api/printers/{id}/status"))
        .await
        .json()
        .await?;
    assert_eq!(status["data"]["reachable"], true);
    assert_eq!(status["data"]["ready"], false);
    assert_eq!(status["data"]["faults"][0]["code"], "paper_out");
    assert_eq!(status["data"]["queue"]["queued"], 1);

    printer.set_state(EmulatedState::Ready);
    wait_job(admin, job_id, "printed", state_is("printed")).await;
    assert_eq!(printer.wait_for_labels(1, WAIT).await.len(), 1);
    Ok(())
}

#[tokio::test]
async fn an_offline_printer_gets_the_job_when_it_comes_back() -> TestResult {
    let app = TestApp::spawn_with(|s| {
        s.printing.max_attempts = 1000;
    })
    .await;
    let printer = emulator().await;
    let address = printer.local_addr();
    let id = register(&app, "Halle 3", address).await;
    printer.stop().await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let waiting = wait_job(admin, job_id, "a failed attempt", |j| {
        j["attempts"].as_u64() >= Some(2)
    })
    .await;
    assert_eq!(waiting["state"], "queued");
    assert!(
        waiting["lastError"]
            .as_str()
            .is_some_and(|e| e.contains("abgelehnt")),
        "{waiting}"
    );
    assert!(waiting["nextAttemptAt"].is_string());

    let printer = Emulator::start(address, EmulatorConfig::default()).await?;
    wait_job(admin, job_id, "printed", state_is("printed")).await;
    assert_eq!(printer.wait_for_labels(1, WAIT).await.len(), 1);
    Ok(())
}

#[tokio::test]
async fn refusals_end_in_failed_and_a_manual_retry_prints() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    printer.set_refuse(true);
    let id = register(&app, "Wackelig", printer.local_addr()).await;
    let admin = app.admin().await;
    // The home page's figures are computed (and shared) before the job fails.
    let home: Value = admin.get("/api/dashboard-stats").await.json().await?;
    assert_eq!(home["data"]["printFailures"], json!([]));
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let failed = wait_job(admin, job_id, "failed", state_is("failed")).await;
    assert_eq!(failed["attempts"], 3, "max_attempts in the test settings");
    // ... and show the failure at once, not after the figures expire.
    let on_home = eventually(Duration::from_secs(2), || async {
        let home: Value = admin
            .get("/api/dashboard-stats")
            .await
            .json()
            .await
            .unwrap_or_default();
        home["data"]["printFailures"][0]["id"] == job_id
    })
    .await;
    assert!(on_home, "the failed job is on the home page");
    assert!(
        failed["lastError"]
            .as_str()
            .is_some_and(|e| e.contains("aufgegeben"))
    );
    assert!(printer.labels().is_empty());

    printer.set_refuse(false);
    let retried = admin
        .post(&format!("/api/print-jobs/{job_id}/retry"), &json!({}))
        .await;
    assert_eq!(retried.status(), 200);
    let retried: Value = retried.json().await?;
    assert_eq!(retried["data"]["job"]["state"], "queued");
    assert_eq!(retried["data"]["job"]["attempts"], 0);
    wait_job(admin, job_id, "printed", state_is("printed")).await;
    assert_eq!(printer.wait_for_labels(1, WAIT).await.len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_connection_dropped_mid_label_is_retried_not_reported_printed() -> TestResult {
    let app = TestApp::spawn_with(|s| s.printing.max_attempts = 1000).await;
    let printer = emulator().await;
    printer.set_disconnect_after(Some(200));
    let id = register(&app, "Abbruch", printer.local_addr()).await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let retrying = wait_job(admin, job_id, "a failed transfer", |j| {
        j["attempts"].as_u64() >= Some(2)
    })
    .await;
    assert_eq!(retrying["state"], "queued", "{retrying}");
    assert!(
        retrying["lastError"]
            .as_str()
            .is_some_and(|e| e.contains("getrennt"))
    );
    assert!(printer.labels().is_empty());

    printer.set_disconnect_after(None);
    let printed = wait_job(admin, job_id, "printed", state_is("printed")).await;
    let labels = printer.wait_for_labels(1, WAIT).await;
    assert_eq!(
        labels[0].zpl,
        printed["zpl"].as_str().ok_or("zpl")?.as_bytes()
    );
    Ok(())
}

#[tokio::test]
async fn a_hundred_jobs_print_in_the_order_they_were_queued() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Serie", printer.local_addr()).await;
    let admin = app.admin().await;
    let mut ids = Vec::new();
    for _ in 0..100 {
        ids.push(print_test(admin, id).await["id"].as_i64().ok_or("id")?);
    }
    let labels = printer.wait_for_labels(100, Duration::from_secs(60)).await;
    assert_eq!(labels.len(), 100);
    let printed: Vec<i64> = labels.iter().map(|l| job_number(&l.zpl)).collect();
    assert_eq!(printed, ids);
    let last = *ids.last().ok_or("ids")?;
    wait_job(admin, last, "printed", state_is("printed")).await;
    Ok(())
}

/// The job number a test label shows.
pub fn job_number(zpl: &[u8]) -> i64 {
    let text = String::from_utf8_lossy(zpl);
    let start = text.find("Druckauftrag: #").expect("test label") + "Druckauftrag: #".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("job number")
}

#[tokio::test]
async fn cancel_retry_and_reprint_follow_the_job_state() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    printer.set_state(EmulatedState::Paused);
    let id = register(&app, "Pausiert", printer.local_addr()).await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let cancel = format!("/api/print-jobs/{job_id}/cancel");
    let cancelled = admin.post(&cancel, &json!({})).await;
    assert_eq!(cancelled.status(), 200);
    let cancelled: Value = cancelled.json().await?;
    assert_eq!(cancelled["data"]["job"]["state"], "cancelled");
    assert_eq!(admin.post(&cancel, &json!({})).await.status(), 409);

    printer.set_state(EmulatedState::Ready);
    let second = print_test(admin, id).await["id"].as_i64().ok_or("id")?;
    let printed = wait_job(admin, second, "printed", state_is("printed")).await;
    assert_eq!(
        printer.labels().len(),
        1,
        "the cancelled job was never sent"
    );

    let conflict = admin
        .post(&format!("/api/print-jobs/{second}/retry"), &json!({}))
        .await;
    assert_eq!(conflict.status(), 409);
    let conflict: Value = conflict.json().await?;
    assert!(
        conflict["error"]
            .as_str()
            .is_some_and(|e| e.contains("nachdrucken"))
    );
    assert_eq!(
        admin
            .post(&format!("/api/print-jobs/{second}/cancel"), &json!({}))
            .await
            .status(),
        409
    );

    let no_reason = admin
        .post(
            "/api/print-jobs",
            &json!({"printerId": id, "reprintOf": second}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let no_reason: Value = no_reason.json().await?;
    assert!(no_reason["errors"]["reason"].is_array());

    let reprint = admin
        .post(
            "/api/print-jobs",
            &json!({"printerId": id, "reprintOf": second, "reason": "Etikett beschädigt"}),
        )
        .await;
    assert_eq!(reprint.status(), 202);
    let reprint: Value = reprint.json().await?;
    let reprint = &reprint["data"]["job"];
    assert_eq!(reprint["reprintOf"], second);
    assert_eq!(reprint["reason"], "Etikett beschädigt");
    let reprinted = wait_job(
        admin,
        reprint["id"].as_i64().ok_or("id")?,
        "printed",
        state_is("printed"),
    )
    .await;
    assert_eq!(
        reprinted["zpl"], printed["zpl"],
        "a reprint sends the same label"
    );
    assert_eq!(printer.wait_for_labels(2, WAIT).await.len(), 2);

    // The retried cancelled job prints too.
    let retried = admin
        .post(&format!("/api/print-jobs/{job_id}/retry"), &json!({}))
        .await;
    assert_eq!(retried.status(), 200);
    wait_job(admin, job_id, "printed", state_is("printed")).await;

    let listed: Value = admin
        .get(&format!(
            "/api/print-jobs?printerId={id}&state=printed&limit=2"
        ))
        .await
        .json()
        .await?;
    assert_eq!(listed["data"]["pagination"]["total"], 3);
    assert_eq!(listed["data"]["pagination"]["totalPages"], 2);
    assert_eq!(listed["data"]["jobs"][0]["id"], job_id.max(second + 1));
    Ok(())
}

#[tokio::test]
async fn bad_requests_name_the_field() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Prüfplatz", printer.local_addr()).await;
    let admin = app.admin().await;

    for (body, field) in [
        (json!({"printerId": 999, "test": true}), "printerId"),
        (
            json!({"printerId": id, "test": true, "copies": 0}),
            "copies",
        ),
        (
            json!({"printerId": id, "test": true, "copies": 100}),
            "copies",
        ),
        (json!({"printerId": id}), "kind"),
        (
            json!({"printerId": id, "kind": "product", "reference": "inspection:1"}),
            "reference",
        ),
        (
            json!({"printerId": id, "reprintOf": 4711, "reason": "Test"}),
            "reprintOf",
        ),
        (
            json!({"printerId": id, "reprintOf": 4711, "reason": "x"}),
            "reason",
        ),
    ] {
        let response = admin.post("/api/print-jobs", &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let error: Value = response.json().await?;
        assert!(error["errors"][field].is_array(), "{body}: {error}");
    }

    let disabled = admin
        .put(
            &format!("/api/printers/{id}"),
            &json!({"name": "Prüfplatz", "host": "127.0.0.1", "port": printer.local_addr().port(), "enabled": false}),
        )
        .await;
    assert_eq!(disabled.status(), 200);
    let response = admin
        .post("/api/print-jobs", &json!({"printerId": id, "test": true}))
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await?;
    assert!(
        error["errors"]["printerId"][0]
            .as_str()
            .is_some_and(|m| m.contains("deaktiviert"))
    );

    for query in [
        "state=printing",
        "kind=box",
        "from=gestern",
        "limit=0",
        "page=0",
    ] {
        let response = admin.get(&format!("/api/print-jobs?{query}")).await;
        assert_eq!(response.status(), 422, "{query}");
    }
    assert_eq!(admin.get("/api/print-jobs/424242").await.status(), 404);
    assert_eq!(
        admin
            .post("/api/print-jobs/424242/retry", &json!({}))
            .await
            .status(),
        404
    );
    Ok(())
}

#[tokio::test]
async fn the_printer_test_answers_truthfully() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let address = printer.local_addr();
    let id = register(&app, "Testdrucker", address).await;
    let worker = app.login_as("PRUEFER_B").await;
    let body = json!({"printerId": id});
    let test = || worker.post("/api/printer/test", &body);

    let ready = test().await;
    assert_eq!(ready.status(), 200);
    let ready: Value = ready.json().await?;
    assert_eq!(ready["success"], true);
    assert_eq!(ready["data"]["ready"], true);

    printer.set_state(EmulatedState::HeadOpen);
    let faulted = test().await;
    assert_eq!(faulted.status(), 503);
    let faulted: Value = faulted.json().await?;
    assert_eq!(faulted["code"], "PRINTER_NOT_READY");
    assert!(
        faulted["error"]
            .as_str()
            .is_some_and(|e| e.contains("Druckkopf"))
    );

    printer.set_state(EmulatedState::NoAnswer);
    let silent = test().await;
    assert_eq!(silent.status(), 502);

    printer.stop().await;
    let offline = test().await;
    assert_eq!(offline.status(), 502);
    let offline: Value = offline.json().await?;
    assert_eq!(offline["code"], "PRINTER_UNREACHABLE");
    assert!(
        offline["error"]
            .as_str()
            .is_some_and(|e| e.contains("abgelehnt"))
    );

    let unknown = worker
        .post("/api/printer/test", &json!({"printerId": 999}))
        .await;
    assert_eq!(unknown.status(), 422);
    assert!(printer_never_printed(&app).await);
    Ok(())
}

async fn printer_never_printed(app: &TestApp) -> bool {
    let listed: Value = app
        .admin()
        .await
        .get("/api/print-jobs")
        .await
        .json()
        .await
        .unwrap_or_default();
    listed["data"]["pagination"]["total"] == 0
}

#[tokio::test]
async fn a_printer_with_open_jobs_cannot_be_removed() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    printer.set_state(EmulatedState::PaperOut);
    let id = register(&app, "Belegt", printer.local_addr()).await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;
    assert_eq!(
        admin.delete(&format!("/api/printers/{id}")).await.status(),
        409
    );

    admin
        .post(&format!("/api/print-jobs/{job_id}/cancel"), &json!({}))
        .await;
    assert_eq!(
        admin.delete(&format!("/api/printers/{id}")).await.status(),
        200
    );
    let kept = job(admin, job_id).await;
    assert_eq!(kept["state"], "cancelled", "the history stays");
    assert!(kept["printerId"].is_null());
    assert_eq!(kept["printerName"], "Belegt");
    let retry = admin
        .post(&format!("/api/print-jobs/{job_id}/retry"), &json!({}))
        .await;
    assert_eq!(retry.status(), 409);
    Ok(())
}

#[tokio::test]
async fn viewers_watch_but_do_not_print() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Lager", printer.local_addr()).await;
    let job_id = print_test(app.admin().await, id).await["id"]
        .as_i64()
        .ok_or("id")?;
    let viewer = app.login_as("VIEWER").await;
    assert_eq!(viewer.get("/api/print-jobs").await.status(), 200);
    assert_eq!(
        viewer
            .get(&format!("/api/print-jobs/{job_id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        viewer
            .get(&format!("/api/printers/{id}/status"))
            .await
            .status(),
        200
    );
    for (path, body) in [
        (
            "/api/print-jobs".to_string(),
            json!({"printerId": id, "test": true}),
        ),
        (format!("/api/print-jobs/{job_id}/retry"), json!({})),
        (format!("/api/print-jobs/{job_id}/cancel"), json!({})),
        ("/api/printer/test".to_string(), json!({"printerId": id})),
    ] {
        assert_eq!(viewer.post(&path, &body).await.status(), 403, "{path}");
    }
    let anonymous = app
        .post_json("/api/print-jobs", &json!({"printerId": id, "test": true}))
        .await;
    assert_eq!(anonymous.status(), 401);
    Ok(())
}

#[tokio::test]
async fn printers_outside_the_allowed_networks_are_refused() -> TestResult {
    let app = TestApp::spawn_with(|s| s.printing.allowed_networks = "127.0.0.1/32".into()).await;
    let admin = app.admin().await;
    let outside = admin
        .post(
            "/api/printers",
            &json!({"name": "Fremd", "host": "127.0.0.2"}),
        )
        .await;
    assert_eq!(outside.status(), 422);
    let outside: Value = outside.json().await?;
    assert!(
        outside["errors"]["host"][0]
            .as_str()
            .is_some_and(|m| m.contains("erlaubten"))
    );
    let inside = admin
        .post(
            "/api/printers",
            &json!({"name": "Eigen", "host": "127.0.0.1"}),
        )
        .await;
    assert_eq!(inside.status(), 200);
    Ok(())
}

#[tokio::test]
async fn pages_follow_jobs_live_over_server_sent_events() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Live", printer.local_addr()).await;
    let admin = app.admin().await;
    let mut stream = admin.get("/api/print-jobs/events").await;
    assert_eq!(stream.status(), 200);
    assert_eq!(
        stream.headers()["content-type"].to_str()?,
        "text/event-stream"
    );
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;

    let mut text = String::new();
    let mut states = Vec::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while !states.contains(&"printed".to_string()) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .map_err(|_| format!("no printed event; saw {states:?}"))??
            .ok_or("stream ended")?;
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let message: String = text.drain(..end + 2).collect();
            let Some(data) = message.lines().find_map(|l| l.strip_prefix("data: ")) else {
                continue;
            };
            let event: Value = serde_json::from_str(data)?;
            if message.starts_with("event: job") && event["id"] == job_id {
                assert_eq!(event["type"], "job");
                states.push(event["state"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert_eq!(states, ["queued", "sending", "printed"]);
    Ok(())
}

#[tokio::test]
async fn metrics_show_the_queue_and_the_printers() -> TestResult {
    let app = TestApp::spawn().await;
    let printer = emulator().await;
    let id = register(&app, "Messung", printer.local_addr()).await;
    let admin = app.admin().await;
    let job_id = print_test(admin, id).await["id"].as_i64().ok_or("id")?;
    wait_job(admin, job_id, "printed", state_is("printed")).await;
    let text = admin.get("/metrics").await.text().await?;
    assert!(
        text.contains(
            "app_print_send_duration_seconds_count{outcome=\"printed\",printer=\"Messung\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("app_print_jobs_finished_total{printer=\"Messung\",state=\"printed\"} 1")
    );
    assert!(text.contains("app_printer_up{condition=\"ready\",printer=\"Messung\"} 1"));
    Ok(())
}

#[tokio::test]
async fn two_instances_on_postgres_send_every_job_once_and_in_order() -> TestResult {
    let first = TestApp::spawn().await;
    let Some(url) = first.postgres_url().map(str::to_string) else {
        eprintln!("skipped: needs TEST_DATABASE_URL (PostgreSQL)");
        return Ok(());
    };
    let second = TestApp::spawn_with(|s| {
        s.database.url = Some(secrecy::SecretString::from(url));
        s.migrate_on_start = false;
    })
    .await;
    let printer = emulator().await;
    let id = register(&first, "Geteilt", printer.local_addr()).await;
    let a = first.admin().await;
    let b = second.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let mut ids = Vec::new();
    for i in 0..60 {
        let session = if i % 2 == 0 { a } else { &b };
        ids.push(print_test(session, id).await["id"].as_i64().ok_or("id")?);
    }
    let labels = printer.wait_for_labels(60, Duration::from_secs(60)).await;
    let last = *ids.last().ok_or("ids")?;
    wait_job(a, last, "printed", state_is("printed")).await;
    let printed: Vec<i64> = printer
        .labels()
        .iter()
        .map(|l| job_number(&l.zpl))
        .collect();
    assert_eq!(labels.len(), 60);
    assert_eq!(printed, ids, "each job once, in order");
    Ok(())
}
