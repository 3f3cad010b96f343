// warta_bench: throughput of each pipeline stage and of the whole pipeline.
//
//   warta_bench [--mb N] [--corpus DIR] [--seed S] [--disable NAME]...
//
// The benchmark corpus is generated from the project's corpus/ articles,
// varied by substitution (every digit run replaced by random digits of the
// same length, capitalised names rotated through a list), so that no article
// repeats.  Reports MB/s and docs/s for: normalising, tokenizing, sentence
// splitting, the grammar stage (dates and the rest), and the full pipeline
// with JSON output, on one thread; and the Extractor's construction time.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "boilerplate.hpp"
#include "embedded.hpp"
#include "entities.hpp"
#include "grammar.hpp"
#include "persons.hpp"
#include "normalize.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<std::string> load_articles(const std::string& dir) {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().string().ends_with(".gold.json")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f);
        out.push_back(nlohmann::json::parse(in).at("text").get<std::string>());
    }
    return out;
}

// A variant of `text`: digit runs randomised (same length), some capitalised words swapped.
std::string vary(const std::string& text, std::mt19937_64& rng) {
    static const char* names[] = {"Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Palembang", "Denpasar", "Padang", "Malang", "Bogor"};
    std::string out;
    out.reserve(text.size() + 64);
    std::uniform_int_distribution<int> digit(0, 9), pick(0, 9), coin(0, 7);
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            out.push_back(static_cast<char>('0' + digit(rng)));
            ++i;
        } else if (c >= 'A' && c <= 'Z' && (i == 0 || text[i - 1] == ' ') && coin(rng) == 0) {
            std::size_t j = i;
            while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
            if (j - i >= 5) {
                out += names[pick(rng)];
                i = j;
            } else {
                out.push_back(text[i++]);
            }
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

struct Result {
    const char* what;
    double secs;
};

long peak_rss_kb() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    double mb = 20;
    std::string corpus = std::string(WARTA_SOURCE_DIR) + "/corpus";
    unsigned long seed = 1;
    warta::ExtractorOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--mb" && i + 1 < argc) mb = std::stod(argv[++i]);
        else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
        else if (a == "--seed" && i + 1 < argc) seed = std::stoul(argv[++i]);
        else if (a == "--disable" && i + 1 < argc) options.disabled.push_back(argv[++i]);
        else {
            std::cerr << "usage: warta_bench [--mb N] [--corpus DIR] [--seed S] [--disable NAME]...\n";
            return 2;
        }
    }
    auto base = load_articles(corpus);
    if (base.empty()) {
        std::cerr << "warta_bench: no .gold.json articles in " << corpus << "\n";
        return 2;
    }
    std::mt19937_64 rng(seed);
    std::vector<std::string> docs;
    std::size_t bytes = 0, target = static_cast<std::size_t>(mb * 1e6);
    for (std::size_t k = 0; bytes < target; ++k) {
        docs.push_back(vary(base[k % base.size()], rng));
        bytes += docs.back().size();
    }
    double total_mb = static_cast<double>(bytes) / 1e6;
    std::printf("corpus: %zu documents, %.1f MB (from %zu articles)\n", docs.size(), total_mb, base.size());

    auto t0 = Clock::now();
    warta::Extractor ex(options);
    double build = seconds_since(t0);
    std::printf("Extractor construction: %.1f ms (%zu rules)\n", build * 1e3, ex.rule_count());
    {
        // The entity tables alone (organizations, places, people): parsed from
        // the embedded text into the recognisers' hash tables.
        warta::detail::Tokenizer gtok;
        warta::detail::Grammar g(gtok);
        auto resolve = [](std::string_view, std::string_view name) -> std::optional<std::string> {
            for (const auto& f : warta::detail::embedded_files())
                if (f.name == name) return std::string(f.content);
            return std::nullopt;
        };
        for (const auto& f : warta::detail::embedded_files())
            if (f.name == "entities.grammar") g.load("builtin:entities.grammar", f.content, resolve);
        std::size_t bytes_tables = 0;
        for (const auto& gz : g.gazetteers()) bytes_tables += gz.content.size();
        double best = 1e9;
        for (int rep = 0; rep < 5; ++rep) {
            auto tt = Clock::now();
            warta::detail::EntityRecognizer er;
            warta::detail::PersonFinder pf;
            for (const auto& gz : g.gazetteers()) {
                if (warta::detail::PersonFinder::handles(gz.kind)) pf.add_table(gz.kind, gz.file, gz.content);
                else er.add_table(gz.kind, gz.file, gz.content);
            }
            best = std::min(best, seconds_since(tt));
        }
        std::printf("entity tables load: %.1f ms (%zu tables, %.0f KB; best of 5)\n", best * 1e3, g.gazetteers().size(),
                    static_cast<double>(bytes_tables) / 1e3);
    }

    warta::detail::Tokenizer tok;
    std::vector<Result> results;
    std::size_t sink = 0;

    t0 = Clock::now();
    for (const auto& d : docs) sink += warta::detail::normalize(d).text.size();
    results.push_back({"normalise", seconds_since(t0)});

    std::vector<warta::detail::Normalized> norms;
    norms.reserve(docs.size());
    for (const auto& d : docs) norms.push_back(warta::detail::normalize(d));

    t0 = Clock::now();
    for (const auto& n : norms) sink += warta::detail::find_boilerplate(n.text).size();
    results.push_back({"boilerplate", seconds_since(t0)});

    t0 = Clock::now();
    std::vector<std::vector<warta::detail::Tok>> toks;
    toks.reserve(docs.size());
    for (const auto& n : norms) toks.push_back(tok.tokenize(n.text));
    results.push_back({"tokenize", seconds_since(t0)});

    t0 = Clock::now();
    for (std::size_t i = 0; i < norms.size(); ++i) sink += warta::detail::split_sentences(norms[i].text, toks[i], {}).size();
    results.push_back({"sentences", seconds_since(t0)});
    norms.clear();
    toks.clear();

    t0 = Clock::now();
    for (const auto& d : docs) sink += ex.tokenize(d).sentences.size();
    double front = seconds_since(t0);
    results.push_back({"front end (tokenize())", front});

    t0 = Clock::now();
    std::size_t mentions = 0;
    for (const auto& d : docs) mentions += ex.extract(d).mentions.size();
    double full = seconds_since(t0);
    results.push_back({"extract()", full});
    results.push_back({"grammar stage (extract - front end)", full - front});

    t0 = Clock::now();
    for (const auto& d : docs) sink += warta::to_json(ex.extract(d)).size();
    results.push_back({"full pipeline + JSON", seconds_since(t0)});

    std::printf("%-38s %10s %10s\n", "stage (1 thread)", "MB/s", "docs/s");
    for (const auto& r : results)
        std::printf("%-38s %10.1f %10.0f\n", r.what, total_mb / r.secs, static_cast<double>(docs.size()) / r.secs);
    std::printf("mentions: %zu; peak RSS: %.1f MB; (checksum %zu)\n", mentions, static_cast<double>(peak_rss_kb()) / 1024.0, sink);
    return 0;
}
