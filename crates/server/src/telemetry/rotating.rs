//! A log file that rotates by size: `x.log` → `x.log.1` → … → `x.log.<keep-1>`, oldest dropped.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct RotatingFile {
    path: PathBuf,
    max_bytes: u64,
    /// Files kept in total, the live one included.
    keep: usize,
    file: Option<File>,
    size: u64,
}

impl RotatingFile {
    pub fn open(path: impl Into<PathBuf>, max_bytes: u64, keep: usize) -> io::Result<Self> {
        let path = path.into();
        let file = open_append(&path)?;
        let size = file.metadata()?.len();
        Ok(Self {
            path,
            max_bytes,
            keep: keep.max(1),
            file: Some(file),
            size,
        })
    }

    fn rotated(&self, index: usize) -> PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push(format!(".{index}"));
        PathBuf::from(name)
    }

    fn rotate(&mut self) -> io::Result<()> {
        // Windows cannot rename an open file: close it first.
        self.file = None;
        if self.keep == 1 {
            fs::remove_file(&self.path).or_else(ignore_missing)?;
        } else {
            fs::remove_file(self.rotated(self.keep - 1)).or_else(ignore_missing)?;
            for index in (1..self.keep - 1).rev() {
                fs::rename(self.rotated(index), self.rotated(index + 1)).or_else(ignore_missing)?;
            }
            fs::rename(&self.path, self.rotated(1)).or_else(ignore_missing)?;
        }
        self.file = Some(open_append(&self.path)?);
        self.size = 0;
        Ok(())
    }
}

impl Write for RotatingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.size > 0 && self.size + buf.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(open_append(&self.path)?),
        };
        let written = file.write(buf)?;
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

fn ignore_missing(err: io::Error) -> io::Result<()> {
    if err.kind() == io::ErrorKind::NotFound {
        Ok(())
    } else {
        Err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_at_the_size_limit_and_keeps_the_newest_files() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("combined.log");
        let mut log = RotatingFile::open(&path, 10, 3)?;
        for line in ["aaaa1\n", "bbbb2\n", "cccc3\n", "dddd4\n", "eeee5\n"] {
            log.write_all(line.as_bytes())?;
        }
        log.flush()?;
        assert_eq!(fs::read_to_string(&path)?, "eeee5\n");
        assert_eq!(
            fs::read_to_string(dir.path().join("combined.log.1"))?,
            "dddd4\n"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("combined.log.2"))?,
            "cccc3\n"
        );
        assert!(!dir.path().join("combined.log.3").exists());
        Ok(())
    }

    #[test]
    fn continues_an_existing_file_and_counts_its_size() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("error.log");
        fs::write(&path, "12345678")?;
        let mut log = RotatingFile::open(&path, 10, 2)?;
        log.write_all(b"abc")?;
        assert_eq!(fs::read_to_string(&path)?, "abc");
        assert_eq!(
            fs::read_to_string(dir.path().join("error.log.1"))?,
            "12345678"
        );
        Ok(())
    }
}
