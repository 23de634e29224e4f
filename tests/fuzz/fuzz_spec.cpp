// libFuzzer target for the spec parser.
//
// Whatever the bytes, parseSpec must return (never throw, crash or trip a sanitizer), and a
// spec it accepts must survive toJson → parseSpec unchanged: same Spec, same text, no
// warnings (toJson writes only properties hako understands). Any broken invariant aborts,
// which libFuzzer reports as a crash and saves the input.
#include "spec.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char *invariant, const std::string &detail)
{
    std::fprintf(stderr, "fuzz_spec: %s\n%s\n", invariant, detail.c_str());
    std::abort();
}

void checkRoundTrip(std::string_view input, hako::ValidateMode mode)
{
    const hako::ParseResult first = hako::parseSpec(input, mode);
    if (!first.ok()) {
        if (first.errors.empty())
            fail("rejected without an error", std::string(input));
        return;
    }
    if (!first.errors.empty())
        fail("accepted with errors", first.errorText());

    const std::string text = hako::toJsonText(*first.spec);
    const hako::ParseResult second = hako::parseSpec(hako::toJson(*first.spec), mode);
    if (!second.ok())
        fail("serialized spec does not parse", second.errorText() + "\n" + text);
    if (!second.warnings.empty())
        fail("serialized spec has unknown properties", text);
    if (!(*second.spec == *first.spec))
        fail("round trip changed the spec", text);
    if (hako::toJsonText(*second.spec) != text)
        fail("round trip changed the text", text + "\n---\n" + hako::toJsonText(*second.spec));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    // The modes differ in which fields are required, so both paths through the rules run.
    checkRoundTrip(input, hako::ValidateMode::Bundle);
    checkRoundTrip(input, hako::ValidateMode::FromImage);
    return 0;
}
