#include "resolve/geocoder.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "text/tokenizer.hpp"

namespace conflictmap::resolve {

Geocoder::Geocoder(const gazetteer::Gazetteer& gazetteer, GeocodeOptions options)
    : m_gazetteer(gazetteer),
      m_options(options),
      m_matcher(gazetteer, recognize::Lexicon::builtin(), {options.demonyms, 6}),
      m_resolver(gazetteer) {}

std::vector<ResolvedMention> Geocoder::run(const io::Document& doc) {
    const auto tokens = text::tokenize(doc.text);
    auto found = m_matcher.find(doc.text, tokens, m_normalizer);
    if (!m_options.spans_only) return m_resolver.resolve(doc.text, found);
    // Resolve-only: the user's spans, with what the recognizer finds as context.
    return m_resolver.resolve(doc.text, given_spans(doc), found);
}

std::vector<recognize::Mention> Geocoder::given_spans(const io::Document& doc) {
    // Code point offset -> byte offset.
    std::vector<std::uint32_t> byte_at;
    byte_at.reserve(doc.text.size() + 1);
    for (std::uint32_t i = 0; i < doc.text.size(); ++i)
        if ((static_cast<unsigned char>(doc.text[i]) & 0xC0) != 0x80) byte_at.push_back(i);
    byte_at.push_back(static_cast<std::uint32_t>(doc.text.size()));
    const std::uint32_t length = static_cast<std::uint32_t>(byte_at.size() - 1);

    std::vector<recognize::Mention> out;
    for (const auto& s : *doc.spans) {
        if (s.end > length)
            throw DataError(doc.source, doc.line,
                            "document '" + doc.id + "': span [" + std::to_string(s.start) + ", " +
                                std::to_string(s.end) + ") is past the end of its text (" +
                                std::to_string(length) + " code points)");
        recognize::Mention m;
        m.cp_begin = s.start;
        m.cp_end = s.end;
        m.begin = byte_at[s.start];
        m.end = byte_at[s.end];
        m.key = m_normalizer.key(std::string_view(doc.text).substr(m.begin, m.end - m.begin));
        m.postings = m_gazetteer.find_key(m.key);
        // A span the user marked is a toponym: a name found only as a demonym
        // still resolves to its place.
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    return out;
}

}  // namespace conflictmap::resolve
