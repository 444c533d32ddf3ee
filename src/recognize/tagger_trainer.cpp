#include "recognize/tagger_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <random>
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

}  // namespace

TaggerTrainer::TaggerTrainer(const gazetteer::Gazetteer* gazetteer, TaggerTrainOptions options)
    : m_gazetteer(gazetteer), m_options(std::move(options)) {}

TaggerModel TaggerTrainer::train(const std::vector<const NerCorpus*>& training, const NerCorpus* dev,
                                 const std::function<void(const std::string&)>& progress, TaggerTrainReport& report) {
    std::vector<const NerSentence*> sentences;
    for (const auto* c : training)
        for (const auto& s : c->sentences) sentences.push_back(&s);
    if (sentences.empty()) throw DataError(training.empty() ? "" : training.front()->path, 0, "no training sentences");

    // 1. Word clusters from the training text (labels unused).
    std::vector<std::vector<std::string>> text;
    text.reserve(sentences.size());
    for (const auto* s : sentences) text.push_back(s->words);
    ClusterOptions co = m_options.clusters;
    co.seed = m_options.seed;
    WordClusters clusters = WordClusters::train(text, co);
    text.clear();
    report.clustered_words = clusters.size();
    progress("clusters: " + std::to_string(clusters.size()) + " words");

    // 2. Features, with a count cutoff; ids in first-seen order (deterministic).
    FeatureExtractor extractor(m_gazetteer, clusters);
    std::vector<std::vector<std::uint64_t>> raw(sentences.size());
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    std::vector<std::string_view> words;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        words.assign(sentences[s]->words.begin(), sentences[s]->words.end());
        extractor.extract(words, raw[s]);
        for (auto f : raw[s])
            if (f) ++counts[f];
    }
    std::unordered_map<std::uint64_t, std::uint32_t> id_of;
    std::vector<std::uint64_t> keys;
    std::vector<Example> examples(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        auto& ex = examples[s];
        ex.gold = sentences[s]->tags;
        const std::size_t n = sentences[s]->words.size();
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t k = 0; k < FeatureExtractor::kSlots; ++k) {
                const auto f = raw[s][i * FeatureExtractor::kSlots + k];
                if (!f || counts[f] < static_cast<std::uint32_t>(m_options.min_feature_count)) continue;
                auto [it, fresh] = id_of.try_emplace(f, static_cast<std::uint32_t>(keys.size()));
                if (fresh) keys.push_back(f);
                ex.ids.push_back(it->second);
            }
            ex.ids.push_back(kEnd);
        }
        raw[s].clear();
        raw[s].shrink_to_fit();
    }
    counts.clear();
    id_of.clear();
    report.features = keys.size();
    progress("features: " + std::to_string(keys.size()) + " (seen >= " + std::to_string(m_options.min_feature_count) +
             " times) over " + std::to_string(sentences.size()) + " sentences");

    // 3. Averaged perceptron.
    constexpr int T = kTagCount;
    const std::size_t transition_count = (T + 1) * T;
    AveragedWeights weights, transitions;
    weights.resize(keys.size() * T);
    transitions.resize(transition_count);
    std::vector<std::size_t> order(examples.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(m_options.seed);
    double step = 1;
    std::vector<float> emissions;
    std::vector<std::uint8_t> predicted;
    std::vector<float> best_weights, best_transitions;
    double best_f1 = -1;
    const std::uint32_t flags = m_gazetteer ? TaggerModel::kUsesGazetteer : 0;

    auto make_model = [&](const std::vector<float>& w, const std::vector<float>& t, float temperature) {
        return TaggerModel::from_weights(keys, w, t.data(), clusters, temperature, flags, m_options.metadata);
    };

    for (int epoch = 1; epoch <= m_options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        std::size_t mistakes = 0, words_seen = 0;
        for (std::size_t o : order) {
            const Example& ex = examples[o];
            const std::size_t n = ex.gold.size();
            emissions.assign(n * T, 0.f);
            {
                std::size_t word = 0;
                for (auto id : ex.ids) {
                    if (id == kEnd) {
                        ++word;
                        continue;
                    }
                    const float* w = &weights.w[std::size_t(id) * T];
                    for (int j = 0; j < T; ++j) emissions[word * T + j] += w[j];
                }
            }
            predicted.resize(n);
            detail::viterbi(emissions.data(), n, transitions.w.data(), predicted.data());
            words_seen += n;
            if (predicted != ex.gold) {
                std::size_t word = 0;
                for (auto id : ex.ids) {
                    if (id == kEnd) {
                        ++word;
                        continue;
                    }
                    if (predicted[word] == ex.gold[word]) continue;
                    weights.update(std::size_t(id) * T + ex.gold[word], 1.f, step);
                    weights.update(std::size_t(id) * T + predicted[word], -1.f, step);
                }
                for (std::size_t i = 0; i < n; ++i) {
                    const int gp = i ? ex.gold[i - 1] : detail::kStartRow, pp = i ? predicted[i - 1] : detail::kStartRow;
                    if (gp == pp && ex.gold[i] == predicted[i]) continue;
                    transitions.update(std::size_t(gp) * T + ex.gold[i], 1.f, step);
                    transitions.update(std::size_t(pp) * T + predicted[i], -1.f, step);
                    if (ex.gold[i] != predicted[i]) ++mistakes;
                }
            }
            step += 1;
        }
        std::string line = "epoch " + std::to_string(epoch) + ": " + std::to_string(mistakes) + " wrong tags of " +
                           std::to_string(words_seen);
        if (dev) {
            auto w = weights.average(step), t = transitions.average(step);
            const ToponymTagger tagger(make_model(w, t, 1.f), m_gazetteer);
            const auto scores = evaluate(*dev, [&](auto words) { return tagger.tag_words(words); });
            report.dev_by_epoch.push_back(scores);
            const double f1 = scores.f1(EntityType::Location);
            char buf[128];
            std::snprintf(buf, sizeof buf, "; dev LOC P %.4f R %.4f F1 %.4f, all F1 %.4f",
                          scores.precision(EntityType::Location), scores.recall(EntityType::Location), f1,
                          scores.f1(EntityType::None));
            line += buf;
            if (f1 > best_f1) {
                best_f1 = f1;
                report.best_epoch = epoch;
                best_weights = std::move(w);
                best_transitions = std::move(t);
            }
        }
        progress(line);
    }
    if (!dev) {
        best_weights = weights.average(step);
        best_transitions = transitions.average(step);
        report.best_epoch = m_options.epochs;
    }
    weights = {};
    transitions = {};

    // 4. Temperature: the one that makes predicted toponym spans' probabilities
    // best match how often they are right (log loss), on dev (else training).
    TaggerModel model = make_model(best_weights, best_transitions, 1.f);
    {
        const ToponymTagger tagger(make_model(best_weights, best_transitions, 1.f), m_gazetteer);
        std::vector<const NerSentence*> calib;
        if (dev) {
            for (const auto& s : dev->sentences) calib.push_back(&s);
        } else {
            calib = sentences;
        }
        // Keep the lattice inputs of sentences with a predicted toponym.
        struct Item {
            std::vector<float> e;
            std::vector<std::pair<std::size_t, std::size_t>> spans;
            std::vector<bool> right;
        };
        std::vector<Item> items;
        const std::uint8_t B = begin_tag(EntityType::Location), I = inside_tag(EntityType::Location);
        for (const auto* s : calib) {
            words.assign(s->words.begin(), s->words.end());
            const auto tags = tagger.tag_words(words);
            Item item;
            for (std::size_t i = 0; i < tags.size(); ++i) {
                if (tags[i] != B) continue;
                std::size_t j = i;
                while (j + 1 < tags.size() && tags[j + 1] == I) ++j;
                const EntitySpan e{s->source_token[i], s->source_token[j], EntityType::Location};
                item.spans.emplace_back(i, j);
                item.right.push_back(std::find(s->gold.begin(), s->gold.end(), e) != s->gold.end());
                i = j;
            }
            if (item.spans.empty()) continue;
            // Recompute emissions exactly as the tagger does.
            std::vector<float> e(words.size() * kTagCount);
            {
                std::vector<std::uint64_t> feats;
                extractor.extract(words, feats);
                for (std::size_t w = 0; w < words.size(); ++w) {
                    std::int32_t acc[kTagCount] = {};
                    for (std::size_t k = 0; k < FeatureExtractor::kSlots; ++k) {
                        const auto f = feats[w * FeatureExtractor::kSlots + k];
                        if (!f) continue;
                        if (const std::int16_t* q = model.find(f))
                            for (int j = 0; j < kTagCount; ++j) acc[j] += q[j];
                    }
                    for (int j = 0; j < kTagCount; ++j) e[w * kTagCount + j] = acc[j] * model.scale();
                }
            }
            item.e = std::move(e);
            items.push_back(std::move(item));
        }
        double best_loss = 1e300;
        float best_t = 1;
        detail::Marginals m;
        for (float t = 0.25f; t <= 64.f; t *= 1.1892f) {
            double loss = 0;
            std::size_t count = 0;
            for (const auto& item : items) {
                m.compute(item.e.data(), item.e.size() / kTagCount, model.transitions(), t);
                for (std::size_t k = 0; k < item.spans.size(); ++k) {
                    const double p = std::clamp<double>(
                        m.span_probability(item.spans[k].first, item.spans[k].second, EntityType::Location), 1e-6,
                        1 - 1e-6);
                    loss -= item.right[k] ? std::log(p) : std::log(1 - p);
                    ++count;
                }
            }
            if (count && loss < best_loss) best_loss = loss, best_t = t;
        }
        report.temperature = best_t;
    }

    nlohmann::json meta = nlohmann::json::parse(m_options.metadata);
    meta["seed"] = m_options.seed;
    meta["epochs"] = m_options.epochs;
    meta["best_epoch"] = report.best_epoch;
    meta["min_feature_count"] = m_options.min_feature_count;
    meta["features_learned"] = report.features;
    meta["clustered_words"] = report.clustered_words;
    meta["temperature"] = report.temperature;
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
