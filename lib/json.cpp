// The warta/1 JSON writer.
//
// A direct string writer: no JSON tree is built.  Its output is byte for byte
// what nlohmann::ordered_json::dump(indent, ' ', false, error_handler_t::replace)
// gives for the same document (tests/json_writer_test.cpp checks this against
// nlohmann itself):
//   - keys in insertion order; a mention field whose name repeats an earlier
//     key replaces that key's value in place (ordered_json's operator[]);
//   - compact: `{"a":1,"b":[]}`; pretty (indent n >= 0): one member per line,
//     `"key": value`, nested levels indented by n more spaces, empty
//     containers as `{}` / `[]`;
//   - strings: `"` and `\` escaped, \b \t \n \f \r, other bytes below 0x20 as
//     \u00xx (lower-case hex); '/' and non-ASCII are written as they are;
//     invalid UTF-8 is replaced by U+FFFD exactly as nlohmann's `replace`
//     handler does (same decoder, same resynchronisation);
//   - numbers: integers in decimal; doubles through nlohmann's own dtoa
//     (Grisu2 + its %g-like formatting: "1.0", "1e+16", "0.0001", "1e-05"),
//     because std::to_chars' shortest form picks different digits for some
//     doubles (e.g. 98.40957641601563 vs ...562); non-finite doubles as null.
#include <nlohmann/detail/conversions/to_chars.hpp>

#include <algorithm>
#include <array>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "warta/warta.hpp"

namespace warta {
namespace {

// Bjoern Hoehrmann's UTF-8 DFA decoder, as nlohmann's serializer uses it
// (same table, so invalid input resynchronises at the same bytes).
constexpr std::uint8_t kAccept = 0;
constexpr std::uint8_t kReject = 1;
constexpr std::array<std::uint8_t, 400> kUtf8d = {{
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 00..1F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 20..3F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 40..5F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 60..7F
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,  // 80..9F
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,  // A0..BF
    8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,  // C0..DF
    0xA, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x4, 0x3, 0x3,                  // E0..EF
    0xB, 0x6, 0x6, 0x6, 0x5, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8,                  // F0..FF
    0x0, 0x1, 0x2, 0x3, 0x5, 0x8, 0x7, 0x1, 0x1, 0x1, 0x4, 0x6, 0x1, 0x1, 0x1, 0x1,                  // s0..s0
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1,  // s1..s2
    1, 2, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,  // s3..s4
    1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1,  // s5..s6
    1, 3, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // s7..s8
}};

// Bytes that are copied as they are when the decoder is between code points:
// printable ASCII other than '"' and '\'.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return t;
}();

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Does the 8-byte word hold a byte that is not plain (below 0x20, 0x80 or
// above, '"' or '\')?  Bit tricks on the whole word ("has a byte less than
// n" / "has a zero byte"), exact for the question "any such byte?".
inline bool plain_word(std::uint64_t v) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const std::uint64_t below_space = (v - ones * 0x20) & ~v;
    const std::uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    const std::uint64_t quote = (q - ones) & ~q, backslash = (b - ones) & ~b;
    return ((v | below_space | quote | backslash) & highs) == 0;
}
inline bool all_plain8(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return plain_word(v);
}

// Are all bytes of s plain?  Whole words, also for the short strings (keys,
// ids, types): 4..7 bytes as two overlapping 4-byte loads.
inline bool all_plain(const char* s, std::size_t n) {
#ifdef __SSE2__
    // 16 bytes at a time: a byte is not plain when it is '"' or '\\' or,
    // compared as signed, below 0x20 (which takes in 0x80..0xFF, negative).
    if (n >= 16) {
        auto bad16 = [](const char* p) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                           _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
            return _mm_movemask_epi8(m) != 0;
        };
        std::size_t i = 0;
        for (; i + 16 <= n; i += 16)
            if (bad16(s + i)) return false;
        return i == n || !bad16(s + n - 16);  // the last bytes: one more (overlapping) load
    }
#endif
    if (n >= 8) {
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8)
            if (!all_plain8(s + i)) return false;
        return i == n || all_plain8(s + n - 8);
    }
    if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, s, 4);
        std::memcpy(&b, s + n - 4, 4);
        return plain_word(a | std::uint64_t{b} << 32);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!kPlain[static_cast<std::uint8_t>(s[i])]) return false;
    return true;
}

