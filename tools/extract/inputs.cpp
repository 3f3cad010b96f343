// extract: input expansion and reading (text files, JSONL records, stdin).
#include "inputs.hpp"
#include "record.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace extract {
namespace {

constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

std::string lower(std::string_view v) {
    std::string e(v);
    for (char& c : e)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return e;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && lower(s.substr(s.size() - suffix.size())) == suffix;
}

// A name ending in .gz (any case) is read through zlib; standard input never is.
bool gzip_name(const std::string& path) { return path != "-" && ends_with_ci(path, ".gz"); }

// The name without a final .gz.
std::string_view plain_name(const std::string& path) {
    std::string_view v(path);
    if (gzip_name(path)) v.remove_suffix(3);
    return v;
}

// Files that a directory walk picks up: .txt, .jsonl, .txt.gz, .jsonl.gz.
bool wanted_in_directory(const std::string& name) {
    const std::string_view p = plain_name(name);
    return ends_with_ci(p, ".txt") || ends_with_ci(p, ".jsonl");
}

Format format_for(const std::string& path, const Settings& s) {
    if (s.input_format == InputFormat::jsonl) return Format::jsonl;
    if (s.input_format == InputFormat::text) return Format::text;
    if (path == "-") return Format::text;
    return ends_with_ci(plain_name(path), ".jsonl") ? Format::jsonl : Format::text;
}

Input make_input(const std::string& path, const Settings& s) {
    return {path, format_for(path, s), std::nullopt, gzip_name(path)};
}

warta::DocumentError io_error(const std::string& code, const std::string& what, const std::string& reason) {
    return {code, what + ": " + reason};
}

// Collects the .txt and .jsonl files under `dir`.  Directory symlinks are not
// followed (no loops); an unreadable subdirectory becomes a failed Input.
void walk(const fs::path& dir, const Settings& s, std::vector<Input>& found) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        found.push_back({dir.string(), Format::text,
                         warta::DocumentError{"read_error", dir.string() + ": cannot read directory: " + ec.message()},
                         false});
        return;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) break;
        const fs::directory_entry& e = *it;
        std::error_code e2;
        const bool link = e.is_symlink(e2);
        const fs::file_status st = e.status(e2);  // follows symlinks
        if (fs::is_directory(st)) {
            if (!link) walk(e.path(), s, found);
            continue;
        }
        if (!wanted_in_directory(e.path().filename().string())) continue;
        // Regular files, and dangling links (reported as read errors); never
        // FIFOs, sockets or devices, which could block or never end.
        if (fs::is_regular_file(st) || st.type() == fs::file_type::not_found)
            found.push_back(make_input(e.path().string(), s));
    }
    if (ec) {
        found.push_back({dir.string(), Format::text,
                         warta::DocumentError{"read_error", dir.string() + ": cannot list directory: " + ec.message()},
                         false});
    }
}

// A file descriptor that closes itself (stdin excepted), optionally read
// through zlib (gzip; zlib also passes uncompressed bytes through unchanged).
class InputFile {
public:
    InputFile(const std::string& path, bool gzip) {
        if (path == "-") {
            fd_ = STDIN_FILENO;
        } else {
            do fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            while (fd_ < 0 && errno == EINTR);
            if (fd_ < 0) {
                error_ = std::strerror(errno);
                return;
            }
            owned_ = true;
        }
        struct stat st {};
        regular_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
        if (regular_) size_ = static_cast<std::uint64_t>(st.st_size);
        if (gzip) {
            gz_ = ::gzdopen(fd_, "rb");
            if (!gz_) {
                error_ = "gzip: cannot open (out of memory)";
                return;
            }
            owned_ = false;  // gzclose closes the descriptor
            ::gzbuffer(gz_, 128 * 1024);
        }
    }
    ~InputFile() {
        if (gz_) ::gzclose(gz_);
        if (owned_) ::close(fd_);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    bool ok() const { return fd_ >= 0 && error_.empty(); }
    const std::string& error() const { return error_; }  ///< reason of the last failure
    bool gzip() const { return gz_ != nullptr; }
    bool regular() const { return regular_; }     ///< a regular file (not a pipe or terminal)
    std::uint64_t size() const { return size_; }  ///< on-disk size of a regular file

    /// Reads up to n bytes; returns the count (0 at end), or -1 (see error()).
    ssize_t read_some(char* p, std::size_t n) {
        if (gz_) {
            const unsigned want = static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30));
            const int r = ::gzread(gz_, p, want);
            int errnum = Z_OK;
            if (r < 0 || r == 0) {  // a truncated stream reads as a short end; zlib says so in gzerror
                const std::string msg = gz_message(::gzerror(gz_, &errnum));
                if (r < 0 || (errnum != Z_OK && errnum != Z_STREAM_END)) {
                    error_ = errnum == Z_ERRNO ? std::string(std::strerror(errno)) : "gzip: " + msg;
                    return -1;
                }
            }
            return r;
        }
        ssize_t r;
        do r = ::read(fd_, p, n);
        while (r < 0 && errno == EINTR);
        if (r < 0) error_ = std::strerror(errno);
        return r;
    }

