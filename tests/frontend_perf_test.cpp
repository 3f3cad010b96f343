// The front end's fast paths give exactly what the general code gives:
// the tokenizer's (testing::tokenize_general runs every token through the
// general scanner) on every corpus article and on random text.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "normalize.hpp"
#include "refdate.hpp"
#include "tokenize.hpp"

namespace {

using warta::detail::Tok;

const warta::detail::Tokenizer& tok() {
    static const warta::detail::Tokenizer t;
    return t;
}

// Empty when equal, else a description of the first difference.
std::string diff(std::string_view text, const std::vector<Tok>& a, const std::vector<Tok>& b) {
    std::size_t n = std::min(a.size(), b.size());
    for (std::size_t k = 0; k < n; ++k) {
        const Tok &x = a[k], &y = b[k];
        if (x.start != y.start || x.end != y.end || x.kind != y.kind || x.shape != y.shape ||
            x.space_before != y.space_before || x.newline_before != y.newline_before || x.lower != y.lower ||
            x.base != y.base) {
            std::ostringstream o;
            o << "token " << k << ": fast [" << x.start << "," << x.end << ") '"
              << text.substr(x.start, x.end - x.start) << "' lower '" << x.lower << "' base '" << x.base << "' kind "
              << static_cast<int>(x.kind) << " shape " << static_cast<int>(x.shape) << " sp " << x.space_before
              << x.newline_before << "; general [" << y.start << "," << y.end << ") '"
              << text.substr(y.start, y.end - y.start) << "' lower '" << y.lower << "' base '" << y.base << "' kind "
              << static_cast<int>(y.kind) << " shape " << static_cast<int>(y.shape) << " sp " << y.space_before
              << y.newline_before;
            return o.str();
        }
    }
    if (a.size() != b.size()) return "token counts differ: " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    return {};
}

void check_same(std::string_view text) {
    std::string d = diff(text, tok().tokenize(text), warta::detail::testing::tokenize_general(text));
    INFO("input: " << text);
    CHECK_MESSAGE(d.empty(), d);
}

}  // namespace

TEST_CASE("frontend: tokenizer fast paths equal the general path on the corpus") {
    std::size_t articles = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(WARTA_SOURCE_DIR) + "/corpus")) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        nlohmann::json j = nlohmann::json::parse(in);
        std::string text = j.at("text").get<std::string>();
        check_same(text);
        check_same(warta::detail::normalize(text).text);
        ++articles;
    }
    CHECK(articles >= 80);
}

TEST_CASE("frontend: tokenizer fast paths equal the general path on random text") {
    const std::vector<std::string> alphabet = {
        "a", "B", "z", "Q", "ab", "Cd", "EF", "gH", "1", "9", "0", " ", " ", "  ", "\n", "\r", "\t", ".", "..", ",",
        ";", "-", "/", ":", "'", "\"", "(", ")", "@", "#", "_", "$", "%", "+", "&", "*", "!", "?", "\x01", "\x7f",
        "Rp", "rp", "US", "dll", "nya", "lah", "kah", "pun", "Jl", "H", "S.H", "www.", ".com", ".id", "http://", "a@b",
        "mailto", "\xC3\xA9", "\xC3\x89", "\xCC\x81", "\xF0\x9F\x91\x8D", "\xEF\xBF\xBD", "\xE2\x80\xA6",
        "\xE4\xB8\xAD", "\xE2\x80\xA8", "\xE2\x80\x83", "\xC2\xAD", "\xE2\x80\x8B", "ke-", "2022", "pihaknya",
        "masalah", "sekolah", "kupu-kupu", "berturut-turut", "Allah", "AKBP", "PROF", "1.500", "2,5", "09:15",
        "23/12", "50%", "3+", "5G", "2022-12-23",
    };
    std::mt19937 rng(4242);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> len(0, 50);
    for (int iter = 0; iter < 20000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
        check_same(s);
    }
    // Long letter runs around the 64-byte look-ahead of scan().
    for (std::size_t n = 60; n <= 70; ++n)
        for (const char* tail : {"", " ", ".", "@x.com", ".com", "-nya", ":", ","}) check_same(std::string(n, 'a') + tail);
    // Random bytes.
    std::uniform_int_distribution<int> byte(0, 255);
    for (int iter = 0; iter < 5000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += static_cast<char>(byte(rng));
        check_same(s);
    }
}

