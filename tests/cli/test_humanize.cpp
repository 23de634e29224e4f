// Docker's wording for durations and states.
#include "humanize.h"
#include "signals.h"

#include "qt_print.h"

#include <gtest/gtest.h>

#include <csignal>

using namespace hako::cli;

TEST(Humanize, DurationsAsDocker)
{
    EXPECT_EQ(humanDuration(0), QStringLiteral("Less than a second"));
    EXPECT_EQ(humanDuration(1), QStringLiteral("1 second"));
    EXPECT_EQ(humanDuration(3), QStringLiteral("3 seconds"));
    EXPECT_EQ(humanDuration(60), QStringLiteral("About a minute"));
    EXPECT_EQ(humanDuration(119), QStringLiteral("About a minute"));
    EXPECT_EQ(humanDuration(120), QStringLiteral("2 minutes"));
    EXPECT_EQ(humanDuration(3600), QStringLiteral("About an hour"));
    EXPECT_EQ(humanDuration(3 * 3600), QStringLiteral("3 hours"));
    EXPECT_EQ(humanDuration(3 * 86400), QStringLiteral("3 days"));
    EXPECT_EQ(humanDuration(21 * 86400), QStringLiteral("3 weeks"));
    EXPECT_EQ(humanDuration(90 * 86400), QStringLiteral("3 months"));
    EXPECT_EQ(humanDuration(3 * 365 * 86400), QStringLiteral("3 years"));
}

TEST(Humanize, Status)
{
    const uint64_t now = 1'000'000'000'000'000;
    const uint64_t second = 1'000'000;
    EXPECT_EQ(statusText({QStringLiteral("running"), 0, now - 3 * second, 0}, now), QStringLiteral("Up 3 seconds"));
    EXPECT_EQ(statusText({QStringLiteral("paused"), 0, now - 5 * second, 0}, now), QStringLiteral("Up 5 seconds (Paused)"));
    EXPECT_EQ(statusText({QStringLiteral("stopped"), 137, now - 9 * second, now - 150 * second}, now),
              QStringLiteral("Exited (137) 2 minutes ago"));
    EXPECT_EQ(statusText({QStringLiteral("created"), 0, 0, 0}, now), QStringLiteral("Created"));
    EXPECT_EQ(ago(now - 5 * second, now), QStringLiteral("5 seconds ago"));
    EXPECT_EQ(dockerStateName(QStringLiteral("stopped")), QStringLiteral("exited"));
}

TEST(Humanize, TimesAndText)
{
    EXPECT_EQ(rfc3339(0), QStringLiteral("0001-01-01T00:00:00Z"));
    EXPECT_EQ(rfc3339(1'700'000'000'123'456), QStringLiteral("2023-11-14T22:13:20.123456000Z"));
    EXPECT_EQ(ellipsis(QStringLiteral("sleep 1000000000000000"), 20), QStringLiteral("sleep 1000000000000…"));
    EXPECT_EQ(ellipsis(QStringLiteral("sh"), 20), QStringLiteral("sh"));
    EXPECT_EQ(goQuote(QStringLiteral("sh -c \"x\"")), QStringLiteral("\"sh -c \\\"x\\\"\""));
}

TEST(Signals, NamesAndNumbers)
{
    EXPECT_EQ(parseSignal(QStringLiteral("KILL")), SIGKILL);
    EXPECT_EQ(parseSignal(QStringLiteral("SIGKILL")), SIGKILL);
    EXPECT_EQ(parseSignal(QStringLiteral("sigterm")), SIGTERM);
    EXPECT_EQ(parseSignal(QStringLiteral("hup")), SIGHUP);
    EXPECT_EQ(parseSignal(QStringLiteral("9")), 9);
    EXPECT_EQ(parseSignal(QStringLiteral("RTMIN+2")), 36);
    EXPECT_EQ(parseSignal(QStringLiteral("SIGRTMAX-1")), 63);
    EXPECT_FALSE(parseSignal(QStringLiteral("0")));
    EXPECT_FALSE(parseSignal(QStringLiteral("65")));
    EXPECT_FALSE(parseSignal(QStringLiteral("NOPE")));
    EXPECT_EQ(signalName(SIGKILL), QStringLiteral("KILL"));
}

TEST(Humanize, SizesAsDockerImagesShowsThem)
{
    EXPECT_EQ(humanSize(0), QStringLiteral("0B"));
    EXPECT_EQ(humanSize(999), QStringLiteral("999B"));
    EXPECT_EQ(humanSize(1000), QStringLiteral("1kB"));
    EXPECT_EQ(humanSize(4'261'120), QStringLiteral("4.26MB"));
    EXPECT_EQ(humanSize(72'800'000), QStringLiteral("72.8MB"));
    EXPECT_EQ(humanSize(123'456'789), QStringLiteral("123MB"));
    EXPECT_EQ(humanSize(1'240'000'000), QStringLiteral("1.24GB"));
}
