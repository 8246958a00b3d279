//! UI texts in German (default) and English, and the reactive language context.
//!
//! Every text the SPA shows is a [`Key`]; [`t`] looks it up. The table is written once, as
//! `Key => "Deutsch", "English";` rows, so a key cannot exist without both translations.

use api_types::ErrorCode;
use api_types::auth::{Risk, Role, UserStatus};
use api_types::inspection::InspectionStatus;
use api_types::printing::{JobKind, JobState};
use api_types::validation::Message;
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
    NavAdminUsers => "Benutzerverwaltung", "User management";
    NavApiTokens => "API-Tokens", "API tokens";
    NavSecurityEvents => "Sicherheitsprotokoll", "Security log";
    NavPrintJobs => "Druckaufträge", "Print jobs";
    NavPrinters => "Drucker", "Printers";
    NavPackaging => "Verpackung", "Packaging";
    NavArticles => "Artikelkatalog", "Article catalogue";
    // ---- Packaging: Zubehör, Halterung, catalogue (helper A adds keys below) ----
    ZubehoerTitle => "Zubehör-Etikett", "Accessory label";
    ZubehoerHistoryTitle => "Gespeicherte Zubehör-Etiketten", "Stored accessory labels";
    HalterungTitle => "Halterung-Etikett", "Mount label";
    HalterungHistoryTitle => "Gespeicherte Halterung-Etiketten", "Stored mount labels";
    PackagingIntro => "Zubehör- und Halterungsetiketten erstellen, Außenkartons packen und gespeicherte Etiketten finden und nachdrucken.",
        "Create accessory and mount labels, pack outer cartons, and find and reprint stored labels.";
    PackagingLabels => "Etiketten und Kartons", "Labels and cartons";
    PackagingSerialTitle => "Karton zu Seriennummer finden", "Find the carton of a serial number";
    PackagingSerialSubmit => "Karton suchen", "Find carton";
    PackTileZubehoer => "Lieferschein-Nummer scannen, Zubehör wählen, speichern und drucken",
        "Scan the delivery note number, choose the accessories, save and print";
    PackTileZubehoerHistory => "Suchen, ansehen und nachdrucken – auch per Lieferschein-Nummer",
        "Search, view and reprint – also by delivery note number";
    PackTileHalterung => "Halterungen wählen, speichern und drucken", "Choose the mounts, save and print";
    PackTileHalterungHistory => "Suchen, ansehen und nachdrucken", "Search, view and reprint";
    PackTileCarton => "Produkte, Zubehör und Halterungen scannen und den Karton drucken",
        "Scan products, accessories and mounts and print the carton label";
    PackTileCartons => "Gepackte Kartons suchen, ansehen und nachdrucken", "Search, view and reprint packed cartons";
    ZubehoerIntro => "Lieferschein-Nummer eingeben oder scannen, die Artikel mit „Ja“ wählen und Menge sowie Seriennummer angeben. Enter springt zum nächsten Feld; gespeichert wird nur mit den Schaltflächen.",
        "Type or scan the delivery note number, choose the articles with \u{201c}Yes\u{201d} and enter quantity and serial number. Enter moves to the next field; only the buttons save.";
    ZubehoerToHistory => "Gespeicherte Etiketten & Nachdruck", "Stored labels & reprint";
    ZubehoerNew => "Neues Zubehör-Etikett", "New accessory label";
    Lieferscheinnummer => "Lieferschein-Nummer", "Delivery note number";
    LieferscheinHint => "Scannen oder eingeben; Enter springt zum ersten Artikel.",
        "Scan or type; Enter moves to the first article.";
    ZubehoerSaved => "Zubehör-Etikett {name} gespeichert", "Accessory label {name} saved";
    ZubehoerPreviewEmpty => "Die Vorschau erscheint, sobald eine Lieferschein-Nummer eingegeben, mindestens ein Artikel gewählt und jede Menge gültig ist.",
        "The preview appears once a delivery note number is entered, at least one article is chosen and every quantity is valid.";
    ZubehoerHistoryIntro => "Alle Zubehör-Etiketten, die neuesten zuerst. Eine Zeile öffnet das Etikett mit seinen Artikeln, Druckaufträgen und dem Nachdruck.",
        "Every accessory label, newest first. A row opens the label with its articles, print jobs and the reprint.";
    ZubehoerSearchLabel => "Suche (Lieferschein, Artikel, Seriennummer)", "Search (delivery note, article, serial number)";
    ZubehoerLoading => "Lade Zubehör-Etiketten …", "Loading accessory labels …";
    ZubehoerEmpty => "Keine Zubehör-Etiketten für diese Suche.", "No accessory labels for this search.";
    ZubehoerReprintLookupTitle => "Nachdruck per Lieferschein-Nummer", "Reprint by delivery note number";
    ZubehoerReprintLookupHint => "Scannen oder eingeben; Enter öffnet das Etikett.", "Scan or type; Enter opens the label.";
    ZubehoerReprintLookupSubmit => "Etikett öffnen", "Open label";
    ZubehoerNotFoundFor => "Kein Zubehör-Etikett mit der Lieferschein-Nummer „{name}“ gefunden.",
        "No accessory label with the delivery note number \u{201c}{name}\u{201d}.";
    ZubehoerDetailTitle => "Zubehör-Etikett {name}", "Accessory label {name}";
    CExtenderSerial => "Seriennummer (C-Extender)", "Serial number (C-Extender)";
    HalterungIntro => "Die Halterungen mit „Ja“ wählen und die Menge angeben. Das Etikett trägt das heutige Datum.",
        "Choose the mounts with \u{201c}Yes\u{201d} and enter the quantity. The label carries today's date.";
    HalterungToHistory => "Gespeicherte Etiketten & Nachdruck", "Stored labels & reprint";
    HalterungNew => "Neues Halterung-Etikett", "New mount label";
    HalterungSaved => "Halterung-Etikett vom {name} gespeichert", "Mount label of {name} saved";
    HalterungPreviewEmpty => "Die Vorschau erscheint, sobald mindestens ein Artikel gewählt und jede Menge gültig ist.",
        "The preview appears once at least one article is chosen and every quantity is valid.";
    HalterungHistoryIntro => "Alle Halterung-Etiketten, die neuesten zuerst. Eine Zeile öffnet das Etikett mit seinen Artikeln, Druckaufträgen und dem Nachdruck.",
        "Every mount label, newest first. A row opens the label with its articles, print jobs and the reprint.";
    HalterungSearchLabel => "Suche (Artikel)", "Search (article)";
    HalterungLoading => "Lade Halterung-Etiketten …", "Loading mount labels …";
    HalterungEmpty => "Keine Halterung-Etiketten für diese Suche.", "No mount labels for this search.";
    HalterungDetailTitle => "Halterung-Etikett #{id}", "Mount label #{id}";
    ArticlesLegend => "Artikel", "Articles";
    ArticlesHint => "Artikel mit „Ja“ wählen, dann die Menge (1–99) angeben. Gruppen lassen sich zur Übersicht ein- und ausklappen; gewählte Artikel bleiben gewählt.",
        "Choose articles with \u{201c}Yes\u{201d}, then enter the quantity (1–99). Groups can be collapsed for overview; chosen articles stay chosen.";
    ArticlesChosenCount => "{count} von {total} gewählt", "{count} of {total} chosen";
    ArticlesNoneChosen => "Bitte mindestens einen Artikel wählen.", "Please choose at least one article.";
    ArticlesNoneActive => "Im Katalog ist kein aktiver Artikel dieser Art. Ein Administrator kann ihn im Artikelkatalog anlegen oder aktivieren.",
        "The catalogue has no active article of this kind. An administrator can add or enable one in the article catalogue.";
    ArticlesLoading => "Lade Artikel …", "Loading articles …";
    Menge => "Menge", "Quantity";
    MengeInvalid => "Bitte eine ganze Zahl von 1 bis 99 eingeben", "Please enter a whole number from 1 to 99";
    MengeLess => "Menge verringern", "Decrease quantity";
    MengeMore => "Menge erhöhen", "Increase quantity";
    SaveOnly => "Nur speichern", "Save only";
    SaveAndPrint => "Speichern & Drucken", "Save & print";
    PackPrinting => "Das Etikett wird gedruckt.", "The label is being printed.";
    ShowInHistory => "Im Verlauf anzeigen", "Show in the history";
    ColArticles => "Artikel", "Articles";
    ColLastPrint => "Letzter Druck", "Last print";
    ColLabelNumber => "Nr.", "No.";
    NotPrinted => "Nicht gedruckt", "Not printed";
    LabelLoading => "Lade Etikett …", "Loading label …";
    LabelNotFound => "Dieses Etikett gibt es nicht.", "This label does not exist.";
    ArticlesIntro => "Zubehör und Halterungen, die die Formulare anbieten, in der Reihenfolge der Formulare. Änderungen gelten sofort; gespeicherte Etiketten bleiben unverändert.",
        "The accessories and mounts the forms offer, in the order of the forms. Changes apply at once; stored labels stay as they are.";
    ArticlesEmpty => "Der Katalog ist leer.", "The catalogue is empty.";
    ArticleCreate => "Neuen Artikel anlegen", "Add new article";
    ArticleCreateSubmit => "Artikel anlegen", "Add article";
    ArticleCreateBusy => "Lege Artikel an …", "Adding article …";
    ArticleCreated => "Artikel {name} wurde angelegt", "Article {name} was added";
    ArticleEditTitle => "Artikel bearbeiten: {name}", "Edit article: {name}";
    ArticleSaved => "Änderungen an Artikel {name} gespeichert", "Changes to article {name} saved";
    ArticleNameHint => "Genau so, wie sie auf dem Etikett stehen soll", "Exactly as it is to appear on the label";
    ArticleCategoryLabel => "Kategorie", "Category";
    CategoryZubehoer => "Zubehör", "Accessory";
    CategoryHalterung => "Halterung", "Mount";
    ArticleGroup => "Gruppe", "Group";
    ArticleGroupHint => "Überschrift im Formular, z. B. „Datenkabel“", "Heading on the form, e.g. \u{201c}Datenkabel\u{201d}";
    ArticleSortOrder => "Reihenfolge", "Order";
    ArticleSortOrderHint => "Kleinere Zahlen stehen weiter oben", "Smaller numbers come first";
    SortOrderInvalid => "Bitte eine ganze Zahl von -100000 bis 100000 eingeben", "Please enter a whole number from -100000 to 100000";
    ArticleHasSerial => "Mit Seriennummer", "With serial number";
    ArticleHasSerialShort => "Seriennummer", "Serial number";
    ArticleHasSerialHint => "Das Formular fragt zu diesem Artikel eine Seriennummer ab (z. B. C-Extender).",
        "The form asks for a serial number with this article (e.g. the C-Extender).";
    ArticleActive => "Aktiv", "Active";
    ArticleActiveHint => "Nur aktive Artikel stehen in den Formularen.", "Only active articles appear on the forms.";
    ArticleActiveBadge => "Aktiv", "Active";
    ArticleInactiveBadge => "Inaktiv", "Inactive";
    // ---- Packaging: Outer-Karton (helper B adds keys below) ----
    CartonTitle => "Außenkarton packen", "Pack outer carton";
    CartonsTitle => "Außenkartons", "Outer cartons";
    CartonDetailTitle => "Außenkarton", "Outer carton";
    CartonIntro => "Etiketten der Produkte, des Zubehörs und der Halterungen scannen (oder manuell wählen), die Vorschau prüfen und den Karton speichern und drucken. Jeder Scan wird angezeigt und mit einem Ton bestätigt.",
        "Scan the labels of the products, accessories and mounts (or choose them by hand), check the preview, then save and print the carton. Every scan is shown and confirmed with a tone.";
    CartonLieferschein => "Auftrags-/Lieferschein-Nummer", "Order / delivery note number";
    CartonLieferscheinHint => "Optional; Enter springt zum Scan-Feld.", "Optional; Enter moves on to the scan field.";
    CartonModes => "Art der Erfassung", "How rows are added";
    CartonModeScan => "Scan-Modus", "Scan mode";
    CartonModeManual => "Manuelle Auswahl", "Manual selection";
    CartonScanLabel => "QR-Code scannen", "Scan QR code";
    CartonScanHint => "Jeder Scan (mit Enter am Ende) wird sofort übernommen, auch während der vorige noch geprüft wird.",
        "Every scan (ending with Enter) is taken at once, even while the previous one is still being checked.";
    CartonAdd => "Hinzufügen", "Add";
    CartonScansRunning => "Prüfe {count} Scan(s) …", "Checking {count} scan(s) …";
    CartonAdded => "{title} hinzugefügt", "{title} added";
    CartonAddedLines => "{title}: {count} Zeilen hinzugefügt", "{title}: {count} rows added";
    CartonAddedPartly => "{title}: {count} Zeile(n) hinzugefügt – {name} bereits im Karton",
        "{title}: {count} row(s) added – {name} already in the carton";
    CartonAddedProblem => "{title} hinzugefügt – {name}", "{title} added – {name}";
    CartonAlreadyPacked => "{name} bereits im Karton – nicht erneut hinzugefügt", "{name} already in the carton – not added again";
    CartonRepeatedScan => "Dieses Etikett wurde bereits gescannt – nicht erneut hinzugefügt",
        "This label was already scanned – not added again";
    CartonNothingRecognised => "{title}: keine Artikel erkannt", "{title}: no articles recognised";
    CartonNotAdded => "Nicht hinzugefügt: {name}", "Not added: {name}";
    CartonUnitUnknown => "Nicht hinzugefügt: keine Einheit mit der Seriennummer {name}",
        "Not added: no unit with the serial number {name}";
    CartonZubehoerUnknown => "Nicht hinzugefügt: kein Zubehör-Etikett mit der Lieferschein-Nummer {name}",
        "Not added: no accessory label with the delivery note number {name}";
    CartonZubehoerSource => "Zubehör-Etikett {name}", "Accessory label {name}";
    CartonManualSerial => "Einheit per Seriennummer", "Unit by serial number";
    CartonManualArticle => "Zubehör oder Halterung aus dem Katalog", "Accessory or mount from the catalogue";
    CartonManualZubehoer => "Zubehör-Etikett per Lieferschein-Nummer", "Accessory label by delivery note number";
    CartonManualHint => "Alle Zeilen landen in derselben Liste wie im Scan-Modus; ein Wechsel des Modus verliert nichts.",
        "Every row goes into the same list as in scan mode; switching the mode loses nothing.";
    CartonArticlesLoading => "Lade Artikelkatalog …", "Loading article catalogue …";
    CartonChooseArticle => "Artikel wählen …", "Choose an article …";
    CartonMenge => "Menge", "Quantity";
    CartonMengeInvalid => "Bitte eine ganze Zahl von 1 bis 9999 eingeben", "Please enter a whole number from 1 to 9999";
    CartonArticleSerial => "Seriennummer (optional)", "Serial number (optional)";
    CartonCategoryZubehoer => "Zubehör", "Accessories";
    CartonCategoryHalterung => "Halterung", "Mounts";
    CartonColPosition => "Pos.", "No.";
    CartonEmpty => "Noch keine Zeilen – Etikett scannen oder manuell hinzufügen.", "No rows yet – scan a label or add one by hand.";
    CartonRemove => "Entfernen", "Remove";
    CartonRemoveLine => "Zeile {count} entfernen", "Remove row {count}";
    CartonNotReleased => "nicht freigegeben", "not released";
    CartonReleased => "freigegeben", "released";
    CartonPackedElsewhere => "bereits in Karton #{id}", "already in carton #{id}";
    CartonPackedElsewhereUnknown => "bereits in einem anderen Karton", "already in another carton";
    CartonOpen => "Karton #{id} öffnen", "Open carton #{id}";
    CartonPreviewEmpty => "Die Vorschau erscheint mit der ersten Zeile.", "The preview appears with the first row.";
    CartonPreviewAlt => "Vorschau des Außenkarton-Etiketts", "Preview of the outer carton label";
    CartonQrText => "Inhalt des QR-Codes", "Content of the QR code";
    CartonSheet => "Etikett {count} von {total}", "Label {count} of {total}";
    CartonBlocked => "Mindestens eine Einheit ist bereits in einem anderen Karton. Entfernen Sie die Zeile hier oder die Einheit dort.",
        "At least one unit is already in another carton. Remove the row here or the unit there.";
    CartonOverrideTitle => "Einheiten ohne bestandene Prüfung", "Units without a passed inspection";
    CartonOverrideText => "Als MANAGEMENT können Sie sie trotzdem verpacken. Die Freigabe wird mit Ihrem Namen und dem Grund an den Zeilen gespeichert.",
        "As MANAGEMENT you can pack them anyway. The release is stored on the rows with your name and the reason.";
    CartonOverrideReason => "Freigabe-Grund", "Reason for the release";
    CartonNeedsManagement => "Mindestens eine Einheit ist nicht freigegeben (Prüfung nicht bestanden oder nicht vorhanden). MANAGEMENT muss sie freigeben – oder entfernen Sie die Zeile.",
        "At least one unit is not released (inspection failed or missing). MANAGEMENT must release it – or remove the row.";
    CartonNoLines => "Noch keine Zeilen im Karton.", "No rows in the carton yet.";
    CartonScansPending => "Warte auf die Prüfung der letzten Scans …", "Waiting for the last scans to be checked …";
    CartonSavePrint => "Karton speichern & drucken", "Save carton & print";
    CartonSaveOnly => "Nur speichern", "Save only";
    CartonSaved => "Karton #{id} gespeichert", "Carton #{id} saved";
    CartonLineCount => "{count} Zeile(n)", "{count} row(s)";
    CartonShow => "Karton anzeigen", "Show carton";
    CartonHeading => "Außenkarton #{id}", "Outer carton #{id}";
    CartonLoading => "Lade Außenkarton …", "Loading outer carton …";
    CartonNotFound => "Karton nicht gefunden", "Carton not found";
    CartonNumber => "Karton", "Carton";
    CartonUpdated => "Geändert am", "Changed on";
    CartonLinesTitle => "Inhalt", "Contents";
    CartonEdit => "Inhalt ändern", "Change contents";
    CartonEditIntro => "Zeilen scannen oder hinzufügen und entfernen. Die Änderung braucht einen Grund; mit Drucker wird das geänderte Etikett gleich gedruckt.",
        "Scan or add rows, and remove rows. The change needs a reason; with a printer the changed label is printed at once.";
    CartonEditReason => "Grund der Änderung", "Reason for the change";
    CartonEditReasonHint => "Wird mit der Änderung gespeichert und gilt auch für den Nachdruck.",
        "Stored with the change; also the reason of the reprint.";
    CartonEditReprint => "Geändertes Etikett drucken", "Print the changed label";
    CartonEditSave => "Änderung speichern", "Save change";
    CartonChanged => "Karton #{id} geändert", "Carton #{id} changed";
    CartonStaleTitle => "Der Karton wurde inzwischen geändert", "The carton was changed meanwhile";
    CartonStaleText => "Jemand anderes hat den Karton geändert. Laden Sie ihn neu und wiederholen Sie Ihre Änderung – Ihre Eingaben hier gehen dabei verloren.",
        "Someone else changed the carton. Reload it and repeat your change – your input here is discarded.";
    CartonReload => "Neu laden", "Reload";
    CartonsIntro => "Welche Einheit steckt in welchem Karton? Nach Seriennummer oder Lieferschein suchen oder alle Kartons nach Text und Zeitraum durchsuchen; die neuesten zuerst.",
        "Which unit is in which carton? Search by serial number or delivery note, or browse all cartons by text and time range; newest first.";
    CartonsSerial => "Seriennummer einer Einheit", "Serial number of a unit";
    CartonsSerialHint => "Zeigt, in welchem Karton die Einheit steckt.", "Shows which carton holds the unit.";
    CartonsLieferscheinHint => "Genaue Nummer; Freitext und Zeitraum gelten dann nicht.", "Exact number; free text and time range do not apply then.";
    CartonsText => "Freitext (Artikel, Lieferschein, Seriennummer)", "Free text (article, delivery note, serial number)";
    CartonsLoading => "Lade Außenkartons …", "Loading outer cartons …";
    CartonsEmpty => "Keine Kartons für diese Suche.", "No cartons for this search.";
    CartonsMoreLines => "+ {count} weitere", "+ {count} more";
    CartonsSerialIn => "Einheit {name} ist in Karton #{id} (Lieferschein {title}, verpackt am {time})",
        "Unit {name} is in carton #{id} (delivery note {title}, packed on {time})";
    CartonsSerialInNoLieferschein => "Einheit {name} ist in Karton #{id} (ohne Lieferschein, verpackt am {time})",
        "Unit {name} is in carton #{id} (no delivery note, packed on {time})";
    CartonsSerialNone => "Einheit {name} ist in keinem Karton.", "Unit {name} is in no carton.";
    // ---- end of packaging keys ----
    UserMenuLabel => "Angemeldeter Benutzer", "Signed-in user";
    NavProfile => "Mein Profil", "My profile";
    Logout => "Abmelden", "Sign out";
    LoginLink => "Anmelden", "Sign in";
    LoggedOutTitle => "Abgemeldet", "Signed out";
    LoggedOutText => "Sie wurden abgemeldet.", "You have been signed out.";
    SessionEndedTitle => "Sitzung beendet", "Session ended";
    SessionEndedText => "Bitte melden Sie sich erneut an.", "Please sign in again.";
    CheckingAccess => "Überprüfe Berechtigung …", "Checking permissions …";
    SessionCheckFailed => "Anmeldestatus nicht abrufbar", "Sign-in status unavailable";
    LangSwitchLabel => "Sprache wechseln: English", "Switch language: Deutsch";
    FooterRights => "Alle Rechte vorbehalten.", "All rights reserved.";

    // Home page
    HomeTitle => "Haupt Dashboard", "Main dashboard";
    HomeSubtitle => "Zentrale Verwaltung für Prüfprotokolle und Etikettendruck",
        "Central management of inspection records and label printing";
    HomeQuickAccess => "Schnellzugriff", "Quick access";
    HomePrintJobsText => "Warteschlange und Verlauf der Etikettendrucke, Testetikett, Nachdruck",
        "Queue and history of label prints, test label, reprint";
    HomeStatusText => "Datenbank, Speicherplatz und Arbeitsspeicher des Servers prüfen",
        "Check the server's database, disk space and memory";
    HomeApiDocs => "API-Dokumentation", "API documentation";
    HomeApiDocsText => "REST-Schnittstelle für andere Rotoclear-Systeme (OpenAPI)",
        "REST interface for other Rotoclear systems (OpenAPI)";

    // ---- Home / dashboards (#8) ----
    HomeInspectionsText => "Erfasste Einheiten suchen, Prüfprotokolle ansehen und Etiketten nachdrucken",
        "Search recorded units, view inspection records and reprint labels";
    HomePackagingText => "Zubehör- und Halterungsetiketten erstellen, Außenkartons packen",
        "Create accessory and mount labels, pack outer cartons";
    HomeUsersText => "Benutzer anlegen, Rollen vergeben, Passwörter zurücksetzen",
        "Create users, assign roles, reset passwords";
    HomePrintersText => "Etikettendrucker einrichten und testen", "Set up and test label printers";
    HomeArticlesText => "Artikel für Zubehör, Halterungen und Kartons pflegen",
        "Maintain the articles for accessories, mounts and cartons";
    HomeStatsTitle => "Produktionsübersicht", "Production overview";
    HomeStatsLoading => "Lade Dashboard-Statistiken …", "Loading dashboard statistics …";
    HomeGeneratedAt => "Stand: {time}", "As of {time}";
    ProductCpro => "C Pro", "C Pro";
    ProductC2 => "C2", "C2";
    ProductCbasic => "C Basic", "C Basic";
    ProductKk => "Kamerakopf", "Camera head";
    KpiTotal => "Gesamtproduktion", "Total production";
    KpiTotalCaption => "Erfasste Einheiten (gesamt)", "Recorded units (all time)";
    KpiRecent => "Neu erfasst", "Newly recorded";
    KpiRecentCaption => "Letzte {count} Tage", "Last {count} days";
    KpiPassed => "Bestanden", "Passed";
    KpiPassedCaption => "Prüfung bestanden oder nach Fehler freigegeben",
        "Passed inspection or released after a failure";
    KpiRecentCount => "+{total} in {count} Tagen", "+{total} in {count} days";
    KpiZubehoer => "Zubehör-Etiketten", "Accessory labels";
    KpiCartons => "Außenkartons", "Outer cartons";
    ChartTitle => "Monatliche Produktion (letzte 12 Monate, Zeitzone {name})",
        "Monthly production (last 12 months, time zone {name})";
    ChartSegment => "{name} {time}: {count} Stück", "{name} {time}: {count} units";
    ChartShowTable => "Tabelle anzeigen", "Show table";
    ChartHideTable => "Tabelle ausblenden", "Hide table";
    ChartLegend => "Legende", "Legend";
    ChartMonth => "Monat", "Month";
    ChartTotal => "Gesamt", "Total";
    DistCpro => "C Pro Festplatten", "C Pro disks";
    DistC2 => "C2 Konfigurationen", "C2 configurations";
    DistKk => "Kamerakopf Optiken", "Camera head optics";
    DistEmpty => "Noch keine Einheiten erfasst", "No units recorded yet";
    QueueTitleB => "Wartet auf Prüfer B (älteste zuerst)", "Waiting for inspector B (oldest first)";
    QueueTitleA => "Ihre Einheiten bei Prüfer B", "Your units with inspector B";
    QueueEmptyB => "Keine Einheit wartet auf Prüfer B.", "No unit is waiting for inspector B.";
    QueueEmptyA => "Keine Ihrer Einheiten wartet auf Prüfer B.", "None of your units is waiting for inspector B.";
    QueueBy => "Prüfer A: {name}", "Inspector A: {name}";
    FailuresTitle => "Fehlgeschlagene Druckaufträge", "Failed print jobs";
    FailuresEmpty => "Keine fehlgeschlagenen Druckaufträge in den letzten 7 Tagen",
        "No failed print jobs in the last 7 days";
    FailuresLink => "Zu den Druckaufträgen (dort erneut drucken)", "Go to print jobs (retry there)";
    TopTitle => "Top Prüfer A (nach Anzahl erfasster Einheiten)", "Top inspectors A (by units recorded)";
    PerPersonOff => "Personenbezogene Auswertungen sind ausgeschaltet.", "Per-person figures are switched off.";
    // ---- end of home / dashboards keys ----

    NavDashboards => "Auswertungen", "Analytics";
    NavSystem => "System", "System";
    HomeDashboardsText => "Durchsatz, Erstausbeute, Fehlerursachen, Durchlaufzeit und Exporte",
        "Throughput, first-pass yield, failure causes, lead time and exports";
    HomeSystemText => "Datensätze, Datenbankgröße, Schema-Version, letzte Sicherung, Druckwarteschlange",
        "Records, database size, schema version, last backup, print queue";

    // ---- Analytics page and charts (helper A adds keys below) ----
    ChartEmpty => "Keine Daten im gewählten Zeitraum", "No data in the selected period";
    ChartUnits => "Stück", "Units";
    ChartSegmentValue => "{time} – {name}: {count}", "{time} – {name}: {count}";
    ChartOpenDetails => "Details anzeigen", "Show details";
    AnalyticsIntro => "Durchsatz, Erstausbeute, Fehlerursachen, Abweichungen zwischen Prüfer A und B, Durchlaufzeit und Etikettendruck. Ein Klick auf eine Säule oder einen Prüfpunkt öffnet die passenden Prüfungen im Produkt-Dashboard.",
        "Throughput, first-pass yield, failure causes, differences between inspectors A and B, lead time and label printing. Clicking a column or a check opens the matching inspections on the product dashboard.";
    AnalyticsFilters => "Filter der Auswertungen", "Analytics filters";
    AnalyticsGranularity => "Granularität", "Granularity";
    AnalyticsDay => "Tag", "Day";
    AnalyticsWeek => "Woche", "Week";
    AnalyticsMonth => "Monat", "Month";
    AnalyticsVariant => "Variante", "Variant";
    AnalyticsArticle => "Artikelnummer", "Article number";
    AnalyticsApply => "Anwenden", "Apply";
    AnalyticsReset => "Zurücksetzen", "Reset";
    AnalyticsLoading => "Lade Auswertung …", "Loading report …";
    AnalyticsCheckFilters => "Bitte die markierten Filter korrigieren.", "Please correct the marked filters.";
    AnalyticsKpis => "Kennzahlen", "Key figures";
    AnalyticsKpiInspected => "Geprüft", "Inspected";
    AnalyticsKpiInspectedCaption => "Abgeschlossen durch Prüfer B, {time}", "Completed by inspector B, {time}";
    AnalyticsKpiPassed => "Bestanden (1. Durchlauf)", "Passed (first pass)";
    AnalyticsKpiPassedCaption => "Alle Prüfpunkte bestanden, {time}", "All checks passed, {time}";
    AnalyticsKpiFailed => "Nicht bestanden", "Failed";
    AnalyticsKpiFailedCaption => "davon freigegeben: {count} · {time}", "released afterwards: {count} · {time}";
    AnalyticsKpiFpy => "Erstausbeute (FPY)", "First-pass yield (FPY)";
    AnalyticsKpiFpyCaption => "Bestanden ÷ geprüft, {time}", "Passed ÷ inspected, {time}";
    AnalyticsKpiAwaitingB => "Wartet auf Prüfer B", "Waiting for inspector B";
    AnalyticsKpiAwaitingBCaption => "Jetzt, unabhängig vom Zeitraum", "Right now, regardless of the period";
    AnalyticsKpiLeadTime => "Durchlaufzeit A→B (Median)", "Lead time A→B (median)";
    AnalyticsKpiLeadTimeCaption => "90 % in höchstens {name} · {time}", "90% within {name} · {time}";
    AnalyticsWaitingLink => "Wartende Einheiten ansehen", "View the waiting units";
    AnalyticsThroughputTitle => "Durchsatz und Erstausbeute", "Throughput and first-pass yield";
    AnalyticsThroughputText => "Gezählt nach Abschluss durch Prüfer B, Zeitzone {name}. Bestanden heißt: alle Prüfpunkte im ersten Durchlauf bestanden; Erstausbeute = bestanden ÷ geprüft.",
        "Counted by completion by inspector B, time zone {name}. Passed means every check passed on the first pass; first-pass yield = passed ÷ inspected.";
    AnalyticsThroughputChart => "Geprüfte Einheiten je Zeitraum", "Inspected units per period";
    AnalyticsPeriod => "Zeitraum", "Period";
    AnalyticsPassed => "Bestanden", "Passed";
    AnalyticsFailed => "Nicht bestanden", "Failed";
    AnalyticsFpy => "Erstausbeute", "First-pass yield";
    AnalyticsDrillHint => "Ein Klick auf eine Säule (oder Enter) zeigt die Prüfungen dieses Zeitraums.",
        "Click a column (or press Enter) to see the inspections of that period.";
    AnalyticsDrillPeriod => "Prüfungen {time} ansehen:", "View the inspections of {time}:";
    AnalyticsParetoTitle => "Fehlerursachen (Pareto)", "Failure causes (Pareto)";
    AnalyticsParetoText => "Fehlgeschlagene Prüfpunkte abgeschlossener Prüfungen, gezählt nach Abschluss durch Prüfer B, Zeitzone {name}; eine Einheit kann mehrere haben. Die Linie zeigt den kumulierten Anteil an allen Fehlern.",
        "Failed checks of completed inspections, counted by completion by inspector B, time zone {name}; one unit can fail several. The line shows the cumulative share of all failures.";
    AnalyticsFailuresSummary => "{count} von {total} Einheiten mit mindestens einem Fehler, {name} Fehler insgesamt.",
        "{count} of {total} units with at least one failure, {name} failures in total.";
    AnalyticsParetoChart => "Fehler je Prüfpunkt", "Failures per check";
    AnalyticsParetoTop => "Das Diagramm zeigt die {count} häufigsten Prüfpunkte, die Tabelle alle.",
        "The chart shows the {count} most frequent checks, the table all of them.";
    AnalyticsCheck => "Prüfpunkt", "Check";
    AnalyticsFailures => "Fehler", "Failures";
    AnalyticsCumulative => "Kumulierter Anteil", "Cumulative share";
    AnalyticsRate => "Rate", "Rate";
    AnalyticsTrend => "Verlauf je Zeitraum", "Trend per period";
    AnalyticsNoFailures => "Keine fehlgeschlagenen Prüfpunkte im gewählten Zeitraum.", "No failed checks in the selected period.";
    AnalyticsDisagreementTitle => "Abweichungen zwischen Prüfer A und B", "Differences between inspectors A and B";
    AnalyticsDisagreementText => "Felder, die Prüfer A und B unterschiedlich eingetragen haben, in abgeschlossenen Prüfungen (gezählt nach Abschluss durch Prüfer B, Zeitzone {name}).",
        "Fields inspectors A and B entered differently, in completed inspections (counted by completion by inspector B, time zone {name}).";
    AnalyticsDisagreementSummary => "{count} von {total} Prüfungen mit mindestens einer Abweichung.",
        "{count} of {total} inspections with at least one difference.";
    AnalyticsField => "Feld", "Field";
    AnalyticsCompared => "Verglichen", "Compared";
    AnalyticsDiffering => "Abweichend", "Differing";
    AnalyticsShowAll => "Alle anzeigen", "Show all";
    AnalyticsShowLess => "Weniger anzeigen", "Show fewer";
    AnalyticsNoComparisons => "Keine abgeschlossenen Prüfungen im gewählten Zeitraum.", "No completed inspections in the selected period.";
    AnalyticsNoDifferences => "Prüfer A und B haben im gewählten Zeitraum nichts unterschiedlich eingetragen.",
        "Inspectors A and B entered nothing differently in the selected period.";
    AnalyticsLeadTimeTitle => "Durchlaufzeit A→B", "Lead time A→B";
    AnalyticsLeadTimeText => "Zeit von der Erfassung durch Prüfer A bis zum Abschluss durch Prüfer B, gezählt nach Abschluss, Zeitzone {name}. Median: die Hälfte war schneller; p90: 90 % waren schneller.",
        "Time from the record by inspector A to the completion by inspector B, counted by completion, time zone {name}. Median: half were faster; p90: 90% were faster.";
    AnalyticsLeadTimeChart => "Verteilung der Durchlaufzeit", "Distribution of the lead time";
    AnalyticsLeadTime => "Durchlaufzeit", "Lead time";
    AnalyticsCount => "Anzahl", "Count";
    AnalyticsMedian => "Median", "Median";
    AnalyticsP90 => "p90", "p90";
    AnalyticsInspectorsTitle => "Arbeit je Prüfer", "Work per inspector";
    AnalyticsInspectorsText => "A: als Prüfer A erfasste Einheiten, B: als Prüfer B abgeschlossene Prüfungen, gezählt nach Verpackungsdatum (bei abgeschlossenen Einheiten der Tag des Abschlusses durch Prüfer B), Zeitzone {name}.",
        "A: units recorded as inspector A, B: inspections completed as inspector B, counted by packaging day (for completed units the day inspector B completed them), time zone {name}.";
    AnalyticsName => "Name", "Name";
    AnalyticsWorkA => "A", "A";
    AnalyticsWorkB => "B", "B";
    AnalyticsSum => "Summe", "Total";
    AnalyticsLabelsTitle => "Etikettendruck", "Label printing";
    AnalyticsLabelsText => "Druckaufträge nach Zeit der Erstellung, alle Etikettenarten, Zeitzone {name}. Produkt-, Varianten-, Artikel- und Prüferfilter gelten hier nicht.",
        "Print jobs by time of creation, all label kinds, time zone {name}. The product, variant, article and inspector filters do not apply here.";
    AnalyticsJobs => "Aufträge", "Jobs";
    AnalyticsPrinted => "Gedruckt", "Printed";
    AnalyticsJobsFailed => "Fehlgeschlagen", "Failed";
    AnalyticsReprints => "Nachdrucke", "Reprints";
    AnalyticsKind => "Etikettenart", "Label kind";
    AnalyticsReason => "Grund des Nachdrucks", "Reason for the reprint";
    AnalyticsPrinter => "Drucker", "Printer";
    AnalyticsFailedJobsLink => "Fehlgeschlagene Druckaufträge ansehen", "View failed print jobs";
    // ---- end of analytics keys ----

    // ---- Product dashboards, exports, system overview (helper B adds keys below) ----
    DashTitle => "{name} – Auswertung und Datensätze", "{name} – analysis and records";
    DashIntro => "Abgeschlossene Prüfungen im Verlauf und alle Datensätze dieser Produktlinie: filtern, sortieren, exportieren. Ein Klick auf eine Säule zeigt deren Zeitraum, die Seriennummer öffnet die Prüfung.",
        "Completed inspections over time and every record of this product line: filter, sort, export. Clicking a column shows its period, the serial number opens the inspection.";
    DashLinksLabel => "Andere Auswertungen", "Other analyses";
    DashFilters => "Filter", "Filters";
    DashCompletedFrom => "Abgeschlossen von", "Completed from";
    DashCompletedTo => "Abgeschlossen bis", "Completed to";
    DashMonth => "Monat", "Month";
    DashMonthHint => "Setzt den Zeitraum auf den ganzen Monat", "Sets the range to the whole month";
    DashVariant => "Variante", "Variant";
    DashArticle => "Artikelnummer", "Article number";
    DashApply => "Anwenden", "Apply";
    DashReset => "Zurücksetzen", "Reset";
    DashFailedCheck => "Nicht bestanden: {name}", "Failed: {name}";
    DashDiffers => "A/B abweichend: {name}", "A/B differ: {name}";
    DashRemoveFilter => "Filter entfernen: {name}", "Remove filter: {name}";
    DashChartTitle => "Abgeschlossene Prüfungen und Erstausbeute", "Completed inspections and first-pass yield";
    DashChartHint => "Diagramm und Kennzahlen zählen abgeschlossene Prüfungen nach Zeitraum, Variante, Artikel und Prüfer; Status, Seriennummer und Prüfpunkt filtern nur die Tabelle.",
        "Chart and figures count completed inspections by range, variant, article and inspector; status, serial number and check filter the table only.";
    DashChartLoading => "Lade Auswertung …", "Loading analysis …";
    DashPeriodDay => "Tag", "Day";
    DashPeriodWeek => "Kalenderwoche", "Calendar week";
    DashPeriodMonth => "Monat", "Month";
    DashInspections => "Prüfungen", "Inspections";
    DashPassed => "Bestanden", "Passed";
    DashFailed => "Nicht bestanden", "Failed";
    DashFpy => "Erstausbeute (FPY)", "First-pass yield (FPY)";
    DashInspected => "Abgeschlossen", "Completed";
    DashAwaitingB => "Wartet auf Prüfer B", "Waiting for inspector B";
    DashAwaitingBCaption => "Jetzt, unabhängig vom Zeitraum", "Now, regardless of the range";
    DashRangeCaption => "Zeitraum: {time}", "Range: {time}";
    DashTableTitle => "Datensätze", "Records";
    DashLoading => "Lade Datensätze …", "Loading records …";
    DashEmpty => "Keine Prüfungen für diese Filter.", "No inspections for these filters.";
    DashRange => "{name} von {total}", "{name} of {total}";
    DashColRecorded => "Erfasst", "Recorded";
    ExportNumbers => "Zahlenformat", "Number format";
    ExportNumbersDe => "Deutsch (1,5)", "German (1,5)";
    ExportNumbersEn => "Englisch (1.5)", "English (1.5)";
    ExportCsv => "CSV exportieren", "Export CSV";
    ExportXlsx => "Excel (XLSX)", "Excel (XLSX)";
    ExportHint => "Exportiert alle Treffer der aktuellen Filter (nicht nur diese Seite)",
        "Exports every match of the current filters (not only this page)";
    ExportLabel => "Export", "Export";
    SysTitle => "Systemübersicht", "System overview";
    SysIntro => "Was vor und nach einer Wartung zu prüfen ist: Datensätze, Datenbank, Schema, letzte Sicherung und Druckwarteschlange.",
        "What to check before and after maintenance: records, database, schema, last backup and print queue.";
    SysLoading => "Lade Systemübersicht …", "Loading system overview …";
    SysVersion => "Version", "Version";
    SysStartedAt => "Gestartet", "Started";
    SysGeneratedAt => "Stand", "As of";
    SysDatabase => "Datenbank", "Database";
    SysBackend => "Datenbanksystem", "Database system";
    SysDbSize => "Größe", "Size";
    SysUnknown => "unbekannt", "unknown";
    SysSchema => "Schema", "Schema";
    SysSchemaVersion => "Schema-Version", "Schema version";
    SysMigrations => "Angewendete Migrationen", "Migrations applied";
    SysBackup => "Letzte Sicherung", "Last backup";
    SysBackupFile => "Datei", "File";
    SysBackupSize => "Größe", "Size";
    SysBackupTime => "Zeitpunkt", "Time";
    SysBackupDir => "Sicherungsordner", "Backup folder";
    SysBackupMissing => "Noch keine Sicherung gefunden in {name}", "No backup found yet in {name}";
    SysQueue => "Druckwarteschlange", "Print queue";
    SysQueueQueued => "Wartend", "Queued";
    SysQueueSending => "Wird gesendet", "Sending";
    SysQueueFailed => "Fehlgeschlagen", "Failed";
    SysQueuePrinted => "Gedruckt", "Printed";
    SysQueueOldest => "Ältester wartender Auftrag", "Oldest waiting job";
    SysQueueNoneWaiting => "keiner", "none";
    SysQueueFailedLink => "Fehlgeschlagene Aufträge ansehen", "Show failed jobs";
    SysCounts => "Datensätze", "Records";
    SysCountArea => "Bereich", "Area";
    SysCountValue => "Anzahl", "Count";
    // ---- end of product dashboard keys ----

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

    // No access
    NoAccessTitle => "Keine Berechtigung", "No access";
    NoAccessText => "Mit Ihrer Rolle „{role}“ können Sie diese Seite nicht öffnen. Wenden Sie sich an einen Administrator, wenn Sie Zugriff benötigen.",
        "Your role \u{201c}{role}\u{201d} cannot open this page. Ask an administrator if you need access.";

    // Forms
    Save => "Speichern", "Save";
    Saving => "Speichern …", "Saving …";
    Cancel => "Abbrechen", "Cancel";
    Close => "Schließen", "Close";
    FieldRequired => "Pflichtfeld", "Required";
    Username => "Benutzername", "Username";
    Email => "E-Mail", "Email";
    FirstName => "Vorname", "First name";
    LastName => "Nachname", "Last name";
    Password => "Passwort", "Password";
    PasswordConfirm => "Passwort bestätigen", "Confirm password";
    Role => "Rolle", "Role";
    Status => "Status", "Status";
    ShowPassword => "Passwort anzeigen", "Show password";
    HidePassword => "Passwort verbergen", "Hide password";
    PasswordMismatch => "Passwörter stimmen nicht überein", "Passwords do not match";
    PolicyTitle => "Anforderungen an das Passwort", "Password requirements";
    PolicyLength => "Mindestens 12 Zeichen", "At least 12 characters";
    PolicyNoUsername => "Enthält nicht den Benutzernamen", "Does not contain the username";
    PolicyNotCommon => "Kein häufig verwendetes, leicht zu erratendes Passwort",
        "Not a commonly used, easily guessed password";
    PolicyMatch => "Beide Eingaben stimmen überein", "Both entries match";
    PolicyMet => "erfüllt", "met";
    PolicyNotMet => "nicht erfüllt", "not met";
    ActionFailed => "Aktion fehlgeschlagen", "Action failed";
    Never => "Nie", "Never";
    PageInfo => "Seite {page} von {pages} · {total} Einträge", "Page {page} of {pages} · {total} entries";
    PrevPage => "Zurück", "Previous";
    NextPage => "Weiter", "Next";
    PaginationLabel => "Seiten", "Pages";

    // Login page
    LoginTitle => "Anmelden", "Sign in";
    LoginSubtitle => "Qualitätskontrolle & Etikettendruck", "Quality control & label printing";
    LoginIdentifier => "Benutzername oder E-Mail", "Username or email";
    LoginIdentifierMissing => "Bitte Benutzername oder E-Mail eingeben", "Please enter your username or email";
    LoginPasswordMissing => "Bitte Passwort eingeben", "Please enter your password";
    StayLoggedIn => "Angemeldet bleiben", "Stay signed in";
    StayLoggedInOn => "Sie bleiben 30 Tage angemeldet", "You stay signed in for 30 days";
    StayLoggedInOff => "Sie bleiben 8 Stunden angemeldet", "You stay signed in for 8 hours";
    LoginSubmit => "Anmelden", "Sign in";
    LoginBusy => "Anmelden …", "Signing in …";
    LoginFailed => "Anmeldung fehlgeschlagen", "Sign-in failed";
    LoginInvalid => "Benutzername/E-Mail oder Passwort ist falsch.", "Wrong username/email or password.";
    LoginLocked => "Das Konto ist nach zu vielen Fehlversuchen gesperrt. Ein Administrator kann es entsperren.",
        "The account is locked after too many failed attempts. An administrator can unlock it.";
    LoginRateLimited => "Zu viele Anmeldeversuche. Bitte warten Sie {time}.",
        "Too many sign-in attempts. Please wait {time}.";
    LoginRateLimitedShort => "Zu viele Anmeldeversuche. Bitte warten Sie einen Moment.",
        "Too many sign-in attempts. Please wait a moment.";
    LoginWaitButton => "Warten ({time})", "Wait ({time})";

    // Setup page
    SetupTitle => "System Setup", "System setup";
    SetupIntro => "Erstellen Sie den ersten Administrator-Account", "Create the first administrator account";
    SetupChecking => "Prüfe Systemzustand …", "Checking system state …";
    SetupSubmit => "Administrator erstellen", "Create administrator";
    SetupBusy => "Erstelle Administrator …", "Creating administrator …";
    SetupDoneTitle => "Administrator erstellt", "Administrator created";
    SetupDoneText => "Bitte melden Sie sich jetzt mit dem neuen Konto an.", "Please sign in with the new account now.";
    SetupAlreadyDone => "Setup bereits abgeschlossen", "Setup already completed";
    SetupAlreadyDoneText => "Das System wurde bereits konfiguriert.", "The system has already been configured.";
    ToLogin => "Zur Anmeldung", "Go to sign-in";

    // Profile page
    ProfileTitle => "Mein Profil", "My profile";
    ProfileAccount => "Kontodaten", "Account";
    ProfileEdit => "Profil bearbeiten", "Edit profile";
    ProfileSaved => "Profil erfolgreich aktualisiert", "Profile updated";
    ChangePasswordTitle => "Passwort ändern", "Change password";
    CurrentPassword => "Aktuelles Passwort", "Current password";
    NewPassword => "Neues Passwort", "New password";
    NewPasswordConfirm => "Neues Passwort bestätigen", "Confirm new password";
    ChangePasswordSubmit => "Passwort ändern", "Change password";
    ChangePasswordBusy => "Ändere Passwort …", "Changing password …";
    PasswordChanged => "Passwort erfolgreich geändert", "Password changed";
    PasswordChangedText => "Ihre anderen Sitzungen wurden beendet.", "Your other sessions were ended.";
    MustChangeTitle => "Neues Passwort erforderlich", "New password required";
    MustChangeText => "Ein Administrator hat Ihr Passwort zurückgesetzt. Bitte wählen Sie jetzt ein eigenes Passwort – erst danach können Sie weiterarbeiten.",
        "An administrator reset your password. Please choose your own password now – you can continue working after that.";

    // User administration
    UsersTitle => "Benutzerverwaltung", "User management";
    UsersIntro => "Benutzer anlegen, Rollen und Status ändern, Passwörter zurücksetzen und gesperrte Konten entsperren.",
        "Create users, change roles and status, reset passwords and unlock locked accounts.";
    UserCreate => "Neuen Benutzer erstellen", "Create new user";
    UserSearch => "Benutzer suchen …", "Search users …";
    UserSearchLabel => "Suche nach Benutzername, Name oder E-Mail", "Search by username, name or email";
    UsersLoading => "Lade Benutzer …", "Loading users …";
    UsersEmpty => "Keine Benutzer gefunden.", "No users found.";
    ColName => "Name", "Name";
    ColLastLogin => "Letzte Anmeldung", "Last sign-in";
    ColCreated => "Erstellt", "Created";
    ColActions => "Aktionen", "Actions";
    LockedUntil => "Gesperrt bis {time}", "Locked until {time}";
    MustChangeBadge => "Muss Passwort ändern", "Must change password";
    You => "Sie", "you";
    ActionEdit => "Bearbeiten", "Edit";
    ActionResetPassword => "Passwort zurücksetzen", "Reset password";
    ActionUnlock => "Entsperren", "Unlock";
    ActionDelete => "Benutzer löschen", "Delete user";
    ActionDeleteShort => "Löschen", "Delete";
    CannotDeleteSelf => "Sie können sich nicht selbst löschen", "You cannot delete yourself";
    OwnRoleLocked => "Ihre eigene Rolle und Ihren eigenen Status kann nur ein anderer Administrator ändern.",
        "Only another administrator can change your own role and status.";
    UserCreateSubmit => "Benutzer erstellen", "Create user";
    UserCreateBusy => "Erstelle Benutzer …", "Creating user …";
    UserCreated => "Benutzer {name} wurde erstellt", "User {name} was created";
    UserEditTitle => "Benutzer bearbeiten: {name}", "Edit user: {name}";
    UserSaved => "Änderungen an {name} gespeichert", "Changes to {name} saved";
    ResetTitle => "Passwort zurücksetzen: {name}", "Reset password: {name}";
    ResetNoteEffective => "Das neue Passwort gilt sofort. Der Benutzer muss bei der nächsten Anmeldung ein eigenes wählen.",
        "The new password applies at once. The user must choose their own at the next sign-in.";
    ResetNoteShare => "Teilen Sie dem Benutzer das neue Passwort auf sicherem Weg mit.",
        "Give the new password to the user through a secure channel.";
    ResetSubmit => "Passwort zurücksetzen", "Reset password";
    ResetBusy => "Setze zurück …", "Resetting …";
    PasswordReset => "Passwort für {name} wurde zurückgesetzt", "Password of {name} was reset";
    Unlocked => "{name} wurde entsperrt", "{name} was unlocked";
    DeleteTitle => "Benutzer löschen", "Delete user";
    DeleteQuestion => "Sind Sie sicher, dass Sie den Benutzer {name} löschen möchten?",
        "Are you sure you want to delete the user {name}?";
    DeleteWarning => "Diese Aktion kann nicht rückgängig gemacht werden! Der Benutzer wird sofort abgemeldet und kann sich nicht mehr anmelden.",
        "This cannot be undone! The user is signed out at once and cannot sign in any more.";
    DeleteSubmit => "Endgültig löschen", "Delete permanently";
    DeleteBusy => "Lösche …", "Deleting …";
    UserDeleted => "Benutzer {name} wurde gelöscht", "User {name} was deleted";

    // API tokens
    TokensTitle => "API-Tokens", "API tokens";
    TokensIntro => "Zugänge für andere Rotoclear-Systeme. Ein Token handelt mit der gewählten Rolle; sein Geheimnis wird nur bei der Erstellung angezeigt.",
        "Access for other Rotoclear systems. A token acts with the chosen role; its secret is shown only when it is created.";
    TokenCreate => "Neues Token erstellen", "Create new token";
    TokenName => "Name", "Name";
    TokenNameHint => "Wofür das Token verwendet wird, z. B. „ERP-Anbindung“", "What the token is used for, e.g. \u{201c}ERP link\u{201d}";
    TokenExpiry => "Gültig für (Tage)", "Valid for (days)";
    TokenExpiryHint => "Leer lassen für unbegrenzte Gültigkeit", "Leave empty for no expiry";
    TokenExpiryInvalid => "Bitte eine ganze Zahl von 1 bis 3650 eingeben", "Please enter a whole number from 1 to 3650";
    ColPrefix => "Kennung", "Prefix";
    ColCreatedBy => "Erstellt von", "Created by";
    ColExpires => "Läuft ab", "Expires";
    ColLastUsed => "Zuletzt verwendet", "Last used";
    TokenActive => "Aktiv", "Active";
    TokenRevoked => "Widerrufen", "Revoked";
    TokenExpired => "Abgelaufen", "Expired";
    NoExpiry => "Unbegrenzt", "No expiry";
    TokensEmpty => "Noch keine API-Tokens.", "No API tokens yet.";
    TokensLoading => "Lade API-Tokens …", "Loading API tokens …";
    TokenCreateSubmit => "Token erstellen", "Create token";
    TokenCreateBusy => "Erstelle Token …", "Creating token …";
    SecretTitle => "Token erstellt: {name}", "Token created: {name}";
    SecretWarning => "Kopieren Sie das Geheimnis jetzt. Es wird nur dieses eine Mal angezeigt und kann später nicht wieder abgerufen werden.",
        "Copy the secret now. It is shown only this once and cannot be retrieved later.";
    SecretLabel => "Geheimnis (Bearer-Token)", "Secret (bearer token)";
    SecretUsage => "Andere Systeme senden es im Header „Authorization: Bearer …“.",
        "Other systems send it in the header \u{201c}Authorization: Bearer …\u{201d}.";
    Copy => "Kopieren", "Copy";
    Copied => "In die Zwischenablage kopiert", "Copied to the clipboard";
    CopyFailed => "Kopieren nicht möglich – der Text ist markiert, bitte mit Strg+C kopieren.",
        "Copying failed – the text is selected, please copy it with Ctrl+C.";
    SecretDone => "Ich habe das Geheimnis gespeichert", "I have stored the secret";
    ActionRevoke => "Widerrufen", "Revoke";
    RevokeTitle => "Token widerrufen", "Revoke token";
    RevokeQuestion => "Token {name} widerrufen? Systeme, die es verwenden, verlieren sofort den Zugriff.",
        "Revoke token {name}? Systems that use it lose access at once.";
    RevokeBusy => "Widerrufe …", "Revoking …";
    TokenRevokedToast => "Token {name} wurde widerrufen", "Token {name} was revoked";

    // Security log
    EventsTitle => "Sicherheitsprotokoll", "Security log";
    EventsIntro => "Anmeldungen, Sperrungen, verweigerte Zugriffe und Änderungen an Benutzern und Tokens.",
        "Sign-ins, lockouts, denied access and changes to users and tokens.";
    FilterType => "Ereignistyp", "Event type";
    FilterRisk => "Risiko", "Risk";
    FilterUserId => "Benutzer-ID", "User ID";
    FilterFrom => "Von", "From";
    FilterTo => "Bis", "To";
    FilterAll => "Alle", "All";
    FilterApply => "Filtern", "Apply filter";
    FilterReset => "Filter zurücksetzen", "Reset filter";
    FilterUserIdInvalid => "Bitte eine positive ganze Zahl eingeben", "Please enter a positive whole number";
    FilterRangeInvalid => "„Von“ muss vor „Bis“ liegen", "\u{201c}From\u{201d} must be before \u{201c}To\u{201d}";
    ColTime => "Zeitpunkt", "Time";
    ColType => "Typ", "Type";
    ColUser => "Benutzer", "User";
    ColIp => "IP-Adresse", "IP address";
    ColDetails => "Details", "Details";
    RiskLow => "Niedrig", "Low";
    RiskMedium => "Mittel", "Medium";
    RiskHigh => "Hoch", "High";
    RiskCritical => "Kritisch", "Critical";
    EventsEmpty => "Keine Ereignisse für diese Filter.", "No events for these filters.";
    EventsLoading => "Lade Sicherheitsprotokoll …", "Loading security log …";

    // Printers: status, picker, live connection
    PrinterLabel => "Drucker", "Printer";
    PrinterReady => "Bereit", "Ready";
    PrinterFault => "Störung", "Fault";
    PrinterUnreachable => "Nicht erreichbar", "Unreachable";
    PrinterStatusUnknown => "Status unbekannt", "Status unknown";
    QueueWaiting => "{count} wartend", "{count} queued";
    QueueFailed => "{count} fehlgeschlagen", "{count} failed";
    PrintersLoading => "Lade Drucker …", "Loading printers …";
    NoPrinters => "Es ist noch kein Drucker eingerichtet.", "No printer has been set up yet.";
    NoEnabledPrinters => "Zurzeit ist kein Drucker aktiviert.", "No printer is enabled at the moment.";
    SetUpPrinters => "Drucker einrichten", "Set up printers";
    AskAdminForPrinter => "Bitte wenden Sie sich an einen Administrator.", "Please ask an administrator.";
    PrinterRequired => "Bitte einen Drucker wählen", "Please choose a printer";
    LiveInterrupted => "Live-Verbindung unterbrochen – wird wiederhergestellt …",
        "Live connection interrupted – reconnecting …";
    JobPrintedToast => "Etikett gedruckt: {title} auf {printer}", "Label printed: {title} on {printer}";
    JobFailedToast => "Druck fehlgeschlagen: {title} auf {printer}", "Printing failed: {title} on {printer}";
    JobWaitingToast => "Druckauftrag wartet: {title} auf {printer}", "Print job waiting: {title} on {printer}";

    // Printer administration
    PrintersTitle => "Druckerverwaltung", "Printer management";
    PrintersIntro => "Etikettendrucker registrieren, ändern und testen. Arbeitsplätze wählen ihren Drucker nur aus dieser Liste.",
        "Register, change and test label printers. Workstations choose their printer from this list only.";
    PrinterCreate => "Neuen Drucker anlegen", "Add new printer";
    PrinterEditTitle => "Drucker bearbeiten: {name}", "Edit printer: {name}";
    PrinterName => "Name", "Name";
    PrinterNameHint => "Wie der Drucker in der Auswahl heißt, z. B. „Packplatz 1“",
        "How the printer is named in the selection, e.g. \u{201c}Packing station 1\u{201d}";
    PrinterHost => "Host (IP-Adresse oder Name)", "Host (IP address or name)";
    PrinterPort => "Port", "Port";
    PrinterPortHint => "Standard: 9100 (Raw-TCP)", "Default: 9100 (raw TCP)";
    PrinterDpi => "Auflösung", "Resolution";
    PrinterLabelWidth => "Etikettenbreite (mm)", "Label width (mm)";
    PrinterLabelHeight => "Etikettenhöhe (mm)", "Label height (mm)";
    PrinterLocation => "Standort", "Location";
    PrinterEnabled => "Aktiviert", "Enabled";
    PrinterEnabledHint => "Nur aktivierte Drucker können gewählt werden und drucken.",
        "Only enabled printers can be chosen and print.";
    PrinterIsDefault => "Standarddrucker", "Default printer";
    PrinterIsDefaultHint => "Arbeitsplätze ohne eigene Wahl beginnen mit diesem Drucker; es gibt nur einen.",
        "Workstations without their own choice start with this printer; there is only one.";
    PortInvalid => "Bitte eine ganze Zahl von 1 bis 65535 eingeben", "Please enter a whole number from 1 to 65535";
    LabelSizeInvalid => "Bitte eine ganze Zahl von 10 bis 300 eingeben", "Please enter a whole number from 10 to 300";
    ColAddress => "Adresse", "Address";
    ColLabelSize => "Etikett", "Label";
    ColPrinterStatus => "Druckerstatus", "Printer status";
    PrinterOn => "Aktiv", "Enabled";
    PrinterOff => "Deaktiviert", "Disabled";
    PrinterDefaultBadge => "Standard", "Default";
    ActionEnable => "Aktivieren", "Enable";
    ActionDisable => "Deaktivieren", "Disable";
    ActionTestConnection => "Verbindung testen", "Test connection";
    TestingConnection => "Teste …", "Testing …";
    PrintersEmpty => "Noch keine Drucker registriert.", "No printers registered yet.";
    PrinterCreateSubmit => "Drucker anlegen", "Add printer";
    PrinterCreateBusy => "Lege Drucker an …", "Adding printer …";
    PrinterCreated => "Drucker {name} wurde angelegt", "Printer {name} was added";
    PrinterSaved => "Änderungen an {name} gespeichert", "Changes to {name} saved";
    PrinterEnabledToast => "{name} wurde aktiviert", "{name} was enabled";
    PrinterDisabledToast => "{name} wurde deaktiviert", "{name} was disabled";
    PrinterDeleteTitle => "Drucker löschen", "Delete printer";
    PrinterDeleteQuestion => "Drucker {name} wirklich löschen?", "Really delete the printer {name}?";
    PrinterDeleteWarning => "Die bisherigen Druckaufträge bleiben im Verlauf. Solange Aufträge für diesen Drucker warten oder gesendet werden, kann er nicht gelöscht werden.",
        "Its past print jobs stay in the history. While jobs for this printer are queued or being sent, it cannot be deleted.";
    PrinterDeleted => "Drucker {name} wurde gelöscht", "Printer {name} was deleted";
    TestReady => "Verbindung OK: {name}", "Connection OK: {name}";
    TestFault => "Drucker meldet eine Störung: {name}", "Printer reports a fault: {name}";
    TestUnreachable => "Drucker nicht erreichbar: {name}", "Printer unreachable: {name}";

    // Print jobs
    JobsTitle => "Druckaufträge", "Print jobs";
    JobsIntro => "Alle Etikettendrucke mit ihrem Zustand; die Liste aktualisiert sich live.",
        "Every label print with its state; the list updates live.";
    TestLabelTitle => "Testetikett", "Test label";
    TestLabelPrint => "Testetikett drucken", "Print test label";
    TestLabelBusy => "Sende …", "Sending …";
    TestLabelQueued => "Testetikett in der Warteschlange: {printer}", "Test label queued: {printer}";
    FilterKind => "Art", "Kind";
    ColLabel => "Etikett", "Label";
    ColAttempts => "Versuche", "Attempts";
    ColReason => "Grund", "Reason";
    JobsEmpty => "Keine Druckaufträge für diese Filter.", "No print jobs for these filters.";
    JobsLoading => "Lade Druckaufträge …", "Loading print jobs …";
    NextAttempt => "Nächster Versuch: {time}", "Next attempt: {time}";
    ReprintOf => "Nachdruck von #{id}", "Reprint of #{id}";
    JobOpen => "Details und Vorschau anzeigen", "Show details and preview";
    ActionRetry => "Erneut senden", "Retry";
    ActionCancelJob => "Auftrag abbrechen", "Cancel job";
    ActionReprint => "Nachdrucken", "Reprint";
    JobRetried => "Auftrag #{id} wird erneut gesendet", "Job #{id} is sent again";
    JobCancelled => "Auftrag #{id} wurde abgebrochen", "Job #{id} was cancelled";
    JobDetailTitle => "Druckauftrag #{id}", "Print job #{id}";
    JobDetailLoading => "Lade Druckauftrag …", "Loading print job …";
    JobPreview => "Etikettenvorschau", "Label preview";
    JobPreviewAlt => "Vorschau des Etiketts {title}", "Preview of the label {title}";
    ShowZpl => "ZPL-Code anzeigen", "Show ZPL code";
    FactKind => "Art", "Kind";
    FactReference => "Bezug", "Reference";
    FactCopies => "Kopien", "Copies";
    FactPrintedAt => "Gedruckt am", "Printed at";
    FactLastError => "Letzter Fehler", "Last error";
    FactReprintOf => "Nachdruck von", "Reprint of";
    ReprintTitle => "Nachdrucken: {title}", "Reprint: {title}";
    ReprintReason => "Grund für den Nachdruck", "Reason for the reprint";
    ReprintReasonHint => "Wird mit dem Auftrag gespeichert, z. B. „Etikett beschädigt“",
        "Stored with the job, e.g. \u{201c}label damaged\u{201d}";
    ReasonTooShort => "Bitte mindestens 3 Zeichen angeben", "Please enter at least 3 characters";
    ReasonTooLong => "Höchstens 500 Zeichen", "At most 500 characters";
    ReprintSubmit => "Nachdrucken", "Reprint";
    ReprintBusy => "Sende Nachdruck …", "Sending reprint …";
    ReprintQueued => "Nachdruck in der Warteschlange: {title}", "Reprint queued: {title}";

    // Inspections: search, detail, label printing, reprint and Automatiktest pages
    NavInspections => "Prüfungen", "Inspections";
    InspectionsTitle => "Prüfungen", "Inspections";
    InspectionsIntro => "Die Prüfungen aller Produktlinien: nach Produkt, Seriennummer, Status, Prüfer und Zeitraum filtern und sortieren. Die Seriennummer öffnet die Details.",
        "The inspections of every product line: filter by product, serial number, status, inspector and time range, and sort. The serial number opens the details.";
    InspectionsLoading => "Lade Prüfungen …", "Loading inspections …";
    InspectionsEmpty => "Keine Prüfungen für diese Filter.", "No inspections for these filters.";
    FilterProduct => "Produktlinie", "Product line";
    FilterSerial => "Seriennummer (Anfang)", "Serial number (beginning)";
    FilterInspector => "Prüfer (Benutzername)", "Inspector (username)";
    ColSerial => "Seriennummer", "Serial number";
    ColProduct => "Produkt", "Product";
    ColArticle => "Artikel", "Article";
    ColPrueferA => "Prüfer A", "Inspector A";
    ColPrueferB => "Prüfer B", "Inspector B";
    ColCompleted => "Abgeschlossen", "Completed";
    ColField => "Prüfpunkt", "Item";
    ColJob => "Auftrag", "Job";
    FailedChecksCount => "{count} Prüfpunkt(e) nicht bestanden", "{count} check(s) failed";
    OverriddenBadge => "Freigegeben", "Released";
    InspectionTitle => "Prüfung", "Inspection";
    InspectionLoading => "Lade Prüfung …", "Loading inspection …";
    SerialNumber => "Seriennummer", "Serial number";
    ArticleNumber => "Artikel-Nummer", "Article number";
    ArticleName => "Artikelbezeichnung", "Article name";
    BaNumber => "BA-Nummer", "Production order";
    PackagingDate => "Datum", "Date";
    ProductionYear => "Produktionsjahr", "Production year";
    InspectedAtA => "Prüfer A am", "Inspector A on";
    InspectedAtB => "Prüfer B am", "Inspector B on";
    NotSpecified => "Nicht angegeben", "Not specified";
    ValuesTitle => "Prüfwerte", "Inspection values";
    ValuesAHidden => "Werte von Prüfer A sind bis zum Abschluss durch Prüfer B verborgen",
        "Inspector A's values are hidden until inspector B has completed";
    Hidden => "verborgen", "hidden";
    Yes => "Ja", "Yes";
    No => "Nein", "No";
    Differs => "abweichend", "differs";
    CheckFailed => "nicht bestanden", "failed";
    EventsHistory => "Verlauf", "History";
    EventCreated => "Angelegt (Prüfer A)", "Created (inspector A)";
    EventAUpdated => "Von Prüfer A korrigiert", "Corrected by inspector A";
    EventBStarted => "Prüfer B hat begonnen", "Inspector B started";
    EventCompleted => "Abgeschlossen (Prüfer B)", "Completed (inspector B)";
    EventOverridden => "Freigegeben (MANAGEMENT)", "Released (MANAGEMENT)";
    EventPrintRequested => "Etikett angefordert", "Label requested";
    LabelJobsTitle => "Etiketten", "Labels";
    LabelJobsEmpty => "Noch kein Etikett angefordert.", "No label requested yet.";
    ShowInPrintJobs => "In den Druckaufträgen verfolgen", "Follow in the print jobs";
    PrintLabelTitle => "Etikett drucken", "Print label";
    PrintLabel => "Etikett drucken", "Print label";
    PrintLabelBusy => "Sende Etikett …", "Sending label …";
    PrintedBefore => "Das Etikett wurde schon gedruckt: ein Nachdruck braucht einen Grund.",
        "The label was printed before: a reprint needs a reason.";
    LabelQueued => "Etikett in der Warteschlange: {title}", "Label queued: {title}";
    NotPrintableOpen => "Prüfung noch nicht abgeschlossen – das Etikett kann erst nach Prüfer B gedruckt werden.",
        "Inspection not completed yet – the label can be printed only after inspector B.";
    NotPrintableFailed => "Prüfung nicht bestanden – ein Etikett gibt es erst nach einer Freigabe durch MANAGEMENT.",
        "Inspection failed – there is no label until MANAGEMENT releases it.";
    CannotPrintRole => "Mit Ihrer Rolle können Sie keine Etiketten drucken.", "Your role cannot print labels.";
    ReleasedBy => "Freigegeben von {name}", "Released by {name}";
    ReleaseTitle => "Freigeben", "Release";
    ReleaseText => "Die Prüfung ist nicht bestanden. Mit einer Freigabe darf das Etikett trotzdem gedruckt werden; die Begründung wird im Verlauf gespeichert.",
        "The inspection failed. A release allows the label anyway; the reason is kept in the history.";
    ReleaseReason => "Begründung", "Reason";
    ReleaseSubmit => "Freigeben", "Release";
    ReleaseBusy => "Gebe frei …", "Releasing …";
    ReleaseDone => "Prüfung {name} wurde freigegeben", "Inspection {name} was released";
    ReprintTab => "Etikett drucken", "Print label";
    ReprintPageTitle => "{name} Etikett drucken", "{name}: print label";
    ReprintIntro => "Seriennummer eingeben oder scannen, die Einheit prüfen und ihr Etikett (erneut) drucken.",
        "Type or scan the serial number, check the unit and print its label (again).";
    SerialMissing => "Bitte geben Sie eine Seriennummer ein.", "Please enter a serial number.";
    Search => "Suchen", "Search";
    Searching => "Lädt …", "Loading …";
    ResetSearch => "Zurücksetzen", "Reset";
    UnitFound => "Produkt gefunden", "Product found";
    UnitFoundText => "Sie können jetzt das Etikett drucken.", "You can print the label now.";
    UnitNotFoundText => "Kein Produkt mit dieser Seriennummer gefunden.", "No product with this serial number.";
    UnitDetails => "Produkt Details", "Product details";
    OpenInspection => "Prüfung anzeigen", "Show inspection";
    QueuedJob => "Druckauftrag #{id}", "Print job #{id}";
    ProductLoading => "Lade Produktlinie …", "Loading product line …";
    AutomatiktestTab => "Automatiktest", "Automatic test";
    AutomatiktestTitle => "{name} Automatiktest", "{name}: automatic test";
    AutomatiktestIntro => "Den Link zum Ergebnis des Automatiktests abrufen, den Prüfer B hinterlegt hat.",
        "Look up the link to the automatic test result that inspector B recorded.";
    AutomatiktestUnsupported => "{name} hat keinen Automatiktest.", "{name} has no automatic test.";
    ShowLink => "Link anzeigen", "Show link";
    AutomatiktestReference => "Automatiktest Referenz", "Automatic test reference";
    AutomatiktestLink => "Automatiktest-Link", "Automatic test link";
    AutomatiktestLoaded => "Automatiktest Link geladen", "Automatic test link loaded";
    NoAutomatiktestLink => "Kein Automatiktest-Link für diese Seriennummer", "No automatic test link for this serial number";
    CopiedShort => "Kopiert!", "Copied!";
    LinkCopied => "Link kopiert", "Link copied";
    LinkCopiedText => "Automatiktest Link in Zwischenablage.", "Automatic test link on the clipboard.";
    OpenLink => "Öffnen", "Open";
    OpenLinkTitle => "Link in neuem Tab öffnen", "Open the link in a new tab";
    NotAWebLink => "Kein Web-Link (älterer Eintrag): Öffnen ist nicht möglich.", "Not a web link (older entry): it cannot be opened.";

    // Inspection forms: product lines, Prüfer A, Prüfer B
    NavInspect => "Prüfung", "Inspect";
    HomeInspectText => "Einheiten als Prüfer A erfassen oder als Prüfer B nachprüfen und das Etikett drucken",
        "Record units as inspector A, or re-inspect them as inspector B and print the label";
    ProductsTitle => "Prüfung", "Inspection";
    ProductsIntro => "Produktlinie wählen: Prüfer A erfasst eine neue Einheit, Prüfer B prüft sie unabhängig nach und druckt das Etikett.",
        "Choose a product line: inspector A records a new unit, inspector B re-inspects it independently and prints the label.";
    ProductsLoading => "Lade Produktlinien …", "Loading product lines …";
    StartA => "Prüfer A", "Inspector A";
    StartAText => "Neue Einheit erfassen", "Record a new unit";
    StartB => "Prüfer B", "Inspector B";
    StartBText => "Einheit nachprüfen und Etikett drucken", "Re-inspect a unit and print its label";
    ProductLabelTitle => "Etikett: {title}", "Label: {title}";
    ProductMore => "Weitere Seiten der Produktlinie", "More pages of the product line";
    ProductInspections => "Prüfungen", "Inspections";
    ProductReprint => "Etikett drucken", "Print label";
    ProductAutomatiktest => "Automatiktest", "Automatic test";
    CheckUnanswered => "Bitte „Ja“ oder „Nein“ wählen", "Please choose \u{201c}Yes\u{201d} or \u{201c}No\u{201d}";
    ChoiceRequired => "Bitte eine Option wählen", "Please choose an option";
    ChoiceWaiting => "Zuerst die Auswahl darüber treffen", "Make the choice above first";
    ChoiceUnavailable => "Diese Option ist nicht verfügbar", "This option is not available";
    TextTooLong => "Höchstens {count} Zeichen", "At most {count} characters";
    TextControlChars => "Keine Zeilenumbrüche oder Tabulatoren", "No line breaks or tabs";
    FormatSerial => "Nur Buchstaben, Ziffern und - _ . / (ohne Leerzeichen)",
        "Only letters, digits and - _ . / (no spaces)";
    FormatMac => "12 Hex-Ziffern, z. B. 00:1A:2B:3C:4D:5E", "12 hex digits, e.g. 00:1A:2B:3C:4D:5E";
    FormatVersion => "Versionsangabe wie 1.2.3 (Buchstaben, Ziffern, . _ + -)",
        "A version like 1.2.3 (letters, digits, . _ + -)";
    FormatLink => "Muss mit http:// oder https:// beginnen (ohne Leerzeichen)",
        "Must start with http:// or https:// (no spaces)";
    ValueNotSet => "Nicht gesetzt", "Not set";
    ValueEmpty => "Leer", "Empty";
    OtherFields => "Weitere Angaben", "Further details";
    ArticleTitle => "Artikel (automatisch)", "Article (automatic)";
    ArticlePending => "Ergibt sich aus der Auswahl", "Follows from the selection";
    PackingDate => "Verpackungsdatum", "Packaging date";
    TodayDate => "heute ({time})", "today ({time})";
    UnsavedChanges => "Ungespeicherte Eingaben gehen verloren. Seite trotzdem verlassen?",
        "Unsaved input will be lost. Leave the page anyway?";
    RequiredLegend => "* Pflichtfeld", "* Required";
    FixMarkedFields => "Bitte die markierten Felder prüfen ({count}).", "Please check the marked fields ({count}).";
    ScannerHint => "Scannen oder eingeben; Enter springt zum nächsten Feld.",
        "Scan or type; Enter moves to the next field.";
    SerialIs => "Seriennummer: {name}", "Serial number: {name}";
    InspectATitle => "Prüfer A", "Inspector A";
    InspectAHeading => "{name} Prüfprotokoll – Prüfer A", "{name} inspection record – inspector A";
    InspectAIntro => "Neue Einheit erfassen. Prüfer B prüft die Angaben danach unabhängig nach.",
        "Record a new unit. Inspector B then re-inspects it independently.";
    ASaved => "Gespeichert – bitte Prüfer B informieren", "Saved – please inform inspector B";
    ACorrected => "Korrektur gespeichert – bitte Prüfer B informieren", "Correction saved – please inform inspector B";
    ACorrect => "Korrigieren", "Correct";
    ACorrectHint => "Die gespeicherten Angaben ändern, solange Prüfer B noch nicht begonnen hat",
        "Change the saved entries while inspector B has not started";
    ACorrecting => "Korrektur von {name}", "Correcting {name}";
    ACorrectingText => "Änderungen sind möglich, bis Prüfer B beginnt.", "Changes are possible until inspector B starts.";
    ACancelCorrection => "Korrektur abbrechen", "Cancel correction";
    InspectBTitle => "Prüfer B", "Inspector B";
    InspectBHeading => "{name} Prüfprotokoll – Prüfer B", "{name} inspection record – inspector B";
    InspectBIntro => "Seriennummer scannen und die Einheit unabhängig prüfen: die Angaben von Prüfer A bleiben verborgen, Abweichungen zeigt die Bestätigung vor dem Speichern.",
        "Scan the serial number and inspect the unit independently: inspector A's entries stay hidden; the confirmation before saving shows the differences.";
    BLoad => "Laden", "Load";
    BNotFound => "Keine Einheit mit dieser Seriennummer", "No unit with this serial number";
    BAlreadyComplete => "{name} ist bereits abgeschlossen: {title}", "{name} is already completed: {title}";
    BAlreadyCompleteText => "Die Angaben lassen sich nicht mehr ändern; die Prüfung zeigt alle Details.",
        "Its entries can no longer be changed; the inspection shows every detail.";
    BSameInspector => "Sie haben diese Einheit als Prüfer A erfasst. Nach dem Vier-Augen-Prinzip muss eine andere Person Prüfer B sein.",
        "You recorded this unit as inspector A. Under the two-person rule, inspector B must be someone else.";
    BBlindHint => "Alle Angaben selbst prüfen und eintragen.", "Check and enter every item yourself.";
    BOtherUnit => "Andere Einheit", "Other unit";
    BComparing => "Vergleiche …", "Comparing …";
    BSavePrint => "Speichern & Drucken", "Save & print";
    DiffTitle => "Änderungen bestätigen", "Confirm changes";
    DiffIntro => "Diese Angaben weichen von Prüfer A ab:", "These entries differ from inspector A's:";
    DiffNone => "Keine Abweichungen zu Prüfer A", "No differences from inspector A";
    DiffByA => "Prüfer A", "Inspector A";
    DiffByB => "Prüfer B", "Inspector B";
    DiffFailedWarning => "Die Einheit wird als nicht bestanden gespeichert; es wird kein Etikett gedruckt.",
        "The unit will be saved as failed; no label is printed.";
    DiffFailedChecks => "Mit „Nein“ beantwortet:", "Answered \u{201c}No\u{201d}:";
    DiffConfirmSave => "Speichern bestätigen", "Confirm save";
    DiffConfirmPrint => "Speichern & Drucken bestätigen", "Confirm save & print";
    ResultPassed => "{name} bestanden und gespeichert", "{name} passed and saved";
    ResultFailed => "{name} nicht bestanden – als nicht bestanden gespeichert", "{name} failed – saved as failed";
    ResultFailedChecks => "Nicht bestandene Prüfpunkte:", "Failed checks:";
    ResultNoLabel => "Kein Etikett gedruckt", "No label printed";
    ResultSavedWithoutLabel => "Ohne Etikett gespeichert.", "Saved without a label.";
    BNext => "Nächste Einheit", "Next unit";
    LabelPreviewFailed => "Vorschau nicht möglich: {name}", "Preview not available: {name}";

    // Toasts
    ToastRegion => "Benachrichtigungen", "Notifications";
    ToastDismiss => "Meldung schließen", "Dismiss notification";

    // Error classes (titles above the server's message)
    ErrorBadRequest => "Ungültige Anfrage", "Bad request";
    ErrorAuthRequired => "Nicht angemeldet", "Not signed in";
    ErrorForbidden => "Keine Berechtigung", "Permission denied";
    ErrorPasswordChange => "Passwortänderung erforderlich", "Password change required";
    ErrorLocked => "Konto gesperrt", "Account locked";
    ErrorNotFound => "Nicht gefunden", "Not found";
    ErrorConflict => "Konflikt", "Conflict";
    ErrorTooLarge => "Anfrage zu groß", "Request too large";
    ErrorValidation => "Validierungsfehler", "Validation error";
    ErrorRateLimited => "Zu viele Anfragen", "Too many requests";
    ErrorInternal => "Interner Serverfehler", "Internal server error";
    ErrorUnavailable => "Server nicht erreichbar", "Server unreachable";
    ErrorPrinterUnreachable => "Drucker nicht erreichbar", "Printer unreachable";
    ErrorPrinterNotReady => "Drucker nicht bereit", "Printer not ready";
}

