// Date and time normalisers: what a value template cannot express (resolving
// a missing year, relative dates, weekdays, times with zones, intervals, Hijri).
// The conventions are documented in docs/dates.md.
#include <charconv>
#include <algorithm>
#include <array>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "dates.hpp"

namespace warta::detail {
namespace {

using namespace std::chrono;

struct Date {
    int y = 0, m = 0, d = 0;
};

bool valid(int y, int m, int d) {
    return y >= 1 && y <= 9999 && year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

sys_days to_days(Date a) {
    return sys_days{year_month_day{year{a.y}, month{static_cast<unsigned>(a.m)}, day{static_cast<unsigned>(a.d)}}};
}

Date from_days(sys_days s) {
    year_month_day ymd{s};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())), static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// ISO weekday: Monday 1 ... Sunday 7.
int iso_weekday(Date a) { return static_cast<int>(weekday{to_days(a)}.iso_encoding()); }

Date add_days(Date a, int n) { return from_days(to_days(a) + days{n}); }

Date add_months(Date a, int n) {
    int total = a.y * 12 + (a.m - 1) + n;
    Date r{total / 12, total % 12 + 1, a.d};
    int last = static_cast<int>(static_cast<unsigned>(year_month_day_last{year{r.y}, month_day_last{month{static_cast<unsigned>(r.m)}}}.day()));
    if (r.d > last) r.d = last;
    return r;
}

int last_day(int y, int m) {
    return static_cast<int>(static_cast<unsigned>(year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}.day()));
}

// Appends v (>= 0) as printf's "%0<width>d" writes it.  (snprintf costs about
// a thousand instructions a call; every date mention formats one or two.)
void put_padded(std::string& out, int v, int width) {
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (int i = n; i < width; ++i) out += '0';
    while (n > 0) out += tmp[--n];
}

std::string fmt_month(int y, int m) {
    y %= 10000;
    m %= 100;
    if (y < 0 || m < 0) {
        char b[16];
        std::snprintf(b, sizeof b, "%04d-%02d", y, m);
        return b;
    }
    std::string s;
    s.reserve(10);  // room for fmt_day's day
    put_padded(s, y, 4);
    s += '-';
    put_padded(s, m, 2);
    return s;
}
// "%04d-%02d-%02d": the month, then the day
std::string fmt_day(Date a) {
    std::string s = fmt_month(a.y, a.m);
    if (const int d = a.d % 100; d < 0) {  // printf's way with a minus sign
        char b[8];
        std::snprintf(b, sizeof b, "-%02d", d);
        s += b;
    } else {
        s += '-';
        put_padded(s, d, 2);
    }
    return s;
}
std::string fmt_year(int y) {
    char b[16];
    std::snprintf(b, sizeof b, "%04d", y % 10000);
    return b;
}

int to_int(std::string_view s, int fallback = -1) {
    if (s.empty() || s.size() > 9) return fallback;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return fallback;
        v = v * 10 + (c - '0');
    }
    return v;
}

int cap_int(const MatchContext& ctx, std::string_view name, int fallback = -1) {
    const Capture* c = ctx.get(name);
    return c ? to_int(c->value, fallback) : fallback;
}

int full_year(int y, std::string_view text) {
    if (text.size() == 2) return y + (y < 70 ? 2000 : 1900);
    return y;
}

// Whole-word search in the sentence's unit string; `word` is lower case, the
// sentence may be written in either (a case-sensitive rule sees it as written).
char ascii_lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool word_at(std::string_view s, std::size_t p, std::string_view word) {
    if (p + word.size() > s.size() || (p > 0 && s[p - 1] != ' ')) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (ascii_lower_char(s[p + k]) != word[k]) return false;
    return p + word.size() == s.size() || s[p + word.size()] == ' ';
}
// Does `s` end with the word `w` (any ASCII case, after a space or at the start)?
bool ends_with_word(std::string_view s, std::string_view w) { return s.size() >= w.size() && word_at(s, s.size() - w.size(), w); }

