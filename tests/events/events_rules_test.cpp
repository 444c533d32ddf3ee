// The rules of `events` one by one, on sentences of our own (issue 6):
// dates, casualties, triggers and their codes, actors, tables.

#include <catch2/catch.hpp>

#include <string>

#include "core/error.hpp"
#include "events/casualty_counter.hpp"
#include "events/date_resolver.hpp"
#include "events/event_extractor.hpp"
#include "events/event_tables.hpp"
#include "gazetteer/gazetteer.hpp"
#include "resolve/geocoder.hpp"
#include "support/fixtures.hpp"

using namespace conflictmap;
using namespace conflictmap::events;

namespace {

Casualties casualties(const std::string& s) {
    const TokenText t(s);
    std::vector<bool> masked(t.size(), false);
    const DateResolver dates(EventTables::builtin());
    for (const auto& d : dates.find(t, 0, static_cast<std::uint32_t>(t.size()), Date{2021, 3, 10}))
        for (auto k = d.first; k < d.last; ++k) masked[k] = true;
    return CasualtyCounter(EventTables::builtin()).count(t, 0, static_cast<std::uint32_t>(t.size()), masked);
}

// The first date expression of `s`, published on `published`.
DateMention date_in(const std::string& s, const std::string& published) {
    const TokenText t(s);
    const auto found = DateResolver(EventTables::builtin())
                           .find(t, 0, static_cast<std::uint32_t>(t.size()), Date::parse_iso(published));
    REQUIRE_FALSE(found.empty());
    return found.front();
}

std::vector<Event> events_of(const std::string& text, const std::string& date = "2021-03-10") {
    const gazetteer::Gazetteer& g = [] () -> const gazetteer::Gazetteer& {
        static const gazetteer::Gazetteer gaz(test::mini_index());
        return gaz;
    }();
    resolve::Geocoder geocoder(g, {});
    const EventExtractor extractor(g);
    const io::Document doc = test::document(text, date);
    return extractor.run(doc, geocoder.run(doc));
}

}  // namespace

TEST_CASE("dates: calendar arithmetic", "[events][dates]") {
    CHECK(Date{1970, 1, 1}.days() == 0);
    CHECK(Date::from_days(Date{2020, 2, 29}.days() + 1) == Date{2020, 3, 1});
    CHECK(Date{2020, 9, 27}.weekday() == 6);  // a Sunday
    CHECK(Date::parse_iso("2020-09-27")->iso() == "2020-09-27");
    CHECK_FALSE(Date::parse_iso("2020-02-30"));
    CHECK_FALSE(Date::parse_iso("27/09/2020"));
}

TEST_CASE("dates: explicit and relative expressions against the publication date", "[events][dates]") {
    CHECK(date_in("On 5 March 2021, gunmen attacked", "2021-03-10").date == Date{2021, 3, 5});
    CHECK(date_in("on March 5, 2021 gunmen attacked", "2021-03-10").date == Date{2021, 3, 5});
    CHECK(date_in("on 2021-03-05", "2021-03-10").date == Date{2021, 3, 5});
    // No year: the publication year, or the year before when that is later than publication.
    CHECK(date_in("on 5 March", "2021-03-10").date == Date{2021, 3, 5});
    CHECK(date_in("on 28 December", "2021-01-03").date == Date{2020, 12, 28});
    CHECK(date_in("on Sept. 27", "2020-09-28").date == Date{2020, 9, 27});
    // Weekdays: the latest such day on or before publication (2020-09-27 is a Sunday).
    CHECK(date_in("Fighting erupted anew Sunday", "2020-09-27").date == Date{2020, 9, 27});
    CHECK(date_in("shelled on Friday night", "2020-09-27").date == Date{2020, 9, 25});
    CHECK(date_in("yesterday", "2020-09-27").date == Date{2020, 9, 26});
    const auto week = date_in("clashes last week", "2020-09-27");
    CHECK(week.date == Date{2020, 9, 14});
    CHECK(week.precision == 2);
    const auto month = date_in("16 people were killed in clashes in July", "2020-09-27");
    CHECK(month.date == Date{2020, 7, 1});
    CHECK(month.precision == 3);
    const auto range = date_in("between 27 and 31 March 2022", "2022-04-05");
    CHECK(range.date == Date{2022, 3, 27});
    CHECK(range.precision == 2);
    CHECK(date_in("in a 1990s war", "2020-09-27").background);
    CHECK(date_in("since 1994 when the ceasefire was inked", "2020-09-27").background);
    // "may" and "march" are words too; only the capitalised month is a date.
    const TokenText t("Protesters may march on 5 May.");
    const auto found = DateResolver(EventTables::builtin()).find(t, 0, static_cast<std::uint32_t>(t.size()),
                                                                 Date{2021, 5, 10});
    REQUIRE(found.size() == 1);
    CHECK(found[0].date == Date{2021, 5, 5});
}

