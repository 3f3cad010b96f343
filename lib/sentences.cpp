// STUB: one sentence per line, replaced by the real splitter.
#include "sentences.hpp"

namespace warta::detail {

std::vector<Sent> split_sentences(std::string_view text, const std::vector<Tok>& tokens, const std::vector<Zone>&) {
    std::vector<Sent> out;
    std::uint32_t b = 0;
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        bool last = i + 1 == tokens.size();
        bool nl = !last && text.substr(tokens[i].end, tokens[i + 1].start - tokens[i].end).find('\n') != std::string_view::npos;
        if (last || nl) {
            out.push_back({tokens[b].start, tokens[i].end, b, i + 1});
            b = i + 1;
        }
    }
    return out;
}

}  // namespace warta::detail
