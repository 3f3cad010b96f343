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

}  // namespace warta::detail
