// extract: command-line settings and their parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace extract {

/// How an input is read.
enum class InputFormat { by_extension, text, jsonl };

/// Output layout requested on the command line.
enum class Layout { automatic, pretty, compact };

/// Everything the command line asked for.
struct Settings {
    std::vector<std::string> inputs;          ///< paths as given; "-" is standard input
    InputFormat input_format = InputFormat::by_extension;
    std::optional<std::string> ref_date;      ///< --ref-date, already validated
    bool explain = false;                     ///< --explain
    bool tokens = false;                      ///< --tokens
    bool boilerplate = true;                  ///< false with --no-boilerplate
    std::vector<std::string> grammars;        ///< --grammar (repeatable), in order
    std::vector<std::string> check_grammars;  ///< --check-grammar (repeatable): run their examples, no inputs
    std::vector<std::string> disabled;        ///< --disable (repeatable): built-in rules or files
    std::uint64_t max_bytes = std::uint64_t{64} << 20;  ///< --max-bytes
    bool force_jsonl = false;                 ///< --jsonl
    Layout layout = Layout::automatic;        ///< --pretty / --compact
    unsigned jobs = 0;                        ///< --jobs: worker threads; 0 = one per core
    std::optional<std::string> output;        ///< --output FILE (else standard output)
    bool quiet = false;                       ///< --quiet: no progress display, no summary
};

/// The outcome of parsing the command line.
struct ParseResult {
    std::optional<Settings> settings;  ///< set when the program should run
    int exit_code = 0;                 ///< when `settings` is empty: exit with this
    std::string out;                   ///< text for stdout (--help, --version)
    std::string error;                 ///< one-line usage error for stderr (exit 2)
};

/// Parses argv.  Never throws; never exits.
ParseResult parse_command_line(int argc, const char* const* argv);

/// The --help text.
std::string help_text();

}  // namespace extract