// The normaliser's 8-byte scan of plain ASCII: on ASCII input the result is
// easy to state byte by byte; random strings put the control characters, DEL
// and line ends at every offset of the 8-byte words.
TEST_CASE("frontend: normalize on ASCII input, byte by byte") {
    const std::string bytes = std::string("abcXYZ09 .,-'\"\n\n\n\r\t\v\f\x01\x1f\x7f\x7e\x20") + std::string(1, '\0');
    std::mt19937 rng(99);
    std::uniform_int_distribution<std::size_t> pick(0, bytes.size() - 1);
    std::uniform_int_distribution<int> len(0, 40);
    std::uniform_int_distribution<int> coin(0, 3);
    for (int iter = 0; iter < 20000; ++iter) {
        std::string s;
        const bool mostly_plain = coin(rng) != 0;
        for (int k = len(rng); k > 0; --k) s += mostly_plain && coin(rng) ? 'a' + static_cast<char>(k % 26) : bytes[pick(rng)];
        std::string want;
        std::vector<std::uint32_t> start;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            std::string out;
            std::size_t src = 1;
            if (c == '\r') {
                out = "\n";
                if (i + 1 < s.size() && s[i + 1] == '\n') src = 2;
            } else if (c == 0) {
                out = "\xEF\xBF\xBD";
            } else if (c == '\n' || (c >= 0x20 && c < 0x7F)) {
                out = std::string(1, static_cast<char>(c));
            } else {
                out = " ";
            }
            want += out;
            for (std::size_t k = 0; k < out.size(); ++k) start.push_back(static_cast<std::uint32_t>(i));
            i += src - 1;
        }
        start.push_back(static_cast<std::uint32_t>(s.size()));
        auto got = warta::detail::normalize(s);
        INFO("input length " << s.size());
        CHECK(got.text == want);
        CHECK(got.map.start_of == start);
    }
}

// The reference date's pre-checks are necessary conditions: whenever the
// pattern (copied from lib/refdate.cpp) matches, the pre-check says it may.
TEST_CASE("frontend: refdate pre-checks never reject a match") {
    const RE2 numeric(R"((\d{1,4})([/.-])(\d{1,2})([/.-])(\d{1,4}))");
    const RE2 written(R"((\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{4}))");
    const std::vector<std::string> alphabet = {
        "1", "12", "2022", "123", "0", " ", "  ", "\t", "\n", "\v", "\f", "/", ".", "-", ",", "(", ")", "Des",
        "Desember", "mei", "September", "abcdefghij", "x", "AB", ".", "Jumat", "\xC3\xA9", "23/12/2022",
        "1.500.000", "23 Desember 2022", "tahun 2022", "12345", "2022 Jan. 2023", "1 Mei", "Mei 2023",
    };
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> len(0, 24);
    std::size_t matched_n = 0, matched_w = 0;
    for (int iter = 0; iter < 50000; ++iter) {
        std::string s;
        for (int k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
        const auto may = warta::detail::testing::possible_dates(s);
        re2::StringPiece mn, mw;
        const bool n = numeric.Match(s, 0, s.size(), RE2::UNANCHORED, &mn, 1);
        const bool w = written.Match(s, 0, s.size(), RE2::UNANCHORED, &mw, 1);
        matched_n += n;
        matched_w += w;
        INFO("input: " << s);
        CHECK((may.numeric || !n));
        CHECK((may.written || !w));
        // The first match starts at or after the offset the search starts from.
        if (n) CHECK(static_cast<std::size_t>(mn.data() - s.data()) >= may.numeric_from);
        if (w) CHECK(static_cast<std::size_t>(mw.data() - s.data()) >= may.written_from);
    }
    CHECK(matched_n > 1000);
    CHECK(matched_w > 1000);
}
