// Tokenizer tests (lib/tokenize.hpp).  Sentences are written for these tests
// in the style of Indonesian regional news.
#include <doctest/doctest.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <random>
#include <thread>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize.hpp"

using warta::TokenKind;
using warta::TokenShape;
using warta::detail::Tok;
using warta::detail::Tokenizer;

namespace {

const Tokenizer& tokenizer() {
    static const Tokenizer t;
    return t;
}

// Token texts joined with '|', taken through the offsets (so this also checks
// that text.substr(start, end - start) is the token).
std::string joined(std::string_view s) {
    std::string out;
    for (const Tok& t : tokenizer().tokenize(s)) {
        if (!out.empty()) out += '|';
        out += s.substr(t.start, t.end - t.start);
    }
    return out;
}

// The first token whose text is `text` (or an empty Tok with kind other).
Tok find(std::string_view s, std::string_view text) {
    for (const Tok& t : tokenizer().tokenize(s))
        if (s.substr(t.start, t.end - t.start) == text) return t;
    FAIL_CHECK("token not found: " << std::string(text) << " in " << std::string(s));
    return Tok{};
}

std::string kinds(std::string_view s) {
    std::string out;
    for (const Tok& t : tokenizer().tokenize(s)) {
        if (!out.empty()) out += '|';
        out += warta::to_string(t.kind);
    }
    return out;
}

struct Case {
    std::string input;
    std::string tokens;
};

void run_table(const std::vector<Case>& table) {
    for (const auto& c : table) {
        INFO("input: " << c.input);
        CHECK(joined(c.input) == c.tokens);
    }
}

}  // namespace

TEST_CASE("tokenize: plain sentence") {
    run_table({
        {"Pemerintah Kabupaten Bogor meraih 12 penghargaan.", "Pemerintah|Kabupaten|Bogor|meraih|12|penghargaan|."},
        {"Bupati menyerahkan bantuan, kemarin.", "Bupati|menyerahkan|bantuan|,|kemarin|."},
        {"", ""},
        {"   \n  ", ""},
        {"Banjir!", "Banjir|!"},
        {"Siapa yang datang?", "Siapa|yang|datang|?"},
    });
}

TEST_CASE("tokenize: reduplication and hyphenated words are one token") {
    run_table({
        {"penghargaan-penghargaan itu", "penghargaan-penghargaan|itu"},
        {"juara tiga kali berturut-turut.", "juara|tiga|kali|berturut-turut|."},
        {"sayur-mayur dan kupu-kupu", "sayur-mayur|dan|kupu-kupu"},
        {"menjadi satu-satunya daerah", "menjadi|satu-satunya|daerah"},
        {"program pasca-bencana dan anti-korupsi", "program|pasca-bencana|dan|anti-korupsi"},
        {"Kementerian PAN-RB (KemenPAN-RB) menilai", "Kementerian|PAN-RB|(|KemenPAN-RB|)|menilai"},
        {"pandemi Covid-19, kata dia", "pandemi|Covid-19|,|kata|dia"},
        {"H-1 Lebaran", "H-1|Lebaran"},
        {"era 90-an", "era|90-an"},
        {"Jakarta - Bupati", "Jakarta|-|Bupati"},
    });
}

TEST_CASE("tokenize: ordinal ke-") {
    run_table({
        {"HUT RI ke-77 di Lapangan", "HUT|RI|ke-77|di|Lapangan"},
        {"peringkat ke 3 nasional", "peringkat|ke|3|nasional"},
        {"Hari HAM Sedunia ke-74.", "Hari|HAM|Sedunia|ke-74|."},
    });
    Tok t = find("ulang tahun ke-74", "ke-74");
    CHECK(t.kind == TokenKind::word);
    CHECK(t.shape == TokenShape::alnum);
}

