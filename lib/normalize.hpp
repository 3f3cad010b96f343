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
///
/// Every byte of a normalised character maps to the whole source of that
/// character: one input character, CRLF (two bytes), an ill-formed byte
/// sequence, or, when NFC changed a cluster (e + U+0301 -> é), the whole
/// cluster.  Removed characters (zero-width, BOM) have no normalised bytes, so
/// a non-empty span never starts or ends on one; inside a span they are kept.
/// start_of is non-decreasing, and so is end_of.  Caveat: for an EMPTY span
/// [s, s) next to removed characters orig_start(s) may exceed orig_end(s); map
/// an empty span with orig_start only.
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

/// The normalised text (always valid UTF-8, NFC, and a fixed point:
/// normalize(normalize(x).text).text == normalize(x).text).
///  - NFC;
///  - curly quotes folded to ' and " (“ ” „ ‟ « » ″ 〝 〞 -> ", ‘ ’ ‚ ‛ ′ ‹ › -> '),
///    dashes (‐ ‑ ‒ – — ― − ﹘ ﹣) to -, fullwidth ASCII (Ａ１－) to ASCII, the
///    ellipsis character kept as one character;
///  - no-break and other Unicode spaces (Zs), tab, VT and FF to ' ';
///    U+0085, U+2028, U+2029 to '\n';
///  - removed: soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner, invisible operators,
///    bidi marks/embeddings/isolates, U+180E, and U+FEFF (BOM) anywhere;
///  - CRLF and lone CR to '\n';
///  - invalid UTF-8 to U+FFFD per maximal subpart (C0 80 -> two, ED A0 80 ->
///    three, a truncated E2 80 -> one), NUL bytes to U+FFFD;
///  - other C0 controls, DEL and C1 controls to ' '.
/// Warnings (at most one per code, with the count in the message and the span
/// of the first occurrence in the original input, sorted by that offset):
/// `invalid_utf8`, `nul_byte`, `bom_removed`, `crlf_normalized`, `control_char`.
struct Normalized {
    std::string text;
    OffsetMap map;
    std::vector<Warning> warnings;  ///< offsets into the original input
};

/// Never throws except std::bad_alloc.  Precondition: input.size() < 2^32
/// (offsets are 32-bit; the pipeline rejects larger inputs first).
/// Cost: ASCII is copied with no ICU call; ICU NFC runs only on clusters
/// that contain non-ASCII characters.  Thread-safe.
Normalized normalize(std::string_view input);

}  // namespace warta::detail
