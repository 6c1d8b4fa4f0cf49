//! The two hashes advice uses, defined once: FNV-1a for ids and file names
//! (stable across builds and platforms), and a fast word-at-a-time checksum
//! for the cache's sections (so a damaged cache is noticed and rebuilt).
//! Neither is cryptographic: they catch accidents, not attackers.

/// FNV-1a (64-bit) of these bytes.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A fast checksum of a byte slice (FxHash's mixing over 8-byte words).
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    // Four independent lanes over 32-byte blocks, so the multiplies overlap
    // (a cache's index is tens of megabytes, checked on every run), then
    // folded together with the tail, byte by byte.
    let mut lanes = [
        bytes.len() as u64,
        0x9e37_79b9_7f4a_7c15,
        0xbf58_476d_1ce4_e5b9,
        0x94d0_49bb_1331_11eb,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            *lane = (lane.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
    }
    let mut hash = lanes[0];
    for lane in &lanes[1..] {
        hash = (hash.rotate_left(5) ^ lane).wrapping_mul(K);
    }
    for byte in blocks.remainder() {
        hash = (hash.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(K);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_values() {
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_checksum_notices_one_flipped_bit_anywhere() {
        let bytes: Vec<u8> = (0..100u8).collect();
        let good = checksum(&bytes);
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 1;
            assert_ne!(checksum(&bad), good, "byte {i}");
        }
    }
}
