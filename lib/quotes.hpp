// Direct quotes: quoted speech and who said it (`quote` events).  See docs/events.md.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "entities.hpp"  // WordTable
#include "events.hpp"

namespace warta::detail {

class QuoteFinder {
public:
    /// Reads a `quote-cue` table (cue<TAB>kind; kinds after, self, before, lead, indirect).
    /// Throws GrammarError "file:line:col: reason" on a bad row.
    void add_table(std::string_view file, std::string_view content);
    bool empty() const { return cues_.empty(); }

    /// Appends one `quote` event per quotation attributed to a speaker
    /// (`direct` true), then one per reported speech (`direct` false):
    /// an `indirect` cue followed by `bahwa` or a comma, or a sentence that
    /// opens with a `lead` cue (`Menurut X, …`).
    void find(std::string_view text, const std::vector<Tok>& toks, const std::vector<Sent>& sents,
              const std::vector<Mention>& mentions, const std::vector<MentionRef>& refs,
              const std::function<Span(std::uint32_t, std::uint32_t)>& span_of, std::vector<Event>& out) const;

private:
    static constexpr unsigned after = 1, self = 2, before = 4, lead = 8, indirect = 16;  // kinds (a cue may have several)
    WordTable<unsigned> cues_;  // lower-case cue -> kinds (looked up for most tokens)
};

}  // namespace warta::detail
