// Events: the event rules of the grammars (Grammar::match_events) run over each
// sentence with every mention as a pseudo-token; then pronouns and omitted
// subjects are resolved across sentences.  See docs/events.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "grammar.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace warta::detail {

/// A document mention and the tokens it covers.
struct MentionRef {
    std::uint32_t tok_begin = 0, tok_end = 0;
    std::size_t index = 0;  ///< into the document's mentions
};

/// How far back an omitted or pronoun subject looks: this many sentences
/// before the trigger's own (docs/events.md).
inline constexpr std::size_t kSubjectLookback = 2;

/// Finds the events of a document.  `refs` are sorted by tok_begin;
/// `span_of(norm_start, norm_end)` gives the output span of a normalised range.
void find_events(const Grammar& grammar, std::string_view text, const std::vector<Tok>& toks,
                 const std::vector<Sent>& sents, const std::vector<Mention>& mentions,
                 const std::vector<MentionRef>& refs,
                 const std::function<Span(std::uint32_t, std::uint32_t)>& span_of, std::vector<Event>& out);

/// The normalised value a mention gives an event argument: canonical, name or value.
Value mention_value(const Mention& m);

/// For each token: is it inside quotation marks (the marks themselves are
/// not)?  A paragraph break closes an open quotation.
std::vector<bool> inside_quotes(const std::vector<Tok>& toks);

}  // namespace warta::detail
