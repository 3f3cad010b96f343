// Sentence splitter tests (lib/sentences.hpp).  The texts are written for
// these tests in the style of Indonesian regional news.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sentences.hpp"
#include "tokenize.hpp"

using warta::detail::Sent;
using warta::detail::Tok;
using warta::detail::Zone;

namespace {

const warta::detail::Tokenizer& tokenizer() {
    static const warta::detail::Tokenizer t;
    return t;
}

std::vector<std::string> sentences(std::string_view text, const std::vector<Zone>& zones = {}) {
    auto toks = tokenizer().tokenize(text);
    std::vector<std::string> out;
    for (const Sent& s : warta::detail::split_sentences(text, toks, zones)) out.emplace_back(text.substr(s.start, s.end - s.start));
    return out;
}

// Sentences joined with " || " for readable failures.
std::string split(std::string_view text, const std::vector<Zone>& zones = {}) {
    std::string out;
    for (const auto& s : sentences(text, zones)) {
        if (!out.empty()) out += " || ";
        out += s;
    }
    return out;
}

Zone zone_of(std::string_view text, std::string_view part, const char* kind) {
    auto p = text.find(part);
    REQUIRE(p != std::string_view::npos);
    return Zone{static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + part.size()), kind};
}

}  // namespace

TEST_CASE("sentences: full stops between sentences") {
    CHECK(split("Banjir melanda Bekasi. Warga mengungsi ke masjid.") ==
          "Banjir melanda Bekasi. || Warga mengungsi ke masjid.");
    CHECK(split("Banjir melanda Bekasi.") == "Banjir melanda Bekasi.");
    CHECK(split("Banjir melanda Bekasi") == "Banjir melanda Bekasi");
    CHECK(split("").empty());
    CHECK(split("  \n ").empty());
}

TEST_CASE("sentences: question and exclamation marks") {
    CHECK(split("Siapa yang bertanggung jawab? Polisi masih menyelidiki. Waspada banjir!") ==
          "Siapa yang bertanggung jawab? || Polisi masih menyelidiki. || Waspada banjir!");
    CHECK(split("Benarkah?! Ya.") == "Benarkah?! || Ya.");
}

TEST_CASE("sentences: a lower-case word after a full stop does not start a sentence") {
    CHECK(split("Acara dimulai pukul 09.00 dan selesai. kemudian ditutup.") ==
          "Acara dimulai pukul 09.00 dan selesai. kemudian ditutup.");
}

TEST_CASE("sentences: titles and degrees") {
    CHECK(split("Dr. H. Ahmad Fauzi, S.H., M.Si. mengatakan program itu berjalan. Ia optimistis.") ==
          "Dr. H. Ahmad Fauzi, S.H., M.Si. mengatakan program itu berjalan. || Ia optimistis.");
    CHECK(split("Kepala Dinas Prof. Ir. Bambang Sutrisno menghadiri acara itu.") ==
          "Kepala Dinas Prof. Ir. Bambang Sutrisno menghadiri acara itu.");
    CHECK(split("Surat ditandatangani Rina Wulandari, S.H. M.H. pada Senin.") ==
          "Surat ditandatangani Rina Wulandari, S.H. M.H. pada Senin.");
    // A degree at the true end of a sentence.
    CHECK(split("Hal itu disampaikan Budi Santoso, S.H. Ia juga menambahkan hal lain.") ==
          "Hal itu disampaikan Budi Santoso, S.H. || Ia juga menambahkan hal lain.");
}

TEST_CASE("sentences: initials") {
    CHECK(split("Wali Kota Tangerang Arief R. Wismansyah membuka acara. Warga antusias.") ==
          "Wali Kota Tangerang Arief R. Wismansyah membuka acara. || Warga antusias.");
    CHECK(split("A. Rahman menjadi ketua panitia.") == "A. Rahman menjadi ketua panitia.");
    CHECK(split("Pasien diberi vitamin C. Selain itu, ia diminta beristirahat.") ==
          "Pasien diberi vitamin C. || Selain itu, ia diminta beristirahat.");
}

TEST_CASE("sentences: address abbreviations") {
    CHECK(split("Kantor itu berada di Jl. Merdeka No. 12, Kec. Cibinong, Kab. Bogor. Lokasinya strategis.") ==
          "Kantor itu berada di Jl. Merdeka No. 12, Kec. Cibinong, Kab. Bogor. || Lokasinya strategis.");
}

TEST_CASE("sentences: dll. and friends end a sentence before a capital") {
    CHECK(split("Bantuan berupa beras, minyak, dll. Semua dibagikan gratis.") ==
          "Bantuan berupa beras, minyak, dll. || Semua dibagikan gratis.");
    CHECK(split("Bantuan berupa beras, minyak, dll. dibagikan gratis.") ==
          "Bantuan berupa beras, minyak, dll. dibagikan gratis.");
    CHECK(split("Penelitian oleh Sari dkk. Hasilnya dimuat jurnal.") ==
          "Penelitian oleh Sari dkk. || Hasilnya dimuat jurnal.");
}

