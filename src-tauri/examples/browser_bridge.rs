//! The app's commands for a browser, for the bench only (`scripts/bench-memory.sh --engine
//! chromium`): the page built for the window runs in Chromium, whose V8 and Blink are what
//! WebView2 runs on Windows, so its memory and frames can be measured on a Linux machine.
//!
//! Each line on stdin is one call, `{"id": 1, "cmd": "save_answer", "args": {…}}`; each line
//! on stdout answers one, `{"id": 1, "ok": …}` or `{"id": 1, "err": {kind, message, fields}}`.
//! Calls go through the window's own handler and command adapters (`zhizhuan_app::handler`)
//! in Tauri's mock runtime, which has no window: the page and its engine are the browser's.
//! `tests/e2e/bridge.mjs` serves the page over HTTP and forwards its calls here.

use std::io::{BufRead, Write};
use std::sync::Mutex;

use serde::Deserialize;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context};
use tauri::webview::{InvokeRequest, WebviewWindow};
use zhizhuan_app::shell::open_files::OpenedFiles;
use zhizhuan_app::state::AppState;

#[derive(Deserialize)]
struct Call {
    id: u64,
    cmd: String,
    #[serde(default)]
    args: Value,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = mock_builder()
        .manage(OpenedFiles::default())
        .manage(AppState::start()?)
        .invoke_handler(zhizhuan_app::handler())
        .build(mock_context(tauri::test::noop_assets()))?;
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build()?;
    let stdout = Mutex::new(std::io::stdout());
    // one thread per call, as the window runs commands side by side; the scope waits for the
    // calls under way when stdin closes
    std::thread::scope(|calls| {
        for line in std::io::stdin().lock().lines() {
            let call: Call = serde_json::from_str(&line?)?;
            let (webview, stdout) = (&webview, &stdout);
            calls.spawn(move || {
                let reply = answer(webview, call);
                let mut out = stdout.lock().unwrap_or_else(|e| e.into_inner());
                let _ = writeln!(out, "{reply}").and_then(|()| out.flush());
            });
        }
        Ok(())
    })
}

/// The command's result or error, as the window's IPC would hand it to the page.
fn answer(webview: &WebviewWindow<MockRuntime>, call: Call) -> Value {
    let request = InvokeRequest {
        cmd: call.cmd,
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("a valid URL"),
        body: InvokeBody::Json(call.args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match get_ipc_response(webview, request) {
        Ok(body) => match body.deserialize::<Value>() {
            Ok(ok) => json!({ "id": call.id, "ok": ok }),
            Err(e) => json!({ "id": call.id, "err": e.to_string() }),
        },
        Err(err) => json!({ "id": call.id, "err": err }),
    }
}
