// Python semantics used by the scorer: casefold, fold(), repr(), float(),
// truthiness, equality, whitespace splitting, UTF-8 decoding with replacement.
#include "evaluate_score.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace warta::eval {
namespace {

// Python's str.isspace() set (also what \s and str.split() use).
bool is_space(char32_t c) {
    switch (c) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x1c: case 0x1d: case 0x1e:
    case 0x1f: case 0x20: case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200a;
    }
}

// Python's \w for str patterns: str.isalnum() or '_'.  isalnum = isalpha (L*)
// or a numeric type (decimal, digit, numeric); combining marks are not \w.
bool is_word(char32_t c) {
    if (c == U'_') return true;
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    auto cp = static_cast<UChar32>(c);
    if (U_GET_GC_MASK(cp) & U_GC_L_MASK) return true;
    return u_getIntPropertyValue(cp, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

bool is_decimal(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

bool is_printable(char32_t c) {
    if (c == U' ') return true;
    switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_SPACE_SEPARATOR:
        return false;
    default:
        return true;
    }
}

}  // namespace

// ---- UTF-8 ---------------------------------------------------------------

std::u32string decode32(std::string_view b) {
    // Python's decoder with errors="replace": one U+FFFD per maximal invalid subpart.
    std::u32string out;
    out.reserve(b.size());
    std::size_t i = 0, n = b.size();
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(b[k]); };
    while (i < n) {
        unsigned c = byte(i);
        if (c < 0x80) { out.push_back(c); ++i; continue; }
        int need;
        unsigned lo = 0x80, hi = 0xBF;
        char32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; cp = c & 0x0F;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; cp = c & 0x07;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else { out.push_back(0xFFFD); ++i; continue; }
        std::size_t j = i + 1;
        bool ok = true;
        for (int k = 0; k < need; ++k, ++j) {
            if (j >= n) { ok = false; break; }
            unsigned d = byte(j);
            unsigned l = k == 0 ? lo : 0x80, h = k == 0 ? hi : 0xBF;
            if (d < l || d > h) { ok = false; break; }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) { out.push_back(0xFFFD); i = j; continue; }
        out.push_back(cp);
        i = j;
    }
    return out;
}

std::string encode8(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        if (c < 0x80) out.push_back(static_cast<char>(c));
        else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

std::string decode_replace(std::string_view bytes) { return encode8(decode32(bytes)); }

// ---- casefold and fold ---------------------------------------------------

std::string casefold(std::string_view utf8) {
    std::string valid = decode_replace(utf8);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())));
    u.foldCase(U_FOLD_CASE_DEFAULT);
    std::string out;
    u.toUTF8String(out);
    return out;
}

namespace {

std::u32string split_join(const std::u32string& s) {
    std::u32string out;
    std::size_t i = 0, n = s.size();
    while (i < n) {
        while (i < n && is_space(s[i])) ++i;
        if (i >= n) break;
        std::size_t j = i;
        while (j < n && !is_space(s[j])) ++j;
        if (!out.empty()) out.push_back(U' ');
        out.append(s, i, j - i);
        i = j;
    }
    return out;
}

bool boundary(const std::u32string& s, std::size_t i) {
    bool before = i > 0 && is_word(s[i - 1]);
    bool after = i < s.size() && is_word(s[i]);
    return before != after;
}

}  // namespace

std::string collapse_ws(std::string_view utf8) { return encode8(split_join(decode32(utf8))); }

