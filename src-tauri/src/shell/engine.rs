//! The environment WebKitGTK's web process reads once, when it starts (Linux only).
//!
//! Two settings, each only when the user (or a launcher) has not set the variable already:
//! - CPU painting on a machine without a GPU driver ([`super::painting`]);
//! - full garbage collections for the page's JavaScript ([`FULL_GC`]).
//!
//! The page's process inherits the app's environment, so [`prepare`] writes it, first thing
//! in `main`, before any thread exists: [`std::env::set_var`] is `unsafe` because another
//! thread could read the environment meanwhile. That is the one `unsafe` in the workspace.
//! Restarting the app in place with the variables set (`exec`) would need none, but it cost
//! about 200 ms of every start here (BENCHMARKS.md, "Found and fixed: the collector").

/// `JSC_useGenerationalGC=0`: every collection of the page's JavaScript heap is a full one.
///
/// Why: over a day of questionnaires in one window the web process grew by about 6 MiB per
/// questionnaire (384–402 MiB after fifteen, in two runs) and never gave it back. The page
/// does not hold it: with every collection full, the live heap measured 4–7 MB after each
/// one, from the first questionnaire to the ninth. The growth was garbage the generational
/// collector left in its old generation (each left screen's components and, through their
/// wrappers, its DOM), waiting for a full collection that did not come. With full
/// collections the web process levels off (277 MiB after fifteen). The page's heap is small
/// enough that a full collection stops it for 15 ms at most (JavaScriptCore's log). Frames
/// over 50 ms did not come with it: in two runs of 465 answers alike but for the collector,
/// 3 answers were followed by one with full collections and 5 with the generational one, and
/// WebKit here paints such frames with no input at all (BENCHMARKS.md, "Found and fixed: the
/// collector" and "The frame tail is WebKit's own"). JavaScriptCore reads its options from
/// `JSC_<name>` variables.
pub const FULL_GC: (&str, &str) = ("JSC_useGenerationalGC", "0");

/// What WebKit runs with in this process, for the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Engine {
    pub cpu_painting: bool,
    pub full_gc: bool,
}

/// The variables still to set: those wanted whose name the environment does not hold.
pub fn to_set<'a>(
    wanted: &[(&'a str, &'a str)],
    is_set: impl Fn(&str) -> bool,
) -> Vec<(&'a str, &'a str)> {
    wanted.iter().copied().filter(|(k, _)| !is_set(k)).collect()
}

/// Sets what is wanted and says what is in effect.
///
/// # Safety
/// Writes the process environment: call it before any other thread exists, as
/// [`std::env::set_var`] requires.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub unsafe fn prepare() -> Engine {
    let wanted: Vec<_> = super::painting::wanted()
        .into_iter()
        .chain([FULL_GC])
        .collect();
    for (name, value) in to_set(&wanted, |k| std::env::var_os(k).is_some()) {
        // SAFETY: the caller runs this before any other thread exists.
        unsafe { std::env::set_var(name, value) };
    }
    Engine {
        cpu_painting: super::painting::in_effect(),
        full_gc: std::env::var(FULL_GC.0).is_ok_and(|v| v == FULL_GC.1),
    }
}

/// Windows (WebView2) and macOS (WKWebView) run engines of their own: nothing to set.
///
/// # Safety
/// None needed; `unsafe` only to match the Linux signature.
#[cfg(not(target_os = "linux"))]
#[allow(unsafe_code)]
pub unsafe fn prepare() -> Engine {
    Engine {
        cpu_painting: false,
        full_gc: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAINT: (&str, &str) = ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
    type Vars = &'static [(&'static str, &'static str)];

    #[test]
    fn sets_only_what_the_environment_lacks() {
        let cases: [(Vars, &[&str], Vars); 5] = [
            // (wanted, already set, to set)
            (&[PAINT, FULL_GC], &[], &[PAINT, FULL_GC]), // a fresh start without a GPU
            (&[FULL_GC], &[], &[FULL_GC]),               // a fresh start with a GPU
            (&[PAINT, FULL_GC], &[PAINT.0, FULL_GC.0], &[]), // both set by the user
            (&[FULL_GC], &[FULL_GC.0], &[]), // the user's own JSC_useGenerationalGC stands
            (&[PAINT, FULL_GC], &[PAINT.0], &[FULL_GC]), // the user chose painting only
        ];
        for (wanted, set, expected) in cases {
            let got = to_set(wanted, |k| set.contains(&k));
            assert_eq!(got, expected, "wanted {wanted:?}, set {set:?}");
        }
    }
}
