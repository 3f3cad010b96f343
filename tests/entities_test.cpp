// Organizations and places (issue 5): the tables load, every ministry and
// agency row of organizations.tsv resolves, and the matching rules.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "boilerplate.hpp"
#include "embedded.hpp"
#include "entities.hpp"
#include "grammar.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace {

const warta::Extractor& extractor() {
    static const warta::Extractor ex;
    return ex;
}

std::string_view embedded(std::string_view name) {
    for (const auto& f : warta::detail::embedded_files())
        if (f.name == name) return f.content;
    return {};
}

const warta::Mention* find(const warta::Document& d, std::string_view type, std::string_view text) {
    for (const auto& m : d.mentions)
        if (m.type == type && m.span.text == text) return &m;
    return nullptr;
}

std::string str(const warta::Mention* m, std::string_view field) {
    if (!m) return "<no mention>";
    const warta::Value* v = m->field(field);
    if (!v) return "<no " + std::string(field) + ">";
    if (auto* s = std::get_if<std::string>(v)) return *s;
    return "<not a string>";
}

warta::Document run(const std::string& text, const char* ref = "2023-06-15") {
    warta::DocumentOptions o;
    if (ref) o.reference_date = ref;
    return extractor().extract(text, o);
}

std::vector<std::string> split_tabs(std::string_view l) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while (true) {
        std::size_t q = l.find('\t', p);
        out.emplace_back(l.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p));
        if (q == std::string_view::npos) return out;
        p = q + 1;
    }
}

}  // namespace

TEST_CASE("entities: the embedded tables load") {
    warta::detail::EntityRecognizer r;
    auto t0 = std::chrono::steady_clock::now();
    CHECK(r.add_table("organization", "organizations.tsv", embedded("gazetteers/organizations.tsv")));
    CHECK(r.add_table("location", "locations.tsv", embedded("gazetteers/locations.tsv")));
    CHECK(r.add_table("location-alias", "location-aliases.tsv", embedded("gazetteers/location-aliases.tsv")));
    CHECK(r.add_table("country", "countries.tsv", embedded("gazetteers/countries.tsv")));
    CHECK(r.add_table("regional-pattern", "regional-patterns.tsv", embedded("gazetteers/regional-patterns.tsv")));
    CHECK(r.add_table("place-stopword", "place-stopwords.tsv", embedded("gazetteers/place-stopwords.tsv")));
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("entity tables loaded in " << ms << " ms (this build type)");
    CHECK(r.size() > 8000);
    CHECK_FALSE(r.add_table("person-title", "x.tsv", ""));
    CHECK_THROWS_AS(r.add_table("location", "bad.tsv", "11\tprovince\tAceh\n"), std::runtime_error);
    CHECK_THROWS_AS(r.add_table("location-alias", "bad.tsv", "Foo\t99.99\n"), std::runtime_error);
}

TEST_CASE("entities: every ministry and agency row resolves to its canonical name") {
    std::string_view tsv = embedded("gazetteers/organizations.tsv");
    REQUIRE(!tsv.empty());
    std::size_t rows = 0, p = 0;
    while (p < tsv.size()) {
        std::size_t q = tsv.find('\n', p);
        if (q == std::string_view::npos) q = tsv.size();
        std::string_view line = tsv.substr(p, q - p);
        p = q + 1;
        if (line.empty() || line[0] == '#') continue;
        auto c = split_tabs(line);
        REQUIRE(c.size() >= 6);
        const std::string& sub = c[2];
        if (sub != "ministry" && sub != "agency") continue;
        ++rows;
        // a date inside the row's period (after October in a renaming year)
        int from = c[4].empty() ? 0 : std::stoi(c[4]), to = c[5].empty() ? 0 : std::stoi(c[5]);
        int lo = from ? from : 2009, hi = to ? to : 2026;
        std::string ref;
        if (hi - lo >= 2) ref = std::to_string(lo + 1) + "-06-15";
        else if (from) ref = std::to_string(from) + "-11-15";
        else ref = std::to_string(to) + "-03-15";
        bool ambiguous = c.size() == 7 && c[6] == "1";
        std::string text = std::string("Kemarin ") + (ambiguous ? "pihak " : "para pejabat ") + c[0] + " hadir di sana.";
        warta::Document d = run(text, ref.c_str());
        const warta::Mention* m = find(d, "organization", c[0]);
        INFO("row: " << line << " | ref " << ref);
        CHECK(str(m, "canonical") == c[1]);
        CHECK(str(m, "subtype") == sub);
    }
    CHECK(rows > 600);
}

