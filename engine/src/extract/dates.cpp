#include "dates.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "ergraph/text.hpp"

namespace ergraph::extract {
namespace {

constexpr std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
constexpr std::array<const char*, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};

// 1..12 for a month name or its abbreviation ("jan", "sept"); 0 otherwise.
int month_of(const std::string& form) {
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    const std::string name = kMonths[m];
    if (form == name) return static_cast<int>(m) + 1;
    if (form.size() >= 3 && form.size() < name.size() && name.compare(0, form.size(), form) == 0 &&
        (form.size() == 3 || form == "sept")) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

int number_of(const Token& t, int low, int high) {
  if (!t.word || t.form.empty() || t.form.size() > 4) return -1;
  int value = 0;
  for (const char c : t.form) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value >= low && value <= high ? value : -1;
}

int year_of(const Token& t) { return number_of(t, 1900, 2100); }

std::string format(int y, int m = 0, int d = 0) {
  char buf[32];
  if (d > 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else if (m > 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", y);
  }
  const std::string out = buf;
  return is_valid_date(out) ? out : "";
}

std::chrono::sys_days days_of(const std::string& iso) {
  using namespace std::chrono;
  const int y = std::stoi(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  return sys_days{year{y} / month{m} / day{d}};
}

std::string iso_of(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd{days};
  return format(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day())));
}

bool is(const std::vector<Token>& tokens, std::size_t i, const char* form) {
  return i < tokens.size() && tokens[i].form == form;
}

// Skips the stop of "Jan." and a comma.
std::size_t after_punct(const std::vector<Token>& tokens, std::size_t i, const char* mark) {
  return is(tokens, i, mark) ? i + 1 : i;
}

}  // namespace

DateMatch date_at(const std::vector<Token>& tokens, std::size_t i, const std::string& published) {
  if (i >= tokens.size() || !tokens[i].word) return {};
  const Token& t = tokens[i];
  const int published_year = published.size() >= 4 ? std::stoi(published.substr(0, 4)) : 0;
  // 2025-05-16 is one word.
  if (t.form.size() == 10 && t.form[4] == '-' && t.form[7] == '-' && is_valid_date(t.form)) {
    return {1, t.form};
  }
  if (const int month = month_of(t.form); month > 0 && t.capitalized) {
    std::size_t j = after_punct(tokens, i + 1, ".");
    if (const int day = j < tokens.size() ? number_of(tokens[j], 1, 31) : -1; day > 0) {
      std::size_t k = after_punct(tokens, j + 1, ",");
      if (k < tokens.size() && year_of(tokens[k]) > 0) {
        return {k + 1 - i, format(year_of(tokens[k]), month, day)};
      }
      if (published_year > 0) return {j + 1 - i, format(published_year, month, day)};
      return {};
    }
    if (j < tokens.size() && year_of(tokens[j]) > 0) {
      return {j + 1 - i, format(year_of(tokens[j]), month)};
    }
    return {};
  }
  if (const int day = number_of(t, 1, 31); day > 0 && i + 1 < tokens.size()) {
    if (const int month = month_of(tokens[i + 1].form); month > 0 && tokens[i + 1].capitalized) {
      std::size_t j = after_punct(tokens, i + 2, ".");
      if (j < tokens.size() && year_of(tokens[j]) > 0) {
        return {j + 1 - i, format(year_of(tokens[j]), month, day)};
      }
      if (published_year > 0) return {j - i, format(published_year, month, day)};
    }
    return {};
  }
  if (const int year = year_of(t); year > 0 && t.form.size() == 4) return {1, format(year)};
  if (published.size() == 10) {
    const auto day = days_of(published);
    if (t.form == "today") return {1, published};
    if (t.form == "yesterday") return {1, iso_of(day - std::chrono::days{1})};
    for (std::size_t w = 0; w < kWeekdays.size(); ++w) {
      if (t.form != kWeekdays[w]) continue;
      const unsigned today = std::chrono::weekday{day}.c_encoding();
      const unsigned back = (today + 7 - static_cast<unsigned>(w)) % 7;
      return {1, iso_of(day - std::chrono::days{back})};
    }
  }
  return {};
}

bool shortly_before(const std::string& date, const std::string& published, int days) {
  if (published.size() != 10 || date.empty()) return false;
  if (date.size() < 10) return published.compare(0, date.size(), date) == 0;
  const auto gap = (days_of(published) - days_of(date)).count();
  return gap >= 0 && gap <= days;
}

std::string date_in_words(const std::string& date) {
  static constexpr std::array<const char*, 12> kNames = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  if (date.size() == 10) {
    return std::to_string(std::stoi(date.substr(8, 2))) + " " +
           kNames[static_cast<std::size_t>(std::stoi(date.substr(5, 2)) - 1)] + " " +
           date.substr(0, 4);
  }
  if (date.size() == 7) {
    return std::string(kNames[static_cast<std::size_t>(std::stoi(date.substr(5, 2)) - 1)]) + " " +
           date.substr(0, 4);
  }
  return date;
}

}  // namespace ergraph::extract
