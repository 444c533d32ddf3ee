#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "resolve/ranker.hpp"
#include "resolve/ranker_trainer.hpp"

using namespace conflictmap;
using namespace conflictmap::resolve;

TEST_CASE("the built-in weights load and name every feature", "[resolve][ranker]") {
    const auto& w = RankerWeights::builtin();
    CHECK(w[kPrior] > 0);  // a bigger place stays likelier
    const std::string tsv = w.to_tsv("# round trip\n");
    const auto again = RankerWeights::parse(tsv, "round trip");
    for (int f = 0; f < kFeatureCount; ++f) CHECK(again[f] == Approx(w[f]).margin(1e-4));
    CHECK_NOTHROW(RankerWeights::starting());
}

TEST_CASE("a bad weights file names its line", "[resolve][ranker]") {
    CHECK_THROWS_WITH(RankerWeights::parse("prior\t1\nbogus\t2\n", "w.tsv"), Catch::Contains("w.tsv:2") &&
                                                                           Catch::Contains("bogus"));
    CHECK_THROWS_WITH(RankerWeights::parse("prior\tx\n", "w.tsv"), Catch::Contains("w.tsv:1"));
    CHECK_THROWS_WITH(RankerWeights::parse("prior\t1\n", "w.tsv"), Catch::Contains("no weight for feature"));
}

TEST_CASE("training learns which feature marks the right candidate", "[resolve][ranker]") {
    // The right candidate is always the one named in the document's county
    // (admin2_named), though its prior is lower.
    std::vector<RankingExample> examples;
    for (int i = 0; i < 50; ++i) {
        RankingExample ex;
        FeatureVector big{}, small{};
        big[kPrior] = 6.0f + static_cast<float>(i % 3);
        small[kPrior] = 3.5f;
        small[kAdmin2Named] = 1.0f;
        ex.candidates = {big, small};
        ex.correct = 1;
        examples.push_back(ex);
    }
    RankerWeights start = RankerWeights::starting();
    start[kAdmin2Named] = 0.0f;
    CHECK(ranking_accuracy(examples, start) == 0.0);
    TrainOptions o;
    o.l2 = 0.0f;
    const auto w = train_ranker(examples, start, o);
    CHECK(ranking_accuracy(examples, w) == 1.0);
    CHECK(w[kAdmin2Named] > 1.0f);
    // Deterministic.
    const auto w2 = train_ranker(examples, start, o);
    for (int f = 0; f < kFeatureCount; ++f) CHECK(w2[f] == w[f]);
}
