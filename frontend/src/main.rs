//! Browser entry point: mount the app on `<body>`; everything else lives in the library.
#![forbid(unsafe_code)]

fn main() {
    leptos::mount::mount_to_body(frontend::app::App);
}