// The words of the sentence that future_context asks about, as bits: one
// pass over the sentence's space-separated pieces instead of one search per
// word.  A piece is a word exactly when has_word would find it there (a
// match starts at the text's start or after ' ' and ends at its end or
// before ' '); "harus sudah" is the piece "harus" and, one space later,
// "sudah".
enum SentenceWord : std::uint32_t {
    kwFuture = 1u << 0,        // akan, mendatang, depan, nanti, dijadwalkan, ... diproyeksikan
    kwCompare = 1u << 1,       // dibandingkan, dibanding
    kwCondition = 1u << 2,     // kalau, jika, apabila, "harus sudah"
    kwPast = 1u << 3,          // sejak, lalu, silam, kemarin
    kwAsk = 1u << 4,           // meminta, diminta, minta, harus, wajib, agar, ditargetkan, menargetkan, diharapkan
};
std::uint32_t sentence_words(std::string_view s) {
    struct W {
        std::string_view w;
        std::uint32_t bits;
    };
    static constexpr W kWords[] = {
        {"akan", kwFuture},        {"mendatang", kwFuture},    {"depan", kwFuture},
        {"nanti", kwFuture},       {"dijadwalkan", kwFuture},  {"rencananya", kwFuture},
        {"direncanakan", kwFuture}, {"ditargetkan", kwFuture | kwAsk}, {"diperkirakan", kwFuture},
        {"diprediksi", kwFuture},  {"diproyeksikan", kwFuture}, {"dibandingkan", kwCompare},
        {"dibanding", kwCompare},  {"kalau", kwCondition},     {"jika", kwCondition},
        {"apabila", kwCondition},  {"sejak", kwPast},          {"lalu", kwPast},
        {"silam", kwPast},         {"kemarin", kwPast},        {"meminta", kwAsk},
        {"diminta", kwAsk},        {"minta", kwAsk},           {"harus", kwAsk},
        {"wajib", kwAsk},          {"agar", kwAsk},            {"menargetkan", kwAsk},
        {"diharapkan", kwAsk}};
    constexpr std::size_t kMin = 4, kMax = 13;  // the shortest and longest of kWords (and "sudah")
    std::uint32_t bits = 0;
    bool after_harus = false;  // the previous piece is "harus"
    const std::size_t n = s.size();
    std::size_t p = 0;
    while (p <= n) {
        std::size_t e = p;
        while (e < n && s[e] != ' ') ++e;
        const std::size_t len = e - p;
        bool harus = false;
        if (len >= kMin && len <= kMax) {
            char buf[kMax];
            for (std::size_t k = 0; k < len; ++k) buf[k] = ascii_lower_char(s[p + k]);
            const std::string_view w(buf, len);
            if (after_harus && w == "sudah") bits |= kwCondition;
            harus = w == "harus";
            for (const auto& x : kWords)
                if (x.w.size() == len && x.w == w) bits |= x.bits;
        }
        after_harus = harus;
        p = e + 1;
    }
    return bits;
}

// The sentence speaks of the future: a missing year resolves forward.
bool future_context(const MatchContext& ctx) {
    // A date outside quotation marks takes its tense from the reporting
    // sentence, not from what the quoted speaker said ("…akan…," kata X, Selasa).
    std::string_view sentence = ctx.sentence;
    std::string outside;
    if (std::count(ctx.before.begin(), ctx.before.end(), '"') % 2 == 0 && sentence.find('"') != std::string_view::npos) {
        bool in = false;
        for (char c : sentence) {
            if (c == '"') {
                in = !in;
                outside.push_back(' ');
            } else if (!in) {
                outside.push_back(c);
            }
        }
        sentence = outside;
    }
    const std::uint32_t words = sentence_words(sentence);
    if (words & kwFuture) return true;
    // a condition or an obligation still to be met: "Kalau lancar, Februari kursi itu
    // sudah terisi", "Januari anggaran harus sudah bisa dibelanjakan" (not a comparison:
    // "naik jika dibandingkan Januari")
    if (!(words & kwCompare) && (words & kwCondition)) return true;
    // a deadline: "paling lambat 20 Desember"; "sebelum akhir Desember" in a
    // sentence that asks or aims ("meminta Pemkot menuntaskan … sebelum …")
    std::string_view b = ctx.before;
    auto ends = [&](std::string_view w) { return ends_with_word(b, w); };
    if (ends("paling lambat") || ends("selambatnya") || ends("selambat-lambatnya")) return true;
    // the end of a span still running ("imunisasi digelar mulai Senin (20/1/2025) hingga
    // pertengahan Februari"), unless the sentence tells of the past ("sejak ... hingga ...", "lalu")
    if ((ends("hingga") || ends("sampai") || ends("sampai dengan")) && !(words & kwPast)) return true;
    if (ends("sebelum") && (words & kwAsk)) return true;
    return false;
}

