// The pipeline: normalise -> boilerplate -> tokenize -> sentence-split ->
// reference date -> (grammar stages) -> Document with original offsets.
#include <charconv>
#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>

#include "boilerplate.hpp"
#include "embedded.hpp"
#include "dates.hpp"
#include "entities.hpp"
#include "events.hpp"
#include "quotes.hpp"
#include "persons.hpp"
#include "grammar.hpp"
#include "normalize.hpp"
#include "refdate.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace warta {

std::string_view version() noexcept { return WARTA_VERSION; }

const Value* Mention::field(std::string_view name) const noexcept {
    for (const auto& [k, v] : fields)
        if (k == name) return &v;
    return nullptr;
}

std::string_view to_string(TokenKind k) noexcept {
    switch (k) {
        case TokenKind::word: return "word";
        case TokenKind::number: return "number";
        case TokenKind::abbreviation: return "abbreviation";
        case TokenKind::punctuation: return "punctuation";
        case TokenKind::symbol: return "symbol";
        case TokenKind::url: return "url";
        case TokenKind::email: return "email";
        case TokenKind::hashtag: return "hashtag";
        case TokenKind::handle: return "handle";
        case TokenKind::other: return "other";
    }
    return "other";
}

std::string_view to_string(TokenShape s) noexcept {
    switch (s) {
        case TokenShape::lower: return "lower";
        case TokenShape::capitalized: return "capitalized";
        case TokenShape::upper: return "upper";
        case TokenShape::mixed: return "mixed";
        case TokenShape::digits: return "digits";
        case TokenShape::alnum: return "alnum";
        case TokenShape::punct: return "punct";
        case TokenShape::other: return "other";
    }
    return "other";
}

bool valid_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    auto num = [&](std::size_t a, std::size_t n) {
        int v = 0;
        for (std::size_t i = a; i < a + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int dm = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= dm;
}

Document error_document(std::string id, std::string code, std::string message) {
    Document d;
    d.id = std::move(id);
    d.error = DocumentError{std::move(code), std::move(message)};
    return d;
}

namespace {

std::optional<std::string> read_whole_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return ss.str();
}

std::optional<std::string> embedded(std::string_view name) {
    for (const auto& f : detail::embedded_files())
        if (f.name == name) return std::string(f.content);
    return std::nullopt;
}

std::optional<detail::Ymd> parse_ymd(const std::optional<std::string>& s) {
    if (!s || !valid_iso_date(*s)) return std::nullopt;
    return detail::Ymd{std::stoi(s->substr(0, 4)), std::stoi(s->substr(5, 2)), std::stoi(s->substr(8, 2))};
}

}  // namespace

struct Extractor::Impl {
    detail::Tokenizer tokenizer;
    detail::Grammar grammar{tokenizer};
    detail::EntityRecognizer entities;
    detail::PersonFinder persons;
    detail::QuoteFinder quotes;
    ExtractorOptions options;
    bool has_entity_tables = false;  ///< false when entities.grammar is disabled and no user file names a table
    bool has_person_tables = false;

    explicit Impl(ExtractorOptions opt) : options(std::move(opt)) {
        // Word lists named by a grammar: next to a user's file first, then the built-ins.
        auto resolve = [](std::string_view from, std::string_view name) -> std::optional<std::string> {
            if (from.rfind("builtin:", 0) != 0) {
                std::filesystem::path p = std::filesystem::path(std::string(from)).parent_path() / std::string(name);
                if (auto s = read_whole_file(p)) return s;
            }
            return embedded(name);
        };
        if (options.builtin_grammars) {
            std::vector<const detail::EmbeddedFile*> files;
            for (const auto& f : detail::embedded_files())
                if (f.name.ends_with(".grammar")) files.push_back(&f);
            std::sort(files.begin(), files.end(), [](auto* a, auto* b) { return a->name < b->name; });
            for (const auto* f : files) grammar.load("builtin:" + std::string(f->name), f->content, resolve, /*built_in=*/true);
        }
        for (const auto& path : options.grammar_files) {
            auto content = read_whole_file(path);
            if (!content) throw GrammarError(path + ":1:1: cannot read grammar file: " + std::strerror(errno));
            grammar.load(path, *content, resolve);
        }
        for (const auto& name : options.disabled) grammar.disable(name);
        grammar.compile();
        // Entity tables named by `@gazetteer` (issue 5).  Kinds the entity
        // recogniser does not know are left to the other recognisers.
        for (const auto& g : grammar.gazetteers()) {
            if (g.kind == "quote-cue") {
                quotes.add_table(g.file, g.content);
                continue;
            }
            if (detail::PersonFinder::handles(g.kind)) {
                persons.add_table(g.kind, g.file, g.content);  // throws GrammarError itself
                has_person_tables = true;
                continue;
            }
            try {
                has_entity_tables |= entities.add_table(g.kind, g.file, g.content);  // other kinds: ignored
            } catch (const GrammarError&) {
                throw;
            } catch (const std::runtime_error& e) {
                throw GrammarError(e.what());
            }
        }
    }

