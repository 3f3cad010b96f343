// extract: a fast reader for the common JSON Lines record.
//
// nlohmann's parser reads a string byte by byte through a general lexer and
// builds a tree; for a record such as {"id":"a1","text":"…12 KB…"} that cost
// as much as a tenth of the whole extraction.  read_simple_record handles the
// records almost every corpus has — one object whose members are strings,
// null, true or false — with a word-at-a-time scan, and says `false` for
// anything else (numbers, nested values, a BOM, a duplicated id/text/date,
// any syntax or UTF-8 error, a field of the wrong type), which the caller
// then gives to nlohmann as before, so errors read exactly as they did.
// tests/record_test.cpp checks it against nlohmann on random records.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace extract {

struct SimpleRecord {
    std::string text;
    std::optional<std::string> id;    ///< "id" when a string (absent or null: nullopt)
    std::optional<std::string> date;  ///< "date" when a string (absent or null: nullopt)
};

/// Reads `line` when it is one JSON object of string/null/true/false members
/// with a string "text", an "id" and a "date" that are strings or null (or
/// absent), each at most once.  False when the line is anything else: the
/// caller must then parse it with nlohmann, which gives the same result for
/// every line this function accepts.
bool read_simple_record(std::string_view line, SimpleRecord& out);

}  // namespace extract
