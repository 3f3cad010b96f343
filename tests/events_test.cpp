// Events: award and quote events on sentences written for these tests, the
// user-defined event type of examples/grammars/inauguration.grammar from the
// library and from the CLI, and the offsets of every argument.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "warta/warta.hpp"

namespace {

const warta::Event* find_event(const warta::Document& d, std::string_view type, std::string_view trigger) {
    for (const auto& e : d.events)
        if (e.type == type && e.trigger.text == trigger) return &e;
    return nullptr;
}

std::string arg_text(const warta::Event& e, std::string_view role) {
    for (const auto& a : e.args)
        if (a.role == role) return a.span.text;
    return "";
}

std::string arg_value(const warta::Event& e, std::string_view role) {
    for (const auto& a : e.args)
        if (a.role == role) {
            if (const auto* s = std::get_if<std::string>(&a.value)) return *s;
            if (const auto* i = std::get_if<std::int64_t>(&a.value)) return std::to_string(*i);
            if (const auto* x = std::get_if<double>(&a.value)) return std::to_string(*x);
            return a.span.text;
        }
    return "";
}

void check_offsets(const std::string& text, const warta::Document& d) {
    for (const auto& e : d.events) {
        CHECK(text.substr(e.trigger.start, e.trigger.end - e.trigger.start) == e.trigger.text);
        for (const auto& a : e.args) CHECK(text.substr(a.span.start, a.span.end - a.span.start) == a.span.text);
    }
}

}  // namespace

TEST_CASE("events: an award with recipient, count, giver, place and date") {
    const warta::Extractor ex;
    warta::DocumentOptions opt;
    opt.reference_date = "2023-06-14";
    const std::string text =
        "Pemerintah Kabupaten Klaten meraih 5 penghargaan dari Kementerian Kesehatan di Jakarta, Selasa (13/6/2023).";
    warta::Document d = ex.extract(text, opt);
    const warta::Event* e = find_event(d, "award", "meraih");
    REQUIRE(e);
    CHECK(arg_value(*e, "recipient") == "Pemerintah Kabupaten Klaten");
    CHECK(arg_value(*e, "count") == "5");
    CHECK(arg_value(*e, "giver") == "Kementerian Kesehatan");
    CHECK(arg_text(*e, "location") == "Jakarta");
    CHECK(arg_value(*e, "date") == "2023-06-13");
    check_offsets(text, d);
}

TEST_CASE("events: a pronoun subject and an omitted one take the last recipient") {
    const warta::Extractor ex;
    const std::string text =
        "Pemkot Madiun menerima penghargaan Adipura tahun ini. Selain itu, pihaknya juga meraih predikat Kota Sehat dari "
        "Kementerian Kesehatan.";
    warta::Document d = ex.extract(text);
    const warta::Event* e = find_event(d, "award", "meraih");
    REQUIRE(e);
    CHECK(arg_value(*e, "recipient") == "Pemerintah Kota Madiun");
    CHECK(arg_text(*e, "recipient") == "pihaknya");
    check_offsets(text, d);
}

TEST_CASE("events: no award where the verb takes something else, none inside a quotation") {
    const warta::Extractor ex;
    warta::Document d = ex.extract("Warga menerima bantuan beras dari Dinas Sosial. \"Target kami meraih penghargaan Adipura,\" kata Ahmad.");
    for (const auto& e : d.events) CHECK(e.type != "award");
}

TEST_CASE("events: quotes with cues after, before and for the last speaker") {
    const warta::Extractor ex;
    const std::string text =
        "Kepala Dinas Kesehatan Kota Bogor Sri Nowo Retno mengatakan, \"Vaksinasi dilanjutkan di semua puskesmas mulai pekan depan.\"\n"
        "\"Kami siapkan tenaga tambahan untuk sekolah,\" katanya.\n"
        "\"Orang tua tidak perlu khawatir dengan efek sampingnya,\" ujar Wali Kota Bogor Bima Arya.";
    warta::Document d = ex.extract(text);
    int quotes = 0;
    for (const auto& e : d.events) {
        if (e.type != "quote") continue;
        ++quotes;
        std::string content = arg_text(e, "content");
        if (content.rfind("Vaksinasi", 0) == 0 || content.rfind("Kami siapkan", 0) == 0)
            CHECK(arg_value(e, "speaker") == "Sri Nowo Retno");
        if (content.rfind("Orang tua", 0) == 0) CHECK(arg_value(e, "speaker") == "Bima Arya");
    }
    CHECK(quotes == 3);
    check_offsets(text, d);
}

TEST_CASE("events: a user-defined event type from a grammar file (library and CLI)") {
    const std::string grammar = WARTA_SOURCE_DIR "/examples/grammars/inauguration.grammar";
    const std::string text = "Gubernur Jawa Barat Ridwan Kamil meresmikan Pasar Cigasong di Kabupaten Majalengka, Senin (6/3/2023).";

    warta::Extractor ex({.grammar_files = {grammar}});
    CHECK(ex.check_examples("inauguration.grammar").empty());
    warta::Document d = ex.extract(text);
    const warta::Event* e = find_event(d, "inauguration", "meresmikan");
    REQUIRE(e);
    CHECK(arg_value(*e, "official") == "Ridwan Kamil");
    CHECK(arg_text(*e, "object") == "Pasar Cigasong");
    CHECK(arg_text(*e, "location") == "Kabupaten Majalengka");
    CHECK(arg_value(*e, "date") == "2023-03-06");
    check_offsets(text, d);

    // the built-in extractor knows no such type
    const warta::Extractor plain;
    CHECK_FALSE(find_event(plain.extract(text), "inauguration", "meresmikan"));

    // the CLI, with --grammar
    namespace fs = std::filesystem;
    fs::path in = fs::temp_directory_path() / ("warta-events-test-" + std::to_string(std::rand()) + ".txt");
    std::ofstream(in) << text;
    std::string cmd = std::string(WARTA_EXTRACT_BIN) + " --quiet --compact --grammar " + grammar + " " + in.string();
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        CHECK(pclose(p) == 0);
    }
    fs::remove(in);
    auto j = nlohmann::json::parse(out);
    bool found = false;
    for (const auto& ev : j.at("events"))
        if (ev.at("type") == "inauguration" && ev.at("trigger").at("text") == "meresmikan") found = true;
    CHECK(found);
}