TEST_CASE("entities: canonical names of the period") {
    // Kemendikbud: Pendidikan dan Kebudayaan until 2021, then loosely for Kemendikbudristek
    auto d = run("Kemendikbud menggelar ujian.", "2016-04-04");
    CHECK(str(find(d, "organization", "Kemendikbud"), "canonical") == "Kementerian Pendidikan dan Kebudayaan");
    d = run("Kemendikbud menggelar ujian.", "2022-04-04");
    CHECK(str(find(d, "organization", "Kemendikbud"), "canonical") == "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi");
    // Kominfo before the 2024 cabinet, Komdigi after
    d = run("Kominfo dan Komdigi.", "2025-02-01");
    CHECK(str(find(d, "organization", "Komdigi"), "canonical") == "Kementerian Komunikasi dan Digital");
    // no reference date: the current name
    d = run("Kementerian Kesehatan RI menyatakan.", nullptr);
    CHECK(str(find(d, "organization", "Kementerian Kesehatan RI"), "canonical") == "Kementerian Kesehatan");
}

TEST_CASE("entities: acronym definitions and regional bodies") {
    auto d = run("Pemerintah Kota (Pemkot) Bekasi menggelar rapat. Pemkot juga mengundang Badan Pendapatan Daerah (Bapenda) Kota Bekasi. "
                 "Bapenda mencatat kenaikan.");
    auto* m = find(d, "organization", "Pemerintah Kota (Pemkot) Bekasi");
    CHECK(str(m, "canonical") == "Pemerintah Kota Bekasi");
    CHECK(str(m, "acronym") == "Pemkot");
    CHECK(str(m, "subtype") == "local_government");
    CHECK(str(find(d, "organization", "Pemkot"), "canonical") == "Pemerintah Kota Bekasi");
    CHECK(str(find(d, "organization", "Badan Pendapatan Daerah (Bapenda) Kota Bekasi"), "canonical") == "Badan Pendapatan Daerah Kota Bekasi");
    CHECK(str(find(d, "organization", "Bapenda"), "canonical") == "Badan Pendapatan Daerah Kota Bekasi");
    CHECK_FALSE(find(d, "location", "Bekasi"));  // inside the organizations

    // the short form with its place in the parentheses: a bare one later is the same body
    d = run("Hadiah itu dari Pemerintah Provinsi Nusa Tenggara Timur (Pemprov NTT) di Kupang. Dana disiapkan Pemprov tahun ini.");
    CHECK(str(find(d, "organization", "Pemerintah Provinsi Nusa Tenggara Timur (Pemprov NTT)"), "canonical") ==
          "Pemerintah Provinsi Nusa Tenggara Timur");
    CHECK(str(find(d, "organization", "Pemprov"), "canonical") == "Pemerintah Provinsi Nusa Tenggara Timur");

    // a bare Pemkot/Pemkab before any full name: the government of the article's city/regency
    d = run("Banjir melanda Kabupaten Garut. Pemkab menyiapkan posko, tetapi Pemkot belum.");
    CHECK(str(find(d, "organization", "Pemkab"), "canonical") == "Pemerintah Kabupaten Garut");
    CHECK_FALSE(find(d, "organization", "Pemkot"));  // the article names no city

    d = run("Dinkes Sulsel, BPBD Cianjur, Polda Kalteng, DPRD Jawa Tengah, Kejari Merangin dan Pemprov Jabar hadir.");
    CHECK(str(find(d, "organization", "Dinkes Sulsel"), "canonical") == "Dinas Kesehatan Provinsi Sulawesi Selatan");
    CHECK(str(find(d, "organization", "BPBD Cianjur"), "canonical") == "Badan Penanggulangan Bencana Daerah Kabupaten Cianjur");
    CHECK(str(find(d, "organization", "Polda Kalteng"), "canonical") == "Kepolisian Daerah Kalimantan Tengah");
    CHECK(str(find(d, "organization", "DPRD Jawa Tengah"), "canonical") == "Dewan Perwakilan Rakyat Daerah Provinsi Jawa Tengah");
    CHECK(str(find(d, "organization", "Kejari Merangin"), "canonical") == "Kejaksaan Negeri Merangin");
    CHECK(str(find(d, "organization", "Pemprov Jabar"), "canonical") == "Pemerintah Provinsi Jawa Barat");

    d = run("Komando Daerah Militer (Kodam) IV/Diponegoro dan Kanwil Kemenag Jawa Timur serta RSUD dr. Iskak.");
    CHECK(str(find(d, "organization", "Komando Daerah Militer (Kodam) IV/Diponegoro"), "canonical") == "Komando Daerah Militer IV/Diponegoro");
    CHECK(str(find(d, "organization", "Kanwil Kemenag Jawa Timur"), "canonical") == "Kantor Wilayah Kementerian Agama Provinsi Jawa Timur");
    CHECK(str(find(d, "organization", "RSUD dr. Iskak"), "canonical") == "Rumah Sakit Umum Daerah dr. Iskak");

    // a body not in the gazetteer, defined in the text
    d = run("Lembaga Penjamin Mutu Pendidikan (LPMP) menilai sekolah. LPMP menemukan masalah.");
    CHECK(str(find(d, "organization", "Lembaga Penjamin Mutu Pendidikan (LPMP)"), "canonical") == "Lembaga Penjamin Mutu Pendidikan");
    CHECK(str(find(d, "organization", "LPMP"), "canonical") == "Lembaga Penjamin Mutu Pendidikan");

    // a company named with PT, later without it (two to four words)
    d = run("PT Tirta Borneo Lestari meraih PROPER Emas. Adapun Tirta Borneo Lestari juga menerima penghargaan lain.");
    CHECK(str(find(d, "organization", "Tirta Borneo Lestari"), "canonical") == "PT Tirta Borneo Lestari");
    CHECK(str(find(d, "organization", "Tirta Borneo Lestari"), "subtype") == "company");
    d = run("Direktur PT Jaya Abadi hadir. Jaya datang terlambat.");  // one word is too little to link
    CHECK_FALSE(find(d, "organization", "Jaya"));
}

