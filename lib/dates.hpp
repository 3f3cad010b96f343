// Date and time normalisers for the grammar engine (see docs/dates.md).
#pragma once

#include <map>
#include <string>

#include "grammar.hpp"

namespace warta::detail {

/// Registers: date, date_relative, date_weekday, date_part, date_interval,
/// date_hijri, date_holiday.
void add_date_normalisers(std::map<std::string, Normaliser, std::less<>>& map);

}  // namespace warta::detail
