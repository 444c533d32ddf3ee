// Measures the recognizer's targets (docs/recognizer.md): model load time,
// resident memory of the loaded model, and tagging speed in tokens per
// second on one core, through ToponymTagger::tag() on running text (the
// tokens of a CoNLL-style file joined into sentences and documents).
// Usage: bench_recognizer MODEL GAZETTEER CONLL_FILE [REPEATS]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "recognize/ner_corpus.hpp"
#include "recognize/toponym_tagger.hpp"
#include "text/tokenizer.hpp"

using namespace conflictmap;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_recognizer MODEL GAZETTEER CONLL_FILE [REPEATS]\n");
        return 2;
    }
    const int repeats = argc > 4 ? std::atoi(argv[4]) : 5;
    const gazetteer::Gazetteer gaz(argv[2]);
    // Running text: sentences on lines, documents apart.
    const auto corpus = recognize::read_ner_corpus(argv[3]);
    std::vector<std::string> docs(1);
    for (const auto& [b, e] : recognize::documents(corpus)) {
        if (!docs.back().empty()) docs.emplace_back();
        for (std::size_t s = b; s < e; ++s) {
            for (std::size_t i = 0; i < corpus.sentences[s].words.size(); ++i) {
                if (i) docs.back() += ' ';
                docs.back() += corpus.sentences[s].words[i];
            }
            docs.back() += "\n\n";
        }
    }
    std::vector<std::vector<text::Token>> tokens;
    std::size_t token_count = 0;
    for (const auto& d : docs) tokens.push_back(text::tokenize(d)), token_count += tokens.back().size();

    // Memory: the first load, kept (later loads reuse freed heap pages).
    const long before = rss_kib();
    const auto tagger = recognize::ToponymTagger::load(argv[1], &gaz);
    const long after_load = rss_kib();
    // Load time: the median of several (the page cache is warm after the first).
    std::vector<double> loads;
    for (int r = 0; r < std::max(repeats, 3); ++r) {
        const auto t = Clock::now();
        const auto again = recognize::ToponymTagger::load(argv[1], &gaz);
        loads.push_back(ms_since(t));
    }
    std::sort(loads.begin(), loads.end());

    std::size_t spans = 0;
    double best_secs = 1e9;
    for (int r = 0; r < repeats; ++r) {
        const auto t = Clock::now();
        std::size_t found = 0;
        for (std::size_t d = 0; d < docs.size(); ++d) found += tagger.tag(docs[d], tokens[d]).size();
        best_secs = std::min(best_secs, ms_since(t) / 1000);
        spans = found;
    }
    const long after_tag = rss_kib();
    std::printf("model: %s (%zu features)\n", argv[1], tagger.model().feature_count());
    std::printf("text: %s, %zu documents, %zu tokens, %zu toponyms found\n", argv[3], docs.size(), token_count, spans);
    std::printf("load_ms_median: %.1f (min %.1f; target <= 100)\n", loads[loads.size() / 2], loads.front());
    std::printf("tokens_per_second: %.0f (one thread, best of %d; target >= 500000)\n", token_count / best_secs, repeats);
    std::printf("model_rss_mib: %.1f (after load minus before; target <= 300)\n", (after_load - before) / 1024.0);
    std::printf("process_rss_mib: %.1f (after tagging, with the gazetteer pages touched)\n", after_tag / 1024.0);
    return 0;
}