TEST_CASE("tokenize: numbers with Indonesian separators") {
    run_table({
        {"dana 1.500.000 rupiah", "dana|1.500.000|rupiah"},
        {"naik 2,5 persen", "naik|2,5|persen"},
        {"Rp 1.000.000,00", "Rp|1.000.000,00"},
        {"pukul 10.00 WIB", "pukul|10.00|WIB"},
        {"pukul 14.30 WIB", "pukul|14.30|WIB"},
        {"pukul 09:15 WIB", "pukul|09:15|WIB"},
        {"Jumat (23/12/2022).", "Jumat|(|23/12/2022|)|."},
        {"tanggal 23-12-2022 dan 2022-12-23", "tanggal|23-12-2022|dan|2022-12-23"},
        {"Jumat (9/11).", "Jumat|(|9/11|)|."},
        {"surat 2/11/22 itu", "surat|2/11/22|itu"},
        {"sejak tahun 2022.", "sejak|tahun|2022|."},
        {"sebanyak 1.250.", "sebanyak|1.250|."},
        {"periode 2019-2020", "periode|2019|-|2020"},
        {"naik 3,5 juta", "naik|3,5|juta"},
        {"jaringan 5G", "jaringan|5G"},
    });
    CHECK(kinds("1.500.000 2,5 23/12/2022 09:15") == "number|number|number|number");
    CHECK(find("pada 14.30", "14.30").shape == TokenShape::digits);
}

TEST_CASE("tokenize: currency and percent") {
    run_table({
        {"senilai Rp350 juta", "senilai|Rp|350|juta"},
        {"antara Rp10 juta-Rp15 juta per unit", "antara|Rp|10|juta|-|Rp|15|juta|per|unit"},
        {"sekitar Rp 30.000-Rp 35.000 per siswa", "sekitar|Rp|30.000|-|Rp|35.000|per|siswa"},
        {"Rp10 juta-Rp 15 juta", "Rp|10|juta|-|Rp|15|juta"},
        {"era 90-an dan 1.000-an", "era|90-an|dan|1.000-an"},
        {"harga Rp5.000-Rp5.400 per kilogram", "harga|Rp|5.000|-|Rp|5.400|per|kilogram"},
        {"kasus Covid-19 dan pasca-bencana", "kasus|Covid-19|dan|pasca-bencana"},
        {"senilai Rp1,2 triliun", "senilai|Rp|1,2|triliun"},
        {"senilai Rp 5.000", "senilai|Rp|5.000"},
        {"senilai Rp. 5.000", "senilai|Rp.|5.000"},
        {"senilai Rp.5.000", "senilai|Rp.|5.000"},
        {"senilai US$1,5 miliar", "senilai|US$|1,5|miliar"},
        {"tumbuh 15% tahun ini", "tumbuh|15|%|tahun|ini"},
    });
    CHECK(kinds("Rp350") == "word|number");
    CHECK(kinds("Rp. 5") == "abbreviation|number");
    CHECK(kinds("US$ 15%") == "symbol|number|symbol");
}

TEST_CASE("tokenize: abbreviations keep their dots") {
    run_table({
        {"H. Abdul Rahman dan Hj. Siti Aminah", "H.|Abdul|Rahman|dan|Hj.|Siti|Aminah"},
        {"Dr. dr. Budi Santoso, Sp.PD.", "Dr.|dr.|Budi|Santoso|,|Sp.PD."},
        {"Ir. Joko Susilo, S.H., M.H.", "Ir.|Joko|Susilo|,|S.H.|,|M.H."},
        {"Rina, S.E., M.Si. dan Dedi, S.Kom.", "Rina|,|S.E.|,|M.Si.|dan|Dedi|,|S.Kom."},
        {"Prof. Andi", "Prof.|Andi"},
        {"di Jl. Sudirman No. 5", "di|Jl.|Sudirman|No.|5"},
        {"Kab. Bogor, Kec. Cibinong, Kel. Pakansari, Prov. Jawa Barat",
         "Kab.|Bogor|,|Kec.|Cibinong|,|Kel.|Pakansari|,|Prov.|Jawa|Barat"},
        {"beras, minyak, dll. dibagikan", "beras|,|minyak|,|dll.|dibagikan"},
        {"gula, kopi, dsb. serta Ahmad dkk.", "gula|,|kopi|,|dsb.|serta|Ahmad|dkk."},
        {"a.n. Kepala Dinas u.p. Sekretaris", "a.n.|Kepala|Dinas|u.p.|Sekretaris"},
        {"PT Bank Mandiri (Persero) Tbk.", "PT|Bank|Mandiri|(|Persero|)|Tbk."},
        {"Yth. Bpk. Ahmad dan Sdr. Rudi", "Yth.|Bpk.|Ahmad|dan|Sdr.|Rudi"},
        {"drg. Lina dan Kol. Inf. Agus", "drg.|Lina|dan|Kol.|Inf|.|Agus"},
        {"Arief R. Wismansyah", "Arief|R.|Wismansyah"},
        {"JL. MERDEKA", "JL.|MERDEKA"},
        {"Jl.Sudirman", "Jl.|Sudirman"},
        {"H.Umar", "H.|Umar"},
    });
    CHECK(kinds("H. S.H. dll. Jl.") == "abbreviation|abbreviation|abbreviation|abbreviation");
}

