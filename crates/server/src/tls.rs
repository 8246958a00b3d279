//! HTTPS with rustls (ring provider) from PEM files.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rustls::ServerConfig;

/// The TLS configuration for a certificate chain and private key in PEM files.
pub fn server_config(cert_file: &Path, key_file: &Path) -> anyhow::Result<ServerConfig> {
    let certs = rustls_pemfile::certs(&mut BufReader::new(
        File::open(cert_file).with_context(|| format!("cannot open {}", cert_file.display()))?,
    ))
    .collect::<Result<Vec<_>, _>>()
    .with_context(|| format!("{} is not a PEM certificate", cert_file.display()))?;
    if certs.is_empty() {
        anyhow::bail!(
            "{} holds no certificate (ETIKETT_TLS__CERT_FILE)",
            cert_file.display()
        );
    }
    let key = rustls_pemfile::private_key(&mut BufReader::new(
        File::open(key_file).with_context(|| format!("cannot open {}", key_file.display()))?,
    ))
    .with_context(|| format!("{} is not a PEM key", key_file.display()))?
    .with_context(|| {
        format!(
            "{} holds no private key (ETIKETT_TLS__KEY_FILE)",
            key_file.display()
        )
    })?;
    ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .context("certificate and key do not match")
}
