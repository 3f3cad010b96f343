// The library's embedded grammar files, for tests that load them into a
// Grammar of their own.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embedded.hpp"
#include "grammar.hpp"

namespace warta::test_support {

/// A grammar's resolver over the embedded files (word lists by name).
inline std::optional<std::string> embedded_file(std::string_view /*from*/, std::string_view name) {
    for (const auto& f : detail::embedded_files())
        if (f.name == name) return std::string(f.content);
    return std::nullopt;
}

/// Loads every built-in grammar file into `g` by name, as the Extractor does;
/// with every load check unless `built_in`.  Throws GrammarError.
inline void load_builtin_grammars(detail::Grammar& g, bool built_in = false) {
    std::vector<const detail::EmbeddedFile*> files;
    for (const auto& f : detail::embedded_files())
        if (f.name.ends_with(".grammar")) files.push_back(&f);
    std::sort(files.begin(), files.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (const auto* f : files) g.load("builtin:" + std::string(f->name), f->content, embedded_file, built_in);
}

}  // namespace warta::test_support
