//! How WebKitGTK paints the page on Linux.
//!
//! Since 2.46 WebKitGTK rasterises with Skia on the GPU by default. On a PC without a usable
//! GPU driver (no DRM render node: a VM, a remote desktop, an old laptop without its driver)
//! that "GPU" is Mesa's llvmpipe, OpenGL emulated on the CPU, and every repaint of the window
//! took 55–110 ms here: one long frame after each answer. Skia's own CPU rasteriser paints the
//! same repaint in one display frame (17–24 ms; BENCHMARKS.md, "Memory and frames"), so
//! without a render node the app asks for it. A PC with a GPU keeps WebKit's default, and a
//! user's own `WEBKIT_SKIA_ENABLE_CPU_RENDERING` is never overridden ([`super::engine`]
//! leaves every variable the environment already holds).
//!
//! WebKit reads the variable once, when its web process starts: [`super::engine`] sets it,
//! first thing in `main`.

const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// What decides the choice, read from the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// `/dev/dri/renderD*` nodes: a GPU driver Mesa can render with.
    pub render_nodes: usize,
    /// `LIBGL_ALWAYS_SOFTWARE` is set: Mesa is told to use llvmpipe anyway.
    pub software_gl_forced: bool,
}

/// Whether to ask WebKit for CPU painting on this machine.
pub fn cpu_painting(m: Machine) -> bool {
    m.render_nodes == 0 || m.software_gl_forced
}

/// The variable to set for WebKit on this machine, if any ([`super::engine`] sets it).
#[cfg(target_os = "linux")]
pub fn wanted() -> Option<(&'static str, &'static str)> {
    let render_nodes = std::fs::read_dir("/dev/dri")
        .map(|dir| {
            dir.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("renderD"))
                .count()
        })
        .unwrap_or(0);
    let machine = Machine {
        render_nodes,
        software_gl_forced: std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some(),
    };
    cpu_painting(machine).then_some((CPU_RENDERING, "1"))
}

/// Whether WebKit paints on the CPU in this process, for the start-up log: as WebKit reads
/// the variable, any value but `0` (`WebProcess::platformInitializeWebProcess`).
pub fn in_effect() -> bool {
    cfg!(target_os = "linux") && std::env::var_os(CPU_RENDERING).is_some_and(|v| v != "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_only_without_a_gpu() {
        // The user's own choice standing is `engine::to_set`'s, tested there.
        let m = |render_nodes, software_gl_forced| Machine {
            render_nodes,
            software_gl_forced,
        };
        let cases = [
            // (machine, CPU painting?)
            (m(0, false), true),  // no render node: llvmpipe would paint
            (m(1, false), false), // a GPU: WebKit's default
            (m(1, true), true),   // GPU present but software GL forced
            (m(2, false), false), // two GPUs
        ];
        for (machine, expected) in cases {
            assert_eq!(cpu_painting(machine), expected, "{machine:?}");
        }
    }
}
