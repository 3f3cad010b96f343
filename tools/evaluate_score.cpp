// Scoring of warta/1 documents against gold records: a line-by-line port of
// the reference scorer (see evaluate_score.hpp).
#include "evaluate_score.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace warta::eval {
namespace {

const std::vector<std::pair<std::string, std::string>>& cats() {  // gold key -> mention type
    static const std::vector<std::pair<std::string, std::string>> c = {
        {"dates", "date"}, {"numbers", "number"}, {"ordinals", "ordinal"}, {"money", "money"},
        {"percent", "percent"}, {"organizations", "organization"}, {"persons", "person"},
        {"locations", "location"}};
    return c;
}

const std::vector<std::string> event_roles = {"recipient", "award", "count", "giver", "occasion", "date", "location"};

bool is_event_role(const Json& r) {
    if (!r.is_string()) return false;
    return std::find(event_roles.begin(), event_roles.end(), r.get_ref<const std::string&>()) != event_roles.end();
}

const Json& null_json() {
    static const Json n;
    return n;
}

const Json& empty_object() {
    static const Json o = Json::object();
    return o;
}

const Json& empty_array() {
    static const Json a = Json::array();
    return a;
}

/// d.get(key) (None when absent or when d is not an object).
const Json& get(const Json& d, const std::string& key) {
    if (!d.is_object()) return null_json();
    auto it = d.find(key);
    return it == d.end() ? null_json() : *it;
}

bool has(const Json& d, const std::string& key) { return d.is_object() && d.find(key) != d.end(); }

/// A list field: d.get(key, []) — anything but a list is read as empty.
const Json& get_list(const Json& d, const std::string& key) {
    const Json& v = get(d, key);
    return v.is_array() ? v : empty_array();
}

bool eq_str(const Json& v, std::string_view s) { return v.is_string() && v.get_ref<const std::string&>() == s; }

std::optional<long double> num(const Json& v) { return py_number(v); }

/// m.get("start", -1), m.get("end", -1)
NumSpan mention_span(const Json& m) {
    auto one = [&](const char* k) -> std::optional<long double> {
        if (!has(m, k)) return -1.0L;
        return num(m[k]);
    };
    return {one("start"), one("end")};
}

bool overlaps(const NumSpan& a, const NumSpan& b) {
    // a[0] < b[1] and b[0] < a[1]; a non-number makes Python raise: no overlap here.
    if (!a.first || !b.second) return false;
    if (!(*a.first < *b.second)) return false;
    if (!b.first || !a.second) return false;
    return *b.first < *a.second;
}

std::string fmt_prf_line(const std::string& k, const std::array<double, 3>& f) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-16s %6.3f %6.3f %6.3f", k.c_str(), f[0], f[1], f[2]);
    return buf;
}

// ---- value checks ----------------------------------------------------------

bool value_ok(const std::string& cat, const Json& g, const Json& m) {
    if (cat == "dates") return date_value_ok(get(m, "value"), g["value"].get<std::string>());
    if (cat == "numbers") {
        if (get(g, "value").is_null())
            return get(m, "value").is_null() && close(get(m, "min"), get(g, "min")) && close(get(m, "max"), get(g, "max"));
        return close(get(m, "value"), g["value"]);
    }
    if (cat == "ordinals" || cat == "percent") return close(get(m, "value"), g["value"]);
    if (cat == "money") return close(get(m, "value"), g["value"]) && py_equal(get(m, "currency"), get(g, "currency"));
    if (cat == "organizations") return fold_value(get(m, "canonical")) == fold_value(g["canonical"]);
    if (cat == "persons") {
        const Json& name = get(m, "name");
        std::string n = fold_value(py_truthy(name) ? name : get(m, "text"));
        std::string t = fold_value(g["text"]);
        return !n.empty() && (n == t || t.find(n) != std::string::npos || n.find(t) != std::string::npos);
    }
    return true;
}

/// m.get("value", m.get("canonical"))
const Json& value_or_canonical(const Json& m) {
    if (has(m, "value")) return m["value"];
    return get(m, "canonical");
}

// ---- events ----------------------------------------------------------------

