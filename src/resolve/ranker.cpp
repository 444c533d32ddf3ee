#include "resolve/ranker.hpp"

#include <charconv>
#include <cstdio>
#include <vector>

#include "core/error.hpp"
#include "ranker_data.hpp"

namespace conflictmap::resolve {

namespace {
constexpr const char* kNames[kFeatureCount] = {
    "prior", "name_penalty", "country_share", "dominant_country", "admin1_named", "admin2_named",
    "contained_by_next", "city_of_its_division", "is_country", "is_admin1", "is_admin2",
    "is_populated", "is_capital", "is_region", "is_water", "is_terrain", "log_population",
    "alternate_name", "transliterated_name", "abbreviation", "demonym", "first_candidate"};
}

const char* feature_name(Feature f) { return kNames[f]; }

RankerWeights RankerWeights::parse(std::string_view text, const std::string& source) {
    RankerWeights w;
    std::vector<bool> seen(kFeatureCount, false);
    std::uint64_t line_no = 0;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) throw DataError(source, line_no, "expected feature<TAB>weight");
        const std::string_view name = line.substr(0, tab), value = line.substr(tab + 1);
        int f = 0;
        while (f < kFeatureCount && name != kNames[f]) ++f;
        if (f == kFeatureCount) throw DataError(source, line_no, "unknown feature '" + std::string(name) + "'");
        float v = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || ptr != value.data() + value.size())
            throw DataError(source, line_no, "weight '" + std::string(value) + "' is not a number");
        w[f] = v;
        seen[static_cast<std::size_t>(f)] = true;
    }
    for (int f = 0; f < kFeatureCount; ++f)
        if (!seen[static_cast<std::size_t>(f)])
            throw DataError(source, 0, std::string("no weight for feature '") + kNames[f] + "'");
    return w;
}

const RankerWeights& RankerWeights::builtin() {
    static const RankerWeights w = parse(ranker_data::kWeights, "geodata/ranker/weights.tsv");
    return w;
}

const RankerWeights& RankerWeights::starting() {
    static const RankerWeights w = parse(ranker_data::kStartWeights, "geodata/ranker/start_weights.tsv");
    return w;
}

float RankerWeights::score(const FeatureVector& x) const {
    float s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s += m_w[i] * x[i];
    return s;
}

std::string RankerWeights::to_tsv(const std::string& header) const {
    std::string out = header;
    char buf[96];
    for (int f = 0; f < kFeatureCount; ++f) {
        std::snprintf(buf, sizeof buf, "%s\t%.4f\n", kNames[f], m_w[static_cast<std::size_t>(f)]);
        out += buf;
    }
    return out;
}

}  // namespace conflictmap::resolve
