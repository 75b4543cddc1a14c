//! The load cache's encoding: a parsed, validated file as compact bytes, and back.
//!
//! Parsing and validating a large JSON file is most of what a command spends at a million events,
//! and it gives the same answer every time the file is unchanged. The store keeps this form of
//! each parsed file (see `store::cache`), and later runs decode it instead of the JSON.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! "BILCACHE" | version u32 | key length u32 | key | meta length u32 | meta
//!            | blocks: (length u32 | block)… | checksum u64
//! ```
//!
//! The `key` says which file (path, size, times, identity and content hash) the cache was made
//! from; it comes first so a stale cache is dropped after reading a few bytes. `meta` holds the
//! dataset's title, as-of date and eras, the table of repeated names (actors, places, tags, kinds,
//! groups: each written once and referred to by number), and the id positions when the reader
//! recorded them. The events follow, in timeline order (so a load need not sort them; the id
//! positions follow the same order), in blocks of [`BLOCK`], each decoded on its own: blocks are
//! read a group at a time and the group's blocks decode on every core, so the cache is never held
//! whole. The checksum (xxh3-64 of every byte before it) is checked before anything decoded is
//! handed out: a truncated, damaged or foreign file is an error, never a timeline. Decoding
//! validates as it goes too (every date is rebuilt through the calendar, every name number is
//! looked up), so even a damaged file that slipped past the checksum could not make an
//! impossible value.
//!
//! Records are encoded with postcard: its wire format is documented and stable since 1.0, it is
//! serde-based (the records below are plain structs), compact (variable-length integers), decodes
//! strings by borrowing them from the buffer, needs no `unsafe` or buffer alignment, and is
//! maintained. A zero-copy format such as rkyv would pay only if the browser worked on the archived
//! form; it works on the owned model, so every event is built anyway, and postcard keeps that
//! simple.

use std::io::{Read, Write};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::core::model::{
    Confidence, Dataset, Date, Draft, Era, Event, Extent, Name, Source, Status,
};
use crate::formats::native::ParsedFile;

/// The first bytes of every cache file.
pub const MAGIC: &[u8; 8] = b"BILCACHE";
/// Raised whenever the layout or the model changes, so an older cache is rebuilt, not misread.
pub const VERSION: u32 = 3;
/// Events per block.
pub const BLOCK: usize = 4_096;
/// Blocks read before they are decoded together, on every core.
const GROUP: usize = 16;

/// What a cache was made from (see `store::cache` for how it is checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// The file's canonical path, so a cache is never taken for another file's.
    pub path: String,
    pub len: u64,
    /// Modification time: seconds and nanoseconds since the Unix epoch.
    pub modified: (i64, u32),
    /// Status-change time (ctime), which every write to the file sets and no tool sets back;
    /// zero where the platform has none.
    pub changed: (i64, u32),
    /// The file's device and inode; zero where the platform has none.
    pub file_id: (u64, u64),
    /// xxh3-128 of the file's bytes.
    pub hash: u128,
}

/// Why a cache file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("it is not a bilateral cache file")]
    Foreign,
    #[error(
        "it was written by another version of bilateral (format {0}, this one reads {VERSION})"
    )]
    Version(u32),
    #[error("it is truncated")]
    Truncated,
    #[error("it is damaged ({0})")]
    Damaged(&'static str),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CacheError {
    fn from_read(e: std::io::Error) -> CacheError {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            CacheError::Truncated
        } else {
            CacheError::Io(e)
        }
    }
}

#[derive(Serialize, Deserialize)]
struct CDate(i64, Option<u8>, Option<u8>, Option<u16>);

impl CDate {
    fn of(d: &Date) -> CDate {
        CDate(
            d.year(),
            d.month().map(|m| m as u8),
            d.day().map(|m| m as u8),
            d.minutes().map(|m| m as u16),
        )
    }

    fn date(&self) -> Result<Date, CacheError> {
        Date::from_parts(
            self.0,
            self.1.map(u32::from),
            self.2.map(u32::from),
            self.3.map(u32::from),
        )
        .ok_or(CacheError::Damaged("a date"))
    }
}

