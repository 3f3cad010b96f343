// Entity recogniser: organizations and places (issue 5).  See docs/entities.md
// for the rules; the tables live in lib/grammars/gazetteers/.
#include "entities.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <array>
#include <atomic>
#include <deque>
#include <initializer_list>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "grammar.hpp"

namespace warta::detail {

namespace {

// ---- small string helpers ---------------------------------------------------

char lower_c(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string upper_ascii(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return r;
}

/// Trims and collapses runs of white space to one space.
std::string collapse(std::string_view s) {
    // most fields have nothing to trim or collapse (one comparison per byte to see
    // that): copied as they are
    std::size_t k = 0;
    for (const std::size_t n = s.size(); k < n; ++k)
        if (static_cast<unsigned char>(s[k]) <= ' ' && (s[k] != ' ' || k == 0 || k + 1 == n || s[k + 1] == ' ')) break;
    if (k == s.size()) return std::string(s);
    std::string r(s.size(), '\0');  // (never longer than s)
    std::size_t n = 0;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = n != 0;
            continue;
        }
        if (space) r[n++] = ' ';
        space = false;
        r[n++] = c;
    }
    r.resize(n);
    return r;
}

/// Up to 8 fields (more: size() reports 9, so a row with too many columns is caught).
struct Fields8 {
    std::array<std::string_view, 9> f{};
    std::size_t n = 0;
    std::size_t size() const { return n; }
    std::string_view operator[](std::size_t i) const { return f[i]; }
};

Fields8 split(std::string_view s, char sep) {
    Fields8 out;
    const char* p = s.data();
    const char* const e = p + s.size();
    while (true) {
        const void* q = (out.n == 8 || p == e) ? nullptr : std::memchr(p, sep, static_cast<std::size_t>(e - p));
        if (!q) {
            out.f[out.n++] = std::string_view(p, static_cast<std::size_t>(e - p));
            return out;
        }
        const char* c = static_cast<const char*>(q);
        out.f[out.n++] = std::string_view(p, static_cast<std::size_t>(c - p));
        p = c + 1;
    }
}

bool is_lower_c(char c) { return c >= 'a' && c <= 'z'; }

/// An ASCII letter or digit, or a byte of a UTF-8 sequence: by a table (one load per
/// byte where a key's bytes are walked).
bool is_alnum_c(char c) {
    static constexpr auto table = [] {
        std::array<bool, 256> t{};
        for (int b = 0; b < 256; ++b)
            t[static_cast<std::size_t>(b)] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
        return t;
    }();
    return table[static_cast<unsigned char>(c)];
}
bool is_upper_c(char c) { return c >= 'A' && c <= 'Z'; }

/// No ASCII lower-case letter and at least one upper-case one.
bool all_caps(std::string_view s) {
    bool up = false;
    for (char c : s) {
        if (is_lower_c(c)) return false;
        up = up || is_upper_c(c);
    }
    return up;
}

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (is_lower_c(c) || is_upper_c(c)) ? 1 : 0;
    return n;
}

/// `text` (as written) may stand for the table's `surface`: the same letters
/// ignoring case, with the first letter of every word (after a space or a
/// hyphen) in the surface's case; or the text is ALL CAPS (a dateline,
/// a headline) of at least `caps_min` letters.  Single-word short forms must
/// match exactly (`KemenPPPA`), unless in capitals.
bool case_ok(std::string_view text, std::string_view surface, bool strict_single, std::size_t caps_min = 4) {
    if (text == surface) return true;
    if (text.size() != surface.size()) return false;
    if (all_caps(text) && !all_caps(surface) && letters(text) >= caps_min) return upper_ascii(surface) == text;
    if (strict_single && surface.find(' ') == std::string_view::npos) return false;
    bool word_start = true;
    for (std::size_t k = 0; k < text.size(); ++k) {
        char a = text[k], b = surface[k];
        if (word_start) {
            if (a != b) return false;
        } else if (lower_c(a) != lower_c(b)) {
            return false;
        }
        word_start = (a == ' ' || a == '-');
    }
    return true;
}

bool starts_upper(std::string_view s) { return !s.empty() && (is_upper_c(s[0]) || static_cast<unsigned char>(s[0]) >= 0xC3); }

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return 0;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool is_roman(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c != 'I' && c != 'V' && c != 'X' && c != 'L') return false;
    return true;
}

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string contract_subtype(std::string_view s) {
    if (s == "police" || s == "military") return "agency";
    if (s == "university" || s == "hospital") return "other";
    static const std::array<std::string_view, 8> ok{"ministry", "agency", "local_government", "legislature",
                                                    "court", "company", "political_party", "other"};
    for (auto o : ok)
        if (o == s) return std::string(s);
    return "other";
}

/// A fixed word list as a WordTable (a lookup per candidate token: cheaper than
/// std::unordered_set's hash and node chase).
using WordSet = WordTable<char>;
WordSet word_set(std::initializer_list<std::string_view> words) {
    WordSet t;
    for (auto w : words) t[w] = 1;
    return t;
}

// Words that begin an organization's name (for acronym definitions and sub-units).
const WordSet& org_heads() {
    static const WordSet s = word_set({
        "badan", "dinas", "kementerian", "komisi", "lembaga", "balai", "dewan", "majelis", "ikatan", "himpunan",
        "persatuan", "yayasan", "satuan", "direktorat", "kantor", "pengurus", "organisasi", "otoritas", "rumah",
        "komando", "kepolisian", "kejaksaan", "pengadilan", "pemerintah", "universitas", "institut", "sekolah",
        "perusahaan", "korps", "asosiasi", "gabungan", "perkumpulan", "pusat", "biro", "unit", "sekretariat",
        "kamar", "serikat", "federasi", "forum", "gerakan", "komite", "konsorsium", "koperasi", "partai",
        "politeknik", "akademi", "inspektorat", "perhimpunan", "aliansi", "bank", "tentara", "angkatan",
        "pangkalan", "markas", "detasemen", "direktorat", "subdirektorat", "divisi", "staf", "tim",
        "satgas", "gugus", "perum", "mahkamah", "pt", "ps"});
    return s;
}

}  // namespace

bool origin_word(std::string_view lw) {
    static const WordSet s = word_set({
        "asal", "dari", "warga", "perenang", "atlet", "pemain", "pesilat", "pelari", "petinju", "pegulat",
        "karateka", "lifter", "pebulu", "pecatur", "pesenam", "pemanah", "penembak", "pembalap", "pesepeda",
        "pendayung", "judoka", "kontingen", "duta", "wakil", "utusan", "putra", "putri"});
    return s.contains(lw);
}

namespace {

// Weekday and month names: never a place or a seat.
bool calendar_word(std::string_view lw) {
    static const WordSet s = word_set({"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "januari",
                                       "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
                                       "oktober", "november", "desember"});
    return s.contains(lw);
}

// Words that join the parts of a name (kept inside it).
bool connector(std::string_view lw) {
    return lw == "dan" || lw == "serta" || lw == "untuk" || lw == "," || lw == "/" || lw == "-" || lw == "&" ||
           lw == "bin" || lw == "binti" || lw == "di" || lw == "atas" || lw == "dr." || lw == "ke";
}

// Words before an ambiguous short form that show it is an organization.
bool org_cue(std::string_view lw) {
    static const WordSet s = word_set({
        "pihak", "oleh", "partai", "ketua", "kepala", "anggota", "fraksi", "kader", "hakim", "putusan",
        "sidang", "gugatan", "ke", "dari", "bersama", "dengan", "lembaga", "institusi", "direktur", "rektor",
        "mahasiswa", "dosen", "nasabah", "bank", "saham", "pimpinan", "sekjen", "pengurus", "dpp", "dpw", "dpd",
        "dpc", "juru", "dukungan", "koalisi", "tim", "antara", "menurut", "kata"});
    return s.contains(lw);
}

// Level words before a place.
enum class Level { none, province, regency, city, district, village };

Level level_word(std::string_view lw) {
    // every level word starts with one of these letters (most words are none: answer them first)
    if (lw.empty() || (lw[0] != 'p' && lw[0] != 'k' && lw[0] != 'd' && lw[0] != 'n' && lw[0] != 'g')) return Level::none;
    if (lw == "provinsi" || lw == "prov.") return Level::province;
    if (lw == "kabupaten" || lw == "kab.") return Level::regency;
    if (lw == "kota") return Level::city;
    if (lw == "kecamatan" || lw == "kec.") return Level::district;
    if (lw == "desa" || lw == "kelurahan" || lw == "kel." || lw == "dusun" || lw == "kampung" || lw == "nagari" ||
        lw == "gampong")
        return Level::village;
    return Level::none;
}

const char* level_name(Level l) {
    switch (l) {
        case Level::province: return "Provinsi";
        case Level::regency: return "Kabupaten";
        case Level::city: return "Kota";
        case Level::district: return "Kecamatan";
        default: return "";
    }
}

Level level_of_type(std::string_view t) {
    if (t == "province") return Level::province;
    if (t == "regency") return Level::regency;
    if (t == "city") return Level::city;
    if (t == "district") return Level::district;
    return Level::none;
}

// Heads of venues and natural places: the head + capitalised words is a location.
const WordSet& venue_heads() {
    static const WordSet s = word_set({
        "bandara", "stadion", "gedung", "gelanggang", "pasar", "pelabuhan", "terminal", "masjid", "gereja",
        "pura", "klenteng", "vihara", "lapangan", "alun-alun", "taman", "pantai", "danau", "gunung", "sungai",
        "pulau", "laut", "selat", "teluk", "bendungan", "waduk", "jembatan", "monumen", "istana", "kompleks",
        "komplek", "hotel", "bukit", "lembah", "tanjung", "kepulauan", "selat", "samudra", "samudera", "perairan",
        "pegunungan", "hutan", "kawah", "candi", "museum", "jl.", "jalan", "bandar", "embarkasi", "asrama",
        "wisma", "graha", "aula", "pendopo", "pendapa", "simpang", "perumahan", "kampus", "gerbang", "tol",
        "balai", "rusun", "rusunawa", "kebun", "pabrik", "tambak", "dermaga", "stasiun", "ruas", "koridor",
        "auditorium", "sasana", "plaza", "kali", "gelora"});
    return s;
}
bool venue_head_one(std::string_view lw) { return venue_heads().contains(lw); }

// School levels (`SMA Negeri 1 Selong`).
const WordSet& school_words() {
    static const WordSet s = word_set({"sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn",
                                       "mi", "min", "mts", "mtsn", "slb", "sdit", "smpit", "smait"});
    return s;
}
bool school_word(std::string_view lw) { return school_words().contains(lw); }

// Every word that level_word, venue_head_one, org_heads or school_word knows (one
// lookup for Doc::may_match instead of four).
const WordSet& head_words() {
    static const WordSet s = [] {
        WordSet t = word_set({"provinsi", "prov.", "kabupaten", "kab.", "kota", "kecamatan", "kec.", "desa",
                              "kelurahan", "kel.", "dusun", "kampung", "nagari", "gampong"});
        for (const WordSet* w : {&venue_heads(), &org_heads(), &school_words()})
            for (const auto& it : w->items()) t[it.first] = 1;
        return t;
    }();
    return s;
}

}  // namespace

namespace {
std::atomic<bool> g_entity_skip{true};  // see testing::set_entity_skip
}  // namespace

namespace testing {
void set_entity_skip(bool on) { g_entity_skip.store(on, std::memory_order_relaxed); }
}  // namespace testing

// ---- the tables ----------------------------------------------------------------

struct EntityRecognizer::Impl {
    struct OrgRow {
        std::string surface, canonical, subtype, acronym;
        int from = 0, to = 0;
        bool ambiguous = false;
    };
    struct Area {
        std::string code, type, name, parent;
        Area(std::string_view c, std::string_view t, std::string n, std::string_view p)
            : code(c), type(t), name(std::move(n)), parent(p) {}
    };
    struct Foreign {
        std::string name, subtype, canonical;
    };
    struct Regional {
        std::string head, base, subtype, policy, shortform;
    };
    enum class LocKind : std::uint8_t { area, alias, foreign };
    struct LocEntry {
        LocKind kind;
        std::uint32_t idx;
        std::string_view surface;  ///< in `arena`
    };

