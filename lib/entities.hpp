// Entity recogniser: organizations and places (issue 5), see docs/entities.md.
//
// Names are matched as token sequences through hash tables built from the
// `@gazetteer` tables of the loaded grammars (organizations, locations,
// location aliases, countries and foreign cities, regional patterns).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sentences.hpp"
#include "tokenize.hpp"

namespace warta::detail {

struct Ymd;

/// A table of words (byte strings, exact match) with a value each, for the many
/// lookups of one token each that the entity, person and quote layers make.
/// std::unordered_map<std::string, V> costs a murmur hash, a division and a node
/// chase per lookup; most tokens are no key, so here a cheap hash and a bit filter
/// answer most misses, and hits probe an open-addressing array.  Build, then
/// `find` is const and thread-safe; a value's address is stable once the table
/// is built (an insertion may move the values).
/// The bytes at p as a U: one unaligned load (a fixed-size memcpy).
template <class U>
U load_unaligned(const char* p) {
    U u;
    std::memcpy(&u, p, sizeof u);
    return u;
}

template <class V>
class WordTable {
public:
    /// The value of `k`, default-constructed when new.
    V& operator[](std::string_view k) {
        std::uint64_t h = hash(k);
        if (const V* v = slots_.empty() ? nullptr : find_h(k, h)) return const_cast<V&>(*v);  // our own item
        if ((items_.size() + 1) * 2 > slots_.size()) grow();
        items_.emplace_back(std::string(k), V{});
        lens_ |= 1ull << (k.size() < 63 ? k.size() : 63);
        if (!k.empty()) first_[static_cast<unsigned char>(k[0]) >> 6] |= 1ull << (k[0] & 63);
        place(h, static_cast<std::uint32_t>(items_.size()));
        return items_.back().second;
    }
    const V* find(std::string_view k) const {
        // the lengths and first bytes of the keys first: no hash for most words of a small
        // table (an empty table has no lengths: find_h is never asked with no slots)
        if (!(lens_ & (1ull << (k.size() < 63 ? k.size() : 63)))) return nullptr;
        if (!k.empty() && !(first_[static_cast<unsigned char>(k[0]) >> 6] & (1ull << (k[0] & 63)))) return nullptr;
        return find_h(k, hash(k));
    }
    bool contains(std::string_view k) const { return find(k) != nullptr; }
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    /// Room for `n` keys in all (no rehash while they are added).  (Apart from grow():
    /// the code of the tables that never reserve stays as it was.)
    void reserve(std::size_t n) {
        items_.reserve(n);
        std::size_t s = slots_.empty() ? 64 : slots_.size();
        while (s < 2 * n) s *= 2;
        if (s <= slots_.size()) return;
        slots_.assign(s, Slot{});
        filter_.assign(slots_.size() / 8, 0);
        for (std::size_t i = 0; i < items_.size(); ++i) place(hash(items_[i].first), static_cast<std::uint32_t>(i + 1));
    }
    void clear() {
        items_.clear();
        slots_.clear();
        filter_.clear();
        lens_ = 0;
        first_ = {};
    }
    /// The entries in insertion order (key, value).
    const std::vector<std::pair<std::string, V>>& items() const { return items_; }

