// Numbers: the digit and word parsers (with an ICU round trip), units, and
// the number, money, percent and ordinal mentions of whole texts.
#include <doctest/doctest.h>

#include <unicode/locid.h>
#include <unicode/rbnf.h>

#include <cstdint>
#include <random>
#include <string>
#include <variant>

#include "numbers.hpp"
#include "warta/warta.hpp"

using warta::detail::find_unit;
using warta::detail::parse_amount;
using warta::detail::parse_digits;
using warta::detail::parse_number_words;
using warta::detail::parse_roman;

namespace {

const warta::Extractor& extractor() {
    static const warta::Extractor ex;
    return ex;
}

// The mention of `type` whose text is `text`, or nullptr.
const warta::Mention* find(const warta::Document& d, std::string_view type, std::string_view text) {
    for (const auto& m : d.mentions)
        if (m.type == type && m.span.text == text) return &m;
    return nullptr;
}

double num(const warta::Mention* m, std::string_view field) {
    if (!m) return -1e300;
    const warta::Value* v = m->field(field);
    if (!v) return -2e300;
    if (auto* i = std::get_if<std::int64_t>(v)) return static_cast<double>(*i);
    if (auto* d = std::get_if<double>(v)) return *d;
    return -3e300;
}

std::string str(const warta::Mention* m, std::string_view field) {
    if (!m) return "<no mention>";
    const warta::Value* v = m->field(field);
    if (!v) return "<absent>";
    if (auto* s = std::get_if<std::string>(v)) return *s;
    if (std::holds_alternative<std::monostate>(*v)) return "<null>";
    return "<not a string>";
}

std::size_t count(const warta::Document& d, std::string_view type) {
    std::size_t n = 0;
    for (const auto& m : d.mentions) n += m.type == type;
    return n;
}

}  // namespace

TEST_CASE("numbers: digits with Indonesian separators") {
    CHECK(parse_digits("1.250") == 1250);
    CHECK(parse_digits("1.500.000") == 1500000);
    CHECK(parse_digits("2,5") == 2.5);
    CHECK(parse_digits("0,75") == 0.75);
    CHECK(parse_digits("1.000.000,00") == 1000000);
    CHECK(parse_digits("19.588,4") == doctest::Approx(19588.4));
    CHECK(parse_digits("48") == 48);
    CHECK_FALSE(parse_digits("10.00"));     // a clock time, not a number
    CHECK_FALSE(parse_digits("1.2345"));
    CHECK_FALSE(parse_digits("1,"));
    CHECK_FALSE(parse_digits(".5"));
    CHECK_FALSE(parse_digits("abc"));
    CHECK_FALSE(parse_digits("99999999999999999999999,5"));
}

TEST_CASE("numbers: number words") {
    CHECK(parse_number_words("nol") == 0);
    CHECK(parse_number_words("satu") == 1);
    CHECK(parse_number_words("sebelas") == 11);
    CHECK(parse_number_words("sembilan belas") == 19);
    CHECK(parse_number_words("dua puluh lima") == 25);
    CHECK(parse_number_words("seratus") == 100);
    CHECK(parse_number_words("seribu") == 1000);
    CHECK(parse_number_words("sejuta") == 1000000);
    CHECK(parse_number_words("seratus dua puluh lima ribu") == 125000);
    CHECK(parse_number_words("setengah") == 0.5);
    CHECK(parse_number_words("seperempat") == 0.25);
    CHECK(parse_number_words("satu setengah juta") == 1500000);
    CHECK(parse_number_words("dua koma lima") == 2.5);
    CHECK(parse_number_words("dua koma lima juta") == 2500000);
    CHECK(parse_number_words("tiga ratus ribu") == 300000);
    CHECK(parse_number_words("dua miliar tiga ratus juta") == 2300000000.0);
    CHECK_FALSE(parse_number_words("dua tiga"));
    CHECK_FALSE(parse_number_words("puluh"));
    CHECK_FALSE(parse_number_words("dua puluh sebelas"));
    CHECK_FALSE(parse_number_words("ribu juta"));
    CHECK_FALSE(parse_number_words("satu ribu juta"));
    CHECK_FALSE(parse_number_words("seratus seratus"));
    CHECK_FALSE(parse_number_words("dua koma"));
    CHECK_FALSE(parse_number_words("rumah"));
}

