// The prefix gate's tables, built by its present code, are those its first
// code built (commit 3120e5c, kept here as the reference): bit for bit, for
// every built-in rule (as the grammar gives it to the gate, and with the other
// case setting), for all rules in one gate, and for the patterns of the unit
// tests.  The construction may get faster; what the gate lets through may not
// change without this test saying so.
#include <doctest/doctest.h>

#include <bitset>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "builtin_grammars.hpp"
#include "embedded.hpp"
#include "grammar.hpp"
#include "prefix_gate.hpp"
#include "tokenize.hpp"

namespace {
namespace ref {

// ---- 3120e5c lib/prefix_gate.cpp, unchanged (but for the names) ----------------

constexpr std::size_t kDepth = 4;        // bytes of prefix the gate looks at
constexpr std::size_t kMaxPaths = 3000;  // beyond this, paths collapse to their first byte
constexpr std::size_t kMaxExpand = 4096; // byte combinations stored per path

struct ByteSet {
    std::uint64_t w[4] = {0, 0, 0, 0};
    void set(unsigned b) { w[b >> 6] |= std::uint64_t{1} << (b & 63); }
    bool has(unsigned b) const { return (w[b >> 6] >> (b & 63)) & 1; }
    void add(const ByteSet& o) {
        for (int i = 0; i < 4; ++i) w[i] |= o.w[i];
    }
    void set_range(unsigned lo, unsigned hi) {
        for (unsigned b = lo; b <= hi; ++b) set(b);
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (auto x : w) n += static_cast<std::size_t>(__builtin_popcountll(x));
        return n;
    }
    static ByteSet all() {
        ByteSet s;
        for (auto& x : s.w) x = ~std::uint64_t{0};
        return s;
    }
};

struct Node {
    enum class Kind : std::uint8_t { bytes, cut, cat, alt, rep, empty } kind = Kind::empty;
    ByteSet set;
    std::vector<Node> kids;
    int min = 0, max = 0;  // rep; max -1 = unbounded
};

struct Unreadable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Parser {
public:
    Parser(std::string_view s, bool ci) : s_(s), ci_(ci) {}

    Node parse() {
        Node n = alt();
        if (i_ != s_.size()) throw Unreadable("trailing input");
        return n;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
    bool ci_;

    bool eof() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }

    Node alt() {
        Node n;
        n.kind = Node::Kind::alt;
        n.kids.push_back(cat());
        while (!eof() && peek() == '|') {
            ++i_;
            n.kids.push_back(cat());
        }
        if (n.kids.size() == 1) return std::move(n.kids[0]);
        return n;
    }

    Node cat() {
        Node n;
        n.kind = Node::Kind::cat;
        while (!eof() && peek() != '|' && peek() != ')') n.kids.push_back(repeat());
        return n;
    }

    Node repeat() {
        Node a = atom();
        for (;;) {
            if (eof()) return a;
            char c = peek();
            int lo, hi;
            if (c == '*') lo = 0, hi = -1, ++i_;
            else if (c == '+') lo = 1, hi = -1, ++i_;
            else if (c == '?') lo = 0, hi = 1, ++i_;
            else if (c == '{') {
                auto r = counted();
                if (!r) return a;  // a literal '{' follows; atom() reads it next time
                lo = r->first, hi = r->second;
            } else return a;
            if (!eof() && peek() == '?') ++i_;  // non-greedy: same language
            Node r;
            r.kind = Node::Kind::rep;
            r.min = lo;
            r.max = hi;
            r.kids.push_back(std::move(a));
            a = std::move(r);
        }
    }

    std::optional<std::pair<int, int>> counted() {
        bool too_big = false;
        auto r = warta::detail::read_repeat_count(s_, i_, too_big);
        if (too_big) throw Unreadable("repeat count");
        if (!r) return std::nullopt;
        return std::make_pair(r->min, r->max);
    }

    static Node empty() { return Node{}; }
    Node bytes(const ByteSet& s) {
        Node n;
        n.kind = Node::Kind::bytes;
        n.set = s;
        return n;
    }
    Node cut(const ByteSet& s) {
        Node n;
        n.kind = Node::Kind::cut;
        n.set = s;
        return n;
    }
    static ByteSet high() {
        ByteSet s;
        s.set_range(0x80, 0xFF);
        return s;
    }
    void fold(ByteSet& s) const {
        if (!ci_) return;
        // 'A'..'Z' are bits 1..26 of word 1 (bytes 64..127), 'a'..'z' bits 33..58
        constexpr std::uint64_t upper = ((std::uint64_t{1} << 26) - 1) << 1;
        const std::uint64_t letters = (s.w[1] & upper) | ((s.w[1] >> 32) & upper);
        s.w[1] |= letters | (letters << 32);
    }

