#include "patterns.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <unordered_set>

#include "ergraph/text.hpp"

namespace ergraph::extract {
namespace {

constexpr std::size_t kMaxTopicWords = 7;

using Kind = PatternElement::Kind;

struct Binding {
  std::vector<int> from;
  std::vector<int> to;
  std::string title;
  std::size_t topic_begin = 0;  // a Topic phrase bound to `to`, made a node after the match
  std::size_t topic_end = 0;
  bool topic_from = false;
  double penalty = 0;
};

class Matcher {
 public:
  Matcher(const Sentence& s, std::string_view text, const SentenceMentions& m, const Lexicon& lex,
          Registry& reg, int occasion)
      : t_(s.tokens), text_(text), m_(m), lex_(lex), reg_(reg), occasion_(occasion) {}

  std::vector<Found> run() {
    index_mentions();
    has_topic_type_ = reg_.schema().node_type("Topic") != nullptr;
    for (const Token& t : t_) forms_.insert(t.form);
    phrases_.assign(t_.size() + 1, {1, 0});
    collect_verbs();
    std::vector<Found> out;
    match_all(out, nullptr);
    // "Ukraine rejected those terms and proposed a ceasefire": the second verb's actor is the
    // first one's.
    const std::size_t first_pass = out.size();
    for (std::size_t s = 1; s < t_.size(); ++s) {
      if (!(is(s - 1, "and") || is(s - 1, "but")) || !verbs_.count(t_[s].form) ||
          !mentions_at(s).empty()) {
        continue;
      }
      // The nearest claim before, made by an actor and its verb ("Moscow refused ..."), not by
      // a possessive ("Ukraine's demand for ...").
      const Found* before = nullptr;
      for (std::size_t k = 0; k < first_pass; ++k) {
        if (!out[k].from.empty() && out[k].end <= s && subject_verb(*out[k].pattern) &&
            (before == nullptr || out[k].begin > before->begin)) {
          before = &out[k];
        }
      }
      if (before == nullptr || before->end + 12 < s) continue;
      carried_from_ = before->from;
      match_all(out, &s);
      carried_from_.clear();
    }
    return out;
  }

 private:
  // Every pattern at every place (or, with `only`, the patterns that start with {from} at that
  // place, the actor carried over from the verb before).
  void match_all(std::vector<Found>& out, const std::size_t* only) {
    for (const EdgeType& type : reg_.schema().edge_types()) {
      // Where a pattern of a type matched, its later (more general) patterns do not.
      std::vector<bool> taken(t_.size() + 1, false);
      for (const ExtractPattern& p : type.extract) {
        // A pattern whose first required word the sentence lacks cannot match: most are
        // skipped here, which keeps the cost per sentence low however many patterns there are.
        if (!anchor_present(p)) continue;
        type_ = &type;
        pattern_ = &p;
        const bool from_first = !p.elements.empty() && p.elements[0].kind == Kind::kSlot &&
                                p.elements[0].slot == "from";
        if (only != nullptr && !from_first) continue;
        for (std::size_t start = only ? *only : 0; start < (only ? *only + 1 : t_.size());
             ++start) {
          if (taken[start]) continue;
          Binding b;
          std::size_t end = 0;
          if (only != nullptr) {
            b.from = carried_from_;
            b.penalty = 0.1;
            if (!match(1, start, b, end)) continue;
          } else if (!match(0, start, b, end)) {
            continue;
          }
          Found f{&type, &p, b.from, b.to, b.title, start, end, p.confidence - b.penalty};
          if (b.topic_end > b.topic_begin) {
            const int topic = topic_entity(b.topic_begin, b.topic_end);
            if (topic < 0) continue;
            (b.topic_from ? f.from : f.to).push_back(topic);
            f.confidence -= 0.1;
          }
          if (f.to.empty()) continue;
          out.push_back(std::move(f));
          taken[start] = true;
          start = end - 1;  // one match per place
        }
      }
    }
  }

  // Whether a pattern is an actor and its verb: {from}, optional words, then a verb.
  bool subject_verb(const ExtractPattern& p) const {
    if (p.elements.size() < 2 || p.elements[0].slot != "from") return false;
    for (std::size_t k = 1; k < p.elements.size(); ++k) {
      const PatternElement& e = p.elements[k];
      if (e.kind == Kind::kOptional) continue;
      if (e.kind != Kind::kWords) return false;
      for (const auto& choice : e.choices) {
        if (verbs_.count(choice.front())) return true;
      }
      return false;
    }
    return false;
  }

