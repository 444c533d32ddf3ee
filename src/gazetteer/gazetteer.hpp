#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/place.hpp"
#include "io/mapped_file.hpp"

namespace conflictmap::text {
class Normalizer;
}

namespace conflictmap::gazetteer {

// One place as stored in the index; its strings point into the mapped file
// and live as long as the Gazetteer.
struct PlaceView {
    std::uint32_t index = 0;  // position in the index (stable for one file)
    std::int64_t id = 0;
    std::string_view name;
    std::string_view names;     // other names, '|'-separated
    std::string_view demonyms;  // '|'-separated
    char feature_class = 0;
    std::string_view feature_code;
    std::string_view country_code;
    std::string_view admin1_code;
    std::string_view admin1_name;
    std::string_view admin2_code;
    std::string_view admin2_name;
    std::uint64_t population = 0;
    double lat = 0;
    double lon = 0;
    BoundingBox bbox;
    Source source = Source::GeoNames;
    float prior = 0;

    std::optional<std::int64_t> geonameid() const {
        return is_geonames_id(id) ? std::optional<std::int64_t>(id) : std::nullopt;
    }
};

struct Candidate {
    PlaceView place;
    MatchKind match = MatchKind::Name;
    float score = 0;  // prior less the penalty of the kind of name (log10 scale)
};

struct LookupOptions {
    std::size_t limit = 10;
    std::string country;  // ISO alpha-2; empty = any
};

// The compiled gazetteer, memory-mapped. Opening checks the header (magic,
// version, header checksum, size, section bounds) and nothing else, so it
// costs microseconds; verify() checks the body's checksum too. Thread-safe
// for concurrent lookups (read-only).
class Gazetteer {
public:
    explicit Gazetteer(const std::string& path);

    // Candidates for a name as a user typed it, best first.
    std::vector<Candidate> lookup(std::string_view name, const LookupOptions& options,
                                  text::Normalizer& normalizer) const;

    // The postings of a normalised key (empty when absent): the hot path of
    // the recognizer, with no allocation.
    std::span<const detail::PostingRecord> find_key(std::string_view key) const;

    PlaceView place(std::uint32_t index) const;
    // The raw records, in index order: a scan that needs only coordinates,
    // population and feature codes (the map's towns) skips the strings.
    std::span<const detail::PlaceRecord> records() const { return {m_places, m_header->place_count}; }
    std::optional<PlaceView> find_id(std::int64_t id) const;
    std::size_t place_count() const { return m_header->place_count; }
    std::size_t key_count() const { return m_header->key_count; }
    std::size_t file_size() const { return m_file.size(); }
    const std::string& path() const { return m_file.path(); }
    nlohmann::json metadata() const;

    // Recomputes the body checksum; throws DataError on mismatch.
    void verify() const;

private:
    std::string_view string_at(std::uint32_t offset) const;
    io::MappedFile m_file;
    const detail::FileHeader* m_header = nullptr;
    const char* m_strings = nullptr;
    std::size_t m_strings_size = 0;
    const detail::PlaceRecord* m_places = nullptr;
    const char* m_key_bytes = nullptr;
    const detail::KeyRecord* m_keys = nullptr;
    const detail::PostingRecord* m_postings = nullptr;
    const std::uint64_t* m_slots = nullptr;
};

}  // namespace conflictmap::gazetteer
