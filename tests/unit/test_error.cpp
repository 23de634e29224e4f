// Context added to an error keeps the kind of error callers act on (the helper maps each kind
// to its D-Bus error name: a cancelled pull must stay Cancelled, a bad blob BadContent).
#include "error.h"

#include <gtest/gtest.h>

#include <string>

using namespace hako;

namespace {

template <typename E>
void expectKeptWithContext()
{
    try {
        try {
            throw E("inner");
        } catch (...) {
            rethrowWithContext("outer");
        }
    } catch (const E &e) {
        EXPECT_EQ(std::string(e.what()), "outer: inner");
        return;
    } catch (...) {
    }
    ADD_FAILURE() << "the error changed kind";
}

} // namespace

TEST(ErrorContext, EveryKindCallersActOnIsKept)
{
    expectKeptWithContext<StateError>();
    expectKeptWithContext<NotFoundError>();
    expectKeptWithContext<SpecError>();
    expectKeptWithContext<ExistsError>();
    expectKeptWithContext<CancelledError>();
    expectKeptWithContext<BadContentError>();
}