  // The verbs patterns look for right after their {from} actor, optional words skipped:
  // "demanded", "agreed", "said".
  void collect_verbs() {
    for (const EdgeType& type : reg_.schema().edge_types()) {
      for (const ExtractPattern& p : type.extract) {
        if (p.elements.size() < 2 || p.elements[0].slot != "from") continue;
        for (std::size_t k = 1; k < p.elements.size(); ++k) {
          const PatternElement& e = p.elements[k];
          if (e.kind == Kind::kGap || e.kind == Kind::kSlot) break;
          for (const auto& choice : e.choices) {
            if (std::isalpha(static_cast<unsigned char>(choice.front()[0])) &&
                choice.front().back() != '*') {
              verbs_.insert(choice.front());
            }
          }
          if (e.kind == Kind::kWords) break;
        }
      }
    }
  }

  bool is(std::size_t i, const char* form) const { return i < t_.size() && t_[i].form == form; }

  static bool word_matches(const std::string& want, const std::string& form) {
    if (!want.empty() && want.back() == '*') {
      return form.size() + 1 >= want.size() &&
             form.compare(0, want.size() - 1, want, 0, want.size() - 1) == 0;
    }
    return want == form;
  }

  std::size_t words_at(const std::vector<std::string>& words, std::size_t p) const {
    if (p + words.size() > t_.size()) return 0;
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (!word_matches(words[k], t_[p + k].form)) return 0;
    }
    return words.size();
  }

  const std::vector<std::string>& allowed(const PatternElement& e) const {
    if (!e.types.empty()) return e.types;
    return e.slot == "from" ? type_->from : type_->to;
  }
  bool any(const PatternElement& e) const {
    return e.types.empty() && (e.slot == "from" ? type_->any_from : type_->any_to);
  }
  bool fits(const PatternElement& e, int entity) const {
    if (any(e)) return true;
    const auto& types = allowed(e);
    return std::find(types.begin(), types.end(), reg_.at(entity).type) != types.end();
  }

  // The entities a mention stands for in slot e (empty when it does not fit).
  std::vector<int> reading(const PatternElement& e, const Mention& m) const {
    if (!m.group.empty()) {
      std::vector<int> out;
      for (const int g : m.group) {
        if (fits(e, g)) out.push_back(g);
      }
      return out.size() == m.group.size() ? out : std::vector<int>{};
    }
    for (const int c : m.candidates) {
      if (fits(e, c)) return {c};
    }
    return {};
  }

  // The mentions starting at p (a person's from its title on), the longest first.
  const std::vector<const Mention*>& mentions_at(std::size_t p) const {
    static const std::vector<const Mention*> kNone;
    return p < starts_.size() ? starts_[p] : kNone;
  }

  void index_mentions() {
    starts_.assign(t_.size() + 1, {});
    for (const Mention& m : m_.mentions) {
      starts_[m.begin].push_back(&m);
      if (m.ext_begin != m.begin) starts_[m.ext_begin].push_back(&m);
    }
    for (auto& at : starts_) {
      std::stable_sort(at.begin(), at.end(),
                       [](const Mention* a, const Mention* b) { return a->end > b->end; });
    }
  }

  // The mention that starts exactly at p (not by its title), if any.
  const Mention* mention_at(std::size_t p) const {
    for (const Mention* m : mentions_at(p)) {
      if (m->begin == p) return m;
    }
    return nullptr;
  }

  bool match(std::size_t k, std::size_t p, Binding& b, std::size_t& end) {
    if (k == pattern_->elements.size()) {
      end = p;
      return true;
    }
    const PatternElement& e = pattern_->elements[k];
    switch (e.kind) {
      case Kind::kWords:
      case Kind::kOptional:
        for (const auto& choice : e.choices) {
          if (const std::size_t n = words_at(choice, p); n > 0 && match(k + 1, p + n, b, end))
            return true;
        }
        return e.kind == Kind::kOptional && match(k + 1, p, b, end);
      case Kind::kGap:
        for (std::size_t g = 0; g <= e.max_gap && p + g <= t_.size(); ++g) {
          if (g > 0 && (is(p + g - 1, ";") || is(p + g - 1, ":") || is(p + g - 1, ".") ||
                        is(p + g - 1, ","))) {
            break;
          }
          Binding saved = b;
          if (match(k + 1, p + g, b, end)) return true;
          b = saved;
        }
        return false;
      case Kind::kSlot:
        return slot(e, k, p, b, end);
    }
    return false;
  }

