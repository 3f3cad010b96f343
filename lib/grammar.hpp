// Rule grammars as data: loading, compiling and matching.  See docs/grammar.md.
//
// A grammar file holds word lists (@list NAME file.tsv), macros (@macro NAME =
// regex), disables (@disable NAME) and rules:
//
//   rule date.day_month_year
//     type     date
//     pattern  (?P<day>\d{1,2}) (?P<month>{MONTH}) (?P<year>\d{4})
//     value    {year}-{month:02}-{day:02}
//     example  "rapat pada 12 Maret 2024 di Jakarta" => "12 Maret 2024" = 2024-03-12
//     counter  "kode 12 Maretan"
//   end
//
// Patterns are RE2 and run over a sentence written as its tokens' lower-case
// forms joined by single spaces ("jumat ( 23/12/2022 )"), so a space in a
// pattern is a token boundary and a match must start and end on one.  In later
// stages, the mentions of earlier stages appear as one pseudo-token each
// (`<date>`, `<number>`), so rules can build on them (cascades).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace re2 {
class RE2;
class Set;
}  // namespace re2

namespace warta::detail {

struct Candidate;
class PrefixGate;

/// A calendar date (the reference date of a document).
struct Ymd {
    int y = 0, m = 0, d = 0;
};

/// One named capture of a match.
struct Capture {
    std::string_view name;
    std::string text;   ///< lower-case token text, tokens joined by single spaces
    std::string value;  ///< the word list's value when the capture is a list, else == text
    std::string_view raw;  ///< as matched in the rule's unit string (surface case in case sensitive rules); valid during the call
    std::uint32_t unit_begin = 0, unit_end = 0;  ///< units covered (half-open)
    const Candidate* mention = nullptr;          ///< the earlier-stage mention it captured, if one
    bool matched = false;
};

/// What a normaliser sees.
struct MatchContext {
    const std::vector<Capture>* captures = nullptr;
    std::optional<Ymd> reference;  ///< the document's reference date
    std::string_view sentence;     ///< the sentence's unit string (lower case)
    std::string_view matched;      ///< the matched part of it
    std::string_view before;       ///< the sentence before the match (no trailing space)
    std::string_view after;        ///< the sentence after the match (no leading space)

    /// The capture named `name`, or nullptr when the group did not take part.
    const Capture* get(std::string_view name) const;
    /// The value of the capture named `name`, or "" when the group did not take part.
    std::string_view value(std::string_view name) const {
        const Capture* c = get(name);
        return c ? std::string_view(c->value) : std::string_view();
    }
};

/// A named C++ normaliser: fills `out` (and may add warnings) or returns false
/// to reject the match (e.g. 31 February).
struct NormaliserOutput {
    Fields fields;
    std::vector<std::pair<std::string, std::string>> warnings;  ///< code, message (span: the mention)

