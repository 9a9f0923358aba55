//! Output that must wait for the end of the run: JUnit's cases (its counts come first) and the
//! JSON report's unit records (they follow the findings). Kept in memory while small, then in
//! an anonymous temporary file, so a national run does not hold it all.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// How much is kept in memory before the rest goes to a temporary file: enough for a small run
/// (a unit's JUnit suite is some 15 KB) to need no file. At 4 MB, the buffer and its doublings
/// were a fifth or more of the peak of a run reported in JUnit or with `--with-units` (26–28 MB
/// against 18.5–19.4 MB at 256 KB, 1,000 peers' units, one thread), which needs the file anyway.
const IN_MEMORY: usize = 256 * 1024;

/// Bytes set aside, in memory up to [`IN_MEMORY`] and then in a temporary file that has no
/// name (it is gone when the run ends, whatever way it ends).
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    len: u64,
}

impl Spool {
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Everything set aside, in order, written to `out`.
    pub fn copy_to(self, out: &mut impl Write) -> io::Result<()> {
        if let Some(file) = self.file {
            let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.rewind()?;
            io::copy(&mut file, out)?;
        }
        out.write_all(&self.memory)
    }
}

impl Write for Spool {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.len += bytes.len() as u64;
        match &mut self.file {
            Some(file) => file.write_all(bytes)?,
            None if self.memory.len() + bytes.len() <= IN_MEMORY => {
                self.memory.extend_from_slice(bytes)
            }
            None => {
                let mut file = BufWriter::new(tempfile::tempfile()?);
                file.write_all(&self.memory)?;
                file.write_all(bytes)?;
                self.memory = Vec::new();
                self.file = Some(file);
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_set_aside_comes_back_in_order_from_memory_or_the_file() {
        for pieces in [3usize, 20_000] {
            let mut spool = Spool::default();
            assert!(spool.is_empty());
            let mut expected = Vec::new();
            for i in 0..pieces {
                let piece = format!("片段{i:06};");
                spool.write_all(piece.as_bytes()).unwrap();
                expected.extend_from_slice(piece.as_bytes());
            }
            // 20,000 pieces of 15 bytes stay in memory; a large piece goes to the file.
            let big = vec![b'x'; IN_MEMORY];
            if pieces > 3 {
                spool.write_all(&big).unwrap();
                expected.extend_from_slice(&big);
                assert!(spool.file.is_some());
            }
            assert!(!spool.is_empty());
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert_eq!(out, expected);
        }
    }
}
