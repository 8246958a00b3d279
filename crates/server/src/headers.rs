//! Security headers sent with every response.

use std::path::Path;

use actix_web::middleware::DefaultHeaders;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Headers for every response, with the policy from [`content_security_policy`]; HSTS (one year,
/// subdomains included) when the server speaks HTTPS.
pub fn security_headers(csp: &str, https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add(("X-Frame-Options", "DENY"))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        .add(("Content-Security-Policy", csp.to_owned()))
}

/// The Content-Security-Policy: the wasm SPA (its inline start script allowed by hash) and nothing from
/// other origins. Hashes of the inline scripts the built `index.html` contains. of the inline scripts the built `index.html` contains.
pub fn content_security_policy(static_dir: &Path) -> String {
    let index = std::fs::read_to_string(static_dir.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&index)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Bodies of `<script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        let (script, _) = body.split_once("</script>")?;
        Some(script)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html =
            r#"<html><script src="/a.js"></script><script type="module">run()</script></html>"#;
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, vec!["run()"]);
    }

    #[test]
    fn policy_lists_the_hash_of_each_inline_script() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("index.html"),
            "<script type=\"module\">alert(1)</script>",
        )?;
        let csp = content_security_policy(dir.path());
        // sha256("alert(1)") in base64.
        assert!(csp.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("http"));
        Ok(())
    }
}
