// STUB: whitespace tokenizer, replaced by the real one.
#include "tokenize.hpp"

namespace warta::detail {

struct Tokenizer::Impl {};
Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;

std::vector<Tok> Tokenizer::tokenize(std::string_view text) const {
    std::vector<Tok> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
        std::size_t s = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
        if (i > s) {
            Tok t;
            t.start = static_cast<std::uint32_t>(s);
            t.end = static_cast<std::uint32_t>(i);
            t.kind = TokenKind::word;
            t.lower.assign(text.substr(s, i - s));
            t.base = t.lower;
            out.push_back(std::move(t));
        }
    }
    return out;
}

}  // namespace warta::detail
