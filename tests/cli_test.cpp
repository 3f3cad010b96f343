// Tests of the `extract` program: run the real binary in a scratch directory.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <poll.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A fresh directory: work/ is the program's working directory, io/ holds its
// stdin/stdout/stderr (outside work/, so directory inputs never see them).
struct Scratch {
    fs::path root, work, io;
    Scratch() {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        root = fs::temp_directory_path() / ("warta-cli-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter++) + "-" + std::to_string(stamp));
        work = root / "work";
        io = root / "io";
        fs::create_directories(work);
        fs::create_directories(io);
    }
    ~Scratch() {
        std::error_code ec;
        fs::permissions(root, fs::perms::owner_all, fs::perm_options::add, ec);
        for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(root, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    // Writes a file under work/ (creating directories); returns its relative path.
    std::string write(const std::string& rel, const std::string& content) const {
        const fs::path p = work / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return rel;
    }
};

struct Run {
    int code = -1;
    std::string out, err;

    std::vector<std::string> lines() const {
        std::vector<std::string> v;
        std::istringstream in(out);
        for (std::string l; std::getline(in, l);) v.push_back(l);
        return v;
    }
    std::vector<json> jsonl() const {
        std::vector<json> v;
        for (const auto& l : lines()) v.push_back(json::parse(l));
        return v;
    }
};

// A string literal with embedded NULs, without its terminating NUL.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
    return std::string(s, N - 1);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs extract with `args` in s.work, stdin from `input`.
Run run(const Scratch& s, const std::vector<std::string>& args, const std::string& input = {}) {
    const fs::path in = s.io / "stdin", out = s.io / "stdout", err = s.io / "stderr";
    std::ofstream(in, std::ios::binary) << input;
    std::vector<std::string> argv_s{WARTA_EXTRACT_BIN};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addchdir_np(&fa, s.work.c_str());
    posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, WARTA_EXTRACT_BIN, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) REQUIRE(errno == EINTR);
    Run r;
    REQUIRE(WIFEXITED(status));  // no crash, no sanitizer abort
    r.code = WEXITSTATUS(status);
    r.out = slurp(out);
    r.err = slurp(err);
    // A sanitizer report from the program fails the test whatever the exit status.
    CHECK_MESSAGE(r.err.find("Sanitizer") == std::string::npos, r.err.substr(0, 2000));
    CHECK_MESSAGE(r.err.find("runtime error:") == std::string::npos, r.err.substr(0, 2000));
    return r;
}

const std::string article_a =
    "Jakarta - Pemerintah kota menerima tiga penghargaan pada Senin (5/12/2022). "
    "Penghargaan itu diserahkan di Balai Kota.\n\nWarga menyambut kabar itu dengan gembira.\n";
const std::string article_b = "Bandung - Dinas pendidikan membuka 120 sekolah baru tahun ini.\n";
const std::string article_c = "Surabaya - Sebanyak 15,5 persen warga sudah menerima bantuan.\n";

void check_document(const json& d, const std::string& id) {
    CHECK(d.at("schema") == "warta/1");
    CHECK(d.at("id") == id);
    CHECK_FALSE(d.contains("error"));
    CHECK(d.at("sentences").is_array());
    CHECK(d.at("mentions").is_array());
    CHECK(d.at("events").is_array());
    CHECK(d.at("warnings").is_array());
}

void check_error(const json& d, const std::string& id, const std::string& code) {
    CHECK(d.at("schema") == "warta/1");
    CHECK(d.at("id") == id);
    REQUIRE(d.contains("error"));
    CHECK(d.at("error").at("code") == code);
    CHECK(d.at("error").at("message").is_string());
    CHECK_FALSE(d.contains("sentences"));
}

// A usage error: exit 2, nothing on stdout, "extract: error: ..." as the
// first line of stderr followed only by the --help hint.
void check_usage_error(const Run& r, const std::string& needle) {
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("extract: error: ", 0) == 0);
    const auto nl = r.err.find('\n');
    REQUIRE(nl != std::string::npos);
    CHECK(r.err.substr(0, nl).find(needle) != std::string::npos);
    CHECK(r.err.substr(nl + 1) == "Try 'extract --help'.\n");
}

}  // namespace

TEST_CASE("cli: one text file prints one pretty JSON document") {
    Scratch s;
    s.write("a.txt", article_a);
    const Run r = run(s, {"a.txt"});
    CHECK(r.code == 0);
    CHECK(r.err.rfind("extract: 1 document, 0 errors, ", 0) == 0);  // the summary, nothing else
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.lines().size() > 5);  // pretty: many lines
    CHECK(r.out.find("\n  \"schema\": \"warta/1\"") != std::string::npos);  // indent 2
    const json d = json::parse(r.out);
    check_document(d, "a.txt");
    REQUIRE_FALSE(d.at("sentences").empty());
    for (const auto& sent : d.at("sentences")) {
        CHECK(sent.at("start").get<std::size_t>() < sent.at("end").get<std::size_t>());
        CHECK(sent.at("end").get<std::size_t>() <= article_a.size());
    }
}

