// Person finder (see persons.hpp and docs/persons.md, section "People").
#include "persons.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <initializer_list>

#include "grammar.hpp"  // work_counters()
#include "warta/warta.hpp"

namespace warta::detail {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> split_words(std::string_view s) {
    // words separated by spaces; , / ( ) are words of their own (as the tokenizer makes them)
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(lower_ascii(cur));
        cur.clear();
    };
    for (char c : s) {
        if (c == ' ') {
            flush();
        } else if (c == ',' || c == '/' || c == '(' || c == ')') {
            flush();
            out.emplace_back(1, c);
        } else {
            cur += c;
        }
    }
    flush();
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(std::string_view file, std::size_t line, std::size_t col, std::string_view why) {
    throw GrammarError(std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                       std::string(why));
}

/// A byte b with 0x2D < b < 0x5B in x (exact, word at a time: "hasbetween" of the bit hacks).
inline bool any_byte_in_2e_5a(std::uint64_t x) {
    constexpr std::uint64_t ones = ~0ull / 255;
    return (((ones * (127 + 0x5B) - (x & ones * 127)) & ~x & ((x & ones * 127) + ones * (127 - 0x2D))) & (ones * 128)) != 0;
}

// Is `t` the abbreviation `w` written with its dot ("Pol." for `pol`)?  (Out of
// line: the phrase matcher asks only when the lengths say it may be.)
[[gnu::noinline]] bool dotted_form_of(const Tok& t, std::string_view w) {
    return t.kind == TokenKind::abbreviation && t.lower.size() == w.size() + 1 && t.lower.back() == '.' &&
           std::string_view(t.lower).substr(0, w.size()) == w;
}

/// False when `s` has neither '.' nor an ASCII capital (the bytes that undotted() changes); true
/// may also mean a digit or another byte of 0x2E..0x5A (the caller then compares undotted(s)).
/// Short strings are read as at most two overlapping loads (or three bytes), no loop per byte.
bool may_have_dot_or_upper(std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
    if (n >= 8) {
        for (; n > 8; p += 8, n -= 8)
            if (any_byte_in_2e_5a(load_unaligned<std::uint64_t>(p))) return true;
        return any_byte_in_2e_5a(load_unaligned<std::uint64_t>(p + n - 8));  // the last 8 bytes (may overlap)
    }
    std::uint64_t w;
    if (n >= 4) w = (static_cast<std::uint64_t>(load_unaligned<std::uint32_t>(p)) << 32) | load_unaligned<std::uint32_t>(p + n - 4);
    else if (n > 0)
        w = (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
            (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) | static_cast<unsigned char>(p[n - 1]);
    else return false;
    return any_byte_in_2e_5a(w);  // (zero bytes are outside the range)
}

// Dots removed: degrees and honorifics compare without them (S.H. == SH).
std::string undotted(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '.') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

bool PersonFinder::handles(std::string_view kind) {
    return kind == "person-title" || kind == "person-honorific" || kind == "person-degree" ||
           kind == "person-rank" || kind == "person-cue" || kind == "person-stop" || kind == "person-given";
}

void PersonFinder::add_table(std::string_view kind, std::string_view file, std::string_view content) {
    if (!handles(kind)) fail(file, 1, 1, "unknown person table kind '" + std::string(kind) + "'");
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view line = content.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty() || trim(line).front() == '#') continue;
        std::size_t tab = line.find('\t');
        std::string_view first = trim(line.substr(0, tab));
        std::string_view second = tab == std::string_view::npos ? std::string_view{} : trim(line.substr(tab + 1));
        if (second.find('\t') != std::string_view::npos) second = trim(second.substr(0, second.find('\t')));
        if (first.empty()) fail(file, line_no, 1, "empty entry");
        const std::size_t col2 = tab == std::string_view::npos ? line.size() + 1 : tab + 2;
        auto words = split_words(first);
        auto need_class = [&](std::initializer_list<std::string_view> allowed) -> std::size_t {
            std::size_t k = 0;
            for (auto a : allowed) {
                if (second == a) return k;
                ++k;
            }
            std::string list;
            for (auto a : allowed) {
                if (!list.empty()) list += '|';
                list += a;
            }
            fail(file, line_no, col2,
                 second.empty() ? "missing class (" + list + ")"
                                : "unknown class '" + std::string(second) + "' (" + list + ")");
        };
        // each entry goes straight into words_ (a word's flags: the lists holding it; the
        // phrase lists are map values, whose addresses stay)
        if (kind == "person-title") {
            auto cls = need_class({"office", "head", "place", "prefix", "role"});
            auto& v = titles_[words.front()];
            v.push_back(Phrase{words, static_cast<std::uint8_t>(cls)});
            words_[words.front()].titles = &v;
        } else if (kind == "person-rank") {
            auto cls = need_class({"rank", "suffix"});
            auto& v = ranks_[words.front()];
            v.push_back(Phrase{words, static_cast<std::uint8_t>(cls)});
            words_[words.front()].ranks = &v;
        } else if (kind == "person-honorific" || kind == "person-degree") {
            if (words.size() != 1) fail(file, line_no, 1, "one word expected");
            words_[undotted(words.front())].flags |= kind == "person-honorific" ? w_honorific : w_degree;
        } else if (kind == "person-cue") {
            if (words.size() != 1) fail(file, line_no, 1, "one word expected");
            auto cls = need_class({"before", "after", "adverb"});
            words_[words.front()].flags |= cls == 0 ? w_cue_before : cls == 1 ? w_cue_after : w_adverb;
        } else if (kind == "person-stop") {
            if (words.size() != 1) fail(file, line_no, 1, "one word expected");
            auto cls = need_class({"stop", "place-noun"});
            words_[words.front()].flags |= cls == 0 ? w_stop : (w_place_noun | w_stop);
        } else {  // person-given
            if (words.size() != 1) fail(file, line_no, 1, "one word expected");
            auto cls = need_class({"given", "particle", "known"});
            words_[words.front()].flags |= cls == 0 ? w_given : cls == 1 ? w_particle : w_known;
        }
        if (nl == content.size()) break;
    }
    // only this table's phrase lists can be unsorted (sorting a sorted list changes nothing)
    if (kind == "person-title" || kind == "person-rank")
        for (auto& [w, v] : kind == "person-title" ? titles_ : ranks_)
            if (v.size() > 1)
                std::stable_sort(v.begin(), v.end(),
                                 [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
}

bool testing::may_have_dot_or_upper(std::string_view s) { return warta::detail::may_have_dot_or_upper(s); }

// ---------------------------------------------------------------------------
// The scan of one document.

struct PersonScan {
    const PersonFinder& f;
    std::string_view text;
    const std::vector<Tok>& toks;
    std::vector<int> span_of;          // token -> index into span_last, or -1
    std::vector<std::uint32_t> span_last;  // span -> last token index
    std::vector<bool> span_is_org;         // span -> an organization (not a place)
    enum : char { kFree = 0, kName = 1, kTitle = 2 };
    std::vector<char> covered;  // kFree, kName or kTitle per token (bytes, not bits: read for most tokens)
    WordTable<char> doc_names;                  // single names seen after a speech cue
    std::vector<std::uint16_t> flags;           // token -> PersonFinder::WordFlag of its lower form
    std::vector<const PersonFinder::WordInfo*> info;  // token -> the finder's entry of its lower form
    std::vector<char> doc_name;                 // token -> its lower form is in doc_names
    std::vector<std::uint32_t> id_slots;        // open addressing: 1 + the first token of a lower form, 0 = empty
    std::vector<std::uint32_t> word_id;         // token -> id, or UINT32_MAX when not yet known

    struct Found {
        std::uint32_t s, e;  // token range of the name
        std::optional<std::string> title;
    };
    std::vector<Found> found;

    PersonScan(const PersonFinder& finder, std::string_view t, const std::vector<Tok>& tk,
               const std::vector<EntitySpan>& spans)
        : f(finder), text(t), toks(tk) {
        // the per-token arrays: the thread's buffers of the last document (no allocation once
        // they are large enough), given back by the destructor
        swap_buffers();
        span_of.assign(tk.size(), -1);
        covered.assign(tk.size(), kFree);
        flags.assign(tk.size(), 0);
        info.assign(tk.size(), nullptr);
        doc_name.assign(tk.size(), 0);
        word_id.assign(tk.size(), UINT32_MAX);
        nw_end.assign(tk.size(), 0);
        nw_val.assign(tk.size(), 0);
        id_slots.clear();  // made on first use (id_of)
        using PF = PersonFinder;
        std::string und;
        WorkCounters& wc = work_counters();
        bool ordered = true;  // tokens in text order (start and end increasing)
        std::uint32_t prev_start = 0, prev_end = 0;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const Tok& t = toks[i];
            if (i > 0) ordered = ordered && prev_start <= t.start && prev_end <= t.end;
            prev_start = t.start;
            prev_end = t.end;
            const std::string& lw = t.lower;
            ++wc.person_lookups;
            const PF::WordInfo* w = f.words_.find(lw);
            info[i] = w;
            std::uint16_t fl = w ? static_cast<std::uint16_t>(w->flags & ~(PF::w_honorific | PF::w_degree)) : 0;
            // honorifics and degrees compare undotted (S.H. == SH); only is_honorific and
            // is_degree read those bits, and only for words and abbreviations
            // (only a dot or an ASCII capital can make the undotted form differ: a cheap
            // word-at-a-time test first, most tokens have neither)
            if (t.kind == TokenKind::word || t.kind == TokenKind::abbreviation) {
                const PF::WordInfo* wu = w;
                if (may_have_dot_or_upper(lw)) {
                    und = undotted(lw);
                    if (und != lw) {
                        ++wc.person_lookups;
                        wu = f.words_.find(und);
                    }
                }
                if (wu) fl = static_cast<std::uint16_t>(fl | (wu->flags & (PF::w_honorific | PF::w_degree)));
            }
            flags[i] = fl;
        }
        // tokens in text order (start and end increasing): a span's tokens are found by binary search
        for (const auto& sp : spans) {
            int id = -1;
            std::size_t from = 0;
            if (ordered)
                from = static_cast<std::size_t>(
                    std::partition_point(toks.begin(), toks.end(), [&](const Tok& x) { return x.end <= sp.start; }) -
                    toks.begin());
            for (std::size_t i = from; i < toks.size(); ++i) {
                if (ordered && toks[i].start >= sp.end) break;
                if (toks[i].end <= sp.start || toks[i].start >= sp.end) continue;
                if (span_of[i] >= 0) continue;
                if (id >= 0 && (is_honorific(i) || rank_at(i, toks.size()) > 0)) break;  // BBWS X Ir. Arief ...
                if (id < 0) {
                    id = static_cast<int>(span_last.size());
                    span_last.push_back(static_cast<std::uint32_t>(i));
                    span_is_org.push_back(std::string_view(sp.type) == "organization");
                }
                span_of[i] = id;
                span_last[static_cast<std::size_t>(id)] = static_cast<std::uint32_t>(i);
            }
        }
    }

    ~PersonScan() { swap_buffers(); }
    // Trades the per-token arrays with the thread's buffers.
    void swap_buffers() {
        Buffers& bf = buffers();
        span_of.swap(bf.span_of);
        covered.swap(bf.covered);
        flags.swap(bf.flags);
        info.swap(bf.info);
        doc_name.swap(bf.doc_name);
        word_id.swap(bf.word_id);
        nw_end.swap(bf.nw_end);
        nw_val.swap(bf.nw_val);
        id_slots.swap(bf.id_slots);
    }
    PersonScan(const PersonScan&) = delete;
    PersonScan& operator=(const PersonScan&) = delete;

    struct Buffers {
        std::vector<int> span_of;
        std::vector<char> covered, doc_name, nw_val;
        std::vector<std::uint16_t> flags;
        std::vector<const PersonFinder::WordInfo*> info;
        std::vector<std::uint32_t> word_id, nw_end, id_slots;
    };
    static Buffers& buffers() {
        thread_local Buffers b;
        return b;
    }

    // (no substr: tokens lie inside the text, and without substr's check these inline)
    std::string_view str(std::size_t i) const {
        return std::string_view(text.data() + toks[i].start, toks[i].end - toks[i].start);
    }
    std::string_view str(std::size_t s, std::size_t e) const {
        return std::string_view(text.data() + toks[s].start, toks[e - 1].end - toks[s].start);
    }
    bool is_word(std::size_t i) const { return toks[i].kind == TokenKind::word; }
    bool is_cap(std::size_t i) const {
        return toks[i].shape == TokenShape::capitalized &&
               (toks[i].kind == TokenKind::word || toks[i].kind == TokenKind::abbreviation);
    }
    bool is_honorific(std::size_t i) const {
        return (toks[i].kind == TokenKind::word || toks[i].kind == TokenKind::abbreviation) &&
               (flags[i] & PersonFinder::w_honorific);
    }
    bool is_degree(std::size_t i) const {
        return (toks[i].kind == TokenKind::word || toks[i].kind == TokenKind::abbreviation) &&
               (flags[i] & PersonFinder::w_degree);
    }
    bool is_acronym(std::size_t i) const {
        const auto& t = toks[i];
        if (t.kind != TokenKind::word) return false;
        if (t.shape == TokenShape::upper) return t.end - t.start >= 2;
        if (t.shape == TokenShape::alnum || t.shape == TokenShape::mixed) {
            // PDI-P, KemenPPPA: an upper-case letter after the first one
            auto s = str(i);
            for (std::size_t k = 1; k < s.size(); ++k)
                if (std::isupper(static_cast<unsigned char>(s[k]))) return true;
        }
        return false;
    }
    /// The lower form of token i is `a` or `b` (string_view compares: the size first, inlined).
    bool is_lower(std::size_t i, std::string_view a, std::string_view b) const {
        const std::string_view l = toks[i].lower;
        return l == a || l == b;
    }
    bool is_punct(std::size_t i, std::string_view p) const {
        return toks[i].kind == TokenKind::punctuation && str(i) == p;
    }

    // Phrase of `table` at token i: its length in tokens (0 when none) and class.
    bool has(std::size_t i, std::uint16_t flag) const { return (flags[i] & flag) != 0; }

    // Phrase of a table at token i (`table`: the phrases starting with token i's
    // word, or nullptr): its length in tokens (0 when none) and class.
    std::pair<std::size_t, std::uint8_t> phrase_at(const std::vector<PersonFinder::Phrase>* table, std::size_t i,
                                                   std::size_t end) const {
        if (!table) return {0, 0};
        for (const auto& ph : *table) {
            if (i + ph.words.size() > end) continue;
            bool ok = true;
            // a later word may carry an abbreviation's dot (`Irjen Pol. Agung`)
            for (std::size_t k = 1; k < ph.words.size() && ok; ++k) {
                const std::string& lw = toks[i + k].lower;
                ok = lw == ph.words[k] || (lw.size() == ph.words[k].size() + 1 && dotted_form_of(toks[i + k], ph.words[k]));
            }
            if (ok) return {ph.words.size(), ph.cls};
        }
        return {0, 0};
    }
    bool may_start_title(std::size_t i) const { return info[i] && info[i]->titles; }
    std::pair<std::size_t, std::uint8_t> title_at(std::size_t i, std::size_t end) const {
        return phrase_at(info[i] ? info[i]->titles : nullptr, i, end);
    }
    bool starts_title(std::size_t i, std::size_t end) const {
        auto [n, c] = title_at(i, end);
        return n > 0;
    }

    // A token that can be part of a name.  Every caller asks with `end` its
    // sentence's end, mostly several times per token: the answer without
    // `over_spans` is kept per token (with the end it was asked for).
    mutable std::vector<std::uint32_t> nw_end;  // token -> 1 + end of the kept answer, 0 = none
    mutable std::vector<char> nw_val;
    bool nameword(std::size_t i, std::size_t end, bool over_spans = false) const {
        // (inline, what most tokens fail: neither an initial nor a capitalised or mixed-case
        // word; nameword_uncached says false for them whatever the span or the end)
        const Tok& t = toks[i];
        if (t.kind != TokenKind::abbreviation &&
            (t.kind != TokenKind::word || (t.shape != TokenShape::capitalized && t.shape != TokenShape::mixed)))
            return false;
        if (over_spans) return nameword_uncached(i, end, true);
        if (nw_end[i] != end + 1) {
            nw_val[i] = nameword_uncached(i, end, false);
            nw_end[i] = static_cast<std::uint32_t>(end + 1);
        }
        return nw_val[i] != 0;
    }
    bool nameword_uncached(std::size_t i, std::size_t end, bool over_spans) const {
        const auto& t = toks[i];
        if (span_of[i] >= 0 && !(over_spans && single_token_span(i))) return false;
        if (t.kind == TokenKind::abbreviation) {
            // an initial: one capital letter and a dot
            return t.end - t.start == 2 && std::isupper(static_cast<unsigned char>(text[t.start]));
        }
        if (t.kind != TokenKind::word) return false;
        if (t.shape != TokenShape::capitalized) {
            if (t.shape != TokenShape::mixed) return false;
            auto s = str(i);  // McDonald, O'Neil: capital, then lower case
            if (s.size() < 3 || !std::isupper(static_cast<unsigned char>(s[0])) ||
                !std::islower(static_cast<unsigned char>(s[1])))
                return false;
            if (is_acronym(i)) {
                // KemenPPPA-like: more than one upper case letter in a row
                for (std::size_t k = 1; k + 1 < s.size(); ++k)
                    if (std::isupper(static_cast<unsigned char>(s[k])) &&
                        std::isupper(static_cast<unsigned char>(s[k + 1])))
                        return false;
            }
        }
        if (has(i, PersonFinder::w_stop)) return false;
        if (is_honorific(i) || is_degree(i)) return false;
        if (rank_at(i, end) > 0) return false;
        if (starts_title(i, end) && title_at(i, end).second != static_cast<std::uint8_t>(PersonFinder::TitleClass::role))
            return false;
        return true;
    }

    // The token before i continues another name: RSUD dr. Soedarso, Jalan Ahmad Yani,
    // Sekretariat Presiden.
    bool after_other_name(std::size_t i, std::size_t b) const {
        while (i > b && is_honorific(i - 1)) --i;  // RSUD dr. Soetomo
        if (i <= b) return false;
        const std::size_t p = i - 1;
        if (has(p, PersonFinder::w_place_noun)) return true;
        if (has(p, PersonFinder::w_cue_before) || is_honorific(p) || starts_title(p, p + 1)) return false;
        return (is_cap(p) && toks[p].kind == TokenKind::word) || is_acronym(p) || span_of[p] >= 0;
    }

    bool single_token_span(std::size_t i) const {
        if (span_of[i] < 0) return false;
        const auto id = span_of[i];
        // a one-word place may be a name (Bambang is also a district); a one-word
        // organization is not ("Menurut Kemendikdasmen, …")
        return span_last[static_cast<std::size_t>(id)] == i && (i == 0 || span_of[i - 1] != id) &&
               !span_is_org[static_cast<std::size_t>(id)];
    }

    // End of the name run at i (exclusive): names and particles between them.
    // `over_spans`: after an honorific, rank or speech cue, a one-word place
    // or organization is taken as a name (Bambang is also a district).
    std::size_t name_run(std::size_t i, std::size_t end, bool over_spans = false) const {
        std::size_t j = i;
        while (j < end) {
            if (nameword(j, end, over_spans && j < i + 4)) {
                ++j;
                continue;
            }
            if (j > i && j + 1 < end && toks[j].shape == TokenShape::lower && has(j, PersonFinder::w_particle) &&
                nameword(j + 1, end)) {
                ++j;
                continue;
            }
            break;
        }
        return j;
    }

    // Honorifics and ranks at i: index after them.
    std::size_t skip_markers(std::size_t i, std::size_t end) const {
        std::size_t k = i;
        for (;;) {
            if (k < end && is_honorific(k)) {
                ++k;
                if (k < end && is_punct(k, ".") && !toks[k].space_before) ++k;
                continue;
            }
            if (std::size_t n = k < end ? rank_at(k, end) : 0) {
                k += n;
                if (k < end && is_punct(k, ".") && !toks[k].space_before) ++k;
                while (std::size_t m = suffix_at(k, end)) {
                    k += m;
                    if (k < end && is_punct(k, ".") && !toks[k].space_before) ++k;
                }
                continue;
            }
            break;
        }
        return k;
    }

    // A rank at i (class rank, not a suffix alone): its length in tokens, or 0.
    std::size_t rank_at(std::size_t i, std::size_t end) const {
        if (i >= end) return 0;
        auto [n, cls] = phrase_at(info[i] ? info[i]->ranks : nullptr, i, end);
        return cls == static_cast<std::uint8_t>(PersonFinder::RankClass::rank) ? n : 0;
    }
    std::size_t suffix_at(std::size_t i, std::size_t end) const {
        if (i >= end) return 0;  // at the sentence's end there is no suffix (and no info[i])
        if (is_punct(i, "(") && i + 2 < end && is_punct(i + 2, ")")) {
            auto [n, cls] = phrase_at(info[i + 1] ? info[i + 1]->ranks : nullptr, i + 1, end);
            if (n == 1 && cls == static_cast<std::uint8_t>(PersonFinder::RankClass::suffix)) return 3;
        }
        auto [n, cls] = phrase_at(info[i] ? info[i]->ranks : nullptr, i, end);
        return cls == static_cast<std::uint8_t>(PersonFinder::RankClass::suffix) ? n : 0;
    }

    bool single_known(std::size_t i) const { return has(i, PersonFinder::w_given) || doc_name[i]; }

    struct TitleParse {
        std::size_t title_start = 0, title_end = 0;  // tokens of the title
        std::size_t name_s = 0, name_e = 0;          // tokens of the name (empty when none)
        std::size_t next = 0;                        // where the scan continues
        std::uint8_t cls = 0;                        // the head's TitleClass
    };

    // Office title at i (prefixes, head, complement), and the name after it
    // when `want_name`.  nullopt when there is no title at i.
    std::optional<TitleParse> parse_title(std::size_t i, std::size_t sent_b, std::size_t end, bool want_name) const {
        using TC = PersonFinder::TitleClass;
        std::size_t k = i;
        std::size_t hn = 0;
        std::uint8_t cls = 0;
        for (;;) {
            auto [n, c] = title_at(k, end);
            if (n == 0) return std::nullopt;
            if (c == static_cast<std::uint8_t>(TC::prefix)) {
                // a prefix needs a title after it (Wakil Ketua, Plt Wali Kota)
                std::size_t k2 = k + n;
                if (k2 < end && is_punct(k2, ".") && !toks[k2].space_before) ++k2;
                if (k2 < end && title_at(k2, end).first > 0) {
                    k = k2;
                    continue;
                }
                return std::nullopt;
            }
            hn = n;
            cls = c;
            break;
        }
        // Not the end of another name: "Sekretariat Presiden", "Rumah Sakit ..."
        if (after_other_name(i, sent_b) && !(i > sent_b && starts_title(i - 1, end))) return std::nullopt;
        // A lower-case generic title needs its first word written in lower case or capitalised
        // at the start; "para menteri" is no title.
        if (i > sent_b && (std::string_view(toks[i - 1].lower) == "para" || std::string_view(toks[i - 1].lower) == "seorang" ||
                           std::string_view(toks[i - 1].lower) == "sejumlah" || std::string_view(toks[i - 1].lower) == "mantan"))
            return std::nullopt;
        const std::size_t h_end = k + hn;
        TitleParse tp;
        tp.title_start = i;
        tp.cls = cls;
        std::size_t j = h_end;
        std::size_t anchor_end = h_end;   // after the last organization, place, acronym
        std::size_t cut = SIZE_MAX;       // "dari PDI-P", "di KemenPPPA": the title ends before
        bool marker = false, comma_marker = false;
        std::vector<std::size_t> connectors;
        while (j < end) {
            if (span_of[j] >= 0) {
                j = span_last[static_cast<std::size_t>(span_of[j])] + 1;
                anchor_end = j;
                continue;
            }
            if (is_honorific(j) || rank_at(j, end) > 0) {
                marker = true;
                break;
            }
            if (is_acronym(j) || toks[j].kind == TokenKind::number ||
                (toks[j].kind == TokenKind::word && toks[j].shape == TokenShape::alnum)) {
                ++j;
                anchor_end = j;
                continue;
            }
            if (is_punct(j, "(")) {
                std::size_t c = j + 1;
                while (c < end && c < j + 10 && !is_punct(c, ")")) ++c;
                if (c < end && is_punct(c, ")") && c > j + 1) {
                    j = c + 1;
                    anchor_end = j;
                    continue;
                }
                break;
            }
            if ((is_punct(j, "/") || is_punct(j, "-")) && !toks[j].space_before && j + 1 < end &&
                !toks[j + 1].space_before && j > h_end) {
                j += 2;  // 0704/Banjarnegara, Cimanuk-Cisanggarung
                anchor_end = j;
                continue;
            }
            if (is_cap(j) || (toks[j].shape == TokenShape::lower && starts_title(j, end) &&
                                title_at(j, end).second != static_cast<std::uint8_t>(TC::role))) {
                if (toks[j].shape == TokenShape::lower) {
                    // lower-case title word as complement: ajudan bupati
                    j += title_at(j, end).first;
                    anchor_end = j;
                    continue;
                }
                ++j;
                continue;
            }
            // The apposed name after a comma starts with an honorific or a rank
            // ("Direktur Jenderal … Kemenkes, dr. Ratna Dewi Anggraini", "Direktur Reserse
            // Narkoba Polda Sumut, Kombes Pol. Yusuf Hariyanto,"), or names joined by `dan`
            // follow, the first starting with a given name ("dua siswa SMA Taruna
            // Nusantara Magelang, Kevin Aditya dan Bima Satria,"): the people apposed,
            // no part of the office's complement.
            auto names_joined = [&](std::size_t s) {
                if (s + 1 >= end || span_of[s] >= 0 || !has(s, PersonFinder::w_given) || starts_title(s, end)) return false;
                std::size_t k = s;
                while (k < end && span_of[k] < 0 && is_cap(k) && nameword(k, end)) ++k;
                return k >= s + 2 && k + 1 < end && std::string_view(toks[k].lower) == "dan" && is_cap(k + 1) && span_of[k + 1] < 0;
            };
            if (is_punct(j, ",") && j >= h_end && j + 1 < end &&
                (is_honorific(j + 1) || rank_at(j + 1, end) > 0 || names_joined(j + 1))) {
                marker = true;
                comma_marker = true;
                break;
            }
            if ((std::string_view(toks[j].lower) == "dan" || is_punct(j, ",") || is_punct(j, "&")) && j + 1 < end &&
                (is_cap(j + 1) || is_acronym(j + 1) || span_of[j + 1] >= 0 ||
                 (is_punct(j, ",") && j + 2 < end && std::string_view(toks[j + 1].lower) == "dan" && is_cap(j + 2))) &&
                !starts_title(j + 1, end) &&
                !is_honorific(j + 1)) {
                connectors.push_back(j);
                ++j;
                continue;
            }
            // "Wakil Ketua Komisi II DPR dari PDI-P X", "Deputi ... di KemenPPPA": the
            // title ends before dari/di; a party or organization follows.  "X di Jakarta" ends it all.
            if ((std::string_view(toks[j].lower) == "dari" || (std::string_view(toks[j].lower) == "di" && !want_name)) && j > h_end && j + 1 < end &&
                ((span_of[j + 1] >= 0 && span_is_org[static_cast<std::size_t>(span_of[j + 1])]) ||
                 (is_acronym(j + 1) && span_of[j + 1] < 0) ||
                 (is_cap(j + 1) && has(j + 1, PersonFinder::w_stop) && !has(j + 1, PersonFinder::w_place_noun)))) {
                if (cut == SIZE_MAX) cut = j;
                ++j;
                continue;
            }
            break;
        }
        std::size_t zone_end = j;
        // trailing connectors are not part of anything
        while (!connectors.empty() && connectors.back() + 1 >= zone_end) {
            zone_end = connectors.back();
            connectors.pop_back();
        }
        std::size_t te;  // title end
        if (marker) {
            te = zone_end;
            std::size_t ns = skip_markers(comma_marker ? zone_end + 1 : zone_end, end);
            tp.name_s = ns;
            tp.name_e = want_name ? name_run(ns, end, true) : ns;
            tp.next = tp.name_e;
        } else if (!want_name) {
            te = zone_end;
            tp.name_s = tp.name_e = zone_end;
            tp.next = zone_end;
        } else {
            std::size_t split_min = std::max(anchor_end, h_end);
            if (!connectors.empty() && connectors.back() + 1 > split_min) split_min = connectors.back() + 1;
            if (cut != SIZE_MAX && cut + 1 > split_min) split_min = cut + 1;
            // the name: the longest tail of name words
            std::size_t min_s = zone_end;
            while (min_s > split_min && nameword(min_s - 1, end)) --min_s;
            while (min_s < zone_end && !nameword(min_s, end)) ++min_s;  // a particle cannot start
            std::size_t s = zone_end;
            const bool anchored = anchor_end > h_end || (!connectors.empty() && connectors.back() >= h_end);
            const std::size_t need = (cls == static_cast<std::uint8_t>(TC::office)) ? 0 : 1;
            if (min_s < zone_end && cls == static_cast<std::uint8_t>(TC::role) && !anchored) {
                // a common noun: the name right after it (pelatih Budi), nothing in between
                if (min_s == h_end) s = min_s;
            } else if (min_s < zone_end) {
                if (anchored) {
                    s = min_s;
                    // Kepala BPJS Kesehatan Cabang Pontianak Iwan Kurniadi ... ujar Iwan
                    if (zone_end - min_s >= 3)
                        for (std::size_t p = min_s + 1; p + 1 < zone_end; ++p) {
                            if (single_known(p - 1)) break;  // Ahmad Doli Kurnia ... kata Doli
                            if (doc_name[p]) {
                                s = p;
                                break;
                            }
                        }
                } else {
                    std::size_t p = std::max(min_s, h_end + need);
                    if (cls == static_cast<std::uint8_t>(TC::office)) p = zone_end;
                    // a place head takes one place word (two-word places end in a stop
                    // word: Jawa Barat, Palangka Raya); a name used alone elsewhere may still start earlier
                    if (cls == static_cast<std::uint8_t>(TC::place)) {
                        const std::size_t p0 = p;
                        while (p < zone_end && !doc_name[p]) ++p;
                        // a given name right before the name used alone is part of
                        // the name: "Bupati Luwu Muhammad Arsyad ... kata Arsyad"
                        while (p < zone_end && p > p0 && has(p - 1, PersonFinder::w_given)) --p;
                    }
                    for (; p < zone_end; ++p)
                        if (single_known(p)) break;
                    if (p < zone_end) {
                        s = p;
                    } else if (cls == static_cast<std::uint8_t>(TC::office)) {
                        s = min_s;
                    } else if (cls == static_cast<std::uint8_t>(TC::place)) {
                        s = std::max(min_s, h_end + 1);
                    } else {
                        s = std::max({min_s, h_end + 1, zone_end >= 2 ? zone_end - 2 : 0});
                    }
                    // "Kepala desa Suliyono": no complement when the name is known as a name
                    if (s >= zone_end && single_known(min_s)) s = min_s;
                }
            }
            if (s >= zone_end) return std::nullopt;
            tp.name_s = s;
            tp.name_e = zone_end;
            tp.next = zone_end;
            te = s;
            while (te > h_end && (is_punct(te - 1, ",") || std::string_view(toks[te - 1].lower) == "dan")) --te;
        }
        if (cut != SIZE_MAX && cut < te) te = cut;
        if (te <= i) return std::nullopt;
        tp.title_end = te;
        return tp;
    }

    // Degrees after a name: ", S.H., M.H." -> index after them (or the index itself).
    std::size_t skip_degrees(std::size_t i, std::size_t end) const {
        std::size_t k = i;
        std::size_t last = i;
        while (k < end) {
            if (is_punct(k, ",")) {
                ++k;
                continue;
            }
            if (is_degree(k)) {
                ++k;
                last = k;
                continue;
            }
            break;
        }
        return last;
    }

    /// The clause ending at the comma `c` (from the sentence start or the comma before) opens with a
    /// title word that names a kind of person (perenang, pelatih, warga ...), and is short.
    bool role_phrase_before(std::size_t c, std::size_t b) const {
        std::size_t s = c;
        while (s > b && !is_punct(s - 1, ",") && !is_punct(s - 1, ".") && !is_punct(s - 1, "\"") && c - s < 8) --s;
        if (s == c || c - s >= 8 || !(s == b || is_punct(s - 1, ","))) return false;
        auto [n, cls] = title_at(s, c);
        if (n > 0 && cls == static_cast<std::uint8_t>(PersonFinder::TitleClass::role)) return true;
        // or the object of a verb ("menghukum kontraktor pelaksana proyek, X,"): a person
        // noun after a me-/di- verb, with only lower-case words up to the comma
        for (std::size_t p = c; p > s + 1 && c - p < 4;) {
            --p;
            if (toks[p].shape != TokenShape::lower) break;
            auto [pn, pcls] = title_at(p, c);
            if (pn == 0 || pcls != static_cast<std::uint8_t>(PersonFinder::TitleClass::role)) continue;
            const std::string& v = toks[p - 1].lower;
            if (toks[p - 1].shape == TokenShape::lower && v.size() > 4 && (v.starts_with("me") || v.starts_with("di"))) return true;
        }
        return false;
    }

    /// `( 34 )` at k: an age (1 to 119) in parentheses.
    bool age_at(std::size_t k, std::size_t end) const {
        if (k + 2 >= end || !is_punct(k, "(") || !is_punct(k + 2, ")")) return false;
        const std::string& d = toks[k + 1].lower;
        if (d.empty() || d.size() > 3) return false;
        for (char c : d)
            if (c < '0' || c > '9') return false;
        return plausible_age(std::stoi(d));
    }

    bool dotted_degree_in(std::size_t s, std::size_t e) const {
        for (std::size_t k = s; k < e; ++k)
            if (is_degree(k) && toks[k].lower.find('.') != std::string_view::npos) return true;
        return false;
    }

    void add(std::size_t s, std::size_t e, std::optional<std::string> title) {
        for (std::size_t k = s; k < e; ++k) covered[k] = kName;
        found.push_back(Found{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e), std::move(title)});
    }

