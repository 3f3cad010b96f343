// STUB
#include "boilerplate.hpp"

namespace warta::detail {

std::vector<Zone> find_boilerplate(std::string_view) { return {}; }

}  // namespace warta::detail
