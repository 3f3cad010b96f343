// warta_bench: throughput of each pipeline stage and of the whole pipeline.
//
//   warta_bench [--mb N] [--corpus DIR] [--seed S] [--threads N] [--disable NAME]...
//   warta_bench [--input FILE.jsonl] [--threads N] [--disable NAME]...
//   warta_bench --write-corpus FILE.jsonl [--mb N] [--corpus DIR] [--seed S]
//
// The benchmark corpus is generated from the project's corpus/ articles,
// varied by substitution (corpus_gen.hpp: dates in the styles the articles
// use, numbers, capitalised names), and no two documents are the same.
// Reports MB/s and docs/s for: normalising, tokenizing, sentence splitting,
// the grammar stage (dates and the rest), and the full pipeline with JSON
// output, on one thread; the same loops again on N threads sharing one
// Extractor (default: one per core), with the speed-up; the Extractor's
// construction time (median of seven); peak RSS (the whole process, and the
// full pipeline's peak over the corpus held in memory); the load average,
// since the machine may be shared.
//
// --write-corpus writes the generated corpus as JSONL ({"id","text","date"},
// the input format of `extract`) instead of measuring anything.
// --input measures on the texts of a JSONL file instead of a generated corpus.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "boilerplate.hpp"
#include "corpus_gen.hpp"
#include "embedded.hpp"
#include "entities.hpp"
#include "grammar.hpp"
#include "normalize.hpp"
#include "persons.hpp"
#include "sentences.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// User + system CPU time of the whole process: on a shared machine a stage's
// MB per CPU-second moves less than its MB per wall-clock second.
double cpu_seconds() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    auto s = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
    return s(ru.ru_utime) + s(ru.ru_stime);
}

struct Timing {
    double secs;  ///< wall clock
    double cpu;   ///< CPU, all threads
};

struct Span {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_seconds();
    Timing took() const { return {seconds_since(wall), cpu_seconds() - cpu}; }
};

struct Result {
    const char* what;
    Timing t;
};

long peak_rss_kb() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// VmRSS / VmHWM of /proc/self/status in KB, -1 when unavailable.
long proc_status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(key)) return std::stol(line.substr(std::string(key).size()));
    return -1;
}

// Resets the peak RSS (VmHWM) of this process (Linux >= 4.0); false when it cannot.
bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

// Runs f(i) for every i < n on `threads` threads (work handed out one document at a time).
template <class F>
Timing run_parallel(unsigned threads, std::size_t n, std::size_t& sink, F f) {
    std::atomic<std::size_t> next{0}, total{0};
    Span span;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            std::size_t local = 0;
            for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) local += f(i);
            total += local;
        });
    for (auto& th : pool) th.join();
    Timing t = span.took();
    sink += total;
    return t;
}

// The first three fields of /proc/loadavg ("" when unavailable): the machine may be shared.
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return in ? a + " " + b + " " + c : std::string();
}

int usage() {
    std::cerr << "usage: warta_bench [--mb N] [--corpus DIR] [--seed S] [--input FILE.jsonl] [--threads N]\n"
                 "                   [--disable NAME]... [--write-corpus FILE.jsonl]\n";
    return 2;
}