#[derive(Serialize, Deserialize)]
struct CEra<'a> {
    title: &'a str,
    start: CDate,
    end: CDate,
}

#[derive(Serialize, Deserialize)]
struct Meta<'a> {
    title: &'a str,
    #[serde(borrow)]
    description: Option<&'a str>,
    as_of: Option<CDate>,
    #[serde(borrow)]
    eras: Vec<CEra<'a>>,
    #[serde(borrow)]
    names: Vec<&'a str>,
    events: u64,
    id_positions: Option<Vec<(u64, u64)>>,
}

#[derive(Serialize, Deserialize)]
struct CSource<'a> {
    title: &'a str,
    #[serde(borrow)]
    file: Option<&'a str>,
    #[serde(borrow)]
    url: Option<&'a str>,
    published: Option<CDate>,
    #[serde(borrow)]
    quote: Option<&'a str>,
}

#[derive(Serialize, Deserialize)]
struct CEvent<'a> {
    id: &'a str,
    title: &'a str,
    start: CDate,
    end: Option<CDate>,
    /// Extent (bits 0–2), circa (3), uncertain (4), status + 1 or 0 for none (5–7).
    flags: u8,
    kind: Option<u32>,
    group: Option<u32>,
    #[serde(borrow)]
    display_date: Option<&'a str>,
    #[serde(borrow)]
    summary: Option<&'a str>,
    #[serde(borrow)]
    details: Option<&'a str>,
    actors: Vec<u32>,
    places: Vec<u32>,
    tags: Vec<u32>,
    #[serde(borrow)]
    sources: Vec<CSource<'a>>,
    /// The draft's expression and confidence in hundredths.
    #[serde(borrow)]
    draft: Option<(&'a str, u8)>,
    #[serde(borrow)]
    original: Option<Box<CEvent<'a>>>,
}

const EXTENTS: [Extent; 7] = [
    Extent::Lasted,
    Extent::Ongoing,
    Extent::EndUnknown,
    Extent::StartUnknown,
    Extent::OneDayIn,
    Extent::OnOrBefore,
    Extent::OnOrAfter,
];

fn flags(e: &Event) -> u8 {
    let extent = EXTENTS.iter().position(|x| *x == e.extent).unwrap_or(0) as u8;
    let status = e
        .status
        .and_then(|s| Status::ALL.iter().position(|x| *x == s))
        .map_or(0, |i| i as u8 + 1);
    extent | (u8::from(e.circa) << 3) | (u8::from(e.uncertain) << 4) | (status << 5)
}

/// The table of repeated names, built while encoding.
#[derive(Default)]
struct Names<'a> {
    table: Vec<&'a str>,
    index: std::collections::HashMap<&'a str, u32>,
}

impl<'a> Names<'a> {
    fn add(&mut self, s: &'a str) {
        if !self.index.contains_key(s) {
            self.index.insert(s, self.table.len() as u32);
            self.table.push(s);
        }
    }

    fn add_event(&mut self, e: &'a Event) {
        for s in e.kind.iter().chain(&e.group) {
            self.add(s);
        }
        for s in e.actors.iter().chain(&e.places).chain(&e.tags) {
            self.add(s);
        }
        if let Some(o) = &e.original {
            self.add_event(o);
        }
    }

    fn of(&self, s: &str) -> u32 {
        // Every name was added before encoding starts.
        self.index.get(s).copied().unwrap_or(0)
    }
}

fn encode_event<'a>(e: &'a Event, names: &Names) -> CEvent<'a> {
    let list = |l: &[Name]| l.iter().map(|s| names.of(s)).collect();
    CEvent {
        id: &e.id,
        title: &e.title,
        start: CDate::of(&e.start),
        end: e.end.as_ref().map(CDate::of),
        flags: flags(e),
        kind: e.kind.as_deref().map(|s| names.of(s)),
        group: e.group.as_deref().map(|s| names.of(s)),
        display_date: e.display_date.as_deref(),
        summary: e.summary.as_deref(),
        details: e.details.as_deref(),
        actors: list(&e.actors),
        places: list(&e.places),
        tags: list(&e.tags),
        sources: e
            .sources
            .iter()
            .map(|s| CSource {
                title: &s.title,
                file: s.file.as_deref(),
                url: s.url.as_deref(),
                published: s.published.as_ref().map(CDate::of),
                quote: s.quote.as_deref(),
            })
            .collect(),
        draft: e
            .draft
            .as_ref()
            .map(|d| (d.expression.as_str(), d.confidence.hundredths())),
        original: e
            .original
            .as_ref()
            .map(|o| Box::new(encode_event(o, names))),
    }
}

