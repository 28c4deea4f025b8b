//! The packed form of a dataset file, which the extension ships: LZ4 in blocks of 1 MiB, at
//! about half the file's size. On the worker's first start after an install or update,
//! reading the package is the slow part and takes time in proportion to the bytes (the worker
//! keeps an unpacked copy for later starts). The blocks let the worker unpack each one while
//! the next is still being read ([`Unpacker`]), so that little is left to do after the last byte.
//!
//! Layout (integers little-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `GLOSSPK\x02` (the second packed layout: in blocks) |
//! | 8 | 4 | format version of the file inside |
//! | 12 | 4 | the file's length unpacked |
//! | 16 | 4 | block count `n`: the file's length divided by 1 MiB, rounded up |
//! | 20 | 4 | checksum of the block table |
//! | 24 | 8 `n` | block table: per block, its packed length and the checksum of its packed bytes |
//!
//! Then the blocks, each an LZ4 block that unpacks to 1 MiB (the last to the rest). Every
//! checksum is the low 32 bits of XXH3-64, as in the file itself. Each block is checked before
//! it is unpacked, and the table before it is trusted.

use super::{check_checksum, check_header_len, check_version, format_err, read_u32};
#[cfg(feature = "cli")]
use super::{checksum, MAGIC};
use crate::Result;

/// The packed form's magic bytes.
pub(super) const PACKED_MAGIC: &[u8; 8] = b"GLOSSPK\x02";
const HEADER_LEN: usize = 24;
/// Bytes of the file per block. The browser hands the worker a file in pieces of up to 2 MiB,
/// so smaller blocks would not start unpacking any sooner.
const BLOCK_LEN: usize = 1 << 20;
/// Largest unpacked length a packed file may declare: ten times today's dataset, so that a
/// damaged header cannot ask for gigabytes.
const MAX_UNPACKED_LEN: usize = 128 << 20;

/// LZ4's high-compression mode at its highest level: 16% smaller than its fast mode on the
/// dataset (4.8 against 5.7 MB), and as quick to unpack.
#[cfg(feature = "cli")]
const HIGHEST_COMPRESSION: lz4::block::CompressionMode =
    lz4::block::CompressionMode::HIGHCOMPRESSION(12);