TEST_CASE("numbers: amounts with scale words") {
    CHECK(parse_amount("1,5 juta") == 1500000);
    CHECK(parse_amount("2 ribu") == 2000);
    CHECK(parse_amount("2,3 triliun") == doctest::Approx(2.3e12));
    CHECK(parse_amount("350 jt") == 350000000);
    CHECK(parse_amount("40 rb") == 40000);
    CHECK(parse_amount("1,2 miliar") == doctest::Approx(1.2e9));
    CHECK(parse_amount("3 milyar") == 3e9);
    CHECK(parse_amount("1,2 m", true) == doctest::Approx(1.2e9));
    CHECK(parse_amount("4 t", true) == 4e12);
    CHECK_FALSE(parse_amount("1,2 m"));  // M is a scale only after a currency
    CHECK_FALSE(parse_amount("2 juta ribu"));
    CHECK(parse_amount("Lima Ratus") == 500);  // any letter case
}

TEST_CASE("numbers: Roman numerals") {
    CHECK(parse_roman("VI") == 6);
    CHECK(parse_roman("XIV") == 14);
    CHECK(parse_roman("XXI") == 21);
    CHECK(parse_roman("XLIX") == 49);
    CHECK(parse_roman("iii") == 3);
    CHECK_FALSE(parse_roman("IIII"));
    CHECK_FALSE(parse_roman("VX"));
    CHECK_FALSE(parse_roman("MIX"));
    CHECK_FALSE(parse_roman("DI"));
    CHECK_FALSE(parse_roman(""));
}

// ICU's Indonesian spell-out writes integers correctly (ICU 72); warta must read them back.
TEST_CASE("numbers: number words read back ICU's Indonesian spell-out (property)") {
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat fmt(icu::URBNF_SPELLOUT, icu::Locale("id"), status);
    REQUIRE(U_SUCCESS(status));
    std::mt19937_64 rng(20221223);
    auto check = [&](std::int64_t n) {
        icu::UnicodeString us;
        fmt.format(static_cast<int64_t>(n), us);
        std::string words;
        us.toUTF8String(words);
        auto v = parse_number_words(words);
        INFO(n << " = \"" << words << "\"");
        REQUIRE(v.has_value());
        CHECK(static_cast<std::int64_t>(*v) == n);
    };
    for (std::int64_t n = 0; n <= 2000; ++n) check(n);
    // every magnitude equally: a random number of digits, then random digits
    std::uniform_int_distribution<int> digits(1, 12);
    for (int i = 0; i < 20000; ++i) {
        int d = digits(rng);
        std::int64_t hi = 1;
        for (int k = 0; k < d; ++k) hi *= 10;
        check(std::uniform_int_distribution<std::int64_t>(0, hi - 1)(rng));
    }
    check(1000000000000);
    check(999999999999);
}

TEST_CASE("numbers: the counted noun") {
    CHECK(find_unit("penghargaan sepanjang tahun") == "penghargaan");
    CHECK(find_unit("unit rumah bersubsidi") == "rumah");
    CHECK(find_unit("unit . sisanya") == "unit");
    CHECK(find_unit("unit kerja meraih") == "unit kerja");  // a listed noun that begins with a classifier
    CHECK(find_unit("titik panas terpantau") == "titik panas");
    CHECK(find_unit("desa wisata terbaik") == "desa wisata");
    CHECK(find_unit("kepala keluarga mengungsi") == "kepala keluarga");
    CHECK(find_unit("kabupaten / kota yang") == "kabupaten/kota");
    CHECK(find_unit("kali berturut-turut") == "kali");
    CHECK(find_unit("menjadi 84 dapil") == "dapil");
    CHECK(find_unit("dari 120 anggota dewan") == "anggota dewan");
    CHECK(find_unit("tenaga medis") == "tenaga medis");
    CHECK(find_unit(", 5 dan 3 medali") == "medali");
    CHECK(find_unit("di antaranya") == "");
    CHECK(find_unit("mengungsi ke") == "");
    CHECK(find_unit(", kata dia") == "");
    CHECK(find_unit("") == "");
}

