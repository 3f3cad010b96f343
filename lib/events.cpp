// Events: grammar event rules per sentence, then cross-sentence subjects.
#include "events.hpp"

#include <algorithm>
#include <string>

namespace warta::detail {

Value mention_value(const Mention& m) {
    for (const char* key : {"canonical", "name", "value"})
        if (const Value* v = m.field(key); v && !std::holds_alternative<std::monostate>(*v)) return *v;
    return Value(m.span.text);
}

namespace {

// Roles that name an actor, which a pronoun or an omitted subject can stand for.
bool actor_role(std::string_view role) { return role == "recipient" || role == "giver" || role == "speaker"; }

}  // namespace

void find_events(const Grammar& grammar, std::string_view text, const std::vector<Tok>& toks,
                 const std::vector<Sent>& sents, const std::vector<Mention>& mentions,
                 const std::vector<MentionRef>& refs,
                 const std::function<Span(std::uint32_t, std::uint32_t)>& span_of, std::vector<Event>& out) {
    if (!grammar.has_events()) return;
    std::vector<Grammar::EventInput> inputs;
    inputs.reserve(refs.size());
    for (const auto& r : refs) inputs.push_back({r.tok_begin, r.tok_end, mentions[r.index].type, r.index});

    // The most recent actor mention (organization or person) that starts before token t.
    auto last_actor_before = [&](std::uint32_t t) -> const MentionRef* {
        const MentionRef* best = nullptr;
        for (const auto& r : refs) {
            if (r.tok_begin >= t) break;
            const std::string& ty = mentions[r.index].type;
            if (ty == "organization" || ty == "person") best = &r;
        }
        return best;
    };

    // Tokens inside quotation marks: what a speaker says (a target, a hope) is
    // not reported as an event; the quote is its own event.
    std::vector<bool> quoted(toks.size(), false);
    {
        bool in = false;
        for (std::size_t t = 0; t < toks.size(); ++t) {
            if (toks[t].newline_before) in = false;
            if (toks[t].lower == "\"") in = !in;
            else quoted[t] = in;
        }
    }

    std::vector<Grammar::EventMatch> found;
    struct Recent {
        std::string type;
        std::size_t sentence;
        EventArg recipient;
    };
    std::vector<Recent> recent;  // the last event of each type with a recipient
    std::size_t n = out.size();
    for (std::size_t si = 0; si < sents.size(); ++si) {
        found.clear();
        grammar.match_events(text, toks, sents[si].tok_begin, sents[si].tok_end, inputs, found);
        for (auto& fm : found) {
            if (quoted[fm.trig_begin]) continue;
            Event ev;
            ev.id = "e" + std::to_string(++n);
            ev.type = fm.rule->type;
            ev.rule = fm.rule->where();
            ev.sentence = si;
            ev.trigger = span_of(toks[fm.trig_begin].start, toks[fm.trig_end - 1].end);
            std::sort(fm.args.begin(), fm.args.end(), [](const auto& a, const auto& b) { return a.tok_begin < b.tok_begin; });
            for (const auto& a : fm.args) {
                EventArg arg;
                arg.role = std::string(a.role);
                arg.span = span_of(toks[a.tok_begin].start, toks[a.tok_end - 1].end);
                const Mention* m = a.mention >= 0 ? &mentions[static_cast<std::size_t>(a.mention)] : nullptr;
                if (!m && actor_role(a.role)) {
                    // "pihaknya", "ia", "daerah itu": the same actor as the last
                    // event of this type when it is near, else the most recent
                    // organization or person
                    auto it = std::find_if(recent.begin(), recent.end(), [&](const Recent& r) { return r.type == fm.rule->type; });
                    if (a.role == "recipient" && it != recent.end() && si - it->sentence <= kSubjectLookback) {
                        arg.mention = it->recipient.mention;
                        arg.value = it->recipient.value;
                        ev.args.push_back(std::move(arg));
                        continue;
                    }
                    if (const MentionRef* r = last_actor_before(a.tok_begin)) m = &mentions[r->index];
                }
                if (m) {
                    arg.mention = m->id;
                    arg.value = mention_value(*m);
                }
                ev.args.push_back(std::move(arg));
            }
            // A role inside another role (a year inside an occasion's name) is part of it.
            std::erase_if(ev.args, [&](const EventArg& a) {
                for (const auto& b : ev.args)
                    if (&a != &b && b.span.start <= a.span.start && a.span.end <= b.span.end &&
                        (b.span.end - b.span.start) > (a.span.end - a.span.start))
                        return true;
                return false;
            });
            // "Penghargaan itu diserahkan di Jakarta": a follow-up that names no
            // recipient of its own completes the previous event of its type.
            if (!fm.rule->merge_without.empty()) {
                bool has = std::any_of(ev.args.begin(), ev.args.end(), [&](const EventArg& a) {
                    return std::find(fm.rule->merge_without.begin(), fm.rule->merge_without.end(), a.role) != fm.rule->merge_without.end();
                });
                auto prev = std::find_if(out.rbegin(), out.rend(), [&](const Event& e) { return e.type == ev.type; });
                if (!has && prev != out.rend() && si - prev->sentence <= kSubjectLookback) {
                    // the follow-up tells where, when and by whom it was handed over: its roles win
                    for (auto& a : ev.args) {
                        std::erase_if(prev->args, [&](const EventArg& b) { return b.role == a.role; });
                        prev->args.push_back(std::move(a));
                    }
                    continue;
                }
                if (fm.relative) continue;  // "… yang diserahkan …" with nothing to complete
            }
            // "Anugerah tersebut diserahkan …": roles of the rule's `inherit` list
            // that are missing come from the previous event of the type, when
            // the match has its (?P<_anaphor>) group.
            if (fm.anaphor && !fm.rule->inherit.empty()) {
                auto prev = std::find_if(out.rbegin(), out.rend(), [&](const Event& e) { return e.type == ev.type; });
                if (prev != out.rend() && si - prev->sentence <= kSubjectLookback)
                    for (const auto& role : fm.rule->inherit)
                        if (std::none_of(ev.args.begin(), ev.args.end(), [&](const EventArg& b) { return b.role == role; }))
                            for (const auto& pa : prev->args)
                                if (pa.role == role) {
                                    ev.args.push_back(pa);
                                    break;
                                }
            }
            // An omitted subject: the recipient of the last event of this type, if it is near.
            bool has_recipient = std::any_of(ev.args.begin(), ev.args.end(), [](const EventArg& a) { return a.role == "recipient"; });
            auto it = std::find_if(recent.begin(), recent.end(), [&](const Recent& r) { return r.type == ev.type; });
            if (!has_recipient && it != recent.end() && si - it->sentence <= kSubjectLookback) {
                ev.args.insert(ev.args.begin(), it->recipient);
                has_recipient = true;
            }
            for (const auto& a : ev.args)
                if (a.role == "recipient" && !a.mention.empty()) {
                    if (it == recent.end()) recent.push_back({ev.type, si, a});
                    else *it = {ev.type, si, a};
                    break;
                }
            out.push_back(std::move(ev));
        }
    }
}

}  // namespace warta::detail
