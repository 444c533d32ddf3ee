#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "events/actor_extractor.hpp"
#include "events/admin_context.hpp"
#include "events/casualty_counter.hpp"
#include "events/date_resolver.hpp"
#include "events/event.hpp"
#include "events/event_tables.hpp"
#include "events/location_linker.hpp"
#include "events/trigger_classifier.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/document.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::events {

// Codes the conflict events of one geocoded document the ACLED way
// (docs/events.md): per sentence, the main trigger and its type, the actors,
// the dead and injured, the date against the publication date, the place
// (linked from the trigger, else a fallback of the document); one event per
// place and day, repeated reports of one event merged. Holds no per-document
// state between calls; use one per thread (it is cheap to copy the tables'
// reference, the country names are built once per extractor).
class EventExtractor {
public:
    explicit EventExtractor(const gazetteer::Gazetteer& gazetteer,
                            const EventTables& tables = EventTables::builtin());

    std::vector<Event> run(const io::Document& doc, const std::vector<resolve::ResolvedMention>& mentions) const;

    // The English name of a country code as the gazetteer has it ("AZ" -> Azerbaijan); "" when unknown.
    std::string country_name(std::string_view code) const;

private:
    struct DocumentPlaces;
    std::optional<EventLocation> fallback(const DocumentPlaces& places, const TokenText& t) const;

    const gazetteer::Gazetteer& m_gazetteer;
    const EventTables& m_tables;
    TriggerClassifier m_classifier;
    ActorExtractor m_actors;
    CasualtyCounter m_casualties;
    DateResolver m_dates;
    LocationLinker m_linker;
    AdminContext m_admin;
    std::unordered_map<std::string, std::string> m_countries;
};

}  // namespace conflictmap::events
