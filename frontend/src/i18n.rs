//! UI texts in German (default) and English, and the reactive language context.
//!
//! Every text the SPA shows is a [`Key`]; [`t`] looks it up. The table is written once, as
//! `Key => "Deutsch", "English";` rows, so a key cannot exist without both translations.

use api_types::ErrorCode;
use leptos::prelude::*;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// German, the shop floor's language and the default.
    #[default]
    De,
    En,
}

impl Lang {
    /// The value of `<html lang>` and of the stored preference.
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// BCP 47 locale for dates formatted by the browser.
    pub fn locale(self) -> &'static str {
        match self {
            Self::De => "de-DE",
            Self::En => "en-GB",
        }
    }

    /// The other language (the language switch has two states).
    pub fn toggled(self) -> Self {
        match self {
            Self::De => Self::En,
            Self::En => Self::De,
        }
    }
}

macro_rules! texts {
    ($($key:ident => $de:literal, $en:literal;)+) => {
        /// A UI text; [`t`] gives its wording.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)+
        }

        impl Key {
            /// Every key, for tests.
            pub const ALL: &'static [Key] = &[$(Key::$key,)+];
        }

        /// The text of `key` in `lang`.
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (key, lang) {
                $(
                    (Key::$key, Lang::De) => $de,
                    (Key::$key, Lang::En) => $en,
                )+
            }
        }
    };
}

texts! {
    // Shell
    AppName => "Etikettdrucker", "Etikettdrucker";
    SkipToContent => "Zum Inhalt springen", "Skip to content";
    LogoHomeLabel => "Rotoclear – zur Startseite", "Rotoclear – go to the home page";
    NavLabel => "Hauptnavigation", "Main navigation";
    NavHome => "Startseite", "Home";
    NavStatus => "Systemstatus", "System status";
    LangSwitchLabel => "Sprache wechseln: English", "Switch language: Deutsch";
    FooterRights => "Alle Rechte vorbehalten.", "All rights reserved.";

    // Home page
    HomeTitle => "Haupt Dashboard", "Main dashboard";
    HomeSubtitle => "Zentrale Verwaltung für Prüfprotokolle und Etikettendruck",
        "Central management of inspection records and label printing";
    HomeQuickAccess => "Schnellzugriff", "Quick access";
    HomeStatusText => "Datenbank, Speicherplatz und Arbeitsspeicher des Servers prüfen",
        "Check the server's database, disk space and memory";
    HomeApiDocs => "API-Dokumentation", "API documentation";
    HomeApiDocsText => "REST-Schnittstelle für andere Rotoclear-Systeme (OpenAPI)",
        "REST interface for other Rotoclear systems (OpenAPI)";

    // System status page
    StatusTitle => "Systemstatus", "System status";
    StatusIntro => "Zustand des Servers und seiner Abhängigkeiten. Die Anzeige aktualisiert sich alle 10 Sekunden.",
        "State of the server and its dependencies. The view refreshes every 10 seconds.";
    StatusLoading => "Lade Systemstatus …", "Loading system status …";
    StatusLoadFailed => "Systemstatus nicht abrufbar", "System status unavailable";
    StatusOverall => "Gesamtstatus", "Overall status";
    StatusHealthy => "Betriebsbereit", "Healthy";
    StatusUnhealthy => "Gestört", "Unhealthy";
    StatusVersion => "Server-Version", "Server version";
    StatusCheckedAt => "Geprüft am", "Checked at";
    StatusChecks => "Prüfungen", "Checks";
    CheckOk => "OK", "OK";
    CheckWarning => "Warnung", "Warning";
    CheckError => "Fehler", "Error";
    CheckDatabase => "Datenbank", "Database";
    CheckFilesystem => "Dateisystem", "File system";
    CheckMemory => "Arbeitsspeicher", "Memory";
    DatabaseBackend => "Datenbanksystem", "Database system";
    DatabaseLatency => "Antwortzeit", "Response time";
    FilesystemFree => "Freier Speicherplatz", "Free space";
    MemoryUsed => "Belegt", "In use";
    MemoryLimit => "Warngrenze", "Warning limit";
    Refresh => "Aktualisieren", "Refresh";
    Retry => "Erneut versuchen", "Try again";

    // Not found page
    NotFoundTitle => "Seite nicht gefunden", "Page not found";
    NotFoundText => "Unter dieser Adresse gibt es keine Seite:", "There is no page at this address:";
    BackHome => "Zur Startseite", "Go to the home page";

    // Toasts
    ToastRegion => "Benachrichtigungen", "Notifications";
    ToastDismiss => "Meldung schließen", "Dismiss notification";

    // Error classes (titles above the server's message)
    ErrorBadRequest => "Ungültige Anfrage", "Bad request";
    ErrorAuthRequired => "Nicht angemeldet", "Not signed in";
    ErrorForbidden => "Keine Berechtigung", "Permission denied";
    ErrorNotFound => "Nicht gefunden", "Not found";
    ErrorConflict => "Konflikt", "Conflict";
    ErrorTooLarge => "Anfrage zu groß", "Request too large";
    ErrorValidation => "Validierungsfehler", "Validation error";
    ErrorRateLimited => "Zu viele Anfragen", "Too many requests";
    ErrorInternal => "Interner Serverfehler", "Internal server error";
    ErrorUnavailable => "Server nicht erreichbar", "Server unreachable";
}

