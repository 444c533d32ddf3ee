// `events` on the full gazetteer: the sample article of issue 6 and the
// atomic rule (tests tagged [data] skip with 77 without the full index).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "events/event_extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "resolve/geocoder.hpp"
#include "support/fixtures.hpp"

using namespace conflictmap;
using namespace conflictmap::events;

namespace {

std::vector<Event> code(const gazetteer::Gazetteer& g, const std::string& text, const std::string& date) {
    resolve::Geocoder geocoder(g, {});
    const EventExtractor extractor(g);
    const io::Document doc = test::document(text, date);
    return extractor.run(doc, geocoder.run(doc));
}

const Event* find(const std::vector<Event>& events, const std::string& sub, const std::string& in_sentence) {
    for (const auto& e : events)
        if (e.sub_event_type == sub && e.sentence.text.find(in_sentence) != std::string::npos) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("the Karabakh article, published 2020-09-27", "[data]") {
    test::require_full_index();
    const std::string text = test::karabakh_article();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const auto events = code(g, text, "2020-09-27");
    for (const auto& e : events)
        UNSCOPED_INFO(e.sub_event_type << " | " << e.actor1 << " | "
                                       << (e.location ? std::string(e.location->place.name) : "-") << " | "
                                       << (e.date ? e.date->iso() : "-") << " | " << e.sentence.text);

    // The shelling of Stepanakert (the headline, twice, and "active bombing" of
    // Stepanakert): one event, Azerbaijan's, on Sunday the 27th.
    const Event* shelling = find(events, "Shelling/artillery/missile attack", "Azerbaijani shelling");
    REQUIRE(shelling);
    CHECK(shelling->event_type == "Explosions/Remote violence");
    CHECK(shelling->actor1 == "Military Forces of Azerbaijan");
    REQUIRE(shelling->location);
    CHECK(shelling->location->place.id == 146970);  // Stepanakert (Xankandi)
    CHECK(shelling->location->geo_precision == 1);
    CHECK(shelling->date == Date{2020, 9, 27});
    CHECK(shelling->plover_event == "ASSAULT");
    CHECK(shelling->plover_mode == "heavy-weapons");
    CHECK(std::count_if(events.begin(), events.end(), [](const Event& e) {
              return e.sub_event_type == "Shelling/artillery/missile attack" && e.location &&
                     e.location->place.id == 146970;
          }) == 1);

    // The clashes along the front line: Armenian forces, Azerbaijan's, in Karabakh.
    const Event* clash = find(events, "Armed clash", "front line");
    REQUIRE(clash);
    CHECK(clash->event_type == "Battles");
    CHECK(clash->actor1 == "Military Forces of Armenia");
    REQUIRE(clash->location);
    CHECK(clash->location->place.name == "Nagorno-Karabakh");
    CHECK(clash->date == Date{2020, 9, 27});

    // The claimed capture of seven villages: Azerbaijan's forces regaining territory.
    const Event* capture = find(events, "Government regains territory", "seven");
    REQUIRE(capture);
    CHECK(capture->actor1 == "Military Forces of Azerbaijan");
    REQUIRE(capture->location);
    CHECK(capture->location->place.country_code == "AZ");
    CHECK(capture->location->geo_precision == 3);
    CHECK(capture->location->reason == "document-focus");

    // The 16 killed in July's clashes: a month's precision.
    const Event* july = find(events, "Armed clash", "16 people");
    REQUIRE(july);
    CHECK(july->fatalities == 16);
    CHECK(july->date == Date{2020, 7, 1});
    CHECK(july->time_precision == 3);

    // Background and talk: no event from the 1990s war, the 1994 ceasefire, the call to stop fighting.
    for (const auto& e : events) {
        CHECK(e.sentence.text.find("1990s") == std::string::npos);
        CHECK(e.sentence.text.find("1994") == std::string::npos);
        CHECK(e.sentence.text.find("stop fighting") == std::string::npos);
    }
}

TEST_CASE("one event per place: the shelling of three towns is three events", "[data]") {
    test::require_full_index();
    const gazetteer::Gazetteer g(test::kFullIndex);
    const auto events =
        code(g, "Russian forces shelled Kharkiv, Izium and Kramatorsk on Sunday, killing seven civilians.",
             "2022-05-02");
    REQUIRE(events.size() == 3);
    int dead = 0;
    for (const auto& e : events) {
        CHECK(e.sub_event_type == "Shelling/artillery/missile attack");
        CHECK(e.date == Date{2022, 5, 1});
        REQUIRE(e.location);
        CHECK(e.location->place.country_code == "UA");
        dead += e.fatalities;
    }
    CHECK(dead == 7);  // shared out, the remainder to the first
    CHECK(events[0].fatalities == 3);
    // A province after a town is its context, not another site.
    const auto one = code(g, "On 4 January 2022, bandits killed at least 58 villagers in Anka, Zamfara State.",
                          "2022-01-06");
    REQUIRE(one.size() == 1);
    REQUIRE(one[0].location);
    CHECK(one[0].location->place.name == "Anka");
    CHECK(one[0].fatalities == 58);
}