    /// Append-only storage for the tables' strings (keys, surfaces): blocks that never
    /// move, so views into them stay valid for the recogniser's lifetime (a table's
    /// text may be the caller's temporary).
    class Arena {
    public:
        std::string_view keep(std::string_view s) {
            if (s.empty()) return std::string_view("", 0);
            if (s.size() > left_) {
                std::size_t n = std::max<std::size_t>(s.size(), kBlock);
                blocks_.emplace_back(new char[n]);
                p_ = blocks_.back().get();
                left_ = n;
            }
            std::memcpy(p_, s.data(), s.size());
            std::string_view r(p_, s.size());
            p_ += s.size();
            left_ -= s.size();
            return r;
        }

    private:
        static constexpr std::size_t kBlock = 64 * 1024;
        std::vector<std::unique_ptr<char[]>> blocks_;
        char* p_ = nullptr;
        std::size_t left_ = 0;
    };

    /// The rows of one key: the first inline (most keys have one row: no allocation),
    /// all of them in a vector from the second on.  Contiguous either way.
    template <class T>
    class Rows {
    public:
        void push_back(const T& x) {
            if (n_ == 0) {
                one_ = x;
            } else {
                if (n_ == 1) more_.push_back(one_);
                more_.push_back(x);
            }
            ++n_;
        }
        const T* begin() const { return n_ <= 1 ? &one_ : more_.data(); }
        const T* end() const { return begin() + n_; }
        std::size_t size() const { return n_; }

    private:
        T one_{};
        std::uint32_t n_ = 0;
        std::vector<T> more_;
    };

    /// Objects whose addresses never change (blocks of kBlock), for the index's row pointers.
    template <class T>
    class Pool {
    public:
        T& add() {
            if (n_ % kBlock == 0) blocks_.emplace_back(new T[kBlock]);
            return blocks_.back()[n_++ % kBlock];
        }
        std::size_t size() const { return n_; }

    private:
        static constexpr std::size_t kBlock = 1024;
        std::vector<std::unique_ptr<T[]>> blocks_;
        std::size_t n_ = 0;
    };

    std::vector<OrgRow> orgs;
    std::vector<Area> areas;
    WordTable<std::uint32_t> area_by_code;
    std::vector<Foreign> foreign;
    std::vector<Regional> regionals;
    std::unordered_set<std::string> stopwords;
    Arena arena;
    /// The rows of each key, per table (the index points at them): organizations,
    /// places, places by name without spaces (Palangkaraya), regional patterns.
    Pool<Rows<std::uint32_t>> org_rows, reg_rows;
    Pool<Rows<LocEntry>> loc_rows, nospace_rows;

    /// What the tables hold under one hash (key_hash) of a lower-case key: whether it is
    /// the hash of a key prefix (at token-like boundaries; a collision only lets the
    /// matcher look one token further, as before), the key that has this hash (the
    /// first one met) and its rows.  When different keys share a hash (`collided`),
    /// the others are in `overflow` and lookups compare the keys, so a hash collision
    /// never changes a result.
    struct KeyInfo {
        bool prefix = false;
        bool collided = false;
        std::uint32_t key_n = 0;
        const char* key_p = nullptr;  ///< the key (in `arena`), nullptr: only a prefix
        const Rows<std::uint32_t>* org = nullptr;
        const Rows<LocEntry>* loc = nullptr;
        const Rows<LocEntry>* nospace = nullptr;
        const Rows<std::uint32_t>* reg = nullptr;
        std::string_view key() const { return {key_p, key_n}; }
    };
    std::deque<KeyInfo> overflow;  ///< keys whose hash another key has already
    /// Open-addressing table: hash -> KeyInfo (the map values' addresses are stable).
    class HashIndex {
    public:
        const KeyInfo* find(std::uint64_t h) const {
            ++work_counters().entity_lookups;
            if (slots_.empty()) return nullptr;
            std::size_t m = mix(h);
            // a 128 KiB bit filter first: most lookups miss, and the filter stays in cache
            if (!(filter_[(m >> 40) & (kFilterWords - 1)] & (1ull << ((m >> 34) & 63)))) return nullptr;
            std::size_t mask = slots_.size() - 1;
            for (std::size_t s = m & mask;; s = (s + 1) & mask) {
                const Slot& sl = slots_[s];
                if (sl.idx == 0) return nullptr;
                if (sl.h == h) return &items_[sl.idx - 1];
            }
        }
        KeyInfo& at(std::uint64_t h) {
            if ((items_.size() + 1) * 2 > slots_.size()) grow();
            std::size_t m = mix(h);
            filter_[(m >> 40) & (kFilterWords - 1)] |= 1ull << ((m >> 34) & 63);
            std::size_t mask = slots_.size() - 1;
            for (std::size_t s = m & mask;; s = (s + 1) & mask) {
                Slot& sl = slots_[s];
                if (sl.idx == 0) {
                    items_.emplace_back();
                    sl = {h, static_cast<std::uint32_t>(items_.size())};
                    return items_.back();
                }
                if (sl.h == h) return items_[sl.idx - 1];
            }
        }
        void reserve(std::size_t n) {
            items_.reserve(n);
            std::size_t s = slots_.empty() ? 1024 : slots_.size();
            while (s < 2 * n) s *= 2;
            if (s > slots_.size()) rehash(s);  // once, to the final size
        }

    private:
        struct Slot {
            std::uint64_t h = 0;
            std::uint32_t idx = 0;  // 1 + index into items_, 0 = empty
        };
        static constexpr std::size_t kFilterWords = 1u << 14;  // 2^20 bits
        std::vector<Slot> slots_;
        std::vector<KeyInfo> items_;
        std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(kFilterWords, 0);
        static std::size_t mix(std::uint64_t h) {
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdull;
            h ^= h >> 33;
            return static_cast<std::size_t>(h);
        }
        void grow() { rehash(slots_.empty() ? 1024 : slots_.size() * 2); }
        void rehash(std::size_t n) {
            std::vector<Slot> old = std::move(slots_);
            slots_.assign(n, Slot{});
            std::size_t mask = slots_.size() - 1;
            for (const Slot& o : old) {
                if (o.idx == 0) continue;
                std::size_t s = mix(o.h) & mask;
                while (slots_[s].idx != 0) s = (s + 1) & mask;
                slots_[s] = o;
            }
        }
    };
    HashIndex index;

    /// The hash of the tables' keys: a polynomial one, h * kMul + byte, so that
    /// the hash of a key of several tokens is made from per-token parts (see
    /// Doc::tok_hash): stepping h over a string s gives h * kMul^|s| + part(s).
    /// Any two strings may collide; the index deals with that (KeyInfo).
    static constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;  // odd: its powers are never 0
    static std::uint64_t key_step(std::uint64_t h, char c) { return h * kMul + static_cast<unsigned char>(c); }
    static constexpr std::uint64_t key_basis = 14695981039346656037ull;
    static std::uint64_t key_hash(std::string_view s) {
        std::uint64_t h = key_basis;
        for (char c : s) h = key_step(h, c);
        return h;
    }
    bool is_prefix(std::string_view k) const {
        const KeyInfo* p = index.find(key_hash(k));
        return p && p->prefix;
    }

    /// Marks the prefixes of lower-case key `key` (and the key) in the index; returns
    /// the key's entry (valid until the index's next insertion).
    KeyInfo& add_prefixes(std::string_view key) {
        std::uint64_t h = key_basis;
        for (std::size_t p = 0; p < key.size(); ++p) {
            if (p > 0) {
                char a = key[p - 1], b = key[p];
                if (b == ' ' || (a != ' ' && is_alnum_c(a) != is_alnum_c(b))) index.at(h).prefix = true;
            }
            h = key_step(h, key[p]);
        }
        KeyInfo& p = index.at(h);
        p.prefix = true;
        return p;
    }

    /// The rows at `member` of lower-case key `key` (a new, empty list when it has none),
    /// recording the key in the index.
    template <class V>
    V& rows_for(std::string_view key, const V* KeyInfo::*member, Pool<V>& pool) {
        return rows_for(&index.at(key_hash(key)), key, member, pool);
    }
    /// The same given `key`'s index entry `p`.
    template <class V>
    V& rows_for(KeyInfo* p, std::string_view key, const V* KeyInfo::*member, Pool<V>& pool) {
        if (!p->key_p) {
            std::string_view k = arena.keep(key);
            p->key_p = k.data();
            p->key_n = static_cast<std::uint32_t>(k.size());
        } else if (p->key() != key) {
            p->collided = true;
            KeyInfo* o = nullptr;
            for (KeyInfo& x : overflow)
                if (x.key() == key) o = &x;
            if (!o) {
                o = &overflow.emplace_back();
                std::string_view k = arena.keep(key);
                o->key_p = k.data();
                o->key_n = static_cast<std::uint32_t>(k.size());
            }
            p = o;
        }
        if (!(p->*member)) p->*member = &pool.add();
        return const_cast<V&>(*(p->*member));  // our own pool's
    }

    /// The entry of lower-case key `k` given the index entry of its hash when that is
    /// collided: the one whose key is k, or nullptr.
    const KeyInfo* collided_entry(const KeyInfo* p, std::string_view k) const {
        if (p->key() == k) return p;
        for (const KeyInfo& x : overflow)
            if (x.key() == k) return &x;
        return nullptr;
    }

    /// The rows of lower-case key `k` at `member`, given the index entry of k's hash;
    /// nullptr when k is not a key of that table.
    template <class V>
    const V* rows_of(const KeyInfo* p, std::string_view k, const V* KeyInfo::*member) const {
        if (!p) return nullptr;
        if (p->collided) {
            const KeyInfo* e = collided_entry(p, k);
            return e ? e->*member : nullptr;
        }
        if (!p->key_p || p->key() != k) return nullptr;
        return p->*member;
    }
    template <class V>
    const V* lookup(std::string_view k, const V* KeyInfo::*member) const {
        return rows_of(index.find(key_hash(k)), k, member);
    }
    bool has_org(std::string_view k) const { return lookup(k, &KeyInfo::org) != nullptr; }
    bool has_loc(std::string_view k) const { return lookup(k, &KeyInfo::loc) != nullptr; }
    /// The index of the area of Kemendagri code `code` (which is known).
    std::uint32_t area_of(std::string_view code) const {
        const std::uint32_t* a = area_by_code.find(code);
        if (!a) throw std::out_of_range("unknown area code");
        return *a;
    }
    /// The lower case of `s` (ASCII letters), into the scratch buffer `lower_buf`.
    std::string lower_buf;
    std::string_view lower_of(std::string_view s) {
        lower_buf.resize(s.size());
        for (std::size_t k = 0; k < s.size(); ++k) lower_buf[k] = lower_c(s[k]);
        return lower_buf;
    }

    /// The number of lines of `content` (an upper bound on its rows): memchr, not a loop per byte.
    static std::size_t line_count(std::string_view content) {
        std::size_t n = 1;
        const char* p = content.data();
        const char* e = p + content.size();
        while (p != e) {
            const void* q = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
            if (!q) break;
            ++n;
            p = static_cast<const char*>(q) + 1;
        }
        return n;
    }

    /// Reserves the tables for `n` rows.
    void reserve_for(std::size_t n) { index.reserve(3 * n); }

    [[noreturn]] static void bad(std::string_view file, std::size_t line, const std::string& what) {
        throw std::runtime_error(std::string(file) + ":" + std::to_string(line) + ": " + what);
    }

