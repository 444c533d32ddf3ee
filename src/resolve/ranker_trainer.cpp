#include "resolve/ranker_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace conflictmap::resolve {

RankerWeights train_ranker(const std::vector<RankingExample>& examples, const RankerWeights& start,
                           const TrainOptions& o) {
    RankerWeights w = start;
    std::array<double, kFeatureCount> m{}, v{};
    const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    std::vector<double> p;
    // Every corpus counts the same, however many examples it has: WikToR's
    // 17,000 ambiguous Wikipedia towns must not outvote news.
    std::map<std::uint32_t, double> per_group;
    for (const auto& ex : examples) per_group[ex.group] += 1;
    for (auto& [g, n] : per_group) n = static_cast<double>(examples.size()) / (per_group.size() * n);
    for (int it = 1; it <= o.iterations; ++it) {
        std::array<double, kFeatureCount> grad{};
        for (const auto& ex : examples) {
            // Softmax over the candidates' scores (natural-log odds here;
            // the weights' scale is learned).
            p.resize(ex.candidates.size());
            double best = -1e30;
            for (std::size_t i = 0; i < p.size(); ++i) {
                p[i] = w.score(ex.candidates[i]);
                best = std::max(best, p[i]);
            }
            double z = 0;
            for (auto& x : p) z += (x = std::exp(x - best));
            for (std::size_t i = 0; i < p.size(); ++i) {
                const double coef = per_group[ex.group] * (p[i] / z - (i == ex.correct ? 1.0 : 0.0));
                for (int f = 0; f < kFeatureCount; ++f) grad[f] += coef * ex.candidates[i][f];
            }
        }
        const double n = std::max<std::size_t>(1, examples.size());
        for (int f = 0; f < kFeatureCount; ++f) {
            const double g = grad[f] / n + o.l2 * (w[f] - start[f]);
            m[f] = beta1 * m[f] + (1 - beta1) * g;
            v[f] = beta2 * v[f] + (1 - beta2) * g * g;
            const double mh = m[f] / (1 - std::pow(beta1, it));
            const double vh = v[f] / (1 - std::pow(beta2, it));
            w[f] -= static_cast<float>(o.learning_rate * mh / (std::sqrt(vh) + eps));
        }
    }
    return w;
}

double ranking_accuracy(const std::vector<RankingExample>& examples, const RankerWeights& w) {
    if (examples.empty()) return 0;
    std::size_t right = 0;
    for (const auto& ex : examples) {
        std::size_t best = 0;
        float best_score = -1e30f;
        for (std::size_t i = 0; i < ex.candidates.size(); ++i) {
            const float s = w.score(ex.candidates[i]);
            if (s > best_score) best_score = s, best = i;
        }
        right += best == ex.correct;
    }
    return static_cast<double>(right) / static_cast<double>(examples.size());
}

}  // namespace conflictmap::resolve
