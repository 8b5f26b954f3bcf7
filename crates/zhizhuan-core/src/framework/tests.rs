use super::*;

#[test]
fn readme_example_loads() {
    let readme = include_str!("../../../../assessments/README.md");
    let start = readme.find("## Small complete example").unwrap();
    let body = &readme[start..];
    let b = body.find("```toml\n").unwrap() + "```toml\n".len();
    let e = body[b..].find("```").unwrap();
    let fw = load("README.md", &body[b..b + e]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fw.total_points().unwrap().to_string(), "10");
}
