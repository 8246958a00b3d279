//! HTTPS with a configured certificate: HSTS, and plain HTTP redirected. Uses the `openssl` and
//! `curl` command-line tools (scripts/bootstrap.sh installs them) for a self-signed certificate and
//! a client that trusts it.

use std::process::Command;

use crate::helpers::{TestApp, TestResult};

// Multi-threaded: curl runs as a blocking child process while the server keeps accepting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_sends_hsts_and_plain_http_is_redirected() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()?;
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let (cert_file, key_file) = (cert.clone(), key.clone());
    let redirect_port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let app = TestApp::spawn_with(move |s| {
        s.tls.cert_file = Some(cert_file);
        s.tls.key_file = Some(key_file);
        s.tls.redirect_http_port = Some(redirect_port);
    })
    .await;
    let https = app.address.replace("http://", "https://");

    let curl = |args: &[&str]| -> std::io::Result<String> {
        let output = Command::new("curl")
            .args(["-s", "-i", "--max-time", "10"])
            .args(args)
            .output()?;
        Ok(String::from_utf8_lossy(&output.stdout).to_lowercase())
    };
    let secure = curl(&[
        "--cacert",
        &cert.to_string_lossy(),
        &format!("{https}/api/health"),
    ])?;
    assert!(secure.starts_with("http/1.1 200"), "{secure}");
    assert!(
        secure.contains("strict-transport-security: max-age=31536000; includesubdomains"),
        "{secure}"
    );

    let redirected = curl(&[&format!("http://127.0.0.1:{redirect_port}/status?x=1")])?;
    assert!(redirected.starts_with("http/1.1 308"), "{redirected}");
    let port = app
        .address
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        redirected.contains(&format!("location: https://127.0.0.1:{port}/status?x=1")),
        "{redirected}"
    );
    Ok(())
}

#[test]
fn a_certificate_without_a_key_is_a_configuration_error() {
    let env = [(
        "ETIKETT_TLS__CERT_FILE".to_string(),
        "/tmp/c.pem".to_string(),
    )];
    let error = etikettdrucker::settings::Settings::load_from(None, env)
        .err()
        .map(|e| e.to_string());
    assert!(error.is_some_and(|e| e.contains("ETIKETT_TLS__KEY_FILE")));
}
