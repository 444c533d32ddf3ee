// `conflictmap train-ranker`: learns the resolver's weights from gold corpora.

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/atomic_file.hpp"
#include "io/line_reader.hpp"
#include "core/geodesy.hpp"
#include "resolve/geocoder.hpp"
#include "resolve/ranker_trainer.hpp"

namespace conflictmap::cli {

namespace {

struct TrainArgs {
    std::vector<std::string> corpora;
    std::string output;
    // l2 1.0: chosen by the mean leave-one-corpus-out top-1 over WikToR,
    // GeoWebNews and GeoCorpora (0.1: 0.881, 0.3: 0.884, 1.0: 0.884, 3.0:
    // 0.884), the best of them on news (GeoWebNews 0.910 vs 0.897 at 0.1).
    resolve::TrainOptions options{400, 0.05f, 1.0f};
};

// Ranking examples from one gold corpus (the geoparsing JSONL of
// ../shared/eval: "toponyms" with start, end, lat, lon).
std::vector<resolve::RankingExample> examples_from(const std::string& path, std::uint32_t group,
                                                   const gazetteer::Gazetteer& gaz, std::size_t& spans) {
    using nlohmann::json;
    resolve::GeocodeOptions go;
    go.spans_only = true;
    resolve::Geocoder geocoder(gaz, go);
    std::vector<resolve::RankingExample> out;
    io::LineReader reader(path);
    std::string_view line;
    while (reader.next(line)) {
        if (line.empty()) continue;
        json j;
        try {
            j = json::parse(line);
        } catch (const json::exception& e) {
            throw DataError(path, reader.line_number(), std::string("not JSON: ") + e.what());
        }
        io::Document doc;
        doc.id = j.value("id", std::to_string(reader.line_number()));
        doc.text = j.value("text", "");
        doc.source = path;
        doc.line = reader.line_number();
        struct Gold {
            std::uint32_t start, end;
            double lat, lon;
        };
        std::vector<Gold> gold;
        for (const auto& t : j.value("toponyms", json::array())) {
            if (!t["start"].is_number_integer() || !t["lat"].is_number()) continue;
            gold.push_back({t["start"].get<std::uint32_t>(), t["end"].get<std::uint32_t>(),
                            t["lat"].get<double>(), t["lon"].get<double>()});
        }
        std::stable_sort(gold.begin(), gold.end(), [](auto& a, auto& b) { return a.start < b.start; });
        std::vector<io::Span> s;
        for (const auto& g : gold) s.push_back({g.start, g.end});
        doc.spans = s;
        const auto features = geocoder.span_features(doc);
        for (std::size_t k = 0; k < gold.size() && k < features.size(); ++k) {
            ++spans;
            const auto& cands = features[k];
            if (cands.size() < 2) continue;  // nothing to rank
            double best_km = 161;
            std::size_t correct = cands.size();
            for (std::size_t c = 0; c < cands.size(); ++c) {
                const auto p = gaz.place(cands[c].place);
                const double d = great_circle_km(gold[k].lat, gold[k].lon, p.lat, p.lon);
                if (d < best_km) best_km = d, correct = c;
            }
            if (correct == cands.size()) continue;  // no candidate is right: not learnable
            resolve::RankingExample ex;
            ex.correct = correct;
            ex.group = group;
            for (const auto& c : cands) ex.candidates.push_back(c.x);
            out.push_back(std::move(ex));
        }
    }
    return out;
}

void run(const TrainArgs& a, const CommonOptions& common) {
    const gazetteer::Gazetteer gaz(gazetteer::locate_index(common.gazetteer));
    std::vector<resolve::RankingExample> all;
    std::vector<std::string> names;
    std::string corpus_lines;
    for (std::size_t i = 0; i < a.corpora.size(); ++i) {
        std::size_t spans = 0;
        auto ex = examples_from(a.corpora[i], static_cast<std::uint32_t>(i), gaz, spans);
        const std::string name = std::filesystem::path(a.corpora[i]).filename().string();
        names.push_back(name);
        corpus_lines += "# corpus " + name + ": " + std::to_string(spans) + " gold spans, " +
                        std::to_string(ex.size()) + " ranking examples\n";
        if (!common.quiet)
            std::cerr << name << ": " << spans << " gold spans, " << ex.size() << " ranking examples\n";
        std::move(ex.begin(), ex.end(), std::back_inserter(all));
    }
    if (all.empty()) throw DataError(a.corpora.front(), 0, "no ranking examples (no gold spans with candidates)");
    const auto& start = resolve::RankerWeights::starting();

    // Held out: train without one corpus, measure on it. This, not the
    // training accuracy, says how the weights generalise.
    std::string held_lines;
    if (a.corpora.size() > 1) {
        for (std::uint32_t g = 0; g < a.corpora.size(); ++g) {
            std::vector<resolve::RankingExample> train, test;
            for (const auto& ex : all) (ex.group == g ? test : train).push_back(ex);
            if (test.empty() || train.empty()) continue;
            const auto w = resolve::train_ranker(train, start, a.options);
            char buf[256];
            std::snprintf(buf, sizeof buf, "# held out %s: top-1 %.4f with trained weights, %.4f with the starting ones\n",
                          names[g].c_str(), resolve::ranking_accuracy(test, w),
                          resolve::ranking_accuracy(test, start));
            held_lines += buf;
            if (!common.quiet) std::cerr << (buf + 2);
        }
    }
    const auto w = resolve::train_ranker(all, start, a.options);
    char buf[256];
    std::snprintf(buf, sizeof buf, "# training top-1 %.4f (starting weights %.4f) on %zu examples\n",
                  resolve::ranking_accuracy(all, w), resolve::ranking_accuracy(all, start), all.size());
    if (!common.quiet) std::cerr << (buf + 2);

    std::string command = "# trained by: conflictmap train-ranker";
    for (const auto& c : a.corpora) command += " " + std::filesystem::path(c).filename().string();
    char opts[128];
    std::snprintf(opts, sizeof opts, " --iterations %d --learning-rate %g --l2 %g\n", a.options.iterations,
                  a.options.learning_rate, a.options.l2);
    const std::string header =
        "# Resolver weights (src/resolve/ranker.hpp): score = sum of weight * feature.\n"
        "# Learned by softmax ranking of each gold mention's candidates (the right one: nearest, within 161 km),\n"
        "# starting from and regularised towards geodata/ranker/start_weights.tsv. Regenerate with scripts/train-ranker.\n" +
        command + opts + corpus_lines + held_lines + buf;
    const std::string text = w.to_tsv(header);
    if (a.output == "-") {
        std::cout << text;
    } else {
        io::AtomicFile f(a.output);
        f.write(text);
        f.commit();
    }
}

}  // namespace

void register_train_ranker_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<TrainArgs>();
    CLI::App* t = app.add_subcommand(
        "train-ranker", "learn the resolver's weights from gold geoparsing corpora (JSONL with toponyms)");
    t->add_option("CORPUS", a->corpora, "gold corpora: {\"id\", \"text\", \"toponyms\": [{start, end, lat, lon}]}")
        ->required();
    t->add_option("-o,--output", a->output, "weights file to write (- for standard output)")->required();
    t->add_option("--iterations", a->options.iterations, "full-batch Adam steps")->capture_default_str();
    t->add_option("--learning-rate", a->options.learning_rate, "Adam step size")->capture_default_str();
    t->add_option("--l2", a->options.l2, "pull towards the starting weights")->capture_default_str();
    t->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