TEST_CASE("entities: a court named after a seat the tables do not know") {
    auto d = run("Majelis hakim Pengadilan Negeri (PN) Bale Bandung menjatuhkan vonis.");
    const warta::Mention* m = find(d, "organization", "Pengadilan Negeri (PN) Bale Bandung");
    CHECK(str(m, "canonical") == "Pengadilan Negeri Bale Bandung");
    CHECK(str(m, "subtype") == "court");
}

TEST_CASE("entities: schools by level and number") {
    auto d = run("SMA Negeri 1 Selong menerima penghargaan. Siswa SMPN 2 Yogyakarta dan MTs Negeri 3 Bantul hadir.");
    CHECK(str(find(d, "organization", "SMA Negeri 1 Selong"), "canonical") == "SMA Negeri 1 Selong");
    CHECK(str(find(d, "organization", "SMPN 2 Yogyakarta"), "subtype") == "other");
    CHECK(find(d, "organization", "MTs Negeri 3 Bantul"));
    CHECK_FALSE(find(d, "location", "Selong"));
    d = run("Para siswa SMA berkumpul di lapangan.");  // a level without a number is no school name
    CHECK_FALSE(find(d, "organization", "SMA"));
    d = run("Olimpiade Sains Nasional jenjang SMA 2026 ditutup di Kota Batam.");  // four digits: a year
    CHECK_FALSE(find(d, "organization", "SMA 2026"));
}

