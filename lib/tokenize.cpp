// Tokenizer: ICU word boundaries (UAX #29) plus Indonesian rules on top.
//
// How it works
// ------------
// A cursor walks the normalised text.  At each position it skips white space,
// then tries, in order, the special matchers (e-mail, URL, `Rp`+digits,
// `US$`, numbers with Indonesian separators, `#hashtag`, `@handle`, dot
// runs), and otherwise takes the next word-break piece and applies the word
// rules (dotted acronyms, known abbreviations, hyphen compounds).  Tokens
// never contain white space.
//
// Word-break pieces come from ICU.  Because almost all of a news text is
// ASCII, a piece made only of ASCII is computed by a small emulation of the
// UAX #29 word rules as ICU 72 applies them to ASCII (letters and digits
// join; `@` behaves as a letter, `_` as ExtendNumLet; `.` and `'` join
// letter-letter and digit-digit; `,` and `;` join digit-digit; `:` does not
// join).  Whenever a
// non-ASCII byte is next to the piece, the piece comes from ICU itself
// (`BreakIterator::following` over a UTF-8 UText: byte offsets, no UTF-16
// copy of the text).  tests/tokenize_test.cpp checks the emulation against
// ICU on random ASCII text (testing::word_break_pieces).
//
// Thread safety: the constructor builds a prototype word iterator; a call
// clones it (lazily, only when a non-ASCII piece is met) and uses its own
// clone, so `tokenize` is const and safe to call concurrently.
//
// Robustness: the cursor always advances by at least one whole UTF-8
// sequence (an invalid byte counts as one), ICU failures fall back to a
// code-point scan, scans that could re-run over a long run of text are capped
// (e-mail and domain scans) or cached (the current piece), so the cost stays
// linear even for 100k-character "words".  Nothing throws but std::bad_alloc.
#include "tokenize.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstring>

namespace warta::detail {
namespace {

// ---------------------------------------------------------------------------
// Word lists (sorted, checked at compile time)

template <std::size_t N>
constexpr bool sorted_unique(const std::array<std::string_view, N>& a) {
    for (std::size_t i = 1; i < N; ++i)
        if (!(a[i - 1] < a[i])) return false;
    return true;
}

// Membership in a sorted list.  The entries that start with w's first byte
// are contiguous (string_view orders by unsigned bytes); they are found by
// that byte alone, then compared whole (sizes first), so that most lookups
// make no memcmp call.
template <std::size_t N>
bool contains(const std::array<std::string_view, N>& a, std::string_view w) {
    if (w.empty()) return std::binary_search(a.begin(), a.end(), w);
    const auto c = static_cast<unsigned char>(w[0]);
    auto it = std::partition_point(a.begin(), a.end(), [c](std::string_view x) {
        return x.empty() || static_cast<unsigned char>(x[0]) < c;
    });
    for (; it != a.end() && static_cast<unsigned char>((*it)[0]) == c; ++it)
        if (*it == w) return true;
    return false;
}

// Known abbreviations written with a final dot (exact case, without the dot).
// `X.` is one abbreviation token when X is listed here, or is one capital
// letter (an initial: `R.`), or is a dotted acronym (`S.H.`, `M.Si.`, `a.n.`;
// see dotted_acronym).  An all-capital spelling (`JL.`, `PROF.`) is looked up
// in title case.  Anything else followed by `.` is a word and a full stop.
constexpr std::array<std::string_view, 102> kAbbreviations = {
    "AKBP", "Ags",    "Agt",    "Alm",    "Almh",   "Apr",   "Bp",     "Bpk",    "Brigjen", "CV",   "Co",
    "Corp", "Des",    "Dr",     "Dra",    "Drs",    "Ds",    "Feb",    "Gg",     "H",       "Hj",   "Inc",
    "Ir",   "Irjen",  "Jan",    "Jend",   "Jl",     "Jln",   "Jr",     "Jul",    "Jun",     "KH",   "Kab",
    "Kapt", "Kav",    "Kec",    "Kel",    "Ket",    "Kol",   "Kombes", "Kompol", "Kp",      "Laksda", "Laksma",
    "Letjen", "Letkol", "Lt",   "Ltd",    "Mar",    "Marsda", "Marsma", "Mayjen", "Mayjend", "Mgr", "Mr",
    "Mrs",  "Ms",     "No",     "Nov",    "Ny",     "Okt",   "PT",     "Pdt",    "Pol",     "Prof", "Prov",
    "Purn", "Rp",     "Sdr",    "Sdri",   "Sep",    "Sept",  "Sr",     "St",     "Tbk",     "Telp", "Tgl",
    "Tlp",  "Tn",     "Ust",    "Vol",    "Ybs",    "Yth",   "ca",     "cf",     "dkk",     "dll",  "dr",
    "drg",  "dsb",    "dst",    "ed",     "etc",    "hlm",   "jt",     "rb",     "tgl",     "thn",  "tsb",
    "vol",  "vs",     "yth",
};
static_assert(sorted_unique(kAbbreviations));
static_assert(std::ranges::all_of(kAbbreviations, [](std::string_view w) { return w.size() <= 8; }));

// Clitics.  A word-final `-nya`, `-lah`, `-kah` or `-pun` is dropped from the
// base (pihaknya -> pihak, bukanlah -> bukan, apakah -> apa, meskipun ->
// meski; an outer lah/kah/pun then an inner nya: dirinyalah -> diri) when:
//  - the token is a word of shape lower or capitalized (not BKN, not Covid-19);
//  - the stem left is at least 3 bytes long (so hanya, tanya, punya, kalah,
//    salah, telah, olah, nikah, ampun ... keep their ending);
//  - the word (its last hyphen part) is not in kCliticExceptions below: words
//    that merely end in those letters (sekolah, masalah, adalah, langkah,
//    bertanya, himpun; and the conjunctions maupun, adapun).  Words such as
//    daerah, sejarah, kepala, mereka need no entry: they do not end in a
//    clitic;
//  - for `lah`, the stem does not end in `l` (Allah, Abdullah, bismillah).
// A clitic attached with a hyphen (KTP-nya, Covid-19-nya) is always dropped.
constexpr std::array<std::string_view, 71> kCliticExceptions = {
    "adalah", "adapun", "ampun", "aqilah", "berjumlah", "berkah", "berkilah", "bersalah",
    "bersedekah", "bersekolah", "bertanya", "bertingkah", "berulah", "bongkah", "dibelah", "dihimpun",
    "diolah", "ditanya", "fadhilah", "fadilah", "hanya", "himpun", "ialah", "istilah",
    "jamilah", "jumlah", "kabilah", "kah", "kalah", "kenya", "lah", "langkah",
    "makkah", "malah", "masalah", "maupun", "mekah", "melangkah", "membelah", "menanya",
    "mengalah", "menghimpun", "mengolah", "menikah", "merekah", "nabilah", "nafkah", "nikah",
    "nya", "olah", "pengolah", "pun", "punya", "rumpun", "salah", "sebelah",
    "sebongkah", "sedekah", "sejumlah", "sekolah", "selangkah", "sepunya", "serumpun", "tanya",
    "telah", "terbelah", "terhimpun", "terolah", "tertanya", "tingkah", "wasilah",
};
static_assert(sorted_unique(kCliticExceptions));

// Top-level domains that make `name.tld` a URL token without a scheme
// (Kompas.com, detik.com, Liputan6.com, bkn.go.id, ui.ac.id).
constexpr std::array<std::string_view, 4> kTlds = {"com", "id", "net", "org"};
static_assert(sorted_unique(kTlds));

// ---------------------------------------------------------------------------
// ASCII character classes

enum : std::uint8_t {
    kAlpha = 1,
    kDigit = 2,
    kUpper = 4,
    kLowerC = 8,
    kSpace = 16,
    kNewline = 32,
    kExtNum = 64,  // '_' (ExtendNumLet) and '@' (a letter in ICU 72's word rules)
    kSymbol = 128,  // ASCII characters we call symbols: $ % & + < = > ^ ` | ~ # @ *
};

constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> c{};
    for (int i = 'a'; i <= 'z'; ++i) c[i] = kAlpha | kLowerC;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = kAlpha | kUpper;
    for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
    for (char ch : {' ', '\t', '\v', '\f'}) c[static_cast<unsigned char>(ch)] = kSpace;
    for (char ch : {'\n', '\r'}) c[static_cast<unsigned char>(ch)] = kSpace | kNewline;
    c['_'] = kExtNum;
    c['@'] = kExtNum | kSymbol;
    for (char ch : {'$', '%', '&', '+', '<', '=', '>', '^', '`', '|', '~', '#', '*'})
        c[static_cast<unsigned char>(ch)] = kSymbol;
    return c;
}();

// Word-break classes of ASCII for the emulation: 1 letter, 2 digit, 3
// ExtendNumLet ('_'), 5 '@' (a letter: 5 & 3 == 1, and bit 4 marks it), 0
// anything else.
constexpr std::array<std::uint8_t, 256> kWordKind = [] {
    std::array<std::uint8_t, 256> k{};
    for (int i = 'a'; i <= 'z'; ++i) k[i] = 1;
    for (int i = 'A'; i <= 'Z'; ++i) k[i] = 1;
    k['@'] = 5;
    for (int i = '0'; i <= '9'; ++i) k[i] = 2;
    k['_'] = 3;
    return k;
}();

// Bytes that may follow a run of ASCII letters for the run to be exactly one
// word token, as Scanner::scan would make it (see fast_letters below): ASCII,
// not a word-break joiner of letters (letters, digits, '_', '@', '.', '\''; ','
// and ';' join only digits), not the start of a hyphen compound ('-') or of
// `US$` ('$'), and none of '.', '@', ':', '%', '+' that make scan() try the
// e-mail and URL matchers.  White space and the other punctuation qualify.
constexpr std::array<bool, 256> kEndsLetterRun = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x80; ++c) t[c] = kWordKind[c] == 0;
    for (char ch : {'.', '\'', '-', '$', ':', '%', '+'}) t[static_cast<unsigned char>(ch)] = false;
    return t;
}();