TEST_CASE("cli: '-' reads standard input, id is '-'") {
    Scratch s;
    const Run r = run(s, {"-"}, article_b);
    CHECK(r.code == 0);
    const json d = json::parse(r.out);
    check_document(d, "-");
    CHECK_FALSE(d.at("sentences").empty());
}

TEST_CASE("cli: no input is a usage error, also with data on stdin") {
    Scratch s;
    check_usage_error(run(s, {}, article_b), "no input");
}

TEST_CASE("cli: several files print JSON Lines in input order") {
    Scratch s;
    s.write("b.txt", article_b);
    s.write("a.txt", article_a);
    s.write("c.txt", article_c);
    const Run r = run(s, {"c.txt", "a.txt", "b.txt"});
    CHECK(r.code == 0);
    const auto lines = r.lines();
    REQUIRE(lines.size() == 3);
    for (const auto& l : lines) CHECK(l.find('\n') == std::string::npos);
    const auto docs = r.jsonl();
    check_document(docs[0], "c.txt");
    check_document(docs[1], "a.txt");
    check_document(docs[2], "b.txt");
}

TEST_CASE("cli: a directory is expanded recursively, sorted, .txt and .jsonl only") {
    Scratch s;
    s.write("corpus/z.txt", article_a);
    s.write("corpus/b/2.txt", article_b);
    s.write("corpus/b/1.txt", article_c);
    s.write("corpus/a.jsonl", R"({"id": "r1", "text": "Satu."})" "\n" R"({"id": "r2", "text": "Dua."})" "\n");
    s.write("corpus/notes.md", "not an input");
    s.write("corpus/c/data.csv", "1,2,3");
    const Run r = run(s, {"corpus"});
    CHECK(r.code == 0);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 5);
    check_document(docs[0], "r1");
    check_document(docs[1], "r2");
    check_document(docs[2], "corpus/b/1.txt");
    check_document(docs[3], "corpus/b/2.txt");
    check_document(docs[4], "corpus/z.txt");
}

TEST_CASE("cli: a single-file directory still prints JSON Lines") {
    Scratch s;
    s.write("d/only.txt", article_b);
    const Run r = run(s, {"d"});
    CHECK(r.code == 0);
    REQUIRE(r.lines().size() == 1);
    check_document(json::parse(r.lines()[0]), "d/only.txt");
}

TEST_CASE("cli: a directory without .txt or .jsonl files is a usage error") {
    Scratch s;
    s.write("d/readme.md", "x");
    check_usage_error(run(s, {"d"}), "no .txt or .jsonl");
    fs::create_directories(s.work / "empty");
    check_usage_error(run(s, {"empty"}), "empty");
}

TEST_CASE("cli: --jsonl, --compact and --pretty choose the layout") {
    Scratch s;
    s.write("a.txt", article_a);
    s.write("b.txt", article_b);
    {
        const Run r = run(s, {"--jsonl", "a.txt"});
        CHECK(r.code == 0);
        REQUIRE(r.lines().size() == 1);
        check_document(json::parse(r.lines()[0]), "a.txt");
    }
    {
        const Run r = run(s, {"--compact", "a.txt"});
        CHECK(r.lines().size() == 1);
    }
    {
        // Pretty documents, one after the other, each followed by a newline.
        const Run r = run(s, {"--pretty", "a.txt", "b.txt"});
        CHECK(r.code == 0);
        CHECK(r.lines().size() > 10);
        // Two documents: the first ends with "\n}\n", the second starts with "{".
        const auto split = r.out.find("\n}\n{");
        REQUIRE(split != std::string::npos);
        check_document(json::parse(r.out.substr(0, split + 2)), "a.txt");
        check_document(json::parse(r.out.substr(split + 3)), "b.txt");
    }
    check_usage_error(run(s, {"--pretty", "--compact", "a.txt"}), "--pretty");
}

TEST_CASE("cli: JSONL input uses ids and dates (reference_date_source metadata)") {
    Scratch s;
    s.write("in.jsonl",
            R"({"id": "berita-1", "text": "Kemarin wali kota meresmikan pasar.", "date": "2022-12-23"})" "\n"
            R"({"id": 42, "text": "Sebanyak 10 orang hadir."})" "\n"
            R"({"text": "Tanpa id."})" "\n");
    const Run r = run(s, {"in.jsonl"});
    CHECK(r.code == 0);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 3);
    check_document(docs[0], "berita-1");
    CHECK(docs[0].at("reference_date") == "2022-12-23");
    CHECK(docs[0].at("reference_date_source") == "metadata");
    check_document(docs[1], "42");
    check_document(docs[2], "in.jsonl:3");

    // The same records from stdin with --input-format jsonl.
    const Run r2 = run(s, {"--input-format", "jsonl", "-"}, slurp(s.work / "in.jsonl"));
    CHECK(r2.code == 0);
    const auto docs2 = r2.jsonl();
    REQUIRE(docs2.size() == 3);
    CHECK(docs2[0].at("reference_date_source") == "metadata");
    check_document(docs2[2], "-:3");
}