TEST_CASE("sentences: parentheses and dates") {
    CHECK(split("Hal itu disampaikan dalam keterangan tertulis, Jumat (23/12/2022). Acara berlangsung meriah.") ==
          "Hal itu disampaikan dalam keterangan tertulis, Jumat (23/12/2022). || Acara berlangsung meriah.");
    CHECK(split("Angka itu (lihat Tabel 2. Data BPS) terus naik. Pemerintah waspada.") ==
          "Angka itu (lihat Tabel 2. Data BPS) terus naik. || Pemerintah waspada.");
    // An unclosed bracket does not protect the rest of the line.
    CHECK(split("Angka itu (lihat tabel naik. Pemerintah waspada.") ==
          "Angka itu (lihat tabel naik. || Pemerintah waspada.");
}

TEST_CASE("sentences: numbers") {
    CHECK(split("Total bantuan mencapai Rp 1.500.000. Dana itu berasal dari APBD.") ==
          "Total bantuan mencapai Rp 1.500.000. || Dana itu berasal dari APBD.");
    CHECK(split("Kegiatan dimulai pukul 14.30 WIB. Peserta hadir tepat waktu.") ==
          "Kegiatan dimulai pukul 14.30 WIB. || Peserta hadir tepat waktu.");
    CHECK(split("Jumlah peserta tahun ini 2.500. 300 di antaranya pelajar.") ==
          "Jumlah peserta tahun ini 2.500. || 300 di antaranya pelajar.");
}

TEST_CASE("sentences: a quotation goes on after a full stop") {
    CHECK(split("\"Kami siap. Semua sudah disiapkan,\" kata dia. Acara dimulai besok.") ==
          "\"Kami siap. Semua sudah disiapkan,\" kata dia. || Acara dimulai besok.");
    CHECK(split("\"Pelayanan harus terus meningkat. Itu tujuan kami.\" lanjutnya.") ==
          "\"Pelayanan harus terus meningkat. Itu tujuan kami.\" lanjutnya.");
    CHECK(split("\"Siapa yang datang?\" tanya dia.") == "\"Siapa yang datang?\" tanya dia.");
}

TEST_CASE("sentences: a closing quote goes with its sentence") {
    CHECK(split("Ia berkata, \"Kami siap.\" Setelah itu ia pergi.") ==
          "Ia berkata, \"Kami siap.\" || Setelah itu ia pergi.");
    CHECK(split("Kata Bupati. \"Kami siap,\" ujarnya.") == "Kata Bupati. || \"Kami siap,\" ujarnya.");
    auto s = sentences("Ia berkata, \"Kami siap.\"\nBerikutnya.");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "Ia berkata, \"Kami siap.\"");
}

TEST_CASE("sentences: unbalanced quotes do not swallow the paragraph") {
    // The last quote of the line has no partner: it protects nothing.
    CHECK(split("\"Kami siap,\" katanya. \"Semua sudah disiapkan. Tinggal menunggu.") ==
          "\"Kami siap,\" katanya. || \"Semua sudah disiapkan. || Tinggal menunggu.");
    // A quote left open ends at the line break.
    CHECK(split("\"Kami siap. Semua hadir.\nBaris baru dimulai.") ==
          "\"Kami siap. || Semua hadir. || Baris baru dimulai.");
}

TEST_CASE("sentences: a line break always ends a sentence") {
    CHECK(split("Penghargaan tersebut diraih tahun ini\nWali Kota mengapresiasi") ==
          "Penghargaan tersebut diraih tahun ini || Wali Kota mengapresiasi");
    CHECK(split("dana bantuan\nyang disalurkan") == "dana bantuan || yang disalurkan");
    CHECK(split("Satu.\n\nDua.") == "Satu. || Dua.");
}

TEST_CASE("sentences: ellipsis") {
    CHECK(split("Kami menunggu... Akhirnya bantuan datang.") == "Kami menunggu... || Akhirnya bantuan datang.");
    CHECK(split("Kami menunggu... dan menunggu.") == "Kami menunggu... dan menunggu.");
}

TEST_CASE("sentences: missing space after a full stop") {
    CHECK(split("Acara berjalan lancar.Selain itu, warga senang.") ==
          "Acara berjalan lancar. || Selain itu, warga senang.");
}

