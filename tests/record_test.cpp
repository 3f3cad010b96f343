// extract's fast JSON Lines record reader against nlohmann on random records:
// whatever it accepts, nlohmann reads the same way.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "extract/record.hpp"

namespace {

// Pieces of JSON strings: plain text, escapes (valid and broken), UTF-8
// (valid, overlong, surrogate, truncated), control bytes.
const std::vector<std::string> kStringPieces = {
    "Jakarta", "Menteri Kesehatan", " ", "Rp1,5 juta", "x", "0123456789abcdef",
    "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u0041", "\\u00e9", "\\u20AC", "\\u0000",
    "\\ud83d\\ude00", "\\uD83D", "\\uDE00", "\\ud83d\\u0041", "\\x", "\\u12", "\\uzzzz", "\\",
    "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
    "\xF4\x90\x80\x80", "\xC3", "\xE2\x80", "\x80", "\xFF", "\x01", "\x1F", "\t", "\x7F", "'", "{", "}",
};

std::string random_string(std::mt19937& rng) {
    std::string s = "\"";
    const int n = static_cast<int>(rng() % 6);
    for (int k = 0; k < n; ++k) {
        // Mostly clean pieces, so that many records are valid.
        std::size_t idx = rng() % 4 == 0 ? rng() % kStringPieces.size() : rng() % 6;
        s += kStringPieces[idx];
    }
    return s + "\"";
}

std::string random_value(std::mt19937& rng) {
    switch (rng() % 12) {
        case 0: return "null";
        case 1: return "true";
        case 2: return "false";
        case 3: return std::to_string(static_cast<int>(rng() % 2000) - 1000);
        case 4: return "1.5e3";
        case 5: return "[1,\"a\"]";
        case 6: return "{\"k\":\"v\"}";
        case 7: return "nul";
        default: return random_string(rng);
    }
}

std::string random_space(std::mt19937& rng) {
    static const char* spaces[] = {"", "", "", " ", "\t", "\r", "\n", "  "};
    return spaces[rng() % 8];
}

std::string random_record(std::mt19937& rng) {
    static const std::vector<std::string> keys = {"\"text\"", "\"id\"", "\"date\"", "\"source\"", "\"te\\u0078t\"",
                                                  "\"url\"", "\"\""};
    std::string r = random_space(rng) + "{";
    const int members = static_cast<int>(rng() % 5);
    // Half the records start with a string "text", so that many are simple.
    const bool text_first = rng() % 2 == 0;
    if (text_first) r += "\"text\":" + random_string(rng);
    for (int m = 0; m < members; ++m) {
        if (m || text_first) r += ",";
        r += random_space(rng) + keys[rng() % keys.size()] + random_space(rng) + ":" + random_space(rng);
        r += random_value(rng) + random_space(rng);
    }
    r += "}" + random_space(rng);
    switch (rng() % 20) {  // occasional damage
        case 0: r.pop_back(); break;
        case 1: r.insert(rng() % (r.size() + 1), 1, static_cast<char>(rng() % 256)); break;
        case 2: r += "x"; break;
        case 3: r = "\xEF\xBB\xBF" + r; break;
        default: break;
    }
    return r;
}

}  // namespace

TEST_CASE("extract: the fast record reader agrees with nlohmann") {
    std::mt19937 rng(20261128);
    int accepted = 0, declined = 0;
    extract::SimpleRecord rec;
    for (int k = 0; k < 40000; ++k) {
        const std::string line = random_record(rng);
        const bool fast = extract::read_simple_record(line, rec);
        nlohmann::json j;
        bool parsed = true;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error&) {
            parsed = false;
        }
        if (!fast) {
            ++declined;
            continue;
        }
        ++accepted;
        INFO("line: " << line);
        REQUIRE(parsed);
        REQUIRE(j.is_object());
        REQUIRE(j.contains("text"));
        REQUIRE(j["text"].is_string());
        CHECK(j["text"].get<std::string>() == rec.text);
        if (rec.id) CHECK(j["id"] == *rec.id);
        else CHECK((!j.contains("id") || j["id"].is_null()));
        if (rec.date) CHECK(j["date"] == *rec.date);
        else CHECK((!j.contains("date") || j["date"].is_null()));
    }
    // Both paths are exercised: the generator makes many simple records and many others.
    CHECK(accepted > 3000);
    CHECK(declined > 3000);
}

TEST_CASE("extract: the fast record reader declines what only nlohmann may judge") {
    extract::SimpleRecord rec;
    CHECK(extract::read_simple_record(R"({"id":"a1","text":"Halo \u00e9 \"x\"","date":"2022-12-23"})", rec));
    CHECK(rec.text == "Halo \xC3\xA9 \"x\"");
    CHECK(rec.id == "a1");
    CHECK(rec.date == "2022-12-23");
    CHECK(extract::read_simple_record(R"({"text":"a","id":null,"lang":"id","ok":true})", rec));
    CHECK(!rec.id);
    CHECK_FALSE(extract::read_simple_record(R"({"id":7,"text":"a"})", rec));              // a number: nlohmann dumps it
    CHECK_FALSE(extract::read_simple_record(R"({"text":"a","text":"b"})", rec));          // repeated key
    CHECK_FALSE(extract::read_simple_record(R"({"text":null})", rec));                    // wrong type: its error
    CHECK_FALSE(extract::read_simple_record(R"({"text":"a","meta":{"x":1}})", rec));      // nested
    CHECK_FALSE(extract::read_simple_record("{\"text\":\"\xC3\"}", rec));                 // broken UTF-8
    CHECK_FALSE(extract::read_simple_record("{\"text\":\"a\x01\"}", rec));                // raw control byte
    CHECK_FALSE(extract::read_simple_record("\xEF\xBB\xBF{\"text\":\"a\"}", rec));        // BOM
    CHECK_FALSE(extract::read_simple_record(R"({"text":"a"} x)", rec));                   // trailing text
    CHECK_FALSE(extract::read_simple_record(R"(["text"])", rec));
}
