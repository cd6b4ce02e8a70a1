// The actors extraction knows: the database's nodes, the countries of the word lists, and the
// nodes proposed so far in this run, all found by name key; plus new ids.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ergraph/extract.hpp"
#include "lexicon.hpp"

namespace ergraph::extract {

struct Entity {
  std::string id;
  std::string type;
  std::string name;
  bool is_new = false;
  bool used = false;                 // mentioned in a report of this run
  int mentions = 0;                  // how often, for choosing among same-named events
  bool emitted = false;              // its record is written (new nodes)
  std::vector<std::string> aliases;  // new nodes: every alias; known ones: aliases to propose
  std::map<std::string, std::string> props;
  int country = -1;       // a Delegation's country; a capital's country
  std::string adjective;  // a listed Country's demonym ("Polish")
  std::string rule;       // how a new node was found
  double confidence = 1.0;
};

struct NameEntry {
  int entity = -1;
  bool caps_only = false;  // an initialism ("US"): matches only a word in capitals
  bool cased = false;      // a capitalised name of an actor: not matched by a lower-case word
  bool known_by = true;    // a name the node has (not one the lists lend a stored country)
};

class Registry {
 public:
  Registry(const Schema& schema, const std::vector<KnownNode>& known, const Lexicon& lexicon);

  const std::vector<NameEntry>* lookup(const std::string& key) const;
  // Whether some name starts with a word of this name key: the search for names at a word stops
  // at once for the many words that begin none.
  bool is_demonym(const std::string& key) const { return demonyms_.count(key) > 0; }
  bool starts_a_name(const std::string& word_key) const { return first_words_.count(word_key) > 0; }
  Entity& at(int index) { return entities_[static_cast<std::size_t>(index)]; }
  const Entity& at(int index) const { return entities_[static_cast<std::size_t>(index)]; }

  // The node of `type` named `name`: a known or proposed one with that name key, else a new one.
  int find_or_add(const std::string& type, const std::string& name, const std::string& rule,
                  double confidence, const std::string& id_name = "");
  // Makes `alias` find `index` (and proposes it when the node is known and lacks it).
  void add_alias(int index, const std::string& alias);
  // A name the text used for `index`: proposed as an alias when the node lacks it and it is a
  // name, not a demonym ("Türkiye" for a stored "Turkey"; not "Turkish").
  void note_spelling(int index, const std::string& surface);
  // A surname the run has seen with a full name (in any report), or -1; -2 when two people
  // share it.
  int person_by_surname(const std::string& key) const;
  // Whether node `index` already has a name with this key (no alias to propose).
  bool known_by(int index, const std::string& key) const;
  void add_surname(const std::string& key, int person);

  // Events of this run by kind and place, for a later undated mention ("talks in Istanbul").
  std::vector<int>& events_at(const std::string& kind, const std::string& place) {
    return events_by_place_[kind + '\x1f' + place];
  }

  // Known Events whose name holds a word (by name key): "Vilnius" finds "Vilnius talks, ...".
  std::vector<int> known_events_named(const std::string& word_key) const;

  // Known Events of a date (or of a year or month it falls in), for event resolution.
  std::vector<int> events_on(const std::string& date) const;

  const Schema& schema() const { return schema_; }

 private:
  int add(Entity entity);
  void index_name(int index, const std::string& name, bool own_name = true);
  std::string new_id(const std::string& type, const std::string& name);

  const Schema& schema_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::vector<NameEntry>> names_;
  std::unordered_map<std::string, int> by_id_;
  std::unordered_map<std::string, std::vector<int>> events_by_date_;
  std::unordered_map<std::string, int> surnames_;
  std::unordered_map<std::string, std::vector<int>> events_by_place_;
  std::unordered_map<std::string, bool> demonyms_;  // name keys of the demonyms
  std::unordered_map<std::string, std::vector<int>> known_events_by_word_;
  std::unordered_set<std::string> first_words_;
};

// A readable id piece: "Hakan Fidan" -> "hakan-fidan".
std::string slug(const std::string& name);

}  // namespace ergraph::extract
