// STUB: identity normaliser, replaced by the real one.
#include "normalize.hpp"

namespace warta::detail {

Normalized normalize(std::string_view input) {
    Normalized n;
    n.text.assign(input);
    n.map.start_of.resize(input.size() + 1);
    n.map.end_of.resize(input.size() + 1);
    for (std::size_t i = 0; i <= input.size(); ++i) n.map.start_of[i] = n.map.end_of[i] = static_cast<std::uint32_t>(i);
    return n;
}

}  // namespace warta::detail
