// Entity recogniser: organizations and places (issue 5), see docs/entities.md.
//
// Names are matched as token sequences through hash tables built from the
// `@gazetteer` tables of the loaded grammars (organizations, locations,
// location aliases, countries and foreign cities, regional patterns).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sentences.hpp"
#include "tokenize.hpp"

namespace warta::detail {

struct Ymd;

/// An organization or place found in the text (normalised offsets).
struct EntitySpan {
    std::uint32_t start = 0, end = 0;          ///< normalised byte span
    std::uint32_t tok_begin = 0, tok_end = 0;  ///< tokens covered [tok_begin, tok_end)
    std::string type;                          ///< "organization" or "location"
    std::string canonical;
    std::string subtype;  ///< contract subtype (ministry, agency, ..., province, city, ...)
    std::string acronym;  ///< organizations: the short form when known, else empty
    std::string code;     ///< locations: the Kemendagri code when from locations.tsv, else empty
    std::string rule;     ///< which table or pattern made it (for --explain)
};

/// Recogniser of organizations and places.  Load the tables, then `find` is
/// const and thread-safe.
class EntityRecognizer {
public:
    EntityRecognizer();
    ~EntityRecognizer();
    EntityRecognizer(const EntityRecognizer&) = delete;
    EntityRecognizer& operator=(const EntityRecognizer&) = delete;

    /// Adds a table named by `@gazetteer KIND file`: KIND `organization`,
    /// `location`, `location-alias`, `country`, `regional-pattern`, `common-word`.
    /// Other kinds are ignored (returns false).  Throws std::runtime_error on
    /// a malformed line (with file:line).
    bool add_table(std::string_view kind, std::string_view file, std::string_view content);

    /// Finds organizations and places in the normalised `text`; `reference`
    /// (the document's reference date) chooses the canonical name of the period.
    /// Result sorted by start; spans never overlap.
    std::vector<EntitySpan> find(std::string_view text, const std::vector<Tok>& toks,
                                 const std::vector<Sent>& sents, const std::optional<Ymd>& reference) const;

    /// Number of surface forms indexed (for tests).
    std::size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace warta::detail
