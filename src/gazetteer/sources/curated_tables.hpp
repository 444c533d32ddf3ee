#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer::sources {

// Our own tables under geodata/curated (docs/data.md): places the other
// sources lack (continents, macro-regions, conflict regions, seas, rivers,
// ranges), and names that point at places of any source (abbreviations,
// regional demonyms).

// Reads one place table; returns key -> id of the places added.
std::unordered_map<std::string, std::int64_t> read_curated_places(const std::string& path,
                                                                  PlaceTable& table);

// A name that stands for a place named by a target: `country:CC`,
// `admin1:CC.CODE`, `curated:KEY` or `name:CC:Exact Name`.
struct NameLink {
    std::string text;
    std::string target;
    std::string file;
    std::uint64_t line = 0;
};

// Reads abbreviations.tsv (column `abbreviation`) or demonyms.tsv (`demonym`).
std::vector<NameLink> read_name_links(const std::string& path, const char* name_column);

// Attaches each link's text to its target place with `kind`. Targets that are
// not in this gazetteer (a test build from a small dump) are reported in
// `warnings`, not errors; a malformed target is a DataError.
void apply_name_links(const std::vector<NameLink>& links, MatchKind kind, PlaceTable& table,
                      const std::unordered_map<std::string, std::int64_t>& curated_ids,
                      std::vector<std::string>& warnings);

}  // namespace conflictmap::gazetteer::sources
