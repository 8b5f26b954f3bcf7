//! Release configuration that must not drift: one version everywhere, the installers' settings
//! the issue asked for (offline WebView2, per-user NSIS in Chinese and English, the bundle file
//! association), icons that exist, and third-party notices generated from the current locks.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn workspace_version() -> String {
    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    cargo["workspace"]["package"]["version"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_version_lives_in_the_workspace_and_nothing_disagrees() {
    let version = workspace_version();
    assert_eq!(
        env!("CARGO_PKG_VERSION"),
        version,
        "src-tauri must inherit the workspace version"
    );
    let conf = json("src-tauri/tauri.conf.json");
    // Absent means Tauri takes the crate's (= the workspace's) version; present must agree.
    if let Some(v) = conf.get("version") {
        assert_eq!(v, &Value::from(version.clone()), "tauri.conf.json version");
    }
    assert_eq!(
        json("package.json")["version"],
        Value::from(version.clone()),
        "package.json"
    );
    let lock = json("package-lock.json");
    assert_eq!(
        lock["version"],
        Value::from(version.clone()),
        "package-lock.json"
    );
    assert_eq!(
        lock["packages"][""]["version"],
        Value::from(version),
        "package-lock.json root"
    );
}

/// `tauri build` refuses to package when the JS API and the Rust crate differ in major.minor
/// (this stopped the first release .deb); `tauri bundle`, which CI runs, does not check.
#[test]
fn the_js_api_matches_the_tauri_crate() {
    let lock: toml::Table = read("Cargo.lock").parse().unwrap();
    let crate_version = lock["package"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str() == Some("tauri"))
        .and_then(|p| p["version"].as_str())
        .expect("tauri in Cargo.lock")
        .to_owned();
    let js = json("package-lock.json")["packages"]["node_modules/@tauri-apps/api"]["version"]
        .as_str()
        .expect("@tauri-apps/api in package-lock.json")
        .to_owned();
    let minor = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    assert_eq!(
        minor(&js),
        minor(&crate_version),
        "@tauri-apps/api {js} against the tauri crate {crate_version}"
    );
}

#[test]
fn installers_work_offline_per_user_and_in_chinese() {
    let bundle = &json("src-tauri/tauri.conf.json")["bundle"];
    let windows = &bundle["windows"];
    assert_eq!(windows["webviewInstallMode"]["type"], "offlineInstaller");
    assert_eq!(windows["nsis"]["installMode"], "currentUser");
    assert_eq!(windows["nsis"]["languages"][0], "SimpChinese");
    assert_eq!(windows["wix"]["language"][0], "zh-CN");
    let targets: Vec<&str> = bundle["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for t in ["nsis", "msi", "dmg", "deb", "appimage"] {
        assert!(
            targets.contains(&t),
            "bundle target {t} missing from {targets:?}"
        );
    }
    let assoc = &bundle["fileAssociations"][0];
    assert_eq!(assoc["ext"][0], "zhizhuan");
    for icon in bundle["icon"].as_array().unwrap() {
        let path = root().join("src-tauri").join(icon.as_str().unwrap());
        assert!(path.is_file(), "icon {} missing", path.display());
    }
}

/// `name version` of every registry crate reachable from `zhizhuan-app` in Cargo.lock.
fn locked_crates() -> BTreeSet<String> {
    let lock: toml::Table = read("Cargo.lock").parse().unwrap();
    let packages = lock["package"].as_array().unwrap();
    let mut by_name: HashMap<&str, Vec<&toml::Value>> = HashMap::new();
    for p in packages {
        by_name
            .entry(p["name"].as_str().unwrap())
            .or_default()
            .push(p);
    }
    // A dependency entry is "name" (unique name) or "name version[ (source)]".
    let find = |entry: &str| -> &toml::Value {
        let mut parts = entry.split(' ');
        let name = parts.next().unwrap();
        let candidates = &by_name[name];
        match parts.next() {
            None => candidates[0],
            Some(v) => candidates
                .iter()
                .find(|p| p["version"].as_str() == Some(v))
                .unwrap(),
        }
    };
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    let mut todo = vec![by_name["zhizhuan-app"][0]];
    while let Some(p) = todo.pop() {
        let key = format!(
            "{} {}",
            p["name"].as_str().unwrap(),
            p["version"].as_str().unwrap()
        );
        if !seen.insert(key.clone()) {
            continue;
        }
        if p.get("source").is_some() {
            out.insert(key);
        }
        let deps = p
            .get("dependencies")
            .and_then(|d| d.as_array())
            .cloned()
            .unwrap_or_default();
        todo.extend(deps.iter().map(|d| find(d.as_str().unwrap())));
    }
    out
}

/// Rows `| a | b | …` of the notices section starting with `heading`, as "a b".
fn notice_rows(notices: &str, heading: &str) -> BTreeSet<String> {
    notices
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("no section {heading}"))
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("|---"))
        .skip(1) // the header row
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            format!("{} {}", cells[0].trim_start_matches("| "), cells[1])
        })
        .collect()
}

#[test]
fn third_party_notices_match_the_lock_files() {
    let notices = read("THIRD-PARTY-NOTICES.md");
    let hint = "stale: run `bash scripts/notices.sh` and commit THIRD-PARTY-NOTICES.md";
    assert_eq!(
        notice_rows(&notices, "Rust crates"),
        locked_crates(),
        "{hint}"
    );
    let lock = json("package-lock.json");
    let shipped: BTreeSet<String> = lock["packages"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| !k.is_empty() && v.get("dev") != Some(&Value::Bool(true)))
        .map(|(k, v)| {
            format!(
                "{} {}",
                k.rsplit("node_modules/").next().unwrap(),
                v["version"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(notice_rows(&notices, "npm packages"), shipped, "{hint}");
}
