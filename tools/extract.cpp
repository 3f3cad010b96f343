// extract: the warta command-line program.  See docs/cli.md and `extract --help`.
//
// Structure: expand_inputs() lists the inputs; a reader thread turns each into
// WorkItems in order (read_input); N worker threads turn one WorkItem into one
// output document using only the shared const Extractor (doc_for_input); the
// main thread writes the results in input order.  At most a bounded window of
// documents is in flight, so memory stays flat whatever the corpus size, and
// the output is the same for every number of workers.
#include <unistd.h>
#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <thread>

#include <warta/warta.hpp>

#include "extract/inputs.hpp"
#include "extract/options.hpp"

namespace extract {

/// One output document.
struct Rendered {
    std::string json;     ///< without the final newline
    bool failed = false;  ///< an error record
    std::uint64_t input_bytes = 0;  ///< for the progress display
};

Rendered render(const warta::Extractor& ex, const Settings& s, const WorkItem& item, int indent);

/// Extracts one document and renders it.  Thread-safe (a const Extractor).
/// Never throws: a failure becomes an error record in the document's place.
Rendered doc_for_input(const warta::Extractor& ex, const Settings& s, WorkItem& item, int indent) {
    Rendered r;
    try {
        parse_pending(item, s);
        r = render(ex, s, item, indent);
    } catch (const std::bad_alloc&) {
        r = {warta::to_json(warta::error_document(item.id, "out_of_memory", item.id + ": out of memory")), true};
    } catch (const std::exception& e) {
        r = {warta::to_json(warta::error_document(item.id, "internal_error", item.id + ": " + e.what())), true};
    }
    r.input_bytes = item.input_bytes;
    return r;
}

Rendered render(const warta::Extractor& ex, const Settings& s, const WorkItem& item, int indent) {
    warta::JsonOptions jo;
    jo.indent = indent;
    jo.explain = s.explain;
    jo.tokens = s.tokens;
    jo.boilerplate = s.boilerplate;
    if (item.error)
        return {warta::to_json(warta::error_document(item.id, item.error->code, item.error->message), jo), true};
    warta::DocumentOptions o;
    o.id = item.id;
    o.keep_tokens = s.tokens;
    o.explain = s.explain;
    if (s.ref_date) {
        o.reference_date = s.ref_date;
        o.reference_source = warta::ReferenceSource::option;
    } else if (item.date) {
        o.reference_date = item.date;
        o.reference_source = warta::ReferenceSource::metadata;
    }
    const warta::Document doc = ex.extract(item.text, o);
    return {warta::to_json(doc, jo), doc.error.has_value()};
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string fixed(double v, int decimals) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

std::string mb(std::uint64_t bytes) { return fixed(static_cast<double>(bytes) / 1e6, 1) + " MB"; }

/// The progress line on a terminal: documents, MB, docs/s, MB/s, ETA.
class Progress {
public:
    Progress(bool enabled, std::optional<std::uint64_t> total, Clock::time_point t0)
        : enabled_(enabled), total_(total), t0_(t0) {}

    void update(std::uint64_t docs, std::uint64_t bytes, bool force = false) {
        if (!enabled_) return;
        const auto now = Clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const double t = std::max(1e-9, std::chrono::duration<double>(now - t0_).count());
        std::string line = "\r\033[K" + std::to_string(docs) + " docs  " + mb(bytes) + "  " +
                           fixed(static_cast<double>(docs) / t, 0) + " docs/s  " +
                           fixed(static_cast<double>(bytes) / 1e6 / t, 2) + " MB/s";
        if (total_ && *total_ >= bytes && bytes > 0) {
            const double eta = static_cast<double>(*total_ - bytes) / (static_cast<double>(bytes) / t);
            const long e = std::lround(eta);
            char b[32];
            std::snprintf(b, sizeof b, "  ETA %ld:%02ld:%02ld", e / 3600, e / 60 % 60, e % 60);
            line += b;
        }
        std::fputs(line.c_str(), stderr);
        std::fflush(stderr);
        shown_ = true;
    }

    void clear() {
        if (!shown_) return;
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        shown_ = false;
    }

private:
    bool enabled_;
    std::optional<std::uint64_t> total_;
    Clock::time_point t0_;
    Clock::time_point last_{};
    bool shown_ = false;
};

/// Thrown by the reader's sink to stop reading.
struct Cancelled {};

/// Reader thread -> worker threads -> the calling thread, in input order, with
/// a bounded number (and size) of documents in flight.
class Pipeline {
public:
    Pipeline(const warta::Extractor& ex, const Settings& s, int indent, unsigned workers)
        : ex_(ex), s_(s), indent_(indent), workers_(workers), window_(std::max<std::uint64_t>(16, 8u * workers)) {}

    /// Processes `inputs`; calls write(Rendered&&) for every document in input
    /// order and flush() whenever no finished document is waiting.  Stops
    /// early (returns false) when write returns false.  tick() is called
    /// about every 200 ms while waiting (progress display).
    template <class Write, class Flush, class Tick>
    bool run(const std::vector<Input>& inputs, Write&& write, Flush&& flush, Tick&& tick) {
        std::thread reader([&] { read_all(inputs); });
        std::vector<std::thread> pool;
        for (unsigned i = 0; i < workers_; ++i) pool.emplace_back([&] { work(); });

        bool ok = true, unflushed = false;
        std::unique_lock l(m_);
        for (;;) {
            auto it = done_.find(written_);
            if (it == done_.end()) {
                if (reading_done_ && written_ == produced_) break;
                if (unflushed) {  // nothing ready: hand over what is written (no pipe deadlock)
                    l.unlock();
                    flush();
                    unflushed = false;
                    l.lock();
                    continue;
                }
                cv_done_.wait_for(l, std::chrono::milliseconds(200));
                l.unlock();
                tick();
                l.lock();
                continue;
            }
            Done r = std::move(it->second);
            done_.erase(it);
            ++written_;
            in_flight_bytes_ -= r.held;
            cv_space_.notify_one();
            l.unlock();
            if (!write(std::move(r))) {
                ok = false;
                l.lock();
                break;
            }
            unflushed = true;
            l.lock();
        }
        if (!ok) {
            cancel_ = true;
            cv_space_.notify_all();
            cv_jobs_.notify_all();
        }
        l.unlock();
        if (ok && unflushed) flush();
        if (!ok) return false;  // the caller exits at once: the reader may be blocked on input
        reader.join();
        for (auto& t : pool) t.join();
        if (reader_error_) std::rethrow_exception(reader_error_);
        return true;
    }

private:
    struct Job {
        std::uint64_t seq;
        WorkItem item;
        std::uint64_t held;
    };
    struct Done : Rendered {
        std::uint64_t held = 0;
    };

    // Bytes of input text in flight before the reader waits (one document is
    // always let through, whatever its size).
    static constexpr std::uint64_t budget_bytes = std::uint64_t{64} << 20;

    void read_all(const std::vector<Input>& inputs) {
        try {
            for (const Input& in : inputs) {
                read_input(in, s_, [&](WorkItem&& item) {
                    const std::uint64_t held = item.text.size() + item.id.size();
                    std::unique_lock l(m_);
                    cv_space_.wait(l, [&] {
                        const std::uint64_t n = produced_ - written_;
                        return cancel_ || (n < window_ && (n == 0 || in_flight_bytes_ + held <= budget_bytes));
                    });
                    if (cancel_) throw Cancelled{};
                    in_flight_bytes_ += held;
                    jobs_.push_back({produced_++, std::move(item), held});
                    cv_jobs_.notify_one();
                });
            }
        } catch (const Cancelled&) {
        } catch (...) {
            std::lock_guard l(m_);
            reader_error_ = std::current_exception();
        }
        std::lock_guard l(m_);
        reading_done_ = true;
        cv_jobs_.notify_all();
        cv_done_.notify_all();
    }

    void work() {
        for (;;) {
            std::unique_lock l(m_);
            cv_jobs_.wait(l, [&] { return !jobs_.empty() || reading_done_ || cancel_; });
            if (cancel_ || jobs_.empty()) return;
            Job job = std::move(jobs_.front());
            jobs_.pop_front();
            l.unlock();
            Done d;
            static_cast<Rendered&>(d) = doc_for_input(ex_, s_, job.item, indent_);
            d.held = job.held;
            job.item = WorkItem{};
            l.lock();
            const bool next = job.seq == written_;
            done_.emplace(job.seq, std::move(d));
            if (next) cv_done_.notify_one();
        }
    }

    const warta::Extractor& ex_;
    const Settings& s_;
    const int indent_;
    const unsigned workers_;
    const std::uint64_t window_;

    std::mutex m_;
    std::condition_variable cv_jobs_, cv_done_, cv_space_;
    std::deque<Job> jobs_;
    std::map<std::uint64_t, Done> done_;
    std::uint64_t produced_ = 0, written_ = 0, in_flight_bytes_ = 0;
    bool reading_done_ = false, cancel_ = false;
    std::exception_ptr reader_error_;
};

}  // namespace

namespace {

int usage_error(const std::string& reason) {
    std::cerr << "extract: error: " << reason << "\nTry 'extract --help'.\n";
    return 2;
}

bool write_line(std::FILE* out, const std::string& s) {
    return std::fwrite(s.data(), 1, s.size(), out) == s.size() && std::fputc('\n', out) != EOF;
}

// True when `output` names a file that is also one of the inputs.
bool output_is_input(const std::string& output, const std::vector<Input>& inputs) {
    struct stat o {};
    if (::stat(output.c_str(), &o) != 0) return false;
    for (const Input& in : inputs) {
        struct stat i {};
        if (in.path != "-" && ::stat(in.path.c_str(), &i) == 0 && i.st_dev == o.st_dev && i.st_ino == o.st_ino)
            return true;
    }
    return false;
}

// The Extractor for these settings (built-ins, --grammar files, then `more`),
// or nullopt after printing the grammar error.
std::optional<warta::Extractor> make_extractor(const Settings& s, const std::vector<std::string>& more) {
    warta::ExtractorOptions eo;
    eo.grammar_files = s.grammars;
    eo.grammar_files.insert(eo.grammar_files.end(), more.begin(), more.end());
    eo.disabled = s.disabled;
    try {
        return std::optional<warta::Extractor>(std::in_place, std::move(eo));
    } catch (const warta::GrammarError& e) {
        std::cerr << "extract: error: " << e.what() << '\n';
        return std::nullopt;
    }
}

// --check-grammar: load the files after the built-ins and run their examples.
int check_grammars(const Settings& s) {
    std::optional<warta::Extractor> ex = make_extractor(s, s.check_grammars);
    if (!ex) return 2;
    std::size_t failures = 0;
    for (const auto& file : s.check_grammars) {
        for (const auto& f : ex->check_examples(file)) {
            std::cout << f.where << ": rule " << f.rule << ": " << f.message << '\n';
            ++failures;
        }
    }
    std::cout << (failures ? std::to_string(failures) + " example(s) failed" : std::string("all examples pass")) << '\n';
    return failures ? 1 : 0;
}

int run(int argc, char** argv) {
    ParseResult parsed = parse_command_line(argc, argv);
    if (!parsed.settings) {
        if (!parsed.error.empty()) return usage_error(parsed.error);
        std::fwrite(parsed.out.data(), 1, parsed.out.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    const Settings& s = *parsed.settings;
    if (!s.check_grammars.empty()) return check_grammars(s);

    const auto t0 = Clock::now();
    const Expansion x = expand_inputs(s);
    if (!x.usage_error.empty()) return usage_error(x.usage_error);
    if (s.output && output_is_input(*s.output, x.inputs))
        return usage_error("--output '" + *s.output + "' is also an input");

    bool many = s.force_jsonl || x.any_directory || x.inputs.size() > 1;
    for (const Input& in : x.inputs) many = many || in.format == Format::jsonl;
    const int indent = s.layout == Layout::pretty ? 2 : s.layout == Layout::compact ? -1 : many ? -1 : 2;

    std::optional<warta::Extractor> ex = make_extractor(s, {});
    if (!ex) return 2;

    std::FILE* out = stdout;
    if (s.output) {
        out = std::fopen(s.output->c_str(), "wb");
        if (!out) {
            std::cerr << "extract: error: cannot open --output '" << *s.output << "': " << std::strerror(errno) << '\n';
            return 2;
        }
    }
    // On a terminal every document is flushed at once; otherwise output is
    // buffered and flushed whenever no finished document is waiting (see
    // docs/cli.md: a pipe never waits on a buffer while extract waits on input).
    const bool out_tty = ::isatty(::fileno(out)) != 0;
    static char buffer[1 << 16];
    if (!out_tty) std::setvbuf(out, buffer, _IOFBF, sizeof buffer);

    const unsigned workers = s.jobs ? s.jobs : std::max(1u, std::thread::hardware_concurrency());
    const bool show_progress = !s.quiet && ::isatty(STDERR_FILENO) && !out_tty;
    Progress progress(show_progress, x.total_bytes, t0);

    std::uint64_t docs = 0, errors = 0, bytes = 0;
    Pipeline pipeline(*ex, s, indent, workers);
    const bool ok = pipeline.run(
        x.inputs,
        [&](Rendered&& r) {
            ++docs;
            errors += r.failed;
            bytes += r.input_bytes;
            if (!write_line(out, r.json)) return false;
            if (out_tty && std::fflush(out) != 0) return false;
            progress.update(docs, bytes);
            return true;
        },
        [&] { std::fflush(out); },
        [&] { progress.update(docs, bytes); });
    progress.clear();
    if (!ok || std::ferror(out) || std::fflush(out) != 0 || (s.output && std::fclose(out) != 0)) {
        std::cerr << "extract: error: cannot write the output" << (s.output ? " to '" + *s.output + "'" : std::string())
                  << ": " << std::strerror(errno) << '\n';
        std::fflush(stderr);
        std::_Exit(1);  // worker and reader threads may still be blocked on input
    }
    if (!s.quiet) {
        const double t = seconds_since(t0);
        std::cerr << "extract: " << docs << (docs == 1 ? " document" : " documents") << ", " << errors
                  << (errors == 1 ? " error" : " errors") << ", " << mb(bytes) << " in " << fixed(t, 2) << " s ("
                  << fixed(static_cast<double>(docs) / std::max(t, 1e-9), 1) << " docs/s, "
                  << fixed(static_cast<double>(bytes) / 1e6 / std::max(t, 1e-9), 2) << " MB/s, " << workers
                  << (workers == 1 ? " job" : " jobs") << ")\n";
    }
    return errors ? 1 : 0;
}

}  // namespace
}  // namespace extract

int main(int argc, char** argv) {
    try {
        return extract::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "extract: error: " << e.what() << '\n';
        return 2;
    }
}
