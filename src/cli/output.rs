//! Where reports go: stdout, or files written atomically — a temporary file beside the target,
//! renamed over it only when the run has finished, so that an interrupted or failed run leaves
//! the previous report intact and a reader never sees half a report.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A report file being written: streamed into `.<name>.jianfu-tmp` beside the target, renamed
/// over it at the end. The temporary name is fixed, so that a run killed outright (which can
/// clean nothing up) leaves one stale file that the next run over the same report overwrites,
/// never a growing litter of them. A failed run removes its temporary file.
pub struct PendingFile {
    target: PathBuf,
    temp: PathBuf,
    file: File,
    committed: bool,
}

impl PendingFile {
    /// Start writing `target`; returns the writer for the reporter.
    pub fn create(target: &Path) -> io::Result<(PendingFile, BufWriter<File>)> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".to_owned());
        let temp = dir.join(format!(".{name}.jianfu-tmp"));
        let file = File::create(&temp)?;
        file.set_permissions(report_permissions(target, file.metadata()?.permissions()))?;
        let writer = BufWriter::new(file.try_clone()?);
        Ok((
            PendingFile {
                target: target.to_path_buf(),
                temp,
                file,
                committed: false,
            },
            writer,
        ))
    }

    /// Put the finished report in place. The reporter must have flushed its writer.
    pub fn commit(mut self) -> io::Result<()> {
        // On disk before the rename, so that a crash cannot leave an empty report behind.
        self.file.sync_all()?;
        std::fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(())
    }

    pub fn target(&self) -> &Path {
        &self.target
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Standard output, buffered. A closed pipe (`jianfu check | head`) ends the report quietly.
pub fn stdout() -> Box<dyn Write + Send> {
    Box::new(BufWriter::new(io::stdout()))
}

/// Whether an error only means that the reader went away.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

/// Write a finished report to stdout; a closed pipe (`jianfu bulletin | head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

/// A temporary file is private (0600); the report that replaces `target` keeps the target's
/// permissions, or gets the usual 0644 when it is new.
pub fn set_report_permissions(temp: &NamedTempFile, target: &Path) -> io::Result<()> {
    let current = temp.as_file().metadata()?.permissions();
    temp.as_file()
        .set_permissions(report_permissions(target, current))
}

fn report_permissions(target: &Path, current: std::fs::Permissions) -> std::fs::Permissions {
    match std::fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(current),
    }
}

#[cfg(unix)]
fn default_permissions(mut permissions: std::fs::Permissions) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    permissions.set_mode(0o644);
    permissions
}

#[cfg(not(unix))]
fn default_permissions(permissions: std::fs::Permissions) -> std::fs::Permissions {
    permissions
}
