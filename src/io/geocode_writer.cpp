#include "io/geocode_writer.hpp"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "geo/vector_writer.hpp"
#include "io/place_json.hpp"
#include "text/utf8.hpp"

namespace conflictmap::io {

namespace {

using nlohmann::json;
using resolve::ResolvedMention;

class JsonlWriter : public GeocodeWriter {
public:
    explicit JsonlWriter(Sink sink) : m_sink(std::move(sink)) {}
    void write(const Document& doc, const std::vector<ResolvedMention>& mentions) override {
        m_sink(format(doc, mentions));
    }
    bool per_document() const override { return true; }
    std::string format(const Document& doc, const std::vector<ResolvedMention>& mentions) const override {
        json tops = json::array();
        for (const auto& r : mentions) tops.push_back(mention_json(doc, r));
        json j = {{"id", doc.id}, {"toponyms", tops}, {"countries", countries_json(mentions)}};
        std::string line = j.dump(-1, ' ', false, json::error_handler_t::replace);
        line.push_back('\n');
        return line;
    }
    void emit(std::string_view text) override { m_sink(text); }

private:
    Sink m_sink;
};

class GeoJsonWriter : public GeocodeWriter {
public:
    GeoJsonWriter(Sink sink, bool group) : m_sink(std::move(sink)), m_group(group) {
        m_sink("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }
    void write(const Document& doc, const std::vector<ResolvedMention>& mentions) override {
        for (const auto& r : mentions) {
            if (!r.place) continue;
            json props = mention_json(doc, r);
            props["doc_id"] = doc.id;
            if (m_group) {
                auto& g = m_places[r.place->id];
                if (g.is_null()) {
                    props.erase("start");
                    props.erase("end");
                    props.erase("text");
                    props["mentions"] = 0;
                    props["doc_ids"] = json::array();
                    g = props;
                }
                g["mentions"] = g["mentions"].get<int>() + 1;
                if (g["doc_ids"].empty() || g["doc_ids"].back() != doc.id) g["doc_ids"].push_back(doc.id);
                continue;
            }
            emit(props);
        }
    }
    void finish() override {
        for (auto& [id, props] : m_places) emit(props);
        m_sink("\n]}\n");
    }

private:
    void emit(const json& props) {
        json f = {{"type", "Feature"},
                  {"geometry", {{"type", "Point"}, {"coordinates", {props["lon"], props["lat"]}}}},
                  {"properties", props}};
        if (m_count++) m_sink(",\n");
        m_sink(f.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    Sink m_sink;
    bool m_group;
    std::size_t m_count = 0;
    std::map<std::int64_t, json> m_places;
};

class CsvWriter : public GeocodeWriter {
public:
    explicit CsvWriter(Sink sink) : m_sink(std::move(sink)) {
        std::string header;
        for (const char* c : kColumns) header += std::string(header.empty() ? "" : ",") + c;
        m_sink(header + "\n");
    }
    void write(const Document& doc, const std::vector<ResolvedMention>& mentions) override {
        m_sink(format(doc, mentions));
    }
    bool per_document() const override { return true; }
    std::string format(const Document& doc, const std::vector<ResolvedMention>& mentions) const override {
        std::string out;
        for (const auto& r : mentions) {
            json j = mention_json(doc, r);
            j["doc_id"] = doc.id;
            std::string row;
            for (const char* c : kColumns) {
                if (!row.empty()) row += ',';
                row += csv_field(csv_scalar(j.value(c, json(nullptr))));
            }
            out += row + "\n";
        }
        return out;
    }
    void emit(std::string_view text) override { m_sink(text); }

private:
    static constexpr const char* kColumns[] = {
        "doc_id", "start", "end", "text", "kind", "name", "lat", "lon", "geonameid", "feature_class",
        "feature_code", "country_code", "admin1", "population", "score", "resolution"};
    Sink m_sink;
};

// Pads to `width` characters (code points, not bytes: "Şuşa" is 4 wide).
std::string padded(std::string_view s, std::size_t width) {
    std::string out(s);
    for (std::size_t n = text::code_point_count(s); n < width; ++n) out.push_back(' ');
    return out;
}

class TableWriter : public GeocodeWriter {
public:
    explicit TableWriter(Sink sink) : m_sink(std::move(sink)) {}
    void write(const Document& doc, const std::vector<ResolvedMention>& mentions) override {
        char buf[512];
        std::snprintf(buf, sizeof buf, "# %s: %zu place mentions\n", doc.id.c_str(), mentions.size());
        m_sink(buf);
        for (const auto& r : mentions) {
            const std::string surface = doc.text.substr(r.mention.begin, r.mention.end - r.mention.begin);
            if (!r.place) {
                std::snprintf(buf, sizeof buf, "%s  (unresolved)\n", padded(surface, 24).c_str());
            } else {
                const auto& p = *r.place;
                std::snprintf(buf, sizeof buf, "%s -> %s %2.*s %9.4f %10.4f  %-5.*s %s%s\n",
                              padded(surface, 24).c_str(), padded(p.name, 24).c_str(),
                              static_cast<int>(p.country_code.size()), p.country_code.data(), p.lat,
                              p.lon, static_cast<int>(p.feature_code.size()), p.feature_code.data(),
                              r.mention.demonym ? "demonym " : "",
                              p.geonameid() ? ("geonames:" + std::to_string(*p.geonameid())).c_str() : "");
            }
            m_sink(buf);
        }
    }

private:
    Sink m_sink;
};

class OgrWriter : public GeocodeWriter {
public:
    explicit OgrWriter(const WriterOptions& o) {
        using T = geo::VectorWriter::Type;
        m_writer = std::make_unique<geo::VectorWriter>(
            o.path, o.driver, "toponyms",
            std::vector<geo::VectorWriter::Field>{
                {"doc_id", T::String},       {"start", T::Integer},        {"end", T::Integer},
                {"text", T::String},         {"kind", T::String},          {"name", T::String},
                {"geonameid", T::Integer},   {"feature_class", T::String}, {"feature_code", T::String},
                {"country_code", T::String}, {"admin1", T::String},        {"admin2", T::String},
                {"population", T::Integer},  {"score", T::Real},           {"resolution", T::Integer},
                {"match", T::String}});
    }
    void write(const Document& doc, const std::vector<ResolvedMention>& mentions) override {
        using V = geo::VectorWriter::Value;
        auto str = [](std::string_view s) -> V { return s.empty() ? V{} : V{std::string(s)}; };
        for (const auto& r : mentions) {
            if (!r.place) continue;
            const auto& p = *r.place;
            const auto& m = r.mention;
            m_writer->add_point(
                p.lon, p.lat,
                {V{doc.id}, V{std::int64_t{m.cp_begin}}, V{std::int64_t{m.cp_end}},
                 V{doc.text.substr(m.begin, m.end - m.begin)}, V{std::string(m.demonym ? "demonym" : "toponym")},
                 str(p.name), p.geonameid() ? V{*p.geonameid()} : V{},
                 p.feature_class ? V{std::string(1, p.feature_class)} : V{}, str(p.feature_code),
                 str(p.country_code), str(p.admin1_name), str(p.admin2_name),
                 V{static_cast<std::int64_t>(p.population)}, V{static_cast<double>(r.score)},
                 V{std::int64_t{r.resolution}}, V{std::string(gazetteer::to_string(r.match))}});
        }
    }
    void finish() override { m_writer->close(); }

private:
    std::unique_ptr<geo::VectorWriter> m_writer;
};

}  // namespace

std::string GeocodeWriter::format(const Document&, const std::vector<resolve::ResolvedMention>&) const {
    return {};
}

void GeocodeWriter::emit(std::string_view) {}

std::unique_ptr<GeocodeWriter> GeocodeWriter::create(const WriterOptions& o, Sink sink) {
    switch (o.format) {
        case GeocodeFormat::Jsonl: return std::make_unique<JsonlWriter>(std::move(sink));
        case GeocodeFormat::GeoJson: return std::make_unique<GeoJsonWriter>(std::move(sink), o.group_places);
        case GeocodeFormat::Csv: return std::make_unique<CsvWriter>(std::move(sink));
        case GeocodeFormat::Table: return std::make_unique<TableWriter>(std::move(sink));
        case GeocodeFormat::Ogr: return std::make_unique<OgrWriter>(o);
    }
    return nullptr;
}

}  // namespace conflictmap::io
