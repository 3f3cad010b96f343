// The JSON writer (lib/json.cpp) against nlohmann::ordered_json: the writer
// must produce byte for byte what the tree + dump(indent, ' ', false,
// error_handler_t::replace) it replaced produced.  `reference_json` below is
// that former implementation, kept here as the oracle.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "warta/warta.hpp"

namespace {

using ojson = nlohmann::ordered_json;

ojson value_json(const warta::Value& v) {
    return std::visit(
        [](const auto& x) -> ojson {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
            else return x;
        },
        v);
}

// The former to_json: build an ordered_json tree, dump it.
std::string reference_json(const warta::Document& doc, const warta::JsonOptions& opt) {
    ojson j;
    j["schema"] = warta::schema_name;
    j["id"] = doc.id;
    if (doc.error) {
        j["error"] = {{"code", doc.error->code}, {"message", doc.error->message}};
    } else {
        j["reference_date"] = doc.reference_date ? ojson(*doc.reference_date) : ojson(nullptr);
        j["reference_date_source"] = doc.reference_date_source ? ojson(*doc.reference_date_source) : ojson(nullptr);
        ojson sents = ojson::array();
        for (const auto& s : doc.sentences) sents.push_back({{"start", s.start}, {"end", s.end}});
        j["sentences"] = std::move(sents);
        ojson mentions = ojson::array();
        for (const auto& m : doc.mentions) {
            ojson o;
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
        ojson events = ojson::array();
        for (const auto& e : doc.events) {
            ojson o;
            o["id"] = e.id;
            o["type"] = e.type;
            o["trigger"] = {{"text", e.trigger.text}, {"start", e.trigger.start}, {"end", e.trigger.end}};
            o["sentence"] = e.sentence;
            if (e.direct) o["direct"] = *e.direct;
            ojson args = ojson::array();
            for (const auto& a : e.args) {
                ojson ao;
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
        ojson warnings = ojson::array();
        for (const auto& w : doc.warnings) {
            ojson o;
            o["code"] = w.code;
            o["message"] = w.message;
            if (w.start) o["start"] = *w.start;
            if (w.end) o["end"] = *w.end;
            warnings.push_back(std::move(o));
        }
        j["warnings"] = std::move(warnings);
        if (opt.boilerplate) {
            ojson bp = ojson::array();
            for (const auto& b : doc.boilerplate) bp.push_back({{"kind", b.kind}, {"start", b.start}, {"end", b.end}});
            j["boilerplate"] = std::move(bp);
        }
        if (opt.explain && !doc.rejected.empty()) {
            ojson rej = ojson::array();
            for (const auto& r : doc.rejected)
                rej.push_back({{"type", r.type}, {"text", r.span.text}, {"start", r.span.start}, {"end", r.span.end},
                               {"rule", r.rule}, {"reason", r.reason}});
            j["rejected"] = std::move(rej);
        }
        if (opt.tokens && !doc.tokens.empty()) {
            ojson toks = ojson::array();
            for (const auto& t : doc.tokens) {
                ojson o;
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
    return j.dump(opt.indent, ' ', false, ojson::error_handler_t::replace);
}

// Built member by member (GCC 12 warns "maybe uninitialized" on nested designated initialisers).
warta::Span span(std::size_t start, std::size_t end, std::string text) {
    warta::Span s;
    s.start = start;
    s.end = end;
    s.text = std::move(text);
    return s;
}

warta::Mention mention(std::string id, std::string type, warta::Span sp, warta::Fields fields, std::string rule) {
    warta::Mention m;
    m.id = std::move(id);
    m.type = std::move(type);
    m.span = std::move(sp);
    m.fields = std::move(fields);
    m.rule = std::move(rule);
    return m;
}

warta::EventArg arg(std::string role, warta::Span sp, std::string mention_id, warta::Value v) {
    warta::EventArg a;
    a.role = std::move(role);
    a.span = std::move(sp);
    a.mention = std::move(mention_id);
    a.value = std::move(v);
    return a;
}

std::vector<warta::JsonOptions> all_options() {
    std::vector<warta::JsonOptions> out;
    for (int indent : {-1, 0, 2, 4})
        for (int bits = 0; bits < 8; ++bits)
            out.push_back({.indent = indent, .explain = (bits & 1) != 0, .tokens = (bits & 2) != 0, .boilerplate = (bits & 4) != 0});
    return out;
}

void check_same(const warta::Document& doc) {
    for (const auto& opt : all_options()) {
        INFO("indent " << opt.indent << " explain " << opt.explain << " tokens " << opt.tokens << " boilerplate " << opt.boilerplate);
        std::string got = warta::to_json(doc, opt);
        std::string want = reference_json(doc, opt);
        if (got != want) {
            std::size_t i = 0;
            while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
            std::size_t from = i > 60 ? i - 60 : 0;
            INFO("first difference at byte " << i << "\n got: " << got.substr(from, 120) << "\nwant: " << want.substr(from, 120));
            CHECK(got == want);
        }
    }
}

// One mention whose single field is `v`, written compactly.
std::string one_value(const warta::Value& v, int indent = -1) {
    warta::Document d;
    d.mentions.push_back(mention("m1", "number", span(0, 1, "x"), {{"value", v}}, ""));
    return warta::to_json(d, {.indent = indent});
}

std::string nlohmann_double(double x) { return ojson(x).dump(); }

// The text of a written double, cut out of one_value's output.
std::string writer_double(double x) {
    std::string s = one_value(x);
    auto at = s.find("\"value\":") + 8;
    return s.substr(at, s.find('}', at) - at);
}

}  // namespace

TEST_CASE("json writer: doubles are written exactly as nlohmann writes them") {
    std::vector<double> xs = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.5, -2.75, 1e-5, 1e-4, 1.234e-4, 0.001, 1e-7,
                              123.456, 1e15, 1e16, 1e17, 9.999e15, 1.5e12, 2.5e6, 1e21, 1e22, 1e100, -1e-300,
                              5e-324, std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                              std::numeric_limits<double>::lowest(), 1.0 / 3.0, 2.0 / 3.0, 98.40957641601563,
                              3852.2842407226563, 4.35, 0.07, 1234567.89, 999999999999999.9, 100.0, 1e9, 2e9 + 0.5,
                              9007199254740993.0, 123456789012345680.0, std::nextafter(1.0, 2.0), std::nextafter(0.1, 0.0)};
    for (int e = -30; e <= 30; ++e) {
        xs.push_back(std::pow(10.0, e));
        xs.push_back(1.5 * std::pow(10.0, e));
        xs.push_back(-7.25 * std::pow(10.0, e));
    }
    for (int i = 0; i <= 2000; ++i) xs.push_back(i / 100.0);  // 0.00 .. 20.00: the kind of values articles carry
    std::mt19937_64 rng(20240607);
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t bits = rng();
        double x;
        std::memcpy(&x, &bits, sizeof x);
        xs.push_back(x);  // any bit pattern, NaN and infinities included
        xs.push_back(static_cast<double>(rng() % 100000000) / static_cast<double>(1ULL << (rng() % 40)));
    }
    int checked = 0;
    for (double x : xs) {
        INFO("x = " << x);
        if (std::isfinite(x)) CHECK(writer_double(x) == nlohmann_double(x));
        else CHECK(writer_double(x) == "null");  // nlohmann dumps non-finite numbers as null
        ++checked;
    }
    CHECK(checked > 40000);
    // Spot checks of the format itself, so that the oracle cannot drift silently.
    CHECK(writer_double(1.0) == "1.0");
    CHECK(writer_double(-0.0) == "-0.0");
    CHECK(writer_double(0.1) == "0.1");
    CHECK(writer_double(1e-5) == "1e-05");
    CHECK(writer_double(1e-4) == "0.0001");
    CHECK(writer_double(1e14) == "100000000000000.0");
    CHECK(writer_double(1e15) == "1e+15");
    CHECK(writer_double(1e16) == "1e+16");
    CHECK(writer_double(1.5e12) == "1500000000000.0");
    CHECK(writer_double(-2.75) == "-2.75");
}

TEST_CASE("json writer: other values, strings and layout as nlohmann writes them") {
    CHECK(one_value(std::monostate{}).find("\"value\":null}") != std::string::npos);
    CHECK(one_value(true).find("\"value\":true}") != std::string::npos);
    CHECK(one_value(false).find("\"value\":false}") != std::string::npos);
    CHECK(one_value(std::int64_t{-9223372036854775807 - 1}).find("\"value\":-9223372036854775808}") != std::string::npos);
    CHECK(one_value(std::string("a/b")).find("\"value\":\"a/b\"}") != std::string::npos);

    // Strings: every single byte, every pair of "interesting" bytes, and
    // random byte soup (invalid UTF-8 is replaced the way nlohmann replaces it).
    std::vector<std::string> strs = {"", "plain", "\"q\" \\ /", "tab\tnl\nfeed\fcr\rbs\b", std::string("nul\0x", 5), "\x1f\x7f",
                                     "é — “x” 😀", "\xff", "\xc3", "\xc3\x28", "\xe2\x82", "\xe2\x82\x28", "\xf0\x9f\x98",
                                     "\xf0\x9f\x98\x80\xf0", "\xed\xa0\x80", "\xc0\xaf", "\xf8\x88\x80\x80\x80", "\xef\xbb\xbf"};
    for (int b = 0; b < 256; ++b) strs.emplace_back(1, static_cast<char>(b));
    const unsigned char interesting[] = {0x00, 0x09, 0x1f, 0x22, 0x41, 0x5c, 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff};
    for (unsigned char a : interesting)
        for (unsigned char b : interesting)
            for (unsigned char c : {0x41, 0x80, 0xa0})
                strs.push_back(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
    // Runs of plain ASCII of every length around the writer's 8-byte steps,
    // with one byte that needs care at every position (the word-at-a-time
    // scan and its overlapping last word).
    for (std::size_t len = 1; len <= 40; ++len)
        for (std::size_t at = 0; at <= len; ++at)
            for (char bad : {'"', '\\', '\n', '\x01', '\x7f', '\xc3', '\xff'}) {
                std::string s(len, 'a');
                for (std::size_t k = 0; k < len; ++k) s[k] = static_cast<char>('a' + k % 26);
                if (at < len) s[at] = bad;
                strs.push_back(s);
            }
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        std::string s(rng() % 24, '\0');
        for (auto& ch : s) ch = static_cast<char>(rng() % 4 == 0 ? interesting[rng() % sizeof interesting] : rng() % 256);
        strs.push_back(s);
    }
    warta::Document d;
    d.id = "doc \"1\"";
    d.reference_date = "2022-12-23";
    d.reference_date_source = "dateline";
    d.sentences = {{0, 10}, {11, 20}};
    for (std::size_t i = 0; i < strs.size(); ++i) {
        const std::string& s = strs[i];
        d.mentions.push_back(mention("m" + std::to_string(i + 1), s, span(i, i + 1, s), {{s, s}, {"value", 1.5}}, s));
        d.tokens.push_back({.start = i, .end = i + 1, .text = s, .norm = s, .lower = s, .base = s + "b",
                            .kind = warta::TokenKind::word, .shape = warta::TokenShape::lower, .boilerplate = i % 2 == 0});
    }
    d.warnings.push_back({"invalid_utf8", strs[7], 3, 4});
    d.warnings.push_back({"other", "no span", std::nullopt, std::nullopt});
    d.boilerplate.push_back({5, 9, "read_also"});
    warta::Rejected rej;
    rej.type = "date";
    rej.span = span(1, 2, strs[9]);
    rej.rule = "f:1:r";
    rej.reason = "because \"x\"";
    d.rejected.push_back(rej);
    check_same(d);
}

TEST_CASE("json writer: a mention field that repeats a key replaces it in place") {
    warta::Document d;
    d.mentions.push_back(mention("m1", "number", span(0, 3, "abc"),
                                 {{"value", std::int64_t{3}}, {"text", std::string("over")}, {"id", true},
                                  {"value", 2.5}, {"rule", std::string("field rule")}, {"unit", std::monostate{}}},
                                 "g:1:r"));
    // More members than the writer keeps without allocating.
    warta::Fields many;
    for (int i = 0; i < 40; ++i) many.push_back({std::string("f").append(std::to_string(i % 25)), std::int64_t{i}});
    d.mentions.push_back(mention("m2", "t", span(3, 4, "d"), many, ""));
    check_same(d);
    std::string compact = warta::to_json(d, {.explain = true});
    CHECK(compact.find(R"({"id":true,"type":"number","text":"over","start":0,"end":3,"value":2.5,"rule":"g:1:r","unit":null})") !=
          std::string::npos);
}

TEST_CASE("json writer: empty containers, error documents, events") {
    warta::Document empty;
    check_same(empty);
    CHECK(warta::to_json(empty, {.indent = 2}).find("\"sentences\": [],\n") != std::string::npos);
    check_same(warta::error_document("f\x01.txt", "read_error", "f.txt: \xff No such file"));

    warta::Document d;
    warta::Event e1;
    e1.id = "e1";
    e1.type = "award";
    e1.trigger = span(4, 9, "raih\n");
    e1.sentence = 2;
    e1.args.push_back(arg("winner", span(0, 3, "Ani"), "m1", std::string("Ani")));
    e1.args.push_back(arg("amount", span(10, 12, "5%"), "", 0.05));
    e1.args.push_back(arg("when", span(13, 14, "x"), "", std::monostate{}));
    e1.rule = "events:3:award";
    d.events.push_back(e1);
    warta::Event e2;
    e2.id = "e2";
    e2.type = "t";
    e2.trigger = span(0, 1, "a");
    d.events.push_back(e2);
    check_same(d);
}

TEST_CASE("json writer: real documents from the corpus, every option") {
    const warta::Extractor ex;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::string(WARTA_SOURCE_DIR) + "/corpus"))
        if (e.path().string().ends_with(".gold.json")) files.push_back(e.path());
    REQUIRE(!files.empty());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        INFO(f.string());
        std::ifstream in(f);
        std::string text = nlohmann::json::parse(in).at("text").get<std::string>();
        check_same(ex.extract(text, {.id = f.filename().string(), .keep_tokens = true, .explain = true}));
    }
    // Hostile input: control characters, invalid UTF-8, quotes and backslashes.
    check_same(ex.extract("Jakarta, 23 Desember 2022 - \"Rp 1,5 juta\" \\ \x01\x1f\xff\xc3\x28 naik 0,001 persen \xe2\x82",
                          {.id = "bad\xfe", .keep_tokens = true, .explain = true}));
}
