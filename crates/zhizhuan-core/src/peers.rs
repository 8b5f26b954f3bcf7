//! Peer context: where an estimated level sits among firms that self-diagnosed, in the level
//! distributions published for one framework (`assessments/peers/*.toml`).
//!
//! Honest by construction: each published year stays its own row (never blended, never a
//! trend), shares are the published bands only (no finer cut is invented), and every view
//! carries the source, the sample and the self-selection caveat. The placement is exact
//! decimal arithmetic on the published percentages: the share of the band the level falls
//! in, and the share at or above that band when every higher band was published that year.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decimal::Decimal;
use crate::framework::Text;

/// One published band of levels (`二级`, `四级及以上`), by inclusive level ranks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeerBand {
    pub id: String,
    pub name: Text,
    pub min_rank: u8,
    pub max_rank: u8,
}

impl PeerBand {
    fn holds(&self, rank: u8) -> bool {
        (self.min_rank..=self.max_rank).contains(&rank)
    }

    fn overlaps(&self, other: &PeerBand) -> bool {
        self.min_rank <= other.max_rank && other.min_rank <= self.max_rank
    }
}

/// One band's published share in one year, in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Share {
    pub band: String,
    pub percent: Decimal,
}

/// Where a level sits in one year's distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// The published band holding the level.
    pub band: String,
    pub percent: Decimal,
    /// Percent of firms in this band or a higher one; `None` when a higher band was not
    /// published that year (then nothing is claimed) or the band is the lowest (it would say
    /// only "100 %").
    pub at_or_above: Option<Decimal>,
}

/// One published year, as its own row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub year: u16,
    pub as_of: Text,
    pub sample: Text,
    pub source: String,
    /// In the order of the file's bands; unpublished bands are absent.
    pub shares: Vec<Share>,
}

/// The published distributions for one framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Peers {
    pub framework: String,
    pub title: Text,
    pub caveat: Text,
    pub bands: Vec<PeerBand>,
    pub distributions: Vec<Distribution>,
}

/// A distribution with the level placed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeerRow {
    pub distribution: Distribution,
    pub placement: Option<Placement>,
}

/// What the results page shows for a level of rank `rank`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeerView {
    pub title: Text,
    pub caveat: Text,
    pub bands: Vec<PeerBand>,
    pub rank: u8,
    /// Newest year first.
    pub rows: Vec<PeerRow>,
}

impl Peers {
    /// Every published year with the level of rank `rank` placed in it.
    pub fn view(&self, rank: u8) -> PeerView {
        let mut rows: Vec<PeerRow> = self
            .distributions
            .iter()
            .map(|d| PeerRow {
                placement: self.place(d, rank),
                distribution: d.clone(),
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.distribution.year));
        PeerView {
            title: self.title.clone(),
            caveat: self.caveat.clone(),
            bands: self.bands.clone(),
            rank,
            rows,
        }
    }

    fn band(&self, id: &str) -> Option<&PeerBand> {
        self.bands.iter().find(|b| b.id == id)
    }

    fn place(&self, d: &Distribution, rank: u8) -> Option<Placement> {
        let (band, share) = d
            .shares
            .iter()
            .filter_map(|s| Some((self.band(&s.band)?, s)))
            .find(|(b, _)| b.holds(rank))?;
        let top = self.bands.iter().map(|b| b.max_rank).max().unwrap_or(0);
        let above: Vec<(&PeerBand, Decimal)> = d
            .shares
            .iter()
            .filter_map(|s| Some((self.band(&s.band)?, s.percent)))
            .filter(|(b, _)| b.min_rank >= band.min_rank)
            .collect();
        // Published bands are disjoint within a year, so they cover band.min..=top exactly
        // when their sizes add up to it.
        let covered: usize = above
            .iter()
            .map(|(b, _)| usize::from(b.max_rank - b.min_rank) + 1)
            .sum();
        let complete = covered == usize::from(top - band.min_rank) + 1;
        Some(Placement {
            band: band.id.clone(),
            percent: share.percent,
            at_or_above: (complete && band.min_rank > 0)
                .then(|| above.iter().map(|(_, p)| *p).sum()),
        })
    }
}