TEST_CASE("casualties: ACLED's rules for figures", "[events][casualties]") {
    CHECK(casualties("Gunmen killed seven villagers.").fatalities == 7);
    CHECK(casualties("Twenty-five soldiers were killed.").fatalities == 25);
    CHECK(casualties("The attack left 1,200 people dead.").fatalities == 1200);
    CHECK(casualties("Several people were killed.").fatalities == 3);
    CHECK(casualties("Dozens were killed in the raid.").fatalities == 12);
    CHECK(casualties("Gunmen killed hundreds of civilians.").fatalities == 100);
    CHECK(casualties("Between 10 and 15 people died.").fatalities == 10);
    CHECK(casualties("Two or three soldiers were killed.").fatalities == 2);
    CHECK(casualties("At least 16 people were killed in clashes in July.").fatalities == 16);
    // The lowest of conflicting reports; the sum of distinct groups.
    CHECK(casualties("Gunmen killed 132 civilians, according to the government; local sources reported 160 dead.")
              .fatalities == 132);
    CHECK(casualties("Five soldiers and three civilians were killed.").fatalities == 8);
    CHECK(casualties("The blast killed 5 soldiers and 3 civilians.").fatalities == 8);
    // "a soldier", an unnumbered plural, none at all.
    CHECK(casualties("A soldier was killed near the border.").fatalities == 1);
    CHECK(casualties("Rockets hit the airport, killing a contractor.").fatalities == 1);
    CHECK(casualties("Insurgents attacked the town, killing civilians.").fatalities == 3);
    CHECK(casualties("Rebels attacked the town on 5 March 2021.").fatalities == 0);
    // Injured apart; subsets, dates, distances and ages are not counts.
    const auto c = casualties("The strike killed one person and wounded 16.");
    CHECK(c.fatalities == 1);
    CHECK(c.injured == 16);
    CHECK(casualties("The missile killed 13 people, including three children.").fatalities == 13);
    CHECK(casualties("Clashes 20 km from the town killed four.").fatalities == 4);
    CHECK(casualties("The death toll from Saturday's strike has risen to 45.").fatalities == 45);
}