    Node atom() {
        char c = s_[i_];
        if (c == '(') return group();
        if (c == '[') return cls();
        if (c == '.') {
            ++i_;
            return cut(ByteSet::all());
        }
        if (c == '^' || c == '$') {
            ++i_;
            return empty();
        }
        if (c == '\\') return escape();
        return literal();
    }

    Node literal() {
        auto c = static_cast<unsigned char>(s_[i_]);
        if (c < 0x80) {
            ++i_;
            ByteSet s;
            s.set(c);
            fold(s);
            return bytes(s);
        }
        std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i_ + n > s_.size()) throw Unreadable("bad UTF-8");
        if (ci_) {  // a non-ASCII letter may fold to other bytes
            i_ += n;
            return cut(high());
        }
        Node cat;
        cat.kind = Node::Kind::cat;
        for (std::size_t k = 0; k < n; ++k) {
            ByteSet s;
            s.set(static_cast<unsigned char>(s_[i_ + k]));
            cat.kids.push_back(bytes(s));
        }
        i_ += n;
        return cat;
    }

    // Escapes outside classes.  Returns a node; sets `cls` for class escapes.
    Node escape() {
        ++i_;
        if (eof()) throw Unreadable("trailing backslash");
        char e = s_[i_++];
        ByteSet s;
        switch (e) {
            case 'd': s.set_range('0', '9'); return bytes(s);
            case 'w': s.set_range('0', '9'); s.set_range('a', 'z'); s.set_range('A', 'Z'); s.set('_'); return bytes(s);
            case 's': s.set(' '); s.set('\t'); s.set('\n'); s.set('\r'); s.set('\f'); return bytes(s);
            case 'D': case 'W': case 'S': case 'p': case 'P': case 'C': case 'X':
                if ((e == 'p' || e == 'P') && !eof() && peek() == '{') {
                    while (!eof() && peek() != '}') ++i_;
                    if (!eof()) ++i_;
                } else if (e == 'p' || e == 'P') {
                    if (!eof()) ++i_;
                }
                return cut(ByteSet::all());
            case 'b': case 'B': case 'A': case 'z': return empty();
            case 'n': s.set('\n'); return bytes(s);
            case 't': s.set('\t'); return bytes(s);
            case 'r': s.set('\r'); return bytes(s);
            case 'f': s.set('\f'); return bytes(s);
            case 'v': s.set('\v'); return bytes(s);
            case 'x': case 'Q': case 'E': throw Unreadable("escape not read");
            default:
                if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))
                    throw Unreadable("escape not read");
                s.set(static_cast<unsigned char>(e));
                fold(s);
                return bytes(s);
        }
    }

    Node group() {
        ++i_;  // (
        bool saved = ci_;
        if (!eof() && peek() == '?') {
            ++i_;
            if (!eof() && (peek() == 'P' || peek() == '<')) {
                if (peek() == 'P') ++i_;
                if (eof() || peek() != '<') throw Unreadable("group syntax");
                while (!eof() && peek() != '>') ++i_;
                if (eof()) throw Unreadable("group name");
                ++i_;
            } else {
                bool neg = false, any = false;
                while (!eof() && peek() != ':' && peek() != ')') {
                    char f = s_[i_++];
                    if (f == '-') neg = true;
                    else if (f == 'i') ci_ = !neg, any = true;
                    else if (f == 'm' || f == 's' || f == 'U') any = true;
                    else throw Unreadable("flag");
                }
                (void)any;
                if (eof()) throw Unreadable("group syntax");
                if (peek() == ')') {  // (?i) : flags for the rest of the enclosing group
                    ++i_;
                    return empty();
                }
                ++i_;  // ':'
            }
        }
        Node n = alt();
        if (eof() || peek() != ')') throw Unreadable("missing )");
        ++i_;
        ci_ = saved;
        return n;
    }

    Node cls() {
        ++i_;  // [
        bool neg = false;
        if (!eof() && peek() == '^') neg = true, ++i_;
        ByteSet s;
        bool multibyte = false;
        bool first = true;
        while (!eof() && (peek() != ']' || first)) {
            first = false;
            if (peek() == '[' && i_ + 1 < s_.size() && s_[i_ + 1] == ':') throw Unreadable("POSIX class");
            std::uint32_t lo = 0;
            if (!member(lo, s, multibyte)) continue;  // a class escape was added
            std::uint32_t hi = lo;
            if (i_ + 1 < s_.size() && peek() == '-' && s_[i_ + 1] != ']') {
                ++i_;
                ByteSet dummy;
                bool mb = false;
                if (!member(hi, dummy, mb)) throw Unreadable("range");
            }
            if (hi >= 0x80) multibyte = true;
            for (std::uint32_t c = lo; c <= hi && c < 0x80; ++c) s.set(c);
        }
        if (eof()) throw Unreadable("missing ]");
        ++i_;
        fold(s);
        if (neg) {
            ByteSet inv;
            for (unsigned b = 0; b < 256; ++b)
                if (!s.has(b)) inv.set(b);
            return cut(inv);
        }
        if (multibyte) {
            s.add(high());
            return cut(s);
        }
        return bytes(s);
    }

    // One class member: a code point (returns true) or a class escape added to s (returns false).
    bool member(std::uint32_t& cp, ByteSet& s, bool& multibyte) {
        auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '\\') {
            ++i_;
            if (eof()) throw Unreadable("trailing backslash");
            char e = s_[i_++];
            switch (e) {
                case 'd': s.set_range('0', '9'); return false;
                case 'w': s.set_range('0', '9'); s.set_range('a', 'z'); s.set_range('A', 'Z'); s.set('_'); return false;
                case 's': s.set(' '); s.set('\t'); s.set('\n'); s.set('\r'); s.set('\f'); return false;
                case 'D': case 'W': case 'S': case 'p': case 'P':
                    throw Unreadable("negated class escape inside a class");
                case 'n': cp = '\n'; return true;
                case 't': cp = '\t'; return true;
                case 'r': cp = '\r'; return true;
                default:
                    if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))
                        throw Unreadable("escape not read");
                    cp = static_cast<unsigned char>(e);
                    return true;
            }
        }
        if (c < 0x80) {
            cp = c;
            ++i_;
            return true;
        }
        std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i_ + n > s_.size()) throw Unreadable("bad UTF-8");
        i_ += n;
        multibyte = true;
        cp = 0x80;
        return true;
    }
};

