#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace conflictmap::text {

// Turns a place name into the key the gazetteer index is searched by, so that
// "Степанакерт", "Stepanakert" and "STEPANAKERT" meet, and "Xankəndi" meets
// GeoNames' ASCII form "Xankandi":
//   NFKC, transliteration of any script to Latin (ICU Any-Latin), Latin to
//   ASCII (diacritics dropped, ß -> ss), lower case; then dots and apostrophes
//   are dropped ("U.S." -> "us", "Step'anakert" -> "stepanakert") and any other
//   run of punctuation or space becomes one space ("Nagorno-Karabakh" ->
//   "nagorno karabakh").
// Pure-ASCII input takes a fast path that gives the same result without ICU,
// so a lookup of an English name never pays the ~10 ms ICU start-up.
// Not thread-safe (ICU transliterators keep state): use one per thread.
class Normalizer {
public:
    Normalizer();
    ~Normalizer();
    Normalizer(const Normalizer&) = delete;
    Normalizer& operator=(const Normalizer&) = delete;

    // The key of valid UTF-8 `name`; empty when nothing searchable is left.
    std::string key(std::string_view name);
    // Same, appending to `out` (cleared first): no allocation on the hot path.
    void key(std::string_view name, std::string& out);

private:
    void transliterate(std::string_view name, std::string& out);
    std::unique_ptr<icu::Transliterator> m_transliterator;  // created on first non-Latin name
    // Latin script with diacritics ("Xankəndi", "Şuşa") skips Any-Latin, by
    // far the slowest step and a no-op on Latin: the same key, 5x faster.
    std::unique_ptr<icu::Transliterator> m_latin;
};

// The ASCII folding step alone (lower case, dots/apostrophes dropped, other
// punctuation collapsed to one space), applied to `in` and appended to `out`.
void fold_ascii_key(std::string_view in, std::string& out);

}  // namespace conflictmap::text
