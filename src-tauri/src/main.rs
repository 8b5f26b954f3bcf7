// Keep a Windows release build from opening a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // SAFETY: the first thing the process does: no other thread exists yet that could read
    // the environment while `prepare` writes it.
    #[allow(unsafe_code)]
    let engine = unsafe { zhizhuan_app::shell::engine::prepare() };
    zhizhuan_app::run(engine);
}
