// warta — structured facts from Indonesian news text.
//
// This header is the whole public interface and its manual.  It uses standard
// C++20 types only; ICU, RE2 and the JSON library stay inside the library.
//
//   #include <warta/warta.hpp>
//
//   warta::Extractor ex;                        // built once: grammars compiled here
//   warta::Document doc = ex.extract(text);     // any number of times, any thread
//   std::cout << warta::to_json(doc) << '\n';   // the warta/1 contract
//
// Thread safety: an Extractor is immutable after construction.  `extract` is
// `const` and may be called concurrently from any number of threads on one
// shared Extractor.  Documents are plain values.
//
// Errors: a bad grammar is fatal and reported by the constructor (it throws
// warta::GrammarError naming file:line:column).  A bad document is never fatal:
// `extract` does not throw; invalid UTF-8, NUL bytes and the like become
// `warnings`, and anything that prevents processing becomes `Document::error`.
//
// Offsets: every `start`/`end` in a Document is a UTF-8 byte offset into the
// exact input given to `extract`, half-open, and `input.substr(start, end -
// start) == text` holds for every mention, token, trigger and argument.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace warta {

/// The schema name written into every output document.
inline constexpr std::string_view schema_name = "warta/1";

/// The library version ("MAJOR.MINOR.PATCH").
std::string_view version() noexcept;

/// A normalised value: absent, boolean, integer, real number or string.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

/// Named fields of a mention, in output order (`value`, `canonical`, `unit` ...).
using Fields = std::vector<std::pair<std::string, Value>>;

/// A byte span of the input with its text.
struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string text;
};

/// One sentence: byte offsets into the input.
struct Sentence {
    std::size_t start = 0;
    std::size_t end = 0;
};

/// A mention: a typed span (`date`, `number`, `organization` ...) with fields.
struct Mention {
    std::string id;    ///< "m1", "m2" ... in document order
    std::string type;  ///< contract mention type
    Span span;
    Fields fields;     ///< type-specific fields (see docs/contract.md)
    std::string rule;  ///< "file:line:name" of the rule that made it (always kept; written with --explain)

    /// The field named `name`, or nullptr.
    const Value* field(std::string_view name) const noexcept;
};

/// One argument of an event.
struct EventArg {
    std::string role;
    Span span;
    std::string mention;  ///< id of the mention it is built on, or empty
    Value value;          ///< normalised value, or monostate
};

/// An event: a trigger and its arguments, within one sentence.
struct Event {
    std::string id;  ///< "e1", "e2" ...
    std::string type;
    Span trigger;
    std::size_t sentence = 0;  ///< index into Document::sentences
    std::vector<EventArg> args;
    /// `quote` events: true for words in quotation marks, false for reported
    /// speech (`X mengatakan bahwa …`, `Menurut X, …`); unset for other types.
    std::optional<bool> direct;
    std::string rule;
};

/// Something a reader should know (`invalid_utf8`, `weekday_mismatch` ...).
struct Warning {
    std::string code;
    std::string message;
    std::optional<std::size_t> start;  ///< byte span the warning is about, if any
    std::optional<std::size_t> end;
};

/// A region of the input recognised as page boilerplate (`Baca juga: ...`,
/// bylines, `ADVERTISEMENT`, editor initials); nothing is extracted from it.
struct Boilerplate {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string kind;  ///< `read_also`, `byline`, `advertisement`, `editor_initials` ...
};

/// A candidate that lost (kept with DocumentOptions::explain): why a rule did not fire.
struct Rejected {
    std::string type;
    Span span;
    std::string rule;    ///< "file:line:name"
    std::string reason;  ///< "overlaps the winner FILE:LINE:NAME", "inside block ...", "normalizer ... rejected it"
};

/// The kind of a token.
enum class TokenKind : std::uint8_t {
    word,          ///< letters (possibly with digits, hyphens, a clitic)
    number,        ///< digits with separators: 1.500.000, 2,5, 10.00, 23/12/2022
    abbreviation,  ///< a word with dots: H., S.H., dll., Jl.
    punctuation,
    symbol,        ///< currency signs, %, &, ...
    url,
    email,
    hashtag,
    handle,
    other,
};

/// The letter-case shape of a token.
enum class TokenShape : std::uint8_t {
    lower,        ///< meraih
    capitalized,  ///< Jumat
    upper,        ///< BKN
    mixed,        ///< KemenPPPA, iPhone
    digits,       ///< 2022, 1.500
    alnum,        ///< QZ8501, Covid-19, ke-74
    punct,        ///< ( , . " —
    other,
};

