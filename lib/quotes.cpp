// Direct quotes.  A quotation is the text between a pair of quotation marks
// (curly ones are folded to '"' by the normaliser); a paragraph that starts
// with a quotation mark while a quotation is open continues it.  The speaker
// comes from a cue next to the quotation:
//   "…," kata Kepala Dinas Ahmad Fauzi.     after: the first person (else organization) after the cue
//   "…," katanya.                          self:  the last speaker, else the last person named
//   Ahmad Fauzi mengatakan, "…"            before: the last person named before the cue
//   Menurut Ahmad, "…"                     lead:  the person after the cue
// A quotation without a cue that opens a paragraph within two paragraphs of
// another keeps that speaker (news splits long quotes).  Short quoted phrases (fewer than
// four words, no sentence punctuation) are names or scare quotes, not speech.
#include "quotes.hpp"

#include <algorithm>

namespace warta::detail {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool is_quote(const Tok& t) { return t.lower.size() == 1 && t.lower[0] == '"'; }

/// `l` is one of the one-byte strings of `set` (a test per token, without strlen and compare).
bool one_of(const std::string& l, std::string_view set) {
    if (l.size() != 1) return false;
    for (char c : set)
        if (c == l[0]) return true;
    return false;
}

}  // namespace

void QuoteFinder::add_table(std::string_view file, std::string_view content) {
    std::size_t pos = 0;
    int line = 0;
    while (pos <= content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view l = trim(content.substr(pos, nl - pos));
        pos = nl + 1;
        ++line;
        if (l.empty() || l[0] == '#') {
            if (nl == content.size()) break;
            continue;
        }
        std::size_t tab = l.find('\t');
        if (tab == std::string_view::npos)
            throw GrammarError(std::string(file) + ":" + std::to_string(line) + ":1: expected cue<TAB>kind");
        std::string_view cue = trim(l.substr(0, tab)), kind = trim(l.substr(tab + 1));
        unsigned k = kind == "after" ? 1u : kind == "self" ? 2u : kind == "before" ? 4u : kind == "lead" ? 8u : kind == "indirect" ? 16u : 0u;
        if (!k)
            throw GrammarError(std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(tab + 2) +
                               ": kind is after, self, before, lead or indirect, not '" + std::string(kind) + "'");
        std::string key;
        for (char c : cue) key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
        cues_[key] |= k;
        if (nl == content.size()) break;
    }
}

