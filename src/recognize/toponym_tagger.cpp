#include "recognize/toponym_tagger.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "build_config.hpp"
#include "core/error.hpp"
#include "recognize/detail/lattice.hpp"

namespace conflictmap::recognize {

namespace fs = std::filesystem;

namespace {

// Longest stretch decoded as one sequence: keeps a text without sentence
// punctuation (a table, a list of tweets) from becoming one huge lattice.
constexpr std::size_t kMaxSentence = 250;

// An emission score no path through the lattice takes (scores are ~10^2;
// exp(kBarred / T) is 0 in the marginals).
constexpr float kBarred = -1e6f;

}  // namespace

ToponymTagger ToponymTagger::load(const std::string& path, const gazetteer::Gazetteer* gazetteer) {
    return ToponymTagger(TaggerModel::read(path), gazetteer, path);
}

ToponymTagger::ToponymTagger(TaggerModel model, const gazetteer::Gazetteer* gazetteer, const std::string& name)
    : m_model(std::make_unique<const TaggerModel>(std::move(model))),
      m_gazetteer(gazetteer),
      m_features(m_model->uses_gazetteer() ? gazetteer : nullptr, m_model->clusters()) {
    if (m_model->uses_gazetteer() && !gazetteer)
        throw UsageError("recognizer model " + name +
                         " was trained with gazetteer features and needs the gazetteer index");
}

void ToponymTagger::emissions(std::span<const std::string_view> words, int stage,
                              const std::vector<std::uint16_t>* hints, std::vector<float>& out) const {
    thread_local std::vector<std::uint64_t> features;
    thread_local std::vector<std::uint8_t> classes;
    m_features.extract(words, features, hints ? &classes : nullptr);
    if (hints) FeatureExtractor::document_features(classes, *hints, features);
    const std::size_t n = words.size();
    out.resize(n * kTagCount);
    const TaggerModel& model = *m_model;
    const float scale = model.scale();
    constexpr std::size_t S = FeatureExtractor::kSlots;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t* f = &features[i * S];
        // Keys of this stage; prefetch their slots before the first lookup
        // so the cache misses overlap (a word has ~45 features).
        for (std::size_t k = 0; k < S; ++k) {
            if (!f[k]) continue;
            f[k] = TaggerModel::stage_key(f[k], stage);
            __builtin_prefetch(model.slot_for_prefetch(f[k]));
        }
        std::int32_t acc[kTagCount] = {};
        for (std::size_t k = 0; k < S; ++k) {
            if (!f[k]) continue;
            if (const std::int16_t* w = model.find(f[k]))
                for (int j = 0; j < kTagCount; ++j) acc[j] += w[j];
        }
        for (int j = 0; j < kTagCount; ++j) out[i * kTagCount + j] = static_cast<float>(acc[j]) * scale;
    }
}

void ToponymTagger::decode_document(const std::vector<std::span<const std::string_view>>& sentences,
                                    std::vector<std::vector<std::uint8_t>>& tags, const SentenceDone& done) const {
    thread_local std::vector<float> e;
    tags.resize(sentences.size());
    const int stages = m_model->stages();
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        tags[s].resize(sentences[s].size());
        if (sentences[s].empty()) continue;
        emissions(sentences[s], 0, nullptr, e);
        detail::viterbi(e.data(), sentences[s].size(), m_model->transitions(0), tags[s].data());
        if (stages == 1 && done) done(s, e, tags[s]);
    }
    if (stages == 1) return;
    const auto hints = FeatureExtractor::document_hints(sentences, tags);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        if (sentences[s].empty()) continue;
        emissions(sentences[s], 1, &hints[s], e);
        if (m_model->surname_rule()) {
            // "Washington said" after "MaliVai Washington": in CoNLL-2003
            // train such a lone word is a person 1,677 times, a place 5.
            // Only B-LOC is barred, so "Korea" after "N. Korea" the person
            // (a first-stage slip) still ends "North Korea". +0.3 point dev
            // LOC F1 (mean of 5 seeds, 0.9583 -> 0.9612).
            for (std::size_t i = 0; i < sentences[s].size(); ++i)
                if (hints[s][i] & FeatureExtractor::kSurnameHint)
                    e[i * kTagCount + begin_tag(EntityType::Location)] = kBarred;
        }
        detail::viterbi(e.data(), sentences[s].size(), m_model->transitions(1), tags[s].data());
        if (done) done(s, e, tags[s]);
    }
}

std::vector<std::vector<std::uint8_t>> ToponymTagger::tag_document(
    const std::vector<std::span<const std::string_view>>& sentences) const {
    std::vector<std::vector<std::uint8_t>> tags;
    decode_document(sentences, tags, nullptr);
    return tags;
}

