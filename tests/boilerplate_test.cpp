// Tests of boilerplate recognition (lib/boilerplate.cpp).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "boilerplate.hpp"
#include "normalize.hpp"

using warta::detail::find_boilerplate;
using warta::detail::Zone;

namespace {

struct Found {
    std::string text;
    std::string kind;
    bool operator==(const Found&) const = default;
};

std::vector<Found> found(std::string_view text) {
    std::vector<Found> out;
    for (const Zone& z : find_boilerplate(text)) out.push_back({std::string(text.substr(z.start, z.end - z.start)), z.kind});
    return out;
}

/// The kind of a one-line text, or "" when it is content.
std::string kind_of(std::string_view line) {
    std::vector<Zone> z = find_boilerplate(line);
    if (z.empty()) return "";
    CHECK(z.size() == 1);
    CHECK(z[0].start == 0);
    CHECK(z[0].end == line.size());
    return z[0].kind;
}

void check_sorted_disjoint(std::string_view text, const std::vector<Zone>& zones) {
    for (std::size_t i = 0; i < zones.size(); ++i) {
        CHECK(zones[i].start < zones[i].end);
        CHECK(zones[i].end <= text.size());
        if (i > 0) CHECK(zones[i - 1].end <= zones[i].start);
        const std::string_view s = text.substr(zones[i].start, zones[i].end - zones[i].start);
        CHECK(s.find('\n') == std::string_view::npos);
        CHECK(s.front() != ' ');
        CHECK(s.back() != ' ');
    }
}

}  // namespace

TEST_CASE("boilerplate: empty text and plain article text have none") {
    CHECK(find_boilerplate("").empty());
    CHECK(find_boilerplate("\n\n  \n").empty());
    CHECK(find_boilerplate("Pemkot Tangerang meraih 48 penghargaan sepanjang tahun 2022.\n"
                           "Penghargaan itu diterima pada Jumat (23/12/2022).")
              .empty());
}

TEST_CASE("boilerplate: scroll prompt line in the middle; zone excludes the newline") {
    const std::string t = "Paragraf satu.\nSCROLL TO CONTINUE WITH CONTENT\nParagraf dua.";
    std::vector<Zone> z = find_boilerplate(t);
    REQUIRE(z.size() == 1);
    CHECK(z[0].kind == "scroll");
    CHECK(z[0].start == 15);
    CHECK(z[0].end == 15 + std::string_view("SCROLL TO CONTINUE WITH CONTENT").size());
    CHECK(kind_of("Scroll to continue with content") == "scroll");
}

TEST_CASE("boilerplate: advertisement lines") {
    CHECK(kind_of("ADVERTISEMENT") == "advertisement");
    CHECK(kind_of("Advertisement") == "advertisement");
    CHECK(kind_of("Iklan") == "advertisement");
    CHECK(kind_of("ADVERTISEMENT - SCROLL TO RESUME CONTENT") == "advertisement");
    CHECK(kind_of("ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT") == "advertisement");
}

TEST_CASE("boilerplate: surrounding spaces are not part of the zone") {
    const std::string t = "Isi.\n   Advertisement  \nIsi lagi.";
    CHECK(found(t) == std::vector<Found>{{"Advertisement", "advertisement"}});
    check_sorted_disjoint(t, find_boilerplate(t));
}

TEST_CASE("boilerplate: read-also lines in their spellings") {
    CHECK(kind_of("Baca juga: Pemkot Raih Penghargaan") == "read_also");
    CHECK(kind_of("Baca Juga : Wali Kota Resmikan Taman") == "read_also");
    CHECK(kind_of("BACA JUGA: Banjir di Ciledug") == "read_also");
    CHECK(kind_of("Lihat juga: Daftar Penerima") == "read_also");
    CHECK(kind_of("Simak juga: Ini Alasannya") == "read_also");
    CHECK(kind_of("[Baca juga: Berita Lain]") == "read_also");
    CHECK(kind_of("Baca juga:") == "read_also");
}

