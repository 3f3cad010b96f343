// PrefixGate: the possible first bytes of RE2 patterns, read from their syntax.
//
// The pattern is parsed into a small tree (bytes, concatenation, alternation,
// repetition); the tree is then run over "paths": each path is a sequence of
// up to four byte sets that a match must begin with.  A path is "open" once
// nothing more is known about what follows (a class that may match a
// multi-byte character, the fourth byte, the end of the pattern).  Anything the
// reader does not understand makes the gate pass every position.
#include "prefix_gate.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace warta::detail {

namespace {

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
        for (auto x : w) n += popcount64(x);
        return n;
    }
    // (Bit arithmetic: the build has no -mpopcnt, and __builtin_popcountll
    // would be a call into libgcc.)
    static std::size_t popcount64(std::uint64_t x) {
        x = x - ((x >> 1) & 0x5555555555555555ull);
        x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
        x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
        return static_cast<std::size_t>((x * 0x0101010101010101ull) >> 56);
    }
    static ByteSet all() {
        ByteSet s;
        for (auto& x : s.w) x = ~std::uint64_t{0};
        return s;
    }
};

struct Node {
    enum class Kind : std::uint8_t { bytes, cut, cat, alt, rep, empty } kind = Kind::empty;
    int min = 0, max = 0;                // rep; max -1 = unbounded
    std::uint32_t first = 0, count = 0;  // kids: Tree::kids[first, first + count)
    ByteSet set;                         // bytes, cut
};

// A parsed pattern, flat: the nodes in one vector, each node's kids a run of
// node indices in `kids` (no allocation per node).
struct Tree {
    std::vector<Node> nodes;
    std::vector<std::uint32_t> kids;
    std::uint32_t root = 0;
    const Node& top() const { return nodes[root]; }
    const Node& kid(const Node& n, std::size_t j) const { return nodes[kids[n.first + j]]; }
};

struct Unreadable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Bytes of a pattern that atom() reads as themselves (ASCII, not syntax), and
// the bytes that start a repeat.
constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < 0x80; ++c) t[c] = true;
    for (char c : std::string_view("()[]{}|*+?.^$\\")) t[static_cast<unsigned char>(c)] = false;
    return t;
}();
constexpr auto kRepeat = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("*+?{")) t[static_cast<unsigned char>(c)] = true;
    return t;
}();

class Parser {
public:
    Parser(std::string_view s, bool ci, Tree& t) : s_(s), ci_(ci), t_(t) {
        t_.nodes.clear();
        t_.kids.clear();
        t_.nodes.reserve(s.size() + 1);
        t_.kids.reserve(s.size() + 1);
    }

    // Reads the whole pattern into the tree (its root set).
    void parse() {
        t_.root = alt();
        if (i_ != s_.size()) throw Unreadable("trailing input");
    }

private:
    using Id = std::uint32_t;
    std::string_view s_;
    std::size_t i_ = 0;
    bool ci_;
    Tree& t_;
    std::vector<Id> stack_;  // kids read so far of the cat/alt nodes being read

