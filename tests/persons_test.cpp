// Person finder tests (lib/persons.hpp).  The sentences are written for these
// tests; the names are invented or belong to public office holders.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "boilerplate.hpp"
#include "embedded.hpp"
#include "persons.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

using warta::detail::EntitySpan;
using warta::detail::PersonFinder;
using warta::detail::PersonMention;

namespace {

// Table kind of an embedded list (lists/person-titles.tsv -> person-title).
std::string kind_of(std::string_view name) {
    static const std::pair<std::string_view, std::string_view> kinds[] = {
        {"lists/person-titles.tsv", "person-title"},       {"lists/person-honorifics.tsv", "person-honorific"},
        {"lists/person-degrees.tsv", "person-degree"},     {"lists/person-ranks.tsv", "person-rank"},
        {"lists/person-cues.tsv", "person-cue"},           {"lists/person-stop.tsv", "person-stop"},
        {"lists/person-given.tsv", "person-given"}};
    for (auto [file, kind] : kinds)
        if (name == file) return std::string(kind);
    return {};
}

const PersonFinder& finder() {
    static const PersonFinder f = [] {
        PersonFinder pf;
        int n = 0;
        for (const auto& e : warta::detail::embedded_files()) {
            auto kind = kind_of(e.name);
            if (kind.empty()) continue;
            pf.add_table(kind, e.name, e.content);
            ++n;
        }
        REQUIRE(n == 7);
        return pf;
    }();
    return f;
}

struct Span {
    std::string_view text, type;
};

// Persons of `text`; `places` are the organizations and places (first occurrence of each text).
std::vector<PersonMention> persons(std::string_view text, std::vector<Span> places = {}) {
    static const warta::detail::Tokenizer tok;
    auto toks = tok.tokenize(text);
    auto zones = warta::detail::find_boilerplate(text);
    auto sents = warta::detail::split_sentences(text, toks, zones);
    std::vector<EntitySpan> spans;
    for (auto& p : places) {
        auto at = text.find(p.text);
        REQUIRE(at != std::string_view::npos);
        EntitySpan sp;
        sp.start = static_cast<std::uint32_t>(at);
        sp.end = static_cast<std::uint32_t>(at + p.text.size());
        sp.type = std::string(p.type);
        sp.canonical = std::string(p.text);
        spans.push_back(sp);
    }
    std::vector<PersonMention> out;
    finder().find(text, toks, sents, spans, out);
    return out;
}

// "text=name[title]" per mention, joined with " | ".
std::string show(std::string_view text, const std::vector<PersonMention>& ms) {
    std::string s;
    for (const auto& m : ms) {
        if (!s.empty()) s += " | ";
        s += std::string(text.substr(m.start, m.end - m.start));
        if (m.name != text.substr(m.start, m.end - m.start)) s += "=" + m.name;
        if (m.title) s += "[" + *m.title + "]";
    }
    return s;
}

std::string run(std::string_view text, std::vector<Span> places = {}) { return show(text, persons(text, std::move(places))); }

}  // namespace

TEST_CASE("persons: a name after an office, with a place or an organization in the office") {
    CHECK(run("Penghargaan itu diterima Wali Kota Tangerang Arief R Wismansyah di Jakarta.",
              {{"Tangerang", "location"}, {"Jakarta", "location"}}) ==
          "Arief R Wismansyah[Wali Kota Tangerang]");
    CHECK(run("Menteri Kesehatan Budi Gunadi Sadikin meninjau puskesmas.") ==
          "Budi Gunadi Sadikin[Menteri Kesehatan]");
    CHECK(run("Data itu disampaikan Kepala BPS Rahmat Hidayat dalam jumpa pers.") ==
          "Rahmat Hidayat[Kepala BPS]");
    CHECK(run("Kepala Dinas Perhubungan Kota Bogor Hendra Saputra mengatakan jalan ditutup.",
              {{"Kota Bogor", "location"}}) == "Hendra Saputra[Kepala Dinas Perhubungan Kota Bogor]");
    CHECK(run("Acara dibuka Plt Bupati Garut Wawan Setiadi.", {{"Garut", "location"}}) ==
          "Wawan Setiadi[Plt Bupati Garut]");
    CHECK(run("Rapat dipimpin Bendahara Umum PSSI Budi Santoso.", {{"PSSI", "organization"}}) ==
          "Budi Santoso[Bendahara Umum PSSI]");
}

