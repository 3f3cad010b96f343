// Normaliser: the view of the input that extraction works on, with an exact
// map back to the original bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warta/warta.hpp"

namespace warta::detail {

/// Maps byte offsets of the normalised text back to the original input.
/// For a normalised span [s, e) the original span is [orig_start(s), orig_end(e)).
struct OffsetMap {
    // start_of[i]: original offset where the source of normalised byte i begins (i < n);
    // start_of[n] == original size.
    std::vector<std::uint32_t> start_of;
    // end_of[i]: original offset where the source of normalised byte i-1 ends (i > 0);
    // end_of[0] == start_of[0].
    std::vector<std::uint32_t> end_of;

    std::size_t orig_start(std::size_t n) const { return start_of[n]; }
    std::size_t orig_end(std::size_t n) const { return end_of[n]; }
};

/// The normalised text.
///  - NFC;
///  - curly quotes folded to ' and ", dashes (en, em, minus, ...) to -, the
///    ellipsis character kept as one character;
///  - no-break and other Unicode spaces to ' '; zero-width characters and a BOM
///    removed; CRLF and lone CR to '\n';
///  - invalid UTF-8 and NUL bytes to U+FFFD, with a warning.
struct Normalized {
    std::string text;
    OffsetMap map;
    std::vector<Warning> warnings;  ///< offsets into the original input
};

Normalized normalize(std::string_view input);

}  // namespace warta::detail