void QuoteFinder::find(std::string_view, const std::vector<Tok>& toks, const std::vector<Sent>& sents,
                       const std::vector<Mention>& mentions, const std::vector<MentionRef>& refs,
                       const std::function<Span(std::uint32_t, std::uint32_t)>& span_of, std::vector<Event>& out) const {
    if (cues_.empty()) return;
    auto kind_of = [&](std::uint32_t t) -> unsigned {
        if (t >= toks.size()) return 0;
        const unsigned* k = cues_.find(toks[t].lower);
        return k ? *k : 0;
    };
    auto sentence_of = [&](std::uint32_t t) -> std::size_t {
        auto it = std::upper_bound(sents.begin(), sents.end(), t, [](std::uint32_t v, const Sent& s) { return v < s.tok_begin; });
        return it == sents.begin() ? 0 : static_cast<std::size_t>(it - sents.begin()) - 1;
    };
    // A quote event: speaker, content tokens [c0, c1), cue (UINT32_MAX: none).
    auto quote_event = [&](bool direct, std::size_t sentence, std::uint32_t trig, const MentionRef& speaker, std::uint32_t c0,
                           std::uint32_t c1, std::uint32_t cue) {
        Event ev;
        ev.type = "quote";
        ev.direct = direct;
        ev.rule = direct ? "quotes" : "quotes.indirect";
        ev.sentence = sentence;
        ev.trigger = span_of(toks[trig].start, toks[trig].end);
        const Mention& sm = mentions[speaker.index];
        EventArg sp;
        sp.role = "speaker";
        sp.span = span_of(toks[speaker.tok_begin].start, toks[speaker.tok_end - 1].end);
        sp.mention = sm.id;
        sp.value = mention_value(sm);
        ev.args.push_back(std::move(sp));
        EventArg content;
        content.role = "content";
        content.span = span_of(toks[c0].start, toks[c1 - 1].end);
        ev.args.push_back(std::move(content));
        if (cue != UINT32_MAX) {
            EventArg cu;
            cu.role = "cue";
            cu.span = span_of(toks[cue].start, toks[cue].end);
            ev.args.push_back(std::move(cu));
        }
        return ev;
    };
    // The first person (or, failing that, organization) mention in tokens [a, b).
    auto first_actor = [&](std::uint32_t a, std::uint32_t b) -> const MentionRef* {
        const MentionRef* org = nullptr;
        // (refs are sorted by tok_begin: the first one at or after `a` by binary search)
        auto from_a = std::lower_bound(refs.begin(), refs.end(), a,
                                       [](const MentionRef& r, std::uint32_t v) { return r.tok_begin < v; });
        for (auto it = from_a; it != refs.end(); ++it) {
            const MentionRef& r = *it;
            if (r.tok_begin >= b) break;
            const std::string& ty = mentions[r.index].type;
            if (std::string_view(ty) == "person") return &r;
            if (std::string_view(ty) == "organization" && !org) org = &r;
        }
        return org;
    };
    // The last person mention that ends at or before token t (and starts at or after `from`).
    auto last_person = [&](std::uint32_t from, std::uint32_t t) -> const MentionRef* {
        const MentionRef* best = nullptr;
        // (refs are sorted by tok_begin: those before `from` are passed over by binary search)
        auto it = std::lower_bound(refs.begin(), refs.end(), from,
                                   [](const MentionRef& r, std::uint32_t v) { return r.tok_begin < v; });
        for (; it != refs.end(); ++it) {
            const MentionRef& r = *it;
            if (r.tok_begin >= t) break;
            if (r.tok_end <= t && std::string_view(mentions[r.index].type) == "person") best = &r;
        }
        return best;
    };

    const MentionRef* last_speaker = nullptr;
    std::uint32_t last_quote_end = 0;
    // "…," katanya / kata dia / kata politikus itu: a person named since the
    // last quotation, else the last speaker, else the last person named.
    auto self_speaker = [&](std::uint32_t open) -> const MentionRef* {
        const MentionRef* named = last_person(0, open);
        if (named && (!last_speaker || named->tok_begin >= last_quote_end)) return named;
        return last_speaker ? last_speaker : named;
    };

    std::vector<std::uint32_t> marks;
    for (std::uint32_t i = 0; i < toks.size(); ++i)
        if (is_quote(toks[i])) marks.push_back(i);

    std::size_t n = out.size();
    std::size_t mi = 0;
    while (mi < marks.size()) {
        std::uint32_t open = marks[mi];
        // the closing mark: skip marks that open a continuing paragraph
        std::size_t cj = mi + 1;
        while (cj < marks.size() && toks[marks[cj]].newline_before) ++cj;
        std::uint32_t close;
        if (cj < marks.size()) {
            close = marks[cj];
            mi = cj + 1;
        } else {
            // unclosed: to the end of the paragraph
            close = open + 1;
            while (close < toks.size() && !toks[close].newline_before) ++close;
            mi = marks.size();
        }
        if (close <= open + 1) continue;
        std::uint32_t c0 = open + 1, c1 = close;  // content tokens [c0, c1)
        std::size_t words = 0;
        bool punct = false;
        for (std::uint32_t t = c0; t < c1; ++t) {
            if (toks[t].kind == TokenKind::word || toks[t].kind == TokenKind::number) ++words;
            punct = punct || one_of(toks[t].lower, ",.?!");
        }
        if (words < 4 && !punct) continue;

        const MentionRef* speaker = nullptr;
        std::uint32_t cue = UINT32_MAX;
        // after the closing mark: [,] cue
        std::uint32_t a = close + 1;
        if (a < toks.size() && (std::string_view(toks[a].lower) == "," || std::string_view(toks[a].lower) == "-")) ++a;
        if (a < toks.size() && !toks[a].newline_before) {
            unsigned k = kind_of(a);
            if (k & after) {
                cue = a;
                std::uint32_t stop = a + 1;
                while (stop < toks.size() && stop < a + 16 && !toks[stop].newline_before && std::string_view(toks[stop].lower) != ".") ++stop;
                speaker = first_actor(a + 1, stop);
                if (speaker && std::string_view(mentions[speaker->index].type) != "person") {
                    // an organization speaks only when it follows the cue directly
                    // ("kata Kemenkes"), not in a description ("kata politikus PDIP itu")
                    std::uint32_t after_org = speaker->tok_end;
                    bool demonstrative = after_org < toks.size() && (std::string_view(toks[after_org].lower) == "itu" || std::string_view(toks[after_org].lower) == "tersebut");
                    if (speaker->tok_begin != a + 1 || demonstrative) speaker = nullptr;
                }
                if (!speaker) speaker = self_speaker(open);
            } else if (k & self) {
                cue = a;
                speaker = self_speaker(open);
            }
        }
        // before the opening mark: cue [,|:]
        if (cue == UINT32_MAX && open > 0) {
            std::uint32_t b = open - 1;
            if (b > 0 && (std::string_view(toks[b].lower) == "," || std::string_view(toks[b].lower) == ":")) --b;
            unsigned k = kind_of(b);
            std::size_t si = sentence_of(open);
            std::uint32_t from = si < sents.size() ? std::min(sents[si].tok_begin, b) : 0;
            if (k & before) {
                cue = b;
                speaker = last_person(from, b);
                if (!speaker) speaker = first_actor(from, b);
            } else if (k & lead) {
                // Menurut X, "…"  (the cue a few tokens back)
            }
            if (!speaker) {
                for (std::uint32_t t = open; t-- > from && t + 12 > open;) {
                    if (kind_of(t) & lead) {
                        cue = t;
                        speaker = first_actor(t + 1, open);
                        break;
                    }
                }
            }
        }
        // a split quotation: "…," kata X. "…"  (the cue clause between, same paragraph)
        bool split = false;
        if (last_speaker && open > last_quote_end && open - last_quote_end <= 12) {
            split = true;
            for (std::uint32_t t = last_quote_end + 1; t <= open; ++t) split = split && !toks[t].newline_before;
        }
        if (!speaker && cue == UINT32_MAX && last_speaker && open >= last_quote_end && (open == 0 || toks[open].newline_before || split)) {
            // a quotation that goes on from the last one, within two paragraphs
            std::size_t paras = 0;
            for (std::uint32_t t = last_quote_end; t <= open && t < toks.size(); ++t) paras += toks[t].newline_before ? 1 : 0;
            if (paras <= 2) speaker = last_speaker;
        }
        if (!speaker) continue;

        Event ev = quote_event(true, sentence_of(open), cue != UINT32_MAX ? cue : open, *speaker, c0, c1, cue);
        ev.id = "e" + std::to_string(++n);
        out.push_back(std::move(ev));
        if (std::string_view(mentions[speaker->index].type) == "person") last_speaker = speaker;
        last_quote_end = close;
    }

    // Reported speech.  Tokens inside quotation marks are not searched.
    const std::vector<bool> quoted = inside_quotes(toks);
    auto is_punct = [&](std::uint32_t t) {
        return one_of(toks[t].lower, ".,?!;:");
    };
    std::vector<Event> reported;
    for (const Sent& s : sents) {
        std::uint32_t sb = s.tok_begin, se = s.tok_end;
        while (se > sb && is_punct(se - 1)) --se;
        if (se <= sb) continue;
        // the content [c0, se): at least three words, no quotation mark (then it is direct)
        auto content_ok = [&](std::uint32_t c0) {
            std::size_t words = 0;
            for (std::uint32_t t = c0; t < se; ++t) {
                if (quoted[t] || is_quote(toks[t])) return false;
                if (toks[t].kind == TokenKind::word || toks[t].kind == TokenKind::number) ++words;
            }
            return words >= 3;
        };
        std::uint32_t cue = UINT32_MAX, c0 = 0;
        const MentionRef* speaker = nullptr;
        if (kind_of(sb) & lead) {
            // Menurut X, …   (X an actor, or a pronoun for the last person named)
            // the comma after X: past the first person or organization (whose
            // name may hold commas: "Badan Meteorologi, Klimatologi, dan Geofisika")
            std::uint32_t comma = sb + 1;
            while (comma < se && comma < sb + 14 && std::string_view(toks[comma].lower) != ",") ++comma;
            for (const auto& r : refs)  // a mention that holds the comma: go on after it
                if (r.tok_begin > sb && r.tok_begin < comma && r.tok_end > comma) {
                    comma = r.tok_end;
                    while (comma < se && comma < sb + 24 && std::string_view(toks[comma].lower) != ",") ++comma;
                    break;
                }
            // "Menurut Kepala BPKAD Padang, Yasrial Putra, …": an office (with its
            // organization) and then the person in apposition: the person speaks
            if (comma < se && std::string_view(toks[comma].lower) == ",") {
                const MentionRef* who = first_actor(sb + 1, comma);
                if (!who || std::string_view(mentions[who->index].type) != "person")
                    for (const auto& r : refs)
                        if (r.tok_begin == comma + 1 && std::string_view(mentions[r.index].type) == "person" && r.tok_end < se &&
                            std::string_view(toks[r.tok_end].lower) == "," && content_ok(r.tok_end + 1)) {
                            speaker = &r;
                            cue = sb;
                            c0 = r.tok_end + 1;
                            break;
                        }
            }
            if (!speaker && comma < se && comma > sb + 1 && std::string_view(toks[comma].lower) == "," && content_ok(comma + 1)) {
                speaker = first_actor(sb + 1, comma);
                const std::string& w = toks[sb + 1].lower;
                if (!speaker && comma == sb + 2 && (w == "dia" || w == "ia" || w == "beliau" || w == "mereka"))
                    speaker = last_person(0, sb);
                if (speaker) {
                    cue = sb;
                    c0 = comma + 1;
                }
            }
        }
        for (std::uint32_t t = sb; !speaker && t + 2 < se; ++t) {
            if (quoted[t]) continue;
            // (the next word first: a compare of its size rules out most tokens, no lookup)
            const std::string_view next = toks[t + 1].lower;
            if (next != "bahwa" && next != ",") continue;
            if (!(kind_of(t) & indirect)) continue;
            if (!content_ok(t + 2)) continue;
            // the subject: a person before the verb in this sentence, else an
            // organization there, else (a pronoun, an omitted subject) the last person named
            speaker = last_person(sb, t + 1);
            // "Rudi Hartono, kuasa hukum Darmawan, menyampaikan bahwa …": the person after a
            // lower-case title in apposition belongs to that title; the one before it speaks
            if (speaker && speaker->tok_end < t && toks[speaker->tok_end].lower == ",") {
                std::uint32_t c = speaker->tok_begin;
                while (c > sb && speaker->tok_begin - c < 6 && toks[c - 1].kind == TokenKind::word &&
                       toks[c - 1].shape == TokenShape::lower)
                    --c;
                if (c < speaker->tok_begin && c > sb + 1 && toks[c - 1].lower == ",")
                    if (const MentionRef* a = last_person(sb, c - 1); a && a->tok_end == c - 1) speaker = a;
            }
            if (!speaker) speaker = first_actor(sb, t);
            if (!speaker) speaker = last_person(0, t);
            if (!speaker) break;
            cue = t;
            c0 = t + 2;
        }
        if (!speaker) continue;
        reported.push_back(quote_event(false, static_cast<std::size_t>(&s - sents.data()), cue, *speaker, c0, se, cue));
    }
    for (auto& ev : reported) {
        ev.id = "e" + std::to_string(++n);  // the caller orders all events by trigger and renumbers them
        out.push_back(std::move(ev));
    }
}

}  // namespace warta::detail
