// Number normalisers (see numbers.hpp and docs/numbers.md).
#include "numbers.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>
#include <unordered_map>

#include "embedded.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::detail {
namespace {

std::vector<std::string_view> split_words(std::string_view s, std::size_t max_words = SIZE_MAX) {
    std::vector<std::string_view> out;
    std::size_t p = 0;
    while (p < s.size() && out.size() < max_words) {
        while (p < s.size() && s[p] == ' ') ++p;
        std::size_t e = p;
        while (e < s.size() && s[e] != ' ') ++e;
        if (e > p) out.push_back(s.substr(p, e - p));
        p = e;
    }
    return out;
}

// The first words of a string (at most N), without allocating: the unit finder
// looks at a few words after every number the grammar finds.
template <std::size_t N>
struct FirstWords {
    std::array<std::string_view, N> w;
    std::size_t n = 0;
    explicit FirstWords(std::string_view s) {
        std::size_t p = 0;
        while (p < s.size() && n < N) {
            while (p < s.size() && s[p] == ' ') ++p;
            std::size_t e = p;
            while (e < s.size() && s[e] != ' ') ++e;
            if (e > p) w[n++] = s.substr(p, e - p);
            p = e;
        }
    }
    std::size_t size() const { return n; }
    bool empty() const { return n == 0; }
    std::string_view operator[](std::size_t i) const { return w[i]; }
};

int unit_word(std::string_view w) {
    static constexpr std::array<std::string_view, 10> kUnits = {"nol", "satu", "dua", "tiga", "empat",
                                                                "lima", "enam", "tujuh", "delapan", "sembilan"};
    for (std::size_t i = 0; i < kUnits.size(); ++i)
        if (kUnits[i] == w) return static_cast<int>(i);
    if (w == "kosong") return 0;  // ICU writes 0 as "kosong"
    return -1;
}

double scale_word(std::string_view w, bool money) {
    // an abbreviation that kept the full stop of the sentence: "Rp1,2 M.", "Rp 50 jt."
    if (w.size() >= 2 && w.size() <= 3 && w.back() == '.') w.remove_suffix(1);
    if (w == "ribu" || w == "rb") return 1e3;
    if (w == "juta" || w == "jt") return 1e6;
    if (w == "miliar" || w == "milyar") return 1e9;
    if (w == "triliun") return 1e12;
    if (money && w == "m") return 1e9;
    if (money && w == "t") return 1e12;
    return 0;
}

// "se" + scale or "se" + hundreds: seratus, seribu, sejuta, semiliar, setriliun
double se_word(std::string_view w) {
    if (w == "sepuluh") return 10;
    if (w == "sebelas") return 11;
    if (w == "seratus") return 100;
    if (w == "seribu") return 1e3;
    if (w == "sejuta") return 1e6;
    if (w == "semiliar" || w == "semilyar") return 1e9;
    if (w == "setriliun") return 1e12;
    return 0;
}

Value number_value(double v) {
    if (std::isfinite(v) && std::fabs(v) < 9e15 && v == std::floor(v)) return Value(static_cast<std::int64_t>(v));
    return Value(v);
}

// The first word of `after`.
std::string_view first_word(std::string_view after) {
    std::size_t e = after.find(' ');
    return e == std::string_view::npos ? after : after.substr(0, e);
}

bool is_digits_token(std::string_view w) {
    if (w.empty() || w[0] < '0' || w[0] > '9') return false;
    for (char c : w)
        if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) return false;
    return true;
}

bool is_number_word(std::string_view w) {
    return unit_word(w) >= 0 || se_word(w) > 0 || scale_word(w, false) > 0 || w == "belas" || w == "puluh" ||
           w == "ratus" || w == "setengah" || w == "koma";
}

// Is c one of the lower-case ASCII letters of `set`?  (a bit mask built at compile time)
constexpr std::uint32_t letter_mask(std::string_view set) {
    std::uint32_t m = 0;
    for (char x : set) m |= 1u << (x - 'a');
    return m;
}
inline bool letter_in(char c, std::uint32_t mask) { return c >= 'a' && c <= 'z' && (mask >> (c - 'a') & 1u) != 0; }

