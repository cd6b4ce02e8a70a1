#include "registry.hpp"

#include <algorithm>
#include <cctype>

#include "ergraph/text.hpp"
#include "sentences.hpp"

namespace ergraph::extract {
namespace {

bool is_initialism(const std::string& name) {
  std::size_t letters = 0;
  for (const char c : name) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) ++letters;
  }
  return letters >= 2 && name.size() <= 6;
}

std::string prefix_of(const std::string& type) {
  if (type == "Organization") return "org";
  if (type == "Document") return "doc";
  std::string p;
  for (const char c : type) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p;
}

// The name key of a name's first word, split as texts are.
std::string first_word_key(const std::string& name) {
  for (const WordSpan& w : word_spans(name)) {
    if (w.word) return fast_name_key(std::string_view(name).substr(w.begin, w.end - w.begin));
  }
  return "";
}

}  // namespace

std::string slug(const std::string& name) {
  std::string out;
  for (const WordSpan& w : word_spans(name)) {
    if (!w.word) continue;
    // Each piece of "2025-05-16" or "follow-up" keeps its place in the id.
    std::string_view word = std::string_view(name).substr(w.begin, w.end - w.begin);
    while (!word.empty()) {
      std::size_t cut = word.find_first_of("-.'");
      const std::string key = name_key(word.substr(0, cut));
      if (!key.empty()) {
        if (key == "s" && !out.empty()) {  // "Russia's" -> "russias"
          out += key;
        } else {
          if (!out.empty()) out += '-';
          out += key;
        }
      }
      if (cut == std::string_view::npos) break;
      word.remove_prefix(cut + 1);
    }
  }
  return out.empty() ? "unnamed" : out;
}

Registry::Registry(const Schema& schema, const std::vector<KnownNode>& known,
                   const Lexicon& lexicon)
    : schema_(schema) {
  entities_.reserve(known.size() + 2 * lexicon.countries.size());
  names_.reserve(known.size() * 2);
  by_id_.reserve(known.size() + 2 * lexicon.countries.size());
  first_words_.reserve(known.size());
  for (const KnownNode& node : known) {
    // Documents are cited, not named in reports: their titles are no actor's name.
    if (node.type == std::string(kDocumentType)) continue;
    Entity e;
    e.id = node.id;
    e.type = node.type;
    e.name = node.name;
    if (!node.date.empty()) e.props["date"] = node.date;
    const int index = add(std::move(e));
    index_name(index, node.name);
    for (const std::string& alias : node.aliases) index_name(index, alias);
    if (node.type == "Event" && !node.date.empty()) {
      events_by_date_[node.date].push_back(index);
      events_by_date_[node.date.substr(0, 4)].push_back(index);
    }
    if (node.type == "Event") {
      for (const WordSpan& w : word_spans(node.name)) {
        known_events_by_word_[name_key(
                                  std::string_view(node.name).substr(w.begin, w.end - w.begin))]
            .push_back(index);
      }
    }
  }
  if (schema.node_type("Country") == nullptr) return;
  for (const CountryEntry& c : lexicon.countries) {
    const int country = find_or_add("Country", c.name, "country list", 0.9);
    if (!c.demonyms.empty()) at(country).adjective = c.demonyms.front();
    // A stored country keeps its own names; the list's other names find it and, when a text
    // uses them, are proposed as its aliases.
    for (const std::string& n : c.other_names) index_name(country, n, at(country).is_new);
    for (const std::string& d : c.demonyms) {
      names_[name_key(d)].push_back({country, false, true});
      demonyms_[name_key(d)] = true;
      first_words_.insert(name_key(d));
    }
    if (!c.capital.empty()) {
      names_[name_key(c.capital)].push_back({country, false, true});
      first_words_.insert(name_key(c.capital.substr(0, c.capital.find(' '))));
      if (schema.node_type("Place") != nullptr) {
        const int capital = find_or_add("Place", c.capital, "capital in the country list", 0.8);
        at(capital).country = country;
      }
    }
  }
}

const std::vector<NameEntry>* Registry::lookup(const std::string& key) const {
  const auto it = names_.find(key);
  return it == names_.end() ? nullptr : &it->second;
}

int Registry::add(Entity entity) {
  const int index = static_cast<int>(entities_.size());
  by_id_.emplace(entity.id, index);
  entities_.push_back(std::move(entity));
  return index;
}

void Registry::index_name(int index, const std::string& name, bool own_name) {
  const std::string key = fast_name_key(name);
  if (key.empty()) return;
  std::vector<NameEntry>& entries = names_[key];
  for (NameEntry& e : entries) {
    if (e.entity == index) {
      e.known_by = e.known_by || own_name;
      return;
    }
  }
  const Entity& entity = at(index);
  const bool actor = entity.type != "Topic" && entity.type != "Event";
  entries.push_back({index, is_initialism(name), actor && starts_with_capital(name), own_name});
  // The first word's key: where a text's search for this name starts.
  std::size_t end = 0;
  while (end < name.size() &&
         (std::isalnum(static_cast<unsigned char>(name[end])) ||
          static_cast<unsigned char>(name[end]) >= 0x80 || name[end] == '-' || name[end] == '.')) {
    ++end;
  }
  first_words_.insert(end == name.size() ? key : first_word_key(name));
}

bool Registry::known_by(int index, const std::string& key) const {
  if (const auto* entries = lookup(key)) {
    for (const NameEntry& e : *entries) {
      if (e.entity == index && e.known_by) return true;
    }
  }
  return false;
}

std::string Registry::new_id(const std::string& type, const std::string& name) {
  const std::string base = prefix_of(type) + ":" + slug(name);
  std::string id = base;
  for (int n = 2; by_id_.count(id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

int Registry::find_or_add(const std::string& type, const std::string& name, const std::string& rule,
                          double confidence, const std::string& id_name) {
  if (const auto* entries = lookup(name_key(name))) {
    for (const NameEntry& e : *entries) {
      if (at(e.entity).type == type) return e.entity;
    }
  }
  Entity e;
  e.type = type;
  e.name = name;
  e.id = new_id(type, id_name.empty() ? name : id_name);
  e.is_new = true;
  e.rule = rule;
  e.confidence = confidence;
  const int index = add(std::move(e));
  index_name(index, name);
  return index;
}

void Registry::add_alias(int index, const std::string& alias) {
  const std::string key = name_key(alias);
  if (key.empty()) return;
  if (known_by(index, key)) return;
  index_name(index, alias);
  at(index).aliases.push_back(alias);
}

int Registry::person_by_surname(const std::string& key) const {
  const auto it = surnames_.find(key);
  return it == surnames_.end() ? -1 : it->second;
}

void Registry::add_surname(const std::string& key, int person) {
  const auto [it, added] = surnames_.emplace(key, person);
  if (!added && it->second != person) it->second = -2;
}

void Registry::note_spelling(int index, const std::string& surface) {
  const std::string key = name_key(surface);
  if (at(index).is_new || key.empty() || demonyms_.count(key) || known_by(index, key)) return;
  index_name(index, surface);
  at(index).aliases.push_back(surface);
}

std::vector<int> Registry::known_events_named(const std::string& word_key) const {
  const auto it = known_events_by_word_.find(word_key);
  return it == known_events_by_word_.end() ? std::vector<int>{} : it->second;
}

std::vector<int> Registry::events_on(const std::string& date) const {
  const auto it = events_by_date_.find(date);
  return it == events_by_date_.end() ? std::vector<int>{} : it->second;
}

}  // namespace ergraph::extract