// Bytes that may follow `run.` for the dot to be a token of its own (see
// fast_letters): the end of the text is handled apart; ASCII other than
// letters, digits and . _ % + - @ (which an e-mail or URL scan would take).
constexpr std::array<bool, 256> kEndsDotRun = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x80; ++c) t[c] = kWordKind[c] == 0;
    for (char ch : {'.', '%', '+', '-'}) t[static_cast<unsigned char>(ch)] = false;
    return t;
}();

inline std::uint8_t cls(char ch) { return kClass[static_cast<unsigned char>(ch)]; }
inline bool is_ascii(char ch) { return static_cast<unsigned char>(ch) < 0x80; }
inline bool adigit(char ch) { return ch >= '0' && ch <= '9'; }
inline bool aalpha(char ch) { return (cls(ch) & kAlpha) != 0; }
inline bool aalnum(char ch) { return (cls(ch) & (kAlpha | kDigit)) != 0; }
inline char alower(char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch; }

struct Cp {
    UChar32 c;
    std::size_t len;
};

// The code point at byte i (i < t.size()); an ill-formed sequence is U+FFFD
// and is consumed as ICU's U8_NEXT does (at least one byte).
inline Cp decode(std::string_view t, std::size_t i) {
    unsigned char b = static_cast<unsigned char>(t[i]);
    if (b < 0x80) return {b, 1};
    const auto* p = reinterpret_cast<const std::uint8_t*>(t.data() + i);
    std::int32_t len = static_cast<std::int32_t>(std::min<std::size_t>(4, t.size() - i));
    std::int32_t j = 0;
    UChar32 c = 0;
    U8_NEXT(p, j, len, c);
    if (j <= 0) j = 1;
    if (c < 0) c = 0xFFFD;
    return {c, static_cast<std::size_t>(j)};
}

inline bool is_letter_cp(UChar32 c) { return u_isalpha(c) != 0; }
inline bool is_upper_cp(UChar32 c) { return u_isupper(c) || u_istitle(c); }
// A character that starts or continues a word: letters (any script) and digits.
inline bool is_word_cp(UChar32 c) {
    return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
}

bool ends_with(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// ---------------------------------------------------------------------------
// Lower-casing

void lower_into(std::string_view s, bool ascii, std::string& out) {
    if (ascii || s.size() > (1u << 26)) {
        out.resize(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) out[i] = alower(s[i]);
        return;
    }
    // Full case mapping, Indonesian locale (no special rules, but honest).
    UErrorCode st = U_ZERO_ERROR;
    std::int32_t n16 = 0;
    u_strFromUTF8WithSub(nullptr, 0, &n16, s.data(), static_cast<std::int32_t>(s.size()), 0xFFFD, nullptr, &st);
    st = U_ZERO_ERROR;
    std::vector<UChar> src(static_cast<std::size_t>(n16) + 1);
    u_strFromUTF8WithSub(src.data(), n16 + 1, &n16, s.data(), static_cast<std::int32_t>(s.size()), 0xFFFD, nullptr,
                         &st);
    if (U_FAILURE(st)) {
        lower_into(s, true, out);
        return;
    }
    std::vector<UChar> dst(static_cast<std::size_t>(n16) + 8);
    st = U_ZERO_ERROR;
    std::int32_t nl = u_strToLower(dst.data(), static_cast<std::int32_t>(dst.size()), src.data(), n16, "id", &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        dst.resize(static_cast<std::size_t>(nl) + 1);
        st = U_ZERO_ERROR;
        nl = u_strToLower(dst.data(), static_cast<std::int32_t>(dst.size()), src.data(), n16, "id", &st);
    }
    if (U_FAILURE(st)) {
        lower_into(s, true, out);
        return;
    }
    std::int32_t n8 = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &n8, dst.data(), nl, 0xFFFD, nullptr, &st);
    out.resize(static_cast<std::size_t>(n8));
    st = U_ZERO_ERROR;
    std::vector<char> tmp(static_cast<std::size_t>(n8) + 1);
    u_strToUTF8WithSub(tmp.data(), n8 + 1, &n8, dst.data(), nl, 0xFFFD, nullptr, &st);
    if (U_FAILURE(st)) {
        lower_into(s, true, out);
        return;
    }
    out.assign(tmp.data(), static_cast<std::size_t>(n8));
}

