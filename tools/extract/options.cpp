// extract: command-line parsing with Boost.Program_options.
#include "options.hpp"

#include <boost/program_options.hpp>
#include <cctype>
#include <exception>
#include <limits>

#include <warta/warta.hpp>

namespace po = boost::program_options;

namespace extract {
namespace {

// Keeps an error message on one line, whatever a library put into it.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

// "65536", "64K", "64M", "1G" (binary multiples).  nullopt when invalid or zero.
std::optional<std::uint64_t> parse_size(const std::string& s) {
    std::uint64_t v = 0;
    std::size_t i = 0;
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
        unsigned d = static_cast<unsigned>(s[i] - '0');
        if (v > (max - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    if (i == 0) return std::nullopt;
    unsigned shift = 0;
    if (i < s.size()) {
        switch (s[i]) {
            case 'k': case 'K': shift = 10; break;
            case 'm': case 'M': shift = 20; break;
            case 'g': case 'G': shift = 30; break;
            default: return std::nullopt;
        }
        ++i;
        if (i < s.size() && (s[i] == 'i' || s[i] == 'I')) ++i;    // "64MiB"
        if (i < s.size() && (s[i] == 'b' || s[i] == 'B')) ++i;    // "64MB"
        if (i != s.size()) return std::nullopt;
    }
    if (shift != 0 && v > (max >> shift)) return std::nullopt;
    v <<= shift;
    if (v == 0) return std::nullopt;
    return v;
}

}  // namespace

std::string help_text() {
    return R"HELP(Usage: extract [OPTIONS] INPUT...

Reads Indonesian news text and prints the facts found in it (dates, numbers,
money, organisations, people, places, awards, events) as warta/1 JSON.

INPUT is a text file, a JSONL file, a directory, a quoted glob pattern, or
'-' for standard input.
  - One text input prints one pretty-printed JSON document.
  - Several inputs, a directory, a JSONL input, or --jsonl print JSON Lines:
    one compact document per line, in input order.
  - A directory is searched recursively for files ending in .txt (text) and
    .jsonl (JSONL records), and .txt.gz / .jsonl.gz (gzip), in byte order of
    their paths; other files are ignored.  Symbolic links to directories are
    not followed.
  - A quoted glob pattern ('corpus/**/*.txt'; ** is any number of
    directories) is expanded by extract, sorted by path.
  - A name ending in .gz is decompressed while reading.
  - JSONL records are {"id": ..., "text": ..., "date": "YYYY-MM-DD"}; "id"
    and "date" are optional.  "date" is the article's reference date.
  - Use '--' before a file name that starts with '-'.

Options:
  -h, --help              Print this help and exit.
      --version           Print the version ("extract (warta) X.Y.Z") and exit.
      --input-format FMT  Read every input as FMT: 'text' or 'jsonl'.  Default:
                          by extension (.jsonl is JSONL, anything else is text;
                          '-' is text unless --input-format jsonl).
      --ref-date DATE     Resolve relative and partial dates against DATE
                          (YYYY-MM-DD).  Overrides the "date" of JSONL records
                          and any dateline in the text; reference_date_source
                          becomes "option".
      --jsonl             Print JSON Lines even for a single text input.
      --pretty            Pretty-print (indent 2) every document.  With several
                          documents they are printed one after the other,
                          separated by a newline: that is NOT valid JSON Lines.
      --compact           Print every document on one line.
      --explain           Add "rule" (grammar file:line:name) to every mention
                          and event.
      --tokens            Add the token list ("tokens") to every document, for
                          debugging grammar rules.
      --no-boilerplate    Leave out the "boilerplate" list (regions such as
                          'Baca juga:' and bylines that extraction skipped).
      --grammar PATH      Load a grammar file after the built-in grammars.  May
                          be given several times; files load in the order
                          given.  A bad grammar is fatal (exit status 2).
      --check-grammar PATH
                          Load PATH (after the built-ins and any --grammar) and
                          run the examples written in its rules; print every
                          failure with the tokens the rule saw.  No INPUT is
                          read.  Exit status 0 when all pass, 1 otherwise.
      --disable NAME      Switch off a built-in rule (e.g. date.year_bare) or a
                          whole grammar file (e.g. dates.grammar) with the
                          tables it names: entities.grammar switches off
                          organizations, places and people; events.grammar
                          award events and quotations.  Repeatable.
      --max-bytes N       Refuse documents larger than N bytes with an error
                          record "too_large" (default 64M).  N may end in K, M
                          or G (powers of 1024).
  -j, --jobs N            Process documents on N threads (default: one per
                          core).  The output is the same for every N.
  -o, --output FILE       Write the output to FILE instead of standard output.
  -q, --quiet             No progress display and no summary on standard error.

Progress and summary: while the run lasts, a progress line (documents, MB,
docs/s, MB/s, ETA) is shown on standard error when it is a terminal.  At the
end a one-line summary (documents, errors, MB, time) is printed on standard
error, also when it is not a terminal; --quiet turns both off.

Errors in one document never stop the others: a document that cannot be
processed is replaced by an error record
  {"schema":"warta/1","id":...,"error":{"code":...,"message":...}}
with code read_error (missing or unreadable file), binary (not text),
too_large (over --max-bytes) or bad_record (a JSONL line that is not a valid
record; the message says FILE:LINE:COLUMN).

Examples:
  extract article.txt
      One article, pretty JSON on standard output.
  extract --ref-date 2022-12-23 article.txt
      Resolve "Jumat (23/12)" and "kemarin" against 23 December 2022.
  curl -s https://example.com/berita.txt | extract -
      Read the article from standard input.
  extract corpus/ > corpus.jsonl
      Every .txt and .jsonl file under corpus/, one JSON document per line.
  extract --input-format jsonl - < crawl.jsonl | jq -c 'select(.error)'
      JSONL records in, JSON Lines out; show the records that failed.
  extract --explain --tokens --grammar my-rules.grammar article.txt
      Debug a user grammar: which rule made each mention, and the tokens.
  extract --check-grammar my-rules.grammar
      Run the examples of a grammar file (docs/grammar.md).
  extract --jsonl a.txt b.txt c.txt | wc -l
      One output line per input document (3).
  extract --jobs 2 -o out.jsonl 'crawl/**/*.jsonl.gz'
      Every gzipped JSONL file under crawl/, on 2 threads, into out.jsonl.

Exit status:
  0  every document was processed
  1  some documents failed; each has an error record in its place and the
     others were processed
  2  usage error (unknown option, missing argument, no input, bad --ref-date,
     --input-format or --max-bytes, a directory with no .txt/.jsonl files) or
     a bad grammar; the reason is printed on standard error

Documentation: docs/cli.md (this program), docs/ in the warta source tree for
the warta/1 output contract.
)HELP";
}

ParseResult parse_command_line(int argc, const char* const* argv) {
    ParseResult r;
    Settings s;
    std::string input_format, ref_date, max_bytes, jobs, output;
    bool help = false, version = false, pretty = false, compact = false, no_boilerplate = false;

    po::options_description visible;
    visible.add_options()
        ("help,h", po::bool_switch(&help), "print help")
        ("version", po::bool_switch(&version), "print version")
        ("input-format", po::value(&input_format), "text|jsonl")
        ("ref-date", po::value(&ref_date), "YYYY-MM-DD")
        ("jsonl", po::bool_switch(&s.force_jsonl), "JSON Lines output")
        ("pretty", po::bool_switch(&pretty), "pretty output")
        ("compact", po::bool_switch(&compact), "compact output")
        ("explain", po::bool_switch(&s.explain), "add rules")
        ("tokens", po::bool_switch(&s.tokens), "add tokens")
        ("no-boilerplate", po::bool_switch(&no_boilerplate), "no boilerplate list")
        ("grammar", po::value(&s.grammars)->composing(), "grammar file")
        ("check-grammar", po::value(&s.check_grammars)->composing(), "grammar file to check")
        ("disable", po::value(&s.disabled)->composing(), "rule or file to disable")
        ("max-bytes", po::value(&max_bytes), "size limit")
        ("jobs,j", po::value(&jobs), "worker threads")
        ("output,o", po::value(&output), "output file")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress, no summary");
    po::options_description hidden;
    hidden.add_options()("input", po::value(&s.inputs)->composing(), "inputs");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);

