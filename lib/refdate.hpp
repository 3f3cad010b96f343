// Reference date: the dateline or the first full date of the article.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <cstddef>
#include <vector>

#include "sentences.hpp"
#include "tokenize.hpp"

namespace warta::detail {

/// A full date (day, month, year) written in the text; "YYYY-MM-DD".
/// Looks first at the first paragraph (a dateline such as
/// "Jakarta, 23 Desember 2022 -" or "Jumat (23/12/2022)"), then at the rest
/// of the article, and takes the first full date found.
std::optional<std::string> find_reference_date(std::string_view text,
                                               const std::vector<Sent>& sentences);

namespace testing {
/// Test hook: the cheap pre-checks in front of the numeric and the written
/// date patterns (false: the pattern cannot match anywhere in `s`; no match
/// starts before the offset).
struct PossibleDates {
    bool numeric, written;
    std::size_t numeric_from, written_from;
};
PossibleDates possible_dates(std::string_view s);
}  // namespace testing

}  // namespace warta::detail
