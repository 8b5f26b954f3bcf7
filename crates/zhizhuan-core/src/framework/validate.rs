//! Phase 2: raw file → [`Framework`]. Every rule of `assessments/README.md` is checked here,
//! and every failure is collected (not just the first) with the span of the value at fault.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::error::{LoadError, LoadErrors, located};
use super::model::*;
use super::raw::*;
use crate::catalog;
use crate::decimal::Decimal;

/// The definition-format versions this loader reads.
pub const FORMATS: &[i64] = &[1];

const HUNDRED: Decimal = Decimal::from_int(100);

struct Check<'a> {
    file: &'a str,
    src: &'a str,
    errors: Vec<LoadError>,
}

/// `{value}` as written in the file, for "found …" messages (shortened if long).
fn shown(src: &str, span: &Range<usize>) -> String {
    let text = src.get(span.clone()).unwrap_or("").trim();
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn valid_id(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'))
}

impl Check<'_> {
    fn fail(&mut self, span: &Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.errors
            .push(located(self.file, self.src, span, field, message));
    }

    fn found(&self, span: &Range<usize>) -> String {
        shown(self.src, span)
    }

    fn text(&mut self, t: &S<RawText>, field: &str) -> Text {
        let raw = t.get_ref();
        for (lang, s, what) in [("zh", &raw.zh, "Chinese"), ("en", &raw.en, "English")] {
            if s.get_ref().trim().is_empty() {
                self.fail(
                    &s.span(),
                    format!("{field}.{lang}"),
                    format!("expected {what} text, found an empty string"),
                );
            }
        }
        Text {
            zh: raw.zh.get_ref().trim().to_owned(),
            en: raw.en.get_ref().trim().to_owned(),
        }
    }

    fn opt_text(&mut self, t: &Option<S<RawText>>, field: &str) -> Option<Text> {
        t.as_ref().map(|t| self.text(t, field))
    }

    fn id(&mut self, s: &S<String>, field: &str) -> String {
        let id = s.get_ref();
        if !valid_id(id) {
            self.fail(
                &s.span(),
                field,
                format!("expected an id of a-z, 0-9, '.', '_', '-' (starting with a letter or digit), found \"{id}\""),
            );
        }
        id.clone()
    }

    fn non_blank(&mut self, s: &S<String>, field: &str) -> String {
        if s.get_ref().trim().is_empty() {
            self.fail(&s.span(), field, "expected a non-empty string, found \"\"");
        }
        s.get_ref().trim().to_owned()
    }

    /// The exact decimal a number stands for; floats are re-read from their source text.
    fn num(&mut self, n: &S<RawNum>, field: &str) -> Option<Decimal> {
        let span = n.span();
        let parsed = match n.get_ref() {
            RawNum::Int(i) => i.checked_mul(10_000).map(Decimal::from_units).ok_or(()),
            RawNum::Float => {
                let text = self.src.get(span.clone()).unwrap_or("").replace('_', "");
                text.parse::<Decimal>().map_err(|_| ())
            }
            RawNum::Str(s) => s.parse::<Decimal>().map_err(|_| ()),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(()) => {
                let found = self.found(&span);
                self.fail(&span, field, format!("expected a decimal number with at most 4 decimal places (no exponent), found {found}"));
                None
            }
        }
    }

    fn non_negative(&mut self, n: &S<RawNum>, field: &str) -> Option<Decimal> {
        let d = self.num(n, field)?;
        if d < Decimal::ZERO {
            self.fail(
                &n.span(),
                field,
                format!("expected a number >= 0, found {d}"),
            );
            return None;
        }
        Some(d)
    }

    fn small_int(&mut self, n: &S<i64>, field: &str, lo: i64, hi: i64) -> Option<i64> {
        let v = *n.get_ref();
        if v < lo || v > hi {
            self.fail(
                &n.span(),
                field,
                format!("expected an integer from {lo} to {hi}, found {v}"),
            );
            return None;
        }
        Some(v)
    }

    /// Records `id` in `seen`, failing if it is already there.
    fn unique(&mut self, seen: &mut HashSet<String>, id: &S<String>, field: &str, what: &str) {
        if !seen.insert(id.get_ref().clone()) {
            self.fail(
                &id.span(),
                field,
                format!("duplicate {what} id \"{}\"", id.get_ref()),
            );
        }
    }

    /// Resolves a node's `variants` against its parent's; absent means all of the parent's.
    fn variants(
        &mut self,
        raw: &Option<S<Vec<S<String>>>>,
        parent: &[String],
        field: &str,
    ) -> Vec<String> {
        let Some(list) = raw else {
            return parent.to_vec();
        };
        if list.get_ref().is_empty() {
            self.fail(
                &list.span(),
                field,
                "expected at least one variant id (omit the key for all variants)",
            );
        }
        let mut out = Vec::new();
        for (i, v) in list.get_ref().iter().enumerate() {
            if parent.iter().any(|p| p == v.get_ref()) {
                if !out.contains(v.get_ref()) {
                    out.push(v.get_ref().clone());
                }
            } else {
                self.fail(
                    &v.span(),
                    format!("{field}[{i}]"),
                    format!(
                        "expected one of the variants {} (the parent's), found \"{}\"",
                        parent.join(", "),
                        v.get_ref()
                    ),
                );
            }
        }
        out
    }
}

/// An indicator waiting for its items: (dimension index, indicator, header span, `points`
/// span, field path).
type PendingIndicator = (usize, Indicator, Range<usize>, Option<Range<usize>>, String);

/// Which item kinds may carry a key: (key, its span if present, kinds that use it).
type KeyUse<'a> = (&'a str, Option<Range<usize>>, &'a [RawKind]);

/// The method fields a node may carry, checked against the scoring method.
struct NodeScore {
    points: Decimal,
    weights: Weights,
}

impl Check<'_> {
    #[allow(clippy::too_many_arguments)]
    fn node_score(
        &mut self,
        method: RawMethod,
        points: &Option<S<RawNum>>,
        weight: &Option<S<RawNum>>,
        weights: &Option<S<BTreeMap<S<String>, S<RawNum>>>>,
        variants: &[String],
        field: &str,
        header: &Range<usize>,
        needs_score: bool,
    ) -> NodeScore {
        let mut out = NodeScore {
            points: Decimal::ZERO,
            weights: Weights::new(),
        };
        match method {
            RawMethod::Points => {
                self.unused_weights(
                    weight,
                    weights,
                    field,
                    "not used by method \"points\" (give `points`)",
                );
                match points {
                    Some(p) => {
                        out.points = self
                            .non_negative(p, &format!("{field}.points"))
                            .unwrap_or_default()
                    }
                    None if needs_score => self.fail(
                        header,
                        format!("{field}.points"),
                        "required by method \"points\", but missing",
                    ),
                    None => {}
                }
            }
            RawMethod::Maturity => {
                if let Some(p) = points {
                    self.fail(
                        &p.span(),
                        format!("{field}.points"),
                        "not used by method \"maturity\" (give `weight` or `weights`)",
                    );
                }
                if !needs_score {
                    self.unused_weights(weight, weights, field, "not used by an unscored item");
                    return out;
                }
                out.weights = self.node_weights(weight, weights, variants, field, header);
            }
        }
        out
    }

    /// Fails on a node's `weight` and `weights` where they have no use.
    fn unused_weights(
        &mut self,
        weight: &Option<S<RawNum>>,
        weights: &Option<S<BTreeMap<S<String>, S<RawNum>>>>,
        field: &str,
        message: &str,
    ) {
        for (key, span) in [
            ("weight", weight.as_ref().map(|w| w.span())),
            ("weights", weights.as_ref().map(|w| w.span())),
        ] {
            if let Some(span) = span {
                self.fail(&span, format!("{field}.{key}"), message);
            }
        }
    }

    /// A scored node's weights under method "maturity": one `weight` for all its variants,
    /// or `weights` giving one per variant.
    fn node_weights(
        &mut self,
        weight: &Option<S<RawNum>>,
        weights: &Option<S<BTreeMap<S<String>, S<RawNum>>>>,
        variants: &[String],
        field: &str,
        header: &Range<usize>,
    ) -> Weights {
        let mut out = Weights::new();
        match (weight, weights) {
            (Some(w), None) => {
                if let Some(d) = self.non_negative(w, &format!("{field}.weight")) {
                    out = variants.iter().map(|v| (v.clone(), d)).collect();
                }
            }
            (None, Some(map)) => {
                for (k, v) in map.get_ref() {
                    let f = format!("{field}.weights.{}", k.get_ref());
                    if !variants.contains(k.get_ref()) {
                        self.fail(
                            &k.span(),
                            &f,
                            format!(
                                "expected one of the variants {}, found \"{}\"",
                                variants.join(", "),
                                k.get_ref()
                            ),
                        );
                    } else if let Some(d) = self.non_negative(v, &f) {
                        out.insert(k.get_ref().clone(), d);
                    }
                }
                for v in variants {
                    if !map.get_ref().keys().any(|k| k.get_ref() == v) {
                        self.fail(
                            &map.span(),
                            format!("{field}.weights"),
                            format!("expected a weight for variant \"{v}\", found none"),
                        );
                    }
                }
            }
            (Some(w), Some(_)) => self.fail(
                &w.span(),
                format!("{field}.weight"),
                "give either `weight` or `weights`, not both",
            ),
            (None, None) => self.fail(
                header,
                format!("{field}.weight"),
                "required by method \"maturity\" (or `weights`), but missing",
            ),
        }
        out
    }
}

