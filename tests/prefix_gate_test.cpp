// The prefix gate in front of the anchored rule matcher: it may let through
// positions where nothing matches, but it must never stop one where a pattern
// matches.  Checked construct by construct, and as a property over every
// built-in rule and every token start of every corpus article.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "builtin_grammars.hpp"
#include "embedded.hpp"
#include "grammar.hpp"
#include "prefix_gate.hpp"
#include "tokenize.hpp"

using warta::detail::PrefixGate;

namespace {

PrefixGate gate_of(std::initializer_list<const char*> patterns, bool ci = true) {
    PrefixGate g;
    for (const char* p : patterns) g.add(p, ci);
    return g;
}

bool passes(const PrefixGate& g, std::string_view s) { return g.pass(s, 0); }

}  // namespace

TEST_CASE("prefix gate: literals, lists and classes") {
    auto g = gate_of({"(?:pada|sejak) (?P<d>\\d{1,2}) maret", "ke-(?P<n>[0-9]+)"});
    CHECK(passes(g, "pada 12 maret"));
    CHECK(passes(g, "sejak 1 maret"));
    CHECK(passes(g, "ke-74"));
    CHECK_FALSE(passes(g, "kemarin"));    // "kem" is not "ke-"
    CHECK_FALSE(passes(g, "padi"));       // "padi" is not "pada"
    CHECK_FALSE(passes(g, "rumah"));
    CHECK_FALSE(passes(g, ""));
}

TEST_CASE("prefix gate: case folding follows the rule's case setting") {
    auto ci = gate_of({"senin"}, true);
    CHECK(passes(ci, "senin"));
    CHECK(passes(ci, "SENIN"));
    auto cs = gate_of({"(?P<r>IV|VI)"}, false);
    CHECK(passes(cs, "IV"));
    CHECK_FALSE(passes(cs, "iv"));
    auto inner = gate_of({"(?i:porprov) (?P<r>IV)"}, false);
    CHECK(passes(inner, "PORPROV IV"));
    CHECK(passes(inner, "Porprov IV"));
}

TEST_CASE("prefix gate: optional parts, repeats and multi-byte characters") {
    auto g = gate_of({"(?:sekitar )?\\d+ persen", "x*y", "(?:–|-) ?\\d"});
    CHECK(passes(g, "sekitar 5 persen"));
    CHECK(passes(g, "5 persen"));
    CHECK(passes(g, "xxxxy"));
    CHECK(passes(g, "y"));
    CHECK(passes(g, "– 5"));
    CHECK(passes(g, "-5"));
    CHECK_FALSE(passes(g, "persen"));
    // a class that may match a multi-byte character stops the prefix there
    auto h = gate_of({"[^ ]+ami"});
    CHECK(passes(h, "éami"));
    CHECK(passes(h, "kami"));
}

TEST_CASE("prefix gate: what it cannot read passes everything") {
    auto g = gate_of({"\\x{41}bc"});
    CHECK(g.always());
    CHECK(passes(g, "zzz"));
    auto any = gate_of({"(?:foo)?"});  // may match the empty string
    CHECK(any.always());
}

TEST_CASE("prefix gate: never stops a position where a built-in rule matches (corpus property)") {
    using namespace warta::detail;
    Tokenizer tokenizer;
    Grammar grammar(tokenizer);
    warta::test_support::load_builtin_grammars(grammar);
    grammar.compile();

    // Sentences: lower-case and surface token strings of every corpus article.
    std::vector<std::string> strings;
    for (const auto& e : std::filesystem::directory_iterator(WARTA_SOURCE_DIR "/corpus")) {
        if (!e.path().string().ends_with(".gold.json")) continue;
        std::ifstream in(e.path());
        std::string text = nlohmann::json::parse(in).at("text").get<std::string>();
        auto toks = tokenizer.tokenize(text);
        std::string low, sur;
        for (const auto& t : toks) {
            if (!low.empty()) low += ' ', sur += ' ';
            low += t.lower;
            sur.append(text, t.start, t.end - t.start);
        }
        strings.push_back(low);
        strings.push_back(sur);
    }
    REQUIRE(strings.size() > 40);
    std::size_t checked = 0, matched = 0;
    for (const auto& rule : grammar.rules()) {
        PrefixGate g;
        std::string anchored = "(?:" + rule->body + ")(?: |$)";
        g.add(anchored, !rule->case_sensitive);
        for (const auto& s : strings) {
            for (std::size_t p = 0; p < s.size(); ++p) {
                if (p > 0 && s[p - 1] != ' ') continue;
                ++checked;
                if (!rule->regex().Match(s, p, s.size(), RE2::ANCHOR_START, nullptr, 0)) continue;
                ++matched;
                if (!g.pass(s, p)) FAIL_CHECK(rule->name << " matches at \"" << s.substr(p, 40) << "\" but the gate stops it");
            }
        }
    }
    CHECK(matched > 1000);
    MESSAGE("positions checked: " << checked << ", matches: " << matched);
}

TEST_CASE("prefix gate: a huge repeat count is unreadable, not an overflow") {
    auto g = gate_of({"\\d{4666666666666666666666666666666666}"});
    CHECK(g.always());
}

TEST_CASE("required_literals: literals every match of a case-sensitive pattern holds") {
    using warta::detail::required_literals;
    using V = std::vector<std::string>;
    // an alternation of words after a capitalised sequence: one of the words
    CHECK(required_literals("(?P<name>(?:[A-Z][a-z]*)(?: [A-Z][a-z]*)* (?:Award|Prize|Trophy))") == V{"Award", "Prize", "Trophy"});
    // a plain run of bytes; the longest run wins over a shorter one
    CHECK(required_literals("ab [0-9]+ Menteri") == V{" Menteri"});  // (the space is a byte of the run)
    // alternatives that are literals themselves
    CHECK(required_literals("(?P<x>WTP|WBK|PROPER)") == V{"WTP", "WBK", "PROPER"});
    // nothing required: optional parts, case-insensitive letters, classes, short literals
    CHECK(required_literals("(?:Award)?[A-Z]+").empty());
    CHECK(required_literals("(?i:award) x").empty());
    CHECK(required_literals("[A-Z]{1,2} [0-9]{1,4}").empty());
    CHECK(required_literals("ab|cd").empty());
    // an alternative without a literal: none
    CHECK(required_literals("(?:Award|[A-Z]+)").empty());
    // repeated at least once: its literal
    CHECK(required_literals("(?:Piala )+[A-Z]").empty() == false);
    // unreadable: none
    CHECK(required_literals("\\xff").empty());
}