TEST_CASE("boilerplate: video and embed lines") {
    CHECK(kind_of("Simak video \"Penghargaan untuk Kota Tangerang\"") == "video");
    CHECK(kind_of("Simak Video: Momen Penyerahan Piala") == "video");
    CHECK(kind_of("Tonton video lainnya di sini") == "video");
    CHECK(kind_of("[Gambas:Video CNN]") == "video");
    CHECK(kind_of("[Gambas:Instagram]") == "embed");
}

TEST_CASE("boilerplate: republication, update and Google News lines") {
    CHECK(kind_of("Artikel ini telah tayang di Kompas.com dengan judul \"Pemkot Raih 48 Penghargaan\"") == "credit");
    CHECK(kind_of("Dapatkan update berita pilihan dan breaking news setiap hari") == "promo");
    CHECK(kind_of("Ikuti berita terkini dari kami di Google News") == "promo");
}

TEST_CASE("boilerplate: bylines, credits, captions and copyright") {
    CHECK(kind_of("Penulis: Siti Rahma") == "byline");
    CHECK(kind_of("Pewarta: Budi Santoso") == "byline");
    CHECK(kind_of("Editor: Andi") == "byline");
    CHECK(kind_of("Reporter: Dewi | Editor: Joko") == "byline");
    CHECK(kind_of("Penyunting: Rina") == "byline");
    CHECK(kind_of("Redaktur : Hadi") == "byline");
    CHECK(kind_of("Laporan Wartawan Tribun, Ahmad") == "byline");
    CHECK(kind_of("Sumber: Antara") == "credit");
    CHECK(kind_of("Foto: Dok. Pemkot Tangerang") == "caption");
    CHECK(kind_of("Lihat Foto") == "caption");
    CHECK(kind_of("Wali Kota menerima piala di Serang (Foto: Humas Pemkot)") == "caption");
    CHECK(kind_of("Copyright \xC2\xA9 2022 Kota Tangerang") == "copyright");
    CHECK(kind_of("Copyright (c) 2022 Media") == "copyright");
    CHECK(kind_of("\xC2\xA9 2023 Berita Kota. All rights reserved") == "copyright");
}

TEST_CASE("boilerplate: editor initials on their own line") {
    CHECK(kind_of("(ncm/ega)") == "editor_initials");
    CHECK(kind_of("(ant)") == "editor_initials");
    CHECK(kind_of("(ncm/ega)(rdn)") == "editor_initials");
    CHECK(kind_of("(ant/abc) (xyz/de)") == "editor_initials");
    const std::string t = "Kalimat terakhir artikel.\n(ncm/ega)";
    CHECK(found(t) == std::vector<Found>{{"(ncm/ega)", "editor_initials"}});
}

TEST_CASE("boilerplate: upper case, capitalised and numeric parentheses are not initials") {
    CHECK(kind_of("(BKN)") == "");
    CHECK(kind_of("(Pemkot)") == "");
    CHECK(kind_of("(23/12/2022)") == "");
    CHECK(kind_of("(NCM/EGA)") == "");
    CHECK(kind_of("(a)") == "");          // too short
    CHECK(kind_of("(abcdef)") == "");     // too long
    CHECK(kind_of("(ab1/cd)") == "");
}

TEST_CASE("boilerplate: initials at the end of the last paragraph cover only the parentheses") {
    const std::string t = "Paragraf pertama.\nDemikian capaian tahun 2022. (ant/abc)";
    std::vector<Zone> z = find_boilerplate(t);
    REQUIRE(z.size() == 1);
    CHECK(z[0].kind == "editor_initials");
    CHECK(t.substr(z[0].start, z[0].end - z[0].start) == "(ant/abc)");
    CHECK(z[0].end == t.size());
    // also before trailing boilerplate lines, and with a single group after a quote
    const std::string t2 = "Isi.\n\"Kami bangga,\" katanya. (red)\nBaca juga: Lainnya\nEditor: Andi";
    CHECK(found(t2) == std::vector<Found>{{"(red)", "editor_initials"},
                                          {"Baca juga: Lainnya", "read_also"},
                                          {"Editor: Andi", "byline"}});
    check_sorted_disjoint(t2, find_boilerplate(t2));
}