const Json& arg_value(const Json& a) {
    const Json& v = get(a, "value");
    return v.is_null() ? get(a, "text") : v;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

bool arg_agree(const std::string& role, const Json& gv, const Json& a) {
    const Json& pv = arg_value(a);
    if (role == "count") return close(pv, gv);
    if (role == "date") return py_str(pv) == py_str(gv);
    std::string fg = fold(py_str(gv)), fp = fold(py_str(pv)), ft = fold_value(get(a, "text"));
    if (fg.empty()) return false;
    for (const std::string* x : {&fp, &ft})
        if (!x->empty() && (*x == fg || contains(*x, fg) || contains(fg, *x))) return true;
    return false;
}

// Roles scored per event type beyond award (docs/events.md); a type not
// listed here is scored on every role its gold and predictions name.
const std::map<std::string, std::vector<std::string>, std::less<>>& typed_roles() {
    static const std::map<std::string, std::vector<std::string>, std::less<>> m = {
        {"appointment", {"person", "position", "appointer", "date", "location"}},
        {"disaster", {"location", "date", "dead", "injured", "missing", "evacuated", "damaged", "area", "magnitude"}},
        {"court_verdict", {"defendant", "court", "sentence", "fine", "restitution", "date"}},
    };
    return m;
}

// Arguments of the other types: numbers by closeness, dates exactly, names as for awards.
bool typed_agree(const std::string& role, const Json& gv, const Json& a) {
    if (gv.is_number()) return close(arg_value(a), gv);
    return arg_agree(role, gv, a);
}

// Events of one type, paired by their arguments (then the trigger) and scored
// argument by argument: score.py's award scoring, for any type.
void score_typed(const std::vector<const Json*>& gold, const std::vector<const Json*>& pred,
                 const std::function<bool(const std::string&)>& is_role,
                 const std::function<bool(const std::string&, const Json&, const Json&)>& agree, PRF& ev, PRF& args,
                 const std::string& label, Scores& s, const std::string& doc_id) {
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (std::size_t gi = 0; gi < gold.size(); ++gi) {
        const Json& g = *gold[gi];
        for (std::size_t pi = 0; pi < pred.size(); ++pi) {
            const Json& p = *pred[pi];
            long sc = 0;
            for (const auto& [r, v] : g["args"].items()) {
                if (v.is_null() || !is_role(r)) continue;
                bool any = false;
                for (const auto& a : get_list(p, "args"))
                    if (eq_str(get(a, "role"), r) && agree(r, v, a)) { any = true; break; }
                sc += any;
            }
            const Json& trig_obj = has(p, "trigger") ? p["trigger"] : empty_object();
            bool trig = fold_value(get(trig_obj, "text")) == fold_value(get(g, "trigger"));
            if (sc || trig) pairs.emplace_back(static_cast<double>(sc) + 0.5 * trig, gi, pi);
        }
    }
    std::sort(pairs.begin(), pairs.end(), std::greater<>());
    std::map<std::size_t, std::size_t> gm, pm;
    for (const auto& [sc, gi, pi] : pairs) {
        if (!gm.count(gi) && !pm.count(pi)) {
            gm[gi] = pi;
            pm[pi] = gi;
        }
    }
    auto role_of = [](const Json& a) { const Json& r = get(a, "role"); return r.is_string() ? r.get<std::string>() : std::string(); };
    for (std::size_t gi = 0; gi < gold.size(); ++gi) {
        const Json& g = *gold[gi];
        std::vector<std::pair<std::string, const Json*>> gargs;
        for (const auto& [r, v] : g["args"].items())
            if (!v.is_null() && is_role(r)) gargs.emplace_back(r, &v);
        if (gm.count(gi)) {
            ev.tp += 1;
            const Json& p = *pred[gm[gi]];
            std::vector<const Json*> pargs;
            for (const auto& a : get_list(p, "args"))
                if (is_role(role_of(a))) pargs.push_back(&a);
            std::set<std::size_t> used;
            for (const auto& [r, v] : gargs) {
                std::optional<std::size_t> hit;
                for (std::size_t i = 0; i < pargs.size(); ++i)
                    if (!used.count(i) && eq_str((*pargs[i])["role"], r) && agree(r, *v, *pargs[i])) { hit = i; break; }
                if (!hit) {
                    args.fn += 1;
                    s.errors.push_back(doc_id + " " + label + " arg missed " + r + "=" + py_repr(*v) + " (event trigger " +
                                       py_str(get(g, "trigger")) + ")");
                } else {
                    used.insert(*hit);
                    args.tp += 1;
                }
            }
            for (std::size_t i = 0; i < pargs.size(); ++i) {
                if (used.count(i)) continue;
                args.fp += 1;
                s.errors.push_back(doc_id + " " + label + " arg spurious " + py_str((*pargs[i])["role"]) + "=" +
                                   py_repr(arg_value(*pargs[i])));
            }
        } else {
            ev.fn += 1;
            args.fn += static_cast<long>(gargs.size());
            s.errors.push_back(doc_id + " " + label + " event missed: " + py_repr(g));
        }
    }
    for (std::size_t pi = 0; pi < pred.size(); ++pi) {
        if (pm.count(pi)) continue;
        const Json& p = *pred[pi];
        ev.fp += 1;
        for (const auto& a : get_list(p, "args"))
            if (is_role(role_of(a))) args.fp += 1;
        const Json& trig_obj = has(p, "trigger") ? p["trigger"] : empty_object();
        s.errors.push_back(doc_id + " " + label + " event spurious: trigger " + py_repr(get(trig_obj, "text")));
    }
}

// Quotes: content start, then speaker (score.py).
void score_quotes(const std::vector<const Json*>& gq, const std::vector<const Json*>& pq, PRF& q, PRF& spk, Scores& s,
                  const std::string& doc_id) {
    std::set<std::size_t> used;
    for (const Json* gp : gq) {
        const Json& g = *gp;
        std::string cs = collapse_ws(g["args"]["content_start"].get<std::string>());
        std::optional<std::size_t> hit;
        for (std::size_t i = 0; i < pq.size(); ++i) {
            const Json* content = nullptr;
            for (const auto& a : get_list(*pq[i], "args"))
                if (eq_str(get(a, "role"), "content")) { content = &a; break; }
            if (!used.count(i) && content && py_truthy(*content) &&
                contains(collapse_ws(py_str(get(*content, "text"))), cs)) {
                hit = i;
                break;
            }
        }
        if (!hit) {
            q.fn += 1;
            spk.fn += 1;
            s.errors.push_back(doc_id + " quote missed: " + py_repr(Json(cs)));
            continue;
        }
        used.insert(*hit);
        q.tp += 1;
        const Json* sp = nullptr;
        for (const auto& a : get_list(*pq[*hit], "args"))
            if (eq_str(get(a, "role"), "speaker")) { sp = &a; break; }
        const Json& gspeaker = g["args"]["speaker"];
        if (sp && py_truthy(*sp) && arg_agree("speaker", gspeaker, *sp)) {
            spk.tp += 1;
        } else {
            bool truthy = sp && py_truthy(*sp);
            spk.fn += 1;
            spk.fp += truthy ? 1 : 0;
            s.errors.push_back(doc_id + " quote speaker " + (truthy ? py_repr(arg_value(*sp)) : std::string("None")) +
                               " != " + py_repr(gspeaker));
        }
    }
    for (std::size_t i = 0; i < pq.size(); ++i)
        if (!used.count(i)) {
            q.fp += 1;
            s.errors.push_back(doc_id + " quote spurious");
        }
}

void score_events(const Json& gold_events, const Json& pred_events, Scores& s, const std::string& doc_id) {
    auto of_type = [](const Json& list, std::string_view type) {
        std::vector<const Json*> v;
        for (const auto& e : list)
            if (eq_str(get(e, "type"), type)) v.push_back(&e);
        return v;
    };
    // award: score.py's figures
    score_typed(of_type(gold_events, "award"), of_type(pred_events, "award"),
                [](const std::string& r) { return is_event_role(Json(r)); }, arg_agree, s.at("award_events"),
                s.at("award_args"), "award", s, doc_id);
    // quotes: score.py's figures, then direct and indirect apart (gold: "direct": false; warta: direct false)
    auto gq = of_type(gold_events, "quote"), pq = of_type(pred_events, "quote");
    score_quotes(gq, pq, s.at("quotes"), s.at("quote_speakers"), s, doc_id);
    auto indirect = [](const Json* e) { const Json& d = get(*e, "direct"); return d.is_boolean() && !d.get<bool>(); };
    std::vector<const Json*> gd, gi, pd, pi;
    for (const Json* e : gq) (indirect(e) ? gi : gd).push_back(e);
    for (const Json* e : pq) (indirect(e) ? pi : pd).push_back(e);
    std::vector<std::string> sink;
    std::swap(sink, s.errors);  // the split figures repeat the errors above
    score_quotes(gd, pd, s.extra_at("quotes_direct"), s.extra_at("quotes_direct_speakers"), s, doc_id);
    score_quotes(gi, pi, s.extra_at("quotes_indirect"), s.extra_at("quotes_indirect_speakers"), s, doc_id);
    std::swap(sink, s.errors);
    // every other type: paired and scored like awards, on its roles
    std::vector<std::string> types;
    for (const Json* list : {&gold_events, &pred_events})
        for (const auto& e : *list) {
            const Json& t = get(e, "type");
            if (!t.is_string()) continue;
            std::string ty = t.get<std::string>();
            if (ty == "award" || ty == "quote" || std::find(types.begin(), types.end(), ty) != types.end()) continue;
            types.push_back(ty);
        }
    std::sort(types.begin(), types.end());
    for (const auto& ty : types) {
        auto known = typed_roles().find(ty);
        std::function<bool(const std::string&)> is_role = [](const std::string& r) { return !r.empty(); };
        if (known != typed_roles().end())
            is_role = [roles = &known->second](const std::string& r) { return std::find(roles->begin(), roles->end(), r) != roles->end(); };
        score_typed(of_type(gold_events, ty), of_type(pred_events, ty), is_role, typed_agree, s.extra_at(ty + "_events"),
                    s.extra_at(ty + "_args"), ty, s, doc_id);
    }
}

// ---- loading -----------------------------------------------------------------

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ":0: cannot read file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string json_ws_strip(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t b = 0, e = s.size();
    while (b < e && ws(s[b])) ++b;
    while (e > b && ws(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

/// Parses one JSON value; on error throws InputError naming the line
/// (first_line + the newlines before the error position).
Json parse_at(const std::string& text, const std::string& file, std::size_t first_line) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::size_t byte = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        std::size_t line = first_line + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte), '\n'));
        std::string what = e.what();
        auto p = what.find("] ");
        throw InputError(file + ":" + std::to_string(line) + ": invalid JSON: " +
                         (p == std::string::npos ? what : what.substr(p + 2)));
    }
}