TEST_CASE("triggers: one event, one ACLED code", "[events][types]") {
    struct Case {
        const char* text;
        const char* type;
        const char* sub;
    };
    for (const Case& c : {
             Case{"Russian forces shelled the town on Monday.", "Explosions/Remote violence",
                  "Shelling/artillery/missile attack"},
             Case{"Warplanes carried out airstrikes on the city.", "Explosions/Remote violence", "Air/drone strike"},
             Case{"Jets bombed the market.", "Explosions/Remote violence", "Air/drone strike"},
             Case{"A roadside bomb killed three policemen.", "Explosions/Remote violence",
                  "Remote explosive/landmine/IED"},
             Case{"A suicide bomber blew himself up at a checkpoint.", "Explosions/Remote violence", "Suicide bomb"},
             Case{"Militants hurled a grenade at a police post.", "Explosions/Remote violence", "Grenade"},
             Case{"A chemical attack killed dozens.", "Explosions/Remote violence", "Chemical weapon"},
             Case{"Troops clashed with rebels near the border.", "Battles", "Armed clash"},
             Case{"Militants attacked an army base, killing four soldiers.", "Battles", "Armed clash"},
             Case{"Gunmen attacked villagers, killing four.", "Violence against civilians", "Attack"},
             Case{"Rebels captured the town.", "Battles", "Non-state actor overtakes territory"},
             Case{"Government forces recaptured the town.", "Battles", "Government regains territory"},
             Case{"Rebels took control of the town after the army withdrew.", "Strategic developments",
                  "Non-violent transfer of territory"},
             Case{"Police seized a weapons cache.", "Strategic developments", "Disrupted weapons use"},
             Case{"Soldiers defused a bomb near the school.", "Strategic developments", "Disrupted weapons use"},
             Case{"Gunmen abducted 39 students.", "Violence against civilians", "Abduction/forced disappearance"},
             Case{"Soldiers raped women in the village.", "Violence against civilians", "Sexual violence"},
             Case{"Thousands marched peacefully against the coup.", "Protests", "Peaceful protest"},
             Case{"Police fired tear gas at protesters.", "Protests", "Protest with intervention"},
             Case{"Riot police detained dozens of protesters.", "Protests", "Protest with intervention"},
             Case{"Soldiers shot dead 12 protesters.", "Protests", "Excessive force against protesters"},
             Case{"Protesters threw stones at police and torched cars.", "Riots", "Violent demonstration"},
             Case{"Students clashed with police.", "Riots", "Violent demonstration"},
             Case{"A mob lynched a suspected thief.", "Riots", "Mob violence"},
             Case{"The two sides signed a peace agreement.", "Strategic developments", "Agreement"},
             Case{"Police arrested an opposition leader.", "Strategic developments", "Arrests"},
             Case{"Soldiers burned dozens of houses.", "Strategic developments", "Looting/property destruction"},
             Case{"The army established a base in the north.", "Strategic developments",
                  "Headquarters or base established"},
             Case{"The authorities imposed a curfew.", "Strategic developments", "Other"},
         }) {
        INFO(c.text);
        const auto ev = events_of(c.text);
        REQUIRE(ev.size() == 1);
        CHECK(ev[0].event_type == c.type);
        CHECK(ev[0].sub_event_type == c.sub);
    }
}

TEST_CASE("triggers: talk of violence is no event", "[events][types]") {
    for (const char* s : {"The UN called on the sides to stop fighting.", "Rebels threatened to attack the city.",
                          "Police arrested 25 people suspected of looting.", "No clashes were reported.",
                          "Riot police stood by.", "A tank was destroyed.", "Talks resumed."}) {
        INFO(s);
        const auto ev = events_of(s);
        if (std::string(s).find("looting") != std::string::npos) {
            REQUIRE(ev.size() == 1);
            CHECK(ev[0].sub_event_type == "Arrests");
        } else {
            CHECK(ev.empty());
        }
    }
}

TEST_CASE("actors: state forces from demonyms, named groups, ACLED's defaults", "[events][actors]") {
    // (The mini gazetteer has no demonyms: "Azerbaijani forces" is tested on the full one.)
    auto ev = events_of("Azerbaijan's forces shelled Stepanakert on Sunday.", "2020-09-28");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].actor1 == "Military Forces of Azerbaijan");
    CHECK(ev[0].plover_event == "ASSAULT");
    CHECK(ev[0].plover_mode == "heavy-weapons");
    ev = events_of("Boko Haram militants abducted 20 farmers.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].actor1 == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad");
    CHECK(ev[0].actor2.rfind("Civilians", 0) == 0);
    ev = events_of("Fighting erupted between Armenia and Azerbaijan.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].actor1 == "Military Forces of Armenia");
    CHECK(ev[0].actor2 == "Military Forces of Azerbaijan");
    ev = events_of("Police fired tear gas at protesters in Tbilisi.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].actor1 == "Protesters (Georgia)");
    CHECK(ev[0].actor2 == "Police Forces of Georgia");
}

TEST_CASE("locations: linked from the trigger, one event per place", "[events][location]") {
    auto ev = events_of("Azerbaijan's forces shelled Stepanakert on Sunday.", "2020-09-28");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.id == 146970);
    CHECK(ev[0].location->reason == "trigger-object");
    CHECK(ev[0].location->geo_precision == 1);
    CHECK(ev[0].date == Date{2020, 9, 27});
    CHECK(ev[0].trigger.text == "shelled");
    CHECK(ev[0].sentence.start == 0);
    // "near" lowers precision; a place that only names the source is no site.
    ev = events_of("Troops clashed with rebels near Tbilisi, a claim Moscow denied.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Tbilisi");
    CHECK(ev[0].location->geo_precision == 2);
    CHECK(ev[0].location->reason == "near");
}

