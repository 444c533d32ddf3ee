#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer/gazetteer.hpp"
#include "io/document.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::io {

// The JSON of a place and of a resolved mention (INTERFACES.md, "Place"),
// shared by the geocode and events writers so both print places alike.

// {"name", "lat", "lon", "geonameid", "id", "feature_class", "feature_code",
//  "country_code", "admin1", "admin1_code", "admin2", "population"}
nlohmann::json place_json(const gazetteer::PlaceView& place);

// A mention: "start", "end", "text", "kind", then the place's fields with
// "score", "resolution", "match" (name, lat, lon null when unresolved).
nlohmann::json mention_json(const Document& doc, const resolve::ResolvedMention& mention);

// [{"country_code", "count"}] of the resolved mentions, most mentioned first.
nlohmann::json countries_json(const std::vector<resolve::ResolvedMention>& mentions);

// Coordinates rounded to 1e-5 degrees (about a metre).
double round_to(double value, double unit);

// CSV, RFC 4180: a field quoted when it holds a comma, quote or line break;
// a JSON scalar as CSV text (null -> empty).
std::string csv_field(const std::string& s);
std::string csv_scalar(const nlohmann::json& v);

}  // namespace conflictmap::io
