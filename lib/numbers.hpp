// Number normalisers for the grammar engine: Indonesian digits with
// separators, number words, scale words, money, percentages, ordinals,
// vague and qualified amounts (see docs/numbers.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "grammar.hpp"

namespace warta::detail {

/// Registers the number normalisers.
void add_number_normalisers(std::map<std::string, Normaliser, std::less<>>& map);

/// Digits with Indonesian separators: `1.250` = 1250, `1.500.000`, `2,5`,
/// `1.000.000,00`.  Dots must group thousands; a comma is the decimal mark.
std::optional<double> parse_digits(std::string_view s);

/// Indonesian number words, lower case, one space between words:
/// `seratus dua puluh lima ribu`, `satu setengah juta`, `dua koma lima`, `nol`.
std::optional<double> parse_number_words(std::string_view s);

/// Digits or words, optionally followed by scale words (`1,5 juta`, `2 rb`,
/// `350 jt`); with `money`, `m` (miliar) and `t` (triliun) are scales too.
std::optional<double> parse_amount(std::string_view s, bool money = false);

/// A Roman numeral I..CCCXCIX written canonically (`VI`, `XIV`); any case.
std::optional<int> parse_roman(std::string_view s);

/// The counted noun at the start of `after` (the sentence after a number,
/// lower-case tokens joined by spaces), or "" when there is none.
std::string find_unit(std::string_view after);

}  // namespace warta::detail