TEST_CASE("entities: directorates-general, Puskesmas X, Forkopimda with its region (seventh blind set)") {
    auto d = run("Patroli bersama Bea Cukai digelar. Korban dirawat di Puskesmas Pandanarum. Forkopimda Sulsel hadir. "
                 "Warga menunggu kajian Badan Geologi.");
    CHECK(str(find(d, "organization", "Bea Cukai"), "canonical") == "Direktorat Jenderal Bea dan Cukai");
    CHECK(str(find(d, "organization", "Puskesmas Pandanarum"), "canonical") == "Pusat Kesehatan Masyarakat Pandanarum");
    CHECK(str(find(d, "organization", "Forkopimda Sulsel"), "canonical") ==
          "Forum Koordinasi Pimpinan Daerah Provinsi Sulawesi Selatan");
    CHECK(find(d, "organization", "Badan Geologi"));
    CHECK_FALSE(find(d, "location", "Pandanarum"));
}

TEST_CASE("entities: a venue after an office ends before its holder's name") {
    auto d = run("General Manager Bandara Sentani Yohanes Mambrasar mengatakan, penerbangan normal.");
    CHECK_FALSE(find(d, "location", "Bandara Sentani Yohanes Mambrasar"));
    CHECK(str(find(d, "person", "Yohanes Mambrasar"), "name") == "Yohanes Mambrasar");
    d = run("Penonton memadati Stadion Gelora Bung Tomo di Surabaya.");  // no office before: the whole name
    CHECK(find(d, "location", "Stadion Gelora Bung Tomo"));
}

TEST_CASE("entities: a company after an office ends before its holder's name when the article uses the name alone") {
    auto d = run("KPK menahan Direktur PT Rejang Bumi Konstruksi Yusuf Maulana. KPK menduga Yusuf menyerahkan uang.");
    CHECK(find(d, "organization", "PT Rejang Bumi Konstruksi"));
    CHECK(find(d, "person", "Yusuf Maulana"));
    d = run("Direktur PT Sinar Mas Agro Resources hadir dalam rapat itu.");  // no name used alone: the whole run
    CHECK(find(d, "organization", "PT Sinar Mas Agro Resources"));
}

TEST_CASE("entities: a dateline names a town, in the gazetteer or not") {
    auto d = run("Muara Teweh (ANTARA) - Banjir merendam ratusan rumah.");
    CHECK(str(find(d, "location", "Muara Teweh"), "subtype") == "town");
    d = run("TRIBUNKALTIM.CO, TANA PASER - Kota Samarinda meraih gelar juara umum.");
    CHECK(find(d, "location", "TANA PASER"));
    d = run("TANA PASER, KOMPAS.com - Warga berkumpul.");
    CHECK(find(d, "location", "TANA PASER"));
    // not a dateline: no outlet after the words
    d = run("Sumber Rejeki (toko bangunan) - begitu namanya - tutup.");
    CHECK_FALSE(find(d, "location", "Sumber Rejeki"));
}

TEST_CASE("entities: a place after dan ends an organization's run") {
    auto d = run("Empat unit kerja, termasuk RSUD Beriman dan Kecamatan Balikpapan Selatan, diusulkan.");
    CHECK(find(d, "location", "Kecamatan Balikpapan Selatan"));
    CHECK_FALSE(find(d, "organization", "RSUD Beriman dan Kecamatan Balikpapan Selatan"));
    d = run("Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten Sleman menggelar rapat.");
    for (const auto& m : d.mentions) CHECK(m.span.text != "Kabupaten Sleman");  // one organization
}

