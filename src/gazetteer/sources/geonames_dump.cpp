#include "gazetteer/sources/geonames_dump.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "io/line_reader.hpp"
#include "text/utf8.hpp"

namespace conflictmap::gazetteer::sources {

namespace {

// Checks the column count and the encoding of one line, with a message that
// says which file and line, and whether the file looks cut short.
void check_line(const io::LineReader& reader, std::string_view line,
                const std::vector<std::string_view>& fields, std::size_t expected) {
    if (fields.size() != expected) {
        std::string problem = "expected " + std::to_string(expected) + " tab-separated columns, found " +
                              std::to_string(fields.size());
        if (reader.missing_final_newline()) problem += " (the file ends mid-line: truncated?)";
        throw DataError(reader.path(), reader.line_number(), problem);
    }
    if (auto bad = text::find_invalid_utf8(line)) {
        throw DataError(reader.path(), reader.line_number(),
                        "invalid UTF-8 at byte " + std::to_string(*bad + 1) + " of the line");
    }
}

template <typename T>
T parse_number(const io::LineReader& reader, std::string_view s, const char* column) {
    T value{};
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        throw DataError(reader.path(), reader.line_number(),
                        std::string("column ") + column + ": '" + std::string(s) +
                            "' is not a number");
    }
    return value;
}

double parse_coordinate(const io::LineReader& reader, std::string_view s, const char* column,
                        double limit) {
    const double v = parse_number<double>(reader, s, column);
    if (!std::isfinite(v) || v < -limit || v > limit) {
        throw DataError(reader.path(), reader.line_number(),
                        std::string(column) + " " + std::string(s) + " is outside [-" +
                            std::to_string(static_cast<int>(limit)) + ", " +
                            std::to_string(static_cast<int>(limit)) + "]");
    }
    return v;
}

}  // namespace

std::size_t read_geoname_table(const std::string& path, PlaceTable& table,
                               const GeoNamesFilter& filter) {
    io::LineReader reader(path);
    std::vector<std::string_view> f;
    std::string_view line;
    std::size_t added = 0;
    while (reader.next(line)) {
        if (line.empty()) continue;
        io::split(line, '\t', f);
        check_line(reader, line, f, 19);
        const char fclass = f[6].empty() ? 0 : f[6][0];
        if (f[6].size() > 1)
            throw DataError(path, reader.line_number(), "feature class '" + std::string(f[6]) +
                                                            "' is not one letter");
        if (!filter.classes.empty() &&
            (fclass == 0 || filter.classes.find(fclass) == std::string::npos))
            continue;
        const auto population =
            f[14].empty() ? std::uint64_t{0} : parse_number<std::uint64_t>(reader, f[14], "population");
        if (fclass == 'P' && population < filter.min_population) continue;

        Place p;
        p.id = parse_number<std::int64_t>(reader, f[0], "geonameid");
        if (p.id <= 0 || p.id >= kOwnIdBase)
            throw DataError(path, reader.line_number(), "geonameid out of range");
        if (f[1].empty()) throw DataError(path, reader.line_number(), "empty name");
        p.name = std::string(f[1]);
        p.lat = parse_coordinate(reader, f[4], "latitude", 90);
        p.lon = parse_coordinate(reader, f[5], "longitude", 180);
        p.feature_class = fclass;
        p.feature_code = std::string(f[7]);
        p.country_code = std::string(f[8]);
        p.admin1_code = std::string(f[10]);
        p.admin2_code = std::string(f[11]);
        p.population = population;
        p.source = Source::GeoNames;
        p.add_name(std::string(f[2]), MatchKind::Name);
        std::string_view alts = f[3];
        while (!alts.empty()) {
            const std::size_t comma = alts.find(',');
            const std::string_view a = alts.substr(0, comma);
            // The alternatenames column mixes airport and station codes in
            // with names ("THE" for Teresina, "PAR" for Paris) and does not
            // say which is which: an all-capital short form is taken for a
            // code and skipped. Real abbreviations come from alternateNames'
            // "abbr" rows, the country tables and our abbreviations table.
            const MatchKind kind = a.empty() ? MatchKind::Alternate : classify_name(a);
            if (!a.empty() && kind != MatchKind::Abbreviation) p.add_name(std::string(a), kind);
            if (comma == std::string_view::npos) break;
            alts.remove_prefix(comma + 1);
        }
        // Later rows with the same id replace earlier ones (GeoNames' own files never repeat ids).
        table.add(std::move(p), /*replace=*/true);
        ++added;
    }
    return added;
}

std::unordered_map<std::string, std::string> read_admin_codes(const std::string& path) {
    io::LineReader reader(path);
    std::unordered_map<std::string, std::string> out;
    std::vector<std::string_view> f;
    std::string_view line;
    while (reader.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        io::split(line, '\t', f);
        check_line(reader, line, f, 4);
        if (f[0].empty() || f[1].empty())
            throw DataError(path, reader.line_number(), "empty code or name");
        out[std::string(f[0])] = std::string(f[1]);
    }
    return out;
}

std::vector<CountryInfo> read_country_info(const std::string& path) {
    io::LineReader reader(path);
    std::vector<CountryInfo> out;
    std::vector<std::string_view> f;
    std::string_view line;
    while (reader.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        io::split(line, '\t', f);
        check_line(reader, line, f, 19);
        CountryInfo c;
        c.iso2 = std::string(f[0]);
        if (c.iso2.size() != 2) throw DataError(path, reader.line_number(), "ISO code is not 2 letters");
        c.iso3 = std::string(f[1]);
        c.name = std::string(f[4]);
        c.capital = std::string(f[5]);
        if (!f[6].empty()) c.area_km2 = parse_number<double>(reader, f[6], "area");
        if (!f[7].empty()) c.population = parse_number<std::uint64_t>(reader, f[7], "population");
        c.continent = std::string(f[8]);
        if (!f[16].empty()) c.geonameid = parse_number<std::int64_t>(reader, f[16], "geonameid");
        out.push_back(std::move(c));
    }
    return out;
}

std::size_t read_alternate_names(const std::string& path, PlaceTable& table) {
    io::LineReader reader(path);
    std::vector<std::string_view> f;
    std::string_view line;
    std::size_t added = 0;
    while (reader.next(line)) {
        if (line.empty()) continue;
        io::split(line, '\t', f);
        // alternateNames.txt has 8 columns, alternateNamesV2.txt 10 (from, to).
        if (f.size() != 10 && f.size() != 8) check_line(reader, line, f, 10);
        check_line(reader, line, f, f.size());
        const auto id = parse_number<std::int64_t>(reader, f[1], "geonameid");
        Place* p = table.find(id);
        if (!p) continue;
        const std::string_view lang = f[2];
        // Not names: web links, postal codes, airport/station/UN codes, Wikidata ids, phonetics.
        if (lang == "link" || lang == "post" || lang == "iata" || lang == "icao" ||
            lang == "faac" || lang == "tcid" || lang == "unlc" || lang == "wkdt" ||
            lang == "phon" || lang == "piny" || lang == "fr_1793")
            continue;
        const std::string_view name = f[3];
        if (name.empty()) continue;
        MatchKind kind = classify_name(name);
        bool force = false;
        if (lang == "abbr") kind = MatchKind::Abbreviation, force = true;
        if (f[7] == "1") kind = MatchKind::Historic, force = true;
        p->add_name(std::string(name), kind, force);
        ++added;
    }
    return added;
}

}  // namespace conflictmap::gazetteer::sources
