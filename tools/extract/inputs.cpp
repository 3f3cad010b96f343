// extract: input expansion and reading (text files, JSONL records, stdin).
#include "inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

std::string lower_extension(const fs::path& p) {
    std::string e = p.extension().string();
    for (char& c : e)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return e;
}

Format format_for(const std::string& path, const Settings& s) {
    if (s.input_format == InputFormat::jsonl) return Format::jsonl;
    if (s.input_format == InputFormat::text) return Format::text;
    if (path == "-") return Format::text;
    return lower_extension(path) == ".jsonl" ? Format::jsonl : Format::text;
}

warta::DocumentError io_error(const std::string& code, const std::string& what, int err) {
    return {code, what + ": " + std::strerror(err)};
}

// Collects the .txt and .jsonl files under `dir`.  Directory symlinks are not
// followed (no loops); an unreadable subdirectory becomes a failed Input.
void walk(const fs::path& dir, const Settings& s, std::vector<Input>& found) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        found.push_back({dir.string(), Format::text,
                         warta::DocumentError{"read_error", dir.string() + ": cannot read directory: " + ec.message()}});
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
        const std::string ext = lower_extension(e.path());
        if (ext != ".txt" && ext != ".jsonl") continue;
        // Regular files, and dangling links (reported as read errors); never
        // FIFOs, sockets or devices, which could block or never end.
        if (fs::is_regular_file(st) || st.type() == fs::file_type::not_found) {
            const std::string p = e.path().string();
            found.push_back({p, format_for(p, s), std::nullopt});
        }
    }
    if (ec) {
        found.push_back({dir.string(), Format::text,
                         warta::DocumentError{"read_error", dir.string() + ": cannot list directory: " + ec.message()}});
    }
}

// A file descriptor that closes itself (stdin excepted).
class InputFile {
public:
    explicit InputFile(const std::string& path) {
        if (path == "-") {
            fd_ = STDIN_FILENO;
            return;
        }
        do fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) err_ = errno;
        owned_ = fd_ >= 0;
    }
    ~InputFile() {
        if (owned_) ::close(fd_);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    int fd() const { return fd_; }
    int open_error() const { return err_; }  ///< errno of a failed open, else 0

    /// Reads up to n bytes; returns the count (0 at end), or -1 with errno.
    ssize_t read_some(char* p, std::size_t n) const {
        ssize_t r;
        do r = ::read(fd_, p, n);
        while (r < 0 && errno == EINTR);
        return r;
    }

private:
    int fd_ = -1;
    int err_ = 0;
    bool owned_ = false;
};

// Splits a file into lines without holding it in memory.  A line longer than
// `cap` is reported (too_long) but not kept.
class LineReader {
public:
    enum class Status { line, end, error };

    LineReader(const InputFile& f, std::size_t cap) : f_(f), cap_(cap), buf_(chunk_bytes) {}

    /// The first bytes of the file (up to n, n <= buffer size), before any next().
    std::string_view head(std::size_t n) {
        while (end_ - begin_ < n && fill()) {
        }
        return {buf_.data() + begin_, std::min(n, end_ - begin_)};
    }

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
                begin_ = static_cast<std::size_t>(nl - buf_.data()) + 1;
                return Status::line;
            }
            begin_ = end_ = 0;
            if (!fill()) {
                if (err_ != 0) return Status::error;
                return got ? Status::line : Status::end;
            }
        }
    }

    int error() const { return err_; }

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
            err_ = errno;
            return false;
        }
        end_ += static_cast<std::size_t>(r);
        return r > 0;
    }

    const InputFile& f_;
    std::size_t cap_;
    std::vector<char> buf_;
    std::size_t begin_ = 0, end_ = 0;
    int err_ = 0;
};

std::string too_large_message(const std::string& what, std::uint64_t max) {
    return what + " is larger than --max-bytes " + std::to_string(max) + " bytes";
}

void read_text(const Input& in, const Settings& s, const Sink& sink) {
    WorkItem item;
    item.id = in.path;
    InputFile f(in.path);
    if (f.fd() < 0) {
        item.error = io_error("read_error", in.path + ": cannot open", f.open_error());
        sink(std::move(item));
        return;
    }
    const std::uint64_t max = s.max_bytes;
    struct stat st {};
    if (::fstat(f.fd(), &st) == 0 && S_ISREG(st.st_mode)) {
        const auto size = static_cast<std::uint64_t>(st.st_size);
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
            const int err = errno;
            text.resize(old);
            item.error = io_error("read_error", in.path + ": cannot read", err);
            break;
        }
        text.resize(old + static_cast<std::size_t>(r));
        if (r == 0) break;
    }
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

WorkItem parse_record(const std::string& where, std::string& line, const Settings& s) {
    WorkItem item;
    item.id = where;
    auto bad = [&](std::size_t column, const std::string& reason) {
        item.error = {"bad_record", where + ":" + std::to_string(column) + ": " + reason};
        return std::move(item);
    };
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
        return item;
    }
    item.text = std::move(t);
    return item;
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
    InputFile f(in.path);
    if (f.fd() < 0) return fail(in.path, io_error("read_error", in.path + ": cannot open", f.open_error()));

    // A line may hold a --max-bytes text with every byte escaped (\u00XX: 6x).
    constexpr std::uint64_t big = std::uint64_t{1} << 40;
    const std::size_t cap = static_cast<std::size_t>(std::min<std::uint64_t>(s.max_bytes, big) * 6 + 4096);
    LineReader lines(f, cap);
    if (auto why = binary_reason(lines.head(binary_sample_bytes)))
        return fail(in.path, {"binary", in.path + ": not a text file (" + *why + ")"});
    if (lines.error() != 0) return fail(in.path, io_error("read_error", in.path + ": cannot read", lines.error()));

    std::string line;
    std::size_t lineno = 0;
    std::vector<std::size_t> blanks;  // blank lines seen; errors unless at the end of the file
    auto where = [&](std::size_t n) { return in.path + ":" + std::to_string(n); };
    for (;;) {
        bool too_long = false;
        const LineReader::Status st = lines.next(line, too_long);
        if (st == LineReader::Status::end) break;  // trailing blank lines are dropped
        if (st == LineReader::Status::error) {
            for (std::size_t b : blanks) fail(where(b), {"bad_record", where(b) + ":1: empty line"});
            return fail(in.path, io_error("read_error", where(lineno + 1) + ": cannot read", lines.error()));
        }
        ++lineno;
        if (!too_long && blank(line)) {
            blanks.push_back(lineno);
            continue;
        }
        for (std::size_t b : blanks) fail(where(b), {"bad_record", where(b) + ":1: empty line"});
        blanks.clear();
        if (too_long) {
            fail(where(lineno), {"too_large", where(lineno) + ": line is longer than " + std::to_string(cap) +
                                                  " bytes (--max-bytes " + std::to_string(s.max_bytes) + ")"});
            continue;
        }
        sink(parse_record(where(lineno), line, s));
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

Expansion expand_inputs(const Settings& s) {
    Expansion x;
    for (const std::string& arg : s.inputs) {
        if (arg == "-") {
            x.inputs.push_back({arg, format_for(arg, s), std::nullopt});
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(fs::status(arg, ec))) {
            x.any_directory = true;
            std::vector<Input> found;
            walk(arg, s, found);
            if (found.empty()) {
                x.usage_error = "directory '" + arg + "' contains no .txt or .jsonl files";
                return x;
            }
            std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
            for (auto& in : found) x.inputs.push_back(std::move(in));
            continue;
        }
        x.inputs.push_back({arg, format_for(arg, s), std::nullopt});  // missing files fail when read
    }
    return x;
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
