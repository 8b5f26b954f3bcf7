//! Reads a `-wal` file the way SQLite's recovery does, but says what it finds instead of
//! silently dropping frames.
//!
//! SQLite replays a `-wal` at open and ignores every frame from the first one whose salts or
//! checksum do not match: a flipped byte in the header drops the whole file, a flipped byte
//! mid-file everything after it, and a `-wal` of another database is applied as long as its
//! own checksums hold. [`scan`] walks the same format (a 32-byte header, then frames of a
//! 24-byte header plus one page, each carrying the header's salts and a cumulative checksum)
//! and classifies the file, so [`crate::Store::open`] can refuse what would lose data.
//!
//! What is normal and what is not:
//! - frames after the last commit, or a last frame cut short at the end of the file: an
//!   unfinished write that was never acknowledged (SIGKILL between SQLite's writes);
//! - frames of an earlier round after the current ones (SQLite restarts the file from the top
//!   after a checkpoint, and the next round's salt-1 is the previous one plus one): stale;
//! - anything else that fails its checksum is damage, because acknowledged transactions may be
//!   in or after it.

/// WAL header magic; the low bit says the checksums use big-endian words.
const MAGIC_LE: u32 = 0x377f_0682;
const MAGIC_BE: u32 = 0x377f_0683;
const FORMAT: u32 = 3_007_000;
pub const HEADER_LEN: usize = 32;
const FRAME_HEADER_LEN: usize = 24;
/// How many checkpoint rounds back a stale frame's salt-1 may be.
const STALE_ROUNDS: u32 = 1 << 16;

/// What [`scan`] concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every frame checks out and ends at a commit (stale frames of earlier rounds may follow).
    Intact,
    /// The last write was cut short; what SQLite drops of it was never committed. Recoverable.
    Unfinished(String),
    /// Committed data may be in frames SQLite would drop.
    Damaged(String),
    /// The file belongs to another database (different page size).
    Foreign(String),
}

/// The result of [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalScan {
    /// Committed transactions SQLite will replay (the valid frames up to the last commit).
    pub transactions: usize,
    /// Frames in those transactions.
    pub frames: usize,
    pub verdict: Verdict,
}

/// The fields of the 32-byte header that frames are checked against.
struct Header {
    big_endian: bool,
    page_size: usize,
    salts: [u8; 8],
    checksum: (u32, u32),
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// SQLite's WAL checksum: pairs of 32-bit words in the byte order the magic says, folded into
/// the running pair `sum`.
fn checksum(big_endian: bool, data: &[u8], sum: (u32, u32)) -> (u32, u32) {
    let (mut s1, mut s2) = sum;
    for pair in data.chunks_exact(8) {
        let word = |at: usize| {
            let w = [pair[at], pair[at + 1], pair[at + 2], pair[at + 3]];
            if big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        s1 = s1.wrapping_add(word(0)).wrapping_add(s2);
        s2 = s2.wrapping_add(word(4)).wrapping_add(s1);
    }
    (s1, s2)
}

fn header(bytes: &[u8], db_page_size: u32) -> Result<Header, Verdict> {
    let magic = be32(bytes, 0);
    if magic != MAGIC_LE && magic != MAGIC_BE {
        return Err(Verdict::Damaged(format!(
            "文件头的标识 {magic:#010x} 不是 WAL 的 0x377f0682/0x377f0683"
        )));
    }
    let big_endian = magic & 1 == 1;
    if be32(bytes, 4) != FORMAT {
        return Err(Verdict::Damaged(format!(
            "文件头的格式版本 {} 不是 {FORMAT}",
            be32(bytes, 4)
        )));
    }
    let stored = (be32(bytes, 24), be32(bytes, 28));
    if checksum(big_endian, &bytes[..24], (0, 0)) != stored {
        return Err(Verdict::Damaged("文件头的校验和不符".into()));
    }
    let page_size = be32(bytes, 8);
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(Verdict::Damaged(format!(
            "文件头中的页大小 {page_size} 无效"
        )));
    }
    if page_size != db_page_size {
        return Err(Verdict::Foreign(format!(
            "页大小 {page_size} 与数据库的页大小 {db_page_size} 不同：这个 -wal 属于另一个数据库"
        )));
    }
    Ok(Header {
        big_endian,
        page_size: page_size as usize,
        salts: bytes[16..24].try_into().expect("8 bytes"),
        checksum: stored,
    })
}

/// How a frame's salts relate to the header's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Round {
    Current,
    /// Left from an earlier round (salt-1 a little lower).
    Earlier,
    Unknown,
}

