// Boilerplate recognition: page leftovers that are not part of the article.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::detail {

/// A boilerplate region of the normalised text (byte offsets, half-open).
struct Zone {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::string kind;  ///< read_also, advertisement, scroll, video, byline, credit, copyright, caption, editor_initials
};

/// Finds boilerplate in the normalised text.  Zones are sorted and disjoint.
std::vector<Zone> find_boilerplate(std::string_view normalized);

}  // namespace warta::detail
