#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer {

struct IndexStats {
    std::uint64_t places = 0;
    std::uint64_t keys = 0;
    std::uint64_t postings = 0;
    std::uint64_t bytes = 0;
};

// Compiles the places into one index file (detail/index_format.hpp): names
// normalised to keys on `threads` threads, postings of each key ranked by
// prior, an open-addressing hash over the keys. Written atomically: a failure
// leaves any previous index at `path` as it was. `meta` is stored as is and
// extended with counts.
IndexStats write_index(const PlaceTable& places, nlohmann::json meta, const std::string& path,
                       unsigned threads);

}  // namespace conflictmap::gazetteer
