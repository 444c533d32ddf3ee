#include "recognize/tagger_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "recognize/detail/lattice.hpp"
#include "recognize/feature_extractor.hpp"
#include "recognize/toponym_tagger.hpp"

namespace conflictmap::recognize {

namespace {

constexpr std::uint32_t kEnd = 0xffffffffu;  // ends a word's feature id list
constexpr int T = kTagCount;
constexpr int kFolds = 5;  // jackknife folds for the first stage's tags of the training data

struct Example {
    std::vector<std::uint32_t> ids;  // per word: feature ids, then kEnd
    std::vector<std::uint8_t> gold;
};

// Weights with the averaging trick of Daumé (2006): keep w and
// u = sum of (step x update); the average is w - u / steps.
struct AveragedWeights {
    std::vector<float> w;
    std::vector<double> u;
    void resize(std::size_t n) { w.assign(n, 0.f), u.assign(n, 0.0); }
    void update(std::size_t i, float delta, double step) {
        w[i] += delta;
        u[i] += step * delta;
    }
    std::vector<float> average(double steps) const {
        std::vector<float> out(w.size());
        for (std::size_t i = 0; i < w.size(); ++i) out[i] = static_cast<float>(w[i] - u[i] / steps);
        return out;
    }
};

void decode(const Example& ex, const std::vector<float>& weights, const float* transitions,
            std::vector<float>& emissions, std::vector<std::uint8_t>& out) {
    const std::size_t n = ex.gold.size();
    emissions.assign(n * T, 0.f);
    std::size_t word = 0;
    for (auto id : ex.ids) {
        if (id == kEnd) {
            ++word;
            continue;
        }
        const float* w = &weights[std::size_t(id) * T];
        for (int j = 0; j < T; ++j) emissions[word * T + j] += w[j];
    }
    out.resize(n);
    detail::viterbi(emissions.data(), n, transitions, out.data());
}

// The structured perceptron (Collins 2002) over examples with feature ids
// below `features`.
class Perceptron {
public:
    explicit Perceptron(std::size_t features) {
        m_weights.resize(features * T);
        m_transitions.resize(TaggerModel::kTransitionCount);
    }