TEST_CASE("entities: a body's regional office, and a court's one-word seat") {
    auto d = run("Hal itu diungkap Badan Pengawasan Keuangan dan Pembangunan (BPKP) Perwakilan Jawa Tengah kemarin.");
    CHECK(str(find(d, "organization", "Badan Pengawasan Keuangan dan Pembangunan (BPKP) Perwakilan Jawa Tengah"), "canonical") ==
          "Badan Pengawasan Keuangan dan Pembangunan Perwakilan Provinsi Jawa Tengah");
    d = run("Majelis hakim Pengadilan Negeri (PN) Sampit menjatuhkan vonis.");
    CHECK(str(find(d, "organization", "Pengadilan Negeri (PN) Sampit"), "canonical") == "Pengadilan Negeri Sampit");
    d = run("Berkas dikirim ke Pengadilan Negeri (PN) Kamis lalu.");  // a weekday is no seat
    CHECK(find(d, "organization", "Pengadilan Negeri (PN)"));
}

TEST_CASE("entities: where an athlete comes from is a place, before the name") {
    auto d = run("Di cabang renang, perenang Surabaya Adinda Larasati dinobatkan sebagai atlet terbaik.");
    CHECK(find(d, "location", "Surabaya"));
    CHECK(find(d, "person", "Adinda Larasati"));
    d = run("Emas itu disumbang perenang Samarinda, Aulia Rahmadani.");
    CHECK(find(d, "location", "Samarinda"));
    d = run("Wali Kota Bogor Bima Arya hadir.");  // an office's place stays in the title
    for (const auto& m : d.mentions) CHECK(m.type != "location");
}

TEST_CASE("entities: two venues joined by dan are two places") {
    auto d = run("Arus mudik padat di Jalan Tol Trans Jawa dan Jalan Lintas Pantura sejak pagi.");
    CHECK(find(d, "location", "Jalan Tol Trans Jawa"));
    CHECK(find(d, "location", "Jalan Lintas Pantura"));
    CHECK_FALSE(find(d, "location", "Jalan Tol Trans Jawa dan Jalan Lintas Pantura"));
    d = run("Wisuda digelar di Auditorium Universitas Gadjah Mada, Yogyakarta.");
    CHECK(find(d, "location", "Auditorium Universitas Gadjah Mada"));
    // "dan" inside one venue name, no venue word after it, stays one place
    d = run("Pameran berlangsung di Plaza Senayan dan sekitarnya.");
    CHECK(find(d, "location", "Plaza Senayan"));
}

TEST_CASE("entities: titles, ambiguity and case") {
    auto d = run("Menteri Kesehatan hadir. Hakim itu hadir. Warga bangga dengan kemandirian yang mandiri. MA hadir.");
    for (const auto& m : d.mentions) CHECK(m.type != "organization");
    d = run("Gugatan itu diajukan ke MK pekan lalu.");
    CHECK(str(find(d, "organization", "MK"), "canonical") == "Mahkamah Konstitusi");
    d = run("KEMENTERIAN KESEHATAN mengumumkan.");
    CHECK(str(find(d, "organization", "KEMENTERIAN KESEHATAN"), "canonical") == "Kementerian Kesehatan");
}