    bool cue_after_at(std::size_t j, std::size_t end) const {
        if (j < end && is_punct(j, ",")) ++j;
        while (j < end && has(j, PersonFinder::w_adverb)) ++j;
        return j < end && has(j, PersonFinder::w_cue_after);
    }

    void collect_doc_names(const std::vector<Sent>& sents) {
        for (const auto& st : sents)
            for (std::size_t i = st.tok_begin; i + 1 < st.tok_end; ++i)
                if (has(i, PersonFinder::w_cue_before) && nameword(i + 1, st.tok_end) &&
                    name_run(i + 1, st.tok_end) == i + 2)
                    doc_names[toks[i + 1].lower] = 1;
        if (!doc_names.empty())
            for (std::size_t i = 0; i < toks.size(); ++i) doc_name[i] = doc_names.contains(toks[i].lower) ? 1 : 0;
    }

    // Pass 1: names with evidence.
    void scan(const Sent& st) {
        const std::size_t b = st.tok_begin, end = st.tok_end;
        std::size_t i = b;
        WorkCounters& wc = work_counters();
        while (i < end) {
            ++wc.person_tokens;
            // "melantik A sebagai Kepala Dinas Pertanian, B sebagai …": an office
            // after `sebagai`/`menjadi` is the office of the name just before,
            // not the title of a name after it
            // (may_start_title first: most tokens start no title, and it needs no string compare)
            if (i > b + 1 && may_start_title(i) && is_lower(i - 1, "sebagai", "menjadi") && covered[i - 2] != kTitle &&
                nameword(i - 2, end)) {
                // (with a name after it, the office ends before that name; without, it
                // runs to the end of the title words: "sebagai Camat Selong.")
                // ("Kepala Dinas Pariwisata dan Kebudayaan": one word after `dan` is no name)
                auto with_name = parse_title(i, b, end, true);
                if (with_name && with_name->name_e == with_name->name_s + 1 && with_name->name_s > with_name->title_start &&
                    std::string_view(toks[with_name->name_s - 1].lower) == "dan")
                    with_name.reset();
                if (auto tp = with_name ? with_name : parse_title(i, b, end, false);
                    tp && tp->cls != static_cast<std::uint8_t>(PersonFinder::TitleClass::role)) {
                    std::string office(str(tp->title_start, tp->title_end));
                    if (!found.empty() && found.back().e + 1 == i) {
                        if (!found.back().title) found.back().title = std::move(office);
                    } else if (covered[i - 2] == kFree) {
                        // the name before `sebagai` holds the office: a person
                        std::size_t ns = i - 2;
                        while (ns > b && nameword(ns - 1, end) && covered[ns - 1] == kFree) --ns;
                        if (i - 1 - ns <= 5) add(ns, i - 1, std::move(office));
                    }
                    for (std::size_t k = tp->title_start; k < tp->title_end; ++k) covered[k] = kTitle;
                    i = tp->title_end;
                    while (i < end && is_punct(i, ",")) ++i;  // the next name starts its own search
                    continue;
                }
            }
            // an office title, perhaps with honorifics/ranks and a name
            // (most tokens start no title phrase: then parse_title has nothing to parse)
            if (auto tp = may_start_title(i) ? parse_title(i, b, end, true) : std::nullopt) {
                // "Direktur Keuangan dan Investasi": one word after `dan` ends the office, it names no one
                const bool tail_of_office = tp->name_e == tp->name_s + 1 && tp->name_s > tp->title_start &&
                                            std::string_view(toks[tp->name_s - 1].lower) == "dan";
                // "warga Labuha", "penduduk Cianjur": after a role word that is also a place noun
                // (person-stop.tsv), one word that is no given name is where they live
                const bool residents_of = tp->title_end == tp->title_start + 1 && tp->name_e == tp->name_s + 1 &&
                                          has(tp->title_start, PersonFinder::w_place_noun) &&
                                          !has(tp->name_s, PersonFinder::w_given);
                if (tp->name_e > tp->name_s && !tail_of_office && !residents_of) {
                    add(tp->name_s, tp->name_e, std::string(str(tp->title_start, tp->title_end)));
                    for (std::size_t k = tp->title_start; k < tp->name_s; ++k) covered[k] = kTitle;
                    i = tp->name_e;
                    continue;
                }
            }
            // honorifics or ranks, then a name
            if ((is_honorific(i) || rank_at(i, end) > 0) && !after_other_name(i, b)) {
                std::size_t ns = skip_markers(i, end);
                std::size_t ne = name_run(ns, end, true);
                bool ok = ne > ns;
                // a rank word alone (Kapten, Brigadir) before a capital word could be a name
                if (ok) {
                    std::optional<std::string> title;
                    std::size_t after = skip_degrees(ne, end);
                    if (after < end && std::string_view(toks[after].lower) == "sebagai" && after + 1 < end) {
                        if (auto t2 = parse_title(after + 1, b, end, false))
                            title = std::string(str(t2->title_start, t2->title_end));
                    }
                    add(ns, ne, title);
                    i = ne;
                    continue;
                }
            }
            // speech cue before: kata X, ujar X, menurut X
            if (has(i, PersonFinder::w_cue_before) && i + 1 < end) {
                std::size_t ns = skip_markers(i + 1, end);
                if (!(ns < end && parse_title(ns, b, end, true))) {
                    std::size_t ne = name_run(ns, end, true);
                    if (ne > ns && ne - ns <= 5) {
                        add(ns, ne, std::nullopt);
                        i = ne;
                        continue;
                    }
                }
            }
            if (nameword(i, end) && (i == b || !nameword(i - 1, end))) {
                std::size_t ne = name_run(i, end);
                const bool prev_place_noun = i > b && has(i - 1, PersonFinder::w_place_noun);
                const bool prev_name = after_other_name(i, b);
                if (!prev_place_noun && ne - i <= 5) {
                    std::size_t after = skip_degrees(ne, end);
                    // apposition: X, Deputi Bidang ...,  X, warga ...
                    if (after + 1 < end && is_punct(after, ",")) {
                        auto [n, c] = title_at(after + 1, end);
                        if (n > 0) {
                            std::optional<std::string> title;
                            std::size_t title_next = ne;
                            if (c != static_cast<std::uint8_t>(PersonFinder::TitleClass::role) &&
                                is_cap(after + 1)) {
                                if (auto t2 = parse_title(after + 1, after + 1, end, false)) {
                                    title = std::string(str(t2->title_start, t2->title_end));
                                    title_next = t2->next;
                                }
                            }
                            if (title || toks[after + 1].shape == TokenShape::lower) {
                                add(i, ne, title);
                                for (std::size_t k = ne; k < title_next; ++k) covered[k] = kTitle;
                                i = title_next;
                                continue;
                            }
                        }
                    }
                    // written degrees after it ("Rina Maharani, Sp.PD, dilantik"): only a person has
                    // them; a dotted one is required (MA, SE, ST alone are also agencies and words)
                    if (after > ne && dotted_degree_in(ne, after)) {
                        add(i, ne, std::nullopt);
                        i = after;
                        continue;
                    }
                    // set off by commas after a phrase that opens with a person noun
                    // ("Perenang asal Kudus, Aurelia Wibowo, meraih"): the name of that person
                    if (ne - i >= 2 && i >= b + 2 && is_punct(i - 1, ",") && after < end && is_punct(after, ",") &&
                        role_phrase_before(i - 1, b)) {
                        add(i, ne, std::nullopt);
                        i = ne;
                        continue;
                    }
                    // an age in parentheses after it ("Euis Komalasari (34), mengaku"): a person
                    if (age_at(ne, end)) {
                        add(i, ne, std::nullopt);
                        i = ne;
                        continue;
                    }
                    // speech cue after: X mengatakan, X juga menambahkan
                    if (cue_after_at(after, end)) {
                        add(i, ne, std::nullopt);
                        i = ne;
                        continue;
                    }
                    // a well-known name, or a given name followed by more names
                    if ((ne - i >= 2 && has(i, PersonFinder::w_given) && !prev_name) ||
                        (ne - i == 1 && has(i, PersonFinder::w_known))) {
                        add(i, ne, std::nullopt);
                        i = ne;
                        continue;
                    }
                }
                i = ne > i ? ne : i + 1;
                continue;
            }
            ++i;
        }
    }

