#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "recognize/ner_corpus.hpp"
#include "recognize/ner_evaluation.hpp"
#include "recognize/tagger_model.hpp"
#include "recognize/word_clusters.hpp"

namespace conflictmap::gazetteer {
class Gazetteer;
}

namespace conflictmap::recognize {

struct TaggerTrainOptions {
    int epochs = 12;
    std::uint64_t seed = 1;
    int min_feature_count = 2;
    int ensemble = 4;           // perceptrons averaged per stage (different shuffles)  // features seen fewer times in training are not learned
    ClusterOptions clusters;
    std::string metadata = "{}";  // JSON object merged into the model's record (command, files)
};

struct TaggerTrainReport {
    std::vector<EntityScores> dev_by_epoch;  // empty without a dev corpus
    int stage1_epoch = 0;                    // 1-based: the first stage's best
    int best_epoch = 0;                      // the second stage's
    float temperature = 1;
    bool surname_rule = true;                // TaggerModel::kSurnameRule kept
    std::size_t features = 0;                // distinct features over the cutoff
    std::size_t clustered_words = 0;
};

// Trains the tagger as an averaged structured perceptron (Collins 2002) over
// BIO tags: decode each training sentence with Viterbi, and where it differs
// from the gold tags move weight from the predicted to the gold features and
// transitions; the model is the average of the weights over every step,
// which generalises like a regularised model without a parameter to tune.
// Sentences are shuffled each epoch with `seed`, so a run is deterministic.
// Two stages: the first with sentence features; the second adds how the
// first tagged the word's other occurrences in the document, learned from
// first-stage tags of the training data made by 5-fold jackknife (each
// document tagged by a model that did not see it, as at run time).
// With a dev corpus, the epoch with the best dev location F1 is kept and the
// probability temperature is fitted on dev (log loss of "this predicted
// toponym span is right"); without one, on the training data.
class TaggerTrainer {
public:
    TaggerTrainer(const gazetteer::Gazetteer* gazetteer, TaggerTrainOptions options);

    // `unlabelled`: more text for the word clusters only (its labels unused).
    TaggerModel train(const std::vector<const NerCorpus*>& training, const std::vector<const NerCorpus*>& unlabelled,
                      const NerCorpus* dev,
                      const std::function<void(const std::string&)>& progress, TaggerTrainReport& report);

private:
    const gazetteer::Gazetteer* m_gazetteer;
    TaggerTrainOptions m_options;
    WordClusters m_clusters;
};

}  // namespace conflictmap::recognize
