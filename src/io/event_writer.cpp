#include "io/event_writer.hpp"

#include "geo/vector_writer.hpp"

#include <cstdio>

#include "io/place_json.hpp"

namespace conflictmap::io {

namespace {

using nlohmann::json;

json opt(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json span_json(const events::TextSpan& s) { return {{"text", s.text}, {"start", s.start}, {"end", s.end}}; }

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

class JsonlWriter : public EventWriter {
public:
    explicit JsonlWriter(Sink sink) : m_sink(std::move(sink)) {}
    void write(const Document& doc, const std::vector<resolve::ResolvedMention>& mentions,
               const std::vector<events::Event>& events) override {
        json tops = json::array();
        for (const auto& r : mentions) tops.push_back(mention_json(doc, r));
        json evs = json::array();
        for (const auto& e : events) evs.push_back(event_json(e));
        const json j = {{"id", doc.id}, {"toponyms", tops}, {"countries", countries_json(mentions)}, {"events", evs}};
        m_sink(dump(j) + "\n");
    }

private:
    Sink m_sink;
};

// Flat properties of an event for GeoJSON and CSV.
json flat(const Document& doc, const events::Event& e) {
    json p = {{"doc_id", doc.id},
              {"event_type", e.event_type},
              {"sub_event_type", e.sub_event_type},
              {"plover_event", e.plover_event},
              {"plover_mode", e.plover_mode},
              {"actor1", opt(e.actor1)},
              {"actor2", opt(e.actor2)},
              {"fatalities", e.fatalities},
              {"injured", e.injured},
              {"event_date", e.date ? json(e.date->iso()) : json(nullptr)},
              {"time_precision", e.time_precision},
              {"trigger", e.trigger.text},
              {"notes", e.sentence.text}};
    if (e.location) {
        const auto& p0 = e.location->place;
        p["location"] = std::string(p0.name);
        p["latitude"] = round_to(p0.lat, 1e-5);
        p["longitude"] = round_to(p0.lon, 1e-5);
        p["country_code"] = std::string(p0.country_code);
        p["admin1"] = p0.admin1_name.empty() ? json(nullptr) : json(std::string(p0.admin1_name));
        p["geonameid"] = p0.geonameid() ? json(*p0.geonameid()) : json(nullptr);
        p["geo_precision"] = e.location->geo_precision;
        p["location_reason"] = e.location->reason;
    }
    return p;
}

class GeoJsonWriter : public EventWriter {
public:
    explicit GeoJsonWriter(Sink sink) : m_sink(std::move(sink)) {
        m_sink("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }
    void write(const Document& doc, const std::vector<resolve::ResolvedMention>&,
               const std::vector<events::Event>& events) override {
        for (const auto& e : events) {
            if (!e.location) continue;
            json props = flat(doc, e);
            const json f = {{"type", "Feature"},
                            {"geometry", {{"type", "Point"}, {"coordinates", {props["longitude"], props["latitude"]}}}},
                            {"properties", props}};
            if (m_count++) m_sink(",\n");
            m_sink(dump(f));
        }
    }
    void finish() override { m_sink("\n]}\n"); }

private:
    Sink m_sink;
    std::size_t m_count = 0;
};

class CsvWriter : public EventWriter {
public:
    CsvWriter(Sink sink, std::function<std::string(std::string_view)> country_name)
        : m_sink(std::move(sink)), m_country_name(std::move(country_name)) {
        std::string header;
        for (const char* c : kColumns) header += std::string(header.empty() ? "" : ",") + c;
        m_sink(header + "\n");
    }
    void write(const Document& doc, const std::vector<resolve::ResolvedMention>&,
               const std::vector<events::Event>& events) override {
        for (const auto& e : events) {
            json j = flat(doc, e);
            if (e.location) j["country"] = m_country_name(e.location->place.country_code);
            std::string row;
            for (const char* c : kColumns) {
                if (!row.empty()) row += ',';
                row += csv_field(csv_scalar(j.value(c, json(nullptr))));
            }
            m_sink(row + "\n");
        }
    }

private:
    // ACLED's columns (INTERFACES.md), then the document.
    static constexpr const char* kColumns[] = {
        "event_date", "time_precision", "event_type", "sub_event_type", "actor1",        "actor2",
        "fatalities", "country",        "admin1",     "location",       "latitude",      "longitude",
        "geo_precision", "notes",       "doc_id"};
    Sink m_sink;
    std::function<std::string(std::string_view)> m_country_name;
};

class OgrWriter : public EventWriter {
public:
    OgrWriter(const std::string& driver, const std::string& path,
              std::function<std::string(std::string_view)> country_name)
        : m_country_name(std::move(country_name)) {
        std::vector<geo::VectorWriter::Field> fields;
        for (const auto& [name, type] : kFields) fields.push_back({name, type});
        m_writer = std::make_unique<geo::VectorWriter>(path, driver, "events", fields);
    }
    void write(const Document& doc, const std::vector<resolve::ResolvedMention>&,
               const std::vector<events::Event>& events) override {
        using V = geo::VectorWriter::Value;
        for (const auto& e : events) {
            if (!e.location) continue;  // a point per located event
            json j = flat(doc, e);
            j["country"] = m_country_name(e.location->place.country_code);
            std::vector<V> values;
            for (const auto& [name, type] : kFields) {
                const json v = j.value(name, json(nullptr));
                if (v.is_null()) values.emplace_back();
                else if (v.is_string()) values.emplace_back(v.get<std::string>());
                else if (v.is_number_integer()) values.emplace_back(v.get<std::int64_t>());
                else if (v.is_number()) values.emplace_back(v.get<double>());
                else values.emplace_back(v.dump());
            }
            m_writer->add_point(e.location->place.lon, e.location->place.lat, values);
        }
    }
    void finish() override { m_writer->close(); }

private:
    using T = geo::VectorWriter::Type;
    static constexpr std::pair<const char*, T> kFields[] = {
        {"event_date", T::String},   {"time_precision", T::Integer}, {"event_type", T::String},
        {"sub_event_type", T::String}, {"plover_event", T::String},  {"plover_mode", T::String},
        {"actor1", T::String},       {"actor2", T::String},          {"fatalities", T::Integer},
        {"injured", T::Integer},     {"country", T::String},         {"admin1", T::String},
        {"location", T::String},     {"geonameid", T::Integer},      {"geo_precision", T::Integer},
        {"location_reason", T::String}, {"notes", T::String},        {"doc_id", T::String}};
    std::unique_ptr<geo::VectorWriter> m_writer;
    std::function<std::string(std::string_view)> m_country_name;
};

class TableWriter : public EventWriter {
public:
    explicit TableWriter(Sink sink) : m_sink(std::move(sink)) {}
    void write(const Document& doc, const std::vector<resolve::ResolvedMention>&,
               const std::vector<events::Event>& events) override {
        char buf[1024];
        std::snprintf(buf, sizeof buf, "# %s: %zu events\n", doc.id.c_str(), events.size());
        m_sink(buf);
        for (const auto& e : events) {
            const std::string place = e.location ? std::string(e.location->place.name) + " (" +
                                                       std::string(e.location->place.country_code) + ", " +
                                                       std::to_string(e.location->geo_precision) + ", " +
                                                       e.location->reason + ")"
                                                 : "(no place)";
            std::snprintf(buf, sizeof buf, "%-10s %-27.27s %-35.35s %4d  %-30.30s %-30.30s %s\n",
                          e.date ? e.date->iso().c_str() : "-", e.event_type.c_str(), e.sub_event_type.c_str(),
                          e.fatalities, e.actor1.c_str(), e.actor2.c_str(), place.c_str());
            m_sink(buf);
        }
    }

private:
    Sink m_sink;
};

}  // namespace

json event_json(const events::Event& e) {
    json j = {{"event_type", e.event_type},
              {"sub_event_type", e.sub_event_type},
              {"plover", {{"event", e.plover_event}, {"mode", e.plover_mode}}},
              {"actor1", opt(e.actor1)},
              {"actor2", opt(e.actor2)},
              {"fatalities", e.fatalities},
              {"injured", e.injured},
              {"date", e.date ? json(e.date->iso()) : json(nullptr)},
              {"time_precision", e.date ? json(e.time_precision) : json(nullptr)},
              {"date_reason", opt(e.date_reason)},
              {"trigger", span_json(e.trigger)},
              {"sentence", span_json(e.sentence)}};
    if (e.location) {
        json loc = place_json(e.location->place);
        loc["start"] = e.location->mention ? json(e.location->mention->start) : json(nullptr);
        loc["end"] = e.location->mention ? json(e.location->mention->end) : json(nullptr);
        loc["text"] = e.location->mention ? json(e.location->mention->text) : json(nullptr);
        loc["resolution"] = e.location->resolution;
        loc["geo_precision"] = e.location->geo_precision;
        loc["reason"] = e.location->reason;
        j["location"] = loc;
    } else {
        j["location"] = nullptr;
    }
    return j;
}

std::unique_ptr<EventWriter> EventWriter::create_ogr(const std::string& driver, const std::string& path,
                                                     std::function<std::string(std::string_view)> country_name) {
    return std::make_unique<OgrWriter>(driver, path, std::move(country_name));
}

std::unique_ptr<EventWriter> EventWriter::create(EventFormat format, Sink sink,
                                                 std::function<std::string(std::string_view)> country_name) {
    switch (format) {
        case EventFormat::Jsonl: return std::make_unique<JsonlWriter>(std::move(sink));
        case EventFormat::GeoJson: return std::make_unique<GeoJsonWriter>(std::move(sink));
        case EventFormat::Csv: return std::make_unique<CsvWriter>(std::move(sink), std::move(country_name));
        case EventFormat::Table: return std::make_unique<TableWriter>(std::move(sink));
    }
    return nullptr;
}

}  // namespace conflictmap::io
