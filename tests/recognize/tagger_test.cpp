#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "recognize/feature_extractor.hpp"
#include "recognize/ner_corpus.hpp"
#include "recognize/ner_evaluation.hpp"
#include "recognize/tagger_trainer.hpp"
#include "recognize/toponym_tagger.hpp"
#include "support/fixtures.hpp"
#include "text/tokenizer.hpp"

using namespace conflictmap;
using namespace conflictmap::recognize;

namespace {

const std::string kFixtures = test::kData + "/recognizer";

void write_all(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
}

// The tokens of each toponym the tagger finds in `text`.
std::vector<std::string> toponyms(const ToponymTagger& tagger, const std::string& text,
                                  std::vector<float>* probabilities = nullptr) {
    const auto tokens = text::tokenize(text);
    std::vector<std::string> out;
    for (const auto& span : tagger.tag(text, tokens)) {
        out.push_back(text.substr(tokens[span.first_token].begin,
                                  tokens[span.last_token].end - tokens[span.first_token].begin));
        if (probabilities) probabilities->push_back(span.probability);
    }
    return out;
}

TaggerModel train_tiny(std::uint64_t seed = 1) {
    const auto corpus = read_ner_corpus(kFixtures + "/tiny-train.conll");
    TaggerTrainOptions options;
    options.min_feature_count = 1;
    options.epochs = 8;
    options.seed = seed;
    options.clusters.min_count = 1;
    TaggerTrainer trainer(nullptr, options);
    TaggerTrainReport report;
    return trainer.train({&corpus}, {}, nullptr, [](const std::string&) {}, report);
}

}  // namespace

TEST_CASE("the corpus reader handles IOB1, IOB2 and re3d labels", "[recognize][corpus]") {
    SECTION("CoNLL-2003 columns, IOB1, documents") {
        const auto c = read_ner_corpus(kFixtures + "/iob1.txt");
        REQUIRE(c.sentences.size() == 2);
        const auto& s = c.sentences[0];
        // "New York" one entity, "Paris" and "Texas" two (B- after I- of the same type).
        REQUIRE(s.gold.size() == 3);
        CHECK(s.gold[0] == EntitySpan{2, 3, EntityType::Location});
        CHECK(s.gold[1] == EntitySpan{5, 5, EntityType::Location});
        CHECK(s.gold[2] == EntitySpan{6, 6, EntityType::Location});
        CHECK(s.tags[2] == begin_tag(EntityType::Location));
        CHECK(s.tags[3] == inside_tag(EntityType::Location));
        CHECK(s.tags[6] == begin_tag(EntityType::Location));
        CHECK(c.sentences[1].document_start);
        CHECK(c.sentences[1].gold[0].type == EntityType::Misc);
        CHECK(documents(c).size() == 2);
    }
    SECTION("re3d: Location yes, Nationality misc, Temporal nothing; a tab-only line ends a sentence") {
        const auto c = read_ner_corpus(kFixtures + "/re3d-style.conll");
        REQUIRE(c.sentences.size() == 2);
        const auto& g = c.sentences[0].gold;
        REQUIRE(g.size() == 3);
        CHECK(g[0].type == EntityType::Misc);
        CHECK(g[1] == EntitySpan{3, 4, EntityType::Location});
        CHECK(g[2].type == EntityType::Organisation);
        // "Al-Bab" is one corpus token and three words, as the run-time tokenizer splits it.
        const auto& s = c.sentences[1];
        REQUIRE(s.words.size() == 5);
        CHECK(s.words[0] == "Al");
        CHECK(s.tags[0] == begin_tag(EntityType::Location));
        CHECK(s.tags[2] == inside_tag(EntityType::Location));
        CHECK(s.source_token[2] == 0);
        CHECK(documents(c).size() == 2);  // no -DOCSTART-: a document a sentence
    }
    SECTION("a label that is not one names the file and line") {
        CHECK_THROWS_WITH(read_ner_corpus(kFixtures + "/bad-label.conll"),
                          Catch::Contains("bad-label.conll") && Catch::Contains(":2") && Catch::Contains("\"X\""));
    }
}

