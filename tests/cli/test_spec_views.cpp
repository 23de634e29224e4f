// The spec built from run's flags, and what ps/inspect/logs print.
#include "spec_builder.h"
#include "views.h"

#include "spec.h"

#include <QJsonArray>

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace {

std::optional<QString> fakeEnv(const QString &name)
{
    if (name == QLatin1String("HOME"))
        return QStringLiteral("/home/me");
    return std::nullopt;
}

} // namespace

TEST(SpecBuilder, FlagsReachTheSpec)
{
    ContainerOptions options;
    options.env = {QStringLiteral("A=1"), QStringLiteral("HOME"), QStringLiteral("UNSET"), QStringLiteral("A=2")};
    options.workdir = QStringLiteral("/srv");
    options.hostname = QStringLiteral("box");
    options.user = QStringLiteral("1000:100");
    options.tty = true;
    options.size = TerminalSize{40, 120};
    options.command = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hi")};
    QString error;
    const auto json = buildSpecJson(options, fakeEnv, &error);
    ASSERT_TRUE(json) << error.toStdString();
    const auto parsed = hako::parseSpec(*json, hako::ValidateMode::FromImage);
    ASSERT_TRUE(parsed.ok()) << parsed.errorText();
    const hako::Process &p = parsed.spec->process;
    EXPECT_EQ(p.args, (std::vector<std::string>{"sh", "-c", "echo hi"}));
    EXPECT_EQ(p.cwd, "/srv");
    EXPECT_EQ(p.user.uid, 1000u);
    EXPECT_EQ(p.user.gid, 100u);
    EXPECT_TRUE(p.terminal);
    ASSERT_TRUE(p.consoleSize);
    EXPECT_EQ(p.consoleSize->height, 40u);
    EXPECT_EQ(p.consoleSize->width, 120u);
    EXPECT_EQ(parsed.spec->hostname, "box");
    auto has = [&](const std::string &e) { return std::find(p.env.begin(), p.env.end(), e) != p.env.end(); };
    EXPECT_TRUE(has("A=2"));
    EXPECT_FALSE(has("A=1"));
    EXPECT_TRUE(has("HOME=/home/me"));
    EXPECT_TRUE(has("TERM=xterm"));
}

TEST(SpecBuilder, EmptyCommandLeavesItToTheImage)
{
    QString error;
    const auto json = buildSpecJson(ContainerOptions{}, fakeEnv, &error);
    ASSERT_TRUE(json);
    EXPECT_TRUE(hako::parseSpec(*json, hako::ValidateMode::FromImage).spec->process.args.empty());
}

TEST(SpecBuilder, Errors)
{
    QString error;
    ContainerOptions options;
    options.user = QStringLiteral("alice:staff:extra");
    EXPECT_FALSE(buildSpecJson(options, fakeEnv, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("NAME[:GROUP]"))) << error.toStdString();
    options.user = QStringLiteral("alice:staff");
    const auto named = buildSpecJson(options, fakeEnv, &error);
    ASSERT_TRUE(named) << error.toStdString();
    // Names are looked up in the image when it starts: the spec carries the text.
    EXPECT_EQ(hako::parseSpec(*named, hako::ValidateMode::FromImage).spec->annotations.at("org.hako.user"),
              "alice:staff");
    options.user.clear();
    options.workdir = QStringLiteral("relative");
    EXPECT_FALSE(buildSpecJson(options, fakeEnv, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("absolute")));
}

TEST(SpecBuilder, EnvFile)
{
    QString error;
    const auto env = parseEnvFile(QStringLiteral("# comment\n\nA=1\n  B=two words\r\nHOME\nUNSET\n"), fakeEnv, &error);
    ASSERT_TRUE(env);
    EXPECT_EQ(*env, (QStringList{QStringLiteral("A=1"), QStringLiteral("B=two words"), QStringLiteral("HOME=/home/me")}));
    EXPECT_FALSE(parseEnvFile(QStringLiteral("BAD NAME=1\n"), fakeEnv, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("whitespaces")));
}

