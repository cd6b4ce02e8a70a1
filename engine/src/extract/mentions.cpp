#include "mentions.hpp"

#include <algorithm>

#include "dates.hpp"
#include "delegations.hpp"
#include "ergraph/text.hpp"
#include "events.hpp"

namespace ergraph::extract {
namespace {

constexpr std::size_t kMaxNameWords = 8;
constexpr std::size_t kMaxPersonWords = 4;

class Finder {
 public:
  Finder(const Sentence& s, std::string_view text, const Lexicon& lex, Registry& reg,
         DocumentState& doc)
      : t_(s.tokens), text_(text), lex_(lex), reg_(reg), doc_(doc), forms_(forms_of(s)) {}

  SentenceMentions run() {
    out_.title_length.resize(t_.size());
    for (std::size_t i = 0; i < t_.size(); ++i) {
      out_.title_length[i] = lex_.longest("titles", forms_, i).first;
    }
    for (std::size_t i = 0; i < t_.size();) i = step(i);
    if (reg_.schema().node_type("Delegation") != nullptr) find_delegations(t_, out_, reg_, doc_);
    remember_people();
    return std::move(out_);
  }

 private:
  std::string surface(std::size_t b, std::size_t e) const {
    return std::string(text_.substr(t_[b].begin, t_[e - 1].end - t_[b].begin));
  }
  bool word(std::size_t i) const { return i < t_.size() && t_[i].word; }
  bool is(std::size_t i, const char* form) const { return i < t_.size() && t_[i].form == form; }

  void add(std::size_t b, std::size_t e, std::vector<int> candidates, std::string why,
           double confidence = 1.0) {
    Mention m;
    m.begin = b;
    m.end = e;
    m.ext_begin = b;
    m.candidates = std::move(candidates);
    m.why = std::move(why);
    m.confidence = confidence;
    for (const int c : m.candidates) {
      reg_.at(c).used = reg_.at(c).used || m.candidates.size() == 1;
      ++reg_.at(c).mentions;
    }
    out_.mentions.push_back(std::move(m));
  }

  // The longest known name at i: its length and entities.
  std::pair<std::size_t, std::vector<int>> known_at(std::size_t i) const {
    std::pair<std::size_t, std::vector<int>> best{0, {}};
    if (i >= t_.size() || !t_[i].word || !reg_.starts_a_name(t_[i].key)) return best;
    std::string key;
    for (std::size_t n = 0; n < kMaxNameWords && i + n < t_.size(); ++n) {
      const Token& tok = t_[i + n];
      if (!tok.word && tok.form != "-" && tok.form != "&" && tok.form != ".") break;
      key += tok.key;
      if (!tok.word) continue;
      const auto* entries = reg_.lookup(key);
      if (entries == nullptr) continue;
      std::vector<int> found;
      for (const NameEntry& e : *entries) {
        if (e.caps_only && !(t_[i].all_caps || t_[i].form.find('.') != std::string::npos)) continue;
        if (e.cased && !t_[i].capitalized) continue;
        found.push_back(e.entity);
      }
      if (!found.empty()) best = {n + 1, found};
    }
    return best;
  }

  // The person a lone surname stands for: named in full earlier in this report, else in an
  // earlier report of the run when only one person has that surname.
  int person_by_surname(const std::string& key) const {
    if (const auto it = doc_.surnames.find(key); it != doc_.surnames.end()) return it->second;
    const int p = reg_.person_by_surname(key);
    return p >= 0 ? p : -1;
  }

  void remember_surname(std::size_t b, std::size_t e, int person) {
    if (e - b < 2) return;
    doc_.surnames[t_[e - 1].key] = person;
    reg_.add_surname(t_[e - 1].key, person);
  }

  bool name_word(std::size_t i) const {
    return word(i) && t_[i].capitalized && !t_[i].digits && !lex_.has("not-name", t_[i].form);
  }

