// Smallest useful warta program: extract facts from one article and print
// the warta/1 JSON document.
//
//   example [FILE] [--ref-date YYYY-MM-DD]
//
// Without FILE it uses a short built-in text.
#include <warta/warta.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view builtin_text =
    "Kudus, 4 Juni 2024 - Pemerintah Kabupaten Kudus menerima penghargaan "
    "Adipura dari Kementerian Lingkungan Hidup dan Kehutanan di Jakarta, "
    "Selasa (4/6/2024). Ini penghargaan ketiga bagi Kudus dalam lima tahun.\n";

}  // namespace

int main(int argc, char** argv) {
    std::string path;
    warta::DocumentOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--ref-date" && i + 1 < argc) {
            options.reference_date = argv[++i];
            if (!warta::valid_iso_date(*options.reference_date)) {
                std::cerr << "example: bad --ref-date (want YYYY-MM-DD)\n";
                return 2;
            }
        } else if (arg == "-h" || arg == "--help") {
            std::cout << "usage: example [FILE] [--ref-date YYYY-MM-DD]\n";
            return 0;
        } else if (path.empty()) {
            path = arg;
        } else {
            std::cerr << "example: unexpected argument: " << arg << '\n';
            return 2;
        }
    }

    std::string text;
    if (path.empty()) {
        text = builtin_text;
        options.id = "builtin";
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << "example: cannot open " << path << '\n';
            return 1;
        }
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        options.id = path;
    }

    try {
        const warta::Extractor extractor;  // built once; extract() is const and thread-safe
        const warta::Document doc = extractor.extract(text, options);
        warta::JsonOptions json;
        json.indent = 2;
        std::cout << warta::to_json(doc, json) << '\n';
        return doc.error ? 1 : 0;
    } catch (const warta::GrammarError& e) {
        std::cerr << "example: grammar error: " << e.what() << '\n';
        return 1;
    }
}
