// A date pattern that warta does not know, added from a grammar file at run
// time (docs/grammar.md, "Tutorial").
//
//   user_grammar GRAMMAR [TEXT]
//
// Checks the grammar's examples, then extracts TEXT (or a built-in sentence)
// and prints the dates found with the rule that made each.
#include <iostream>
#include <warta/warta.hpp>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: user_grammar GRAMMAR [TEXT]\n";
        return 2;
    }
    try {
        warta::ExtractorOptions opt;
        opt.grammar_files.push_back(argv[1]);
        const warta::Extractor ex(opt);
        for (const auto& f : ex.check_examples(argv[1])) {
            std::cerr << f.where << ": rule " << f.rule << ": " << f.message << '\n';
            return 1;
        }
        std::string text = argc > 2 ? argv[2] : "Jakarta - Ribuan warga memadati Glodok saat Imlek 2024, Sabtu (10/2/2024).";
        warta::Document doc = ex.extract(text);
        for (const auto& m : doc.mentions) {
            if (m.type != "date") continue;
            const auto* v = m.field("value");
            std::cout << m.span.text << " = " << (v ? std::get<std::string>(*v) : "?") << "  [" << m.rule << "]\n";
        }
    } catch (const warta::GrammarError& e) {
        std::cerr << "user_grammar: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
