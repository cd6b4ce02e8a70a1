// Dates as reports write them, normalised to YYYY, YYYY-MM or YYYY-MM-DD: "16 May 2025",
// "May 16, 2025", "Jan. 10", "March 2022", "2022", "2025-05-16", and days relative to the
// report's publication ("on Friday", "yesterday").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sentences.hpp"

namespace ergraph::extract {

struct DateMatch {
  std::size_t length = 0;  // tokens read; 0 when no date starts there
  std::string date;
};

// The date starting at tokens[i]. A day without a year takes the year of `published`; a
// weekday is the latest such day on or before `published` (nothing without it).
DateMatch date_at(const std::vector<Token>& tokens, std::size_t i, const std::string& published);

// Whether `date` (any precision) can be the day of a report published on `published`
// (YYYY-MM-DD): on it or in the `days` before it. False when either is unknown.
bool shortly_before(const std::string& date, const std::string& published, int days = 7);

// "16 May 2025", "May 2025" or "2025".
std::string date_in_words(const std::string& date);

}  // namespace ergraph::extract
