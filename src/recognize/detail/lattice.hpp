#pragma once

// Decoding over BIO tags (entity_tags.hpp) given per-word tag scores
// ("emissions", n x kTagCount) and transition scores ((kTagCount + 1) x
// kTagCount, the last row from the sentence start). I-X may only follow B-X
// or I-X: the decoders never produce an ill-formed sequence.

#include <cstdint>
#include <vector>

#include "recognize/entity_tags.hpp"

namespace conflictmap::recognize::detail {

inline constexpr int kStartRow = kTagCount;
inline bool allowed(int from, int to) {
    if (!is_inside(static_cast<std::uint8_t>(to))) return true;
    return from != kStartRow && from != 0 && tag_type(static_cast<std::uint8_t>(from)) == tag_type(static_cast<std::uint8_t>(to));
}

// Best tag sequence (first-order Viterbi).
void viterbi(const float* emissions, std::size_t n, const float* transitions, std::uint8_t* out);

// Forward-backward over exp(score / temperature), scaled per word. Keeps
// what span_probability() needs.
class Marginals {
public:
    void compute(const float* emissions, std::size_t n, const float* transitions, float temperature);
    // P(word t has tag j).
    float at(std::size_t t, int j) const { return m_alpha[t * kTagCount + j] * m_beta[t * kTagCount + j]; }
    // P(words [first, last] are exactly one entity of type `type`: B-X, I-X...,
    // and the next word is not I-X).
    float span_probability(std::size_t first, std::size_t last, EntityType type) const;

private:
    std::size_t m_n = 0;
    std::vector<float> m_alpha, m_beta, m_emit, m_scale;  // m_emit: exp(e / T - max), m_scale: c_t
    float m_trans[(kTagCount + 1) * kTagCount];           // exp(transition / T), 0 when not allowed
};

}  // namespace conflictmap::recognize::detail