private:
    // zlib's message without its "<fd:N>: " prefix.
    static std::string gz_message(const char* m) {
        std::string_view v(m ? m : "error");
        if (v.rfind("<fd:", 0) == 0)
            if (auto c = v.find(": "); c != std::string_view::npos) v.remove_prefix(c + 2);
        return std::string(v);
    }

    int fd_ = -1;
    gzFile gz_ = nullptr;
    std::string error_;
    bool owned_ = false;
    bool regular_ = false;
    std::uint64_t size_ = 0;
};

// Splits a file into lines without holding it in memory.  A line longer than
// `cap` is reported (too_long) but not kept.
class LineReader {
public:
    enum class Status { line, end, error };

    LineReader(InputFile& f, std::size_t cap) : f_(f), cap_(cap), buf_(chunk_bytes) {}

    /// The first bytes of the file (up to n, n <= buffer size), before any next().
    /// From a pipe it does not wait for n bytes: once a whole line has arrived
    /// it looks at what is there, so that a streaming caller that sends one
    /// record and waits for its answer is not kept waiting.
    std::string_view head(std::size_t n) {
        while (end_ - begin_ < n) {
            if (!f_.regular() && std::memchr(buf_.data() + begin_, '\n', end_ - begin_)) break;
            if (!fill()) break;
        }
        return {buf_.data() + begin_, std::min(n, end_ - begin_)};
    }

    /// Bytes consumed by next() so far (uncompressed).
    std::uint64_t consumed() const { return consumed_; }

    Status next(std::string& line, bool& too_long) {
        line.clear();
        too_long = false;
        bool got = false;
        for (;;) {
            const char* b = buf_.data() + begin_;
            const char* e = buf_.data() + end_;
            const char* nl = static_cast<const char*>(std::memchr(b, '\n', static_cast<std::size_t>(e - b)));
            const char* stop = nl ? nl : e;
            if (stop != b || nl) got = true;
            append(line, too_long, b, static_cast<std::size_t>(stop - b));
            if (nl) {
                const std::size_t nb = static_cast<std::size_t>(nl - buf_.data()) + 1;
                consumed_ += nb - begin_;
                begin_ = nb;
                return Status::line;
            }
            consumed_ += end_ - begin_;
            begin_ = end_ = 0;
            if (!fill()) {
                if (failed_) return Status::error;
                return got ? Status::line : Status::end;
            }
        }
    }

    bool failed() const { return failed_; }
    const std::string& error() const { return f_.error(); }

private:
    void append(std::string& line, bool& too_long, const char* p, std::size_t n) {
        if (too_long) return;
        if (line.size() + n > cap_) {
            too_long = true;
            std::string().swap(line);
            return;
        }
        line.append(p, n);
    }

