#include "recognize/ner_evaluation.hpp"

#include <algorithm>
#include <cstdio>

namespace conflictmap::recognize {

void EntityScores::add(const std::vector<EntitySpan>& gold_spans, const std::vector<EntitySpan>& predicted_spans) {
    for (const auto& g : gold_spans) ++gold[int(g.type)], ++gold[0];
    for (const auto& p : predicted_spans) {
        ++predicted[int(p.type)], ++predicted[0];
        if (std::find(gold_spans.begin(), gold_spans.end(), p) != gold_spans.end()) ++correct[int(p.type)], ++correct[0];
    }
}

std::string EntityScores::report() const {
    std::string out = "type   precision  recall     F1   gold  predicted  correct\n";
    char line[160];
    for (int t : {1, 2, 3, 4, 0}) {
        const auto type = static_cast<EntityType>(t);
        std::snprintf(line, sizeof line, "%-6s %9.4f %7.4f %6.4f %6zu %10zu %8zu\n", t == 0 ? "all" : to_string(type),
                      precision(type), recall(type), f1(type), gold[t], predicted[t], correct[t]);
        out += line;
    }
    return out;
}

std::vector<EntitySpan> entities_from_tags(const NerSentence& s, const std::vector<std::uint8_t>& tags) {
    std::vector<EntitySpan> out;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == kOutside) continue;
        const EntityType type = tag_type(tags[i]);
        std::size_t j = i;
        while (j + 1 < tags.size() && is_inside(tags[j + 1]) && tag_type(tags[j + 1]) == type) ++j;
        EntitySpan e{s.source_token[i], s.source_token[j], type};
        // Two entities inside one corpus token ("U.S.-Russian") cannot be
        // told apart at the token level: keep the first.
        if (out.empty() || !(out.back().last >= e.first)) out.push_back(e);
        i = j;
    }
    return out;
}

EntityScores evaluate(const NerCorpus& corpus, const DocumentTagger& tagger) {
    EntityScores scores;
    for (const auto& [begin, end] : documents(corpus)) {
        std::vector<std::vector<std::string_view>> words(end - begin);
        std::vector<std::span<const std::string_view>> sentences;
        for (std::size_t s = begin; s < end; ++s) {
            words[s - begin].assign(corpus.sentences[s].words.begin(), corpus.sentences[s].words.end());
            sentences.emplace_back(words[s - begin]);
        }
        const auto tags = tagger(sentences);
        for (std::size_t s = begin; s < end; ++s)
            scores.add(corpus.sentences[s].gold, entities_from_tags(corpus.sentences[s], tags[s - begin]));
    }
    return scores;
}

}  // namespace conflictmap::recognize