TEST_CASE("boilerplate: trailing parentheses that are not initials stay content") {
    CHECK(find_boilerplate("Penghargaan dari Badan Kepegawaian Negara (BKN)").empty());
    CHECK(find_boilerplate("Acara itu digelar pada Jumat (23/12/2022)").empty());
    CHECK(find_boilerplate("Mobil melaju dengan kecepatan 60 (km/jam)").empty());  // no sentence end before
    CHECK(find_boilerplate("Kota itu disebut ramah anak (kla)").empty());
    // only the last article line is looked at
    CHECK(find_boilerplate("Sudah selesai. (ant/abc)\nParagraf berikutnya.").empty());
}

TEST_CASE("boilerplate: words like foto, editor, iklan inside content are not boilerplate") {
    CHECK(kind_of("Foto itu diunggah ke media sosial oleh warga.") == "");
    CHECK(kind_of("Editor senior itu menyebut foto: sebuah bukti.") == "");
    CHECK(kind_of("Ia bekerja sebagai editor foto di sebuah media.") == "");
    CHECK(kind_of("Iklan rokok dilarang di kota itu.") == "");
    CHECK(kind_of("Dalam video itu, warga diminta baca juga aturan baru.") == "");
    CHECK(kind_of("Pembaca diminta menyimak video tersebut.") == "");
    CHECK(kind_of("Hak cipta lagu itu dimiliki penciptanya.") == "");
    CHECK(kind_of("Berita terkait banjir itu menyebar cepat.") == "");
}

TEST_CASE("boilerplate: over-long lines starting like a byline are content") {
    std::string line = "Editor: ";
    for (int i = 0; i < 40; ++i) line += "kalimat panjang ";
    CHECK(kind_of(line) == "");
}

TEST_CASE("boilerplate: a full page has sorted, disjoint zones") {
    const std::string t =
        "Jakarta - Kota itu meraih penghargaan, Jumat (23/12/2022).\n"
        "Baca juga: Kota Lain Juga Meraih\n"
        "\"Ini hasil kerja bersama,\" kata wali kota.\n"
        "ADVERTISEMENT\n"
        "SCROLL TO CONTINUE WITH CONTENT\n"
        "Penghargaan diserahkan oleh menteri.\n"
        "Simak Video: Penyerahan\n"
        "(ncm/ega)\n";
    std::vector<Zone> z = find_boilerplate(t);
    check_sorted_disjoint(t, z);
    CHECK(found(t) == std::vector<Found>{{"Baca juga: Kota Lain Juga Meraih", "read_also"},
                                         {"ADVERTISEMENT", "advertisement"},
                                         {"SCROLL TO CONTINUE WITH CONTENT", "scroll"},
                                         {"Simak Video: Penyerahan", "video"},
                                         {"(ncm/ega)", "editor_initials"}});
}

TEST_CASE("boilerplate: works on normalised text (no-break spaces, curly quotes, CRLF)") {
    const std::string in =
        "Isi berita.\r\nBaca\xC2\xA0juga\xC2\xA0: Judul\r\nSimak video \xE2\x80\x9CJudul\xE2\x80\x9D\r\n";
    warta::detail::Normalized n = warta::detail::normalize(in);
    std::vector<Zone> z = find_boilerplate(n.text);
    REQUIRE(z.size() == 2);
    CHECK(z[0].kind == "read_also");
    CHECK(z[1].kind == "video");
    // mapped back to the original bytes
    CHECK(in.substr(n.map.orig_start(z[0].start), n.map.orig_end(z[0].end) - n.map.orig_start(z[0].start)) ==
          "Baca\xC2\xA0juga\xC2\xA0: Judul");
    CHECK(in.substr(n.map.orig_start(z[1].start), n.map.orig_end(z[1].end) - n.map.orig_start(z[1].start)) ==
          "Simak video \xE2\x80\x9CJudul\xE2\x80\x9D");
}
