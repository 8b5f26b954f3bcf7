//! Score, explain and plan one answers file `n` times: a fixed workload for instruction
//! counts, which (unlike times) do not depend on what else the machine is doing.
//!
//! `cargo build --release -p zhizhuan-core --example score_roadmap`
//! `valgrind --tool=callgrind target/release/examples/score_roadmap cmmm-2020 \
//!     tests/data/answers/cmmm/c03-level1-boundary.json 3 10`

use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::{framework, score};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id, file, target, n] = args.as_slice() else {
        eprintln!("usage: score_roadmap FRAMEWORK ANSWERS.json TARGET N");
        std::process::exit(2);
    };
    let fw = framework::load_builtin(id).expect("framework");
    let answers =
        AnswersFile::from_json(&std::fs::read_to_string(file).expect("read")).expect("answers");
    let target: u8 = target.parse().expect("target rank");
    let mut levels = 0_u32;
    for _ in 0..n.parse::<u32>().expect("count") {
        // checked once, as the report does
        let checked = score::check(&fw, &answers).expect("answers fit");
        let (s, r) = (checked.score(), checked.roadmap(target).expect("roadmap"));
        levels += u32::from(s.level.rank) + u32::from(r.projected.level.rank);
    }
    println!("{levels}");
}