    template <class F>
    static void each_line(std::string_view content, F&& f) {
        std::size_t line = 0, p = 0;
        while (p <= content.size()) {
            std::size_t q = content.find('\n', p);
            if (q == std::string_view::npos) q = content.size();
            std::string_view l = content.substr(p, q - p);
            ++line;
            if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
            if (!l.empty() && l[0] != '#' && l.find_first_not_of(" \t") != std::string_view::npos) f(line, l);
            if (q == content.size()) break;
            p = q + 1;
        }
    }

    void load_orgs(std::string_view file, std::string_view content) {
        std::size_t n = line_count(content);
        reserve_for(n);
        orgs.reserve(orgs.size() + n);
        each_line(content, [&](std::size_t line, std::string_view l) {
            auto c = split(l, '\t');
            if (c.size() < 6 || c.size() > 7) bad(file, line, "an organization row wants 6 or 7 tab-separated columns");
            OrgRow r;
            r.surface = collapse(c[0]);
            r.canonical = collapse(c[1]);
            r.subtype = contract_subtype(c[2]);
            r.acronym = collapse(c[3]);
            r.from = to_int(c[4]);
            r.to = to_int(c[5]);
            r.ambiguous = c.size() == 7 && c[6] == "1";
            if (r.surface.empty() || r.canonical.empty()) bad(file, line, "empty surface or canonical");
            std::string_view key = lower_of(r.surface);
            rows_for(&add_prefixes(key), key, &KeyInfo::org, org_rows).push_back(static_cast<std::uint32_t>(orgs.size()));
            orgs.push_back(std::move(r));
        });
    }

    /// `surface` (kept in the arena) as a place name (key: its lower case), and with
    /// `nospace` also by its lower case without spaces (add_nospace).
    void add_loc(std::string_view surface, LocKind kind, std::uint32_t idx, bool nospace = false) {
        std::string_view key = lower_of(surface);
        KeyInfo& p = add_prefixes(key);
        rows_for(&p, key, &KeyInfo::loc, loc_rows).push_back({kind, idx, surface});
        if (!nospace) return;
        // a name with no space is its own key without spaces: the same index entry (still
        // valid: rows_for makes no insertion into the index)
        if (key.find(' ') == std::string_view::npos)
            rows_for(&p, key, &KeyInfo::nospace, nospace_rows).push_back({kind, idx, surface});
        else
            add_nospace(surface, kind, idx);
    }

    /// `surface` (kept in the arena) by its lower case without spaces.
    void add_nospace(std::string_view surface, LocKind kind, std::uint32_t idx) {
        lower_buf.clear();
        for (char c : surface)
            if (c != ' ') lower_buf += lower_c(c);
        rows_for(std::string_view(lower_buf), &KeyInfo::nospace, nospace_rows).push_back({kind, idx, surface});
    }

    void load_locations(std::string_view file, std::string_view content) {
        std::size_t n = line_count(content);
        reserve_for(n);
        areas.reserve(areas.size() + n);
        area_by_code.reserve(areas.size() + n);
        each_line(content, [&](std::size_t line, std::string_view l) {
            auto c = split(l, '\t');
            if (c.size() != 4) bad(file, line, "a location row wants 4 tab-separated columns");
            auto idx = static_cast<std::uint32_t>(areas.size());
            const Area& a = areas.emplace_back(c[0], c[1], collapse(c[2]), c[3]);  // made in place
            area_by_code[a.code] = idx;
            std::string_view name = arena.keep(a.name);
            add_loc(name, LocKind::area, idx, true);
        });
    }

    void load_aliases(std::string_view file, std::string_view content) {
        each_line(content, [&](std::size_t line, std::string_view l) {
            auto c = split(l, '\t');
            if (c.size() != 2) bad(file, line, "an alias row wants 2 tab-separated columns");
            const std::uint32_t* a = area_by_code.find(c[1]);
            if (!a) bad(file, line, "unknown code '" + std::string(c[1]) + "'");
            std::string_view name = arena.keep(collapse(c[0]));
            add_loc(name, LocKind::alias, *a, true);
        });
    }

    void load_foreign(std::string_view file, std::string_view content) {
        each_line(content, [&](std::size_t line, std::string_view l) {
            auto c = split(l, '\t');
            if (c.size() < 2 || c.size() > 3) bad(file, line, "a place row wants 2 or 3 tab-separated columns");
            Foreign f{collapse(c[0]), std::string(c[1]), c.size() == 3 ? collapse(c[2]) : std::string()};
            if (f.canonical.empty()) f.canonical = f.name;
            auto idx = static_cast<std::uint32_t>(foreign.size());
            std::string_view name = arena.keep(f.name);
            foreign.push_back(std::move(f));
            add_loc(name, LocKind::foreign, idx);
        });
    }

    void load_regional(std::string_view file, std::string_view content) {
        each_line(content, [&](std::size_t line, std::string_view l) {
            auto c = split(l, '\t');
            if (c.size() != 5) bad(file, line, "a regional pattern wants 5 tab-separated columns");
            Regional r{collapse(c[0]), collapse(c[1]), contract_subtype(c[2]), std::string(c[3]), collapse(c[4])};
            static const std::array<std::string_view, 8> policies{"level", "city", "regency", "province", "plain", "name", "unit", "di"};
            if (std::find(policies.begin(), policies.end(), r.policy) == policies.end())
                bad(file, line, "unknown place policy '" + r.policy + "'");
            std::string_view key = lower_of(r.head);
            rows_for(&add_prefixes(key), key, &KeyInfo::reg, reg_rows).push_back(static_cast<std::uint32_t>(regionals.size()));
            regionals.push_back(std::move(r));
        });
    }

    void load_stopwords(std::string_view, std::string_view content) {
        each_line(content, [&](std::size_t, std::string_view l) { stopwords.insert(ascii_lower(collapse(l))); });
    }

    class Doc;
};

// ---- matching one document --------------------------------------------------------

class EntityRecognizer::Impl::Doc {
public:
    /// The tokens the layer reads: a table of pointers to the caller's tokens and
    /// (compounds split) to the parts, so that no token is copied.
    class TokView {
    public:
        explicit TokView(const std::vector<const Tok*>& ptrs) : ptrs_(ptrs.data()), n_(ptrs.size()) {}
        const Tok& operator[](std::size_t i) const { return *ptrs_[i]; }
        std::size_t size() const { return n_; }

    private:
        const Tok* const* ptrs_ = nullptr;
        std::size_t n_ = 0;
    };

    Doc(const Impl& t, std::string_view text, TokView toks, const std::optional<Ymd>& ref)
        : T(t), text_(text), toks_(toks), ref_(ref), walk_se_(toks.size(), 0), walk_off_(toks.size(), 0), walk_len_(toks.size(), 0), tok_hash_(toks.size()) {}

    std::vector<EntitySpan> run(const std::vector<Sent>& sents);

private:
    const Impl& T;
    std::string_view text_;
    TokView toks_;
    std::optional<Ymd> ref_;
    std::uint32_t sb_ = 0, se_ = 0;  // current sentence tokens
    std::uint32_t last_org_end_ = 0xFFFFFFF0u;  // token end of the last organization

    // document state
    std::unordered_map<std::string, EntitySpan> learned_;      // exact acronym -> its organization (set through learn)
    /// A bit filter of the key hashes of the keys of a learned map and of every
    /// prefix of them: a candidate whose first token is no key's prefix, or whose
    /// key's bit is clear, is not looked up (most candidates; a set bit may be a
    /// collision, and the map decides).
    struct KeyFilter {
        std::array<std::uint64_t, 64> bits{};
        bool maybe(std::uint64_t h) const { return bits[(h >> 26) & 63] & (1ull << ((h >> 20) & 63)); }
        void add(std::string_view key) {
            std::uint64_t h = key_basis;
            for (char c : key) {
                h = key_step(h, c);
                bits[(h >> 26) & 63] |= 1ull << ((h >> 20) & 63);
            }
        }
    };
    KeyFilter learned_filter_, places_filter_;  // of learned_ and learned_places_
    void learn(const std::string& key, const EntitySpan& e) {
        learned_[key] = e;
        learned_filter_.add(key);
    }
    void learn_place(const std::string& name, const std::string& subtype) {
        learned_places_[name] = subtype;
        places_filter_.add(name);
    }
    std::unordered_map<std::string, EntitySpan> last_regional_;  // canonical head -> last organization
    std::unordered_set<std::string> seen_canon_;                 // lower canonicals named so far
    const std::string* finished_canon_ = nullptr;                 // the one finish_org named last
    /// `low` (lower case) is ascii_lower(s).
    static bool lower_equal(std::string_view low, std::string_view s) {
        if (low.size() != s.size()) return false;
        for (std::size_t k = 0; k < s.size(); ++k)
            if (low[k] != lower_c(s[k])) return false;
        return true;
    }
    std::unordered_set<std::string> seen_codes_;                 // area codes named so far
    std::unordered_map<std::string, std::string> learned_places_;  // exact name -> subtype
    std::unordered_set<std::string> regency_pref_, city_pref_;     // lower names written after Kabupaten/Kota
    std::optional<std::pair<Level, std::string>> region_;          // the article's region (last local government)
    /// What the last org_regional changed (so that the caller can undo it).
    struct RegionalUndo {
        bool last_touched = false, region_touched = false;
        std::string base;
        std::optional<EntitySpan> old_last;
        std::optional<std::pair<Level, std::string>> old_region;
    } undo_;
    mutable std::string kbuf_;  // scratch key buffer (walk, org_learned, learned places)
    /// The keys of the tables starting at a token (see walk): end token and index entry.
    struct WalkHit {
        std::uint32_t end;
        const KeyInfo* info;  // an entry whose key is the text, or a collided one
    };
    mutable std::vector<std::uint32_t> walk_se_;  // per token: 1 + the sentence end of its walk, 0 = not walked
    mutable std::vector<std::uint32_t> walk_off_, walk_len_;  // per token: its hits in walk_pool_
    mutable std::vector<WalkHit> walk_pool_;
    /// Per token: the key hash of its lower-case text stepped from 0 (`part`) and
    /// kMul^length (`pow`), made on first use (pow 0: not yet; kMul is odd).
    struct TokHash {
        std::uint64_t part = 0, pow = 0;
    };
    mutable std::vector<TokHash> tok_hash_;
    const TokHash& tok_hash(std::uint32_t j) const {
        TokHash& t = tok_hash_[j];
        if (t.pow == 0) {
            std::uint64_t h = 0, p = 1;
            for (char c : tok_text(j)) {
                h = key_step(h, lower_c(c));
                p *= kMul;
            }
            t = {h, p};
        }
        return t;
    }

    /// (no substr: a token lies inside the text, and without substr's check this inlines)
    std::string_view tok_text(std::uint32_t i) const {
        const Tok& t = toks_[i];
        return std::string_view(text_.data() + t.start, t.end - t.start);
    }
    std::string_view low(std::size_t i) const { return toks_[i].lower; }
    bool is_tok(std::uint32_t i, std::string_view s) const { return i < se_ && tok_text(i) == s; }
    bool cap(std::uint32_t i) const { return i < se_ && starts_upper(tok_text(i)); }

    /// Lower-case key and cased text of tokens [i, j).
    std::string key(std::uint32_t i, std::uint32_t j, bool lower) const {
        std::string k;
        for (std::uint32_t x = i; x < j; ++x) {
            if (x > i && toks_[x].space_before) k += ' ';
            if (lower) k += ascii_lower(tok_text(x));
            else k += tok_text(x);
        }
        return k;
    }

    /// The cased text of tokens [i, j) into `k` (as key(i, j, false)).
    void key_into(std::string& k, std::uint32_t i, std::uint32_t j) const {
        k.clear();
        for (std::uint32_t x = i; x < j; ++x) {
            if (x > i && toks_[x].space_before) k += ' ';
            k += tok_text(x);
        }
    }