    bool eof() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }

    Id node(Node::Kind kind, const ByteSet& set) {
        Node n;
        n.kind = kind;
        n.set = set;
        t_.nodes.push_back(n);
        return static_cast<Id>(t_.nodes.size() - 1);
    }
    // A node whose kids are stack_[mark, end) (taken off the stack).
    Id parent(Node::Kind kind, std::size_t mark) {
        Node n;
        n.kind = kind;
        n.first = static_cast<std::uint32_t>(t_.kids.size());
        n.count = static_cast<std::uint32_t>(stack_.size() - mark);
        t_.kids.insert(t_.kids.end(), stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
        stack_.resize(mark);
        t_.nodes.push_back(n);
        return static_cast<Id>(t_.nodes.size() - 1);
    }

    Id alt() {
        const std::size_t mark = stack_.size();
        stack_.push_back(cat());
        while (!eof() && peek() == '|') {
            ++i_;
            stack_.push_back(cat());
        }
        if (stack_.size() - mark == 1) {
            const Id only = stack_.back();
            stack_.pop_back();
            return only;
        }
        return parent(Node::Kind::alt, mark);
    }

    Id cat() {
        const std::size_t mark = stack_.size();
        while (!eof() && peek() != '|' && peek() != ')') {
            // An ASCII byte that atom() reads as a literal, with no repeat
            // after it: its bytes node (as repeat() would give it) at once.
            const auto c = static_cast<unsigned char>(peek());
            if (kPlain[c] && (i_ + 1 == s_.size() || !kRepeat[static_cast<unsigned char>(s_[i_ + 1])])) {
                ++i_;
                ByteSet s;
                s.set(c);
                fold(s);
                stack_.push_back(bytes(s));
                continue;
            }
            stack_.push_back(repeat());
        }
        return parent(Node::Kind::cat, mark);
    }

    Id repeat() {
        Id a = atom();
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
            r.first = static_cast<std::uint32_t>(t_.kids.size());
            r.count = 1;
            t_.kids.push_back(a);
            t_.nodes.push_back(r);
            a = static_cast<Id>(t_.nodes.size() - 1);
        }
    }

    std::optional<std::pair<int, int>> counted() {
        bool too_big = false;
        auto r = read_repeat_count(s_, i_, too_big);
        if (too_big) throw Unreadable("repeat count");
        if (!r) return std::nullopt;
        return std::make_pair(r->min, r->max);
    }

    Id empty() { return node(Node::Kind::empty, ByteSet{}); }
    Id bytes(const ByteSet& s) { return node(Node::Kind::bytes, s); }
    Id cut(const ByteSet& s) { return node(Node::Kind::cut, s); }
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

    Id atom() {
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

    Id literal() {
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
        const std::size_t mark = stack_.size();
        for (std::size_t k = 0; k < n; ++k) {
            ByteSet s;
            s.set(static_cast<unsigned char>(s_[i_ + k]));
            stack_.push_back(bytes(s));
        }
        i_ += n;
        return parent(Node::Kind::cat, mark);
    }

    // Escapes outside classes.  Returns a node; sets `cls` for class escapes.
    Id escape() {
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

    Id group() {
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
        const Id n = alt();
        if (eof() || peek() != ')') throw Unreadable("missing )");
        ++i_;
        ci_ = saved;
        return n;
    }

    Id cls() {
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

constexpr std::uint64_t kFnvBasis = 1469598103934665603ull, kFnvPrime = 1099511628211ull;

struct Path {
    ByteSet s[kDepth];
    std::uint64_t words_hash = kFnvBasis;  // FNV-1a over the words of s[0, len), kept by append
    std::uint32_t mark = 0;                // (Extender's alternations: an open path they were given)
    std::uint8_t len = 0;
    bool open = false;
    void append(const ByteSet& b) {
        s[len++] = b;
        for (auto w : b.w) words_hash = (words_hash ^ w) * kFnvPrime;
    }
};

bool same(const Path& a, const Path& b) {
    return a.len == b.len && a.open == b.open && std::memcmp(a.s, b.s, sizeof(ByteSet) * a.len) == 0;
}

// (A path is hashed each time it is added to a set or deduplicated, often
// many times between two appends: the words' part is kept in the path.)
std::uint64_t hash_of(const Path& p) {
    return (p.words_hash ^ (p.len * 2u + (p.open ? 1u : 0u))) * kFnvPrime;
}

// Paths without duplicates (a duplicate only costs time, so a hash collision
// that is not an equal path is simply kept).
// An open-addressed table of (hash, index) with linear probing: no node per
// entry (the gate of a rule with a long word list sees thousands of paths).
// Whatever the table's size, the paths kept are the same: of the paths with
// one hash, the first added holds the slot the others are compared with.
struct PathSet {
    std::vector<Path> v;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots;  // index + 1; 0 = empty
    std::vector<std::uint32_t> taken;                            // the slots in use (for clear)
    std::size_t used = 0;
    // Empties the set, keeping its memory.
    void clear() {
        for (auto s : taken) slots[s] = {0, 0};
        taken.clear();
        v.clear();
        used = 0;
    }
    void add(const Path& p) {
        if ((used + 1) * 2 > slots.size()) grow();
        const std::uint64_t h = hash_of(p);
        const std::size_t mask = slots.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(h ^ (h >> 29)) & mask;; s = (s + 1) & mask) {
            auto& sl = slots[s];
            if (sl.second == 0) {
                v.push_back(p);
                sl = {h, static_cast<std::uint32_t>(v.size())};
                taken.push_back(static_cast<std::uint32_t>(s));
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
        taken.clear();
        const std::size_t mask = slots.size() - 1;
        for (const auto& sl : old) {
            if (sl.second == 0) continue;
            std::size_t s = static_cast<std::size_t>(sl.first ^ (sl.first >> 29)) & mask;
            while (slots[s].second != 0) s = (s + 1) & mask;
            slots[s] = sl;
            taken.push_back(static_cast<std::uint32_t>(s));
        }
    }
};

// Replaces `out` by the paths `in` collapsed to their first byte (`in` may be `out`).
void collapse(const std::vector<Path>& in, std::vector<Path>& out) {
    ByteSet first;
    for (const auto& p : in) {
        if (p.len == 0) {  // may start with anything
            out.assign(1, Path{});
            return;
        }
        first.add(p.s[0]);
    }
    Path one;
    one.append(first);
    one.open = true;
    out.assign(1, one);
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

bool all_open(const std::vector<Path>& v) {
    return std::all_of(v.begin(), v.end(), [](const Path& p) { return p.open; });
}

// Runs the nodes of a tree over paths, in place.  The vectors and sets an
// alternation or a repeat needs are kept per nesting depth and reused.
class Extender {
public:
    explicit Extender(const Tree& t) : t_(t) {}

    // Runs node `n` over the paths `cur`; `d` is its nesting depth.
    void run(const Node& n, std::vector<Path>& cur, std::size_t d) {
        using K = Node::Kind;
        switch (n.kind) {
            case K::empty: return;
            case K::bytes:
            case K::cut: {
                bool was_open = false, opened = false;
                for (Path& p : cur) {
                    if (p.open) {
                        was_open = true;
                        continue;
                    }
                    if (p.len == kDepth) p.open = opened = true;
                    else {
                        p.append(n.set);
                        if (n.kind == K::cut) p.open = opened = true;
                    }
                }
                // Distinct paths that were closed stay distinct: a duplicate
                // can only be a path that opens here and one that was open.
                if (opened && was_open) dedup(cur);
                return;
            }
            case K::cat:
                for (std::size_t j = 0; j < n.count; ++j) {
                    if (all_open(cur)) break;
                    run(t_.kid(n, j), cur, d);
                    if (cur.size() > kMaxPaths) collapse(cur, cur);
                }
                return;
            case K::alt: {
                PathSet& out = set(d);
                out.clear();
                std::vector<Path>& tmp = buf(d);
                // Every alternative gives back the open paths it was given,
                // unchanged; once one of them is in `out`, the others are not
                // looked up again.  They are marked (a number of this
                // alternation in the high bits, their index in the low 12:
                // kMaxPaths < 4096) and `added` says which are in `out`.
                std::uint32_t stamp = 0;
                if (cur.size() < 4096 && next_stamp_ < (1u << 20)) {
                    stamp = next_stamp_++ << 12;
                    for (std::size_t i = 0; i < cur.size(); ++i)
                        if (cur[i].open) cur[i].mark = stamp | static_cast<std::uint32_t>(i);
                }
                std::vector<bool>& added = added_flags(d);
                added.assign(cur.size(), false);
                auto take = [&](const std::vector<Path>& ps) {
                    for (const auto& p : ps) {
                        if (stamp != 0 && (p.mark & ~0xFFFu) == stamp) {
                            const std::size_t i = p.mark & 0xFFFu;
                            if (added[i]) continue;
                            added[i] = true;
                        }
                        out.add(p);
                    }
                };
                for (std::size_t j = 0; j < n.count; ++j) {
                    if (j + 1 < n.count) {
                        tmp.assign(cur.begin(), cur.end());
                        run(t_.kid(n, j), tmp, d + 1);
                        take(tmp);
                    } else {  // the last alternative takes `cur` itself
                        run(t_.kid(n, j), cur, d + 1);
                        take(cur);
                    }
                }
                if (out.v.size() > kMaxPaths) collapse(out.v, cur);
                else cur.swap(out.v);
                return;
            }
            case K::rep: {
                const Node& k = t_.kid(n, 0);
                int cap = static_cast<int>(kDepth) + 1;
                for (int i = 0; i < std::min(n.min, cap); ++i) {
                    run(k, cur, d + 1);
                    if (cur.size() > kMaxPaths) collapse(cur, cur);
                }
                PathSet& out = set(d);
                out.clear();
                for (const auto& p : cur) out.add(p);
                int more = n.max < 0 ? cap : std::min(n.max - n.min, cap);
                for (int i = 0; i < more; ++i) {
                    if (all_open(cur)) break;
                    run(k, cur, d + 1);
                    for (const auto& p : cur) out.add(p);
                    if (out.v.size() > kMaxPaths) {
                        collapse(out.v, cur);
                        return;
                    }
                }
                cur.swap(out.v);
                return;
            }
        }
    }

private:
    const Tree& t_;
    std::deque<std::vector<Path>> bufs_;  // (a deque: references stay valid as it grows)
    std::deque<PathSet> sets_;
    std::deque<std::vector<bool>> added_;
    std::uint32_t next_stamp_ = 1;

    std::vector<bool>& added_flags(std::size_t d) {
        while (added_.size() <= d) added_.emplace_back();
        return added_[d];
    }

    std::vector<Path>& buf(std::size_t d) {
        while (bufs_.size() <= d) bufs_.emplace_back();
        return bufs_[d];
    }
    PathSet& set(std::size_t d) {
        while (sets_.size() <= d) sets_.emplace_back();
        return sets_[d];
    }
};

// The bytes of a set, in increasing order, into `out`; returns how many.
unsigned list_bytes(const ByteSet& s, std::uint8_t* out) {
    unsigned n = 0;
    for (unsigned w = 0; w < 4; ++w)
        for (std::uint64_t bits = s.w[w]; bits; bits &= bits - 1)
            out[n++] = static_cast<std::uint8_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
    return n;
}

}  // namespace

namespace {

// Does the run of kids [i, i + lit.size()) of `n` spell `lit`: each a single
// byte class holding only that byte (or, for a letter, its two cases)?
bool spells(const Tree& t, const Node& n, std::size_t i, std::string_view lit) {
    if (i + lit.size() > n.count) return false;
    for (std::size_t j = 0; j < lit.size(); ++j) {
        const Node& k = t.kid(n, i + j);
        const auto c = static_cast<unsigned char>(lit[j]);
        if (k.kind != Node::Kind::bytes || !k.set.has(c)) return false;
        ByteSet allowed;
        allowed.set(c);
        if (c >= 'a' && c <= 'z') allowed.set(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z') allowed.set(c - 'A' + 'a');
        for (int w = 0; w < 4; ++w)
            if (k.set.w[w] & ~allowed.w[w]) return false;
    }
    return true;
}

// A lower bound of how often every match of `n` contains `lit` (see
// required_literal_count).
std::size_t literal_count(const Tree& t, const Node& n, std::string_view lit) {
    using K = Node::Kind;
    constexpr std::size_t kCap = 1000;
    switch (n.kind) {
        case K::bytes:
        case K::cut:
        case K::empty: return 0;  // (literals of one byte are not asked for)
        case K::cat: {
            std::size_t total = 0;
            for (std::size_t i = 0; i < n.count;) {
                if (spells(t, n, i, lit)) {
                    ++total;
                    i += lit.size();
                } else {
                    total += literal_count(t, t.kid(n, i), lit);
                    ++i;
                }
            }
            return std::min(total, kCap);
        }
        case K::alt: {
            std::size_t m = kCap;
            for (std::size_t j = 0; j < n.count; ++j) m = std::min(m, literal_count(t, t.kid(n, j), lit));
            return n.count == 0 ? 0 : m;
        }
        case K::rep:
            return n.min <= 0 ? 0 : std::min(kCap, static_cast<std::size_t>(n.min) * literal_count(t, t.kid(n, 0), lit));
    }
    return 0;
}

}  // namespace

std::vector<std::size_t> required_literal_counts(std::string_view pattern, const std::vector<std::string>& literals,
                                                 bool case_insensitive) {
    std::vector<std::size_t> out(literals.size(), 0);
    try {
        Tree tree;
        Parser(pattern, case_insensitive, tree).parse();
        for (std::size_t i = 0; i < literals.size(); ++i)
            if (literals[i].size() >= 2) out[i] = literal_count(tree, tree.top(), literals[i]);
    } catch (const Unreadable&) {
        std::fill(out.begin(), out.end(), 0);
    }
    return out;
}

namespace {

// The one byte a node matches, or -1.
int exact_byte(const Node& n) {
    if (n.kind != Node::Kind::bytes || n.set.count() != 1) return -1;
    for (unsigned b = 0; b < 256; ++b)
        if (n.set.has(b)) return static_cast<int>(b);
    return -1;
}

using Lits = std::optional<std::vector<std::string>>;

std::size_t shortest(const std::vector<std::string>& v) {
    std::size_t m = ~std::size_t{0};
    for (const auto& s : v) m = std::min(m, s.size());
    return m;
}

// Is `a` a better required set than `b` (longer shortest literal, then fewer)?
bool better(const std::vector<std::string>& a, const Lits& b) {
    if (!b) return true;
    const std::size_t sa = shortest(a), sb = shortest(*b);
    return sa != sb ? sa > sb : a.size() < b->size();
}

constexpr std::size_t kMaxLits = 16;

// Literals of which every match of n holds one (nullopt: none known).
Lits required(const Tree& t, const Node& n) {
    using K = Node::Kind;
    switch (n.kind) {
        case K::bytes: {
            const int b = exact_byte(n);
            if (b < 0) return std::nullopt;
            return std::vector<std::string>(1, std::string(1, static_cast<char>(b)));
        }
        case K::cut:
        case K::empty: return std::nullopt;
        case K::cat: {
            Lits best;
            std::string run;
            auto flush = [&] {
                if (!run.empty()) {
                    std::vector<std::string> one(1, run);
                    if (better(one, best)) best = std::move(one);
                }
                run.clear();
            };
            for (std::size_t j = 0; j < n.count; ++j) {
                const Node& k = t.kid(n, j);
                const int b = exact_byte(k);
                if (b >= 0) {
                    run.push_back(static_cast<char>(b));
                    continue;
                }
                flush();
                Lits r = required(t, k);
                if (r && better(*r, best)) best = std::move(r);
            }
            flush();
            return best;
        }
        case K::alt: {
            std::vector<std::string> all;
            for (std::size_t j = 0; j < n.count; ++j) {
                Lits r = required(t, t.kid(n, j));
                if (!r) return std::nullopt;
                for (auto& s : *r)
                    if (std::find(all.begin(), all.end(), s) == all.end()) all.push_back(std::move(s));
                if (all.size() > kMaxLits) return std::nullopt;
            }
            if (all.empty()) return std::nullopt;
            return all;
        }
        case K::rep:
            if (n.min <= 0) return std::nullopt;
            return required(t, t.kid(n, 0));
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> required_literals(std::string_view pattern, std::size_t min_len) {
    try {
        Tree tree;
        Parser(pattern, false, tree).parse();
        Lits r = required(tree, tree.top());
        if (!r || r->size() > kMaxLits || shortest(*r) < min_len) return {};
        return std::move(*r);
    } catch (const Unreadable&) {
        return {};
    }
}

std::size_t PrefixGate::size() const {
    std::size_t n = g1_.count() + n3_ + n4_;
    for (bool b : g2_) n += b ? 1 : 0;
    return n;
}

std::vector<std::uint64_t> PrefixGate::table_words() const {
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

PrefixGate::PrefixGate()
    : g2_(65536, false),
      any3_(65536, false),
      g3_(std::size_t{1} << (kBits - 6)),
      g4_(std::size_t{1} << (kBits - 6)),
      h3_(std::size_t{1} << (kBits - 6)),
      h4_(std::size_t{1} << (kBits - 6)) {}

void PrefixGate::add(std::string_view pattern, bool case_insensitive) {
    if (always_) return;
    std::vector<Path> paths(1);
    try {
        Tree tree;
        Parser(pattern, case_insensitive, tree).parse();
        Extender(tree).run(tree.top(), paths, 0);
    } catch (const Unreadable&) {
        always_ = true;
        return;
    }
    std::uint8_t bytes[kDepth][256];  // the bytes of each set of a path
    for (const auto& p0 : paths) {
        std::size_t n[kDepth] = {0, 0, 0, 0};
        for (std::size_t i = 0; i < p0.len; ++i) n[i] = p0.s[i].count();
        auto combos = [&](std::size_t len) {
            std::size_t c = 1;
            for (std::size_t i = 0; i < len; ++i) c *= n[i];
            return c;
        };
        std::size_t len = p0.len;
        while (len > 2 && combos(len) > kMaxExpand) --len;
        if (len == 0) {
            always_ = true;
            return;
        }
        for (std::size_t i = 0; i < len; ++i) list_bytes(p0.s[i], bytes[i]);
        const auto* b0 = bytes[0];
        const auto* b1 = bytes[1];
        const auto* b2 = bytes[2];
        const auto* b3 = bytes[3];
        switch (len) {
            case 1:
                for (std::size_t i = 0; i < n[0]; ++i) g1_.set(b0[i]);
                break;
            case 2:
                for (std::size_t i = 0; i < n[0]; ++i)
                    for (std::size_t j = 0; j < n[1]; ++j) g2_[b0[i] << 8 | b1[j]] = true;
                break;
            case 3: {
                std::uint64_t* g = g3_.data();
                std::uint64_t* h = h3_.data();
                for (std::size_t i = 0; i < n[0]; ++i)
                    for (std::size_t j = 0; j < n[1]; ++j) {
                        const std::uint32_t k2 = static_cast<std::uint32_t>(b0[i] << 8 | b1[j]);
                        if (n[2] != 0) any3_[k2] = true;
                        for (std::size_t l = 0; l < n[2]; ++l) {
                            const std::uint32_t k = k2 << 8 | b2[l];
                            put(g, slot(k));
                            put(h, slot2(k));
                        }
                    }
                n3_ += combos(3);
                break;
            }
            default: {
                std::uint64_t* g = g4_.data();
                std::uint64_t* h = h4_.data();
                for (std::size_t i = 0; i < n[0]; ++i)
                    for (std::size_t j = 0; j < n[1]; ++j) {
                        const std::uint32_t k2 = static_cast<std::uint32_t>(b0[i] << 8 | b1[j]);
                        if (n[2] * n[3] != 0) any3_[k2] = true;
                        for (std::size_t l = 0; l < n[2]; ++l) {
                            const std::uint32_t k3 = k2 << 8 | b2[l];
                            for (std::size_t m = 0; m < n[3]; ++m) {
                                const std::uint32_t k = k3 << 8 | b3[m];
                                put(g, slot(k));
                                put(h, slot2(k));
                            }
                        }
                    }
                n4_ += combos(4);
            }
        }
    }
}

std::optional<RepeatCount> read_repeat_count(std::string_view s, std::size_t& i, bool& too_big) {
    too_big = false;
    std::size_t j = i + 1;
    auto num = [&](int& v) {
        const std::size_t k = j;
        v = 0;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
            if (v > 100000) {  // never overflow
                too_big = true;
                return false;
            }
            v = v * 10 + (s[j++] - '0');
        }
        return j > k;
    };
    RepeatCount r;
    if (!num(r.min)) return std::nullopt;
    if (j < s.size() && s[j] == '}') {
        r.max = r.min;
    } else if (j < s.size() && s[j] == ',') {
        ++j;
        if (j < s.size() && s[j] == '}') r.max = -1;
        else if (!num(r.max)) return std::nullopt;
        if (j >= s.size() || s[j] != '}') return std::nullopt;
    } else {
        return std::nullopt;
    }
    i = j + 1;
    return r;
}

}  // namespace warta::detail