TEST_CASE("training on a tiny fixture learns it, deterministically", "[recognize][tagger]") {
    const auto model = train_tiny();
    const ToponymTagger tagger(model, nullptr);
    std::vector<float> p;
    const auto found = toponyms(tagger, "Aliyev said Baku would respond.", &p);
    REQUIRE(found == std::vector<std::string>{"Baku"});
    CHECK(p[0] > 0.5f);
    CHECK(p[0] <= 1.0f);
    CHECK(toponyms(tagger, "Troops moved towards Nagorno-Karabakh overnight.") ==
          std::vector<std::string>{"Nagorno-Karabakh"});
    CHECK(toponyms(tagger, "Pashinyan met Aliyev in Moscow.") == std::vector<std::string>{"Moscow"});

    const auto corpus = read_ner_corpus(kFixtures + "/tiny-train.conll");
    const auto scores = evaluate(corpus, [&](const auto& s) { return tagger.tag_document(s); });
    CHECK(scores.f1(EntityType::Location) == Approx(1.0));

    // Same seed, same bytes.
    const auto dir = test::temp_dir();
    model.write(dir + "/a.cmt");
    train_tiny().write(dir + "/b.cmt");
    CHECK(test::slurp(dir + "/a.cmt") == test::slurp(dir + "/b.cmt"));
    // And the file reads back to the same tagging.
    const auto again = ToponymTagger::load(dir + "/a.cmt", nullptr);
    CHECK(toponyms(again, "Refugees fled Shusha for Yerevan.") == std::vector<std::string>{"Shusha", "Yerevan"});
}

TEST_CASE("the surname hint: the last word of a person's name elsewhere in the document", "[recognize][tagger]") {
    // "MaliVai Washington" (B-PER I-PER), then "Washington" alone, then "Washington"
    // as the last word of the one name ("Neil Washington") that is its own.
    const std::vector<std::vector<std::string_view>> words = {
        {"MaliVai", "Washington", "lost", "."}, {"Washington", "said", "."}, {"Neil", "Washington", "won"},
        {"Korea", "and", "Neil", "spoke"}};
    const std::uint8_t O = kOutside, BP = begin_tag(EntityType::Person), IP = inside_tag(EntityType::Person),
                       BL = begin_tag(EntityType::Location);
    const std::vector<std::vector<std::uint8_t>> tags = {{BP, IP, O, O}, {BL, O, O}, {BP, IP, O}, {BL, O, BP, O}};
    const std::vector<std::span<const std::string_view>> spans(words.begin(), words.end());
    const auto hints = FeatureExtractor::document_hints(spans, tags);
    CHECK((hints[1][0] & FeatureExtractor::kSurnameHint) != 0);  // lone "Washington"
    CHECK((hints[0][1] & FeatureExtractor::kSurnameHint) != 0);  // the other name still counts
    CHECK((hints[2][1] & FeatureExtractor::kSurnameHint) != 0);
    CHECK((hints[0][0] & FeatureExtractor::kSurnameHint) == 0);  // a first name is no surname
    CHECK((hints[3][2] & FeatureExtractor::kSurnameHint) == 0);
    CHECK((hints[3][0] & FeatureExtractor::kSurnameHint) == 0);
    CHECK((hints[1][0] >> 8) == static_cast<int>(EntityType::Person));  // the longest other entity
}