    /// Sets field `key` (replacing an earlier value of it).
    void set(std::string_view key, Value v) {
        for (auto& [k, old] : fields)
            if (k == key) {
                old = std::move(v);
                return;
            }
        fields.emplace_back(std::string(key), std::move(v));
    }
};
using Normaliser = std::function<bool(const MatchContext&, NormaliserOutput&)>;

/// The registry of named normalisers (built-ins register at start-up).
const std::map<std::string, Normaliser, std::less<>>& normalisers();

struct Example {
    std::string text;
    std::string span;                    ///< expected mention text (positive examples)
    std::optional<std::string> value;    ///< expected `value`, as JSON-ish text
    std::optional<std::string> ref_date; ///< reference date for this example
    bool counter = false;                ///< a negative example: the rule's type must not appear
    int line = 0;
};

/// A value template: "{year}-{month:02}-{day:02}" with the type of the result.
struct Template {
    std::string source;
    enum class Kind : std::uint8_t { string, integer, number, boolean } kind = Kind::string;
};

/// A role slot's pattern, compiled on first use (thread-safe), like
/// Rule::regex: most slots of a short run are never tried.  A grammar loaded
/// with its checks (every file but the built-ins, which the tests check) has it
/// compiled at load, so that a bad pattern is reported with its line.
class SlotPattern {
public:
    /// The compiled RE2 and what the matcher reads off it (defined in grammar.cpp).
    struct Compiled;
    /// Slots read left to right, first alternative first (RE2's longest_match off).
    SlotPattern(std::string pattern, bool case_sensitive);
    ~SlotPattern();
    const std::string& pattern() const { return pattern_; }
    bool case_sensitive() const { return case_sensitive_; }
    const Compiled& get() const;
    /// Whether the pattern compiles (compiling it if need be), and RE2's message when not.
    bool ok() const;
    const std::string& error() const;

private:
    std::string pattern_;
    bool case_sensitive_;
    mutable std::once_flag once_;
    mutable std::unique_ptr<const Compiled> compiled_;
};

/// An event rule's role slot: `role NAME before|after PATTERN`.  Searched
/// from the trigger outwards (nearest first), anchored at token starts; the
/// role is the group `value` when the pattern has one, else the whole match.
struct RoleSlot {
    std::string name;
    bool after = true;
    bool adjacent = false;  ///< `just-before`/`just-after`: the match touches the trigger
    std::string source;
    int line = 0, column = 0;
    std::shared_ptr<const SlotPattern> re;
    std::shared_ptr<const SlotPattern> unless_after;  ///< `PATTERN unless-after GUARD`: not right after GUARD
    std::vector<std::string> needs;  ///< the value is one of these mention types (`<location>|<person>`): skip a sentence without them
    /// The words (ASCII lower case) a match may start with (pattern_first_words),
    /// when known: the matcher does not run the slot at a unit that is none of them.
    std::optional<std::vector<std::string>> first_words;
};

/// How far (in units: tokens or mentions) a role slot may start from its trigger.
inline constexpr std::size_t kSlotReach = 20;

struct Rule {
    std::string name;
    std::string file;
    int line = 0;
    std::string type;  ///< mention type, or "block"
    int priority = 0;
    int stage = 1;
    bool case_sensitive = false;
    std::string pattern;  ///< after macro and list expansion
    std::string pattern_source;
    int pattern_line = 0, pattern_column = 0;
    std::string body;                          ///< the pattern after expansion, unwrapped
    /// (?:body)(?: |$), run anchored at a unit start.  Compiled on first use
    /// (thread-safe): the stage's RE2::Set checks the syntax when the grammar
    /// is compiled, and most rules of a short run never fire.
    const re2::RE2& regex() const;
    mutable std::once_flag regex_once;
    mutable std::shared_ptr<const re2::RE2> regex_compiled;
    std::string before_source;                 ///< `before RE`: what must end just before the match
    int before_line = 0, before_column = 0;
    std::shared_ptr<const re2::RE2> before;    ///< (?:^| )(?:RE)$, run over the text before the match
    std::vector<std::string> group_names;           ///< index: RE2 group number
    std::vector<const struct WordList*> group_list; ///< the list a group is bound to, or nullptr
    std::vector<std::pair<std::string, const struct WordList*>> binds;  ///< bind GROUP LIST
    int span_group = 0;  ///< the group named "span" (the mention), 0 = the whole match
    /// How phase 2 may find the groups of a mention rule without a second RE2
    /// run (set by Grammar::compile): `generic` runs RE2; `whole` is
    /// `(?P<a>X)` (group 1 is the match); `opt_prefix` is `(?:(?P<a>X) )?(?P<b>Y)`
    /// where, when `groups_gate` says X cannot start at the match, group 1 did
    /// not take part and group 2 is the match.  X and Y hold no other groups.
    enum class GroupsShape : std::uint8_t { generic, whole, opt_prefix } groups_shape = GroupsShape::generic;
    std::shared_ptr<const PrefixGate> groups_gate;  ///< opt_prefix: the possible starts of X
    std::optional<Template> value;
    std::vector<std::pair<std::string, Template>> fields;
    std::string normaliser_name;
    const Normaliser* normaliser = nullptr;
    std::vector<Example> examples;
    std::size_t order = 0;  ///< load order
    bool disabled = false;
    bool is_event = false;  ///< an `event NAME` block: named groups are roles; (?P<trigger>...) or the whole match is the trigger
    std::vector<RoleSlot> roles;  ///< role slots around the trigger (events)
    std::vector<std::string> merge_without;  ///< events: without any of these roles, the roles go to the previous event of the type
    std::vector<std::string> inherit;  ///< events: roles taken from the previous event when (?P<_anaphor>) matched
    std::vector<std::vector<std::string>> requires_roles;  ///< events: each `requires ROLE...` line: dropped unless one of its roles is found
    std::vector<std::string> actors;  ///< events: `actors ROLE...`: roles a pronoun fills with the last organization or person
    std::string subject;  ///< events: `subject ROLE`: an omitted one is taken from the last event of the type (2 sentences)
    bool closed = false;  ///< events: `closed`: follow-ups never complete this event (they go to the one before)
    bool fill_only = false;  ///< events: `fill-only`: a follow-up that fills roles the event lacks, never replaces one
    int reach = 0;        ///< events: `reach N`: how many units from the trigger a slot may start (0: kSlotReach)
    int follow_up = 0;    ///< events: `follow-up [N]`: only completes the last event of its type within N sentences
    int frame = 0;        ///< events: `frame [N]`: no event; its roles fill the roles later events of its type lack, within N sentences (N + 1; 0 = none)
    std::shared_ptr<const re2::RE2> boundary;  ///< events: `after` slots stop where this matches (a clause break)
    std::shared_ptr<const re2::RE2> barrier;  ///< events: `before` slots do not look past a unit where this matches
    std::string barrier_source;
    int barrier_line = 0, barrier_column = 0;
    std::shared_ptr<const re2::RE2> unless_before;  ///< `unless-before P`: events: no event when the sentence before the trigger matches P; mention rules: the tokens just before the match must not end with P
    std::string unless_before_source;
    int unless_before_line = 0, unless_before_column = 0;
    std::string boundary_source;
    int boundary_line = 0, boundary_column = 0;
    /// events: `each PATTERN`: a list that goes on after the roles it names
    /// ("melantik A sebagai X, B sebagai Y, dan C sebagai Z"): matched again and
    /// again right after the last of those roles, each match one more event
    /// with the same trigger, its named groups as roles and the other roles shared
    std::shared_ptr<const re2::RE2> each;
    std::vector<std::pair<std::string, int>> each_roles;  ///< role name, RE2 group
    std::string each_source;
    int each_line = 0, each_column = 0;

