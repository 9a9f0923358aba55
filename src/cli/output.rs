//! Where reports go: stdout, or files written atomically — a temporary file beside the target,
//! renamed over it only when the run has finished, so that an interrupted or failed run leaves
//! the previous report intact and a reader never sees half a report.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A report file being written. A regular file (or a new one) is streamed into a temporary
/// file created exclusively, with a random name, beside the target, and renamed over it at the
/// end: a link planted under a predictable name cannot redirect the write, two runs writing the
/// same report leave one whole report or the other, and a failed run leaves the old report. A
/// pipe or a device (`/dev/stdout`, a FIFO a reader waits on) is written directly, never
/// replaced by a file. A symbolic link or a directory is refused: jianfu never writes through a
/// link.
pub struct PendingFile {
    target: PathBuf,
    temp: Option<NamedTempFile>,
}

impl PendingFile {
    /// Start writing `target`; returns the writer for the reporter.
    pub fn create(target: &Path) -> io::Result<(PendingFile, BufWriter<File>)> {
        match std::fs::symlink_metadata(target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "it is a symbolic link; jianfu does not write through links (name the file it points to)",
                ));
            }
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "it is a directory",
                ));
            }
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new().write(true).open(target)?;
                let writer = BufWriter::new(file);
                let pending = PendingFile {
                    target: target.to_path_buf(),
                    temp: None,
                };
                return Ok((pending, writer));
            }
            _ => {}
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".to_owned());
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".jianfu-tmp")
            .tempfile_in(dir)?;
        set_report_permissions(&temp, target)?;
        let writer = BufWriter::new(temp.as_file().try_clone()?);
        Ok((
            PendingFile {
                target: target.to_path_buf(),
                temp: Some(temp),
            },
            writer,
        ))
    }

    /// Put the finished report in place. The reporter must have flushed its writer.
    pub fn commit(self) -> io::Result<()> {
        let Some(temp) = self.temp else {
            return Ok(());
        };
        // On disk before the rename, so that a crash cannot leave an empty report behind.
        temp.as_file().sync_all()?;
        temp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }

    pub fn target(&self) -> &Path {
        &self.target
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