/// The published distributions for framework `id`, if any were shipped.
pub fn builtin(id: &str) -> Option<&'static Peers> {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<Peers>> = OnceLock::new();
    ALL.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(file, text)| parse(text, file).unwrap_or_else(|e| panic!("{e}")))
            .collect()
    })
    .iter()
    .find(|p| p.framework == id)
}

/// The shipped files (checked by the tests below, so the panic above cannot happen in a
/// build whose tests passed).
const SHIPPED: &[(&str, &str)] = &[(
    "assessments/peers/cmmm-2020.toml",
    include_str!("../../../assessments/peers/cmmm-2020.toml"),
)];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    id: String,
    name: RawText,
    ranks: [u8; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistribution {
    year: u16,
    as_of: RawText,
    sample: RawText,
    source: String,
    shares: std::collections::BTreeMap<String, Decimal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeers {
    format: u32,
    framework: String,
    title: RawText,
    caveat: RawText,
    bands: Vec<RawBand>,
    distributions: Vec<RawDistribution>,
}

fn text(t: RawText) -> Text {
    Text { zh: t.zh, en: t.en }
}

/// Parses and checks a peers file; errors name the file and what is wrong where.
pub fn parse(source: &str, file: &str) -> Result<Peers, String> {
    let raw: RawPeers = toml::from_str(source).map_err(|e| format!("{file}: {e}"))?;
    if raw.format != 1 {
        return Err(format!("{file}: format = {}: only 1 is known", raw.format));
    }
    let bands = bands(raw.bands).map_err(|e| format!("{file}: {e}"))?;
    let mut distributions = Vec::new();
    for (i, d) in raw.distributions.into_iter().enumerate() {
        let at = format!("{file}: distributions[{i}] (year {})", d.year);
        distributions.push(distribution(d, &bands).map_err(|e| format!("{at}: {e}"))?);
    }
    Ok(Peers {
        framework: raw.framework,
        title: text(raw.title),
        caveat: text(raw.caveat),
        bands,
        distributions,
    })
}

fn bands(raw: Vec<RawBand>) -> Result<Vec<PeerBand>, String> {
    let mut out: Vec<PeerBand> = Vec::new();
    for b in raw {
        let [min_rank, max_rank] = b.ranks;
        if min_rank > max_rank {
            return Err(format!("bands.{}: ranks = [{min_rank}, {max_rank}]", b.id));
        }
        if out.iter().any(|o| o.id == b.id) {
            return Err(format!("bands.{}: the id is used twice", b.id));
        }
        out.push(PeerBand {
            id: b.id,
            name: text(b.name),
            min_rank,
            max_rank,
        });
    }
    Ok(out)
}

fn distribution(d: RawDistribution, bands: &[PeerBand]) -> Result<Distribution, String> {
    let hundred: Decimal = "100".parse().map_err(|e| format!("{e}"))?;
    let mut shares: Vec<(&PeerBand, Decimal)> = Vec::new();
    for (id, percent) in &d.shares {
        let band = bands
            .iter()
            .find(|b| b.id == *id)
            .ok_or_else(|| format!("shares.{id}: no such band"))?;
        if *percent < Decimal::ZERO || *percent > hundred {
            return Err(format!("shares.{id} = {percent}: a percentage is 0–100"));
        }
        if let Some((other, _)) = shares.iter().find(|(o, _)| o.overlaps(band)) {
            return Err(format!(
                "shares.{id}: overlaps band {} in the same year",
                other.id
            ));
        }
        shares.push((band, *percent));
    }
    let total: Decimal = shares.iter().map(|(_, p)| *p).sum();
    if total > hundred {
        return Err(format!("shares add up to {total} %, more than 100"));
    }
    // The file's band order, not the map's alphabetical one.
    shares.sort_by_key(|(b, _)| bands.iter().position(|o| o.id == b.id));
    Ok(Distribution {
        year: d.year,
        as_of: text(d.as_of),
        sample: text(d.sample),
        source: d.source,
        shares: shares
            .into_iter()
            .map(|(b, percent)| Share {
                band: b.id.clone(),
                percent,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_files_load_and_name_a_shipped_framework() {
        for (file, text) in SHIPPED {
            let p = parse(text, file).unwrap();
            assert!(
                crate::framework::Registry::builtin()
                    .unwrap()
                    .find(&p.framework, None)
                    .is_some()
            );
        }
        assert!(builtin("cmmm-2020").is_some());
        assert!(
            builtin("miit-2024").is_none(),
            "no MIIT distribution was published"
        );
    }

    /// The hand reasoning, from assessments/peers/cmmm-2020.toml:
    /// - 2022: 二级 21; 二级 + 三级 + 四级及以上 = 21 + 12 + 4 = 37.
    /// - 2021: 二级 15; 15 + 7 + 9 = 31.
    /// - 2020: 二级 14; 14 + 6 + 5 = 25 (一级及以下 unpublished, not needed above 二级).
    /// - 2024: only 二级及以上 together, 42.0; that band is also the whole "at or above".
    /// - at 一级 in 2020 nothing is placed (its band was not published); in 2024 neither; in
    ///   2022 it is in 「一级及以下」 (63), with no "at or above" (that would be everyone).
    #[test]
    fn a_level_is_placed_in_each_year_on_its_own() {
        let p = builtin("cmmm-2020").unwrap();
        // (year, (band, percent, at or above)) per published year, newest first
        type Placed = (u16, Option<(String, Decimal, Option<Decimal>)>);
        let placed = |rank: u8| -> Vec<Placed> {
            p.view(rank)
                .rows
                .into_iter()
                .map(|r| {
                    let pl = r.placement.map(|x| (x.band, x.percent, x.at_or_above));
                    (r.distribution.year, pl)
                })
                .collect()
        };
        let some = |b: &str, p: &str, a: Option<&str>| Some((b.to_owned(), d(p), a.map(d)));
        assert_eq!(
            placed(2),
            vec![
                (2024, some("ge2", "42.0", Some("42.0"))),
                (2022, some("l2", "21", Some("37"))),
                (2021, some("l2", "15", Some("31"))),
                (2020, some("l2", "14", Some("25"))),
            ]
        );
        let one = placed(1);
        assert_eq!(one[0], (2024, None));
        assert_eq!(one[1], (2022, some("le1", "63", None)));
        assert_eq!(one[3], (2020, None));
        assert_eq!(placed(5)[1], (2022, some("ge4", "4", Some("4"))));
    }

    #[test]
    fn a_year_whose_bands_overlap_or_exceed_100_is_refused_with_its_place() {
        let shipped = SHIPPED[0].1;
        for (from, to, says) in [
            (
                r#"shares = { l2 = "14", l3 = "6", ge4 = "5" }"#,
                r#"shares = { l2 = "14", ge2 = "25" }"#,
                "overlaps",
            ),
            (
                r#"shares = { l2 = "14", l3 = "6", ge4 = "5" }"#,
                r#"shares = { l2 = "94", l3 = "6", ge4 = "5" }"#,
                "more than 100",
            ),
            (
                r#"shares = { l2 = "14", l3 = "6", ge4 = "5" }"#,
                r#"shares = { l9 = "1" }"#,
                "no such band",
            ),
            (
                r#"shares = { l2 = "14", l3 = "6", ge4 = "5" }"#,
                r#"shares = { l2 = "101" }"#,
                "0–100",
            ),
        ] {
            let err = parse(&shipped.replace(from, to), "peers.toml").unwrap_err();
            assert!(
                err.contains("distributions[0] (year 2020)") && err.contains(says),
                "{err}"
            );
        }
        let err = parse(
            &shipped.replace("ranks = [3, 3]", "ranks = [3, 2]"),
            "p.toml",
        )
        .unwrap_err();
        assert!(err.contains("bands.l3"), "{err}");
    }
}
