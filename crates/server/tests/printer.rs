//! The printer client against the printer emulator, on loopback only.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use etikettdrucker::printing::{
    EmulatedState, Emulator, EmulatorConfig, PrinterClient, PrinterError, PrinterFault, Stage,
    Timeouts,
};
use labels::product::{JsText, Product, ProductLabelInput, write_label};
use labels::zpl::Mode;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const LOOPBACK_ANY_PORT: SocketAddr = SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
/// Upper bound for things that happen within milliseconds on loopback.
const DEADLINE: Duration = Duration::from_secs(5);

async fn emulator(config: EmulatorConfig) -> Emulator {
    Emulator::start(LOOPBACK_ANY_PORT, config)
        .await
        .expect("emulator binds 127.0.0.1:0")
}

fn client_for(emulator: &Emulator) -> PrinterClient {
    let addr = emulator.local_addr();
    PrinterClient::new(addr.ip().to_string(), addr.port())
}

fn product_label(serial: &str, mode: Mode) -> String {
    let input = ProductLabelInput {
        serialnummer: serial.into(),
        artikel_bezeichnung: "Rotoclear C Pro".into(),
        artikel_nummer: JsText::from("RC-1000"),
        seriennummer_elektronik: "E-4711".into(),
        mac_adresse: "00:11:22:33:44:55".into(),
        seriennummer_festplatte: "HDD-1".into(),
        software_version: "3.2.1".into(),
        datum: "2025-09-17".into(),
        ..ProductLabelInput::default()
    };
    write_label(Product::CPro, &input, mode).expect("label")
}

