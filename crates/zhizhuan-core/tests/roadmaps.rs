//! Every worked example's roadmap to every level, as a digest: the search kind, each phase's
//! actions with their months and score gains, and the projections. The snapshot was first
//! written by the straightforward search (full re-evaluation per trial); the faster search must
//! reproduce it exactly. Regenerate with `UPDATE_EXPECT=1` only for an intended change.

use std::fmt::Write;
use std::path::Path;

use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework;
use zhizhuan_core::roadmap;

#[test]
fn roadmaps_of_the_worked_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let mut out = String::new();
    for (dir, id) in [
        ("miit", "miit-2024"),
        ("cmmm", "cmmm-2020"),
        ("lianghua", "lianghua-23020"),
    ] {
        let fw = framework::load_builtin(id).unwrap();
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            let Ok(answers) = AnswersFile::from_json(&std::fs::read_to_string(&f).unwrap()) else {
                continue;
            };
            for target in 1..=fw.levels.len() as u8 {
                let Ok(r) = roadmap::roadmap(&fw, &answers, target) else {
                    continue; // the bad-answer examples
                };
                let _ = writeln!(
                    out,
                    "{dir}/{name} → {target}: {} | reachable={} now {} L{} → {} L{}, cost {}–{} 万元, {} units",
                    r.summary.zh,
                    r.reachable,
                    r.current.score,
                    r.current.level.rank,
                    r.projected.score,
                    r.projected.level.rank,
                    r.cost_wan.min,
                    r.cost_wan.max,
                    r.effort_units
                );
                for p in &r.phases {
                    if p.actions.is_empty() {
                        continue;
                    }
                    let acts: Vec<String> = p
                        .actions
                        .iter()
                        .map(|a| {
                            format!(
                                "{} [{}–{}] +{}",
                                a.action.action, a.start_month, a.finish_month, a.score_gain
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {}: {} L{}; {}",
                        p.index,
                        p.projected.score,
                        p.projected.level.rank,
                        acts.join(", ")
                    );
                }
            }
        }
    }
    expect_test::expect_file!["roadmaps.expected"].assert_eq(&out);
}