TEST(Views, PsRowAndTable)
{
    const uint64_t now = 2'000'000'000'000'000;
    const QVariantMap entry{{QStringLiteral("Id"), QStringLiteral("0123456789abcdef0123")},
                            {QStringLiteral("Name"), QStringLiteral("web")},
                            {QStringLiteral("Image"), QStringLiteral("busybox")},
                            {QStringLiteral("Command"), QStringLiteral("sleep 1000000000000000")},
                            {QStringLiteral("State"), QStringLiteral("running")},
                            {QStringLiteral("CreatedUsec"), QVariant::fromValue<qulonglong>(now - 10'000'000)},
                            {QStringLiteral("StartedUsec"), QVariant::fromValue<qulonglong>(now - 3'000'000)}};
    const QJsonObject row = psRow(entry, false, now);
    EXPECT_EQ(row.value(QStringLiteral("ID")).toString(), QStringLiteral("0123456789ab"));
    EXPECT_EQ(row.value(QStringLiteral("Command")).toString(), QStringLiteral("\"sleep 1000000000000…\""));
    EXPECT_EQ(row.value(QStringLiteral("Status")).toString(), QStringLiteral("Up 3 seconds"));
    EXPECT_EQ(row.value(QStringLiteral("RunningFor")).toString(), QStringLiteral("10 seconds ago"));
    QString error;
    const auto table = renderRows(QStringLiteral("table {{.ID}}\\t{{.Names}}"), psHeaders(), {row}, &error);
    ASSERT_TRUE(table);
    EXPECT_EQ(*table, QStringLiteral("CONTAINER ID   NAMES\n0123456789ab   web\n"));
    const auto plain = renderRows(QStringLiteral("{{.Names}}: {{.Status}}"), psHeaders(), {row}, &error);
    EXPECT_EQ(*plain, QStringLiteral("web: Up 3 seconds\n"));
}

TEST(Views, InspectObject)
{
    const QVariantMap container{{QStringLiteral("Id"), QStringLiteral("abc")},
                                {QStringLiteral("Name"), QStringLiteral("web")},
                                {QStringLiteral("State"), QStringLiteral("stopped")},
                                {QStringLiteral("ExitSignal"), 9},
                                {QStringLiteral("HostPid"), 77},
                                {QStringLiteral("Spec"), QString::fromStdString(hako::toJsonText(hako::defaultSpec()))}};
    const QJsonObject object = inspectObject(container);
    EXPECT_EQ(object.value(QStringLiteral("Name")).toString(), QStringLiteral("/web"));
    const QJsonObject state = object.value(QStringLiteral("State")).toObject();
    EXPECT_EQ(state.value(QStringLiteral("Status")).toString(), QStringLiteral("exited"));
    EXPECT_EQ(state.value(QStringLiteral("ExitCode")).toInt(), 137);
    EXPECT_EQ(state.value(QStringLiteral("Pid")).toInt(), 0); // docker shows 0 once stopped
    EXPECT_EQ(state.value(QStringLiteral("FinishedAt")).toString(), QStringLiteral("0001-01-01T00:00:00Z"));
    EXPECT_TRUE(object.value(QStringLiteral("NetworkSettings")).toObject().value(QStringLiteral("Networks")).isObject());
    EXPECT_FALSE(object.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Env")).toArray().isEmpty());
}

TEST(Views, CriLines)
{
    const auto record = parseCriLine("2026-11-24T05:52:58.123456789Z stderr F oops: x y");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->stream, QStringLiteral("stderr"));
    EXPECT_EQ(record->text, QByteArray("oops: x y"));
    EXPECT_FALSE(record->partial);
    const auto empty = parseCriLine("2026-11-24T05:52:58.123456789Z stdout F");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->text.isEmpty());
    EXPECT_TRUE(parseCriLine("2026 stdout P part")->partial);
    EXPECT_FALSE(parseCriLine("garbage"));
}