TEST_CASE("sentences: boilerplate zones are excluded and end sentences") {
    std::string text =
        "Warga menyambut baik program itu.\nSCROLL TO CONTINUE WITH CONTENT\nProgram berlanjut tahun depan. (abc/def)";
    std::vector<Zone> zones = {zone_of(text, "SCROLL TO CONTINUE WITH CONTENT", "scroll"),
                               zone_of(text, "(abc/def)", "editor_initials")};
    CHECK(split(text, zones) == "Warga menyambut baik program itu. || Program berlanjut tahun depan.");

    // A zone in the middle of a line cuts the sentence there.
    std::string t2 = "Bantuan disalurkan kepada ADVERTISEMENT warga terdampak.";
    CHECK(split(t2, {zone_of(t2, "ADVERTISEMENT", "advertisement")}) ==
          "Bantuan disalurkan kepada || warga terdampak.");
}

TEST_CASE("sentences: spans and token ranges") {
    std::string text = "  Banjir surut. \"Kami lega,\" kata warga.  ";
    auto toks = tokenizer().tokenize(text);
    auto s = warta::detail::split_sentences(text, toks, {});
    REQUIRE(s.size() == 2);
    CHECK(s[0].start == 2);
    CHECK(text.substr(s[0].start, s[0].end - s[0].start) == "Banjir surut.");
    CHECK(s[0].tok_begin == 0);
    CHECK(s[0].tok_end == 3);
    CHECK(s[1].tok_begin == 3);
    CHECK(s[1].tok_end == toks.size());
    CHECK(s[1].end == toks.back().end);
    CHECK(text.substr(s[1].start, s[1].end - s[1].start) == "\"Kami lega,\" kata warga.");
}

TEST_CASE("sentences: company names and Tbk.") {
    CHECK(split("Direktur Utama PT Bank Mandiri (Persero) Tbk. Darmawan Junaidi hadir.") ==
          "Direktur Utama PT Bank Mandiri (Persero) Tbk. Darmawan Junaidi hadir.");
}

TEST_CASE("sentences: a short article") {
    const std::string article =
        "Sepanjang tahun 2023, Pemerintah Kabupaten (Pemkab) Sleman meraih 31 penghargaan. Capaian itu naik "
        "dibanding tahun lalu.\n"
        "Bupati Sleman Dra. Hj. Kustini Sri Purnomo mengatakan penghargaan-penghargaan tersebut menjadi pemicu "
        "semangat aparatur. \"Penghargaan bukan tujuan utama. Yang utama adalah pelayanan bagi warga,\" katanya "
        "dalam keterangan tertulis, Rabu (27/12/2023).\n"
        "SCROLL TO CONTINUE WITH CONTENT\n"
        "Di bidang kesehatan, Pemkab Sleman meraih 9 penghargaan, antara lain dari Kementerian Kesehatan RI. "
        "Anggaran program itu mencapai Rp 2.750.000.000. Sebagian dialokasikan untuk posyandu, puskesmas, dll.\n"
        "Sementara itu, Kepala Dinas Kominfo Sleman Ir. Eka Suryo P. Wibowo, M.Si. menyebut inovasi digital ikut "
        "dinilai. Apakah target tahun depan lebih tinggi? \"Tentu. Kami akan berusaha,\" ujarnya.\n"
        "(xyz/abc)";
    std::vector<Zone> zones = {zone_of(article, "SCROLL TO CONTINUE WITH CONTENT", "scroll"),
                               zone_of(article, "(xyz/abc)", "editor_initials")};
    auto s = sentences(article, zones);
    REQUIRE(s.size() == 10);
    CHECK(s[0] == "Sepanjang tahun 2023, Pemerintah Kabupaten (Pemkab) Sleman meraih 31 penghargaan.");
    CHECK(s[1] == "Capaian itu naik dibanding tahun lalu.");
    CHECK(s[2] ==
          "Bupati Sleman Dra. Hj. Kustini Sri Purnomo mengatakan penghargaan-penghargaan tersebut menjadi pemicu "
          "semangat aparatur.");
    CHECK(s[3] ==
          "\"Penghargaan bukan tujuan utama. Yang utama adalah pelayanan bagi warga,\" katanya dalam keterangan "
          "tertulis, Rabu (27/12/2023).");
    CHECK(s[4] ==
          "Di bidang kesehatan, Pemkab Sleman meraih 9 penghargaan, antara lain dari Kementerian Kesehatan RI.");
    CHECK(s[5] == "Anggaran program itu mencapai Rp 2.750.000.000.");
    CHECK(s[6] == "Sebagian dialokasikan untuk posyandu, puskesmas, dll.");
    CHECK(s[7] ==
          "Sementara itu, Kepala Dinas Kominfo Sleman Ir. Eka Suryo P. Wibowo, M.Si. menyebut inovasi digital ikut "
          "dinilai.");
    CHECK(s[8] == "Apakah target tahun depan lebih tinggi?");
    CHECK(s[9] == "\"Tentu. Kami akan berusaha,\" ujarnya.");
}