struct Path {
    ByteSet s[kDepth];
    std::uint8_t len = 0;
    bool open = false;
};

bool same(const Path& a, const Path& b) {
    return a.len == b.len && a.open == b.open && std::memcmp(a.s, b.s, sizeof(ByteSet) * a.len) == 0;
}

std::uint64_t hash_of(const Path& p) {
    std::uint64_t h = 1469598103934665603ull ^ (p.len * 2u + (p.open ? 1u : 0u));
    for (std::size_t i = 0; i < p.len; ++i)
        for (auto w : p.s[i].w) h = (h ^ w) * 1099511628211ull;
    return h;
}

// Paths without duplicates (a duplicate only costs time, so a hash collision
// that is not an equal path is simply kept).
// An open-addressed table of (hash, index) with linear probing: no node per
// entry (the gate of a rule with a long word list sees thousands of paths).
struct PathSet {
    std::vector<Path> v;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots;  // index + 1; 0 = empty
    std::size_t used = 0;
    void add(const Path& p) {
        if ((used + 1) * 2 > slots.size()) grow();
        const std::uint64_t h = hash_of(p);
        const std::size_t mask = slots.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(h ^ (h >> 29)) & mask;; s = (s + 1) & mask) {
            auto& sl = slots[s];
            if (sl.second == 0) {
                v.push_back(p);
                sl = {h, static_cast<std::uint32_t>(v.size())};
                ++used;
                return;
            }
            if (sl.first == h) {
                if (same(v[sl.second - 1], p)) return;
                v.push_back(p);  // a collision that is not an equal path: kept (a duplicate only costs time)
                return;
            }
        }
    }
    void grow() {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> old(slots.empty() ? 16 : slots.size() * 2);
        old.swap(slots);
        const std::size_t mask = slots.size() - 1;
        for (const auto& sl : old) {
            if (sl.second == 0) continue;
            std::size_t s = static_cast<std::size_t>(sl.first ^ (sl.first >> 29)) & mask;
            while (slots[s].second != 0) s = (s + 1) & mask;
            slots[s] = sl;
        }
    }
};

std::vector<Path> collapse(const std::vector<Path>& in) {
    Path one;
    for (const auto& p : in) {
        if (p.len == 0) return std::vector<Path>(1);  // may start with anything
        one.s[0].add(p.s[0]);
    }
    one.len = 1;
    one.open = true;
    return std::vector<Path>(1, one);
}

