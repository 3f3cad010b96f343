// Tests of the normaliser (lib/normalize.cpp): folding, NFC, repairs,
// warnings, and the offset map back to the original bytes.
#include <doctest/doctest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "normalize.hpp"

using warta::Warning;
using warta::detail::normalize;
using warta::detail::Normalized;

namespace {

using namespace std::string_literals;

/// The original text of the normalised span [s, e).
std::string orig(std::string_view in, const Normalized& n, std::size_t s, std::size_t e) {
    const std::size_t a = n.map.start_of[s], b = n.map.end_of[e];
    REQUIRE(a <= b);
    REQUIRE(b <= in.size());
    return std::string(in.substr(a, b - a));
}

const Warning* warning(const Normalized& n, std::string_view code) {
    for (const auto& w : n.warnings)
        if (w.code == code) return &w;
    return nullptr;
}

/// Length of the UTF-8 sequence at s[i] in a known-valid string.
std::size_t seq_len(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

bool valid_utf8(std::string_view s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::string back;
    u.toUTF8String(back);
    return back == s;  // fromUTF8 replaces ill-formed input with U+FFFD
}

std::string icu_nfc(std::string_view s) {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
    REQUIRE(U_SUCCESS(ec));
    icu::UnicodeString out = nfc->normalize(icu::UnicodeString::fromUTF8(s), ec);
    REQUIRE(U_SUCCESS(ec));
    std::string r;
    out.toUTF8String(r);
    return r;
}

/// Every invariant of the map, for any input.
void check_invariants(std::string_view in, const Normalized& n) {
    const std::string& t = n.text;
    const auto& st = n.map.start_of;
    const auto& en = n.map.end_of;
    REQUIRE(st.size() == t.size() + 1);
    REQUIRE(en.size() == t.size() + 1);
    CHECK(st[t.size()] == in.size());
    CHECK(en[0] == st[0]);
    REQUIRE(valid_utf8(t));
    CHECK(t.find('\r') == std::string::npos);
    CHECK(t.find('\0') == std::string::npos);
    CHECK(t.find("\xC2\xA0") == std::string::npos);
    CHECK(t.find("\xE2\x80\x8B") == std::string::npos);
    CHECK(t.find("\xEF\xBB\xBF") == std::string::npos);
    std::size_t prev_start = 0, prev_end = 0;
    bool first = true;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t len = seq_len(t, i);
        const std::size_t s = st[i], e = en[i + len];
        // all bytes of one character share its source
        for (std::size_t k = i; k < i + len; ++k) {
            CHECK(st[k] == s);
            CHECK(en[k + 1] == e);
        }
        CHECK(s < e);  // every output character comes from some input
        CHECK(e <= in.size());
        if (!first) {
            // monotone; a new character either starts after the previous one
            // or shares its whole source (an NFC cluster)
            CHECK(s >= prev_start);
            CHECK(e >= prev_end);
            const bool same_cluster = s == prev_start && e == prev_end;
            CHECK((same_cluster || s >= prev_end));
            // whatever lies between two characters was deleted
            if (!same_cluster && s > prev_end) CHECK(normalize(in.substr(prev_end, s - prev_end)).text.empty());
        } else if (s > 0) {
            CHECK(normalize(in.substr(0, s)).text.empty());
        }
        first = false;
        prev_start = s;
        prev_end = e;
        i += len;
    }
    if (!t.empty() && prev_end < in.size()) CHECK(normalize(in.substr(prev_end)).text.empty());
    if (t.empty() && !in.empty()) CHECK(st[0] == in.size());
    // warnings point into the input
    for (const auto& w : n.warnings) {
        REQUIRE(w.start.has_value());
        REQUIRE(w.end.has_value());
        CHECK(*w.start < *w.end);
        CHECK(*w.end <= in.size());
    }
}

void check_identity(std::string_view in) {
    Normalized n = normalize(in);
    CHECK(n.text == in);
    CHECK(n.warnings.empty());
    for (std::size_t i = 0; i <= in.size(); ++i) {
        CHECK(n.map.start_of[i] == i);
        CHECK(n.map.end_of[i] == i);
    }
}

}  // namespace

TEST_CASE("normalize: empty input") {
    Normalized n = normalize("");
    CHECK(n.text.empty());
    CHECK(n.map.start_of == std::vector<std::uint32_t>{0});
    CHECK(n.map.end_of == std::vector<std::uint32_t>{0});
    CHECK(n.warnings.empty());
}

