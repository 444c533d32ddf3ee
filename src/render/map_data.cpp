#include "render/map_data.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geo/ogr_source.hpp"
#include "io/document.hpp"
#include "io/read_file.hpp"
#include "events/event_extractor.hpp"
#include "resolve/geocoder.hpp"
#include "text/utf8.hpp"

namespace conflictmap::render {

namespace {

using nlohmann::json;

// A map feature at a gazetteer place: where it is and what it is called.
MapFeature feature_at(const gazetteer::PlaceView& p) {
    MapFeature f;
    f.lon = p.lon;
    f.lat = p.lat;
    f.name = std::string(p.name);
    f.id = p.id;
    f.country_code = std::string(p.country_code);
    return f;
}


std::string display(const std::string& path) {
    return path == "-" ? "stdin" : path;
}

std::string lower_ext(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

// How a mention is drawn, from its feature class and code and PLOVER resolution.
FeatureKind classify(char feature_class, std::string_view code, int resolution, bool demonym) {
    if (feature_class == 'A' && code.starts_with("PCL")) return FeatureKind::Country;
    if (demonym && resolution <= 1) return FeatureKind::Country;
    if (feature_class == 'H') return FeatureKind::Water;
    if (resolution >= 1 && resolution <= 2) return FeatureKind::Region;
    if (feature_class == 'L' || feature_class == 'T') return FeatureKind::Region;
    return FeatureKind::Place;
}

// Merges mentions of one place; the label is the spelling the input uses
// most (an article's "Stepanakert" rather than GeoNames' "Xankandi").
class Aggregator {
  public:
    explicit Aggregator(MapData& data) : m_data(data) {}

    void add(MapFeature f, const std::string& spelling) {
        if (!std::isfinite(f.lon) || !std::isfinite(f.lat) || std::abs(f.lat) > 90) return;
        if (f.kind == FeatureKind::Country && !f.country_code.empty())
            m_data.countries.insert(f.country_code);
        char key_buf[96];
        std::snprintf(key_buf, sizeof key_buf, "|%d|%.5f|%.5f", static_cast<int>(f.kind), f.lon,
                      f.lat);
        const std::string key = f.id != 0 ? "id" + std::to_string(f.id) + "|" + f.event_type
                                          : f.name + "|" + f.event_type + key_buf;
        auto [it, fresh] = m_index.try_emplace(key, m_data.features.size());
        if (fresh) {
            m_data.features.push_back(f);
            m_spellings.emplace_back();
        } else {
            m_data.features[it->second].count += f.count;
        }
        if (!spelling.empty()) m_spellings[it->second][spelling] += f.count;
    }

    void finish() {
        for (std::size_t i = 0; i < m_data.features.size(); ++i) {
            const auto& s = m_spellings[i];
            if (s.empty()) continue;
            const auto best =
                std::max_element(s.begin(), s.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
            m_data.features[i].name = best->first;
        }
    }

  private:
    MapData& m_data;
    std::map<std::string, std::size_t> m_index;
    std::vector<std::map<std::string, int>> m_spellings;
};

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    return it->dump();
}

double num(const json& j, const char* key, double fallback = NAN) {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (it->is_number()) return it->get<double>();
    if (it->is_string()) {
        try {
            return std::stod(it->get<std::string>());
        } catch (...) {
            return fallback;
        }
    }
    return fallback;
}

// A place object of geocode output (a toponym, or an event's location).
void add_place_json(Aggregator& agg, const json& t, const std::string& event_type) {
    if (!t.is_object()) return;
    const double lat = num(t, "lat"), lon = num(t, "lon");
    if (std::isnan(lat) || std::isnan(lon)) return;  // unresolved
    MapFeature f;
    f.lon = lon;
    f.lat = lat;
    f.name = str(t, "name");
    f.country_code = str(t, "country_code");
    // Numbers from outside are checked before they become integers.
    const double id = num(t, "id", num(t, "geonameid", 0));
    f.id = std::isfinite(id) && std::abs(id) < 9e15 ? static_cast<std::int64_t>(id) : 0;
    const std::string fc = str(t, "feature_class");
    const double res = num(t, "resolution", 0);
    const int resolution = std::isfinite(res) && std::abs(res) < 100 ? static_cast<int>(res) : 0;
    const bool demonym = str(t, "kind") == "demonym";
    if (!event_type.empty()) {
        f.kind = FeatureKind::Event;
        f.event_type = event_type;
    } else {
        f.kind = classify(fc.empty() ? 0 : fc[0], str(t, "feature_code"), resolution, demonym);
    }
    agg.add(f, demonym ? std::string() : str(t, "text"));
}

// The first line of a plain-text article when it reads like a headline.
std::string headline(const std::string& text) {
    const std::size_t nl = text.find('\n');
    const std::string first = text.substr(0, nl);
    if (first.empty() || first.size() > 160) return {};
    if (nl == std::string::npos || nl + 1 >= text.size() || text[nl + 1] == '\n' ||
        text[nl + 1] == '\r')
        return first;
    return {};
}

class Loader {
  public:
    Loader(MapData& data, const std::function<const gazetteer::Gazetteer&()>& gaz)
        : m_data(data), m_agg(data), m_gazetteer(gaz) {}

    void article(const io::Document& doc) {
        if (const auto bad = text::find_invalid_utf8(doc.text))
            throw DataError(
                doc.source, doc.line,
                "document '" + doc.id + "': invalid UTF-8 at byte " + std::to_string(*bad));
        ++m_data.documents;
        m_data.titles.push_back(doc.title.empty() ? doc.id : doc.title);
        if (!doc.date.empty()) m_data.dates.push_back(doc.date);
        if (!m_geocoder) {
            const auto& g = m_gazetteer();
            m_geocoder = std::make_unique<resolve::Geocoder>(g, resolve::GeocodeOptions{});
            m_events = std::make_unique<events::EventExtractor>(g);
            m_data.used_gazetteer = true;
        }
        const auto resolved = m_geocoder->run(doc);
        // The events the article reports, drawn by type at their places
        // (ACLED coding, as `conflictmap events` does).
        for (const auto& e : m_events->run(doc, resolved)) {
            if (!e.location) continue;
            MapFeature f = feature_at(e.location->place);
            f.kind = FeatureKind::Event;
            f.event_type = e.event_type;
            m_agg.add(f, e.location->mention ? e.location->mention->text : std::string());
            if (e.date) m_data.dates.push_back(e.date->iso());
        }
        for (const auto& r : resolved) {
            if (!r.place) continue;
            const auto& p = *r.place;
            MapFeature f = feature_at(p);
            f.kind = classify(p.feature_class, p.feature_code, r.resolution, r.mention.demonym);
            const std::string surface =
                r.mention.demonym
                    ? std::string()
                    : doc.text.substr(r.mention.begin, r.mention.end - r.mention.begin);
            m_agg.add(f, surface);
        }
    }

    void geocode_line(const json& j) {
        ++m_data.documents;
        const std::string title = str(j, "title");
        m_data.titles.push_back(title.empty() ? str(j, "id") : title);
        if (const std::string d = str(j, "date"); !d.empty()) m_data.dates.push_back(d);
        m_data.used_gazetteer = true;
        if (auto t = j.find("toponyms"); t != j.end() && t->is_array())
            for (const auto& m : *t) add_place_json(m_agg, m, "");
        if (auto e = j.find("events"); e != j.end() && e->is_array()) {
            for (const auto& ev : *e) {
                if (!ev.is_object()) continue;
                const std::string type = str(ev, "event_type");
                if (auto loc = ev.find("location"); loc != ev.end())
                    add_place_json(m_agg, *loc, type.empty() ? "other" : type);
                if (const std::string d = str(ev, "date"); !d.empty()) m_data.dates.push_back(d);
            }
        }
    }

    void jsonl(const std::string& name, const std::string& content) {
        std::size_t pos = 0, line = 0;
        while (pos < content.size()) {
            std::size_t end = content.find('\n', pos);
            if (end == std::string::npos) end = content.size();
            std::string_view l(content.data() + pos, end - pos);
            pos = end + 1;
            ++line;
            while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back())))
                l.remove_suffix(1);
            if (l.empty()) continue;
            json j = json::parse(l, nullptr, false);
            if (j.is_discarded() || !j.is_object())
                throw DataError(name, line, "not a JSON object (expected one document per line)");
            if (j.contains("toponyms") || j.contains("events")) {
                geocode_line(j);
            } else if (auto t = j.find("text"); t != j.end() && t->is_string()) {
                io::Document doc;
                doc.text = t->get<std::string>();
                doc.id = str(j, "id");
                if (doc.id.empty()) doc.id = std::to_string(line);
                doc.title = str(j, "title");
                doc.date = str(j, "date");
                doc.source = name;
                doc.line = line;
                article(doc);
            } else {
                throw DataError(name, line,
                                "neither an article (\"text\") nor geocode output (\"toponyms\")");
            }
        }
    }