  // A run of capitalised words from i, joined by "of", "for", "the" after "of", or "'s".
  std::size_t capitalized_run(std::size_t i) const {
    if (!name_word(i)) return 0;
    std::size_t e = i + 1;
    while (e < t_.size()) {
      // A title ends a name: "European Commission President Ursula von der Leyen".
      if (out_.title_length.size() > e && out_.title_length[e] > 0) break;
      if (name_word(e) || (t_[e].capitalized && t_[e].word && !t_[e].digits)) {
        ++e;
      } else if ((is(e, "of") || is(e, "for") || is(e, "'s")) && name_word(e + 1)) {
        e += 2;
      } else if ((is(e, "of") || is(e, "for")) && is(e + 1, "the") && name_word(e + 2)) {
        e += 3;
      } else {
        break;
      }
    }
    return e - i;
  }

  // "Organization" or "Place" when the run holds one of their words.
  std::string kind_of_run(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k) {
      if (lex_.has("organization", t_[k].form)) return "Organization";
    }
    for (std::size_t k = b; k < e; ++k) {
      if (lex_.has("place", t_[k].form)) return "Place";
    }
    return "";
  }

  std::size_t step(std::size_t i) {
    const Token& tok = t_[i];
    if (!tok.word) return i + 1;
    if ((tok.form == "he" || tok.form == "she") && !doc_.recent_people.empty()) {
      add(i, i + 1, {people_before()}, "a pronoun: the person last named first", 0.8);
      return i + 1;
    }
    if (const std::size_t n = lex_.longest("both-sides", forms_, i).first;
        n > 0 && doc_.pair.size() == 2) {
      add(i, i + n, {}, "the two sides last named together", 0.8);
      out_.mentions.back().group = doc_.pair;
      return i + n;
    }
    if (const std::size_t n = lex_.longest("both-leaders", forms_, i).first;
        n > 0 && doc_.leaders.size() == 2) {
      add(i, i + n, {}, "the two people last named together", 0.8);
      out_.mentions.back().group = doc_.leaders;
      return i + n;
    }
    if (const std::size_t n = event_at(i); n > 0) return i + n;
    auto [known_length, known] = known_at(i);
    std::size_t run = capitalized_run(i);
    // "The" opens a name only as part of a known one ("The Economist").
    const std::string kind = run > 0 ? kind_of_run(i, i + run) : "";
    if (!kind.empty() && declares(kind) && run > known_length) {
      const std::string name = surface(i, i + run);
      const int e =
          reg_.find_or_add(kind, name, "a capitalised name with an " + kind + " word", 0.7);
      add(i, i + run, {e},
          reg_.at(e).is_new ? "new " + kind + " (a name with its word)" : "known name");
      return i + run;
    }
    if (known_length > 0) {
      add(i, i + known_length, known, "known name");
      out_.mentions.back().adjective = is_demonym(i, known_length);
      if (known.size() == 1) reg_.note_spelling(known.front(), surface(i, i + known_length));
      // "Vladimir Medinsky" known: "Medinsky" alone stands for him later.
      for (const int c : known) {
        if (known.size() == 1 && reg_.at(c).type == "Person")
          remember_surname(i, i + known_length, c);
      }
      return i + known_length;
    }
    if (const std::size_t title = out_.title_length[i]; title > 0 && declares("Person")) {
      const std::size_t b = i + title;
      std::size_t e = b;
      while (e < t_.size() && e - b < kMaxPersonWords + 1 && in_person_name(e, b)) ++e;
      if (e > b) return person(i, b, e);
      // "President of the Republic of Türkiye Recep Tayyip Erdoğan": a name (known, or with a
      // given name) after the title's "of ...".
      if (is(b, "of")) {
        for (std::size_t j = b + 1; j < t_.size() && j < b + 8; ++j) {
          if (!t_[j].word || (!t_[j].capitalized && !is(j, "the") && !is(j, "of"))) break;
          const auto [n, found] = known_at(j);
          const bool known_person = n > 0 && std::any_of(found.begin(), found.end(), [&](int c) {
                                      return reg_.at(c).type == "Person";
                                    });
          if (known_person || (lex_.has("given-name", t_[j].form) && name_word(j + 1))) {
            std::size_t end = j + std::max<std::size_t>(n, 1);
            while (!known_person && end < t_.size() && end - j < kMaxPersonWords &&
                   in_person_name(end, j)) {
              ++end;
            }
            return person(i, j, end, b);
          }
        }
      }
      // "Italy's prime minister, Giorgia Meloni, ...": the name in apposition.
      if (is(b, ",")) {
        std::size_t n = b + 1;
        while (n < t_.size() && n - b - 1 < kMaxPersonWords && name_word(n) &&
               out_.title_length[n] == 0)
          ++n;
        if (n - b - 1 >= 2 && (is(n, ",") || is(n, ".") || n == t_.size()) &&
            known_at(b + 1).first == 0) {
          person(i, b + 1, n, b);
          out_.mentions.back().ext_begin = out_.mentions.back().begin;
          return n;
        }
      }
      return i + title;
    }
    if (tok.capitalized && run <= 1) {
      if (const int p = person_by_surname(tok.key); p >= 0) {
        add(i, i + 1, {p}, "a surname: the person named in full earlier");
        reg_.add_alias(p, surface(i, i + 1));
        return i + 1;
      }
    }
    // "Kharkiv and Sumy regions", "the Kherson region": names before a place word.
    if (run > 0 && run <= 3 && place_word_after(i + run) && declares("Place")) {
      const int e =
          reg_.find_or_add("Place", surface(i, i + run), "a name before a place word", 0.7);
      add(i, i + run, {e}, "a place named before a place word", 0.7);
      return i + run;
    }
    if (run > 0 && run <= 3 && i > 0 && (is(i - 1, "in") || is(i - 1, "at")) && declares("Place")) {
      const int e = reg_.find_or_add("Place", surface(i, i + run), "a name after in/at", 0.6);
      add(i, i + run, {e}, "a place after in/at", 0.6);
      return i + run;
    }
    // "Tatyana Moskalkova, Russia's human rights commissioner, said": a name with a title in
    // apposition is a person.
    if (run >= 2 && run <= kMaxPersonWords && all_capitalized(i, i + run) && is(i + run, ",") &&
        title_follows(i + run + 1) && declares("Person")) {
      const int e =
          reg_.find_or_add("Person", surface(i, i + run), "a name with a title after it", 0.7);
      remember_surname(i, i + run, e);
      add(i, i + run, {e}, "a name with a title in apposition", 0.8);
      return i + run;
    }
    // "Vladimir Putin had a call": a name that starts with a given name is a person.
    if (lex_.has("given-name", tok.form) && declares("Person")) {
      std::size_t e = i + 1;
      while (e < t_.size() && e - i < kMaxPersonWords && in_person_name(e, i)) ++e;
      if (e - i >= 2 && kind_of_run(i, e).empty()) {
        const int p = reg_.find_or_add("Person", surface(i, e), "a name with a given name", 0.7);
        remember_surname(i, e, p);
        add(i, e, {p}, "a name that starts with a given name", 0.8);
        return e;
      }
    }
    // "Zelensky said", "Tykhyi has previously noted": a name that speaks is a person.
    if (run > 0 && run <= 3 && speaks_after(i + run) && all_capitalized(i, i + run) &&
        declares("Person")) {
      const int e = reg_.find_or_add("Person", surface(i, i + run), "a name that speaks", 0.6);
      remember_surname(i, i + run, e);
      add(i, i + run, {e}, "a name before a verb of speech", 0.6);
      return i + run;
    }
    // An unknown capitalised run: its words may still name something on their own ("Peace Talks"
    // in a headline, a known name inside a longer one).
    return i + 1;
  }