    // Reads more bytes after end_; false at end of file or on error.
    bool fill() {
        if (begin_ > 0) {
            std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        if (end_ == buf_.size()) return false;
        ssize_t r = f_.read_some(buf_.data() + end_, buf_.size() - end_);
        if (r < 0) {
            failed_ = true;
            return false;
        }
        end_ += static_cast<std::size_t>(r);
        return r > 0;
    }

    InputFile& f_;
    std::size_t cap_;
    std::vector<char> buf_;
    std::size_t begin_ = 0, end_ = 0;
    std::uint64_t consumed_ = 0;
    bool failed_ = false;
};

std::string too_large_message(const std::string& what, std::uint64_t max) {
    return what + " is larger than --max-bytes " + std::to_string(max) + " bytes";
}

void read_text(const Input& in, const Settings& s, const Sink& sink) {
    WorkItem item;
    item.id = in.path;
    InputFile f(in.path, in.gzip);
    if (!f.ok()) {
        item.error = io_error("read_error", in.path + ": cannot open", f.error());
        sink(std::move(item));
        return;
    }
    const std::uint64_t max = s.max_bytes;
    item.input_bytes = f.size();
    if (f.regular() && !f.gzip()) {
        const std::uint64_t size = f.size();
        if (size > max) {
            item.error = {"too_large", too_large_message(in.path + " (" + std::to_string(size) + " bytes)", max)};
            sink(std::move(item));
            return;
        }
        item.text.reserve(static_cast<std::size_t>(size) + 1);
    }
    // Read at most max + 1 bytes: enough to know the input is too large.
    const std::uint64_t limit = max == std::numeric_limits<std::uint64_t>::max() ? max : max + 1;
    std::string& text = item.text;
    for (;;) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_bytes, limit - text.size()));
        if (want == 0) break;
        const std::size_t old = text.size();
        text.resize(old + want);
        const ssize_t r = f.read_some(text.data() + old, want);
        if (r < 0) {
            text.resize(old);
            item.error = io_error("read_error", in.path + ": cannot read", f.error());
            break;
        }
        text.resize(old + static_cast<std::size_t>(r));
        if (r == 0) break;
    }
    if (!f.regular() || f.gzip()) item.input_bytes = text.size();
    if (!item.error && text.size() > max) item.error = {"too_large", too_large_message(in.path, max)};
    if (!item.error) {
        if (auto why = binary_reason(std::string_view(text).substr(0, binary_sample_bytes)))
            item.error = {"binary", in.path + ": not a text file (" + *why + ")"};
    }
    if (item.error) std::string().swap(text);
    sink(std::move(item));
}

// The reason part of a nlohmann parse error, without the "[json.exception...]
// parse error at line 1, column N: " prefix, and kept short.
std::string parse_reason(const nlohmann::json::parse_error& e) {
    std::string_view w = e.what();
    if (auto c = w.find("column "); c != std::string_view::npos)
        if (auto colon = w.find(": ", c); colon != std::string_view::npos) w.remove_prefix(colon + 2);
    constexpr std::size_t max_reason = 200;
    std::string r(w.substr(0, max_reason));
    if (w.size() > max_reason) {
        while (!r.empty() && (static_cast<unsigned char>(r.back()) & 0xC0) == 0x80) r.pop_back();
        if (!r.empty() && static_cast<unsigned char>(r.back()) >= 0xC0) r.pop_back();
        r += "...";
    }
    return r;
}

// Parses item.text (one JSONL line; item.id is FILE:LINE) into the record.
void parse_record(WorkItem& item, const Settings& s) {
    const std::string where = item.id;
    std::string line;
    line.swap(item.text);
    auto bad = [&](std::size_t column, const std::string& reason) {
        item.error = {"bad_record", where + ":" + std::to_string(column) + ": " + reason};
    };
    // The common record (string members only) without a JSON tree; anything
    // else, errors included, goes through nlohmann as before.
    if (SimpleRecord rec; read_simple_record(line, rec)) {
        if (rec.id) item.id = std::move(*rec.id);
        if (rec.date) item.date = std::move(*rec.date);
        if (rec.text.size() > s.max_bytes) {
            item.error = {"too_large", too_large_message(where + ": \"text\" (" + std::to_string(rec.text.size()) + " bytes)", s.max_bytes)};
            return;
        }
        item.text = std::move(rec.text);
        return;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        return bad(std::max<std::size_t>(e.byte, 1), parse_reason(e));
    }
    std::string().swap(line);
    if (!j.is_object()) return bad(1, std::string("record is not a JSON object (got ") + j.type_name() + ")");

    if (auto it = j.find("id"); it != j.end() && !it->is_null()) {
        if (it->is_string()) item.id = it->get<std::string>();
        else if (it->is_number()) item.id = it->dump();
        else return bad(1, std::string("\"id\" must be a string or a number (got ") + it->type_name() + ")");
    }
    auto text = j.find("text");
    if (text == j.end()) return bad(1, "missing \"text\"");
    if (!text->is_string()) return bad(1, std::string("\"text\" must be a string (got ") + text->type_name() + ")");
    if (auto it = j.find("date"); it != j.end() && !it->is_null()) {
        if (!it->is_string())
            return bad(1, std::string("\"date\" must be a string YYYY-MM-DD (got ") + it->type_name() + ")");
        item.date = it->get<std::string>();
    }
    auto& t = text->get_ref<std::string&>();
    if (t.size() > s.max_bytes) {
        item.error = {"too_large", too_large_message(where + ": \"text\" (" + std::to_string(t.size()) + " bytes)", s.max_bytes)};
        return;
    }
    item.text = std::move(t);
}