TEST_CASE("entities: places") {
    auto d = run("JAKARTA, KOMPAS.com - Banjir melanda Kota Tangerang, Kabupaten Tangerang, Kab. Bogor dan Provinsi Banten.");
    CHECK(str(find(d, "location", "JAKARTA"), "subtype") == "province");
    CHECK(str(find(d, "location", "Kota Tangerang"), "code") == "36.71");
    CHECK(str(find(d, "location", "Kabupaten Tangerang"), "code") == "36.03");
    CHECK(str(find(d, "location", "Kab. Bogor"), "subtype") == "regency");
    CHECK(str(find(d, "location", "Provinsi Banten"), "code") == "36");
    CHECK_FALSE(find(d, "organization", "KOMPAS.com"));

    // bare name: the city by default, the regency when the article writes Kabupaten X
    d = run("Warga Tangerang mengungsi.");
    CHECK(str(find(d, "location", "Tangerang"), "subtype") == "city");
    d = run("Hujan di Kabupaten Malang. Warga Malang mengungsi.");
    CHECK(str(find(d, "location", "Malang"), "subtype") == "regency");

    // villages and districts
    d = run("Longsor di Desa Sukamulya, Kecamatan Cugenang, Kabupaten Cianjur. Warga Sukamulya mengungsi ke Cugenang.");
    CHECK(str(find(d, "location", "Desa Sukamulya"), "subtype") == "village");
    CHECK(str(find(d, "location", "Kecamatan Cugenang"), "subtype") == "district");
    CHECK(find(d, "location", "Sukamulya"));
    CHECK(find(d, "location", "Cugenang"));

    // countries, foreign cities, venues
    d = run("Jemaah terbang dari Jeddah ke Arab Saudi lalu ke Stadion Gelora Bandung Lautan Api (GBLA).");
    CHECK(str(find(d, "location", "Jeddah"), "subtype") == "foreign_city");
    CHECK(str(find(d, "location", "Arab Saudi"), "subtype") == "country");
    CHECK(find(d, "location", "Stadion Gelora Bandung Lautan Api (GBLA)"));

    // common words: lower case never, a sentence's first word not
    d = run("Batu itu besar. Harga di pasar medan naik. Malang nasib warga itu.");
    for (const auto& m : d.mentions) CHECK(m.type != "location");
    // an office title's place; a person's name
    d = run("Wali Kota Bogor Bima Arya hadir.");
    for (const auto& m : d.mentions) CHECK(m.type != "location");
    // a compound of two names
    d = run("Penerbangan Kuala Lumpur-Surabaya dibuka.");
    CHECK(find(d, "location", "Kuala Lumpur"));
    CHECK(find(d, "location", "Surabaya"));
}

TEST_CASE("entities: no overlaps between entities; ids in document order") {
    auto d = run("Pemerintah Kabupaten (Pemkab) Malang dan Kodam V/Brawijaya membantu warga Kota Malang, Jawa Timur, Senin (5/12/2022).");
    const warta::Mention* prev = nullptr;
    std::size_t n = 0;
    for (const auto& m : d.mentions) {
        CHECK(m.id == "m" + std::to_string(++n));
        if (prev) CHECK((prev->span.start < m.span.start || (prev->span.start == m.span.start && prev->span.end >= m.span.end)));
        prev = &m;
    }
    std::vector<const warta::Mention*> ents;
    for (const auto& m : d.mentions)
        if (m.type == "organization" || m.type == "location") ents.push_back(&m);
    for (std::size_t a = 0; a + 1 < ents.size(); ++a) CHECK(ents[a]->span.end <= ents[a + 1]->span.start);
    CHECK(find(d, "organization", "Kodam V/Brawijaya"));
    CHECK(find(d, "ordinal", "V"));  // a separate layer may overlap
}

TEST_CASE("entities: Kali (a river) after a lower-case word, Gelora (a stadium) are venue words") {
    auto d = run("Banjir dari luapan Kali Pepe merendam rumah warga.");
    CHECK(find(d, "location", "Kali Pepe"));
    d = run("Final digelar di Gelora Bung Karno, Jakarta.");
    CHECK(find(d, "location", "Gelora Bung Karno"));
    d = run("Kali Ini Giliran Warga Bogor Terendam");  // a headline: "this time"
    CHECK_FALSE(find(d, "location", "Kali Ini Giliran Warga Bogor Terendam"));
    d = run("Ia sudah Tiga Kali Juara Nasional.");
    CHECK_FALSE(find(d, "location", "Kali Juara Nasional"));
}

