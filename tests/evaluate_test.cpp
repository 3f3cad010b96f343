// Tests of the evaluator (tools/evaluate_score.*): the scoring rules of the
// gold format, on small records written here.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "evaluate_score.hpp"

namespace ev = warta::eval;
using ev::Json;

namespace {

const std::string kText =
    "SLEMAN - Pemerintah Kabupaten Sleman meraih 5 penghargaan pada Senin (9/1/2023). "
    "Bupati Kustini Sri Purnomo menerima 5 penghargaan itu dari Kementerian Keuangan RI di Yogyakarta. "
    "\"Kami bangga dengan capaian pelayanan publik tahun ini,\" kata Kustini. "
    "Nomor surat 3/2023 tidak dihitung.";

std::size_t at(const std::string& s, std::size_t nth = 0) {
    std::size_t p = kText.find(s);
    for (std::size_t i = 0; i < nth; ++i) p = kText.find(s, p + 1);
    REQUIRE(p != std::string::npos);
    return p;
}

Json gold_record() {
    Json g = Json::parse(R"J({
      "reference_date": "2023-01-09",
      "dates": [{"text": "Senin (9/1/2023)", "value": "2023-01-09", "weekday_matches": true}],
      "numbers": [{"text": "5", "value": 5, "qualifier": "exact", "unit": "penghargaan"},
                  {"text": "5", "value": 5, "qualifier": "exact", "unit": "penghargaan"}],
      "ordinals": [], "money": [], "percent": [],
      "organizations": [{"text": "Pemerintah Kabupaten Sleman", "canonical": "Pemerintah Kabupaten Sleman"},
                        {"text": "Kementerian Keuangan RI", "canonical": "Kementerian Keuangan"}],
      "persons": [{"text": "Kustini Sri Purnomo", "title": "Bupati Sleman"}, {"text": "Kustini", "title": null}],
      "locations": [{"text": "SLEMAN"}, {"text": "Yogyakarta"}],
      "events": [
        {"type": "award", "trigger": "meraih", "args": {"recipient": "Pemerintah Kabupaten Sleman", "count": 5, "date": "2023-01-09"}},
        {"type": "award", "trigger": "menerima", "args": {"recipient": "Kustini Sri Purnomo", "count": 5, "giver": "Kementerian Keuangan"}},
        {"type": "quote", "args": {"speaker": "Kustini Sri Purnomo", "content_start": "Kami bangga dengan capaian"}}
      ],
      "ignore": ["3/2023"]
    })J");
    // the second "Kustini" is the short reference after the quote: its first
    // occurrence is inside the full name, so it needs byte offsets
    g["persons"][1]["byte_start"] = at("Kustini", 1);
    g["persons"][1]["byte_end"] = at("Kustini", 1) + 7;
    Json rec = {{"id", "sleman"}, {"date", nullptr}, {"text", kText}, {"gold", g}};
    REQUIRE(ev::validate_gold(rec).empty());
    return rec;
}

Json mention(const std::string& id, const std::string& type, const std::string& text, std::size_t start) {
    return {{"id", id}, {"type", type}, {"text", text}, {"start", start}, {"end", start + text.size()}};
}

Json arg(const std::string& role, const std::string& text, std::size_t start, Json value = nullptr) {
    Json a = {{"role", role}, {"text", text}, {"start", start}, {"end", start + text.size()}};
    if (!value.is_null()) a["value"] = value;
    return a;
}