TEST_CASE("numbers: counts with qualifier and unit") {
    auto d = extractor().extract(
        "Panitia menerima tak kurang dari 410 proposal. Sebanyak 36 proposal lolos, "
        "dan tim menilai minimal 9 kali. Hampir dua ribu warga datang, sekitar 1.400 orang di antaranya pelajar.");
    const auto* a = find(d, "number", "tak kurang dari 410");
    CHECK(num(a, "value") == 410);
    CHECK(str(a, "qualifier") == "at_least");
    CHECK(str(a, "unit") == "proposal");
    const auto* b = find(d, "number", "36");
    CHECK(num(b, "value") == 36);
    CHECK(str(b, "qualifier") == "exact");
    CHECK(str(b, "unit") == "proposal");
    CHECK(str(find(d, "number", "minimal 9"), "unit") == "kali");
    CHECK(str(find(d, "number", "minimal 9"), "qualifier") == "at_least");
    CHECK(num(find(d, "number", "Hampir dua ribu"), "value") == 2000);
    CHECK(str(find(d, "number", "Hampir dua ribu"), "qualifier") == "approx");
    CHECK(str(find(d, "number", "sekitar 1.400"), "unit") == "orang");
}

TEST_CASE("numbers: an age in parentheses after a name counts years") {
    auto d = extractor().extract(
        "Warga Kecamatan Cibalong, Euis Komalasari (34), membawa anaknya ke puskesmas. "
        "Pelari Yoga Pratama (19) memecahkan rekor. Pasal 2 ayat (1) dan sebanyak (12) tidak dihitung sebagai umur.");
    CHECK(str(find(d, "number", "34"), "unit") == "tahun");
    CHECK(str(find(d, "number", "19"), "unit") == "tahun");
    // not after a name: no age
    if (const auto* m = find(d, "number", "12")) CHECK(str(m, "unit") != "tahun");
    // after the initials of a suspect ("berinisial RS (34), AH (29)"), but not after any acronym
    d = extractor().extract("Tiga kurir berinisial RS (34), AH (29), dan MZ (41) ditangkap. Pasal BPK (34) lain soal.");
    std::size_t ages = 0, n34 = 0;
    for (const auto& m : d.mentions)
        if (m.type == "number") {
            if (m.span.text == "34") ++n34;
            if (str(&m, "unit") == "tahun") ++ages;
        }
    CHECK(n34 == 2);
    CHECK(ages == 3);
}

TEST_CASE("numbers: vague amounts and ranges") {
    auto d = extractor().extract("Puluhan ribu pelari dan belasan relawan ikut. Panitia menyiapkan 20-25 pos dan antara 4 dan 6 ambulans.");
    const auto* a = find(d, "number", "Puluhan ribu");
    REQUIRE(a);
    CHECK(std::holds_alternative<std::monostate>(*a->field("value")));
    CHECK(num(a, "min") == 20000);
    CHECK(num(a, "max") == 99999);
    CHECK(str(a, "qualifier") == "approx");
    CHECK(str(a, "unit") == "pelari");
    CHECK(num(find(d, "number", "belasan"), "min") == 11);
    CHECK(num(find(d, "number", "belasan"), "max") == 19);
    const auto* r = find(d, "number", "20-25");
    CHECK(num(r, "min") == 20);
    CHECK(num(r, "max") == 25);
    CHECK(str(r, "unit") == "pos");
    CHECK(num(find(d, "number", "antara 4 dan 6"), "max") == 6);
}