    /// `k` is the lower-case key of tokens [i, j) (as key(i, j, true)), compared without building it.
    bool lower_key_is(std::string_view k, std::uint32_t i, std::uint32_t j) const {
        std::size_t p = 0;
        for (std::uint32_t x = i; x < j; ++x) {
            if (x > i && toks_[x].space_before) {
                if (p >= k.size() || k[p] != ' ') return false;
                ++p;
            }
            std::string_view t = tok_text(x);
            if (k.size() - p < t.size()) return false;
            for (char c : t)
                if (k[p++] != lower_c(c)) return false;
        }
        return p == k.size();
    }

    /// A key of a table ending at token `end` (exclusive), with the key's rows.
    template <class V>
    struct Hit {
        std::uint32_t end;
        const V* rows;
    };
    /// The keys of any table that tokens [i, j) form (j < se_), shortest first, made
    /// once per token: the lower-case key and its hash grow token by token; the
    /// walk stops where no key goes on.
    std::pair<const WalkHit*, const WalkHit*> walk(std::uint32_t i) const {
        if (i >= toks_.size()) return {nullptr, nullptr};
        if (walk_se_[i] != se_ + 1) {
            walk_se_[i] = se_ + 1;
            walk_off_[i] = static_cast<std::uint32_t>(walk_pool_.size());
            std::uint64_t h = key_basis;
            for (std::uint32_t j = i; j < se_ && j < i + 24; ++j) {
                if (j > i && toks_[j].space_before) h = key_step(h, ' ');
                const TokHash& th = tok_hash(j);
                h = h * th.pow + th.part;
                const KeyInfo* p = T.index.find(h);
                if (!p) break;  // neither a key nor a prefix of one
                if (p->collided || (p->key_p && lower_key_is(p->key(), i, j + 1))) walk_pool_.push_back({j + 1, p});
                if (!p->prefix) break;
            }
            walk_len_[i] = static_cast<std::uint32_t>(walk_pool_.size()) - walk_off_[i];
        }
        const WalkHit* b = walk_pool_.data() + walk_off_[i];
        return {b, b + walk_len_[i]};
    }

    /// At most one hit per token of a walk (24): a fixed array, no allocation per candidate.
    template <class V>
    struct Hits {
        std::array<Hit<V>, 24> h;
        std::uint32_t n = 0;
        void push_back(Hit<V> x) { h[n++] = x; }
        std::reverse_iterator<const Hit<V>*> rbegin() const { return std::reverse_iterator<const Hit<V>*>(h.data() + n); }
        std::reverse_iterator<const Hit<V>*> rend() const { return std::reverse_iterator<const Hit<V>*>(h.data()); }
    };
    /// The rows at `member` of the key that tokens [i, j) form, whose hash is collided
    /// (`p`); out of line, to keep ends() small.
    template <class V>
    [[gnu::noinline]] const V* collided_rows(std::uint32_t i, std::uint32_t j, const KeyInfo* p, const V* KeyInfo::*member) const {
        const KeyInfo* x = T.collided_entry(p, key(i, j, true));
        return x ? x->*member : nullptr;
    }
    /// Every end j such that tokens [i, j) form a key of the table whose rows the index
    /// holds at `member`, shortest first.
    template <class V>
    Hits<V> ends(std::uint32_t i, const V* KeyInfo::*member) const {
        Hits<V> out;
        auto [b, e] = walk(i);
        for (const WalkHit* w = b; w != e; ++w) {
            const V* rows = nullptr;
            if (w->info->collided) {
                rows = collided_rows(i, w->end, w->info, member);
            } else {
                rows = w->info->*member;
            }
            if (rows) out.push_back({w->end, rows});
        }
        return out;
    }

    /// Place-name candidates at i, longest first: (end, entries, cased text, exact spelling).
    struct LocCand {
        std::uint32_t end;
        const Rows<LocEntry>* entries;
        std::string cased;
        bool exact;
    };
    std::vector<LocCand> loc_cands(std::uint32_t i) const {
        std::vector<LocCand> out;
        auto es = ends(i, &KeyInfo::loc);
        for (auto it = es.rbegin(); it != es.rend(); ++it) out.push_back({it->end, it->rows, key(i, it->end, false), true});
        // written with or without spaces differently from the table: `Palangka Raya`, `Lubuklinggau`
        std::uint64_t h = key_basis;  // of the tokens' lower case, joined
        for (std::uint32_t j = i; j < se_ && j < i + 3; ++j) {
            std::string_view t = tok_text(j);
            if (toks_[j].kind != TokenKind::word || !starts_upper(t)) break;
            if (j > i && !toks_[j].space_before) break;
            const TokHash& th = tok_hash(j);
            h = h * th.pow + th.part;
            const KeyInfo* p = T.index.find(h);
            if (!p) continue;  // most candidates: no key has this hash
            std::string joined;
            for (std::uint32_t x = i; x <= j; ++x)
                for (char ch : tok_text(x)) joined += lower_c(ch);
            const Rows<LocEntry>* f = T.rows_of(p, joined, &KeyInfo::nospace);
            if (!f) continue;
            bool dup = false;
            for (const auto& c : out) dup = dup || c.end == j + 1;
            // a single word needs to stand alone (`Mineral dan Batubara` is a name's part)
            if (j == i && i > sb_ && (cap(i - 1) || low(i - 1) == "dan" || low(i - 1) == "&")) continue;
            if (!dup) out.push_back({j + 1, f, key(i, j + 1, false), false});
        }
        if (out.size() > 1)
            std::stable_sort(out.begin(), out.end(), [](const LocCand& a, const LocCand& b) { return a.end > b.end; });
        return out;
    }
    bool loc_case_ok(const LocCand& c, const LocEntry& e) const {
        return c.exact ? case_ok(c.cased, e.surface, false, 4) : true;
    }

    EntitySpan make(std::uint32_t i, std::uint32_t j, std::string type) const {
        EntitySpan e;
        e.tok_begin = i;
        e.tok_end = j;
        e.start = toks_[i].start;
        e.end = toks_[j - 1].end;
        e.type = std::move(type);
        return e;
    }

    const OrgRow* pick_row(const Rows<std::uint32_t>& rows, std::string_view cased, std::uint32_t i) const;
    std::optional<EntitySpan> org_gazetteer(std::uint32_t i) const;
    std::optional<EntitySpan> org_regional(std::uint32_t i);
    std::optional<EntitySpan> org_generic(std::uint32_t i) const;
    std::optional<EntitySpan> org_learned(std::uint32_t i) const;
    std::optional<EntitySpan> location(std::uint32_t i) const;

    struct Place {
        std::uint32_t end = 0;
        Level level = Level::none;     // the area's level
        bool written_level = false;   // a level word was written
        std::string name;              // canonical area name (no level word)
        std::string code;
    };
    std::optional<Place> place_at(std::uint32_t i, bool allow_district) const;
    std::optional<Place> area_name_at(std::uint32_t i, Level want, bool allow_district) const;
    std::uint32_t acronym_parens(std::uint32_t i, std::string* acr) const;
    std::uint32_t cap_run(std::uint32_t i, bool allow_connectors, bool stop_at_org) const;
    std::string finish_org(EntitySpan& e);
    /// A dateline place: first on its line, then `(`, `,` or `-` (`Medan (ANTARA) -`, `JAKARTA, KOMPAS.com`).
    bool dateline(std::uint32_t i) const {
        if (!(i == 0 || toks_[i].newline_before)) return false;
        return i + 1 < toks_.size() && (low(i + 1) == "(" || low(i + 1) == "," || low(i + 1) == "-");
    }
    /// Whether any recogniser of run() may find a name at the capitalised token i
    /// (false: none does, and i is passed over).  A cheap superset of their first
    /// tests: a learned key may start here, a table key starts here (the walk), an
    /// organization, school, level or venue head, a place written without its
    /// spaces (the index has the hash of joined words), a learned place, a dateline.
    bool may_match(std::uint32_t i) const {
        const std::string_view l = low(i);
        if (!learned_.empty() || !learned_places_.empty()) {  // (no hash while nothing is learned)
            std::uint64_t hc = key_basis;  // the hash of the token's cased text (org_learned, learned places)
            for (char c : tok_text(i)) hc = key_step(hc, c);
            if (!learned_.empty() && learned_filter_.maybe(hc)) return true;
            if (!learned_places_.empty() && places_filter_.maybe(hc)) return true;
        }
        if (auto [b, e] = walk(i); b != e) return true;
        if (head_words().contains(l)) return true;  // a level, venue, organization or school head
        if (i == 0 || toks_[i].newline_before || (i >= 2 && is_tok(i - 1, ","))) return true;  // a dateline
        // as loc_cands: capitalised words joined without their spaces
        std::uint64_t h = key_basis;
        for (std::uint32_t j = i; j < se_ && j < i + 3; ++j) {
            if (toks_[j].kind != TokenKind::word || !starts_upper(tok_text(j))) break;
            if (j > i && !toks_[j].space_before) break;
            const TokHash& th = tok_hash(j);
            h = h * th.pow + th.part;
            if (T.index.find(h)) return true;
        }
        return false;
    }
    /// First word of a sentence (also of one inside a quotation: `... terima. Puncak ...`).
    bool sentence_initial(std::uint32_t i) const {
        std::uint32_t x = i;
        while (x > sb_) {
            std::string_view l = low(x - 1);
            if (l == "." || l == "!" || l == "?" || l == "..." || l == ":") return true;
            auto k = toks_[x - 1].kind;
            if (k != TokenKind::punctuation && k != TokenKind::symbol) return false;
            --x;
        }
        return true;
    }
};

/// The row of an organization surface for the document's period; nullptr when
/// the case does not fit or an ambiguous surface lacks context.
const EntityRecognizer::Impl::OrgRow* EntityRecognizer::Impl::Doc::pick_row(const Rows<std::uint32_t>& rows,
                                                                           std::string_view cased, std::uint32_t i) const {
    std::vector<const OrgRow*> ok;
    for (auto r : rows) {
        const OrgRow& row = T.orgs[r];
        bool strict = row.surface.find(' ') == std::string::npos;
        if (!case_ok(cased, row.surface, strict, 5)) continue;
        if (row.ambiguous) {
            bool ctx = seen_canon_.count(ascii_lower(row.canonical)) > 0;
            if (!ctx && i > sb_) ctx = org_cue(low(i - 1));
            // an acronym defined right here: "Name (MK)"
            if (!ctx && i > sb_ && low(i - 1) == "(") ctx = true;
            // in a list of organizations: `DPR, DPD, dan DPRD`
            if (!ctx && i >= 1 && last_org_end_ + 1 == i && (low(i - 1) == "," || low(i - 1) == "dan")) ctx = true;
            if (!ctx && i >= 2 && last_org_end_ + 2 == i && low(i - 2) == "," && low(i - 1) == "dan") ctx = true;
            if (!ctx) continue;
        }
        ok.push_back(&row);
    }
    if (ok.empty()) return nullptr;
    auto valid = [&](const OrgRow* r, int y) { return (r->from == 0 || r->from <= y) && (r->to == 0 || y <= r->to); };
    const OrgRow* best = nullptr;
    if (ref_) {
        int y = ref_->y;
        for (const OrgRow* r : ok) {
            if (!valid(r, y)) continue;
            if (!best) { best = r; continue; }
            // both valid: in a renaming year, the new name from October (cabinet changes)
            bool r_new = r->from == y, b_new = best->from == y;
            if (r_new != b_new) {
                if ((ref_->m >= 10) == r_new) best = r;
            } else if (r->from > best->from) {
                best = r;
            }
        }
        if (!best) {  // outside every period: the nearest one
            int bestd = 1 << 30;
            for (const OrgRow* r : ok) {
                int d = r->to && y > r->to ? y - r->to : (r->from && y < r->from ? r->from - y : 0);
                if (d < bestd) { bestd = d; best = r; }
            }
        }
    } else {
        // no date: the current name (open end), the latest one
        for (const OrgRow* r : ok) {
            auto score = [](const OrgRow* x) { return std::pair<int, int>(x->to == 0 ? 1 : 0, x->to == 0 ? x->from : x->to); };
            if (!best || score(r) > score(best)) best = r;
        }
    }
    return best;
}

