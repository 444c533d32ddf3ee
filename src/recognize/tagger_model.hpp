#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "recognize/entity_tags.hpp"
#include "recognize/word_clusters.hpp"

namespace conflictmap::recognize {

// The tagger's learned parameters: a weight per (feature, tag), transition
// weights between tags, the word clusters, a temperature that calibrates
// probabilities, and a JSON record of how it was trained.
//
// File format (docs/recognizer.md), little-endian:
//   header: magic "CMTAG\r\n\x1a", format version, feature-set version,
//           sizes and counts, the weight scale, the temperature, flags,
//           CRC-32 of the body, CRC-32 of the header;
//   body:   transitions (float, (tags + 1) x tags, per stage), feature keys (u64,
//           sorted), weights (i16 x tags per feature, times the scale),
//           words (u64 key, u16 coarse, u16 fine, u8 lower share), metadata JSON.
// Reading checks every one of these and throws DataError naming the file
// and what is wrong; the whole file is checked (CRC) on every load because
// it is small (~10 MB, a few ms).
//
// In memory the weights sit in an open-addressing table of 32-byte slots
// (key and the tags' weights in one cache line half), so scoring a feature
// costs one memory access. Read-only after construction: share freely.
class TaggerModel {
public:
    struct Slot {
        std::uint64_t key;  // 0 = empty
        std::int16_t weight[kTagCount];
        std::int16_t pad[3];
    };
    static_assert(sizeof(Slot) == 32);

    // Bump when the file layout changes.
    static constexpr std::uint32_t kFormatVersion = 1;
    // Bump when FeatureExtractor's features change: old weights would then
    // score the wrong features.
    // 2: the longest entity's type by case (document_features), the surname hint.
    static constexpr std::uint32_t kFeatureVersion = 2;
    static constexpr std::uint32_t kUsesGazetteer = 1;
    // The second stage never begins a toponym at a word that the first stage
    // read as the last word of a person's name elsewhere in the document
    // (FeatureExtractor::kSurnameHint). Chosen at training on dev.
    static constexpr std::uint32_t kSurnameRule = 2;

    TaggerModel() = default;

    // From float weights: quantised to 16 bits with one scale (the largest
    // |weight| maps to 32767; the rounding moves a word's score by < 0.1%).
    // Features whose weights all round to zero are dropped.
    // `transitions` holds `stages` tables of (kTagCount + 1) x kTagCount;
    // the second stage's feature keys are stage_key(key, 1).
    static TaggerModel from_weights(const std::vector<std::uint64_t>& keys, const std::vector<float>& weights,
                                    const std::vector<float>& transitions, int stages, WordClusters clusters,
                                    float temperature, std::uint32_t flags, std::string metadata);

    // A feature's key in the table of a stage (0 first, 1 second).
    static std::uint64_t stage_key(std::uint64_t key, int stage) {
        if (stage == 0) return key;
        std::uint64_t x = key ^ 0xd6e8feb86659fd93ull;
        x ^= x >> 32;
        x *= 0xd6e8feb86659fd93ull;
        x ^= x >> 32;
        return x ? x : 2;
    }

    static TaggerModel read(const std::string& path);
    void write(const std::string& path) const;

    // The weights of a feature, or nullptr when the model has none.
    const std::int16_t* find(std::uint64_t key) const {
        std::size_t i = key & m_mask;
        while (true) {
            const Slot& s = m_slots[i];
            if (s.key == key) return s.weight;
            if (s.key == 0) return nullptr;
            i = (i + 1) & m_mask;
        }
    }
    const Slot* slot_for_prefetch(std::uint64_t key) const { return &m_slots[key & m_mask]; }

    float scale() const { return m_scale; }
    const float* transitions(int stage = 0) const { return m_transitions.data() + stage * kTransitionCount; }
    int stages() const { return m_stages; }
    static constexpr std::size_t kTransitionCount = (kTagCount + 1) * kTagCount;
    float temperature() const { return m_temperature; }
    void set_temperature(float t) { m_temperature = t; }
    const WordClusters& clusters() const { return m_clusters; }
    std::uint32_t flags() const { return m_flags; }
    bool uses_gazetteer() const { return (m_flags & kUsesGazetteer) != 0; }
    bool surname_rule() const { return (m_flags & kSurnameRule) != 0; }
    void set_flags(std::uint32_t f) { m_flags = f; }
    const std::string& metadata() const { return m_metadata; }
    void set_metadata(std::string m) { m_metadata = std::move(m); }
    std::size_t feature_count() const { return m_feature_count; }

private:
    void build_table(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& weights);

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_feature_count = 0;
    float m_scale = 1;
    int m_stages = 1;
    std::vector<float> m_transitions = std::vector<float>((kTagCount + 1) * kTagCount, 0.f);
    float m_temperature = 1;
    std::uint32_t m_flags = 0;
    WordClusters m_clusters;
    std::string m_metadata = "{}";
};

}  // namespace conflictmap::recognize
