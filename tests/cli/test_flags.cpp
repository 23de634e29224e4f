// Docker's command lines, parsed as docker parses them.
#include "command_defs.h"

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace {

std::optional<ParsedArgs> parse(const char *command, QStringList args, QString *error)
{
    return FlagParser(*findCommandDef(QLatin1String(command))).parse(args, error);
}

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

TEST(Flags, RunClustersAndStopsAtTheImage)
{
    QString error;
    const auto args = parse("run", words("-it --rm --name web -e A=1 -eB=2 --env=C=3 busybox sh -c -x"), &error);
    ASSERT_TRUE(args) << error.toStdString();
    EXPECT_TRUE(args->boolean(QStringLiteral("interactive")));
    EXPECT_TRUE(args->boolean(QStringLiteral("tty")));
    EXPECT_TRUE(args->boolean(QStringLiteral("rm")));
    EXPECT_FALSE(args->boolean(QStringLiteral("detach")));
    EXPECT_EQ(args->value(QStringLiteral("name")), QStringLiteral("web"));
    EXPECT_EQ(args->values(QStringLiteral("env")), words("A=1 B=2 C=3"));
    // -c and -x belong to the container's command, not to hakoctl.
    EXPECT_EQ(args->positional, words("busybox sh -c -x"));
}

TEST(Flags, InterspersedForOtherCommands)
{
    QString error;
    const auto args = parse("stop", words("a -t 3 b --time=4 c"), &error);
    ASSERT_TRUE(args);
    EXPECT_EQ(args->positional, words("a b c"));
    EXPECT_EQ(args->integer(QStringLiteral("time")), 4);
}

TEST(Flags, DefaultsAndDoubleDash)
{
    QString error;
    const auto args = parse("stop", words("-- -weird"), &error);
    ASSERT_TRUE(args);
    EXPECT_EQ(args->integer(QStringLiteral("time")), 10);
    EXPECT_FALSE(args->isSet(QStringLiteral("time")));
    EXPECT_EQ(args->positional, words("-weird"));
}

TEST(Flags, DockerErrors)
{
    QString error;
    EXPECT_FALSE(parse("ps", words("--foo"), &error));
    EXPECT_EQ(error, QStringLiteral("unknown flag: --foo"));
    EXPECT_FALSE(parse("ps", words("-x"), &error));
    EXPECT_EQ(error, QStringLiteral("unknown shorthand flag: 'x' in -x"));
    EXPECT_FALSE(parse("stop", words("-t abc x"), &error));
    EXPECT_EQ(error, QStringLiteral("invalid argument \"abc\" for \"-t, --time\" flag: not an integer"));
    EXPECT_FALSE(parse("run", words("busybox --name"), &error) && false);
    EXPECT_FALSE(parse("run", words("--name"), &error));
    EXPECT_EQ(error, QStringLiteral("flag needs an argument: --name"));
    EXPECT_FALSE(parse("run", words("-e"), &error));
    EXPECT_EQ(error, QStringLiteral("flag needs an argument: 'e' in -e"));
    EXPECT_FALSE(parse("stop", {}, &error));
    EXPECT_EQ(error, QStringLiteral("\"hakoctl stop\" requires at least 1 argument"));
    EXPECT_FALSE(parse("ps", words("extra"), &error));
    EXPECT_EQ(error, QStringLiteral("\"hakoctl ps\" accepts no arguments"));
    EXPECT_FALSE(parse("exec", words("box"), &error));
    EXPECT_EQ(error, QStringLiteral("\"hakoctl exec\" requires at least 2 arguments"));
}

TEST(Flags, BoolValuesAndHelp)
{
    QString error;
    auto args = parse("rm", words("--force=false x"), &error);
    ASSERT_TRUE(args);
    EXPECT_FALSE(args->boolean(QStringLiteral("force")));
    EXPECT_FALSE(parse("rm", words("--force=maybe x"), &error));
    args = parse("rm", words("--help"), &error);
    ASSERT_TRUE(args); // --help needs no container
    EXPECT_TRUE(args->help);
    EXPECT_TRUE(helpText(*findCommandDef(QStringLiteral("rm"))).contains(QStringLiteral("-f, --force")));
}

TEST(Flags, ExecAndLogsShortValues)
{
    QString error;
    auto args = parse("exec", words("-it -u 1000:1000 -w /tmp box sh -l"), &error);
    ASSERT_TRUE(args) << error.toStdString();
    EXPECT_EQ(args->value(QStringLiteral("user")), QStringLiteral("1000:1000"));
    EXPECT_EQ(args->positional, words("box sh -l"));
    args = parse("logs", words("-n5 -ft box"), &error);
    ASSERT_TRUE(args) << error.toStdString();
    EXPECT_EQ(args->value(QStringLiteral("tail")), QStringLiteral("5"));
    args = parse("logs", words("-ft --tail 5 box"), &error);
    ASSERT_TRUE(args);
    EXPECT_TRUE(args->boolean(QStringLiteral("follow")));
    EXPECT_TRUE(args->boolean(QStringLiteral("timestamps")));
}
