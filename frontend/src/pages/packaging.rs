//! The packaging hub (`/packaging`): tiles to the accessory, mount and carton pages and the carton search by serial.
//!
//! Creating labels is offered to the roles that print (every role but VIEWER); the histories are
//! open to everyone. A scanned serial number leads straight to the carton the unit is packed in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::with_query;
use crate::auth::{Access, use_auth};
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::page_header::PageHeader;
use crate::components::unit_lookup::{SERIAL_FIELD, SerialSearch};
use crate::i18n::{Key, use_i18n};
use crate::pages::{
    carton, cartons, halterung, halterung_history, use_page_title, zubehoer, zubehoer_history,
};

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/packaging";

/// One page of the packaging area.
struct Tile {
    path: &'static str,
    title: Key,
    text: Key,
    /// The rule of the page it leads to: the tile shows only to who may use it.
    access: Access,
    testid: &'static str,
}

/// The tiles, each label kind's form beside its history.
const TILES: &[Tile] = &[
    Tile {
        path: zubehoer::PATH,
        title: Key::ZubehoerTitle,
        text: Key::PackTileZubehoer,
        access: zubehoer::ACCESS,
        testid: "packaging-zubehoer",
    },
    Tile {
        path: zubehoer_history::PATH,
        title: Key::ZubehoerHistoryTitle,
        text: Key::PackTileZubehoerHistory,
        access: zubehoer_history::ACCESS,
        testid: "packaging-zubehoer-history",
    },
    Tile {
        path: halterung::PATH,
        title: Key::HalterungTitle,
        text: Key::PackTileHalterung,
        access: halterung::ACCESS,
        testid: "packaging-halterung",
    },
    Tile {
        path: halterung_history::PATH,
        title: Key::HalterungHistoryTitle,
        text: Key::PackTileHalterungHistory,
        access: halterung_history::ACCESS,
        testid: "packaging-halterung-history",
    },
    Tile {
        path: carton::PATH,
        title: Key::CartonTitle,
        text: Key::PackTileCarton,
        access: carton::ACCESS,
        testid: "packaging-outerkarton",
    },
    Tile {
        path: cartons::PATH,
        title: Key::CartonsTitle,
        text: Key::PackTileCartons,
        access: cartons::ACCESS,
        testid: "packaging-outerkarton-history",
    },
];

/// The carton history filtered to the carton that holds `serial`.
pub fn carton_of(serial: &str) -> String {
    with_query(cartons::PATH, &[(SERIAL_FIELD, serial.trim().to_owned())])
}

#[component]
pub fn PackagingPage() -> impl IntoView {
    use_page_title(Key::NavPackaging);
    view! {
        <RequireAccess access=ACCESS>
            <Packaging />
        </RequireAccess>
    }
}

#[component]
fn Packaging() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let form = Form::new();
    let serial = RwSignal::new(String::new());
    let search =
        Callback::new(move |serial: String| navigate(&carton_of(&serial), Default::default()));
    let tiles = move || {
        let role = auth.role();
        TILES
            .iter()
            .filter(|tile| tile.access.allows(role))
            .map(|tile| {
                view! {
                    <A href=tile.path attr:class="card card--link" attr:data-testid=tile.testid>
                        <span class="card__title">{i18n.tr(tile.title)}</span>
                        <span class="card__text">{i18n.tr(tile.text)}</span>
                    </A>
                }
            })
            .collect_view()
    };
    view! {
        <div class="page">
            <PageHeader title=Key::NavPackaging intro=Key::PackagingIntro />
            <section class="section" aria-labelledby="packaging-serial-title">
                <h2 class="section__title" id="packaging-serial-title">
                    {i18n.tr(Key::PackagingSerialTitle)}
                </h2>
                <SerialSearch
                    form
                    serial
                    input_testid="packaging-serial-search"
                    button_testid="packaging-serial-search-submit"
                    button=Key::PackagingSerialSubmit
                    on_search=search
                />
            </section>
            <section class="section" aria-labelledby="packaging-tiles-title">
                <h2 class="section__title" id="packaging-tiles-title">
                    {i18n.tr(Key::PackagingLabels)}
                </h2>
                <div class="card-grid">{tiles}</div>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_leads_to_its_carton() {
        assert_eq!(
            carton_of(" C2-0001 "),
            "/outerkarton/history?serialnummer=C2-0001"
        );
    }

    #[test]
    fn viewers_see_the_histories_only() {
        use api_types::auth::Role;
        let shown = |role| {
            TILES
                .iter()
                .filter(|tile| tile.access.allows(Some(role)))
                .map(|tile| tile.path)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown(Role::Viewer),
            [
                "/zubehoer/history",
                "/halterung/history",
                "/outerkarton/history"
            ]
        );
        assert_eq!(shown(Role::PrueferA).len(), TILES.len());
    }
}