/// `( ACR )` at i: returns the end after `)`, or 0.  ACR is one to three tokens,
/// not all lower case, with a capital.
std::uint32_t EntityRecognizer::Impl::Doc::acronym_parens(std::uint32_t i, std::string* acr) const {
    if (!is_tok(i, "(")) return 0;
    std::uint32_t j = i + 1;
    while (j < se_ && j < i + 5 && !is_tok(j, ")")) ++j;
    if (!is_tok(j, ")") || j == i + 1) return 0;
    for (std::uint32_t x = i + 1; x < j; ++x) {
        std::string_view t = tok_text(x);
        if (t == "/" || t == "-") continue;
        if (!starts_upper(t) && !is_roman(t)) return 0;
    }
    std::string_view first = tok_text(i + 1);
    if (letters(first) < 2) return 0;
    if (acr) *acr = key(i + 1, j, false);
    return j + 1;
}

/// Capitalised words from i (with connectors inside when allowed); returns the end.
std::uint32_t EntityRecognizer::Impl::Doc::cap_run(std::uint32_t i, bool allow_connectors, bool stop_at_org) const {
    // No name is longer than this: a bound keeps a page of capitalised words linear.
    constexpr std::uint32_t kMaxNameTokens = 24;
    std::uint32_t j = i, last = i;
    while (j < se_ && j < i + kMaxNameTokens) {
        std::string_view t = tok_text(j);
        if (stop_at_org && all_caps(t) && T.has_org(ascii_lower(t))) break;
        if (starts_upper(t)) {
            ++j;
            last = j;
            continue;
        }
        if (allow_connectors && j > i && connector(low(j)) && j + 1 < se_ && starts_upper(tok_text(j + 1)) &&
            !(low(j) == "," && !toks_[j + 1].space_before)) {
            if (low(j) == "," || low(j) == "di" || low(j) == "ke") break;  // not inside a short name
            // "RSUD Beriman dan Kecamatan Balikpapan Selatan": a place of its own after `dan`
            // "Universitas Tanjungpura dan Komisi Aparatur Sipil Negara": a second body after `dan`
            if ((low(j) == "dan" || low(j) == "serta") && org_heads().contains(low(j + 1))) break;
            // (not "Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kabupaten X")
            if (level_word(low(j + 1)) != Level::none && j + 2 < se_ && starts_upper(tok_text(j + 2)) &&
                level_word(low(j + 2)) == Level::none)
                break;
            ++j;
            continue;
        }
        break;
    }
    return last;
}

/// An area name at i of level `want` (none = any but districts unless allowed).
std::optional<EntityRecognizer::Impl::Doc::Place> EntityRecognizer::Impl::Doc::area_name_at(std::uint32_t i, Level want,
                                                                                              bool allow_district) const {
    if (i >= se_ || !cap(i)) return std::nullopt;
    for (const LocCand& c : loc_cands(i)) {
        std::uint32_t j = c.end;
        const std::string& cased = c.cased;
        const Area* best = nullptr;
        int best_score = -1;
        for (const auto& e : *c.entries) {
            if (e.kind == LocKind::foreign) continue;
            if (!loc_case_ok(c, e)) continue;
            const Area& a = T.areas[e.idx];
            Level l = level_of_type(a.type);
            if (want != Level::none && l != want) continue;
            if (want == Level::none && l == Level::district && !allow_district) continue;
            int score = 0;
            if (want == Level::none) {
                std::string lk = ascii_lower(cased);
                bool reg_pref = regency_pref_.count(lk) && !city_pref_.count(lk);
                score = l == Level::province ? 40 : l == Level::city ? (reg_pref ? 20 : 30) : l == Level::regency ? (reg_pref ? 35 : 25) : 10;
                if (l == Level::district && seen_codes_.count(a.parent)) score += 5;
            } else if (l == Level::district) {
                score = seen_codes_.count(a.parent) ? 10 : 5;
            } else {
                score = 10;
            }
            if (e.kind == LocKind::alias) score -= 1;
            if (score > best_score) { best_score = score; best = &a; }
        }
        // spelt with other spaces than the table (`Palangka Raya`): the article's spelling
        if (best) return Place{j, level_of_type(best->type), false, c.exact || all_caps(cased) ? best->name : cased, best->code};
    }
    return std::nullopt;
}

/// A place after a regional head: optional level word + area name.
std::optional<EntityRecognizer::Impl::Doc::Place> EntityRecognizer::Impl::Doc::place_at(std::uint32_t i, bool allow_district) const {
    if (i >= se_) return std::nullopt;
    Level lw = level_word(low(i));
    if (lw != Level::none && lw != Level::village && cap(i)) {
        Level want = lw;
        auto p = area_name_at(i + 1, want, true);
        if (!p && lw == Level::city) p = area_name_at(i + 1, Level::regency, false);
        if (p) {
            p->level = lw;
            p->written_level = true;
            return p;
        }
        return std::nullopt;
    }
    return area_name_at(i, Level::none, allow_district);
}

// ---- organizations ------------------------------------------------------------------

/// Extensions after an organization: `RI`/`Republik Indonesia`, then `(ACR)`.
/// Learns the acronym; records the canonical.  Returns the acronym written.
std::string EntityRecognizer::Impl::Doc::finish_org(EntitySpan& e) {
    std::uint32_t j = e.tok_end;
    if (is_tok(j, "RI")) ++j;
    else if (is_tok(j, "Republik") && is_tok(j + 1, "Indonesia")) j += 2;
    std::string acr;
    if (std::uint32_t k = acronym_parens(j, &acr)) {
        j = k;
        if (e.acronym.empty()) e.acronym = acr;
        learn(acr, e);
    }
    if (j != e.tok_end) {
        e.tok_end = j;
        e.end = toks_[j - 1].end;
    }
    finished_canon_ = &*seen_canon_.insert(ascii_lower(e.canonical)).first;
    return acr;
}

std::optional<EntitySpan> EntityRecognizer::Impl::Doc::org_gazetteer(std::uint32_t i) const {
    auto es = ends(i, &KeyInfo::org);
    for (auto it = es.rbegin(); it != es.rend(); ++it) {
        std::uint32_t j = it->end;
        std::string cased = key(i, j, false);
        const OrgRow* r = pick_row(*it->rows, cased, i);
        if (!r) continue;
        EntitySpan e = make(i, j, "organization");
        e.canonical = r->canonical;
        e.subtype = r->subtype;
        e.acronym = r->acronym;
        e.rule = "gazetteers/organizations.tsv";
        return e;
    }
    return std::nullopt;
}

std::optional<EntitySpan> EntityRecognizer::Impl::Doc::org_learned(std::uint32_t i) const {
    // longest learned acronym or company name (1-4 tokens) starting at i, exact case
    if (learned_.empty()) return std::nullopt;
    // the hashes of the cased keys of tokens [i, i + n) (as key_into makes them)
    std::array<bool, 5> maybe{};
    {
        std::uint64_t h = key_basis;
        for (std::uint32_t n = 1; n <= 4 && i + n <= se_; ++n) {
            std::uint32_t x = i + n - 1;
            if (n > 1 && toks_[x].space_before) h = key_step(h, ' ');
            for (char c : tok_text(x)) h = key_step(h, c);
            if (n == 1 && !learned_filter_.maybe(h)) return std::nullopt;  // no key starts so
            maybe[n] = learned_filter_.maybe(h);
        }
    }
    for (std::uint32_t n = 4; n >= 1; --n) {
        if (i + n > se_ || !maybe[n]) continue;
        key_into(kbuf_, i, i + n);
        auto it = learned_.find(kbuf_);
        if (it == learned_.end()) continue;
        EntitySpan e = make(i, i + n, "organization");
        e.canonical = it->second.canonical;
        e.subtype = it->second.subtype;
        e.acronym = it->second.acronym;
        e.rule = std::string_view(it->second.rule) == "PT + name" ? "company named in the text" : "acronym defined in the text";
        return e;
    }
    return std::nullopt;
}

std::optional<EntitySpan> EntityRecognizer::Impl::Doc::org_regional(std::uint32_t i) {
    undo_.last_touched = undo_.region_touched = false;
    auto es = ends(i, &KeyInfo::reg);
    for (auto it = es.rbegin(); it != es.rend(); ++it) {
        std::uint32_t j = it->end;
        std::string cased = key(i, j, false);
        const Regional* reg = nullptr;
        for (auto r : *it->rows)
            if (case_ok(cased, T.regionals[r].head, true, 3)) { reg = &T.regionals[r]; break; }
        if (!reg) continue;
        std::string acr;
        std::uint32_t k = j;
        if (std::uint32_t a = acronym_parens(j, &acr)) k = a;
        EntitySpan e = make(i, k, "organization");
        e.subtype = reg->subtype;
        e.acronym = !acr.empty() ? acr : reg->shortform;
        const std::string_view pol = reg->policy;  // (compares inline)
        e.rule = pol == "name" || pol == "unit" || pol == "di" ? "gazetteers/regional-patterns.tsv (name)" : "gazetteers/regional-patterns.tsv";
        bool found = false;
        if (pol == "name") {
            std::uint32_t x = k;
            if (x < se_ && (low(x) == "dr." || low(x) == "prof.")) ++x;
            std::uint32_t end = cap_run(x, true, true);
            if (end > x) {
                e.canonical = reg->base + " " + key(k, end, false);
                k = end;
                found = true;
            }
        } else if (pol == "unit") {
            // numeral / Name
            if (k + 2 < se_ + 0 && (is_roman(tok_text(k)) || is_digits(tok_text(k))) && is_tok(k + 1, "/") && cap(k + 2)) {
                std::uint32_t end = k + 3;
                while (end + 1 < se_ && is_tok(end, "-") && cap(end + 1)) end += 2;
                e.canonical = reg->base + " " + key(k, end, false);
                k = end;
                found = true;
            }
        } else if (pol == "di") {
            if (k < se_ && low(k) == "di") {
                if (auto p = place_at(k + 1, true)) {
                    e.canonical = reg->base + " di " + key(k + 1, p->end, false);
                    k = p->end;
                    found = true;
                }
            }
        } else {
            bool plain = pol == "plain";
            if (auto p = place_at(k, plain)) {
                Level lv = p->level;
                if (pol == "city") lv = Level::city;
                else if (pol == "regency") lv = Level::regency;
                else if (pol == "province") lv = Level::province;
                if (pol == "city" || pol == "regency" || pol == "province" || pol == "level") {
                    if (pol == "level" && !p->written_level && p->level == Level::district) lv = Level::none;
                    // city/regency/province: the head already says it (Pemerintah Kota X)
                    std::string lname = level_name(lv);
                    if (!lname.empty() && reg->base.ends_with(lname)) lname.clear();
                    e.canonical = reg->base + (lname.empty() ? "" : " " + lname) + " " + p->name;
                    if (lv == Level::regency || lv == Level::city || (lv == Level::province && !region_)) {
                        if (!undo_.region_touched) {
                            undo_.region_touched = true;
                            undo_.old_region = region_;
                        }
                        region_ = {lv, p->name};
                    }
                } else {  // plain: no level word unless written
                    e.canonical = reg->base + (p->written_level ? std::string(" ") + level_name(p->level) : std::string()) + " " + p->name;
                }
                if (!p->code.empty()) seen_codes_.insert(p->code);
                k = p->end;
                found = true;
            }
        }
        if (!found) {
            // a head alone: `setempat`, the last one of this head, or the article's region
            bool setempat = k < se_ && low(k) == "setempat";
            bool in_gazetteer = T.has_org(ascii_lower(cased));
            if (!setempat && in_gazetteer && acr.empty()) continue;  // a national body (KPU, DPRD): the gazetteer's
            if (pol == "name" || pol == "unit" || pol == "di") continue;
            auto last = last_regional_.find(reg->base);
            if (!setempat && last != last_regional_.end()) {
                e.canonical = last->second.canonical;
                e.acronym = last->second.acronym;
            } else if (region_ &&
                       (setempat || !acr.empty() || reg->base.rfind("Dinas", 0) == 0 || reg->base.rfind("Badan", 0) == 0 ||
                        reg->base.rfind("Forum Koordinasi Pimpinan Daerah", 0) == 0) &&  // (no national one)
                       (pol == "level" || pol == "plain")) {
                std::string lname = pol == "level" ? level_name(region_->first) : "";
                e.canonical = reg->base + (lname.empty() ? "" : " " + lname) + " " + region_->second;
                if (setempat) ++k;
            } else if (region_ &&
                       ((pol == "city" && region_->first == Level::city) || (pol == "regency" && region_->first == Level::regency) ||
                        (pol == "province" && region_->first == Level::province))) {
                // a bare `Pemkot` before any `Pemkot X`: the government of the
                // article's city (`Pemkab`: its regency), when that is the level
                e.canonical = reg->base + " " + region_->second;
            } else if (pol == "level" && reg->head == reg->shortform && reg->base.find(' ') != std::string::npos) {
                e.canonical = reg->base;  // `DPRD` with no place in the article
            } else {
                continue;
            }
        }
        e.tok_end = k;
        e.end = toks_[k - 1].end;
        {
            auto [slot, fresh] = last_regional_.try_emplace(reg->base);
            undo_.last_touched = true;
            undo_.base = reg->base;
            if (fresh) undo_.old_last.reset();
            else undo_.old_last = std::move(slot->second);
            slot->second = e;
        }
        return e;
    }
    return std::nullopt;
}