/// A token, for debugging rules (`extract --tokens`) and for library users.
struct Token {
    std::size_t start = 0;  ///< byte offsets into the input
    std::size_t end = 0;
    std::string text;   ///< the input bytes
    std::string norm;   ///< normalised form (NFC, quotes and dashes folded)
    std::string lower;  ///< lower-case normalised form
    std::string base;   ///< lower-case base: clitic removed (pihaknya -> pihak), reduplication reduced (penghargaan-penghargaan -> penghargaan)
    TokenKind kind = TokenKind::other;
    TokenShape shape = TokenShape::other;
    bool boilerplate = false;  ///< inside a boilerplate region
};

std::string_view to_string(TokenKind) noexcept;
std::string_view to_string(TokenShape) noexcept;

/// A document-level failure (the document could not be processed).
struct DocumentError {
    std::string code;  ///< `read_error`, `empty`, `binary`, `too_large`, `bad_record` ...
    std::string message;
};

/// The result of extraction: the warta/1 document.
struct Document {
    std::string id;
    std::optional<std::string> reference_date;         ///< "YYYY-MM-DD"
    std::optional<std::string> reference_date_source;  ///< "option", "metadata", "dateline"
    std::vector<Sentence> sentences;
    std::vector<Mention> mentions;
    std::vector<Event> events;
    std::vector<Warning> warnings;
    std::vector<Boilerplate> boilerplate;
    std::vector<Token> tokens;                 ///< filled only with DocumentOptions::keep_tokens
    std::vector<Rejected> rejected;            ///< filled only with DocumentOptions::explain
    std::optional<DocumentError> error;        ///< set when the document could not be processed
};

/// Where a caller-supplied reference date came from.
enum class ReferenceSource : std::uint8_t { option, metadata };

/// Per-document options.
struct DocumentOptions {
    std::string id{};                             ///< copied into Document::id
    std::optional<std::string> reference_date{};  ///< "YYYY-MM-DD"; else found in the text
    ReferenceSource reference_source = ReferenceSource::option;
    bool keep_tokens = false;                     ///< fill Document::tokens
    bool explain = false;                         ///< fill Document::rejected (the candidates that lost)
};

/// Construction options.
struct ExtractorOptions {
    std::vector<std::string> grammar_files{};  ///< user grammar files, loaded after the built-ins
    std::vector<std::string> disabled{};       ///< built-in rules or files to disable, by name
    bool builtin_grammars = true;            ///< load the embedded grammars
};

/// A grammar file could not be loaded: `what()` is "file:line:column: rule NAME: reason".
class GrammarError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The extractor.  Build once, share freely (see the header comment).
class Extractor {
public:
    /// Compiles the embedded grammars and the user's.  Throws GrammarError.
    explicit Extractor(ExtractorOptions options = {});
    ~Extractor();
    Extractor(Extractor&&) noexcept;
    Extractor& operator=(Extractor&&) noexcept;
    Extractor(const Extractor&) = delete;
    Extractor& operator=(const Extractor&) = delete;

    /// Extracts from one UTF-8 document.  Never throws.
    Document extract(std::string_view utf8, const DocumentOptions& options = {}) const noexcept;

    /// Tokenizes only (normalise, boilerplate, tokenize, sentence split).
    Document tokenize(std::string_view utf8, const DocumentOptions& options = {}) const noexcept;

    /// One failed grammar example.
    struct ExampleFailure {
        std::string where;    ///< "file:line" of the example (or of the rule)
        std::string rule;     ///< the rule's name
        std::string message;  ///< what was expected, what was found, and the tokens the rule saw
    };

    /// Runs the examples written in the grammar rules (all loaded rules, or only
    /// those of grammar files whose name ends with `file`).  A rule without a
    /// positive example is a failure.  Empty result: every example passes.
    std::vector<ExampleFailure> check_examples(std::string_view file = {}) const;

    /// The number of loaded, enabled rules.
    std::size_t rule_count() const noexcept;

    struct Impl;

private:
    Impl* impl_;
};

/// JSON output options.
struct JsonOptions {
    int indent = -1;       ///< -1: one line; n >= 0: pretty with n spaces
    bool explain = false;  ///< add `rule` to mentions and events
    bool tokens = false;   ///< add `tokens` (when the document kept them)
    bool boilerplate = true;  ///< add `boilerplate` regions
};

/// The warta/1 JSON text of a document.
std::string to_json(const Document& doc, const JsonOptions& options = {});

/// A warta/1 error record for a document that could not be processed.
Document error_document(std::string id, std::string code, std::string message);

/// Checks a "YYYY-MM-DD" string (a real calendar date).
bool valid_iso_date(std::string_view s) noexcept;

}  // namespace warta
