// extract: finding the inputs and turning them into documents to process.
//
// Reading is separate from extraction so that a worker pool can be put
// between them: read_input() produces WorkItems in input order, and
// doc_for_input() (tools/extract.cpp) turns one WorkItem into one line of
// output without touching any shared mutable state.
#pragma once

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
};

/// The inputs, in processing order.
struct Expansion {
    std::vector<Input> inputs;
    bool any_directory = false;
    std::string usage_error;  ///< non-empty: exit 2 with this reason
};

/// Expands directories (recursively, sorted by path) and decides formats.
Expansion expand_inputs(const Settings& settings);

/// One document to process: text and metadata, or a failure found while reading.
struct WorkItem {
    std::string id;
    std::string text;
    std::optional<std::string> date;            ///< a JSONL record's "date"
    std::optional<warta::DocumentError> error;  ///< set: output an error record
};

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
