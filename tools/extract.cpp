// extract: the warta command-line program.  See docs/cli.md and `extract --help`.
//
// Structure (ready for a worker pool): expand_inputs() lists the inputs,
// read_input() turns each into WorkItems in order, doc_for_input() turns one
// WorkItem into one output document using only the shared const Extractor, and
// main() writes the results in order, flushing after each document so that the
// program works as a streaming filter (e.g. a Hadoop Streaming mapper).
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include <warta/warta.hpp>

#include "extract/inputs.hpp"
#include "extract/options.hpp"

namespace extract {

/// One output document.
struct Rendered {
    std::string json;     ///< without the final newline
    bool failed = false;  ///< an error record
};

/// Extracts one document and renders it.  Thread-safe (a const Extractor).
Rendered doc_for_input(const warta::Extractor& ex, const Settings& s, const WorkItem& item, int indent) {
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

int usage_error(const std::string& reason) {
    std::cerr << "extract: error: " << reason << "\nTry 'extract --help'.\n";
    return 2;
}

bool write_out(const std::string& s) {
    return std::fwrite(s.data(), 1, s.size(), stdout) == s.size() && std::fputc('\n', stdout) != EOF &&
           std::fflush(stdout) == 0;
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

    const Expansion x = expand_inputs(s);
    if (!x.usage_error.empty()) return usage_error(x.usage_error);

    bool many = s.force_jsonl || x.any_directory || x.inputs.size() > 1;
    for (const Input& in : x.inputs) many = many || in.format == Format::jsonl;
    const int indent = s.layout == Layout::pretty ? 2 : s.layout == Layout::compact ? -1 : many ? -1 : 2;

    std::optional<warta::Extractor> ex = make_extractor(s, {});
    if (!ex) return 2;
    const warta::Extractor& extractor = *ex;

    bool failed = false, write_failed = false;
    for (const Input& in : x.inputs) {
        read_input(in, s, [&](WorkItem&& item) {
            if (write_failed) return;
            Rendered r = doc_for_input(extractor, s, item, indent);
            failed = failed || r.failed;
            write_failed = !write_out(r.json);
        });
        if (write_failed) {
            std::cerr << "extract: error: cannot write the output\n";
            return 1;
        }
    }
    return failed ? 1 : 0;
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