/// The names of one block, each made once (on first use) and shared by the block's events. Each
/// block has its own copies, so blocks decoding on different cores never share a counter.
struct BlockNames<'a, 'b> {
    table: &'b [&'a str],
    made: std::collections::HashMap<u32, Name>,
}

impl BlockNames<'_, '_> {
    fn get(&mut self, i: u32) -> Result<Name, CacheError> {
        if let Some(n) = self.made.get(&i) {
            return Ok(n.clone());
        }
        let text = self
            .table
            .get(i as usize)
            .ok_or(CacheError::Damaged("a name"))?;
        let n = Name::from(*text);
        self.made.insert(i, n.clone());
        Ok(n)
    }
}

/// Collects into a list of exactly the items' length: collecting `Result`s otherwise reserves
/// room for four and then copies to shrink, which at a million events is a lot of moving.
fn exact<T>(
    items: impl ExactSizeIterator<Item = Result<T, CacheError>>,
) -> Result<Box<[T]>, CacheError> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(item?);
    }
    Ok(out.into_boxed_slice())
}

fn decode_event(c: CEvent, names: &mut BlockNames) -> Result<Event, CacheError> {
    let list = |l: Vec<u32>, names: &mut BlockNames| exact(l.into_iter().map(|i| names.get(i)));
    let mut e = Event::new(c.id, c.title, c.start.date()?);
    e.end = c.end.map(|d| d.date()).transpose()?;
    e.extent = *EXTENTS
        .get(usize::from(c.flags & 7))
        .ok_or(CacheError::Damaged("an event's flags"))?;
    e.circa = c.flags & 8 != 0;
    e.uncertain = c.flags & 16 != 0;
    e.status = match c.flags >> 5 {
        0 => None,
        s => Some(
            *Status::ALL
                .get(usize::from(s - 1))
                .ok_or(CacheError::Damaged("an event's status"))?,
        ),
    };
    e.kind = c.kind.map(|i| names.get(i)).transpose()?;
    e.group = c.group.map(|i| names.get(i)).transpose()?;
    e.display_date = c.display_date.map(Box::from);
    e.summary = c.summary.map(Box::from);
    e.details = c.details.map(Box::from);
    e.actors = list(c.actors, names)?;
    e.places = list(c.places, names)?;
    e.tags = list(c.tags, names)?;
    e.sources = exact(c.sources.into_iter().map(|s| {
        Ok(Source {
            title: s.title.to_string(),
            file: s.file.map(str::to_string),
            url: s.url.map(str::to_string),
            published: s.published.map(|d| d.date()).transpose()?,
            quote: s.quote.map(str::to_string),
        })
    }))?;
    e.draft = match c.draft {
        Some((expression, h)) => Some(Box::new(Draft {
            expression: expression.to_string(),
            confidence: Confidence::from_hundredths(h)
                .ok_or(CacheError::Damaged("a draft's confidence"))?,
        })),
        None => None,
    };
    e.original = match c.original {
        Some(o) => Some(Box::new(decode_event(*o, names)?)),
        None => None,
    };
    Ok(e)
}