TEST_CASE("persons: honorifics, degrees and ranks are not part of the name") {
    CHECK(run("Bupati Lebak Dr. H. Ahmad Fauzi, S.H., M.Si. membuka acara itu.", {{"Lebak", "location"}}) ==
          "Ahmad Fauzi[Bupati Lebak]");
    CHECK(run("Kapolda Riau Irjen Pol Bambang Irawan memimpin apel.", {{"Riau", "location"}}) ==
          "Bambang Irawan[Kapolda Riau]");
    CHECK(run("Dandim 0612/Tasikmalaya Letkol Inf Dedi Kurnia turun ke lokasi.") ==
          "Dedi Kurnia[Dandim 0612/Tasikmalaya]");
    CHECK(run("Pasien ditangani dr. Sinta Dewi, Sp.A di ruang anak.") == "Sinta Dewi");
}

TEST_CASE("persons: speech cues and later short references") {
    const std::string_view text =
        "Ketua KPU Jawa Tengah Yulianto Saputro mengatakan logistik sudah tiba. "
        "\"Semua kotak suara aman,\" kata Yulianto. Menurut Yulianto, distribusi selesai Senin.";
    CHECK(run(text, {{"KPU Jawa Tengah", "organization"}}) ==
          "Yulianto Saputro[Ketua KPU Jawa Tengah] | Yulianto=Yulianto Saputro | Yulianto=Yulianto Saputro");
    CHECK(run("\"Kami siap,\" ujar Sartono seusai rapat.") == "Sartono");
    CHECK(run("Sartono juga menambahkan bahwa stok cukup.") == "Sartono");
}

TEST_CASE("persons: a known name inside another person's title, and after a sentence's first word") {
    CHECK(run("Terdakwa Rudi Hartono divonis 12 tahun. Kuasa hukum Rudi, Septian Nugraha, menyebut kliennya menerima.") ==
          "Rudi Hartono[Terdakwa] | Rudi=Rudi Hartono | Septian Nugraha[Kuasa hukum Rudi]");
    CHECK(run("Bupati Kepahiang Syahrial Anwar ditahan. Penangkapan Syahrial merupakan yang kedua.", {{"Kepahiang", "location"}}) ==
          "Syahrial Anwar[Bupati Kepahiang] | Syahrial=Syahrial Anwar");
    // an unknown word in a title stays part of the title
    CHECK(run("Kuasa hukum Lestari, Septian Nugraha, menyebut kliennya menerima.") == "Septian Nugraha[Kuasa hukum Lestari]");
}

TEST_CASE("persons: a given name before a name used alone later stays in the name") {
    CHECK(run("Bupati Luwu Muhammad Arsyad menetapkan status darurat. \"Kami butuh alat berat,\" kata Arsyad.",
              {{"Luwu", "location"}}) == "Muhammad Arsyad[Bupati Luwu] | Arsyad=Muhammad Arsyad");
    // a place of two words still ends before the name used alone
    CHECK(run("Bupati Tanah Datar Eka Putra meninjau lokasi. \"Kami siap,\" kata Eka.", {{"Tanah Datar", "location"}}) ==
          "Eka Putra[Bupati Tanah Datar] | Eka=Eka Putra");
}

TEST_CASE("persons: a name set off by commas after a person noun that a verb takes") {
    CHECK(run("Pengadilan menghukum kontraktor pelaksana proyek, Yanuarius Zebua, empat tahun penjara.") == "Yanuarius Zebua");
    // not after a verb: a thing, not a person
    CHECK(run("Jalan menuju proyek, Bukit Indah, ditutup.") == "");
}

TEST_CASE("persons: the office after sebagai belongs to the name before it") {
    CHECK(run("Bupati melantik Muhammad Saleh Hamdi sebagai Kepala Dinas Pertanian, Nurul Hidayati sebagai Kepala Dinas Sosial, "
              "dan Rahmat Hidayat sebagai Camat Selong.", {{"Selong", "location"}}) ==
          "Muhammad Saleh Hamdi[Kepala Dinas Pertanian] | Nurul Hidayati[Kepala Dinas Sosial] | Rahmat Hidayat[Camat Selong]");
}