/// Checks a raw definition and builds the model.
pub(crate) fn validate(file: &str, src: &str, raw: RawFramework) -> Result<Framework, LoadErrors> {
    let mut c = Check {
        file,
        src,
        errors: Vec::new(),
    };
    let fw = build(&mut c, raw);
    if c.errors.is_empty() {
        Ok(fw)
    } else {
        c.errors.sort_by_key(|e| (e.line, e.column));
        Err(LoadErrors(c.errors))
    }
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[0..4].parse::<u32>(),
        s[5..7].parse::<u32>(),
        s[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

/// The file's identity: everything about the definition that is not its content.
struct Identity {
    id: String,
    version: String,
    title: Text,
    summary: Option<Text>,
    source: Source,
}

/// Dimension, indicator and item ids seen so far, with their spans (they share one namespace).
type NodeIds = HashMap<String, Range<usize>>;

/// Where a dimension is written, for the sum checks: (header span, `points` span, field path).
type DimensionSpans = (Range<usize>, Option<Range<usize>>, String);

fn build(c: &mut Check<'_>, raw: RawFramework) -> Framework {
    let identity = identity(c, &raw);
    let variants = variants(c, &raw);
    let all_variants: Vec<String> = variants.iter().map(|v| v.id.clone()).collect();
    let programmes = programmes(c, &raw);
    let programme_ids: HashSet<String> = programmes.iter().map(|p| p.id.clone()).collect();

    // ---- scoring ----------------------------------------------------------------------
    let sc = raw.scoring.get_ref();
    let method_kind = *sc.method.get_ref();
    let scoring_method = scoring(c, sc);
    let below_level = c.text(&sc.below_level, "scoring.below_level");

    // ---- tree: dimensions, indicators, items; then the sums ---------------------------
    let mut node_ids = NodeIds::new();
    let (mut dimensions, dim_spans) =
        dimensions(c, &raw, method_kind, &all_variants, &mut node_ids);
    let indicators = indicators(c, &raw, method_kind, &dimensions, &mut node_ids);
    let items_by_indicator = items(
        c,
        &raw,
        method_kind,
        &programme_ids,
        &indicators,
        &mut node_ids,
    );
    attach_items(
        c,
        method_kind,
        indicators,
        items_by_indicator,
        &mut dimensions,
    );
    check_dimension_sums(c, method_kind, &dimensions, &dim_spans);
    check_scoring_sum(
        c,
        &raw,
        &scoring_method,
        method_kind,
        &all_variants,
        &dimensions,
    );

    // ---- levels, notes ----------------------------------------------------------------
    let levels = levels(c, &raw.levels, &raw, &scoring_method, &ladders(&dimensions));
    let notes = notes(c, &raw.notes, &node_ids);

    Framework {
        content_hash: String::new(),
        file: c.file.to_owned(),
        format: u32::try_from(*raw.format.get_ref()).unwrap_or(0),
        id: identity.id,
        version: identity.version,
        title: identity.title,
        summary: identity.summary,
        source: identity.source,
        variants,
        programmes,
        notes,
        scoring: Scoring {
            method: scoring_method.unwrap_or(Method::Points {
                total: Decimal::ZERO,
            }),
            estimate: sc.estimate,
            below_level,
        },
        levels,
        dimensions,
        phases: phases(c, &raw.phases),
    }
}

/// Checks the format version, id, version, title, summary and source of the definition.
fn identity(c: &mut Check<'_>, raw: &RawFramework) -> Identity {
    if !FORMATS.contains(raw.format.get_ref()) {
        c.fail(
            &raw.format.span(),
            "format",
            format!(
                "expected a supported format version ({FORMATS:?}), found {}",
                raw.format.get_ref()
            ),
        );
    }
    let id = c.id(&raw.id, "id");
    let version = c.non_blank(&raw.version, "version");
    let title = c.text(&raw.title, "title");
    let summary = c.opt_text(&raw.summary, "summary");
    let rs = raw.source.get_ref();
    let date = rs.date.get_ref().clone();
    if !valid_date(&date) {
        c.fail(
            &rs.date.span(),
            "source.date",
            format!("expected a date YYYY-MM-DD, found \"{date}\""),
        );
    }
    let url = rs.url.as_ref().map(|u| {
        if !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://")) {
            c.fail(
                &u.span(),
                "source.url",
                format!("expected an http(s) URL, found \"{}\"", u.get_ref()),
            );
        }
        u.get_ref().clone()
    });
    let source = Source {
        issuer: c.text(&rs.issuer, "source.issuer"),
        document: c.non_blank(&rs.document, "source.document"),
        date,
        url,
    };
    Identity {
        id,
        version,
        title,
        summary,
        source,
    }
}

/// The `[[variants]]`: at least one, each with a unique id and known industry codes.
fn variants(c: &mut Check<'_>, raw: &RawFramework) -> Vec<Variant> {
    if raw.variants.is_empty() {
        c.fail(
            &raw.id.span(),
            "variants",
            "expected at least one [[variants]], found none",
        );
    }
    let mut seen = HashSet::new();
    let mut variants = Vec::new();
    for (i, v) in raw.variants.iter().enumerate() {
        let f = format!("variants[{i}]");
        let rv = v.get_ref();
        let vid = c.id(&rv.id, &format!("{f}.id"));
        c.unique(&mut seen, &rv.id, &format!("{f}.id"), "variant");
        let mut industries = Vec::new();
        for (j, code) in rv.industries.iter().enumerate() {
            if catalog::label(catalog::INDUSTRIES, code.get_ref()).is_none() {
                c.fail(&code.span(), format!("{f}.industries[{j}]"), format!("expected a GB/T 4754-2017 manufacturing division code (C13 … C43), found \"{}\"", code.get_ref()));
            }
            industries.push(code.get_ref().clone());
        }
        variants.push(Variant {
            id: vid,
            title: c.text(&rv.title, &format!("{f}.title")),
            description: c.opt_text(&rv.description, &format!("{f}.description")),
            industries,
        });
    }
    variants
}

/// The `[[programmes]]` actions may name, each with a unique id and an optional gate.
fn programmes(c: &mut Check<'_>, raw: &RawFramework) -> Vec<Programme> {
    let mut seen = HashSet::new();
    let mut programmes = Vec::new();
    for (i, p) in raw.programmes.iter().enumerate() {
        let f = format!("programmes[{i}]");
        let rp = p.get_ref();
        c.unique(&mut seen, &rp.id, &format!("{f}.id"), "programme");
        programmes.push(Programme {
            id: c.id(&rp.id, &format!("{f}.id")),
            title: c.text(&rp.title, &format!("{f}.title")),
            description: c.opt_text(&rp.description, &format!("{f}.description")),
            gate: rp
                .gate
                .as_ref()
                .and_then(|g| gate(c, g, &format!("{f}.gate"), raw.levels.len())),
        });
    }
    programmes
}

/// Records a dimension, indicator or item id, failing if another node already has it.
fn note_node(c: &mut Check<'_>, node_ids: &mut NodeIds, id: &S<String>, field: &str) {
    if node_ids.insert(id.get_ref().clone(), id.span()).is_some() {
        c.fail(
            &id.span(),
            field,
            format!(
                "duplicate id \"{}\" (dimension, indicator and item ids share one namespace)",
                id.get_ref()
            ),
        );
    }
}

/// The `[[dimensions]]`, still without indicators, and where each is written.
fn dimensions(
    c: &mut Check<'_>,
    raw: &RawFramework,
    method_kind: RawMethod,
    all_variants: &[String],
    node_ids: &mut NodeIds,
) -> (Vec<Dimension>, Vec<DimensionSpans>) {
    let mut dimensions: Vec<Dimension> = Vec::new();
    let mut dim_spans = Vec::new();
    for (i, d) in raw.dimensions.iter().enumerate() {
        let f = format!("dimensions[{i}]");
        let rd = d.get_ref();
        let did = c.id(&rd.id, &format!("{f}.id"));
        note_node(c, node_ids, &rd.id, &format!("{f}.id"));
        if let Some(p) = &rd.dimension {
            c.fail(
                &p.span(),
                format!("{f}.dimension"),
                "not used on a dimension (only indicators name their dimension)",
            );
        }
        let vs = c.variants(&rd.variants, all_variants, &format!("{f}.variants"));
        let score = c.node_score(
            method_kind,
            &rd.points,
            &rd.weight,
            &rd.weights,
            &vs,
            &f,
            &d.span(),
            true,
        );
        dimensions.push(Dimension {
            id: did,
            title: c.text(&rd.title, &format!("{f}.title")),
            description: c.opt_text(&rd.description, &format!("{f}.description")),
            points: score.points,
            weights: score.weights,
            variants: vs,
            indicators: Vec::new(),
        });
        dim_spans.push((d.span(), rd.points.as_ref().map(|p| p.span()), f));
    }
    if dimensions.is_empty() {
        c.fail(
            &raw.id.span(),
            "dimensions",
            "expected at least one [[dimensions]], found none",
        );
    }
    (dimensions, dim_spans)
}

/// The `[[indicators]]` naming a known dimension, in file order, still without items.
fn indicators(
    c: &mut Check<'_>,
    raw: &RawFramework,
    method_kind: RawMethod,
    dimensions: &[Dimension],
    node_ids: &mut NodeIds,
) -> Vec<PendingIndicator> {
    // (dimension index, indicator) in file order; spans kept for the sum checks.
    let mut indicators: Vec<PendingIndicator> = Vec::new();
    for (i, n) in raw.indicators.iter().enumerate() {
        let f = format!("indicators[{i}]");
        let rn = n.get_ref();
        let nid = c.id(&rn.id, &format!("{f}.id"));
        note_node(c, node_ids, &rn.id, &format!("{f}.id"));
        let Some(parent) = &rn.dimension else {
            c.fail(
                &n.span(),
                format!("{f}.dimension"),
                "required (the id of a dimension), but missing",
            );
            continue;
        };
        let Some(di) = dimensions.iter().position(|d| &d.id == parent.get_ref()) else {
            c.fail(
                &parent.span(),
                format!("{f}.dimension"),
                format!(
                    "expected the id of a dimension, found \"{}\"",
                    parent.get_ref()
                ),
            );
            continue;
        };
        let pv = dimensions[di].variants.clone();
        let vs = c.variants(&rn.variants, &pv, &format!("{f}.variants"));
        let score = c.node_score(
            method_kind,
            &rn.points,
            &rn.weight,
            &rn.weights,
            &vs,
            &f,
            &n.span(),
            true,
        );
        let ind = Indicator {
            id: nid,
            title: c.text(&rn.title, &format!("{f}.title")),
            description: c.opt_text(&rn.description, &format!("{f}.description")),
            points: score.points,
            weights: score.weights,
            variants: vs,
            items: Vec::new(),
        };
        indicators.push((di, ind, n.span(), rn.points.as_ref().map(|p| p.span()), f));
    }
    indicators
}

/// The `[[items]]` grouped by the indicator they name (by its index in `indicators`); their
/// actions' prerequisites are checked once every item is read.
fn items(
    c: &mut Check<'_>,
    raw: &RawFramework,
    method_kind: RawMethod,
    programme_ids: &HashSet<String>,
    indicators: &[PendingIndicator],
    node_ids: &mut NodeIds,
) -> Vec<Vec<Item>> {
    let mut action_ids: HashMap<String, Range<usize>> = HashMap::new();
    // (action id, prerequisite, field) checked once every action is known; an effect's
    // drivers come with an empty action id
    let mut prereqs: Vec<(String, S<String>, String)> = Vec::new();
    let mut items_by_indicator: Vec<Vec<Item>> = vec![Vec::new(); indicators.len()];
    let mut kpi_actions: HashSet<String> = HashSet::new();
    for (i, it) in raw.items.iter().enumerate() {
        let f = format!("items[{i}]");
        let ri = it.get_ref();
        if matches!(ri.kind.get_ref(), RawKind::Kpi) {
            kpi_actions.extend(ri.actions.iter().map(|a| a.get_ref().id.get_ref().clone()));
        }
        note_node(c, node_ids, &ri.id, &format!("{f}.id"));
        let Some(ii) = indicators
            .iter()
            .position(|(_, ind, ..)| &ind.id == ri.indicator.get_ref())
        else {
            c.fail(
                &ri.indicator.span(),
                format!("{f}.indicator"),
                format!(
                    "expected the id of an indicator, found \"{}\"",
                    ri.indicator.get_ref()
                ),
            );
            continue;
        };
        let pv = indicators[ii].1.variants.clone();
        let ctx = ItemCtx {
            method: method_kind,
            levels_count: raw.levels.len(),
            programme_ids,
            parent_variants: &pv,
        };
        if let Some(item) = item(c, it, &f, &ctx, &mut action_ids, &mut prereqs) {
            items_by_indicator[ii].push(item);
        }
    }
    prerequisites(c, &prereqs, &action_ids, &kpi_actions);
    items_by_indicator
}

/// Checks that prerequisites (and effects' drivers) name known actions of scored items and
/// form no cycle.
fn prerequisites(
    c: &mut Check<'_>,
    prereqs: &[(String, S<String>, String)],
    action_ids: &HashMap<String, Range<usize>>,
    kpi_actions: &HashSet<String>,
) {
    let mut graph: HashMap<String, Vec<String>> = HashMap::new();
    for (aid, pre, field) in prereqs {
        if !action_ids.contains_key(pre.get_ref()) {
            c.fail(
                &pre.span(),
                field,
                format!("expected the id of an action, found \"{}\"", pre.get_ref()),
            );
        } else if kpi_actions.contains(pre.get_ref()) {
            // a roadmap never plans a KPI's action (a KPI scores nothing): what waits on one
            // would wait for ever, or count as done without it
            c.fail(
                &pre.span(),
                field,
                format!(
                    "expected an action of a scored item, found \"{}\", an action of a KPI item, which no roadmap plans",
                    pre.get_ref()
                ),
            );
        } else if pre.get_ref() == aid {
            c.fail(
                &pre.span(),
                field,
                format!("an action cannot be its own prerequisite (\"{aid}\")"),
            );
        } else if !aid.is_empty() {
            // an outcome's drivers come with no action id: they must exist, but an effect is
            // no action, so it is not part of the prerequisite graph
            graph
                .entry(aid.clone())
                .or_default()
                .push(pre.get_ref().clone());
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        let span = action_ids.get(&cycle[0]).cloned().unwrap_or(0..0);
        c.fail(
            &span,
            "actions.prerequisites",
            format!("expected no cycle, found {}", cycle.join(" → ")),
        );
    }
}

/// Puts each indicator's items under it and each indicator under its dimension, checking
/// that no indicator is empty and that its items add up to it.
fn attach_items(
    c: &mut Check<'_>,
    method_kind: RawMethod,
    mut indicators: Vec<PendingIndicator>,
    items_by_indicator: Vec<Vec<Item>>,
    dimensions: &mut [Dimension],
) {
    for (ii, items) in items_by_indicator.into_iter().enumerate() {
        indicators[ii].1.items = items;
    }
    for (di, ind, span, points_span, f) in indicators {
        if ind.items.is_empty() {
            c.fail(
                &span,
                format!("{f}.items"),
                format!(
                    "expected at least one item naming indicator \"{}\", found none",
                    ind.id
                ),
            );
        }
        check_children_sum(
            c,
            method_kind,
            &ind.points,
            &ind.weights,
            &ind.variants,
            &ind.items
                .iter()
                .map(|it| (&it.id, it.points, &it.weights, &it.variants))
                .collect::<Vec<_>>(),
            points_span.as_ref().unwrap_or(&span),
            &f,
            "items",
        );
        dimensions[di].indicators.push(ind);
    }
}

/// Checks that no dimension is empty and that its indicators add up to it.
fn check_dimension_sums(
    c: &mut Check<'_>,
    method_kind: RawMethod,
    dimensions: &[Dimension],
    dim_spans: &[DimensionSpans],
) {
    for (d, (span, points_span, f)) in dimensions.iter().zip(dim_spans) {
        if d.indicators.is_empty() {
            c.fail(
                span,
                format!("{f}.indicators"),
                format!(
                    "expected at least one indicator naming dimension \"{}\", found none",
                    d.id
                ),
            );
        }
        check_children_sum(
            c,
            method_kind,
            &d.points,
            &d.weights,
            &d.variants,
            &d.indicators
                .iter()
                .map(|n| (&n.id, n.points, &n.weights, &n.variants))
                .collect::<Vec<_>>(),
            points_span.as_ref().unwrap_or(span),
            f,
            "indicators",
        );
    }
}

/// Checks that the dimensions add up to the scoring total (points), or their weights to 100
/// per variant (maturity).
fn check_scoring_sum(
    c: &mut Check<'_>,
    raw: &RawFramework,
    scoring_method: &Option<Method>,
    method_kind: RawMethod,
    all_variants: &[String],
    dimensions: &[Dimension],
) {
    match scoring_method {
        Some(Method::Points { total }) => {
            for v in all_variants {
                let sum: Decimal = dimensions
                    .iter()
                    .filter(|d| d.variants.contains(v))
                    .map(|d| d.points)
                    .sum();
                if sum != *total && !dimensions.is_empty() {
                    let span = raw
                        .scoring
                        .get_ref()
                        .total
                        .as_ref()
                        .map(|t| t.span())
                        .unwrap_or(raw.scoring.span());
                    c.fail(&span, "scoring.total", format!("expected the dimensions' points (variant \"{v}\") to add up to {total}, found {sum}"));
                }
            }
        }
        Some(Method::Maturity { .. }) => {
            let parent: Weights = all_variants.iter().map(|v| (v.clone(), HUNDRED)).collect();
            check_children_sum(
                c,
                method_kind,
                &Decimal::ZERO,
                &parent,
                all_variants,
                &dimensions
                    .iter()
                    .map(|d| (&d.id, d.points, &d.weights, &d.variants))
                    .collect::<Vec<_>>(),
                &raw.scoring.span(),
                "dimensions",
                "dimensions",
            );
        }
        None => {}
    }
}

/// The ladder (scenario) items scenario rules may count: (id, constraint, number of rungs).
fn ladders(dimensions: &[Dimension]) -> Vec<(String, bool, u8)> {
    dimensions
        .iter()
        .flat_map(|d| d.indicators.iter().flat_map(|n| n.items.iter()))
        .filter_map(|it| match &it.kind {
            ItemKind::Ladder { constraint, rungs } => {
                Some((it.id.clone(), *constraint, rungs.len() as u8))
            }
            _ => None,
        })
        .collect()
}

/// The `[[notes]]`, each about known nodes (or "scoring" / "levels").
fn notes(c: &mut Check<'_>, raw: &[S<RawNote>], node_ids: &NodeIds) -> Vec<Note> {
    let mut seen = HashSet::new();
    let mut notes = Vec::new();
    for (i, n) in raw.iter().enumerate() {
        let f = format!("notes[{i}]");
        let rn = n.get_ref();
        c.unique(&mut seen, &rn.id, &format!("{f}.id"), "note");
        let mut about = Vec::new();
        for (j, a) in rn.about.iter().enumerate() {
            let known = node_ids.contains_key(a.get_ref())
                || a.get_ref() == "scoring"
                || a.get_ref() == "levels";
            if !known {
                c.fail(&a.span(), format!("{f}.about[{j}]"), format!("expected a dimension, indicator or item id, or \"scoring\" / \"levels\", found \"{}\"", a.get_ref()));
            }
            about.push(a.get_ref().clone());
        }
        notes.push(Note {
            id: c.id(&rn.id, &format!("{f}.id")),
            status: match rn.status.get_ref() {
                RawNoteStatus::Unconfirmed => NoteStatus::Unconfirmed,
                RawNoteStatus::Estimate => NoteStatus::Estimate,
                RawNoteStatus::Doubt => NoteStatus::Doubt,
                RawNoteStatus::Info => NoteStatus::Info,
            },
            text: c.text(&rn.text, &format!("{f}.text")),
            about,
        });
    }
    notes
}

/// The roadmap's phase windows: as written (contiguous from month 0), or the three of the
/// plans this app was built on when the file gives none.
fn phases(c: &mut Check<'_>, raw: &[S<RawPhase>]) -> Vec<PhaseWindow> {
    if raw.is_empty() {
        let t = |zh: &str, en: &str| Text {
            zh: zh.into(),
            en: en.into(),
        };
        return vec![
            PhaseWindow {
                name: t("快速见效", "Quick wins"),
                from: 0,
                to: 6,
            },
            PhaseWindow {
                name: t("中期", "Medium term"),
                from: 6,
                to: 18,
            },
            PhaseWindow {
                name: t("长期", "Long term"),
                from: 18,
                to: 36,
            },
        ];
    }
    let mut out: Vec<PhaseWindow> = Vec::new();
    for (i, p) in raw.iter().enumerate() {
        let f = format!("phases[{i}]");
        let rp = p.get_ref();
        let from = c
            .small_int(&rp.from, &format!("{f}.from"), 0, 600)
            .unwrap_or(0) as u16;
        let to = c.small_int(&rp.to, &format!("{f}.to"), 1, 600).unwrap_or(1) as u16;
        let expected_from = out.last().map_or(0, |w| w.to);
        if from != expected_from || to <= from {
            c.fail(&p.span(), &f, format!("expected a window from month {expected_from} to a later month, found {from}–{to}"));
        }
        out.push(PhaseWindow {
            name: c.text(&rp.name, &format!("{f}.name")),
            from,
            to,
        });
    }
    out
}

/// Checks that children's points (points method) or weights (maturity, per variant) add up
/// exactly to the parent's.
#[allow(clippy::too_many_arguments)]
fn check_children_sum(
    c: &mut Check<'_>,
    method: RawMethod,
    points: &Decimal,
    weights: &Weights,
    variants: &[String],
    children: &[(&String, Decimal, &Weights, &Vec<String>)],
    span: &Range<usize>,
    field: &str,
    what: &str,
) {
    if children.is_empty() {
        return;
    }
    for v in variants {
        let applicable = children.iter().filter(|(_, _, _, vs)| vs.contains(v));
        match method {
            RawMethod::Points => {
                let parts: Vec<_> = applicable.collect();
                let sum: Decimal = parts.iter().map(|(_, p, _, _)| *p).sum();
                if sum != *points {
                    let terms = parts
                        .iter()
                        .map(|(id, p, _, _)| format!("{id} {p}"))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    let suffix = if variants.len() > 1 {
                        format!(" (variant \"{v}\")")
                    } else {
                        String::new()
                    };
                    c.fail(span, format!("{field}.points"), format!("expected the {what}' points{suffix} to add up to {points}, found {sum} ({terms})"));
                }
            }
            RawMethod::Maturity => {
                // Unscored children (KPIs) carry no weights and stay out of the sum.
                let parts: Vec<_> = applicable.filter(|(_, _, w, _)| !w.is_empty()).collect();
                if parts.is_empty() || weights.is_empty() {
                    continue;
                }
                let sum: Decimal = parts.iter().filter_map(|(_, _, w, _)| w.get(v)).sum();
                if sum != HUNDRED {
                    let terms = parts
                        .iter()
                        .map(|(id, _, w, _)| {
                            format!("{id} {}", w.get(v).copied().unwrap_or_default())
                        })
                        .collect::<Vec<_>>()
                        .join(" + ");
                    c.fail(span, format!("{field}.weight"), format!("expected the {what}' weights for variant \"{v}\" to add up to 100, found {sum} ({terms})"));
                }
            }
        }
    }
}

fn scoring(c: &mut Check<'_>, sc: &RawScoring) -> Option<Method> {
    match sc.method.get_ref() {
        RawMethod::Points => points_method(c, sc),
        RawMethod::Maturity => maturity_method(c, sc),
    }
}

/// Fails on a `[scoring]` key the method does not use.
fn not_for(c: &mut Check<'_>, span: Option<Range<usize>>, key: &str, method: &str) {
    if let Some(span) = span {
        c.fail(
            &span,
            format!("scoring.{key}"),
            format!("not used by method \"{method}\""),
        );
    }
}

/// Method "points": a `total` and none of the maturity keys.
fn points_method(c: &mut Check<'_>, sc: &RawScoring) -> Option<Method> {
    not_for(
        c,
        sc.max_score.as_ref().map(|x| x.span()),
        "max_score",
        "points",
    );
    not_for(
        c,
        sc.achieve_threshold.as_ref().map(|x| x.span()),
        "achieve_threshold",
        "points",
    );
    not_for(
        c,
        sc.aggregation.as_ref().map(|x| x.span()),
        "aggregation",
        "points",
    );
    not_for(
        c,
        sc.overall.as_ref().map(|x| x.span()),
        "overall",
        "points",
    );
    not_for(c, sc.scale.first().map(|x| x.span()), "scale", "points");
    let Some(total) = &sc.total else {
        c.fail(
            &sc.method.span(),
            "scoring.total",
            "required by method \"points\", but missing",
        );
        return None;
    };
    let total = c.non_negative(total, "scoring.total")?;
    Some(Method::Points { total })
}

/// Method "maturity": its maximum score, threshold, aggregation, overall rule and scale.
fn maturity_method(c: &mut Check<'_>, sc: &RawScoring) -> Option<Method> {
    not_for(c, sc.total.as_ref().map(|x| x.span()), "total", "maturity");
    let need = |c: &mut Check<'_>, v: &Option<S<RawNum>>, key: &str| match v {
        Some(v) => c.non_negative(v, &format!("scoring.{key}")),
        None => {
            missing_for_maturity(c, sc, key);
            None
        }
    };
    let max_score = need(c, &sc.max_score, "max_score");
    let threshold = need(c, &sc.achieve_threshold, "achieve_threshold");
    if let (Some(t), Some(span)) = (threshold, sc.achieve_threshold.as_ref().map(|t| t.span()))
        && (t.is_zero() || t > Decimal::ONE)
    {
        c.fail(
            &span,
            "scoring.achieve_threshold",
            format!("expected a number in (0, 1], found {t}"),
        );
    }
    let aggregation = match &sc.aggregation {
        Some(a) => match a.get_ref() {
            RawAggregation::Mean => Some(Aggregation::Mean),
        },
        None => {
            missing_for_maturity(c, sc, "aggregation");
            None
        }
    };
    let overall = match &sc.overall {
        Some(o) => Some(match o.get_ref() {
            RawOverall::LevelSum => Overall::LevelSum,
            RawOverall::AchievedPlusNext => Overall::AchievedPlusNext,
        }),
        None => {
            missing_for_maturity(c, sc, "overall");
            None
        }
    };
    let scale = scale(c, sc);
    Some(Method::Maturity {
        max_score: max_score?,
        achieve_threshold: threshold?,
        aggregation: aggregation?,
        overall: overall?,
        scale,
    })
}

/// Fails on a `[scoring]` key method "maturity" requires but the file leaves out.
fn missing_for_maturity(c: &mut Check<'_>, sc: &RawScoring, key: &str) {
    c.fail(
        &sc.method.span(),
        format!("scoring.{key}"),
        "required by method \"maturity\", but missing",
    );
}

/// The maturity scale: unique ids, values from 0 to 1 (or excluded), with a 1 and a 0.
fn scale(c: &mut Check<'_>, sc: &RawScoring) -> Vec<ScaleValue> {
    let mut seen = HashSet::new();
    let mut scale = Vec::new();
    for (i, s) in sc.scale.iter().enumerate() {
        let f = format!("scoring.scale[{i}]");
        let rs = s.get_ref();
        c.unique(&mut seen, &rs.id, &format!("{f}.id"), "scale value");
        let value = scale_value(c, s, &f);
        scale.push(ScaleValue {
            id: c.id(&rs.id, &format!("{f}.id")),
            label: c.text(&rs.label, &format!("{f}.label")),
            value,
        });
    }
    for (want, what) in [
        (Decimal::ONE, "1 (fully met)"),
        (Decimal::ZERO, "0 (not met)"),
    ] {
        if !scale.iter().any(|s| s.value == Some(want)) {
            c.fail(
                &sc.method.span(),
                "scoring.scale",
                format!("expected a scale value of {what}, found none"),
            );
        }
    }
    scale
}

/// A scale value's value: from 0 to 1, or none when it is excluded.
fn scale_value(c: &mut Check<'_>, s: &S<RawScaleValue>, f: &str) -> Option<Decimal> {
    let rs = s.get_ref();
    match (&rs.value, rs.excluded) {
        (Some(v), false) => {
            let d = c.non_negative(v, &format!("{f}.value"));
            if let Some(d) = d.filter(|d| *d > Decimal::ONE) {
                c.fail(
                    &v.span(),
                    format!("{f}.value"),
                    format!("expected a value from 0 to 1, found {d}"),
                );
            }
            d
        }
        (None, true) => None,
        (Some(v), true) => {
            c.fail(
                &v.span(),
                format!("{f}.value"),
                "an excluded scale value has no value",
            );
            None
        }
        (None, false) => {
            c.fail(
                &s.span(),
                format!("{f}.value"),
                "required (or `excluded = true`), but missing",
            );
            None
        }
    }
}

fn levels(
    c: &mut Check<'_>,
    raw_levels: &[S<RawLevel>],
    raw: &RawFramework,
    method: &Option<Method>,
    ladders: &[(String, bool, u8)],
) -> Vec<Level> {
    if raw_levels.is_empty() {
        c.fail(
            &raw.id.span(),
            "levels",
            "expected at least one [[levels]], found none",
        );
    }
    let ceiling = match method {
        Some(Method::Points { total }) => Some(*total),
        Some(Method::Maturity { max_score, .. }) => Some(*max_score),
        None => None,
    };
    let mut seen = HashSet::new();
    let mut out: Vec<Level> = Vec::new();
    let mut previous: Option<Decimal> = None;
    for (i, l) in raw_levels.iter().enumerate() {
        let f = format!("levels[{i}]");
        let rl = l.get_ref();
        c.unique(&mut seen, &rl.id, &format!("{f}.id"), "level");
        let want_rank = i as i64 + 1;
        if *rl.rank.get_ref() != want_rank {
            c.fail(
                &rl.rank.span(),
                format!("{f}.rank"),
                format!(
                    "expected {want_rank} (levels run 1, 2, … from lowest to highest), found {}",
                    rl.rank.get_ref()
                ),
            );
        }
        let min = c.non_negative(&rl.min_score, &format!("{f}.min_score"));
        if let Some(min) = min {
            if let Some(prev) = previous.filter(|p| min <= *p) {
                c.fail(&rl.min_score.span(), format!("{f}.min_score"), format!("expected a threshold above the previous level's {prev} (thresholds must strictly increase), found {min}"));
            }
            if let Some(ceiling) = ceiling.filter(|ceil| min > *ceil) {
                c.fail(
                    &rl.min_score.span(),
                    format!("{f}.min_score"),
                    format!("expected at most the highest possible score {ceiling}, found {min}"),
                );
            }
            previous = Some(min);
        }
        let mut rules = Vec::new();
        for (j, r) in rl.scenario_rules.iter().enumerate() {
            let rf = format!("{f}.scenario_rules[{j}]");
            if !matches!(method, Some(Method::Points { .. })) {
                c.fail(
                    &r.span(),
                    &rf,
                    "scenario rules are used by method \"points\" only",
                );
                continue;
            }
            if let Some(rule) = scenario_rule(c, r.get_ref(), &rf, ladders) {
                rules.push(rule);
            }
        }
        out.push(Level {
            id: c.id(&rl.id, &format!("{f}.id")),
            rank: u8::try_from(want_rank).unwrap_or(u8::MAX),
            name: c.text(&rl.name, &format!("{f}.name")),
            alias: c.opt_text(&rl.alias, &format!("{f}.alias")),
            description: c.opt_text(&rl.description, &format!("{f}.description")),
            min_score: min.unwrap_or_default(),
            estimate: rl.estimate,
            scenario_rules: rules,
        });
    }
    out
}

fn scenario_rule(
    c: &mut Check<'_>,
    r: &RawScenarioRule,
    f: &str,
    ladders: &[(String, bool, u8)],
) -> Option<ScenarioRule> {
    let among = match r.among.get_ref() {
        RawAmong::All => Among::All,
        RawAmong::Constraint => Among::Constraint,
        RawAmong::Listed => Among::Listed,
    };
    let scenarios: Vec<(String, u8)> = match (among, &r.scenarios) {
        (Among::Listed, Some(list)) => listed_scenarios(c, list.get_ref(), f, ladders),
        (Among::Listed, None) => {
            c.fail(
                &r.among.span(),
                format!("{f}.scenarios"),
                "required with among = \"listed\", but missing",
            );
            return None;
        }
        (_, Some(list)) => {
            c.fail(
                &list.span(),
                format!("{f}.scenarios"),
                "only used with among = \"listed\"",
            );
            return None;
        }
        (Among::All, None) => ladders.iter().map(|(id, _, n)| (id.clone(), *n)).collect(),
        (Among::Constraint, None) => ladders
            .iter()
            .filter(|(_, k, _)| *k)
            .map(|(id, _, n)| (id.clone(), *n))
            .collect(),
    };
    let top = scenarios.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let min_level = c.small_int(
        &r.min_level,
        &format!("{f}.min_level"),
        1,
        i64::from(top.max(1)),
    )?;
    let min_count = c.small_int(
        &r.min_count,
        &format!("{f}.min_count"),
        1,
        scenarios.len().max(1) as i64,
    )?;
    if scenarios.is_empty() {
        c.fail(
            &r.among.span(),
            format!("{f}.among"),
            "expected a selection holding at least one ladder (scenario) item, found none",
        );
        return None;
    }
    Some(ScenarioRule {
        min_level: min_level as u8,
        min_count: min_count as u32,
        among,
        scenarios: scenarios.into_iter().map(|(id, _)| id).collect(),
    })
}

/// The ladder items a rule lists (`among = "listed"`), each with its top rung; an unknown or
/// repeated id is reported and left out.
fn listed_scenarios(
    c: &mut Check<'_>,
    list: &[S<String>],
    f: &str,
    ladders: &[(String, bool, u8)],
) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    for (k, s) in list.iter().enumerate() {
        match ladders.iter().find(|(id, ..)| id == s.get_ref()) {
            Some((id, _, n)) if !out.iter().any(|(o, _)| o == id) => out.push((id.clone(), *n)),
            Some(_) => c.fail(
                &s.span(),
                format!("{f}.scenarios[{k}]"),
                format!("duplicate scenario \"{}\"", s.get_ref()),
            ),
            None => c.fail(
                &s.span(),
                format!("{f}.scenarios[{k}]"),
                format!(
                    "expected the id of a ladder (scenario) item, found \"{}\"",
                    s.get_ref()
                ),
            ),
        }
    }
    out
}