  // Only the schema's node types are proposed: a schema without Place finds no places.
  bool declares(const std::string& type) const { return reg_.schema().node_type(type) != nullptr; }

  // A word of a person's name after its title: capitalised, or a particle inside it ("Ursula von
  // der Leyen").
  bool in_person_name(std::size_t e, std::size_t b) const {
    if (out_.title_length[e] != 0 && e > b) return false;
    if (name_word(e) && out_.title_length[e] == 0) return true;
    static const char* const kParticles[] = {"von", "van", "der", "den", "de",  "da", "di",
                                             "du",  "la",  "le",  "al",  "bin", "ibn"};
    if (e == b || !t_[e].word) return false;
    for (const char* particle : kParticles) {
      if (t_[e].form == particle) return name_word(e + 1) || in_person_name(e + 1, b);
    }
    return false;
  }

  // A title at k, after "the" and an owner ("Russia's", "the Kremlin's", "Turkish").
  bool title_follows(std::size_t k) const {
    if (is(k, "the") || is(k, "a") || is(k, "an")) ++k;
    if (out_.title_length.size() > k && out_.title_length[k] > 0) return true;
    const std::size_t owner = known_at(k).first;
    if (owner == 0) return false;
    k += owner;
    if (is(k, "'s")) ++k;
    // A few words may stand between the owner and the title ("human rights commissioner").
    for (std::size_t n = 0; n < 3 && k + n < t_.size(); ++n) {
      if (out_.title_length[k + n] > 0) return true;
      if (!t_[k + n].word || t_[k + n].capitalized) return false;
    }
    return false;
  }

