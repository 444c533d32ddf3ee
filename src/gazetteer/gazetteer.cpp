#include "gazetteer/gazetteer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/error.hpp"
#include "gazetteer/prior.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::gazetteer {

using namespace detail;

Gazetteer::Gazetteer(const std::string& path) : m_file(path) {
    const auto bad = [&](const std::string& problem) {
        return DataError(path, 0,
                         problem + " (rebuild it with `conflictmap gazetteer build`)");
    };
    if (m_file.size() < sizeof(FileHeader)) throw bad("not a conflictmap gazetteer index: too short");
    m_header = reinterpret_cast<const FileHeader*>(m_file.data());
    if (std::memcmp(m_header->magic, kMagic, sizeof kMagic) != 0)
        throw bad("not a conflictmap gazetteer index (bad magic)");
    if (m_header->format_version != kFormatVersion)
        throw bad("index format version " + std::to_string(m_header->format_version) +
                  ", this build reads version " + std::to_string(kFormatVersion));
    FileHeader copy = *m_header;
    copy.header_crc32 = 0;
    if (crc32_z(0, reinterpret_cast<const Bytef*>(&copy), sizeof copy) != m_header->header_crc32)
        throw bad("header checksum mismatch: the file is damaged");
    if (m_header->file_size != m_file.size())
        throw bad("size is " + std::to_string(m_file.size()) + " bytes, header says " +
                  std::to_string(m_header->file_size) + ": the file is truncated or damaged");
    for (std::uint32_t s = 0; s < kSectionCount; ++s) {
        const SectionRef& r = m_header->sections[s];
        if (r.offset < sizeof(FileHeader) || r.offset > m_file.size() ||
            r.size > m_file.size() - r.offset || r.offset % 8 != 0)
            throw bad("section " + std::to_string(s) + " out of bounds");
    }
    const auto& sec = m_header->sections;
    const auto need = [&](SectionId id, std::uint64_t bytes) {
        if (sec[id].size != bytes) throw bad("section " + std::to_string(id) + " has the wrong size");
    };
    need(kPlaces, m_header->place_count * sizeof(PlaceRecord));
    need(kKeys, (m_header->key_count + 1) * sizeof(KeyRecord));
    need(kPostings, m_header->posting_count * sizeof(PostingRecord));
    need(kHashSlots, m_header->hash_slot_count * sizeof(std::uint64_t));
    if (m_header->hash_slot_count == 0 ||
        (m_header->hash_slot_count & (m_header->hash_slot_count - 1)) != 0)
        throw bad("hash table size is not a power of two");
    if (sec[kStrings].size == 0 || m_file.data()[sec[kStrings].offset + sec[kStrings].size - 1] != '\0')
        throw bad("string section is not terminated");

    const char* base = m_file.data();
    m_strings = base + sec[kStrings].offset;
    m_strings_size = sec[kStrings].size;
    m_places = reinterpret_cast<const PlaceRecord*>(base + sec[kPlaces].offset);
    m_key_bytes = base + sec[kKeyBytes].offset;
    m_keys = reinterpret_cast<const KeyRecord*>(base + sec[kKeys].offset);
    m_postings = reinterpret_cast<const PostingRecord*>(base + sec[kPostings].offset);
    m_slots = reinterpret_cast<const std::uint64_t*>(base + sec[kHashSlots].offset);
}

void Gazetteer::verify() const {
    const std::size_t body = sizeof(FileHeader);
    const auto crc = crc32_z(0, reinterpret_cast<const Bytef*>(m_file.data() + body),
                             m_file.size() - body);
    if (crc != m_header->body_crc32)
        throw DataError(m_file.path(), 0, "checksum mismatch: the index is damaged; rebuild it");
}

std::string_view Gazetteer::string_at(std::uint32_t offset) const {
    if (offset >= m_strings_size) return {};
    return std::string_view(m_strings + offset);
}

std::span<const PostingRecord> Gazetteer::find_key(std::string_view key) const {
    const std::uint64_t mask = m_header->hash_slot_count - 1;
    const std::uint64_t h = hash_key(key.data(), key.size());
    const std::uint64_t fragment = h & 0xFFFFFFFF00000000ull;
    std::uint64_t s = h & mask;
    for (;;) {
        const std::uint64_t entry = m_slots[s];
        if (entry == 0) return {};
        if ((entry & 0xFFFFFFFF00000000ull) != fragment) {
            s = (s + 1) & mask;
            continue;
        }
        const auto slot = static_cast<std::uint32_t>(entry);
        const KeyRecord& k = m_keys[slot - 1];
        const char* kb = m_key_bytes + k.bytes;
        if (static_cast<unsigned char>(kb[0]) == key.size() &&
            std::memcmp(kb + 1, key.data(), key.size()) == 0) {
            const KeyRecord& next = m_keys[slot];
            return {m_postings + k.first_posting, m_postings + next.first_posting};
        }
        s = (s + 1) & mask;
    }
}

PlaceView Gazetteer::place(std::uint32_t index) const {
    const PlaceRecord& r = m_places[index];
    PlaceView v;
    v.index = index;
    v.id = r.id;
    v.name = string_at(r.name);
    v.names = string_at(r.names);
    v.demonyms = string_at(r.demonyms);
    v.feature_class = r.feature_class;
    v.feature_code = std::string_view(r.feature_code, strnlen(r.feature_code, sizeof r.feature_code));
    v.country_code = r.country_code[0] ? std::string_view(r.country_code, 2) : std::string_view();
    v.admin1_code = string_at(r.admin1_code);
    v.admin1_name = string_at(r.admin1_name);
    v.admin2_code = string_at(r.admin2_code);
    v.admin2_name = string_at(r.admin2_name);
    v.population = r.population;
    v.lat = r.lat;
    v.lon = r.lon;
    if (!std::isnan(r.west)) v.bbox = {r.west, r.south, r.east, r.north};
    v.source = static_cast<Source>(r.source);
    v.prior = r.prior;
    return v;
}

std::optional<PlaceView> Gazetteer::find_id(std::int64_t id) const {
    const PlaceRecord* end = m_places + m_header->place_count;
    const PlaceRecord* it = std::lower_bound(
        m_places, end, id, [](const PlaceRecord& r, std::int64_t v) { return r.id < v; });
    if (it == end || it->id != id) return std::nullopt;
    return place(static_cast<std::uint32_t>(it - m_places));
}

std::vector<Candidate> Gazetteer::lookup(std::string_view name, const LookupOptions& options,
                                         text::Normalizer& normalizer) const {
    std::vector<Candidate> out;
    const std::string key = normalizer.key(name);
    if (key.empty()) return out;
    for (const PostingRecord& p : find_key(key)) {
        if (out.size() >= options.limit) break;
        PlaceView v = place(p.place);
        if (!options.country.empty() && v.country_code != options.country) continue;
        const auto kind = static_cast<MatchKind>(p.kind);
        out.push_back({v, kind, v.prior - match_penalty(kind)});
    }
    return out;
}

nlohmann::json Gazetteer::metadata() const {
    const auto& s = m_header->sections[kMeta];
    return nlohmann::json::parse(m_file.data() + s.offset, m_file.data() + s.offset + s.size);
}

}  // namespace conflictmap::gazetteer