TEST_CASE("persons: an apposed name after a comma may start with an honorific") {
    CHECK(run("Direktur Jenderal Kesehatan Masyarakat Kemenkes, dr. Ratna Dewi Anggraini, M.Kes., mengatakan bahwa anemia tinggi.",
              {{"Kemenkes", "organization"}}) == "Ratna Dewi Anggraini[Direktur Jenderal Kesehatan Masyarakat Kemenkes]");
}

TEST_CASE("persons: a one-word organization after a speech cue is no person") {
    CHECK(run("Menurut Kemendikdasmen, sekitar 2.400 sekolah belum terjangkau.", {{"Kemendikdasmen", "organization"}}) == "");
}

TEST_CASE("persons: appositions") {
    CHECK(run("Ratih Kumala, Kepala Bidang Pencegahan Dinkes Sleman, menyebut kasus turun.",
              {{"Dinkes Sleman", "organization"}}) == "Ratih Kumala[Kepala Bidang Pencegahan Dinkes Sleman]");
    CHECK(run("Sutini, pedagang sayur di pasar itu, mengeluhkan harga cabai.") == "Sutini");
}

TEST_CASE("persons: no person where there is none") {
    CHECK(run("Pada Senin (5/12) hujan turun. Desember menjadi puncak musim hujan.") == "");
    CHECK(run("Pemerintah Kota Bekasi meminta warga waspada.", {{"Pemerintah Kota Bekasi", "organization"}}) == "");
    CHECK(run("Sementara itu, Kementerian Sosial menyalurkan bantuan.", {{"Kementerian Sosial", "organization"}}) ==
          "");
    CHECK(run("Bupati Cianjur menetapkan status tanggap darurat.", {{"Cianjur", "location"}}) == "");
    CHECK(run("Pasien dirujuk ke RSUD dr. Soetomo di Surabaya.", {{"Surabaya", "location"}}) == "");
    CHECK(run("Kemacetan terjadi di Jalan Ahmad Yani sejak pagi.") == "");
}

TEST_CASE("persons: bad table rows are reported with file, line and column") {
    PersonFinder pf;
    CHECK_THROWS_WITH_AS(pf.add_table("person-title", "t.tsv", "# c\nbupati\tplace\nkepala\tboss\n"),
                         "t.tsv:3:8: unknown class 'boss' (office|head|place|prefix|role)", warta::GrammarError);
    CHECK_THROWS_WITH_AS(pf.add_table("person-cue", "c.tsv", "kata\n"),
                         "c.tsv:1:5: missing class (before|after|adverb)", warta::GrammarError);
    CHECK_THROWS_AS(pf.add_table("person-nope", "x.tsv", ""), warta::GrammarError);
    CHECK_NOTHROW(pf.add_table("person-honorific", "h.tsv", "H.\n\n# comment\n"));
}

TEST_CASE("persons: a rank as the last token of the text (fuzzer reproducer)") {
    // A rank at the very end used to read past the token list (found by extract_fuzz).
    const warta::Extractor ex;
    const std::string text = std::string("p\xff\xff\xff\xff-\xb5\xe0" "2/2\x9ci\"naik\x89=\nMayjen", 27);
    warta::Document d = ex.extract(text);
    CHECK_FALSE(d.error);
    const warta::Document e = ex.extract("Pasukan dipimpin Mayjen");
    CHECK_FALSE(e.error);
}

TEST_CASE("persons: written degrees after a name mark a person; undotted ones alone do not") {
    CHECK(run("Kemarin Rina Maharani, Sp.PD, dilantik sebagai direktur.") == "Rina Maharani");
    CHECK(run("Rapat dipimpin Budi Hartono, S.H., M.H., di ruang sidang.") == "Budi Hartono");
    CHECK(run("Putusan itu dibatalkan Mahkamah Agung, MA menolak kasasi.") == "");
    // at the start of the text: a degree is no outlet name, the line is no dateline
    warta::Extractor ex;
    warta::Document d = ex.extract("Rina Maharani, Sp.PD, dilantik sebagai direktur rumah sakit.");
    REQUIRE(!d.mentions.empty());
    CHECK(d.mentions[0].type == "person");
    CHECK(d.mentions[0].span.text == "Rina Maharani");
}