/// The title that introduces an error of class `code`.
pub fn error_title(code: ErrorCode) -> Key {
    match code {
        ErrorCode::BadRequest | ErrorCode::MethodNotAllowed => Key::ErrorBadRequest,
        ErrorCode::AuthRequired => Key::ErrorAuthRequired,
        ErrorCode::Forbidden => Key::ErrorForbidden,
        ErrorCode::PasswordChangeRequired => Key::ErrorPasswordChange,
        ErrorCode::AccountLocked => Key::ErrorLocked,
        ErrorCode::NotFound => Key::ErrorNotFound,
        ErrorCode::Conflict => Key::ErrorConflict,
        ErrorCode::PayloadTooLarge => Key::ErrorTooLarge,
        ErrorCode::ValidationError => Key::ErrorValidation,
        ErrorCode::RateLimited => Key::ErrorRateLimited,
        ErrorCode::InternalError => Key::ErrorInternal,
        ErrorCode::ServiceUnavailable => Key::ErrorUnavailable,
        ErrorCode::PrinterUnreachable => Key::ErrorPrinterUnreachable,
        ErrorCode::PrinterNotReady => Key::ErrorPrinterNotReady,
    }
}

/// `text` with every `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// A shared validation message in `lang`.
pub fn message(message: Message, lang: Lang) -> &'static str {
    match lang {
        Lang::De => message.de,
        Lang::En => message.en,
    }
}