// A word that makes the number something other than a count: a percentage,
// a currency after the amount (those rules take the span), a score.
bool blocks_count(std::string_view after) {
    std::string_view w = first_word(after);
    // (a cheap test first: every word of kBlock begins with one of these bytes)
    constexpr std::uint32_t kFirst = letter_mask("bdeprwy");
    if (w.empty() || !(w[0] == '%' || letter_in(w[0], kFirst))) return false;
    static constexpr std::array<std::string_view, 16> kBlock = {
        "persen", "%", "prosen", "rupiah", "dolar", "dollar", "euro", "ringgit",
        "yen", "yuan", "won", "riyal", "baht", "peso", "poundsterling", "pound"};
    for (auto b : kBlock)
        if (w == b) return true;
    return false;
}

struct Vague {
    std::string_view word;
    double min, max;
};
constexpr std::array<Vague, 7> kVague = {{{"belasan", 11, 19},
                                          {"puluhan", 20, 99},
                                          {"ratusan", 200, 999},
                                          {"ribuan", 2000, 9999},
                                          {"jutaan", 2e6, 9999999},
                                          {"miliaran", 2e9, 9999999999},
                                          {"triliunan", 2e12, 9999999999999}}};

bool is_month(std::string_view w) {
    // (a cheap test first: every month name has 3 to 9 letters and begins with one of these)
    constexpr std::uint32_t kFirst = letter_mask("adfjmnos");
    if (w.size() < 3 || w.size() > 9 || !letter_in(w[0], kFirst)) return false;
    static constexpr std::array<std::string_view, 28> kMonths = {
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "nopember", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "ags",
        "agus", "sep", "sept", "okt", "nov", "des"};
    for (auto m : kMonths)
        if (m == w) return true;
    return false;
}

// The last word of `before`.
std::string_view last_word(std::string_view before) {
    std::size_t s = before.rfind(' ');
    return s == std::string_view::npos ? before : before.substr(s + 1);
}