/// Decodes a group of blocks into their slots, on every core.
fn decode_blocks(slots: &mut [Event], group: &[Vec<u8>], names: &[&str]) -> Result<(), CacheError> {
    slots
        .par_chunks_mut(BLOCK)
        .zip(group.par_iter())
        .try_for_each(|(slots, bytes)| {
            let records: Vec<CEvent> =
                postcard::from_bytes(bytes).map_err(|_| CacheError::Damaged("an event"))?;
            if records.len() != slots.len() {
                return Err(CacheError::Damaged("a block's length"));
            }
            let mut names = BlockNames {
                table: names,
                made: std::collections::HashMap::new(),
            };
            for (slot, record) in slots.iter_mut().zip(records) {
                *slot = decode_event(record, &mut names)?;
            }
            Ok(())
        })
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn encoding_failed(e: postcard::Error) -> std::io::Error {
    std::io::Error::other(format!("encoding the cache: {e}"))
}

fn write_framed(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| std::io::Error::other("a cache record over 4 GiB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// Writes `file` as a cache made from the file `key` describes. Blocks are encoded a group at a
/// time on every core, so a million events never sit in memory twice.
pub fn write(
    out: &mut impl Write,
    key: &Key,
    file: &ParsedFile,
    progress: &dyn Fn(f64),
) -> std::io::Result<()> {
    let dataset = &file.dataset;
    // Kept in timeline order, so that a load from the cache finds them sorted and need not move
    // a million events about (a third of a second at that size).
    let order = crate::core::model::timeline_order(&dataset.events);
    let mut names = Names::default();
    for e in &dataset.events {
        names.add_event(e);
    }
    let meta = Meta {
        title: &dataset.title,
        description: dataset.description.as_deref(),
        as_of: dataset.as_of.as_ref().map(CDate::of),
        eras: dataset
            .eras
            .iter()
            .map(|e| CEra {
                title: &e.title,
                start: CDate::of(&e.start),
                end: CDate::of(&e.end),
            })
            .collect(),
        names: names.table.clone(),
        events: dataset.events.len() as u64,
        id_positions: file.known_id_positions().map(|p| {
            order
                .iter()
                .map(|&i| {
                    p.get(i as usize)
                        .map_or((1, 1), |&(l, c)| (l as u64, c as u64))
                })
                .collect()
        }),
    };
    let mut out = Hashing {
        inner: out,
        hasher: Xxh3::new(),
    };
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    write_framed(
        &mut out,
        &postcard::to_allocvec(key).map_err(encoding_failed)?,
    )?;
    write_framed(
        &mut out,
        &postcard::to_allocvec(&meta).map_err(encoding_failed)?,
    )?;
    let blocks: Vec<&[u32]> = order.chunks(BLOCK).collect();
    for (g, group) in blocks.chunks(GROUP).enumerate() {
        let encoded = group
            .par_iter()
            .map(|block| {
                let records: Vec<CEvent> = block
                    .iter()
                    .map(|&i| encode_event(&dataset.events[i as usize], &names))
                    .collect();
                postcard::to_allocvec(&records).map_err(encoding_failed)
            })
            .collect::<Result<Vec<_>, _>>()?;
        for bytes in &encoded {
            write_framed(&mut out, bytes)?;
        }
        progress(((g + 1) * GROUP).min(blocks.len()) as f64 / blocks.len().max(1) as f64);
    }
    let checksum = out.hasher.digest();
    out.inner.write_all(&checksum.to_le_bytes())?;
    out.flush()
}

/// A cache being read: its key is known, the rest not yet decoded.
pub struct Reader<R> {
    input: Hashing<R>,
    /// Bytes left in the file, so no length read from it can ask for more memory than it holds.
    left: u64,
}

fn read_u32(input: &mut impl Read) -> Result<u32, CacheError> {
    let mut b = [0; 4];
    input.read_exact(&mut b).map_err(CacheError::from_read)?;
    Ok(u32::from_le_bytes(b))
}

impl<R: Read + Send> Reader<R> {
    /// Reads the header of a cache file of `len` bytes: the magic, the version and the key.
    pub fn open(input: R, len: u64) -> Result<(Reader<R>, Key), CacheError> {
        let mut reader = Reader {
            input: Hashing {
                inner: input,
                hasher: Xxh3::new(),
            },
            left: len,
        };
        let mut magic = [0; 8];
        reader
            .input
            .read_exact(&mut magic)
            .map_err(|_| CacheError::Foreign)?;
        if &magic != MAGIC {
            return Err(CacheError::Foreign);
        }
        let version = read_u32(&mut reader.input)?;
        if version != VERSION {
            return Err(CacheError::Version(version));
        }
        reader.left = reader.left.saturating_sub(12);
        let bytes = reader.framed()?;
        let key = postcard::from_bytes(&bytes).map_err(|_| CacheError::Damaged("its key"))?;
        Ok((reader, key))
    }

    fn framed(&mut self) -> Result<Vec<u8>, CacheError> {
        let len = u64::from(read_u32(&mut self.input)?);
        if len + 4 > self.left {
            return Err(CacheError::Truncated);
        }
        self.left -= len + 4;
        let mut bytes = vec![0; len as usize];
        self.input
            .read_exact(&mut bytes)
            .map_err(CacheError::from_read)?;
        Ok(bytes)
    }

    /// The next `blocks` blocks' bytes.
    fn group(&mut self, blocks: usize) -> Result<Vec<Vec<u8>>, CacheError> {
        (0..blocks).map(|_| self.framed()).collect()
    }

    /// Decodes the rest, checking the checksum before returning anything; `progress` hears the
    /// share of events decoded.
    pub fn decode(
        mut self,
        name: &str,
        progress: &(dyn Fn(f64) + Sync),
    ) -> Result<ParsedFile, CacheError> {
        let meta_bytes = self.framed()?;
        let meta: Meta =
            postcard::from_bytes(&meta_bytes).map_err(|_| CacheError::Damaged("its header"))?;
        // No file holds more events than bytes: a damaged count must not allocate the world.
        if meta.events > self.left {
            return Err(CacheError::Damaged("its event count"));
        }
        let total = meta.events as usize;
        // Slots filled on every core: the first touch of each page (a quarter of a gigabyte of
        // them at a million events) waits for the kernel to zero it, which shares out too.
        let mut events: Vec<Event> = Vec::with_capacity(total);
        events.par_extend(
            (0..total)
                .into_par_iter()
                .map(|_| Event::new(String::new(), String::new(), Date::year_only(0))),
        );
        // Each group is read while the one before it decodes: reading is the kernel copying
        // bytes on one core, which would otherwise leave the other idle.
        let blocks = total.div_ceil(BLOCK);
        let mut next = self.group(blocks.min(GROUP))?;
        let mut done = 0;
        while done < total {
            let group = std::mem::take(&mut next);
            let end = (done + group.len() * BLOCK).min(total);
            let left = blocks - end.div_ceil(BLOCK);
            let (read, decoded) = rayon::join(
                || self.group(left.min(GROUP)),
                || decode_blocks(&mut events[done..end], &group, &meta.names),
            );
            decoded?;
            next = read?;
            done = end;
            progress(done as f64 / total as f64);
        }
        let expected = self.input.hasher.digest();
        let mut stored = [0; 8];
        self.input
            .inner
            .read_exact(&mut stored)
            .map_err(CacheError::from_read)?;
        if u64::from_le_bytes(stored) != expected {
            return Err(CacheError::Damaged("checksum mismatch"));
        }
        if self.left != 8 {
            return Err(CacheError::Damaged("bytes after the end"));
        }
        let eras = meta
            .eras
            .iter()
            .map(|e| {
                Ok(Era {
                    title: e.title.to_string(),
                    start: e.start.date()?,
                    end: e.end.date()?,
                })
            })
            .collect::<Result<_, CacheError>>()?;
        let dataset = Dataset {
            title: meta.title.to_string(),
            description: meta.description.map(str::to_string),
            as_of: meta.as_of.map(|d| d.date()).transpose()?,
            eras,
            events,
        };
        let positions = meta.id_positions.map(|p| {
            p.into_iter()
                .map(|(l, c)| (l as usize, c as usize))
                .collect()
        });
        Ok(ParsedFile::restored(name, dataset, positions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::native::parse_str;

    fn key() -> Key {
        Key {
            path: "/x.json".into(),
            len: 1,
            modified: (2, 3),
            changed: (5, 6),
            file_id: (7, 8),
            hash: 4,
        }
    }

    fn roundtrip(file: &ParsedFile) -> Result<ParsedFile, CacheError> {
        let key = key();
        let mut bytes = Vec::new();
        write(&mut bytes, &key, file, &|_| {}).unwrap();
        let (reader, read_key) = Reader::open(bytes.as_slice(), bytes.len() as u64)?;
        assert_eq!(read_key, key);
        reader.decode(&file.file, &|_| {})
    }

    /// Every kind of field: eras, drafts, every date form, sources, and text that sanitising
    /// changed (so the event keeps its `original`).
    const SAMPLE: &str = r#"{
      "title": "Sample", "description": "About\nthings", "as_of": "2025-05-28",
      "eras": [{"title": "Now", "start": "2024", "end": "2026"}],
      "events": [
        {"id": "a", "title": "Plain", "date": "2025-05-27", "kind": "visit", "group": "g",
         "actors": ["X", "Y"], "places": ["P"], "tags": ["t", "u"], "status": "happened",
         "summary": "S", "details": "D", "display_date": "Late May",
         "sources": [{"title": "T", "url": "https://e.org", "published": "2025-05-28",
                      "quote": "Q", "file": "f.txt"}]},
        {"id": "b", "title": "Window", "date": "[2025-05-27..2025-05-29]"},
        {"id": "c", "title": "Open", "date": "2025-05-27/..", "status": "expected"},
        {"id": "d", "title": "Before", "date": "[..2025-05-28]"},
        {"id": "e", "title": "Circa", "start": "1947-08", "end": "1947-09", "circa": true},
        {"id": "f", "title": "Odd \u202e text\u0007", "start": "2025-05-18T10:30",
         "actors": ["X"], "draft": {"expression": "On Tuesday", "confidence": 0.85}},
        {"id": "g", "title": "Uncertain", "date": "2025-06?"}
      ]
    }"#;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let file = parse_str("x.json", SAMPLE).unwrap();
        assert!(
            file.dataset.events.iter().any(|e| e.original.is_some()),
            "the sample exercises sanitised text"
        );
        let back = roundtrip(&file).unwrap();
        // The same events, in timeline order, each with the position of its own id.
        let mut sorted = file.dataset.clone();
        crate::core::model::sort(&mut sorted.events);
        assert_ne!(
            sorted.events, file.dataset.events,
            "the sample is not in order"
        );
        assert_eq!(back.dataset, sorted);
        let position = |f: &ParsedFile, id: &str| {
            let at = f.dataset.events.iter().position(|e| &*e.id == id).unwrap();
            f.known_id_positions().unwrap()[at]
        };
        for e in &file.dataset.events {
            assert_eq!(position(&back, &e.id), position(&file, &e.id), "{}", e.id);
        }
        assert_eq!(back.file, "x.json");
    }

    #[test]
    fn many_blocks_read_back_in_order() {
        let events = crate::core::generate::events(crate::core::generate::Spec {
            events: BLOCK * GROUP + BLOCK + 7,
            seed: 5,
        });
        let dataset = Dataset {
            title: "t".into(),
            description: None,
            as_of: None,
            eras: Vec::new(),
            events,
        };
        let mut file = ParsedFile::restored("big.json", dataset, None);
        crate::core::model::sort(&mut file.dataset.events);
        let back = roundtrip(&file).unwrap();
        assert_eq!(back.dataset, file.dataset);
        assert_eq!(back.known_id_positions(), None);
    }

    #[test]
    fn damage_of_any_kind_is_refused() {
        let file = parse_str("x.json", SAMPLE).unwrap();
        let key = key();
        let mut bytes = Vec::new();
        write(&mut bytes, &key, &file, &|_| {}).unwrap();
        let read = |b: &[u8]| -> Result<ParsedFile, CacheError> {
            let (reader, _) = Reader::open(b, b.len() as u64)?;
            reader.decode("x.json", &|_| {})
        };
        assert!(read(&bytes).is_ok());
        assert!(matches!(read(b"{\"title\": 1}"), Err(CacheError::Foreign)));
        assert!(matches!(read(b""), Err(CacheError::Foreign)));
        let mut version = bytes.clone();
        version[8] = 99;
        assert!(matches!(read(&version), Err(CacheError::Version(_))));
        for cut in [13, 20, bytes.len() / 2, bytes.len() - 8, bytes.len() - 1] {
            assert!(read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Flipping any one byte after the header is caught, by the decoder or the checksum.
        for at in (12..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x55;
            match read(&bad) {
                Err(_) => {}
                Ok(f) => panic!("a flipped byte at {at} was trusted: {:?}", f.dataset.title),
            }
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(&longer).is_err());
    }
}
