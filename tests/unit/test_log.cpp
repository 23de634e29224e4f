#include "engine.h"
#include "fs.h"
#include "log.h"

#include <gtest/gtest.h>

#include <sstream>
#include <unistd.h>

using namespace hako;

namespace {

class LogTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        char tmpl[] = "/tmp/hako-log-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        path_ = dir_ + "/log";
    }
    void TearDown() override { removeTree(dir_); }

    std::vector<LogLine> parsed()
    {
        std::vector<LogLine> lines;
        std::istringstream in(readFile(path_));
        for (std::string raw; std::getline(in, raw);) {
            auto line = parseLogLine(raw);
            EXPECT_TRUE(line.has_value()) << raw;
            if (line)
                lines.push_back(*line);
        }
        return lines;
    }

    std::string dir_, path_;
};

} // namespace

TEST_F(LogTest, EveryLineCarriesTimeAndStream)
{
    LogWriter log(path_);
    const int64_t before = nowUnixNanos();
    log.append("stdout", "one\ntwo\n");
    log.append("stderr", "oops\n");
    const auto lines = parsed();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].text, "one");
    EXPECT_EQ(lines[1].text, "two");
    EXPECT_EQ(lines[2].text, "oops");
    EXPECT_EQ(lines[0].stream, "stdout");
    EXPECT_EQ(lines[2].stream, "stderr");
    EXPECT_GE(lines[0].time, before - 1000); // the format keeps nanoseconds
    EXPECT_LE(lines[0].time, lines[2].time);
    EXPECT_FALSE(lines[0].partial);
}

TEST_F(LogTest, LinesSplitAcrossReadsAreJoined)
{
    LogWriter log(path_);
    log.append("stdout", "hel");
    log.append("stderr", "err");
    log.append("stdout", "lo\n");
    log.append("stderr", "or\n");
    const auto lines = parsed();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].text, "hello");
    EXPECT_EQ(lines[1].text, "error");
}

TEST_F(LogTest, LongLinesBecomePartialPieces)
{
    LogWriter log(path_);
    const std::string longLine(LogWriter::kMaxLine * 2 + 10, 'x');
    log.append("stdout", longLine + "\n");
    const auto lines = parsed();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_TRUE(lines[0].partial);
    EXPECT_TRUE(lines[1].partial);
    EXPECT_FALSE(lines[2].partial);
    EXPECT_EQ(lines[0].text + lines[1].text + lines[2].text, longLine);
}

TEST_F(LogTest, UnterminatedOutputIsFlushedAsPartial)
{
    {
        LogWriter log(path_);
        log.append("stdout", "no newline");
        log.flush("stdout");
    }
    const auto lines = parsed();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].text, "no newline");
    EXPECT_TRUE(lines[0].partial);
}

TEST_F(LogTest, EmptyLinesAndOddBytesSurvive)
{
    const std::string odd = std::string("\tcol") + '\x01' + "umn \xe4\xbd\xa0\xe5\xa5\xbd";
    LogWriter log(path_);
    log.append("stdout", "\n" + odd + "\n");
    const auto lines = parsed();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].text, "");
    EXPECT_EQ(lines[1].text, odd);
}

TEST(LogFormat, TimestampsRoundTrip)
{
    const int64_t t = 1795499578123456789; // 2026-11-24T05:52:58.123456789Z
    EXPECT_EQ(formatTimestamp(t), "2026-11-24T05:52:58.123456789Z");
    const auto line = parseLogLine(formatTimestamp(t) + " stdout F hi");
    ASSERT_TRUE(line);
    EXPECT_EQ(line->time, t);
}

TEST(LogFormat, GarbageIsRejectedNotMisread)
{
    EXPECT_FALSE(parseLogLine(""));
    EXPECT_FALSE(parseLogLine("hello world"));
    EXPECT_FALSE(parseLogLine("2026-11-24 stdout F x"));
}
