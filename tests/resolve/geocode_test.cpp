#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "gazetteer/gazetteer.hpp"
#include "io/line_reader.hpp"
#include "resolve/geocoder.hpp"
#include "support/fixtures.hpp"
#include "text/tokenizer.hpp"

using namespace conflictmap;

namespace {

double km(double lat1, double lon1, double lat2, double lon2) {
    const double r = 6371.0088, d = M_PI / 180;
    const double h = std::pow(std::sin((lat2 - lat1) * d / 2), 2) +
                     std::cos(lat1 * d) * std::cos(lat2 * d) * std::pow(std::sin((lon2 - lon1) * d / 2), 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(h)));
}

std::vector<resolve::ResolvedMention> geocode(const gazetteer::Gazetteer& g, const std::string& text) {
    resolve::Geocoder geocoder(g, {});
    return geocoder.run(test::document(text));
}

// Resolve-only mode: the one span [text.find(span), +span.size()) of `text`.
std::vector<resolve::ResolvedMention> geocode_span(const gazetteer::Gazetteer& g, const std::string& text,
                                                   const std::string& span) {
    auto doc = test::document(text);
    const auto at = static_cast<std::uint32_t>(text.find(span));
    doc.spans = std::vector<io::Span>{{at, at + static_cast<std::uint32_t>(span.size())}};
    resolve::GeocodeOptions options;
    options.spans_only = true;
    resolve::Geocoder geocoder(g, options);
    return geocoder.run(doc);
}