// ---------------------------------------------------------------------------
// Base form (clitic and reduplication)

std::string_view last_part(std::string_view w) {
    auto h = w.rfind('-');
    return h == std::string_view::npos ? w : w.substr(h + 1);
}

std::string_view strip_attached_clitics(std::string_view w) {
    static constexpr std::array<std::string_view, 4> clitics = {"lah", "kah", "pun", "nya"};
    for (int round = 0; round < 2; ++round) {
        std::string_view seg = last_part(w);
        if (seg.size() < 6) break;  // a clitic and a stem of at least 3 bytes
        std::string_view hit;
        for (auto c : clitics) {
            if (round == 1 && c != "nya") continue;
            if (ends_with(seg, c)) {
                hit = c;
                break;
            }
        }
        if (hit.empty() || contains(kCliticExceptions, seg)) break;
        std::string_view stem = seg.substr(0, seg.size() - hit.size());
        if (hit == "lah" && stem.back() == 'l') break;
        w.remove_suffix(hit.size());
        if (hit == "nya") break;
    }
    return w;
}

std::string_view reduce_reduplication(std::string_view w) {
    auto h = w.find('-');
    if (h == std::string_view::npos || h == 0 || w.find('-', h + 1) != std::string_view::npos) return w;
    std::string_view x = w.substr(0, h), y = w.substr(h + 1);
    if (x == y) return x;                                               // penghargaan-penghargaan, kupu-kupu
    if (y.size() >= 2 && x.size() > y.size() && ends_with(x, y)) return x;  // berturut-turut, bermain-main
    return w;                                                           // sayur-mayur, Covid-19, pasca-bencana
}

// Whether w ends in lah, kah, pun or nya.  strip_attached_clitics changes
// nothing unless its last part does, and the last part ends as w does (when
// w ends in three letters, its last part is at least those three), so this
// is an exact filter in front of it.
inline bool ends_in_clitic(std::string_view w) {
    if (w.size() < 3) return false;
    const char a = w[w.size() - 3], b = w[w.size() - 2], c = w[w.size() - 1];
    return (b == 'a' && c == 'h' && (a == 'l' || a == 'k')) || (a == 'p' && b == 'u' && c == 'n') ||
           (a == 'n' && b == 'y' && c == 'a');
}

void base_into(const std::string& lower, TokenKind kind, TokenShape shape, std::string& out) {
    std::string_view w = lower;
    if (kind == TokenKind::word && w.size() >= 4) {
        char last = w.back();
        if (last != 'a' && last != 'h' && last != 'n' &&
            std::memchr(w.data(), '-', w.size()) == nullptr) {  // nothing to strip or reduce
            out.assign(w);
            return;
        }
        bool hyphen = w.find('-') != std::string_view::npos;
        if (last == 'a' || last == 'h' || last == 'n') {  // nya lah kah pun
            static constexpr std::array<std::string_view, 4> hyphen_clitics = {"-nya", "-lah", "-kah", "-pun"};
            bool hyphen_clitic = false;
            if (hyphen) {
                for (std::string_view c : hyphen_clitics) {
                    if (w.size() > c.size() && ends_with(w, c)) {
                        w.remove_suffix(c.size());
                        hyphen_clitic = true;
                        break;
                    }
                }
            }
            if (!hyphen_clitic && (shape == TokenShape::lower || shape == TokenShape::capitalized) &&
                ends_in_clitic(w))
                w = strip_attached_clitics(w);
        }
        if (hyphen) w = reduce_reduplication(w);
    }
    out.assign(w);
}

// ---------------------------------------------------------------------------
// The per-call scanner

struct Piece {
    std::size_t end;
    TokenKind kind;
};

class Scanner {
public:
    Scanner(std::string_view t, const icu::BreakIterator* proto) : t_(t), n_(t.size()), proto_(proto) {}
    ~Scanner() {
        delete bi_;
        if (ut_) utext_close(ut_);
    }
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    Piece scan(std::size_t i);

    // The word-break piece starting at i (emulated for ASCII, else ICU).
    std::size_t raw_piece_end(std::size_t i, bool force_icu = false, bool* plain = nullptr);

    // Whether i lies inside the piece that piece_end() cached last.
    bool in_cached_piece(std::size_t i) const { return i >= cache_start_ && i < cache_end_; }

private:
    std::string_view t_;
    std::size_t n_;
    const icu::BreakIterator* proto_;
    icu::BreakIterator* bi_ = nullptr;
    UText* ut_ = nullptr;
    bool icu_failed_ = false;
    std::size_t cache_start_ = 0, cache_end_ = 0;  // the last piece: [start, end)
    bool cache_plain_ = false;
    bool last_plain_ = false;  // the last piece_end() was only letters, digits and '_'

    char at(std::size_t i) const { return i < n_ ? t_[i] : '\0'; }
    bool word_start_at(std::size_t i) const {
        if (i >= n_) return false;
        if (is_ascii(t_[i])) return aalnum(t_[i]);
        return is_word_cp(decode(t_, i).c);
    }
    bool letter_at(std::size_t i) const {
        if (i >= n_) return false;
        if (is_ascii(t_[i])) return aalpha(t_[i]);
        return is_letter_cp(decode(t_, i).c);
    }
    std::size_t digits_end(std::size_t i) const {
        while (i < n_ && adigit(t_[i])) ++i;
        return i;
    }

    std::size_t icu_following(std::size_t i);
    std::size_t fallback_piece_end(std::size_t i) const;
    std::size_t ascii_piece_end(std::size_t i, bool& needs_icu, bool& plain) const;
    std::size_t piece_end(std::size_t i);
    std::size_t first_letter_dot(std::size_t i, std::size_t e) const;
    bool dotted_acronym(std::size_t i, std::size_t e) const;
    bool is_abbreviation(std::size_t i, std::size_t e) const;

    std::size_t match_email(std::size_t i) const;
    std::size_t match_url(std::size_t i) const;
    std::size_t url_tail(std::size_t i, std::size_t from) const;
    std::size_t match_number(std::size_t i) const;
    std::size_t tag_end(std::size_t i, bool dots) const;
    Piece word(std::size_t i);
    Piece other(std::size_t i);
};

std::size_t Scanner::fallback_piece_end(std::size_t i) const {
    Cp c = decode(t_, i);
    std::size_t j = i + c.len;
    bool word = is_word_cp(c.c);
    while (j < n_) {
        Cp d = decode(t_, j);
        auto type = u_charType(d.c);
        bool mark = type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
        if (mark || (word && is_word_cp(d.c))) {
            j += d.len;
            continue;
        }
        break;
    }
    return j;
}

