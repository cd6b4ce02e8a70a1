// Private to the engine: checks a JSON properties object against a type's declared properties.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "ergraph/schema.hpp"

namespace ergraph {

// Appends one message per problem: not an object, an undeclared property (with a suggestion),
// or a value of the wrong type (dates must be YYYY[-MM[-DD]]). `owner` names the type in messages.
void check_props(const std::map<std::string, PropType>& declared, const nlohmann::json& props,
                 const std::string& owner, std::vector<std::string>& problems);

}  // namespace ergraph