// The start of something not yet begun ("menyiapkan operasi pasar mulai awal
// Desember"): a later month than the reference's stays in the reference year
// (it does not go back a year).  Weaker than future_context: an earlier month
// is not moved to the next year ("berlaku mulai Januari" in March).
bool upcoming_start(const MatchContext& ctx) {
    return (ends_with_word(ctx.before, "mulai") || ends_with_word(ctx.before, "dimulai")) &&
           !(sentence_words(ctx.sentence) & kwPast);
}

const char* const kWeekdayNames[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Records the written weekday, whether it matches, and a warning when not.
void check_weekday(const MatchContext& ctx, Date a, NormaliserOutput& out) {
    const Capture* wd = ctx.get("weekday");
    if (!wd) return;
    int want = to_int(wd->value, 0);
    int is = iso_weekday(a);
    out.set("weekday", wd->text);
    out.set("weekday_matches", want == is);
    if (want != is && want >= 1 && want <= 7)
        out.warnings.emplace_back("weekday_mismatch", fmt_day(a) + " was a " + kWeekdayNames[is] + ", but the text says " +
                                                          std::string(kWeekdayNames[want]));
}

// A time of day from hour/minute/part-of-day captures; -1 when none.
bool read_time(const MatchContext& ctx, int& hh, int& mm, std::string& zone) {
    hh = cap_int(ctx, "hour");
    if (hh < 0) return false;
    mm = cap_int(ctx, "minute", 0);
    if (mm < 0) mm = 0;
    std::string_view part = ctx.value("part");  // pagi siang sore malam dini
    if (part.empty()) part = ctx.value("wpart");  // "Selasa malam pukul 8"
    if (part == "siang" && hh < 11) hh += 12;
    else if ((part == "sore" || part == "petang") && hh < 12) hh += 12;
    else if (part == "malam" && hh < 12 && hh >= 6) hh += 12;
    else if (part == "malam" && hh == 12) hh = 0;
    if (hh > 24 || mm > 59) return false;
    if (hh == 24) hh = 0;
    zone = std::string(ctx.value("zone"));
    return true;
}

std::string fmt_time(Date a, int hh, int mm, const std::string& zone) {
    hh %= 100;
    mm %= 100;
    std::string s = fmt_day(a);
    if (hh < 0 || mm < 0) {
        char b[32];
        std::snprintf(b, sizeof b, "T%02d:%02d", hh, mm);
        return s + b + zone;
    }
    s += 'T';
    put_padded(s, hh, 2);
    s += ':';
    put_padded(s, mm, 2);
    return s + zone;
}

// Writes a day's value, or the day with its clock time when one was written.
void put_day_or_time(const MatchContext& ctx, Date a, NormaliserOutput& out) {
    int hh, mm;
    std::string zone;
    if (read_time(ctx, hh, mm, zone)) {
        out.set("value", fmt_time(a, hh, mm, zone));
        out.set("granularity", std::string("minute"));
    } else {
        out.set("value", fmt_day(a));
        out.set("granularity", std::string("day"));
    }
}

// The year from `year`, or from the reference shifted by `yshift` ("tahun lalu" = -1).
int read_year(const MatchContext& ctx, std::string& resolved) {
    if (const Capture* yc = ctx.get("year")) return full_year(to_int(yc->value), yc->value);
    if (const Capture* ys = ctx.get("yshift"); ys && ctx.reference) {
        std::string_view v = ys->value;
        int sign = 1;
        if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
            sign = v[0] == '-' ? -1 : 1;
            v.remove_prefix(1);
        }
        resolved = "relative";
        return ctx.reference->y + sign * to_int(v, 0);
    }
    return -1;
}