struct ItemCtx<'a> {
    method: RawMethod,
    levels_count: usize,
    programme_ids: &'a HashSet<String>,
    parent_variants: &'a [String],
}

fn kind_name(k: RawKind) -> &'static str {
    match k {
        RawKind::Single => "single",
        RawKind::Multiple => "multiple",
        RawKind::Band => "band",
        RawKind::Ladder => "ladder",
        RawKind::Requirements => "requirements",
        RawKind::Kpi => "kpi",
    }
}

fn item(
    c: &mut Check<'_>,
    it: &S<RawItem>,
    f: &str,
    ctx: &ItemCtx<'_>,
    action_ids: &mut HashMap<String, Range<usize>>,
    prereqs: &mut Vec<(String, S<String>, String)>,
) -> Option<Item> {
    use RawKind::*;
    let ri = it.get_ref();
    let kind = *ri.kind.get_ref();
    let id = c.id(&ri.id, &format!("{f}.id"));
    unused_keys(c, ri, f, kind);
    if !scorable(c, ri, f, kind, ctx.method) {
        return None;
    }

    let variants = c.variants(&ri.variants, ctx.parent_variants, &format!("{f}.variants"));
    let score = item_score(c, it, f, ctx, kind, &variants);
    let points = score.points;

    let item_kind = match kind {
        Single | Multiple => choice_kind(c, ri, f, kind, points),
        Band => band_kind(c, ri, f, it, points),
        Ladder => ladder_kind(c, ri, f, it),
        Requirements => requirements_kind(c, ri, f, it, ctx.levels_count, &variants),
        Kpi => kpi_kind(c, ri, f, it, ctx),
    };

    let actions = actions(c, ri, f, ctx, &item_kind, action_ids, prereqs);
    let outcome = ri.outcome.as_ref().is_some_and(|o| *o.get_ref());
    let effects = effects(c, ri, f, &item_kind, outcome, prereqs);
    check_actions_cover(c, it, f, ctx.levels_count, &item_kind, &actions, &effects);

    Some(Item {
        id,
        title: c.text(&ri.title, &format!("{f}.title")),
        question: c.text(&ri.question, &format!("{f}.question")),
        help: c.text(&ri.help, &format!("{f}.help")),
        evidence: c.text(&ri.evidence, &format!("{f}.evidence")),
        points,
        weights: score.weights,
        na: match ri.na.as_ref().map(|n| *n.get_ref()) {
            None | Some(RawNa::No) => NaPolicy::No,
            Some(RawNa::Zero) => NaPolicy::Zero,
            Some(RawNa::Exclude) => NaPolicy::Exclude,
        },
        variants,
        kind: item_kind,
        actions,
        outcome,
        effects,
    })
}