Json perfect_doc() {
    Json ms = Json::array();
    auto add = [&](Json m) { ms.push_back(std::move(m)); };
    Json d = mention("m1", "date", "Senin (9/1/2023)", at("Senin (9/1/2023)"));
    d["value"] = "2023-01-09";
    d["weekday_matches"] = true;
    add(d);
    for (int i = 0; i < 2; ++i) {
        Json n = mention("m" + std::to_string(2 + i), "number", "5", at("5 penghargaan", static_cast<std::size_t>(i)));
        n["value"] = 5;
        n["unit"] = "penghargaan";
        add(n);
    }
    Json o1 = mention("m4", "organization", "Pemerintah Kabupaten Sleman", at("Pemerintah Kabupaten Sleman"));
    o1["canonical"] = "Pemerintah Kabupaten Sleman";
    add(o1);
    Json o2 = mention("m5", "organization", "Kementerian Keuangan RI", at("Kementerian Keuangan RI"));
    o2["canonical"] = "Kementerian Keuangan";
    add(o2);
    Json p1 = mention("m6", "person", "Kustini Sri Purnomo", at("Kustini Sri Purnomo"));
    p1["name"] = "Kustini Sri Purnomo";
    p1["title"] = "Bupati Sleman";
    add(p1);
    Json p2 = mention("m7", "person", "Kustini", at("Kustini", 1));
    p2["name"] = "Kustini";
    add(p2);
    add(mention("m8", "location", "SLEMAN", at("SLEMAN")));
    add(mention("m9", "location", "Yogyakarta", at("Yogyakarta")));
    Json evs = Json::array();
    evs.push_back({{"id", "e1"}, {"type", "award"}, {"trigger", {{"text", "meraih"}, {"start", at("meraih")}, {"end", at("meraih") + 6}}},
                   {"sentence", 0},
                   {"args", {arg("recipient", "Pemerintah Kabupaten Sleman", at("Pemerintah Kabupaten Sleman")),
                             arg("count", "5", at("5"), 5), arg("date", "Senin (9/1/2023)", at("Senin (9/1/2023)"), "2023-01-09")}}});
    evs.push_back({{"id", "e2"}, {"type", "award"}, {"trigger", {{"text", "menerima"}, {"start", at("menerima")}, {"end", at("menerima") + 8}}},
                   {"sentence", 1},
                   {"args", {arg("recipient", "Kustini Sri Purnomo", at("Kustini Sri Purnomo")), arg("count", "5", at("5", 1), 5),
                             arg("giver", "Kementerian Keuangan RI", at("Kementerian Keuangan RI"), "Kementerian Keuangan")}}});
    evs.push_back({{"id", "e3"}, {"type", "quote"}, {"trigger", {{"text", "kata"}, {"start", at("kata")}, {"end", at("kata") + 4}}},
                   {"sentence", 2},
                   {"args", {arg("content", "Kami bangga dengan capaian pelayanan publik tahun ini,", at("Kami")),
                             arg("speaker", "Kustini", at("Kustini", 1), "Kustini Sri Purnomo")}}});
    return {{"schema", "warta/1"}, {"id", "sleman"}, {"reference_date", "2023-01-09"}, {"mentions", ms}, {"events", evs}};
}

ev::Scores score(const Json& doc, bool exact = false) {
    ev::Scores s;
    Json rec = gold_record();
    ev::score_document(s, rec, &doc, {.exact = exact});
    return s;
}

