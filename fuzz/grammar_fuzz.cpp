// libFuzzer target: the grammar loader (lib/grammar.hpp, internal) on
// arbitrary grammar text.  A bad grammar must be a GrammarError naming
// file:line:column, never a crash, a hang or another exception.  Word lists
// named by the grammar resolve to a small fixed list.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <warta/warta.hpp>

#include "grammar.hpp"
#include "tokenize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const warta::detail::Tokenizer tokenizer;
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    auto resolve = [](std::string_view, std::string_view name) -> std::optional<std::string> {
        if (name.size() > 4 && name.substr(name.size() - 4) == ".tsv")
            return std::string("# fuzz list\nsatu\t1\ndua puluh\t20\nimlek 2024\t2024-02-10\n");
        return std::nullopt;
    };
    try {
        warta::detail::Grammar g(tokenizer);
        g.load("fuzz.grammar", content, resolve);
        g.compile();
    } catch (const warta::GrammarError& e) {
        const std::string_view w = e.what();
        if (w.empty()) std::abort();
    }
    return 0;
}
