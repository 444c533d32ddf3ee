// libFuzzer target: tokenizer, UTF-8 checks and name keys on arbitrary bytes.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCONFLICTMAP_FUZZ=ON
//        && cmake --build build-fuzz --target fuzz_text && build-fuzz/fuzz_text -max_total_time=60

#include <cstdint>
#include <string>

#include "text/normalizer.hpp"
#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace conflictmap::text;
    const std::string raw(reinterpret_cast<const char*>(data), size);
    const std::string text = replace_invalid_utf8(raw);  // the tools' contract: valid UTF-8 past the reader
    if (find_invalid_utf8(text)) __builtin_trap();
    const auto tokens = tokenize(text);
    std::uint32_t last = 0;
    for (const auto& t : tokens) {
        if (t.begin < last || t.end < t.begin || t.end > text.size()) __builtin_trap();
        last = t.end;
    }
    static Normalizer normalizer;
    (void)normalizer.key(text.substr(0, 256));
    return 0;
}
