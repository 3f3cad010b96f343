// Boilerplate recognition: whole lines of page leftovers (see boilerplate.hpp),
// plus editor initials at the end of the last article line.
//
// Every pattern is matched against a whole line (trimmed of spaces) with
// RE2::ANCHOR_BOTH, so "starts with" patterns end in `.*`.  Patterns are
// compiled once (function-local static); compiled RE2 objects are immutable
// and thread-safe.  The text is already normalised: quotes and dashes are
// ASCII, Unicode spaces are ' ', line ends are '\n'.
#include "boilerplate.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <memory>

namespace warta::detail {
namespace {

struct Rule {
    const char* kind;
    std::size_t max_len;  // lines longer than this (bytes) are content
};

/// All line rules in one RE2::Set (one DFA pass per line); the first rule, in
/// priority order, that matches and allows the line's length wins.
struct Rules {
    std::vector<Rule> line_rules;  // indexed like the patterns of `set`
    std::unique_ptr<RE2::Set> set;
    std::size_t max_len = 0;                 // longest line any rule accepts
    std::unique_ptr<RE2> trailing_initials;  // "... kata dia. (ant/abc)"
    std::unique_ptr<RE2> caption_credit;     // "Wali kota menerima piala (Foto: Humas)"
};

constexpr std::size_t kCaptionMax = 400;

constexpr std::size_t kShort = 120;  // for rules that match a few fixed words

const Rules& rules() {
    static const Rules r = [] {
        Rules out;
        RE2::Options o;
        o.set_log_errors(false);
        o.set_case_sensitive(true);  // case-insensitive rules say (?i)
        out.set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
        auto add = [&](const char* kind, const char* pattern, std::size_t max_len) {
            if (out.set->Add(pattern, nullptr) >= 0) {
                out.line_rules.push_back({kind, max_len});
                out.max_len = std::max(out.max_len, max_len);
            }
        };
        // In priority order: the first rule that matches a line wins.
        add("advertisement",
            R"((?i)(?:advertisement|advertisment|iklan)(?:\s*-?\s*(?:scroll|gulir)\s+(?:to|untuk)\s+(?:continue\s+with|resume)\s+content)?)",
            kShort);
        add("scroll",
            R"((?i)(?:scroll|gulir)(?:\s+ke\s+bawah)?\s+(?:to|untuk)\s+(?:continue\s+with\s+content|resume\s+content|continue(?:\s+reading)?|melanjutkan(?:\s+membaca)?|lanjut(?:\s+membaca)?))",
            kShort);
        add("video", R"((?i)(?:simak|tonton|saksikan)\s+(?:juga\s+)?video\b.*)", 400);
        add("video", R"((?i)\[\s*gambas\s*:\s*video[^\]]*\].*)", 400);
        add("embed", R"((?i)\[\s*gambas\s*:[^\]]*\])", kShort);
        add("read_also", R"((?i)[\[(]?\s*(?:baca|lihat|simak)\s+(?:juga|pula)\s*(?::|-).*)", 400);
        add("read_also", R"((?i)(?:berita|artikel)\s+(?:terkait|lainnya)\s*(?::.*)?)", 400);
        add("credit", R"((?i)artikel\s+ini\s+(?:telah\s+|sudah\s+)?(?:tayang|terbit|dimuat)\s+(?:di|pada|dengan)\b.*)", 400);
        add("credit", R"((?i)sumber\s*:.*)", 200);
        add("promo", R"((?i)dapatkan\s+(?:update|informasi|berita|notifikasi|info)\b.*)", 400);
        add("promo",
            R"((?i)(?:ikuti|follow|gabung|join|simak)\b.*\b(?:google\s+news|whatsapp\s+channel|saluran\s+whatsapp|telegram\s+channel)\b.*)",
            400);
        add("byline", R"((?i)(?:penulis|pewarta|editor|reporter|penyunting|redaktur|wartawan|kontributor)\s*:.*)", 200);
        add("byline", R"((?i)laporan\s+(?:wartawan|reporter|koresponden|kontributor)\b.*)", 200);
        add("caption", R"((?i)foto\s*:.*)", 600);
        add("caption", R"((?i)lihat\s+foto)", kShort);
        add("copyright", R"((?i)(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}|hak\s+cipta\s*©).*)", 300);
        add("navigation",
            R"((?i)(?:halaman\s+(?:selanjutnya|berikutnya|sebelumnya|\d+(?:\s+\d+)*(?:\s+selanjutnya)?)|selanjutnya|selengkapnya|baca\s+selengkapnya|lanjut\s+baca|load\s+more|loading\.*))",
            kShort);
        // Editor initials: (ncm/ega), (ant), (ncm/ega)(rdn) -- lower case only,
        // so (BKN), (Pemkot) and (23/12/2022) never match.
        add("editor_initials", R"((?:\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*\)\s*)+)", kShort);
        if (!out.set->Compile()) {
            out.set.reset();
            out.line_rules.clear();
        }
        RE2::Options oi;
        oi.set_log_errors(false);
        out.trailing_initials = std::make_unique<RE2>(R"((?:\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*\)\s*)+$)", oi);
        // Kept out of the set: a leading .* would make the set scan every line.
        out.caption_credit = std::make_unique<RE2>(R"(\(\s*(?i:foto)\s*:[^()]*\)$)", oi);
        return out;
    }();
    return r;
}

/// Bytes that can open a line some line rule matches (anchored at the line's
/// start, case-insensitive): the first letters of the rules' words (RE2's case
/// folding also takes U+017F and U+212A for s and k: their lead bytes), `[`, `(`,
/// the lead byte of `©`.  A line opening with another byte skips the set.
constexpr std::array<bool, 256> kRuleFirst = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("abcdefghijklprstw")) {
        t[static_cast<unsigned char>(c)] = true;
        t[static_cast<unsigned char>(c - 'a' + 'A')] = true;
    }
    t['['] = t['('] = true;
    t[0xC2] = t[0xC5] = t[0xE2] = true;
    return t;
}();

