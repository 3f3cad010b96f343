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

std::vector<const warta::Event*> events_of(const warta::Document& d, std::string_view type) {
    std::vector<const warta::Event*> out;
    for (const auto& e : d.events)
        if (e.type == type) out.push_back(&e);
    return out;
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

TEST_CASE("events: a relative clause after the occasion completes the award (… pada ajang Penghargaan X yang diserahkan …)") {
    const warta::Extractor ex;
    warta::DocumentOptions opt;
    opt.reference_date = "2026-11-19";
    const std::string text =
        "Pemerintah Kota Kediri meraih penghargaan Adipura Kencana pada ajang Penghargaan Lingkungan Hidup 2026 yang "
        "diserahkan Menteri Lingkungan Hidup Hanif Faisol Nurofiq di Jakarta, Rabu (18/11/2026).";
    warta::Document d = ex.extract(text, opt);
    CHECK(events_of(d, "award").size() == 1);
    const warta::Event* e = find_event(d, "award", "meraih");
    REQUIRE(e);
    CHECK(arg_value(*e, "giver") == "Hanif Faisol Nurofiq");
    CHECK(arg_text(*e, "location") == "Jakarta");
    CHECK(arg_value(*e, "date") == "2026-11-18");
    check_offsets(text, d);
}

TEST_CASE("events: a disaster told again by an official, an earlier one told for comparison, a share of a statistic") {
    const warta::Extractor ex;
    warta::DocumentOptions opt;
    opt.reference_date = "2026-11-23";
    const std::string text =
        "Tanah longsor menerjang Dusun Sijeruk, Kabupaten Banjarnegara, Minggu (22/11/2026) dini hari. Enam warga "
        "meninggal dunia. Kepala BPBD mengatakan longsor terjadi sekitar pukul 02.15 WIB. Longsor serupa pernah "
        "terjadi di Kabupaten Banjarnegara pada Desember 2021. Sebanyak 14 orang mengalami luka-luka. Sepanjang "
        "2026 tercatat 1.384 kejadian bencana di Indonesia, dan 60 persen di antaranya berupa banjir dan tanah longsor.";
    warta::Document d = ex.extract(text, opt);
    const auto dis = events_of(d, "disaster");
    REQUIRE(dis.size() == 2);  // the landslide, and the one of 2021; none for the statistic
    CHECK(arg_value(*dis[0], "date") == "2026-11-22");
    CHECK(arg_value(*dis[0], "dead") == "6");
    CHECK(arg_value(*dis[0], "injured") == "14");  // not the 2021 landslide's
    CHECK(arg_value(*dis[1], "date") == "2021-12");
    CHECK(arg_value(*dis[1], "injured").empty());
    check_offsets(text, d);
}

TEST_CASE("events: an installation of several officials gives its installer, place and date to the appointments listed after it") {
    const warta::Extractor ex;
    warta::DocumentOptions opt;
    opt.reference_date = "2026-11-07";
    const std::string text =
        "Gubernur Sulawesi Selatan Andi Baso Mappatoba melantik 11 pejabat pimpinan tinggi di Makassar, Jumat (6/11/2026). "
        "Pelantikan disaksikan ratusan aparatur. Muhammad Arsyad dilantik sebagai Kepala Dinas Pekerjaan Umum Sulsel. "
        "Gubernur juga melantik Irwan Saleh sebagai Kepala Dinas Pendidikan.";
    warta::Document d = ex.extract(text, opt);
    const auto ap = events_of(d, "appointment");
    REQUIRE(ap.size() == 2);  // the installation itself names no one: no event of its own
    for (const auto* e : ap) {
        CHECK(arg_value(*e, "appointer") == "Andi Baso Mappatoba");
        CHECK(arg_text(*e, "location") == "Makassar");
        CHECK(arg_value(*e, "date") == "2026-11-06");
    }
    CHECK(arg_value(*ap[0], "person") == "Muhammad Arsyad");
    CHECK(arg_value(*ap[1], "person") == "Irwan Saleh");
    check_offsets(text, d);
    // far from it (more than eight sentences later), an appointment keeps only its own roles
    std::string far = "Gubernur Sulawesi Selatan Andi Baso Mappatoba melantik 11 pejabat di Makassar, Jumat (6/11/2026).";
    for (int i = 0; i < 9; ++i) far += " Hujan turun sore itu.";
    far += " Muhammad Arsyad dilantik sebagai Kepala Dinas Pekerjaan Umum Sulsel.";
    d = ex.extract(far, opt);
    const warta::Event* e = find_event(d, "appointment", "dilantik");
    REQUIRE(e);
    CHECK(arg_value(*e, "appointer").empty());
}

TEST_CASE("events: a recipient with its region in apposition") {
    const warta::Extractor ex;
    warta::Document d = ex.extract("Pemerintah Kabupaten Trenggalek, Jawa Timur, meraih penghargaan Adipura dari KLHK.");
    const warta::Event* e = find_event(d, "award", "meraih");
    REQUIRE(e);
    CHECK(arg_value(*e, "recipient") == "Pemerintah Kabupaten Trenggalek");
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

// ---- appointment, disaster, court_verdict (the built-in grammars) -----------

namespace {

const warta::Event* first_of(const warta::Document& d, std::string_view type) {
    for (const auto& e : d.events)
        if (e.type == type) return &e;
    return nullptr;
}

std::size_t count_of(const warta::Document& d, std::string_view type) {
    std::size_t n = 0;
    for (const auto& e : d.events) n += e.type == type;
    return n;
}

}  // namespace

TEST_CASE("events: a disaster with its magnitude, place, date and tolls told in the next sentence") {
    const warta::Extractor ex;
    const std::string text =
        "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Senin (21/11/2022). "
        "Sebanyak 14 orang meninggal dunia dan 112 rumah rusak berat, sementara 1.300 warga dari enam desa mengungsi.";
    warta::Document d = ex.extract(text);
    REQUIRE(count_of(d, "disaster") == 1);
    const warta::Event& e = *first_of(d, "disaster");
    CHECK(e.trigger.text == "Gempa");
    CHECK(arg_value(e, "magnitude") == std::to_string(5.6));
    CHECK(arg_value(e, "location") == "Kabupaten Cianjur");
    CHECK(arg_value(e, "date") == "2022-11-21");
    CHECK(arg_value(e, "dead") == "14");
    CHECK(arg_value(e, "damaged") == "112");
    CHECK(arg_value(e, "evacuated") == "1300");  // the number with a people noun, not "enam desa"
    check_offsets(text, d);
}

TEST_CASE("events: a toll told in a quotation completes the event; the badly injured are some of the injured") {
    const warta::Extractor ex;
    warta::Document d = ex.extract(
        "Banjir merendam Kabupaten Sidoarjo, Selasa (6/2/2024). Sebanyak 40 warga luka-luka. "
        "\"Ada 1.250 rumah yang terendam. Dua belas warga luka berat,\" kata Kepala BPBD Sidoarjo Andriyanto.");
    REQUIRE(count_of(d, "disaster") == 1);
    const warta::Event& e = *first_of(d, "disaster");
    CHECK(arg_value(e, "damaged") == "1250");  // new in the quotation
    CHECK(arg_value(e, "injured") == "40");    // "luka berat" (fill-only) does not replace the injured
    // a later figure in a quotation is an update
    d = ex.extract("Gempa mengguncang Kabupaten Poso, Senin (4/3/2024). Sebanyak 31 orang luka-luka. "
                   "\"Data korban luka yang masuk ke kami sekarang 38 orang,\" ujar Yusuf.");
    REQUIRE(count_of(d, "disaster") == 1);
    CHECK(arg_value(*first_of(d, "disaster"), "injured") == "38");
    // a quotation alone makes no event
    CHECK(count_of(ex.extract("\"Kalau banjir datang, 500 rumah bisa terendam,\" kata Andriyanto."), "disaster") == 0);
}

TEST_CASE("events: no disaster without one that happened") {
    const warta::Extractor ex;
    // a toll with no disaster before it
    CHECK(count_of(ex.extract("Sebanyak 12 pasien meninggal dunia akibat demam berdarah sepanjang Januari."), "disaster") == 0);
    // a status, a risk, a plan
    CHECK(count_of(ex.extract("Pemkot Makassar memperpanjang status tanggap darurat banjir di Kota Makassar."), "disaster") == 0);
    CHECK(count_of(ex.extract("Bendungan itu akan mengurangi banjir di Kabupaten Brebes."), "disaster") == 0);
    // a disaster word with none of its roles
    CHECK(count_of(ex.extract("Warga diminta tetap tenang menghadapi banjir."), "disaster") == 0);
    // a vague amount is no figure; an aftershock keeps its magnitude, the tolls go to the quake
    warta::Document d = ex.extract(
        "Gempa bermagnitudo 5,2 mengguncang Kabupaten Seram Bagian Barat, Kamis (12/10/2023). "
        "BMKG mencatat 17 kali gempa susulan dengan kekuatan terbesar M 4,1. "
        "Ratusan rumah rusak berat dan 1.300 warga mengungsi.");
    REQUIRE(count_of(d, "disaster") == 2);
    const warta::Event& quake = *first_of(d, "disaster");
    CHECK(arg_value(quake, "evacuated") == "1300");
    CHECK(arg_text(quake, "damaged").empty());
    const warta::Event& after = d.events[d.events.size() - 1].type == "disaster" ? d.events.back() : quake;
    CHECK(arg_value(after, "magnitude") == std::to_string(4.1));
    CHECK(arg_text(after, "evacuated").empty());
}

TEST_CASE("events: court verdicts, active and passive; a demand is none") {
    const warta::Extractor ex;
    const std::string text =
        "Majelis hakim Pengadilan Negeri Medan yang diketuai Budi Santoso menjatuhkan pidana 8 tahun penjara kepada "
        "terdakwa Andi Wijaya, Selasa (5/3/2024). Andi juga dihukum membayar denda Rp200 juta subsider 3 bulan kurungan. "
        "Ia juga wajib membayar uang pengganti Rp1,2 miliar.";
    warta::Document d = ex.extract(text);
    REQUIRE(count_of(d, "court_verdict") == 1);
    const warta::Event& e = *first_of(d, "court_verdict");
    CHECK(e.trigger.text == "menjatuhkan");
    CHECK(arg_value(e, "defendant") == "Andi Wijaya");  // not the judge before the trigger
    CHECK(arg_value(e, "court") == "Pengadilan Negeri Medan");
    CHECK(arg_text(e, "sentence") == "8 tahun");
    CHECK(arg_value(e, "fine") == "200000000");       // the next sentence completes it
    CHECK(arg_value(e, "restitution") == "1200000000");
    CHECK(arg_value(e, "date") == "2024-03-05");
    check_offsets(text, d);

    warta::Document p = ex.extract("Terdakwa Rudi Hartono divonis 12 tahun penjara oleh Pengadilan Negeri Pekanbaru.");
    REQUIRE(first_of(p, "court_verdict"));
    CHECK(arg_value(*first_of(p, "court_verdict"), "defendant") == "Rudi Hartono");
    CHECK(arg_text(*first_of(p, "court_verdict"), "sentence") == "12 tahun");

    CHECK(count_of(ex.extract("Jaksa menuntut agar terdakwa Andi Wijaya dihukum 10 tahun penjara."), "court_verdict") == 0);
    CHECK(count_of(ex.extract("Jaksa meminta majelis hakim menjatuhkan pidana 10 tahun penjara kepada Andi Wijaya."), "court_verdict") == 0);
}

TEST_CASE("events: a list of appointments under one trigger (each)") {
    const warta::Extractor ex;
    const std::string text =
        "Wali Kota Malang Sutiaji melantik Rudi Hartono sebagai Kepala Dinas Perhubungan, Siti Rahma sebagai Camat Klojen, "
        "dan Agus Wibowo sebagai Camat Lowokwaru di Balai Kota Malang, Rabu (3/1/2024).";
    warta::Document d = ex.extract(text);
    REQUIRE(count_of(d, "appointment") == 3);
    std::vector<std::string> people, offices;
    for (const auto& e : d.events) {
        if (e.type != "appointment") continue;
        CHECK(e.trigger.text == "melantik");
        people.push_back(arg_value(e, "person"));
        offices.push_back(arg_text(e, "position"));
        CHECK(arg_value(e, "appointer") == "Sutiaji");       // shared by the list
        CHECK(arg_value(e, "date") == "2024-01-03");         // found after the list
        CHECK(arg_text(e, "location") == "Balai Kota Malang");
    }
    CHECK(people == std::vector<std::string>{"Rudi Hartono", "Siti Rahma", "Agus Wibowo"});
    CHECK(offices == std::vector<std::string>{"Kepala Dinas Perhubungan", "Camat Klojen", "Camat Lowokwaru"});
    check_offsets(text, d);

    // the passive list: "yang dilantik antara lain A sebagai X dan B sebagai Y"
    d = ex.extract("Pejabat yang dilantik antara lain Dewi Lestari sebagai Kepala Dinas Sosial dan Bambang Irawan sebagai Kepala Dinas Pariwisata.");
    REQUIRE(count_of(d, "appointment") == 2);
    // one person, no list: one event
    d = ex.extract("Bupati Sleman melantik Dewi Lestari sebagai Kepala Dinas Sosial dan memberi pesan kepada pejabat baru.");
    CHECK(count_of(d, "appointment") == 1);
}

TEST_CASE("events: appointments need a person, and designations an office") {
    const warta::Extractor ex;
    const std::string text =
        "Menteri Dalam Negeri Muhammad Tito Karnavian melantik Budi Santoso sebagai Penjabat Gubernur Sulawesi Tenggara "
        "di Kota Kendari, Selasa (5/9/2023).";
    warta::Document d = ex.extract(text);
    const warta::Event* e = find_event(d, "appointment", "melantik");
    REQUIRE(e);
    CHECK(arg_value(*e, "appointer") == "Muhammad Tito Karnavian");
    CHECK(arg_value(*e, "person") == "Budi Santoso");
    CHECK(arg_text(*e, "position") == "Penjabat Gubernur Sulawesi Tenggara");
    CHECK(arg_value(*e, "location") == "Kota Kendari");
    CHECK(arg_value(*e, "date") == "2023-09-05");
    check_offsets(text, d);

    CHECK(count_of(ex.extract("KPK menetapkan Budi Santoso sebagai tersangka kasus suap."), "appointment") == 0);
    CHECK(count_of(ex.extract("Budi Santoso ditetapkan sebagai tersangka oleh penyidik."), "appointment") == 0);
    warta::Document p = ex.extract("Rina Maharani ditetapkan sebagai Direktur Keuangan PT Pupuk Indonesia (Persero).");
    REQUIRE(first_of(p, "appointment"));
    CHECK(arg_value(*first_of(p, "appointment"), "person") == "Rina Maharani");
    CHECK(count_of(p, "award") == 0);  // an office is no award
}

TEST_CASE("events: reported speech is a quote with direct=false") {
    const warta::Extractor ex;
    const std::string text =
        "Kepala Pelaksana BPBD Garut, Satria Budi, mengatakan, hujan deras masih akan turun hingga pekan depan. "
        "Ia menegaskan bahwa warga di bantaran sungai harus waspada. "
        "Menurut BMKG, puncak musim hujan terjadi pada Januari. "
        "Satria juga menyampaikan apresiasi kepada relawan. "
        "Satria mengatakan, \"Kami siapkan posko di setiap kecamatan.\"";
    warta::Document d = ex.extract(text);
    std::vector<const warta::Event*> indirect, direct;
    for (const auto& e : d.events)
        if (e.type == "quote") {
            REQUIRE(e.direct.has_value());
            (*e.direct ? direct : indirect).push_back(&e);
        }
    REQUIRE(indirect.size() == 3);
    CHECK(arg_value(*indirect[0], "speaker") == "Satria Budi");
    CHECK(arg_text(*indirect[0], "content") == "hujan deras masih akan turun hingga pekan depan");
    CHECK(arg_text(*indirect[0], "cue") == "mengatakan");
    CHECK(arg_value(*indirect[1], "speaker") == "Satria Budi");  // "Ia": the last person named
    CHECK(arg_text(*indirect[1], "content") == "warga di bantaran sungai harus waspada");
    CHECK(arg_value(*indirect[2], "speaker") == "Badan Meteorologi, Klimatologi, dan Geofisika");
    REQUIRE(direct.size() == 1);  // "X mengatakan, "…"" is the direct quote, not reported speech too
    CHECK(arg_text(*direct[0], "content").rfind("Kami siapkan", 0) == 0);
    check_offsets(text, d);
    // the JSON carries "direct"
    std::string json = warta::to_json(d, {.indent = -1});
    CHECK(json.find("\"direct\":false") != std::string::npos);
    CHECK(json.find("\"direct\":true") != std::string::npos);

    // "Menurut <office with its organization>, <person>, …": the person speaks
    warta::Document m = ex.extract(
        "Menurut Kepala Dinas Kesehatan Kota Bandung, Rina Susanti, kasus demam berdarah turun pada bulan ini.");
    const warta::Event* q = first_of(m, "quote");
    REQUIRE(q);
    CHECK(arg_value(*q, "speaker") == "Rina Susanti");
    CHECK(arg_text(*q, "content") == "kasus demam berdarah turun pada bulan ini");
    check_offsets("Menurut Kepala Dinas Kesehatan Kota Bandung, Rina Susanti, kasus demam berdarah turun pada bulan ini.", m);
}

TEST_CASE("events: general rules found on blind articles (relative clauses in tolls, degrees after a name, two awards in one sentence)") {
    const warta::Extractor ex;
    // A toll whose people carry a relative clause; "dari" marks a part of a whole, not the toll.
    const std::string dis =
        "Banjir bandang melanda Kabupaten Luwu, Senin (5/5/2025). Tiga warga yang sedang berada di kebun dekat sungai "
        "saat air datang meninggal dunia. Dua pekerja yang tertimpa material bangunan di pasar mengalami luka-luka.";
    warta::Document d = ex.extract(dis);
    const warta::Event* e = first_of(d, "disaster");
    REQUIRE(e);
    CHECK(arg_value(*e, "dead") == "3");
    CHECK(arg_value(*e, "injured") == "2");
    check_offsets(dis, d);

    // Degrees written after the name do not hide the person appointed.
    for (const std::string deg : {"Sp.PD", "S.H., M.H.", "M.Sc."}) {
        const std::string t = "Rina Maharani, " + deg + ", dilantik sebagai Direktur RSUD Kota Mataram.";
        warta::Document a = ex.extract(t);
        REQUIRE(first_of(a, "appointment"));
        CHECK(arg_value(*first_of(a, "appointment"), "person") == "Rina Maharani");
    }

    // Two award verbs in one sentence are two events, each with its own award.
    const std::string two =
        "Kabupaten Banyuwangi menyabet Penghargaan Pembangunan Daerah, sedangkan Kota Malang menerima Adipura.";
    warta::Document w = ex.extract(two);
    const warta::Event* a1 = find_event(w, "award", "menyabet");
    const warta::Event* a2 = find_event(w, "award", "menerima");
    REQUIRE(a1);
    REQUIRE(a2);
    CHECK(arg_text(*a1, "award") == "Penghargaan Pembangunan Daerah");
    CHECK(arg_text(*a2, "award") == "Adipura");
    CHECK(arg_value(*a2, "recipient") == "Kota Malang");
}

TEST_CASE("events: reported speech by a person with another person in apposition after a lower-case title") {
    const warta::Extractor ex;
    for (const std::string t : {"Rudi Hartono, kuasa hukum Darmawan, menyampaikan bahwa kliennya akan mengajukan banding.",
                                "Kuasa hukum Darmawan, Rudi Hartono, menyampaikan bahwa kliennya akan mengajukan banding."}) {
        warta::Document d = ex.extract(t);
        const warta::Event* q = first_of(d, "quote");
        REQUIRE(q);
        CHECK(arg_value(*q, "speaker") == "Rudi Hartono");
        check_offsets(t, d);
    }
}

TEST_CASE("events: a defendant with an age in parentheses before a passive verdict") {
    const warta::Extractor ex;
    const std::string t = "Dalam perkara terpisah, istri terdakwa, Nurhayati (38), divonis 4 tahun 6 bulan penjara oleh PN Batam.";
    warta::Document d = ex.extract(t);
    const warta::Event* e = first_of(d, "court_verdict");
    REQUIRE(e);
    CHECK(arg_value(*e, "defendant") == "Nurhayati");
    check_offsets(t, d);
}