bool blank(const std::string& line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

void read_jsonl(const Input& in, const Settings& s, const Sink& sink) {
    auto fail = [&](std::string id, warta::DocumentError err) {
        WorkItem item;
        item.id = std::move(id);
        item.error = std::move(err);
        sink(std::move(item));
    };
    InputFile f(in.path, in.gzip);
    if (!f.ok()) return fail(in.path, io_error("read_error", in.path + ": cannot open", f.error()));

    // A line may hold a --max-bytes text with every byte escaped (\u00XX: 6x).
    constexpr std::uint64_t big = std::uint64_t{1} << 40;
    const std::size_t cap = static_cast<std::size_t>(std::min<std::uint64_t>(s.max_bytes, big) * 6 + 4096);
    LineReader lines(f, cap);
    if (auto why = binary_reason(lines.head(binary_sample_bytes)))
        return fail(in.path, {"binary", in.path + ": not a text file (" + *why + ")"});
    if (lines.failed()) return fail(in.path, io_error("read_error", in.path + ": cannot read", lines.error()));

    std::string line;
    std::size_t lineno = 0;
    std::uint64_t consumed_before = 0;
    std::vector<std::size_t> blanks;  // blank lines seen; errors unless at the end of the file
    auto where = [&](std::size_t n) { return in.path + ":" + std::to_string(n); };
    for (;;) {
        bool too_long = false;
        const LineReader::Status st = lines.next(line, too_long);
        if (st == LineReader::Status::end) break;  // trailing blank lines are dropped
        if (st == LineReader::Status::error) {
            for (std::size_t b : blanks) fail(where(b), {"bad_record", where(b) + ":1: empty line"});
            // The lines read so far were processed; the rest of the file is one error record.
            return fail(in.path, io_error("read_error", where(lineno + 1) + ": cannot read", lines.error()));
        }
        ++lineno;
        const std::uint64_t bytes = lines.consumed() - consumed_before;
        consumed_before = lines.consumed();
        if (!too_long && blank(line)) {
            blanks.push_back(lineno);
            continue;
        }
        for (std::size_t b : blanks) fail(where(b), {"bad_record", where(b) + ":1: empty line"});
        blanks.clear();
        if (too_long) {
            WorkItem item;
            item.id = where(lineno);
            item.error = {"too_large", where(lineno) + ": line is longer than " + std::to_string(cap) +
                                           " bytes (--max-bytes " + std::to_string(s.max_bytes) + ")"};
            item.input_bytes = bytes;
            sink(std::move(item));
            continue;
        }
        // Parsed later, on a worker thread (parse_pending).
        WorkItem item;
        item.id = where(lineno);
        item.text.swap(line);
        item.raw_record = true;
        item.input_bytes = bytes;
        sink(std::move(item));
    }
}

}  // namespace

std::optional<std::string> binary_reason(std::string_view head) {
    if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
        return "starts with a UTF-16 byte order mark; convert it to UTF-8";
    std::size_t nul = 0, ctrl = 0;
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) ++nul;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++ctrl;
    }
    const std::size_t n = head.size();
    if (nul * 100 > n) return std::to_string(nul) + " NUL bytes in the first " + std::to_string(n) + " bytes";
    if (ctrl * 10 > n) return std::to_string(ctrl) + " control bytes in the first " + std::to_string(n) + " bytes";
    return std::nullopt;
}

namespace {

bool has_glob_chars(std::string_view v) { return v.find_first_of("*?[") != std::string_view::npos; }

// Glob matching over path components; `**` matches any number of directories.
class Globber {
public:
    Globber(const std::string& pattern, const Settings& s, std::vector<Input>& found) : s_(s), found_(found) {
        std::string_view rest(pattern);
        if (!rest.empty() && rest.front() == '/') {
            base_ = "/";
            while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
        }
        while (!rest.empty()) {
            const auto slash = rest.find('/');
            const std::string_view c = rest.substr(0, slash);
            if (!c.empty() && c != ".") parts_.emplace_back(c);
            if (slash == std::string_view::npos) break;
            rest.remove_prefix(slash + 1);
        }
        if (!parts_.empty() && parts_.back() == "**") parts_.emplace_back("*");
        // The literal leading directories are the starting point.
        std::size_t i = 0;
        for (; i + 1 < parts_.size() && !has_glob_chars(parts_[i]); ++i) base_ = join(base_, parts_[i]);
        first_ = i;
    }

    void run() { visit(base_, first_); }

private:
    static std::string join(const std::string& dir, const std::string& name) {
        if (dir.empty()) return name;
        return dir.back() == '/' ? dir + name : dir + "/" + name;
    }