/// `Name (ACR)` for a body not in the tables, and sub-units (`Badan Kebijakan
/// Transportasi Kemenhub`, `Komisi II DPR`), `PT X` companies.
std::optional<EntitySpan> EntityRecognizer::Impl::Doc::org_generic(std::uint32_t i) const {
    // Schools: `SMA Negeri 1 Selong`, `SMPN 2 Yogyakarta`, `MTs Negeri 3 Bantul`
    // (a level in capitals, perhaps Negeri/Swasta, a number, then the place or name)
    if (cap(i) && school_word(low(i)) && tok_text(i).size() >= 2 && std::isupper(static_cast<unsigned char>(tok_text(i)[1]))) {
        std::uint32_t j = i + 1;
        if (j < se_ && (low(j) == "negeri" || low(j) == "swasta" || low(j) == "islam" || low(j) == "terpadu")) ++j;
        // (a school's number has at most three digits: `jenjang SMA 2026` is a year)
        if (j < se_ && toks_[j].kind == TokenKind::number && tok_text(j).size() <= 3) {
            std::uint32_t end = cap_run(j + 1, false, true);
            if (end > j + 4) end = j + 4;  // the place or name: up to three words
            EntitySpan e = make(i, end, "organization");
            e.canonical = key(i, end, false);
            e.subtype = "other";
            e.rule = "school level + number";
            return e;
        }
    }
    if (!cap(i) || !org_heads().contains(low(i))) return std::nullopt;
    std::string_view head = low(i);
    // Komisi II DPR
    if (head == "komisi" && i + 2 < se_ && is_roman(tok_text(i + 1))) {
        if (auto o = org_gazetteer(i + 2)) {
            EntitySpan e = make(i, o->tok_end, "organization");
            e.canonical = "Komisi " + std::string(tok_text(i + 1)) + " " + o->canonical;
            e.subtype = o->subtype;
            e.rule = "sub-unit";
            return e;
        }
    }
    std::uint32_t end = cap_run(i, head != "ps", true);
    if (head == "pt") {
        if (end <= i + 1) return std::nullopt;
        // "Direktur PT Rejang Bumi Konstruksi Yusuf Maulana … Yusuf sudah …": after
        // an office the company's run may end with its holder's name; the name
        // starts at a word the article also uses alone elsewhere
        if (i > sb_ && end >= i + 4) {
            const std::string_view prev = low(i - 1);
            if (prev == "direktur" || prev == "utama" || prev == "dirut" || prev == "komisaris" || prev == "manajer" ||
                prev == "manager" || prev == "pemilik" || prev == "owner" || prev == "bos" || prev == "ceo" ||
                prev == "pimpinan" || prev == "kepala" || prev == "ketua") {
                auto alone_elsewhere = [&](std::uint32_t h) {
                    const std::string_view w = tok_text(h), before = tok_text(h - 1);
                    const std::string_view next = h + 1 < end ? tok_text(h + 1) : std::string_view();
                    for (std::uint32_t x = 1; x + 1 < toks_.size(); ++x)
                        if (x != h && tok_text(x) == w && tok_text(x - 1) != before && (next.empty() || tok_text(x + 1) != next))
                            return true;
                    return false;
                };
                for (std::uint32_t h : {end - 2, end - 1, end - 3})
                    if (h > i + 1 && alone_elsewhere(h)) {
                        end = h;
                        break;
                    }
            }
        }
        std::uint32_t j = end;
        if (is_tok(j, "(") && (is_tok(j + 1, "Persero") || is_tok(j + 1, "Perseroda") || is_tok(j + 1, "Perum")) && is_tok(j + 2, ")")) j += 3;
        if (j < se_ && (tok_text(j) == "Tbk" || tok_text(j) == "Tbk.")) ++j;
        EntitySpan e = make(i, j, "organization");
        std::string c = key(i, j, false);
        if (!c.empty() && c.back() == '.') c.pop_back();
        e.canonical = c;
        e.subtype = "company";
        e.rule = "PT + name";
        return e;
    }
    if (end <= i + 1) return std::nullopt;
    // the longest prefix of the run that is followed by an organization (sub-unit) or (ACR)
    for (std::uint32_t j = end; j > i + 1; --j) {
        std::string acr;
        if (std::uint32_t k = acronym_parens(j, &acr)) {
            EntitySpan e = make(i, j, "organization");
            e.canonical = key(i, j, false);
            e.subtype = head == "partai" ? "political_party" : head == "dinas" ? "local_government" : "other";
            e.rule = "name (ACR)";
            (void)k;
            return e;
        }
        if (!cap(j)) continue;
        if (auto o = org_gazetteer(j); o && o->tok_begin == j && std::string_view(o->subtype) != "local_government") {
            EntitySpan e = make(i, o->tok_end, "organization");
            e.canonical = key(i, j, false) + " " + o->canonical;
            e.subtype = o->subtype;
            e.rule = "sub-unit";
            return e;
        }
    }
    if (head == "universitas" || head == "institut" || head == "politeknik" || head == "partai" ||
        (head == "ps" && tok_text(i) == "PS")) {
        EntitySpan e = make(i, end, "organization");
        e.canonical = key(i, end, false);
        e.subtype = head == "partai" ? "political_party" : "other";
        e.rule = "head + name";
        return e;
    }
    return std::nullopt;
}

// ---- places ----------------------------------------------------------------------------

