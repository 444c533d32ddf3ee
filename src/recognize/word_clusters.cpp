#include "recognize/word_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "recognize/detail/feature_hash.hpp"

namespace conflictmap::recognize {

namespace {

using SparseVector = std::vector<std::pair<std::uint32_t, float>>;

bool has_lower_letter(const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool has_upper_letter(const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Spherical k-means of `rows` (unit vectors) into k clusters; returns each
// row's cluster. Centroids start at k distinct rows drawn with `rng`.
std::vector<int> kmeans(const std::vector<const SparseVector*>& rows, int k, std::size_t dim, int iterations,
                        std::mt19937_64& rng) {
    const std::size_t n = rows.size();
    std::vector<int> assign(n, 0);
    if (k <= 1 || n <= static_cast<std::size_t>(k)) {
        for (std::size_t i = 0; i < n; ++i) assign[i] = k <= 1 ? 0 : static_cast<int>(i);
        return assign;
    }
    std::vector<float> centroids(static_cast<std::size_t>(k) * dim, 0.f);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t i = 0; i < static_cast<std::size_t>(k); ++i) {  // partial Fisher-Yates
        const std::size_t j = i + rng() % (n - i);
        std::swap(order[i], order[j]);
        for (const auto& [d, v] : *rows[order[i]]) centroids[i * dim + d] = v;
    }
    for (int it = 0; it < iterations; ++it) {
        bool changed = false;
        for (std::size_t r = 0; r < n; ++r) {
            int best = 0;
            float best_dot = -1;
            for (int c = 0; c < k; ++c) {
                const float* cen = &centroids[static_cast<std::size_t>(c) * dim];
                float dot = 0;
                for (const auto& [d, v] : *rows[r]) dot += v * cen[d];
                if (dot > best_dot) best_dot = dot, best = c;
            }
            if (assign[r] != best || it == 0) changed = true;
            assign[r] = best;
        }
        if (!changed) break;
        std::fill(centroids.begin(), centroids.end(), 0.f);
        std::vector<std::size_t> members(k, 0);
        for (std::size_t r = 0; r < n; ++r) {
            float* cen = &centroids[static_cast<std::size_t>(assign[r]) * dim];
            for (const auto& [d, v] : *rows[r]) cen[d] += v;
            ++members[assign[r]];
        }
        for (int c = 0; c < k; ++c) {
            float* cen = &centroids[static_cast<std::size_t>(c) * dim];
            if (members[c] == 0) {  // an empty cluster restarts at a random row
                for (const auto& [d, v] : *rows[rng() % n]) cen[d] = v;
                continue;
            }
            double norm = 0;
            for (std::size_t d = 0; d < dim; ++d) norm += double(cen[d]) * cen[d];
            const float inv = norm > 0 ? static_cast<float>(1 / std::sqrt(norm)) : 0.f;
            for (std::size_t d = 0; d < dim; ++d) cen[d] *= inv;
        }
    }
    return assign;
}

}  // namespace

WordClusters::WordClusters(const std::vector<std::pair<std::uint64_t, WordInfo>>& entries) {
    std::size_t slots = 16;
    while (slots < entries.size() * 2) slots *= 2;
    m_keys.assign(slots, 0);
    m_infos.assign(slots, WordInfo{});
    m_mask = slots - 1;
    for (const auto& [key, info] : entries) {
        if (key == 0) continue;
        std::size_t i = key & m_mask;
        while (m_keys[i] != 0 && m_keys[i] != key) i = (i + 1) & m_mask;
        if (m_keys[i] == 0) ++m_size;
        m_keys[i] = key;
        m_infos[i] = info;
    }
}

std::vector<std::pair<std::uint64_t, WordInfo>> WordClusters::entries() const {
    std::vector<std::pair<std::uint64_t, WordInfo>> out;
    out.reserve(m_size);
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] != 0) out.emplace_back(m_keys[i], m_infos[i]);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

WordClusters WordClusters::train(const std::vector<std::vector<std::string>>& sentences,
                                 const ClusterOptions& options) {
    struct Counts {
        std::uint32_t total = 0, lower = 0, capitalised = 0;  // lower/capitalised: not sentence-initial
        std::uint32_t id = 0;
    };
    std::unordered_map<std::uint64_t, Counts> counts;
    std::vector<std::uint64_t> id_hash;
    std::vector<std::vector<std::uint32_t>> ids(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        for (std::size_t i = 0; i < sentences[s].size(); ++i) {
            const std::string& w = sentences[s][i];
            const std::uint64_t h = detail::hash_lower(w);
            auto [it, fresh] = counts.try_emplace(h);
            if (fresh) {
                it->second.id = static_cast<std::uint32_t>(id_hash.size());
                id_hash.push_back(h);
            }
            auto& c = it->second;
            ++c.total;
            if (i > 0 && has_lower_letter(w) && !has_upper_letter(w)) ++c.lower;
            if (i > 0 && has_upper_letter(w)) ++c.capitalised;
            ids[s].push_back(c.id);
        }
    }
    std::vector<std::uint32_t> total(id_hash.size());
    for (const auto& [h, c] : counts) total[c.id] = c.total;

    // Contexts: the most frequent words (ties by id, which is first-seen
    // order, so the result does not depend on hash-table iteration).
    std::vector<std::uint32_t> by_freq(id_hash.size());
    for (std::uint32_t i = 0; i < by_freq.size(); ++i) by_freq[i] = i;
    std::stable_sort(by_freq.begin(), by_freq.end(), [&](auto a, auto b) { return total[a] > total[b]; });
    const std::uint32_t nctx = static_cast<std::uint32_t>(std::min<std::size_t>(options.context_words, by_freq.size()));
    std::vector<std::int32_t> ctx_of(id_hash.size(), -1);
    for (std::uint32_t r = 0; r < nctx; ++r) ctx_of[by_freq[r]] = static_cast<std::int32_t>(r);
    const std::uint32_t boundary = nctx, other = nctx + 1;  // sentence edge, rare word
    const std::size_t half = nctx + 2, dim = 2 * half;

    // Vocabulary to cluster: words seen min_count times or more.
    std::vector<std::int32_t> row_of(id_hash.size(), -1);
    std::vector<std::uint32_t> vocab;
    for (std::uint32_t id : by_freq) {
        if (total[id] < static_cast<std::uint32_t>(options.min_count)) break;
        row_of[id] = static_cast<std::int32_t>(vocab.size());
        vocab.push_back(id);
    }
    std::vector<std::unordered_map<std::uint32_t, float>> raw(vocab.size());
    for (const auto& sent : ids) {
        for (std::size_t i = 0; i < sent.size(); ++i) {
            const std::int32_t r = row_of[sent[i]];
            if (r < 0) continue;
            auto ctx = [&](std::size_t j) -> std::uint32_t {
                const std::int32_t c = ctx_of[sent[j]];
                return c < 0 ? other : static_cast<std::uint32_t>(c);
            };
            raw[r][i == 0 ? boundary : ctx(i - 1)] += 1;
            raw[r][static_cast<std::uint32_t>(half) + (i + 1 == sent.size() ? boundary : ctx(i + 1))] += 1;
        }
    }
    // sqrt counts, unit length (Hellinger-style weighting: frequent contexts
    // such as "the" do not swamp the rest).
    std::vector<SparseVector> rows(vocab.size());
    for (std::size_t r = 0; r < vocab.size(); ++r) {
        rows[r].assign(raw[r].begin(), raw[r].end());
        std::sort(rows[r].begin(), rows[r].end());
        double norm = 0;
        for (auto& [d, v] : rows[r]) v = std::sqrt(v), norm += double(v) * v;
        const float inv = static_cast<float>(1 / std::sqrt(norm));
        for (auto& [d, v] : rows[r]) v *= inv;
    }
    raw.clear();

    std::mt19937_64 rng(options.seed);
    std::vector<const SparseVector*> all(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) all[r] = &rows[r];
    const auto coarse = kmeans(all, options.coarse, dim, options.iterations, rng);
    std::vector<int> fine(rows.size(), 0);
    for (int c = 0; c < options.coarse; ++c) {
        std::vector<const SparseVector*> members;
        std::vector<std::size_t> index;
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (coarse[r] == c) members.push_back(&rows[r]), index.push_back(r);
        const int k = std::min<int>(options.fine_per_coarse, std::max<int>(1, static_cast<int>(members.size() / 8)));
        const auto sub = kmeans(members, k, dim, options.iterations, rng);
        for (std::size_t m = 0; m < members.size(); ++m) fine[index[m]] = c * options.fine_per_coarse + sub[m];
    }

    std::vector<std::pair<std::uint64_t, WordInfo>> entries;
    for (const auto& [h, c] : counts) {
        WordInfo info;
        const std::int32_t r = row_of[c.id];
        if (r >= 0) {
            info.coarse = static_cast<std::uint16_t>(coarse[r] + 1);
            info.fine = static_cast<std::uint16_t>(fine[r] + 1);
        }
        const std::uint32_t cased = c.lower + c.capitalised;
        if (cased >= 2) {
            const double share = double(c.lower) / cased;
            info.lower_share = share < 0.05 ? 1 : share < 0.5 ? 2 : share < 0.95 ? 3 : 4;
        }
        if (info.coarse || info.lower_share) entries.emplace_back(h, info);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return WordClusters(entries);
}

}  // namespace conflictmap::recognize
