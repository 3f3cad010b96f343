// Work grows linearly with input: the work counters (the matcher's units
// visited, positions through the prefix gate, RE2 calls; the entity and
// person layers' tokens, candidates and table look-ups) for a text of n articles and
// for one of 4n articles must be in the ratio 4 (within 10 %), for a varied
// corpus and for one long sentence.  Counts, not timings.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grammar.hpp"
#include "warta/warta.hpp"

namespace {

warta::detail::WorkCounters work_for(const warta::Extractor& ex, const std::string& text) {
    auto& w = warta::detail::work_counters();
    w = {};
    warta::DocumentOptions opt;
    opt.reference_date = "2023-06-01";
    (void)ex.extract(text, opt);
    return w;
}

void check_ratio(std::uint64_t small, std::uint64_t big, const char* what) {
    INFO(what << ": " << small << " -> " << big);
    REQUIRE(small > 0);
    double r = static_cast<double>(big) / static_cast<double>(small);
    CHECK(r > 3.6);
    CHECK(r < 4.4);
}

}  // namespace

TEST_CASE("linear work: 4x the articles, 4x the matcher's work") {
    std::vector<std::string> texts;
    for (const auto& e : std::filesystem::directory_iterator(WARTA_SOURCE_DIR "/corpus")) {
        if (!e.path().string().ends_with(".gold.json")) continue;
        std::ifstream in(e.path());
        texts.push_back(nlohmann::json::parse(in).at("text").get<std::string>());
    }
    std::sort(texts.begin(), texts.end());
    REQUIRE(texts.size() >= 8);
    std::string one, four;
    for (std::size_t i = 0; i < 8; ++i) one += texts[i] + "\n";
    for (int k = 0; k < 4; ++k) four += one;
    const warta::Extractor ex;
    auto a = work_for(ex, one), b = work_for(ex, four);
    check_ratio(a.units, b.units, "units");
    check_ratio(a.gate_passes, b.gate_passes, "gate passes");
    check_ratio(a.re2_calls, b.re2_calls, "RE2 calls");
    check_ratio(a.overlap_steps, b.overlap_steps, "overlap steps");
    // the entity and person layers
    check_ratio(a.entity_tokens, b.entity_tokens, "entity tokens");
    check_ratio(a.entity_candidates, b.entity_candidates, "entity candidates");
    check_ratio(a.entity_lookups, b.entity_lookups, "entity lookups");
    check_ratio(a.person_tokens, b.person_tokens, "person tokens");
    check_ratio(a.person_lookups, b.person_lookups, "person lookups");
}

TEST_CASE("linear work: one sentence without a full stop, 4x longer") {
    std::string piece = "warga menerima 12 ribu paket dan 3,5 persen bantuan di Kota Bandung pada 12 Maret 2023 ";
    std::string one, four;
    for (int i = 0; i < 200; ++i) one += piece;
    for (int i = 0; i < 800; ++i) four += piece;
    const warta::Extractor ex;
    auto a = work_for(ex, one), b = work_for(ex, four);
    check_ratio(a.units, b.units, "units");
    check_ratio(a.re2_calls, b.re2_calls, "RE2 calls");
    check_ratio(a.overlap_steps, b.overlap_steps, "overlap steps");
    check_ratio(a.entity_tokens, b.entity_tokens, "entity tokens");
    check_ratio(a.person_tokens, b.person_tokens, "person tokens");
    // a capitalised run is looked up at most 24 tokens long
    CHECK(b.entity_lookups <= 25 * std::max<std::uint64_t>(b.entity_candidates, 1));
}