std::vector<TaggedSpan> ToponymTagger::tag(std::string_view text, const std::vector<text::Token>& tokens,
                                           std::vector<float>* token_probability) const {
    std::vector<TaggedSpan> out;
    if (token_probability) token_probability->assign(tokens.size(), 0.f);
    std::vector<std::string_view> words;
    words.reserve(tokens.size());
    for (const auto& t : tokens) words.push_back(text.substr(t.begin, t.end - t.begin));
    std::vector<std::span<const std::string_view>> sentences;
    std::vector<std::size_t> first;
    for (std::size_t start = 0; start < tokens.size();) {
        std::size_t end = start + 1;
        while (end < tokens.size() && end - start < kMaxSentence && !tokens[end].is(text::kSentenceStart)) ++end;
        sentences.emplace_back(words.data() + start, end - start);
        first.push_back(start);
        start = end;
    }
    std::vector<std::vector<float>> probability;
    const auto spans = tag_document_spans(sentences, 0, token_probability ? &probability : nullptr);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        for (auto span : spans[s]) {
            span.first_token += static_cast<std::uint32_t>(first[s]);
            span.last_token += static_cast<std::uint32_t>(first[s]);
            out.push_back(span);
        }
        if (token_probability)
            std::copy(probability[s].begin(), probability[s].end(), token_probability->begin() + first[s]);
    }
    return out;
}

std::vector<std::vector<TaggedSpan>> ToponymTagger::tag_document_spans(
    const std::vector<std::span<const std::string_view>>& sentences, float temperature,
    std::vector<std::vector<float>>* token_probability) const {
    std::vector<std::vector<TaggedSpan>> out(sentences.size());
    if (token_probability) {
        token_probability->resize(sentences.size());
        for (std::size_t s = 0; s < sentences.size(); ++s) (*token_probability)[s].assign(sentences[s].size(), 0.f);
    }
    if (!(temperature > 0)) temperature = m_model->temperature();
    thread_local detail::Marginals marginals;
    const std::uint8_t B = begin_tag(EntityType::Location), I = inside_tag(EntityType::Location);
    const int last_stage = m_model->stages() - 1;
    std::vector<std::vector<std::uint8_t>> tags;
    decode_document(sentences, tags, [&](std::size_t s, const std::vector<float>& e, const std::vector<std::uint8_t>& t) {
        const std::size_t n = t.size();
        bool any = false;
        for (auto x : t) any |= x == B;
        if (!any && !token_probability) return;
        marginals.compute(e.data(), n, m_model->transitions(last_stage), temperature);
        if (token_probability)
            for (std::size_t i = 0; i < n; ++i) (*token_probability)[s][i] = marginals.at(i, B) + marginals.at(i, I);
        for (std::size_t i = 0; i < n; ++i) {
            if (t[i] != B) continue;
            std::size_t j = i;
            while (j + 1 < n && t[j + 1] == I) ++j;
            out[s].push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                              marginals.span_probability(i, j, EntityType::Location)});
            i = j;
        }
    });
    return out;
}

std::vector<std::string> recognizer_search_path(const std::optional<std::string>& option) {
    auto as_model = [](const std::string& p) {
        std::error_code ec;
        return fs::is_directory(p, ec) ? (fs::path(p) / kRecognizerFileName).string() : p;
    };
    auto env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        if (v && *v) return std::string(v);
        return std::nullopt;
    };
    std::vector<std::string> out;
    if (option) out.push_back(as_model(*option));
    if (auto e = env(kRecognizerEnv)) out.push_back(as_model(*e));
    out.push_back((fs::path(build_config::kSourceDir) / "geodata" / "recognizer" / kRecognizerFileName).string());
    if (auto x = env("XDG_DATA_HOME")) {
        out.push_back((fs::path(*x) / "conflictmap" / kRecognizerFileName).string());
    } else if (auto h = env("HOME")) {
        out.push_back((fs::path(*h) / ".local/share/conflictmap" / kRecognizerFileName).string());
    }
    out.push_back(std::string("/usr/local/share/conflictmap/") + kRecognizerFileName);
    out.push_back(std::string("/usr/share/conflictmap/") + kRecognizerFileName);
    return out;
}

std::string locate_recognizer(const std::optional<std::string>& option) {
    const auto paths = recognizer_search_path(option);
    std::error_code ec;
    // An explicit option that names nothing is an error of its own: falling
    // back silently would tag with another model than the one asked for.
    if (option && !fs::exists(paths.front(), ec))
        throw MissingDataError("no recognizer model at " + paths.front() + " (from --recognizer)");
    for (const auto& p : paths)
        if (fs::is_regular_file(p, ec)) return p;
    std::string msg = "no recognizer model found; looked in:";
    for (const auto& p : paths) msg += "\n  " + p;
    msg += "\ntrain one with `conflictmap train-recognizer` (geodata/recognizer/README.md), or point "
           "--recognizer or $CONFLICTMAP_RECOGNIZER at one";
    throw MissingDataError(msg);
}

}  // namespace conflictmap::recognize