TEST_CASE("normalize: ASCII is copied with an identity map") {
    check_identity("Pemkot Tangerang meraih 48 penghargaan (BKN), 23/12/2022.\nBaris kedua!");
    check_identity("a");
    check_identity("\n\n");
    check_identity("~!@#$%^&*()_+{}|:<>?`-=[]\\;',./ \"");
}

TEST_CASE("normalize: text already in NFC keeps a per-character map") {
    const std::string in = "Caf\xC3\xA9 di Bogor \xE2\x80\xA6 ok";  // Café ... ellipsis
    Normalized n = normalize(in);
    CHECK(n.text == in);
    CHECK(n.warnings.empty());
    for (std::size_t i = 0; i <= in.size(); ++i) {
        // inner bytes of é [3,5) and of the ellipsis [15,18) map to the start of their character
        const std::size_t want = i == 4 ? 3 : (i == 16 || i == 17) ? 15 : i;
        CHECK(n.map.start_of[i] == want);
    }
    CHECK(orig(in, n, 3, 5) == "\xC3\xA9");
    CHECK(orig(in, n, 15, 18) == "\xE2\x80\xA6");
    check_invariants(in, n);
}

TEST_CASE("normalize: NFC composes e + combining acute; the map covers both code points") {
    const std::string in = "Cafe\xCC\x81 baru";  // e U+0301
    Normalized n = normalize(in);
    CHECK(n.text == "Caf\xC3\xA9 baru");
    // é is normalised bytes [3,5); its source is "e" + U+0301 = [3,6)
    CHECK(n.map.start_of[3] == 3);
    CHECK(n.map.start_of[4] == 3);
    CHECK(n.map.end_of[5] == 6);
    CHECK(orig(in, n, 0, 5) == "Cafe\xCC\x81");
    CHECK(orig(in, n, 5, 10) == " baru");
    CHECK(orig(in, n, 0, 3) == "Caf");
    check_invariants(in, n);
}

TEST_CASE("normalize: composition with the last ASCII letter before a mark") {
    const std::string in = "abc\xCC\x81";  // c + U+0301 -> U+0107
    Normalized n = normalize(in);
    CHECK(n.text == "ab\xC4\x87");
    CHECK(orig(in, n, 0, 2) == "ab");
    CHECK(orig(in, n, 2, 4) == "c\xCC\x81");
    check_invariants(in, n);
}

TEST_CASE("normalize: NFC reorders and composes a cluster as one unit") {
    const std::string in = "xa\xCC\x81\xCC\xA3y";  // a U+0301 U+0323 -> U+1EA1 U+0301
    Normalized n = normalize(in);
    CHECK(n.text == icu_nfc(in));
    CHECK(n.text == "x\xE1\xBA\xA1\xCC\x81y");
    // both output characters map to the whole cluster [1,6)
    CHECK(orig(in, n, 1, 4) == "a\xCC\x81\xCC\xA3");
    CHECK(orig(in, n, 4, 6) == "a\xCC\x81\xCC\xA3");
    CHECK(orig(in, n, 6, 7) == "y");
    check_invariants(in, n);
}

TEST_CASE("normalize: Hangul jamo compose") {
    const std::string in = "\xE1\x84\x80\xE1\x85\xA1!";  // U+1100 U+1161 -> U+AC00
    Normalized n = normalize(in);
    CHECK(n.text == "\xEA\xB0\x80!");
    CHECK(orig(in, n, 0, 3) == "\xE1\x84\x80\xE1\x85\xA1");
    check_invariants(in, n);
}

TEST_CASE("normalize: a lone combining mark and a mark after a folded quote stay") {
    const std::string in = "\xCC\x81x \xE2\x80\x9C\xCC\x81";  // U+0301 x space U+201C U+0301
    Normalized n = normalize(in);
    CHECK(n.text == "\xCC\x81x \"\xCC\x81");
    CHECK(orig(in, n, 4, 5) == "\xE2\x80\x9C");
    check_invariants(in, n);
}

