// extract: finding the inputs and turning them into documents to process.
//
// Reading is separate from extraction so that a worker pool can be put
// between them: read_input() produces WorkItems in input order, and
// doc_for_input() (tools/extract.cpp) turns one WorkItem into one line of
// output without touching any shared mutable state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <warta/warta.hpp>

#include "options.hpp"

namespace extract {

/// How one input is read.
enum class Format { text, jsonl };

/// One input after expanding directories.
struct Input {
    std::string path;  ///< as given, or given directory + relative path; "-" is stdin
    Format format = Format::text;
    std::optional<warta::DocumentError> error;  ///< known failure (e.g. unreadable subdirectory)
    bool gzip = false;  ///< name ends in .gz: read through zlib
};

/// The inputs, in processing order.
struct Expansion {
    std::vector<Input> inputs;
    bool any_directory = false;  ///< a directory or a glob pattern was expanded
    std::string usage_error;  ///< non-empty: exit 2 with this reason
    /// Sum of the sizes of the inputs when all of them are regular,
    /// uncompressed files (for the progress display's ETA), else nullopt.
    std::optional<std::uint64_t> total_bytes;
};

/// Expands directories (recursively, sorted by path) and glob patterns
/// (`*`, `?`, `[...]`, `**` for any number of directories) that the shell
/// left unexpanded, and decides formats.
Expansion expand_inputs(const Settings& settings);

/// One document to process: text and metadata, or a failure found while reading.
struct WorkItem {
    std::string id;
    std::string text;
    std::optional<std::string> date;            ///< a JSONL record's "date"
    std::optional<warta::DocumentError> error;  ///< set: output an error record
    bool raw_record = false;  ///< `text` is a JSONL line still to be parsed (by parse_pending, on a worker)
    std::uint64_t input_bytes = 0;  ///< input bytes this document stands for (progress display)
};

/// Parses a WorkItem whose `raw_record` is set (a JSONL line) into the record's
/// id, text and date, or into a bad_record / too_large error.  Thread-safe.
void parse_pending(WorkItem& item, const Settings& settings);

using Sink = std::function<void(WorkItem&&)>;

/// Reads one input and passes each of its documents (one for text, one per
/// line for JSONL) to `sink`, in order.  Never throws for I/O problems: they
/// become WorkItems with an error.
void read_input(const Input& input, const Settings& settings, const Sink& sink);

/// The binary heuristic on the first bytes of a file.  Returns the reason, or
/// nullopt for text.
std::optional<std::string> binary_reason(std::string_view head);

/// Bytes looked at by binary_reason().
inline constexpr std::size_t binary_sample_bytes = 64 * 1024;

}  // namespace extract