std::optional<EntitySpan> EntityRecognizer::Impl::Doc::location(std::uint32_t i) const {
    if (!cap(i)) return std::nullopt;
    // `Wali Kota Tangerang` is an office: its place is part of the title
    if (i > sb_ && (low(i - 1) == "wali")) return std::nullopt;
    if (i > sb_ + 1 && low(i - 1) == "kota" && low(i - 2) == "wali") return std::nullopt;
    std::optional<EntitySpan> best;
    auto consider = [&](EntitySpan e) {
        if (!best || e.tok_end > best->tok_end) best = std::move(e);
    };
    // level word + name
    Level lw = level_word(low(i));
    if (lw == Level::village) {
        std::uint32_t end = cap_run(i + 1, false, true);
        // "Kepala Desa Lerep Sumariyadi": after an office the village is one
        // word and the name of its head follows
        if (end > i + 2 && i > sb_ && (low(i - 1) == "kepala" || low(i - 1) == "sekretaris" || low(i - 1) == "perangkat"))
            end = i + 2;
        if (end > i + 1 && end <= i + 5) {
            EntitySpan e = make(i, end, "location");
            e.canonical = key(i, end, false);
            e.subtype = "village";
            e.rule = "village word + name";
            consider(std::move(e));
        }
    } else if (lw != Level::none) {
        auto p = area_name_at(i + 1, lw, true);
        if (!p && lw == Level::city) p = area_name_at(i + 1, Level::regency, false);
        if (p) {
            EntitySpan e = make(i, p->end, "location");
            const Area& a = T.areas[T.area_of(p->code)];
            e.canonical = (lw == Level::province || lw == Level::district) ? a.name : std::string(level_name(lw)) + " " + a.name;
            e.subtype = a.type;
            e.code = a.code;
            e.rule = "gazetteers/locations.tsv";
            consider(std::move(e));
        } else if (lw == Level::district) {
            std::uint32_t end = cap_run(i + 1, false, true);
            if (end > i + 1 && end <= i + 4) {
                EntitySpan e = make(i, end, "location");
                e.canonical = key(i + 1, end, false);
                e.subtype = "district";
                e.rule = "district word + name";
                consider(std::move(e));
            }
        }
    }
    // a bare name: area, alias, foreign place (none when the level word made one: no candidates then)
    if (!best)
    for (const LocCand& c : loc_cands(i)) {
        if (best) break;
        std::uint32_t j = c.end;
        const std::string& cased = c.cased;
        std::string lk = ascii_lower(cased);
        bool single = j == i + 1;
        // a name that is also a common word: not first in a sentence (unless a dateline), not
        // after or before another capitalised word (`Kapolda Metro Jaya`)
        if (single && T.stopwords.count(lk) && !dateline(i) &&
            (sentence_initial(i) ||
             (i > sb_ && toks_[i - 1].shape == TokenShape::capitalized && toks_[i - 1].kind == TokenKind::word && !sentence_initial(i - 1)) ||
             (j < se_ && toks_[j].shape == TokenShape::capitalized && toks_[j].space_before)))
            continue;
        // part of a person's or another name: `Bima Arya`, `Indonesia Maju`
        if (single && j < se_ && toks_[j].kind == TokenKind::word && toks_[j].shape == TokenShape::capitalized && toks_[j].space_before &&
            level_word(low(j)) == Level::none) {
            static const WordSet dirs = word_set({"utara", "selatan", "timur", "barat", "tengah", "raya", "metro", "tahun",
                                                  "nomor", "pukul", "wib", "wita", "wit"});
            // "perenang Surabaya Adinda Larasati", "warga Bima Sakti": after a word
            // that asks for a place of origin the place stands alone, the name follows
            const bool after_origin = i > sb_ && toks_[i - 1].shape == TokenShape::lower && origin_word(low(i - 1));
            if (!after_origin && !dirs.contains(low(j)) && !calendar_word(low(j)) && !T.has_loc(low(j)) && !T.has_org(low(j)))
                continue;
        }
        // the best entry (the first of the highest score) is scored first, its span made once
        int best_score = -1;
        const LocEntry* best_en = nullptr;
        int reg_pref = -1;  // regency_pref_ has lk and city_pref_ not (-1: not yet asked)
        for (const auto& en : *c.entries) {
            if (!loc_case_ok(c, en)) continue;
            int score;
            if (en.kind == LocKind::foreign) {
                score = 15;
            } else {
                const Area& a = T.areas[en.idx];
                Level l = level_of_type(a.type);
                if (l == Level::district) {
                    if (!seen_codes_.count(a.parent) || learned_places_.count(cased)) continue;
                    // a bare district is often a common word (`Tetap`, `Luas`, `Kota`): not first in a
                    // sentence, not next to another capitalised word, not a level or venue word
                    if (sentence_initial(i) || level_word(lk) != Level::none || venue_head_one(lk)) continue;
                    if (i > sb_ && toks_[i - 1].kind == TokenKind::word && toks_[i - 1].shape == TokenShape::capitalized) continue;
                    if (j < se_ && toks_[j].kind == TokenKind::word && toks_[j].shape == TokenShape::capitalized) continue;
                    score = 12;
                } else {
                    if (reg_pref < 0) reg_pref = regency_pref_.count(lk) && !city_pref_.count(lk) ? 1 : 0;
                    score = l == Level::province ? 40 : l == Level::city ? (reg_pref ? 20 : 30) : (reg_pref ? 35 : 25);
                }
                if (en.kind == LocKind::alias) score -= 1;
            }
            if (score > best_score) { best_score = score; best_en = &en; }
        }
        if (best_en) {
            const LocEntry& en = *best_en;
            EntitySpan e = make(i, j, "location");
            if (en.kind == LocKind::foreign) {
                const Foreign& f = T.foreign[en.idx];
                e.canonical = f.canonical;
                e.subtype = f.subtype;
                e.rule = "gazetteers/countries.tsv";
            } else {
                const Area& a = T.areas[en.idx];
                Level l = level_of_type(a.type);
                e.canonical = (l == Level::regency || l == Level::city) ? std::string(level_name(l)) + " " + a.name : a.name;
                e.subtype = a.type;
                e.code = a.code;
                e.rule = en.kind == LocKind::alias ? "gazetteers/location-aliases.tsv" : "gazetteers/locations.tsv";
            }
            consider(std::move(e));
        }
    }
    // a name learned from `Desa X` / `Kecamatan X`
    if (!learned_places_.empty() && places_filter_.maybe([&] {
            std::uint64_t h = key_basis;  // every key of [i, j) starts with token i
            for (char c : tok_text(i)) h = key_step(h, c);
            return h;
        }())) {
        std::uint32_t end = cap_run(i, false, true);
        for (std::uint32_t j = end; j > i; --j) {
            key_into(kbuf_, i, j);
            auto it = learned_places_.find(kbuf_);
            if (it != learned_places_.end()) {
                EntitySpan e = make(i, j, "location");
                e.canonical = it->first;
                e.subtype = it->second;
                e.rule = "place named earlier";
                consider(std::move(e));
                break;
            }
        }
    }
    // venues and natural places: head + capitalised words (+ (ACR))
    // ("Kali" is a river only after a lower-case word: "luapan Kali Pepe"; "Kali Ini Giliran …",
    // "Tiga Kali Juara" are headlines)
    if (venue_head_one(low(i)) && !(sentence_initial(i) && !cap(i + 1)) &&
        (low(i) != "kali" || (i > sb_ && !cap(i - 1) && toks_[i - 1].kind == TokenKind::word))) {
        std::uint32_t x = i + 1;
        if (low(i) == "jalan" || low(i) == "jl." || low(i) == "gerbang" || low(i) == "bandar" || low(i) == "balai") {
            // Jalan Tol X, Gerbang Tol X, Bandar Udara X, Balai Kota X
            if (x < se_ && (low(x) == "tol" || low(x) == "udara" || low(x) == "kota")) ++x;
            else if (low(i) != "jalan" && low(i) != "jl.") x = se_;
        }
        if (x < se_ && cap(x)) {
            std::uint32_t end = cap_run(x, true, true);
            // "Jalan Tol Trans Sumatera dan Jalan Lintas Sumatera": a second venue
            // after a connector is a place of its own
            for (std::uint32_t c = x + 1; c + 1 < end; ++c)
                if ((low(c) == "dan" || low(c) == "serta" || low(c) == ",") && venue_head_one(low(c + 1))) {
                    end = c;
                    break;
                }
            // "General Manager Bandara Sentani Yohanes Mambrasar", "Kepala Pasar
            // Induk Caringin Budi Santoso": after an office the run ends with the
            // holder's name (two words; one when the run is two words long)
            if (i > sb_ && end > x + 1) {
                const std::string_view prev = low(i - 1);
                if (prev == "manager" || prev == "kepala" || prev == "direktur" || prev == "pimpinan" || prev == "ketua" ||
                    prev == "koordinator" || prev == "komandan" || prev == "gm" || prev == "pengelola")
                    end = end >= x + 3 ? end - 2 : x + 1;
            }
            if (end > x) {
                std::uint32_t j = end;
                if (std::uint32_t k = acronym_parens(j, nullptr)) j = k;
                EntitySpan e = make(i, j, "location");
                e.canonical = key(i, end, false);
                e.subtype = "venue";
                e.rule = "venue word + name";
                consider(std::move(e));
            }
        }
    }
    // A dateline names the town the article comes from, in the gazetteer or not:
    // "Sampit (ANTARA) -", "Muara Teweh (ANTARA) -", "TANA PASER, KOMPAS.com -",
    // "TRIBUNKALTIM.CO, TANA PASER -".
    if (!best) {
        const bool line_start = i == 0 || toks_[i].newline_before;
        // an outlet's name: one token ("KOMPAS.com") or three ("TRIBUNKALTIM" "." "CO")
        auto is_domain = [](std::string_view d) {
            const std::string lk = ascii_lower(d);
            return lk == "com" || lk == "co" || lk == "id" || lk == "net" || lk == "co.id" || lk == "org" || lk == "tv";
        };
        auto domain = [&](std::uint32_t k) { return is_domain(tok_text(k)); };
        // "KOMPAS.com", "TEMPO.CO": ends in a domain ("Sp.PD", "M.Sc." after a name are degrees)
        auto outlet = [&](std::uint32_t k) {
            const std::string_view t = tok_text(k);
            if (t.size() > 3 && t.find('.') != std::string_view::npos && t.find_first_of("/:@") == std::string_view::npos &&
                is_domain(t.substr(t.rfind('.') + 1)))
                return true;
            return k + 2 < toks_.size() && is_tok(k + 1, ".") && domain(k + 2);
        };
        auto line_at = [&](std::uint32_t k) { return k == 0 || toks_[k].newline_before; };
        const bool after_outlet = i >= 2 && is_tok(i - 1, ",") &&
                                  ((line_at(i - 2) && outlet(i - 2)) || (i >= 4 && line_at(i - 4) && outlet(i - 4) && domain(i - 2)));
        if (line_start || after_outlet) {
            std::uint32_t j = i;
            while (j < se_ && j < i + 3 && cap(j) && toks_[j].kind == TokenKind::word) ++j;
            auto dash = [&](std::uint32_t k) { return k < se_ && (is_tok(k, "-") || is_tok(k, "–") || is_tok(k, "—")); };
            bool ok = false;
            if (j > i && line_start && is_tok(j, "(") && j + 2 < se_ && is_tok(j + 2, ")") && dash(j + 3))
                ok = ascii_lower(tok_text(j + 1)) == "antara" || outlet(j + 1);  // "Sampit (ANTARA) -"
            else if (j > i && line_start && is_tok(j, ",") && j + 1 < se_ && outlet(j + 1))
                ok = true;  // "TANA PASER, KOMPAS.com -"
            else if (j > i && after_outlet && dash(j))
                ok = true;  // "TRIBUNKALTIM.CO, TANA PASER -"
            if (ok) {
                EntitySpan e = make(i, j, "location");
                e.canonical = key(i, j, false);
                e.subtype = "town";
                e.rule = "dateline";
                consider(std::move(e));
            }
        }
    }
    return best;
}

