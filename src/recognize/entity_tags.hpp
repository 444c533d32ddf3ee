#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace conflictmap::recognize {

// The entity types the tagger learns. Only Location is reported as a
// toponym; the others are there because learning them makes better
// negatives than one "not a place" class ("Jordan" the person, "Chelsea" the
// club are told apart by what a person or a club looks like).
enum class EntityType : std::uint8_t {
    None = 0,
    Location = 1,
    Person = 2,
    Organisation = 3,
    Misc = 4,
};
inline constexpr int kEntityTypeCount = 5;

// BIO tags: 0 = O, then B and I of each type (B = 2t - 1, I = 2t).
inline constexpr int kTagCount = 9;
inline constexpr std::uint8_t kOutside = 0;
inline constexpr std::uint8_t begin_tag(EntityType t) { return static_cast<std::uint8_t>(2 * int(t) - 1); }
inline constexpr std::uint8_t inside_tag(EntityType t) { return static_cast<std::uint8_t>(2 * int(t)); }
inline constexpr EntityType tag_type(std::uint8_t tag) { return static_cast<EntityType>((tag + 1) / 2); }
inline constexpr bool is_begin(std::uint8_t tag) { return tag != 0 && tag % 2 == 1; }
inline constexpr bool is_inside(std::uint8_t tag) { return tag != 0 && tag % 2 == 0; }

const char* to_string(EntityType t);

// Maps a corpus' label type (without its B-/I- prefix) to ours, case-
// insensitively: LOC, Location, GPE, geo-loc, facility -> Location; PER,
// person -> Person; ORG, Organisation, corporation, group -> Organisation;
// MISC, product, creative-work, Nationality, NORP, Weapon, MilitaryPlatform,
// DocumentReference -> Misc (CoNLL-2003 files nationalities under MISC);
// Temporal, Quantity, Money, date, time, and anything else -> None
// (CoNLL-2003 leaves dates and amounts outside every entity).
EntityType entity_type_from_label(std::string_view type);

}  // namespace conflictmap::recognize
