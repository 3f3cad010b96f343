// Sentence splitter.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "boilerplate.hpp"
#include "tokenize.hpp"

namespace warta::detail {

/// A sentence of the normalised text: byte span and token range [tok_begin, tok_end).
struct Sent {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::uint32_t tok_begin = 0;
    std::uint32_t tok_end = 0;
};

/// Splits into sentences.  Tokens inside boilerplate zones belong to no
/// sentence.  A line break always ends a sentence (news paragraphs are lines);
/// a sentence does not end after abbreviations (H., Dr., No., Jl.), initials
/// (Arief R. Wismansyah), inside parentheses, or inside a quotation that goes
/// on after a full stop.
std::vector<Sent> split_sentences(std::string_view text, const std::vector<Tok>& tokens,
                                  const std::vector<Zone>& boilerplate);

}  // namespace warta::detail
