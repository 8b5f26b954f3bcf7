//! Why each action is in the plan, in both languages: the target's conditions it moves and
//! by how much, the actions that wait on it, and the outcomes it is expected to drive.

use super::Phase;
use crate::framework::Text;
use crate::gap::{Chosen, Model, Step};
use crate::score::LevelOutcome;
use crate::score::explain::condition_head;

/// The reasons for the `k`-th member of `order` (done after those before it), read from the
/// evaluations of `order`'s prefixes (`steps[k]` before it, `steps[k + 1]` after).
pub(super) fn why(
    model: &Model<'_, '_>,
    target: u8,
    order: &[usize],
    steps: &[Step],
    k: usize,
) -> Text {
    let li = usize::from(target) - 1;
    let level = &model.sheet.fw.levels[li].name;
    let conditions = |s: &Step| model.plan.conditions(&s.cs, &s.eval, li);
    let normalised = steps[k].eval.max != model.plan.total;
    let mut parts: Vec<(String, String)> = Vec::new();
    for (b, a) in conditions(&steps[k]).iter().zip(&conditions(&steps[k + 1])) {
        let (x, y, required) = (b.actual, a.actual, b.required);
        if x != y {
            let (head, (uz, ue)) = condition_head(model.plan, li, b, normalised);
            parts.push((
                format!(
                    "{} {x} → {y}{uz}（{}需 ≥ {required}{uz}）",
                    head.zh, level.zh
                ),
                format!(
                    "{} {x} → {y}{ue} ({} needs ≥ {required}{ue})",
                    head.en, level.en
                ),
            ));
        }
    }
    let c = order[k];
    let waiting = order[k + 1..].iter().map(|&l| &model.cands[l]);
    for a in waiting.filter(|l| l.waits_on(c)).filter_map(|l| l.action) {
        parts.push((
            format!("是「{}」的前提", a.title.zh),
            format!("needed first by \u{201c}{}\u{201d}", a.title.en),
        ));
    }
    // every outcome it drives, counted towards the target or not
    for effect in (model.cands.iter()).filter(|e| e.action.is_none() && e.waits_on(c)) {
        let item = &model.sheet.slots[effect.slot].loc.item.title;
        parts.push((
            format!("带动预期成效「{}」", item.zh),
            format!("expected to drive the outcome \u{201c}{}\u{201d}", item.en),
        ));
    }
    if parts.is_empty() {
        parts.push((
            "不直接改变目标条件".into(),
            "does not move a condition of the target by itself".into(),
        ));
    }
    let (zh, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
    Text {
        zh: zh.join("；"),
        en: en.join("; "),
    }
}

/// The plan in one sentence: actions, phases used, months; or why there is no plan.
pub(super) fn summary(
    target: &LevelOutcome,
    phases: &[Phase],
    months: u16,
    horizon: u16,
    chosen: &Chosen,
) -> Text {
    let name = &target.name;
    if chosen.met {
        return Text {
            zh: format!("已达到{}，无需新的行动", name.zh),
            en: format!("{} is already reached; no new action is needed", name.en),
        };
    }
    if !chosen.missing.is_empty() {
        let zh: Vec<&str> = chosen.missing.iter().map(|t| t.zh.as_str()).collect();
        let en: Vec<&str> = chosen.missing.iter().map(|t| t.en.as_str()).collect();
        return Text {
            zh: format!(
                "按现有行动无法达到{}：全部行动完成后，{}",
                name.zh,
                zh.join("；")
            ),
            en: format!(
                "{} cannot be reached with the declared actions; with all of them done: {}",
                name.en,
                en.join("; ")
            ),
        };
    }
    let n: usize = phases.iter().map(|p| p.actions.len()).sum();
    let used = phases.iter().filter(|p| !p.actions.is_empty()).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            word.to_owned()
        } else {
            format!("{word}s")
        }
    };
    let mut zh = format!("{n} 项行动，{used} 个阶段，约 {months} 个月");
    let mut en = format!(
        "{n} {}, {used} {}, about {months} months",
        plural(n, "action"),
        plural(used, "phase")
    );
    if months > horizon {
        let over = months - horizon;
        zh.push_str(&format!("，超出 {horizon} 个月规划期 {over} 个月"));
        en.push_str(&format!(
            ", {over} months beyond the {horizon}-month horizon"
        ));
    }
    Text { zh, en }
}
