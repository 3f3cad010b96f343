// Tokenizer for Indonesian news text (ICU word boundaries plus Indonesian rules).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "warta/warta.hpp"

namespace warta::detail {

/// A token of the normalised text.  Offsets are into the normalised text.
struct Tok {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    TokenKind kind = TokenKind::other;
    TokenShape shape = TokenShape::other;
    bool space_before = false;  ///< whitespace (or text start) precedes the token
    bool newline_before = false;  ///< a line break precedes the token
    std::string lower;  ///< lower-case form
    std::string base;   ///< lower-case base (clitic removed, reduplication reduced); == lower when none
};

/// Tokenizer.  Construct once; `tokenize` is const and thread-safe.
///
/// Tokens (see tokenize.cpp for the exact rules):
///  - words, with hyphen compounds and reduplication kept whole (Covid-19,
///    ke-74, KemenPAN-RB, berturut-turut, satu-satunya); `base` drops a
///    clitic (pihaknya -> pihak) and reduces reduplication
///    (penghargaan-penghargaan -> penghargaan);
///  - numbers with separators (1.500.000, 2,5, 14.30, 09:15, 23/12/2022,
///    23-12-2022); a final `.` is never part of a number;
///  - `Rp350` is `Rp` + `350`; `Rp.` is an abbreviation; `US$` a symbol;
///  - abbreviations keep their dot (H., Dr., Jl., dll., S.H., M.Si., a.n.,
///    initials such as R.);
///  - URLs (https://..., www...., name.com/.id/.net/.org), e-mails,
///    #hashtags, @handles; every other punctuation mark is its own token,
///    except `...`.
/// Never throws except std::bad_alloc; any byte string is accepted.
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    /// Tokens of `text` (normalised), in order; whitespace is not a token.
    std::vector<Tok> tokenize(std::string_view text) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

namespace testing {
/// Test hook: the ends of the raw word-break pieces of `text` (white space
/// skipped), from the ASCII emulation (`use_icu` false) or from ICU.
std::vector<std::uint32_t> word_break_pieces(std::string_view text, bool use_icu);
/// Test hook: the tokens of `text` without the tokenizer's fast paths (every
/// token through the general scanner); equal to Tokenizer::tokenize.
std::vector<Tok> tokenize_general(std::string_view text);
}  // namespace testing

}  // namespace warta::detail
