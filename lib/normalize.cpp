// Normaliser: NFC, folding of quotes/dashes/spaces, removal of invisible
// characters, line-end and invalid-UTF-8 repair, with an exact byte map back to
// the original input.  See normalize.hpp for the full list of rules.
//
// Design:
//  - ASCII fast path: runs of printable ASCII and '\n' are copied with an
//    identity map (no ICU call).  The last byte of a run that is followed by a
//    non-ASCII byte goes through the slow path, since it may compose with a
//    following combining mark (e + U+0301).
//  - Slow path: one code point at a time, decoded strictly (maximal subparts
//    of ill-formed sequences become U+FFFD, as ICU and WHATWG do), folded or
//    dropped, then collected into NFC segments (split where
//    Normalizer2::hasBoundaryBefore is true).  A segment that is already NFC
//    keeps a per-code-point map; a segment that NFC changes maps every output
//    byte to the whole original segment (the cluster).
#include "normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <string>

namespace warta::detail {
namespace {

// Printable ASCII and '\n': copied straight through.
constexpr std::array<bool, 256> make_plain_table() {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = true;
    t['\n'] = true;
    return t;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

const icu::Normalizer2* nfc_instance() {
    static const icu::Normalizer2* const inst = [] {
        UErrorCode ec = U_ZERO_ERROR;
        const icu::Normalizer2* p = icu::Normalizer2::getNFCInstance(ec);
        return U_SUCCESS(ec) ? p : nullptr;
    }();
    return inst;
}

/// Counts one kind of repair and remembers the first place it happened.
struct Tally {
    std::size_t count = 0;
    std::size_t first_start = 0;
    std::size_t first_end = 0;
    void add(std::size_t s, std::size_t e) {
        if (count++ == 0) {
            first_start = s;
            first_end = e;
        }
    }
};

constexpr char32_t kDrop = 0xFFFFFFFFu;  // "remove this code point"
constexpr char32_t kReplacement = 0xFFFD;

/// Folding of one valid non-ASCII code point (>= 0x80); kDrop removes it.
/// C1 controls are reported through `control`.
char32_t fold(char32_t cp, bool& control, bool& bom) {
    switch (cp) {
        // NEL, line and paragraph separators: line breaks.
        case 0x85: case 0x2028: case 0x2029:
            return U'\n';
        // Unicode spaces (Zs) other than U+0020.
        case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
        case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
        case 0x200A: case 0x202F: case 0x205F: case 0x3000:
            return U' ';
        // Invisible characters: soft hyphen, Mongolian vowel separator,
        // zero-width space/non-joiner/joiner, bidi marks and embeddings, word
        // joiner and invisible operators, bidi isolates, BOM / ZWNBSP.
        case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x200E:
        case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
        case 0x2060: case 0x2061: case 0x2062: case 0x2063: case 0x2064: case 0x2066:
        case 0x2067: case 0x2068: case 0x2069:
            return kDrop;
        case 0xFEFF:
            bom = true;
            return kDrop;
        // Double quotes.
        case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
        case 0x2033: case 0x301D: case 0x301E:
            return U'"';
        // Single quotes, primes.
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039:
        case 0x203A:
            return U'\'';
        // Hyphens, dashes, minus signs.
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        case 0x2212: case 0xFE58: case 0xFE63:
            return U'-';
        default:
            break;
    }
    if (cp < 0xA0) {  // C1 controls (0x85 handled above)
        control = true;
        return U' ';
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;  // fullwidth ASCII
    return cp;
}

std::size_t encode_utf8(char32_t cp, char* out) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

inline bool in_range(unsigned char b, unsigned char lo, unsigned char hi) { return b >= lo && b <= hi; }

/// Strict UTF-8 decoding at `i`.  Returns the sequence length; `cp` is the
/// code point, or kReplacement with `bad` set for an ill-formed maximal subpart.
std::size_t decode(const unsigned char* p, std::size_t n, std::size_t i, char32_t& cp, bool& bad) {
    const unsigned char b = p[i];
    bad = false;
    if (b < 0x80) {
        cp = b;
        return 1;
    }
    auto fail = [&](std::size_t len) {
        cp = kReplacement;
        bad = true;
        return len;
    };
    if (b < 0xC2) return fail(1);  // continuation byte or overlong 2-byte lead
    if (b < 0xE0) {
        if (i + 1 < n && in_range(p[i + 1], 0x80, 0xBF)) {
            cp = (char32_t(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
            return 2;
        }
        return fail(1);
    }
    if (b < 0xF0) {
        const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        const unsigned char hi = b == 0xED ? 0x9F : 0xBF;  // no surrogates
        if (!(i + 1 < n && in_range(p[i + 1], lo, hi))) return fail(1);
        if (!(i + 2 < n && in_range(p[i + 2], 0x80, 0xBF))) return fail(2);
        cp = (char32_t(b & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        return 3;
    }
    if (b < 0xF5) {
        const unsigned char lo = b == 0xF0 ? 0x90 : 0x80;  // no overlongs
        const unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;  // <= U+10FFFF
        if (!(i + 1 < n && in_range(p[i + 1], lo, hi))) return fail(1);
        if (!(i + 2 < n && in_range(p[i + 2], 0x80, 0xBF))) return fail(2);
        if (!(i + 3 < n && in_range(p[i + 3], 0x80, 0xBF))) return fail(3);
        cp = (char32_t(b & 0x07) << 18) | (char32_t(p[i + 1] & 0x3F) << 12) | (char32_t(p[i + 2] & 0x3F) << 6) |
             (p[i + 3] & 0x3F);
        return 4;
    }
    return fail(1);
}

struct SegCp {
    char32_t cp;
    std::uint32_t start;
    std::uint32_t end;
};

/// A random-access iterator over the integers v, v+1, ... (std::vector::insert
/// sizes its growth once from a pair of these).
struct Count {
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::uint32_t*;
    using reference = std::uint32_t;
    std::uint32_t v;
    std::uint32_t operator*() const { return v; }
    Count& operator++() {
        ++v;
        return *this;
    }
    Count operator++(int) { return Count{v++}; }
    Count& operator--() {
        --v;
        return *this;
    }
    Count operator--(int) { return Count{v--}; }
    Count& operator+=(difference_type d) {
        v = static_cast<std::uint32_t>(static_cast<difference_type>(v) + d);
        return *this;
    }
    Count& operator-=(difference_type d) { return *this += -d; }
    Count operator+(difference_type d) const { return Count{v} += d; }
    Count operator-(difference_type d) const { return Count{v} -= d; }
    difference_type operator-(const Count& o) const {
        return static_cast<difference_type>(v) - static_cast<difference_type>(o.v);
    }
    std::uint32_t operator[](difference_type d) const { return *(*this + d); }
    bool operator==(const Count& o) const { return v == o.v; }
    bool operator!=(const Count& o) const { return v != o.v; }
    bool operator<(const Count& o) const { return v < o.v; }
};

// Whether all eight bytes of w are plain (printable ASCII; '\n' is plain too
// but fails this test, and is then taken by the byte loop).  Exact tests for
// "some byte has its high bit", "some byte < 0x20" and "some byte == 0x7F".
inline bool all_printable(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & high;
    const std::uint64_t x = w ^ (ones * 0x7F);
    const std::uint64_t del = (x - ones) & ~x & high;
    return ((w & high) | below_space | del) == 0;
}

/// The end of the run of plain bytes starting at j.  Reads 8 bytes at a time
/// only while all 8 lie inside the input (no read past its end).
inline std::size_t plain_run_end(const unsigned char* p, std::size_t n, std::size_t j) {
    for (;;) {
        while (n - j >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p + j, 8);
            if (!all_printable(w)) break;
            j += 8;
        }
        const std::size_t lim = std::min(n, j + 8);
        while (j < lim && kPlain[p[j]]) ++j;
        if (j < lim || j >= n) return j;  // a byte that is not plain, or the end
    }
}

class Builder {
public:
    Builder(Normalized& out, std::size_t input_size) : text_(out.text), st_(out.map.start_of), en_(out.map.end_of) {
        const std::size_t guess = input_size + input_size / 16 + 16;
        text_.reserve(guess);
        st_.reserve(guess + 1);
        en_.reserve(guess + 1);
        en_.push_back(0);  // end_of[0], fixed at the end
        seg_.reserve(32);
    }

    /// Copies input[a, b) (plain ASCII) with an identity map.
    void identity(const char* base, std::size_t a, std::size_t b) {
        flush();
        text_.append(base + a, b - a);
        // Inserting from counting iterators writes each offset once (a resize
        // would first zero the new elements).
        st_.insert(st_.end(), Count{static_cast<std::uint32_t>(a)}, Count{static_cast<std::uint32_t>(b)});
        en_.insert(en_.end(), Count{static_cast<std::uint32_t>(a + 1)}, Count{static_cast<std::uint32_t>(b + 1)});
    }

    /// Adds one (folded) code point whose source is input[a, b).
    void add(char32_t cp, std::size_t a, std::size_t b) {
        if (cp < 0x80 || nfc_ == nullptr || nfc_->hasBoundaryBefore(static_cast<UChar32>(cp))) flush();
        seg_.push_back({cp, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b)});
    }

    void flush() {
        if (seg_.empty()) return;
        // A single code point below U+0300 is always NFC; an inert one is too.
        if (seg_.size() == 1 &&
            (seg_[0].cp < 0x300 || nfc_ == nullptr || nfc_->isInert(static_cast<UChar32>(seg_[0].cp)))) {
            emit(seg_[0].cp, seg_[0].start, seg_[0].end);
        } else {
            flush_nfc();
        }
        seg_.clear();
    }

    void finish(std::size_t input_size) {
        flush();
        st_.push_back(static_cast<std::uint32_t>(input_size));
        en_[0] = st_[0];
    }

private:
    void emit(char32_t cp, std::uint32_t a, std::uint32_t b) {
        char buf[4];
        const std::size_t len = encode_utf8(cp, buf);
        text_.append(buf, len);
        for (std::size_t t = 0; t < len; ++t) {
            st_.push_back(a);
            en_.push_back(b);
        }
    }

    void emit_each() {
        for (const SegCp& c : seg_) emit(c.cp, c.start, c.end);
    }

    void flush_nfc() {
        us_.remove();  // reused buffer: no allocation for ordinary segments
        for (const SegCp& c : seg_) us_.append(static_cast<UChar32>(c.cp));
        UErrorCode ec = U_ZERO_ERROR;
        const bool normalized = nfc_->isNormalized(us_, ec);
        if (U_FAILURE(ec) || normalized) {
            emit_each();
            return;
        }
        ec = U_ZERO_ERROR;
        nfc_out_.remove();
        nfc_->normalize(us_, nfc_out_, ec);
        if (U_FAILURE(ec)) {
            emit_each();
            return;
        }
        const std::uint32_t a = seg_.front().start;
        const std::uint32_t b = seg_.back().end;
        for (int32_t k = 0; k < nfc_out_.length();) {
            const UChar32 c = nfc_out_.char32At(k);
            emit(static_cast<char32_t>(c), a, b);
            k += U16_LENGTH(c);
        }
    }

    std::string& text_;
    std::vector<std::uint32_t>& st_;
    std::vector<std::uint32_t>& en_;
    std::vector<SegCp> seg_;
    icu::UnicodeString us_;
    icu::UnicodeString nfc_out_;
    const icu::Normalizer2* nfc_ = nfc_instance();
};

void report(std::vector<Warning>& out, const Tally& t, const char* code, const char* one, const char* many,
            const char* fix) {
    if (t.count == 0) return;
    std::string msg = std::to_string(t.count) + " " + (t.count == 1 ? one : many) + " " + fix +
                      " (first at byte " + std::to_string(t.first_start) + ")";
    out.push_back({code, std::move(msg), t.first_start, t.first_end});
}

}  // namespace

Normalized normalize(std::string_view input) {
    Normalized out;
    const std::size_t n = input.size();
    const auto* p = reinterpret_cast<const unsigned char*>(input.data());
    Builder b(out, n);
    Tally invalid, nul, bom, crlf, control;

    std::size_t i = 0;
    while (i < n) {
        // Fast path: a run of plain ASCII.
        std::size_t j = plain_run_end(p, n, i);
        if (j > i) {
            std::size_t stop = j;
            if (j < n && p[j] >= 0x80) --stop;  // may compose with what follows
            if (stop > i) b.identity(input.data(), i, stop);
            if (stop < j) b.add(p[stop], stop, j);
            i = j;
            if (i >= n) break;
        }
        const unsigned char c = p[i];
        if (c < 0x80) {  // an ASCII control character
            switch (c) {
                case '\r':
                    if (i + 1 < n && p[i + 1] == '\n') {
                        crlf.add(i, i + 2);
                        b.add(U'\n', i, i + 2);
                        i += 2;
                    } else {
                        crlf.add(i, i + 1);
                        b.add(U'\n', i, i + 1);
                        ++i;
                    }
                    continue;
                case '\0':
                    nul.add(i, i + 1);
                    b.add(kReplacement, i, i + 1);
                    break;
                case '\t': case '\v': case '\f':
                    b.add(U' ', i, i + 1);
                    break;
                default:  // other C0 controls, DEL
                    control.add(i, i + 1);
                    b.add(U' ', i, i + 1);
                    break;
            }
            ++i;
            continue;
        }
        char32_t cp = 0;
        bool bad = false;
        const std::size_t len = decode(p, n, i, cp, bad);
        if (bad) {
            invalid.add(i, i + len);
        } else {
            bool is_control = false, is_bom = false;
            cp = fold(cp, is_control, is_bom);
            if (is_control) control.add(i, i + len);
            if (is_bom) bom.add(i, i + len);
        }
        if (cp != kDrop) b.add(cp, i, i + len);
        i += len;
    }
    b.finish(n);

    report(out.warnings, invalid, "invalid_utf8", "invalid UTF-8 sequence", "invalid UTF-8 sequences", "replaced by U+FFFD");
    report(out.warnings, nul, "nul_byte", "NUL byte", "NUL bytes", "replaced by U+FFFD");
    report(out.warnings, bom, "bom_removed", "byte order mark (U+FEFF)", "byte order marks (U+FEFF)", "removed");
    report(out.warnings, crlf, "crlf_normalized", "CRLF or CR line end", "CRLF or CR line ends", "converted to LF");
    report(out.warnings, control, "control_char", "control character", "control characters", "replaced by a space");
    std::stable_sort(out.warnings.begin(), out.warnings.end(),
                     [](const Warning& x, const Warning& y) { return *x.start < *y.start; });
    return out;
}

}  // namespace warta::detail