TEST_CASE("numbers: money") {
    auto d = extractor().extract(
        "Pemerintah mengucurkan Rp 3,1 triliun, sementara kontraktor menerima Rp480 juta dan Rp. 250 ribu per hari. "
        "Investor menanam US$ 1,5 miliar dan 6 juta dolar AS, ditambah 2 juta euro serta 700 ribu ringgit.");
    CHECK(num(find(d, "money", "Rp 3,1 triliun"), "value") == doctest::Approx(3.1e12));
    CHECK(str(find(d, "money", "Rp 3,1 triliun"), "currency") == "IDR");
    CHECK(num(find(d, "money", "Rp480 juta"), "value") == 480000000);
    CHECK(num(find(d, "money", "Rp. 250 ribu"), "value") == 250000);
    CHECK(str(find(d, "money", "US$ 1,5 miliar"), "currency") == "USD");
    CHECK(str(find(d, "money", "6 juta dolar AS"), "currency") == "USD");
    CHECK(str(find(d, "money", "2 juta euro"), "currency") == "EUR");
    CHECK(str(find(d, "money", "700 ribu ringgit"), "currency") == "MYR");
    CHECK(count(d, "number") == 0);  // no amount is also a count
}

TEST_CASE("numbers: percent") {
    auto d = extractor().extract("Harga naik 12,5 persen, sekitar 30 persen warga mengeluh, dan 8% lainnya diam. Persentase itu turun sepuluh persen.");
    CHECK(num(find(d, "percent", "12,5 persen"), "value") == 12.5);
    CHECK(num(find(d, "percent", "30 persen"), "value") == 30);
    CHECK(num(find(d, "percent", "8%"), "value") == 8);
    CHECK(num(find(d, "percent", "sepuluh persen"), "value") == 10);
    CHECK(count(d, "percent") == 4);
    CHECK(count(d, "number") == 0);
}

TEST_CASE("numbers: ordinals") {
    auto d = extractor().extract(
        "Peringatan HUT ke-65 itu menjadi yang kedua bagi Pelita II dan Kodam III/Siliwangi, "
        "sedangkan kota itu di posisi ketiga dan Porprov VII di urutan pertama. Ia tinggal di Desa Mix.");
    CHECK(num(find(d, "ordinal", "ke-65"), "value") == 65);
    CHECK(num(find(d, "ordinal", "kedua"), "value") == 2);
    CHECK(num(find(d, "ordinal", "II"), "value") == 2);
    CHECK(num(find(d, "ordinal", "III"), "value") == 3);
    CHECK(num(find(d, "ordinal", "ketiga"), "value") == 3);
    CHECK(num(find(d, "ordinal", "VII"), "value") == 7);
    CHECK(num(find(d, "ordinal", "pertama"), "value") == 1);
    CHECK(count(d, "ordinal") == 7);
    // "kedua kementerian" counts two ministries
    auto k = extractor().extract("Kedua kementerian itu sepakat.");
    CHECK(num(find(k, "number", "Kedua"), "value") == 2);
    CHECK(count(k, "ordinal") == 0);
}

TEST_CASE("numbers: what is not a number") {
    for (const char* text : {
             "Hal itu diatur dalam UU Nomor 23 Tahun 2014.",
             "Surat No. 12/2022 sudah terbit.",
             "Hubungi 0812-3456-7890 untuk mendaftar.",
             "Mobil B 1234 ABC disita polisi.",
             "Pesawat QZ8501 jatuh, dan pandemi Covid-19 berlalu.",
             "Persib menang 2-1 atas tamunya.",
             "Jalan itu satu-satunya akses, dan ia salah satu saksi.",
             "Rapat digelar Jumat (23/12/2022) pukul 10.00 WIB.",
             "Ia lahir pada 17 Agustus 1980.",
         }) {
        auto d = extractor().extract(text);
        INFO(text);
        CHECK(count(d, "number") == 0);
        CHECK(count(d, "money") == 0);
        CHECK(count(d, "ordinal") == 0);
    }
}

TEST_CASE("numbers: a magnitude's unit comes before it") {
    auto d = extractor().extract("Gempa bermagnitudo 5,6 mengguncang. BMKG mencatat 23 kali gempa susulan dengan magnitudo terbesar 4,7.");
    CHECK(str(find(d, "number", "5,6"), "unit") == "magnitudo");
    CHECK(str(find(d, "number", "4,7"), "unit") == "magnitudo");
    CHECK(str(find(d, "number", "23"), "unit") == "kali");
}
