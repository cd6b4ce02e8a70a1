// The schema's property rules applied to a properties object (ergraph/schema.hpp check_props).
#include <nlohmann/json.hpp>

#include "ergraph/schema.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

bool has_type(const nlohmann::json& value, PropType type) {
  switch (type) {
    case PropType::kString:
      return value.is_string();
    case PropType::kDate:
      return value.is_string() && is_valid_date(value.get_ref<const std::string&>());
    case PropType::kNumber:
      return value.is_number();
    case PropType::kBool:
      return value.is_boolean();
    case PropType::kStringList:
      if (!value.is_array()) return false;
      for (const auto& item : value) {
        if (!item.is_string()) return false;
      }
      return true;
  }
  return false;
}

}  // namespace

void check_props(const std::map<std::string, PropType>& declared, std::string_view props_json,
                 const std::string& owner, std::vector<std::string>& problems) {
  nlohmann::json props;
  try {
    props = nlohmann::json::parse(props_json);
  } catch (const nlohmann::json::parse_error&) {
    props = nullptr;  // reported as not an object, below
  }
  if (!props.is_object()) {
    problems.push_back("props must be a JSON object");
    return;
  }
  std::vector<std::string> names;
  for (const auto& [name, type] : declared) names.push_back(name);
  for (const auto& [name, value] : props.items()) {
    const auto it = declared.find(name);
    if (it == declared.end()) {
      std::string message = "property '" + name + "' is not declared for " + owner;
      std::string hint = did_you_mean(name, names);
      if (hint.empty()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        hint = list.empty() ? " (it declares none)" : " (declared: " + list + ")";
      }
      message += hint;
      problems.push_back(message);
    } else if (!has_type(value, it->second)) {
      std::string expected(prop_type_name(it->second));
      if (it->second == PropType::kDate) expected += " (YYYY, YYYY-MM or YYYY-MM-DD)";
      problems.push_back("property '" + name + "' of " + owner + " must be a " + expected +
                         ", not " + value.dump());
    }
  }
}

std::string merge_props(const std::string& base, const std::string& update) {
  nlohmann::json merged = nlohmann::json::parse(base);
  merged.update(nlohmann::json::parse(update));
  return merged.dump();
}

}  // namespace ergraph
