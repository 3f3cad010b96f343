// The warta/1 contract: JSON output, the schema in docs/, offsets, reference date.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "contract_check.hpp"
#include "warta/warta.hpp"

using nlohmann::json;
using warta::test::contract_violations;
using warta::test::SchemaChecker;

namespace {

const SchemaChecker& schema() {
    static const SchemaChecker s = SchemaChecker::from_file(std::string(WARTA_SOURCE_DIR) + "/docs/warta-1.schema.json");
    return s;
}

const warta::Extractor& extractor() {
    static const warta::Extractor ex;
    return ex;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

// Extracts, writes JSON, parses it back, and checks schema and contract.
json check_roundtrip(std::string_view input, warta::DocumentOptions opt = {}, warta::JsonOptions jopt = {}) {
    warta::Document doc = opt.keep_tokens ? extractor().tokenize(input, opt) : extractor().extract(input, opt);
    json j = json::parse(warta::to_json(doc, jopt));
    auto errs = schema().check(j);
    INFO(join(errs));
    CHECK(errs.empty());
    auto bad = contract_violations(j, input);
    INFO(join(bad));
    CHECK(bad.empty());
    return j;
}

// Every article text the project has: corpus/*.gold.json and examples/articles/*.txt.
std::vector<std::pair<std::string, std::string>> project_texts() {
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* dir : {"/corpus", "/examples/articles"}) {
        fs::path p = std::string(WARTA_SOURCE_DIR) + dir;
        if (!fs::exists(p)) continue;
        for (const auto& e : fs::recursive_directory_iterator(p)) {
            std::string name = e.path().string();
            if (name.ends_with(".gold.json")) {
                json rec = json::parse(warta::test::read_file(name));
                out.emplace_back(name, rec.at("text").get<std::string>());
            } else if (name.ends_with(".txt")) {
                out.emplace_back(name, warta::test::read_file(name));
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("schema checker: accepts a valid document and rejects broken ones") {
    json ok = {{"schema", "warta/1"},
               {"id", "a"},
               {"reference_date", "2022-12-23"},
               {"reference_date_source", "dateline"},
               {"sentences", json::array({{{"start", 0}, {"end", 5}}})},
               {"mentions", json::array({{{"id", "m1"}, {"type", "date"}, {"text", "2022"}, {"start", 0}, {"end", 4}, {"value", "2022"}}})},
               {"events", json::array()},
               {"warnings", json::array()}};
    CHECK(schema().check(ok).empty());

    json missing = ok;
    missing.erase("sentences");
    CHECK_FALSE(schema().check(missing).empty());

    json bad_date = ok;
    bad_date["mentions"][0]["value"] = "23/12/2022";
    CHECK_FALSE(schema().check(bad_date).empty());

    json interval = ok;
    interval["mentions"][0]["value"] = "2022-10-20/2022-10-22";
    CHECK(schema().check(interval).empty());
    interval["mentions"][0]["value"] = "2022-12-05T10:00+07:00";
    CHECK(schema().check(interval).empty());

    json bad_qual = ok;
    bad_qual["mentions"][0] = {{"id", "m1"}, {"type", "number"}, {"text", "48"}, {"start", 0}, {"end", 2}, {"value", 48}, {"qualifier", "lots"}};
    CHECK_FALSE(schema().check(bad_qual).empty());

    json bad_source = ok;
    bad_source["reference_date_source"] = "guess";
    CHECK_FALSE(schema().check(bad_source).empty());

    json err = {{"schema", "warta/1"}, {"id", "x"}, {"error", {{"code", "read_error"}, {"message", "x: No such file"}}}};
    CHECK(schema().check(err).empty());
    err["mentions"] = json::array();
    CHECK_FALSE(schema().check(err).empty());
}

TEST_CASE("contract checks: offsets, ids and references") {
    std::string input = "Pada 2022 Kota Tangerang meraih 48 penghargaan.";
    json doc = {{"schema", "warta/1"},
                {"id", "a"},
                {"sentences", json::array({{{"start", 0}, {"end", input.size()}}})},
                {"mentions", json::array({{{"id", "m1"}, {"type", "date"}, {"text", "2022"}, {"start", 5}, {"end", 9}}})},
                {"events", json::array()},
                {"warnings", json::array()}};
    CHECK(contract_violations(doc, input).empty());
    doc["mentions"][0]["end"] = 10;
    CHECK_FALSE(contract_violations(doc, input).empty());
    doc["mentions"][0]["end"] = 9;
    doc["mentions"].push_back({{"id", "m1"}, {"type", "number"}, {"text", "48"}, {"start", 32}, {"end", 34}});
    CHECK_FALSE(contract_violations(doc, input).empty());
    doc["mentions"][1]["id"] = "m2";
    CHECK(contract_violations(doc, input).empty());
    doc["events"].push_back({{"id", "e1"}, {"type", "award"}, {"sentence", 0},
                             {"trigger", {{"text", "meraih"}, {"start", 25}, {"end", 31}}},
                             {"args", json::array({{{"role", "count"}, {"text", "48"}, {"start", 32}, {"end", 34}, {"mention", "m9"}}})}});
    CHECK_FALSE(contract_violations(doc, input).empty());
    doc["events"][0]["args"][0]["mention"] = "m2";
    CHECK(contract_violations(doc, input).empty());
}

TEST_CASE("json: every project article validates and every span is exact") {
    auto texts = project_texts();
    for (const auto& entry : texts) {
        const std::string& name = entry.first;  // (a structured binding cannot be captured by INFO on clang 14)
        const std::string& text = entry.second;
        INFO(name);
        warta::DocumentOptions opt;
        opt.id = name;
        json j = check_roundtrip(text, opt);
        CHECK(j["schema"] == "warta/1");
        CHECK(j["id"] == name);
        CHECK_FALSE(j["sentences"].empty());
        opt.keep_tokens = true;
        json t = check_roundtrip(text, opt, {.indent = -1, .explain = true, .tokens = true});
        CHECK_FALSE(t["tokens"].empty());
    }
}

TEST_CASE("json: hostile inputs still give valid documents with exact offsets") {
    std::vector<std::string> inputs = {
        "",
        " ",
        "\n\n\n",
        "Jakarta - Hujan turun.\r\nBanjir datang.\r\n",
        "\xEF\xBB\xBFJakarta - Dengan BOM di depan.",
        std::string("Teks\0dengan NUL.", 16),
        "Rusak \xC3\x28 di sini. Lalu \xE2\x82 terpotong",
        "\xFF\xFE\xFD",
        "Kutipan \xE2\x80\x9Ctanda lengkung\xE2\x80\x9D dan \xE2\x80\x94 pisah.",
        "Spasi\xC2\xA0tak\xE2\x80\x8Bputus.",
        "e\xCC\x81 gabungan",
        std::string(5000, '('),
        std::string(3000, '"') + "x",
    };
    for (const auto& in : inputs) {
        INFO(json(in).dump(-1, ' ', false, json::error_handler_t::replace));
        json j = check_roundtrip(in);
        CHECK(j["schema"] == "warta/1");
        check_roundtrip(in, {.keep_tokens = true}, {.indent = 2, .tokens = true});
    }
}

TEST_CASE("json: output shapes") {
    warta::Document d;
    d.id = "doc-1";
    d.sentences.push_back({0, 4});
    warta::Mention m;
    m.id = "m1";
    m.type = "number";
    m.span = {0, 2, "48"};
    m.fields = {{"value", std::int64_t{48}}, {"qualifier", std::string("exact")}, {"unit", std::string("penghargaan")}};
    m.rule = "numbers.grammar:3:count";
    d.mentions.push_back(m);
    warta::Event e;
    e.id = "e1";
    e.type = "award";
    e.trigger = {0, 2, "48"};
    warta::EventArg arg;
    arg.role = "count";
    arg.span = {0, 2, "48"};
    arg.mention = "m1";
    arg.value = std::int64_t{48};
    e.args.push_back(arg);
    d.events.push_back(e);
    d.warnings.push_back({"weekday_mismatch", "9/11/2022 was a Wednesday, not a Friday", 0, 2});

    std::string compact = warta::to_json(d);
    CHECK(compact.find('\n') == std::string::npos);
    json j = json::parse(compact);
    CHECK(schema().check(j).empty());
    CHECK(j["mentions"][0]["value"] == 48);
    CHECK(j["mentions"][0]["unit"] == "penghargaan");
    CHECK_FALSE(j["mentions"][0].contains("rule"));
    CHECK(j["events"][0]["args"][0]["mention"] == "m1");
    CHECK(j["events"][0]["args"][0]["value"] == 48);
    CHECK(j["warnings"][0]["start"] == 0);
    CHECK(j["reference_date"].is_null());
    CHECK(j["reference_date_source"].is_null());
    // key order follows the contract
    CHECK(compact.rfind("{\"schema\":\"warta/1\",\"id\":\"doc-1\",\"reference_date\"", 0) == 0);

    json x = json::parse(warta::to_json(d, {.indent = 2, .explain = true}));
    CHECK(x["mentions"][0]["rule"] == "numbers.grammar:3:count");
    CHECK(warta::to_json(d, {.indent = 2}).find("\n  \"id\"") != std::string::npos);

    json err = json::parse(warta::to_json(warta::error_document("f.txt", "read_error", "f.txt: No such file or directory")));
    CHECK(schema().check(err).empty());
    CHECK(err["error"]["code"] == "read_error");
    CHECK_FALSE(err.contains("mentions"));
}

TEST_CASE("reference date: dateline, weekday date, first full date, option, metadata") {
    auto ref = [](std::string_view text, warta::DocumentOptions opt = {}) {
        warta::Document d = extractor().extract(text, opt);
        return std::make_pair(d.reference_date.value_or("null"), d.reference_date_source.value_or("null"));
    };
    using P = std::pair<std::string, std::string>;
    CHECK(ref("Jakarta, 23 Desember 2022 - Pemerintah mengumumkan hasilnya.\nPada 1 Januari 2020 lain lagi.") == P{"2022-12-23", "dateline"});
    CHECK(ref("SEMARANG, Senin (13/3/2023) - Bupati hadir.") == P{"2023-03-13", "dateline"});
    CHECK(ref("Bupati hadir di pendapa.\nIa berbicara sejak 28 Februari 1993 tentang hal itu.\nHal itu disampaikan, Jumat (23/12/2022).")
          == P{"2022-12-23", "dateline"});
    CHECK(ref("Bupati hadir di pendapa.\nKegiatan digelar pada 5 Agt 2023 di alun-alun.") == P{"2023-08-05", "dateline"});
    CHECK(ref("Rapat digelar 2023-03-14 di Jakarta.") == P{"2023-03-14", "dateline"});
    CHECK(ref("Rapat pada Rabu (2/11/22) berjalan lancar.") == P{"2022-11-02", "dateline"});
    // not full dates: identifiers, decimals, a day and month only
    CHECK(ref("Aturan No. 12/2022 berlaku. Nilainya 1.250.000 rupiah. Pada Senin (5/12) rapat.") == P{"null", "null"});
    CHECK(ref("Skor 31/12/2022/5 aneh.") == P{"null", "null"});
    CHECK(ref("Tanggal 31/02/2022 tidak ada.") == P{"null", "null"});
    // a boilerplate-free empty document
    CHECK(ref("") == P{"null", "null"});

    warta::DocumentOptions opt;
    opt.reference_date = "2024-02-29";
    CHECK(ref("Jakarta, 23 Desember 2022 - Hujan.", opt) == P{"2024-02-29", "option"});
    opt.reference_source = warta::ReferenceSource::metadata;
    CHECK(ref("Jakarta, 23 Desember 2022 - Hujan.", opt) == P{"2024-02-29", "metadata"});
    opt.reference_date = "2023-02-29";
    warta::Document d = extractor().extract("Jakarta, 23 Desember 2022 - Hujan.", opt);
    CHECK(d.reference_date.value_or("") == "2022-12-23");
    REQUIRE_FALSE(d.warnings.empty());
    CHECK(d.warnings.back().code == "bad_reference_date");
}

TEST_CASE("valid_iso_date") {
    CHECK(warta::valid_iso_date("2024-02-29"));
    CHECK_FALSE(warta::valid_iso_date("2023-02-29"));
    CHECK_FALSE(warta::valid_iso_date("2023-13-01"));
    CHECK_FALSE(warta::valid_iso_date("2023-1-01"));
    CHECK_FALSE(warta::valid_iso_date("20230101"));
    CHECK(warta::valid_iso_date("2000-02-29"));
    CHECK_FALSE(warta::valid_iso_date("1900-02-29"));
}

TEST_CASE("extractor: one shared Extractor gives the same output on every thread") {
    auto texts = project_texts();
    REQUIRE_FALSE(texts.empty());
    std::vector<std::string> expected;
    for (const auto& [name, text] : texts) expected.push_back(warta::to_json(extractor().extract(text, {.id = name})));
    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2; ++round)
                for (const auto& [name, text] : texts) got[t].push_back(warta::to_json(extractor().extract(text, {.id = name})));
        });
    for (auto& th : threads) th.join();
    for (const auto& g : got) {
        REQUIRE(g.size() == 2 * expected.size());
        for (std::size_t i = 0; i < g.size(); ++i) CHECK(g[i] == expected[i % expected.size()]);
    }
}