    std::string where() const { return file + ":" + std::to_string(line) + ":" + name; }
    std::string where_text;  ///< where(), made once by Grammar::compile (every mention carries it)
};

struct WordList {
    std::string name;
    std::string file;
    std::unordered_map<std::string, std::string> values;  ///< token-joined lower surface -> value
    std::vector<std::string> surfaces;                    ///< token-joined lower surfaces
};

/// A candidate mention (also the accepted ones).
struct Candidate {
    const Rule* rule = nullptr;
    std::uint32_t tok_begin = 0, tok_end = 0;  ///< tokens covered (document token indices)
    std::uint32_t start = 0, end = 0;          ///< normalised byte span
    NormaliserOutput out;
    std::string lost;  ///< why it lost (for --explain), empty for winners
    std::uint32_t pos = 0, mend = 0;  ///< match start and end in the stage's unit string (internal)
    std::uint8_t variant = 0;         ///< which unit string of the stage (internal)
    static constexpr std::uint32_t kNoGroups = 0xFFFFFFFFu;
    std::uint32_t groups_at = kNoGroups;  ///< where phase 1 kept its groups (internal)
};

/// The compiled grammar.  Immutable after `compile`; matching is const and thread-safe.
class Grammar {
public:
    explicit Grammar(const Tokenizer& tokenizer);
    ~Grammar();

    /// Loads one grammar file.  `resolve` returns the content of a file that the
    /// grammar names (a word list), relative to it.  Throws GrammarError.
    using Resolver = std::function<std::optional<std::string>(std::string_view from_file, std::string_view name)>;
    /// `built_in`: a file embedded in the library, whose patterns the tests have
    /// checked (tests/grammar_test.cpp loads each one without this flag); the
    /// syntax checks that only serve error messages are skipped and role
    /// patterns are compiled on first use.
    void load(std::string_view file, std::string_view content, const Resolver& resolve, bool built_in = false);

    /// Disables a rule or every rule of a file, by name.  Throws GrammarError when nothing has that name.
    void disable(std::string_view name);

    /// Compiles the per-stage prefilters.  Call once, after the last load.
    void compile();

    /// Matches a sentence: tokens [tb, te) of `toks` over normalised `text`.
    /// Appends accepted candidates to `out` (in order) and losers to `lost` if non-null.
    void match(std::string_view text, const std::vector<Tok>& toks, std::uint32_t tb, std::uint32_t te,
               const std::optional<Ymd>& reference, std::vector<Candidate>& out,
               std::vector<Candidate>* lost) const;

    const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

