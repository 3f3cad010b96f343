// Number normalisers for the grammar engine: Indonesian digits with
// separators, number words, scale words, money, percentages, ordinals,
// vague and qualified amounts (see docs/numbers.md).
#pragma once

#include <map>
#include <string>

#include "grammar.hpp"

namespace warta::detail {

/// Registers the number normalisers.
void add_number_normalisers(std::map<std::string, Normaliser, std::less<>>& map);

}  // namespace warta::detail
