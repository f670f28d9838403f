//! Checkpoints for resumable runs: where reading stopped and how long each output file was at that moment, saved
//! so that a run killed at any instant (even with SIGKILL) resumes without losing or repeating a record.
//!
//! The protocol: write a batch to the outputs, `fsync` them, then save the checkpoint (written to a temporary file,
//! `fsync`ed, renamed over the old one, directory `fsync`ed). A kill before the rename leaves the old checkpoint,
//! whose lengths cut off the half-written batch on resume; a kill after it leaves the new one.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::IngestError;

/// An output file and its committed length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedFile {
    pub path: PathBuf,
    pub length: u64,
}

/// The state of a run after its last committed batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Identifies the inputs and options; a resume with different ones is refused.
    pub fingerprint: String,
    /// The next entry to read: entry `entry_index` (0-based) of input `file_index`.
    pub file_index: usize,
    pub entry_index: usize,
    pub outputs: Vec<TrackedFile>,
    /// Whatever else the caller needs to go on (counters, the state of a document read in parts).
    pub state: serde_json::Value,
    /// The run reached the end of its inputs.
    pub finished: bool,
}

impl Checkpoint {
    /// Reads a checkpoint; `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Checkpoint>, IngestError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(IngestError::Io { path: path.display().to_string(), source }),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| bad(path, format!("unreadable: {e}")))
    }

    /// Saves atomically and durably.
    pub fn save(&self, path: &Path) -> Result<(), IngestError> {
        let io = |source| IngestError::Io { path: path.display().to_string(), source };
        let tmp = path.with_extension("tmp");
        let json = serde_json::to_vec(self).map_err(|e| bad(path, e.to_string()))?;
        {
            let mut f = File::create(&tmp).map_err(io)?;
            f.write_all(&json).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)?;
        sync_dir(path).map_err(io)
    }

    /// Cuts every output back to its committed length, dropping whatever a killed run wrote after it.
    pub fn restore_outputs(&self) -> Result<(), IngestError> {
        for out in &self.outputs {
            let shown = out.path.display().to_string();
            let f = OpenOptions::new().write(true).open(&out.path).map_err(|source| IngestError::Io { path: shown.clone(), source })?;
            let actual = f.metadata().map_err(|source| IngestError::Io { path: shown.clone(), source })?.len();
            if actual < out.length {
                return Err(bad(&out.path, format!("is {actual} bytes, shorter than the {} bytes checkpointed", out.length)));
            }
            f.set_len(out.length).map_err(|source| IngestError::Io { path: shown.clone(), source })?;
            f.sync_all().map_err(|source| IngestError::Io { path: shown, source })?;
        }
        Ok(())
    }
}

fn bad(path: &Path, message: String) -> IngestError {
    IngestError::Checkpoint { path: path.display().to_string(), message }
}

/// Makes a rename durable (the directory entry itself must reach the disk).
fn sync_dir(path: &Path) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_loads_and_truncates_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.jsonl");
        std::fs::write(&out, b"line 1\nline 2 half").unwrap();
        let cp = Checkpoint {
            fingerprint: "f".into(),
            file_index: 1,
            entry_index: 7,
            outputs: vec![TrackedFile { path: out.clone(), length: 7 }],
            state: serde_json::json!({"documents": 3}),
            finished: false,
        };
        let path = dir.path().join("run.checkpoint");
        assert_eq!(Checkpoint::load(&path).unwrap(), None);
        cp.save(&path).unwrap();
        let loaded = Checkpoint::load(&path).unwrap().unwrap();
        assert_eq!(loaded, cp);
        loaded.restore_outputs().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"line 1\n");
    }
}
