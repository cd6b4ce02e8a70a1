// Which event a mention means: a stored one of that date or place, one this run proposed, or a
// new one named by its place, kind and date.
#include "events.hpp"

#include <algorithm>
#include <cctype>

#include "dates.hpp"
#include "ergraph/text.hpp"

namespace ergraph::extract {

bool event_is_near(const Registry& registry, const DocumentState& doc, int event) {
  const auto it = registry.at(event).props.find("date");
  return it != registry.at(event).props.end() && shortly_before(it->second, doc.published);
}

int resolve_event(Registry& registry, const DocumentState& doc, const std::string& kind,
                  const std::string& place, const std::string& date, bool undated) {
  const auto near = [&](int event) { return event_is_near(registry, doc, event); };
  std::string name = place.empty() ? kind : place + " " + kind;
  if (undated) {
    name += doc.published.empty() ? " in " + doc.doc_id
                                  : " reported on " + date_in_words(doc.published);
  }
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  const std::string dated = date.empty() ? name : name + ", " + date_in_words(date);
  // A known Event of that date whose name holds the place, else one of this run by name.
  for (const int e : date.empty() ? std::vector<int>{} : registry.events_on(date)) {
    if (place.empty() || name_key(registry.at(e).name).find(name_key(place)) != std::string::npos) {
      return e;
    }
  }
  // Undated "talks in Istanbul": an event of this run at that place, or a stored one whose
  // name holds the place and the kind.
  std::vector<int>& same_place = registry.events_at(kind, name_key(place));
  if (date.empty() && !place.empty()) {
    std::vector<int> candidates = same_place;
    for (const int known : registry.known_events_named(name_key(place))) {
      if (name_key(registry.at(known).name).find(name_key(kind)) != std::string::npos) {
        candidates.push_back(known);
      }
    }
    // Several: one of the report's days, else the one the reports speak of most.
    if (!candidates.empty()) {
      return *std::max_element(candidates.begin(), candidates.end(), [&](int a, int b) {
        return std::pair(near(a), registry.at(a).mentions) <
               std::pair(near(b), registry.at(b).mentions);
      });
    }
  }
  const int e = registry.find_or_add("Event", dated, "an event noun with its place or date", 0.7,
                                     date.empty() ? dated : name + " " + date);
  if (!place.empty() && std::find(same_place.begin(), same_place.end(), e) == same_place.end()) {
    same_place.push_back(e);
  }
  Entity& event = registry.at(e);
  if (event.is_new) {
    const auto& props = registry.schema().node_type("Event")->props;
    if (!date.empty() && props.count("date")) event.props["date"] = date;
    if (props.count("kind")) event.props["kind"] = kind;
  }
  return e;
}

}  // namespace ergraph::extract