    // Words are compared by id: two tokens have the same id when their lower forms are equal
    // (the id: the first token asked for with that lower form).  The table holds token
    // indices, no strings; made on first use, twice as many slots as tokens (never full).
    std::uint32_t id_of(std::size_t k) {
        if (word_id[k] == UINT32_MAX) {
            if (id_slots.empty()) {
                std::size_t n = 16;
                while (n < 2 * toks.size()) n *= 2;
                id_slots.assign(n, 0);
            }
            const std::string& lw = toks[k].lower;
            const std::size_t mask = id_slots.size() - 1;
            for (std::size_t s = WordTable<char>::hash(lw) & mask;; s = (s + 1) & mask) {
                const std::uint32_t v = id_slots[s];
                if (v == 0) {
                    id_slots[s] = static_cast<std::uint32_t>(k + 1);
                    word_id[k] = static_cast<std::uint32_t>(k);
                    break;
                }
                if (toks[v - 1].lower == lw) {
                    word_id[k] = v - 1;
                    break;
                }
            }
        }
        return word_id[k];
    }
    /// The words of tokens [s, e) (lower forms, as ids) into `w`.
    void words_into(std::vector<std::uint32_t>& w, std::size_t s, std::size_t e) {
        w.clear();
        for (std::size_t k = s; k < e; ++k)
            if (toks[k].kind == TokenKind::word) w.push_back(id_of(k));
    }
    std::vector<std::uint32_t> words_of(std::size_t s, std::size_t e) {
        std::vector<std::uint32_t> w;
        words_into(w, s, e);
        return w;
    }
    std::vector<std::uint32_t> words_of(const Found& fd) { return words_of(fd.s, fd.e); }

