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
    /// read_also (Baca juga: ...), advertisement (ADVERTISEMENT, Iklan),
    /// scroll (SCROLL TO CONTINUE WITH CONTENT), video (Simak video ...,
    /// [Gambas:Video CNN]), embed (other [Gambas:...]), byline (Penulis:,
    /// Editor:, Reporter: ...), credit (Sumber:, Artikel ini telah tayang di
    /// ...), promo (Dapatkan update berita ..., ... Google News), caption
    /// (Foto: ..., Lihat Foto, a line ending in "(Foto: ...)"), copyright,
    /// navigation (Halaman selanjutnya, Selengkapnya), editor_initials
    /// ((ncm/ega) lines; also "(ant/abc)" ending the last article line after a
    /// sentence end, where the zone is just the parentheses).
    std::string kind;
};

/// Finds boilerplate in the normalised text.  Zones are sorted and disjoint.
/// A zone is a whole line without its newline and surrounding spaces (except
/// trailing editor initials).  Matching is case-insensitive except for editor
/// initials, which are lower case only ((BKN), (23/12/2022) never match).
/// Byline-like rules skip long lines (they are content).  Thread-safe; the
/// patterns are compiled once.
std::vector<Zone> find_boilerplate(std::string_view normalized);

}  // namespace warta::detail