/// The packed form of a dataset file.
#[cfg(feature = "cli")]
pub fn pack(file: &[u8]) -> Result<Vec<u8>> {
    if file.len() < 12 || &file[..8] != MAGIC {
        return Err(format_err("only a Gloss dataset file can be packed"));
    }
    if file.len() > MAX_UNPACKED_LEN {
        return Err(format_err(format!(
            "file is {} bytes, more than the {MAX_UNPACKED_LEN} a packed file may hold",
            file.len()
        )));
    }
    let blocks = file
        .chunks(BLOCK_LEN)
        .map(|block| {
            lz4::block::compress(block, Some(HIGHEST_COMPRESSION), false)
                .map_err(|e| format_err(format!("packing failed: {e}")))
        })
        .collect::<Result<Vec<Vec<u8>>>>()?;
    let mut table = Vec::with_capacity(8 * blocks.len());
    for block in &blocks {
        table.extend_from_slice(&(block.len() as u32).to_le_bytes());
        table.extend_from_slice(&checksum(block).to_le_bytes());
    }
    let mut out =
        Vec::with_capacity(HEADER_LEN + table.len() + blocks.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(PACKED_MAGIC);
    out.extend_from_slice(&file[8..12]); // the format version
    out.extend_from_slice(&(file.len() as u32).to_le_bytes());
    out.extend_from_slice(&(blocks.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&table).to_le_bytes());
    out.extend_from_slice(&table);
    for block in &blocks {
        out.extend_from_slice(block);
    }
    Ok(out)
}

/// The dataset file inside a packed one, all bytes at once.
pub(super) fn unpack(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut unpacker = Unpacker::new();
    unpacker.push(bytes)?;
    unpacker.finish()
}

/// One block's entry in the table.
struct Block {
    packed_len: usize,
    checksum: u32,
}

/// Unpacks a packed dataset file from the pieces it arrives in: each block is checked and
/// unpacked as soon as all its bytes are in. The first error ends it; later calls repeat it.
#[derive(Default)]
pub struct Unpacker {
    /// Bytes received and not yet unpacked (the header and table until they are read).
    pending: Vec<u8>,
    /// The block table, once read.
    blocks: Vec<Block>,
    /// The file, allocated at its full length once the header is read.
    file: Vec<u8>,
    /// Blocks unpacked so far.
    done: usize,
    /// Whether the header and table have been read.
    started: bool,
    /// The message of the error that ended it.
    failed: Option<String>,
}

impl Unpacker {
    /// An unpacker that has received nothing yet.
    pub fn new() -> Unpacker {
        Unpacker::default()
    }

    /// Takes the next piece of the packed file and unpacks every block it completes.
    pub fn push(&mut self, piece: &[u8]) -> Result<()> {
        if let Some(message) = &self.failed {
            return Err(format_err(message.clone()));
        }
        self.pending.extend_from_slice(piece);
        let result = self.unpack_pending();
        if let Err(crate::Error::DatasetFormat(message)) = &result {
            self.failed = Some(message.clone());
        }
        result
    }

    /// Whether every block has arrived (and been unpacked): the packed file is complete.
    pub fn complete(&self) -> bool {
        self.started && self.done == self.blocks.len()
    }

    /// The unpacked file, once every block has arrived.
    pub fn finish(self) -> Result<Vec<u8>> {
        if let Some(message) = self.failed {
            return Err(format_err(message));
        }
        if !self.started {
            check_header_len(&self.pending, self.table_end())?;
        }
        if self.done < self.blocks.len() {
            return Err(format_err(format!(
                "packed data ends early: {} of {} blocks complete",
                self.done,
                self.blocks.len()
            )));
        }
        Ok(self.file)
    }

    /// Where the block table ends, once the header gives its length.
    fn table_end(&self) -> usize {
        if self.pending.len() < HEADER_LEN {
            return HEADER_LEN;
        }
        HEADER_LEN + 8 * read_u32(&self.pending, 16) as usize
    }

    fn unpack_pending(&mut self) -> Result<()> {
        let mut at = 0;
        if !self.started {
            if self.pending.len() < 8 {
                return Ok(());
            }
            if &self.pending[..8] != PACKED_MAGIC {
                return Err(format_err("not a packed Gloss dataset (bad magic)"));
            }
            if self.pending.len() < HEADER_LEN {
                return Ok(());
            }
            at = self.read_header()?;
            if at == 0 {
                return Ok(()); // the table is still to come
            }
        }
        while self.done < self.blocks.len() {
            let Block {
                packed_len,
                checksum: stored,
            } = self.blocks[self.done];
            if self.pending.len() - at < packed_len {
                break;
            }
            let packed = &self.pending[at..at + packed_len];
            check_checksum(
                stored,
                packed,
                format_args!(" in packed block {}", self.done),
            )?;
            let start = self.done * BLOCK_LEN;
            let end = (start + BLOCK_LEN).min(self.file.len());
            match lz4_flex::block::decompress_into(packed, &mut self.file[start..end]) {
                Ok(n) if n == end - start => {}
                Ok(n) => {
                    return Err(format_err(format!(
                        "packed block {} unpacks to {n} bytes, not {}",
                        self.done,
                        end - start
                    )))
                }
                Err(e) => return Err(format_err(format!("packed block {}: {e}", self.done))),
            }
            at += packed_len;
            self.done += 1;
        }
        if self.done == self.blocks.len() && self.pending.len() > at {
            return Err(format_err(format!(
                "{} trailing bytes after the packed data",
                self.pending.len() - at
            )));
        }
        self.pending.drain(..at);
        Ok(())
    }

    /// Reads the header and, once it is all in, the block table; returns where the blocks
    /// begin, or 0 while the table is incomplete.
    fn read_header(&mut self) -> Result<usize> {
        let bytes = &self.pending;
        check_version(bytes)?;
        let len = read_u32(bytes, 12) as usize;
        if len > MAX_UNPACKED_LEN {
            return Err(format_err(format!(
                "unpacked length {len} over the {MAX_UNPACKED_LEN}-byte limit"
            )));
        }
        let count = read_u32(bytes, 16) as usize;
        if count != len.div_ceil(BLOCK_LEN) {
            return Err(format_err(format!(
                "{count} packed blocks cannot hold {len} bytes in blocks of {BLOCK_LEN}"
            )));
        }
        let table_end = HEADER_LEN + 8 * count;
        if bytes.len() < table_end {
            return Ok(0);
        }
        let table = &bytes[HEADER_LEN..table_end];
        check_checksum(
            read_u32(bytes, 20),
            table,
            format_args!(" in the packed block table"),
        )?;
        self.blocks = table
            .chunks_exact(8)
            .map(|entry| Block {
                packed_len: read_u32(entry, 0) as usize,
                checksum: read_u32(entry, 4),
            })
            .collect();
        self.file = vec![0; len];
        self.started = true;
        Ok(table_end)
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    /// A "file" of 2.5 MiB that pack accepts (it checks only the magic): three blocks, of
    /// text-like bytes that compress as the dataset does.
    fn three_blocks() -> Vec<u8> {
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&super::super::FORMAT_VERSION.to_le_bytes());
        let mut n: u32 = 1;
        while file.len() < 5 * BLOCK_LEN / 2 {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            file.extend_from_slice(format!("entity {} in {}; ", n % 50_000, n % 97).as_bytes());
        }
        file
    }

    #[test]
    fn a_file_of_several_blocks_unpacks_alike_from_any_pieces() {
        let file = three_blocks();
        let packed = pack(&file).unwrap();
        assert_eq!(read_u32(&packed, 16), 3);
        assert!(
            packed.len() < file.len() * 3 / 4,
            "{} of {}",
            packed.len(),
            file.len()
        );
        assert_eq!(unpack(&packed).unwrap(), file);
        for piece in [1, 7, 8191, 2 << 20] {
            let mut unpacker = Unpacker::new();
            for bytes in packed.chunks(piece) {
                unpacker.push(bytes).unwrap();
            }
            assert_eq!(unpacker.finish().unwrap(), file, "pieces of {piece}");
        }
    }

    #[test]
    fn each_block_is_unpacked_as_soon_as_its_bytes_are_in() {
        let packed = pack(&three_blocks()).unwrap();
        let first_len = read_u32(&packed, HEADER_LEN) as usize;
        let blocks_at = HEADER_LEN + 8 * 3;
        let mut unpacker = Unpacker::new();
        unpacker.push(&packed[..blocks_at + first_len - 1]).unwrap();
        assert_eq!(unpacker.done, 0);
        assert!(!unpacker.complete());
        unpacker
            .push(&packed[blocks_at + first_len - 1..blocks_at + first_len])
            .unwrap();
        assert_eq!(unpacker.done, 1);
        assert!(
            unpacker.pending.is_empty(),
            "the unpacked block's bytes are let go"
        );
        let err = unpacker.finish().unwrap_err().to_string();
        assert!(err.contains("ends early: 1 of 3 blocks"), "{err}");
    }

    #[test]
    fn it_is_complete_at_the_last_byte_and_not_before() {
        let packed = pack(&three_blocks()).unwrap();
        let mut unpacker = Unpacker::new();
        assert!(!unpacker.complete(), "nothing yet");
        unpacker.push(&packed[..HEADER_LEN]).unwrap();
        assert!(!unpacker.complete(), "only the header");
        unpacker
            .push(&packed[HEADER_LEN..packed.len() - 1])
            .unwrap();
        assert!(!unpacker.complete(), "all but the last byte");
        unpacker.push(&packed[packed.len() - 1..]).unwrap();
        assert!(unpacker.complete());
        let err = unpacker.push(b"x").unwrap_err().to_string();
        assert!(
            err.contains("1 trailing bytes after the packed data"),
            "{err}"
        );
    }

    #[test]
    fn after_an_error_every_piece_gets_the_same_error() {
        let mut packed = pack(&three_blocks()).unwrap();
        let blocks_at = HEADER_LEN + 8 * 3;
        packed[blocks_at + 10] ^= 0xff;
        let mut unpacker = Unpacker::new();
        let first = unpacker
            .push(&packed[..packed.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(
            first.contains("checksum mismatch in packed block 0"),
            "{first}"
        );
        let again = unpacker.push(&packed[packed.len() / 2..]).unwrap_err();
        assert_eq!(again.to_string(), first);
        assert_eq!(unpacker.finish().unwrap_err().to_string(), first);
    }

    /// What the pieces give: the file, or the first error's message.
    fn unpacked_in(pieces: &[&[u8]]) -> std::result::Result<Vec<u8>, String> {
        let mut unpacker = Unpacker::new();
        for piece in pieces {
            unpacker.push(piece).map_err(|e| e.to_string())?;
        }
        unpacker.finish().map_err(|e| e.to_string())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_cut_into_pieces_gives_what_the_whole_gives(
            cuts in proptest::collection::vec(0usize..3 << 20, 0..6),
            damage in proptest::option::of((0usize..3 << 20, 1u8..=255)),
            drop_tail in 0usize..3,
        ) {
            static PACKED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let mut packed = PACKED.get_or_init(|| pack(&three_blocks()).unwrap()).clone();
            if let Some((at, flip)) = damage {
                let at = at % packed.len();
                packed[at] ^= flip;
            }
            packed.truncate(packed.len() - drop_tail);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (packed.len() + 1)).collect();
            cuts.sort_unstable();
            let mut pieces = Vec::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([packed.len()]) {
                pieces.push(&packed[from..cut]);
                from = cut;
            }
            proptest::prop_assert_eq!(unpacked_in(&pieces), unpacked_in(&[&packed]));
        }
    }

    #[test]
    fn a_file_that_is_not_packed_is_refused_early() {
        let mut unpacker = Unpacker::new();
        let err = unpacker
            .push(b"GLOSSDS\0 and more")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad magic"), "{err}");
    }
}