// Length of the run of plain bytes at the start of s.
inline std::size_t plain_run(const char* s, std::size_t n) {
    std::size_t i = 0;
    while (i + 8 <= n && all_plain8(s + i)) i += 8;
    // The last bytes: one more (overlapping) word when the whole rest is plain.
    if (i < n && i + 8 > n && n >= 8 && all_plain8(s + n - 8)) return n;
    while (i < n && kPlain[static_cast<std::uint8_t>(s[i])]) ++i;
    return i;
}

class Writer {
public:
    // `buffer` is scratch space kept from one document to the next (its
    // bytes are not read; its size only grows, so it is zero-filled once).
    Writer(int indent, std::string& buffer)
        : out_(buffer), pretty_(indent >= 0), step_(indent >= 0 ? static_cast<std::size_t>(indent) : 0) {}

    // The output, copied out of the scratch buffer (one allocation of the
    // exact size, rather than clearing a buffer of the estimated size).
    std::string take() const { return std::string(base_, used_); }
    // The output is written through a cursor into a buffer sized ahead
    // (`room`), not by std::string appends, which check and terminate on
    // every call.
    void reserve(std::size_t n) {
        if (out_.size() < n) out_.resize(n);
        base_ = out_.data();
        cap_ = out_.size();
    }

    void open_object() { open('{'); }
    void close_object() { close('}'); }
    void open_array() { open('['); }
    void close_array() { close(']'); }

    // An object member's key; the value follows.
    void key(std::string_view k) {
        element();
        if (all_plain(k.data(), k.size())) {  // the usual case: "key": in one copy
            char* p = room(k.size() + 4);
            *p++ = '"';
            std::memcpy(p, k.data(), k.size());
            p += k.size();
            *p++ = '"';
            *p++ = ':';
            if (pretty_) *p++ = ' ';
            used_ = static_cast<std::size_t>(p - base_);
            return;
        }
        put('"');
        escaped(k);
        if (pretty_) put("\": ", 3);
        else put("\":", 2);
    }
    // A key written in the source (plain ASCII, checked at compile time by
    // the tests' comparison with nlohmann): copied without a scan.
    template <std::size_t N>
    void key(const char (&k)[N]) {
        element();
        char* p = room(N + 3);
        *p++ = '"';
        std::memcpy(p, k, N - 1);
        p += N - 1;
        *p++ = '"';
        *p++ = ':';
        if (pretty_) *p++ = ' ';
        used_ = static_cast<std::size_t>(p - base_);
    }
    // A key that is not the first member of its object (the caller knows):
    // compact output writes `,"key":` as one piece.
    template <std::size_t N>
    void next_key(const char (&k)[N]) {
        if (pretty_) return key(k);
        char* p = room(N + 3);
        *p++ = ',';
        *p++ = '"';
        std::memcpy(p, k, N - 1);
        p += N - 1;
        *p++ = '"';
        *p++ = ':';
        used_ = static_cast<std::size_t>(p - base_);
    }
    // An array element's position; the value follows.
    void element() {
        bool& has = has_[depth_];
        if (has) put(',');
        has = true;
        if (pretty_) newline_indent(depth_);
    }

    void string(std::string_view s) {
        if (all_plain(s.data(), s.size())) {  // the usual case: nothing to escape, one copy
            char* p = room(s.size() + 2);
            *p++ = '"';
            std::memcpy(p, s.data(), s.size());
            p[s.size()] = '"';
            used_ += s.size() + 2;
            return;
        }
        const std::size_t plain = plain_run(s.data(), s.size());
        put('"');
        put(s.data(), plain);
        escaped(s.substr(plain));
        put('"');
    }
    void null() { put("null", 4); }
    void boolean(bool b) {
        if (b) put("true", 4);
        else put("false", 5);
    }
    template <class Int>
    void integer(Int v) {
        char* p = room(24);
        auto r = std::to_chars(p, p + 24, v);
        used_ = static_cast<std::size_t>(r.ptr - base_);
    }
    void real(double v) {
        if (!std::isfinite(v)) {
            null();
            return;
        }
        char buf[64];
        char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
        put(buf, static_cast<std::size_t>(end - buf));
    }
    void value(const Value& v) {
        std::visit(
            [this](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::monostate>) null();
                else if constexpr (std::is_same_v<T, bool>) boolean(x);
                else if constexpr (std::is_same_v<T, std::int64_t>) integer(x);
                else if constexpr (std::is_same_v<T, double>) real(x);
                else string(x);
            },
            v);
    }

    // Shorthands for members (keys written in the source).
    template <std::size_t N>
    void member(const char (&k)[N], std::string_view s) {
        key(k);
        string(s);
    }
    template <std::size_t N>
    void member(const char (&k)[N], std::size_t n) {
        key(k);
        integer(n);
    }
    // Members after the first of their object (see next_key).
    template <std::size_t N>
    void next_member(const char (&k)[N], std::string_view s) {
        next_key(k);
        string(s);
    }
    template <std::size_t N>
    void next_member(const char (&k)[N], std::size_t n) {
        next_key(k);
        integer(n);
    }