// date: day/month/year (any may be missing but not all), weekday, time, `lalu`.
bool normalise_date(const MatchContext& ctx, NormaliserOutput& out) {
    int d = cap_int(ctx, "day");
    int m = cap_int(ctx, "month");
    std::string resolved = "explicit";
    int y = read_year(ctx, resolved);
    std::optional<Date> ref;
    if (ctx.reference) ref = Date{ctx.reference->y, ctx.reference->m, ctx.reference->d};
    bool past = ctx.get("past") != nullptr;  // "20 Oktober lalu"
    bool future = ctx.get("future") != nullptr;  // "14 Februari mendatang"

    if (d > 0 && m > 0) {
        if (y < 0) {
            if (!ref) return false;  // a day and month need a year to be a date
            y = ref->y;
            resolved = "reference_year";
            const Capture* wd = ctx.get("weekday");
            const int want = wd ? to_int(wd->value, 0) : 0;
            // "Jumat (13/10)": of the years around the reference, the one where the
            // written weekday fits, when exactly one does and neither `lalu` nor
            // `mendatang` says otherwise (a weekday repeats every 5-6 years)
            int fits = 0, fit_y = 0;
            if (want >= 1 && want <= 7 && !past && !future)
                for (int cy = y - 1; cy <= y + 1; ++cy)
                    if (valid(cy, m, d) && iso_weekday({cy, m, d}) == want) {
                        ++fits;
                        fit_y = cy;
                    }
            if (fits == 1) {
                y = fit_y;
            } else if (valid(y, m, d)) {
                sys_days cand = to_days({y, m, d});
                if (past || (!future && !future_context(ctx) && !upcoming_start(ctx))) {
                    if (cand > to_days(*ref)) --y;  // news prefers the past
                } else if (cand < to_days(*ref)) {
                    ++y;
                }
            }
        }
        if (!valid(y, m, d)) return false;
        Date a{y, m, d};
        put_day_or_time(ctx, a, out);
        check_weekday(ctx, a, out);
        out.set("resolved", resolved);
        return true;
    }
    if (m > 0) {
        if (m > 12) return false;
        if (y < 0) {
            if (!ref) return false;
            y = ref->y;
            if (future || (!past && future_context(ctx))) {
                if (m < ref->m) ++y;  // "Juni mendatang", "akan digelar pada Maret"
            } else if (m > ref->m && !upcoming_start(ctx)) {
                --y;  // "Juli lalu", or a month after the reference month in past-tense copy
            } else if (past && m == ref->m) {
                --y;
            }
            resolved = "reference_year";
        }
        out.set("value", fmt_month(y, m));
        out.set("granularity", std::string("month"));
        out.set("resolved", resolved);
        return true;
    }
    if (y > 0) {
        if (y < 1000 || y > 2999) return false;
        out.set("value", fmt_year(y));
        out.set("granularity", std::string("year"));
        out.set("resolved", resolved);
        return true;
    }
    // a time alone takes the reference date
    int hh, mm;
    std::string zone;
    if (ref && read_time(ctx, hh, mm, zone)) {
        out.set("value", fmt_time(*ref, hh, mm, zone));
        out.set("granularity", std::string("minute"));
        out.set("resolved", std::string("relative"));
        return true;
    }
    return false;
}

// relative: `shift` = "<n><unit>" from a word list (0d, -1d, +2d, -1w, 0m, -1y ...),
// or `n` (digits or number word value) with `unit` (d w m y) and `dir` (-1 or +1).
bool normalise_relative(const MatchContext& ctx, NormaliserOutput& out) {
    if (!ctx.reference) return false;
    Date ref{ctx.reference->y, ctx.reference->m, ctx.reference->d};
    int n = 0;
    char unit = 0;
    if (const Capture* s = ctx.get("shift")) {
        std::string_view v = s->value;
        if (v.size() < 2) return false;
        unit = v.back();
        v.remove_suffix(1);
        int sign = 1;
        if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
            sign = v[0] == '-' ? -1 : 1;
            v.remove_prefix(1);
        }
        n = sign * to_int(v, 0);
    } else {
        n = cap_int(ctx, "n", -1);
        if (n < 0) return false;
        std::string_view u = ctx.value("unit");
        std::string_view dir = ctx.value("dir");
        unit = u.empty() ? 0 : u[0];
        if (dir == "-1") n = -n;
    }
    std::string value, gran;
    switch (unit) {
        case 'd': value = fmt_day(add_days(ref, n)); gran = "day"; break;
        case 'w': {
            Date a = add_days(ref, 7 * n);
            year_month_day ymd{to_days(a)};
            // ISO week: the week's Thursday decides the year
            Date thu = add_days(a, 4 - iso_weekday(a));
            sys_days jan1 = to_days({thu.y, 1, 1});
            int week = static_cast<int>((to_days(thu) - jan1).count() / 7) + 1;
            char b[16];
            std::snprintf(b, sizeof b, "%04d-W%02d", thu.y % 10000, week % 100);
            value = b;
            gran = "week";
            (void)ymd;
            break;
        }
        case 'm': {
            Date a = add_months({ref.y, ref.m, 1}, n);
            value = fmt_month(a.y, a.m);
            gran = "month";
            break;
        }
        case 'y': value = fmt_year(ref.y + n); gran = "year"; break;
        default: return false;
    }
    int hh, mm;
    std::string zone;
    if (gran == "day" && read_time(ctx, hh, mm, zone)) {
        value = fmt_time(add_days(ref, n), hh, mm, zone);
        gran = "minute";
    }
    out.set("value", value);
    out.set("granularity", gran);
    out.set("resolved", std::string("relative"));
    return true;
}

