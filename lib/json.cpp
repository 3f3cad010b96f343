// The warta/1 JSON writer.
#include <nlohmann/json.hpp>

#include "warta/warta.hpp"

namespace warta {
namespace {

using json = nlohmann::ordered_json;

json value_json(const Value& v) {
    return std::visit(
        [](const auto& x) -> json {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
            else return x;
        },
        v);
}

json span_json(const Span& s) {
    json j;
    j["text"] = s.text;
    j["start"] = s.start;
    j["end"] = s.end;
    return j;
}

}  // namespace

std::string to_json(const Document& doc, const JsonOptions& opt) {
    json j;
    j["schema"] = schema_name;
    j["id"] = doc.id;
    if (doc.error) {
        j["error"] = {{"code", doc.error->code}, {"message", doc.error->message}};
    } else {
        j["reference_date"] = doc.reference_date ? json(*doc.reference_date) : json(nullptr);
        j["reference_date_source"] = doc.reference_date_source ? json(*doc.reference_date_source) : json(nullptr);
        json sents = json::array();
        for (const auto& s : doc.sentences) sents.push_back({{"start", s.start}, {"end", s.end}});
        j["sentences"] = std::move(sents);

        json mentions = json::array();
        for (const auto& m : doc.mentions) {
            json o;
            o["id"] = m.id;
            o["type"] = m.type;
            o["text"] = m.span.text;
            o["start"] = m.span.start;
            o["end"] = m.span.end;
            for (const auto& [k, v] : m.fields) o[k] = value_json(v);
            if (opt.explain && !m.rule.empty()) o["rule"] = m.rule;
            mentions.push_back(std::move(o));
        }
        j["mentions"] = std::move(mentions);

        json events = json::array();
        for (const auto& e : doc.events) {
            json o;
            o["id"] = e.id;
            o["type"] = e.type;
            o["trigger"] = span_json(e.trigger);
            o["sentence"] = e.sentence;
            json args = json::array();
            for (const auto& a : e.args) {
                json ao;
                ao["role"] = a.role;
                ao["text"] = a.span.text;
                ao["start"] = a.span.start;
                ao["end"] = a.span.end;
                if (!a.mention.empty()) ao["mention"] = a.mention;
                if (!std::holds_alternative<std::monostate>(a.value)) ao["value"] = value_json(a.value);
                args.push_back(std::move(ao));
            }
            o["args"] = std::move(args);
            if (opt.explain && !e.rule.empty()) o["rule"] = e.rule;
            events.push_back(std::move(o));
        }
        j["events"] = std::move(events);

        json warnings = json::array();
        for (const auto& w : doc.warnings) {
            json o;
            o["code"] = w.code;
            o["message"] = w.message;
            if (w.start) o["start"] = *w.start;
            if (w.end) o["end"] = *w.end;
            warnings.push_back(std::move(o));
        }
        j["warnings"] = std::move(warnings);

        if (opt.boilerplate) {
            json bp = json::array();
            for (const auto& b : doc.boilerplate) bp.push_back({{"kind", b.kind}, {"start", b.start}, {"end", b.end}});
            j["boilerplate"] = std::move(bp);
        }
        if (opt.explain && !doc.rejected.empty()) {
            json rej = json::array();
            for (const auto& r : doc.rejected)
                rej.push_back({{"type", r.type}, {"text", r.span.text}, {"start", r.span.start}, {"end", r.span.end},
                               {"rule", r.rule}, {"reason", r.reason}});
            j["rejected"] = std::move(rej);
        }
        if (opt.tokens && !doc.tokens.empty()) {
            json toks = json::array();
            for (const auto& t : doc.tokens) {
                json o;
                o["text"] = t.text;
                o["start"] = t.start;
                o["end"] = t.end;
                o["norm"] = t.norm;
                o["lower"] = t.lower;
                if (t.base != t.lower) o["base"] = t.base;
                o["kind"] = to_string(t.kind);
                o["shape"] = to_string(t.shape);
                if (t.boilerplate) o["boilerplate"] = true;
                toks.push_back(std::move(o));
            }
            j["tokens"] = std::move(toks);
        }
    }
    // Invalid UTF-8 can only reach here through `text` fields copied from the
    // input; those bytes are replaced (the document carries an invalid_utf8 warning).
    return j.dump(opt.indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace warta
