#include "lexicon.hpp"

#include <sstream>

#include "ergraph/text.hpp"

namespace ergraph::extract {

extern const char* const kCountriesTsv;
extern const char* const kTitlesTxt;
extern const char* const kWordsTxt;
extern const char* const kGivenNamesTxt;

namespace {

Words forms_of(const std::string& entry) {
  Words out;
  for (const WordSpan& w : word_spans(entry)) {
    out.push_back(word_form(std::string_view(entry).substr(w.begin, w.end - w.begin)));
  }
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool skipped(const std::string& line) { return line.empty() || line[0] == '#'; }

Lexicon load() {
  Lexicon lex;
  std::istringstream countries(kCountriesTsv);
  for (std::string line; std::getline(countries, line);) {
    if (skipped(line)) continue;
    std::vector<std::string> cols;
    std::string col;
    std::istringstream row(line);
    while (std::getline(row, col, '\t')) cols.push_back(col);
    cols.resize(4);
    lex.countries.push_back({cols[0], split(cols[1], ';'), split(cols[2], ';'), cols[3]});
  }
  std::istringstream titles(kTitlesTxt);
  for (std::string line; std::getline(titles, line);) {
    if (!skipped(line)) lex.titles.push_back(forms_of(line));
  }
  std::istringstream given(kGivenNamesTxt);
  for (std::string line; std::getline(given, line);) {
    if (!skipped(line)) lex.lists["given-name"].push_back(forms_of(line));
  }
  std::istringstream words(kWordsTxt);
  std::string section;
  for (std::string line; std::getline(words, line);) {
    if (skipped(line)) continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (section == "event") {
      lex.events.emplace_back(forms_of(line.substr(0, tab)),
                              tab == std::string::npos ? line : line.substr(tab + 1));
    }
    lex.lists[section].push_back(forms_of(line.substr(0, tab)));
  }
  return lex;
}

}  // namespace

bool Lexicon::has(const std::string& section, const std::string& form) const {
  const auto it = single_.find(section);
  return it != single_.end() && it->second.count(form) > 0;
}

std::pair<std::size_t, std::size_t> Lexicon::longest(const std::string& section,
                                                     const std::vector<std::string>& forms,
                                                     std::size_t i) const {
  std::pair<std::size_t, std::size_t> best{0, 0};
  const auto in = by_first_.find(section);
  if (in == by_first_.end() || i >= forms.size()) return best;
  const auto entries = in->second.find(forms[i]);
  if (entries == in->second.end()) return best;
  for (const auto& [entry, index] : entries->second) {
    if (entry->size() <= best.first || i + entry->size() > forms.size()) continue;
    bool match = true;
    for (std::size_t k = 1; k < entry->size() && match; ++k) match = forms[i + k] == (*entry)[k];
    if (match) best = {entry->size(), index};
  }
  return best;
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    Lexicon lex = load();
    for (const auto& [section, entries] : lex.lists) {
      for (std::size_t k = 0; k < entries.size(); ++k) {
        if (entries[k].size() == 1) lex.single_[section].insert(entries[k][0]);
        if (!entries[k].empty()) lex.by_first_[section][entries[k][0]].emplace_back(&entries[k], k);
      }
    }
    for (std::size_t k = 0; k < lex.titles.size(); ++k) {
      if (!lex.titles[k].empty())
        lex.by_first_["titles"][lex.titles[k][0]].emplace_back(&lex.titles[k], k);
    }
    return lex;
  }();
  return lexicon;
}

}  // namespace ergraph::extract