    auto usage = [&](std::string msg) {
        r.exit_code = 2;
        r.error = one_line(std::move(msg));
        return r;
    };

    po::variables_map vm;
    try {
        const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(argc, const_cast<char**>(argv))
                      .options(all)
                      .positional(pos)
                      .style(style)
                      .run(),
                  vm);
        po::notify(vm);
    } catch (const std::exception& e) {
        return usage(e.what());
    }

    if (help) {
        r.out = help_text();
        return r;
    }
    if (version) {
        r.out = "extract (warta) " + std::string(warta::version()) + "\n";
        return r;
    }
    if (vm.count("input-format")) {
        if (input_format == "text") s.input_format = InputFormat::text;
        else if (input_format == "jsonl") s.input_format = InputFormat::jsonl;
        else return usage("invalid --input-format '" + input_format + "' (expected 'text' or 'jsonl')");
    }
    if (vm.count("ref-date")) {
        if (!warta::valid_iso_date(ref_date))
            return usage("invalid --ref-date '" + ref_date + "' (expected a real calendar date YYYY-MM-DD, e.g. 2022-12-23)");
        s.ref_date = ref_date;
    }
    if (vm.count("max-bytes")) {
        auto n = parse_size(max_bytes);
        if (!n) return usage("invalid --max-bytes '" + max_bytes + "' (expected a positive number of bytes, optionally ending in K, M or G)");
        s.max_bytes = *n;
    }
    if (vm.count("jobs")) {
        unsigned long n = 0;
        std::size_t i = 0;
        for (; i < jobs.size() && std::isdigit(static_cast<unsigned char>(jobs[i])) && n <= 1024; ++i)
            n = n * 10 + static_cast<unsigned>(jobs[i] - '0');
        if (i == 0 || i != jobs.size() || n < 1 || n > 1024)
            return usage("invalid --jobs '" + jobs + "' (expected a number of threads from 1 to 1024)");
        s.jobs = static_cast<unsigned>(n);
    }
    if (vm.count("output")) {
        if (output.empty()) return usage("--output needs a file name");
        s.output = output;
    }
    if (pretty && compact) return usage("--pretty and --compact cannot be used together");
    if (pretty && s.force_jsonl) return usage("--pretty and --jsonl cannot be used together (JSON Lines are compact)");
    s.layout = pretty ? Layout::pretty : compact ? Layout::compact : Layout::automatic;
    s.boilerplate = !no_boilerplate;
    for (const auto& g : s.check_grammars)
        if (g.empty()) return usage("--check-grammar needs a file name");
    if (!s.check_grammars.empty()) {
        if (!s.inputs.empty()) return usage("--check-grammar reads no INPUT");
        r.settings = std::move(s);
        return r;
    }
    if (s.inputs.empty()) return usage("no input (give a FILE, a DIRECTORY, or '-' for standard input)");
    std::size_t stdin_count = 0;
    for (const auto& in : s.inputs) stdin_count += in == "-";
    if (stdin_count > 1) return usage("'-' (standard input) given more than once");
    for (const auto& g : s.grammars)
        if (g.empty()) return usage("--grammar needs a file name");
    for (const auto& in : s.inputs)
        if (in.empty()) return usage("empty input file name");
    r.settings = std::move(s);
    return r;
}

}  // namespace extract
