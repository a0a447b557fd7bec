use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;
use pcache_format::{write::output::write_file, Error};

use crate::global::GlobalOpts;

/// Print the man page, or write one page per subcommand into a folder.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache man | man -l -
  pcache man --dir ~/.local/share/man/man1

",
    crate::exit_status!(
        "written",
        "(not used)"
    )
))]
pub struct Opts {
    /// Write pcache.1 and one pcache-SUBCOMMAND.1 per subcommand here, instead of printing pcache.1.
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// The man page of `cmd`: clap_mangen's sections, then the help's closing
/// text as EXAMPLES, NOTES and EXIT STATUS (clap_mangen would put it all
/// under one EXTRA heading).
fn render(cmd: clap::Command) -> Vec<u8> {
    let after = cmd
        .get_after_help()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let cmd = cmd.after_help(None::<&str>).after_long_help(None::<&str>);
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    // Writing into memory cannot fail.
    let _ = man.render_title(&mut buf);
    let _ = man.render_name_section(&mut buf);
    let _ = man.render_synopsis_section(&mut buf);
    let _ = man.render_description_section(&mut buf);
    let _ = man.render_options_section(&mut buf);
    if cmd.has_subcommands() {
        let _ = man.render_subcommands_section(&mut buf);
    }
    let mut roff = roff::Roff::new();
    let mut notes = Vec::new();
    for paragraph in after.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let (heading, body) = if let Some(rest) = paragraph.strip_prefix("Examples:\n") {
            ("EXAMPLES", rest.to_owned())
        } else if paragraph.starts_with("Exit status") {
            let (_, rest) = paragraph.split_once('\n').unwrap_or((paragraph, ""));
            ("EXIT STATUS", rest.to_owned())
        } else {
            notes.push(paragraph.replace('\n', " "));
            continue;
        };
        roff.control("SH", [heading]);
        roff.control("nf", []);
        for line in body.lines() {
            roff.text([roff::roman(line.trim_start())]);
        }
        roff.control("fi", []);
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for note in notes {
            roff.control("PP", []);
            roff.text([roff::roman(note)]);
        }
    }
    let _ = roff.to_writer(&mut buf);
    if cmd.get_version().is_some() {
        let _ = man.render_version_section(&mut buf);
    }
    buf
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let cmd = crate::Cli::command();
    let Some(dir) = opts.dir else {
        crate::out::print_data(&String::from_utf8_lossy(&render(cmd)))?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}: {e}", dir.display())))?;
    let mut pages = vec![("pcache.1".to_owned(), render(cmd.clone()))];
    for sub in cmd.get_subcommands() {
        let name = format!("pcache-{}", sub.get_name());
        pages.push((format!("{name}.1"), render(sub.clone().name(name))));
    }
    for (file, page) in pages {
        write_file(&dir.join(file), |w| w.write_all(&page))?;
    }
    Ok(ExitCode::SUCCESS)
}
