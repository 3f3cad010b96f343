// STUB
#include "refdate.hpp"

namespace warta::detail {

std::optional<std::string> find_reference_date(std::string_view, const std::vector<Tok>&, const std::vector<Sent>&) {
    return std::nullopt;
}

}  // namespace warta::detail
