#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conflictmap::recognize {

// What the tagger knows about a word beyond its letters, learned from
// unlabelled text (the corpora's tokens, labels unused).
struct WordInfo {
    std::uint16_t coarse = 0;      // distributional cluster, 1-based (0 = none)
    std::uint16_t fine = 0;        // sub-cluster of the coarse one, 1-based globally
    std::uint8_t lower_share = 0;  // how often written in lower case: 0 unknown, 1 never .. 4 nearly always
};

struct ClusterOptions {
    int coarse = 64;            // clusters
    int fine_per_coarse = 16;   // sub-clusters of each
    int min_count = 3;          // words seen fewer times get no cluster
    int context_words = 1000;   // the most frequent words serve as left/right contexts
    int iterations = 12;
    std::uint64_t seed = 1;
};

// Word clusters in the manner of Brown clusters (similar words share a
// cluster, in a two-level hierarchy), computed by spherical k-means on each
// word's left- and right-neighbour counts: exact Brown clustering is O(V C²)
// and would take hours here, this takes seconds and gives the tagger the
// same kind of evidence ("Stepanakert" rarely seen, but its neighbours are
// those of towns). Words are keyed by detail::hash_lower(). Deterministic for
// a seed. Read-only after construction, so safe to share between threads.
class WordClusters {
public:
    WordClusters() = default;
    explicit WordClusters(const std::vector<std::pair<std::uint64_t, WordInfo>>& entries);

    static WordClusters train(const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options);

    // The word's info by detail::hash_lower() of it; all zero when unknown.
    WordInfo find(std::uint64_t word_hash) const {
        if (m_keys.empty()) return {};
        std::size_t i = word_hash & m_mask;
        while (true) {
            const std::uint64_t k = m_keys[i];
            if (k == word_hash) return m_infos[i];
            if (k == 0) return {};
            i = (i + 1) & m_mask;
        }
    }

    std::vector<std::pair<std::uint64_t, WordInfo>> entries() const;  // sorted by key
    std::size_t size() const { return m_size; }

private:
    std::vector<std::uint64_t> m_keys;  // 0 = empty slot (a word hashing to 0 is dropped)
    std::vector<WordInfo> m_infos;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

}  // namespace conflictmap::recognize
