// Date and time normalisers for the grammar engine (see docs/dates.md).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "grammar.hpp"

namespace warta::detail {

/// Registers: date, date_relative, date_weekday, date_part, date_interval,
/// date_hijri, date_holiday.
void add_date_normalisers(std::map<std::string, Normaliser, std::less<>>& map);

/// "YYYY-MM-DD" as printf's "%04d-%02d-%02d" writes it (without snprintf's cost).
std::string format_iso_day(int y, int m, int d);

/// A bare weekday of the past (`kata Hotman saat dihubungi, Selasa`) that the
/// article has written with its full date in the week after the reference date
/// (`Hingga Selasa (19/11/2024) siang`) is that date, not the one a week
/// before: the article was written later than its first date.  `dates` are the
/// grammar's mentions in text order; changes `value` in place.
void weekdays_from_article(std::vector<Mention>& dates, std::string_view reference);

/// A date whose year the article did not write and the grammar took from the
/// reference date (`pada 2–5 Desember`, `3 Desember`, `pada Desember`) is in
/// the year of the last date of the same month written with its year before it
/// (`Sub-PIN digelar 2-5 Desember 2026`): an article repeats the dates it has
/// set.  Not when a weekday or `lalu`/`mendatang` on the date chose the year.
/// `dates` in text order; changes `value` in place.
void years_from_article(std::vector<Mention>& dates);

}  // namespace warta::detail