// number: qual num | qual vague [scale] | lo hi | se (sehari ...) | ke (kedua + noun)
bool normalise_number(const MatchContext& ctx, NormaliserOutput& out) {
    if (blocks_count(ctx.after)) return false;
    // a day or a year next to a month name is part of a date, never a count
    if (is_month(first_word(ctx.after)) || is_month(last_word(ctx.before))) return false;
    std::string_view qual = ctx.value("qual");
    std::string_view after = ctx.after.substr(0, std::min<std::size_t>(ctx.after.size(), 120));
    std::string joined;  // the `next` word, then `after`
    if (auto n = ctx.value("next"); !n.empty()) {
        joined.reserve(n.size() + 1 + after.size());
        joined = n;
        if (!after.empty()) {
            joined += ' ';
            joined += after;
        }
        after = joined;
    }
    std::string unit = find_unit(after);
    {
        // "gempa bermagnitudo 5,4": the unit comes first
        std::string_view prev = last_word(ctx.before);
        // "dengan magnitudo terbesar 4,7"
        if ((prev == "terbesar" || prev == "tertinggi" || prev == "maksimal") && ctx.before.size() > prev.size())
            if (std::string_view p2 = last_word(ctx.before.substr(0, ctx.before.size() - prev.size() - 1)); p2 == "magnitudo")
                prev = p2;
        if (prev == "magnitudo" || prev == "bermagnitudo" || prev == "berkekuatan" ||
            (prev == "m" && ctx.value("num").find(',') != std::string_view::npos))
            unit = "magnitudo";
        // "setengah dari atlet": the whole that the fraction is of
        if (after.starts_with("dari ")) {
            std::string_view num = ctx.value("num");
            if (num == "setengah" || num == "separuh" || num == "seperempat") unit = find_unit(after.substr(5));
        }
    }
    if (auto v = ctx.value("vague"); !v.empty()) {
        double mn = 0, mx = 0;
        bool found = false;
        for (const auto& e : kVague)
            if (e.word == v) {
                mn = e.min, mx = e.max, found = true;
            }
        if (!found) return false;
        if (auto s = ctx.value("scale"); !s.empty()) {
            double k = scale_word(s, false);
            if (k <= 0) return false;
            mn *= k;
            mx = (mx + 1) * k - 1;
        }
        out.set("value", Value());
        out.set("min", number_value(mn));
        out.set("max", number_value(mx));
        out.set("qualifier", std::string(qual.empty() ? "approx" : qual));
    } else if (ctx.get("lo") && ctx.get("hi")) {
        auto lo = parse_amount(ctx.value("lo"));
        auto hi = parse_amount(ctx.value("hi"));
        if (!lo || !hi || !(*lo < *hi)) return false;
        // "2-1" with nothing counted after it is a score, not a range
        if (unit.empty() && !ctx.get("between")) return false;
        out.set("value", Value());
        out.set("min", number_value(*lo));
        out.set("max", number_value(*hi));
        out.set("qualifier", std::string(qual.empty() ? "exact" : qual));
    } else if (auto se = ctx.value("se"); !se.empty()) {
        // sepekan, sebulan, setahun: one of the unit; "Rp5 juta sebulan" is a rate, not a duration
        std::string_view prev = last_word(ctx.before);
        if (!prev.empty() && (is_digits_token(prev) || scale_word(prev, true) > 0)) return false;
        out.set("value", Value(std::int64_t{1}));
        out.set("qualifier", std::string(qual.empty() ? "exact" : qual));
        unit = se.substr(2);
    } else if (auto ke = ctx.value("ke"); !ke.empty()) {
        // "kedua kementerian", "ketujuh orang": the number of the things named
        // only at the start of a noun phrase: after nothing, punctuation, a function word or a verb;
        // after a noun it is an ordinal ("kunjungan kedua presiden")
        std::string_view prev = last_word(ctx.before);
        bool np_start = prev.empty() || !(prev[0] >= 'a' && prev[0] <= 'z') || find_unit(prev).empty();
        // "kedua anaknya" (both of their children): the noun without its -nya
        // ("ketiga kalinya" is "the third time")
        if (std::string_view nx = ctx.value("next"); unit.empty() && nx.size() > 5 && nx.ends_with("nya") && nx != "kalinya")
            unit = find_unit(nx.substr(0, nx.size() - 3));
        if (unit.empty() || !np_start) return false;
        auto v = parse_number_words(ke.substr(2));
        if (!v) return false;
        out.set("value", number_value(*v));
        out.set("qualifier", std::string("exact"));
    } else {
        auto v = parse_amount(ctx.value("num"));
        if (!v) return false;
        out.set("value", number_value(*v));
        out.set("qualifier", std::string(qual.empty() ? "exact" : qual));
    }
    if (!unit.empty()) out.set("unit", unit);
    return true;
}

bool normalise_money(const MatchContext& ctx, NormaliserOutput& out) {
    auto v = parse_amount(ctx.value("num"), true);
    std::string_view cur = ctx.value("cur");
    if (auto sym = ctx.value("cursym"); !sym.empty()) {
        // symbols the tokenizer may keep in one token with a dot or a dollar sign
        if (sym.starts_with("rp")) cur = "IDR";
        else if (sym.starts_with("us")) cur = "USD";
        else if (sym.starts_with("s")) cur = "SGD";
        else if (sym.starts_with("a")) cur = "AUD";
        else if (sym.starts_with("hk")) cur = "HKD";
    }
    if (!v || cur.empty()) return false;
    out.set("value", number_value(*v));
    out.set("currency", std::string(cur));
    return true;
}

bool normalise_percent(const MatchContext& ctx, NormaliserOutput& out) {
    auto v = parse_amount(ctx.value("num"));
    if (!v) return false;
    out.set("value", number_value(*v));
    return true;
}