TEST_CASE("per-token probabilities and concurrent tagging", "[recognize][tagger]") {
    const ToponymTagger tagger(train_tiny(), nullptr);
    const std::string text = "Shelling hit Stepanakert and Shusha. Aliyev said Baku would respond.";
    const auto tokens = text::tokenize(text);
    std::vector<float> prob;
    const auto spans = tagger.tag(text, tokens, &prob);
    REQUIRE(prob.size() == tokens.size());
    for (const auto& s : spans) CHECK(prob[s.first_token] > 0.5f);
    CHECK(prob[0] < 0.5f);  // "Shelling"
    std::vector<std::thread> threads;
    std::atomic<int> same{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                const auto again = tagger.tag(text, tokens);
                if (again.size() == spans.size() && again[0].probability == spans[0].probability) ++same;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(same == 200);
}

TEST_CASE("a corrupt or version-mismatched model file gives a clear error", "[recognize][model]") {
    const auto dir = test::temp_dir();
    const std::string good = dir + "/good.cmt";
    train_tiny().write(good);
    const std::string bytes = test::slurp(good);

    auto fails_with = [&](const std::string& name, const std::string& data, const std::string& what) {
        const std::string path = dir + "/" + name;
        write_all(path, data);
        CHECK_THROWS_WITH(TaggerModel::read(path), Catch::Contains(path) && Catch::Contains(what));
        CHECK_THROWS_AS(ToponymTagger::load(path, nullptr), DataError);
    };
    std::string flipped = bytes;
    flipped[bytes.size() - 40] ^= 0x20;
    fails_with("flipped.cmt", flipped, "body checksum");
    fails_with("truncated.cmt", bytes.substr(0, bytes.size() / 2), "truncated");
    fails_with("short.cmt", bytes.substr(0, 20), "no conflictmap tagger header");
    fails_with("text.cmt", "this is not a model\n", "no conflictmap tagger header");
    std::string version = bytes;
    const std::uint32_t v = 99;
    std::memcpy(&version[8], &v, 4);
    fails_with("version.cmt", version, "format version 99");
    CHECK_THROWS_AS(TaggerModel::read(dir + "/absent.cmt"), IoError);
    CHECK_THROWS_WITH(locate_recognizer(dir + "/absent.cmt"), Catch::Contains("--recognizer"));
}

TEST_CASE("train-recognizer trains and evaluates from the command line", "[recognize][cli]") {
    const auto dir = test::temp_dir();
    const auto train = test::run_cli("-q train-recognizer --no-gazetteer --min-count 1 --epochs 5 --ensemble 2 " +
                                     kFixtures + "/tiny-train.conll -o " + dir + "/m.cmt --eval " + kFixtures +
                                     "/tiny-train.conll");
    CHECK(train.exit_code == 0);
    CHECK_THAT(train.out, Catch::Contains("LOC precision"));
    const auto eval = test::run_cli("-q train-recognizer --no-gazetteer --recognizer " + dir + "/m.cmt --eval " +
                                    kFixtures + "/iob1.txt");
    CHECK(eval.exit_code == 0);
    CHECK_THAT(eval.out, Catch::Contains("LOC"));
    const auto bad = test::run_cli("-q train-recognizer --no-gazetteer " + kFixtures + "/bad-label.conll -o " + dir +
                                   "/x.cmt");
    CHECK(bad.exit_code == 65);
    CHECK_THAT(bad.err, Catch::Contains("bad-label.conll"));
}

TEST_CASE("the committed model finds the places of a news sentence, not the people", "[recognize][data]") {
    test::require_full_index();
    const gazetteer::Gazetteer gaz(test::kFullIndex);
    const auto tagger = ToponymTagger::load(test::kSourceDir + "/geodata/recognizer/toponym-tagger.cmt", &gaz);
    const std::string text =
        "Azerbaijani forces shelled targets in Stepanakert, the main city of Nagorno-Karabakh, on Sunday, "
        "officials in Baku said. President Ilham Aliyev rejected talks, while Armenian Prime Minister Nikol Pashinyan "
        "appealed to Moscow. Aliyev and Pashinyan are due to meet.";
    std::vector<float> p;
    const auto found = toponyms(tagger, text, &p);
    std::string listed;
    for (std::size_t i = 0; i < found.size(); ++i) listed += found[i] + " (" + std::to_string(p[i]) + ") ";
    INFO("found: " << listed);
    for (const std::string place : {"Stepanakert", "Nagorno-Karabakh", "Baku"})
        CHECK(std::find(found.begin(), found.end(), place) != found.end());
    for (const auto& f : found) {
        CHECK(f.find("Aliyev") == std::string::npos);
        CHECK(f.find("Pashinyan") == std::string::npos);
    }
    for (float x : p) CHECK((x > 0.f && x <= 1.f));
    // Without the gazetteer a model trained with it refuses to run.
    CHECK_THROWS_AS(ToponymTagger::load(test::kSourceDir + "/geodata/recognizer/toponym-tagger.cmt", nullptr),
                    UsageError);
}
