//! Snapshot tests of what people see: every subcommand's help, and the human
//! output of each subcommand on the demo files (tests/cmd/*.md). Any change
//! to them must be deliberate: refresh with `TRYCMD=overwrite cargo test
//! --test cli_snapshots` and review the diff.

#[test]
fn cli_snapshots() {
    trycmd::TestCases::new()
        .register_bin(
            "pcache",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_pcache")),
        )
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("../tests/cmd/*.md");
}