TEST_CASE("normalize: curly and typographic double quotes fold to \"") {
    for (const char* q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xE2\x80\x9F", "\xC2\xAB", "\xC2\xBB",
                          "\xE2\x80\xB3"}) {
        const std::string in = "kata "s + q + "ya" + q;
        Normalized n = normalize(in);
        CAPTURE(in);
        CHECK(n.text == "kata \"ya\"");
        CHECK(orig(in, n, 5, 6) == q);
        CHECK(orig(in, n, 5, 9) == std::string(q) + "ya" + q);
        CHECK(n.warnings.empty());
        check_invariants(in, n);
    }
}

TEST_CASE("normalize: curly single quotes and primes fold to '") {
    for (const char* q : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9A", "\xE2\x80\x9B", "\xE2\x80\xB2"}) {
        const std::string in = "Jum"s + q + "at";
        Normalized n = normalize(in);
        CAPTURE(in);
        CHECK(n.text == "Jum'at");
        CHECK(orig(in, n, 3, 4) == q);
        CHECK(orig(in, n, 4, 6) == "at");
        check_invariants(in, n);
    }
}

TEST_CASE("normalize: dashes and minus fold to -") {
    for (const char* d : {"\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92", "\xE2\x80\x93", "\xE2\x80\x94",
                          "\xE2\x80\x95", "\xE2\x88\x92"}) {
        const std::string in = "2020"s + d + "2022";
        Normalized n = normalize(in);
        CAPTURE(in);
        CHECK(n.text == "2020-2022");
        CHECK(orig(in, n, 4, 5) == d);
        CHECK(orig(in, n, 0, 9) == in);
        check_invariants(in, n);
    }
}

TEST_CASE("normalize: the ellipsis character is kept as one character") {
    const std::string in = "tunggu\xE2\x80\xA6";
    Normalized n = normalize(in);
    CHECK(n.text == in);
    CHECK(orig(in, n, 6, 9) == "\xE2\x80\xA6");
}

TEST_CASE("normalize: no-break and other Unicode spaces, tabs fold to ' '") {
    for (const char* sp : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x87", "\xE2\x80\x83", "\xE3\x80\x80", "\t",
                           "\xE2\x80\x89"}) {
        const std::string in = "Rp"s + sp + "1.500";
        Normalized n = normalize(in);
        CAPTURE(in);
        CHECK(n.text == "Rp 1.500");
        CHECK(orig(in, n, 2, 3) == sp);
        CHECK(orig(in, n, 3, 8) == "1.500");
        CHECK(n.warnings.empty());
        check_invariants(in, n);
    }
}

TEST_CASE("normalize: zero-width space is removed and spans never start or end on it") {
    const std::string in = "ab\xE2\x80\x8B" "cd";
    Normalized n = normalize(in);
    CHECK(n.text == "abcd");
    CHECK(n.warnings.empty());
    CHECK(orig(in, n, 0, 2) == "ab");          // does not end with the ZWSP
    CHECK(orig(in, n, 2, 4) == "cd");          // does not start with it
    CHECK(orig(in, n, 0, 4) == in);            // inside a span it is kept
    CHECK(n.map.start_of[2] == 5);
    CHECK(n.map.end_of[2] == 2);
    check_invariants(in, n);
}

TEST_CASE("normalize: ZWNJ, ZWJ, word joiner and soft hyphen are removed") {
    const std::string in = "pe\xC2\xAD" "nar\xE2\x80\x8C" "i \xE2\x80\x8D" "x\xE2\x81\xA0y";
    Normalized n = normalize(in);
    CHECK(n.text == "penari xy");
    CHECK(orig(in, n, 0, 6) == "pe\xC2\xAD" "nar\xE2\x80\x8C" "i");
    CHECK(orig(in, n, 7, 8) == "x");  // the ZWJ before x is not included
    CHECK(orig(in, n, 8, 9) == "y");
    check_invariants(in, n);
}

TEST_CASE("normalize: text of only removed characters") {
    const std::string in = "\xE2\x80\x8B\xE2\x80\x8B";
    Normalized n = normalize(in);
    CHECK(n.text.empty());
    CHECK(n.map.start_of == std::vector<std::uint32_t>{6});
    CHECK(n.map.end_of == std::vector<std::uint32_t>{6});
}

TEST_CASE("normalize: a leading BOM is removed with a bom_removed warning") {
    const std::string in = "\xEF\xBB\xBFJakarta";
    Normalized n = normalize(in);
    CHECK(n.text == "Jakarta");
    CHECK(n.map.start_of[0] == 3);
    CHECK(orig(in, n, 0, 7) == "Jakarta");
    const Warning* w = warning(n, "bom_removed");
    REQUIRE(w != nullptr);
    CHECK(*w->start == 0);
    CHECK(*w->end == 3);
    CHECK(n.warnings.size() == 1);
    check_invariants(in, n);
}

