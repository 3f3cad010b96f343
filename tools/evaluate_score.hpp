// warta evaluator: scoring of warta/1 documents against gold annotations.
//
// This is a faithful C++ port of the reference scorer (score.py of the shared
// gold format): every figure, every message and the JSON summary are meant to
// be byte-identical to it on the same inputs.  Where the reference would crash
// (a field of the wrong type), this code picks a documented, non-crashing
// behaviour instead (see docs/evaluate.md).
//
// Values are nlohmann::ordered_json so that object key order (which shows in
// the Python-style messages) is the order of the input.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace warta::eval {

using Json = nlohmann::ordered_json;

// ---- Python semantics helpers ------------------------------------------

/// Python `str.casefold()` (ICU full case folding, C+F).
std::string casefold(std::string_view utf8);
/// The scorer's fold(): casefold, drop "(...)" groups, drop the words `ri` and
/// `republik indonesia`, turn characters that are not \w, whitespace or '-'
/// into spaces, collapse whitespace.
std::string fold(std::string_view utf8);
/// fold() of a JSON value as `fold(x)` in the scorer: falsy values fold to "";
/// strings fold; other values fold their Python str() (the reference crashes).
std::string fold_value(const Json& v);

/// Python `repr()` / `str()` of a JSON value (None, True, 1.5, 'text', [..], {..}).
std::string py_repr(const Json& v);
std::string py_str(const Json& v);
/// Python `repr()` of a float.
std::string py_float_repr(double x);
/// Python truthiness.
bool py_truthy(const Json& v);
/// Python `==` (numbers and booleans compare numerically).
bool py_equal(const Json& a, const Json& b);
/// A JSON number or boolean as Python sees it (True == 1), else nullopt.
std::optional<long double> py_number(const Json& v);
/// Python `float(x)`: nullopt where it raises.
std::optional<double> py_float(const Json& v);
/// Python `float(str)`.
std::optional<double> py_float(std::string_view s);
/// The scorer's close(): both null, or math.isclose(float(a), float(b), 1e-9, 1e-9).
bool close(const Json& a, const Json& b);
/// Python `" ".join(s.split())` (Unicode whitespace).
std::string collapse_ws(std::string_view utf8);
/// Python `bytes.decode("utf-8", "replace")`, re-encoded as UTF-8.
std::string decode_replace(std::string_view bytes);
/// Python `round(x, 4)`.
double py_round4(double x);
/// UTF-8 <-> code points (decoding as decode_replace does).
std::u32string decode32(std::string_view bytes);
std::string encode8(std::u32string_view s);
/// The scorer's date check: str(predicted value), with seconds and zone
/// removed when the gold value has no zone, equals the gold value.
bool date_value_ok(const Json& predicted, const std::string& gold_value);

// ---- inputs ------------------------------------------------------------

/// Bad input: the message reads "FILE:LINE: reason".
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Why a gold record is unusable, or empty when it is fine.
std::string validate_gold(const Json& rec);

struct GoldRecord {
    Json rec;
    std::string file;
    std::size_t line = 0;
};

/// Records of one gold file (a `.json` file holding one object, or JSON Lines).
/// Throws InputError.
std::vector<GoldRecord> load_gold_file(const std::string& path);
/// Gold records of files and directories (searched recursively for
/// `*.gold.json` and `*.jsonl`, sorted).  Throws InputError.
std::vector<GoldRecord> load_gold(const std::vector<std::string>& paths);
/// warta/1 documents of a JSON Lines file, in order.  Throws InputError.
std::vector<Json> load_predictions(const std::string& path);

// ---- scoring -----------------------------------------------------------

struct PRF {
    long tp = 0, fp = 0, fn = 0;
    /// precision, recall, F1 (0 where undefined).
    std::array<double, 3> f() const;
};

/// Category names in output order: dates ... locations, award_events,
/// award_args, quotes, quote_speakers.
const std::vector<std::string>& categories();

struct Scores {
    std::vector<std::pair<std::string, PRF>> totals;  ///< in categories() order
    long unit_ok = 0, unit_n = 0, weekday_ok = 0, weekday_n = 0, title_ok = 0, title_n = 0,
         ref_ok = 0, ref_n = 0, violations = 0, missing_docs = 0, error_docs = 0;
    std::vector<std::string> errors;      ///< --show-errors lines
    std::vector<std::string> violation_lines;  ///< up to 5 per document
    /// Beyond score.py: `<type>_events`/`<type>_args` for every event type
    /// other than award and quote, and `quotes_direct`/`quotes_indirect`
    /// (+ `_speakers`), in the order first seen.  Printed after the shared figures.
    std::deque<std::pair<std::string, PRF>> extra;  ///< a deque: extra_at's references stay valid as rows are added

    Scores();
    PRF& extra_at(const std::string& cat);
    PRF& at(std::string_view cat);
    const PRF& at(std::string_view cat) const;
    PRF mentions_micro() const;
};

struct ScoreOptions {
    bool exact = false;  ///< NER convention: same start and end, no value check
};

/// Adds one gold record (validated) and its prediction (nullptr: missing).
void score_document(Scores& s, const Json& rec, const Json* doc, const ScoreOptions& opt = {});

/// Contract violations of one document against the input bytes.
std::vector<std::string> contract_violations(const Json& doc, std::string_view text);

/// Byte spans of gold items, successive occurrences for repeated strings.
/// A span end may be absent (nullopt) only for malformed items.
using NumSpan = std::pair<std::optional<long double>, std::optional<long double>>;
std::vector<NumSpan> locate(std::string_view text, const Json& items);

/// The printed table (and the error list with show_errors), as score.py prints it.
std::string format_table(const Scores& s, bool show_errors);
/// The JSON summary, as score.py's --json writes it (indent 1, no final newline).
std::string format_json(const Scores& s);

/// Scores a whole set: gold records (last record of an id wins, at the place of
/// the first) against documents matched by id (last one wins).
Scores score_all(const std::vector<GoldRecord>& gold, const std::vector<Json>& preds,
                 const ScoreOptions& opt = {});

}  // namespace warta::eval