std::string validate_item(const std::string& cat, const Json& it) {
    if (!it.is_object()) return "gold." + cat + ": item is not an object";
    if (!it.contains("text") || !it["text"].is_string()) return "gold." + cat + ": item has no string \"text\"";
    if (it.contains("byte_start")) {
        if (!it["byte_start"].is_number() || !it.contains("byte_end") || !it["byte_end"].is_number())
            return "gold." + cat + ": byte_start/byte_end must both be numbers";
    }
    if (cat == "dates" && !(it.contains("value") && it["value"].is_string()))
        return "gold.dates: item " + py_repr(it["text"]) + " has no string \"value\"";
    if ((cat == "ordinals" || cat == "percent" || cat == "money") && !it.contains("value"))
        return "gold." + cat + ": item " + py_repr(it["text"]) + " has no \"value\"";
    if (cat == "organizations" && !(it.contains("canonical") && (it["canonical"].is_string() || it["canonical"].is_null())))
        return "gold.organizations: item " + py_repr(it["text"]) + " has no string \"canonical\"";
    if (cat == "persons" && it.contains("title") && !(it["title"].is_string() || it["title"].is_null()))
        return "gold.persons: item " + py_repr(it["text"]) + ": \"title\" must be a string or null";
    return {};
}

}  // namespace