fn round(h: &Header, frame: &[u8]) -> Round {
    if frame[8..16] == h.salts {
        return Round::Current;
    }
    let behind = be32(&h.salts, 0).wrapping_sub(be32(frame, 8));
    if (1..=STALE_ROUNDS).contains(&behind) {
        Round::Earlier
    } else {
        Round::Unknown
    }
}

/// Classifies a `-wal` file's bytes for a database whose page size is `db_page_size`.
pub fn scan(bytes: &[u8], db_page_size: u32) -> WalScan {
    let mut out = WalScan {
        transactions: 0,
        frames: 0,
        verdict: Verdict::Intact,
    };
    if bytes.len() < HEADER_LEN {
        // SQLite writes the header together with the first frame: nothing was committed.
        out.verdict = Verdict::Unfinished(format!(
            "只有 {} 字节，连文件头都不完整（没有已提交的事务）",
            bytes.len()
        ));
        return out;
    }
    let h = match header(bytes, db_page_size) {
        Ok(h) => h,
        Err(verdict) => {
            out.verdict = verdict;
            return out;
        }
    };
    let frame_len = FRAME_HEADER_LEN + h.page_size;
    let frames: Vec<&[u8]> = bytes[HEADER_LEN..].chunks(frame_len).collect();
    let mut sum = h.checksum;
    let mut valid = 0;
    for frame in &frames {
        if frame.len() < frame_len || round(&h, frame) != Round::Current || be32(frame, 0) == 0 {
            break;
        }
        let next = checksum(h.big_endian, &frame[..8], sum);
        let next = checksum(h.big_endian, &frame[FRAME_HEADER_LEN..], next);
        if next != (be32(frame, 16), be32(frame, 20)) {
            break;
        }
        sum = next;
        valid += 1;
        if be32(frame, 4) != 0 {
            out.transactions += 1;
            out.frames = valid;
        }
    }
    out.verdict = tail(&h, &frames[valid..], frame_len, valid);
    if out.verdict == Verdict::Intact && out.frames < valid {
        out.verdict = Verdict::Unfinished(format!(
            "末尾 {} 帧属于一个未提交的事务",
            valid - out.frames
        ));
    }
    out
}

