//! Reading never panics, whatever the bytes and whatever format is forced on them.

use sitrep_ingest::{read_bytes, InputFormat, ReadOptions};

#[test]
fn random_bytes_in_every_format_never_panic() {
    let mut state: u64 = 0x00DD_BA11_5EED;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let fragments: [&[u8]; 12] = [
        b"<html><body><p>", b"</p>", b"{\"id\": 1, \"text\": \"", b"\"}\n", b"\xff\xfe", b"\xc3", b"\r\n", b"\0",
        b"Rebels attacked Kusham.", b"<script>", b"{\"html\": \"<p>x</p>\"}\n", "Deir ez-Zor – é".as_bytes(),
    ];
    for round in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 40) {
            bytes.extend_from_slice(fragments[(next() % fragments.len() as u64) as usize]);
        }
        let format = [None, Some(InputFormat::Text), Some(InputFormat::Html), Some(InputFormat::Jsonl)][round % 4];
        let options = ReadOptions { format, part_bytes: 64, ..ReadOptions::default() };
        for doc in read_bytes("fuzz", bytes, &options).flatten() {
            assert!(!doc.id.is_empty());
        }
    }
}
