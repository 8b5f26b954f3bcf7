//! Crash test: an acknowledged answer survives the process being killed at any moment.
//!
//! The child is the real `zhizhuan answer --stdin`, fed answers as fast as it takes them; it
//! prints `saved …` only after each commit. The parent SIGKILLs it after a random delay,
//! reopens the database and checks that every acknowledged answer is there with its value.
//!
//! `ZHIZHUAN_CRASH_TRIALS` (default 20) and `ZHIZHUAN_CRASH_SEED` make longer or repeatable
//! runs; `crates/zhizhuan-store/scripts/crash-trials.sh` runs 100 trials in release mode.
//!
//! What it shows: no answer is acknowledged before it is committed, and a database killed
//! mid-write reopens healthy (WAL recovery, quick_check at open). A SIGKILL leaves the OS page
//! cache intact, so the power-loss half of `synchronous=FULL` is not exercised here.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_core::framework::ItemKind;
use zhizhuan_store::Store;
use zhizhuan_store::assessment::NewAssessment;

/// xorshift64*: enough randomness for kill timings, and repeatable from a printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn every_acknowledged_answer_survives_sigkill() {
    let trials = env_u64("ZHIZHUAN_CRASH_TRIALS").unwrap_or(20);
    let seed = env_u64("ZHIZHUAN_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1
    });
    let mut rng = Rng(seed);
    let ladders = miit_ladder_items();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zhizhuan.db");
    let assessment = draft_assessment(&db);

    // item → the value of its last acknowledged answer, over all trials.
    let mut acknowledged: BTreeMap<String, AnswerValue> = BTreeMap::new();
    // item → values sent after its last acknowledgement (one of them may have committed
    // just before the kill, unacknowledged).
    let mut pending: BTreeMap<String, Vec<AnswerValue>> = BTreeMap::new();
    let mut total_acks = 0usize;
    let mut killed_with_acks = 0;
    for trial in 0..trials {
        let values = answers_for_trial(&ladders, trial);
        let lines = feed_and_kill(&db, assessment, &values, &mut rng);
        record_acknowledgements(&lines, &values, trial, &mut acknowledged, &mut pending);
        total_acks += lines.len();
        if !lines.is_empty() {
            killed_with_acks += 1;
        }

        reopened_store_holds_every_acknowledged_answer(
            &db,
            assessment,
            (trial, seed),
            total_acks,
            &acknowledged,
            &pending,
        );
    }
    let total = Store::open(&db)
        .unwrap()
        .answer_history(assessment, None)
        .unwrap()
        .len();
    println!(
        "crash trials: {trials} (seed {seed}); {killed_with_acks} killed mid-stream; {total_acks} answers acknowledged, {total} revisions stored; all acknowledged answers present"
    );
    assert!(
        killed_with_acks > 0,
        "no trial got as far as an acknowledgement: the test proved nothing"
    );
}

/// The MIIT framework's ladder items with their number of rungs (checks there are enough).
fn miit_ladder_items() -> Vec<(String, u8)> {
    let miit = zhizhuan_core::framework::load_builtin("miit-2024").unwrap();
    let ladders: Vec<(String, u8)> = miit
        .items()
        .filter_map(|l| match &l.item.kind {
            ItemKind::Ladder { rungs, .. } => Some((l.item.id.clone(), rungs.len() as u8)),
            _ => None,
        })
        .collect();
    assert!(
        ladders.len() >= 10,
        "the trial spreads its answers over at least 10 ladder items (MIIT has 16), found {}",
        ladders.len()
    );
    ladders
}

/// A new database at `db` with one enterprise and a draft MIIT assessment; returns its id.
fn draft_assessment(db: &Path) -> i64 {
    let s = Store::open(db).unwrap();
    let e = s
        .create_enterprise(
            &EnterpriseInput {
                name: "苏州市镕昇精密制造有限公司".into(),
                credit_code: "914403001922038216".into(),
                province: "320000".into(),
                city: "苏州市".into(),
                district: "".into(),
                industry: "C34".into(),
                size: "small".into(),
            },
            "t",
        )
        .unwrap();
    let new = NewAssessment {
        enterprise_id: e.id,
        framework_id: "miit-2024".into(),
        framework_version: "2024".into(),
        ..Default::default()
    };
    s.create_assessment(&new, "t").unwrap().id
}

