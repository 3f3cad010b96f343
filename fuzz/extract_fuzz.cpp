// libFuzzer target: Extractor::extract on arbitrary bytes.  Checks the
// offset contract (input.substr(start, end - start) == text for every span)
// and that to_json does not fail; sanitizers catch the rest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include <warta/warta.hpp>

namespace {

[[noreturn]] void fail(const char* what, std::size_t start, std::size_t end) {
    std::fprintf(stderr, "extract_fuzz: %s span [%zu, %zu) breaks the offset contract\n", what, start, end);
    std::abort();
}

void check(std::string_view in, const warta::Span& s, const char* what) {
    if (s.start > s.end || s.end > in.size() || in.substr(s.start, s.end - s.start) != s.text)
        fail(what, s.start, s.end);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const warta::Extractor ex;
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    warta::DocumentOptions o;
    o.id = "fuzz";
    o.keep_tokens = true;
    o.explain = size % 2 == 0;  // both paths, deterministically per input
    const warta::Document d = ex.extract(in, o);
    for (const auto& s : d.sentences)
        if (s.start > s.end || s.end > in.size()) fail("sentence", s.start, s.end);
    for (const auto& m : d.mentions) check(in, m.span, "mention");
    for (const auto& t : d.tokens)
        if (t.start > t.end || t.end > in.size() || in.substr(t.start, t.end - t.start) != t.text)
            fail("token", t.start, t.end);
    for (const auto& e : d.events) {
        check(in, e.trigger, "event trigger");
        for (const auto& a : e.args) check(in, a.span, "event argument");
    }
    for (const auto& r : d.rejected) check(in, r.span, "rejected");
    for (const auto& b : d.boilerplate)
        if (b.start > b.end || b.end > in.size()) fail("boilerplate", b.start, b.end);
    warta::JsonOptions jo;
    jo.explain = o.explain;
    jo.tokens = true;
    const std::string json = warta::to_json(d, jo);
    if (json.empty() || json.front() != '{') std::abort();
    return 0;
}