std::string fold(std::string_view utf8) {
    std::u32string s = decode32(casefold(utf8));
    // re.sub(r"\([^)]*\)", " ", s)
    {
        std::u32string t;
        std::size_t i = 0;
        while (i < s.size()) {
            if (s[i] == U'(') {
                std::size_t j = s.find(U')', i + 1);
                if (j != std::u32string::npos) {
                    t.push_back(U' ');
                    i = j + 1;
                    continue;
                }
            }
            t.push_back(s[i]);
            ++i;
        }
        s.swap(t);
    }
    // re.sub(r"\b(ri|republik indonesia)\b", " ", s)
    {
        static const std::u32string ri = U"ri", rep = U"republik indonesia";
        std::u32string t;
        std::size_t i = 0;
        while (i < s.size()) {
            if (boundary(s, i)) {
                std::size_t len = 0;
                if (s.compare(i, ri.size(), ri) == 0 && boundary(s, i + ri.size())) len = ri.size();
                else if (s.compare(i, rep.size(), rep) == 0 && boundary(s, i + rep.size())) len = rep.size();
                if (len) {
                    t.push_back(U' ');
                    i += len;
                    continue;
                }
            }
            t.push_back(s[i]);
            ++i;
        }
        s.swap(t);
    }
    // re.sub(r"[^\w\s-]", " ", s)
    for (auto& c : s)
        if (!is_word(c) && !is_space(c) && c != U'-') c = U' ';
    return encode8(split_join(s));
}

std::string fold_value(const Json& v) {
    if (!py_truthy(v)) return {};
    if (v.is_string()) return fold(v.get_ref<const std::string&>());
    return fold(py_str(v));
}

// ---- repr / str ----------------------------------------------------------

std::string py_float_repr(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    std::string out;
    std::size_t i = 0;
    if (sci[0] == '-') { out.push_back('-'); i = 1; }
    std::size_t epos = sci.find('e');
    std::string digits;
    for (std::size_t k = i; k < epos; ++k)
        if (sci[k] != '.') digits.push_back(sci[k]);
    int exp = std::atoi(sci.c_str() + epos + 1);
    int decpt = exp + 1;
    int nd = static_cast<int>(digits.size());
    if (decpt <= -4 || decpt > 16) {
        out.push_back(digits[0]);
        if (nd > 1) { out.push_back('.'); out.append(digits, 1, std::string::npos); }
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += e;
    } else if (decpt <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-decpt), '0');
        out += digits;
    } else if (decpt >= nd) {
        out += digits;
        out.append(static_cast<std::size_t>(decpt - nd), '0');
        out += ".0";
    } else {
        out.append(digits, 0, static_cast<std::size_t>(decpt));
        out.push_back('.');
        out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
    }
    return out;
}

namespace {

std::string str_repr(std::string_view utf8) {
    std::u32string s = decode32(utf8);
    bool has_sq = s.find(U'\'') != std::u32string::npos, has_dq = s.find(U'"') != std::u32string::npos;
    char32_t q = (has_sq && !has_dq) ? U'"' : U'\'';
    std::u32string out;
    out.push_back(q);
    auto hex = [&](char c, unsigned v, int width) {
        char b[16];
        std::snprintf(b, sizeof b, "\\%c%0*x", c, width, v);
        for (char* p = b; *p; ++p) out.push_back(static_cast<char32_t>(*p));
    };
    for (char32_t c : s) {
        if (c == q || c == U'\\') { out.push_back(U'\\'); out.push_back(c); }
        else if (c == U'\t') out += U"\\t";
        else if (c == U'\n') out += U"\\n";
        else if (c == U'\r') out += U"\\r";
        else if (c < 0x20 || c == 0x7f) hex('x', c, 2);
        else if (c < 0x7f) out.push_back(c);
        else if (is_printable(c)) out.push_back(c);
        else if (c <= 0xff) hex('x', c, 2);
        else if (c <= 0xffff) hex('u', c, 4);
        else hex('U', c, 8);
    }
    out.push_back(q);
    return encode8(out);
}

}  // namespace

std::string py_repr(const Json& v) {
    switch (v.type()) {
    case Json::value_t::null: return "None";
    case Json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer: return std::to_string(v.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<std::uint64_t>());
    case Json::value_t::number_float: return py_float_repr(v.get<double>());
    case Json::value_t::string: return str_repr(v.get_ref<const std::string&>());
    case Json::value_t::array: {
        std::string out = "[";
        bool first = true;
        for (const auto& x : v) {
            if (!first) out += ", ";
            first = false;
            out += py_repr(x);
        }
        return out + "]";
    }
    case Json::value_t::object: {
        std::string out = "{";
        bool first = true;
        for (const auto& [k, x] : v.items()) {
            if (!first) out += ", ";
            first = false;
            out += str_repr(k) + ": " + py_repr(x);
        }
        return out + "}";
    }
    default: return "None";  // binary / discarded: not produced by the parser
    }
}