    void vector_file(const std::string& path) {
        m_data.files.push_back(std::filesystem::path(path).filename().string());
        geo::read_vector_features(path, [&](const geo::VectorFeature& v) {
            if (!v.has_point) return;
            MapFeature f;
            f.lon = v.lon;
            f.lat = v.lat;
            f.name = v.field({"label", "name", "text", "title", "location", "place"});
            f.country_code = v.field({"country_code", "iso_a2", "country"});
            const std::string type = v.field({"event_type"});
            const std::string count = v.field({"count", "mentions", "events", "n"});
            if (!count.empty()) {
                try {
                    // At most a million a point: sums of counts stay far from int's limit.
                    const double c = std::stod(count);
                    if (std::isfinite(c)) f.count = static_cast<int>(std::clamp(std::round(c), 1.0, 1e6));
                } catch (...) {
                }
            }
            const std::string id = v.field({"id", "geonameid"});
            try {
                f.id = id.empty() ? 0 : std::stoll(id);
            } catch (...) {
                f.id = 0;
            }
            if (std::string d = v.field({"date", "event_date"}); !d.empty()) {
                // GDAL writes dates it recognised as YYYY/MM/DD.
                std::replace(d.begin(), d.end(), '/', '-');
                m_data.dates.push_back(d);
            }
            if (!type.empty()) {
                f.kind = FeatureKind::Event;
                f.event_type = type;
            } else {
                const std::string fc = v.field({"feature_class"});
                const std::string res = v.field({"resolution"});
                int resolution = 0;
                try {
                    resolution = res.empty() ? 0 : std::stoi(res);
                } catch (...) {
                }
                f.kind = classify(fc.empty() ? 0 : fc[0], v.field({"feature_code"}), resolution,
                                  v.field({"kind"}) == "demonym");
            }
            // Mentions of one place in geocode GeoJSON share its id.
            m_agg.add(f, v.field({"text"}));
        });
    }

