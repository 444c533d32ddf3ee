#include "gazetteer/sources/natural_earth_admin1.hpp"

#include <charconv>
#include <set>

#include "geo/ogr_source.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::gazetteer::sources {

namespace {

// Words that name the kind of division, not the division.
const std::set<std::string> kGeneric = {
    "rayonu", "rayon", "province", "provincia", "oblast", "oblast'", "district", "region",
    "sahari", "state", "governorate", "muhafazat", "prefecture", "county", "department",
    "departement", "of", "the", "de", "del", "la", "respublika", "republic", "kray", "krai",
    "wilayat", "wilaya", "e", "city", "municipality", "okrugi", "okrug", "autonomous"};

std::set<std::string> tokens(text::Normalizer& n, std::string_view s) {
    std::set<std::string> out;
    const std::string key = n.key(s);
    std::size_t start = 0;
    while (start < key.size()) {
        std::size_t sp = key.find(' ', start);
        if (sp == std::string::npos) sp = key.size();
        std::string t = key.substr(start, sp - start);
        if (!kGeneric.count(t)) out.insert(std::move(t));
        start = sp + 1;
    }
    return out;
}

bool share_token(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const auto& t : a)
        if (b.count(t)) return true;
    return false;
}

std::int64_t to_int(const std::string& s) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

double to_double(const std::string& s, double fallback) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return (ec == std::errc() && ptr == s.data() + s.size()) ? v : fallback;
}

}  // namespace

std::size_t read_natural_earth_admin1(const std::string& path, PlaceTable& table,
                                      const std::unordered_map<std::string, std::string>& admin1_names) {
    text::Normalizer normalizer;
    std::size_t added = 0;
    geo::read_vector_features(
        path,
        [&](const geo::VectorFeature& f) {
            const std::string cc = f.field({"iso_a2"});
            if (cc.size() != 2 || cc == "-1") return;
            const std::string gn_a1 = f.field({"gn_a1_code"});
            std::string code;
            if (gn_a1.size() > 3 && gn_a1.compare(0, 3, cc + ".") == 0) code = gn_a1.substr(3);
            const std::int64_t gn_id = to_int(f.field({"gn_id"}));

            std::string ne_name = f.field({"name_en", "name"});
            const auto gn_it = admin1_names.find(gn_a1);
            const std::string gn_name = gn_it == admin1_names.end() ? "" : gn_it->second;

            // Natural Earth sometimes labels a division with a wrong name in
            // every language (AZ.64, the Khojaly district, is "Stepanakert",
            // the city beside it). When its names share no word with
            // GeoNames' name for the same code, GeoNames' name becomes the
            // main name and Natural Earth's count as alternates only.
            std::set<std::string> reference = tokens(normalizer, gn_name);
            for (const char* k : {"gn_name", "gns_name", "name_alt"}) {
                const std::string v = f.field({k});
                std::size_t start = 0;
                while (start <= v.size()) {
                    std::size_t bar = v.find('|', start);
                    if (bar == std::string::npos) bar = v.size();
                    for (auto& t : tokens(normalizer, v.substr(start, bar - start))) reference.insert(t);
                    start = bar + 1;
                }
            }
            const bool trusted =
                gn_name.empty() || share_token(tokens(normalizer, ne_name), reference) ||
                share_token(tokens(normalizer, f.field({"name"})), reference);

            Place* existing = gn_id > 0 ? table.find(gn_id) : nullptr;
            if (existing && existing->feature_class != 'A') existing = nullptr;
            Place fresh;
            Place& p = existing ? *existing : fresh;
            if (!existing) {
                p.id = gn_id > 0 && !table.find(gn_id)
                           ? gn_id
                           : table.own_id("ne-admin1:" + f.field({"adm1_code"}) + ":" +
                                          std::to_string(f.fid));
                p.name = trusted || gn_name.empty() ? ne_name : gn_name;
                if (p.name.empty()) p.name = gn_name.empty() ? f.field({"gn_name", "woe_name"}) : gn_name;
                if (p.name.empty()) return;
                p.feature_class = 'A';
                p.feature_code = "ADM1";
                p.country_code = cc;
                p.admin1_code = code;
                p.lat = to_double(f.field({"latitude"}), f.lat);
                p.lon = to_double(f.field({"longitude"}), f.lon);
                p.source = Source::NaturalEarth;
            }
            if (!p.bbox.valid()) p.bbox = f.bbox;
            const MatchKind ne_kind = trusted ? MatchKind::Name : MatchKind::Alternate;
            p.add_name(f.field({"name"}), trusted ? MatchKind::Name : classify_name(f.field({"name"})));
            p.add_name(f.field({"name_en"}), ne_kind);
            if (!gn_name.empty()) p.add_name(gn_name, MatchKind::Alternate);
            for (const auto& [k, v] : f.fields) {
                if (v.empty()) continue;
                if (k == "name_alt") {
                    std::size_t start = 0;
                    while (start <= v.size()) {
                        std::size_t bar = v.find('|', start);
                        if (bar == std::string::npos) bar = v.size();
                        const std::string n = v.substr(start, bar - start);
                        if (!n.empty()) p.add_name(n, classify_name(n));
                        start = bar + 1;
                    }
                } else if ((k.starts_with("name_") && k != "name_len" && k != "name_en") ||
                           k == "gn_name" || k == "gns_name" || k == "woe_name") {
                    p.add_name(v, classify_name(v));
                }
                // Not `postal` / `abbrev`: outside the US they are codes nobody
                // writes in prose ("US" for Uşak); our abbreviations table covers
                // the ones news uses.
            }
            if (!existing) {
                table.add(std::move(fresh));
                ++added;
            }
        },
        /*surface_points=*/false);
    return added;
}

}  // namespace conflictmap::gazetteer::sources
