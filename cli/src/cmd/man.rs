use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;
use pcache_format::{output::write_file, Error};

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

fn render(cmd: clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .expect("rendering into memory cannot fail");
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
