// The first words of event patterns (pattern_first_words) and the words they
// require later (pattern_required_words): the event matcher skips units and
// sentences by them, so they must never leave out a word a match can start
// with (or hold), and must give up where they cannot tell.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "grammar.hpp"

using warta::detail::pattern_first_words;
using warta::detail::pattern_required_words;

namespace {

// As the matcher reads a rule: its body, then the unit boundary.
std::string wrap(const std::string& body) { return "(?:" + body + ")(?: |$)"; }

std::optional<std::vector<std::string>> first(const std::string& body, bool ci = true) {
    auto w = pattern_first_words(wrap(body), ci);
    if (w) std::sort(w->begin(), w->end());
    return w;
}

std::vector<std::vector<std::string>> required(const std::string& body, bool ci = true) {
    auto r = pattern_required_words(wrap(body), ci);
    for (auto& s : r) std::sort(s.begin(), s.end());
    return r;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("first words: literal words, alternations and groups") {
    CHECK(first("denda") == Words{"denda"});
    CHECK(first("(?P<trigger>memvonis|menjatuhkan)(?: [^ ]+){0,16}? penjara") == Words{"memvonis", "menjatuhkan"});
    CHECK(first("(?P<trigger>(?i:meninggal dunia|meninggal|tewas))") == Words{"meninggal", "tewas"});
    // a word that goes on after an optional part is still one word
    CHECK(first("(?i:luka(?:-luka)?|cedera)") == Words{"cedera", "luka", "luka-luka"});
    // upper case letters compare in lower case (units are compared in any case)
    CHECK(first("(?P<trigger>(?i:Dilantik|DIANGKAT)) sebagai", false) == Words{"diangkat", "dilantik"});
    CHECK(first("Yang", false) == Words{"yang"});
    // pseudo-tokens are words like any other
    CHECK(first("(?:<award>|piala) (?P<trigger>diraih)") == Words{"<award>", "piala"});
    // an escaped byte is itself
    CHECK(first("a\\.b c") == Words{"a.b"});
    // an optional first word: the words of both ways
    CHECK(first("(?:setelah )?meraih") == Words{"meraih", "setelah"});
    CHECK(first("(?:(?:kembali|juga) )?meraih") == Words{"juga", "kembali", "meraih"});
    // counted repetitions of literals spell out
    CHECK(first("(?:ha){1,3} x") == Words{"ha", "haha", "hahaha"});
}

TEST_CASE("first words: where they must give up") {
    // a class or a wildcard in the first word
    CHECK_FALSE(first("[A-Z][^ ]* menjabat"));
    CHECK_FALSE(first("rusak[a-z]*"));
    CHECK_FALSE(first(".+"));
    CHECK_FALSE(first("\\d+ rumah"));
    // an alternative whose first word is a wildcard
    CHECK_FALSE(first("denda|[^ ]+ denda"));
    // an empty first element: a match may start with what follows, in any form
    CHECK_FALSE(first("(?:x)? [^ ]+"));
    CHECK_FALSE(first("(?:abc)*"));
    // unbounded repetition inside the first word
    CHECK_FALSE(first("a+ b"));
    // syntax it does not read
    CHECK_FALSE(first("\\pL+"));
    CHECK_FALSE(first("(?m:a$)"));
    // a non-ASCII letter matched in any case may fold to other bytes
    CHECK_FALSE(first("\xc3\xa9t\xc3\xa9", true));
    CHECK(first("\xc3\xa9t\xc3\xa9", false) == Words{"\xc3\xa9t\xc3\xa9"});
    // without the boundary wrapper a match may end inside a word
    CHECK_FALSE(pattern_first_words("denda", true));
    // a pattern that does not parse
    CHECK_FALSE(pattern_first_words("(?:a", true));
}

TEST_CASE("first words: many alternatives and repetitions stay bounded") {
    std::string alts;
    for (int i = 0; i < 300; ++i) alts += (i ? "|w" : "w") + std::to_string(i);
    auto w = first("(?:" + alts + ")");
    REQUIRE(w);
    CHECK(w->size() == 300);
    // too many combinations: give up rather than list them
    CHECK_FALSE(first("(?:a|b|c|d|e|f|g|h|i|j)(?:a|b|c|d|e|f|g|h|i|j)(?:a|b|c|d|e|f|g|h|i|j)(?:a|b|c|d|e|f|g|h|i|j)"
                      "(?:a|b|c|d|e|f|g|h|i|j) x"));
}

TEST_CASE("required words: the words after a top-level space") {
    // "yang" then an optional adverb, then a trigger every match holds
    auto r = required("(?P<_anaphor_rel>yang)(?: (?i:langsung|juga))? (?P<trigger>(?i:diserahkan|diberikan))");
    REQUIRE(r.size() == 1);
    CHECK(r[0] == Words{"diberikan", "diserahkan"});
    // each literal word after a space is required, up to a wildcard
    r = required("gempa bumi susulan [A-Z][^ ]*");
    REQUIRE(r.size() == 2);
    CHECK(r[0] == Words{"bumi"});
    CHECK(r[1] == Words{"susulan"});
    // a space inside an optional part or an alternation is not at the top level
    CHECK(required("a(?: b)? c") == std::vector<Words>{Words{"c"}});
    CHECK(required("(?:a b|c) d") == std::vector<Words>{Words{"d"}});
    // words after a wildcard word are required too (the wildcard is one unit)
    CHECK(required("[^ ]+ sebagai") == std::vector<Words>{Words{"sebagai"}});
    // nothing known after the space: no requirement
    CHECK(required("a [^ ]+").empty());
    CHECK(required("a (?:b)?").empty());
    CHECK(pattern_required_words("(?:a", true).empty());
}