/// Fails on every key the item's kind does not use, so a misplaced key never silently does
/// nothing.
fn unused_keys(c: &mut Check<'_>, ri: &RawItem, f: &str, kind: RawKind) {
    use RawKind::*;
    let kname = kind_name(kind);
    let present: [KeyUse<'_>; 10] = [
        (
            "constraint",
            ri.constraint.as_ref().map(|x| x.span()),
            &[Ladder],
        ),
        (
            "options",
            ri.options.first().map(|x| x.span()),
            &[Single, Multiple],
        ),
        (
            "fields",
            ri.fields.first().map(|x| x.span()),
            &[Single, Band, Kpi],
        ),
        ("ratio", ri.ratio.as_ref().map(|x| x.span()), &[Band, Kpi]),
        ("bands", ri.bands.first().map(|x| x.span()), &[Band]),
        ("rungs", ri.rungs.first().map(|x| x.span()), &[Ladder]),
        (
            "requirements",
            ri.requirements.first().map(|x| x.span()),
            &[Requirements],
        ),
        ("value", ri.value.as_ref().map(|x| x.span()), &[Kpi]),
        ("unit", ri.unit.as_ref().map(|x| x.span()), &[Kpi]),
        ("better", ri.better.as_ref().map(|x| x.span()), &[Kpi]),
    ];
    for (key, span, kinds) in present {
        if let Some(span) = span.filter(|_| !kinds.contains(&kind)) {
            c.fail(
                &span,
                format!("{f}.{key}"),
                format!("not used by kind \"{kname}\""),
            );
        }
    }
    if let Some(t) = ri.targets.first().filter(|_| kind != Kpi) {
        c.fail(
            &t.span(),
            format!("{f}.targets"),
            format!("not used by kind \"{kname}\""),
        );
    }
}