TEST_CASE("event tables: the built-in tables parse; a bad row names its table and line", "[events][tables]") {
    const auto& t = EventTables::builtin();
    CHECK(t.sub_events().size() == 25);
    CHECK(t.triggers().size() > 200);
    const std::string taxonomy = "code\tevent_type\tsub_event_type\tplover_event\tplover_mode\n"
                                 "attack\tViolence against civilians\tAttack\tASSAULT\tfirearms\n";
    CHECK_THROWS_AS(EventTables(taxonomy, "pattern\tcode\tpriority\trule\nshell*\tshelling\t88\t-\n", "class\tpattern\n",
                                "pattern\tname\tkind\n", "word\tvalue\tkind\n", "word\tkind\tvalue\n"),
                    DataError);
    try {
        EventTables(taxonomy, "pattern\tcode\tpriority\trule\n# c\nattacked\tattack\tx\t-\n", "class\tpattern\n",
                    "pattern\tname\tkind\n", "word\tvalue\tkind\n", "word\tkind\tvalue\n");
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(e.line() == 3);
        CHECK(e.file() == "geodata/events/triggers.tsv");
    }
}

TEST_CASE("casualties: ACLED notes' phrasings", "[events][casualties]") {
    CHECK(casualties("Fatalities coded as 4.").coded == 4);
    CHECK(casualties("[fatalities coded as 10]").coded == 10);
    CHECK_FALSE(casualties("The incident was coded as 3 separate events.").coded);
    CHECK(casualties("7 soldiers and an unknown number of militants were killed.").fatalities == 7);
    CHECK(casualties("An unknown number of militants were killed.").fatalities == 0);
    CHECK(casualties("A woman and her child were killed.").fatalities == 2);
    CHECK(casualties("Maoists blew up a vehicle, killing 10 policemen and their civilian driver.").fatalities == 11);
    CHECK(casualties("A tractor hit a landmine, killing the driver.").fatalities == 1);
    CHECK(casualties("A mob beat to death a man accused of witchcraft.").fatalities == 1);
    CHECK(casualties("A policeman was beaten to death.").fatalities == 1);
    CHECK(casualties("A crowd lynched and burned 13 suspected gang members.").fatalities == 13);
    CHECK(casualties("Candidate Fernando Villavicencio was shot dead after a rally.").fatalities == 1);
}