std::size_t Scanner::icu_following(std::size_t i) {
    if (!bi_ && !icu_failed_) {
        UErrorCode st = U_ZERO_ERROR;
        if (proto_ && n_ < static_cast<std::size_t>(INT32_MAX)) {
            bi_ = proto_->clone();
            ut_ = utext_openUTF8(nullptr, t_.data(), static_cast<std::int64_t>(n_), &st);
            if (bi_ && U_SUCCESS(st)) bi_->setText(ut_, st);
        }
        if (!bi_ || !ut_ || U_FAILURE(st)) icu_failed_ = true;
    }
    std::size_t e = 0;
    if (!icu_failed_) {
        std::int32_t r = bi_->following(static_cast<std::int32_t>(i));
        if (r != icu::BreakIterator::DONE && static_cast<std::size_t>(r) > i) e = static_cast<std::size_t>(r);
    }
    if (e == 0) return fallback_piece_end(i);
    e = std::min(e, n_);
    // Never end inside a UTF-8 sequence.
    while (e < n_ && (static_cast<unsigned char>(t_[e]) & 0xC0) == 0x80) ++e;
    return e;
}

// UAX #29 for ASCII, as ICU 72 does it (see the file comment).  `i` is at a
// letter, digit, '_' or '@'.
std::size_t Scanner::ascii_piece_end(std::size_t i, bool& needs_icu, bool& plain) const {
    needs_icu = false;
    plain = true;
    int mask = kWordKind[static_cast<unsigned char>(t_[i])];
    int last = mask & 3;
    std::size_t j = i + 1;
    for (;;) {
        while (j < n_) {
            int k = kWordKind[static_cast<unsigned char>(t_[j])];
            if (!k) break;
            mask |= k;
            last = k & 3;
            ++j;
        }
        if (j + 1 < n_) {
            char m = t_[j];
            bool mnl = m == '.' || m == '\'';
            bool mn = m == ',' || m == ';';
            if (mnl || mn) {
                char nx = t_[j + 1];
                if (!is_ascii(nx)) {
                    needs_icu = true;
                    return j;
                }
                int k = kWordKind[static_cast<unsigned char>(nx)] & 3;
                if ((mnl && last == 1 && k == 1) || (last == 2 && k == 2)) {
                    mask |= kWordKind[static_cast<unsigned char>(nx)];
                    j += 2;
                    last = k;
                    plain = false;
                    continue;
                }
            }
        }
        break;
    }
    if (j < n_ && !is_ascii(t_[j])) needs_icu = true;
    if (mask & 4) plain = false;  // an '@' inside
    return j;
}

std::size_t Scanner::raw_piece_end(std::size_t i, bool force_icu, bool* plain) {
    if (plain) *plain = false;
    if (!force_icu && is_ascii(t_[i]) && kWordKind[static_cast<unsigned char>(t_[i])]) {
        bool needs_icu = false, p = false;
        std::size_t e = ascii_piece_end(i, needs_icu, p);
        if (!needs_icu) {
            if (plain) *plain = p;
            return e;
        }
    } else if (!force_icu && is_ascii(t_[i]) && !(i + 1 < n_ && !is_ascii(t_[i + 1]))) {
        return i + 1;  // ASCII punctuation, symbol, control: one character
    }
    return icu_following(i);
}

// A word piece: the raw piece (cached, so that re-entering a long piece after
// splitting it stays linear), cut before an inner '@' (e-mails and handles are
// matched separately).
std::size_t Scanner::piece_end(std::size_t i) {
    std::size_t e;
    if (i >= cache_start_ && i < cache_end_) {
        e = cache_end_;
        last_plain_ = cache_plain_;
    } else {
        e = raw_piece_end(i, false, &last_plain_);
        cache_start_ = i;
        cache_end_ = e;
        cache_plain_ = last_plain_;
    }
    if (!last_plain_ && e > i + 1) {
        const void* at = std::memchr(t_.data() + i + 1, '@', e - i - 1);
        if (at) e = static_cast<std::size_t>(static_cast<const char*>(at) - t_.data());
    }
    return e;
}

// The first '.' in [i, e) that sits between two letters (ICU joins those).
std::size_t Scanner::first_letter_dot(std::size_t i, std::size_t e) const {
    for (std::size_t j = i + 1; j + 1 < e; ++j) {
        if (t_[j] != '.') continue;
        char p = t_[j - 1];
        bool prev_letter = is_ascii(p) ? aalpha(p) : true;  // a non-ASCII byte before '.' in a piece: a letter
        if (prev_letter && letter_at(j + 1)) return j;
    }
    return std::string_view::npos;
}

// A dotted acronym such as S.H, M.Si, S.Kom, Sp.PD, Ph.D, a.n, A.Md.Kep:
// 2..6 letter-only parts; the first part is one letter, or up to three
// starting with a capital; the others have 1..4 letters (1..3 after a
// multi-letter first part); and either a final '.' follows or every part has
// at most two letters (`S.H,` but not the typo `H.Umar`).
bool Scanner::dotted_acronym(std::size_t i, std::size_t e) const {
    std::size_t parts = 0, first_len = 0, max_rest = 0;
    bool first_upper = false;
    std::size_t j = i;
    while (j <= e) {
        std::size_t len = 0;
        std::size_t k = j;
        while (k < e && t_[k] != '.') {
            Cp c = decode(t_, k);
            if (!is_letter_cp(c.c)) return false;
            if (parts == 0 && len == 0) first_upper = is_upper_cp(c.c);
            ++len;
            k += c.len;
            if (len > 4) return false;
        }
        if (len == 0) return false;
        if (parts == 0) {
            first_len = len;
            if (len > 3 || (len > 1 && !first_upper)) return false;
        } else {
            max_rest = std::max(max_rest, len);
        }
        if (++parts > 6) return false;
        j = k + 1;
    }
    if (parts < 2) return false;
    if (max_rest > (first_len == 1 ? 4u : 3u)) return false;
    bool final_dot = at(e) == '.' && at(e + 1) != '.';
    return final_dot || (first_len <= 2 && max_rest <= 2);
}

bool Scanner::is_abbreviation(std::size_t i, std::size_t e) const {
    std::string_view w = t_.substr(i, e - i);
    if (contains(kAbbreviations, w)) return true;
    Cp c = decode(t_, i);
    if (c.len == w.size()) return is_upper_cp(c.c);  // an initial: R.
    if (w.size() >= 2 && w.size() <= 8) {            // JL. PROF. -> Jl Prof
        char buf[8];
        for (std::size_t k = 0; k < w.size(); ++k) {
            if (!(cls(w[k]) & kUpper)) return false;
            buf[k] = k == 0 ? w[k] : alower(w[k]);
        }
        return contains(kAbbreviations, std::string_view(buf, w.size()));
    }
    return false;
}

// Scanner::is_abbreviation for a word of ASCII letters only: listed, one
// capital (an initial), or all capitals listed in title case.  No listed
// abbreviation is longer than 8 bytes.
bool ascii_letters_abbreviation(std::string_view w) {
    if (w.size() > 8) return false;
    if (contains(kAbbreviations, w)) return true;
    if (w.size() == 1) return (cls(w[0]) & kUpper) != 0;
    char buf[8];
    for (std::size_t k = 0; k < w.size(); ++k) {
        if (!(cls(w[k]) & kUpper)) return false;
        buf[k] = k == 0 ? w[k] : alower(w[k]);
    }
    return contains(kAbbreviations, std::string_view(buf, w.size()));
}