/// Whether the scoring method can score an item of this kind (failing if not).
fn scorable(c: &mut Check<'_>, ri: &RawItem, f: &str, kind: RawKind, method: RawMethod) -> bool {
    use RawKind::*;
    let allowed = match method {
        RawMethod::Points => kind != Requirements,
        RawMethod::Maturity => matches!(kind, Requirements | Kpi),
    };
    if !allowed {
        let m = if method == RawMethod::Points {
            "points"
        } else {
            "maturity"
        };
        c.fail(
            &ri.kind.span(),
            format!("{f}.kind"),
            format!(
                "kind \"{}\" cannot be scored by method \"{m}\"",
                kind_name(kind)
            ),
        );
    }
    allowed
}

/// The item's points or weights; an unscored kind carries no points, a scored one more
/// than 0.
fn item_score(
    c: &mut Check<'_>,
    it: &S<RawItem>,
    f: &str,
    ctx: &ItemCtx<'_>,
    kind: RawKind,
    variants: &[String],
) -> NodeScore {
    use RawKind::*;
    let ri = it.get_ref();
    let scored = matches!(kind, Single | Multiple | Band | Requirements);
    if !scored
        && ctx.method == RawMethod::Points
        && let Some(p) = &ri.points
        && c.num(p, &format!("{f}.points"))
            .is_some_and(|d| !d.is_zero())
    {
        c.fail(
            &p.span(),
            format!("{f}.points"),
            format!(
                "kind \"{}\" carries no points (expected 0 or no key), found {}",
                kind_name(kind),
                c.found(&p.span())
            ),
        );
    }
    let score = if scored || ctx.method == RawMethod::Maturity {
        c.node_score(
            ctx.method,
            if scored { &ri.points } else { &None },
            &ri.weight,
            &ri.weights,
            variants,
            f,
            &it.span(),
            scored,
        )
    } else {
        NodeScore {
            points: Decimal::ZERO,
            weights: Weights::new(),
        }
    };
    if scored
        && ctx.method == RawMethod::Points
        && score.points.is_zero()
        && let Some(p) = &ri.points
    {
        c.fail(
            &p.span(),
            format!("{f}.points"),
            "expected a scored item's points above 0, found 0",
        );
    }
    score
}

