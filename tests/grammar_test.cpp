// The grammar engine: every built-in rule's examples, load-time errors with
// file:line:column, overrides, disables, user grammars, --explain data.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "builtin_grammars.hpp"
#include "grammar.hpp"
#include "tokenize.hpp"
#include "warta/warta.hpp"

namespace {

const warta::Extractor& builtin() {
    static const warta::Extractor ex;
    return ex;
}

// Writes a grammar (and optional list files) into a fresh temp dir; returns the grammar path.
std::string write_grammar(const std::string& name, const std::string& content,
                          const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    namespace fs = std::filesystem;
    static int n = 0;
    fs::path dir = fs::temp_directory_path() / ("warta-grammar-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::create_directories(dir);
    for (const auto& [f, c] : extra) {
        fs::create_directories((dir / f).parent_path());
        std::ofstream(dir / f) << c;
    }
    std::ofstream(dir / name) << content;
    return (dir / name).string();
}

std::string load_error(const std::string& content, const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    std::string path = write_grammar("user.grammar", content, extra);
    try {
        warta::Extractor ex({.grammar_files = {path}});
    } catch (const warta::GrammarError& e) {
        std::string msg = e.what();
        // report relative to the file name, for stable assertions
        auto p = msg.find("user.grammar");
        return p == std::string::npos ? msg : msg.substr(p);
    }
    return "";
}

const warta::Mention* find(const warta::Document& d, std::string_view type, std::string_view text) {
    for (const auto& m : d.mentions)
        if (m.type == type && m.span.text == text) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("grammar: every built-in rule's examples pass, and every rule has one") {
    CHECK(builtin().rule_count() > 10);
    auto failures = builtin().check_examples();
    for (const auto& f : failures) FAIL_CHECK(f.where << ": rule " << f.rule << ": " << f.message);
    CHECK(failures.empty());
}

TEST_CASE("grammar: load errors name file:line:column and the rule") {
    CHECK(load_error("rule x.a\n  type date\n  pattern (?P<y>\\d{4}\n  value {y}\n  example \"1999\" => \"1999\" = 1999\nend\n")
              .rfind("user.grammar:3:11: rule x.a: bad pattern: missing ): (?P<y>\\d{4}", 0) == 0);
    CHECK(load_error("rule x.a\n  type date\n  pattern (\\d{4})\n  value x\nend\n") ==
          "user.grammar:3:11: rule x.a: unnamed capturing group: use (?P<name>...) or (?:...)");
    CHECK(load_error("rule x.a\n  type date\n  pattern (?P<y>{NOPE})\n  value {y}\nend\n") ==
          "user.grammar:3:17: rule x.a: unknown macro or list {NOPE}");
    CHECK(load_error("rule x.a\n  type date\n  pattern (?P<y>\\d{4})\n  value {z}\nend\n") ==
          "user.grammar:1:1: rule x.a: template names {z}, which is not a group of the pattern");
    CHECK(load_error("rule x.a\n  type date\n  pattern \\d+\n  value x\n  colour red\nend\n") ==
          "user.grammar:5:3: rule x.a: unknown key 'colour'");
    CHECK(load_error("rule x.a\n  type date\n  pattern \\d+\n  value x\n") == "user.grammar:1:1: rule x.a: missing 'end'");
    CHECK(load_error("rule x.a\n  type date\n  value x\nend\n") == "user.grammar:1:1: rule x.a: no pattern");
    CHECK(load_error("rule x.a\n  type date\n  pattern \\d+\n  normalizer nope\nend\n") ==
          "user.grammar:4:14: rule x.a: unknown normalizer 'nope'");
    CHECK(load_error("@list M missing.tsv\n") == "user.grammar:1:9: cannot read word list 'missing.tsv'");
    // a macro's syntax is checked where it is defined, with RE2's message (a
    // short pattern is parsed only, one with a counted repeat compiled)
    CHECK(load_error("@macro BAD = (?:abc|d\n") == "user.grammar:1:14: macro BAD: bad pattern: missing ): (?:(?:abc|d)");
    CHECK(load_error("@macro BAD = a{2}(?:abc|d\n") == "user.grammar:1:14: macro BAD: bad pattern: missing ): (?:a{2}(?:abc|d)");
    CHECK(load_error("@macro BAD = x**\n") == "user.grammar:1:14: macro BAD: bad pattern: bad repetition operator: **");
    CHECK(load_error("@macro OK = a{2}(?:abc|d)\n") == "");
    CHECK(load_error("bogus line\n") ==
          "user.grammar:1:1: expected 'rule NAME', 'event NAME', '@list', '@gazetteer', '@macro', '@disable' or '@ref-date', found 'bogus'");
    CHECK(load_error("rule x.a\n  type date\n  pattern \\d+\n  value x\n  example \"abc\" => \"zz\" = 1\nend\n") ==
          "user.grammar:5:20: rule x.a: example span \"zz\" is not in the example text");
    // a duplicate of a built-in rule is an error unless marked as an override
    CHECK(load_error("rule date.year\n  type date\n  pattern \\d+\n  value x\nend\n").find("rule date.year: duplicate rule name") !=
          std::string::npos);
    CHECK(load_error("override rule date.year\n  type date\n  pattern tahun (?P<y>\\d{4})\n  value {y}\n"
                     "  example \"tahun 1999\" => \"tahun 1999\" = 1999\nend\n") == "");
    CHECK(load_error("override rule x.none\n  type date\n  pattern \\d+\n  value x\nend\n") ==
          "user.grammar:1:1: rule x.none: 'override rule' but no earlier rule has this name");
    // `each` names roles of an event, and belongs to event blocks
    CHECK(load_error("event x.list\n  type x\n  pattern (?P<trigger>melantik)\n  role person after (?P<value><person>)\n"
                     "  each , (?P<nobody><person>)\nend\n")
              .find("group 'nobody' is not a role of the event") != std::string::npos);
    CHECK(load_error("rule x.y\n  type number\n  pattern \\d+\n  value 1\n  each , (?P<a>\\d+)\nend\n").find("each belongs to event blocks") !=
          std::string::npos);
    CHECK(load_error("@disable no.such.rule\n") == "--disable no.such.rule: no rule or grammar file has this name");
    CHECK(load_error("event x.ev\n  type x\n  pattern (?P<trigger>melantik)\n  frame 8\n  follow-up\nend\n")
              .find("an event rule is a frame or a follow-up, not both") != std::string::npos);
    CHECK(load_error("event x.ev\n  type x\n  pattern (?P<trigger>melantik)\n  frame many\nend\n")
              .find("frame wants a number of sentences") != std::string::npos);
    CHECK(load_error("rule x.y\n  type number\n  pattern \\d+\n  value 1\n  frame\nend\n").find("belong to event blocks") !=
          std::string::npos);
    // role patterns of a user's file are compiled at load, so a bad one is reported there
    CHECK(load_error("event x.ev\n  type x\n  pattern (?P<trigger>melantik)\n  role person after (?P<value><person>\nend\n")
              .rfind("user.grammar:4:21: rule x.ev: bad role pattern: missing ):", 0) == 0);
    CHECK(load_error("event x.ev\n  type x\n  pattern (?P<trigger>melantik)\n  role person after (?P<value><person>) unless-after (?:oleh\nend\n")
              .rfind("user.grammar:4:21: rule x.ev: bad unless-after pattern: missing ):", 0) == 0);
    // an unreadable grammar file
    try {
        warta::Extractor ex({.grammar_files = {"/nonexistent/x.grammar"}});
        FAIL("no error");
    } catch (const warta::GrammarError& e) {
        CHECK(std::string(e.what()).rfind("/nonexistent/x.grammar:1:1: cannot read grammar file", 0) == 0);
    }
}

TEST_CASE("grammar: the built-in files pass every load check (the library skips some for them)") {
    // The Extractor loads its embedded grammars with built_in = true: their
    // macros are not syntax-checked and their role patterns compile on first
    // use.  Here every check runs, in the library's order, and every role
    // pattern is compiled.
    using namespace warta::detail;
    Tokenizer tokenizer;
    Grammar checked(tokenizer);
    CHECK_NOTHROW(warta::test_support::load_builtin_grammars(checked));
    std::size_t slots = 0;
    for (const auto& rule : checked.rules())
        for (const auto& slot : rule->roles) {
            ++slots;
            CHECK_MESSAGE(slot.re->ok(), rule->name << " role " << slot.name << ": " << slot.re->error());
            if (slot.unless_after) CHECK_MESSAGE(slot.unless_after->ok(), rule->name << " role " << slot.name);
        }
    CHECK(slots > 50);
    // and a bad role pattern in a file loaded as built in is not tried (no error, no crash)
    Grammar lazy(tokenizer);
    CHECK_NOTHROW(lazy.load("builtin:x.grammar", "event x.ev\n  type x\n  pattern (?P<trigger>melantik)\n  role person after (?P<value>x\nend\n",
                            warta::test_support::embedded_file, /*built_in=*/true));
    REQUIRE(lazy.rules().size() == 1);
    CHECK_FALSE(lazy.rules()[0]->roles.at(0).re->ok());
}

TEST_CASE("grammar: a user grammar adds a date pattern with its own word list") {
    std::string path = write_grammar("festival.grammar",
                                     "@list FEST lists/fest.tsv\n"
                                     "rule user.festival\n"
                                     "  type date\n"
                                     "  pattern (?P<day>{FEST}) (?P<year>\\d{4})\n"
                                     "  value {year}-{day}\n"
                                     "  example \"saat Imlek 2023 tiba\" => \"Imlek 2023\" = 2023-01-22\n"
                                     "end\n",
                                     {{"lists/fest.tsv", "# festival\timlek day\nimlek\t01-22\n"}});
    warta::Extractor ex({.grammar_files = {path}});
    CHECK(ex.check_examples("festival.grammar").empty());
    CHECK(ex.rule_count() == builtin().rule_count() + 1);
    warta::Document d = ex.extract("Warga merayakan Imlek 2023 di Glodok.");
    const warta::Mention* m = find(d, "date", "Imlek 2023");
    REQUIRE(m);
    CHECK(std::get<std::string>(*m->field("value")) == "2023-01-22");
    CHECK(m->rule.find("festival.grammar:2:user.festival") != std::string::npos);

    // a failing example is reported with the tokens the rule saw
    std::string bad = write_grammar("bad.grammar",
                                    "rule user.bad\n  type date\n  pattern zzz (?P<y>\\d{4})\n  value {y}\n"
                                    "  example \"zzz 2023 ok\" => \"zzz 2023\" = 2024\nend\n");
    warta::Extractor ex2({.grammar_files = {bad}});
    auto f = ex2.check_examples("bad.grammar");
    REQUIRE(f.size() == 1);
    CHECK(f[0].where.ends_with("bad.grammar:5"));
    CHECK(f[0].message.find("tokens the rule saw: zzz 2023 ok") != std::string::npos);
    CHECK(f[0].message.find("found: date \"zzz 2023\" = 2023") != std::string::npos);

    // a rule without a positive example fails the examples check
    std::string none = write_grammar("none.grammar", "rule user.none\n  type date\n  pattern qqq\n  value 2020\nend\n");
    warta::Extractor ex3({.grammar_files = {none}});
    auto g = ex3.check_examples("none.grammar");
    REQUIRE(g.size() == 1);
    CHECK(g[0].message == "the rule has no positive example");
}

TEST_CASE("grammar: disabling built-in rules and files") {
    warta::Extractor no_year({.disabled = {"date.year"}});
    CHECK(no_year.rule_count() == builtin().rule_count() - 1);
    CHECK(find(builtin().extract("Sepanjang tahun 2022 ramai."), "date", "tahun 2022"));
    CHECK_FALSE(find(no_year.extract("Sepanjang tahun 2022 ramai."), "date", "tahun 2022"));
    warta::Extractor no_dates({.disabled = {"dates.grammar"}});
    CHECK(no_dates.extract("Pada 23 Desember 2022 hujan.").mentions.empty());
    CHECK_THROWS_AS(warta::Extractor({.disabled = {"no.such.rule"}}), warta::GrammarError);
}

TEST_CASE("grammar: disabling a file drops the tables it names (entity, person and quote layers)") {
    const char* text = "Menteri Kesehatan Budi Gunadi Sadikin meninjau RSUD Cianjur di Kabupaten Cianjur, Jawa Barat. "
                       "\"Kami siap,\" kata Budi pada Senin (5/12/2022).";
    auto count = [](const warta::Document& d, std::string_view type) {
        return std::count_if(d.mentions.begin(), d.mentions.end(), [&](const warta::Mention& m) { return m.type == type; });
    };
    warta::Document all = builtin().extract(text);
    REQUIRE(count(all, "person") >= 1);
    REQUIRE(count(all, "location") >= 1);
    REQUIRE(count(all, "organization") >= 1);
    REQUIRE(!all.events.empty());
    warta::Extractor no_entities({.disabled = {"entities.grammar"}});
    warta::Document d = no_entities.extract(text);
    CHECK(count(d, "person") == 0);
    CHECK(count(d, "location") == 0);
    CHECK(count(d, "organization") == 0);
    CHECK(count(d, "date") == count(all, "date"));
    warta::Extractor no_quotes({.disabled = {"events.grammar"}});
    warta::Document q = no_quotes.extract(text);
    CHECK(q.events.empty());
    CHECK(count(q, "person") == count(all, "person"));
}

TEST_CASE("grammar: overlaps, block rules, and --explain losers") {
    warta::DocumentOptions opt;
    opt.explain = true;
    warta::Document d = builtin().extract("Berdasarkan UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, pada 5 Mei 2014 lalu.", opt);
    CHECK_FALSE(find(d, "date", "Tahun 2014"));
    CHECK(find(d, "date", "5 Mei 2014 lalu"));
    bool blocked = false;
    for (const auto& r : d.rejected) blocked = blocked || (r.span.text == "Tahun 2014" && r.reason.find("inside block") == 0);
    CHECK(blocked);
    // the longest candidate wins over the parts it covers
    warta::Document e = builtin().extract("Acara itu digelar Senin (5/12/2022) pukul 10.00 WIB di Serang.", opt);
    std::vector<warta::Mention> dates;
    for (const auto& m : e.mentions)
        if (m.type == "date") dates.push_back(m);
    REQUIRE(dates.size() == 1);
    CHECK(dates[0].span.text == "Senin (5/12/2022) pukul 10.00 WIB");
    bool lost_time = false;
    for (const auto& r : e.rejected) lost_time = lost_time || (r.span.text == "pukul 10.00 WIB" && r.reason.find("overlaps the winner") == 0);
    CHECK(lost_time);
}

TEST_CASE("dates: a date without its year takes the year the article wrote for that month before it") {
    auto values = [](const warta::Document& d) {
        std::string out;
        for (const auto& m : d.mentions)
            if (m.type == "date") out += m.span.text + "=" + std::get<std::string>(*m.field("value")) + ";";
        return out;
    };
    warta::DocumentOptions o;
    o.reference_date = "2026-11-25";
    // in late November a bare December is last year's, unless the article set this year's
    CHECK(values(builtin().extract("Orang tua yang berhalangan datang pada 2-5 Desember dapat ke puskesmas.", o)) ==
          "2-5 Desember=2025-12-02/2025-12-05;");
    CHECK(values(builtin().extract("Sub-PIN digelar 2-5 Desember 2026. Orang tua yang berhalangan datang pada 2–5 Desember "
                                   "dapat ke puskesmas. Pameran pada 3 Desember dibuka menteri.",
                                   o)) == "2-5 Desember 2026=2026-12-02/2026-12-05;2–5 Desember=2026-12-02/2026-12-05;3 Desember=2026-12-03;");
    // a date before the written one, `lalu` on the date, or another month: unchanged
    CHECK(values(builtin().extract("Pada 3 Desember rapat digelar. Sub-PIN digelar 2-5 Desember 2026.", o)) ==
          "3 Desember=2025-12-03;2-5 Desember 2026=2026-12-02/2026-12-05;");
    CHECK(values(builtin().extract("Sub-PIN digelar 2-5 Desember 2026. Rapat sudah digelar 3 Desember lalu.", o)) ==
          "2-5 Desember 2026=2026-12-02/2026-12-05;3 Desember lalu=2025-12-03;");
    CHECK(values(builtin().extract("Sub-PIN digelar 2-5 Desember 2026. Rapat digelar 3 Oktober.", o)) ==
          "2-5 Desember 2026=2026-12-02/2026-12-05;3 Oktober=2026-10-03;");
    // never a day the year lacks (29 February of 2025)
    o.reference_date = "2024-03-10";
    CHECK(values(builtin().extract("Pameran digelar 3-5 Februari 2025. Lomba pada 28-29 Februari ramai.", o)) ==
          "3-5 Februari 2025=2025-02-03/2025-02-05;28-29 Februari=2024-02-28/2024-02-29;");
}

TEST_CASE("dates: a bare weekday the article wrote with its full date after the reference date is that date") {
    auto value_of = [](const warta::Document& d, std::size_t nth) {
        std::size_t k = 0;
        for (const auto& m : d.mentions)
            if (m.type == "date" && m.span.text == "Selasa" && k++ == nth)
                if (const auto* v = m.field("value")) return std::get<std::string>(*v);
        return std::string();
    };
    // no dateline: the reference date is the first full date (Monday 18th)
    warta::Document d = builtin().extract(
        "Banjir bandang menerjang desa itu pada Senin (18/11/2024) malam. Hingga Selasa (19/11/2024) siang, lima warga "
        "meninggal. \"Kami terus mencari,\" kata Hotman saat dihubungi, Selasa.");
    CHECK(d.reference_date == "2024-11-18");
    CHECK(value_of(d, 0) == "2024-11-19");
    // without the written Tuesday, the most recent Tuesday before the reference date
    d = builtin().extract("Banjir bandang menerjang desa itu pada Senin (18/11/2024) malam. Kata Hotman, Selasa, pencarian berlanjut.");
    CHECK(value_of(d, 0) == "2024-11-12");
    // "Selasa lalu" keeps its own meaning
    d = builtin().extract("Banjir menerjang pada Senin (18/11/2024). Hingga Selasa (19/11/2024) hujan turun. Rapat digelar Selasa lalu.");
    for (const auto& m : d.mentions)
        if (m.span.text == "Selasa lalu") CHECK(std::get<std::string>(*m.field("value")) == "2024-11-12");
}

TEST_CASE("dates: a day and month with a weekday take the year where the weekday fits") {
    warta::DocumentOptions opt;
    opt.reference_date = "2023-10-12";  // a Thursday
    auto value = [&](const std::string& text, const std::string& span) {
        warta::Document d = builtin().extract(text, opt);
        for (const auto& m : d.mentions)
            if (m.type == "date" && m.span.text == span) return std::get<std::string>(*m.field("value"));
        return std::string();
    };
    // the day after the reference date: 13 October 2023 was a Friday (2022: a Thursday)
    CHECK(value("Bantuan dikirim ke Piru pada Jumat (13/10).", "Jumat (13/10)") == "2023-10-13");
    // without a weekday, news prefers the past
    CHECK(value("Bantuan dikirim ke Piru pada 13 Oktober.", "13 Oktober") == "2022-10-13");
    // a weekday that fits no year near the reference: the usual rule
    CHECK(value("Bantuan dikirim ke Piru pada Senin (13/10).", "Senin (13/10)") == "2022-10-13");
}

TEST_CASE("dates: a deadline looks forward") {
    warta::DocumentOptions opt;
    opt.reference_date = "2025-11-26";
    auto value = [&](const std::string& text, const std::string& span) {
        warta::Document d = builtin().extract(text, opt);
        for (const auto& m : d.mentions)
            if (m.type == "date" && m.span.text == span) return std::get<std::string>(*m.field("value"));
        return std::string();
    };
    CHECK(value("Ketua DPRD meminta Pemkot menuntaskan evaluasi sebelum akhir Desember.", "akhir Desember") ==
          "2025-12-21/2025-12-31");
    CHECK(value("Berkas diserahkan paling lambat 5 Desember.", "5 Desember") == "2025-12-05");
    // a past story: no deadline word
    CHECK(value("Tersangka sempat kabur sebelum akhir Desember.", "akhir Desember") == "2024-12-21/2024-12-31");
}
