//! Real-browser end-to-end tests: headless Chromium, driven over WebDriver (chromedriver), against the
//! real server serving the built SPA.
//!
//! Needs Chromium, chromedriver and a release build of the SPA; `scripts/test.sh` provides all three and
//! runs these with `--ignored`, pointing `ETIKETT_E2E_STATIC_DIR` at `frontend/dist`.

mod auth;
mod dashboards;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod home;
mod inspection;
mod packaging;
mod printing;
mod shell;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use helpers::TestApp;

pub type E2eResult = Result<(), Box<dyn std::error::Error>>;

/// The app serving the built SPA, plus a browser session.
pub struct Browser {
    pub app: TestApp,
    window: Window,
}

/// One browser (its own chromedriver and profile) on the app at `base`.
pub struct Window {
    pub client: Client,
    base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl std::ops::Deref for Browser {
    type Target = Window;

    fn deref(&self) -> &Window {
        &self.window
    }
}

impl Browser {
    pub async fn start() -> Result<Self, Box<dyn std::error::Error>> {
        Self::start_with(|_| {}).await
    }

    /// Like [`Browser::start`], with the server settings adjusted by `configure`.
    pub async fn start_with(
        configure: impl FnOnce(&mut etikettdrucker::settings::Settings) + Send + 'static,
    ) -> Result<Self, Box<dyn std::error::Error>> {
        let static_dir = PathBuf::from(
            std::env::var("ETIKETT_E2E_STATIC_DIR")
                .map_err(|_| "set ETIKETT_E2E_STATIC_DIR to the built SPA (frontend/dist)")?,
        );
        if !static_dir.join("index.html").is_file() {
            return Err(format!("no built SPA in {}", static_dir.display()).into());
        }
        let app = TestApp::spawn_with(move |s| {
            s.static_dir = static_dir;
            configure(s);
        })
        .await;

        let window = Window::launch(app.address.clone()).await?;
        Ok(Self { app, window })
    }

    /// A second, independent browser on the same app (another person at another workstation).
    pub async fn another_window(&self) -> Result<Window, Box<dyn std::error::Error>> {
        Window::launch(self.app.address.clone()).await
    }

    pub async fn stop(self) {
        self.window.stop().await;
    }
}

impl Window {
    async fn launch(base: String) -> Result<Self, Box<dyn std::error::Error>> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or("chromedriver".into()))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let profile = tempfile::tempdir()?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let webdriver = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(error) if Instant::now() >= deadline => {
                    return Err(format!("no WebDriver session: {error}").into());
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Ok(Self {
            client,
            base,
            driver,
            _profile: profile,
        })
    }

    pub async fn open(&self, path: &str) -> Result<(), fantoccini::error::CmdError> {
        self.client.goto(&format!("{}{path}", self.base)).await
    }

    /// Signs in on the login page and waits for the start page.
    pub async fn sign_in(&self, username: &str, password: &str) -> E2eResult {
        self.open("/login").await?;
        self.fill("login-identifier", username).await?;
        self.fill("login-password", password).await?;
        self.click("login-submit").await?;
        self.wait_for_path("/").await?;
        Ok(())
    }

    /// Waits until the element matching `css` shows exactly `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
            {
                if text.trim() == expected {
                    return Ok(());
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("{css}: expected {expected:?}, last seen {last:?}"))
    }

    /// Waits until an element matching `css` is in the page.
    pub async fn wait_for(&self, css: &str) -> Result<Element, String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                return Ok(element);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("{css}: not in the page"))
    }

    /// Waits until the browser shows the client route `path` (without query).
    pub async fn wait_for_path(&self, path: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(url) = self.client.current_url().await {
                if url.path() == path {
                    return Ok(());
                }
                last = url.to_string();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("expected path {path}, last seen {last}"))
    }

    /// Clicks the element with `data-testid` `testid` once it is in the page.
    pub async fn click(&self, testid: &str) -> E2eResult {
        let element = self.wait_for(&format!("[data-testid={testid}]")).await?;
        // WebDriver does not scroll an element that is partly in view, and the sticky footer may
        // cover the part it would click.
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Replaces the value of the input with `data-testid` `testid` by `text`, typed key by key.
    pub async fn fill(&self, testid: &str, text: &str) -> E2eResult {
        let input = self.wait_for(&format!("[data-testid={testid}]")).await?;
        // WebDriver's own "clear" fires no `input` event, so the app would not see it.
        self.client
            .execute(
                "arguments[0].value = ''; \
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::to_value(&input)?],
            )
            .await?;
        input.send_keys(text).await?;
        Ok(())
    }

    /// Chooses the option with value `value` in the `<select>` with `data-testid` `testid`.
    pub async fn select(&self, testid: &str, value: &str) -> E2eResult {
        self.wait_for(&format!("[data-testid={testid}]"))
            .await?
            .select_by_value(value)
            .await?;
        Ok(())
    }

    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