struct Line {
    std::uint32_t start;  // trimmed content
    std::uint32_t end;
    bool boilerplate;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/// Editor initials at the end of `line` (an article line), or false.
bool trailing_initials(std::string_view text, const Line& line, Zone& zone) {
    const RE2* re = rules().trailing_initials.get();
    if (re == nullptr || !re->ok()) return false;
    const std::string_view s = text.substr(line.start, line.end - line.start);
    if (s.empty() || s.back() != ')') return false;
    re2::StringPiece m;
    if (!re->Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), RE2::UNANCHORED, &m, 1)) return false;
    std::size_t a = static_cast<std::size_t>(m.data() - s.data());
    if (a == 0) return false;  // the whole line: handled as a line rule
    // Only after the end of a sentence: "... 2022. (ant/abc)".
    std::size_t k = a;
    while (k > 0 && is_space(s[k - 1])) --k;
    if (k == 0) return false;
    const char prev = s[k - 1];
    if (prev != '.' && prev != '!' && prev != '?' && prev != '"' && prev != '\'') return false;
    std::size_t e = s.size();
    while (e > a && is_space(s[e - 1])) --e;
    zone = {static_cast<std::uint32_t>(line.start + a), static_cast<std::uint32_t>(line.start + e), "editor_initials"};
    return true;
}

}  // namespace

std::vector<Zone> find_boilerplate(std::string_view text) {
    std::vector<Zone> zones;
    const Rules& r = rules();
    std::size_t last_content = static_cast<std::size_t>(-1);  // index into lines
    std::vector<Line> lines;
    std::vector<int> hits;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::size_t a = pos, b = nl;
        while (a < b && is_space(text[a])) ++a;
        while (b > a && is_space(text[b - 1])) --b;
        pos = nl + 1;
        if (a == b) continue;
        Line line{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), false};
        // First whether any rule matches (with no list of hits RE2 allocates
        // nothing), then, for the few lines that match, which rules.
        const re2::StringPiece piece(text.data() + a, b - a);
        if (r.set && b - a <= r.max_len && kRuleFirst[static_cast<unsigned char>(text[a])] && r.set->Match(piece, nullptr) && r.set->Match(piece, &hits)) {
            std::sort(hits.begin(), hits.end());
            for (int h : hits) {
                const Rule& rule = r.line_rules[static_cast<std::size_t>(h)];
                if (b - a > rule.max_len) continue;
                zones.push_back({line.start, line.end, rule.kind});
                line.boilerplate = true;
                break;
            }
        }
        if (!line.boilerplate && text[b - 1] == ')' && b - a <= kCaptionMax && r.caption_credit->ok() &&
            r.caption_credit->Match(re2::StringPiece(text.data() + a, b - a), 0, b - a, RE2::UNANCHORED, nullptr, 0)) {
            zones.push_back({line.start, line.end, "caption"});
            line.boilerplate = true;
        }
        if (!line.boilerplate) last_content = lines.size();
        lines.push_back(line);
    }
    if (last_content != static_cast<std::size_t>(-1)) {
        Zone z;
        if (trailing_initials(text, lines[last_content], z)) {
            auto it = std::lower_bound(zones.begin(), zones.end(), z.start,
                                       [](const Zone& x, std::uint32_t v) { return x.start < v; });
            zones.insert(it, std::move(z));
        }
    }
    return zones;
}

}  // namespace warta::detail