    void finish() { m_agg.finish(); }

  private:
    MapData& m_data;
    Aggregator m_agg;
    const std::function<const gazetteer::Gazetteer&()>& m_gazetteer;
    std::unique_ptr<resolve::Geocoder> m_geocoder;
    std::unique_ptr<events::EventExtractor> m_events;
};

bool looks_like_geojson(std::string_view content) {
    const auto head = content.substr(0, 4096);
    return head.find("\"FeatureCollection\"") != std::string_view::npos ||
           head.find("\"Feature\"") != std::string_view::npos ||
           head.find("\"Topology\"") != std::string_view::npos;
}

}  // namespace

MapData load_map_data(const std::vector<std::string>& inputs, const InputOptions& options,
                      const std::function<const gazetteer::Gazetteer&()>& gazetteer) {
    MapData data;
    Loader loader(data, gazetteer);
    std::vector<std::string> files = inputs;
    if (files.empty()) files.push_back("-");
    for (const auto& path : files) {
        const std::string ext = path == "-" ? "" : lower_ext(path);
        std::string format = options.format;
        if (format == "auto") {
            if (ext == ".jsonl" || ext == ".ndjson") {
                format = "jsonl";
            } else if (ext == ".txt" || ext == ".text" || ext == ".md" || ext.empty()) {
                format = "sniff";
            } else if (ext == ".json" || ext == ".geojson") {
                format = "sniff";
            } else {
                format = "vector";
            }
        }
        if (format == "vector") {
            if (path == "-")
                throw Error("a vector file cannot be read from standard input: name the file");
            std::error_code ec;
            if (!std::filesystem::exists(path, ec))
                throw MissingDataError("no such input file: " + path);
            loader.vector_file(path);
            continue;
        }
        const std::string content = io::read_file(path);
        if (format == "sniff") {
            const auto first = content.find_first_not_of(" \t\r\n");
            const bool json_ext = ext == ".json" || ext == ".geojson";
            if (first != std::string::npos && content[first] == '{') {
                format = looks_like_geojson(content) ? "vector" : "jsonl";
            } else {
                // A .json that is not a JSON object is GDAL's to judge (it says what is wrong).
                format = json_ext ? "vector" : "text";
            }
            if (format == "vector") {
                if (path == "-")
                    throw Error("GeoJSON cannot be read from standard input: name the file");
                loader.vector_file(path);
                continue;
            }
        }
        if (format == "jsonl") {
            loader.jsonl(display(path), content);
        } else {
            io::Document doc;
            doc.text = content;
            doc.id = path == "-" ? "stdin" : std::filesystem::path(path).filename().string();
            doc.title = headline(content);
            doc.source = display(path);
            loader.article(doc);
        }
    }
    loader.finish();
    std::sort(data.dates.begin(), data.dates.end());
    data.dates.erase(std::unique(data.dates.begin(), data.dates.end()), data.dates.end());
    return data;
}

}  // namespace conflictmap::render
