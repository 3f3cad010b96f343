#include "corpus_gen.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

namespace warta::bench {

namespace {

constexpr std::array<const char*, 12> kMonths = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                                 "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<const char*, 12> kMonthsShort = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                                      "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
constexpr std::array<const char*, 7> kWeekdays = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};
// Capitalised words of five letters or more are, one in eight, replaced by one of these.
constexpr std::array<const char*, 48> kNames = {
    "Bandung",  "Surabaya", "Medan",     "Makassar",  "Semarang",  "Palembang", "Denpasar", "Padang",
    "Malang",   "Bogor",    "Pontianak", "Manado",    "Kupang",    "Jayapura",  "Ambon",    "Kendari",
    "Mataram",  "Jambi",    "Bengkulu",  "Lampung",   "Cirebon",   "Tegal",     "Kediri",   "Jember",
    "Budi",     "Siti",     "Agus",      "Dewi",      "Hendra",    "Rina",      "Wahyu",    "Yusuf",
    "Santoso",  "Hidayat",  "Nugroho",   "Setiawan",  "Kurniawan", "Siregar",   "Nasution", "Lubis",
    "Wibowo",   "Saputra",  "Rahmawati", "Purnomo",   "Gunawan",   "Halim",     "Tanjung",  "Sitompul"};

// Leftmost-first alternatives; the first one that matches at the leftmost position wins.
const char* const kPattern =
    R"((\b(?:19|20)\d\d-\d\d-\d\d\b))"                                        // 1 ISO date
    R"(|(\b\d{1,2}/\d{1,2}(?:/(?:19|20)\d\d)?\b))"                            // 2 19/4/2023, (19/4)
    R"(|(\b\d{1,2}(?:[-–]\d{1,2})? (?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sept|Sep|Okt|Nov|Des)\b))"  // 3 19 April, 10-15 Juni
    R"(|(\b(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)\b))"  // 4 month
    R"(|(\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b))"               // 5 weekday
    R"(|((?:\b[Pp]ukul )\d{1,2}[.:]\d\d\b|\b\d{1,2}[.:]\d\d (?:WIB|WITA|WIT)\b))"  // 6 time of day
    R"(|(\b(?:19|20)\d\d\b))"                                                 // 7 year
    R"(|(\d+))"                                                               // 8 other number
    R"(|(\b[A-Z][a-z]{4,}\b))";                                               // 9 capitalised word

const RE2& pattern() {
    static const RE2 re(kPattern);
    return re;
}

std::uint64_t pick(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `v` written as `orig` was: zero-padded to two digits when `orig` was.
std::string like(std::string_view orig, int v) {
    std::string s = std::to_string(v);
    if (orig.size() == 2 && orig[0] == '0' && s.size() == 1) s.insert(s.begin(), '0');
    return s;
}

struct Varier {
    std::mt19937_64& rng;
    int year_shift;

    std::string year(std::string_view y) const { return std::to_string(std::stoi(std::string(y)) + year_shift); }
    std::string day(std::string_view orig) { return like(orig, 1 + static_cast<int>(pick(rng, 28))); }
    std::string month(std::string_view orig) { return like(orig, 1 + static_cast<int>(pick(rng, 12))); }

    // Digits of the same length; a leading zero stays, another leading digit stays non-zero.
    std::string digits(std::string_view orig) {
        std::string s(orig);
        for (std::size_t k = 0; k < s.size(); ++k) {
            if (k == 0 && s.size() > 1) s[k] = s[k] == '0' ? '0' : static_cast<char>('1' + pick(rng, 9));
            else s[k] = static_cast<char>('0' + pick(rng, 10));
        }
        return s;
    }

    std::string month_name(std::string_view orig) {
        bool full = std::find_if(kMonths.begin(), kMonths.end(), [&](const char* m) { return orig == m; }) != kMonths.end();
        return full ? kMonths[pick(rng, 12)] : kMonthsShort[pick(rng, 12)];
    }

    // Replaces every digit run of `s` by f(run index, run).
    template <class F>
    static std::string map_digit_runs(std::string_view s, F f) {
        std::string out;
        int n = 0;
        for (std::size_t i = 0; i < s.size();) {
            if (!is_digit(s[i])) {
                out.push_back(s[i++]);
                continue;
            }
            std::size_t j = i;
            while (j < s.size() && is_digit(s[j])) ++j;
            out += f(n++, s.substr(i, j - i));
            i = j;
        }
        return out;
    }

    std::string iso(std::string_view m) {
        return map_digit_runs(m, [&](int k, std::string_view r) { return k == 0 ? year(r) : k == 1 ? month(r) : day(r); });
    }
    std::string dmy(std::string_view m) {
        return map_digit_runs(m, [&](int k, std::string_view r) { return k == 0 ? day(r) : k == 1 ? month(r) : year(r); });
    }
    std::string day_month(std::string_view m) {
        std::size_t sp = m.rfind(' ');
        std::string_view days = m.substr(0, sp), name = m.substr(sp + 1);
        int first = 1 + static_cast<int>(pick(rng, 20));
        std::string d = map_digit_runs(days, [&](int k, std::string_view r) {
            return like(r, k == 0 ? first : first + 1 + static_cast<int>(pick(rng, 8)));
        });
        return d + " " + month_name(name);
    }
    std::string time_of_day(std::string_view m) {
        return map_digit_runs(m, [&](int k, std::string_view r) {
            return like(r, k == 0 ? static_cast<int>(pick(rng, 24)) : static_cast<int>(pick(rng, 60)));
        });
    }
};

std::optional<std::string> shift_date(const std::optional<std::string>& date, int years) {
    if (!date || date->size() != 10) return date;
    int y = std::stoi(date->substr(0, 4)) + years;
    std::string md = date->substr(4);
    if (md == "-02-29") md = "-02-28";
    return std::to_string(y) + md;
}

}  // namespace

std::vector<Article> load_articles(const std::string& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().string().ends_with(".gold.json")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Article> out;
    for (const auto& f : files) {
        std::ifstream in(f);
        auto j = nlohmann::json::parse(in);
        Article a;
        a.text = j.at("text").get<std::string>();
        std::string name = f.filename().string();
        a.id = j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>()
                                                       : name.substr(0, name.size() - std::string(".gold.json").size());
        if (j.contains("date") && j["date"].is_string()) a.date = j["date"].get<std::string>();
        out.push_back(std::move(a));
    }
    return out;
}

BenchDoc vary(const Article& a, std::mt19937_64& rng) {
    Varier v{rng, static_cast<int>(pick(rng, 9)) - 6};  // years -6 .. +2
    const RE2& re = pattern();
    constexpr int kGroups = 10;
    std::array<re2::StringPiece, kGroups> g;
    std::string out;
    out.reserve(a.text.size() + 64);
    std::string_view text = a.text;
    std::size_t pos = 0;
    // The span first (DFA only), then which alternative matched, over the span alone.
    while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, g.data(), 1)) {
        std::size_t start = static_cast<std::size_t>(g[0].data() - text.data());
        std::string_view m(g[0].data(), g[0].size());
        re.Match(m, 0, m.size(), RE2::ANCHOR_BOTH, g.data(), kGroups);
        out.append(text.substr(pos, start - pos));
        int which = 1;
        while (which < kGroups && g[which].data() == nullptr) ++which;
        switch (which) {
            case 1: out += v.iso(m); break;
            case 2: out += v.dmy(m); break;
            case 3: out += v.day_month(m); break;
            case 4: out += kMonths[pick(rng, 12)]; break;
            case 5: out += kWeekdays[pick(rng, 7)]; break;
            case 6: out += v.time_of_day(m); break;
            case 7: out += v.year(m); break;
            case 8: out += v.digits(m); break;
            default: out += pick(rng, 8) == 0 ? std::string(kNames[pick(rng, kNames.size())]) : std::string(m); break;
        }
        pos = start + m.size();
        if (m.empty()) {  // cannot happen with this pattern; guards the loop
            if (pos < text.size()) out.push_back(text[pos]);
            ++pos;
        }
    }
    if (pos < text.size()) out.append(text.substr(pos));
    return BenchDoc{{}, std::move(out), shift_date(a.date, v.year_shift)};
}

GenStats generate(const std::vector<Article>& articles, std::size_t target_bytes, std::uint64_t seed,
                  const std::function<void(BenchDoc&&)>& emit) {
    if (articles.empty()) throw std::runtime_error("no articles to vary");
    std::mt19937_64 rng(seed);
    std::unordered_set<std::uint64_t> seen;
    GenStats st;
    for (std::size_t k = 0; st.bytes < target_bytes; ++k) {
        const Article& a = articles[k % articles.size()];
        BenchDoc d;
        for (int attempt = 0;; ++attempt) {
            if (attempt == 8) throw std::runtime_error("article " + a.id + ": 8 variants in a row repeat earlier texts");
            d = vary(a, rng);
            if (seen.insert(fnv1a(d.text)).second) break;
            ++st.redraws;
        }
        d.id = "bench-" + std::to_string(k) + "-" + a.id;
        st.bytes += d.text.size();
        ++st.documents;
        emit(std::move(d));
    }
    return st;
}

}  // namespace warta::bench