    // Pass 2: later (or earlier) short references to the names found.
    void link(const std::vector<Sent>& sents) {
        std::vector<std::vector<std::uint32_t>> names;
        for (const auto& fd : found) names.push_back(words_of(fd));
        std::vector<Found> extra;
        std::vector<std::uint32_t> w;  // the words of a run (one buffer for all)
        for (const auto& st : sents) {
            const std::size_t b = st.tok_begin, end = st.tok_end;
            // a name known in the article may stand inside another person's title
            // ("Kuasa hukum Rudi, Septian Nugraha": Rudi is the defendant named
            // before), and after a sentence's first word ("Penangkapan Syahrial …")
            bool after_first = false;
            for (std::size_t i = b; i < end;) {
                const char cls = covered[i];  // runs stay inside free text or inside one title
                if (cls == kName || !nameword(i, end) ||
                    (i > b && !after_first && nameword(i - 1, end) && covered[i - 1] == cls)) {
                    ++i;
                    after_first = false;
                    continue;
                }
                std::size_t ne = name_run(i, end);
                std::size_t e2 = i;
                while (e2 < ne && covered[e2] == cls) ++e2;
                ne = e2;
                bool prev_place_noun = i > b && has(i - 1, PersonFinder::w_place_noun);
                bool match = false;
                if (!prev_place_noun) words_into(w, i, ne);
                if (!prev_place_noun && !w.empty() && w.size() <= 3) {
                    for (const auto& n : names) {
                        if (n.size() < w.size()) continue;
                        for (std::size_t o = 0; o + w.size() <= n.size() && !match; ++o)
                            match = std::equal(w.begin(), w.end(), n.begin() + static_cast<long>(o));
                        if (match) break;
                    }
                }
                if (match) {
                    extra.push_back(Found{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(ne), std::nullopt});
                    for (std::size_t k = i; k < ne; ++k) covered[k] = kName;
                } else if (i == b && cls == kFree && ne > i + 1) {
                    // the sentence's first word may be a capitalised common word: try after it
                    ++i;
                    after_first = true;
                    continue;
                }
                after_first = false;
                i = std::max(ne, i + 1);
            }
        }
        found.insert(found.end(), extra.begin(), extra.end());
        std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.s < b.s; });
    }

    // The full name of each mention: the longest name (nearest before, else
    // after) that contains its words.
    /// `words`: words_of(found[k]) for every k.
    std::string full_name(std::size_t idx, const std::vector<std::vector<std::uint32_t>>& words) const {
        const auto& w = words[idx];
        std::string best(str(found[idx].s, found[idx].e));
        std::size_t best_len = w.size();
        auto contains = [&](const std::vector<std::uint32_t>& n) {
            if (n.size() <= w.size() || w.empty()) return false;
            for (std::size_t o = 0; o + w.size() <= n.size(); ++o)
                if (std::equal(w.begin(), w.end(), n.begin() + static_cast<long>(o))) return true;
            return false;
        };
        auto consider = [&](std::size_t k) {
            const auto& n = words[k];
            if (contains(n) && n.size() > best_len) {
                best_len = n.size();
                best = std::string(str(found[k].s, found[k].e));
                return true;
            }
            return false;
        };
        for (std::size_t k = idx; k-- > 0;)
            if (consider(k)) return best;
        for (std::size_t k = idx + 1; k < found.size(); ++k)
            if (consider(k)) return best;
        return best;
    }
};

void PersonFinder::find(std::string_view text, const std::vector<Tok>& toks, const std::vector<Sent>& sents,
                        const std::vector<EntitySpan>& orgs_and_places, std::vector<PersonMention>& out) const {
    PersonScan scan(*this, text, toks, orgs_and_places);
    scan.collect_doc_names(sents);
    for (const auto& st : sents) scan.scan(st);
    scan.link(sents);
    std::vector<std::vector<std::uint32_t>> words;
    words.reserve(scan.found.size());
    for (const auto& fd : scan.found) words.push_back(scan.words_of(fd));
    for (std::size_t k = 0; k < scan.found.size(); ++k) {
        const auto& fd = scan.found[k];
        PersonMention m;
        m.start = toks[fd.s].start;
        m.end = toks[fd.e - 1].end;
        m.name = scan.full_name(k, words);
        m.title = fd.title;
        out.push_back(std::move(m));
    }
}

}  // namespace warta::detail