// local@domain.tld (ASCII).  Scans are capped so that they cannot go quadratic.
std::size_t Scanner::match_email(std::size_t i) const {
    std::size_t j = i;
    while (j < n_ && j - i <= 64) {
        char c = t_[j];
        if (aalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') ++j;
        else break;
    }
    if (j == i || at(j) != '@' || t_[j - 1] == '.') return 0;
    std::size_t k = j + 1, labels = 0, label_start = k;
    while (k < n_ && k - j <= 253) {
        label_start = k;
        while (k < n_ && (aalnum(t_[k]) || t_[k] == '-')) ++k;
        if (k == label_start) return 0;
        ++labels;
        if (at(k) == '.' && aalnum(at(k + 1))) {
            ++k;
            continue;
        }
        break;
    }
    if (labels < 2 || k - label_start < 2) return 0;
    for (std::size_t q = label_start; q < k; ++q)
        if (!aalpha(t_[q])) return 0;
    return k;
}

// The rest of a URL from `from`: printable ASCII up to white space, quotes or
// angle brackets, without trailing sentence punctuation or an unbalanced ')'.
std::size_t Scanner::url_tail(std::size_t i, std::size_t from) const {
    std::size_t j = from;
    while (j < n_) {
        unsigned char c = static_cast<unsigned char>(t_[j]);
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>') break;
        ++j;
    }
    std::size_t opens = 0, closes = 0;
    for (std::size_t k = i; k < j; ++k) {
        opens += t_[k] == '(';
        closes += t_[k] == ')';
    }
    while (j > from) {
        char c = t_[j - 1];
        if (std::string_view(".,;:!?'").find(c) != std::string_view::npos) {
            --j;
        } else if (c == ')' && closes > opens) {
            --j;
            --closes;
        } else {
            break;
        }
    }
    return j;
}

std::size_t Scanner::match_url(std::size_t i) const {
    auto prefix = [&](std::string_view p) {
        if (n_ - i < p.size()) return false;
        for (std::size_t k = 0; k < p.size(); ++k)
            if (alower(t_[i + k]) != p[k]) return false;
        return true;
    };
    for (std::string_view scheme : {"https://", "http://", "ftp://"}) {
        if (prefix(scheme)) {
            std::size_t e = url_tail(i, i + scheme.size());
            return e > i + scheme.size() ? e : 0;
        }
    }
    if (prefix("www.") && aalnum(at(i + 4))) return url_tail(i, i + 4);
    // name.tld, name.co.id ... (labels of letters, digits, '-')
    std::size_t k = i, labels = 0, label_start = i;
    bool letter_before_tld = false, letter_in_label = false;
    while (k < n_ && k - i <= 253) {
        label_start = k;
        letter_in_label = false;
        while (k < n_ && (aalnum(t_[k]) || t_[k] == '-')) letter_in_label |= aalpha(t_[k++]);
        if (k == label_start) return 0;
        ++labels;
        if (at(k) == '.' && aalnum(at(k + 1))) {
            letter_before_tld |= letter_in_label;
            ++k;
            continue;
        }
        break;
    }
    if (labels < 2 || !letter_before_tld || k - label_start > 3) return 0;
    char tld[4];
    for (std::size_t q = label_start; q < k; ++q) tld[q - label_start] = alower(t_[q]);
    if (!contains(kTlds, std::string_view(tld, k - label_start))) return 0;
    if (k < n_) {
        char c = t_[k];
        if (c == '/') return url_tail(i, k);
        if (!is_ascii(c) || (cls(c) & (kAlpha | kDigit | kExtNum))) return 0;
    }
    return k;
}

// Numbers with Indonesian separators: 1.500.000  2,5  1.000.000,00  10.00
// 14.30  09:15  23/12/2022  9/11  23-12-2022  2022-12-23.  Returns 0 when a
// letter follows (5G, 3,5GB, 90-an: left to the word rules).
std::size_t Scanner::match_number(std::size_t i) const {
    auto dig = [&](std::size_t p) { return p < n_ && adigit(t_[p]); };
    std::size_t j = digits_end(i);
    std::size_t g0 = j - i;
    std::size_t e = 0;
    char sep = at(j);
    if (sep == '-' && dig(j + 1)) {
        std::size_t a = digits_end(j + 1), la = a - j - 1;
        if (at(a) == '-' && dig(a + 1)) {
            std::size_t b = digits_end(a + 1), lb = b - a - 1;
            bool dmy = g0 <= 2 && la <= 2 && (lb == 2 || lb == 4);
            bool ymd = g0 == 4 && la <= 2 && lb <= 2;
            if (dmy || ymd) e = b;
        }
    } else if (sep == '/' && dig(j + 1) && g0 <= 4) {
        std::size_t a = digits_end(j + 1);
        if (a - j - 1 <= 4) {
            e = a;
            if (at(a) == '/' && dig(a + 1)) {
                std::size_t b = digits_end(a + 1);
                if (b - a - 1 <= 4) e = b;
            }
        }
    } else if (sep == ':' && g0 <= 2 && dig(j + 1) && dig(j + 2) && !dig(j + 3)) {
        e = j + 3;
        if (at(e) == ':' && dig(e + 1) && dig(e + 2) && !dig(e + 3)) e += 3;
    }
    if (e == 0) {
        e = j;
        while ((at(e) == '.' || at(e) == ',') && dig(e + 1)) e = digits_end(e + 1);
    }
    if (e < n_) {
        char c = t_[e];
        if (!is_ascii(c)) {
            if (is_word_cp(decode(t_, e).c)) return 0;
        } else if (cls(c) & (kAlpha | kDigit | kExtNum)) {
            return 0;
        } else if (c == '-' && letter_at(e + 1) &&
                   !((at(e + 1) == 'R' || at(e + 1) == 'r') && at(e + 2) == 'p' && !aalpha(at(e + 3)))) {
            return 0;  // (but "30.000–Rp 35.000" is a range of money: the number ends at the dash)
        }
    }
    return e;
}

// #tag and @handle bodies: letters, digits, '_' (and for handles inner dots).
std::size_t Scanner::tag_end(std::size_t i, bool dots) const {
    std::size_t j = i;
    while (j < n_) {
        char c = t_[j];
        if (is_ascii(c)) {
            if (aalnum(c) || c == '_') {
                ++j;
                continue;
            }
            if (dots && c == '.' && j > i && j + 1 < n_ && (aalnum(t_[j + 1]) || t_[j + 1] == '_')) {
                ++j;
                continue;
            }
            break;
        }
        Cp d = decode(t_, j);
        auto type = u_charType(d.c);
        if (is_word_cp(d.c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) {
            j += d.len;
            continue;
        }
        break;
    }
    return j;
}

Piece Scanner::word(std::size_t i) {
    std::size_t e = piece_end(i);
    std::size_t dot = last_plain_ ? std::string_view::npos : first_letter_dot(i, e);
    if (dot != std::string_view::npos) {
        if (dotted_acronym(i, e)) {
            if (at(e) == '.' && at(e + 1) != '.') ++e;
            return {e, TokenKind::abbreviation};
        }
        e = dot;  // tersebut.Selain -> tersebut . Selain ; Jl.Sudirman -> Jl. Sudirman
    }
    if (at(e) == '.' && at(e + 1) != '.' && is_abbreviation(i, e)) return {e + 1, TokenKind::abbreviation};
    // Hyphen compounds: Covid-19, ke-74, pasca-bencana, KemenPAN-RB, satu-satunya.
    // Not a range of money: "Rp10 juta-Rp15 juta" (an en dash folded to '-').
    auto money_at = [&](std::size_t s) {
        return (at(s) == 'R' || at(s) == 'r') && at(s + 1) == 'p' &&
               (adigit(at(s + 2)) || at(s + 2) == '.' || at(s + 2) == ' ');
    };
    while (at(e) == '-' && word_start_at(e + 1) && !money_at(e + 1)) {
        std::size_t s = e + 1, e2 = 0;
        if (adigit(t_[s])) e2 = match_number(s);
        if (e2 == 0) {
            e2 = piece_end(s);
            std::size_t d = last_plain_ ? std::string_view::npos : first_letter_dot(s, e2);
            if (d != std::string_view::npos) e2 = d;
        }
        e = e2;
    }
    return {e, TokenKind::word};
}

Piece Scanner::other(std::size_t i) {
    std::size_t e = raw_piece_end(i);
    Cp c = decode(t_, i);
    if (c.c < 0x80) {
        std::uint8_t k = cls(static_cast<char>(c.c));
        if (k & kSymbol) return {e, TokenKind::symbol};
        if (c.c < 0x20 || c.c == 0x7F) return {e, TokenKind::other};
        return {e, TokenKind::punctuation};
    }
    switch (u_charType(c.c)) {
        case U_DASH_PUNCTUATION:
        case U_START_PUNCTUATION:
        case U_END_PUNCTUATION:
        case U_CONNECTOR_PUNCTUATION:
        case U_OTHER_PUNCTUATION:
        case U_INITIAL_PUNCTUATION:
        case U_FINAL_PUNCTUATION: return {e, TokenKind::punctuation};
        case U_CURRENCY_SYMBOL:
        case U_MATH_SYMBOL:
        case U_MODIFIER_SYMBOL:
        case U_OTHER_SYMBOL: return {e, TokenKind::symbol};
        default: return {e, TokenKind::other};
    }
}

Piece Scanner::scan(std::size_t i) {
    char b = t_[i];
    if (is_ascii(b)) {
        std::uint8_t k = cls(b);
        if (k & (kAlpha | kDigit)) {
            // E-mails and URLs need one of . @ : % + after the first run of
            // letters, digits, '-' and '_' (a cheap test that spares most words).
            std::size_t r = i + 1;
            while (r < n_ && r - i < 64 && (cls(t_[r]) & (kAlpha | kDigit) || t_[r] == '-' || t_[r] == '_')) ++r;
            char rc = at(r);
            bool maybe_link = rc == '.' || rc == '@' || rc == ':' || rc == '%' || rc == '+' || r - i >= 64;
            if (maybe_link)
                if (std::size_t e = match_email(i)) return {e, TokenKind::email};
            if (k & kAlpha) {
                if (maybe_link)
                    if (std::size_t e = match_url(i)) return {e, TokenKind::url};
                // Rp350 -> Rp 350 (so that grammars see the currency word)
                if ((b == 'R' || b == 'r') && (at(i + 1) == 'p' || at(i + 1) == 'P') && adigit(at(i + 2)))
                    return {i + 2, TokenKind::word};
                // US$ S$ HK$
                if (k & kUpper) {
                    std::size_t j = i;
                    while (j < n_ && j - i < 3 && (cls(t_[j]) & kUpper)) ++j;
                    if (at(j) == '$') return {j + 1, TokenKind::symbol};
                }
            } else {
                if (std::size_t e = match_number(i)) return {e, TokenKind::number};
            }
            return word(i);
        }
        switch (b) {
            case '#':
                if (word_start_at(i + 1) || at(i + 1) == '_') return {tag_end(i + 1, false), TokenKind::hashtag};
                break;
            case '@':
                if (word_start_at(i + 1) || at(i + 1) == '_') return {tag_end(i + 1, true), TokenKind::handle};
                break;
            case '.': {
                std::size_t j = i;
                while (j < n_ && t_[j] == '.') ++j;
                if (j - i >= 2) return {j, TokenKind::punctuation};  // ... (and .. ....)
                break;
            }
            case '_': return word(i);
            default: break;
        }
        return other(i);
    }
    if (is_word_cp(decode(t_, i).c)) return word(i);
    return other(i);
}

// ---------------------------------------------------------------------------
// Token features

void set_shape(Tok& tok, std::size_t letters, std::size_t upper, std::size_t lower, std::size_t digits,
               std::size_t inner_upper, bool first_letter_upper, bool so) {
    if (letters == 0 && digits == 0) {
        tok.shape = (tok.kind == TokenKind::punctuation || (tok.kind == TokenKind::symbol && !so)) ? TokenShape::punct
                                                                                                   : TokenShape::other;
        if (tok.kind == TokenKind::word) tok.kind = TokenKind::punctuation;  // a lone '_'
    } else if (letters == 0) {
        tok.shape = TokenShape::digits;
        if (tok.kind == TokenKind::word) tok.kind = TokenKind::number;  // non-ASCII digits, 1_000
    } else if (digits > 0) {
        tok.shape = TokenShape::alnum;
    } else if (upper == letters && letters >= 2) {
        tok.shape = TokenShape::upper;
    } else if (upper == 0) {
        tok.shape = lower > 0 ? TokenShape::lower : TokenShape::other;  // other: caseless scripts
    } else if (first_letter_upper && inner_upper == 0) {
        tok.shape = TokenShape::capitalized;
    } else {
        tok.shape = TokenShape::mixed;
    }
}

// Shape, lower and base for an all-ASCII token: one pass, table driven.
bool ascii_features(std::string_view s, Tok& tok) {
    std::size_t letters = 0, upper = 0, digits = 0, inner_upper = 0;
    bool first_letter_upper = false, seen_letter = false;
    unsigned seg = 1;  // at a segment start (text start or after a non-alphanumeric)
    tok.lower.resize(s.size());
    char* out = tok.lower.data();
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) return false;
        std::uint8_t k = kClass[c];
        unsigned is_l = k & kAlpha, is_u = (k & kUpper) ? 1 : 0, is_d = (k & kDigit) ? 1 : 0;
        if (is_l && !seen_letter) {
            seen_letter = true;
            first_letter_upper = is_u;
        }
        letters += is_l;
        upper += is_u;
        digits += is_d;
        inner_upper += is_u & (seg ^ 1u);
        seg = (is_l | is_d) ? 0u : 1u;
        out[i] = static_cast<char>(c + (is_u << 5));
    }
    // inner_upper counted the first letter when a digit came before it; harmless
    // since digits make the shape alnum.
    set_shape(tok, letters, upper, letters - upper, digits, inner_upper, first_letter_upper, false);
    base_into(tok.lower, tok.kind, tok.shape, tok.base);
    return true;
}