// Removes duplicate paths from `v` in place, keeping first occurrences in
// order: the same paths, in the same order, as adding them one by one to a
// PathSet (a hash collision that is not an equal path is kept, as there).
void dedup(std::vector<Path>& v) {
    if (v.size() < 2) return;
    std::size_t n = 16;
    while (n < 2 * v.size() + 2) n *= 2;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots(n);  // index + 1; 0 = empty
    const std::size_t mask = n - 1;
    std::size_t w = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::uint64_t h = hash_of(v[i]);
        bool keep = true;
        for (std::size_t s = static_cast<std::size_t>(h ^ (h >> 29)) & mask;; s = (s + 1) & mask) {
            auto& sl = slots[s];
            if (sl.second == 0) {
                sl = {h, static_cast<std::uint32_t>(w + 1)};
                break;
            }
            if (sl.first == h) {
                keep = !same(v[sl.second - 1], v[i]);
                break;
            }
        }
        if (keep) {
            if (w != i) v[w] = v[i];
            ++w;
        }
    }
    v.resize(w);
}

// Runs node `n` over the paths `cur` (taken over: callers move them in).
std::vector<Path> extend_paths(const Node& n, std::vector<Path> cur) {
    using K = Node::Kind;
    switch (n.kind) {
        case K::empty: return cur;
        case K::bytes:
        case K::cut: {
            for (Path& p : cur) {
                if (p.open) continue;
                if (p.len == kDepth) p.open = true;
                else {
                    p.s[p.len++] = n.set;
                    if (n.kind == K::cut) p.open = true;
                }
            }
            dedup(cur);
            return cur;
        }
        case K::cat: {
            for (const auto& k : n.kids) {
                bool all_open = true;
                for (const auto& p : cur) all_open = all_open && p.open;
                if (all_open) break;
                cur = extend_paths(k, std::move(cur));
                if (cur.size() > kMaxPaths) cur = collapse(cur);
            }
            return cur;
        }
        case K::alt: {
            PathSet out;
            for (const auto& k : n.kids)
                for (const auto& p : extend_paths(k, cur)) out.add(p);
            if (out.v.size() > kMaxPaths) return collapse(out.v);
            return std::move(out.v);
        }
        case K::rep: {
            const Node& k = n.kids[0];
            int cap = static_cast<int>(kDepth) + 1;
            for (int i = 0; i < std::min(n.min, cap); ++i) {
                cur = extend_paths(k, std::move(cur));
                if (cur.size() > kMaxPaths) cur = collapse(cur);
            }
            PathSet out;
            for (const auto& p : cur) out.add(p);
            int more = n.max < 0 ? cap : std::min(n.max - n.min, cap);
            for (int i = 0; i < more; ++i) {
                bool all_open = true;
                for (const auto& p : cur) all_open = all_open && p.open;
                if (all_open) break;
                cur = extend_paths(k, std::move(cur));
                for (const auto& p : cur) out.add(p);
                if (out.v.size() > kMaxPaths) return collapse(out.v);
            }
            return std::move(out.v);
        }
    }
    return cur;
}

std::size_t combos(const Path& p, std::size_t len) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < len; ++i) n *= p.s[i].count();
    return n;
}

template <class F>
void each_key(const Path& p, std::size_t len, F f) {
    thread_local std::vector<std::uint32_t> keys, next;
    keys.assign(1, 0);
    for (std::size_t i = 0; i < len && i < kDepth; ++i) {
        next.clear();
        for (std::uint32_t k : keys)
            for (unsigned w = 0; w < 4; ++w)
                for (std::uint64_t bits = p.s[i].w[w]; bits; bits &= bits - 1)
                    next.push_back(k << 8 | (w * 64 + static_cast<unsigned>(__builtin_ctzll(bits))));
        keys.swap(next);
    }
    for (std::uint32_t k : keys) f(k);
}


// ---- the gate of 3120e5c (its tables and add) ----------------------------------

struct Gate {
    bool always_ = false;
    std::bitset<256> g1_;
    std::vector<bool> g2_ = std::vector<bool>(65536, false), any3_ = std::vector<bool>(65536, false);
    static constexpr unsigned kBits = 18;
    std::vector<std::uint64_t> g3_ = std::vector<std::uint64_t>(std::size_t{1} << (kBits - 6)),
                               g4_ = std::vector<std::uint64_t>(std::size_t{1} << (kBits - 6)),
                               h3_ = std::vector<std::uint64_t>(std::size_t{1} << (kBits - 6)),
                               h4_ = std::vector<std::uint64_t>(std::size_t{1} << (kBits - 6));
    std::size_t n3_ = 0, n4_ = 0;
    static std::uint32_t slot(std::uint32_t k) { return (k * 0x9E3779B1u) >> (32 - kBits); }
    static std::uint32_t slot2(std::uint32_t k) { return ((k ^ (k >> 15)) * 0x85EBCA77u) >> (32 - kBits); }
    static void put(std::vector<std::uint64_t>& t, std::uint32_t h) { t[h >> 6] |= std::uint64_t{1} << (h & 63); }

