#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "resolve/ranker.hpp"

namespace conflictmap::resolve {

// One gold mention turned into a ranking example: its candidates' features
// and which candidate is right (the nearest one, when within 161 km of the
// gold point — the threshold the field reports accuracy at).
struct RankingExample {
    std::vector<FeatureVector> candidates;
    std::size_t correct = 0;
    std::uint32_t group = 0;  // corpus number, for held-out evaluation
};

struct TrainOptions {
    int iterations = 400;
    float learning_rate = 0.05f;  // Adam step size
    float l2 = 0.1f;              // pull towards the starting weights
};

// Learns linear weights by minimising the softmax cross-entropy of the right
// candidate (a listwise ranking loss), full-batch Adam from `start`, so the
// result is deterministic for the same examples.
RankerWeights train_ranker(const std::vector<RankingExample>& examples, const RankerWeights& start,
                           const TrainOptions& options);

// Share of examples whose right candidate scores highest.
double ranking_accuracy(const std::vector<RankingExample>& examples, const RankerWeights& w);

}  // namespace conflictmap::resolve