std::vector<EntitySpan> EntityRecognizer::Impl::Doc::run(const std::vector<Sent>& sents) {
    // pre-pass: which ambiguous names the article writes after Kabupaten / Kota
    for (std::size_t x = 0; x + 1 < toks_.size(); ++x) {
        std::string_view l = low(x);
        if (l.size() < 4 || (l[0] != 'k' && l[0] != 'p')) continue;  // none of the words below
        bool reg = l == "kabupaten" || l == "kab." || l == "pemkab", city = l == "kota" || l == "pemkot";
        if (!reg && !city) continue;
        if (x > 0 && (low(x - 1) == "wali" || low(x - 1) == "wakil")) continue;
        std::string k = toks_[x + 1].lower;
        if (x + 2 < toks_.size() && toks_[x + 2].space_before && starts_upper(tok_text(static_cast<std::uint32_t>(x + 2))) &&
            T.has_loc(k + " " + toks_[x + 2].lower))
            k += " " + toks_[x + 2].lower;
        (reg ? regency_pref_ : city_pref_).insert(k);
    }
    std::vector<EntitySpan> out;
    // moving a vector of EntitySpans as it grows is costly: room for more than news
    // text holds (about one entity per seven tokens)
    out.reserve(toks_.size() / 4 + 8);
    const bool skip = g_entity_skip.load(std::memory_order_relaxed);
    for (const auto& s : sents) {
        sb_ = s.tok_begin;
        se_ = s.tok_end;
        std::uint32_t i = sb_;
        WorkCounters& wc = work_counters();
        while (i < se_) {
            ++wc.entity_tokens;
            if (!cap(i)) { ++i; continue; }
            ++wc.entity_candidates;
            if (skip && !may_match(i)) { ++i; continue; }  // no recogniser finds a name here
            std::optional<EntitySpan> best;
            auto consider = [&](std::optional<EntitySpan> e) {
                if (e && (!best || e->tok_end > best->tok_end)) best = std::move(e);
            };
            consider(org_learned(i));
            {
                auto g = org_gazetteer(i);
                auto gen = org_generic(i);
                // a generic name never beats a gazetteer name except as `Name (ACR)` or a sub-unit
                if (g && gen && std::string_view(gen->rule) != "name (ACR)" && std::string_view(gen->rule) != "sub-unit") gen.reset();
                consider(std::move(g));
                consider(std::move(gen));
            }
            {
                // regional heads change the document state: undo the change when not taken
                auto r = org_regional(i);
                // against `Name (ACR)` of the same words the regional reading (which
                // knows the place) wins: `Pemerintah Provinsi Nusa Tenggara Timur
                // (Pemprov NTT)`, later `Pemprov` alone
                if (r && (!best || r->tok_end > best->tok_end ||
                          (r->tok_end == best->tok_end && std::string_view(best->rule) == "name (ACR)"))) {
                    best = std::move(r);
                } else {
                    if (undo_.last_touched) {
                        if (undo_.old_last) last_regional_[undo_.base] = std::move(*undo_.old_last);
                        else last_regional_.erase(undo_.base);
                    }
                    if (undo_.region_touched) region_ = std::move(undo_.old_region);
                }
            }
            // `BKN Awards`: a short form inside an award's name
            if (best && best->tok_end == i + 1 && best->tok_end < se_ && (low(i + 1) == "awards" || low(i + 1) == "award"))
                best.reset();
            if (best) {
                // a gazetteer or generic body: `Name (ACR)` followed by a place or a unit name
                finish_org(*best);
                // `Name (ACR) Place` from the regional patterns: the acronym now means this body
                // (unless it is a national body's own short form: `KPU` stays the national KPU)
                if (std::string_view(best->rule) == "gazetteers/regional-patterns.tsv" && !best->acronym.empty()) {
                    bool parens = false;
                    for (std::uint32_t x = best->tok_begin; x < best->tok_end; ++x) parens = parens || low(x) == "(";
                    bool national = false;
                    if (const auto* rows = T.lookup(ascii_lower(best->acronym), &KeyInfo::org))
                        for (auto r : *rows) national = national || !T.orgs[r].ambiguous;
                    if (parens && !national) learn(best->acronym, *best);
                }
                if (std::string_view(best->rule) == "PT + name") {
                    // `PT Tirta Borneo Lestari`, later `Tirta Borneo Lestari`: the name
                    // without `PT` (two to four words) means the same company
                    std::uint32_t a = best->tok_begin + 1, z = a;
                    while (z < best->tok_end && cap(z) && low(z) != "(" && tok_text(z) != "Tbk" && tok_text(z) != "Tbk.") ++z;
                    if (z - a >= 2 && z - a <= 4) {
                        key_into(kbuf_, a, z);
                        if (!learned_.count(kbuf_)) learn(kbuf_, *best);
                    }
                }
                if (!best->acronym.empty()) {
                    // keep the acronym known also when the regional pattern made the span
                    if (std::uint32_t k = best->tok_end; k > 0 && low(k - 1) == ")") learn(best->acronym, *best);
                }
                // a gazetteer name, then a written place, for a body that has regional offices
                // (`Komisi Pemilihan Umum (KPU) Provinsi Kalimantan Barat` is handled by the regional
                // patterns; here: `Name (ACR) Kesehatan` = a longer gazetteer surface)
                if (best->tok_end < se_ && !best->acronym.empty()) {
                    std::uint32_t k = best->tok_end;
                    // the hashes of the lower-case `ACR w1 .. wn` first: the strings are made
                    // only when the index has the hash (rarely)
                    std::array<std::uint64_t, 4> lh{};
                    {
                        std::uint64_t h = key_basis;
                        for (char c : best->acronym) h = key_step(h, lower_c(c));
                        h = key_step(h, ' ');
                        for (std::uint32_t n = 1; n <= 3 && k + n <= se_; ++n) {
                            std::uint32_t x = k + n - 1;
                            if (n > 1 && toks_[x].space_before) h = key_step(h, ' ');
                            const TokHash& th = tok_hash(x);
                            lh[n] = h = h * th.pow + th.part;
                        }
                    }
                    for (std::uint32_t n = 3; n >= 1; --n) {
                        if (k + n > se_) continue;
                        if (!T.index.find(lh[n])) continue;  // as T.lookup below: no such key
                        std::string longer = best->acronym + " " + key(k, k + n, false);
                        const auto* rows = T.lookup(ascii_lower(longer), &KeyInfo::org);
                        if (!rows) continue;
                        if (const OrgRow* r = pick_row(*rows, longer, best->tok_begin)) {
                            best->canonical = r->canonical;
                            best->acronym = r->acronym;
                            best->tok_end = k + n;
                            best->end = toks_[k + n - 1].end;
                            break;
                        }
                    }
                    // generic `Name (ACR) Place`: a regional office not in the patterns
                    if (best->tok_end == k && low(k - 1) == ")") {
                        if (auto o = org_gazetteer(k); o && std::string_view(o->subtype) != "ministry" ) {
                            best->canonical += " " + o->canonical;  // Direktorat X (ACR) Polda Y
                            best->tok_end = o->tok_end;
                            best->end = o->end;
                        } else if (auto r = org_regional(k)) {
                            best->canonical += " " + r->canonical;
                            best->tok_end = r->tok_end;
                            best->end = r->end;
                        } else if (auto pw = low(k) == "perwakilan" ? place_at(k + 1, true) : std::nullopt) {
                            // "BPKP Perwakilan Jawa Tengah": the body's office for a region
                            best->canonical += std::string(" Perwakilan ") + level_name(pw->level) + " " + pw->name;
                            best->tok_end = pw->end;
                            best->end = toks_[pw->end - 1].end;
                        } else if (std::uint32_t seat = cap_run(k, false, true);
                                   (std::string_view(best->subtype) == "court" || best->canonical.rfind("Pengadilan ", 0) == 0) &&
                                   (seat > k + 1 || (seat == k + 1 && !T.stopwords.count(std::string(low(k))) && !calendar_word(low(k)))) && seat <= k + 3 &&
                                   !(place_at(k, true) && place_at(k, true)->end == seat)) {
                            // a court is named after its seat, which need not be a place of the
                            // tables: `Pengadilan Negeri (PN) Bale Bandung`
                            std::uint32_t open = k - 1;
                            while (open > best->tok_begin && low(open) != "(") --open;
                            best->canonical = key(best->tok_begin, open, false) + " " + key(k, seat, false);
                            best->subtype = "court";
                            best->tok_end = seat;
                            best->end = toks_[seat - 1].end;
                        } else if (auto p = place_at(k, true)) {
                            std::string lname = p->written_level ? std::string(level_name(p->level)) + " " : std::string();
                            bool local = best->canonical.rfind("Dinas", 0) == 0 || best->canonical.ends_with("Daerah");
                            if (local && lname.empty() && p->level != Level::district) lname = std::string(level_name(p->level)) + " ";
                            best->canonical += " " + lname + p->name;
                            best->tok_end = p->end;
                            best->end = toks_[p->end - 1].end;
                        }
                        if (best->tok_end != k) learn(best->acronym, *best);
                    }
                }
                // (finish_org named it already unless the canonical grew since: no string made then)
                if (!finished_canon_ || !lower_equal(*finished_canon_, best->canonical))
                    seen_canon_.insert(ascii_lower(best->canonical));
                if (std::string_view(best->subtype) == "local_government") {
                    // region for later `Dinas X` / `BPBD setempat`
                    for (Level l : {Level::province, Level::regency, Level::city}) {
                        std::string pre = std::string("Pemerintah ") + level_name(l) + " ";
                        if (best->canonical.rfind(pre, 0) == 0) region_ = {l, best->canonical.substr(pre.size())};
                    }
                }
                i = best->tok_end;
                last_org_end_ = i;
                out.push_back(std::move(*best));
                continue;
            }
            if (auto loc = location(i)) {
                if (std::string_view(loc->subtype) == "village" || (std::string_view(loc->subtype) == "district" && loc->code.empty())) {
                    std::size_t sp = loc->canonical.find(' ');
                    std::string name = std::string_view(loc->subtype) == "village" && sp != std::string::npos ? loc->canonical.substr(sp + 1) : loc->canonical;
                    learn_place(name, loc->subtype);
                } else if (std::string_view(loc->subtype) == "district") {
                    std::string_view t = text_.substr(loc->start, loc->end - loc->start);
                    std::size_t sp = t.find(' ');
                    if (level_word(ascii_lower(t.substr(0, sp))) == Level::district && sp != std::string_view::npos)
                        learn_place(std::string(t.substr(sp + 1)), "district");
                }
                if (!loc->code.empty()) {
                    seen_codes_.insert(loc->code);
                    if (std::string_view(loc->subtype) == "regency" || std::string_view(loc->subtype) == "city") {
                        const Area& a = T.areas[T.area_of(loc->code)];
                        region_ = {level_of_type(a.type), a.name};
                    }
                }
                i = loc->tok_end;
                out.push_back(std::move(*loc));
                continue;
            }
            ++i;
        }
    }
    return out;
}

// ---- public ----------------------------------------------------------------------------

EntityRecognizer::EntityRecognizer() : impl_(std::make_unique<Impl>()) {}
EntityRecognizer::~EntityRecognizer() = default;

bool EntityRecognizer::add_table(std::string_view kind, std::string_view file, std::string_view content) {
    if (kind == "organization") impl_->load_orgs(file, content);
    else if (kind == "location") impl_->load_locations(file, content);
    else if (kind == "location-alias") impl_->load_aliases(file, content);
    else if (kind == "country" || kind == "place") impl_->load_foreign(file, content);
    else if (kind == "regional-pattern") impl_->load_regional(file, content);
    else if (kind == "place-stopword") impl_->load_stopwords(file, content);
    else return false;
    return true;
}

std::vector<EntitySpan> EntityRecognizer::find(std::string_view text, const std::vector<Tok>& toks,
                                               const std::vector<Sent>& sents, const std::optional<Ymd>& reference) const {
    // `Kuala Lumpur-Surabaya`, `Aceh-Sumatera Utara`: a compound of two capitalised names
    // is two names for this layer (the tokens of the other layers stay as they are).
    auto splittable = [&](const Tok& t) {
        if (t.kind != TokenKind::word) return false;
        std::string_view w = text.substr(t.start, t.end - t.start);
        // (the first part starts upper case: most words are out before the search for '-')
        if (!starts_upper(w) || t.lower.find('-') == std::string::npos) return false;
        auto parts = split(w, '-');
        if (parts.size() < 2 || parts.size() > 8) return false;
        for (std::size_t x = 0; x < parts.size(); ++x)
            if (parts[x].empty() || !starts_upper(parts[x])) return false;
        if (ascii_lower(parts[0]) == ascii_lower(parts[1])) return false;  // Toli-Toli
        std::string lk = ascii_lower(w);
        return !impl_->has_loc(lk) && !impl_->has_org(lk) && !impl_->is_prefix(lk);
    };
    // (first, inline, what most tokens fail: a word that starts upper case)
    auto may_split = [&](const Tok& t) {
        if (t.kind != TokenKind::word || t.start >= t.end) return false;
        const auto c = static_cast<unsigned char>(text[t.start]);
        return ((c >= 'A' && c <= 'Z') || c >= 0xC3) && splittable(t);
    };
    bool any = false;
    for (const auto& t : toks) any = any || may_split(t);
    if (!any) {
        std::vector<const Tok*> ptrs(toks.size());
        for (std::size_t k = 0; k < toks.size(); ++k) ptrs[k] = &toks[k];
        Impl::Doc d(*impl_, text, Impl::Doc::TokView(ptrs), reference);
        return d.run(sents);
    }
    std::deque<Tok> parts;  // the tokens made by splitting
    std::vector<std::pair<std::uint32_t, std::uint32_t>> t2;  // the layer's tokens: (toks index, 0 or 1 + parts index)
    std::vector<std::uint32_t> orig;  // t2 index -> toks index
    std::vector<std::uint32_t> first(toks.size() + 1);
    for (std::uint32_t k = 0; k < toks.size(); ++k) {
        first[k] = static_cast<std::uint32_t>(t2.size());
        const Tok& t = toks[k];
        if (!may_split(t)) {
            t2.push_back({k, 0});
            orig.push_back(k);
            continue;
        }
        std::uint32_t p = t.start;
        bool firstpart = true;
        while (p < t.end) {
            std::uint32_t q = p;
            while (q < t.end && text[q] != '-') ++q;
            Tok w;
            w.start = p;
            w.end = q;
            w.kind = TokenKind::word;
            std::string_view part = text.substr(p, q - p);
            w.shape = all_caps(part) ? TokenShape::upper : TokenShape::capitalized;
            w.space_before = firstpart ? t.space_before : false;
            w.newline_before = firstpart ? t.newline_before : false;
            w.lower = ascii_lower(part);
            w.base = w.lower;
            parts.push_back(std::move(w));
            t2.push_back({k, static_cast<std::uint32_t>(parts.size())});
            orig.push_back(k);
            firstpart = false;
            if (q < t.end) {
                Tok h;
                h.start = q;
                h.end = q + 1;
                h.kind = TokenKind::punctuation;
                h.shape = TokenShape::punct;
                h.lower = "-";
                h.base = "-";
                parts.push_back(std::move(h));
                t2.push_back({k, static_cast<std::uint32_t>(parts.size())});
                orig.push_back(k);
            }
            p = q + 1;
        }
    }
    first[toks.size()] = static_cast<std::uint32_t>(t2.size());
    std::vector<Sent> s2 = sents;
    for (auto& s : s2) {
        s.tok_begin = first[s.tok_begin];
        s.tok_end = first[s.tok_end];
    }
    // the parts live in `parts` (a deque: their addresses stay), the others are the caller's
    std::vector<const Tok*> ptrs;
    ptrs.reserve(t2.size());
    for (const auto& [k, part] : t2) ptrs.push_back(part ? &parts[part - 1] : &toks[k]);
    Impl::Doc d(*impl_, text, Impl::Doc::TokView(ptrs), reference);
    auto out = d.run(s2);
    for (auto& e : out) {
        e.tok_begin = orig[e.tok_begin];
        e.tok_end = orig[e.tok_end - 1] + 1;
    }
    return out;
}

std::size_t EntityRecognizer::size() const {
    return impl_->org_rows.size() + impl_->loc_rows.size() + impl_->reg_rows.size();
}

}  // namespace warta::detail
