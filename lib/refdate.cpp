// Reference date: the dateline or the first full date of the article.
//
// Order of preference (the first that finds something wins):
//   1. the first full date in the first paragraph (a dateline such as
//      "Jakarta, 23 Desember 2022 -" or "Semarang, Senin (13/3/2023) -");
//   2. the first weekday followed by a parenthesised full date anywhere
//      ("Jumat (23/12/2022)"), the way detik-style copy dates its news;
//   3. the first full date anywhere.
// Only text inside sentences counts (boilerplate is not in any sentence).
// The date grammar (issue 3) reads every date; this is the small, fixed
// reader the pipeline needs before any grammar runs.
#include "refdate.hpp"

#include <re2/re2.h>

#include <array>
#include <cstdint>

#include "dates.hpp"
#include "warta/warta.hpp"

namespace warta::detail {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 52> kMonths{{
    {"januari", 1},  {"jan", 1},      {"january", 1},  {"februari", 2}, {"feb", 2},      {"pebruari", 2},
    {"peb", 2},      {"february", 2}, {"maret", 3},    {"mar", 3},      {"march", 3},    {"april", 4},
    {"apr", 4},      {"mei", 5},      {"may", 5},      {"juni", 6},     {"jun", 6},      {"june", 6},
    {"juli", 7},     {"jul", 7},      {"july", 7},     {"agustus", 8},  {"agu", 8},      {"agt", 8},
    {"ags", 8},      {"aug", 8},      {"august", 8},   {"september", 9}, {"sep", 9},     {"sept", 9},
    {"oktober", 10}, {"okt", 10},     {"october", 10}, {"oct", 10},     {"november", 11}, {"nov", 11},
    {"nopember", 11}, {"nop", 11},    {"desember", 12}, {"des", 12},    {"december", 12}, {"dec", 12},
    {"pebruary", 2}, {"agust", 8},    {"sept.", 9},    {"okt.", 10},    {"nov.", 11},    {"des.", 12},
    {"jan.", 1},     {"feb.", 2},     {"agu.", 8},     {"agt.", 8},
}};

int month_number(std::string_view w) {
    std::string lw;
    lw.reserve(w.size());
    for (char c : w) lw.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    for (const auto& [name, num] : kMonths)
        if (name == lw) return num;
    return 0;
}

// Numeric (d/m/y, d-m-y, y-m-d) and written (d Month y) full dates.
// Boundaries are checked by hand: RE2 has no lookaround.
const RE2& numeric_re() {
    static const RE2 re(R"((\d{1,4})([/.-])(\d{1,2})([/.-])(\d{1,4}))");
    return re;
}
const RE2& written_re() {
    static const RE2 re(R"((\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{4}))");
    return re;
}
const RE2& weekday_paren_re() {
    static const RE2 re(R"((?i)(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\s*,?\s*\(\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*\))");
    return re;
}

bool word_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

std::optional<std::string> make_date(int y, int m, int d) {
    if (y < 100) y += 2000;
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) return std::nullopt;
    std::string day = format_iso_day(y, m, d);
    if (!valid_iso_date(day)) return std::nullopt;
    return day;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Cheap necessary conditions for the three patterns, so that most sentences
// are spared the regex searches (the result is the same with or without them).
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Byte classes for the scan below.
enum : std::uint8_t { kOther = 0, kDigit = 1, kSep = 2, kSpace = 4 };
constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
    t['/'] = t['.'] = t['-'] = kSep;
    t[' '] = t['\t'] = t['\n'] = t['\r'] = t['\f'] = kSpace;
    return t;
}();

struct Possible {
    bool numeric = false;  // numeric_re may match
    bool written = false;  // written_re may match
    // No match of numeric_re (written_re) starts before these offsets: the
    // start of the first digit run that meets the conditions below (for
    // written_re, the start of the day's digit run before the first year that
    // does; any later match's day run starts at or after it, since only white
    // space, letters and '.' lie between a day and its year).
    std::size_t numeric_from = 0, written_from = 0;
};

bool ascii_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Necessary conditions, read off the patterns:
//  - numeric_re: a digit, a separator, a whole run of one or two digits (it
//    follows a separator and precedes one), a separator, a digit;
//  - written_re: a run of at least four digits after white space; before that
//    white space an optional '.' and a whole run of 3..9 ASCII letters (white
//    space before it, nothing else: the white space and the letters are
//    maximal runs, since '.' and letters are not white space), more white
//    space, and a digit before it.
Possible possible_dates(std::string_view s) {
    Possible p;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    auto digit_at = [&](std::size_t k) { return k < n && kClass[b[k]] == kDigit; };
    auto space_before = [&](std::size_t k) {  // the start of the white-space run ending at k
        while (k > 0 && kClass[b[k - 1]] == kSpace) --k;
        return k;
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (kClass[b[i]] != kDigit) continue;
        // A run of digits [i, j).
        std::size_t j = i + 1;
        while (j < n && kClass[b[j]] == kDigit) ++j;
        if (!p.numeric && j < n && kClass[b[j]] == kSep && digit_at(j + 1)) {
            std::size_t k = j + 1;
            while (digit_at(k)) ++k;
            if (k - (j + 1) <= 2 && k < n && kClass[b[k]] == kSep && digit_at(k + 1)) {
                p.numeric = true;
                p.numeric_from = i;
            }
        }
        if (!p.written && j - i >= 4 && i > 0 && kClass[b[i - 1]] == kSpace) {
            std::size_t q = space_before(i);  // the white space before the year
            if (q > 0 && b[q - 1] == '.') --q;
            std::size_t r = q;  // the letters before it
            while (r > 0 && q - r < 10 && ascii_letter(b[r - 1])) --r;
            const std::size_t letters = q - r;
            if (letters >= 3 && letters <= 9 && r > 0 && kClass[b[r - 1]] == kSpace) {
                std::size_t d = space_before(r);
                if (d > 0 && kClass[b[d - 1]] == kDigit) {
                    p.written = true;
                    while (d > 0 && kClass[b[d - 1]] == kDigit) --d;
                    p.written_from = d;
                }
            }
        }
        if (p.numeric && p.written) break;
        i = j;
    }
    return p;
}