    // One pass over `subset` (shuffled with rng); returns the wrong tags.
    std::size_t epoch(const std::vector<Example>& examples, std::vector<std::size_t>& subset, std::mt19937_64& rng) {
        for (std::size_t i = subset.size(); i > 1; --i) std::swap(subset[i - 1], subset[rng() % i]);
        std::size_t mistakes = 0;
        for (std::size_t o : subset) {
            const Example& ex = examples[o];
            decode(ex, m_weights.w, m_transitions.w.data(), m_emissions, m_predicted);
            if (m_predicted != ex.gold) {
                std::size_t word = 0;
                for (auto id : ex.ids) {
                    if (id == kEnd) {
                        ++word;
                        continue;
                    }
                    if (m_predicted[word] == ex.gold[word]) continue;
                    m_weights.update(std::size_t(id) * T + ex.gold[word], 1.f, m_step);
                    m_weights.update(std::size_t(id) * T + m_predicted[word], -1.f, m_step);
                }
                for (std::size_t i = 0; i < ex.gold.size(); ++i) {
                    const int gp = i ? ex.gold[i - 1] : detail::kStartRow;
                    const int pp = i ? m_predicted[i - 1] : detail::kStartRow;
                    if (gp == pp && ex.gold[i] == m_predicted[i]) continue;
                    m_transitions.update(std::size_t(gp) * T + ex.gold[i], 1.f, m_step);
                    m_transitions.update(std::size_t(pp) * T + m_predicted[i], -1.f, m_step);
                    if (ex.gold[i] != m_predicted[i]) ++mistakes;
                }
            }
            m_step += 1;
        }
        return mistakes;
    }
    std::vector<float> weights() const { return m_weights.average(m_step); }
    std::vector<float> transitions() const { return m_transitions.average(m_step); }

private:
    AveragedWeights m_weights, m_transitions;
    double m_step = 1;
    std::vector<float> m_emissions;
    std::vector<std::uint8_t> m_predicted;
};

// Several perceptrons trained in lockstep on differently shuffled data; the
// model is the mean of their averaged weights (a cheap bagging: one
// perceptron's dev F1 moves by ~0.5 point with the seed, the mean's less).
class Ensemble {
public:
    Ensemble(std::size_t features, int members, std::uint64_t seed) {
        for (int m = 0; m < members; ++m) {
            m_members.emplace_back(features);
            m_rngs.emplace_back(seed + 7919 * m);
        }
    }
    std::size_t epoch(const std::vector<Example>& examples, const std::vector<std::size_t>& subset) {
        std::size_t mistakes = 0;
        for (std::size_t m = 0; m < m_members.size(); ++m) {
            std::vector<std::size_t> order = subset;
            mistakes += m_members[m].epoch(examples, order, m_rngs[m]);
        }
        return mistakes / m_members.size();
    }
    std::vector<float> weights() const { return mean([](const Perceptron& p) { return p.weights(); }); }
    std::vector<float> transitions() const { return mean([](const Perceptron& p) { return p.transitions(); }); }

private:
    template <class F>
    std::vector<float> mean(F get) const {
        std::vector<float> out = get(m_members[0]);
        for (std::size_t m = 1; m < m_members.size(); ++m) {
            const auto w = get(m_members[m]);
            for (std::size_t i = 0; i < out.size(); ++i) out[i] += w[i];
        }
        for (auto& x : out) x /= static_cast<float>(m_members.size());
        return out;
    }
    std::vector<Perceptron> m_members;
    std::vector<std::mt19937_64> m_rngs;
};

// Feature ids from hashed features, with a count cutoff; ids in first-seen
// order, so the model does not depend on hash-table iteration order.
class FeatureIndex {
public:
    void count(const std::vector<std::uint64_t>& features, std::size_t from, std::size_t to) {
        for (std::size_t i = 0; i < features.size(); i += FeatureExtractor::kSlots)
            for (std::size_t k = from; k < to; ++k)
                if (features[i + k]) ++m_counts[features[i + k]];
    }
    void append_ids(const std::vector<std::uint64_t>& features, std::size_t word, std::size_t from, std::size_t to,
                    std::uint32_t min_count, std::uint32_t offset, std::vector<std::uint32_t>& out) {
        for (std::size_t k = from; k < to; ++k) {
            const auto f = features[word * FeatureExtractor::kSlots + k];
            if (!f) continue;
            const auto c = m_counts.find(f);
            if (c == m_counts.end() || c->second < min_count) continue;
            auto [it, fresh] = m_ids.try_emplace(f, static_cast<std::uint32_t>(m_keys.size()));
            if (fresh) m_keys.push_back(f);
            out.push_back(it->second + offset);
        }
    }
    const std::vector<std::uint64_t>& keys() const { return m_keys; }

private:
    std::unordered_map<std::uint64_t, std::uint32_t> m_counts, m_ids;
    std::vector<std::uint64_t> m_keys;
};

std::string scores_line(const EntityScores& s) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "; dev LOC P %.4f R %.4f F1 %.4f, all F1 %.4f", s.precision(EntityType::Location),
                  s.recall(EntityType::Location), s.f1(EntityType::Location), s.f1(EntityType::None));
    return buf;
}

}  // namespace

TaggerTrainer::TaggerTrainer(const gazetteer::Gazetteer* gazetteer, TaggerTrainOptions options)
    : m_gazetteer(gazetteer), m_options(std::move(options)) {}