/// The 5000 answers one trial sends, cycling through the ladder items.
fn answers_for_trial(ladders: &[(String, u8)], trial: u64) -> Vec<(String, AnswerValue)> {
    // Items repeat within and across trials, so the check is about the latest
    // acknowledged value, not mere presence.
    // Real ladder items with rungs they have: `answer` checks each against its item.
    (0..5000usize)
        .map(|i| {
            let (item, top) = &ladders[i % ladders.len()];
            let level = (trial as usize + i) % (usize::from(*top) + 1);
            (item.clone(), AnswerValue::Level(level as u8))
        })
        .collect()
}

/// Feeds `values` to `zhizhuan answer --stdin`, SIGKILLs it after a random delay and returns
/// the lines it printed before dying.
fn feed_and_kill(
    db: &Path,
    assessment: i64,
    values: &[(String, AnswerValue)],
    rng: &mut Rng,
) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
        .args([
            "answer",
            "--assessment",
            &assessment.to_string(),
            "--stdin",
            "--db",
        ])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = values.to_vec();
    let writer = std::thread::spawn(move || {
        for (item, value) in feed {
            let line = serde_json::json!({"item": item, "value": value});
            if writeln!(stdin, "{line}").is_err() {
                break; // the child is dead
            }
        }
    });
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<String>>()
    });
    std::thread::sleep(Duration::from_millis(5 + rng.below(250)));
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, no checkpoint
    child.wait().unwrap();
    writer.join().unwrap();
    reader.join().unwrap()
}

/// Checks the acks came in input order and moves each acknowledged value from `pending` to
/// `acknowledged`; what was sent but not acknowledged becomes pending.
fn record_acknowledgements(
    lines: &[String],
    values: &[(String, AnswerValue)],
    trial: u64,
    acknowledged: &mut BTreeMap<String, AnswerValue>,
    pending: &mut BTreeMap<String, Vec<AnswerValue>>,
) {
    for (n, line) in lines.iter().enumerate() {
        let item = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("item="))
            .unwrap_or_else(|| panic!("unexpected output {line:?}"));
        // Answers are acknowledged in input order, so the n-th ack is the n-th answer.
        let (sent_item, value) = &values[n];
        assert_eq!(item, sent_item, "trial {trial}: acks out of order");
        acknowledged.insert(sent_item.clone(), value.clone());
        pending.remove(sent_item);
    }
    for (item, value) in &values[lines.len()..] {
        pending.entry(item.clone()).or_default().push(value.clone());
    }
}

/// Reopen after every kill: the database must open (quick_check passes) and every
/// acknowledged item must hold its acknowledged value or one sent after it.
fn reopened_store_holds_every_acknowledged_answer(
    db: &Path,
    assessment: i64,
    (trial, seed): (u64, u64),
    total_acks: usize,
    acknowledged: &BTreeMap<String, AnswerValue>,
    pending: &BTreeMap<String, Vec<AnswerValue>>,
) {
    let s = Store::open(db)
        .unwrap_or_else(|e| panic!("trial {trial} (seed {seed}): reopen failed: {e}"));
    for (item, value) in acknowledged {
        let got = s.answer(assessment, item).unwrap().unwrap_or_else(|| {
            panic!("trial {trial} (seed {seed}): acknowledged answer {item} is missing")
        });
        let later = pending.get(item).map(Vec::as_slice).unwrap_or_default();
        assert!(
            got.value == *value || later.contains(&got.value),
            "trial {trial} (seed {seed}): {item} is {:?}, acknowledged {value:?}",
            got.value
        );
    }
    // Every acknowledged answer is a stored revision; at most one unacknowledged commit
    // per kill (committed, killed before the line was written).
    let stored = s.answer_history(assessment, None).unwrap().len();
    assert!(
        (total_acks..=total_acks + trial as usize + 1).contains(&stored),
        "trial {trial} (seed {seed}): {stored} revisions stored for {total_acks} acknowledged"
    );
}
