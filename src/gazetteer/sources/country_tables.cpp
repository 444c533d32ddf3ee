#include "gazetteer/sources/country_tables.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace conflictmap::gazetteer::sources {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json load_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MissingDataError("cannot open " + path);
    try {
        return json::parse(in);
    } catch (const json::exception& e) {
        throw DataError(path, 0, std::string("not valid JSON: ") + e.what());
    }
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

void add_unique(std::vector<std::string>& v, std::string s) {
    if (s.empty()) return;
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// `english` false for names in other languages: their short forms ("S.A.",
// "SAD", "UDA" for the United States) are not abbreviations an English text
// uses, and would turn "SA" into the United States.
void add_name(CountryRecord& c, const std::string& text, bool english = true) {
    if (text.empty() || text == c.name) return;
    if (!english && classify_name(text) == MatchKind::Abbreviation) return;
    for (const auto& n : c.names)
        if (n.text == text) return;
    c.names.push_back({text, classify_name(text)});
}

CountryRecord* find(std::vector<CountryRecord>& v, const std::string& iso2) {
    for (auto& c : v)
        if (c.iso2 == iso2) return &c;
    return nullptr;
}

}  // namespace

std::vector<CountryRecord> read_world_countries(const std::string& path) {
    const json doc = load_json(path);
    if (!doc.is_array()) throw DataError(path, 0, "expected a JSON array of countries");
    std::vector<CountryRecord> out;
    for (const auto& j : doc) {
        CountryRecord c;
        c.iso2 = str(j, "cca2");
        if (c.iso2.size() != 2) throw DataError(path, 0, "a country without a 2-letter cca2 code");
        const json names = j.value("name", json::object());
        c.name = str(names, "common");
        add_name(c, str(names, "official"));
        const json natives = names.value("native", json::object());
        for (const auto& [lang, native] : natives.items()) {
            add_name(c, str(native, "common"), false);
            add_name(c, str(native, "official"), false);
        }
        const json alt_spellings = j.value("altSpellings", json::array());
        for (const auto& a : alt_spellings) {
            // The bare ISO code ("AZ") is not how text names a country, and
            // clashes with US postal codes; "US"/"UK" come in from i18n's names.
            if (a.is_string() && a.get<std::string>() != c.iso2) add_name(c, a.get<std::string>());
        }
        const json translations = j.value("translations", json::object());
        for (const auto& [lang, t] : translations.items()) {
            add_name(c, str(t, "common"), false);
            add_name(c, str(t, "official"), false);
        }
        if (const auto d = j.find("demonyms"); d != j.end() && d->contains("eng")) {
            add_unique(c.demonyms, str((*d)["eng"], "m"));
            add_unique(c.demonyms, str((*d)["eng"], "f"));
        }
        const auto ll = j.value("latlng", json::array());
        if (ll.size() == 2 && ll[0].is_number() && ll[1].is_number()) {
            c.lat = ll[0].get<double>();
            c.lon = ll[1].get<double>();
        }
        const auto ind = j.find("independent");
        const bool independent = ind == j.end() || !ind->is_boolean() || ind->get<bool>();
        if (!independent || str(j, "status") == "user-assigned") {
            c.feature_code = "PCLD";
        }
        if (c.name.empty()) throw DataError(path, 0, "country " + c.iso2 + " has no name");
        out.push_back(std::move(c));
    }
    return out;
}

void merge_countrystatecity(const std::string& path, std::vector<CountryRecord>& countries) {
    const json doc = load_json(path);
    if (!doc.is_array()) throw DataError(path, 0, "expected a JSON array of countries");
    for (const auto& j : doc) {
        CountryRecord* c = find(countries, str(j, "iso2"));
        if (!c) continue;
        // "Azerbaijani, Azeri"; some entries use " or " / "/" between variants.
        std::string nat = str(j, "nationality");
        for (std::string sep : {" or ", "/"}) {
            std::size_t pos;
            while ((pos = nat.find(sep)) != std::string::npos) nat.replace(pos, sep.size(), ",");
        }
        std::size_t start = 0;
        while (start <= nat.size()) {
            std::size_t comma = nat.find(',', start);
            if (comma == std::string::npos) comma = nat.size();
            std::string d = nat.substr(start, comma - start);
            d.erase(0, d.find_first_not_of(' '));
            d.erase(d.find_last_not_of(' ') + 1);
            add_unique(c->demonyms, d);
            start = comma + 1;
        }
        add_name(*c, str(j, "native"), false);
        if (const auto it = j.find("population"); it != j.end() && it->is_number())
            c->population = it->get<std::uint64_t>();
        const json translations = j.value("translations", json::object());
        for (const auto& [lang, t] : translations.items())
            if (t.is_string()) add_name(*c, t.get<std::string>(), false);
    }
}

void merge_i18n_iso_countries(const std::string& langs_dir, std::vector<CountryRecord>& countries) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(langs_dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw MissingDataError("cannot read " + langs_dir + ": " + ec.message());
    std::sort(files.begin(), files.end());  // deterministic order of names
    for (const auto& f : files) {
        const json doc = load_json(f.string());
        const bool english = f.stem() == "en";
        const json names = doc.value("countries", json::object());
        for (const auto& [code, v] : names.items()) {
            CountryRecord* c = find(countries, code);
            if (!c) continue;
            if (v.is_string()) add_name(*c, v.get<std::string>(), english);
            if (v.is_array())
                for (const auto& n : v)
                    if (n.is_string()) add_name(*c, n.get<std::string>(), english);
        }
    }
}

std::vector<std::string> with_plurals(const std::vector<std::string>& demonyms) {
    std::vector<std::string> out = demonyms;
    for (const auto& d : demonyms) {
        // "Armenian" -> "Armenians", "Azerbaijani" -> "Azerbaijanis"; not
        // "Chinese", "French", "Swiss" (no plural in -s).
        if (d.size() > 3 && (d.back() == 'n' || d.back() == 'i')) add_unique(out, d + "s");
    }
    return out;
}

}  // namespace conflictmap::gazetteer::sources
