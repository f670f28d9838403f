//! The compact binary model format: little-endian integers and floats, length-prefixed strings, a magic tag and a
//! format version at the head of every file. Written by hand (a few dozen lines) so the format is plain and stable.

use crate::error::NlpError;

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct ModelWriter {
    pub(crate) buf: Vec<u8>,
}

impl ModelWriter {
    pub(crate) fn new(magic: &[u8; 8], version: u32) -> Self {
        let mut w = ModelWriter { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u32(version);
        w
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
}

/// Reads values back, failing with [`NlpError::BadModel`] on truncation or bad text.
pub(crate) struct ModelReader<'a> {
    buf: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> ModelReader<'a> {
    pub(crate) fn new(buf: &'a [u8], what: &'static str, magic: &[u8; 8], version: u32) -> Result<Self, NlpError> {
        let mut r = ModelReader { buf, pos: 0, what };
        let head = r.take(8)?;
        if head != magic {
            return Err(r.bad("not a sitrep model of this kind (wrong magic)"));
        }
        let v = r.u32()?;
        if v != version {
            return Err(r.bad(&format!("format version {v}, expected {version}")));
        }
        Ok(r)
    }
    pub(crate) fn bad(&self, reason: &str) -> NlpError {
        NlpError::BadModel { what: self.what, reason: format!("{reason} (at byte {})", self.pos) }
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], NlpError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len()).ok_or_else(|| self.bad("truncated"))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], NlpError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, NlpError> {
        Ok(self.array::<1>()?[0])
    }
    pub(crate) fn u16(&mut self) -> Result<u16, NlpError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, NlpError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, NlpError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn f32(&mut self) -> Result<f32, NlpError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    pub(crate) fn len(&mut self) -> Result<usize, NlpError> {
        let n = self.u32()? as usize;
        if n > self.buf.len() - self.pos {
            return Err(self.bad("implausible length"));
        }
        Ok(n)
    }
    pub(crate) fn str(&mut self) -> Result<String, NlpError> {
        let n = self.len()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.bad("string is not UTF-8"))
    }
    pub(crate) fn strs(&mut self) -> Result<Vec<String>, NlpError> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    pub(crate) fn finish(&self) -> Result<(), NlpError> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(self.bad("trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut w = ModelWriter::new(b"SRTEST01", 3);
        w.u8(7);
        w.u16(300);
        w.u64(u64::MAX - 1);
        w.f32(-1.5);
        w.strs(&["a".into(), "béta".into()]);
        let mut r = ModelReader::new(&w.buf, "test", b"SRTEST01", 3).unwrap();
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u16().unwrap(), 300);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), -1.5);
        assert_eq!(r.strs().unwrap(), vec!["a".to_string(), "béta".to_string()]);
        r.finish().unwrap();
        assert!(ModelReader::new(&w.buf, "test", b"SRTEST02", 3).is_err());
        assert!(ModelReader::new(&w.buf, "test", b"SRTEST01", 4).is_err());
        let mut r = ModelReader::new(&w.buf[..w.buf.len() - 2], "test", b"SRTEST01", 3).unwrap();
        r.u8().unwrap();
        r.u16().unwrap();
        r.u64().unwrap();
        r.f32().unwrap();
        assert!(r.strs().is_err());
    }
}
