// Sentence splitter over tokens.
//
// The text is cut into runs first: a run ends at a line break (news
// paragraphs are lines) and at a boilerplate zone, whose tokens belong to no
// sentence.  Within a run, a sentence may end after a terminal token (`.`,
// `!`, `?`, `...`, `…`, or one of the abbreviations that often end a
// sentence: dll. dsb. dkk. dst. etc. tsb.).  Further terminal marks and
// closing quotes or brackets glued to it go with the sentence (`."`, `?!`,
// `.)`).  The sentence then ends when the next token starts like a sentence
// (a capital letter, a digit, an opening quote or bracket) and
//  - the next token is not inside a quotation or parentheses that are still
//    open (quotes and brackets are paired within the run; an unpaired one
//    never protects anything, so an unbalanced quote cannot swallow the
//    paragraph);
//  - the terminal is not a title or address abbreviation (H., Dr., No., Jl.);
//  - an initial (`R.`) ends a sentence only after a lower-case word or a
//    number (`vitamin C. Selain`), not after a name (`Arief R. Wismansyah`);
//  - a dotted acronym (`S.H.`, `M.Si.`) ends a sentence only when a
//    capitalised word that is not itself an abbreviation follows.
#include "sentences.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace warta::detail {
namespace {

// Abbreviations (lower case, with the dot) that commonly end a sentence.
constexpr std::array<std::string_view, 6> kFinalAbbreviations = {"dkk.", "dll.", "dsb.", "dst.", "etc.", "tsb."};

std::string_view text_of(std::string_view text, const Tok& t) { return text.substr(t.start, t.end - t.start); }

UChar32 first_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(std::min<std::size_t>(s.size(), 4)), c);
    return c < 0 ? 0xFFFD : c;
}

bool is_terminal_punct(std::string_view s) {
    if (s == "!" || s == "?" || s == "\xE2\x80\xA6") return true;  // … U+2026
    return !s.empty() && s.find_first_not_of('.') == std::string_view::npos;  // . .. ...
}

enum class Abbr { none, final_, initial, dotted, title };

Abbr abbr_class(std::string_view text, const Tok& t) {
    if (t.kind != TokenKind::abbreviation) return Abbr::none;
    if (std::binary_search(kFinalAbbreviations.begin(), kFinalAbbreviations.end(), std::string_view(t.lower)))
        return Abbr::final_;
    std::string_view s = text_of(text, t);
    std::string_view body = s.substr(0, s.size() - (s.ends_with('.') ? 1 : 0));
    if (body.find('.') != std::string_view::npos) return Abbr::dotted;
    std::int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(body.data()), i, static_cast<std::int32_t>(std::min<std::size_t>(body.size(), 4)), c);
    if (static_cast<std::size_t>(i) == body.size() && c >= 0 && (u_isupper(c) || u_istitle(c))) return Abbr::initial;
    return Abbr::title;
}

// Does token t look like the start of a sentence?
bool starts_sentence(std::string_view text, const Tok& t) {
    std::string_view s = text_of(text, t);
    if (s == "\"" || s == "'" || s == "(" || s == "[") return true;
    UChar32 c = first_cp(s);
    return u_isupper(c) || u_istitle(c) || u_isdigit(c);
}

}  // namespace

