//! The product lines (`/products`): one card per line with the way into Prüfer A's and Prüfer B's
//! forms (by role), the inspection search, the label reprint and, where the line has one, the
//! Automatiktest.

use api_types::auth::Role;
use api_types::inspection::ProductSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::auth::{Access, use_auth};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::i18n::{Key, fill, localized, use_i18n};
use crate::pages::inspections;
use crate::pages::use_page_title;

/// Everyone who inspects units (every role but VIEWER).
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/products";

/// The client route of Prüfer A's form for a product line.
pub fn inspect_a_path(key: &str) -> String {
    format!("{PATH}/{key}/a")
}

/// The client route of Prüfer B's form for a product line.
pub fn inspect_b_path(key: &str) -> String {
    format!("{PATH}/{key}/b")
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    use_page_title(Key::ProductsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Products />
        </RequireAccess>
    }
}

#[component]
fn Products() -> impl IntoView {
    let products = LocalResource::new(api::products);
    view! {
        <div class="page">
            <PageHeader title=Key::ProductsTitle intro=Key::ProductsIntro />
            <Loaded
                resource=products
                label=Key::ProductsLoading
                render=move |list| {
                    view! {
                        <div class="card-grid product-grid" data-testid="product-list">
                            {list
                                .data
                                .products
                                .into_iter()
                                .map(|product| view! { <ProductCard product /> })
                                .collect_view()}
                        </div>
                    }
                }
            />
        </div>
    }
}

#[component]
fn ProductCard(product: ProductSummary) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let role = move || auth.role();
    let key = product.key.clone();
    let may = move |allowed: fn(Role) -> bool| role().is_some_and(allowed);
    let start_a = {
        let key = key.clone();
        move || {
            may(Role::can_act_as_pruefer_a).then(|| {
                view! {
                    <A
                        href=inspect_a_path(&key)
                        attr:class="btn btn--primary product-card__start"
                        attr:data-testid=format!("start-a-{key}")
                    >
                        <span class="product-card__start-title">{i18n.tr(Key::StartA)}</span>
                        <span class="product-card__start-text">{i18n.tr(Key::StartAText)}</span>
                    </A>
                }
            })
        }
    };
    let start_b = {
        let key = key.clone();
        move || {
            may(Role::can_act_as_pruefer_b).then(|| {
                view! {
                    <A
                        href=inspect_b_path(&key)
                        attr:class="btn btn--primary product-card__start"
                        attr:data-testid=format!("start-b-{key}")
                    >
                        <span class="product-card__start-title">{i18n.tr(Key::StartB)}</span>
                        <span class="product-card__start-text">{i18n.tr(Key::StartBText)}</span>
                    </A>
                }
            })
        }
    };
    let automatiktest = product.automatiktest.then(|| {
        view! {
            <A
                href=format!("{PATH}/{key}/automatiktest")
                attr:class="btn btn--secondary btn--small"
                attr:data-testid=format!("automatiktest-{key}")
            >
                {i18n.tr(Key::ProductAutomatiktest)}
            </A>
        }
    });
    let ProductSummary {
        name,
        kind_de,
        kind_en,
        label_title,
        ..
    } = product;
    view! {
        <article class="card product-card" data-testid=format!("product-card-{key}")>
            <header class="product-card__header">
                <h2 class="card__title">{name}</h2>
                <p class="card__text">{move || localized(i18n.lang(), &kind_de, &kind_en).to_owned()}</p>
                <p class="card__text product-card__label">
                    {move || fill(i18n.t(Key::ProductLabelTitle), &[("title", &label_title)])}
                </p>
            </header>
            <div class="product-card__starts">{start_a} {start_b}</div>
            <nav class="product-card__links" aria-label=i18n.tr(Key::ProductMore)>
                <A
                    href=format!("{}?product={key}", inspections::PATH)
                    attr:class="btn btn--secondary btn--small"
                    attr:data-testid=format!("inspections-{key}")
                >
                    {i18n.tr(Key::ProductInspections)}
                </A>
                <A
                    href=format!("{PATH}/{key}/reprint")
                    attr:class="btn btn--secondary btn--small"
                    attr:data-testid=format!("reprint-{key}")
                >
                    {i18n.tr(Key::ProductReprint)}
                </A>
                {automatiktest}
            </nav>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_routes_follow_the_product_key() {
        assert_eq!(inspect_a_path("cpro"), "/products/cpro/a");
        assert_eq!(inspect_b_path("kk"), "/products/kk/b");
    }

    #[test]
    fn every_inspecting_role_sees_the_product_lines() {
        assert!(!ACCESS.allows(Some(Role::Viewer)));
        assert!(!ACCESS.allows(None));
        for role in [
            Role::PrueferA,
            Role::PrueferB,
            Role::PrueferAb,
            Role::Management,
            Role::Admin,
        ] {
            assert!(ACCESS.allows(Some(role)), "{role:?}");
        }
    }
}
