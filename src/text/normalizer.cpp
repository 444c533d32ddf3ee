#include "text/normalizer.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>
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
    bool ascii = true;
    for (const char ch : name) {
        if (static_cast<unsigned char>(ch) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        fold_ascii_key(name, out);
        return;
    }
    std::string latin;
    transliterate(name, latin);
    fold_ascii_key(latin, out);
}

void Normalizer::transliterate(std::string_view name, std::string& out) {
    if (!m_transliterator) {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        m_transliterator.reset(icu::Transliterator::createFromRules(
            "conflictmap-key", icu::UnicodeString::fromUTF8(kRules), UTRANS_FORWARD, parse_error,
            status));
        if (U_FAILURE(status) || !m_transliterator) {
            throw LibraryError("ICU", std::string("cannot create transliterator: ") +
                                          u_errorName(status));
        }
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    m_transliterator->transliterate(u);
    u.toUTF8String(out);
}

}  // namespace conflictmap::text
