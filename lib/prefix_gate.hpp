// A cheap positional prefilter for token-anchored regex matching.
//
// The grammar matcher runs its rules anchored at token starts.  Before it asks
// RE2 whether any rule matches at a position, a PrefixGate answers "could any
// of these patterns start with the next few bytes?" from the patterns' possible
// first bytes (up to four), which it works out by reading the patterns' syntax
// (RE2's, the subset the grammar uses; anything it does not understand makes
// the gate let every position through, which is slow but never wrong).
//
// The gate is conservative: when a pattern can match at position p, the gate
// passes p.  It never decides a match; RE2 does.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warta::detail {

/// A counted repeat `{n}`, `{n,}`, `{n,m}` of a regex pattern, with `s[i]` at
/// its `{`: the bounds (max -1 = unbounded), and `i` moved past the `}`.
/// nullopt when the `{` is a literal brace (i unchanged); `too_big` set (and
/// nullopt) when a count exceeds 100000 (RE2 allows 1000).
struct RepeatCount {
    int min = 0, max = 0;
};
std::optional<RepeatCount> read_repeat_count(std::string_view s, std::size_t& i, bool& too_big);

class PrefixGate {
public:
    PrefixGate();

    /// Adds a pattern that will be matched anchored at a position of a string.
    /// `case_insensitive`: the matcher ignores ASCII case.
    void add(std::string_view pattern, bool case_insensitive);

    /// Could one of the patterns match `s` starting at `p`?
    bool pass(std::string_view s, std::size_t p) const {
        if (always_) return true;
        auto at = [&](std::size_t i) -> unsigned { return p + i < s.size() ? static_cast<unsigned char>(s[p + i]) : 0u; };
        unsigned b0 = at(0);
        if (g1_[b0]) return true;
        unsigned b1 = at(1);
        unsigned k2 = b0 << 8 | b1;
        if (g2_[k2]) return true;
        if (!any3_[k2]) return false;
        unsigned b2 = at(2);
        std::uint32_t k3 = k2 << 8 | b2;
        if (has3(k3)) return true;
        return has4(k3 << 8 | at(3));
    }

    /// True when the gate cannot filter (a pattern it could not read, or one that may match anything).
    bool always() const { return always_; }

    /// Number of pattern prefixes it holds (for tests and statistics).
    std::size_t size() const;

    /// Its whole state as words, for tests that compare two gates: the
    /// always flag, the one-byte, two-byte and any3 tables as bits, the
    /// hashed tables (g3, h3, g4, h4) and the two prefix counts.
    std::vector<std::uint64_t> table_words() const;

private:
    bool always_ = false;
    std::bitset<256> g1_;            // a pattern may match with this first byte, whatever follows
    std::vector<bool> g2_, any3_;    // 65536: the first two bytes suffice / longer prefixes exist
    // Three- and four-byte prefixes in hashed bit tables, two per length with
    // independent hashes (a Bloom filter): a prefix passes when both bits are
    // set.  A collision only lets a position through that RE2 then rejects;
    // with one table that was about one position in eight on news text ("dan"
    // passed the date and number rules), with two it is rare.
    static constexpr unsigned kBits = 18;
    std::vector<std::uint64_t> g3_, g4_, h3_, h4_;
    static std::uint32_t slot(std::uint32_t k) { return (k * 0x9E3779B1u) >> (32 - kBits); }
    static std::uint32_t slot2(std::uint32_t k) { return ((k ^ (k >> 15)) * 0x85EBCA77u) >> (32 - kBits); }
    static bool test(const std::vector<std::uint64_t>& t, std::uint32_t h) { return (t[h >> 6] >> (h & 63)) & 1; }
    static void put(std::uint64_t* t, std::uint32_t h) { t[h >> 6] |= std::uint64_t{1} << (h & 63); }
    bool has3(std::uint32_t k) const { return test(g3_, slot(k)) && test(h3_, slot2(k)); }
    bool has4(std::uint32_t k) const { return test(g4_, slot(k)) && test(h4_, slot2(k)); }
    std::size_t n3_ = 0, n4_ = 0;
};

/// How many times every match of `pattern` contains each of `literals` (two
/// bytes or more, e.g. a pseudo-token "<date>"), counting the places where the pattern
/// spells it out byte by byte: a lower bound (0 when unknown).  Letters of
/// the literal may match in either case.  The matcher skips a later stage's
/// rules when the sentence's units cannot hold the pseudo-tokens they need.
std::vector<std::size_t> required_literal_counts(std::string_view pattern, const std::vector<std::string>& literals,
                                                 bool case_insensitive);

/// Literals of which every match of a case-sensitive `pattern` contains at
/// least one, byte for byte (e.g. "(?:[A-Z]\\w*)+ (?:Award|Prize)" gives
/// {"Award", "Prize"}); empty when the pattern has none it can tell (a
/// sentence that holds none of them cannot match).  Only literals of at least
/// `min_len` bytes are returned, at most 16.
std::vector<std::string> required_literals(std::string_view pattern, std::size_t min_len = 3);

}  // namespace warta::detail
