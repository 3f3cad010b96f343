// Events: grammar event rules per sentence, then cross-sentence subjects.
#include "events.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace warta::detail {

Value mention_value(const Mention& m) {
    for (const char* key : {"canonical", "name", "value"})
        if (const Value* v = m.field(key); v && !std::holds_alternative<std::monostate>(*v)) return *v;
    return Value(m.span.text);
}

std::vector<bool> inside_quotes(const std::vector<Tok>& toks) {
    std::vector<bool> quoted(toks.size(), false);
    bool in = false;
    for (std::size_t t = 0; t < toks.size(); ++t) {
        if (toks[t].newline_before) in = false;
        const std::string& l = toks[t].lower;
        if (l.size() == 1 && l[0] == '"') in = !in;  // (no compare call per token)
        else quoted[t] = in;
    }
    return quoted;
}

namespace {

bool listed(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// A court is shown to event rules as <court>, every other organization as <organization>.
std::string_view event_type_of(const Mention& m) {
    if (m.type == "organization")
        if (const Value* v = m.field("subtype"); v && std::holds_alternative<std::string>(*v) && std::get<std::string>(*v) == "court")
            return "court";
    return m.type;
}

}  // namespace

void find_events(const Grammar& grammar, std::string_view text, const std::vector<Tok>& toks,
                 const std::vector<Sent>& sents, const std::vector<Mention>& mentions,
                 const std::vector<MentionRef>& refs,
                 const std::function<Span(std::uint32_t, std::uint32_t)>& span_of, std::vector<Event>& out) {
    if (!grammar.has_events()) return;
    std::vector<Grammar::EventInput> inputs;
    inputs.reserve(refs.size());
    for (const auto& r : refs) inputs.push_back({r.tok_begin, r.tok_end, event_type_of(mentions[r.index]), r.index});

    // The most recent actor mention (organization or person) that starts before token t.
    auto last_actor_before = [&](std::uint32_t t, bool org_only) -> const MentionRef* {
        const MentionRef* best = nullptr;
        for (const auto& r : refs) {
            if (r.tok_begin >= t) break;
            const std::string& ty = mentions[r.index].type;
            if (ty == "organization" || (!org_only && ty == "person")) best = &r;
        }
        return best;
    };

    // Tokens inside quotation marks: what a speaker says (a target, a hope) is
    // not reported as an event; the quote is its own event.
    const std::vector<bool> quoted = inside_quotes(toks);

    std::vector<Grammar::EventMatch> found;
    struct Recent {
        std::string type;
        std::size_t sentence;
        EventArg subject;
        bool subject_is_org = false;
    };
    std::vector<Recent> recent;  // the last event of each type with its subject
    struct FollowUp {
        Event ev;
        int window;
        bool fill_only;  // the rule's `fill-only`: fills only roles the event lacks
    };
    std::vector<FollowUp> follow_ups;
    // `frame`: the roles of the last frame of each type ("X melantik 11 pejabat …
    // di Makassar, Jumat"), which the events of the type told after it lack
    struct Frame {
        std::string type;
        std::size_t sentence;
        std::size_t window;
        std::vector<EventArg> args;
    };
    std::vector<Frame> frames;
    std::set<std::size_t> closed;  // positions in `out` of events follow-ups never complete
    const std::size_t first_event = out.size();
    std::size_t n = out.size();
    auto previous_of_type = [&](const std::string& type) {
        return std::find_if(out.rbegin(), out.rend(), [&](const Event& e) { return e.type == type; });
    };
    // the follow-up's roles win: a later figure stands
    auto complete = [](Event& prev, std::vector<EventArg>& args, bool fill_only) {
        for (auto& a : args) {
            if (fill_only && std::any_of(prev.args.begin(), prev.args.end(), [&](const EventArg& b) { return b.role == a.role; }))
                continue;
            std::erase_if(prev.args, [&](const EventArg& b) { return b.role == a.role; });
            prev.args.push_back(std::move(a));
        }
        std::stable_sort(prev.args.begin(), prev.args.end(), [](const EventArg& a, const EventArg& b) { return a.span.start < b.span.start; });
    };
    // The mentions of a sentence: `refs` (so `inputs`) are sorted by
    // tok_begin, so they are a run found by binary search; match_events sees
    // only those instead of scanning all the document's mentions per sentence.
    const bool inputs_sorted = std::is_sorted(inputs.begin(), inputs.end(), [](const auto& a, const auto& b) { return a.tok_begin < b.tok_begin; });
    std::vector<Grammar::EventInput> sent_inputs;
    for (std::size_t si = 0; si < sents.size(); ++si) {
        found.clear();
        follow_ups.clear();
        const std::vector<Grammar::EventInput>* sin = &inputs;
        if (inputs_sorted) {
            auto by_begin = [](const Grammar::EventInput& m, std::uint32_t t) { return m.tok_begin < t; };
            auto lo = std::lower_bound(inputs.begin(), inputs.end(), sents[si].tok_begin, by_begin);
            auto hi = std::lower_bound(lo, inputs.end(), sents[si].tok_end, by_begin);
            sent_inputs.assign(lo, hi);
            sin = &sent_inputs;
        }
        grammar.match_events(text, toks, sents[si].tok_begin, sents[si].tok_end, *sin, found);
        for (auto& fm : found) {
            // a follow-up only completes an event already told: a toll an official
            // gives in a quotation ("Ada 1.250 rumah yang terendam," kata …) counts
            if (quoted[fm.trig_begin] && !fm.rule->follow_up) continue;
            const Rule& rule = *fm.rule;
            Event ev;
            ev.id = "e" + std::to_string(++n);
            ev.type = rule.type;
            ev.rule = rule.where_text;
            ev.sentence = si;
            ev.trigger = span_of(toks[fm.trig_begin].start, toks[fm.trig_end - 1].end);
            auto rit = std::find_if(recent.begin(), recent.end(), [&](const Recent& r) { return r.type == rule.type; });
            const bool recent_near = rit != recent.end() && si - rit->sentence <= kSubjectLookback;
            std::sort(fm.args.begin(), fm.args.end(), [](const auto& a, const auto& b) { return a.tok_begin < b.tok_begin; });
            for (const auto& a : fm.args) {
                EventArg arg;
                arg.role = std::string(a.role);
                arg.span = span_of(toks[a.tok_begin].start, toks[a.tok_end - 1].end);
                const Mention* m = a.mention >= 0 ? &mentions[static_cast<std::size_t>(a.mention)] : nullptr;
                if (!m && listed(rule.actors, a.role)) {
                    // "pihaknya", "ia", "daerah itu": the subject of the last event
                    // of this type when it is near, else the most recent
                    // organization or person; "pihaknya" ("their side") is an
                    // organization: the last one named, not the official who spoke
                    const bool institution = ascii_lower(std::string_view(text).substr(toks[a.tok_begin].start,
                                                                                         toks[a.tok_end - 1].end - toks[a.tok_begin].start)) == "pihaknya";
                    if (institution && !(recent_near && rit->subject_is_org)) {
                        if (const MentionRef* r = last_actor_before(a.tok_begin, true)) m = &mentions[r->index];
                    }
                    if (!m && a.role == rule.subject && recent_near) {
                        arg.mention = rit->subject.mention;
                        arg.value = rit->subject.value;
                        ev.args.push_back(std::move(arg));
                        continue;
                    }
                    if (!m)
                        if (const MentionRef* r = last_actor_before(a.tok_begin, false)) m = &mentions[r->index];
                }
                if (m) {
                    // a vague amount ("ratusan rumah") is no figure for an event
                    if (m->type == "number") {
                        const Value* v = m->field("value");
                        if (!v || std::holds_alternative<std::monostate>(*v)) continue;
                    }
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
            // `follow-up`: figures of the last event of the type, told in a later
            // clause or sentence ("Dua warga meninggal dunia"); applied at the end
            // of the sentence, so that an event later in the same sentence is the one completed.
            if (rule.follow_up) {
                if (!ev.args.empty()) follow_ups.push_back({std::move(ev), rule.follow_up - 1, rule.fill_only});
                continue;
            }
            if (rule.frame) {
                if (ev.args.empty()) continue;
                std::erase_if(frames, [&](const Frame& f) { return f.type == ev.type; });
                frames.push_back({ev.type, si, static_cast<std::size_t>(rule.frame - 1), std::move(ev.args)});
                continue;
            }
            // "Penghargaan itu diserahkan di Jakarta": a follow-up that names no
            // recipient of its own completes the previous event of its type.
            if (!rule.merge_without.empty()) {
                bool has = std::any_of(ev.args.begin(), ev.args.end(), [&](const EventArg& a) { return listed(rule.merge_without, a.role); });
                auto prev = previous_of_type(ev.type);
                if (!has && prev != out.rend() && si - prev->sentence <= kSubjectLookback) {
                    // the follow-up tells where, when and by whom it was handed over:
                    // a relative clause ("…, yang diserahkan … di Surabaya") is
                    // about this very award, its roles win; a later sentence
                    // only fills the roles the event does not have yet
                    for (auto& a : ev.args) {
                        bool had = std::any_of(prev->args.begin(), prev->args.end(), [&](const EventArg& b) { return b.role == a.role; });
                        if (had && !fm.relative) continue;
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
            if (fm.anaphor && !rule.inherit.empty()) {
                auto prev = previous_of_type(ev.type);
                if (prev != out.rend() && si - prev->sentence <= kSubjectLookback)
                    for (const auto& role : rule.inherit)
                        if (std::none_of(ev.args.begin(), ev.args.end(), [&](const EventArg& b) { return b.role == role; }))
                            for (const auto& pa : prev->args)
                                if (pa.role == role) {
                                    ev.args.push_back(pa);
                                    break;
                                }
            }
            // An omitted subject: the subject of the last event of this type, if it is near.
            if (!rule.subject.empty()) {
                bool has_subject = std::any_of(ev.args.begin(), ev.args.end(), [&](const EventArg& a) { return a.role == rule.subject; });
                if (!has_subject && recent_near) ev.args.insert(ev.args.begin(), rit->subject);
                for (const auto& a : ev.args)
                    if (a.role == rule.subject && !a.mention.empty()) {
                        bool org = std::any_of(mentions.begin(), mentions.end(),
                                               [&](const Mention& mm) { return mm.id == a.mention && mm.type == "organization"; });
                        if (rit == recent.end()) recent.push_back({ev.type, si, a, org});
                        else *rit = {ev.type, si, a, org};
                        break;
                    }
            }
            if (std::any_of(rule.requires_roles.begin(), rule.requires_roles.end(), [&](const std::vector<std::string>& any) {
                    return std::none_of(ev.args.begin(), ev.args.end(), [&](const EventArg& a) { return listed(any, a.role); });
                }))
                continue;
            // the roles of a frame before it that it lacks (who installed, where, when)
            for (const Frame& f : frames) {
                if (f.type != ev.type || si - f.sentence > f.window) continue;
                bool added = false;
                for (const EventArg& a : f.args)
                    if (std::none_of(ev.args.begin(), ev.args.end(), [&](const EventArg& b) { return b.role == a.role; })) {
                        ev.args.push_back(a);
                        added = true;
                    }
                if (added)
                    std::stable_sort(ev.args.begin(), ev.args.end(), [](const EventArg& a, const EventArg& b) { return a.span.start < b.span.start; });
            }
            if (rule.closed) closed.insert(out.size());
            out.push_back(std::move(ev));
        }
        // a follow-up completes the last event of its type that is not `closed`
        // (an aftershock keeps its magnitude; the tolls belong to the quake)
        for (auto& f : follow_ups) {
            for (std::size_t k = out.size(); k-- > first_event;) {
                if (out[k].type != f.ev.type || closed.count(k)) continue;
                if (si - out[k].sentence <= static_cast<std::size_t>(f.window)) complete(out[k], f.ev.args, f.fill_only);
                break;
            }
        }
    }
}

}  // namespace warta::detail