/// A UI text as a validation message (both languages), to sit next to the shared rules' messages.
pub fn as_message(key: Key) -> Message {
    Message {
        de: t(Lang::De, key),
        en: t(Lang::En, key),
    }
}

/// The name of a role in `lang`.
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::De => role.label_de(),
        Lang::En => role.label_en(),
    }
}

/// The name of an account status in `lang`.
pub fn status_label(status: UserStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::De => status.label_de(),
        Lang::En => status.label_en(),
    }
}

/// The name of a print job's state in `lang`.
pub fn job_state_label(state: JobState, lang: Lang) -> &'static str {
    match lang {
        Lang::De => state.label_de(),
        Lang::En => state.label_en(),
    }
}

/// The name of what a print job prints in `lang`.
pub fn job_kind_label(kind: JobKind, lang: Lang) -> &'static str {
    match lang {
        Lang::De => kind.label_de(),
        Lang::En => kind.label_en(),
    }
}

/// The name of an inspection's status in `lang`.
pub fn inspection_status_label(status: InspectionStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::De => status.label_de(),
        Lang::En => status.label_en(),
    }
}

/// The German or English one of a caption the server sends in both (product definitions).
pub fn localized<'a>(lang: Lang, de: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// The name of a risk level.
pub fn risk_label(risk: Risk) -> Key {
    match risk {
        Risk::Low => Key::RiskLow,
        Risk::Medium => Key::RiskMedium,
        Risk::High => Key::RiskHigh,
        Risk::Critical => Key::RiskCritical,
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

    /// The text of `key` with its `{name}` filled in (tracked).
    pub fn named(self, key: Key, name: &str) -> String {
        fill(self.t(key), &[("name", name)])
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
    fn placeholders_are_filled() {
        assert_eq!(
            fill(t(Lang::De, Key::UserCreated), &[("name", "anna")]),
            "Benutzer anna wurde erstellt"
        );
        assert_eq!(
            fill(
                t(Lang::En, Key::PageInfo),
                &[("page", "2"), ("pages", "5"), ("total", "93")]
            ),
            "Page 2 of 5 · 93 entries"
        );
        // Every placeholder a text uses is one the code fills.
        for &key in Key::ALL {
            for lang in [Lang::De, Lang::En] {
                let filled = fill(
                    t(lang, key),
                    &[
                        ("name", "x"),
                        ("role", "x"),
                        ("time", "x"),
                        ("page", "x"),
                        ("pages", "x"),
                        ("total", "x"),
                        ("id", "x"),
                        ("title", "x"),
                        ("printer", "x"),
                        ("count", "x"),
                    ],
                );
                assert!(!filled.contains('{'), "{key:?} {}: {filled}", lang.code());
            }
        }
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(role_label(Role::PrueferB, Lang::De), "Prüfer B");
        assert_eq!(role_label(Role::PrueferB, Lang::En), "Inspector B");
        assert_eq!(status_label(UserStatus::Suspended, Lang::De), "Gesperrt");
        assert_eq!(t(Lang::En, risk_label(Risk::Critical)), "Critical");
        assert_eq!(job_state_label(JobState::Queued, Lang::De), "Wartet");
        assert_eq!(job_state_label(JobState::Printed, Lang::En), "Printed");
        assert_eq!(job_kind_label(JobKind::Test, Lang::De), "Testetikett");
        let mismatch = as_message(Key::PasswordMismatch);
        assert_eq!(
            message(mismatch, Lang::De),
            "Passwörter stimmen nicht überein"
        );
        assert_eq!(message(mismatch, Lang::En), "Passwords do not match");
    }

    #[test]
    fn inspection_texts_follow_the_language() {
        assert_eq!(
            inspection_status_label(InspectionStatus::AwaitingB, Lang::De),
            "Wartet auf Prüfer B"
        );
        assert_eq!(
            inspection_status_label(InspectionStatus::Failed, Lang::En),
            "Failed"
        );
        assert_eq!(localized(Lang::De, "Festplatte", "Disk"), "Festplatte");
        assert_eq!(localized(Lang::En, "Festplatte", "Disk"), "Disk");
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