    static bool matches(const std::string& pat, const std::string& name) {
        return ::fnmatch(pat.c_str(), name.c_str(), FNM_PERIOD) == 0;
    }

    void visit(const std::string& dir, std::size_t i) {
        if (i >= parts_.size()) return;
        const std::string& part = parts_[i];
        const bool last = i + 1 == parts_.size();
        if (part == "**") {
            visit(dir, i + 1);  // zero directories
            for_each_entry(dir, [&](const std::string& name, const std::string& path, bool is_dir, bool link) {
                if (is_dir && !link && name.front() != '.') visit(path, i);
            });
            return;
        }
        if (!has_glob_chars(part)) {  // a literal component: no listing needed
            const std::string path = join(dir, part);
            std::error_code ec;
            const fs::file_status st = fs::status(path, ec);
            if (ec) return;
            if (last) add(path, st);
            else if (fs::is_directory(st)) visit(path, i + 1);
            return;
        }
        for_each_entry(dir, [&](const std::string& name, const std::string& path, bool is_dir, bool) {
            if (!matches(part, name)) return;
            if (last) {
                std::error_code ec;
                add(path, fs::status(path, ec));
            } else if (is_dir) {
                visit(path, i + 1);
            }
        });
    }

    // A matched regular file is an input whatever its name; a matched
    // directory is searched like a directory argument.
    void add(const std::string& path, const fs::file_status& st) {
        if (fs::is_regular_file(st)) found_.push_back(make_input(path, s_));
        else if (fs::is_directory(st)) walk(path, s_, found_);
    }

    template <class F>
    void for_each_entry(const std::string& dir, F&& f) {
        std::error_code ec;
        fs::directory_iterator it(dir.empty() ? fs::path(".") : fs::path(dir), ec);
        for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            std::error_code e2;
            const std::string name = it->path().filename().string();
            const bool link = it->is_symlink(e2);
            const bool is_dir = it->is_directory(e2);
            f(name, join(dir, name), is_dir, link);
        }
    }

    const Settings& s_;
    std::vector<Input>& found_;
    std::vector<std::string> parts_;
    std::string base_;
    std::size_t first_ = 0;
};

void sort_inputs(std::vector<Input>& v) {
    std::sort(v.begin(), v.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    v.erase(std::unique(v.begin(), v.end(), [](const Input& a, const Input& b) { return a.path == b.path; }), v.end());
}

}  // namespace

Expansion expand_inputs(const Settings& s) {
    Expansion x;
    for (const std::string& arg : s.inputs) {
        if (arg == "-") {
            x.inputs.push_back(make_input(arg, s));
            continue;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(arg, ec);
        if (fs::is_directory(st)) {
            x.any_directory = true;
            std::vector<Input> found;
            walk(arg, s, found);
            if (found.empty()) {
                x.usage_error = "directory '" + arg + "' contains no .txt or .jsonl files";
                return x;
            }
            sort_inputs(found);
            for (auto& in : found) x.inputs.push_back(std::move(in));
            continue;
        }
        std::error_code ec2;
        if (has_glob_chars(arg) && !fs::exists(fs::symlink_status(arg, ec2))) {
            // A pattern the shell did not expand (quoted, or from a script).
            x.any_directory = true;
            std::vector<Input> found;
            Globber(arg, s, found).run();
            if (found.empty()) {
                x.usage_error = "no file matches '" + arg + "'";
                return x;
            }
            sort_inputs(found);
            for (auto& in : found) x.inputs.push_back(std::move(in));
            continue;
        }
        x.inputs.push_back(make_input(arg, s));  // missing files fail when read
    }
    std::uint64_t total = 0;
    bool known = true;
    for (const Input& in : x.inputs) {
        if (in.path == "-" || in.gzip) {
            known = false;
            break;
        }
        struct stat st {};
        if (!in.error && ::stat(in.path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            total += static_cast<std::uint64_t>(st.st_size);
    }
    if (known) x.total_bytes = total;
    return x;
}

void parse_pending(WorkItem& item, const Settings& s) {
    if (!item.raw_record) return;
    item.raw_record = false;
    parse_record(item, s);
}

void read_input(const Input& in, const Settings& s, const Sink& sink) {
    if (in.error) {
        WorkItem item;
        item.id = in.path;
        item.error = in.error;
        sink(std::move(item));
        return;
    }
    if (in.format == Format::jsonl) read_jsonl(in, s, sink);
    else read_text(in, s, sink);
}

}  // namespace extract