    /// A multiply-xor hash over 8-byte loads; a short key is read as two overlapping
    /// 4-byte loads, or its first, middle and last bytes (as wyhash does), so that a
    /// word costs a few instructions, not a loop per byte.  Only the filter and the
    /// slot index use it: any two keys may collide.
    static std::uint64_t hash(std::string_view k) {
        const char* p = k.data();
        std::size_t n = k.size();
        std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
        auto mix = [](std::uint64_t a, std::uint64_t b) {
            std::uint64_t x = (a ^ b) * 0xff51afd7ed558ccdull;
            return x ^ (x >> 32);
        };
        if (n >= 8) {
            for (; n > 8; p += 8, n -= 8) h = mix(h, load_unaligned<std::uint64_t>(p));
            return mix(h, load_unaligned<std::uint64_t>(p + n - 8));  // the last 8 bytes (may overlap)
        }
        std::uint64_t w;
        if (n >= 4) w = (static_cast<std::uint64_t>(load_unaligned<std::uint32_t>(p)) << 32) | load_unaligned<std::uint32_t>(p + n - 4);
        else if (n > 0)
            w = (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
                (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) | static_cast<unsigned char>(p[n - 1]);
        else w = 0;
        return mix(h, w);
    }

private:
    /// a == b, inline: the sizes, then at most two overlapping loads for a short key (or
    /// its three bytes), 8 bytes at a time for a long one (no call per hit).
    static bool same(std::string_view a, std::string_view b) {
        std::size_t n = a.size();
        if (n != b.size()) return false;
        const char *p = a.data(), *q = b.data();
        if (n >= 8) {
            for (; n > 8; p += 8, q += 8, n -= 8)
                if (load_unaligned<std::uint64_t>(p) != load_unaligned<std::uint64_t>(q)) return false;
            return load_unaligned<std::uint64_t>(p + n - 8) == load_unaligned<std::uint64_t>(q + n - 8);
        }
        if (n >= 4) return load_unaligned<std::uint32_t>(p) == load_unaligned<std::uint32_t>(q) && load_unaligned<std::uint32_t>(p + n - 4) == load_unaligned<std::uint32_t>(q + n - 4);
        return n == 0 || (p[0] == q[0] && p[n >> 1] == q[n >> 1] && p[n - 1] == q[n - 1]);
    }
    struct Slot {
        std::uint32_t tag = 0;  // upper hash bits (a cheap first comparison)
        std::uint32_t idx = 0;  // 1 + index into items_, 0 = empty
    };
    std::vector<std::pair<std::string, V>> items_;
    std::vector<Slot> slots_;
    std::vector<std::uint64_t> filter_;  // one bit per key hash; 8 bits per slot, so at least 16 per key
    std::uint64_t lens_ = 0;                  // bit n: a key of n bytes (63: 63 or more)
    std::array<std::uint64_t, 4> first_{};    // bit b: a key whose first byte is b

    const V* find_h(std::string_view k, std::uint64_t h) const {
        if (!(filter_[(h >> 20) & (filter_.size() - 1)] & (1ull << ((h >> 26) & 63)))) return nullptr;
        std::size_t mask = slots_.size() - 1;
        auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t s = h & mask;; s = (s + 1) & mask) {
            const Slot& sl = slots_[s];
            if (sl.idx == 0) return nullptr;
            if (sl.tag == tag && same(items_[sl.idx - 1].first, k)) return &items_[sl.idx - 1].second;
        }
    }
    void place(std::uint64_t h, std::uint32_t idx) {
        filter_[(h >> 20) & (filter_.size() - 1)] |= 1ull << ((h >> 26) & 63);
        std::size_t mask = slots_.size() - 1;
        std::size_t s = h & mask;
        while (slots_[s].idx != 0) s = (s + 1) & mask;
        slots_[s] = {static_cast<std::uint32_t>(h >> 32), idx};
    }
    void grow() {
        slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, Slot{});
        filter_.assign(slots_.size() / 8, 0);
        for (std::size_t i = 0; i < items_.size(); ++i) place(hash(items_[i].first), static_cast<std::uint32_t>(i + 1));
    }
};

/// An organization or place found in the text (normalised offsets).
/// A lower-case word after which a place is where someone comes from
/// (`perenang Surabaya`, `warga Bima`, `asal Medan`): the place is a location
/// of its own, not part of an office title.
bool origin_word(std::string_view lower);

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

namespace testing {
/// Test hook: whether EntityRecognizer::find passes over the capitalised tokens at
/// which no recogniser can start a name (on by default; off: every one is tried).
/// The results are the same either way.
void set_entity_skip(bool on);
}  // namespace testing

}  // namespace warta::detail