TEST_CASE("normalize: BOMs inside the text are removed and counted") {
    const std::string in = "a\xEF\xBB\xBF" "b\xEF\xBB\xBF";
    Normalized n = normalize(in);
    CHECK(n.text == "ab");
    const Warning* w = warning(n, "bom_removed");
    REQUIRE(w != nullptr);
    CHECK(*w->start == 1);
    CHECK(w->message.find("2 ") == 0);
    CHECK(orig(in, n, 0, 2) == "a\xEF\xBB\xBF" "b");
    check_invariants(in, n);
}

TEST_CASE("normalize: CRLF becomes one newline mapped to both bytes") {
    const std::string in = "satu\r\ndua\r\n";
    Normalized n = normalize(in);
    CHECK(n.text == "satu\ndua\n");
    CHECK(orig(in, n, 4, 5) == "\r\n");
    CHECK(orig(in, n, 5, 8) == "dua");
    CHECK(orig(in, n, 8, 9) == "\r\n");
    const Warning* w = warning(n, "crlf_normalized");
    REQUIRE(w != nullptr);
    CHECK(*w->start == 4);
    CHECK(*w->end == 6);
    CHECK(w->message.find("2 ") == 0);
    CHECK(n.warnings.size() == 1);
    check_invariants(in, n);
}

TEST_CASE("normalize: lone CR and CR CR LF") {
    const std::string in = "a\rb\r\r\nc\r";
    Normalized n = normalize(in);
    CHECK(n.text == "a\nb\n\nc\n");
    CHECK(orig(in, n, 1, 2) == "\r");
    CHECK(orig(in, n, 3, 4) == "\r");
    CHECK(orig(in, n, 4, 5) == "\r\n");
    CHECK(orig(in, n, 6, 7) == "\r");
    check_invariants(in, n);
}

TEST_CASE("normalize: invalid UTF-8 - a lone continuation byte") {
    const std::string in = "a\x80z";
    Normalized n = normalize(in);
    CHECK(n.text == "a\xEF\xBF\xBDz");
    CHECK(orig(in, n, 1, 4) == "\x80");
    REQUIRE(n.warnings.size() == 1);
    CHECK(n.warnings[0].code == "invalid_utf8");
    CHECK(*n.warnings[0].start == 1);
    CHECK(*n.warnings[0].end == 2);
    CHECK(n.warnings[0].message.find("1 invalid UTF-8 sequence") == 0);
    CHECK(n.warnings[0].message.find("byte 1") != std::string::npos);
    check_invariants(in, n);
}

TEST_CASE("normalize: invalid UTF-8 - a truncated 3-byte sequence at the end is one U+FFFD") {
    const std::string in = "ab\xE2\x80";
    Normalized n = normalize(in);
    CHECK(n.text == "ab\xEF\xBF\xBD");
    CHECK(orig(in, n, 2, 5) == "\xE2\x80");
    const Warning* w = warning(n, "invalid_utf8");
    REQUIRE(w != nullptr);
    CHECK(*w->start == 2);
    CHECK(*w->end == 4);
    check_invariants(in, n);
}

TEST_CASE("normalize: invalid UTF-8 - a truncated 4-byte sequence before ASCII") {
    const std::string in = "\xF0\x9F\x98x";
    Normalized n = normalize(in);
    CHECK(n.text == "\xEF\xBF\xBDx");
    CHECK(orig(in, n, 0, 3) == "\xF0\x9F\x98");
    CHECK(orig(in, n, 3, 4) == "x");
    check_invariants(in, n);
}

TEST_CASE("normalize: invalid UTF-8 - overlong C0 80 gives two U+FFFD") {
    const std::string in = "\xC0\x80";
    Normalized n = normalize(in);
    CHECK(n.text == "\xEF\xBF\xBD\xEF\xBF\xBD");
    const Warning* w = warning(n, "invalid_utf8");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("2 invalid UTF-8 sequences") == 0);
    CHECK(*w->start == 0);
    CHECK(*w->end == 1);
    check_invariants(in, n);
}