const resolve::ResolvedMention* find(const std::vector<resolve::ResolvedMention>& ms,
                                     const std::string& text, const std::string& surface) {
    for (const auto& m : ms)
        if (text.substr(m.mention.begin, m.mention.end - m.mention.begin) == surface) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("tokens keep code point offsets, abbreviations and possessives", "[text][tokenizer]") {
    const std::string s = "Степанакерт's U.S. envoy, Nagorno-Karabakh.";
    const auto t = text::tokenize(s);
    REQUIRE(t.size() >= 7);
    CHECK(s.substr(t[0].begin, t[0].end - t[0].begin) == "Степанакерт");
    CHECK(t[0].cp_begin == 0);
    CHECK(t[0].cp_end == 11);
    CHECK(s.substr(t[1].begin, t[1].end - t[1].begin) == "'");
    CHECK(s.substr(t[3].begin, t[3].end - t[3].begin) == "U.S.");
    CHECK(t[3].is(text::kAllCaps));
    CHECK(t[0].is(text::kSentenceStart));
}

TEST_CASE("the mini gazetteer geocodes a sentence with context", "[resolve]") {
    const gazetteer::Gazetteer g(test::mini_index());
    const std::string s = "Storms hit Paris, Texas, while officials in Springfield, Illinois, met.";
    const auto ms = geocode(g, s);
    const auto* paris = find(ms, s, "Paris");
    REQUIRE(paris);
    REQUIRE(paris->place);
    CHECK(paris->place->id == 4717560);
    const auto* spring = find(ms, s, "Springfield");
    REQUIRE(spring);
    REQUIRE(spring->place);
    CHECK(spring->place->id == 4250542);
    CHECK(spring->score > 0.5f);
    CHECK(spring->resolution == 4);
}

TEST_CASE("person names and common words are not places", "[resolve]") {
    const gazetteer::Gazetteer g(test::mini_index());
    const std::string s = "President Jordan met Paris Hilton. Lebanon Smith spoke on Monday.";
    const auto ms = geocode(g, s);
    CHECK_FALSE(find(ms, s, "Jordan"));
    CHECK_FALSE(find(ms, s, "Paris"));
    CHECK_FALSE(find(ms, s, "Lebanon"));
}

TEST_CASE("names inside web addresses and handles are not places", "[resolve]") {
    const gazetteer::Gazetteer g(test::mini_index());
    const std::string s = "RT @Paris_news: see http://example.com/Paris or paris@example.com. Storms hit Paris, Texas.";
    const auto ms = geocode(g, s);
    REQUIRE(ms.size() >= 1);
    for (const auto& m : ms) CHECK(m.mention.begin >= s.find("Storms"));
}

TEST_CASE("resolver cases on the full gazetteer", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    io::LineReader r(test::kData + "/resolver_cases.tsv");
    std::string_view line;
    std::vector<std::string_view> f;
    bool header = true;
    int cases = 0;
    while (r.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        io::split(line, '\t', f);
        REQUIRE(f.size() == 5);
        const std::string sentence(f[0]), mention(f[1]);
        INFO("line " << r.line_number() << ": " << sentence << " [" << mention << "]");
        const auto ms = geocode(g, sentence);
        const auto* m = find(ms, sentence, mention);
        REQUIRE(m);
        if (f[2] == "unresolved") {
            CHECK_FALSE(m->place);
            continue;
        }
        REQUIRE(m->place);
        const double d = km(std::stod(std::string(f[2])), std::stod(std::string(f[3])), m->place->lat,
                            m->place->lon);
        INFO("resolved to " << m->place->name << " (" << m->place->country_code << "), " << d << " km off");
        CHECK(d <= std::stod(std::string(f[4])));
        ++cases;
    }
    CHECK(cases >= 15);
}

TEST_CASE("the Karabakh article: the places it is about", "[data]") {
    test::require_full_index();
    const std::string text = test::karabakh_article();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const auto ms = geocode(g, text);
    struct Expect {
        const char* surface;
        double lat, lon, km;
    };
    for (const Expect& e : {Expect{"Stepanakert", 39.82, 46.75, 15}, Expect{"Baku", 40.38, 49.89, 25},
                            Expect{"Yerevan", 40.18, 44.51, 25}, Expect{"Nagorno-Karabakh", 39.9, 46.7, 80},
                            Expect{"Armenia", 40.1, 45.0, 150}, Expect{"Azerbaijan", 40.4, 47.6, 150},
                            Expect{"Turkey", 39.0, 35.2, 300}}) {
        INFO(e.surface);
        const auto* m = find(ms, text, e.surface);
        REQUIRE(m);
        REQUIRE(m->place);
        CHECK(km(e.lat, e.lon, m->place->lat, m->place->lon) <= e.km);
    }
}

TEST_CASE("a span no gazetteer knows is placed in the document's main country", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    // Davao is the most mentioned town, but India is the most mentioned country.
    const std::string text =
        "Storms hit Davao on Monday and Davao schools closed. In India, officials in Chennai and Madurai, "
        "Tamil Nadu, said the Vaigai river rose overnight.";
    const auto ms = geocode_span(g, text, "Vaigai");
    REQUIRE(ms.size() == 1);
    REQUIRE(ms[0].place);
    CHECK(ms[0].place->country_code == "IN");
}

TEST_CASE("what one sentence says of a place holds for its every mention", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string text =
        "Camden is a city in Wilcox County, Alabama. The county court met in Camden on Monday, and Camden "
        "schools closed early.";
    const auto ms = geocode(g, text);
    int camdens = 0;
    for (const auto& m : ms) {
        if (text.substr(m.mention.begin, m.mention.end - m.mention.begin) != "Camden") continue;
        ++camdens;
        REQUIRE(m.place);
        CHECK(m.place->admin1_name == "Alabama");
    }
    CHECK(camdens == 3);
}

TEST_CASE("a part of a hyphenated name is not a place of its own", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s =
        "Militants of Lashkar-e-Taiba attacked a post near Canape-Vert in Port-au-Prince; a Calgary-based firm "
        "watched the Syria-Turkey border.";
    const auto ms = geocode(g, s);
    CHECK_FALSE(find(ms, s, "Taiba"));
    CHECK_FALSE(find(ms, s, "Vert"));
    CHECK(find(ms, s, "Port-au-Prince"));
    CHECK(find(ms, s, "Calgary"));
    CHECK(find(ms, s, "Syria"));
    CHECK(find(ms, s, "Turkey"));
}

TEST_CASE("a name that speaks is a person's", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s = "The councillor spoke first. Nelson said the vote was fair, and then Nelson himself left.";
    CHECK_FALSE(find(geocode(g, s), s, "Nelson"));
}

TEST_CASE("a word known only as another name of a town needs the document's support", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s = "Protesters threw Molotov cocktails at the police on Monday.";
    CHECK_FALSE(find(geocode(g, s), s, "Molotov"));
    // Our aliases table's names are names: Stepanakert stands on its own.
    const std::string t = "Azerbaijani forces shelled Stepanakert on Sunday.";
    CHECK(find(geocode(g, t), t, "Stepanakert"));
}

TEST_CASE("a word cut off by an ellipsis is no place", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s = "Talks on Rwanda rebels: the Herald in Addis Aba... http://t.co/x";
    const auto ms = geocode(g, s);
    CHECK_FALSE(find(ms, s, "Aba"));
    CHECK(find(ms, s, "Rwanda"));
}

TEST_CASE("with the tagger, a name shown to be a place keeps all its mentions", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const auto tagger =
        recognize::ToponymTagger::load(test::kSourceDir + "/geodata/recognizer/toponym-tagger.cmt", &g);
    resolve::GeocodeOptions options;
    options.tagger = &tagger;
    resolve::Geocoder geocoder(g, options);
    // "X is a city in ..." says X is a place; the later bare mentions, which
    // the tagger alone would take for a person's name, follow it.
    const std::string s =
        "Lincoln is a city in Logan County, Illinois. Lincoln's Amtrak station is on the line. Lincoln was "
        "named for a lawyer.";
    const auto ms = geocoder.run(test::document(s));
    int lincolns = 0;
    for (const auto& m : ms)
        if (s.substr(m.mention.begin, m.mention.end - m.mention.begin) == "Lincoln") {
            ++lincolns;
            REQUIRE(m.place);
            CHECK(m.place->admin1_name == "Illinois");
        }
    CHECK(lincolns == 3);
}

TEST_CASE("a first name that is only another name of a big city is weak", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s = "Now watching the film. Hell, its Sam Claflin again.";
    CHECK_FALSE(find(geocode(g, s), s, "Sam"));
}

TEST_CASE("state abbreviations only where written as such", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s =
        "Ok. You can ignore it. Or not. The drilling Co. said so. MT @Independent: floods. Pittsburgh, Pa. was "
        "quiet and Salem, OR too.";
    const auto ms = geocode(g, s);
    CHECK_FALSE(find(ms, s, "Ok"));
    CHECK_FALSE(find(ms, s, "Or"));
    CHECK_FALSE(find(ms, s, "Co"));
    CHECK_FALSE(find(ms, s, "MT"));
    CHECK(find(ms, s, "Pa"));
    CHECK(find(ms, s, "OR"));
}

TEST_CASE("another spelling needs the document's country", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const std::string s = "Settlers uprooted olive trees in Beita, south of Nablus, on Tuesday.";
    const auto ms = geocode(g, s);
    if (const auto* m = find(ms, s, "Beita")) {
        REQUIRE(m->place);
        CHECK(m->place->country_code == "PS");
    }
    CHECK(find(ms, s, "Nablus"));
}

TEST_CASE("a part of an unknown name far from the document's places yields to its focus", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    // "Marigny" alone is a French village; the document is about New Orleans.
    const std::string text =
        "New Orleans residents gathered in Faubourg Marigny on Sunday. New Orleans police closed the streets.";
    const auto ms = geocode_span(g, text, "Faubourg Marigny");
    REQUIRE(ms.size() == 1);
    REQUIRE(ms[0].place);
    CHECK(ms[0].place->country_code == "US");
}