#[tokio::test]
async fn the_printer_receives_exactly_the_bytes_sent() -> TestResult {
    let emulator = emulator(EmulatorConfig::default()).await;
    let zpl = product_label("CP-0001", Mode::CompatOriginal);

    client_for(&emulator).send(zpl.as_bytes()).await?;

    let labels = emulator.wait_for_labels(1, DEADLINE).await;
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].zpl, zpl.as_bytes());
    assert_eq!(emulator.connections(), vec![zpl.into_bytes()]);
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn two_jobs_in_one_connection_are_two_labels() -> TestResult {
    let dir = tempfile::tempdir()?;
    let emulator = emulator(EmulatorConfig {
        out_dir: Some(dir.path().to_path_buf()),
        ..EmulatorConfig::default()
    })
    .await;
    let first = product_label("CP-0001", Mode::Default);
    let second = product_label("CP-0002", Mode::Default);

    client_for(&emulator)
        .send(format!("{first}\r\n{second}\r\n").as_bytes())
        .await?;

    let labels = emulator.wait_for_labels(2, DEADLINE).await;
    let received: Vec<_> = labels.iter().map(|l| (l.number, l.connection)).collect();
    assert_eq!(received, vec![(1, 1), (2, 1)]);
    assert_eq!(labels[0].zpl, first.as_bytes());
    assert_eq!(labels[1].zpl, second.as_bytes());
    assert_eq!(
        std::fs::read(dir.path().join("0002.zpl"))?,
        second.as_bytes()
    );
    let svg = std::fs::read_to_string(dir.path().join("0001.svg"))?;
    assert!(svg.contains("<svg"), "{svg}");
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn each_emulated_state_maps_to_its_faults() -> TestResult {
    let emulator = emulator(EmulatorConfig::default()).await;
    let client = client_for(&emulator);
    for (state, faults) in [
        (EmulatedState::Ready, vec![]),
        (EmulatedState::PaperOut, vec![PrinterFault::PaperOut]),
        (EmulatedState::Paused, vec![PrinterFault::Paused]),
        (EmulatedState::HeadOpen, vec![PrinterFault::HeadOpen]),
    ] {
        emulator.set_state(state);
        let status = client.status().await?;
        assert_eq!(status.faults(), faults, "{state:?}");
        assert_eq!(status.is_ready(), faults.is_empty());
    }
    // Status requests are not labels.
    assert!(emulator.labels().is_empty());
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn nothing_listening_is_refused() -> TestResult {
    let emulator = emulator(EmulatorConfig::default()).await;
    let client = client_for(&emulator);
    emulator.stop().await;

    let status = client.status().await;
    assert!(matches!(status, Err(PrinterError::Refused)), "{status:?}");
    let sent = client.send(b"^XA^XZ").await;
    assert!(matches!(sent, Err(PrinterError::Refused)), "{sent:?}");
    Ok(())
}

#[tokio::test]
async fn a_printer_that_closes_at_once_is_not_a_success() -> TestResult {
    let emulator = emulator(EmulatorConfig {
        refuse: true,
        ..EmulatorConfig::default()
    })
    .await;
    let client = client_for(&emulator);

    let sent = client
        .send(product_label("CP-0003", Mode::Default).as_bytes())
        .await;
    assert!(matches!(sent, Err(PrinterError::Disconnected)), "{sent:?}");
    let status = client.status().await;
    assert!(
        matches!(status, Err(PrinterError::Disconnected)),
        "{status:?}"
    );
    assert!(emulator.labels().is_empty());
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn no_status_answer_is_a_timeout() -> TestResult {
    let emulator = emulator(EmulatorConfig {
        state: EmulatedState::NoAnswer,
        ..EmulatorConfig::default()
    })
    .await;
    let client = client_for(&emulator).with_timeouts(Timeouts {
        status: Duration::from_millis(200),
        ..Timeouts::default()
    });

    let status = client.status().await;
    assert!(
        matches!(status, Err(PrinterError::Timeout(Stage::Status))),
        "{status:?}"
    );
    let message = status.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("Zeitüberschreitung"), "{message}");
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_disconnect_in_the_middle_of_a_job_is_an_error() -> TestResult {
    let zpl = product_label("CP-0004", Mode::CompatOriginal);
    let emulator = emulator(EmulatorConfig {
        disconnect_after: Some(zpl.len() / 2),
        ..EmulatorConfig::default()
    })
    .await;

    let sent = client_for(&emulator).send(zpl.as_bytes()).await;

    assert!(matches!(sent, Err(PrinterError::Disconnected)), "{sent:?}");
    assert!(emulator.labels().is_empty());
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn slow_reads_still_deliver_everything() -> TestResult {
    let emulator = emulator(EmulatorConfig {
        read_delay: Some(Duration::from_millis(2)),
        chunk_size: 512,
        ..EmulatorConfig::default()
    })
    .await;
    let zpl = product_label("CP-0005", Mode::CompatOriginal);
    let jobs = format!("{zpl}{zpl}{zpl}");

    client_for(&emulator).send(jobs.as_bytes()).await?;

    let labels = emulator.wait_for_labels(3, DEADLINE).await;
    assert_eq!(labels.len(), 3);
    assert!(labels.iter().all(|l| l.zpl == zpl.as_bytes()));
    assert_eq!(emulator.connections(), vec![jobs.into_bytes()]);
    emulator.stop().await;
    Ok(())
}

#[tokio::test]
async fn state_changes_at_runtime_and_labels_follow_the_state() -> TestResult {
    let emulator = emulator(EmulatorConfig::default()).await;
    let client = client_for(&emulator);
    emulator.set_state(EmulatedState::PaperOut);
    assert_eq!(
        client.status().await?.faults(),
        vec![PrinterFault::PaperOut]
    );
    emulator.set_state(EmulatedState::Ready);
    assert!(client.status().await?.is_ready());
    assert_eq!(emulator.state(), EmulatedState::Ready);
    emulator.stop().await;
    Ok(())
}

#[test]
fn printer_errors_read_as_german_sentences() {
    for error in [
        PrinterError::Refused,
        PrinterError::Timeout(Stage::Connect),
        PrinterError::Disconnected,
        PrinterError::Io(std::io::Error::other("x")),
    ] {
        let message = error.to_string();
        assert!(
            message.starts_with("Der Drucker") || message.starts_with("Netzwerkfehler"),
            "{message}"
        );
    }
}