// weekday_relative: a bare weekday (`pada Senin`, `Senin lalu`, `Jumat mendatang`)
// = the most recent such day on or before the reference date, or the next one
// after it when the sentence speaks of the future.
bool normalise_weekday(const MatchContext& ctx, NormaliserOutput& out) {
    if (!ctx.reference) return false;
    const Capture* wd = ctx.get("weekday");
    if (!wd) return false;
    int want = to_int(wd->value, 0);
    if (want < 1 || want > 7) return false;
    Date ref{ctx.reference->y, ctx.reference->m, ctx.reference->d};
    int is = iso_weekday(ref);
    if (const Capture* w = ctx.get("week")) {
        // "Selasa pekan depan": that weekday in the next (or last) ISO week
        int shift = w->value == "depan" ? 7 : -7;
        Date a = add_days(ref, shift + want - is);
        out.set("value", fmt_day(a));
        out.set("granularity", std::string("day"));
        out.set("weekday", wd->text);
        out.set("resolved", std::string("relative"));
        return true;
    }
    bool forward = ctx.get("future") != nullptr || (ctx.get("past") == nullptr && future_context(ctx));
    int delta;
    if (forward) {
        delta = (want - is + 7) % 7;
        if (delta == 0) delta = 7;
    } else {
        delta = -((is - want + 7) % 7);
        if (ctx.get("past") && delta == 0) delta = -7;
    }
    put_day_or_time(ctx, add_days(ref, delta), out);
    out.set("weekday", wd->text);
    out.set("resolved", std::string("relative"));
    return true;
}

// part: awal/pertengahan/akhir (`part` = early/mid/late) + month or year.
bool normalise_part(const MatchContext& ctx, NormaliserOutput& out) {
    std::string_view part = ctx.value("part");
    int m = cap_int(ctx, "month");
    if (const Capture* ms = ctx.get("mshift"); ms && ctx.reference) {
        // "akhir bulan ini", "awal bulan depan"
        int shift = ms->text == "bulan depan" ? 1 : ms->text == "bulan lalu" ? -1 : 0;
        Date a = add_months({ctx.reference->y, ctx.reference->m, 1}, shift);
        m = a.m;
        int last = last_day(a.y, a.m);
        int lo = part == "early" ? 1 : part == "mid" ? 11 : 21;
        int hi = part == "early" ? 10 : part == "mid" ? 20 : last;
        out.set("value", fmt_day({a.y, a.m, lo}) + "/" + fmt_day({a.y, a.m, hi}));
        out.set("granularity", std::string("interval"));
        out.set("resolved", std::string("relative"));
        return true;
    }
    std::string resolved = "explicit";
    int y = read_year(ctx, resolved);
    if (y < 0) {
        if (!ctx.reference) return false;
        y = ctx.reference->y;
        if (m <= 0) y += ctx.get("last") ? -1 : ctx.get("next") ? 1 : 0;  // "akhir tahun lalu", "awal tahun depan"
        bool future = ctx.get("future") != nullptr, past = ctx.get("past") != nullptr;
        if (m > 0 && future && m < ctx.reference->m) ++y;  // "awal Januari mendatang"
        else if (m > 0 && !future && m > ctx.reference->m && (past || !(future_context(ctx) || upcoming_start(ctx)))) --y;
        resolved = "reference_year";
    }
    if (y < 1000 || y > 2999) return false;
    if (m > 0) {
        if (m > 12) return false;
        int a = part == "early" ? 1 : part == "mid" ? 11 : 21;
        int b = part == "early" ? 10 : part == "mid" ? 20 : last_day(y, m);
        out.set("value", fmt_day({y, m, a}) + "/" + fmt_day({y, m, b}));
    } else {
        int a = part == "early" ? 1 : part == "mid" ? 5 : 9;
        out.set("value", fmt_month(y, a) + "/" + fmt_month(y, a + 3));
    }
    out.set("granularity", std::string("interval"));
    out.set("resolved", resolved);
    return true;
}

