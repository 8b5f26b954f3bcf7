//! How WebKitGTK paints the page on Linux.
//!
//! Since 2.46 WebKitGTK rasterises with Skia on the GPU by default. On a PC without a usable
//! GPU driver (no DRM render node: a VM, a remote desktop, an old laptop without its driver)
//! that "GPU" is Mesa's llvmpipe, OpenGL emulated on the CPU, and every repaint of the window
//! took 55–110 ms here: one long frame after each answer. Skia's own CPU rasteriser paints the
//! same repaint in one display frame (17–24 ms; BENCHMARKS.md, "Memory and frames"), so
//! without a render node the app asks for it. A PC with a GPU keeps WebKit's default, and a
//! user's own `WEBKIT_SKIA_ENABLE_CPU_RENDERING` is never overridden.
//!
//! WebKit reads the variable once, when its web process starts, so this runs first in
//! [`crate::run`], before any thread, window or file lock exists.

const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// What decides the choice, read from the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// The user (or a launcher) already set [`CPU_RENDERING`].
    pub chosen_by_user: bool,
    /// `/dev/dri/renderD*` nodes: a GPU driver Mesa can render with.
    pub render_nodes: usize,
    /// `LIBGL_ALWAYS_SOFTWARE` is set: Mesa is told to use llvmpipe anyway.
    pub software_gl_forced: bool,
}

/// Whether to ask WebKit for CPU painting on this machine.
pub fn cpu_painting(m: Machine) -> bool {
    !m.chosen_by_user && (m.render_nodes == 0 || m.software_gl_forced)
}

/// Reads the machine and, when [`cpu_painting`] says so, starts this program again in place
/// (`exec`, same arguments, same process id) with [`CPU_RENDERING`] set: the one way to give
/// WebKit the variable without `unsafe` (`set_var` is unsafe, and the workspace forbids it).
/// The new image sees the variable set and goes on. Returns whether WebKit will paint on the
/// CPU, for the start-up log; if the `exec` fails, WebKit's default stands.
#[cfg(target_os = "linux")]
pub fn choose() -> bool {
    use std::os::unix::process::CommandExt;

    let render_nodes = std::fs::read_dir("/dev/dri")
        .map(|dir| {
            dir.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("renderD"))
                .count()
        })
        .unwrap_or(0);
    let machine = Machine {
        chosen_by_user: std::env::var_os(CPU_RENDERING).is_some(),
        render_nodes,
        software_gl_forced: std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some(),
    };
    if cpu_painting(machine)
        && let Ok(exe) = std::env::current_exe()
    {
        let mut args = std::env::args_os();
        let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
        // Only returns on failure.
        let err = std::process::Command::new(&exe)
            .arg0(arg0)
            .args(args)
            .env(CPU_RENDERING, "1")
            .exec();
        eprintln!("zhizhuan: could not restart with CPU painting: {err}");
    }
    std::env::var_os(CPU_RENDERING).is_some()
}

/// Windows (WebView2) and macOS (WKWebView) choose their own rasteriser.
#[cfg(not(target_os = "linux"))]
pub fn choose() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_only_without_a_gpu_and_never_against_the_user() {
        let m = |chosen_by_user, render_nodes, software_gl_forced| Machine {
            chosen_by_user,
            render_nodes,
            software_gl_forced,
        };
        let cases = [
            // (machine, CPU painting?)
            (m(false, 0, false), true), // no render node: llvmpipe would paint
            (m(false, 1, false), false), // a GPU: WebKit's default
            (m(false, 1, true), true),  // GPU present but software GL forced
            (m(true, 0, false), false), // the user's own choice stands
            (m(true, 1, true), false),
        ];
        for (machine, expected) in cases {
            assert_eq!(cpu_painting(machine), expected, "{machine:?}");
        }
    }
}
