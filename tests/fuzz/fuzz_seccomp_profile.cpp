// libFuzzer target for the Docker-format seccomp profile parser (--security-opt seccomp=FILE
// reads files a user chose, and the helper parses them as root).
//
// Whatever the bytes, seccompFromProfile must return (never throw, crash or trip a
// sanitizer); it rejects with at least one error or accepts with none; the capability set
// decides which rules apply but never whether the profile is valid; and what it accepts is
// a linux.seccomp the spec validator accepts too. Any broken invariant aborts, which
// libFuzzer reports as a crash and saves the input.
#include "seccomp_profile.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char *invariant, const std::string &detail)
{
    std::fprintf(stderr, "fuzz_seccomp_profile: %s\n%s\n", invariant, detail.c_str());
    std::abort();
}

void checkConsistent(const hako::SeccompProfileResult &result, std::string_view input)
{
    if (!result.seccomp && result.errors.empty())
        fail("rejected without an error", std::string(input));
    if (result.seccomp && !result.errors.empty())
        fail("accepted with errors", result.errorText());
}

// The parser's rules for actions, operators and argument indices are the validator's.
void checkValidatorAgrees(const hako::Seccomp &seccomp)
{
    hako::Spec spec;
    spec.linux.seccomp = seccomp;
    for (const hako::SpecIssue &issue : hako::validateSpec(spec))
        if (issue.path.starts_with("linux.seccomp"))
            fail("accepted profile fails spec validation", issue.text());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const auto none = hako::seccompFromProfile(input, {});
    const auto all = hako::seccompFromProfile(input, hako::capabilityNames());
    checkConsistent(none, input);
    checkConsistent(all, input);
    if (none.errorText() != all.errorText())
        fail("the capabilities changed the errors", none.errorText() + "\n---\n" + all.errorText());
    if (none.seccomp)
        checkValidatorAgrees(*none.seccomp);
    if (all.seccomp)
        checkValidatorAgrees(*all.seccomp);
    return 0;
}