TEST_CASE("notes: a coded count and a sentence referring back belong to the note's event", "[events][casualties]") {
    auto ev = events_of("On 5 March 2021, aircraft struck a house in Tbilisi, killing a commander and members of his "
                        "family. Fatalities coded as 4.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].fatalities == 4);
    ev = events_of("On 5 March 2021, gunmen kidnapped 36 worshippers from a church in Tbilisi. Three people were "
                   "killed during the attack. IS claimed the attack.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].sub_event_type == "Abduction/forced disappearance");
    CHECK(ev[0].fatalities == 3);
}

TEST_CASE("triggers: ACLED notes' vocabulary", "[events][types]") {
    struct Case {
        const char* text;
        const char* sub;
    };
    for (const Case& c : {
             Case{"Supporters stormed and vandalised the parliament.", "Violent demonstration"},
             Case{"Looters ransacked shopping malls.", "Violent demonstration"},
             Case{"Youths set fire to cars and looted shops.", "Violent demonstration"},
             Case{"Helicopters dropped barrel bombs containing chlorine on the town.", "Chemical weapon"},
             Case{"Police arrested 3 men and recovered 2 grenades.", "Arrests"},
             Case{"Police detained 5 young men; their whereabouts remain unknown.", "Abduction/forced disappearance"},
             Case{"Teachers gathered in front of the ministry to demand their salaries.", "Peaceful protest"},
             Case{"Farmers staged a dharna outside the collectorate.", "Peaceful protest"},
             Case{"Security forces fired tear gas at mourners at the cemetery.", "Protest with intervention"},
             Case{"The authorities imposed a curfew following the killing of a student.", "Other"},
             Case{"The army launched a recruitment drive for volunteers.", "Change to group/activity"},
             Case{"TPLF forces attacked the ENDF Northern Command headquarters.", "Armed clash"},
         }) {
        INFO(c.text);
        const auto ev = events_of(c.text);
        REQUIRE(ev.size() == 1);
        CHECK(ev[0].sub_event_type == c.sub);
    }
    // A note's next sentence tells how the protest ended.
    auto ev = events_of("On 7 March 2021, thousands protested outside the parliament in Tbilisi. Police used water "
                        "cannon and tear gas; 66 protesters were detained.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Protest with intervention");
}

TEST_CASE("triggers: sport, politics and disease are no conflict", "[events][types]") {
    for (const char* s : {"Manchester City launched a late attack and Haaland scored the winner.",
                          "The senator vowed to fight the proposed tax bill.",
                          "The opposition attacked the government's budget plan on Tuesday.",
                          "Doctors are fighting a cholera outbreak.",
                          "Liverpool beat Chelsea in a fierce battle for fourth place.",
                          "The candidate attacked his rival over corruption during a televised debate.",
                          "Firefighters battled a blaze that destroyed a warehouse.",
                          "The striker was shot down by critics after a poor display."}) {
        INFO(s);
        CHECK(events_of(s).empty());
    }
    // Armed actors, weapons or the dead keep it an event.
    CHECK(events_of("Gunmen attacked fans outside the stadium after the match, killing two.").size() == 1);
    CHECK(events_of("Militants attacked a football team's bus with a grenade.").size() == 1);
}

TEST_CASE("actors: ACLED's own names with their years", "[events][actors]") {
    const auto ev = events_of("On 5 March 2021, Military Forces of Georgia (2018-) clashed with rebels near Tbilisi.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].actor1 == "Military Forces of Georgia (2018-)");
    CHECK(ev[0].fatalities == 0);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Tbilisi");
    CHECK(ev[0].date == Date{2021, 3, 5});
}

TEST_CASE("locations: ACLED notes' 'Place (District, Province)'", "[events][location]") {
    // The areas choose among homonyms: Tripoli in Lebanon, not Libya's capital.
    auto ev = events_of("On 3 May 2021, gunmen clashed with soldiers in Tripoli (North Lebanon). 2 people were killed.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.country_code == "LB");
    CHECK(ev[0].location->place.name == "Tripoli");
    CHECK(ev[0].fatalities == 2);
    ev = events_of("On 3 May 2021, protesters marched in Paris (Texas). [size=around 200]");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.country_code == "US");
    CHECK(ev[0].sub_event_type == "Peaceful protest");
    // A place the gazetteer lacks falls to its first area that resolves.
    ev = events_of("On 3 May 2021, gunmen attacked villagers near Xyzabad (Texas), killing 3.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Texas");
    CHECK(ev[0].location->reason == "admin-area");
    CHECK(ev[0].location->geo_precision == 3);
    // "City - Neighbourhood (Area)": the city.
    ev = events_of("On 3 May 2021, a car bomb exploded in Paris - Belleville (Ile-de-France), killing 6 people.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.country_code == "FR");
    CHECK(ev[0].location->place.name == "Paris");
    // Parentheses that are no areas change nothing.
    ev = events_of("On 3 May 2021 (as reported), rebels attacked an army base near Tbilisi.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Tbilisi");
}

TEST_CASE("dates: numeric dates of analysts' logs", "[events][dates]") {
    CHECK(date_in("14.03.2022: units repelled an advance.", "2022-03-16").date->iso() == "2022-03-14");
    CHECK(date_in("3/14/2022 - aircraft struck a block.", "2022-03-15").date->iso() == "2022-03-14");
    CHECK(date_in("Civilians were killed on 16/03/2022.", "2022-03-18").date->iso() == "2022-03-16");
    CHECK(date_in("14/08 - a car bomb exploded.", "2022-08-15").date->iso() == "2022-08-14");
    CHECK(date_in("07/07: elements looted a health centre.", "2023-07-08").date->iso() == "2023-07-07");
    CHECK(date_in("A missile hit the town on 28.04.2023.", "2023-04-29").date->iso() == "2023-04-28");
    // Figures that are no dates: a fraction inside a sentence, a decimal.
    const TokenText t("Around 1.5 million people fled; 1/2 of them children.");
    const auto found = DateResolver(EventTables::builtin())
                           .find(t, 0, static_cast<std::uint32_t>(t.size()), Date::parse_iso("2022-03-16"));
    CHECK(found.empty());
}

TEST_CASE("dates: a relative word beside a date only qualifies it", "[events][dates]") {
    const auto ev = events_of("Gunmen stormed the village overnight 4-5 June, killing 13 civilians.", "2021-06-06");
    REQUIRE_FALSE(ev.empty());
    REQUIRE(ev[0].date);
    CHECK(ev[0].date->iso() == "2021-06-04");
}

TEST_CASE("casualties: analysts' abbreviations, updates, sides", "[events][casualties]") {
    CHECK(casualties("Shelling reported overnight; 2 civ KIA, 3 WIA.").fatalities == 2);
    CHECK(casualties("Shelling reported overnight; 2 civ KIA, 3 WIA.").injured == 3);
    CHECK(casualties("22 security personnel were KIA when Maoists ambushed a patrol.").fatalities == 22);
    CHECK(casualties("Exchange of fire with gunmen, 1x militant KIA.").fatalities == 1);
    CHECK(casualties("The KIA attacked a post; 3 KIA fighters were wounded.").fatalities == 0);
    CHECK(casualties("The bombing left 54 dead; the death toll later rose to 63.").fatalities == 63);
    CHECK(casualties("Gunmen killed at least 30 residents; the death toll rose to 42 by Thursday.").fatalities == 42);
    CHECK(casualties("The army clashed with rebels, killing more than 300 rebels; 5 soldiers died.").fatalities == 305);
    CHECK(casualties("Six people, including four police officers, were killed when a device detonated.").fatalities == 6);
    CHECK(casualties("Raiders attacked two villages, beheading five residents.").fatalities == 5);
    CHECK(casualties("Two militants blew themselves up; both attackers died.").fatalities == 2);
    // Still conflicting reports of the same dead: the lowest.
    CHECK(casualties("Gunmen killed 132 civilians; local sources put the toll at 160.").fatalities == 132);
    CHECK(casualties("Some 30 fighters from both sides were killed.").fatalities == 30);
}

TEST_CASE("triggers: analysts' and wires' vocabulary", "[events][types]") {
    auto ev = events_of("Border guards traded fire on the outskirts of Tbilisi on 14 March, leaving 3 dead.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Armed clash");
    ev = events_of("Police killed six suspects in a shootout with gang members in Tbilisi on 4 March.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].event_type == "Battles");
    ev = events_of("Rioting and looting erupted in Tbilisi on 4 March after police went on strike.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].event_type == "Riots");
    ev = events_of("Settlers uprooted 70 olive trees in a village near Tbilisi on 4 March.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Looting/property destruction");
    ev = events_of("Some 300 ex-fighters surrendered their weapons to the army in Tbilisi on 4 March.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Change to group/activity");
    // A squad of bomb disposal is no sport.
    ev = events_of("A bomb disposal squad defused an IED under a bridge in Tbilisi on 4 March.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Disrupted weapons use");
    ev = events_of("A tractor driver was killed when his tractor ran over an anti-tank mine near Tbilisi on 4 March.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].sub_event_type == "Remote explosive/landmine/IED");
    // A cause told after the event is not the event.
    ev = events_of("Rioters burned shops and houses in Tbilisi on 4 March after a kidnapping rumour.");
    REQUIRE_FALSE(ev.empty());
    CHECK(ev[0].event_type == "Riots");
}

namespace {

// The name of the first event's place ("" when none).
std::string site_of(const std::string& text) {
    const auto ev = events_of(text);
    if (ev.empty() || !ev[0].location) return {};
    return std::string(ev[0].location->place.name);
}

}  // namespace

TEST_CASE("locations: a place after a preposition beats a place inside a name", "[events][location]") {
    // A person's name, a building's, an institution's (an area word inside it too).
    CHECK(site_of("Protesters toppled a statue of Paris Hilton and torched a police post in Batumi on "
                  "Sunday.") == "Batumi");
    CHECK(site_of("Gunmen attacked the Tbilisi Grand Hotel in Batumi on Sunday, killing two guards.") == "Batumi");
    CHECK(site_of("Thousands rallied outside the Donetsk State Theatre in Kyiv on Sunday.") == "Kyiv");
    // Alone, the name's place is still the site; an area word or a date after it is no name.
    CHECK(site_of("Gunmen attacked the Tbilisi Grand Hotel on Sunday, killing two guards.") == "Tbilisi");
    CHECK(site_of("Troops clashed with rebels in Adjara Region Sunday.") == "Adjara");
}

TEST_CASE("locations: modifiers, routes and descriptions are no sites", "[events][location]") {
    // "Iran-backed", "pro-Iran": never the site, even alone.
    CHECK(site_of("Jets bombed Iran-backed militia positions in Aleppo on Sunday.") == "Aleppo");
    CHECK(site_of("Drones struck pro-Iran fighters on Sunday.") != "Iran");
    CHECK(site_of("Jets bombed Iran-backed militia positions on Sunday.") != "Iran");
    // A route names its ends: the place near it is the site.
    CHECK(site_of("Militants bombed the Baku-Tbilisi pipeline near Ganja on Sunday.") == "Ganja");
    // A place describing a noun: the victims' country, a vehicle's name.
    CHECK(site_of("Gunmen kidnapped 12 US and Canadian engineers near Batumi on Sunday.") == "Batumi");
    CHECK(site_of("Militants attacked the US and British embassies in Tbilisi on Sunday.") == "Tbilisi");
    CHECK(site_of("Rebels fired rockets at a Damascus passenger bus near Aleppo on Sunday.") == "Aleppo");
    // But not the trigger it names: "the Batumi bombing".
    CHECK(site_of("Police arrested two men over the Batumi bombing near Tbilisi on Sunday.") != "");
}

TEST_CASE("locations: an area's possessive names the site", "[events][location]") {
    // "Adjara's Batumi": the town, linked through its area ("in").
    auto ev = events_of("Missiles hit a fuel depot in Adjara's Batumi on Sunday.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Batumi");
    CHECK(ev[0].location->reason == "preposition");
    CHECK(site_of("Shelling hit a school in Donetsk oblast's Kyiv on Sunday.") == "Kyiv");
    // A name the gazetteer lacks, or has only abroad: the area stands in.
    CHECK(site_of("Shelling hit a school in Adjara's Xyzivka on Sunday.") == "Adjara");
    CHECK(site_of("Rioters looted shops in Tbilisi's Paris on Sunday.") == "Tbilisi");
}

TEST_CASE("locations: 'from X' is where an abduction or a withdrawal happened", "[events][location]") {
    auto ev = events_of("Gunmen abducted 30 passengers from Ganja on Sunday.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].sub_event_type == "Abduction/forced disappearance");
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Ganja");
    ev = events_of("Rebel fighters withdrew from Batumi on Sunday without a fight.");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].sub_event_type == "Non-violent transfer of territory");
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Batumi");
    // An origin stays an origin: "rockets fired from X".
    CHECK(site_of("Rockets fired from Aleppo struck Damascus on Sunday.") == "Damascus");
}

TEST_CASE("locations: a note of two events codes the first", "[events][location]") {
    auto ev = events_of("In Adjara, rebels on 3 March attacked an army base in Batumi, killing four soldiers; "
                        "troops on 5 March repelled an attack on Tbilisi.");
    REQUIRE_FALSE(ev.empty());
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Batumi");
    CHECK(ev[0].date == Date{2021, 3, 3});
    CHECK(ev[0].fatalities == 4);
    // One event told in two clauses stays one: the stronger trigger, its place.
    ev = events_of("Rebels attacked an army base in Batumi on 3 March; four soldiers were killed.");
    REQUIRE(ev.size() == 1);
    REQUIRE(ev[0].location);
    CHECK(ev[0].location->place.name == "Batumi");
}

TEST_CASE("casualties: wire reports' phrasings", "[events][casualties]") {
    // An article joined to a count, and counts joined past qualifiers and possessives.
    CHECK(casualties("Raiders burned a farm, and a guard and three farmhands died in the fire.").fatalities == 4);
    CHECK(casualties("The ambush killed a ranger and at least 12 porters.").fatalities == 13);
    CHECK(casualties("Gunmen killed a trader and a driver near the market.").fatalities == 2);
    CHECK(casualties("The strike killed three Nepalis and a Kenyan.").fatalities == 4);
    CHECK(casualties("Eight guards and a cook were killed in the raid.").fatalities == 9);
    CHECK(casualties("Attackers killed a farmer and his four daughters.").fatalities == 5);
    // "and the army said" joins nothing.
    CHECK(casualties("Rebels attacked the town, and the army said four soldiers were killed.").fatalities == 4);
    // "along with": more dead of the same event.
    CHECK(casualties("A judge was shot dead along with his three guards.").fatalities == 4);
    // Parts of a count already made: an appositive, "one of them".
    CHECK(casualties("One person, an elderly man, was killed by the shell.").fatalities == 1);
    CHECK(casualties("The blast killed five people, two of them children.").fatalities == 5);
    // Bodies found, forces' losses, each side.
    CHECK(casualties("Police found the bodies of nine migrants in a ditch.").fatalities == 9);
    CHECK(casualties("The bodies of 6 men were recovered from the river.").fatalities == 6);
    CHECK(casualties("The army admitted it had lost 14 soldiers in the battle.").fatalities == 14);
    CHECK(casualties("The army lost control of 14 villages.").fatalities == 0);
    CHECK(casualties("The border clash left three dead on each side.").fatalities == 6);
    CHECK(casualties("Fighting left two killed on both sides.").fatalities == 4);
}

TEST_CASE("dates: the eve of a day, Christmas", "[events][dates]") {
    CHECK(date_in("Gunmen attacked a checkpoint on the eve of 9 May.", "2021-05-12").date->iso() == "2021-05-08");
    CHECK(date_in("Rockets hit the city on the eve of the 20 June vote.", "2021-06-22").date->iso() == "2021-06-19");
    CHECK(date_in("Gunmen attacked a church on Christmas Day.", "2021-12-27").date->iso() == "2021-12-25");
    CHECK(date_in("Raiders killed 12 villagers on the eve of Christmas.", "2021-12-27").date->iso() == "2021-12-24");
    CHECK(date_in("Bombs went off on Christmas Eve.", "2022-01-03").date->iso() == "2021-12-24");
    const TokenText party("Gunmen opened fire on a Christmas party in the town.");
    CHECK(DateResolver(EventTables::builtin())
              .find(party, 0, static_cast<std::uint32_t>(party.size()), Date{2021, 12, 27})
              .empty());
}

TEST_CASE("triggers: wire reports' vocabulary and attributions", "[events][types]") {
    auto first = [](const std::string& s) {
        const auto ev = events_of(s);
        REQUIRE_FALSE(ev.empty());
        return ev.front();
    };
    CHECK(first("The bodies of 5 people were found on a road outside the city.").sub_event_type == "Attack");
    CHECK(first("Police fired tear gas at youths throwing stones at a police station.").sub_event_type ==
          "Violent demonstration");
    CHECK(first("Forty fighters defected to the government side with their weapons.").sub_event_type ==
          "Change to group/activity");
    CHECK(first("Militants besieged the hotel for 30 hours, killing 9 guests.").sub_event_type == "Attack");
    // ", police said" names no victim; ", residents said" no crowd.
    CHECK(first("Twelve farmers were killed when gunmen raided their village, police said.").sub_event_type ==
          "Attack");
    CHECK(first("Clashes between the army and rebels left 20 dead, residents said.").sub_event_type ==
          "Armed clash");
}
