#pragma once

#include <optional>
#include <string>
#include <vector>

namespace conflictmap::gazetteer {

// File name of the index inside a data directory.
inline constexpr const char* kIndexFileName = "gazetteer.cmg";
// Environment variable naming the index file or a directory holding it.
inline constexpr const char* kDataEnv = "CONFLICTMAP_DATA";

// The places the index is looked for, in order (docs/data.md):
//   1. the --gazetteer option (a file, or a directory holding gazetteer.cmg);
//   2. $CONFLICTMAP_DATA (same);
//   3. the build's data directory (build/data/gazetteer.cmg);
//   4. $XDG_DATA_HOME/conflictmap (default ~/.local/share/conflictmap);
//   5. /usr/local/share/conflictmap and /usr/share/conflictmap.
std::vector<std::string> index_search_path(const std::optional<std::string>& option);

// The first existing index on the search path; MissingDataError listing every
// place tried when there is none.
std::string locate_index(const std::optional<std::string>& option);

// Where `gazetteer build` writes when not told: the option, else
// $CONFLICTMAP_DATA, else the build's data directory.
std::string default_index_output(const std::optional<std::string>& option);

// Folder of the fetched npm source packages (geodata/fetch): --sources, else
// $CONFLICTMAP_SOURCES, else <build data dir>/sources.
std::string sources_dir(const std::optional<std::string>& option);

// Folder of our curated tables: --curated, else <source checkout>/geodata/curated.
std::string curated_dir(const std::optional<std::string>& option);

}  // namespace conflictmap::gazetteer