  bool slot(const PatternElement& e, std::size_t k, std::size_t p, Binding& b, std::size_t& end) {
    // "X also took part.": the event the report is about, if it has one the edge may end at.
    if (e.slot == "occasion") {
      if (occasion_ < 0 || !(type_->any_to || std::count(type_->to.begin(), type_->to.end(),
                                                         reg_.at(occasion_).type))) {
        return false;
      }
      b.to.push_back(occasion_);
      if (match(k + 1, p, b, end)) return true;
      b.to.pop_back();
      return false;
    }
    if (e.slot == "title") {
      const std::size_t n = p < t_.size() ? m_.title_length[p] : 0;
      if (n == 0) return false;
      // A title right before a person's name is that person's ("President Emmanuel Macron"),
      // unless the pattern takes that person next.
      const bool person_next =
          k + 1 < pattern_->elements.size() && pattern_->elements[k + 1].kind == Kind::kSlot;
      if (!person_next) {
        for (const Mention& m : m_.mentions) {
          if (m.begin == p + n && !m.candidates.empty() &&
              reg_.at(m.candidates[0]).type == "Person") {
            return false;
          }
        }
      }
      b.title = std::string(text_.substr(t_[p].begin, t_[p + n - 1].end - t_[p].begin));
      return match(k + 1, p + n, b, end);
    }
    std::vector<int>& bound = e.slot == "from" ? b.from : b.to;
    // A list of actors: "A, B and C" (longest first), from each mention starting here or after
    // an article ("head of the Russian delegation").
    bool any_list = false;
    std::vector<const Mention*> starts = mentions_at(p);
    if (starts.empty() && (is(p, "the") || is(p, "a") || is(p, "an"))) starts = mentions_at(p + 1);
    for (const Mention* first : starts) {
      std::vector<std::pair<std::size_t, std::vector<int>>> lists;
      std::vector<int> entities;
      double penalty = 0;
      bool joined_by_and = false;
      for (const Mention* m = first; m != nullptr;) {
        const std::vector<int> r = reading(e, *m);
        if (r.empty()) break;
        // "Russian" before a noun ("Russian diplomatic sources") describes, it does not act;
        // before a title it owns the title ("Turkish Foreign Minister").
        const bool title_next =
            k + 1 < pattern_->elements.size() && pattern_->elements[k + 1].slot == "title";
        if (m->adjective && !title_next && m->end < t_.size() && t_[m->end].word &&
            t_[m->end].form != "and") {
          break;
        }
        // A mention found by a weaker cue makes the edge less sure, by half its doubt.
        if (m->confidence < 1.0) penalty = std::max(penalty, (1.0 - m->confidence) / 2);
        entities.insert(entities.end(), r.begin(), r.end());
        std::size_t q = m->end;
        // A list is "A and B" or "A, B and C": names joined by commas alone are not one.
        if (entities.size() == r.size() || joined_by_and) lists.emplace_back(q, entities);
        // Beside a {title} a slot is one actor: the next names in a list have titles of their own.
        const bool by_title = (k > 0 && pattern_->elements[k - 1].slot == "title") || title_next;
        if (by_title) break;
        if (is(q, ",") && is(q + 1, "and")) {
          q += 2;
          joined_by_and = true;
        } else if (is(q, "and")) {
          q += 1;
          joined_by_and = true;
        } else if (is(q, ",")) {
          q += 1;
          joined_by_and = false;
        } else {
          break;
        }
        const std::vector<const Mention*> next = mentions_at(q);
        m = next.empty() ? nullptr : next.front();
      }
      any_list = any_list || !lists.empty();
      for (auto it = lists.rbegin(); it != lists.rend(); ++it) {
        const std::size_t size = bound.size();
        const double saved = b.penalty;
        bound.insert(bound.end(), it->second.begin(), it->second.end());
        b.penalty = std::max(b.penalty, penalty);
        if (match(k + 1, it->first, b, end)) return true;
        // "X reportedly said": adverbs between an actor and its verb skipped.
        if (const std::size_t after = adverbs_end(it->first);
            after > it->first && match(k + 1, after, b, end)) {
          return true;
        }
        // "X, who led Y, said": the actor's apposition skipped.
        if (const std::size_t after =
                apposition_end(it->first, first->ext_begin > 0 && is(first->ext_begin - 1, ","));
            after > 0 && match(k + 1, after, b, end)) {
          return true;
        }
        bound.resize(size);
        b.penalty = saved;
      }
    }
    // A Topic slot takes the noun phrase that starts here.
    const bool takes_topic =
        has_topic_type_ && (any(e) || std::count(allowed(e).begin(), allowed(e).end(), "Topic"));
    if (!takes_topic || b.topic_end > b.topic_begin || any_list) return false;
    auto [tb, te] = phrase_at(p);
    if (te <= tb) {
      // No phrase of its own here ("said both sides will present their views on a ceasefire"):
      // a Topic the clause names further on.
      std::tie(tb, te) = topic_in_clause(p);
    }
    if (te <= tb) return false;
    b.topic_begin = tb;
    b.topic_end = te;
    b.topic_from = e.slot == "from";
    if (match(k + 1, te, b, end)) return true;
    b.topic_begin = b.topic_end = 0;
    return false;
  }