// The value of an earlier-stage date mention captured as `name`.
std::optional<std::string> mention_value(const MatchContext& ctx, std::string_view name) {
    const Capture* c = ctx.get(name);
    if (!c || !c->mention) return std::nullopt;
    for (const auto& [k, v] : c->mention->out.fields)
        if (k == "value" && std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return std::nullopt;
}

// interval: two dates (`from`, `to` mentions of an earlier stage), or
// day1-day2 month year, or year1-year2.
bool normalise_interval(const MatchContext& ctx, NormaliserOutput& out) {
    auto a = mention_value(ctx, "from");
    auto b = mention_value(ctx, "to");
    if (a && b) {
        if (a->find('/') != std::string::npos || b->find('/') != std::string::npos) return false;
        // "1 Januari - 3 Februari 2023": the first date took its year from the
        // reference; take the second's instead when it has one.
        const Capture* fc = ctx.get("from");
        const Capture* tc = ctx.get("to");
        std::string av = *a;
        auto resolved_of = [](const Capture* c) -> std::string {
            for (const auto& [k, v] : c->mention->out.fields)
                if (k == "resolved" && std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
            return "";
        };
        // relative words joined by "hingga" ("besok hingga lusa") stay two dates
        if (resolved_of(fc) == "relative" || resolved_of(tc) == "relative") return false;
        if (resolved_of(fc) == "reference_year" && resolved_of(tc) == "explicit" && av.size() >= 4 && b->size() >= 4)
            av = b->substr(0, 4) + av.substr(4);
        if (av > *b) return false;
        out.set("value", av + "/" + *b);
        out.set("granularity", std::string("interval"));
        out.set("resolved", std::string(resolved_of(tc) == "explicit" ? "explicit" : "reference_year"));
        return true;
    }
    int d1 = cap_int(ctx, "day1"), d2 = cap_int(ctx, "day2");
    int m = cap_int(ctx, "month");
    if (d1 > 0 && d2 > 0 && m > 0) {
        std::string resolved = "explicit";
        int y = read_year(ctx, resolved);
        if (y < 0) {
            if (!ctx.reference) return false;
            y = ctx.reference->y;
            const sys_days ref_days = to_days({ctx.reference->y, ctx.reference->m, ctx.reference->d});
            const bool past = ctx.get("past") != nullptr, future = ctx.get("future") != nullptr;  // "26-29 Oktober lalu"
            if (future) {
                if (valid(y, m, d2) && to_days({y, m, d2}) < ref_days) ++y;
            } else if (valid(y, m, d1) && to_days({y, m, d1}) > ref_days && (past || (!future_context(ctx) && !upcoming_start(ctx)))) {
                --y;
            }
            resolved = "reference_year";
        }
        if (!valid(y, m, d1) || !valid(y, m, d2) || d1 >= d2) return false;
        out.set("value", fmt_day({y, m, d1}) + "/" + fmt_day({y, m, d2}));
        out.set("granularity", std::string("interval"));
        const Capture* w1 = ctx.get("wd1");
        const Capture* w2 = ctx.get("wd2");
        if (w1 && w2) {  // "Senin-Rabu (13-15/2/2023)": both ends must match
            bool ok1 = to_int(w1->value, 0) == iso_weekday({y, m, d1});
            bool ok2 = to_int(w2->value, 0) == iso_weekday({y, m, d2});
            out.set("weekday", w1->text + "-" + w2->text);
            out.set("weekday_matches", ok1 && ok2);
            if (!(ok1 && ok2))
                out.warnings.emplace_back("weekday_mismatch", fmt_day({y, m, ok1 ? d2 : d1}) + " was a " +
                                                                  kWeekdayNames[iso_weekday({y, m, ok1 ? d2 : d1})] +
                                                                  ", not the weekday the text gives");
        }
        out.set("resolved", resolved);
        return true;
    }
    int m1 = cap_int(ctx, "month1"), m2 = cap_int(ctx, "month2");
    if (m1 > 0 && m2 > 0) {
        int y = cap_int(ctx, "year");
        if (y < 1000 || y > 2999 || m1 > 12 || m2 > 12 || m1 >= m2) return false;
        out.set("value", fmt_month(y, m1) + "/" + fmt_month(y, m2));
        out.set("granularity", std::string("interval"));
        out.set("resolved", std::string("explicit"));
        return true;
    }
    int y1 = cap_int(ctx, "year1"), y2 = cap_int(ctx, "year2");
    if (y1 > 0 && y2 > 0) {
        if (const Capture* c = ctx.get("year2"); c && c->value.size() == 2) y2 = y1 / 100 * 100 + y2;
        if (y1 < 1000 || y2 > 2999 || y1 >= y2) return false;
        out.set("value", fmt_year(y1) + "/" + fmt_year(y2));
        out.set("granularity", std::string("interval"));
        out.set("resolved", std::string("explicit"));
        return true;
    }
    return false;
}

// quarter: `kind` (kuartal, triwulan, kuarter, semester) and `q` (i..iv, 1..4,
// pertama..keempat) with `year` -> an interval of months.
bool normalise_quarter(const MatchContext& ctx, NormaliserOutput& out) {
    std::string_view kind = ctx.value("kind");
    std::string_view q = ctx.value("q");
    int y = cap_int(ctx, "year");
    std::string resolved = "explicit";
    if (y < 0 && ctx.reference) {  // "kuartal III": the reference year
        y = ctx.reference->y;
        resolved = "reference_year";
    }
    if (y < 1000 || y > 2999) return false;
    int n = q == "i" || q == "1" || q == "pertama" ? 1 : q == "ii" || q == "2" || q == "kedua" ? 2
          : q == "iii" || q == "3" || q == "ketiga" ? 3 : q == "iv" || q == "4" || q == "keempat" ? 4 : 0;
    int len = kind == "semester" || kind == "paruh" ? 6 : 3;
    if (n < 1 || n * len > 12) return false;
    out.set("value", fmt_month(y, (n - 1) * len + 1) + "/" + fmt_month(y, n * len));
    out.set("granularity", std::string("interval"));
    out.set("resolved", resolved);
    return true;
}

// hijri: day, month (1..12 of the Islamic calendar), year (AH) -> Gregorian,
// with ICU's Umm al-Qura calendar (the tabular civil one where it has no data).
bool normalise_hijri(const MatchContext& ctx, NormaliserOutput& out) {
    int d = cap_int(ctx, "day"), m = cap_int(ctx, "month"), y = cap_int(ctx, "year");
    if (d < 1 || d > 30 || m < 1 || m > 12 || y < 1 || y > 2000) return false;
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> hijri(icu::Calendar::createInstance(icu::Locale("id@calendar=islamic-umalqura"), st));
    if (U_FAILURE(st)) return false;
    hijri->clear();
    hijri->set(UCAL_ERA, 0);
    hijri->set(y, m - 1, d);
    UDate when = hijri->getTime(st);
    if (U_FAILURE(st)) return false;
    icu::GregorianCalendar greg(icu::TimeZone::getGMT()->clone(), st);
    hijri->setTimeZone(*icu::TimeZone::getGMT());
    greg.setTime(when, st);
    if (U_FAILURE(st)) return false;
    Date a{greg.get(UCAL_YEAR, st), greg.get(UCAL_MONTH, st) + 1, greg.get(UCAL_DATE, st)};
    if (U_FAILURE(st) || !valid(a.y, a.m, a.d)) return false;
    out.set("value", fmt_day(a));
    out.set("granularity", std::string("day"));
    out.set("calendar", std::string("islamic"));
    out.set("resolved", std::string("explicit"));
    return true;
}

// holiday: `day` = "MM-DD" from the named-day list; year from `year` or the reference.
bool normalise_holiday(const MatchContext& ctx, NormaliserOutput& out) {
    std::string_view md = ctx.value("day");
    if (md.size() != 5 || md[2] != '-') return false;
    int m = to_int(md.substr(0, 2)), d = to_int(md.substr(3, 2));
    std::string resolved = "explicit";
    int y = read_year(ctx, resolved);
    if (y < 0) {
        if (!ctx.reference) return false;
        y = ctx.reference->y;
        resolved = "reference_year";
    }
    if (!valid(y, m, d)) return false;
    out.set("value", fmt_day({y, m, d}));
    out.set("granularity", std::string("day"));
    out.set("resolved", resolved);
    return true;
}

bool parse_day(std::string_view v, Date& out) {
    // a day, perhaps with a time ("2024-11-19T17:00+07:00"); not an interval or a week
    if (v.size() < 10 || !valid_iso_date(v.substr(0, 10)) || (v.size() > 10 && v[10] != 'T')) return false;
    std::from_chars(v.data(), v.data() + 4, out.y);
    std::from_chars(v.data() + 5, v.data() + 7, out.m);
    std::from_chars(v.data() + 8, v.data() + 10, out.d);
    return true;
}

const std::string* string_field(const Mention& m, std::string_view key) {
    const Value* v = m.field(key);
    return v ? std::get_if<std::string>(v) : nullptr;
}

}  // namespace

std::string format_iso_day(int y, int m, int d) { return fmt_day({y, m, d}); }

void weekdays_from_article(std::vector<Mention>& dates, std::string_view reference) {
    Date ref;
    if (!parse_day(reference, ref)) return;
    const sys_days ref_days = to_days(ref);
    std::vector<Date> written;  // full dates written so far in the week after the reference date
    for (auto& m : dates) {
        if (m.type != "date") continue;
        const std::string* value = string_field(m, "value");
        const std::string* resolved = string_field(m, "resolved");
        Date a;
        if (!value || !parse_day(*value, a)) continue;
        const sys_days ad = to_days(a);
        if (!resolved || *resolved == "explicit") {
            if (ad > ref_days && ad <= ref_days + days{6}) written.push_back(a);
            continue;
        }
        // a bare weekday resolved into the past, with no "lalu"/"kemarin" of its own
        if (*resolved != "relative" || !m.field("weekday") || ad > ref_days) continue;
        const std::string& t = m.span.text;
        if (t.find(" lalu") != std::string::npos || t.find(" kemarin") != std::string::npos) continue;
        for (auto it = written.rbegin(); it != written.rend(); ++it)
            if (iso_weekday(*it) == iso_weekday(a)) {
                std::string v = fmt_day(*it) + value->substr(10);
                for (auto& [k, f] : m.fields)
                    if (k == "value") f = std::move(v);
                break;
            }
    }
}

void years_from_article(std::vector<Mention>& dates) {
    // month -> the year of the last date with that month whose year was written
    std::array<int, 13> year_of{};
    for (auto& m : dates) {
        if (m.type != "date") continue;
        const std::string* value = string_field(m, "value");
        const std::string* resolved = string_field(m, "resolved");
        if (!value || !resolved) continue;
        // a day (perhaps with a time), a month, or days of one month ("2026-12-02/2026-12-05")
        const std::string_view v = *value;
        Date a, b;
        const std::size_t slash = v.find('/');
        bool ok = false;
        if (slash != std::string_view::npos)
            ok = parse_day(v.substr(0, slash), a) && parse_day(v.substr(slash + 1), b) && a.y == b.y && a.m == b.m &&
                 v.size() == slash + 11;
        else if (v.size() == 7 && v[4] == '-')  // (the month is checked below)
            ok = std::from_chars(v.data(), v.data() + 4, a.y).ptr == v.data() + 4 &&
                 std::from_chars(v.data() + 5, v.data() + 7, a.m).ptr == v.data() + 7;
        else
            ok = parse_day(v, a);
        if (!ok || a.m < 1 || a.m > 12) continue;
        if (*resolved == "explicit") {
            year_of[static_cast<std::size_t>(a.m)] = a.y;
            continue;
        }
        const int y = year_of[static_cast<std::size_t>(a.m)];
        // only a year the grammar guessed: not one a weekday fixed, nor one a
        // `lalu` or `mendatang` on the date itself chose
        if (*resolved != "reference_year" || y == 0 || y == a.y || m.field("weekday")) continue;
        const std::string& t = m.span.text;
        bool directed = false;
        for (std::string_view w : {" lalu", " silam", " kemarin", " mendatang", " depan", " nanti"})
            directed = directed || t.find(w) != std::string::npos;
        if (directed) continue;
        if (v.size() >= 10 && (!valid(y, a.m, a.d) || (slash != std::string_view::npos && !valid(y, b.m, b.d)))) continue;  // (29 February)
        std::string nv(v);
        const std::string ys = std::to_string(y);
        if (ys.size() != 4) continue;
        nv.replace(0, 4, ys);
        if (slash != std::string_view::npos) nv.replace(slash + 1, 4, ys);
        for (auto& [k, f] : m.fields)
            if (k == "value") f = nv;
    }
}

void add_date_normalisers(std::map<std::string, Normaliser, std::less<>>& map) {
    map.emplace("date", normalise_date);
    map.emplace("date_relative", normalise_relative);
    map.emplace("date_weekday", normalise_weekday);
    map.emplace("date_part", normalise_part);
    map.emplace("date_interval", normalise_interval);
    map.emplace("date_hijri", normalise_hijri);
    map.emplace("date_quarter", normalise_quarter);
    map.emplace("date_holiday", normalise_holiday);
}

}  // namespace warta::detail
