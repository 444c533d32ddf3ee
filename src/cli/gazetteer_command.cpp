// `conflictmap gazetteer build | lookup | info`.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/feature_class.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/gazetteer_builder.hpp"
#include "text/normalizer.hpp"
#include "text/utf8.hpp"

namespace conflictmap::cli {

namespace {

using nlohmann::json;
namespace gz = conflictmap::gazetteer;

// The index keeps extents as floats (7 digits); print what they hold, not
// float noise (46.150001525878906).
double round5(double v) { return std::round(v * 1e5) / 1e5; }

json bbox_json(const gz::BoundingBox& b) {
    if (!b.valid()) return nullptr;
    return json::array({round5(b.west), round5(b.south), round5(b.east), round5(b.north)});
}

json split_names(std::string_view joined) {
    json out = json::array();
    while (!joined.empty()) {
        const std::size_t bar = joined.find('|');
        out.push_back(std::string(joined.substr(0, bar)));
        if (bar == std::string_view::npos) break;
        joined.remove_prefix(bar + 1);
    }
    return out;
}

json candidate_json(const gz::Candidate& c, bool all_names) {
    const gz::PlaceView& p = c.place;
    auto opt = [](std::string_view s) -> json { return s.empty() ? json(nullptr) : json(std::string(s)); };
    json j = {
        {"name", std::string(p.name)},
        {"lat", p.lat},
        {"lon", p.lon},
        {"geonameid", p.geonameid() ? json(*p.geonameid()) : json(nullptr)},
        {"id", p.id},
        {"feature_class", p.feature_class ? json(std::string(1, p.feature_class)) : json(nullptr)},
        {"feature_code", opt(p.feature_code)},
        {"country_code", opt(p.country_code)},
        {"admin1", opt(p.admin1_name)},
        {"admin1_code", opt(p.admin1_code)},
        {"admin2", opt(p.admin2_name)},
        {"population", p.population},
        {"bbox", bbox_json(p.bbox)},
        {"match", gz::to_string(c.match)},
        {"prior", std::round(c.score * 1000.0) / 1000.0},
        {"source", gz::to_string(p.source)},
    };
    if (all_names) {
        j["alternate_names"] = split_names(p.names);
        j["demonyms"] = split_names(p.demonyms);
    }
    return j;
}

void print_table(const std::vector<gz::Candidate>& cands) {
    std::printf("%-3s %-28s %-2s %-22s %-6s %12s %9s %10s %10s  %s\n", "#", "name", "cc", "admin1",
                "code", "population", "lat", "lon", "geonameid", "match");
    int rank = 0;
    for (const auto& c : cands) {
        const auto& p = c.place;
        const std::string gid = p.geonameid() ? std::to_string(*p.geonameid()) : "-";
        std::printf("%-3d %-28.*s %-2.*s %-22.*s %-6.*s %12llu %9.4f %10.4f %10s  %s\n", ++rank,
                    static_cast<int>(p.name.size()), p.name.data(),
                    static_cast<int>(p.country_code.size()), p.country_code.data(),
                    static_cast<int>(std::min<std::size_t>(p.admin1_name.size(), 22)), p.admin1_name.data(),
                    static_cast<int>(p.feature_code.size()), p.feature_code.data(),
                    static_cast<unsigned long long>(p.population), p.lat, p.lon, gid.c_str(),
                    gz::to_string(c.match));
    }
}

}  // namespace

void register_gazetteer_command(CLI::App& app, CommonOptions& common) {
    CLI::App* gaz = app.add_subcommand("gazetteer", "build, query and describe the gazetteer index");
    gaz->require_subcommand(1);
    gaz->fallthrough();

    // build
    struct BuildArgs {
        std::optional<std::string> geonames, sources, curated, output;
        std::vector<std::string> extra;
        std::string classes = "APHLTV";
        std::uint64_t min_population = 0;
        bool no_sources = false, no_curated = false;
        unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    };
    auto build = std::make_shared<BuildArgs>();
    CLI::App* b = gaz->add_subcommand(
        "build", "compile the gazetteer index from the pinned sources, GeoNames dumps and your own places");
    b->add_option("--geonames", build->geonames,
                  "folder of GeoNames dumps (allCountries.txt, alternateNamesV2.txt, "
                  "admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt) used instead of the "
                  "embedded cities500")
        ->type_name("DIR");
    b->add_option("--extra", build->extra,
                  "your own places: a TSV (name, lat, lon, alternate_names ...) or any vector file "
                  "GDAL reads; repeatable; they win ties with built-in places")
        ->type_name("FILE");
    b->add_option("-o,--output", build->output,
                  "index file to write (else $CONFLICTMAP_DATA, else build/data/gazetteer.cmg)")
        ->type_name("INDEX");
    b->add_option("--sources", build->sources,
                  "folder of the fetched npm packages (else $CONFLICTMAP_SOURCES, else build/data/sources)")
        ->type_name("DIR");
    b->add_option("--curated", build->curated, "folder of curated tables (else geodata/curated)")
        ->type_name("DIR");
    b->add_flag("--no-sources", build->no_sources,
                "do not read the npm packages (countries, Natural Earth admin-1, cities500)");
    b->add_flag("--no-curated", build->no_curated, "do not read the curated tables");
    b->add_option("--classes", build->classes,
                  "GeoNames feature classes to import from a dump")
        ->capture_default_str()
        ->type_name("LETTERS");
    b->add_option("--min-population", build->min_population,
                  "skip populated places smaller than this")
        ->capture_default_str();
    b->add_option("--threads", build->threads, "threads for name normalisation")
        ->capture_default_str();
    b->callback([build, &common] {
        gz::BuildOptions o;
        o.geonames_dir = build->geonames;
        o.geonames_filter = {build->classes, build->min_population};
        o.use_sources = !build->no_sources;
        o.sources_dir = gz::sources_dir(build->sources);
        o.use_curated = !build->no_curated;
        o.curated_dir = gz::curated_dir(build->curated);
        o.extra_files = build->extra;
        o.output = gz::default_index_output(build->output);
        o.threads = build->threads;
        o.progress = [&common](const std::string& s) { progress(common, s); };
        if (!build->geonames && !o.use_sources)
            throw Error("nothing to build from: give --geonames DIR or drop --no-sources");
        const auto report = gz::build_gazetteer(o);
        if (!common.quiet) {
            for (std::size_t i = 0; i < report.warnings.size() && i < 10; ++i)
                std::cerr << "warning: " << report.warnings[i] << '\n';
            if (report.warnings.size() > 10)
                std::cerr << "warning: ... and " << report.warnings.size() - 10 << " more\n";
            std::cerr << "wrote " << o.output << ": " << report.stats.places << " places, "
                      << report.stats.keys << " names, " << report.stats.bytes / (1024 * 1024)
                      << " MiB in " << std::round(report.seconds * 10) / 10 << " s\n";
        }
    });

    // lookup
    struct LookupArgs {
        std::string name;
        std::size_t limit = 10;
        std::string country;
        std::string format = "table";
        bool all_names = false;
    };
    auto lookup = std::make_shared<LookupArgs>();
    CLI::App* l = gaz->add_subcommand("lookup", "list the places a name may mean, most likely first");
    l->add_option("NAME", lookup->name, "a place name, in any script")->required();
    l->add_option("--limit", lookup->limit, "at most this many candidates")
        ->capture_default_str();
    l->add_option("--country", lookup->country, "only places in this country (ISO alpha-2)")
        ->type_name("CC");
    l->add_option("--format", lookup->format, "output format")
        ->capture_default_str()
        ->check(CLI::IsMember({"table", "json"}));
    l->add_flag("--all-names", lookup->all_names, "include alternate names and demonyms (json)");
    l->callback([lookup, &common] {
        if (auto bad = text::find_invalid_utf8(lookup->name))
            throw DataError("NAME", 0, "invalid UTF-8 at byte " + std::to_string(*bad + 1));
        const gz::Gazetteer g(gz::locate_index(common.gazetteer));
        text::Normalizer normalizer;
        gz::LookupOptions o;
        o.limit = lookup->limit;
        o.country = lookup->country;
        for (auto& ch : o.country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        const auto cands = g.lookup(lookup->name, o, normalizer);
        if (lookup->format == "json") {
            json out = json::array();
            for (const auto& c : cands) out.push_back(candidate_json(c, lookup->all_names));
            std::cout << out.dump() << '\n';
        } else {
            if (cands.empty()) {
                std::cerr << "no place named '" << lookup->name << "'\n";
                return;
            }
            print_table(cands);
        }
    });

    // info
    auto verify = std::make_shared<bool>(false);
    auto info_json = std::make_shared<bool>(false);
    CLI::App* i = gaz->add_subcommand("info", "describe the index: sources, versions, counts");
    i->add_flag("--verify", *verify, "also check the whole file's checksum");
    i->add_flag("--json", *info_json, "print the metadata as JSON");
    i->callback([verify, info_json, &common] {
        const gz::Gazetteer g(gz::locate_index(common.gazetteer));
        if (*verify) g.verify();
        json meta = g.metadata();
        meta["path"] = g.path();
        meta["file_bytes"] = g.file_size();
        if (*verify) meta["checksum"] = "ok";
        if (*info_json) {
            std::cout << meta.dump(2) << '\n';
            return;
        }
        std::cout << "index     " << g.path() << " (" << g.file_size() / (1024 * 1024) << " MiB, format "
                  << meta.value("format_version", 0) << ", built " << meta.value("built", "?")
                  << " by conflictmap " << meta.value("conflictmap_version", "?") << ")\n";
        if (*verify) std::cout << "checksum  ok\n";
        const json& counts = meta["counts"];
        std::cout << "places    " << counts.value("places", 0) << "\nnames     "
                  << counts.value("keys", 0) << " distinct keys, " << counts.value("postings", 0)
                  << " name-place links\n";
        std::cout << "sources\n";
        for (const auto& s : meta.value("sources", json::array())) {
            std::cout << "  " << s.value("package", "?");
            if (s.contains("version")) std::cout << "@" << s["version"].get<std::string>();
            if (s.contains("sha256")) std::cout << "  sha256:" << s["sha256"].get<std::string>().substr(0, 16) << "…";
            if (s.contains("path")) std::cout << "  " << s["path"].get<std::string>();
            if (s.contains("places")) std::cout << "  (" << s["places"] << " places)";
            std::cout << '\n';
        }
        std::cout << "by feature class\n";
        const json by_class = counts.value("by_feature_class", json::object());
        for (const auto& [k, v] : by_class.items())
            std::cout << "  " << k << "  " << v << "  " << gz::feature_class_label(k[0]) << '\n';
    });
}

}  // namespace conflictmap::cli