/// Judges what follows the last valid frame (`first` is its 0-based index).
fn tail(h: &Header, rest: &[&[u8]], frame_len: usize, first: usize) -> Verdict {
    let Some(bad) = rest.first() else {
        return Verdict::Intact;
    };
    let at = |i: usize| HEADER_LEN + (first + i) * frame_len;
    if bad.len() < frame_len {
        return Verdict::Unfinished(format!(
            "最后一帧（偏移 {}）只写了 {} 字节：一次未完成的写入",
            at(0),
            bad.len()
        ));
    }
    let later: Vec<Round> = rest[1..]
        .iter()
        .filter(|f| f.len() == frame_len)
        .map(|f| round(h, f))
        .collect();
    let current_later = later.iter().filter(|r| **r == Round::Current).count();
    if current_later > 0 {
        let commits = rest[1..]
            .iter()
            .filter(|f| f.len() == frame_len && round(h, f) == Round::Current && be32(f, 4) != 0)
            .count();
        return Verdict::Damaged(format!(
            "第 {} 帧（偏移 {}）校验失败，其后还有同一轮写入的 {current_later} 帧（至少 {commits} 个已提交的事务），SQLite 会把它们全部丢弃",
            first + 1,
            at(0)
        ));
    }
    if later.contains(&Round::Unknown) {
        return Verdict::Damaged(format!(
            "第 {} 帧之后有无法识别的帧（盐值既不属于本轮也不属于之前的轮次）",
            first + 1
        ));
    }
    match round(h, bad) {
        Round::Earlier => Verdict::Intact,
        Round::Current if !later.is_empty() => Verdict::Unfinished(format!(
            "第 {} 帧（偏移 {}）是一次未完成的写入，覆盖在之前一轮的旧帧上",
            first + 1,
            at(0)
        )),
        // A kill between SQLite's two writes of a frame at the end leaves the file short, not
        // a whole frame with a wrong checksum: this one was written completely and then damaged.
        Round::Current => Verdict::Damaged(format!(
            "最后一帧（第 {} 帧，偏移 {}）校验失败",
            first + 1,
            at(0)
        )),
        Round::Unknown => Verdict::Damaged(format!(
            "第 {} 帧（偏移 {}）的盐值与文件头不符",
            first + 1,
            at(0)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real `-wal` written by SQLite, with the connection still open so it is not
    /// checkpointed away: (its bytes, the page size).
    fn live_wal(transactions: usize) -> (Vec<u8>, u32) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x TEXT);",
        )
        .unwrap();
        for i in 0..transactions {
            conn.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")])
                .unwrap();
        }
        let bytes = std::fs::read(crate::sibling(&path, "-wal")).unwrap();
        (bytes, 4096)
    }

    #[test]
    fn sqlite_s_own_wal_is_intact_with_every_transaction() {
        let (bytes, page) = live_wal(5);
        let s = scan(&bytes, page);
        // CREATE TABLE + 5 inserts.
        assert_eq!((s.transactions, &s.verdict), (6, &Verdict::Intact), "{s:?}");
        assert_eq!(
            HEADER_LEN + s.frames * (FRAME_HEADER_LEN + 4096),
            bytes.len()
        );
    }

    #[test]
    fn each_kind_of_damage_gets_its_verdict() {
        let (bytes, page) = live_wal(5);
        let frame = FRAME_HEADER_LEN + 4096;
        let last = bytes.len() - frame;
        type Edit = fn(&mut Vec<u8>, usize, usize);
        let cases: [(&str, Edit, &str); 7] = [
            ("magic", |b, _, _| b[3] ^= 0x10, "damaged"),
            ("header salt", |b, _, _| b[17] ^= 1, "damaged"),
            ("header checksum", |b, _, _| b[30] ^= 1, "damaged"),
            (
                "first frame",
                |b, f, _| b[HEADER_LEN + f / 2] ^= 1,
                "damaged",
            ),
            ("last frame", |b, _, l| b[l + 100] ^= 1, "damaged"),
            ("cut mid-frame", |b, _, l| b.truncate(l + 50), "unfinished"),
            (
                "page size",
                |b, _, _| b[8..12].copy_from_slice(&[0, 0, 2, 0]),
                "damaged",
            ),
        ];
        for (name, edit, expect) in cases {
            let mut b = bytes.clone();
            edit(&mut b, frame, last);
            let got = match scan(&b, page).verdict {
                Verdict::Intact => "intact",
                Verdict::Unfinished(_) => "unfinished",
                Verdict::Damaged(_) => "damaged",
                Verdict::Foreign(_) => "foreign",
            };
            assert_eq!(got, expect, "{name}");
        }
        assert!(matches!(scan(&bytes, 1024).verdict, Verdict::Foreign(_)));
    }

    #[test]
    fn frames_of_an_earlier_round_after_the_current_ones_are_stale_not_damage() {
        let (mut bytes, page) = live_wal(5);
        let frame = FRAME_HEADER_LEN + 4096;
        // Pretend the file was restarted after the second frame: frames 3.. carry the
        // previous round's salt-1 (one lower), as SQLite leaves them.
        let salt1 = be32(&bytes, 16);
        let mut at = HEADER_LEN + 2 * frame;
        while at < bytes.len() {
            bytes[at + 8..at + 12].copy_from_slice(&(salt1 - 1).to_be_bytes());
            at += frame;
        }
        let s = scan(&bytes, page);
        assert_eq!(s.frames, 2);
        assert!(
            matches!(s.verdict, Verdict::Intact | Verdict::Unfinished(_)),
            "{s:?}"
        );
    }
}
