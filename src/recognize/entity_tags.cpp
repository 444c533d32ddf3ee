#include "recognize/entity_tags.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace conflictmap::recognize {

const char* to_string(EntityType t) {
    switch (t) {
        case EntityType::None: return "O";
        case EntityType::Location: return "LOC";
        case EntityType::Person: return "PER";
        case EntityType::Organisation: return "ORG";
        case EntityType::Misc: return "MISC";
    }
    return "?";
}

EntityType entity_type_from_label(std::string_view type) {
    std::string t(type);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "loc" || t == "location" || t == "gpe" || t == "geo-loc" || t == "facility" || t == "fac")
        return EntityType::Location;
    if (t == "per" || t == "person") return EntityType::Person;
    if (t == "org" || t == "organisation" || t == "organization" || t == "corporation" || t == "group" ||
        t == "company" || t == "sportsteam")
        return EntityType::Organisation;
    if (t == "misc" || t == "product" || t == "creative-work" || t == "nationality" || t == "norp" ||
        t == "weapon" || t == "militaryplatform" || t == "documentreference" || t == "event" ||
        t == "work_of_art" || t == "language")
        return EntityType::Misc;
    return EntityType::None;
}

}  // namespace conflictmap::recognize