TEST_CASE("cli: --input-format text reads a .jsonl file as one text") {
    Scratch s;
    s.write("in.jsonl", R"({"id": "a", "text": "Satu."})" "\n" R"({"id": "b", "text": "Dua."})" "\n");
    const Run r = run(s, {"--input-format", "text", "in.jsonl"});
    CHECK(r.code == 0);
    check_document(json::parse(r.out), "in.jsonl");
    check_usage_error(run(s, {"--input-format", "xml", "in.jsonl"}), "--input-format");
}

TEST_CASE("cli: --ref-date overrides JSONL dates (source option)") {
    Scratch s;
    s.write("in.jsonl", R"({"id": "x", "text": "Kemarin rapat digelar.", "date": "2022-12-23"})" "\n");
    s.write("a.txt", article_a);
    const Run r = run(s, {"--ref-date", "2023-01-31", "in.jsonl", "a.txt"});
    CHECK(r.code == 0);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 2);
    for (const auto& d : docs) {
        CHECK(d.at("reference_date") == "2023-01-31");
        CHECK(d.at("reference_date_source") == "option");
    }
}

TEST_CASE("cli: a bad --ref-date is a usage error") {
    Scratch s;
    s.write("a.txt", article_a);
    check_usage_error(run(s, {"--ref-date", "2022-02-30", "a.txt"}), "--ref-date");
    check_usage_error(run(s, {"--ref-date", "23/12/2022", "a.txt"}), "--ref-date");
    check_usage_error(run(s, {"a.txt", "--ref-date"}), "ref-date");
}

TEST_CASE("cli: unknown options and bad values are one-line usage errors") {
    Scratch s;
    s.write("a.txt", article_a);
    check_usage_error(run(s, {"--frobnicate", "a.txt"}), "--frobnicate");
    check_usage_error(run(s, {"--ref", "2022-12-23", "a.txt"}), "--ref");  // no prefix guessing
    check_usage_error(run(s, {"--max-bytes", "lots", "a.txt"}), "--max-bytes");
    check_usage_error(run(s, {"--max-bytes", "0", "a.txt"}), "--max-bytes");
    check_usage_error(run(s, {"-", "-"}), "more than once");
}

