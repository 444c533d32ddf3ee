#pragma once

#include "gazetteer/place.hpp"

namespace conflictmap::gazetteer {

// How likely a mention of a name means this place before any context is
// known, on a log10-population scale. Population dominates (GeoNames'
// population is the best single predictor of what news means: Paris, France
// over Paris, Texas); the feature type sets a floor for features without a
// population (seas, regions) and lifts countries and capitals, which news
// mentions far more than their population alone suggests.
float place_prior(const Place& place);

// Penalty (subtracted) for finding the place through a weaker kind of name.
float match_penalty(MatchKind kind);

}  // namespace conflictmap::gazetteer