// ---- public ------------------------------------------------------------------

std::array<double, 3> PRF::f() const {
    double p = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
    double r = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0;
    return {p, r, p + r != 0.0 ? 2 * p * r / (p + r) : 0.0};
}

const std::vector<std::string>& categories() {
    static const std::vector<std::string> c = [] {
        std::vector<std::string> v;
        for (const auto& [k, t] : cats()) v.push_back(k);
        for (const char* k : {"award_events", "award_args", "quotes", "quote_speakers"}) v.emplace_back(k);
        return v;
    }();
    return c;
}

Scores::Scores() {
    for (const auto& c : categories()) totals.emplace_back(c, PRF{});
}

PRF& Scores::at(std::string_view cat) {
    for (auto& [k, p] : totals)
        if (k == cat) return p;
    throw std::out_of_range("no category " + std::string(cat));
}

const PRF& Scores::at(std::string_view cat) const { return const_cast<Scores*>(this)->at(cat); }

PRF& Scores::extra_at(const std::string& cat) {
    for (auto& [k, p] : extra)
        if (k == cat) return p;
    extra.emplace_back(cat, PRF{});
    return extra.back().second;
}

PRF Scores::mentions_micro() const {
    PRF all;
    for (const auto& [k, t] : cats()) {
        const PRF& p = at(k);
        all.tp += p.tp;
        all.fp += p.fp;
        all.fn += p.fn;
    }
    return all;
}

