// `conflictmap train-recognizer`: trains the toponym tagger from CoNLL-style
// NER corpora, and evaluates a model on one (--eval).

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "build_config.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/mapped_file.hpp"
#include "recognize/ner_corpus.hpp"
#include "recognize/ner_evaluation.hpp"
#include "recognize/tagger_trainer.hpp"
#include "recognize/toponym_tagger.hpp"

namespace conflictmap::cli {

namespace {

struct TrainRecognizerArgs {
    std::vector<std::string> files;
    std::vector<std::string> cluster_text;
    std::string output;
    std::optional<std::string> dev;
    std::optional<std::string> eval;
    std::optional<std::string> recognizer;
    bool no_gazetteer = false;
    bool show_errors = false;
    recognize::TaggerTrainOptions options;
};

std::uint32_t file_crc32(const std::string& path) {
    io::MappedFile f(path);
    uLong c = crc32(0L, Z_NULL, 0);
    const auto* p = reinterpret_cast<const Bytef*>(f.data());
    std::size_t left = f.size();
    while (left) {
        const uInt chunk = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
        c = crc32(c, p, chunk);
        p += chunk;
        left -= chunk;
    }
    return static_cast<std::uint32_t>(c);
}

nlohmann::json describe(const recognize::NerCorpus& c) {
    char crc[16];
    std::snprintf(crc, sizeof crc, "%08x", file_crc32(c.path));
    using recognize::EntityType;
    return {{"file", std::filesystem::path(c.path).filename().string()},
            {"path", c.path},
            {"bytes", std::filesystem::file_size(c.path)},
            {"crc32", crc},
            {"sentences", c.sentences.size()},
            {"tokens", c.source_tokens},
            {"entities",
             {{"LOC", c.entities[int(EntityType::Location)]},
              {"PER", c.entities[int(EntityType::Person)]},
              {"ORG", c.entities[int(EntityType::Organisation)]},
              {"MISC", c.entities[int(EntityType::Misc)]}}}};
}

void print_scores(const std::string& file, const recognize::EntityScores& s, double seconds, std::size_t words) {
    using recognize::EntityType;
    std::cout << "evaluation on " << file << " (entity-level, exact spans):\n" << s.report();
    char line[200];
    std::snprintf(line, sizeof line, "LOC precision %.4f recall %.4f F1 %.4f\n", s.precision(EntityType::Location),
                  s.recall(EntityType::Location), s.f1(EntityType::Location));
    std::cout << line;
    std::snprintf(line, sizeof line, "tagged %zu words in %.3f s (%.0f words/s, features and Viterbi, one thread)\n", words,
                  seconds, seconds > 0 ? words / seconds : 0.0);
    std::cout << line;
}

// Prints each sentence where the location entities differ from gold:
// "-" marks a missed toponym, "+" a false one.
void show_errors(const recognize::ToponymTagger& tagger, const recognize::NerCorpus& corpus) {
    using recognize::EntityType;
    for (const auto& [begin, end] : recognize::documents(corpus)) {
      std::vector<std::vector<std::string_view>> words;
      for (std::size_t k = begin; k < end; ++k)
          words.emplace_back(corpus.sentences[k].words.begin(), corpus.sentences[k].words.end());
      const auto tags = tagger.tag_document({words.begin(), words.end()});
      for (std::size_t k = begin; k < end; ++k) {
        const auto& s = corpus.sentences[k];
        const auto predicted = recognize::entities_from_tags(s, tags[k - begin]);
        std::string text;
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            if (i && s.source_token[i] != s.source_token[i - 1]) text += ' ';
            text += s.words[i];
        }
        auto span_text = [&](const recognize::EntitySpan& e) {
            std::string t;
            for (std::size_t i = 0; i < s.words.size(); ++i)
                if (s.source_token[i] >= e.first && s.source_token[i] <= e.last) t += s.words[i] + " ";
            return t;
        };
        std::string lines;
        for (const auto& g : s.gold) {
            if (g.type != EntityType::Location) continue;
            if (std::find(predicted.begin(), predicted.end(), g) != predicted.end()) continue;
            std::string other = "O";
            for (const auto& p : predicted)
                if (p.first <= g.last && g.first <= p.last) other = recognize::to_string(p.type);
            lines += "  - " + span_text(g) + "(tagged " + other + ")\n";
        }
        for (const auto& p : predicted) {
            if (p.type != EntityType::Location) continue;
            if (std::find(s.gold.begin(), s.gold.end(), p) != s.gold.end()) continue;
            std::string other = "O";
            for (const auto& g : s.gold)
                if (g.first <= p.last && p.first <= g.last) other = recognize::to_string(g.type);
            lines += "  + " + span_text(p) + "(gold " + other + ")\n";
        }
        if (!lines.empty()) std::cout << text << '\n' << lines;
      }
    }
}

void evaluate_on(const recognize::ToponymTagger& tagger, const std::string& file, bool errors = false) {
    const auto corpus = recognize::read_ner_corpus(file);
    if (errors) show_errors(tagger, corpus);
    std::size_t words = 0;
    for (const auto& s : corpus.sentences) words += s.words.size();
    const auto t0 = std::chrono::steady_clock::now();
    const auto scores = recognize::evaluate(corpus, [&](const auto& sentences) { return tagger.tag_document(sentences); });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    print_scores(file, scores, secs, words);
}

void run(TrainRecognizerArgs& a, const CommonOptions& common) {
    std::unique_ptr<gazetteer::Gazetteer> gaz;
    if (!a.no_gazetteer) gaz = std::make_unique<gazetteer::Gazetteer>(gazetteer::locate_index(common.gazetteer));
    auto say = [&](const std::string& line) {
        if (!common.quiet) std::cerr << line << '\n';
    };
    if (a.files.empty()) {
        if (!a.eval) throw UsageError("train-recognizer: give training FILES and -o MODEL, or --eval FILE");
        const std::string path = recognize::locate_recognizer(a.recognizer);
        say("model: " + path);
        const auto tagger = recognize::ToponymTagger::load(path, gaz.get());
        evaluate_on(tagger, *a.eval, a.show_errors);
        return;
    }
    if (a.output.empty()) throw UsageError("train-recognizer: -o MODEL is required when training");
    std::vector<recognize::NerCorpus> corpora;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : a.files) {
        corpora.push_back(recognize::read_ner_corpus(f));
        files.push_back(describe(corpora.back()));
        say(f + ": " + std::to_string(corpora.back().sentences.size()) + " sentences, " +
            std::to_string(corpora.back().source_tokens) + " tokens");
    }
    std::optional<recognize::NerCorpus> dev;
    if (a.dev) dev = recognize::read_ner_corpus(*a.dev);