TEST_CASE("persons: an age in parentheses after a name marks a person") {
    CHECK(run("Salah satu orangtua pasien, Euis Komalasari (34), mengaku menyesal.") == "Euis Komalasari");
    CHECK(run("Warga lain, Dadang (52), ikut antre.") == "Dadang");
    CHECK(run("Pasal 12 (3) mengatur sanksinya.") == "");
}

TEST_CASE("persons: 'warga X' with one word that is no given name is where they live") {
    CHECK(run("Guncangan membangunkan warga Labuha dan sekitarnya.") == "");
    CHECK(run("Menurut warga Budi Santoso, air naik cepat.") == "Budi Santoso[warga]");
}

TEST_CASE("persons: a name set off by commas after a phrase that opens with a person noun") {
    CHECK(run("Perenang asal Kudus, Aurelia Putri Wibowo, meraih medali emas.", {{"Kudus", "location"}}) ==
          "Aurelia Putri Wibowo");
    CHECK(run("Di Kota Kudus, Jawa Tengah, hujan turun.", {{"Kota Kudus", "location"}, {"Jawa Tengah", "location"}}) == "");
    CHECK(run("Sejak pagi, Stadion Manahan Solo, ramai.") == "");
}

TEST_CASE("persons: police unit heads (Kanit, Kasat) before a rank and a name") {
    CHECK(run("Penangkapan dipimpin Kanit Resmob Kompol Bayu Aji Nugroho.") == "Bayu Aji Nugroho[Kanit Resmob]");
}

TEST_CASE("persons: a rank written with its dots, or set off by a comma, between the office and the name") {
    CHECK(run("Kapolda Sumatera Utara Irjen Pol. Agung Setiawan Nugroho mengatakan kapal itu dicegat.") ==
          "Agung Setiawan Nugroho[Kapolda Sumatera Utara]");
    CHECK(run("Kapolres Asahan, AKBP Rudi Hartono, menjelaskan peran para kurir.") == "Rudi Hartono[Kapolres Asahan]");
    CHECK(run("Dandim 0201 Medan, Kolonel Inf Rudi Hartono, meninjau lokasi.") == "Rudi Hartono[Dandim 0201 Medan]");
    CHECK(run("Majelis beranggotakan hakim ad hoc Tri Wahyuni.") == "Tri Wahyuni[hakim ad hoc]");
}

TEST_CASE("persons: names joined by dan after the comma of a role phrase are the people, not its complement") {
    CHECK(run("Adapun dua siswa SMA Taruna Nusantara, Kevin Aditya dan Bima Satria, membawa pulang medali perak.") ==
          "Kevin Aditya[siswa SMA Taruna Nusantara] | Bima Satria");
}

TEST_CASE("persons: a time conjunction opening a sentence is no name (Usai dilantik, ...)") {
    CHECK(run("Usai dilantik, Arsyad mengatakan prioritas pertamanya adalah jalan.") == "Arsyad");
    CHECK(run("Seusai rapat, Budi Santoso menemui warga.") == "Budi Santoso");
    CHECK(run("Sesudah itu, Budi Santoso pulang.") == "Budi Santoso");
}

TEST_CASE("persons: the undotted pretest finds every dot and ASCII capital, at any length and place") {
    using warta::detail::testing::may_have_dot_or_upper;
    CHECK_FALSE(may_have_dot_or_upper(""));
    CHECK_FALSE(may_have_dot_or_upper("sh"));
    CHECK_FALSE(may_have_dot_or_upper("berturut-turut"));
    CHECK(may_have_dot_or_upper("s.h."));
    const std::string letters = "abcdefghijklmnopqrstuvwxyz-'\xc3\xa9";
    for (std::size_t n = 1; n <= 40; ++n)
        for (std::size_t at = 0; at < n; ++at)
            for (char odd : {'.', 'A', 'M', 'Z', 'a', '-', '\x80', '\xff'}) {
                std::string s;
                for (std::size_t k = 0; k < n; ++k) s += letters[(k * 7 + n) % letters.size()];
                s[at] = odd;
                const bool want = s.find_first_of(".ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos;
                if (want) CHECK(may_have_dot_or_upper(s));
                else CHECK_FALSE(may_have_dot_or_upper(s));  // (no digit or other 0x2E..0x5A byte here)
            }
}