TEST_CASE("entities: regency short forms news writes (Sidrap, Halsel, Lotim)") {
    auto d = run("Pemerintah Kabupaten Sidrap menyalurkan bantuan ke warga Halsel dan Lotim.");
    CHECK(str(find(d, "organization", "Pemerintah Kabupaten Sidrap"), "canonical") == "Pemerintah Kabupaten Sidenreng Rappang");
    CHECK(str(find(d, "location", "Halsel"), "canonical") == "Kabupaten Halmahera Selatan");
    CHECK(str(find(d, "location", "Lotim"), "canonical") == "Kabupaten Lombok Timur");
}

TEST_CASE("entities: passing over tokens where no recogniser can start a name changes nothing") {
    // every corpus text, and a few made to reach the rarer paths, with the skip on and off
    std::vector<std::string> texts = {
        "PALANGKA RAYA (ANTARA) - Warga Palangkaraya dan Lubuklinggau datang ke Kecamatan Sukamaju.",
        "TRIBUNKALTIM.CO, TANA PASER - Badan Pusat Statistik (BPS) Kalimantan Timur mencatat. BPS menyebut.",
        "Kepala Desa Lerep Sumariyadi, PT Tirta Borneo Lestari dan Tirta Borneo Lestari di Jalan Ahmad Yani.",
        "SMA Negeri 1 Selong, Komisi II DPR, Pemkot Bima setempat, Dinas Kesehatan setempat dan Pengadilan Negeri (PN) Bale Bandung.",
    };
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(WARTA_SOURCE_DIR) / "corpus")) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string j = ss.str();
        std::size_t p = j.find("\"text\": \"");
        if (p == std::string::npos) continue;
        std::string t;  // the string, its escapes \n \" \\ undone (others kept: any text will do)
        for (p += 9; p < j.size() && j[p] != '"'; ++p) {
            if (j[p] == '\\' && p + 1 < j.size()) {
                ++p;
                t += j[p] == 'n' ? '\n' : j[p];
            } else {
                t += j[p];
            }
        }
        texts.push_back(t);
    }
    CHECK(texts.size() > 20);
    for (const auto& t : texts) {
        warta::detail::testing::set_entity_skip(false);
        const std::string all = warta::to_json(run(t));
        warta::detail::testing::set_entity_skip(true);
        const std::string skipped = warta::to_json(run(t));
        CHECK(all == skipped);
    }
}

TEST_CASE("entities: two names whose keys share a hash (a collision) are told apart") {
    // A Thue-Morse string of 1024 letters and its complement: their polynomial hashes
    // mod 2^64 are equal for any odd multiplier, so the two keys (and their prefixes)
    // share the index's hash entries; lookups must compare the keys.
    std::string s(1024, 'a'), t(1024, 'b');
    for (std::size_t k = 0; k < s.size(); ++k)
        if (__builtin_popcountll(k) & 1) std::swap(s[k], t[k]);
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    t[0] = static_cast<char>(t[0] - 'a' + 'A');
    warta::detail::EntityRecognizer r;
    CHECK(r.add_table("location", "collide.tsv", "99.01\tcity\t" + s + "\t99\n99.02\tcity\t" + t + "\t99\n"));
    CHECK(r.size() == 2);
    static const warta::detail::Tokenizer tok;
    for (const std::string* name : {&s, &t}) {
        std::string text = "Ia tinggal di " + *name + " sejak lama.";
        auto toks = tok.tokenize(text);
        auto sents = warta::detail::split_sentences(text, toks, warta::detail::find_boilerplate(text));
        auto found = r.find(text, toks, sents, std::nullopt);
        REQUIRE(found.size() == 1);
        CHECK(found[0].canonical == "Kota " + *name);
        CHECK(found[0].code == (name == &s ? "99.01" : "99.02"));
    }
}