std::string validate_gold(const Json& rec) {
    if (!rec.is_object()) return "record is not a JSON object";
    if (!rec.contains("id") || !rec["id"].is_string()) return "record has no string \"id\"";
    if (!rec.contains("text") || !rec["text"].is_string()) return "record has no string \"text\"";
    if (rec.contains("date") && !rec["date"].is_null() && !rec["date"].is_string())
        return "\"date\" must be \"YYYY-MM-DD\" or null";
    if (!rec.contains("gold") || !rec["gold"].is_object()) return "record has no \"gold\" object";
    const Json& g = rec["gold"];
    for (const auto& [cat, type] : cats()) {
        if (!g.contains(cat)) continue;
        if (!g[cat].is_array()) return "gold." + cat + " is not a list";
        for (const auto& it : g[cat])
            if (auto why = validate_item(cat, it); !why.empty()) return why;
    }
    if (g.contains("ignore")) {
        if (!g["ignore"].is_array()) return "gold.ignore is not a list";
        for (const auto& t : g["ignore"])
            if (!t.is_string()) return "gold.ignore holds a non-string";
    }
    if (g.contains("events")) {
        if (!g["events"].is_array()) return "gold.events is not a list";
        for (const auto& e : g["events"]) {
            if (!e.is_object() || !e.contains("type")) return "gold.events: event without \"type\"";
            if (eq_str(e["type"], "award")) {
                if (!e.contains("args") || !e["args"].is_object()) return "gold.events: award without an \"args\" object";
                if (e.contains("trigger") && !e["trigger"].is_string() && !e["trigger"].is_null())
                    return "gold.events: award \"trigger\" must be a string";
            } else if (eq_str(e["type"], "quote")) {
                if (!e.contains("args") || !e["args"].is_object()) return "gold.events: quote without an \"args\" object";
                const Json& a = e["args"];
                if (!a.contains("content_start") || !a["content_start"].is_string())
                    return "gold.events: quote without a string \"content_start\"";
                if (!a.contains("speaker")) return "gold.events: quote without \"speaker\"";
                if (e.contains("direct") && !e["direct"].is_boolean()) return "gold.events: quote \"direct\" must be true or false";
            } else {
                if (!e["type"].is_string()) return "gold.events: \"type\" must be a string";
                if (!e.contains("args") || !e["args"].is_object())
                    return "gold.events: " + e["type"].get<std::string>() + " without an \"args\" object";
                if (e.contains("trigger") && !e["trigger"].is_string() && !e["trigger"].is_null())
                    return "gold.events: " + e["type"].get<std::string>() + " \"trigger\" must be a string";
            }
        }
    }
    return {};
}

std::vector<GoldRecord> load_gold_file(const std::string& path) {
    std::string raw = read_file(path);
    std::vector<GoldRecord> out;
    auto add = [&](Json rec, std::size_t line) {
        if (auto why = validate_gold(rec); !why.empty()) throw InputError(path + ":" + std::to_string(line) + ": " + why);
        out.push_back({std::move(rec), path, line});
    };
    std::string txt = json_ws_strip(raw);
    std::size_t first = raw.find_first_not_of(" \t\r\n");
    std::size_t lead = first == std::string::npos
                           ? 0
                           : static_cast<std::size_t>(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(first), '\n'));
    if (ends_with(path, ".json") && !txt.empty() && txt[0] == '{' && txt.find("\n{") == std::string::npos) {
        add(parse_at(txt, path, 1 + lead), 1 + lead);
        return out;
    }
    std::size_t line = 0, pos = 0;
    while (pos <= raw.size()) {
        std::size_t nl = raw.find('\n', pos);
        std::string l = raw.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        ++line;
        std::string st = json_ws_strip(l);
        if (!st.empty()) add(parse_at(st, path, line), line);
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return out;
}

std::vector<GoldRecord> load_gold(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::vector<GoldRecord> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                std::string f = it->path().string();
                if (ends_with(f, ".gold.json") || ends_with(f, ".jsonl")) files.push_back(f);
            }
            if (ec) throw InputError(p + ":0: cannot read directory: " + ec.message());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                auto recs = load_gold_file(f);
                out.insert(out.end(), std::make_move_iterator(recs.begin()), std::make_move_iterator(recs.end()));
            }
        } else if (fs::exists(p, ec)) {
            auto recs = load_gold_file(p);
            out.insert(out.end(), std::make_move_iterator(recs.begin()), std::make_move_iterator(recs.end()));
        } else {
            throw InputError(p + ":0: no such file or directory");
        }
    }
    return out;
}