  bool all_capitalized(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k) {
      if (!t_[k].capitalized) return false;
    }
    return true;
  }

  bool place_word_after(std::size_t k) const {
    if (is(k, "and") && name_word(k + 1)) return place_word_after(k + 2);
    static const char* const kWords[] = {"region",   "regions",   "oblast",   "oblasts",
                                         "province", "provinces", "district", "city"};
    for (const char* w : kWords) {
      if (is(k, w)) return true;
    }
    return false;
  }

  bool speaks_after(std::size_t k) const {
    while (is(k, "has") || is(k, "had") || is(k, "also") || is(k, "previously") || is(k, "later"))
      ++k;
    static const char* const kVerbs[] = {"said",       "says",       "told",      "added",
                                         "noted",      "announced",  "responded", "stressed",
                                         "emphasized", "emphasised", "insisted",  "warned",
                                         "wrote",      "confirmed",  "urged"};
    for (const char* v : kVerbs) {
      if (is(k, v)) return true;
    }
    return false;
  }

  bool is_demonym(std::size_t i, std::size_t n) const {
    return n == 1 && reg_.is_demonym(t_[i].key);
  }

  int people_before() const {
    for (const Mention& m : out_.mentions) {
      for (const int c : m.candidates) {
        if (reg_.at(c).type == "Person") return c;
      }
    }
    return doc_.recent_people.front();
  }

  // A person named after a title at [title_begin, b): the name is [b, e).
  std::size_t person(std::size_t title_begin, std::size_t b, std::size_t e,
                     std::size_t title_end = 0) {
    const std::string name = surface(b, e);
    int p = -1;
    const auto [known_length, known] = known_at(b);
    for (const int c : known) {
      if (known_length == e - b && reg_.at(c).type == "Person") p = c;
    }
    if (p < 0 && e - b == 1) p = person_by_surname(t_[b].key);
    if (p < 0) p = reg_.find_or_add("Person", name, "a name after a title", 0.8);
    Entity& person = reg_.at(p);
    const std::string title = surface(title_begin, title_end > 0 ? title_end : b);
    if (person.is_new && !person.props.count("title") &&
        reg_.schema().node_type("Person")->props.count("title")) {
      person.props["title"] = title;
    }
    remember_surname(b, e, p);
    add(b, e, {p},
        std::string(person.is_new ? "new Person" : "known Person") + " after the title '" + title +
            "'");
    Mention& m = out_.mentions.back();
    m.ext_begin = title_begin;
    // The title's owner right before it: "Turkish Foreign Minister", "Ukraine's", "Putin's".
    if (out_.mentions.size() >= 2) {
      const Mention& owner = out_.mentions[out_.mentions.size() - 2];
      const std::size_t gap = is(owner.end, "'s") ? owner.end + 1 : owner.end;
      if (gap == title_begin) out_.mentions.back().ext_begin = owner.ext_begin;
    }
    if (m.ext_begin == title_begin && title_begin >= 2 && is(title_begin - 1, "'s") &&
        t_[title_begin - 2].capitalized) {
      out_.mentions.back().ext_begin = title_begin - 2;
    }
    return e;
  }

