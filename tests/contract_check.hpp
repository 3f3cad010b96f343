// Test support: a small JSON Schema checker (the subset docs/warta-1.schema.json
// uses) and the contract's semantic checks (offsets, ids, references).
#pragma once

#include <re2/re2.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace warta::test {

using nlohmann::json;

/// Validates instances against a JSON Schema using: type, enum, const,
/// required, properties, additionalProperties, items, minimum, minLength,
/// pattern, oneOf, anyOf, allOf, if/then/else, $ref ("#/$defs/NAME").
class SchemaChecker {
public:
    explicit SchemaChecker(json schema) : root_(std::move(schema)) {}

    static SchemaChecker from_file(const std::string& path) {
        std::ifstream in(path);
        return SchemaChecker(json::parse(in));
    }

    /// Returns the violations (empty when valid), each "path: reason".
    std::vector<std::string> check(const json& instance) const {
        std::vector<std::string> errs;
        check(root_, instance, "$", errs);
        return errs;
    }

private:
    json root_;
    mutable std::map<std::string, std::shared_ptr<RE2>> patterns_;

    const json& resolve(const json& s) const {
        if (s.is_object() && s.contains("$ref")) {
            std::string ref = s["$ref"].get<std::string>();
            const std::string prefix = "#/$defs/";
            if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
            return resolve(root_["$defs"].at(ref.substr(prefix.size())));
        }
        return s;
    }

    static bool type_is(const json& v, const std::string& t) {
        if (t == "null") return v.is_null();
        if (t == "boolean") return v.is_boolean();
        if (t == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
        if (t == "number") return v.is_number();
        if (t == "string") return v.is_string();
        if (t == "array") return v.is_array();
        if (t == "object") return v.is_object();
        throw std::runtime_error("unknown type " + t);
    }

    bool valid(const json& schema, const json& v) const {
        std::vector<std::string> e;
        check(schema, v, "", e);
        return e.empty();
    }

    void check(const json& schema_in, const json& v, const std::string& path, std::vector<std::string>& errs) const {
        const json& s = resolve(schema_in);
        if (s.is_boolean()) {
            if (!s.get<bool>()) errs.push_back(path + ": not allowed");
            return;
        }
        if (s.contains("type")) {
            bool ok = false;
            if (s["type"].is_array()) {
                for (const auto& t : s["type"]) ok = ok || type_is(v, t.get<std::string>());
            } else {
                ok = type_is(v, s["type"].get<std::string>());
            }
            if (!ok) {
                errs.push_back(path + ": expected type " + s["type"].dump() + ", got " + v.dump());
                return;
            }
        }
        if (s.contains("const") && v != s["const"]) errs.push_back(path + ": expected " + s["const"].dump());
        if (s.contains("enum")) {
            bool ok = false;
            for (const auto& e : s["enum"]) ok = ok || e == v;
            if (!ok) errs.push_back(path + ": " + v.dump() + " not in " + s["enum"].dump());
        }
        if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
            errs.push_back(path + ": below minimum");
        if (v.is_string()) {
            const auto& str = v.get_ref<const std::string&>();
            if (s.contains("minLength") && str.size() < s["minLength"].get<std::size_t>())
                errs.push_back(path + ": shorter than minLength");
            if (s.contains("pattern")) {
                std::string p = s["pattern"].get<std::string>();
                auto& re = patterns_[p];
                if (!re) re = std::make_shared<RE2>(p);
                if (!RE2::PartialMatch(str, *re)) errs.push_back(path + ": " + v.dump() + " does not match " + p);
            }
        }
        if (v.is_object()) {
            if (s.contains("required"))
                for (const auto& r : s["required"])
                    if (!v.contains(r.get<std::string>())) errs.push_back(path + ": missing " + r.get<std::string>());
            const json* props = s.contains("properties") ? &s["properties"] : nullptr;
            for (const auto& [k, val] : v.items()) {
                if (props && props->contains(k)) {
                    check((*props)[k], val, path + "." + k, errs);
                } else if (s.contains("additionalProperties")) {
                    check(s["additionalProperties"], val, path + "." + k, errs);
                }
            }
        }
        if (v.is_array() && s.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i) check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errs);
        if (s.contains("allOf"))
            for (const auto& sub : s["allOf"]) check(sub, v, path, errs);
        if (s.contains("anyOf")) {
            bool ok = false;
            for (const auto& sub : s["anyOf"]) ok = ok || valid(sub, v);
            if (!ok) errs.push_back(path + ": matches none of anyOf");
        }
        if (s.contains("oneOf")) {
            int n = 0;
            for (const auto& sub : s["oneOf"]) n += valid(sub, v) ? 1 : 0;
            if (n != 1) {
                errs.push_back(path + ": matches " + std::to_string(n) + " of oneOf");
                // Say why against each alternative, to make failures readable.
                for (const auto& sub : s["oneOf"]) check(sub, v, path + "(oneOf)", errs);
            }
        }
        if (s.contains("if")) {
            if (valid(s["if"], v)) {
                if (s.contains("then")) check(s["then"], v, path, errs);
            } else if (s.contains("else")) {
                check(s["else"], v, path, errs);
            }
        }
    }
};

inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

inline bool has_warning(const json& doc, std::string_view code) {
    for (const auto& w : doc["warnings"])
        if (w.value("code", "") == code) return true;
    return false;
}

/// The contract's checks that a schema cannot express: every span's offsets
/// lie in the input and input[start:end] == text; ids are unique; arguments
/// refer to existing mentions; event sentences exist; sentences are ordered.
inline std::vector<std::string> contract_violations(const json& doc, std::string_view input) {
    std::vector<std::string> bad;
    if (doc.contains("error")) return bad;
    auto span = [&](const json& o, const std::string& where) {
        if (!o.contains("start") || !o.contains("end")) {
            bad.push_back(where + ": no offsets");
            return;
        }
        auto s = o["start"].get<std::size_t>(), e = o["end"].get<std::size_t>();
        if (s > e || e > input.size()) {
            bad.push_back(where + ": bad offsets " + std::to_string(s) + "," + std::to_string(e));
            return;
        }
        // JSON strings cannot hold invalid UTF-8: such bytes are written as
        // U+FFFD, and the document then carries an invalid_utf8 warning.
        std::string_view raw = input.substr(s, e - s);
        if (!valid_utf8(raw)) {
            if (!has_warning(doc, "invalid_utf8") && !has_warning(doc, "nul_byte"))
                bad.push_back(where + ": invalid UTF-8 in a span without an invalid_utf8 warning");
            return;
        }
        if (o.contains("text") && o["text"].get<std::string>() != raw)
            bad.push_back(where + ": input[" + std::to_string(s) + ":" + std::to_string(e) + "] != text " + o["text"].dump());
    };
    std::size_t prev_end = 0;
    for (std::size_t i = 0; i < doc["sentences"].size(); ++i) {
        const auto& s = doc["sentences"][i];
        span(s, "sentence " + std::to_string(i));
        if (s["start"].get<std::size_t>() < prev_end) bad.push_back("sentence " + std::to_string(i) + " overlaps the previous one");
        prev_end = s["end"].get<std::size_t>();
    }
    std::set<std::string> ids;
    for (const auto& m : doc["mentions"]) {
        std::string id = m.value("id", "");
        if (!ids.insert(id).second) bad.push_back("duplicate mention id " + id);
        span(m, id);
    }
    std::set<std::string> eids;
    for (const auto& e : doc["events"]) {
        std::string id = e.value("id", "");
        if (!eids.insert(id).second) bad.push_back("duplicate event id " + id);
        span(e["trigger"], id + ".trigger");
        if (e["sentence"].get<std::size_t>() >= doc["sentences"].size()) bad.push_back(id + ": no such sentence");
        for (const auto& a : e["args"]) {
            span(a, id + "." + a.value("role", "?"));
            if (a.contains("mention") && !ids.count(a["mention"].get<std::string>()))
                bad.push_back(id + ": argument refers to unknown mention " + a["mention"].get<std::string>());
        }
    }
    for (const auto& w : doc["warnings"])
        if (w.contains("start")) span(w, "warning " + w.value("code", ""));
    if (doc.contains("boilerplate"))
        for (const auto& b : doc["boilerplate"]) span(b, "boilerplate " + b.value("kind", ""));
    if (doc.contains("tokens"))
        for (const auto& t : doc["tokens"]) span(t, "token");
    return bad;
}

/// Reads a whole file (binary).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace warta::test
