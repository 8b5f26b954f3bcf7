//! `zhizhuan assessments meta ID …`: records how an assessment was made (body, assessor,
//! mode, date, report number, documents, site visit, interviews) and its roadmap's limit of
//! parallel projects. Options not given keep their stored values. The write is the command
//! layer's `assessment::set_meta`, as the app's.

use chrono::NaiveDate;
use clap::Args as ClapArgs;
use zhizhuan_commands::assessment;
use zhizhuan_store::meta::{AssessmentMeta, AssessmentMode};

use crate::{Context, Failure, Outcome};

#[derive(ClapArgs, Debug)]
pub struct MetaArgs {
    pub id: i64,
    /// 评估机构 (assessing body).
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long)]
    pub assessor: Option<String>,
    /// self (企业自评), provider (服务商诊断) or third_party (第三方评测).
    #[arg(long, value_parser = ["self", "provider", "third_party"])]
    pub mode: Option<String>,
    /// 评估日期, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long, value_name = "TEXT")]
    pub report_no: Option<String>,
    /// 资料审核: the documents reviewed.
    #[arg(long, value_name = "TEXT")]
    pub documents: Option<String>,
    /// 现场评测: `no`, `yes` or the visit's date (YYYY-MM-DD).
    #[arg(long, value_name = "no|yes|YYYY-MM-DD")]
    pub site_visit: Option<String>,
    /// 访谈对象.
    #[arg(long, value_name = "TEXT")]
    pub interviews: Option<String>,
    /// At most K projects at once in this assessment's roadmap (1–20), or `default` (3).
    #[arg(long, value_name = "K|default")]
    pub max_parallel: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// The stored record with the given options applied.
fn apply(mut m: AssessmentMeta, a: MetaArgs) -> Result<AssessmentMeta, Failure> {
    let set = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = v;
        }
    };
    set(&mut m.organisation, a.org);
    set(&mut m.assessor, a.assessor);
    set(&mut m.report_no, a.report_no);
    set(&mut m.documents_reviewed, a.documents);
    set(&mut m.interviews, a.interviews);
    if let Some(mode) = a.mode {
        m.mode = AssessmentMode::from_sql(&mode).unwrap_or_default();
    }
    if a.date.is_some() {
        m.assessed_on = a.date;
    }
    if let Some(v) = a.site_visit {
        (m.site_visit, m.site_visit_on) = match v.as_str() {
            "no" => (false, None),
            "yes" => (true, None),
            d => (true, Some(d.parse::<NaiveDate>().map_err(|_| {
                Failure::new(format!(
                    "--site-visit「{d}」应为 no、yes 或日期 YYYY-MM-DD (expected no, yes or a date)"
                ))
            })?)),
        };
    }
    if let Some(k) = a.max_parallel {
        m.max_parallel = match k.as_str() {
            "default" => None,
            n => Some(n.parse().map_err(|_| {
                Failure::new(format!(
                    "--max-parallel「{n}」应为 1–20 的整数或 default (expected 1–20 or default)"
                ))
            })?),
        };
    }
    Ok(m)
}

pub fn run(args: MetaArgs, ctx: &Context) -> Outcome {
    let commands = ctx.commands()?;
    let (id, json) = (args.id, args.json);
    let meta = apply(assessment::meta(&commands, id)?, args)?;
    let meta = assessment::set_meta(&commands, id, &meta)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&meta)?);
    } else {
        let k = meta
            .max_parallel
            .map_or_else(|| "默认 3".to_string(), |k| k.to_string());
        println!(
            "评估 {id}：{}，{}，{}，报告编号「{}」，同时进行的项目 {k}",
            meta.mode.as_sql(),
            if meta.organisation.is_empty() {
                "（无评估机构）"
            } else {
                meta.organisation.as_str()
            },
            meta.assessed_on
                .map_or("（日期未记录）".to_string(), |d| d.to_string()),
            meta.report_no
        );
    }
    Ok(())
}
