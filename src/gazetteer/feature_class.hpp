#pragma once

#include <string_view>

namespace conflictmap::gazetteer {

// GeoNames feature codes grouped the way the prior and the resolver need them.
bool is_country_code(std::string_view feature_code);      // PCLI, PCLD, PCLS, TERR ...
bool is_admin_code(std::string_view feature_code);        // ADM1..ADM5, ADMD
bool is_capital_code(std::string_view feature_code);      // PPLC, PPLG
bool is_admin_seat_code(std::string_view feature_code);   // PPLA, PPLA2 ...

// Admin level of an ADM code (ADM1 -> 1), 0 otherwise.
int admin_level(std::string_view feature_code);

// Human description of a feature class letter ("populated place").
const char* feature_class_label(char feature_class);

}  // namespace conflictmap::gazetteer
