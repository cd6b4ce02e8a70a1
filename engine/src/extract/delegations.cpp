// Delegations as reports name them, each representing its country.
#include "delegations.hpp"

namespace ergraph::extract {
namespace {

class Delegations {
 public:
  Delegations(const std::vector<Token>& t, SentenceMentions& out, Registry& reg, DocumentState& doc)
      : t_(t), out_(out), reg_(reg), doc_(doc) {}

  // "the Russian delegation", "Russia's delegation", "delegations of Ukraine and Russia",
  // "Ukrainian and Russian delegations": a Delegation per country, representing it.
  void run() {
    std::vector<Mention>& ms = out_.mentions;
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const int country = country_of(ms[k]);
      if (country < 0) continue;
      std::size_t after = ms[k].end;
      if (is(after, "'s")) ++after;
      if (!(is(after, "delegation") || is(after, "delegations") || is(after, "delegates")))
        continue;
      std::vector<std::size_t> members = {k};
      // "Ukrainian and Russian delegations": the countries before it, joined by "and".
      if (k >= 1 && is(ms[k].begin - 1, "and") && ms[k - 1].end + 1 == ms[k].begin &&
          country_of(ms[k - 1]) >= 0) {
        members.insert(members.begin(), k - 1);
      }
      Mention m;
      m.begin = ms[members.front()].begin;
      m.end = after + 1;
      m.ext_begin = m.begin;
      m.why = "a delegation of a country";
      for (const std::size_t member : members) {
        m.group.push_back(delegation_of(country_of(ms[member]), m.begin, m.end));
      }
      if (m.group.size() == 1) m.candidates = m.group, m.group.clear();
      ms.erase(ms.begin() + static_cast<std::ptrdiff_t>(members.front()),
               ms.begin() + static_cast<std::ptrdiff_t>(k + 1));
      ms.insert(ms.begin() + static_cast<std::ptrdiff_t>(members.front()), std::move(m));
      k = members.front();
    }
    // "delegations of Ukraine and Russia"
    for (std::size_t k = 0; k + 1 < ms.size(); ++k) {
      const std::size_t b = ms[k].begin;
      if (b < 2 || !is(b - 1, "of") || !(is(b - 2, "delegation") || is(b - 2, "delegations"))) {
        continue;
      }
      std::vector<int> countries;
      std::size_t last = k;
      if (country_of(ms[k]) >= 0) countries.push_back(country_of(ms[k]));
      if (k + 1 < ms.size() && is(ms[k].end, "and") && ms[k + 1].begin == ms[k].end + 1 &&
          country_of(ms[k + 1]) >= 0) {
        countries.push_back(country_of(ms[k + 1]));
        last = k + 1;
      }
      if (countries.empty()) continue;
      Mention m;
      m.begin = b - 2;
      m.end = ms[last].end;
      m.ext_begin = m.begin;
      m.why = "delegations of countries";
      for (const int c : countries) m.group.push_back(delegation_of(c, m.begin, m.end));
      if (m.group.size() == 1) m.candidates = m.group, m.group.clear();
      ms.erase(ms.begin() + static_cast<std::ptrdiff_t>(k),
               ms.begin() + static_cast<std::ptrdiff_t>(last + 1));
      ms.insert(ms.begin() + static_cast<std::ptrdiff_t>(k), std::move(m));
    }
    // The last two countries (or their delegations) named together are "both sides".
    for (std::size_t k = 0; k + 1 < ms.size(); ++k) {
      const std::vector<int>& g = ms[k].group;
      // Two delegations stand for their countries; a pair of people is no pair of sides.
      if (g.size() == 2) {
        const std::vector<int> countries = countries_of(g);
        if (countries[0] >= 0 && countries[1] >= 0 && countries[0] != countries[1]) {
          doc_.pair = countries;
        }
      }
      if (is(ms[k].end, "and") && ms[k + 1].begin == ms[k].end + 1 && country_of(ms[k]) >= 0 &&
          country_of(ms[k + 1]) >= 0 && country_of(ms[k]) != country_of(ms[k + 1])) {
        doc_.pair = {country_of(ms[k]), country_of(ms[k + 1])};
      }
    }
  }

  std::vector<int> countries_of(const std::vector<int>& group) const {
    std::vector<int> out;
    for (const int g : group) out.push_back(reg_.at(g).type == "Country" ? g : reg_.at(g).country);
    return out;
  }

  int country_of(const Mention& m) const {
    if (m.candidates.empty()) return -1;
    const Entity& e = reg_.at(m.candidates.front());
    return e.type == "Country" ? m.candidates.front() : -1;
  }

  int delegation_of(int country, std::size_t b, std::size_t e) {
    const Entity& c = reg_.at(country);
    const std::string adjective = c.adjective.empty() ? c.name : c.adjective;
    const int d =
        reg_.find_or_add("Delegation", adjective + " delegation", "a delegation of a country", 0.8);
    reg_.at(d).country = country;
    reg_.at(d).used = true;
    reg_.at(country).used = true;
    out_.implied.push_back({"represents", d, country, b, e, "a delegation of a country"});
    return d;
  }

 private:
  bool is(std::size_t i, const char* form) const { return i < t_.size() && t_[i].form == form; }

  const std::vector<Token>& t_;
  SentenceMentions& out_;
  Registry& reg_;
  DocumentState& doc_;
};

}  // namespace

void find_delegations(const std::vector<Token>& tokens, SentenceMentions& out, Registry& registry,
                      DocumentState& doc) {
  Delegations(tokens, out, registry, doc).run();
}

}  // namespace ergraph::extract