  // An event noun at i with what it says of place and date; returns the words read.
  std::size_t event_at(std::size_t i) {
    std::size_t length = 0;
    std::string kind;
    // The [event] section of words.txt, in the order of lex_.events.
    const auto [n, index] = lex_.longest("event", forms_, i);
    if (n > 0) {
      length = n;
      kind = lex_.events[index].second;
    }
    if (length == 0 || !declares("Event")) return 0;
    bool definite = false;
    bool planned = false;
    std::string date;
    bool indefinite = false;
    for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
      const Token& b = t_[i - back];
      if (lex_.has("not-yet", b.form) || b.form == "to") planned = true;
      if (b.form == "the" || b.form == "their" || b.form == "its" || b.form == "this")
        definite = true;
      if (b.form == "a" || b.form == "an") indefinite = true;
      if (b.form == "a" || b.form == "an" || !b.word || lex_.has("topic-stop", b.form) ||
          b.form == "to" || b.form == "on" || b.form == "in" || b.form == "by" || b.form == "of") {
        break;
      }
      // "the 2022 talks": a year inside the noun phrase.
      if (b.form.size() == 4 && b.digits && date.empty()) {
        if (const DateMatch d = date_at(t_, i - back, doc_.published); d.length == 1) date = d.date;
      }
    }
    if (planned) return 0;
    int place = -1;
    // "the Warsaw summit", "Istanbul talks": a known place named right before the noun.
    if (!out_.mentions.empty() && out_.mentions.back().end == i) {
      for (const int c : out_.mentions.back().candidates) {
        if (reg_.at(c).type == "Place" && place < 0) place = c;
      }
    }
    std::size_t end = i + length;
    for (std::size_t k = end; k < t_.size() && k < end + 10; ++k) {
      if (t_[k].form == "," || t_[k].form == ";" || t_[k].form == "that" || t_[k].form == ".")
        break;
      // "talks since 2022 in Istanbul": that year is not this event's date.
      if (t_[k].form == "since") {
        k += std::max<std::size_t>(date_at(t_, k + 1, doc_.published).length, 1);
        continue;
      }
      if ((t_[k].form == "yesterday" || t_[k].form == "today") && date.empty()) {
        date = date_at(t_, k, doc_.published).date;
      }
      if ((t_[k].form == "on" || t_[k].form == "in") && date.empty()) {
        if (const DateMatch d = date_at(t_, k + 1, doc_.published); d.length > 0) date = d.date;
      }
      if (t_[k].form == "in" && place < 0) place = place_at(k + 1);
    }
    // Two weeks before the report at most: "on Friday" far from the report is not this one.
    std::string place_name = place >= 0 ? reg_.at(place).name : "";
    int event = -1;
    if (date.empty() && place < 0) {
      const auto it = doc_.events.find(kind);
      if (it != doc_.events.end() && definite) {
        event = it->second;
      } else if (definite && kind == "talks" && doc_.occasion >= 0) {
        // "the meeting" in a report about a summit is that summit.
        event = doc_.occasion;
      } else if (indefinite && kind != "talks" && words_of_kind(i, length)) {
        // "a phone call", "a summit": a new happening of this report, dated by it if anything.
        event = resolve_event(surface(i, i + length), "", "", true);
      } else {
        return 0;
      }
    } else {
      event = resolve_event(kind, place_name, date);
    }
    // The report's occasion: its first event of the kind, unless a later one is of its days and
    // the first is not (a photo caption's earlier meeting is not what "the talks" refers to).
    const auto current = doc_.events.find(kind);
    if (current == doc_.events.end() || (!near(current->second) && near(event))) {
      doc_.events[kind] = event;
    }
    if (doc_.occasion < 0 || (!near(doc_.occasion) && near(event))) doc_.occasion = event;
    add(i, i + length, {event}, reg_.at(event).is_new ? "new Event" : "known Event");
    return length;
  }

  int place_at(std::size_t k) {
    std::size_t j = k;
    // "in Türkiye's Istanbul": the city after its country.
    if (const auto [n, found] = known_at(j); n > 0 && is(j + n, "'s")) j += n + 1;
    const auto [n, found] = known_at(j);
    for (const int c : found) {
      if (reg_.at(c).type == "Place") return c;
    }
    const std::size_t run = capitalized_run(j);
    if (n == 0 && run > 0 && run <= 3 && date_at(t_, j, doc_.published).length == 0 &&
        declares("Place")) {
      return reg_.find_or_add("Place", surface(j, j + run), "a name after in", 0.6);
    }
    return -1;
  }

  // Only a full event noun ("phone call", not "call" alone) opens an event by itself.
  bool words_of_kind(std::size_t i, std::size_t length) const {
    return length > 1 || (t_[i].form != "call" && t_[i].form != "conversation");
  }

  bool near(int event) const { return event_is_near(reg_, doc_, event); }

  int resolve_event(const std::string& kind, const std::string& place, const std::string& date,
                    bool undated = false) {
    return extract::resolve_event(reg_, doc_, kind, place, date, undated);
  }

  // The people a sentence is about: not those it only cites ("As X reports, ...", "according to
  // X, ...", "citing X").
  void remember_people() {
    std::vector<int> people;
    std::vector<bool> cited(t_.size(), false);
    for (std::size_t i = 0; i < t_.size(); ++i) {
      const bool opens = (is(i, "as") && (i == 0 || is(i - 1, ","))) || is(i, "according") ||
                         is(i, "citing") || is(i, "quoted");
      if (!opens) continue;
      for (std::size_t k = i; k < t_.size() && !is(k, ","); ++k) cited[k] = true;
    }
    for (const Mention& m : out_.mentions) {
      if (m.candidates.size() == 1 && reg_.at(m.candidates[0]).type == "Person" &&
          !cited[m.begin]) {
        people.push_back(m.candidates[0]);
      }
    }
    if (!people.empty()) doc_.recent_people = people;
    // "Putin had a call with Erdogan. ... The two leaders discussed ...": the last two people
    // named in one sentence.
    // Only people joined by "and" or "with" ("Putin had a call with Erdogan") make a pair.
    const Mention* previous = nullptr;
    for (const Mention& m : out_.mentions) {
      if (m.candidates.size() != 1 || reg_.at(m.candidates[0]).type != "Person") continue;
      if (previous != nullptr && previous->candidates[0] != m.candidates[0] && !cited[m.begin]) {
        bool joined = false;
        for (std::size_t k = previous->end; k < m.ext_begin; ++k) {
          joined = joined || is(k, "and") || is(k, "with");
        }
        if (joined) doc_.leaders = {previous->candidates[0], m.candidates[0]};
      }
      previous = &m;
    }
  }

  const std::vector<Token>& t_;
  std::string_view text_;
  const Lexicon& lex_;
  Registry& reg_;
  DocumentState& doc_;
  std::vector<std::string> forms_;
  SentenceMentions out_;
};

}  // namespace

SentenceMentions find_mentions(const Sentence& sentence, std::string_view text,
                               const Lexicon& lexicon, Registry& registry, DocumentState& doc) {
  return Finder(sentence, text, lexicon, registry, doc).run();
}

}  // namespace ergraph::extract
