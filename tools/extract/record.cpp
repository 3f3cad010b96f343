// extract: a fast reader for the common JSON Lines record (see record.hpp).
#include "record.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace extract {
namespace {

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// True when none of the 8 bytes at p ends a plain run inside a JSON string:
// a quote, a backslash, a control byte (< 0x20) or a non-ASCII byte (which
// must be checked as UTF-8).  Word-at-a-time "has a byte less than n" and
// "has a zero byte" tests, exact for the question "is there any?".
bool plain8(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const std::uint64_t control = (v - ones * 0x20) & ~v;
    const std::uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    const std::uint64_t quote = (q - ones) & ~q, backslash = (b - ones) & ~b;
    return ((v | control | quote | backslash) & highs) == 0;
}

bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

#ifdef __SSE2__
// The bytes of the 16 at p that are not plain, as bits (bit k: p[k]): '"',
// '\\', and, compared as signed, those below 0x20 (which takes in 0x80..0xFF).
unsigned not_plain16(const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    return static_cast<unsigned>(_mm_movemask_epi8(m));
}
#endif

// Length of the well-formed UTF-8 sequence at s[0..n) (s[0] >= 0x80), or 0,
// with the ranges nlohmann's lexer accepts (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(const unsigned char* s, std::size_t n) {
    auto in = [&](std::size_t i, unsigned lo, unsigned hi) { return i < n && s[i] >= lo && s[i] <= hi; };
    const unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
    if (c == 0xE0) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xED) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xF0) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (c == 0xF4) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Four hex digits at s[i..i+4), or -1.
long hex4(std::string_view s, std::size_t i) {
    if (i + 4 > s.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        int d = hex_digit(s[i + k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// A JSON string starting at s[i] == '"': decoded into out (when not null),
// i moved past the closing quote.  False on anything nlohmann would reject.
bool read_string(std::string_view s, std::size_t& i, std::string* out) {
    ++i;  // the opening quote
    const std::size_t n = s.size();
    for (;;) {
        // A run of plain ASCII, copied in one piece.
        std::size_t j = i;
        bool found = false;  // j is at the first byte that is not plain
#ifdef __SSE2__
        for (; j + 16 <= n; j += 16)
            if (const unsigned m = not_plain16(s.data() + j); m != 0) {
                j += static_cast<std::size_t>(std::countr_zero(m));
                found = true;
                break;
            }
#endif
        if (!found) {
            while (j + 8 <= n && plain8(s.data() + j)) j += 8;
            while (j < n && plain(static_cast<unsigned char>(s[j]))) ++j;
        }
        if (out) out->append(s.data() + i, j - i);
        i = j;
        if (i >= n) return false;  // no closing quote
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') {
            ++i;
            return true;
        }
        if (c < 0x20) return false;  // control characters must be escaped
        if (c >= 0x80) {
            std::size_t len = utf8_sequence(reinterpret_cast<const unsigned char*>(s.data()) + i, n - i);
            if (len == 0) return false;
            if (out) out->append(s.data() + i, len);
            i += len;
            continue;
        }
        // A backslash escape.
        if (i + 1 >= n) return false;
        const char e = s[i + 1];
        i += 2;
        char plain_char = 0;
        switch (e) {
            case '"': plain_char = '"'; break;
            case '\\': plain_char = '\\'; break;
            case '/': plain_char = '/'; break;
            case 'b': plain_char = '\b'; break;
            case 'f': plain_char = '\f'; break;
            case 'n': plain_char = '\n'; break;
            case 'r': plain_char = '\r'; break;
            case 't': plain_char = '\t'; break;
            case 'u': {
                long cp = hex4(s, i);
                if (cp < 0) return false;
                i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
                if (cp >= 0xD800 && cp <= 0xDBFF) {              // a high one: its pair must follow
                    if (i + 2 > n || s[i] != '\\' || s[i + 1] != 'u') return false;
                    long lo = hex4(s, i + 2);
                    if (lo < 0xDC00 || lo > 0xDFFF) return false;
                    i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (out) append_utf8(*out, static_cast<std::uint32_t>(cp));
                continue;
            }
            default: return false;
        }
        if (out) out->push_back(plain_char);
    }
}

bool literal(std::string_view s, std::size_t& i, std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
}

}  // namespace

bool read_simple_record(std::string_view s, SimpleRecord& out) {
    out.text.clear();
    out.id.reset();
    out.date.reset();
    bool seen_text = false, seen_id = false, seen_date = false;
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto skip = [&] {
        while (i < n && json_space(s[i])) ++i;
    };
    skip();
    if (i >= n || s[i] != '{') return false;  // also a BOM, an array, a scalar: nlohmann decides
    ++i;
    skip();
    if (i < n && s[i] == '}') return false;  // {}: no "text" (nlohmann gives the error)
    std::string key;
    for (;;) {
        skip();
        if (i >= n || s[i] != '"') return false;
        key.clear();
        if (!read_string(s, i, &key)) return false;
        skip();
        if (i >= n || s[i] != ':') return false;
        ++i;
        skip();
        if (i >= n) return false;
        enum class Which { other, text, id, date } which = Which::other;
        if (key == "text") which = Which::text;
        else if (key == "id") which = Which::id;
        else if (key == "date") which = Which::date;
        bool* seen = which == Which::text ? &seen_text : which == Which::id ? &seen_id : which == Which::date ? &seen_date : nullptr;
        if (seen) {
            if (*seen) return false;  // a repeated key: nlohmann keeps the last one
            *seen = true;
        }
        const char c = s[i];
        if (c == '"') {
            std::string* dst = nullptr;
            if (which == Which::text) {
                dst = &out.text;
                out.text.reserve(n - i);  // the decoded text is never longer than the rest of the line
            }
            else if (which == Which::id) dst = &out.id.emplace();
            else if (which == Which::date) dst = &out.date.emplace();
            if (!read_string(s, i, dst)) return false;
        } else if (c == 'n') {
            if (!literal(s, i, "null") || which == Which::text) return false;
        } else if (c == 't' || c == 'f') {
            if (!literal(s, i, c == 't' ? "true" : "false") || which != Which::other) return false;
        } else {
            return false;  // numbers, objects, arrays, errors: nlohmann
        }
        skip();
        if (i >= n) return false;
        if (s[i] == ',') {
            ++i;
            continue;
        }
        if (s[i] != '}') return false;
        ++i;
        break;
    }
    skip();
    return i == n && seen_text;
}

}  // namespace extract