std::vector<Sent> split_sentences(std::string_view text, const std::vector<Tok>& tokens,
                                  const std::vector<Zone>& boilerplate) {
    std::vector<Sent> out;
    const std::size_t n = tokens.size();
    if (n == 0) return out;

    // 1. Zone membership (a token is in a zone when it starts inside it).  The
    // calls below come in never decreasing token order, so a cursor over the
    // (sorted) zones that only moves forward finds the zone.
    std::size_t zi = 0;
    auto in_zone = [&](std::size_t k) {
        while (zi < boilerplate.size() && boilerplate[zi].end <= tokens[k].start) ++zi;
        return zi < boilerplate.size() && boilerplate[zi].start <= tokens[k].start;
    };
    // A zone starting in [a, b].  The calls come with a never decreasing
    // (the end of the token before b), so the first zone starting at or after
    // a is found by a cursor that only moves forward (zones are sorted).
    std::size_t zc = 0;
    auto zone_between = [&](std::uint32_t a, std::uint32_t b) {
        while (zc < boilerplate.size() && boilerplate[zc].start < a) ++zc;
        return zc < boilerplate.size() && boilerplate[zc].start <= b;
    };
    // The character of a one-byte token, else 0 (brackets and quotes are one byte).
    auto single = [&](const Tok& t) { return t.end - t.start == 1 ? text[t.start] : '\0'; };

    // Per-run scratch: quote / bracket pairing.
    std::vector<std::int32_t> depth;  // open pairs around token k (excluding its own opener)
    std::vector<std::uint8_t> closer;  // token k closes a pair
    std::vector<std::uint8_t> opener;  // token k opens a pair
    std::vector<std::size_t> stack, quotes;
    std::vector<std::int32_t> delta;
    std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (opener, closer) within the run

    auto emit = [&](std::size_t a, std::size_t b) {
        if (b > a)
            out.push_back({tokens[a].start, tokens[b - 1].end, static_cast<std::uint32_t>(a),
                           static_cast<std::uint32_t>(b)});
    };

    auto split_run = [&](std::size_t a, std::size_t b) {
        std::size_t len = b - a;
        // Brackets: a stack; unmatched ones are ignored.  The double quotes
        // are collected in the same pass.
        stack.clear();
        quotes.clear();
        pairs.clear();
        for (std::size_t k = 0; k < len; ++k) {
            const char c = single(tokens[a + k]);
            if (c == '(' || c == '[') {
                stack.push_back(k);
            } else if ((c == ')' || c == ']') && !stack.empty()) {
                pairs.emplace_back(stack.back(), k);
                stack.pop_back();
            } else if (c == '"') {
                quotes.push_back(k);
            }
        }
        // Double quotes: paired in order.  With an odd count one is left
        // unpaired: the first when it looks like a closer (glued to the word
        // before it, not at the run start), else the last (a quotation that
        // goes on in the next paragraph).
        bool odd = quotes.size() % 2 == 1;
        std::size_t first = 0;
        if (odd) {
            std::size_t f = quotes[0];
            bool glued = f > 0 && !tokens[a + f].space_before;
            bool then_space = f + 1 >= len || tokens[a + f + 1].space_before;
            if (glued && then_space) first = 1;
        }
        std::size_t last = quotes.size() - (odd && first == 0 ? 1 : 0);  // pair quotes[first, last)
        for (std::size_t q = first; q + 1 < last; q += 2) pairs.emplace_back(quotes[q], quotes[q + 1]);
        // Depth, closers and openers; a run without pairs (most of them) has
        // depth 0 and neither everywhere, and needs no tables.
        const bool paired = !pairs.empty();
        if (paired) {
            delta.assign(len + 1, 0);
            closer.assign(len, 0);
            opener.assign(len, 0);
            for (const auto& [o, c] : pairs) {
                delta[o + 1] += 1;
                delta[c] -= 1;
                closer[c] = 1;
                opener[o] = 1;
            }
            depth.assign(len, 0);
            std::int32_t d = 0;
            for (std::size_t k = 0; k < len; ++k) {
                d += delta[k];
                depth[k] = d;
            }
        }
        auto closer_at = [&](std::size_t k) { return paired && closer[k] != 0; };
        auto opener_at = [&](std::size_t k) { return paired && opener[k] != 0; };
        auto depth_at = [&](std::size_t k) { return paired ? depth[k] : 0; };

        std::size_t s = a;
        for (std::size_t i = a; i < b; ++i) {
            const Tok& t = tokens[i];
            // Only punctuation and abbreviations can end a sentence.
            if (t.kind != TokenKind::punctuation && t.kind != TokenKind::abbreviation) continue;
            std::string_view ts = text_of(text, t);
            Abbr ac = abbr_class(text, t);
            bool terminal = (t.kind == TokenKind::punctuation && is_terminal_punct(ts)) || ac == Abbr::final_ ||
                            ac == Abbr::initial || ac == Abbr::dotted;
            if (!terminal) continue;
            // Glue: more terminal marks, closing quotes/brackets without a space before.
            std::size_t j = i + 1;
            while (j < b && !tokens[j].space_before) {
                std::string_view js = text_of(text, tokens[j]);
                bool glue = (tokens[j].kind == TokenKind::punctuation && is_terminal_punct(js)) ||
                            closer_at(j - a) || js == "'" ||
                            (js == "\"" && !opener_at(j - a));  // an unpaired quote glued to the end
                if (!glue) break;
                ++j;
            }
            if (j >= b) break;
            const Tok& nx = tokens[j];
            if (depth_at(j - a) > 0) {  // inside quotes or brackets still open
                i = j - 1;
                continue;
            }
            bool end = starts_sentence(text, nx);
            if (end && ac == Abbr::initial) {
                const Tok* prev = i > s ? &tokens[i - 1] : nullptr;
                end = prev && ((prev->kind == TokenKind::word && prev->shape == TokenShape::lower) ||
                               prev->kind == TokenKind::number);
            } else if (end && ac == Abbr::dotted) {
                end = nx.kind != TokenKind::abbreviation;  // S.H. M.H. stays together
            }
            if (end) {
                emit(s, j);
                s = j;
            }
            i = j - 1;
        }
        emit(s, b);
    };

    // 2. Runs: maximal stretches of non-zone tokens without a line break or a zone between them.
    std::size_t i = 0;
    while (i < n) {
        if (in_zone(i)) {
            ++i;
            continue;
        }
        std::size_t b = i + 1;
        while (b < n && !tokens[b].newline_before && !in_zone(b) &&
               !(boilerplate.size() && zone_between(tokens[b - 1].end, tokens[b].start)))
            ++b;
        split_run(i, b);
        i = b;
    }
    return out;
}

}  // namespace warta::detail
