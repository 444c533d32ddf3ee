#include "text/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include "core/error.hpp"

namespace conflictmap::text {

namespace {

// Azerbaijani schwa is written "a" in GeoNames' ASCII names (Xankəndi ->
// Xankandi, Gəncə -> Ganja); ICU's Latin-ASCII would leave it alone.
// Modifier-letter apostrophes and primes (Uzbek, Arabic romanisations) become
// plain apostrophes so the ASCII step drops them.
constexpr const char* kRules =
    "[\\u0259\\u01DD] > a; [\\u018F\\u018E] > A;"
    "[\\u02BC\\u02BB\\u02B9\\u02BF\\u02BE\\u2019\\u2018\\u00B4\\u02C8] > \\'; "
    "::NFKC; ::Any-Latin; ::Latin-ASCII; ::Any-Lower;";

// The same without Any-Latin, for names already in Latin script.
constexpr const char* kLatinRules =
    "[\\u0259\\u01DD] > a; [\\u018F\\u018E] > A;"
    "[\\u02BC\\u02BB\\u02B9\\u02BF\\u02BE\\u2019\\u2018\\u00B4\\u02C8] > \\'; "
    "::NFKC; ::Latin-ASCII; ::Any-Lower;";

// Latin letters, combining marks, modifier letters and punctuation: what
// Any-Latin leaves as it is.
bool latin_only(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
        if (c < 0x0370 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2000 && c <= 0x206F)) continue;
        return false;
    }
    return true;
}

icu::Transliterator* create(const char* name, const char* rules) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::Transliterator* t = icu::Transliterator::createFromRules(
        name, icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, parse_error, status);
    if (U_FAILURE(status) || !t)
        throw LibraryError("ICU", std::string("cannot create transliterator: ") + u_errorName(status));
    return t;
}

inline char classify(unsigned char c) {
    // 0: drop, 1: keep (lower-cased), 2: separator
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return 1;
    if (c >= 'A' && c <= 'Z') return 1;
    if (c == '.' || c == '\'' || c == '`') return 0;
    if (c >= 0x80) return 1;  // left over after transliteration (symbols): keep as is
    return 2;
}

}  // namespace

void fold_ascii_key(std::string_view in, std::string& out) {
    bool pending_space = false;
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        switch (classify(c)) {
            case 0:
                break;
            case 1:
                if (pending_space && !out.empty()) out.push_back(' ');
                pending_space = false;
                out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : ch);
                break;
            default:
                pending_space = true;
                break;
        }
    }
}

Normalizer::Normalizer() = default;
Normalizer::~Normalizer() = default;

std::string Normalizer::key(std::string_view name) {
    std::string out;
    key(name, out);
    return out;
}

void Normalizer::key(std::string_view name, std::string& out) {
    out.clear();
    // One pass for the common case: fold as ASCII, and start over through
    // ICU only if a non-ASCII byte turns up.
    bool pending_space = false;
    bool ascii = true;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            ascii = false;
            break;
        }
        const char k = classify(c);
        if (k == 1) {
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : ch);
        } else if (k == 2) {
            pending_space = true;
        }
    }
    if (ascii) return;
    out.clear();
    std::string latin;
    transliterate(name, latin);
    fold_ascii_key(latin, out);
}

void Normalizer::transliterate(std::string_view name, std::string& out) {
    icu::Transliterator* t = nullptr;
    if (latin_only(name)) {
        // Most Latin names only carry accents: NFKD, drop the combining marks,
        // and if ASCII is left that is the key (what Latin-ASCII gives, at a
        // fraction of the cost). Letters that do not decompose (ə, ß, æ, ø, ł,
        // modifier apostrophes) go through the Latin transliterator.
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
        if (U_SUCCESS(status)) {
            icu::UnicodeString u = icu::UnicodeString::fromUTF8(
                icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
            const icu::UnicodeString d = nfkd->normalize(u, status);
            if (U_SUCCESS(status)) {
                std::string ascii;
                ascii.reserve(static_cast<std::size_t>(d.length()));
                bool ok = true;
                for (int32_t i = 0; i < d.length() && ok; ++i) {
                    const char16_t c = d.charAt(i);
                    if (c >= 0x0300 && c <= 0x036F) continue;  // combining mark
                    if (c >= 0x80) ok = false;
                    else ascii.push_back(static_cast<char>(c));
                }
                if (ok) {
                    out = std::move(ascii);
                    return;
                }
            }
        }
        if (!m_latin) m_latin.reset(create("conflictmap-latin-key", kLatinRules));
        t = m_latin.get();
    } else {
        if (!m_transliterator) m_transliterator.reset(create("conflictmap-key", kRules));
        t = m_transliterator.get();
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    t->transliterate(u);
    u.toUTF8String(out);
}

}  // namespace conflictmap::text