private:
    // A pointer to n writable bytes at the end of the output (grows the buffer).
    char* room(std::size_t n) {
        if (cap_ - used_ < n) [[unlikely]]
            grow(n);
        return base_ + used_;
    }
    [[gnu::noinline]] void grow(std::size_t n) {
        out_.resize(std::max(out_.size() * 2, used_ + n + 256));
        base_ = out_.data();
        cap_ = out_.size();
    }
    void put(char c) {
        *room(1) = c;
        ++used_;
    }
    void put(const char* s, std::size_t n) {
        std::memcpy(room(n), s, n);
        used_ += n;
    }
    void put(std::string_view s) { put(s.data(), s.size()); }

    void open(char c) {
        put(c);
        ++depth_;
        has_[depth_] = false;
    }
    void close(char c) {
        bool had = has_[depth_];
        --depth_;
        if (had && pretty_) newline_indent(depth_);
        put(c);
    }
    void newline_indent(std::size_t depth) {
        char* p = room(1 + depth * step_);
        *p = '\n';
        std::memset(p + 1, ' ', depth * step_);
        used_ += 1 + depth * step_;
    }

    // nlohmann's dump_escaped with ensure_ascii = false and error_handler_t::replace.
    void escaped(std::string_view s) {
        std::uint8_t state = kAccept;
        std::uint32_t codepoint = 0;
        std::size_t last_accept = used_;  // output size after the last complete code point
        std::size_t undumped = 0;         // bytes of the code point being decoded
        const std::size_t n = s.size();
        for (std::size_t i = 0; i < n; ++i) {
            const auto byte = static_cast<std::uint8_t>(s[i]);
            if (state == kAccept && kPlain[byte]) {
                // A run of plain ASCII: copied as is.
                const std::size_t run = plain_run(s.data() + i, n - i);
                put(s.data() + i, run);
                i += run - 1;
                last_accept = used_;
                undumped = 0;
                continue;
            }
            const std::uint8_t type = kUtf8d[byte];
            codepoint = state != kAccept ? (byte & 0x3Fu) | (codepoint << 6u) : (0xFFu >> type) & byte;
            state = kUtf8d[256u + state * 16u + type];
            if (state == kAccept) {
                switch (codepoint) {
                    case 0x08: put("\\b", 2); break;
                    case 0x09: put("\\t", 2); break;
                    case 0x0A: put("\\n", 2); break;
                    case 0x0C: put("\\f", 2); break;
                    case 0x0D: put("\\r", 2); break;
                    case 0x22: put("\\\"", 2); break;
                    case 0x5C: put("\\\\", 2); break;
                    default:
                        if (codepoint <= 0x1F) {
                            static constexpr char hex[] = "0123456789abcdef";
                            const char esc[6] = {'\\', 'u', '0', '0', hex[codepoint >> 4], hex[codepoint & 0xF]};
                            put(esc, 6);
                        } else {
                            put(s[i]);  // the last byte; the earlier ones are already out
                        }
                }
                last_accept = used_;
                undumped = 0;
            } else if (state == kReject) {
                // Drop the bytes of the broken sequence, write U+FFFD, and read
                // this byte again if it was not the sequence's first.
                if (undumped > 0) --i;
                used_ = last_accept;
                put(kReplacement);
                last_accept = used_;
                undumped = 0;
                state = kAccept;
            } else {
                put(s[i]);
                ++undumped;
            }
        }
        if (state != kAccept) {  // the string ends inside a sequence
            used_ = last_accept;
            put(kReplacement);
        }
    }

    std::string& out_;      // the buffer; bytes [0, used_) are the output
    char* base_ = out_.data();  // out_.data() and out_.size(), kept in step with out_
    std::size_t cap_ = out_.size();
    std::size_t used_ = 0;
    bool pretty_;
    std::size_t step_;
    std::size_t depth_ = 0;
    std::array<bool, 16> has_{};  // per open container: has it an element yet
};

