// Lookup throughput of the compiled gazetteer (scripts/bench-gazetteer runs it).
// Prints one "name: value" line per figure. Not a test: it asserts nothing.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/normalizer.hpp"

using namespace conflictmap;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const std::string path = gazetteer::locate_index(argc > 1 ? std::optional<std::string>(argv[1])
                                                              : std::nullopt);
    const auto t_open = Clock::now();
    const gazetteer::Gazetteer g(path);
    const double open_us = std::chrono::duration<double, std::micro>(Clock::now() - t_open).count();

    // Query names: the main names of random places (as a recognizer asks).
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.place_count() - 1));
    std::vector<std::string> names;
    const std::size_t n = 1'000'000;
    names.reserve(n);
    for (std::size_t i = 0; i < n; ++i) names.emplace_back(g.place(pick(rng)).name);

    text::Normalizer normalizer;
    std::string key;
    std::size_t hits = 0;
    // Warm the pages once, then measure.
    for (std::size_t i = 0; i < 100000; ++i) {
        normalizer.key(names[i], key);
        hits += g.find_key(key).size();
    }
    hits = 0;
    auto t0 = Clock::now();
    for (const auto& name : names) {
        normalizer.key(name, key);
        const auto postings = g.find_key(key);
        if (!postings.empty()) hits += postings[0].place & 1;  // touch the best posting
    }
    const double full_s = std::chrono::duration<double>(Clock::now() - t0).count();

    std::vector<std::string> keys;
    keys.reserve(n);
    for (const auto& name : names) keys.push_back(normalizer.key(name));
    t0 = Clock::now();
    for (const auto& k : keys) {
        const auto postings = g.find_key(k);
        if (!postings.empty()) hits += postings[0].place & 1;
    }
    const double key_s = std::chrono::duration<double>(Clock::now() - t0).count();

    std::printf("index: %s\n", path.c_str());
    std::printf("places: %zu\nkeys: %zu\n", g.place_count(), g.key_count());
    std::printf("open_us: %.1f\n", open_us);
    std::printf("lookups_per_s_with_normalisation: %.0f\n", n / full_s);
    std::printf("lookups_per_s_prenormalised: %.0f\n", n / key_s);
    std::printf("checksum: %zu\n", hits);
    return 0;
}
