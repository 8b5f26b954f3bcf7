//! Loading the shipped framework definitions (parse + validate), as the app does at start-up
//! and the CLI does on every command.
//!
//! `cargo bench -p zhizhuan-core --bench framework_load`

use criterion::{Criterion, criterion_group, criterion_main};
use zhizhuan_core::framework;

fn load(c: &mut Criterion) {
    for (file, text) in framework::builtin() {
        let name = file.rsplit('/').next().unwrap_or(file);
        c.bench_function(&format!("load {name}"), |b| {
            b.iter(|| framework::load(file, std::hint::black_box(text)).is_ok())
        });
    }
    c.bench_function("load all built-in", |b| b.iter(framework::load_all_builtin));
}

criterion_group!(benches, load);
criterion_main!(benches);
