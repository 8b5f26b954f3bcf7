//! Which programmes a level qualifies for: the framework's `[[programmes]]` that declare a
//! `gate` (a minimum level, how sure it is and its source).

use serde::Serialize;
use ts_rs::TS;

use crate::framework::{Framework, GateStatus, Text};

/// A programme and whether a level qualifies for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeStatus {
    pub id: String,
    pub title: Text,
    pub min_level: u8,
    pub qualified: bool,
    pub status: GateStatus,
    pub source: String,
}

/// Every gated programme of `fw`, against level rank `rank`.
pub fn programmes(fw: &Framework, rank: u8) -> Vec<ProgrammeStatus> {
    let gated = fw
        .programmes
        .iter()
        .filter_map(|p| Some((p, p.gate.as_ref()?)));
    gated
        .map(|(p, g)| ProgrammeStatus {
            id: p.id.clone(),
            title: p.title.clone(),
            min_level: g.min_level,
            qualified: rank >= g.min_level,
            status: g.status,
            source: g.source.clone(),
        })
        .collect()
}
