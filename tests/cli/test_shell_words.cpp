// Shell quoting and splitting: what the create dialog shows must paste into a real shell
// unchanged, and what people type into its command field splits as sh would split it.
#include "shell_words.h"

#include "qt_print.h"

#include <QProcess>

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

const QStringList kTrickyWords = {
    QStringLiteral("plain"),       QString(),
    QStringLiteral("two words"),   QStringLiteral("it's"),
    QStringLiteral("'quoted'"),    QStringLiteral("\"double\""),
    QStringLiteral("$HOME"),       QStringLiteral("`id`"),
    QStringLiteral("back\\slash"), QStringLiteral("a;b&&c|d>e<f"),
    QStringLiteral("*?[x]~"),      QStringLiteral("tab\there"),
    QStringLiteral("new\nline"),   QStringLiteral("KEY=value with spaces"),
    QStringLiteral("--flag=1"),    QStringLiteral("日本語"),
    QStringLiteral("!history"),    QStringLiteral("#comment"),
};

// The words /bin/sh sees when it runs `printf '%s\0' <line>`.
QStringList wordsSeenByShell(const QString &line)
{
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), QStringLiteral("printf '%s\\0' ") + line});
    EXPECT_TRUE(sh.waitForFinished(10000));
    QByteArray out = sh.readAllStandardOutput();
    EXPECT_TRUE(out.endsWith('\0'));
    out.chop(1);
    QStringList words;
    for (const QByteArray &word : out.split('\0'))
        words.append(QString::fromUtf8(word));
    return words;
}

QStringList split(const char *text)
{
    QString error;
    const auto words = shellSplit(QString::fromUtf8(text), &error);
    EXPECT_TRUE(words) << error.toStdString();
    return words.value_or(QStringList{QStringLiteral("<error>")});
}

} // namespace

TEST(ShellWords, QuoteOnlyWhatNeedsIt)
{
    EXPECT_EQ(shellQuote(QStringLiteral("busybox")), QStringLiteral("busybox"));
    EXPECT_EQ(shellQuote(QStringLiteral("A=1")), QStringLiteral("A=1"));
    EXPECT_EQ(shellQuote(QStringLiteral("/srv/app")), QStringLiteral("/srv/app"));
    EXPECT_EQ(shellQuote(QString()), QStringLiteral("''"));
    EXPECT_EQ(shellQuote(QStringLiteral("echo hi")), QStringLiteral("'echo hi'"));
    EXPECT_EQ(shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
}

TEST(ShellWords, RealShellReadsBackTheSameWords)
{
    EXPECT_EQ(wordsSeenByShell(shellJoin(kTrickyWords)), kTrickyWords);
}

TEST(ShellWords, SplitReadsBackTheSameWords)
{
    QString error;
    const auto words = shellSplit(shellJoin(kTrickyWords), &error);
    ASSERT_TRUE(words) << error.toStdString();
    EXPECT_EQ(*words, kTrickyWords);
}

TEST(ShellWords, SplitsAsShDoes)
{
    const char *const lines[] = {
        R"(sh -c "echo \"hi there\"; echo \$HOME")",
        R"(echo 'single "kept"' a\ b "" x)",
        R"(  spaced   out  )",
        R"(mixed"quo"'tes'\!)",
        R"("back\slash stays" 'and\here')",
    };
    for (const char *line : lines)
        EXPECT_EQ(split(line), wordsSeenByShell(QString::fromUtf8(line))) << line;
}

TEST(ShellWords, SplitErrors)
{
    QString error;
    EXPECT_FALSE(shellSplit(QStringLiteral("echo 'open"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("single quote"))) << error.toStdString();
    EXPECT_FALSE(shellSplit(QStringLiteral("echo \"open"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("double quote"))) << error.toStdString();
    EXPECT_FALSE(shellSplit(QStringLiteral("trailing\\"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("backslash"))) << error.toStdString();
    EXPECT_EQ(split(""), QStringList());
}
