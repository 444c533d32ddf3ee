#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gazetteer/place.hpp"

namespace conflictmap::gazetteer {

// The places the builder has gathered, addressable by id. References stay
// valid as places are added (a deque), so sources can merge into earlier ones.
class PlaceTable {
public:
    // Adds a place; a place with the same id is replaced when `replace`, else
    // the call throws (two sources claiming one id is a bug in the data).
    Place& add(Place place, bool replace = false);
    Place* find(std::int64_t id);
    const Place* find(std::int64_t id) const;

    // A stable id for one of our own places, from its source and key, so the
    // same curated row gets the same id in every build.
    std::int64_t own_id(std::string_view namespace_key);

    std::deque<Place>& places() { return m_places; }
    const std::deque<Place>& places() const { return m_places; }
    std::size_t size() const { return m_places.size(); }

private:
    std::deque<Place> m_places;
    std::unordered_map<std::int64_t, std::size_t> m_by_id;
};

}  // namespace conflictmap::gazetteer
