// libFuzzer target: one JSON line of `geocode --input-format jsonl` input,
// with every bad-input policy. Errors must be DataError, never a crash.

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "io/document_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace conflictmap;
    io::DocumentReader::RawLine line;
    line.text.assign(reinterpret_cast<const char*>(data), size);
    line.source = "fuzz";
    line.number = 1;
    for (const auto policy : {io::BadUtf8::Fail, io::BadUtf8::Replace, io::BadUtf8::Skip}) {
        io::ReaderOptions o;
        o.format = io::InputFormat::Jsonl;
        o.bad_utf8 = policy;
        o.want_spans = true;
        io::DocumentReader reader({"-"}, o);
        try {
            (void)reader.parse_line(line);
        } catch (const DataError&) {
        }
    }
    return 0;
}