std::string py_str(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    return py_repr(v);
}

bool py_truthy(const Json& v) {
    switch (v.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return v.get<bool>();
    case Json::value_t::number_integer: return v.get<std::int64_t>() != 0;
    case Json::value_t::number_unsigned: return v.get<std::uint64_t>() != 0;
    case Json::value_t::number_float: return v.get<double>() != 0.0;
    case Json::value_t::string: return !v.get_ref<const std::string&>().empty();
    case Json::value_t::array:
    case Json::value_t::object: return !v.empty();
    default: return false;
    }
}

std::optional<long double> py_number(const Json& v) {
    switch (v.type()) {
    case Json::value_t::boolean: return v.get<bool>() ? 1.0L : 0.0L;
    case Json::value_t::number_integer: return static_cast<long double>(v.get<std::int64_t>());
    case Json::value_t::number_unsigned: return static_cast<long double>(v.get<std::uint64_t>());
    case Json::value_t::number_float: return static_cast<long double>(v.get<double>());
    default: return std::nullopt;
    }
}

namespace {
}  // namespace

bool py_equal(const Json& a, const Json& b) {
    auto na = py_number(a), nb = py_number(b);
    if (na || nb) return na && nb && *na == *nb;
    if (a.type() != b.type()) return false;
    switch (a.type()) {
    case Json::value_t::null: return true;
    case Json::value_t::string: return a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
    case Json::value_t::array: {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!py_equal(a[i], b[i])) return false;
        return true;
    }
    case Json::value_t::object: {
        if (a.size() != b.size()) return false;
        for (const auto& [k, x] : a.items()) {
            auto it = b.find(k);
            if (it == b.end() || !py_equal(x, *it)) return false;
        }
        return true;
    }
    default: return false;
    }
}

// ---- float() ---------------------------------------------------------------

std::optional<double> py_float(std::string_view s) {
    // _PyUnicode_TransformDecimalAndSpaceToASCII, then strip, then underscores.
    std::u32string u = decode32(s);
    std::string a;
    for (char32_t c : u) {
        if (is_space(c)) a.push_back(' ');
        else if (c < 0x80) a.push_back(static_cast<char>(c));
        else if (is_decimal(c)) a.push_back(static_cast<char>('0' + u_charDigitValue(static_cast<UChar32>(c))));
        else return std::nullopt;
    }
    auto isws = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    std::size_t b = 0, e = a.size();
    while (b < e && isws(a[b])) ++b;
    while (e > b && isws(a[e - 1])) --e;
    a = a.substr(b, e - b);
    auto isdig = [](char c) { return c >= '0' && c <= '9'; };
    if (a.find('_') != std::string::npos) {
        std::string t;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i] == '_') {
                if (i == 0 || i + 1 >= a.size() || !isdig(a[i - 1]) || !isdig(a[i + 1])) return std::nullopt;
                continue;
            }
            t.push_back(a[i]);
        }
        a = t;
    }
    // grammar: [+-]? (digits [. digits?] | . digits) ([eE][+-]?digits)? | [+-]?(inf|infinity|nan)
    std::size_t i = 0;
    if (i < a.size() && (a[i] == '+' || a[i] == '-')) ++i;
    std::string rest = a.substr(i);
    std::string low;
    for (char c : rest) low.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
    if (low == "inf" || low == "infinity" || low == "nan") {
        bool neg = i > 0 && a[0] == '-';
        double v = low == "nan" ? std::nan("") : HUGE_VAL;
        return neg ? -v : v;
    }
    std::size_t d0 = i;
    while (i < a.size() && isdig(a[i])) ++i;
    std::size_t intd = i - d0, fracd = 0;
    if (i < a.size() && a[i] == '.') {
        ++i;
        std::size_t f0 = i;
        while (i < a.size() && isdig(a[i])) ++i;
        fracd = i - f0;
    }
    if (intd + fracd == 0) return std::nullopt;
    if (i < a.size() && (a[i] == 'e' || a[i] == 'E')) {
        ++i;
        if (i < a.size() && (a[i] == '+' || a[i] == '-')) ++i;
        std::size_t x0 = i;
        while (i < a.size() && isdig(a[i])) ++i;
        if (i == x0) return std::nullopt;
    }
    if (i != a.size()) return std::nullopt;
    return std::strtod(a.c_str(), nullptr);
}

