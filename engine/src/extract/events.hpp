// Events as reports name them: "talks in Istanbul on Friday", "the 2022 talks", "a phone call".
#pragma once

#include <string>

#include "mentions.hpp"
#include "registry.hpp"

namespace ergraph::extract {

// Whether the event's date is one of the report's days (on or shortly before its publication).
bool event_is_near(const Registry& registry, const DocumentState& doc, int event);

// The event of `kind` at `place` on `date` (each may be empty): a stored Event of that date whose
// name holds the place; undated, a stored or proposed one at that place (one of the report's
// days first, then the most mentioned); else a new one, "Istanbul talks, 16 May 2025" with the
// id event:istanbul-talks-2025-05-16. `undated` names a new one after the report ("Phone call
// reported on 16 May 2025").
int resolve_event(Registry& registry, const DocumentState& doc, const std::string& kind,
                  const std::string& place, const std::string& date, bool undated);

}  // namespace ergraph::extract