    /// A mention that event rules can build on (any layer: grammar or entity).
    struct EventInput {
        std::uint32_t tok_begin = 0, tok_end = 0;  ///< document token indices
        std::string_view type;                     ///< shown to patterns as <type>
        std::size_t index = 0;                     ///< the caller's index of the mention
    };
    /// One role of a matched event.
    struct EventArgMatch {
        std::string_view role;
        std::uint32_t tok_begin = 0, tok_end = 0;
        long mention = -1;  ///< EventInput::index when the role is exactly one mention
    };
    struct EventMatch {
        const Rule* rule = nullptr;
        std::uint32_t trig_begin = 0, trig_end = 0;  ///< trigger tokens
        std::uint32_t tok_begin = 0, tok_end = 0;    ///< the whole match
        std::vector<EventArgMatch> args;
        bool anaphor = false;   ///< a (?P<_anaphor...>) group took part
        bool relative = false;  ///< a (?P<_anaphor_rel>) group took part (a relative clause: it must complete an event)
    };
    /// Runs the event rules over tokens [tb, te) of one sentence, where the
    /// given mentions (sorted by tok_begin) appear as <type> pseudo-tokens; a
    /// mention nested in a longer one is hidden by it.  Appends events in
    /// trigger order; of two events with the same trigger, the one with more
    /// roles wins (then the longer match, priority, file order).
    void match_events(std::string_view text, const std::vector<Tok>& toks, std::uint32_t tb, std::uint32_t te,
                      const std::vector<EventInput>& mentions, std::vector<EventMatch>& out) const;
    bool has_events() const { return !event_sets_.empty(); }

    /// A table named by `@gazetteer KIND file.tsv`, for the entity recogniser.
    struct Gazetteer {
        std::string kind;     ///< organization, location, ...
        std::string file;     ///< as named in the grammar file
        std::string content;  ///< the file's text
        std::string source;   ///< the grammar file that named it (`--disable` by this name drops it)
    };
    /// The gazetteers of all loaded grammar files, in load order.
    const std::vector<Gazetteer>& gazetteers() const { return gazetteers_; }

private:
    struct StageSet;
    const Tokenizer& tokenizer_;
    std::vector<std::unique_ptr<Rule>> rules_;
    std::map<std::string, std::unique_ptr<WordList>, std::less<>> lists_;
    struct Macro {
        std::string expanded;
        std::vector<std::pair<std::string, const WordList*>> bindings;  ///< (?P<g>{LIST}) inside it
    };
    std::map<std::string, Macro, std::less<>> macros_;
    std::vector<std::unique_ptr<StageSet>> stages_;
    std::vector<std::unique_ptr<StageSet>> event_sets_;
    /// Compiled patterns shared by the rules that write the same one (role
    /// slots, guards, boundaries repeat across event rules): compiled once.
    std::unordered_map<std::string, std::shared_ptr<const re2::RE2>> re_cache_;
    std::unordered_map<std::string, std::shared_ptr<const SlotPattern>> slot_cache_;
    std::vector<std::string> pending_disables_;
    std::vector<Gazetteer> gazetteers_;

    std::string tokens_joined(std::string_view surface) const;
};

/// ASCII lower case (the token string is already lower case; captures of
/// case-sensitive rules are folded with this for list look-ups).
std::string ascii_lower(std::string_view s);

/// The words a match of `pattern` may start with, when it is matched
/// anchored at a unit start of a unit string (units joined by single spaces)
/// and ends at a unit boundary (` ` or the end): the bytes before the first
/// space, ASCII letters in lower case.  A unit whose text (in any ASCII case,
/// and without non-ASCII bytes) is none of them cannot start a match.
/// Conservative: nullopt when the reader cannot tell (a word that may be any
/// token, like `[A-Z][^ ]*`; an empty first element; syntax it does not read).
/// `case_insensitive`: the pattern is matched ignoring case.
std::optional<std::vector<std::string>> pattern_first_words(std::string_view pattern, bool case_insensitive);

/// Words a match of `pattern` (matched as for pattern_first_words) must hold
/// after its first unit: for each place in the pattern's top-level sequence
/// right after a literal space, the first words of the rest of the pattern
/// from there (when they are known).  Every match has, for each set, a unit
/// after its first whose text is one of the set's words.
std::vector<std::vector<std::string>> pattern_required_words(std::string_view pattern, bool case_insensitive);

/// Work done by the matcher on this thread (for the linear-work test; not a
/// timing): units visited, positions the prefix gates let through, RE2 match
/// calls (Set and rules), token steps of overlap resolution.  Reset with `= {}`.
/// The entity and person layers count too: tokens they visit, the positions
/// where they look for a name (capitalised tokens), and their table look-ups
/// (hash-index probes and word-table finds).
struct WorkCounters {
    std::uint64_t units = 0, gate_passes = 0, re2_calls = 0, overlap_steps = 0;
    std::uint64_t entity_tokens = 0, entity_candidates = 0, entity_lookups = 0;
    std::uint64_t person_tokens = 0, person_lookups = 0;
};
WorkCounters& work_counters();

/// Splits a template into literal text and {name[:fmt]} references; fills it.
std::optional<std::string> fill_template(std::string_view tmpl, const MatchContext& ctx, std::string& error);

}  // namespace warta::detail
