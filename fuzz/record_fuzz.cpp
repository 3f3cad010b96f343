// Differential fuzz target: extract's fast JSON Lines record reader
// (tools/extract/record.cpp) against nlohmann.  Whatever the fast reader
// accepts, nlohmann must read the same way; anything else is a bug.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "extract/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    extract::SimpleRecord rec;
    if (!extract::read_simple_record(line, rec)) return 0;  // nlohmann decides those
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error&) {
        std::abort();  // accepted what nlohmann rejects
    }
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string() || j["text"].get<std::string>() != rec.text)
        std::abort();
    const bool id_ok = rec.id ? j.contains("id") && j["id"] == *rec.id : !j.contains("id") || j["id"].is_null();
    const bool date_ok = rec.date ? j.contains("date") && j["date"] == *rec.date : !j.contains("date") || j["date"].is_null();
    if (!id_ok || !date_ok) std::abort();
    return 0;
}