    /// The pipeline.  `blocks`, when given, receives the spans that block rules claimed.
    Document run(std::string_view input, const DocumentOptions& opt, bool with_grammars,
                 std::vector<Mention>* blocks = nullptr) const;
};

Extractor::Extractor(ExtractorOptions options) : impl_(new Impl(std::move(options))) {}
Extractor::~Extractor() { delete impl_; }
Extractor::Extractor(Extractor&& o) noexcept : impl_(o.impl_) { o.impl_ = nullptr; }
Extractor& Extractor::operator=(Extractor&& o) noexcept {
    if (this != &o) {
        delete impl_;
        impl_ = o.impl_;
        o.impl_ = nullptr;
    }
    return *this;
}

namespace {
// "m1", "e12": a letter and a number, built in place (no temporaries).
std::string numbered_id(char letter, std::size_t n) {
    char b[24];
    b[0] = letter;
    const auto r = std::to_chars(b + 1, b + sizeof b, n);
    return std::string(b, static_cast<std::size_t>(r.ptr - b));
}
}  // namespace

Document Extractor::Impl::run(std::string_view input, const DocumentOptions& opt, bool with_grammars,
                              std::vector<Mention>* blocks) const {
    Document doc;
    doc.id = opt.id;
    if (input.size() >= 0xFFFFFFF0u) {
        return error_document(opt.id, "too_large", "input is larger than 4 GiB");
    }
    detail::Normalized norm = detail::normalize(input);
    const auto& map = norm.map;
    doc.warnings = std::move(norm.warnings);

    std::vector<detail::Zone> zones = detail::find_boilerplate(norm.text);
    for (const auto& z : zones)
        doc.boilerplate.push_back({map.orig_start(z.start), map.orig_end(z.end), z.kind});

    std::vector<detail::Tok> toks = tokenizer.tokenize(norm.text);
    std::vector<detail::Sent> sents = detail::split_sentences(norm.text, toks, zones);
    doc.sentences.reserve(sents.size());
    for (const auto& s : sents) doc.sentences.push_back({map.orig_start(s.start), map.orig_end(s.end)});

    if (opt.reference_date) {
        if (valid_iso_date(*opt.reference_date)) {
            doc.reference_date = *opt.reference_date;
            doc.reference_date_source = opt.reference_source == ReferenceSource::option ? "option" : "metadata";
        } else {
            doc.warnings.push_back({"bad_reference_date",
                                    "reference date '" + *opt.reference_date + "' is not a valid YYYY-MM-DD date; looking in the text",
                                    std::nullopt, std::nullopt});
        }
    }
    if (!doc.reference_date) {
        if (auto d = detail::find_reference_date(norm.text, sents)) {
            doc.reference_date = *d;
            doc.reference_date_source = "dateline";
        }
    }

    if (with_grammars) {
        std::optional<detail::Ymd> ref = parse_ymd(doc.reference_date);
        std::vector<detail::Candidate> found, lost;
        for (const auto& s : sents)
            grammar.match(norm.text, toks, s.tok_begin, s.tok_end, ref, found, opt.explain ? &lost : nullptr);
        auto span_of = [&](const detail::Candidate& c) {
            Span sp;
            sp.start = map.orig_start(c.start);
            sp.end = map.orig_end(c.end);
            sp.text.assign(input.substr(sp.start, sp.end - sp.start));
            return sp;
        };
        for (const auto& c : lost) doc.rejected.push_back({c.rule->type, span_of(c), c.rule->where_text, c.lost});
        std::vector<std::pair<std::uint32_t, std::uint32_t>> nspan;  // each mention's normalised span
        doc.mentions.reserve(found.size());  // (the entity layers' mentions may grow it once more)
        nspan.reserve(found.size());
        for (auto& c : found) {
            if (std::string_view(c.rule->type) == "block") {
                if (blocks) blocks->push_back({"", "block", span_of(c), {}, c.rule->where_text});
                continue;
            }
            Mention m;
            m.type = c.rule->type;
            m.span.start = map.orig_start(c.start);
            m.span.end = map.orig_end(c.end);
            m.span.text.assign(input.substr(m.span.start, m.span.end - m.span.start));
            m.fields = std::move(c.out.fields);
            m.rule = c.rule->where_text;
            for (auto& [code, message] : c.out.warnings)
                doc.warnings.push_back({std::move(code), std::move(message) + " (" + m.span.text + ")", m.span.start, m.span.end});
            doc.mentions.push_back(std::move(m));
            nspan.emplace_back(c.start, c.end);
        }

        detail::years_from_article(doc.mentions);
        if (doc.reference_date) detail::weekdays_from_article(doc.mentions, *doc.reference_date);

        // Organizations and places: a separate layer (they may overlap dates and
        // numbers, never each other).
        std::vector<detail::EntitySpan> ents;
        if (has_entity_tables) ents = entities.find(norm.text, toks, sents, ref);
        std::vector<detail::PersonMention> people;
        if (has_person_tables) persons.find(norm.text, toks, sents, ents, people);
        // An age after a name, "Euis Komalasari (34)", or after the initials news
        // gives a suspect ("tiga kurir berinisial RS (34), AH (29), dan MZ (41)"):
        // the number counts years.
        auto after_initials = [&](std::size_t s) {
            std::size_t w = s - 1;  // the '('
            if (w > 0 && norm.text[w - 1] == ' ') --w;
            std::size_t b = w;
            while (b > 0 && norm.text[b - 1] >= 'A' && norm.text[b - 1] <= 'Z') --b;
            if (w - b < 2 || w - b > 4 || (b > 0 && norm.text[b - 1] != ' ')) return false;
            // "inisial" before, then only other initials with their ages: "RS (34), AH (29), dan"
            const std::size_t from = b > 80 ? b - 80 : 0;
            const std::string_view before = std::string_view(norm.text).substr(from, b - from);
            const std::size_t at = before.rfind("inisial");
            if (at == std::string_view::npos) return false;
            std::string_view list = before.substr(at + 7);
            for (std::size_t k = 0; k < list.size(); ++k) {
                const char c = list[k];
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == ')' || c == ',' || c == ' ') continue;
                if (list.substr(k, 4) == "dan " && (k == 0 || list[k - 1] == ' ')) {
                    k += 3;
                    continue;
                }
                return false;
            }
            return true;
        };
        {
            std::size_t pi = 0;
            for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
                Mention& m = doc.mentions[i];
                const auto [s, e] = nspan[i];
                if (m.type != "number" || m.field("unit") || s < 2 || e >= norm.text.size() || norm.text[s - 1] != '(' ||
                    norm.text[e] != ')')
                    continue;
                const Value* v = m.field("value");
                if (!v || !std::holds_alternative<std::int64_t>(*v) || !detail::plausible_age(std::get<std::int64_t>(*v))) continue;
                while (pi < people.size() && people[pi].end + 2 < s) ++pi;
                if ((pi < people.size() && (people[pi].end + 1 == s || (people[pi].end + 2 == s && norm.text[s - 2] == ' '))) ||
                    after_initials(s))
                    m.fields.emplace_back("unit", std::string("tahun"));
            }
        }
        // A place that ends an office title ("Bupati Kulon Progo Heru Santosa")
        // is part of the title, not a location of its own.
        std::erase_if(ents, [&](const detail::EntitySpan& e) {
            if (e.type != "location") return false;
            std::string_view place = std::string_view(norm.text).substr(e.start, e.end - e.start);
            for (const auto& p : people) {
                if (!p.title || p.start < e.end || p.start - e.end > 4) continue;
                // "perenang Surabaya, Aulia": where an athlete comes from is a place
                if (std::string_view t = *p.title; detail::origin_word(t.substr(0, t.find(' ')))) continue;
                std::string_view gap = std::string_view(norm.text).substr(e.end, p.start - e.end);
                if (gap.find_first_not_of(" ,") != std::string_view::npos) continue;
                if (p.title->size() > place.size() && p.title->ends_with(place)) return true;
            }
            return false;
        });
        // Ids in document order: by start, the longer first; ties in the order
        // grammar mentions, people, organisations and places.  The order is
        // worked out on the spans alone, and each mention is then built (people,
        // entities) or moved (grammar mentions) once, into its place.
        const std::size_t ngrammar = doc.mentions.size();
        struct Key {
            std::size_t start, end;
            std::uint32_t nstart, nend;
        };
        std::vector<Key> keys;
        keys.reserve(ngrammar + people.size() + ents.size());
        for (std::size_t i = 0; i < ngrammar; ++i)
            keys.push_back({doc.mentions[i].span.start, doc.mentions[i].span.end, nspan[i].first, nspan[i].second});
        for (const auto& p : people) keys.push_back({map.orig_start(p.start), map.orig_end(p.end), p.start, p.end});
        for (const auto& e : ents) keys.push_back({map.orig_start(e.start), map.orig_end(e.end), e.start, e.end});
        std::vector<std::uint32_t> order(keys.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
            const Key &a = keys[x], &b = keys[y];
            if (a.start != b.start) return a.start < b.start;
            return a.end > b.end;
        });
        {
            std::vector<Mention> sorted;
            sorted.reserve(order.size());
            nspan.clear();
            nspan.reserve(order.size());
            for (std::uint32_t i : order) {
                const Key& k = keys[i];
                nspan.emplace_back(k.nstart, k.nend);
                if (i < ngrammar) {
                    sorted.push_back(std::move(doc.mentions[i]));
                    continue;
                }
                Mention& m = sorted.emplace_back();
                m.span.start = k.start;
                m.span.end = k.end;
                m.span.text.assign(input.substr(k.start, k.end - k.start));
                if (i < ngrammar + people.size()) {
                    auto& p = people[i - ngrammar];
                    m.type = "person";
                    m.fields.reserve(p.title ? 2 : 1);
                    m.fields.emplace_back("name", std::move(p.name));
                    if (p.title) m.fields.emplace_back("title", std::move(*p.title));
                    m.rule = "builtin:grammars/entities.grammar:persons";
                } else {
                    auto& e = ents[i - ngrammar - people.size()];
                    m.type = e.type;
                    m.fields.emplace_back("canonical", std::move(e.canonical));
                    if (e.type == "organization" && !e.acronym.empty()) m.fields.emplace_back("acronym", std::move(e.acronym));
                    m.fields.emplace_back("subtype", std::move(e.subtype));
                    if (!e.code.empty()) m.fields.emplace_back("code", std::move(e.code));
                    m.rule = "builtin:grammars/entities.grammar:" + e.rule;
                }
            }
            doc.mentions = std::move(sorted);
        }
        std::size_t n = 0;
        for (auto& m : doc.mentions) m.id = numbered_id('m', ++n);

        // Events: the event rules over every sentence with all mentions as
        // pseudo-tokens, then quotations (docs/events.md).
        if (grammar.has_events() || !quotes.empty()) {
            std::vector<detail::MentionRef> refs;
            refs.reserve(nspan.size());
            auto first_at_or_after = [&](std::uint32_t pos) {
                return static_cast<std::uint32_t>(
                    std::lower_bound(toks.begin(), toks.end(), pos, [](const detail::Tok& t, std::uint32_t v) { return t.start < v; }) -
                    toks.begin());
            };
            // Mentions come in document order, so the first token is found by
            // walking on from the previous mention's (a search only when a start
            // goes back), and the end token by walking on from the first.
            const auto ntoks = static_cast<std::uint32_t>(toks.size());
            std::uint32_t cursor = 0, last = 0;
            for (std::size_t i = 0; i < nspan.size(); ++i) {
                const auto [ns, ne] = nspan[i];
                if (ns < last) cursor = first_at_or_after(ns);
                while (cursor < ntoks && toks[cursor].start < ns) ++cursor;
                last = ns;
                std::uint32_t te = cursor;
                while (te < ntoks && toks[te].start < ne) ++te;
                if (cursor < te) refs.push_back({cursor, te, i});
            }
            std::stable_sort(refs.begin(), refs.end(), [](const auto& a, const auto& b) { return a.tok_begin < b.tok_begin; });
            auto span_norm = [&](std::uint32_t s, std::uint32_t e) {
                Span sp;
                sp.start = map.orig_start(s);
                sp.end = map.orig_end(e);
                sp.text.assign(input.substr(sp.start, sp.end - sp.start));
                return sp;
            };
            detail::find_events(grammar, norm.text, toks, sents, doc.mentions, refs, span_norm, doc.events);
            quotes.find(norm.text, toks, sents, doc.mentions, refs, span_norm, doc.events);
            std::stable_sort(doc.events.begin(), doc.events.end(),
                             [](const Event& a, const Event& b) { return a.trigger.start < b.trigger.start; });
            std::size_t en = 0;
            for (auto& e : doc.events) e.id = numbered_id('e', ++en);
        }
    }

    if (opt.keep_tokens) {
        doc.tokens.reserve(toks.size());
        std::size_t zi = 0;
        for (auto& t : toks) {  // the last use of toks: their strings are moved out
            Token out;
            out.start = map.orig_start(t.start);
            out.end = map.orig_end(t.end);
            out.text.assign(input.substr(out.start, out.end - out.start));
            out.norm.assign(std::string_view(norm.text).substr(t.start, t.end - t.start));
            out.lower = std::move(t.lower);
            out.base = std::move(t.base);
            out.kind = t.kind;
            out.shape = t.shape;
            while (zi < zones.size() && zones[zi].end <= t.start) ++zi;
            out.boilerplate = zi < zones.size() && zones[zi].start <= t.start;
            doc.tokens.push_back(std::move(out));
        }
    }
    return doc;
}