bool normalise_ordinal(const MatchContext& ctx, NormaliserOutput& out) {
    std::optional<double> v;
    if (auto n = ctx.value("num"); !n.empty()) {
        v = parse_digits(n);
    } else if (auto w = ctx.value("word"); !w.empty()) {
        if (w == "pertama") v = 1;
        else if (w.rfind("ke", 0) == 0) v = parse_number_words(w.substr(2));
    } else if (auto r = ctx.value("roman"); !r.empty()) {
        // Balinese names start with I: "I Gusti Ayu", "I Made", "I Wayan"
        static constexpr std::array<std::string_view, 13> kBali = {"gusti", "made", "wayan", "nyoman", "ketut", "komang", "putu",
                                                                   "kadek", "nengah", "gede", "gde", "dewa", "ida"};
        std::string next = ascii_lower(first_word(ctx.after));
        for (auto b : kBali)
            if (r == "i" && next == b) return false;
        if (auto x = parse_roman(r)) v = *x;
    }
    if (!v || *v < 1 || *v != std::floor(*v) || *v > 1e6) return false;
    out.set("value", Value(static_cast<std::int64_t>(*v)));
    return true;
}

}  // namespace

std::optional<double> parse_digits(std::string_view s) {
    if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
    std::size_t comma = s.find(',');
    std::string_view ip = s.substr(0, comma);
    std::string_view fp = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
    if (comma != std::string_view::npos && (fp.empty() || fp.find_first_not_of("0123456789") != std::string_view::npos))
        return std::nullopt;
    // integer part: plain digits, or groups of three after the first dot
    double v = 0;
    std::size_t group = 0;
    bool dotted = false;
    for (std::size_t i = 0; i < ip.size(); ++i) {
        char c = ip[i];
        if (c == '.') {
            if (i == 0 || (dotted && group != 3) || (!dotted && group > 3)) return std::nullopt;
            dotted = true;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
        ++group;
    }
    if (dotted && group != 3) return std::nullopt;
    if (v >= 1e15 || fp.size() > 15) return std::nullopt;  // no figure in the news is that long; keeps the cast below defined
    if (fp.empty()) return v;
    // the value of the written decimal, rounded once: "0,75" is 0.75
    std::string plain = std::to_string(static_cast<long long>(v)) + "." + std::string(fp);
    double r = 0;
    auto res = std::from_chars(plain.data(), plain.data() + plain.size(), r);
    if (res.ec != std::errc()) return std::nullopt;
    return r;
}

std::optional<double> parse_number_words(std::string_view s) {
    auto words = split_words(s);
    if (words.empty()) return std::nullopt;
    double total = 0;        // completed scale groups
    double group = 0;        // the current group below a scale word (0..999, or with a half)
    int pending = -1;        // a unit word waiting for belas/puluh/ratus
    int limit = 1000;        // what the next addition to the group must stay below
    double last_scale = 1e18;
    bool any = false;
    auto add = [&](double x, int next_limit) {
        if (x >= limit) return false;
        group += x;
        limit = next_limit;
        return true;
    };
    auto flush_pending = [&] {
        if (pending < 0) return true;
        int p = pending;
        pending = -1;
        return add(p, 0);
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view w = words[i];
        if (int u = unit_word(w); u >= 0) {
            if (pending >= 0) return std::nullopt;
            pending = u;
            any = true;
        } else if (w == "belas" || w == "puluh" || w == "ratus") {
            if (pending < 1) return std::nullopt;
            int p = pending;
            pending = -1;
            bool ok = w == "belas" ? add(10 + p, 0) : w == "puluh" ? add(10 * p, 10) : add(100 * p, 100);
            if (!ok) return std::nullopt;
        } else if (double se = se_word(w); se > 0) {
            if (!flush_pending()) return std::nullopt;
            any = true;
            if (se >= 1000) {
                // seribu, sejuta: a whole scale group of one
                if (group != 0 || se >= last_scale) return std::nullopt;
                total += se;
                last_scale = se;
                limit = 1000;
            } else if (!add(se, se == 100 ? 100 : 0)) {
                return std::nullopt;
            }
        } else if (w == "setengah" || w == "seperempat" || w == "separuh") {
            double frac = w == "seperempat" ? 0.25 : 0.5;
            if (pending >= 0) {  // "satu setengah"
                group += pending;
                pending = -1;
            } else if (group != 0) {
                return std::nullopt;
            }
            group += frac;
            limit = 0;
            any = true;
        } else if (w == "koma") {
            if (!flush_pending() || !any) return std::nullopt;
            // decimal digits, one word each, then an optional scale word
            double scale = 0.1;
            std::size_t j = i + 1;
            for (; j < words.size(); ++j) {
                int d = unit_word(words[j]);
                if (d < 0) break;
                group += d * scale;
                scale /= 10;
            }
            if (j == i + 1) return std::nullopt;
            limit = 0;
            i = j - 1;
        } else if (double k = scale_word(w, false); k > 0) {
            if (!flush_pending()) return std::nullopt;
            if (group <= 0 || k >= last_scale) return std::nullopt;
            total += group * k;
            group = 0;
            last_scale = k;
            limit = 1000;
        } else {
            return std::nullopt;
        }
    }
    if (!any) return std::nullopt;
    if (pending >= 0 && !add(pending, 0)) return std::nullopt;
    return total + group;
}

std::optional<double> parse_amount(std::string_view s, bool money) {
    thread_local std::string l;  // scratch: the lower-case amount
    l.assign(s);
    for (char& c : l)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // Only the first three words matter below (digits [scale]; more is no
    // amount); word amounts are read by parse_number_words from `l` itself.
    FirstWords<3> words{l};
    if (words.empty()) return std::nullopt;
    if (is_digits_token(words[0])) {
        auto v = parse_digits(words[0]);
        if (!v) return std::nullopt;
        if (words.size() > 2) return std::nullopt;
        if (words.size() == 2) {
            double k = scale_word(words[1], money);
            if (k <= 0) return std::nullopt;
            *v *= k;
        }
        return v;
    }
    return parse_number_words(l);
}

std::optional<int> parse_roman(std::string_view s) {
    std::string u(s);
    for (char& c : u)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (u.empty()) return std::nullopt;
    static constexpr std::array<std::pair<std::string_view, int>, 11> kParts = {
        {{"CCC", 300}, {"CC", 200}, {"C", 100}, {"XC", 90}, {"L", 50}, {"XL", 40}, {"X", 10}, {"IX", 9}, {"V", 5}, {"IV", 4}, {"I", 1}}};
    // canonical form: rebuild from the value and compare
    int v = 0;
    std::string_view rest = u;
    int prev = 1 << 20;
    int repeat = 0;
    while (!rest.empty()) {
        bool ok = false;
        for (const auto& [sym, val] : kParts) {
            if (rest.rfind(sym, 0) == 0) {
                if (val > prev) return std::nullopt;
                repeat = val == prev ? repeat + 1 : 1;
                if (repeat > 3) return std::nullopt;
                v += val;
                prev = val;
                rest.remove_prefix(sym.size());
                ok = true;
                break;
            }
        }
        if (!ok) return std::nullopt;
    }
    // rebuild to reject non-canonical spellings (IIII, VX, XIIX)
    static constexpr std::array<std::pair<std::string_view, int>, 9> kBuild = {
        {{"C", 100}, {"XC", 90}, {"L", 50}, {"XL", 40}, {"X", 10}, {"IX", 9}, {"V", 5}, {"IV", 4}, {"I", 1}}};
    std::string r;
    int x = v;
    for (const auto& [sym, val] : kBuild)
        while (x >= val) {
            r += sym;
            x -= val;
        }
    if (r != u || v < 1 || v > 399) return std::nullopt;
    return v;
}

namespace {

// Heterogeneous lookup: find a string_view without allocating.
struct SvHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// The unit word lists (lib/grammars/lists/number-*.tsv), read once from the embedded files.
struct UnitLists {
    std::vector<std::pair<std::vector<std::string>, std::string>> multi;  // tokens -> unit, longest first
    // The word lists as bits of one table (one hash lookup per word in
    // find_unit): single-word units and count nouns, classifiers, stop words,
    // heads of two-word units, first words of multi-word units, plus kNumber:
    // is_number_word for a word of a-z and '-' only (the words word_ok passes to it).
    enum : std::uint8_t { kNoun = 1, kClassifier = 2, kStop = 4, kHead = 8, kMultiFirst = 16, kNumber = 32 };
    // With kMultiFirst, `multi` holds the indices in `multi` (in its order,
    // longest first) of the multi-word units that begin with the word.
    struct Entry {
        std::uint8_t bits = 0;
        std::vector<std::uint32_t> multi;
    };
    std::unordered_map<std::string, Entry, SvHash, std::equal_to<>> flags;
    const Entry* entry(std::string_view w) const {
        auto it = flags.find(w);
        return it == flags.end() ? nullptr : &it->second;
    }
};

// "kabupaten/kota" -> "kabupaten / kota" (the tokens the text shows)
std::string tokenish(std::string_view s) {
    std::string r;
    for (char c : s) {
        if (c == '/') r += " / ";
        else r += c;
    }
    return r;
}

const UnitLists& unit_lists() {
    static const UnitLists lists = [] {
        UnitLists l;
        auto read = [](std::string_view name, auto&& each) {
            for (const auto& f : embedded_files()) {
                if (f.name != name) continue;
                std::string_view c = f.content;
                while (!c.empty()) {
                    std::size_t nl = c.find('\n');
                    std::string_view line = c.substr(0, nl);
                    c = nl == std::string_view::npos ? std::string_view() : c.substr(nl + 1);
                    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
                    if (line.empty() || line[0] == '#') continue;
                    std::size_t tab = line.find('\t');
                    std::string_view surface = line.substr(0, tab);
                    std::string_view value = tab == std::string_view::npos ? surface : line.substr(tab + 1);
                    each(ascii_lower(surface), ascii_lower(value));
                }
            }
        };
        read("lists/number-units.tsv", [&](std::string surface, std::string value) {
            std::string spaced = tokenish(surface);
            auto toks = split_words(spaced);
            std::vector<std::string> t(toks.begin(), toks.end());
            if (t.size() == 1) l.flags[t[0]].bits |= UnitLists::kNoun;
            else l.multi.emplace_back(std::move(t), std::move(value));
        });
        auto mark = [&](std::uint8_t bit) { return [&l, bit](std::string surface, std::string) { l.flags[surface].bits |= bit; }; };
        read("lists/count-nouns.tsv", mark(UnitLists::kNoun));
        read("lists/number-classifiers.tsv", mark(UnitLists::kClassifier));
        read("lists/number-unit-stopwords.tsv", mark(UnitLists::kStop));
        read("lists/number-unit-heads.tsv", mark(UnitLists::kHead));
        std::stable_sort(l.multi.begin(), l.multi.end(), [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
        // every word of a-z for which is_number_word holds (unit_word, se_word,
        // scale_word without money, and the words is_number_word names)
        for (std::string_view x : {"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
                                   "kosong", "sepuluh", "sebelas", "seratus", "seribu", "sejuta", "semiliar", "semilyar",
                                   "setriliun", "ribu", "rb", "juta", "jt", "miliar", "milyar", "triliun", "belas",
                                   "puluh", "ratus", "setengah", "koma"})
            if (is_number_word(x)) l.flags[std::string(x)].bits |= UnitLists::kNumber;
        for (std::size_t k = 0; k < l.multi.size(); ++k) {
            UnitLists::Entry& e = l.flags[l.multi[k].first.front()];
            e.bits |= UnitLists::kMultiFirst;
            e.multi.push_back(static_cast<std::uint32_t>(k));
        }
        return l;
    }();
    return lists;
}

}  // namespace

std::string find_unit(std::string_view after) {
    const UnitLists& L = unit_lists();
    FirstWords<8> w{after};  // a unit is found within the next few words
    if (w.empty()) return "";
    // The table entry of w[i] (null when none), looked up once per word.
    std::array<const UnitLists::Entry*, 8> ent{};
    std::uint8_t looked = 0;  // bit i: ent[i] is set
    auto E = [&](std::size_t i) {
        if (!(looked >> i & 1)) {
            ent[i] = L.entry(w[i]);
            looked |= static_cast<std::uint8_t>(1u << i);
        }
        return ent[i];
    };
    auto F = [&](std::size_t i) -> std::uint8_t {
        const UnitLists::Entry* e = E(i);
        return e ? e->bits : 0;
    };
    auto word_ok = [&](std::size_t i) {
        std::string_view x = w[i];
        if (x.empty()) return false;
        // (the cheap test first: each of these conditions alone rejects the word)
        for (char c : x)
            if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
        const std::uint8_t f = F(i);
        if (f & (UnitLists::kStop | UnitLists::kNumber)) return false;  // a stop word or is_number_word
        if (f & UnitLists::kNoun) return true;
        if (x.size() > 3 && x.ends_with("nya")) return false;
        // verbs: me-, ber-, di-, ter- (mencapai, bertahan, dirawat, tercatat)
        if (x.size() > 4 && x.starts_with("me")) return false;
        if (x.size() > 5 && (x.starts_with("ber") || x.starts_with("ter"))) return false;
        if (x.size() > 5 && x.starts_with("di")) return false;
        return true;
    };
    auto multi_at = [&](std::size_t i) -> std::string {
        if (i >= w.size() || !(F(i) & UnitLists::kMultiFirst)) return "";  // no multi-word unit starts here
        for (std::uint32_t mk : E(i)->multi) {  // those that start with w[i], in L.multi's order
            const auto& [mw, value] = L.multi[mk];
            if (i + mw.size() > w.size()) continue;
            bool eq = true;
            for (std::size_t k = 0; k < mw.size() && eq; ++k) eq = mw[k] == w[i + k];
            if (eq) return value;
        }
        return "";
    };
    auto unit_at = [&](std::size_t i) -> std::string {
        if (i >= w.size()) return "";
        if (std::string m = multi_at(i); !m.empty()) return m;
        if (!word_ok(i)) return "";
        std::string u(w[i]);
        if ((F(i) & UnitLists::kHead) && i + 1 < w.size() && word_ok(i + 1)) {
            u += ' ';
            u += w[i + 1];
        }
        return u;
    };
    if (F(0) & UnitLists::kClassifier) {
        // a noun of several words that begins with a classifier: "1.108 unit kerja"
        if (std::string m = multi_at(0); !m.empty()) return m;
        std::string next = unit_at(1);
        return next.empty() ? std::string(w[0]) : next;
    }
    // a count that shares the noun of the next one: "dari 575 menjadi 580 kursi", "6 dan 7 tahun",
    // "92 dari 120 anggota", "7, 5 dan 3 medali"
    auto connector = [](std::string_view x) {
        return x == "menjadi" || x == "," || x == "hingga" || x == "sampai" || x == "-" || x == "–" || x == "atau" ||
               x == "dan" || x == "dari";
    };
    auto numberish = [](std::string_view x) { return is_digits_token(x) || is_number_word(x); };
    if (w.size() >= 3 && connector(w[0]) && (is_digits_token(w[1]) || unit_word(w[1]) > 0 || se_word(w[1]) > 0)) {
        std::size_t j = 1;
        while (j < w.size() && (numberish(w[j]) || (connector(w[j]) && j + 1 < w.size() && numberish(w[j + 1])))) ++j;
        if (j < w.size() && (F(j) & UnitLists::kClassifier)) {
            std::string next = unit_at(j + 1);
            return next.empty() ? std::string(w[j]) : next;
        }
        return unit_at(j);
    }
    return unit_at(0);
}

void add_number_normalisers(std::map<std::string, Normaliser, std::less<>>& map) {
    map.emplace("number", normalise_number);
    map.emplace("money", normalise_money);
    map.emplace("percent", normalise_percent);
    map.emplace("ordinal", normalise_ordinal);
}

}  // namespace warta::detail