// weekday_paren_re needs a '(', optional white space, a digit, and a '/' after it.
bool may_have_weekday_paren(std::string_view s) {
    for (std::size_t open = s.find('('); open != std::string_view::npos; open = s.find('(', open + 1)) {
        std::size_t i = open + 1;
        while (i < s.size() && is_re2_space(s[i])) ++i;
        if (i < s.size() && is_digit(s[i])) return s.find('/', i) != std::string_view::npos;
    }
    return false;
}

// The first full date starting in [from, to) of text, with its start offset.
std::optional<std::pair<std::size_t, std::string>> first_full_date(std::string_view text, std::size_t from, std::size_t to) {
    std::optional<std::pair<std::size_t, std::string>> best;
    auto consider = [&](std::size_t at, std::optional<std::string> date) {
        if (date && (!best || at < best->first)) best = std::make_pair(at, *date);
    };
    std::string_view region = text.substr(from, to - from);

    const Possible possible = possible_dates(region);
    re2::StringPiece in(region.data() + possible.numeric_from, region.size() - possible.numeric_from), a, s1, b, s2, c;
    while (possible.numeric && RE2::FindAndConsume(&in, numeric_re(), &a, &s1, &b, &s2, &c)) {
        std::size_t st = static_cast<std::size_t>(a.data() - text.data());
        std::size_t en = static_cast<std::size_t>(c.data() + c.size() - text.data());
        if ((st > 0 && (word_char(text[st - 1]) || text[st - 1] == '/' || text[st - 1] == '.')) ||
            (en < text.size() && (word_char(text[en]) || text[en] == '/' ||
                                  (text[en] == '.' && en + 1 < text.size() && text[en + 1] >= '0' && text[en + 1] <= '9'))))
            continue;
        if (s1 != s2) continue;
        if (a.size() == 4 && c.size() <= 2 && s1 == "-")  // 2022-12-23
            consider(st, make_date(to_int({a.data(), a.size()}), to_int({b.data(), b.size()}), to_int({c.data(), c.size()})));
        else if (a.size() <= 2 && (c.size() == 4 || (c.size() == 2 && s1 == "/")) && s1 != ".")
            consider(st, make_date(to_int({c.data(), c.size()}), to_int({b.data(), b.size()}), to_int({a.data(), a.size()})));
        if (best) break;
    }
    if (!possible.written) return best;
    re2::StringPiece in2(region.data() + possible.written_from, region.size() - possible.written_from), d, mon, y;
    while (RE2::FindAndConsume(&in2, written_re(), &d, &mon, &y)) {
        std::size_t st = static_cast<std::size_t>(d.data() - text.data());
        std::size_t en = static_cast<std::size_t>(y.data() + y.size() - text.data());
        if ((st > 0 && word_char(text[st - 1])) || (en < text.size() && word_char(text[en]))) continue;
        int m = month_number({mon.data(), mon.size()});
        if (m == 0) continue;
        consider(st, make_date(to_int({y.data(), y.size()}), m, to_int({d.data(), d.size()})));
        break;
    }
    return best;
}

}  // namespace

std::optional<std::string> find_reference_date(std::string_view text,
                                               const std::vector<Sent>& sentences) {
    if (sentences.empty()) return std::nullopt;

    // 1. The first paragraph: the sentences that start before the first line
    //    break after the first sentence.
    std::size_t para_end = text.find('\n', sentences.front().start);
    if (para_end == std::string_view::npos) para_end = text.size();
    std::size_t first_para = 0;  // sentences of the first paragraph: none has a full date
    for (const auto& s : sentences) {
        if (s.start >= para_end) break;
        if (auto found = first_full_date(text, s.start, s.end)) return found->second;
        ++first_para;
    }
    // 2. A weekday with a parenthesised full date.
    for (const auto& s : sentences) {
        if (!may_have_weekday_paren(text.substr(s.start, s.end - s.start))) continue;
        re2::StringPiece in(text.data() + s.start, s.end - s.start), wd, d, m, y;
        while (RE2::FindAndConsume(&in, weekday_paren_re(), &wd, &d, &m, &y)) {
            std::size_t st = static_cast<std::size_t>(wd.data() - text.data());
            if (st > 0 && word_char(text[st - 1])) continue;
            if (auto date = make_date(to_int({y.data(), y.size()}), to_int({m.data(), m.size()}), to_int({d.data(), d.size()})))
                return date;
        }
    }
    // 3. The first full date anywhere (after the first paragraph, read in 1.).
    for (std::size_t i = first_para; i < sentences.size(); ++i)
        if (auto found = first_full_date(text, sentences[i].start, sentences[i].end)) return found->second;
    return std::nullopt;
}

namespace testing {
PossibleDates possible_dates(std::string_view s) {
    const Possible p = warta::detail::possible_dates(s);
    return {p.numeric, p.written, p.numeric_from, p.written_from};
}
}  // namespace testing

}  // namespace warta::detail
