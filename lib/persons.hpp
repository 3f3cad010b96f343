// Person finder: names of people with the office stated with them (issue 5,
// see docs/persons.md, section "People").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"

namespace warta::detail {

// EntitySpan (an organization or location already found; normalised byte
// offsets start/end, type "organization" or "location") is defined by the
// entity recogniser in entities.hpp; the person finder reads start, end and type.

/// A person mention.  start/end: the NAME as written (no honorific, degree or
/// rank); name: the full name (a later short reference gets the full name of
/// the person it refers to); title: the office stated with this occurrence,
/// as written, else nullopt.
struct PersonMention {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::string name;
    std::optional<std::string> title;
};

/// Finds people.  Word lists are given with add_table (kinds below, formats in
/// docs/persons.md); build once, then `find` is const and thread-safe.
///
/// Kinds: person-title (phrase, class office|head|place|prefix|role),
/// person-honorific (word), person-degree (word), person-rank (phrase, class
/// rank|suffix), person-cue (word, class before|after|adverb), person-stop
/// (word, class stop|place-noun), person-given (word, class given|particle|known).
class PersonFinder {
public:
    /// Adds the rows of one table.  Throws warta::GrammarError
    /// ("file:line:col: reason") on an unknown kind or a bad row.
    void add_table(std::string_view kind, std::string_view file, std::string_view content);

    /// True when `kind` is one of the kinds above.
    static bool handles(std::string_view kind);

    /// Appends the persons of `text` (normalised) to `out`, in text order.
    /// `orgs_and_places`: organizations and places found so far (any order);
    /// a name never overlaps one, and an office title extends over them.
    void find(std::string_view text, const std::vector<Tok>& toks, const std::vector<Sent>& sents,
              const std::vector<EntitySpan>& orgs_and_places, std::vector<PersonMention>& out) const;

    enum class TitleClass : std::uint8_t { office, head, place, prefix, role };
    enum class RankClass : std::uint8_t { rank, suffix };

private:
    struct Phrase {
        std::vector<std::string> words;  // lower case, one per token
        std::uint8_t cls = 0;
    };
    // first word -> phrases starting with it (longest first after sorting)
    std::unordered_map<std::string, std::vector<Phrase>> titles_;
    std::unordered_map<std::string, std::vector<Phrase>> ranks_;

    // The tables by word, for one lookup per token of a document (filled by add_table).
    // Flags of a word: the lists holding it (honorific and degree: its undotted form).
    enum WordFlag : std::uint16_t {
        w_honorific = 1, w_degree = 2, w_cue_before = 4, w_cue_after = 8, w_adverb = 16, w_stop = 32,
        w_place_noun = 64, w_given = 128, w_particle = 256, w_known = 512
    };
    struct WordInfo {
        std::uint16_t flags = 0;
        const std::vector<Phrase>* titles = nullptr;  // titles_ entry of the word
        const std::vector<Phrase>* ranks = nullptr;   // ranks_ entry of the word
    };
    WordTable<WordInfo> words_;  // looked up once per token of a document

    friend struct PersonScan;
};

/// A number that reads as a person's age in parentheses after a name,
/// `Euis Komalasari (34)`: 1 to 119 (the person finder and the number's unit).
constexpr bool plausible_age(long long v) { return v >= 1 && v < 120; }

namespace testing {
/// Test hook: the person finder's pretest for undotted(): false only when `s` has
/// neither '.' nor an ASCII capital (true may be a false alarm: a digit, ':', '@', ...).
bool may_have_dot_or_upper(std::string_view s);
}  // namespace testing

}  // namespace warta::detail
