#pragma once

#include <algorithm>
#include <cmath>

namespace conflictmap {

// Great-circle distance in kilometres between two WGS 84 points (haversine
// on the mean Earth radius; within 0.5% of the ellipsoidal distance, which is
// all that judging "near" and scoring at 161 km need).
inline double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kRadius = 6371.0088, kRad = M_PI / 180;
    const double a = std::sin((lat2 - lat1) * kRad / 2), b = std::sin((lon2 - lon1) * kRad / 2);
    const double h = a * a + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * b * b;
    return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace conflictmap