TEST_CASE("normalize: invalid UTF-8 - overlong E0 80 80 and F0 80 80 80") {
    CHECK(normalize("\xE0\x80\x80").text == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(normalize("\xF0\x80\x80\x80").text == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(normalize("\xF4\x90\x80\x80").text == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
    CHECK(normalize("\xF4\x8F\xBF\xBF").text == "\xF4\x8F\xBF\xBF");  // U+10FFFF is valid
}

TEST_CASE("normalize: invalid UTF-8 - a surrogate ED A0 80 gives three U+FFFD") {
    const std::string in = "x\xED\xA0\x80y";
    Normalized n = normalize(in);
    CHECK(n.text == "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");
    const Warning* w = warning(n, "invalid_utf8");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("3 ") == 0);
    CHECK(*w->start == 1);
    CHECK(*w->end == 2);
    CHECK(orig(in, n, 1, 10) == "\xED\xA0\x80");
    check_invariants(in, n);
    CHECK(normalize("\xED\x9F\xBF").text == "\xED\x9F\xBF");  // U+D7FF is fine
}

TEST_CASE("normalize: invalid UTF-8 - bytes F5..FF") {
    for (int b = 0xF5; b <= 0xFF; ++b) {
        const std::string in = "a"s + static_cast<char>(b) + "\x80\x80" + "b";
        Normalized n = normalize(in);
        CAPTURE(b);
        CHECK(n.text == "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
        REQUIRE(warning(n, "invalid_utf8") != nullptr);
        CHECK(n.warnings.size() == 1);
        check_invariants(in, n);
    }
}

TEST_CASE("normalize: NUL bytes become U+FFFD with one nul_byte warning") {
    const std::string in = "a\0b\0"s;
    Normalized n = normalize(in);
    CHECK(n.text == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK(orig(in, n, 1, 4) == "\0"s);
    REQUIRE(n.warnings.size() == 1);
    CHECK(n.warnings[0].code == "nul_byte");
    CHECK(*n.warnings[0].start == 1);
    CHECK(*n.warnings[0].end == 2);
    CHECK(n.warnings[0].message.find("2 NUL bytes") == 0);
    check_invariants(in, n);
}

TEST_CASE("normalize: other control characters become spaces with a warning") {
    const std::string in = "a\x01" "b\x7F" "c\xC2\x80" "d\xC2\x85" "e\x0B" "f";
    Normalized n = normalize(in);
    CHECK(n.text == "a b c d\ne f");  // NEL is a line break; VT a space
    const Warning* w = warning(n, "control_char");
    REQUIRE(w != nullptr);
    CHECK(*w->start == 1);
    CHECK(w->message.find("3 ") == 0);  // 0x01, DEL, U+0080; not NEL or VT
    check_invariants(in, n);
}

TEST_CASE("normalize: fullwidth ASCII folds to ASCII") {
    const std::string in = "\xEF\xBC\xA1\xEF\xBC\x91\xEF\xBC\x8D";  // Ａ１－
    Normalized n = normalize(in);
    CHECK(n.text == "A1-");
    CHECK(orig(in, n, 1, 2) == "\xEF\xBC\x91");
}

TEST_CASE("normalize: several kinds of repair give one warning each, in input order") {
    const std::string in = "x\r\ny\x80\x80z\0\xEF\xBB\xBF\0"s;
    Normalized n = normalize(in);
    REQUIRE(n.warnings.size() == 4);
    CHECK(n.warnings[0].code == "crlf_normalized");
    CHECK(n.warnings[1].code == "invalid_utf8");
    CHECK(n.warnings[2].code == "nul_byte");
    CHECK(n.warnings[3].code == "bom_removed");
    CHECK(*n.warnings[1].start == 4);
    CHECK(*n.warnings[2].start == 7);
    CHECK(*n.warnings[3].start == 8);
    check_invariants(in, n);
}

TEST_CASE("normalize: a long combining sequence is handled as one cluster") {
    std::string in = "o";
    for (int i = 0; i < 200; ++i) in += (i % 2 ? "\xCC\x81" : "\xCC\xA3");
    in += " ok";
    Normalized n = normalize(in);
    CHECK(n.text == icu_nfc(in));
    check_invariants(in, n);
}

namespace {

/// Random inputs: ASCII, valid multibyte text, folded and removed characters,
/// and garbage.
std::string random_input(std::mt19937& rng, bool valid_only) {
    static const std::vector<std::string> valid = {
        "a", "Z", " ", "\n", "1.500", ".", "e", "o", "\xC3\xA9", "\xCC\x81", "\xCC\xA3", "\xCC\x88",
        "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\xA6", "\xC2\xA0", "\xE2\x80\x8B",
        "\xE2\x80\x8D", "\xC2\xAD", "\xEF\xBB\xBF", "\xF0\x9F\x98\x80", "\xE1\x84\x80", "\xE1\x85\xA1",
        "\xE1\x86\xA8", "\xEA\xB0\x80", "\xE2\x84\xA6", "\xC3\x85", "\xE2\x84\xAB", "\xD7\x90", "\xE0\xA4\x95",
        "\xE0\xA4\xBC", "\t", "\r\n", "\r", "\xEF\xBC\xA1", "\xEF\xBF\xBD", "\xE3\x80\x80", "\xCD\x85"};
    static const std::vector<std::string> garbage = {"\x80", "\xBF", "\xC0\x80", "\xC2", "\xE2\x80", "\xED\xA0\x80",
                                                     "\xF0\x9F", "\xF5", "\xFF", "\xFE", std::string(1, '\0'),
                                                     "\xC1\xBF", "\xE0\x9F\xBF", "\xF4\x90", "\x01", "\x7F"};
    std::uniform_int_distribution<int> len_d(0, 40);
    std::uniform_int_distribution<std::size_t> vi(0, valid.size() - 1), gi(0, garbage.size() - 1);
    std::uniform_int_distribution<int> kind(0, 9), byte(0, 255);
    std::string s;
    const int len = len_d(rng);
    for (int i = 0; i < len; ++i) {
        const int k = kind(rng);
        if (valid_only || k < 6)
            s += valid[vi(rng)];
        else if (k < 8)
            s += garbage[gi(rng)];
        else
            s += static_cast<char>(byte(rng));
    }
    return s;
}

}  // namespace

TEST_CASE("normalize: property - random inputs keep every map invariant") {
    std::mt19937 rng(20221223);
    for (int iter = 0; iter < 3000; ++iter) {
        const std::string in = random_input(rng, false);
        CAPTURE(in);
        Normalized n = normalize(in);
        check_invariants(in, n);
        // the output is a fixed point: normalising it again changes nothing
        Normalized again = normalize(n.text);
        CHECK(again.text == n.text);
        CHECK(again.warnings.empty());
    }
}

TEST_CASE("normalize: property - valid text is NFC and normalising twice is stable") {
    std::mt19937 rng(42);
    for (int iter = 0; iter < 2000; ++iter) {
        const std::string in = random_input(rng, true);
        CAPTURE(in);
        Normalized n = normalize(in);
        check_invariants(in, n);
        CHECK(n.text == icu_nfc(n.text));
        for (const auto& w : n.warnings) CHECK((w.code == "crlf_normalized" || w.code == "bom_removed"));
        // NFC first, then normalise: the same text
        CHECK(normalize(icu_nfc(in)).text == n.text);
        Normalized again = normalize(n.text);
        CHECK(again.text == n.text);
        // the second pass maps every character onto itself
        for (std::size_t i = 0; i < n.text.size(); i += seq_len(n.text, i)) {
            CHECK(again.map.start_of[i] == i);
            CHECK(again.map.end_of[i] == i);
        }
        CHECK(again.map.end_of[n.text.size()] == n.text.size());
    }
}

TEST_CASE("normalize: without folded characters the text equals ICU's NFC") {
    std::mt19937 rng(7);
    const std::vector<std::string> parts = {"a", "e", "o", "A", " ", "\xCC\x81", "\xCC\xA3", "\xCC\x88", "\xCC\x8A",
                                            "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xE2\x84\xA6",
                                            "\xE0\xA4\x95", "\xE0\xA4\xBC", "\xC3\xA9", "\xE1\xBA\xA1"};
    std::uniform_int_distribution<std::size_t> pi(0, parts.size() - 1);
    for (int iter = 0; iter < 2000; ++iter) {
        std::string in;
        for (int k = 0; k < 12; ++k) in += parts[pi(rng)];
        CAPTURE(in);
        Normalized n = normalize(in);
        CHECK(n.text == icu_nfc(in));
        check_invariants(in, n);
    }
}
