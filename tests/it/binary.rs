//! The installed binary itself: how it is linked, which decides part of
//! how fast every command starts.

use std::io::{Read, Seek, SeekFrom};

/// The binary's dynamic-section tags (`d_tag` of each entry), read from its
/// ELF program headers: a 64-bit little-endian ELF file is assumed, as on
/// x86_64 and aarch64 Linux.
fn dynamic_tags(path: &std::path::Path) -> Vec<u64> {
    let mut file = std::fs::File::open(path).expect("open the binary");
    let mut header = [0u8; 64];
    file.read_exact(&mut header).expect("read the ELF header");
    assert_eq!(&header[..4], b"\x7fELF", "not an ELF file");
    assert_eq!((header[4], header[5]), (2, 1), "not 64-bit little-endian");
    let u16_at = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]);
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    let (phoff, phentsize, phnum) = (
        u64_at(&header, 0x20),
        usize::from(u16_at(&header, 0x36)),
        usize::from(u16_at(&header, 0x38)),
    );
    let mut headers = vec![0u8; phentsize * phnum];
    file.seek(SeekFrom::Start(phoff)).unwrap();
    file.read_exact(&mut headers)
        .expect("read the program headers");
    const PT_DYNAMIC: u32 = 2;
    let dynamic = headers
        .chunks_exact(phentsize)
        .find(|h| u32::from_le_bytes(h[..4].try_into().unwrap()) == PT_DYNAMIC)
        .expect("a dynamically linked binary");
    let (offset, size) = (u64_at(dynamic, 8), u64_at(dynamic, 32));
    assert!(size < 1 << 16, "a dynamic section of {size} bytes");
    let mut entries = vec![0u8; size as usize];
    file.seek(SeekFrom::Start(offset)).unwrap();
    file.read_exact(&mut entries)
        .expect("read the dynamic section");
    entries.chunks_exact(16).map(|e| u64_at(e, 0)).collect()
}

/// The running C library's version as (major, minor).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn glibc_version() -> (u32, u32) {
    // SAFETY: gnu_get_libc_version returns a static NUL-terminated string.
    let text = unsafe { std::ffi::CStr::from_ptr(libc::gnu_get_libc_version()) };
    let text = text.to_str().expect("an ASCII version");
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// On a glibc that loads them (2.36 and later), the binary's relocations
/// are packed (DT_RELR): `build.rs` found the linker and loader able, so
/// the loader starts every command without 350 KB of relocation records.
/// A toolchain that quietly stops packing them fails here, not only in
/// bench/run's timings.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn relocations_are_packed_where_the_c_library_loads_them() {
    const DT_RELR: u64 = 36;
    const DT_RELACOUNT: u64 = 0x6fff_fff9;
    let tags = dynamic_tags(std::path::Path::new(assert_cmd::cargo::cargo_bin!(
        "advice"
    )));
    if glibc_version() >= (2, 36) {
        assert!(
            tags.contains(&DT_RELR),
            "no DT_RELR: build.rs did not pack the relocations"
        );
        assert!(
            !tags.contains(&DT_RELACOUNT),
            "relative relocations left unpacked"
        );
    } else {
        assert!(
            !tags.contains(&DT_RELR),
            "DT_RELR on a glibc that cannot load it"
        );
    }
}