  std::size_t adverbs_end(std::size_t q) const {
    while (q < t_.size() && t_[q].word && !t_[q].capitalized &&
           (lex_.has("adverb", t_[q].form) ||
            (t_[q].form.size() > 4 && t_[q].form.compare(t_[q].form.size() - 2, 2, "ly") == 0))) {
      ++q;
    }
    return q;
  }

  // The token after ", who led the delegation," or ", quoted by Anadolu," (or after a lone
  // comma that closes an apposition opened before the actor); 0 when there is none.
  std::size_t apposition_end(std::size_t q, bool opened_by_comma) const {
    if (!is(q, ",")) return 0;
    static const char* const kOpeners[] = {"who",    "which",  "whose", "led",      "headed",
                                           "quoted", "citing", "the",   "a",        "an",
                                           "his",    "her",    "its",   "speaking", "according"};
    bool opens = false;
    for (const char* w : kOpeners) opens = opens || is(q + 1, w);
    // ", Russia's human rights commissioner,": an apposition holding a title.
    for (std::size_t k = q + 1; !opens && k < t_.size() && k < q + 8 && !is(k, ","); ++k) {
      opens = m_.title_length[k] > 0;
    }
    if (!opens) {
      // A lone comma before a verb-like lower-case word: the end of an apposition that opened
      // with a comma before the actor ("the head of the delegation, X, threatened").
      return opened_by_comma && q + 1 < t_.size() && t_[q + 1].word && !t_[q + 1].capitalized &&
                     !lex_.has("topic-lead", t_[q + 1].form) && !is(q + 1, "and")
                 ? q + 1
                 : 0;
    }
    for (std::size_t k = q + 2; k < t_.size() && k < q + 16; ++k) {
      if (is(k, ";") || is(k, ".")) return 0;
      if (is(k, ",")) return k + 1;
    }
    return 0;
  }

  bool anchor_present(const ExtractPattern& p) const {
    for (const PatternElement& e : p.elements) {
      if (e.kind != Kind::kWords) continue;
      for (const auto& choice : e.choices) {
        const std::string& first = choice.front();
        if (first.back() == '*') return true;  // a prefix: not worth a scan
        if (forms_.count(first)) return true;
      }
      return false;
    }
    return true;
  }

  // topic_phrase(p), worked out once per place in the sentence.
  std::pair<std::size_t, std::size_t> phrase_at(std::size_t p) {
    if (p >= phrases_.size()) return {0, 0};
    if (phrases_[p].first > phrases_[p].second) phrases_[p] = topic_phrase(p);
    return phrases_[p];
  }

  bool stops_topic(std::size_t i) const {
    const Token& t = t_[i];
    if (!t.word) return t.form != "-" && t.form != "'s";
    return lex_.has("topic-stop", t.form);
  }