struct TempFile {
    std::filesystem::path path;
    TempFile(const std::string& name, const std::string& content)
        : path(std::filesystem::temp_directory_path() / ("warta_eval_test_" + std::to_string(::getpid()) + "_" + name)) {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

TEST_CASE("evaluate: fold() matches the reference normalisation") {
    CHECK(ev::fold("Kementerian Keuangan RI") == ev::fold("Kementerian Keuangan"));
    CHECK(ev::fold("Badan Kepegawaian Negara (BKN)") == ev::fold("Badan Kepegawaian Negara"));
    CHECK(ev::fold("Kementerian Luar Negeri Republik Indonesia") == "kementerian luar negeri");
    CHECK(ev::fold("  Kota   Tangerang. ") == "kota tangerang");
    CHECK(ev::fold("Pemerintah Kota (Pemkot) Tangerang") == "pemerintah kota tangerang");
    CHECK(ev::fold("Rizal RIANTO") == "rizal rianto");   // `ri` only as a whole word
    CHECK(ev::fold("Straße") == "strasse");              // full case folding
    CHECK(ev::fold("Bupati Sleman, D.I. Yogyakarta") == "bupati sleman d i yogyakarta");
    CHECK(ev::fold("ri_x") == "ri_x");                   // `_` is a word character
    CHECK(ev::fold("Wali-Kota") == "wali-kota");
    CHECK(ev::fold("é") == "é");
    CHECK(ev::fold("e\u0301") == "e");                  // a combining mark is not \w
    CHECK(ev::fold_value(Json(nullptr)).empty());
    CHECK(ev::fold_value(Json("Kota Tangerang RI")) == "kota tangerang");
}

TEST_CASE("evaluate: Python semantics helpers") {
    CHECK(ev::py_repr(Json::parse(R"({"a": [1, 2.5, null, true, "x'y"]})")) == "{'a': [1, 2.5, None, True, \"x'y\"]}");
    CHECK(ev::py_float_repr(1e16) == "1e+16");
    CHECK(ev::py_float_repr(1e15) == "1000000000000000.0");
    CHECK(ev::py_float_repr(0.0001) == "0.0001");
    CHECK(ev::py_float_repr(1e-5) == "1e-05");
    CHECK(ev::close(Json("15"), Json(15)));
    CHECK(ev::close(Json(" 1_5 "), Json(15.0)));
    CHECK_FALSE(ev::close(Json("15 orang"), Json(15)));
    CHECK(ev::close(Json(nullptr), Json(nullptr)));
    CHECK_FALSE(ev::close(Json(nullptr), Json(0)));
    CHECK(ev::close(Json(1.0000000001), Json(1)));
    CHECK(ev::py_equal(Json(true), Json(1)));
    CHECK(ev::py_round4(2.0 / 3.0) == 0.6667);
    CHECK(ev::date_value_ok(Json("2023-01-09T10:00:00+07:00"), "2023-01-09T10:00"));
    CHECK_FALSE(ev::date_value_ok(Json("2023-01-09T10:00+08:00"), "2023-01-09T10:00+07:00"));
    CHECK(ev::date_value_ok(Json(2023), "2023"));
}

TEST_CASE("evaluate: a perfect prediction scores 1.0 on every category with items") {
    ev::Scores s = score(perfect_doc());
    for (const auto& total : s.totals) {
        const auto& cat = total.first;  // (clang 14 cannot capture a structured binding in CAPTURE)
        const auto& prf = total.second;
        CAPTURE(cat);
        if (prf.tp + prf.fn == 0) {
            CHECK(prf.fp == 0);
            continue;
        }
        auto f = prf.f();
        CHECK(f[0] == 1.0);
        CHECK(f[1] == 1.0);
        CHECK(f[2] == 1.0);
    }
    CHECK(s.at("award_args").tp == 6);
    CHECK(s.unit_ok == 2);
    CHECK(s.unit_n == 2);
    CHECK(s.weekday_ok == 1);
    CHECK(s.title_ok == 1);
    CHECK(s.ref_ok == 1);
    CHECK(s.violations == 0);
    CHECK(s.errors.empty());
    // the exact (NER) convention agrees on a perfect prediction
    ev::Scores e = score(perfect_doc(), true);
    CHECK(e.mentions_micro().f()[2] == 1.0);
}

TEST_CASE("evaluate: an empty prediction has recall 0 everywhere") {
    Json doc = {{"schema", "warta/1"}, {"id", "sleman"}, {"mentions", Json::array()}, {"events", Json::array()}};
    ev::Scores s = score(doc);
    for (const auto& total : s.totals) {
        const auto& cat = total.first;  // (clang 14 cannot capture a structured binding in CAPTURE)
        const auto& prf = total.second;
        CAPTURE(cat);
        CHECK(prf.tp == 0);
        CHECK(prf.fp == 0);
        CHECK(prf.f()[1] == 0.0);
    }
    CHECK(s.at("numbers").fn == 2);
    CHECK(s.at("award_args").fn == 6);
    CHECK(s.at("quote_speakers").fn == 1);
    // and a missing document is counted as such
    ev::Scores m;
    ev::score_document(m, gold_record(), nullptr);
    CHECK(m.missing_docs == 1);
    CHECK(m.ref_n == 0);
    CHECK(m.at("dates").fn == 1);
}

TEST_CASE("evaluate: a wrong value is a miss and a false positive") {
    Json doc = perfect_doc();
    doc["mentions"][0]["value"] = "2023-01-10";         // date
    doc["mentions"][3]["canonical"] = "Pemerintah Kota Sleman";  // organization
    ev::Scores s = score(doc);
    CHECK(s.at("dates").tp == 0);
    CHECK(s.at("dates").fn == 1);
    CHECK(s.at("dates").fp == 1);
    CHECK(s.at("organizations").tp == 1);
    CHECK(s.at("organizations").fn == 1);
    CHECK(s.at("organizations").fp == 1);
    REQUIRE_FALSE(s.errors.empty());
    CHECK(s.errors[0] == "sleman dates missed 'Senin (9/1/2023)' -> '2023-01-09'; overlapping: [('Senin (9/1/2023)', '2023-01-10')]");
}

TEST_CASE("evaluate: a mention over an ignore span is not a false positive") {
    Json doc = perfect_doc();
    Json m = mention("m20", "number", "3", at("3/2023"));
    m["value"] = 3;
    doc["mentions"].push_back(m);
    Json d = mention("m21", "date", "3/2023", at("3/2023"));
    d["value"] = "2023-03";
    doc["mentions"].push_back(d);
    ev::Scores s = score(doc);
    CHECK(s.at("numbers").fp == 0);
    CHECK(s.at("dates").fp == 0);
    // the same kind of mention elsewhere is a false positive
    Json other = perfect_doc();
    Json sp = mention("m23", "number", "bangga", at("bangga"));
    sp["value"] = 1;
    other["mentions"].push_back(sp);
    CHECK(score(other).at("numbers").fp == 1);
}

TEST_CASE("evaluate: repeated strings map to successive occurrences") {
    Json items = Json::parse(R"J([{"text": "5"}, {"text": "Kustini"}, {"text": "5"}, {"text": "Kustini"}, {"text": "tidak ada"}])J");
    auto spans = ev::locate(kText, items);
    REQUIRE(spans.size() == 5);
    CHECK(*spans[0].first == static_cast<long double>(at("5")));
    CHECK(*spans[2].first == static_cast<long double>(at("5", 1)));
    CHECK(*spans[1].first == static_cast<long double>(at("Kustini")));
    CHECK(*spans[3].first == static_cast<long double>(at("Kustini", 1)));
    CHECK(*spans[4].first == -1.0L);  // not found: the reference's (-1, len - 1)
    // items with byte offsets keep them
    auto b = ev::locate(kText, Json::parse(R"([{"text": "3", "byte_start": 7, "byte_end": 8}])"));
    CHECK(*b[0].first == 7.0L);
    // a prediction of only the second "3" finds the second gold item, not the first
    Json doc = perfect_doc();
    doc["mentions"].erase(1);
    ev::Scores s = score(doc);
    CHECK(s.at("numbers").tp == 1);
    CHECK(s.at("numbers").fn == 1);
    CHECK(s.at("numbers").fp == 0);
}

TEST_CASE("evaluate: award events are paired by their arguments") {
    Json doc = perfect_doc();
    // predict the two awards in the other order, the second without its giver
    // and with a wrong count, and an extra role that the scorer does not know
    Json e1 = doc["events"][0], e2 = doc["events"][1];
    e2["args"].erase(2);
    e2["args"][1]["value"] = 4;  // gold says 5
    e2["args"].push_back(arg("reason", "pelayanan publik", at("pelayanan publik")));
    e2["trigger"]["text"] = "mendapat";
    doc["events"][0] = e2;
    doc["events"][1] = e1;
    ev::Scores s = score(doc);
    CHECK(s.at("award_events").tp == 2);
    CHECK(s.at("award_events").fp == 0);
    CHECK(s.at("award_args").tp == 4);  // 3 of the first award, the recipient of the second
    CHECK(s.at("award_args").fn == 2);  // count and giver of the second
    CHECK(s.at("award_args").fp == 1);  // the wrong count
    // an award that agrees on nothing is not paired
    Json lone = perfect_doc();
    lone["events"] = Json::array({{{"id", "e9"}, {"type", "award"}, {"trigger", {{"text", "memberi"}, {"start", 0}, {"end", 0}}},
                                   {"args", {arg("recipient", "Yogyakarta", at("Yogyakarta"))}}}});
    ev::Scores l = score(lone);
    CHECK(l.at("award_events").fp == 1);
    CHECK(l.at("award_events").fn == 2);
    CHECK(l.at("award_args").fp == 1);
    CHECK(l.at("award_args").fn == 6);
}

TEST_CASE("evaluate: quotes by content, then speaker") {
    Json doc = perfect_doc();
    doc["events"][2]["args"][1] = arg("speaker", "Yogyakarta", at("Yogyakarta"));
    ev::Scores s = score(doc);
    CHECK(s.at("quotes").tp == 1);
    CHECK(s.at("quote_speakers").tp == 0);
    CHECK(s.at("quote_speakers").fn == 1);
    CHECK(s.at("quote_speakers").fp == 1);
    // no speaker: a miss, not a false positive
    Json none = perfect_doc();
    none["events"][2]["args"].erase(1);
    ev::Scores n = score(none);
    CHECK(n.at("quote_speakers").fn == 1);
    CHECK(n.at("quote_speakers").fp == 0);
    // a short name agrees with the full one (substring after folding)
    Json shortname = perfect_doc();
    shortname["events"][2]["args"][1].erase("value");
    CHECK(score(shortname).at("quote_speakers").tp == 1);
    // content that does not start the same way is a different quote
    Json other = perfect_doc();
    other["events"][2]["args"][0]["text"] = "Kami senang";
    ev::Scores o = score(other);
    CHECK(o.at("quotes").fn == 1);
    CHECK(o.at("quotes").fp == 1);
}

TEST_CASE("evaluate: contract violations are detected") {
    Json doc = perfect_doc();
    CHECK(ev::contract_violations(doc, kText).empty());
    doc["mentions"][1]["id"] = "m1";                        // duplicate id
    doc["mentions"][2]["end"] = kText.size() + 1;           // bad offsets
    doc["mentions"][4]["text"] = "Kementerian Keuangan";    // text mismatch
    doc["events"][0]["args"][0]["mention"] = "m99";         // unknown mention
    doc["schema"] = "warta/0";
    auto v = ev::contract_violations(doc, kText);
    auto has = [&](const std::string& needle) {
        for (const auto& x : v)
            if (x.find(needle) != std::string::npos) return true;
        return false;
    };
    CHECK(has("schema is not warta/1"));
    CHECK(has("duplicate id m1"));
    CHECK(has("m3: bad offsets"));
    CHECK(has("m5: input["));
    CHECK(has("e1: arg refers to unknown mention m99"));
    CHECK(v.size() == 5);
    ev::Scores s = score(doc);
    CHECK(s.violations == 5);
    CHECK(s.violation_lines.size() == 5);
}

TEST_CASE("evaluate: the table and the JSON summary") {
    ev::Scores s = score(perfect_doc());
    std::string t = ev::format_table(s, false);
    CHECK(t.rfind("category              P      R     F1   tp/fp/fn\n", 0) == 0);
    CHECK(t.find("dates             1.000  1.000  1.000   1/0/0\n") != std::string::npos);
    CHECK(t.find("money             0.000  0.000  0.000   0/0/0\n") != std::string::npos);
    CHECK(t.find("unit_accuracy: 2/2\n") != std::string::npos);
    Json j = Json::parse(ev::format_json(s));
    CHECK(j["dates"]["f1"] == 1.0);
    CHECK(j["award_args"]["tp"] == 6);
    CHECK(j["title_accuracy"] == 1.0);
    CHECK(j["missing_docs"] == 0);
}

TEST_CASE("evaluate: malformed gold is reported with file and line") {
    TempFile bad("bad.jsonl", "{\"id\": \"a\", \"text\": \"x\", \"gold\": {}}\n{\"id\": \"b\", \"text\": \n");
    try {
        ev::load_gold({bad.path.string()});
        FAIL("no error");
    } catch (const ev::InputError& e) {
        CHECK(std::string(e.what()).find(bad.path.string() + ":2: invalid JSON") == 0);
    }
    TempFile noid("noid.jsonl", "\n{\"text\": \"x\", \"gold\": {}}\n");
    CHECK_THROWS_WITH_AS(ev::load_gold({noid.path.string()}), (noid.path.string() + ":2: record has no string \"id\"").c_str(),
                         ev::InputError);
    TempFile baddate("bd.jsonl", "{\"id\": \"a\", \"text\": \"x\", \"gold\": {\"dates\": [{\"text\": \"x\"}]}}\n");
    CHECK_THROWS_AS(ev::load_gold({baddate.path.string()}), ev::InputError);
    CHECK_THROWS_AS(ev::load_gold({"/nonexistent/warta/gold"}), ev::InputError);
}

TEST_CASE("evaluate: the command line scores predictions and rejects bad gold") {
    Json rec = gold_record();
    TempFile gold("cli.gold.json", rec.dump(2));
    TempFile pred("cli.pred.jsonl", perfect_doc().dump() + "\n");
    TempFile out("cli.out", "");
    TempFile js("cli.json", "");
    std::string cmd = std::string(WARTA_EVALUATE_BIN) + " " + gold.path.string() + " --pred " + pred.path.string() +
                      " --json " + js.path.string() + " > " + out.path.string() + " 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
    std::ifstream jin(js.path);
    Json j = Json::parse(jin);
    CHECK(j["mentions_micro"]["f1"] == 1.0);
    TempFile bad("cli.bad.jsonl", "{\"id\": 1}\n");
    std::string cmd2 = std::string(WARTA_EVALUATE_BIN) + " " + bad.path.string() + " --pred " + pred.path.string() + " > " +
                       out.path.string() + " 2>&1";
    int rc = std::system(cmd2.c_str());
    CHECK(WIFEXITED(rc));
    CHECK(WEXITSTATUS(rc) == 2);
}

TEST_CASE("evaluate: other event types are scored like awards, beside score.py's figures") {
    Json rec = gold_record();
    rec["gold"]["events"].push_back(
        Json::parse(R"({"type": "disaster", "trigger": "banjir", "args": {"location": "Yogyakarta", "dead": 3, "date": null}})"));
    rec["gold"]["events"].push_back(
        Json::parse(R"({"type": "quote", "direct": false, "args": {"speaker": "Kustini Sri Purnomo", "content_start": "Nomor surat"}})"));
    REQUIRE(ev::validate_gold(rec).empty());
    Json doc = perfect_doc();
    Json dis = {{"id", "e4"}, {"type", "disaster"}, {"trigger", {{"text", "banjir"}, {"start", 0}, {"end", 0}}}, {"sentence", 1},
                {"args", {arg("location", "Yogyakarta", at("Yogyakarta")), arg("dead", "5", at("5"), 3.0), arg("missing", "5", at("5", 1), 5)}}};
    doc["events"].push_back(dis);
    doc["events"][2]["direct"] = true;
    ev::Scores s;
    ev::score_document(s, rec, &doc);
    CHECK(s.at("award_args").tp == 6);  // the shared figures do not change
    CHECK(s.at("quotes").fn == 1);      // the gold indirect quote was not predicted
    CHECK(s.extra_at("disaster_events").tp == 1);
    CHECK(s.extra_at("disaster_args").tp == 2);  // location, dead (numbers compared as numbers)
    CHECK(s.extra_at("disaster_args").fp == 1);  // missing: a role the gold leaves out
    CHECK(s.extra_at("quotes_direct").tp == 1);
    CHECK(s.extra_at("quotes_indirect").fn == 1);
    std::string table = ev::format_table(s, false);
    CHECK(table.find("events by type (not in score.py)") != std::string::npos);
    CHECK(table.find("disaster_args") != std::string::npos);
    CHECK(ev::format_json(s).find("\"events_by_type\"") != std::string::npos);
    // award and quote events only: no extra block, score.py's table exactly
    ev::Scores plain = score(perfect_doc());
    CHECK(ev::format_table(plain, false).find("events by type") == std::string::npos);
    // a typed gold event must have args
    Json bad = gold_record();
    bad["gold"]["events"].push_back(Json::parse(R"({"type": "disaster", "trigger": "banjir"})"));
    CHECK(ev::validate_gold(bad).find("disaster without an \"args\" object") != std::string::npos);
}
