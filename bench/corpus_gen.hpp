// The benchmark corpus: variants of the project's corpus/ articles.
//
// Each document is one article with its dates, numbers and some names
// substituted, so that no document repeats another (every text is checked by
// a 64-bit hash) while the text keeps the shapes real news has: the same
// date styles (`Senin (19/4/2023)`, `19 April 2023`, `2023-04-19`,
// `pukul 06.00 WIB`), numbers of the same length, capitalised names.
// Deterministic: the same articles and seed give the same corpus on every
// platform (only std::mt19937_64, no std:: distributions).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace warta::bench {

struct Article {
    std::string id;
    std::string text;
    std::optional<std::string> date;  ///< YYYY-MM-DD of the article, when known
};

struct BenchDoc {
    std::string id;
    std::string text;
    std::optional<std::string> date;  ///< the article's date, shifted by the same years as the text
};

/// Reads every *.gold.json under `dir` (recursively, sorted by path): its
/// `id` (else the file name), `text` and `date`.
std::vector<Article> load_articles(const std::string& dir);

/// One variant of `a`; `rng` supplies every choice.
BenchDoc vary(const Article& a, std::mt19937_64& rng);

/// Generates documents (round-robin over `articles`) until their texts total
/// at least `target_bytes`, calling `emit` for each.  Every text differs from
/// every other (a repeated hash gets a new draw; after 8 failed draws it
/// throws std::runtime_error).  Returns the number of documents.
struct GenStats {
    std::size_t documents = 0;
    std::size_t bytes = 0;    ///< text bytes
    std::size_t redraws = 0;  ///< variants drawn again because their text repeated an earlier one
};
GenStats generate(const std::vector<Article>& articles, std::size_t target_bytes, std::uint64_t seed,
                  const std::function<void(BenchDoc&&)>& emit);

}  // namespace warta::bench
