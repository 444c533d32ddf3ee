#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gazetteer/index_writer.hpp"
#include "gazetteer/sources/geonames_dump.hpp"

namespace conflictmap::gazetteer {

struct BuildOptions {
    // Full GeoNames dumps (allCountries.txt ...) instead of the embedded cities500.
    std::optional<std::string> geonames_dir;
    sources::GeoNamesFilter geonames_filter;
    // The fetched npm packages (geodata/fetch); unused when use_sources is false.
    std::string sources_dir;
    bool use_sources = true;
    // Our curated tables; unused when use_curated is false.
    std::string curated_dir;
    bool use_curated = true;
    std::vector<std::string> extra_files;
    std::string output;
    unsigned threads = 1;
    // Called with one line per step, for progress on a terminal.
    std::function<void(const std::string&)> progress;
};

struct BuildReport {
    IndexStats stats;
    std::vector<std::string> warnings;
    double seconds = 0;
};

// Reads every source in order (GeoNames places, countries, Natural Earth
// admin-1, derived admin-2, curated tables, the user's places), links admin
// names, and writes the index atomically (docs/data.md says what each source
// gives and how conflicts are settled).
BuildReport build_gazetteer(const BuildOptions& options);

}  // namespace conflictmap::gazetteer
