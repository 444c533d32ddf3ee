#include "recognize/toponym_tagger.hpp"

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

void ToponymTagger::emissions(std::span<const std::string_view> words, std::vector<float>& out) const {
    thread_local std::vector<std::uint64_t> features;
    m_features.extract(words, features);
    const std::size_t n = words.size();
    out.resize(n * kTagCount);
    const TaggerModel& model = *m_model;
    const float scale = model.scale();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t* f = &features[i * FeatureExtractor::kSlots];
        for (std::size_t k = 0; k < FeatureExtractor::kSlots && f[k]; ++k)
            __builtin_prefetch(model.slot_for_prefetch(f[k]));
        std::int32_t acc[kTagCount] = {};
        for (std::size_t k = 0; k < FeatureExtractor::kSlots && f[k]; ++k) {
            if (const std::int16_t* w = model.find(f[k]))
                for (int j = 0; j < kTagCount; ++j) acc[j] += w[j];
        }
        for (int j = 0; j < kTagCount; ++j) out[i * kTagCount + j] = static_cast<float>(acc[j]) * scale;
    }
}

std::vector<std::uint8_t> ToponymTagger::tag_words(std::span<const std::string_view> words) const {
    thread_local std::vector<float> e;
    std::vector<std::uint8_t> tags(words.size());
    if (words.empty()) return tags;
    emissions(words, e);
    detail::viterbi(e.data(), words.size(), m_model->transitions(), tags.data());
    return tags;
}

std::vector<TaggedSpan> ToponymTagger::tag(std::string_view text, const std::vector<text::Token>& tokens,
                                           std::vector<float>* token_probability) const {
    std::vector<TaggedSpan> out;
    if (token_probability) token_probability->assign(tokens.size(), 0.f);
    thread_local std::vector<std::string_view> words;
    thread_local std::vector<float> e;
    thread_local std::vector<std::uint8_t> tags;
    thread_local detail::Marginals marginals;
    const std::uint8_t B = begin_tag(EntityType::Location), I = inside_tag(EntityType::Location);
    std::size_t start = 0;
    while (start < tokens.size()) {
        std::size_t end = start + 1;
        while (end < tokens.size() && end - start < kMaxSentence && !tokens[end].is(text::kSentenceStart)) ++end;
        words.clear();
        for (std::size_t i = start; i < end; ++i)
            words.push_back(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        const std::size_t n = words.size();
        emissions(words, e);
        tags.resize(n);
        detail::viterbi(e.data(), n, m_model->transitions(), tags.data());
        bool any = false;
        for (auto t : tags) any |= t == B;
        if (any || token_probability) {
            marginals.compute(e.data(), n, m_model->transitions(), m_model->temperature());
            if (token_probability)
                for (std::size_t i = 0; i < n; ++i) (*token_probability)[start + i] = marginals.at(i, B) + marginals.at(i, I);
            for (std::size_t i = 0; i < n; ++i) {
                if (tags[i] != B) continue;
                std::size_t j = i;
                while (j + 1 < n && tags[j + 1] == I) ++j;
                out.push_back({static_cast<std::uint32_t>(start + i), static_cast<std::uint32_t>(start + j),
                               marginals.span_probability(i, j, EntityType::Location)});
                i = j;
            }
        }
        start = end;
    }
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
