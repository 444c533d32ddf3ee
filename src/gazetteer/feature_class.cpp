#include "gazetteer/feature_class.hpp"

namespace conflictmap::gazetteer {

bool is_country_code(std::string_view c) {
    return c.starts_with("PCL") || c == "TERR";
}

bool is_admin_code(std::string_view c) { return c.starts_with("ADM") && !c.ends_with("H"); }

bool is_capital_code(std::string_view c) { return c == "PPLC" || c == "PPLG"; }

bool is_admin_seat_code(std::string_view c) { return c.starts_with("PPLA"); }

int admin_level(std::string_view c) {
    if (c.size() == 4 && c.starts_with("ADM") && c[3] >= '1' && c[3] <= '5') return c[3] - '0';
    return 0;
}

const char* feature_class_label(char fc) {
    switch (fc) {
        case 'A': return "country, state, region";
        case 'H': return "stream, lake, sea";
        case 'L': return "area, region, continent";
        case 'P': return "populated place";
        case 'R': return "road, railroad";
        case 'S': return "spot, building, farm";
        case 'T': return "mountain, hill, rock";
        case 'U': return "undersea";
        case 'V': return "forest, heath";
        default: return "unclassified";
    }
}

}  // namespace conflictmap::gazetteer