/// A ladder item: its rungs, numbered 1, 2, … without gaps, 1 to 10 of them.
fn ladder_kind(c: &mut Check<'_>, ri: &RawItem, f: &str, it: &S<RawItem>) -> ItemKind {
    let mut rungs = Vec::new();
    for (j, r) in ri.rungs.iter().enumerate() {
        let want = j as i64 + 1;
        if *r.get_ref().level.get_ref() != want {
            c.fail(
                &r.get_ref().level.span(),
                format!("{f}.rungs[{j}].level"),
                format!(
                    "expected {want} (rungs run 1, 2, … without gaps), found {}",
                    r.get_ref().level.get_ref()
                ),
            );
        }
        rungs.push(Rung {
            level: want as u8,
            description: c.text(
                &r.get_ref().description,
                &format!("{f}.rungs[{j}].description"),
            ),
        });
    }
    if rungs.is_empty() || rungs.len() > 10 {
        c.fail(
            &it.span(),
            format!("{f}.rungs"),
            format!("expected 1 to 10 [[items.rungs]], found {}", rungs.len()),
        );
    }
    ItemKind::Ladder {
        constraint: ri.constraint.as_ref().is_some_and(|b| *b.get_ref()),
        rungs,
    }
}

/// A requirements item: its requirements, at least one per level and variant.
fn requirements_kind(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    it: &S<RawItem>,
    levels_count: usize,
    variants: &[String],
) -> ItemKind {
    let mut seen = HashSet::new();
    let mut requirements = Vec::new();
    for (j, r) in ri.requirements.iter().enumerate() {
        let rf = format!("{f}.requirements[{j}]");
        let rr = r.get_ref();
        c.unique(&mut seen, &rr.id, &format!("{rf}.id"), "requirement");
        let level = c
            .small_int(
                &rr.level,
                &format!("{rf}.level"),
                1,
                levels_count.max(1) as i64,
            )
            .unwrap_or(1);
        requirements.push(Requirement {
            id: c.id(&rr.id, &format!("{rf}.id")),
            level: level as u8,
            text: c.text(&rr.text, &format!("{rf}.text")),
            variants: c.variants(&rr.variants, variants, &format!("{rf}.variants")),
        });
    }
    for level in 1..=levels_count {
        for v in variants {
            if !requirements
                .iter()
                .any(|r| usize::from(r.level) == level && r.variants.contains(v))
            {
                c.fail(&it.span(), format!("{f}.requirements"), format!("expected at least one requirement at level {level} for variant \"{v}\", found none"));
            }
        }
    }
    ItemKind::Requirements { requirements }
}

/// The item's `[[items.actions]]`; their prerequisites are noted for checking once every
/// action is known.
fn actions(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    ctx: &ItemCtx<'_>,
    item_kind: &ItemKind,
    action_ids: &mut HashMap<String, Range<usize>>,
    prereqs: &mut Vec<(String, S<String>, String)>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    for (j, a) in ri.actions.iter().enumerate() {
        let af = format!("{f}.actions[{j}]");
        let ra = a.get_ref();
        let aid = c.id(&ra.id, &format!("{af}.id"));
        if action_ids.insert(aid.clone(), ra.id.span()).is_some() {
            c.fail(
                &ra.id.span(),
                format!("{af}.id"),
                format!("duplicate action id \"{aid}\""),
            );
        }
        let cost = pair(
            c,
            &ra.cost_wan,
            &format!("{af}.cost_wan"),
            |c, n, field| c.non_negative(n, field),
            "万元",
        );
        let months = pair(
            c,
            &ra.months,
            &format!("{af}.months"),
            |c, n, field| c.small_int(n, field, 1, 120).map(|m| m as u16),
            "months",
        );
        for (k, p) in ra.prerequisites.iter().enumerate() {
            prereqs.push((aid.clone(), p.clone(), format!("{af}.prerequisites[{k}]")));
        }
        action_programmes(c, ra, &af, ctx.programme_ids);
        let target = Aim {
            span: ra.id.span(),
            option: &ra.option,
            band: &ra.band,
            level: &ra.level,
        };
        let reaches = reaches(c, target, &af, item_kind, ctx.levels_count);
        actions.push(Action {
            id: aid,
            title: c.text(&ra.title, &format!("{af}.title")),
            detail: c.text(&ra.detail, &format!("{af}.detail")),
            effort: match ra.effort.get_ref() {
                RawEffort::Low => Effort::Low,
                RawEffort::Medium => Effort::Medium,
                RawEffort::High => Effort::High,
            },
            cost_wan: cost.unwrap_or(Span {
                min: Decimal::ZERO,
                max: Decimal::ZERO,
            }),
            months: months.unwrap_or(Span { min: 0, max: 0 }),
            prerequisites: ra
                .prerequisites
                .iter()
                .map(|p| p.get_ref().clone())
                .collect(),
            programmes: ra.programmes.iter().map(|p| p.get_ref().clone()).collect(),
            reaches,
        });
    }
    actions
}

/// Checks that an action's programmes are `[[programmes]]` entries.
fn action_programmes(c: &mut Check<'_>, ra: &RawAction, af: &str, programme_ids: &HashSet<String>) {
    for (k, p) in ra.programmes.iter().enumerate() {
        if !programme_ids.contains(p.get_ref()) {
            c.fail(
                &p.span(),
                format!("{af}.programmes[{k}]"),
                format!(
                    "expected the id of a [[programmes]] entry, found \"{}\"",
                    p.get_ref()
                ),
            );
        }
    }
}

/// Checks that the item can be moved: every rung or level has an action reaching it, an
/// outcome moves through effects only, any other item has an action.
fn check_actions_cover(
    c: &mut Check<'_>,
    it: &S<RawItem>,
    f: &str,
    levels_count: usize,
    item_kind: &ItemKind,
    actions: &[Action],
    effects: &[Effect],
) {
    let ri = it.get_ref();
    let outcome = ri.outcome.as_ref().is_some_and(|o| *o.get_ref());
    match item_kind {
        ItemKind::Ladder { rungs, .. } => {
            for r in rungs {
                if !actions.iter().any(|a| a.reaches == Reaches::Level(r.level)) {
                    c.fail(
                        &it.span(),
                        format!("{f}.actions"),
                        format!(
                            "expected an action with level = {} (every rung needs one), found none",
                            r.level
                        ),
                    );
                }
            }
        }
        ItemKind::Requirements { .. } => {
            for level in 1..=levels_count {
                if !actions
                    .iter()
                    .any(|a| a.reaches == Reaches::Level(level as u8))
                {
                    c.fail(&it.span(), format!("{f}.actions"), format!("expected an action with level = {level} (every level needs one), found none"));
                }
            }
        }
        _ if outcome && !actions.is_empty() => {
            c.fail(&ri.actions[0].span(), format!("{f}.actions"), "expected no [[items.actions]] on an outcome item (it moves through [[items.effects]]), found one");
        }
        _ if outcome && effects.is_empty() => {
            c.fail(
                &it.span(),
                format!("{f}.effects"),
                "expected at least one [[items.effects]] on an outcome item, found none",
            );
        }
        _ if !outcome && actions.is_empty() => {
            c.fail(&it.span(), format!("{f}.actions"), "expected at least one [[items.actions]] (every scored item and KPI needs one), found none");
        }
        _ => {}
    }
}

/// An outcome item's `[[items.effects]]`; each driver is checked with the prerequisites.
fn effects(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    kind: &ItemKind,
    outcome: bool,
    prereqs: &mut Vec<(String, S<String>, String)>,
) -> Vec<Effect> {
    if !outcome && let Some(e) = ri.effects.first() {
        c.fail(
            &e.span(),
            format!("{f}.effects"),
            "expected effects only on an item with outcome = true",
        );
    }
    if outcome && !matches!(kind, ItemKind::Single { .. } | ItemKind::Band { .. }) {
        c.fail(
            &ri.kind.span(),
            format!("{f}.outcome"),
            format!(
                "expected outcome only on a single or band item, found kind \"{}\"",
                kind.name()
            ),
        );
    }
    let mut out = Vec::new();
    for (j, e) in ri.effects.iter().enumerate() {
        let ef = format!("{f}.effects[{j}]");
        let re = e.get_ref();
        if re.drivers.get_ref().is_empty() {
            c.fail(
                &re.drivers.span(),
                format!("{ef}.drivers"),
                "expected at least one driving action id, found none",
            );
        }
        for (k, d) in re.drivers.get_ref().iter().enumerate() {
            prereqs.push((String::new(), d.clone(), format!("{ef}.drivers[{k}]")));
        }
        let target = Aim {
            span: e.span(),
            option: &re.option,
            band: &re.band,
            level: &None,
        };
        out.push(Effect {
            text: c.text(&re.text, &format!("{ef}.text")),
            drivers: re
                .drivers
                .get_ref()
                .iter()
                .map(|d| d.get_ref().clone())
                .collect(),
            reaches: reaches(c, target, &ef, kind, 0),
        });
    }
    out
}