  // The short noun phrase at p: leading function words and "to <light verb>" dropped, up to a
  // stop word or mark, and trailing function words dropped.
  std::pair<std::size_t, std::size_t> topic_phrase(std::size_t p) const {
    std::size_t b = p;
    while (b < t_.size() && t_[b].word &&
           (lex_.has("topic-lead", t_[b].form) ||
            (b > 0 && is(b - 1, "to") && lex_.has("light-verb", t_[b].form)))) {
      ++b;
    }
    std::size_t e = b;
    while (e < t_.size() && e - b < kMaxTopicWords && !stops_topic(e)) {
      // "a ceasefire and a prisoner exchange": a second phrase starts after "and".
      if (t_[e].form == "and" && e + 1 < t_.size() && lex_.has("topic-lead", t_[e + 1].form)) break;
      // "... those terms and proposed a ceasefire": a second verb ends the phrase.
      if (t_[e].form == "and" && e + 1 < t_.size() && verbs_.count(t_[e + 1].form)) break;
      ++e;
    }
    while (e > b &&
           (lex_.has("topic-lead", t_[e - 1].form) || t_[e - 1].form == "and" || !t_[e - 1].word)) {
      --e;
    }
    if (e <= b) return {0, 0};
    // A phrase that starts with an actor is a clause about it ("Russia is ready to ..."), not a
    // topic, unless the actor owns the noun ("Ukraine's demand for ..."); one that starts with a
    // pronoun neither.
    if (const Mention* m = mention_at(b); m != nullptr && !m->group.empty()) return {0, 0};
    // "the two sides", "the parties" not resolved to a pair are no topic either.
    const std::vector<std::string> forms = [&] {
      std::vector<std::string> f;
      for (std::size_t k = p; k < e; ++k) f.push_back(t_[k].form);
      return f;
    }();
    if (lex_.longest("both-sides", forms, 0).first > 0 ||
        lex_.longest("both-leaders", forms, 0).first > 0) {
      return {0, 0};
    }
    if (const Mention* m = mention_at(b);
        m != nullptr && !m->candidates.empty() && (m->end >= e || !is(m->end, "'s"))) {
      const std::string& type = reg_.at(m->candidates.front()).type;
      if (type != "Topic" || m->end >= e) return {0, 0};
    }
    // A phrase of capitalised words only is a name the rules did not recognise ("Putin"), not a
    // topic.
    bool all_names = true;
    for (std::size_t k = b; k < e && all_names; ++k) {
      all_names = !t_[k].word || t_[k].capitalized;
    }
    if (all_names) return {0, 0};
    static const char* const kPronouns[] = {"it",  "they", "he",  "she",   "we",  "i",
                                            "you", "them", "him", "there", "what"};
    for (const char* pronoun : kPronouns) {
      if (t_[b].form == pronoun) return {0, 0};
    }
    return {b, e};
  }

  std::pair<std::size_t, std::size_t> topic_in_clause(std::size_t p) const {
    for (const Mention& m : m_.mentions) {
      if (m.begin < p || m.candidates.empty()) continue;
      bool crossed = false;
      for (std::size_t k = p; k < m.begin; ++k) crossed = crossed || is(k, ";") || is(k, ":");
      if (crossed || m.begin > p + 16) break;
      if (reg_.at(m.candidates.front()).type == "Topic") return {m.begin, m.end};
    }
    return {0, 0};
  }

  int topic_entity(std::size_t b, std::size_t e) {
    // A known Topic named inside the phrase stands for it.
    for (const Mention& m : m_.mentions) {
      if (m.begin < b || m.end > e) continue;
      for (const int c : m.candidates) {
        if (reg_.at(c).type == "Topic") return c;
      }
    }
    std::string name(text_.substr(t_[b].begin, t_[e - 1].end - t_[b].begin));
    if (name_key(name).size() < 3) return -1;
    const int topic = reg_.find_or_add("Topic", name, "a noun phrase a claim names", 0.6);
    reg_.at(topic).used = true;
    return topic;
  }

  const std::vector<Token>& t_;
  std::string_view text_;
  const SentenceMentions& m_;
  const Lexicon& lex_;
  Registry& reg_;
  const EdgeType* type_ = nullptr;
  const ExtractPattern* pattern_ = nullptr;
  std::vector<std::vector<const Mention*>> starts_;           // per token: mentions_at()
  std::unordered_set<std::string> forms_;                     // the sentence's word forms
  std::vector<std::pair<std::size_t, std::size_t>> phrases_;  // per token: phrase_at(), or {1, 0}
  bool has_topic_type_ = false;
  int occasion_ = -1;
  std::unordered_set<std::string> verbs_;
  std::vector<int> carried_from_;
};

}  // namespace

std::vector<Found> match_patterns(const Sentence& sentence, std::string_view text,
                                  const SentenceMentions& mentions, const Lexicon& lexicon,
                                  Registry& registry, int occasion) {
  return Matcher(sentence, text, mentions, lexicon, registry, occasion).run();
}

}  // namespace ergraph::extract
