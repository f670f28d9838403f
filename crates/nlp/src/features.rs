//! Feature hashing: every feature is a template number mixed with the hashes of the values it looks at, giving one
//! `u64` key. No feature strings are ever built, so extracting features costs a few multiplications each.

/// FNV-1a over bytes, then a final mix; never 0 (0 marks empty slots in the weight table).
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    finish(h)
}

#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h.max(1)
}

/// Mixes a template number with up to three values.
#[inline]
pub(crate) fn feat(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let mut h = (template as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h.rotate_left(23) ^ a).wrapping_mul(0x517c_c1b7_2722_0a95);
    h = (h.rotate_left(23) ^ b).wrapping_mul(0x517c_c1b7_2722_0a95);
    h = (h.rotate_left(23) ^ c).wrapping_mul(0x517c_c1b7_2722_0a95);
    finish(h)
}

/// The word shape: "Xx" for "Kyiv", "X" for "NATO", "d,d" for "1,200", "x-x" for "al-Shabaab"; runs collapsed.
pub(crate) fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
        if out.len() > 8 {
            break;
        }
    }
    out
}

/// The last `n` characters of `s` (all of it when shorter).
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let skip = count - n;
    match s.char_indices().nth(skip) {
        Some((b, _)) => &s[b..],
        None => s,
    }
}

/// The first `n` characters of `s`.
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// True when a sentence is written in capitals (most of its letters upper case), as in wire copy.
pub(crate) fn is_caps_sentence<S: AsRef<str>>(forms: &[S]) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for f in forms {
        for c in f.as_ref().chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    upper >= 8 && lower * 10 < upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Kyiv"), "Xx");
        assert_eq!(shape("1,200"), "d,d");
        assert_eq!(suffix("killed", 3), "led");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("Ütö", 2), "Üt");
        assert_ne!(feat(1, 2, 3, 4), feat(1, 2, 4, 3));
        assert!(is_caps_sentence(&["REBELS", "KILLED", "SEVEN", "SOLDIERS"]));
        assert!(!is_caps_sentence(&["NATO", "said", "so"]));
    }
}