void features(std::string_view s, Tok& tok) {
    if (ascii_features(s, tok)) return;
    bool ascii = true;
    std::size_t letters = 0, upper = 0, lower = 0, digits = 0, inner_upper = 0;
    bool first_letter_upper = false, seg_start = true, so = false;
    std::size_t i = 0;
    while (i < s.size()) {
        char ch = s[i];
        UChar32 c;
        std::size_t len;
        bool is_l, is_u, is_lo, is_d;
        if (is_ascii(ch)) {
            std::uint8_t k = cls(ch);
            c = static_cast<unsigned char>(ch);
            len = 1;
            is_l = k & kAlpha;
            is_u = k & kUpper;
            is_lo = k & kLowerC;
            is_d = k & kDigit;
        } else {
            ascii = false;
            Cp d = decode(s, i);
            c = d.c;
            len = d.len;
            is_l = is_letter_cp(c);
            is_u = is_l && is_upper_cp(c);
            is_lo = is_l && u_islower(c);
            is_d = u_isdigit(c);
            so |= u_charType(c) == U_OTHER_SYMBOL;
            if (!is_l && !is_d) {
                auto type = u_charType(c);
                if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
                    type == U_FORMAT_CHAR) {
                    i += len;
                    continue;  // marks and format characters do not change the shape
                }
            }
        }
        if (is_l) {
            if (letters == 0) first_letter_upper = is_u;
            else if (is_u && !seg_start) ++inner_upper;
            ++letters;
            upper += is_u;
            lower += is_lo;
            seg_start = false;
        } else if (is_d) {
            ++digits;
            seg_start = false;
        } else {
            seg_start = true;
        }
        i += len;
    }
    set_shape(tok, letters, upper, lower, digits, inner_upper, first_letter_upper, so);
    lower_into(s, ascii, tok.lower);
    base_into(tok.lower, tok.kind, tok.shape, tok.base);
}

}  // namespace