    void add(std::string_view pattern, bool case_insensitive);

    // As PrefixGate::table_words.
    std::vector<std::uint64_t> table_words() const {
        std::vector<std::uint64_t> out;
        out.push_back(always_ ? 1 : 0);
        for (unsigned w = 0; w < 4; ++w) {
            std::uint64_t x = 0;
            for (unsigned b = 0; b < 64; ++b)
                if (g1_[w * 64 + b]) x |= std::uint64_t{1} << b;
            out.push_back(x);
        }
        for (const auto* t : {&g2_, &any3_})
            for (std::size_t w = 0; w < 65536 / 64; ++w) {
                std::uint64_t x = 0;
                for (unsigned b = 0; b < 64; ++b)
                    if ((*t)[w * 64 + b]) x |= std::uint64_t{1} << b;
                out.push_back(x);
            }
        for (const auto* t : {&g3_, &h3_, &g4_, &h4_}) out.insert(out.end(), t->begin(), t->end());
        out.push_back(n3_);
        out.push_back(n4_);
        return out;
    }
};

void Gate::add(std::string_view pattern, bool case_insensitive) {
    if (always_) return;
    std::vector<Path> paths;
    try {
        Node tree = Parser(pattern, case_insensitive).parse();
        paths = extend_paths(tree, std::vector<Path>(1));
    } catch (const Unreadable&) {
        always_ = true;
        return;
    }
    for (const auto& p0 : paths) {
        std::size_t len = p0.len;
        while (len > 2 && combos(p0, len) > kMaxExpand) --len;
        if (len == 0) {
            always_ = true;
            return;
        }
        switch (len) {
            case 1: each_key(p0, 1, [&](std::uint32_t k) { g1_.set(k); }); break;
            case 2: each_key(p0, 2, [&](std::uint32_t k) { g2_[k] = true; }); break;
            case 3:
                each_key(p0, 3, [&](std::uint32_t k) {
                    put(g3_, slot(k));
                    put(h3_, slot2(k));
                    ++n3_;
                    any3_[k >> 8] = true;
                });
                break;
            default:
                each_key(p0, 4, [&](std::uint32_t k) {
                    put(g4_, slot(k));
                    put(h4_, slot2(k));
                    ++n4_;
                    any3_[k >> 16] = true;
                });
        }
    }
}

}  // namespace ref

void same_tables(std::string_view pattern, bool ci) {
    warta::detail::PrefixGate now;
    ref::Gate then;
    now.add(pattern, ci);
    then.add(pattern, ci);
    CHECK_MESSAGE(now.table_words() == then.table_words(), "tables differ for " << (ci ? "(?i) " : "") << pattern);
}

}  // namespace

TEST_CASE("prefix gate: the tables are the reference code's (every built-in rule)") {
    using namespace warta::detail;
    Tokenizer tokenizer;
    Grammar grammar(tokenizer);
    warta::test_support::load_builtin_grammars(grammar);
    grammar.compile();
    REQUIRE(grammar.rules().size() > 50);

    PrefixGate all_now;
    ref::Gate all_then;
    for (const auto& rule : grammar.rules()) {
        const std::string anchored = "(?:" + rule->body + ")(?: |$)";
        for (bool ci : {true, false}) {
            same_tables(anchored, ci);
            same_tables(rule->body, ci);
        }
        all_now.add(anchored, !rule->case_sensitive);
        all_then.add(anchored, !rule->case_sensitive);
    }
    CHECK(!all_now.always());
    CHECK(all_now.table_words() == all_then.table_words());

    for (const char* p : {"(?:pada|sejak) (?P<d>\\d{1,2}) maret", "ke-(?P<n>[0-9]+)", "senin", "(?P<r>IV|VI)",
                          "(?i:porprov) (?P<r>IV)", "(?:sekitar )?\\d+ persen", "x*y", "(?:–|-) ?\\d", "[^ ]+ami",
                          "\\x{41}bc", "(?:foo)?", "\\d{4666666666666666666666666666666666}", "é[^a-z]{2,}|(?:ab|a)b?.c",
                          "(?:a|b|c|d|e)(?:f|g|h|i)(?:j|k|l|m)(?:n|o)(?:p|q)x"})
        for (bool ci : {true, false}) same_tables(p, ci);
}