std::optional<double> py_float(const Json& v) {
    switch (v.type()) {
    case Json::value_t::boolean: return v.get<bool>() ? 1.0 : 0.0;
    case Json::value_t::number_integer: return static_cast<double>(v.get<std::int64_t>());
    case Json::value_t::number_unsigned: return static_cast<double>(v.get<std::uint64_t>());
    case Json::value_t::number_float: return v.get<double>();
    case Json::value_t::string: return py_float(std::string_view(v.get_ref<const std::string&>()));
    default: return std::nullopt;
    }
}

bool close(const Json& a, const Json& b) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    auto x = py_float(a), y = py_float(b);
    if (!x || !y) return false;
    double p = *x, q = *y;
    if (p == q) return true;
    if (std::isinf(p) || std::isinf(q)) return false;
    double diff = std::fabs(q - p);
    constexpr double tol = 1e-9;
    return ((diff <= std::fabs(tol * q)) || (diff <= std::fabs(tol * p))) || (diff <= tol);
}

double py_round4(double x) {
    if (!std::isfinite(x)) return x;
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.4f", x);
    return std::strtod(buf, nullptr);
}

}  // namespace warta::eval

namespace warta::eval {

bool date_value_ok(const Json& predicted, const std::string& gold_value) {
    auto dd = [](const std::u32string& s, std::size_t i) {
        return i + 1 < s.size() && is_decimal(s[i]) && is_decimal(s[i + 1]);
    };
    // re.search(r"[+-]\d\d:\d\d$|Z$", gold): `$` matches at the end or before a final newline
    std::u32string g = decode32(gold_value);
    auto zone_at_end = [&](std::size_t L) {
        if (L >= 1 && g[L - 1] == U'Z') return true;
        return L >= 6 && (g[L - 6] == U'+' || g[L - 6] == U'-') && dd(g, L - 5) && g[L - 3] == U':' && dd(g, L - 2);
    };
    bool has_zone = zone_at_end(g.size()) || (!g.empty() && g.back() == U'\n' && zone_at_end(g.size() - 1));
    std::string v = py_str(predicted);
    if (!has_zone) {
        // re.sub(r"(T\d\d:\d\d)(?::\d\d)?(?:[+-]\d\d:\d\d|Z)$", r"\1", v)
        std::u32string s = decode32(v);
        std::size_t L = s.size();
        auto is_end = [&](std::size_t e) { return e == L || (e + 1 == L && s[L - 1] == U'\n'); };
        auto zone = [&](std::size_t j) -> std::size_t {  // end of a zone at j, or 0
            if (j < L && (s[j] == U'+' || s[j] == U'-') && dd(s, j + 1) && j + 3 < L && s[j + 3] == U':' && dd(s, j + 4)) {
                if (is_end(j + 6)) return j + 6;
            }
            if (j < L && s[j] == U'Z' && is_end(j + 1)) return j + 1;
            return 0;
        };
        for (std::size_t i = 0; i < L; ++i) {
            if (!(s[i] == U'T' && dd(s, i + 1) && i + 3 < L && s[i + 3] == U':' && dd(s, i + 4))) continue;
            std::size_t j = i + 6, end = 0;
            if (j < L && s[j] == U':' && dd(s, j + 1)) end = zone(j + 3);
            if (!end) end = zone(j);
            if (!end) continue;
            s = s.substr(0, i + 6) + s.substr(end);
            break;
        }
        v = encode8(s);
    }
    return v == gold_value;
}

}  // namespace warta::eval