int run(int argc, char** argv) {
    double mb = 20;
    std::string corpus = std::string(WARTA_SOURCE_DIR) + "/corpus";
    std::string write_corpus, input;
    unsigned long seed = 1;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    warta::ExtractorOptions options;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string a = argv[i];
            if (a == "--mb" && i + 1 < argc) mb = std::stod(argv[++i]);
            else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
            else if (a == "--seed" && i + 1 < argc) seed = std::stoul(argv[++i]);
            else if (a == "--threads" && i + 1 < argc) threads = static_cast<unsigned>(std::stoul(argv[++i]));
            else if (a == "--disable" && i + 1 < argc) options.disabled.push_back(argv[++i]);
            else if (a == "--write-corpus" && i + 1 < argc) write_corpus = argv[++i];
            else if (a == "--input" && i + 1 < argc) input = argv[++i];
            else return usage();
        }
    } catch (const std::exception&) {
        return usage();
    }
    if (threads == 0 || mb <= 0) return usage();

    std::vector<std::string> docs;
    std::size_t bytes = 0;
    const auto target = static_cast<std::size_t>(mb * 1e6);
    if (!input.empty()) {
        std::ifstream in(input);
        if (!in) {
            std::cerr << "warta_bench: cannot read " << input << "\n";
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            docs.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
            bytes += docs.back().size();
        }
        std::printf("corpus: %zu documents, %.1f MB (from %s)\n", docs.size(), static_cast<double>(bytes) / 1e6,
                    input.c_str());
    } else {
        auto base = warta::bench::load_articles(corpus);
        if (base.empty()) {
            std::cerr << "warta_bench: no .gold.json articles in " << corpus << "\n";
            return 2;
        }
        if (!write_corpus.empty()) {
            std::ofstream out(write_corpus, std::ios::binary);
            if (!out) {
                std::cerr << "warta_bench: cannot create " << write_corpus << "\n";
                return 2;
            }
            auto t0 = Clock::now();
            auto st = warta::bench::generate(base, target, seed, [&](warta::bench::BenchDoc&& d) {
                nlohmann::ordered_json j;
                j["id"] = d.id;
                j["text"] = d.text;
                j["date"] = d.date ? nlohmann::ordered_json(*d.date) : nlohmann::ordered_json(nullptr);
                out << j.dump() << '\n';
            });
            out.close();
            if (!out) {
                std::cerr << "warta_bench: error writing " << write_corpus << "\n";
                return 2;
            }
            std::printf("wrote %s: %zu documents, %.1f MB of text, %.1f MB JSONL (from %zu articles, seed %lu, %.1f s); "
                        "all %zu texts distinct (%zu variants redrawn)\n",
                        write_corpus.c_str(), st.documents, static_cast<double>(st.bytes) / 1e6,
                        static_cast<double>(std::filesystem::file_size(write_corpus)) / 1e6, base.size(), seed,
                        seconds_since(t0), st.documents, st.redraws);
            return 0;
        }
        auto st = warta::bench::generate(base, target, seed,
                                         [&](warta::bench::BenchDoc&& d) { docs.push_back(std::move(d.text)); });
        bytes = st.bytes;
        std::printf("corpus: %zu documents, %.1f MB (from %zu articles; all texts distinct)\n", docs.size(),
                    static_cast<double>(bytes) / 1e6, base.size());
    }
    if (docs.empty()) {
        std::cerr << "warta_bench: no documents\n";
        return 2;
    }
    const std::string load_at_start = load_average();
    const double total_mb = static_cast<double>(bytes) / 1e6;
    const auto ndocs = static_cast<double>(docs.size());

    // Construction: the first run, then the median of seven more.
    auto t0 = Clock::now();
    warta::Extractor ex(options);
    double first_build = seconds_since(t0);
    std::vector<double> builds;
    for (int rep = 0; rep < 7; ++rep) {
        auto tb = Clock::now();
        warta::Extractor again(options);
        builds.push_back(seconds_since(tb));
    }
    std::sort(builds.begin(), builds.end());
    std::printf("Extractor construction: %.1f ms (%zu rules; median of %zu, min %.1f, max %.1f, first %.1f ms)\n",
                builds[builds.size() / 2] * 1e3, ex.rule_count(), builds.size(), builds.front() * 1e3,
                builds.back() * 1e3, first_build * 1e3);
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
    std::vector<Result> results, par;
    std::size_t sink = 0;
    Span span;

    span = Span{};
    for (const auto& d : docs) sink += warta::detail::normalize(d).text.size();
    results.push_back({"normalise", span.took()});

    std::vector<warta::detail::Normalized> norms;
    norms.reserve(docs.size());
    for (const auto& d : docs) norms.push_back(warta::detail::normalize(d));

    span = Span{};
    for (const auto& n : norms) sink += warta::detail::find_boilerplate(n.text).size();
    results.push_back({"boilerplate", span.took()});

    // The tokens for the sentence splitter (also the tokenizer's warm-up);
    // then the tokenizer timed alone, each document's tokens dropped as the
    // pipeline drops them.
    std::vector<std::vector<warta::detail::Tok>> toks;
    toks.reserve(docs.size());
    for (const auto& n : norms) toks.push_back(tok.tokenize(n.text));
    auto tokenize_one = [&](std::size_t i) { return tok.tokenize(norms[i].text).size(); };
    results.push_back({"tokenize", run_parallel(1, norms.size(), sink, tokenize_one)});

    span = Span{};
    for (std::size_t i = 0; i < norms.size(); ++i) sink += warta::detail::split_sentences(norms[i].text, toks[i], {}).size();
    results.push_back({"sentences", span.took()});

    if (threads > 1) {  // the same loops on N threads
        par.push_back({"normalise", run_parallel(threads, docs.size(), sink, [&](std::size_t i) {
                           return warta::detail::normalize(docs[i]).text.size();
                       })});
        par.push_back({"boilerplate", run_parallel(threads, norms.size(), sink, [&](std::size_t i) {
                           return warta::detail::find_boilerplate(norms[i].text).size();
                       })});
        par.push_back({"tokenize", run_parallel(threads, norms.size(), sink, tokenize_one)});
        par.push_back({"sentences", run_parallel(threads, norms.size(), sink, [&](std::size_t i) {
                           return warta::detail::split_sentences(norms[i].text, toks[i], {}).size();
                       })});
    }
    toks.clear();
    toks.shrink_to_fit();
    norms.clear();
    norms.shrink_to_fit();

    span = Span{};
    for (const auto& d : docs) sink += ex.tokenize(d).sentences.size();
    Timing front = span.took();
    results.push_back({"front end (tokenize())", front});

    span = Span{};
    std::size_t mentions = 0;
    for (const auto& d : docs) mentions += ex.extract(d).mentions.size();
    Timing full = span.took();
    results.push_back({"extract()", full});
    results.push_back({"grammar stage (extract - front end)", {full.secs - front.secs, full.cpu - front.cpu}});

    // Memory: what the benchmark holds now (the corpus), then the peak over it
    // while the full pipeline runs, on one thread and on N.
    malloc_trim(0);  // give back what the stage measurements freed
    const long base_rss = proc_status_kb("VmRSS:");
    bool peaks = reset_peak_rss();
    span = Span{};
    for (const auto& d : docs) sink += warta::to_json(ex.extract(d)).size();
    results.push_back({"full pipeline + JSON", span.took()});
    const long peak1 = proc_status_kb("VmHWM:");

    long peakn = -1;
    if (threads > 1) {
        par.push_back({"front end (tokenize())", run_parallel(threads, docs.size(), sink, [&](std::size_t i) {
                           return ex.tokenize(docs[i]).sentences.size();
                       })});
        par.push_back({"extract()", run_parallel(threads, docs.size(), sink,
                                                 [&](std::size_t i) { return ex.extract(docs[i]).mentions.size(); })});
        par.push_back({"grammar stage (extract - front end)",
                       {par.back().t.secs - par[par.size() - 2].t.secs, par.back().t.cpu - par[par.size() - 2].t.cpu}});
        peaks = peaks && reset_peak_rss();
        par.push_back({"full pipeline + JSON", run_parallel(threads, docs.size(), sink, [&](std::size_t i) {
                           return warta::to_json(ex.extract(docs[i])).size();
                       })});
        peakn = proc_status_kb("VmHWM:");
    }

    std::printf("%-38s %10s %10s %10s\n", "stage (1 thread)", "MB/s", "docs/s", "MB/CPU-s");
    for (const auto& r : results)
        std::printf("%-38s %10.1f %10.0f %10.1f\n", r.what, total_mb / r.t.secs, ndocs / r.t.secs, total_mb / r.t.cpu);
    if (threads > 1) {
        char head[64];
        std::snprintf(head, sizeof head, "stage (%u threads, one Extractor)", threads);
        std::printf("%-38s %10s %10s %10s %9s\n", head, "MB/s", "docs/s", "MB/CPU-s", "speed-up");
        for (const auto& r : par) {
            double one = 0;
            for (const auto& s : results)
                if (std::string_view(s.what) == r.what) one = s.t.secs;
            std::printf("%-38s %10.1f %10.0f %10.1f %8.2fx\n", r.what, total_mb / r.t.secs, ndocs / r.t.secs,
                        total_mb / r.t.cpu, one / r.t.secs);
        }
    } else {
        std::printf("(1 thread: no multi-thread figures; --threads N asks for them)\n");
    }
    std::printf("mentions: %zu; peak RSS: %.1f MB; (checksum %zu)\n", mentions, static_cast<double>(peak_rss_kb()) / 1024.0, sink);
    if (peaks && base_rss > 0 && peak1 > 0) {
        std::printf("memory: %.1f MB resident before the full pipeline (Extractor, ICU data, the corpus of %.1f MB); "
                    "its peak over that: +%.1f MB on 1 thread",
                    static_cast<double>(base_rss) / 1024.0, total_mb, static_cast<double>(peak1 - base_rss) / 1024.0);
        if (peakn > 0) std::printf(", +%.1f MB on %u threads", static_cast<double>(peakn - base_rss) / 1024.0, threads);
        std::printf("\n");
    } else {
        std::printf("memory: per-phase peaks unavailable (/proc/self/clear_refs not writable)\n");
    }
    std::printf("load average: %s at the start, %s at the end (%u hardware threads)\n", load_at_start.c_str(),
                load_average().c_str(), std::thread::hardware_concurrency());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {  // a grammar error, a bad --input line, a full disk
        std::cerr << "warta_bench: " << e.what() << "\n";
        return 2;
    }
}
