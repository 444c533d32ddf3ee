#pragma once

// Hashes the tagger's features are named by. A feature is (template, value):
// the value is hashed once per token (a word's lower-case bytes, its shape)
// and combined with the template number, so a feature costs a multiply and a
// shift, never a string. 64-bit keys make collisions negligible (~10^6
// features: a collision every ~10^7 models).

#include <cstdint>
#include <string_view>

namespace conflictmap::recognize::detail {

inline std::uint64_t mix64(std::uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// FNV-1a of the bytes with ASCII letters lower-cased.
inline std::uint64_t hash_lower(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

inline std::uint64_t feature(std::uint32_t templ, std::uint64_t value) {
    const std::uint64_t k = mix64(value ^ (std::uint64_t(templ) * 0x9e3779b97f4a7c15ull));
    return k == 0 ? 1 : k;  // 0 marks an empty slot
}

inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) { return mix64(a * 31 + b + 0x632be59bd9b4e019ull); }

}  // namespace conflictmap::recognize::detail