/// A `[min, max]` pair with `min <= max`.
fn pair<N, T: PartialOrd + Copy + std::fmt::Display>(
    c: &mut Check<'_>,
    raw: &S<Vec<S<N>>>,
    field: &str,
    mut read: impl FnMut(&mut Check<'_>, &S<N>, &str) -> Option<T>,
    unit: &str,
) -> Option<Span<T>> {
    let list = raw.get_ref();
    if list.len() != 2 {
        c.fail(
            &raw.span(),
            field,
            format!(
                "expected [min, max] in {unit}, found {} value(s)",
                list.len()
            ),
        );
        return None;
    }
    let min = read(c, &list[0], &format!("{field}[0]"));
    let max = read(c, &list[1], &format!("{field}[1]"));
    let (min, max) = (min?, max?);
    if min > max {
        c.fail(
            &raw.span(),
            field,
            format!("expected min <= max, found [{min}, {max}]"),
        );
        return None;
    }
    Some(Span { min, max })
}

/// What an action (or an outcome's effect) leads to, from its `option` / `band` / `level`.
struct Aim<'a> {
    span: Range<usize>,
    option: &'a Option<S<String>>,
    band: &'a Option<S<String>>,
    level: &'a Option<S<i64>>,
}

fn reaches(
    c: &mut Check<'_>,
    ra: Aim<'_>,
    af: &str,
    kind: &ItemKind,
    levels_count: usize,
) -> Reaches {
    let set = [ra.option.is_some(), ra.band.is_some(), ra.level.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if set > 1 {
        c.fail(
            &ra.span,
            af,
            "give at most one of `option`, `band`, `level`",
        );
        return Reaches::Item;
    }
    if let Some(o) = ra.option {
        option_aim(c, o, af, kind);
        return Reaches::Option(o.get_ref().clone());
    }
    if let Some(b) = ra.band {
        band_aim(c, b, af, kind);
        return Reaches::Band(b.get_ref().clone());
    }
    if let Some(l) = ra.level {
        let top = match kind {
            ItemKind::Ladder { rungs, .. } => rungs.len() as i64,
            ItemKind::Requirements { .. } => levels_count as i64,
            _ => {
                c.fail(
                    &l.span(),
                    format!("{af}.level"),
                    format!("not used by kind \"{}\"", kind.name()),
                );
                return Reaches::Item;
            }
        };
        return match c.small_int(l, &format!("{af}.level"), 1, top.max(1)) {
            Some(v) => Reaches::Level(v as u8),
            None => Reaches::Item,
        };
    }
    Reaches::Item
}

/// Checks the `option` an action or effect aims at: one of the item's options that scores.
fn option_aim(c: &mut Check<'_>, o: &S<String>, af: &str, kind: &ItemKind) {
    match kind {
        ItemKind::Single { options, .. } | ItemKind::Multiple { options, .. } => {
            match options.iter().find(|x| &x.id == o.get_ref()) {
                Some(x) if x.exclusive => c.fail(
                    &o.span(),
                    format!("{af}.option"),
                    format!(
                        "expected an option that scores, found the exclusive option \"{}\"",
                        x.id
                    ),
                ),
                Some(_) => {}
                None => {
                    let ids: Vec<_> = options.iter().map(|x| x.id.as_str()).collect();
                    c.fail(
                        &o.span(),
                        format!("{af}.option"),
                        format!(
                            "expected one of the item's options ({}), found \"{}\"",
                            ids.join(", "),
                            o.get_ref()
                        ),
                    );
                }
            }
        }
        _ => c.fail(
            &o.span(),
            format!("{af}.option"),
            format!("not used by kind \"{}\"", kind.name()),
        ),
    }
}

/// Checks the `band` an action or effect aims at: one of the item's bands.
fn band_aim(c: &mut Check<'_>, b: &S<String>, af: &str, kind: &ItemKind) {
    match kind {
        ItemKind::Band { bands, .. } if !bands.iter().any(|x| &x.id == b.get_ref()) => {
            c.fail(
                &b.span(),
                format!("{af}.band"),
                format!(
                    "expected one of the item's bands, found \"{}\"",
                    b.get_ref()
                ),
            );
        }
        ItemKind::Band { .. } => {}
        _ => c.fail(
            &b.span(),
            format!("{af}.band"),
            format!("not used by kind \"{}\"", kind.name()),
        ),
    }
}

fn choice_kind(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    kind: RawKind,
    points: Decimal,
) -> ItemKind {
    let options = choices(c, ri, f, kind, points);
    if options.len() < 2 {
        c.fail(
            &ri.kind.span(),
            format!("{f}.options"),
            format!(
                "expected at least 2 [[items.options]], found {}",
                options.len()
            ),
        );
    }
    if kind == RawKind::Single {
        let max = options.iter().map(|o| o.points).max().unwrap_or_default();
        if max != points && !options.is_empty() {
            let span = ri
                .points
                .as_ref()
                .map(|p| p.span())
                .unwrap_or(ri.kind.span());
            c.fail(&span, format!("{f}.points"), format!("expected the top option's points ({max}) to equal the item's points, found {points}"));
        }
        let fields = fields(c, ri, f);
        ItemKind::Single { options, fields }
    } else {
        let sum: Decimal = options
            .iter()
            .filter(|o| !o.exclusive)
            .map(|o| o.points)
            .sum();
        if sum < points {
            let span = ri
                .points
                .as_ref()
                .map(|p| p.span())
                .unwrap_or(ri.kind.span());
            c.fail(&span, format!("{f}.points"), format!("expected the options' points to reach the item's points {points}, found they add up to only {sum}"));
        }
        ItemKind::Multiple {
            options,
            cap: points,
        }
    }
}

/// The options of a single or multiple choice item: unique ids, each worth at most the
/// item's points, at most one exclusive (「无」) option, worth 0.
fn choices(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    kind: RawKind,
    points: Decimal,
) -> Vec<Choice> {
    let mut seen = HashSet::new();
    let mut options = Vec::new();
    let mut exclusive_count = 0;
    for (j, o) in ri.options.iter().enumerate() {
        let of = format!("{f}.options[{j}]");
        let ro = o.get_ref();
        c.unique(&mut seen, &ro.id, &format!("{of}.id"), "option");
        let p = c
            .non_negative(&ro.points, &format!("{of}.points"))
            .unwrap_or_default();
        if p > points {
            c.fail(
                &ro.points.span(),
                format!("{of}.points"),
                format!("expected at most the item's points {points}, found {p}"),
            );
        }
        let exclusive = ro.exclusive.as_ref().is_some_and(|e| *e.get_ref());
        if let Some(e) = &ro.exclusive {
            if kind == RawKind::Single {
                c.fail(
                    &e.span(),
                    format!("{of}.exclusive"),
                    "not used by kind \"single\" (one option is chosen anyway)",
                );
            } else if exclusive {
                exclusive_count += 1;
                if exclusive_count > 1 {
                    c.fail(
                        &e.span(),
                        format!("{of}.exclusive"),
                        "expected at most one exclusive option, found a second",
                    );
                }
                if !p.is_zero() {
                    c.fail(
                        &ro.points.span(),
                        format!("{of}.points"),
                        format!("expected 0 for an exclusive (「无」) option, found {p}"),
                    );
                }
            }
        }
        options.push(Choice {
            id: c.id(&ro.id, &format!("{of}.id")),
            label: c.text(&ro.label, &format!("{of}.label")),
            description: c.opt_text(&ro.description, &format!("{of}.description")),
            points: p,
            exclusive,
        });
    }
    // A multiple-choice answer is kept as a set of 128 bits (`score::State::Options`).
    if kind == RawKind::Multiple && ri.options.len() > MAX_MULTIPLE_OPTIONS {
        c.fail(
            &ri.options[MAX_MULTIPLE_OPTIONS].span(),
            format!("{f}.options[{MAX_MULTIPLE_OPTIONS}]"),
            format!(
                "expected at most {MAX_MULTIPLE_OPTIONS} options in a multiple-choice item, found {}",
                ri.options.len()
            ),
        );
    }
    options
}

/// The most options a multiple-choice item may have: its answer is a 128-bit set.
const MAX_MULTIPLE_OPTIONS: usize = 128;

fn fields(c: &mut Check<'_>, ri: &RawItem, f: &str) -> Vec<Field> {
    let mut seen = HashSet::new();
    ri.fields
        .iter()
        .enumerate()
        .map(|(j, x)| {
            let ff = format!("{f}.fields[{j}]");
            let rx = x.get_ref();
            c.unique(&mut seen, &rx.id, &format!("{ff}.id"), "field");
            let step = rx
                .step
                .as_ref()
                .and_then(|s| c.non_negative(s, &format!("{ff}.step")));
            if let (Some(s), Some(raw)) = (step, &rx.step)
                && s.is_zero()
            {
                c.fail(
                    &raw.span(),
                    format!("{ff}.step"),
                    "expected a step above 0, found 0",
                );
            }
            let unit_cost_wan = rx.unit_cost_wan.as_ref().and_then(|u| {
                let f = format!("{ff}.unit_cost_wan");
                pair(c, u, &f, |c, n, field| c.non_negative(n, field), "万元")
            });
            Field {
                id: c.id(&rx.id, &format!("{ff}.id")),
                label: c.text(&rx.label, &format!("{ff}.label")),
                unit: c.text(&rx.unit, &format!("{ff}.unit")),
                step: step
                    .filter(|s| !s.is_zero())
                    .unwrap_or(Decimal::from_units(1)),
                unit_cost_wan,
                shared: rx.shared.as_ref().map(|s| c.id(s, &format!("{ff}.shared"))),
            }
        })
        .collect()
}

fn ratio(c: &mut Check<'_>, r: &S<RawRatio>, fields: &[Field], f: &str) -> Ratio {
    let rr = r.get_ref();
    for (key, v) in [
        ("numerator", &rr.numerator),
        ("denominator", &rr.denominator),
    ] {
        if !fields.iter().any(|x| &x.id == v.get_ref()) {
            let ids: Vec<_> = fields.iter().map(|x| x.id.as_str()).collect();
            c.fail(
                &v.span(),
                format!("{f}.ratio.{key}"),
                format!(
                    "expected one of the item's fields ({}), found \"{}\"",
                    ids.join(", "),
                    v.get_ref()
                ),
            );
        }
    }
    if rr.numerator.get_ref() == rr.denominator.get_ref() {
        c.fail(
            &rr.denominator.span(),
            format!("{f}.ratio.denominator"),
            "expected a field other than the numerator",
        );
    }
    Ratio {
        numerator: rr.numerator.get_ref().clone(),
        denominator: rr.denominator.get_ref().clone(),
        percent: rr.percent,
    }
}

fn band_kind(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    it: &S<RawItem>,
    points: Decimal,
) -> ItemKind {
    let fields = fields(c, ri, f);
    let ratio = match &ri.ratio {
        Some(r) => ratio(c, r, &fields, f),
        None => {
            c.fail(
                &it.span(),
                format!("{f}.ratio"),
                "required by kind \"band\" ({ numerator = …, denominator = … }), but missing",
            );
            Ratio {
                numerator: String::new(),
                denominator: String::new(),
                percent: false,
            }
        }
    };
    let bands = bands(c, ri, f, points);
    if bands.len() < 2 {
        c.fail(
            &it.span(),
            format!("{f}.bands"),
            format!("expected at least 2 [[items.bands]], found {}", bands.len()),
        );
    }
    let max = bands.iter().map(|b| b.points).max().unwrap_or_default();
    if max != points && !bands.is_empty() {
        let span = ri.points.as_ref().map(|p| p.span()).unwrap_or(it.span());
        c.fail(
            &span,
            format!("{f}.points"),
            format!(
                "expected the top band's points ({max}) to equal the item's points, found {points}"
            ),
        );
    }
    ItemKind::Band {
        fields,
        ratio,
        bands,
    }
}

/// The bands of a band item: unique ids, each worth at most the item's points, touching
/// end to end with exactly one of each pair of touching edges closed.
fn bands(c: &mut Check<'_>, ri: &RawItem, f: &str, points: Decimal) -> Vec<Band> {
    let mut seen = HashSet::new();
    let mut bands: Vec<Band> = Vec::new();
    for (j, b) in ri.bands.iter().enumerate() {
        let bf = format!("{f}.bands[{j}]");
        let rb = b.get_ref();
        c.unique(&mut seen, &rb.id, &format!("{bf}.id"), "band");
        let (Some(lower), Some(upper), Some(p)) = (
            c.num(&rb.lower, &format!("{bf}.lower")),
            c.num(&rb.upper, &format!("{bf}.upper")),
            c.non_negative(&rb.points, &format!("{bf}.points")),
        ) else {
            continue;
        };
        if lower >= upper {
            c.fail(
                &rb.upper.span(),
                format!("{bf}.upper"),
                format!("expected an upper edge above the lower edge {lower}, found {upper}"),
            );
        }
        if p > points {
            c.fail(
                &rb.points.span(),
                format!("{bf}.points"),
                format!("expected at most the item's points {points}, found {p}"),
            );
        }
        if let Some(prev) = bands.last() {
            if lower != prev.upper {
                let what = if lower < prev.upper {
                    "overlaps or is out of order"
                } else {
                    "leaves a gap"
                };
                c.fail(&rb.lower.span(), format!("{bf}.lower"), format!("expected {} (the previous band's upper edge), found {lower}: the band {what}", prev.upper));
            } else if prev.upper_closed == rb.lower_closed {
                let what = if rb.lower_closed {
                    "both closed: the edge value falls in two bands"
                } else {
                    "both open: the edge value falls in no band"
                };
                c.fail(&b.span(), format!("{bf}.lower_closed"), format!("expected exactly one of the touching edges at {lower} to be closed, found {what}"));
            }
        }
        bands.push(Band {
            id: c.id(&rb.id, &format!("{bf}.id")),
            label: c.opt_text(&rb.label, &format!("{bf}.label")),
            lower,
            upper,
            lower_closed: rb.lower_closed,
            upper_closed: rb.upper_closed,
            points: p,
        });
    }
    bands
}

fn kpi_kind(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    it: &S<RawItem>,
    ctx: &ItemCtx<'_>,
) -> ItemKind {
    let fields = fields(c, ri, f);
    if fields.is_empty() {
        c.fail(
            &it.span(),
            format!("{f}.fields"),
            "expected at least one [[items.fields]] for a KPI, found none",
        );
    }
    let measure = measure(c, ri, f, it, &fields);
    let unit = match &ri.unit {
        Some(u) => c.text(u, &format!("{f}.unit")),
        None => {
            c.fail(
                &it.span(),
                format!("{f}.unit"),
                "required by kind \"kpi\", but missing",
            );
            Text {
                zh: String::new(),
                en: String::new(),
            }
        }
    };
    let better = match ri.better.as_ref().map(|b| *b.get_ref()) {
        Some(RawBetter::Higher) => Better::Higher,
        Some(RawBetter::Lower) => Better::Lower,
        None => {
            c.fail(
                &it.span(),
                format!("{f}.better"),
                "required by kind \"kpi\" (higher | lower), but missing",
            );
            Better::Higher
        }
    };
    let targets = targets(c, ri, f, ctx.programme_ids);
    ItemKind::Kpi {
        fields,
        measure,
        unit,
        better,
        targets,
    }
}

/// What a KPI measures: a ratio of two of its fields, or one field's value.
fn measure(c: &mut Check<'_>, ri: &RawItem, f: &str, it: &S<RawItem>, fields: &[Field]) -> Measure {
    match (&ri.ratio, &ri.value) {
        (Some(r), None) => Measure::Ratio(ratio(c, r, fields, f)),
        (None, Some(v)) => {
            if !fields.iter().any(|x| &x.id == v.get_ref()) {
                c.fail(
                    &v.span(),
                    format!("{f}.value"),
                    format!(
                        "expected one of the item's fields, found \"{}\"",
                        v.get_ref()
                    ),
                );
            }
            Measure::Value(v.get_ref().clone())
        }
        (Some(r), Some(_)) => {
            c.fail(
                &r.span(),
                format!("{f}.ratio"),
                "give either `ratio` or `value`, not both",
            );
            Measure::Value(String::new())
        }
        (None, None) => {
            c.fail(
                &it.span(),
                format!("{f}.ratio"),
                "required by kind \"kpi\" (or `value`), but missing",
            );
            Measure::Value(String::new())
        }
    }
}

/// A KPI's targets: unique ids, each naming a known programme if any.
fn targets(
    c: &mut Check<'_>,
    ri: &RawItem,
    f: &str,
    programme_ids: &HashSet<String>,
) -> Vec<Target> {
    let mut seen = HashSet::new();
    let mut targets = Vec::new();
    for (j, t) in ri.targets.iter().enumerate() {
        let tf = format!("{f}.targets[{j}]");
        let rt = t.get_ref();
        c.unique(&mut seen, &rt.id, &format!("{tf}.id"), "target");
        if let Some(p) = rt
            .programme
            .as_ref()
            .filter(|p| !programme_ids.contains(p.get_ref()))
        {
            c.fail(
                &p.span(),
                format!("{tf}.programme"),
                format!(
                    "expected the id of a [[programmes]] entry, found \"{}\"",
                    p.get_ref()
                ),
            );
        }
        targets.push(Target {
            id: c.id(&rt.id, &format!("{tf}.id")),
            label: c.text(&rt.label, &format!("{tf}.label")),
            value: c.num(&rt.value, &format!("{tf}.value")).unwrap_or_default(),
            year: rt
                .year
                .as_ref()
                .and_then(|y| c.small_int(y, &format!("{tf}.year"), 1990, 2100))
                .map(|y| y as u16),
            programme: rt.programme.as_ref().map(|p| p.get_ref().clone()),
        });
    }
    targets
}

/// A cycle in the prerequisite graph, as a path of action ids, if there is one.
fn find_cycle(graph: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &HashMap<String, Vec<String>>,
        marks: &mut HashMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|p| p == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_owned(), Mark::Open);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = HashMap::new();
    let mut keys: Vec<&String> = graph.keys().collect();
    keys.sort(); // deterministic messages
    for k in keys {
        if let Some(cycle) = visit(k, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

/// A programme's gate: a level rank the framework has, and a source to show.
fn gate(c: &mut Check<'_>, g: &S<RawGate>, f: &str, levels: usize) -> Option<Gate> {
    let raw = g.get_ref();
    let min_level = *raw.min_level.get_ref();
    if min_level == 0 || usize::from(min_level) > levels {
        let span = raw.min_level.span();
        c.fail(
            &span,
            format!("{f}.min_level"),
            format!("expected a level rank from 1 to {levels}, found {min_level}"),
        );
        return None;
    }
    Some(Gate {
        min_level,
        status: match raw.status.get_ref() {
            RawGateStatus::Confirmed => GateStatus::Confirmed,
            RawGateStatus::SingleSource => GateStatus::SingleSource,
            RawGateStatus::Unconfirmed => GateStatus::Unconfirmed,
        },
        source: c.non_blank(&raw.source, &format!("{f}.source")),
    })
}