TaggerModel TaggerTrainer::train(const std::vector<const NerCorpus*>& training,
                                 const std::vector<const NerCorpus*>& unlabelled, const NerCorpus* dev,
                                 const std::function<void(const std::string&)>& progress, TaggerTrainReport& report) {
    // Sentences and their documents.
    std::vector<const NerSentence*> sentences;
    std::vector<std::pair<std::size_t, std::size_t>> docs;
    for (const auto* c : training) {
        const std::size_t base = sentences.size();
        for (const auto& s : c->sentences) sentences.push_back(&s);
        for (auto [b, e] : documents(*c)) docs.emplace_back(base + b, base + e);
    }
    if (sentences.empty()) throw DataError(training.empty() ? "" : training.front()->path, 0, "no training sentences");
    std::vector<std::vector<std::string_view>> words(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) words[s].assign(sentences[s]->words.begin(), sentences[s]->words.end());

    // 1. Word clusters from the training text (labels unused).
    {
        std::vector<std::vector<std::string>> text;
        text.reserve(sentences.size());
        for (const auto* s : sentences) text.push_back(s->words);
        for (const auto* c : unlabelled)
            for (const auto& s : c->sentences) text.push_back(s.words);
        ClusterOptions co = m_options.clusters;
        co.seed = m_options.seed;
        m_clusters = WordClusters::train(text, co);
    }
    report.clustered_words = m_clusters.size();
    progress("clusters: " + std::to_string(m_clusters.size()) + " words");

    // 2. The first stage's features.
    const FeatureExtractor extractor(m_gazetteer, m_clusters);
    const auto min_count = static_cast<std::uint32_t>(m_options.min_feature_count);
    std::vector<std::vector<std::uint64_t>> raw(sentences.size());
    std::vector<std::vector<std::uint8_t>> classes(sentences.size());
    FeatureIndex base;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        extractor.extract(words[s], raw[s], &classes[s]);
        base.count(raw[s], 0, FeatureExtractor::kBaseSlots);
    }
    std::vector<Example> examples(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        examples[s].gold = sentences[s]->tags;
        for (std::size_t i = 0; i < words[s].size(); ++i) {
            base.append_ids(raw[s], i, 0, FeatureExtractor::kBaseSlots, min_count, 0, examples[s].ids);
            examples[s].ids.push_back(kEnd);
        }
        raw[s] = {};
    }
    const std::size_t base_count = base.keys().size();
    report.features = base_count;
    progress("features: " + std::to_string(base_count) + " (seen >= " + std::to_string(min_count) + " times) over " +
             std::to_string(sentences.size()) + " sentences, " + std::to_string(docs.size()) + " documents");

    const std::uint32_t flags = m_gazetteer ? TaggerModel::kUsesGazetteer : 0;
    auto evaluate_dev = [&](const TaggerModel& model) {
        const ToponymTagger tagger(model, m_gazetteer);
        return evaluate(*dev, [&](const auto& s) { return tagger.tag_document(s); });
    };
    std::vector<std::size_t> all(examples.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;

    // 3. Stage one: sentence features only.
    std::vector<float> w1, t1;
    {
        Ensemble p(base_count, m_options.ensemble, m_options.seed);
        double best = -1;
        for (int epoch = 1; epoch <= m_options.epochs; ++epoch) {
            const auto mistakes = p.epoch(examples, all);
            std::string line = "stage 1 epoch " + std::to_string(epoch) + ": " + std::to_string(mistakes) + " wrong tags";
            if (dev) {
                auto w = p.weights(), t = p.transitions();
                const auto scores = evaluate_dev(TaggerModel::from_weights(base.keys(), w, t, 1, m_clusters, 1.f, flags, "{}"));
                line += scores_line(scores);
                if (scores.f1(EntityType::Location) > best)
                    best = scores.f1(EntityType::Location), report.stage1_epoch = epoch, w1 = std::move(w), t1 = std::move(t);
            }
            progress(line);
        }
        if (!dev) w1 = p.weights(), t1 = p.transitions(), report.stage1_epoch = m_options.epochs;
    }

    // 4. The first stage's tags of the training data, each document tagged by
    // a model that did not see it (as at run time), in kFolds folds.
    std::vector<std::vector<std::uint8_t>> stage1_tags(sentences.size());
    {
        std::vector<float> emissions;
        for (int fold = 0; fold < kFolds; ++fold) {
            std::vector<std::size_t> train_part, test_part;
            for (std::size_t d = 0; d < docs.size(); ++d)
                for (std::size_t s = docs[d].first; s < docs[d].second; ++s)
                    (static_cast<int>(d % kFolds) == fold ? test_part : train_part).push_back(s);
            Perceptron p(base_count);
            std::mt19937_64 rng(m_options.seed + 1 + fold);
            for (int epoch = 1; epoch <= report.stage1_epoch; ++epoch) p.epoch(examples, train_part, rng);
            const auto w = p.weights(), t = p.transitions();
            for (auto s : test_part) decode(examples[s], w, t.data(), emissions, stage1_tags[s]);
        }
        progress("stage 1 tags of the training data by " + std::to_string(kFolds) + "-fold jackknife");
    }

    // 5. Stage two: sentence features, again with weights of their own, and
    // document features from the first stage's tags.
    FeatureIndex doc_index;
    std::vector<std::vector<std::uint64_t>> doc_raw(sentences.size());
    for (const auto& [b, e] : docs) {
        std::vector<std::span<const std::string_view>> spans;
        std::vector<std::vector<std::uint8_t>> tags;
        for (std::size_t s = b; s < e; ++s) spans.emplace_back(words[s]), tags.push_back(stage1_tags[s]);
        const auto hints = FeatureExtractor::document_hints(spans, tags);
        for (std::size_t s = b; s < e; ++s) {
            doc_raw[s].assign(words[s].size() * FeatureExtractor::kSlots, 0);
            FeatureExtractor::document_features(classes[s], hints[s - b], doc_raw[s]);
            doc_index.count(doc_raw[s], FeatureExtractor::kBaseSlots, FeatureExtractor::kSlots);
        }
    }
    std::vector<Example> examples2(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        examples2[s].gold = examples[s].gold;
        std::size_t word = 0;
        for (auto id : examples[s].ids) {
            if (id == kEnd) {
                doc_index.append_ids(doc_raw[s], word, FeatureExtractor::kBaseSlots, FeatureExtractor::kSlots, min_count,
                                     static_cast<std::uint32_t>(base_count), examples2[s].ids);
                ++word;
            }
            examples2[s].ids.push_back(id);
        }
        doc_raw[s] = {};
    }
    examples = {};
    const std::size_t doc_count = doc_index.keys().size();
    // Keys of both stages in one table: the second stage's are salted.
    std::vector<std::uint64_t> keys;
    for (auto k : base.keys()) keys.push_back(k);
    for (auto k : base.keys()) keys.push_back(TaggerModel::stage_key(k, 1));
    for (auto k : doc_index.keys()) keys.push_back(TaggerModel::stage_key(k, 1));
    auto combined = [&](const std::vector<float>& w2, const std::vector<float>& t2) {
        std::vector<float> w = w1;
        w.insert(w.end(), w2.begin(), w2.end());
        std::vector<float> t = t1;
        t.insert(t.end(), t2.begin(), t2.end());
        return std::pair(std::move(w), std::move(t));
    };
    std::vector<float> w_all, t_all;
    // The surname rule (TaggerModel::kSurnameRule) is kept when dev says so
    // (each epoch is scored with and without it; a tie keeps it); without dev
    // it is on: CoNLL-2003 train has such a lone word a person 1,677 times, a
    // place 5.
    report.surname_rule = true;
    {
        Ensemble p(base_count + doc_count, m_options.ensemble, m_options.seed + 100);
        double best = -1;
        for (int epoch = 1; epoch <= m_options.epochs; ++epoch) {
            const auto mistakes = p.epoch(examples2, all);
            std::string line = "stage 2 epoch " + std::to_string(epoch) + ": " + std::to_string(mistakes) + " wrong tags";
            if (dev) {
                auto [w, t] = combined(p.weights(), p.transitions());
                auto score = [&](bool rule) {
                    const std::uint32_t f = flags | (rule ? TaggerModel::kSurnameRule : 0);
                    return evaluate_dev(TaggerModel::from_weights(keys, w, t, 2, m_clusters, 1.f, f, "{}"));
                };
                const auto with_rule = score(true), without = score(false);
                const bool rule = with_rule.f1(EntityType::Location) >= without.f1(EntityType::Location);
                const auto& scores = rule ? with_rule : without;
                report.dev_by_epoch.push_back(scores);
                line += scores_line(with_rule) + "; without the surname rule" + scores_line(without).substr(1);
                if (scores.f1(EntityType::Location) > best)
                    best = scores.f1(EntityType::Location), report.best_epoch = epoch, report.surname_rule = rule,
                    w_all = std::move(w), t_all = std::move(t);
            }
            progress(line);
        }
        if (!dev) {
            std::tie(w_all, t_all) = combined(p.weights(), p.transitions());
            report.best_epoch = m_options.epochs;
        }
    }
    const std::uint32_t model_flags = flags | (report.surname_rule ? TaggerModel::kSurnameRule : 0);
    report.features = base_count * 2 + doc_count;

    // 6. Temperature: the one that makes predicted toponym spans' probabilities
    // best match how often they are right (log loss), on dev (else training).
    TaggerModel model = TaggerModel::from_weights(keys, w_all, t_all, 2, m_clusters, 1.f, model_flags, "{}");
    {
        const ToponymTagger tagger(model, m_gazetteer);
        struct Doc {
            std::vector<std::vector<std::string_view>> words;
            std::vector<const NerSentence*> sentences;
        };
        std::vector<Doc> calib;
        if (dev) {
            for (auto [b, e] : documents(*dev)) {
                Doc d;
                for (std::size_t s = b; s < e; ++s) {
                    d.sentences.push_back(&dev->sentences[s]);
                    d.words.emplace_back(dev->sentences[s].words.begin(), dev->sentences[s].words.end());
                }
                calib.push_back(std::move(d));
            }
        } else {
            for (auto [b, e] : docs) {
                Doc d;
                for (std::size_t s = b; s < e; ++s) d.sentences.push_back(sentences[s]), d.words.push_back(words[s]);
                calib.push_back(std::move(d));
            }
        }
        double best_loss = 1e300;
        float best_t = 1;
        for (float temp = 0.25f; temp <= 64.f; temp *= 1.1892f) {
            double loss = 0;
            std::size_t count = 0;
            for (const auto& d : calib) {
                std::vector<std::span<const std::string_view>> spans(d.words.begin(), d.words.end());
                const auto found = tagger.tag_document_spans(spans, temp);
                for (std::size_t s = 0; s < found.size(); ++s)
                    for (const auto& f : found[s]) {
                        const auto* sent = d.sentences[s];
                        const EntitySpan e{sent->source_token[f.first_token], sent->source_token[f.last_token],
                                           EntityType::Location};
                        const bool right = std::find(sent->gold.begin(), sent->gold.end(), e) != sent->gold.end();
                        const double p = std::clamp<double>(f.probability, 1e-6, 1 - 1e-6);
                        loss -= right ? std::log(p) : std::log(1 - p);
                        ++count;
                    }
            }
            if (count && loss < best_loss) best_loss = loss, best_t = temp;
        }
        report.temperature = best_t;
    }

    nlohmann::json meta = nlohmann::json::parse(m_options.metadata);
    meta["seed"] = m_options.seed;
    meta["epochs"] = m_options.epochs;
    meta["ensemble"] = m_options.ensemble;
    meta["stage1_best_epoch"] = report.stage1_epoch;
    meta["stage2_best_epoch"] = report.best_epoch;
    meta["min_feature_count"] = m_options.min_feature_count;
    meta["features_learned"] = report.features;
    meta["clustered_words"] = report.clustered_words;
    meta["temperature"] = report.temperature;
    meta["surname_rule"] = report.surname_rule;
    meta["calibrated_on"] = dev ? dev->path : std::string("training data");
    if (!report.dev_by_epoch.empty()) {
        const auto& d = report.dev_by_epoch[report.best_epoch - 1];
        meta["dev"] = {{"file", dev->path},
                       {"loc_precision", d.precision(EntityType::Location)},
                       {"loc_recall", d.recall(EntityType::Location)},
                       {"loc_f1", d.f1(EntityType::Location)},
                       {"all_f1", d.f1(EntityType::None)}};
    }
    if (m_gazetteer)
        meta["gazetteer"] = {{"places", m_gazetteer->place_count()}, {"keys", m_gazetteer->key_count()}};
    model.set_temperature(report.temperature);
    model.set_metadata(meta.dump());
    return model;
}

}  // namespace conflictmap::recognize