TEST_CASE("tokenize: a word not in the list keeps its full stop apart") {
    run_table({
        {"pergi ke pasar.", "pergi|ke|pasar|."},
        {"kata Bupati.", "kata|Bupati|."},
        {"program DPRD.", "program|DPRD|."},
        {"tersebut.Selain itu", "tersebut|.|Selain|itu"},
        {"Tunggu... Dia datang", "Tunggu|...|Dia|datang"},
    });
    CHECK(kinds("tersebut.Selain") == "word|punctuation|word");
}

TEST_CASE("tokenize: acronyms and shapes") {
    CHECK(find("oleh BKN", "BKN").shape == TokenShape::upper);
    CHECK(find("oleh BKN", "BKN").kind == TokenKind::word);
    CHECK(find("anggota DPRD", "DPRD").shape == TokenShape::upper);
    CHECK(find("dari KemenPPPA", "KemenPPPA").shape == TokenShape::mixed);
    CHECK(find("pengguna iPhone", "iPhone").shape == TokenShape::mixed);
    CHECK(find("pada Jumat", "Jumat").shape == TokenShape::capitalized);
    CHECK(find("pada Jumat", "pada").shape == TokenShape::lower);
    CHECK(find("pesawat QZ8501", "QZ8501").shape == TokenShape::alnum);
    CHECK(find("tahun 2022", "2022").shape == TokenShape::digits);
    CHECK(find("kata dia,", ",").shape == TokenShape::punct);
    CHECK(find("Kota Jakarta-Bandung", "Jakarta-Bandung").shape == TokenShape::capitalized);
    CHECK(find("Arief R. W", "R.").shape == TokenShape::capitalized);
    CHECK(find("Joko, S.H.", "S.H.").shape == TokenShape::upper);
}

TEST_CASE("tokenize: non-ASCII letters") {
    run_table({
        {"Café Olé di Bogor", "Café|Olé|di|Bogor"},
        {"ÉLAN Vital", "ÉLAN|Vital"},
        {"naïve", "naïve"},
    });
    Tok e = find("ÉLAN", "ÉLAN");
    CHECK(e.shape == TokenShape::upper);
    CHECK(e.lower == "élan");
    CHECK(find("Émile", "Émile").shape == TokenShape::capitalized);
    CHECK(find("Ärzte", "Ärzte").lower == "ärzte");
    // A decomposed é (e + U+0301) stays one token.
    CHECK(joined("Cafe\xCC\x81 ini") == "Cafe\xCC\x81|ini");
}

TEST_CASE("tokenize: URLs, e-mail, hashtags and handles") {
    run_table({
        {"di https://www.bkn.go.id/berita?id=5.", "di|https://www.bkn.go.id/berita?id=5|."},
        {"laman www.tangerangkota.go.id,", "laman|www.tangerangkota.go.id|,"},
        {"dikutip dari detik.com dan Kompas.com.", "dikutip|dari|detik.com|dan|Kompas.com|."},
        {"laporan Liputan6.com hari ini", "laporan|Liputan6.com|hari|ini"},
        {"(lihat http://bkn.go.id/a_(b))", "(|lihat|http://bkn.go.id/a_(b)|)"},
        {"surel humas@tangerangkota.go.id.", "surel|humas@tangerangkota.go.id|."},
        {"tagar #Pemilu2024 ramai", "tagar|#Pemilu2024|ramai"},
        {"akun @jokowi, @kemenkes_ri.", "akun|@jokowi|,|@kemenkes_ri|."},
        {"# dan @", "#|dan|@"},
    });
    CHECK(kinds("detik.com humas@bkn.go.id #Pemilu2024 @jokowi") == "url|email|hashtag|handle");
    CHECK(find("www.x.co.id", "www.x.co.id").kind == TokenKind::url);
}