    std::string command = "conflictmap train-recognizer";
    for (const auto& f : a.files) command += " " + f;
    for (const auto& f : a.cluster_text) command += " --cluster-text " + f;
    if (a.dev) command += " --dev " + *a.dev;
    command += " --seed " + std::to_string(a.options.seed) + " --epochs " + std::to_string(a.options.epochs) +
               " --min-count " + std::to_string(a.options.min_feature_count) + " --ensemble " +
               std::to_string(a.options.ensemble);
    if (a.no_gazetteer) command += " --no-gazetteer";
    command += " -o " + a.output;
    nlohmann::json meta = {{"command", command},
                           {"conflictmap_version", build_config::kVersion},
                           {"training_files", files},
                           {"labels", "LOC/GPE/location/facility -> toponym; PER, ORG, MISC learned as negatives "
                                      "(recognize/entity_tags.hpp)"}};
    if (dev) meta["dev_file"] = describe(*dev);
    a.options.metadata = meta.dump();

    std::vector<recognize::NerCorpus> extra_text;
    nlohmann::json extra_files = nlohmann::json::array();
    for (const auto& f : a.cluster_text) {
        extra_text.push_back(recognize::read_ner_corpus(f));
        extra_files.push_back(describe(extra_text.back()));
    }
    if (!a.cluster_text.empty()) {
        meta["cluster_text_files"] = extra_files;
        a.options.metadata = meta.dump();
    }
    std::vector<const recognize::NerCorpus*> unlabelled;
    for (const auto& c : extra_text) unlabelled.push_back(&c);
    std::vector<const recognize::NerCorpus*> training;
    for (const auto& c : corpora) training.push_back(&c);
    recognize::TaggerTrainer trainer(gaz.get(), a.options);
    recognize::TaggerTrainReport report;
    const auto t0 = std::chrono::steady_clock::now();
    auto model = trainer.train(training, unlabelled, dev ? &*dev : nullptr, say, report);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    model.write(a.output);
    char line[200];
    std::snprintf(line, sizeof line, "wrote %s: %zu features, best epoch %d, temperature %.3f, %.0f s",
                  a.output.c_str(), model.feature_count(), report.best_epoch, report.temperature, secs);
    say(line);
    if (a.eval) {
        const recognize::ToponymTagger tagger(std::move(model), gaz.get(), a.output);
        evaluate_on(tagger, *a.eval, a.show_errors);
    }
}

}  // namespace

void register_train_recognizer_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<TrainRecognizerArgs>();
    CLI::App* t = app.add_subcommand(
        "train-recognizer",
        "train the toponym tagger from CoNLL-style NER files (token ... label per line), or --eval a model");
    t->add_option("FILES", a->files,
                  "training files: CoNLL-2003, WikiGold, WNUT-17, BTC, re3d (IOB1/IOB2/BIOES; the last column is "
                  "the label)");
    t->add_option("-o,--output", a->output, "model file to write");
    t->add_option("--cluster-text", a->cluster_text,
                  "more CoNLL-style files whose words (not labels) feed the word clusters");
    t->add_option("--dev", a->dev, "held-out file: picks the best epoch and calibrates probabilities");
    t->add_option("--eval", a->eval,
                  "print entity precision/recall/F1 on this file (after training, or of the model found by "
                  "--recognizer when no FILES are given)");
    t->add_option("--recognizer", a->recognizer,
                  "model to evaluate (file or folder; else $CONFLICTMAP_RECOGNIZER, else geodata/recognizer/)")
        ->type_name("PATH");
    t->add_option("--seed", a->options.seed, "shuffling and clustering seed")->capture_default_str();
    t->add_option("--epochs", a->options.epochs, "passes over the training data")->capture_default_str();
    t->add_option("--ensemble", a->options.ensemble, "perceptrons averaged per stage, each on its own shuffle")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    t->add_option("--min-count", a->options.min_feature_count, "features seen fewer times are dropped")
        ->capture_default_str();
    t->add_flag("--show-errors", a->show_errors, "with --eval, print each sentence with a missed or false toponym");
    t->add_flag("--no-gazetteer", a->no_gazetteer, "train without gazetteer features (no index needed)");
    t->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