// A mention's members: the fixed ones, then the fields (a field that repeats an
// earlier key replaces its value in place, as ordered_json's operator[] does),
// then the rule.
void write_mention_general(Writer& w, const Mention& m, bool explain);

[[gnu::noinline]] void write_mention(Writer& w, const Mention& m, bool explain) {
    // The usual mention: its fields' keys are distinct and none is one of the
    // members written before or after them, so every member is written where
    // it comes, once.  (Otherwise a later member of the same key replaces the
    // earlier one in its place: the general path below.)
    // (by length first: one compare of a few bytes per key, where
    // std::string == "literal" calls compare() out of line for each literal)
    auto fixed_key = [&](std::string_view k) {
        const char* p = k.data();
        switch (k.size()) {
            case 2: return std::memcmp(p, "id", 2) == 0;
            case 3: return std::memcmp(p, "end", 3) == 0;
            case 4:
                return std::memcmp(p, "type", 4) == 0 || std::memcmp(p, "text", 4) == 0 ||
                       (explain && std::memcmp(p, "rule", 4) == 0);
            case 5: return std::memcmp(p, "start", 5) == 0;
            default: return false;
        }
    };
    bool simple = true;
    for (std::size_t i = 0; i < m.fields.size() && simple; ++i) {
        const std::string& k = m.fields[i].first;
        if (fixed_key(k)) simple = false;
        for (std::size_t j = 0; j < i && simple; ++j)
            if (m.fields[j].first == k) simple = false;
    }
    if (simple) {
        w.open_object();
        w.member("id", m.id);
        w.next_member("type", m.type);
        w.next_member("text", m.span.text);
        w.next_member("start", m.span.start);
        w.next_member("end", m.span.end);
        for (const auto& [k, v] : m.fields) {
            w.key(k);
            w.value(v);
        }
        if (explain && !m.rule.empty()) w.next_member("rule", m.rule);
        w.close_object();
        return;
    }
    write_mention_general(w, m, explain);
}

void write_mention_general(Writer& w, const Mention& m, bool explain) {
    enum class K : std::uint8_t { str, size, value };
    struct Member {
        std::string_view key;
        K kind;
        std::string_view str{};
        std::size_t size = 0;
        const Value* value = nullptr;
    };
    // Small documents have a handful of fields; no allocation below 16 members.
    std::array<Member, 16> fixed;
    std::vector<Member> more;
    std::size_t count = 0;
    auto at = [&](std::size_t i) -> Member& { return i < fixed.size() ? fixed[i] : more[i - fixed.size()]; };
    auto set = [&](Member mem) {
        for (std::size_t i = 0; i < count; ++i)
            if (at(i).key == mem.key) {
                at(i) = mem;
                return;
            }
        if (count < fixed.size()) fixed[count] = mem;
        else more.push_back(mem);
        ++count;
    };
    set({"id", K::str, m.id});
    set({"type", K::str, m.type});
    set({"text", K::str, m.span.text});
    set({"start", K::size, {}, m.span.start});
    set({"end", K::size, {}, m.span.end});
    for (const auto& [k, v] : m.fields) set({k, K::value, {}, 0, &v});
    if (explain && !m.rule.empty()) set({"rule", K::str, m.rule});

    w.open_object();
    for (std::size_t i = 0; i < count; ++i) {
        const Member& mem = at(i);
        w.key(mem.key);
        switch (mem.kind) {
            case K::str: w.string(mem.str); break;
            case K::size: w.integer(mem.size); break;
            case K::value: w.value(*mem.value); break;
        }
    }
    w.close_object();
}

std::size_t estimate_size(const Document& doc, const JsonOptions& opt) {
    std::size_t n = 256 + doc.sentences.size() * 48 + doc.warnings.size() * 128 + doc.boilerplate.size() * 64;
    for (const auto& m : doc.mentions) n += 96 + m.span.text.size() + m.fields.size() * 32 + (opt.explain ? m.rule.size() + 16 : 0);
    for (const auto& e : doc.events) n += 160 + e.trigger.text.size() + e.args.size() * 96;
    if (opt.explain) n += doc.rejected.size() * 160;
    if (opt.tokens) n += doc.tokens.size() * 160;
    if (opt.indent > 0) n += n / 2;
    return n;
}

}  // namespace

