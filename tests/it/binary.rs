//! The installed binary itself: how it is linked, which decides part of
//! how fast every command starts.

use std::io::{Read, Seek, SeekFrom};

/// What the tests read of an ELF file: its program headers' types, its
/// dynamic-section tags (`d_tag` of each entry) and its sections' names
/// and sizes. A 64-bit
/// little-endian file is assumed, as on x86_64 and aarch64 Linux.
struct Elf {
    program_types: Vec<u32>,
    dynamic_tags: Vec<u64>,
    sections: Vec<(String, u64)>,
}

fn read_elf(path: &std::path::Path) -> Elf {
    let mut file = std::fs::File::open(path).expect("open the binary");
    let mut read_at = |offset: u64, len: usize| {
        assert!(len < 1 << 20, "a table of {len} bytes");
        let mut bytes = vec![0u8; len];
        file.seek(SeekFrom::Start(offset)).unwrap();
        file.read_exact(&mut bytes).expect("read the binary");
        bytes
    };
    let u16_at = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    let header = read_at(0, 64);
    assert_eq!(&header[..4], b"\x7fELF", "not an ELF file");
    assert_eq!((header[4], header[5]), (2, 1), "not 64-bit little-endian");

    const PT_DYNAMIC: u32 = 2;
    let (phoff, phentsize, phnum) = (
        u64_at(&header, 0x20),
        u16_at(&header, 0x36),
        u16_at(&header, 0x38),
    );
    let programs = read_at(phoff, phentsize * phnum);
    let dynamic = programs
        .chunks_exact(phentsize)
        .find(|h| u32_at(h, 0) == PT_DYNAMIC)
        .expect("a dynamic section (a static PIE has one too)");
    let entries = read_at(u64_at(dynamic, 8), u64_at(dynamic, 32) as usize);
    let program_types = programs
        .chunks_exact(phentsize)
        .map(|h| u32_at(h, 0))
        .collect();
    let dynamic_tags = entries.chunks_exact(16).map(|e| u64_at(e, 0)).collect();

    let (shoff, shentsize, shnum, shstrndx) = (
        u64_at(&header, 0x28),
        u16_at(&header, 0x3a),
        u16_at(&header, 0x3c),
        u16_at(&header, 0x3e),
    );
    let headers = read_at(shoff, shentsize * shnum);
    let headers: Vec<&[u8]> = headers.chunks_exact(shentsize).collect();
    let names = read_at(
        u64_at(headers[shstrndx], 24),
        u64_at(headers[shstrndx], 32) as usize,
    );
    let sections = headers
        .iter()
        .map(|h| {
            let at = u32_at(h, 0) as usize;
            let len = names[at..].iter().position(|&b| b == 0).unwrap_or(0);
            (
                String::from_utf8_lossy(&names[at..at + len]).into_owned(),
                u64_at(h, 32),
            )
        })
        .collect();
    Elf {
        program_types,
        dynamic_tags,
        sections,
    }
}

fn advice_binary() -> Elf {
    read_elf(std::path::Path::new(assert_cmd::cargo::cargo_bin!(
        "advice"
    )))
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
    let tags = advice_binary().dynamic_tags;
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

/// The code advice runs at start-up sits together in `.text.hot`, laid out
/// by `link/hot-code.ld` (see `bench/hot-code`), not spread over the whole
/// text. If the linker stopped taking the script, or its patterns stopped
/// matching advice's functions (renamed in a dependency update, say), the
/// section would be missing or near empty.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn start_up_code_is_gathered_in_one_place() {
    let sections = advice_binary().sections;
    let size = |name: &str| {
        sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, size)| *size)
    };
    let hot = size(".text.hot")
        .expect("no .text.hot section: build.rs did not link with link/hot-code.ld");
    let text = size(".text").expect("a .text section");
    assert!(
        hot > 256 * 1024 && hot < text,
        ".text.hot holds {hot} bytes (the rest of the code {text}): regenerate link/hot-code.ld with bench/hot-code"
    );
}

/// On Linux with glibc the binary is a static PIE (`.cargo/config.toml`):
/// no program interpreter, so no dynamic loader opening, mapping and
/// relocating libc at every start; and still position-independent, so
/// its addresses are randomised. A build that lost the configuration
/// (a `RUSTFLAGS` that replaces its flags, say) fails here.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_needs_no_dynamic_loader_and_is_still_position_independent() {
    const PT_INTERP: u32 = 3;
    const ET_DYN: u16 = 3;
    let path = std::path::Path::new(assert_cmd::cargo::cargo_bin!("advice"));
    let elf = advice_binary();
    assert!(
        !elf.program_types.contains(&PT_INTERP),
        "{} asks for a dynamic loader: it was not linked with +crt-static (.cargo/config.toml)",
        path.display()
    );
    let mut header = [0u8; 18];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .expect("read the ELF header");
    assert_eq!(
        u16::from_le_bytes([header[16], header[17]]),
        ET_DYN,
        "not position-independent: its addresses would not be randomised"
    );
}
