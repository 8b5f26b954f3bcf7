//! The command list is declared once ([`crate::command_list::COMMANDS`]); the handler, the
//! capability file and the UI's typed client must name exactly the same commands.

use std::collections::BTreeSet;

use crate::command_list::COMMANDS;

fn read(relative: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The command names of `call<T>("name", …)` in api.ts (type arguments hold no parentheses, so
/// the definition `call<T>(command: string…` is not one).
fn api_calls(text: &str) -> BTreeSet<String> {
    text.match_indices(">(\"")
        .filter_map(|(i, _)| {
            let call = text[..i].rfind("call<")?;
            if text[call..i].contains('(') {
                return None;
            }
            let rest = &text[i + 3..];
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect()
}

fn handler_names(lib: &str) -> BTreeSet<String> {
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs registers a handler");
    let end = start + lib[start..].find(']').expect("the handler list ends");
    lib[start..end]
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .map(|name| {
            name.trim()
                .trim_start_matches("generate_handler![")
                .to_owned()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn command_list_is_the_one_list() {
    let listed: BTreeSet<String> = COMMANDS.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(listed.len(), COMMANDS.len(), "a command is listed twice");

    assert_eq!(
        handler_names(&read("src/lib.rs")),
        listed,
        "lib.rs generate_handler!"
    );

    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(granted, listed, "capabilities/default.json");

    let called = api_calls(&read("../ui/src/lib/api.ts"));
    assert_eq!(called, listed, "ui/src/lib/api.ts");
}

#[test]
fn the_reader_of_each_file_finds_what_it_should() {
    // The parsers above on hand-made text, so a passing check cannot come from parsing nothing.
    let lib = "tauri::generate_handler![\n commands::a::one,\n commands::b::two,\n ]";
    assert_eq!(
        handler_names(lib),
        BTreeSet::from(["one".into(), "two".into()])
    );
    let api = r#"async function call<T>(command: string): Promise<T> { f(x, "no") }
      x: () => call<A>("one"), y: (id: number) => call<Map<string, B>>("two", { id }),"#;
    assert_eq!(api_calls(api), BTreeSet::from(["one".into(), "two".into()]));
}
