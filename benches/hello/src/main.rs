//! A window with one line of HTML; it reports its first painted frame the way the real app
//! does (`ui ready` on stderr), so bench-app.sh times both with the same clock.
#![forbid(unsafe_code)]

use std::time::Instant;

static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn ready() {
    let ms = STARTED
        .get()
        .map(|t| t.elapsed().as_millis())
        .unwrap_or_default();
    eprintln!("hello: ui ready after {ms} ms");
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("hello window failed");
}