std::size_t Extractor::rule_count() const noexcept {
    std::size_t n = 0;
    for (const auto& r : impl_->grammar.rules()) n += r->disabled ? 0 : 1;
    return n;
}

namespace {

std::string value_text(const Value& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "null";
            else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::string>) return x;
            else if constexpr (std::is_same_v<T, double>) {
                char b[64];
                std::snprintf(b, sizeof b, "%.15g", x);
                return b;
            } else return std::to_string(x);
        },
        v);
}

std::string describe(const Mention& m) {
    std::string s = m.type + " \"" + m.span.text + "\"";
    if (const Value* v = m.field("value")) s += " = " + value_text(*v);
    return s + " (" + m.rule + ")";
}

}  // namespace

std::vector<Extractor::ExampleFailure> Extractor::check_examples(std::string_view file) const {
    std::vector<ExampleFailure> failures;
    for (const auto& rp : impl_->grammar.rules()) {
        const detail::Rule& rule = *rp;
        if (rule.disabled) continue;
        if (!file.empty() && !rule.file.ends_with(file)) continue;
        bool positive = false;
        for (const auto& ex : rule.examples) {
            positive = positive || !ex.counter;
            DocumentOptions opt;
            opt.reference_date = ex.ref_date;
            opt.keep_tokens = true;
            opt.explain = true;
            std::vector<Mention> blocks;
            Document doc = impl_->run(ex.text, opt, true, &blocks);
            std::vector<const Mention*> all;
            for (const auto& m : doc.mentions) all.push_back(&m);
            for (const auto& m : blocks) all.push_back(&m);
            std::string where = rule.file + ":" + std::to_string(ex.line);
            auto tokens = [&] {
                std::string t;
                for (const auto& tok : doc.tokens) t += (t.empty() ? "" : " ") + tok.lower;
                return "\n    tokens the rule saw: " + t;
            };
            auto found_list = [&] {
                std::string f;
                for (const Mention* m : all) f += "\n    found: " + describe(*m);
                for (const auto& r : doc.rejected) f += "\n    lost: " + r.type + " \"" + r.span.text + "\" (" + r.rule + "): " + r.reason;
                return f.empty() ? std::string("\n    found: nothing") : f;
            };
            if (rule.is_event) {
                auto events_list = [&] {
                    std::string f;
                    for (const auto& e : doc.events) {
                        f += "\n    event: " + e.type + " \"" + e.trigger.text + "\" (" + e.rule + ")";
                        for (const auto& a : e.args) f += " " + a.role + "=\"" + a.span.text + "\"";
                    }
                    return f.empty() ? std::string("\n    events: none") : f;
                };
                bool hit = false;
                if (rule.follow_up) {
                    // a follow-up completes another event: its example names the argument it adds
                    for (const auto& e : doc.events)
                        for (const auto& a : e.args)
                            for (const auto& slot : rule.roles)
                                hit = hit || (e.type == rule.type && a.role == slot.name && (ex.counter || a.span.text == ex.span));
                } else {
                    for (const auto& e : doc.events) hit = hit || (e.type == rule.type && (ex.counter || e.trigger.text == ex.span));
                }
                if (ex.counter && hit)
                    failures.push_back({where, rule.name, "counter-example \"" + ex.text + "\" must give no " + rule.type + " event" + events_list() + found_list()});
                else if (!ex.counter && !hit)
                    failures.push_back({where, rule.name, "in \"" + ex.text + "\" expected a " + rule.type + (rule.follow_up ? " event with the argument \"" : " event triggered by \"") + ex.span + "\"" + events_list() + found_list() + tokens()});
                continue;
            }
            if (ex.counter) {
                for (const Mention* m : all)
                    if (m->type == rule.type) {
                        failures.push_back({where, rule.name, "counter-example \"" + ex.text + "\" must give no " + rule.type + found_list() + tokens()});
                        break;
                    }
                continue;
            }
            bool ok = false;
            for (const Mention* m : all) {
                if (m->type != rule.type || m->span.text != ex.span) continue;
                if (ex.value) {
                    const Value* v = m->field("value");
                    if (!v || value_text(*v) != *ex.value) continue;
                }
                ok = true;
                break;
            }
            if (!ok)
                failures.push_back({where, rule.name, "in \"" + ex.text + "\" expected " + rule.type + " \"" + ex.span + "\"" +
                                                          (ex.value ? " = " + *ex.value : std::string()) + found_list() + tokens()});
        }
        if (!positive)
            failures.push_back({rule.file + ":" + std::to_string(rule.line), rule.name, "the rule has no positive example"});
    }
    return failures;
}

Document Extractor::extract(std::string_view utf8, const DocumentOptions& options) const noexcept {
    try {
        return impl_->run(utf8, options, true);
    } catch (const std::bad_alloc&) {
        return error_document(options.id, "out_of_memory", "out of memory while processing the document");
    } catch (const std::exception& e) {
        return error_document(options.id, "internal_error", e.what());
    } catch (...) {
        return error_document(options.id, "internal_error", "unknown error");
    }
}

Document Extractor::tokenize(std::string_view utf8, const DocumentOptions& options) const noexcept {
    DocumentOptions o = options;
    o.keep_tokens = true;
    try {
        return impl_->run(utf8, o, false);
    } catch (const std::exception& e) {
        return error_document(options.id, "internal_error", e.what());
    } catch (...) {
        return error_document(options.id, "internal_error", "unknown error");
    }
}

}  // namespace warta