std::string to_json(const Document& doc, const JsonOptions& opt) {
    thread_local std::string buffer;
    if (buffer.capacity() > (std::size_t{16} << 20)) std::string().swap(buffer);  // after a huge document
    Writer w(opt.indent, buffer);
    w.reserve(estimate_size(doc, opt));
    w.open_object();
    w.member("schema", schema_name);
    w.member("id", doc.id);
    if (doc.error) {
        w.key("error");
        w.open_object();
        w.member("code", doc.error->code);
        w.member("message", doc.error->message);
        w.close_object();
        w.close_object();
        return w.take();
    }

    w.key("reference_date");
    if (doc.reference_date) w.string(*doc.reference_date);
    else w.null();
    w.key("reference_date_source");
    if (doc.reference_date_source) w.string(*doc.reference_date_source);
    else w.null();

    w.key("sentences");
    w.open_array();
    for (const auto& s : doc.sentences) {
        w.element();
        w.open_object();
        w.member("start", s.start);
        w.next_member("end", s.end);
        w.close_object();
    }
    w.close_array();

    w.key("mentions");
    w.open_array();
    for (const auto& m : doc.mentions) {
        w.element();
        write_mention(w, m, opt.explain);
    }
    w.close_array();

    w.key("events");
    w.open_array();
    for (const auto& e : doc.events) {
        w.element();
        w.open_object();
        w.member("id", e.id);
        w.next_member("type", e.type);
        w.next_key("trigger");
        w.open_object();
        w.member("text", e.trigger.text);
        w.next_member("start", e.trigger.start);
        w.next_member("end", e.trigger.end);
        w.close_object();
        w.next_member("sentence", e.sentence);
        if (e.direct) {
            w.next_key("direct");
            w.value(Value(*e.direct));
        }
        w.next_key("args");
        w.open_array();
        for (const auto& a : e.args) {
            w.element();
            w.open_object();
            w.member("role", a.role);
            w.next_member("text", a.span.text);
            w.next_member("start", a.span.start);
            w.next_member("end", a.span.end);
            if (!a.mention.empty()) w.next_member("mention", a.mention);
            if (!std::holds_alternative<std::monostate>(a.value)) {
                w.next_key("value");
                w.value(a.value);
            }
            w.close_object();
        }
        w.close_array();
        if (opt.explain && !e.rule.empty()) w.next_member("rule", e.rule);
        w.close_object();
    }
    w.close_array();

    w.key("warnings");
    w.open_array();
    for (const auto& wa : doc.warnings) {
        w.element();
        w.open_object();
        w.member("code", wa.code);
        w.member("message", wa.message);
        if (wa.start) w.member("start", *wa.start);
        if (wa.end) w.member("end", *wa.end);
        w.close_object();
    }
    w.close_array();

    if (opt.boilerplate) {
        w.key("boilerplate");
        w.open_array();
        for (const auto& b : doc.boilerplate) {
            w.element();
            w.open_object();
            w.member("kind", b.kind);
            w.member("start", b.start);
            w.member("end", b.end);
            w.close_object();
        }
        w.close_array();
    }
    if (opt.explain && !doc.rejected.empty()) {
        w.key("rejected");
        w.open_array();
        for (const auto& r : doc.rejected) {
            w.element();
            w.open_object();
            w.member("type", r.type);
            w.member("text", r.span.text);
            w.member("start", r.span.start);
            w.member("end", r.span.end);
            w.member("rule", r.rule);
            w.member("reason", r.reason);
            w.close_object();
        }
        w.close_array();
    }
    if (opt.tokens && !doc.tokens.empty()) {
        w.key("tokens");
        w.open_array();
        for (const auto& t : doc.tokens) {
            w.element();
            w.open_object();
            w.member("text", t.text);
            w.member("start", t.start);
            w.member("end", t.end);
            w.member("norm", t.norm);
            w.member("lower", t.lower);
            if (t.base != t.lower) w.member("base", t.base);
            w.member("kind", to_string(t.kind));
            w.member("shape", to_string(t.shape));
            if (t.boilerplate) {
                w.key("boilerplate");
                w.boolean(true);
            }
            w.close_object();
        }
        w.close_array();
    }
    w.close_object();
    return w.take();
}

}  // namespace warta
