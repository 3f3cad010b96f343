// The grammar files and word lists embedded in the library at build time
// (lib/grammars/, see cmake/wartaEmbed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace warta::detail {

struct EmbeddedFile {
    std::string_view name;     ///< path relative to lib/grammars/ ("dates.grammar", "lists/months.tsv")
    std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace warta::detail