TEST_CASE("cli: a missing file gets an error record; the others are processed") {
    Scratch s;
    s.write("a.txt", article_a);
    s.write("b.txt", article_b);
    const Run r = run(s, {"a.txt", "nope.txt", "b.txt"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 3);
    check_document(docs[0], "a.txt");
    check_error(docs[1], "nope.txt", "read_error");
    CHECK(docs[1].at("error").at("message").get<std::string>().find("nope.txt") != std::string::npos);
    CHECK(docs[1].at("error").at("message").get<std::string>().find("No such file") != std::string::npos);
    check_document(docs[2], "b.txt");

    // Alone, the error record is printed as the one (pretty) document.
    const Run one = run(s, {"nope.txt"});
    CHECK(one.code == 1);
    check_error(json::parse(one.out), "nope.txt", "read_error");
}

TEST_CASE("cli: an unreadable file gets a read_error record") {
    Scratch s;
    s.write("secret.txt", article_a);
    s.write("b.txt", article_b);
    fs::permissions(s.work / "secret.txt", fs::perms::none);
    if (::access((s.work / "secret.txt").c_str(), R_OK) == 0) {
        MESSAGE("running with privileges that ignore file permissions; permission check skipped");
        return;
    }
    const Run r = run(s, {"secret.txt", "b.txt"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 2);
    check_error(docs[0], "secret.txt", "read_error");
    CHECK(docs[0].at("error").at("message").get<std::string>().find("Permission denied") != std::string::npos);
    check_document(docs[1], "b.txt");
}

TEST_CASE("cli: bad JSONL lines become bad_record errors in place") {
    Scratch s;
    s.write("in.jsonl",
            R"({"id": "ok1", "text": "Satu orang hadir."})" "\n"  // line 1
            R"({"id": "x", "text": "tanpa penutup)" "\n"           // 2: invalid JSON
            R"([1, 2, 3])" "\n"                                    // 3: not an object
            R"({"id": "n", "text": 17})" "\n"                      // 4: text not a string
            R"({"id": "m"})" "\n"                                  // 5: text missing
            R"({"id": true, "text": "Halo."})" "\n"                // 6: id of the wrong type
            "\n"                                                   // 7: empty line in the middle
            R"({"id": "d", "text": "Halo.", "date": 20221223})" "\n"  // 8: date not a string
            R"({"id": "ok2", "text": "Dua orang hadir."})" "\n"    // 9
            "\n  \n");                                             // trailing blank lines: skipped
    const Run r = run(s, {"in.jsonl"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 9);
    check_document(docs[0], "ok1");

    check_error(docs[1], "in.jsonl:2", "bad_record");
    const std::string m2 = docs[1].at("error").at("message");
    CHECK(m2.rfind("in.jsonl:2:", 0) == 0);
    // The column is where the JSON parser gave up: the end of this line.
    const std::string line2 = R"({"id": "x", "text": "tanpa penutup)";
    CHECK(m2.rfind("in.jsonl:2:" + std::to_string(line2.size() + 1) + ": ", 0) == 0);

    check_error(docs[2], "in.jsonl:3", "bad_record");
    CHECK(docs[2].at("error").at("message").get<std::string>().find("not a JSON object") != std::string::npos);
    check_error(docs[3], "n", "bad_record");
    CHECK(docs[3].at("error").at("message").get<std::string>().rfind("in.jsonl:4:1: ", 0) == 0);
    CHECK(docs[3].at("error").at("message").get<std::string>().find("\"text\" must be a string") != std::string::npos);
    check_error(docs[4], "m", "bad_record");
    CHECK(docs[4].at("error").at("message").get<std::string>().find("missing \"text\"") != std::string::npos);
    check_error(docs[5], "in.jsonl:6", "bad_record");
    check_error(docs[6], "in.jsonl:7", "bad_record");
    CHECK(docs[6].at("error").at("message") == "in.jsonl:7:1: empty line");
    check_error(docs[7], "d", "bad_record");
    check_document(docs[8], "ok2");
}

TEST_CASE("cli: a JSON syntax error reports the column of the offending byte") {
    Scratch s;
    s.write("in.jsonl", R"({"id": "a", "text": "x",, "date": "2022-01-01"})" "\n");
    const Run r = run(s, {"in.jsonl"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 1);
    check_error(docs[0], "in.jsonl:1", "bad_record");
    // The second comma is byte 25 (1-based).
    CHECK(docs[0].at("error").at("message").get<std::string>().rfind("in.jsonl:1:25: ", 0) == 0);
}

TEST_CASE("cli: an empty file is an ordinary document") {
    Scratch s;
    s.write("empty.txt", "");
    s.write("b.txt", article_b);
    const Run r = run(s, {"empty.txt", "b.txt"});
    CHECK(r.code == 0);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 2);
    check_document(docs[0], "empty.txt");
    CHECK(docs[0].at("sentences").empty());
    CHECK(docs[0].at("mentions").empty());
    check_document(docs[1], "b.txt");

    const Run in = run(s, {"-"}, "");
    CHECK(in.code == 0);
    check_document(json::parse(in.out), "-");

    // An empty JSONL file holds no records: no output, success.
    s.write("none.jsonl", "");
    const Run j = run(s, {"none.jsonl"});
    CHECK(j.code == 0);
    CHECK(j.out.empty());
}

TEST_CASE("cli: binary files get a binary error record") {
    Scratch s;
    std::string png = "\x89PNG\r\n\x1a\n";
    png.append(bytes("\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"));
    for (int i = 0; i < 200; ++i) png.push_back(static_cast<char>(i % 7 == 0 ? 0 : i));
    s.write("image.txt", png);
    s.write("utf16.txt", bytes("\xFF\xFE" "J\0a\0k\0a\0r\0t\0a\0"));
    s.write("data.jsonl", png);
    s.write("b.txt", article_b);
    const Run r = run(s, {"image.txt", "utf16.txt", "data.jsonl", "b.txt"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 4);
    check_error(docs[0], "image.txt", "binary");
    check_error(docs[1], "utf16.txt", "binary");
    CHECK(docs[1].at("error").at("message").get<std::string>().find("UTF-16") != std::string::npos);
    check_error(docs[2], "data.jsonl", "binary");
    check_document(docs[3], "b.txt");

    // A little invalid UTF-8 or a stray control byte is text, not binary.
    s.write("latin1.txt", "Caf\xe9 di Jakarta dibuka kembali.\x01\n");
    const Run t = run(s, {"latin1.txt"});
    CHECK(t.code == 0);
    check_document(json::parse(t.out), "latin1.txt");
}

TEST_CASE("cli: --max-bytes refuses larger documents with too_large") {
    Scratch s;
    s.write("a.txt", article_a);  // > 100 bytes
    s.write("small.txt", "Halo.\n");
    s.write("in.jsonl", R"({"id": "big", "text": ")" + std::string(300, 'x') + R"("})" "\n" +
                            R"({"id": "small", "text": "Halo."})" "\n");
    const Run r = run(s, {"--max-bytes", "100", "a.txt", "small.txt", "in.jsonl"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 4);
    check_error(docs[0], "a.txt", "too_large");
    CHECK(docs[0].at("error").at("message").get<std::string>().find("100") != std::string::npos);
    check_document(docs[1], "small.txt");
    check_error(docs[2], "big", "too_large");
    check_document(docs[3], "small");

    // Standard input has no size to look at beforehand.
    const Run in = run(s, {"--max-bytes", "1K", "-"}, std::string(5000, 'a'));
    CHECK(in.code == 1);
    check_error(json::parse(in.out), "-", "too_large");

    // Exactly the limit is fine.
    const Run exact = run(s, {"--max-bytes", "6", "small.txt"});
    CHECK(exact.code == 0);
}

TEST_CASE("cli: a 50 MB file is processed") {
    Scratch s;
    // Plain sentences with few mentions: this is about reading and writing a
    // large document, and the output stays small enough to parse quickly.
    const std::string sentence = "warga menyambut kabar itu dengan gembira dan berharap semuanya berjalan lancar.\n";
    const std::size_t target = 50u * 1000u * 1000u;
    {
        std::ofstream out(s.work / "big.txt", std::ios::binary);
        for (std::size_t n = 0; n < target; n += sentence.size()) out << sentence;
    }
    const auto size = fs::file_size(s.work / "big.txt");
    REQUIRE(size >= target);
    const Run r = run(s, {"--compact", "--quiet", "big.txt"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    REQUIRE(r.lines().size() == 1);
    const json d = json::parse(r.out);
    check_document(d, "big.txt");
    REQUIRE_FALSE(d.at("sentences").empty());
    CHECK(d.at("sentences").back().at("end").get<std::uintmax_t>() <= size);
    CHECK(d.at("sentences").size() > 1000);
}

TEST_CASE("cli: --tokens lists tokens, --no-boilerplate drops the boilerplate list") {
    Scratch s;
    s.write("a.txt", article_b);
    const Run r = run(s, {"--tokens", "a.txt"});
    CHECK(r.code == 0);
    const json d = json::parse(r.out);
    REQUIRE(d.contains("tokens"));
    REQUIRE(d.at("tokens").size() > 5);
    for (const auto& t : d.at("tokens")) {
        const auto st = t.at("start").get<std::size_t>(), en = t.at("end").get<std::size_t>();
        REQUIRE(en <= article_b.size());
        CHECK(article_b.substr(st, en - st) == t.at("text").get<std::string>());
    }
    const Run plain = run(s, {"a.txt"});
    CHECK_FALSE(json::parse(plain.out).contains("tokens"));
    CHECK(json::parse(plain.out).contains("boilerplate"));
    const Run nb = run(s, {"--no-boilerplate", "a.txt"});
    CHECK_FALSE(json::parse(nb.out).contains("boilerplate"));
}

TEST_CASE("cli: --version and --help") {
    Scratch s;
    const Run v = run(s, {"--version"});
    CHECK(v.code == 0);
    CHECK(v.out.rfind("extract (warta) ", 0) == 0);
    CHECK(v.out.find('.') != std::string::npos);
    CHECK(v.out.back() == '\n');

    const Run h = run(s, {"--help"});
    CHECK(h.code == 0);
    CHECK(h.err.empty());
    for (const char* opt : {"--help", "--version", "--input-format", "--ref-date", "--jsonl", "--pretty", "--compact",
                            "--explain", "--tokens", "--no-boilerplate", "--grammar", "--max-bytes"})
        CHECK_MESSAGE(h.out.find(opt) != std::string::npos, opt);
    for (const char* section : {"Usage:", "Examples:", "Exit status:", "docs/cli.md", "read_error", "binary",
                                "too_large", "bad_record"})
        CHECK_MESSAGE(h.out.find(section) != std::string::npos, section);
    const Run h2 = run(s, {"-h"});
    CHECK(h2.out == h.out);
}

TEST_CASE("cli: one output line per input document") {
    Scratch s;
    std::string jl;
    for (int i = 0; i < 7; ++i) jl += R"({"id": )" + std::to_string(i) + R"(, "text": "Dokumen nomor )" + std::to_string(i) + R"(."})" "\n";
    s.write("d/x.jsonl", jl);
    s.write("d/a.txt", article_a);
    s.write("d/sub/b.txt", article_b);
    s.write("c.txt", article_c);
    const Run r = run(s, {"d", "c.txt", "nope.txt"});
    CHECK(r.code == 1);
    const auto docs = r.jsonl();
    REQUIRE(docs.size() == 7 + 2 + 1 + 1);
    check_document(docs[0], "d/a.txt");
    check_document(docs[1], "d/sub/b.txt");
    for (int i = 0; i < 7; ++i) check_document(docs[2 + static_cast<std::size_t>(i)], std::to_string(i));
    check_document(docs[9], "c.txt");
    check_error(docs[10], "nope.txt", "read_error");
}

TEST_CASE("cli: '--' ends the options") {
    Scratch s;
    s.write("-odd.txt", article_b);
    const Run r = run(s, {"--", "-odd.txt"});
    CHECK(r.code == 0);
    check_document(json::parse(r.out), "-odd.txt");
}

// --- grammars from the command line ------------------------------------------

namespace {
const std::string festival_grammar =
    "@list FEST lists/fest.tsv\n"
    "rule user.festival\n"
    "  type     date\n"
    "  pattern  (?P<day>{FEST})\n"
    "  value    {day}\n"
    "  example  \"warga merayakan Imlek 2023 di Glodok\" => \"Imlek 2023\" = 2023-01-22\n"
    "  counter  \"warga merayakan Imlek di Glodok\"\n"
    "end\n";
const std::string festival_list = "# Imlek by year\nimlek 2023\t2023-01-22\nimlek 2024\t2024-02-10\n";
}  // namespace

TEST_CASE("cli: --grammar adds a user date pattern; --explain names its rule") {
    Scratch s;
    s.write("g/lists/fest.tsv", festival_list);
    s.write("g/fest.grammar", festival_grammar);
    s.write("a.txt", "Jakarta - Ribuan warga merayakan Imlek 2024 di Glodok.\n");
    Run r = run(s, {"--explain", "--grammar", "g/fest.grammar", "a.txt"});
    REQUIRE(r.code == 0);
    json d = json::parse(r.out);
    bool found = false;
    for (const auto& m : d["mentions"])
        if (m["text"] == "Imlek 2024") {
            found = true;
            CHECK(m["value"] == "2024-02-10");
            CHECK(m["rule"] == "g/fest.grammar:2:user.festival");
        }
    CHECK(found);
    // without the grammar, no such date
    Run plain = run(s, {"a.txt"});
    CHECK(plain.out.find("Imlek 2024\"") == std::string::npos);
}

TEST_CASE("cli: --check-grammar runs a file's examples") {
    Scratch s;
    s.write("g/lists/fest.tsv", festival_list);
    s.write("g/fest.grammar", festival_grammar);
    Run ok = run(s, {"--check-grammar", "g/fest.grammar"});
    CHECK(ok.code == 0);
    CHECK(ok.out == "all examples pass\n");

    s.write("g/bad.grammar",
            "rule user.bad\n  type date\n  pattern zzz (?P<y>\\d{4})\n  value {y}\n"
            "  example \"zzz 2023 ok\" => \"zzz 2023\" = 2024\nend\n");
    Run bad = run(s, {"--check-grammar", "g/bad.grammar"});
    CHECK(bad.code == 1);
    CHECK(bad.out.find("g/bad.grammar:5: rule user.bad: in \"zzz 2023 ok\" expected date \"zzz 2023\" = 2024") == 0);
    CHECK(bad.out.find("tokens the rule saw: zzz 2023 ok") != std::string::npos);
    CHECK(bad.out.find("1 example(s) failed") != std::string::npos);

    Run with_input = run(s, {"--check-grammar", "g/fest.grammar", "a.txt"});
    CHECK(with_input.code == 2);
}

TEST_CASE("cli: a broken grammar is a usage error naming file:line:column") {
    Scratch s;
    s.write("a.txt", "Jakarta - Hujan.\n");
    s.write("broken.grammar", "rule x.a\n  type date\n  pattern (?P<y>{NOPE})\n  value {y}\nend\n");
    Run r = run(s, {"--grammar", "broken.grammar", "a.txt"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "extract: error: broken.grammar:3:17: rule x.a: unknown macro or list {NOPE}\n");
    Run missing = run(s, {"--grammar", "nope.grammar", "a.txt"});
    CHECK(missing.code == 2);
    CHECK(missing.err.rfind("extract: error: nope.grammar:1:1: cannot read grammar file", 0) == 0);
    Run dis = run(s, {"--disable", "no.such.rule", "a.txt"});
    CHECK(dis.code == 2);
}

TEST_CASE("cli: --disable switches off a built-in rule") {
    Scratch s;
    s.write("a.txt", "Jakarta - Sepanjang tahun 2022 hujan turun.\n");
    Run on = run(s, {"a.txt"});
    Run off = run(s, {"--disable", "date.year", "a.txt"});
    REQUIRE(on.code == 0);
    REQUIRE(off.code == 0);
    CHECK(on.out.find("\"tahun 2022\"") != std::string::npos);
    CHECK(off.out.find("\"tahun 2022\"") == std::string::npos);
}

// --- batch processing (issue 7) ---------------------------------------------------

namespace {

// Writes `content` gzip-compressed to work/rel.
void write_gz(const Scratch& s, const std::string& rel, const std::string& content) {
    const fs::path p = s.work / rel;
    fs::create_directories(p.parent_path());
    gzFile g = gzopen(p.c_str(), "wb");
    REQUIRE(g != nullptr);
    REQUIRE(gzwrite(g, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
    REQUIRE(gzclose(g) == Z_OK);
}

// The texts of corpus/*.gold.json as JSONL records {"id", "text"}, sorted by file name.
std::vector<std::string> corpus_records() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(WARTA_SOURCE_DIR) / "corpus"))
        if (e.path().string().ends_with(".gold.json")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> lines;
    for (const auto& f : files) {
        const json g = json::parse(slurp(f));
        lines.push_back(json({{"id", f.filename().string()}, {"text", g.at("text")}}).dump());
    }
    return lines;
}

// A mixed input tree: text, JSONL (with bad records), gzip, a missing file.
void write_mixed(const Scratch& s) {
    s.write("m/a.txt", article_a);
    s.write("m/sub/b.txt", article_b);
    s.write("m/c.jsonl", R"({"id": "c1", "text": "Sebanyak 12 orang hadir pada 3 Januari 2023."})" "\n"
                         "not json\n"
                         R"({"id": "c3", "text": 5})" "\n"
                         R"({"id": "c4", "text": "Rp 2,5 miliar dibayarkan kemarin."})" "\n");
    write_gz(s, "m/z.txt.gz", article_c);
}

}  // namespace

TEST_CASE("cli: the summary line on standard error; --quiet silences it") {
    Scratch s;
    s.write("a.txt", article_a);
    s.write("b.txt", article_b);
    const Run r = run(s, {"a.txt", "nope.txt", "b.txt"});
    CHECK(r.code == 1);
    REQUIRE(r.err.find('\n') == r.err.size() - 1);  // one line
    CHECK(r.err.rfind("extract: 3 documents, 1 error, ", 0) == 0);
    CHECK(r.err.find(" MB in ") != std::string::npos);
    CHECK(r.err.find(" docs/s, ") != std::string::npos);
    const Run q = run(s, {"--quiet", "a.txt", "nope.txt", "b.txt"});
    CHECK(q.code == 1);
    CHECK(q.err.empty());
    CHECK(q.out == r.out);
    // Not a terminal: no progress display, so nothing but the summary (checked above).
    CHECK(r.err.find('\r') == std::string::npos);
}

TEST_CASE("cli: --jobs N gives byte-identical output for every N") {
    Scratch s;
    write_mixed(s);
    std::string jl;
    for (int i = 0; i < 60; ++i)
        jl += json({{"id", i}, {"text", "Pada " + std::to_string(1 + i % 28) + " Maret 2023 sebanyak " +
                                           std::to_string(i * 37) + " warga menerima Rp " + std::to_string(i) +
                                           " juta di Kota Bandung."}}).dump() + "\n";
    s.write("m/many.jsonl", jl);
    const Run one = run(s, {"--quiet", "--jobs", "1", "m", "nope.txt"});
    CHECK(one.code == 1);
    const auto docs = one.jsonl();
    REQUIRE(docs.size() == 2 + 4 + 60 + 1 + 1);
    for (const char* n : {"2", "3", "4", "7"}) {
        const Run r = run(s, {"--quiet", "-j", n, "m", "nope.txt"});
        CHECK(r.code == 1);
        CHECK_MESSAGE(r.out == one.out, "--jobs " << n);
    }
    const Run dflt = run(s, {"--quiet", "m", "nope.txt"});
    CHECK(dflt.out == one.out);
    check_usage_error(run(s, {"--jobs", "0", "m"}), "--jobs");
    check_usage_error(run(s, {"--jobs", "many", "m"}), "--jobs");
}

TEST_CASE("cli: --output writes to a file") {
    Scratch s;
    write_mixed(s);
    const Run plain = run(s, {"-q", "m"});
    const Run r = run(s, {"-q", "--output", "out.jsonl", "m"});
    CHECK(r.code == plain.code);
    CHECK(r.out.empty());
    CHECK(slurp(s.work / "out.jsonl") == plain.out);
    const Run again = run(s, {"-q", "-o", "out.jsonl", "m"});  // truncates
    CHECK(slurp(s.work / "out.jsonl") == plain.out);
    // The output file must not be one of the inputs (it would be truncated first).
    check_usage_error(run(s, {"-o", "m/a.txt", "m"}), "also an input");
    CHECK(slurp(s.work / "m/a.txt") == article_a);
    const Run bad = run(s, {"-o", "no/such/dir/out.jsonl", "m"});
    CHECK(bad.code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("cannot open --output") != std::string::npos);
}

TEST_CASE("cli: glob patterns the shell did not expand") {
    Scratch s;
    s.write("g/2022/a.txt", article_a);
    s.write("g/2022/deep/b.txt", article_b);
    s.write("g/2023/c.txt", article_c);
    s.write("g/2023/notes.md", "x");
    s.write("g/top.txt", article_b);
    s.write("g/.hidden/h.txt", article_b);
    auto ids = [](const Run& r) {
        std::vector<std::string> v;
        for (const auto& d : r.jsonl()) v.push_back(d.at("id"));
        return v;
    };
    const Run all = run(s, {"-q", "g/**/*.txt"});
    CHECK(all.code == 0);
    CHECK(ids(all) == std::vector<std::string>{"g/2022/a.txt", "g/2022/deep/b.txt", "g/2023/c.txt", "g/top.txt"});
    const Run one_level = run(s, {"-q", "g/*/*.txt"});
    CHECK(ids(one_level) == std::vector<std::string>{"g/2022/a.txt", "g/2023/c.txt"});
    const Run q = run(s, {"-q", "g/202?/[ac].txt"});
    CHECK(ids(q) == std::vector<std::string>{"g/2022/a.txt", "g/2023/c.txt"});
    // A pattern that matches a directory searches it like a directory argument.
    const Run dirs = run(s, {"-q", "g/2023*"});
    CHECK(ids(dirs) == std::vector<std::string>{"g/2023/c.txt"});
    // A single match still prints JSON Lines (like a directory).
    CHECK(run(s, {"-q", "g/t*.txt"}).lines().size() == 1);
    check_usage_error(run(s, {"g/**/*.csv"}), "no file matches");
    // A file whose name really contains '*' is taken as it is.
    s.write("star*.txt", article_b);
    check_document(json::parse(run(s, {"-q", "star*.txt"}).out), "star*.txt");
}

TEST_CASE("cli: .txt.gz and .jsonl.gz inputs are decompressed") {
    Scratch s;
    s.write("p/a.txt", article_a);
    s.write("p/r.jsonl", R"({"id": "r1", "text": "Sebanyak 10 orang hadir."})" "\n");
    write_gz(s, "z/a.txt.gz", article_a);
    write_gz(s, "z/r.jsonl.gz", R"({"id": "r1", "text": "Sebanyak 10 orang hadir."})" "\n");
    const Run p = run(s, {"-q", "p"}), z = run(s, {"-q", "z"});
    CHECK(z.code == 0);
    const auto pd = p.jsonl(), zd = z.jsonl();
    REQUIRE(zd.size() == 2);
    check_document(zd[0], "z/a.txt.gz");
    json a = zd[0], b = pd[0];
    a.erase("id");
    b.erase("id");
    CHECK(a == b);
    CHECK(zd[1] == pd[1]);
    // Explicit names and --max-bytes on decompressed size.
    const Run big = run(s, {"-q", "--max-bytes", "100", "z/a.txt.gz"});
    CHECK(big.code == 1);
    check_error(json::parse(big.out), "z/a.txt.gz", "too_large");
    // A damaged gzip file is a read_error in its place; the run goes on.
    std::string gz = slurp(s.work / "z/a.txt.gz");
    s.write("bad/a.txt.gz", gz.substr(0, gz.size() / 2));
    s.write("bad/b.txt", article_b);
    const Run bad = run(s, {"-q", "bad"});
    CHECK(bad.code == 1);
    const auto bd = bad.jsonl();
    REQUIRE(bd.size() == 2);
    check_error(bd[0], "bad/a.txt.gz", "read_error");
    CHECK(bd[0].at("error").at("message").get<std::string>().find("gzip") != std::string::npos);
    check_document(bd[1], "bad/b.txt");
}

TEST_CASE("cli: standard input is a streaming mapper (answers each record before the next arrives)") {
    // extract with pipes on stdin and stdout, as Hadoop Streaming and
    // Spark's RDD.pipe run it: every record's line must come out while the
    // input is still open, or a caller that waits for it deadlocks.
    int to_child[2], from_child[2];
    REQUIRE(::pipe(to_child) == 0);
    REQUIRE(::pipe(from_child) == 0);
    std::vector<std::string> argv_s{WARTA_EXTRACT_BIN, "--quiet", "--input-format", "jsonl", "-"};
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from_child[1], 1);
    posix_spawn_file_actions_addclose(&fa, to_child[1]);
    posix_spawn_file_actions_addclose(&fa, from_child[0]);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, WARTA_EXTRACT_BIN, &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(to_child[0]);
    ::close(from_child[1]);

    std::string pending;
    auto read_line = [&](int timeout_ms) -> std::optional<std::string> {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        for (;;) {
            if (auto nl = pending.find('\n'); nl != std::string::npos) {
                std::string line = pending.substr(0, nl);
                pending.erase(0, nl + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd p{from_child[0], POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            char buf[4096];
            const ssize_t n = ::read(from_child[0], buf, sizeof buf);
            if (n <= 0) return std::nullopt;
            pending.append(buf, static_cast<std::size_t>(n));
        }
    };
    const std::vector<std::string> records{
        R"({"id": "s1", "text": "Sebanyak 10 orang hadir."})",
        "{not json",
        R"({"id": "s3", "text": "Pada 5 Mei 2023 hujan turun."})",
    };
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string line = records[i] + "\n";
        REQUIRE(::write(to_child[1], line.data(), line.size()) == static_cast<ssize_t>(line.size()));
        const auto out = read_line(60000);  // generous: sanitizer builds on a loaded machine
        REQUIRE_MESSAGE(out.has_value(), "no answer to record " << i + 1 << " while the input stays open");
        const json d = json::parse(*out);
        if (i == 1) check_error(d, "-:2", "bad_record");
        else check_document(d, i == 0 ? "s1" : "s3");
    }
    ::close(to_child[1]);
    CHECK_FALSE(read_line(60000).has_value());  // end of output, nothing extra
    ::close(from_child[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) REQUIRE(errno == EINTR);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);  // one bad record
}

TEST_CASE("cli: shards run as separate processes concatenate to the output of one run") {
    Scratch s;
    const auto records = corpus_records();
    REQUIRE(records.size() >= 10);
    std::string whole;
    for (const auto& r : records) whole += r + "\n";
    const Run one = run(s, {"-q", "--jobs", "1", "--input-format", "jsonl", "-"}, whole);
    REQUIRE(one.code == 0);
    REQUIRE(one.lines().size() == records.size());

    // Three uneven shards, each through standard input (as a mapper sees it).
    const std::size_t cuts[] = {0, records.size() / 5, records.size() / 2, records.size()};
    std::string concatenated;
    for (int k = 0; k < 3; ++k) {
        std::string shard;
        for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) shard += records[i] + "\n";
        const Run r = run(s, {"-q", "--input-format", "jsonl", "-"}, shard);
        REQUIRE(r.code == 0);
        CHECK(r.lines().size() == cuts[k + 1] - cuts[k]);
        concatenated += r.out;
    }
    CHECK(concatenated == one.out);

    // More threads: the same bytes.  And from a file: the same documents.
    const Run four = run(s, {"-q", "--jobs", "4", "--input-format", "jsonl", "-"}, whole);
    CHECK(four.out == one.out);
    s.write("corpus.jsonl", whole);
    const Run file = run(s, {"-q", "--jobs", "2", "corpus.jsonl"});
    CHECK(file.out == one.out);
}
