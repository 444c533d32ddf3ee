#include "recognize/ner_corpus.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "io/line_reader.hpp"
#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

namespace conflictmap::recognize {

namespace {

struct RawToken {
    std::string text;
    char prefix;  // 'O', 'B', 'I', 'E', 'S'
    EntityType type;
};

bool blank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f') return false;
    return true;
}

class SentenceBuilder {
public:
    explicit SentenceBuilder(NerCorpus& corpus) : m_corpus(corpus) {}

    void add(RawToken t) { m_tokens.push_back(std::move(t)); }
    void document_break() {
        finish();
        m_document_start = true;
    }

    void finish() {
        if (m_tokens.empty()) return;
        NerSentence s;
        s.document_start = m_document_start;
        m_document_start = false;
        s.source_token_count = static_cast<std::uint32_t>(m_tokens.size());
        // Entities over corpus tokens, whatever the scheme: a B/S prefix, or
        // an I/E after O, after another type or after an entity's E/S, starts one.
        EntityType open = EntityType::None;
        bool closed = true;
        for (std::uint32_t i = 0; i < m_tokens.size(); ++i) {
            const auto& t = m_tokens[i];
            if (t.type == EntityType::None || t.prefix == 'O') {
                open = EntityType::None;
                closed = true;
                continue;
            }
            const bool starts = t.prefix == 'B' || t.prefix == 'S' || closed || open != t.type;
            if (starts) {
                s.gold.push_back({i, i, t.type});
            } else {
                s.gold.back().last = i;
            }
            open = t.type;
            closed = t.prefix == 'E' || t.prefix == 'S';
        }
        for (const auto& e : s.gold) ++m_corpus.entities[static_cast<int>(e.type)];
        // Words as the run-time tokenizer splits each corpus token.
        std::vector<std::uint8_t> token_tag(m_tokens.size(), kOutside);
        std::vector<std::uint8_t> token_starts(m_tokens.size(), 0);
        for (const auto& e : s.gold)
            for (auto i = e.first; i <= e.last; ++i) {
                token_tag[i] = inside_tag(e.type);
                token_starts[i] = i == e.first;
            }
        // The sentence as text (tokens joined by spaces), split as at run
        // time: tokenizing each token alone would differ at the edges
        // (a sentence-final "U.S." keeps its dot inside a sentence).
        std::string joined;
        std::vector<std::uint32_t> token_begin;
        for (const auto& t : m_tokens) {
            if (!joined.empty()) joined.push_back(' ');
            token_begin.push_back(static_cast<std::uint32_t>(joined.size()));
            joined += t.text;
        }
        bool pending_begin = false;
        std::uint32_t last_token = 0xffffffffu;
        for (const auto& w : text::tokenize(joined)) {
            const auto i = static_cast<std::uint32_t>(
                std::upper_bound(token_begin.begin(), token_begin.end(), w.begin) - token_begin.begin() - 1);
            if (i != last_token) {
                // An entity whose first token yielded no word begins at the next word.
                for (std::uint32_t k = last_token + 1; k <= i; ++k) {
                    if (token_starts[k]) pending_begin = true;
                    if (token_tag[k] == kOutside) pending_begin = false;
                }
                if (token_starts[i]) pending_begin = true;
                last_token = i;
            }
            s.words.emplace_back(joined.substr(w.begin, w.end - w.begin));
            s.source_token.push_back(i);
            std::uint8_t tag = token_tag[i];
            if (tag != kOutside && pending_begin) tag = begin_tag(tag_type(tag));
            if (tag != kOutside) pending_begin = false;
            s.tags.push_back(tag);
        }
        m_corpus.source_tokens += m_tokens.size();
        m_tokens.clear();
        if (!s.words.empty()) m_corpus.sentences.push_back(std::move(s));
    }

private:
    NerCorpus& m_corpus;
    std::vector<RawToken> m_tokens;
    bool m_document_start = true;
};

}  // namespace

NerCorpus read_ner_corpus(const std::string& path) {
    NerCorpus corpus;
    corpus.path = path;
    io::LineReader reader(path);
    SentenceBuilder builder(corpus);
    std::string_view line;
    std::vector<std::string_view> fields;
    while (reader.next(line)) {
        if (blank(line)) {
            builder.finish();
            continue;
        }
        if (line.starts_with("-DOCSTART-")) {
            builder.document_break();
            continue;
        }
        if (text::find_invalid_utf8(line))
            throw DataError(path, reader.line_number(), "invalid UTF-8");
        io::split(line, line.find('\t') != std::string_view::npos ? '\t' : ' ', fields);
        while (fields.size() > 1 && fields.back().empty()) fields.pop_back();
        if (fields.size() < 2)
            throw DataError(path, reader.line_number(),
                            "expected a token and a label (tab- or space-separated), got \"" +
                                std::string(line.substr(0, 80)) + "\"");
        if (fields.front().empty() || blank(fields.front())) continue;
        const std::string_view label = fields.back();
        RawToken t{std::string(fields.front()), 'O', EntityType::None};
        if (label != "O") {
            if (label.size() < 3 || label[1] != '-' || std::string_view("BIESLU").find(label[0]) == std::string_view::npos)
                throw DataError(path, reader.line_number(),
                                "label \"" + std::string(label) + "\" is neither O nor B-/I-/E-/S-/L-/U- and a type");
            t.prefix = label[0] == 'L' ? 'E' : label[0] == 'U' ? 'S' : label[0];
            t.type = entity_type_from_label(label.substr(2));
        }
        builder.add(std::move(t));
    }
    builder.finish();
    return corpus;
}

std::vector<std::pair<std::size_t, std::size_t>> documents(const NerCorpus& corpus) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t starts = 0;
    for (const auto& s : corpus.sentences) starts += s.document_start;
    for (std::size_t i = 0; i < corpus.sentences.size(); ++i) {
        if (out.empty() || starts < 2 || corpus.sentences[i].document_start) out.emplace_back(i, i);
        out.back().second = i + 1;
    }
    return out;
}

}  // namespace conflictmap::recognize