struct Tokenizer::Impl {
    std::unique_ptr<icu::BreakIterator> proto;
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {
    UErrorCode st = U_ZERO_ERROR;
    impl_->proto.reset(icu::BreakIterator::createWordInstance(icu::Locale("id"), st));
    if (U_FAILURE(st)) impl_->proto.reset();  // then pieces come from the code-point fallback
}

Tokenizer::~Tokenizer() = default;

namespace {

// Fast path for the commonest token: a run [i, e) of ASCII letters, shorter
// than 64 bytes, followed by the end of the text or a byte of kEndsLetterRun.
// Scanner::scan makes such a run exactly one word token: the e-mail and URL
// matchers are not tried (the byte after the run is none of . @ : % + and the
// run is shorter than scan's 64-byte look-ahead), `Rp` + digits and `US$`
// need a digit or '$' next, the word-break piece is the run (the next byte
// joins nothing to letters), and word() finds no dot, abbreviation or hyphen
// compound.  The features are those ascii_features computes for letters only.
// Not taken inside the Scanner's cached piece, where scan() would reuse it.
// tests/tokenize_test.cpp checks the result against the general path
// (testing::tokenize_general) on the corpus and on random text.
inline bool fast_letters(std::string_view text, std::size_t i, Tok& t) {
    const std::size_t n = text.size();
    const char* p = text.data();
    const std::size_t lim = std::min(n, i + 64);
    char low[64 + 8];  // + 8: the word-at-a-time loop stores 8 bytes at offsets up to 63
    std::size_t e = i;
    // The shape needs no counts: whether some letter is upper case, some lower
    // case, and some upper case after the first letter.  Bit 0x20 of each
    // byte (of the letters in the run) says which.
    std::uint64_t ups = 0, lows = 0, inner_ups = 0;
    // Eight bytes at a time while eight lie inside the text (no read past
    // its end).  A byte b < 0x80 is a letter iff (b | 0x20) is in 'a'..'z';
    // with the high bits cleared first, adding 0x1F (0x05) to every byte sets
    // its high bit iff it is >= 0x61 (>= 0x7B) and carries into no neighbour.
    // Upper-case letters are those with bit 0x20 clear; b | 0x20 is the lower
    // case of a letter.  Bytes are in memory order: little-endian, so the
    // first byte that is not a letter is the lowest set high bit.
    static_assert(std::endian::native == std::endian::little);
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = ones * 0x80, case_bit = ones * 0x20;
    bool stopped = false;  // a byte that is not a letter was found
    while (n - e >= 8 && e - i < 64) {
        std::uint64_t w;
        std::memcpy(&w, p + e, 8);
        const std::uint64_t y = (w & ~high) | case_bit;
        const std::uint64_t letter = ((y + ones * 0x1F) & ~(y + ones * 0x05) & ~w) & high;
        const std::uint64_t lowered = w | case_bit;
        std::memcpy(low + (e - i), &lowered, 8);
        if (letter == high) {
            const std::uint64_t u = ~w & case_bit;
            ups |= u;
            lows |= w & case_bit;
            inner_ups |= e == i ? u & ~std::uint64_t{0xFF} : u;
            e += 8;
            continue;
        }
        const int k = std::countr_zero(~letter & high) / 8;  // letters before the first other byte
        const std::uint64_t first_k = (std::uint64_t{1} << (8 * k)) - 1;  // k < 8
        const std::uint64_t u = ~w & case_bit & first_k;
        ups |= u;
        lows |= w & case_bit & first_k;
        inner_ups |= e == i ? u & ~std::uint64_t{0xFF} : u;
        e += static_cast<std::size_t>(k);
        stopped = true;
        break;
    }
    while (!stopped && e < lim) {  // the last bytes of the text, one at a time
        const auto c = static_cast<unsigned char>(p[e]);
        const std::uint8_t k = kClass[c];
        if (!(k & kAlpha)) break;
        const std::uint64_t u = (k & kUpper) ? 1 : 0;
        ups |= u;
        lows |= u ^ 1;
        inner_ups |= e == i ? 0 : u;
        low[e - i] = static_cast<char>(c | ((k & kUpper) << 3));  // kUpper << 3 == 0x20: A-Z -> a-z
        ++e;
    }
    const std::size_t len = e - i;
    if (len >= 64) return false;
    if (e < n) {
        const auto c = static_cast<unsigned char>(p[e]);
        if (c == '.') {
            // A full stop after the run: the same token when the byte after
            // the dot is the end or ASCII that neither joins the dot to a word
            // piece (letters, digits) nor continues an e-mail or URL scan
            // (. _ % + - @), and the run is not an abbreviation (then scan()
            // makes `run.` one token).
            if (e + 1 < n && !kEndsDotRun[static_cast<unsigned char>(p[e + 1])]) return false;
            if (ascii_letters_abbreviation(std::string_view(p + i, len))) return false;
        } else if (!kEndsLetterRun[c]) {
            return false;
        }
    }
    t.start = static_cast<std::uint32_t>(i);
    t.end = static_cast<std::uint32_t>(e);
    t.kind = TokenKind::word;
    const bool first_upper = (kClass[static_cast<unsigned char>(p[i])] & kUpper) != 0;
    // As set_shape: all upper (two letters or more), no upper, capitalized
    // (an upper first letter and no other; one segment, so every later upper
    // letter is an inner one), else mixed.
    if (lows == 0 && len >= 2) t.shape = TokenShape::upper;
    else if (ups == 0) t.shape = TokenShape::lower;
    else if (first_upper && inner_ups == 0) t.shape = TokenShape::capitalized;
    else t.shape = TokenShape::mixed;
    t.lower.append(low, len);  // t is new: append to the empty strings (cheaper than assign)
    // base_into for a word without a hyphen changes nothing unless the shape
    // is lower or capitalized and the word ends in a clitic.
    if ((t.shape == TokenShape::lower || t.shape == TokenShape::capitalized) && ends_in_clitic(t.lower))
        base_into(t.lower, t.kind, t.shape, t.base);
    else
        t.base.append(low, len);
    return true;
}

// Fast path for a run [i, e) of ASCII digits shorter than 64 bytes that
// Scanner::scan makes one number token by itself: match_number returns e
// when the run is followed by the end of the text or by an ASCII byte that
// is not a letter, digit, '_' or '@' (which would make it a word), not '-',
// '/' or ':' (dates, times, ranges), and not ',' before a digit (decimals).
// '.', '%' and '+' make scan() try the e-mail matcher first; it fails when
// the byte after them is the end or ASCII outside letters, digits and
// . _ % + - @ (kEndsDotRun), and a '.' before a non-digit does not extend
// the number.  Features: shape digits, lower and base the digits.
inline bool fast_digits(std::string_view text, std::size_t i, Tok& t) {
    const std::size_t n = text.size();
    const char* p = text.data();
    const std::size_t lim = std::min(n, i + 64);
    std::size_t e = i;
    while (e < lim && adigit(p[e])) ++e;
    if (e - i >= 64) return false;
    if (e < n) {
        const auto c = static_cast<unsigned char>(p[e]);
        if (c >= 0x80 || kWordKind[c] != 0 || c == '-' || c == '/' || c == ':') return false;
        const bool c2_end = e + 1 >= n;
        const auto c2 = c2_end ? '\0' : static_cast<unsigned char>(p[e + 1]);
        if ((c == '.' || c == '%' || c == '+') && !c2_end && !kEndsDotRun[c2]) return false;
        if (c == ',' && !c2_end && adigit(static_cast<char>(c2))) return false;
    }
    t.start = static_cast<std::uint32_t>(i);
    t.end = static_cast<std::uint32_t>(e);
    t.kind = TokenKind::number;
    t.shape = TokenShape::digits;
    t.lower.append(p + i, e - i);  // t is new: its strings are empty
    t.base.append(p + i, e - i);
    return true;
}

std::vector<Tok> tokenize_text(std::string_view text, const icu::BreakIterator* proto, bool fast) {
    std::vector<Tok> out;
    if (text.empty()) return out;
    if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);  // offsets are 32-bit
    out.reserve(text.size() / 5 + 4);  // news text: about one token per 6 bytes
    Scanner sc(text, proto);
    const std::size_t n = text.size();
    std::size_t i = 0;
    bool space = true, newline = false;
    while (i < n) {
        char b = text[i];
        if (is_ascii(b)) {
            std::uint8_t k = cls(b);
            if (k & kSpace) {
                space = true;
                newline |= (k & kNewline) != 0;
                ++i;
                continue;
            }
            // a letter run or a digit run the fast scanners can take whole (match_number
            // does not use the Scanner's cached piece; a letter run inside it waits for it)
            auto fast_token = [&](bool (*scan)(std::string_view, std::size_t, Tok&)) {
                Tok& t = out.emplace_back();
                if (!scan(text, i, t)) {
                    out.pop_back();
                    return false;
                }
                t.space_before = space;
                t.newline_before = newline;
                space = newline = false;
                i = t.end;
                return true;
            };
            if (fast && (k & kAlpha) && !sc.in_cached_piece(i) && fast_token(fast_letters)) continue;
            if (fast && (k & kDigit) && fast_token(fast_digits)) continue;
            // Fast path: one ASCII punctuation mark or symbol followed by ASCII
            // (or the end).  scan() gives it alone to other(): '#', '@' and '_'
            // may start longer tokens and a '.' before another '.' is a dot run,
            // so those are left to it; a non-ASCII byte next may be a combining
            // mark that ICU joins to it.  Its features: shape punct (other for a
            // control character), lower and base the character itself.
            if (fast && !(k & (kAlpha | kDigit)) && b != '#' && b != '@' && b != '_' &&
                (i + 1 >= n || (is_ascii(text[i + 1]) && !(b == '.' && text[i + 1] == '.')))) {
                Tok& t = out.emplace_back();
                t.start = static_cast<std::uint32_t>(i);
                t.end = static_cast<std::uint32_t>(i + 1);
                const auto c = static_cast<unsigned char>(b);
                t.kind = (k & kSymbol) ? TokenKind::symbol
                         : (c < 0x20 || c == 0x7F) ? TokenKind::other
                                                   : TokenKind::punctuation;
                t.shape = t.kind == TokenKind::other ? TokenShape::other : TokenShape::punct;
                t.space_before = space;
                t.newline_before = newline;
                t.lower.push_back(b);  // t is new: its strings are empty
                t.base.push_back(b);
                space = newline = false;
                ++i;
                continue;
            }
        } else {
            Cp c = decode(text, i);
            if (u_isUWhiteSpace(c.c) || u_charType(c.c) == U_FORMAT_CHAR) {
                space |= u_isUWhiteSpace(c.c) != 0;
                newline |= c.c == 0x2028 || c.c == 0x2029 || c.c == 0x85;
                i += c.len;
                continue;
            }
        }
        Piece p = sc.scan(i);
        if (p.end <= i) p.end = i + decode(text, i).len;  // always advance
        p.end = std::min(p.end, n);
        Tok& t = out.emplace_back();
        t.start = static_cast<std::uint32_t>(i);
        t.end = static_cast<std::uint32_t>(p.end);
        t.kind = p.kind;
        t.space_before = space;
        t.newline_before = newline;
        features(text.substr(i, p.end - i), t);
        space = newline = false;
        i = p.end;
    }
    return out;
}

}  // namespace

std::vector<Tok> Tokenizer::tokenize(std::string_view text) const {
    return tokenize_text(text, impl_->proto.get(), true);
}

namespace testing {

std::vector<Tok> tokenize_general(std::string_view text) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> proto(icu::BreakIterator::createWordInstance(icu::Locale("id"), st));
    if (U_FAILURE(st)) proto.reset();
    return tokenize_text(text, proto.get(), false);
}

std::vector<std::uint32_t> word_break_pieces(std::string_view text, bool use_icu) {
    std::vector<std::uint32_t> out;
    if (text.size() >= INT32_MAX) return out;
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> proto(icu::BreakIterator::createWordInstance(icu::Locale("id"), st));
    if (U_FAILURE(st)) return out;
    Scanner sc(text, proto.get());
    std::size_t i = 0;
    while (i < text.size()) {
        if (cls(text[i]) & kSpace) {
            ++i;
            continue;
        }
        std::size_t e = sc.raw_piece_end(i, use_icu);
        out.push_back(static_cast<std::uint32_t>(e));
        i = e;
    }
    return out;
}

}  // namespace testing
}  // namespace warta::detail
