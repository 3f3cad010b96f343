// Number normalisers (see numbers.hpp).
#include "numbers.hpp"

namespace warta::detail {

void add_number_normalisers(std::map<std::string, Normaliser, std::less<>>&) {}

}  // namespace warta::detail