/// The title that introduces an error of class `code`.
pub fn error_title(code: ErrorCode) -> Key {
    match code {
        ErrorCode::BadRequest | ErrorCode::MethodNotAllowed => Key::ErrorBadRequest,
        ErrorCode::AuthRequired => Key::ErrorAuthRequired,
        ErrorCode::Forbidden => Key::ErrorForbidden,
        ErrorCode::NotFound => Key::ErrorNotFound,
        ErrorCode::Conflict => Key::ErrorConflict,
        ErrorCode::PayloadTooLarge => Key::ErrorTooLarge,
        ErrorCode::ValidationError => Key::ErrorValidation,
        ErrorCode::RateLimited => Key::ErrorRateLimited,
        ErrorCode::InternalError => Key::ErrorInternal,
        ErrorCode::ServiceUnavailable => Key::ErrorUnavailable,
    }
}

/// Where the chosen language is remembered between visits.
pub const STORAGE_KEY: &str = "etikettdrucker_lang";

/// The reactive language of the app, provided as context by [`provide_i18n`].
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The current language (tracked: the caller re-runs when it changes).
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
    }

    pub fn toggle(self) {
        self.lang.update(|lang| *lang = lang.toggled());
    }

    /// The text of `key` in the current language (tracked).
    pub fn t(self, key: Key) -> &'static str {
        t(self.lang(), key)
    }

    /// A reactive text for views: `{i18n.tr(Key::NavHome)}` follows language changes.
    pub fn tr(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }
}

/// Creates the language context: the stored preference or German, kept in `localStorage` and in
/// `<html lang>` whenever it changes.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(browser::stored_lang().unwrap_or_default()),
    };
    Effect::new(move || {
        let lang = i18n.lang();
        browser::store_lang(lang);
        browser::set_document_lang(lang);
    });
    provide_context(i18n);
    i18n
}

/// The language context of the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

mod browser {
    use super::{Lang, STORAGE_KEY};

    fn storage() -> Option<web_sys::Storage> {
        // `localStorage` can be missing or throw (privacy settings); the language then lasts one visit.
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn stored_lang() -> Option<Lang> {
        Lang::from_code(&storage()?.get_item(STORAGE_KEY).ok()??)
    }

    pub fn store_lang(lang: Lang) {
        if let Some(storage) = storage() {
            // Best effort: a full or blocked storage only loses the preference.
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    }

    pub fn set_document_lang(lang: Lang) {
        let root = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("lang", lang.code());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_german_and_english_text() {
        for &key in Key::ALL {
            for lang in [Lang::De, Lang::En] {
                assert!(
                    !t(lang, key).trim().is_empty(),
                    "{key:?} has no {} text",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn german_is_the_default() {
        assert_eq!(Lang::default(), Lang::De);
        assert_eq!(t(Lang::default(), Key::NavStatus), "Systemstatus");
        assert_eq!(t(Lang::En, Key::NavStatus), "System status");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::De, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.toggled().toggled(), lang);
            assert_ne!(lang.toggled(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn unreachable_server_has_its_own_title() {
        assert_eq!(
            t(Lang::De, error_title(ErrorCode::ServiceUnavailable)),
            "Server nicht erreichbar"
        );
        assert_eq!(
            t(Lang::En, error_title(ErrorCode::AuthRequired)),
            "Not signed in"
        );
    }
}
