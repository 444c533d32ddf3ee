#pragma once

// On-disk layout of the compiled gazetteer index (docs/design.md). Little-
// endian, every section 8-byte aligned, so the file is used in place through
// mmap: opening it reads the header only, and a lookup touches a few pages.

#include <cstdint>

namespace conflictmap::gazetteer::detail {

// PNG-style magic: the CR/LF/EOF bytes catch a file mangled by text-mode copies.
inline constexpr char kMagic[8] = {'C', 'M', 'G', 'A', 'Z', '\r', '\n', '\x1a'};
// Bump on any change to the structs below; readers refuse other versions.
inline constexpr std::uint32_t kFormatVersion = 2;

enum SectionId : std::uint32_t {
    kStrings = 0,  // NUL-terminated UTF-8 strings; offset 0 is ""
    kPlaces,       // PlaceRecord[place_count], sorted by id
    kKeyBytes,     // per key: u8 length, then the normalised key bytes
    kKeys,         // KeyRecord[key_count + 1] (the last is a sentinel)
    kPostings,     // PostingRecord[posting_count], grouped by key, best first
    kHashSlots,    // u64[hash_slot_count]: high 32 bits of the key's hash, low: key index + 1; 0 = empty
    kMeta,         // JSON: sources, versions, counts, build options
    kSectionCount
};

struct SectionRef {
    std::uint64_t offset;
    std::uint64_t size;
};

struct FileHeader {
    char magic[8];
    std::uint32_t format_version;
    std::uint32_t header_size;
    std::uint64_t file_size;
    std::uint64_t place_count;
    std::uint64_t key_count;
    std::uint64_t posting_count;
    std::uint64_t hash_slot_count;  // a power of two
    SectionRef sections[kSectionCount];
    std::uint32_t body_crc32;    // CRC-32 of every byte after the header
    std::uint32_t header_crc32;  // CRC-32 of this header with this field zero
};

struct PlaceRecord {
    std::int64_t id;
    double lat;
    double lon;
    float west, south, east, north;  // NaN when the place is a point
    std::uint64_t population;
    float prior;
    std::uint32_t name;  // string offsets
    std::uint32_t names;     // other names joined by '|'
    std::uint32_t demonyms;  // joined by '|'
    std::uint32_t admin1_code;
    std::uint32_t admin1_name;
    std::uint32_t admin2_code;
    std::uint32_t admin2_name;
    char feature_class;
    std::uint8_t source;
    char country_code[2];
    char feature_code[8];  // NUL-padded
    std::uint32_t reserved;
};
static_assert(sizeof(PlaceRecord) == 96);

struct KeyRecord {
    std::uint32_t bytes;          // offset into kKeyBytes
    std::uint32_t first_posting;  // postings of key i: [first(i), first(i + 1))
};

struct PostingRecord {
    std::uint32_t place;  // index into kPlaces
    std::uint8_t kind;    // MatchKind
    std::uint8_t user;    // 1 when the place is a user's (ranked first)
    std::uint16_t reserved;
};
static_assert(sizeof(PostingRecord) == 8);

// FNV-1a, 64 bit: short keys (median 9 bytes) make it faster than the
// heavier hashes, and the table is rebuilt with every index.
inline std::uint64_t hash_key(const char* data, std::size_t size) {
    std::uint64_t h = 14695981039346656037ull;
    for (std::size_t i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace conflictmap::gazetteer::detail
