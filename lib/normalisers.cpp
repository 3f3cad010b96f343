// The registry of named C++ normalisers that grammar rules can call.
#include "dates.hpp"
#include "grammar.hpp"
#include "numbers.hpp"

namespace warta::detail {

const std::map<std::string, Normaliser, std::less<>>& normalisers() {
    static const auto map = [] {
        std::map<std::string, Normaliser, std::less<>> m;
        add_date_normalisers(m);
        add_number_normalisers(m);
        return m;
    }();
    return map;
}

}  // namespace warta::detail