TEST_CASE("tokenize: quotes, brackets and other punctuation") {
    run_table({
        {"\"Kami siap,\" katanya.", "\"|Kami|siap|,|\"|katanya|."},
        {"istilah 'Kota Layak Anak' itu", "istilah|'|Kota|Layak|Anak|'|itu"},
        {"Badan Kepegawaian Negara (BKN)", "Badan|Kepegawaian|Negara|(|BKN|)"},
        {"[foto]", "[|foto|]"},
        {"Ya...", "Ya|..."},
        {"Ya\xE2\x80\xA6 lalu", "Ya|\xE2\x80\xA6|lalu"},
        {"Jum'at", "Jum'at"},
        {"A&B", "A|&|B"},
    });
    CHECK(kinds("( \" ' ... , ;") == "punctuation|punctuation|punctuation|punctuation|punctuation|punctuation");
    CHECK(find("harga & ongkos", "&").kind == TokenKind::symbol);
}

TEST_CASE("tokenize: emoji and symbols") {
    std::string s = "Selamat \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ya";  // thumbs up + skin tone
    CHECK(joined(s) == "Selamat|\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD|ya");
    Tok e = find(s, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
    CHECK(e.kind == TokenKind::symbol);
    CHECK(e.shape == TokenShape::other);
    CHECK(find("harga \xE2\x82\xAC" "5", "\xE2\x82\xAC").kind == TokenKind::symbol);  // €
}

TEST_CASE("tokenize: base drops clitics") {
    struct B {
        const char* word;
        const char* base;
    };
    for (B wb : std::vector<B>{
             {"pihaknya", "pihak"},        {"Pihaknya", "pihak"},       {"katanya", "kata"},
             {"bukanlah", "bukan"},        {"apakah", "apa"},           {"meskipun", "meski"},
             {"walaupun", "walau"},        {"bagaimanapun", "bagaimana"}, {"dirinyalah", "diri"},
             {"KTP-nya", "ktp"},           {"Covid-19-nya", "covid-19"}, {"diberikannya", "diberikan"},
             // not clitics
             {"tanya", "tanya"},           {"punya", "punya"},          {"hanya", "hanya"},
             {"kalah", "kalah"},           {"salah", "salah"},          {"sekolah", "sekolah"},
             {"daerah", "daerah"},         {"masalah", "masalah"},      {"kepala", "kepala"},
             {"lah", "lah"},               {"ialah", "ialah"},          {"adalah", "adalah"},
             {"sejarah", "sejarah"},       {"mereka", "mereka"},        {"nya", "nya"},
             {"bertanya", "bertanya"},     {"langkah", "langkah"},      {"menghimpun", "menghimpun"},
             {"maupun", "maupun"},         {"Abdullah", "abdullah"},    {"telah", "telah"},
             {"BUKANLAH", "bukanlah"},     {"KemenPPPAnya", "kemenpppanya"},
         }) {
        const char* w = wb.word;  // (clang 14 cannot capture a structured binding in INFO)
        const char* b = wb.base;
        INFO("word: " << std::string(w));
        Tok t = find(w, w);
        CHECK(t.base == b);
    }
    CHECK(find("pihaknya", "pihaknya").lower == "pihaknya");
}

TEST_CASE("tokenize: base reduces reduplication") {
    struct B {
        const char* word;
        const char* base;
    };
    for (B wb : std::vector<B>{
             {"penghargaan-penghargaan", "penghargaan"},
             {"Penghargaan-penghargaan", "penghargaan"},
             {"satu-satunya", "satu"},
             {"berturut-turut", "berturut"},
             {"kupu-kupu", "kupu"},
             {"apresiasi-apresiasinya", "apresiasi"},
             {"sayur-mayur", "sayur-mayur"},
             {"pasca-bencana", "pasca-bencana"},
             {"Covid-19", "covid-19"},
             {"ke-74", "ke-74"},
         }) {
        const char* w = wb.word;  // (clang 14 cannot capture a structured binding in INFO)
        const char* b = wb.base;
        INFO("word: " << std::string(w));
        CHECK(find(w, w).base == b);
    }
}

TEST_CASE("tokenize: lower-case forms") {
    CHECK(find("BKN", "BKN").lower == "bkn");
    CHECK(find("KemenPAN-RB", "KemenPAN-RB").lower == "kemenpan-rb");
    CHECK(find("Dr.", "Dr.").lower == "dr.");
    CHECK(find("Dr.", "Dr.").base == "dr.");
    CHECK(find("1.500", "1.500").lower == "1.500");
    CHECK(find("Kompas.com", "Kompas.com").lower == "kompas.com");
}

TEST_CASE("tokenize: offsets, spaces and line breaks") {
    std::string s = "Kota Tangerang meraih Rp350 juta.\n\"Kami siap,\" katanya.";
    auto toks = tokenizer().tokenize(s);
    REQUIRE(toks.size() == 14);
    CHECK(toks[0].start == 0);
    CHECK(toks[0].end == 4);
    CHECK(toks[3].start == 22);  // Rp
    CHECK(toks[3].end == 24);
    CHECK(toks[4].start == 24);  // 350
    CHECK(toks[4].end == 27);
    CHECK(toks[0].space_before);  // text start
    CHECK_FALSE(toks[0].newline_before);
    CHECK(toks[3].space_before);
    CHECK_FALSE(toks[4].space_before);  // 350 glued to Rp
    CHECK_FALSE(toks[6].space_before);  // .
    CHECK(toks[7].newline_before);      // "
    CHECK(toks[7].space_before);
    CHECK_FALSE(toks[8].newline_before);
    CHECK_FALSE(toks[8].space_before);  // Kami after "
    for (const auto& t : toks) {
        CHECK(t.start < t.end);
        CHECK(t.end <= s.size());
    }
    // A Unicode line separator counts as a line break.
    auto ls = tokenizer().tokenize("satu\xE2\x80\xA8" "dua");
    REQUIRE(ls.size() == 2);
    CHECK(ls[1].newline_before);
}

TEST_CASE("tokenize: hostile input") {
    std::vector<std::string> inputs = {
        std::string("\xEF\xBF\xBD\xEF\xBF\xBD"),  // U+FFFD U+FFFD
        std::string("\xCC\x81"),                  // a lone combining mark
        std::string(" \xCC\x81 x"),
        std::string("\xF0\x9F\x98\x80\xE2\x80\x8D\xF0\x9F\x94\xA5"),
        std::string("\xFF\xFE\x80 abc \xC3"),  // invalid UTF-8
        std::string("a\0b", 3),
        std::string(100000, 'a'),
        std::string(100000, '.'),
        std::string(100000, '-'),
        std::string(50000, '@'),
    };
    std::string dotted, hyph, nums, mixed;
    for (int i = 0; i < 30000; ++i) {
        dotted += "a.";
        hyph += "ab-";
        nums += "1.";
        mixed += "S.H";
    }
    inputs.push_back(dotted);
    inputs.push_back(hyph);
    inputs.push_back(nums);
    inputs.push_back(mixed);
    std::string accents;
    for (int i = 0; i < 20000; ++i) accents += "\xC3\xA9";  // 40k bytes of é: one word
    inputs.push_back(accents);
    for (const auto& s : inputs) {
        auto toks = tokenizer().tokenize(s);
        std::uint32_t prev = 0;
        for (const auto& t : toks) {
            CHECK(t.start >= prev);
            CHECK(t.start < t.end);
            CHECK(t.end <= s.size());
            prev = t.end;
        }
    }
    CHECK(tokenizer().tokenize(std::string(100000, 'a')).size() == 1);
    CHECK(tokenizer().tokenize(accents).size() == 1);
    CHECK(tokenizer().tokenize(hyph).size() == 2);  // the word and the final '-'
}

namespace {

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

TEST_CASE("tokenize: property - random text") {
    const std::vector<std::string> alphabet = {
        "a", "B", "z", "Q", "1", "9", "0", " ", " ", "  ", "\n", ".", ",", "-", "/", ":", "'", "\"", "(", ")",
        "@", "#", "_", "$", "%", "Rp", "dll", "nya", "H", "S.H", "www.", ".com", "http://", "\xC3\xA9", "\xC3\x89",
        "\xCC\x81", "\xF0\x9F\x91\x8D", "\xEF\xBF\xBD", "\xE2\x80\xA6", "\xE4\xB8\xAD\xE6\x96\x87",
        "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1", "\xE2\x80\xA8", "\xE2\x80\x83", "\xC2\xAD", "\t", "ke-", "2022",
    };
    std::mt19937 rng(20221223);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> len(0, 60);
    for (int iter = 0; iter < 3000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
        auto toks = tokenizer().tokenize(s);
        std::uint32_t prev = 0;
        bool ok = true;
        for (const auto& t : toks) {
            ok &= t.start >= prev && t.start < t.end && t.end <= s.size();
            if (!ok) break;
            ok &= !is_cont(static_cast<unsigned char>(s[t.start]));
            ok &= t.end == s.size() || !is_cont(static_cast<unsigned char>(s[t.end]));
            std::string_view text(s.data() + t.start, t.end - t.start);
            ok &= text.find_first_of(" \n\t") == std::string_view::npos;
            ok &= !t.lower.empty();
            prev = t.end;
        }
        INFO("input: " << s);
        CHECK(ok);
        // Nothing is dropped: every byte outside the tokens is white space
        // or a format character.
        std::vector<char> covered(s.size(), 0);
        for (const auto& t : toks)
            for (std::uint32_t k = t.start; k < t.end; ++k) covered[k] = 1;
        bool dropped = false;
        for (std::int32_t k = 0; k < static_cast<std::int32_t>(s.size());) {
            std::int32_t at = k;
            UChar32 c = 0;
            U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), k, static_cast<std::int32_t>(s.size()), c);
            if (!covered[static_cast<std::size_t>(at)] && !u_isUWhiteSpace(c) && u_charType(c) != U_FORMAT_CHAR)
                dropped = true;
        }
        CHECK_FALSE(dropped);
    }
    // Random bytes: no crash, ordered, in bounds.
    std::uniform_int_distribution<int> byte(0, 255);
    for (int iter = 0; iter < 2000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += static_cast<char>(byte(rng));
        auto toks = tokenizer().tokenize(s);
        std::uint32_t prev = 0;
        bool ok = true;
        for (const auto& t : toks) {
            ok &= t.start >= prev && t.start < t.end && t.end <= s.size();
            prev = t.end;
        }
        CHECK(ok);
    }
}

TEST_CASE("tokenize: property - the ASCII word-break emulation agrees with ICU") {
    const std::string alphabet = "aZm9_@.',;:-#%$ /\"()!?x1";
    std::mt19937 rng(74);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> len(1, 40);
    for (int iter = 0; iter < 5000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
        INFO("input: " << s);
        CHECK(warta::detail::testing::word_break_pieces(s, false) ==
              warta::detail::testing::word_break_pieces(s, true));
    }
}

TEST_CASE("tokenize: concurrent use of one tokenizer") {
    const std::string s = "Wali Kota Café Olé meraih Rp350 juta, ke-74, pihaknya (23/12/2022).";
    const std::string expected = joined(s);
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            int good = 1;
            for (int r = 0; r < 200; ++r) {
                std::string out;
                for (const Tok& t : tokenizer().tokenize(s)) {
                    if (!out.empty()) out += '|';
                    out += s.substr(t.start, t.end - t.start);
                }
                good &= out == expected;
            }
            ok[k] = good;
        });
    for (auto& t : threads) t.join();
    for (int k = 0; k < 4; ++k) CHECK(ok[k] == 1);
}