std::vector<Json> load_predictions(const std::string& path) {
    std::string raw = read_file(path);
    std::vector<Json> out;
    std::size_t pos = 0, line = 0;
    while (pos < raw.size()) {  // universal newlines: \n, \r\n, \r
        std::size_t e = raw.find_first_of("\r\n", pos);
        std::size_t next = e == std::string::npos ? raw.size() : e + 1;
        if (e != std::string::npos && raw[e] == '\r' && e + 1 < raw.size() && raw[e + 1] == '\n') ++next;
        std::string l = raw.substr(pos, (e == std::string::npos ? raw.size() : e) - pos);
        ++line;
        pos = next;
        if (collapse_ws(l).empty()) continue;
        Json d = parse_at(json_ws_strip(l), path, line);
        if (!d.is_object()) throw InputError(path + ":" + std::to_string(line) + ": a document must be a JSON object");
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<NumSpan> locate(std::string_view text, const Json& items) {
    std::vector<NumSpan> spans;
    std::map<std::string, std::size_t> pos;
    for (const auto& it : items) {
        if (has(it, "byte_start")) {
            spans.emplace_back(num(it["byte_start"]), num(get(it, "byte_end")));
            continue;
        }
        std::string t = py_str(get(it, "text"));
        auto pit = pos.find(t);
        std::size_t from = pit == pos.end() ? 0 : pit->second;
        std::size_t p = text.find(t, from);
        if (p == std::string_view::npos) p = text.find(t);
        long double lp = p == std::string_view::npos ? -1.0L : static_cast<long double>(p);
        pos[t] = static_cast<std::size_t>(lp + 1);
        spans.emplace_back(lp, lp + static_cast<long double>(t.size()));
    }
    return spans;
}

std::vector<std::string> contract_violations(const Json& doc, std::string_view text) {
    std::vector<std::string> bad;
    if (!eq_str(get(doc, "schema"), "warta/1")) bad.emplace_back("schema is not warta/1");
    std::vector<Json> ids;
    auto in_ids = [&](const Json& v) {
        return std::any_of(ids.begin(), ids.end(), [&](const Json& x) { return py_equal(x, v); });
    };
    auto span = [&](const Json& o, const std::string& where) {
        const Json &s = get(o, "start"), &e = get(o, "end"), &t = get(o, "text");
        auto isint = [](const Json& v) { return v.is_boolean() || v.is_number_integer(); };
        auto ns = num(s), ne = num(e);
        if (!(isint(s) && isint(e) && *ns >= 0 && *ns <= *ne && *ne <= static_cast<long double>(text.size()))) {
            bad.push_back(where + ": bad offsets " + py_str(s) + "," + py_str(e));
            return;
        }
        auto b = static_cast<std::size_t>(*ns), en = static_cast<std::size_t>(*ne);
        std::string piece = decode_replace(text.substr(b, en - b));
        if (!(t.is_string() && t.get_ref<const std::string&>() == piece))
            bad.push_back(where + ": input[" + py_str(s) + ":" + py_str(e) + "] != text " + py_repr(t));
    };
    for (const auto& m : get_list(doc, "mentions")) {
        if (!m.is_object()) {
            bad.emplace_back("mention is not an object");
            continue;
        }
        const Json& id = get(m, "id");
        if (in_ids(id)) bad.push_back("duplicate id " + py_str(id));
        ids.push_back(id);
        if (!has(m, "type")) bad.push_back(py_str(id) + ": no type");
        span(m, py_str(id));
    }
    for (const auto& e : get_list(doc, "events")) {
        if (!e.is_object()) {
            bad.emplace_back("event is not an object");
            continue;
        }
        std::string eid = py_str(get(e, "id"));
        span(has(e, "trigger") ? e["trigger"] : empty_object(), eid + ".trigger");
        for (const auto& a : get_list(e, "args")) {
            if (!a.is_object()) {
                bad.push_back(eid + ": arg is not an object");
                continue;
            }
            span(a, eid + "." + py_str(get(a, "role")));
            const Json& mid = get(a, "mention");
            if (!mid.is_null() && !in_ids(mid)) bad.push_back(eid + ": arg refers to unknown mention " + py_str(mid));
        }
    }
    return bad;
}

void score_document(Scores& s, const Json& rec, const Json* doc_in, const ScoreOptions& opt) {
    const std::string& gid = rec["id"].get_ref<const std::string&>();
    const std::string& text = rec["text"].get_ref<const std::string&>();
    const Json& gold = rec["gold"];
    static const Json empty_doc = {{"mentions", Json::array()}, {"events", Json::array()}};
    const Json* doc = doc_in;
    if (doc == nullptr || has(*doc, "error") || !doc->is_object()) {
        if (doc == nullptr) s.missing_docs += 1;
        else s.error_docs += 1;
        doc = &empty_doc;
    } else {
        auto v = contract_violations(*doc, text);
        s.violations += static_cast<long>(v.size());
        for (std::size_t i = 0; i < v.size() && i < 5; ++i) s.violation_lines.push_back(gid + ": " + v[i]);
        s.ref_n += 1;
        s.ref_ok += py_equal(get(*doc, "reference_date"), get(gold, "reference_date"));
    }
    // ignore spans: every non-overlapping occurrence of every ignore string
    std::vector<NumSpan> ignore;
    for (const auto& t : get_list(gold, "ignore")) {
        const std::string& str = t.get_ref<const std::string&>();
        if (str.empty()) {
            for (std::size_t i = 0; i <= text.size(); ++i)
                ignore.emplace_back(static_cast<long double>(i), static_cast<long double>(i));
            continue;
        }
        for (std::size_t p = text.find(str); p != std::string::npos; p = text.find(str, p + str.size()))
            ignore.emplace_back(static_cast<long double>(p), static_cast<long double>(p + str.size()));
    }
    std::vector<const Json*> mentions;
    for (const auto& m : get_list(*doc, "mentions"))
        if (m.is_object()) mentions.push_back(&m);
    for (const auto& [cat, mtype] : cats()) {
        const Json& items = get_list(gold, cat);
        std::vector<NumSpan> gspans = locate(text, items);
        std::vector<const Json*> cands;
        for (const Json* m : mentions)
            if (eq_str(get(*m, "type"), mtype)) cands.push_back(m);
        std::vector<bool> used(cands.size(), false);
        PRF& tot = s.at(cat);
        for (std::size_t gi = 0; gi < items.size(); ++gi) {
            const Json& g = items[gi];
            const NumSpan& gs = gspans[gi];
            std::optional<std::size_t> hit;
            for (std::size_t i = 0; i < cands.size() && !hit; ++i) {
                if (used[i]) continue;
                const Json& m = *cands[i];
                if (opt.exact) {
                    auto ms = num(get(m, "start")), me = num(get(m, "end"));
                    if (ms && me && gs.first && gs.second && *ms == *gs.first && *me == *gs.second) hit = i;
                } else if (overlaps(gs, mention_span(m)) && value_ok(cat, g, m)) {
                    hit = i;
                }
            }
            if (!hit) {
                tot.fn += 1;
                std::string near = "[";
                bool first = true;
                for (const Json* m : cands) {
                    if (!overlaps(gs, mention_span(*m))) continue;
                    if (!first) near += ", ";
                    first = false;
                    near += '(';  // appended piecewise: GCC 12 warns (-Wrestrict) on "(" + std::string
                    near += py_repr(get(*m, "text"));
                    near += ", ";
                    near += py_repr(value_or_canonical(*m));
                    near += ')';
                }
                near += "]";
                s.errors.push_back(gid + " " + cat + " missed " + py_repr(get(g, "text")) + " -> " +
                                   py_repr(value_or_canonical(g)) + "; overlapping: " + near);
                continue;
            }
            used[*hit] = true;
            tot.tp += 1;
            const Json& m = *cands[*hit];
            if (cat == "numbers" && has(g, "unit")) {
                s.unit_n += 1;
                s.unit_ok += py_equal(get(m, "unit"), g["unit"]);
            }
            if (cat == "dates" && has(g, "weekday_matches")) {
                s.weekday_n += 1;
                s.weekday_ok += py_equal(get(m, "weekday_matches"), g["weekday_matches"]);
            }
            if (cat == "persons" && py_truthy(get(g, "title"))) {
                s.title_n += 1;
                s.title_ok += fold_value(get(m, "title")) == fold_value(g["title"]);
            }
        }
        for (std::size_t i = 0; i < cands.size(); ++i) {
            if (used[i]) continue;
            const Json& m = *cands[i];
            NumSpan sp = mention_span(m);
            if (std::any_of(ignore.begin(), ignore.end(), [&](const NumSpan& ig) { return overlaps(sp, ig); })) continue;
            tot.fp += 1;
            s.errors.push_back(gid + " " + cat + " spurious " + py_repr(get(m, "text")) + " -> " + py_repr(value_or_canonical(m)));
        }
    }
    score_events(get_list(gold, "events"), get_list(*doc, "events"), s, gid);
}

Scores score_all(const std::vector<GoldRecord>& gold, const std::vector<Json>& preds, const ScoreOptions& opt) {
    // dict semantics: first position, last value
    std::vector<std::string> order;
    std::map<std::string, const Json*> golds;
    for (const auto& g : gold) {
        const std::string& id = g.rec["id"].get_ref<const std::string&>();
        if (!golds.count(id)) order.push_back(id);
        golds[id] = &g.rec;
    }
    std::map<std::string, const Json*> by_id;
    for (const auto& d : preds) {
        const Json& id = get(d, "id");
        if (id.is_string()) by_id[id.get<std::string>()] = &d;
    }
    Scores s;
    for (const auto& id : order) {
        auto it = by_id.find(id);
        score_document(s, *golds[id], it == by_id.end() ? nullptr : it->second, opt);
    }
    return s;
}

namespace {

// The extra rows to print, sorted: the direct/indirect split of quotes only
// when reported speech is in play (else score.py's table alone).
std::vector<std::pair<std::string, PRF>> printable_extra(const Scores& s) {
    bool indirect = false;
    for (const auto& [k, t] : s.extra)
        if (k == "quotes_indirect") indirect = t.tp + t.fp + t.fn > 0;
    std::vector<std::pair<std::string, PRF>> extra;
    for (const auto& e : s.extra)
        if (indirect || e.first.rfind("quotes_", 0) != 0) extra.push_back(e);
    std::stable_sort(extra.begin(), extra.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return extra;
}

}  // namespace

std::string format_table(const Scores& s, bool show_errors) {
    std::string out;
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-16s %6s %6s %6s   tp/fp/fn\n", "category", "P", "R", "F1");
    out += buf;
    for (const auto& [k, t] : s.totals)
        out += fmt_prf_line(k, t.f()) + "   " + std::to_string(t.tp) + "/" + std::to_string(t.fp) + "/" + std::to_string(t.fn) + "\n";
    out += fmt_prf_line("mentions_micro", s.mentions_micro().f()) + "\n";
    auto acc = [&](const char* a, long ok, long n) { out += std::string(a) + "_accuracy: " + std::to_string(ok) + "/" + std::to_string(n) + "\n"; };
    acc("unit", s.unit_ok, s.unit_n);
    acc("weekday", s.weekday_ok, s.weekday_n);
    acc("title", s.title_ok, s.title_n);
    acc("ref", s.ref_ok, s.ref_n);
    out += "violations: " + std::to_string(s.violations) + "\n";
    out += "missing_docs: " + std::to_string(s.missing_docs) + "\n";
    out += "error_docs: " + std::to_string(s.error_docs) + "\n";
    if (auto extra = printable_extra(s); !extra.empty()) {
        // beyond score.py: event types other than award, quotes by kind
        out += "events by type (not in score.py):\n";
        for (const auto& [k, t] : extra)
            out += fmt_prf_line(k, t.f()) + "   " + std::to_string(t.tp) + "/" + std::to_string(t.fp) + "/" + std::to_string(t.fn) + "\n";
    }
    if (!s.violation_lines.empty()) {
        for (std::size_t i = 0; i < s.violation_lines.size() && i < 20; ++i)
            out += s.violation_lines[i] + "\n";
    }
    if (show_errors) {
        for (std::size_t i = 0; i < s.errors.size(); ++i) {
            if (i) out += "\n";
            out += s.errors[i];
        }
        out += "\n";
    }
    return out;
}

std::string format_json(const Scores& s) {
    auto f = [](double x) { return py_float_repr(py_round4(x)); };
    std::string out = "{\n";
    for (const auto& [k, t] : s.totals) {
        auto [p, r, f1] = t.f();
        out += " \"" + k + "\": {\n  \"p\": " + f(p) + ",\n  \"r\": " + f(r) + ",\n  \"f1\": " + f(f1) +
               ",\n  \"tp\": " + std::to_string(t.tp) + ",\n  \"fp\": " + std::to_string(t.fp) +
               ",\n  \"fn\": " + std::to_string(t.fn) + "\n },\n";
    }
    auto [p, r, f1] = s.mentions_micro().f();
    out += " \"mentions_micro\": {\n  \"p\": " + f(p) + ",\n  \"r\": " + f(r) + ",\n  \"f1\": " + f(f1) + "\n },\n";
    auto acc = [&](const char* a, long ok, long n) {
        out += std::string(" \"") + a + "_accuracy\": " +
               (n ? f(static_cast<double>(ok) / static_cast<double>(n)) : std::string("null")) + ",\n";
    };
    acc("unit", s.unit_ok, s.unit_n);
    acc("weekday", s.weekday_ok, s.weekday_n);
    acc("title", s.title_ok, s.title_n);
    acc("ref", s.ref_ok, s.ref_n);
    out += " \"violations\": " + std::to_string(s.violations) + ",\n";
    out += " \"missing_docs\": " + std::to_string(s.missing_docs) + ",\n";
    out += " \"error_docs\": " + std::to_string(s.error_docs);
    if (auto extra = printable_extra(s); !extra.empty()) {  // beyond score.py's keys
        out += ",\n \"events_by_type\": {";
        for (std::size_t i = 0; i < extra.size(); ++i) {
            auto [p, r, f1] = extra[i].second.f();
            out += std::string(i ? "," : "") + "\n  \"" + extra[i].first + "\": {\"p\": " + f(p) + ", \"r\": " + f(r) +
                   ", \"f1\": " + f(f1) + ", \"tp\": " + std::to_string(extra[i].second.tp) + ", \"fp\": " +
                   std::to_string(extra[i].second.fp) + ", \"fn\": " + std::to_string(extra[i].second.fn) + "}";
        }
        out += "\n }";
    }
    out += "\n}";
    return out;
}

}  // namespace warta::eval
