// The Go-template subset of `inspect -f` and `ps --format`, over docker-shaped JSON.
#include "gotemplate.h"

#include <QJsonArray>
#include <QJsonObject>

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace {

QJsonObject sample()
{
    return QJsonObject{
        {QStringLiteral("Name"), QStringLiteral("/web")},
        {QStringLiteral("State"), QJsonObject{{QStringLiteral("Pid"), 4242}, {QStringLiteral("Running"), true},
                                             {QStringLiteral("Status"), QStringLiteral("running")}}},
        {QStringLiteral("Config"), QJsonObject{{QStringLiteral("Env"), QJsonArray{QStringLiteral("A=1"), QStringLiteral("B=2")}}}},
        {QStringLiteral("NetworkSettings"), QJsonObject{{QStringLiteral("Networks"), QJsonObject{}}}},
    };
}

std::string render(const char *format, QString *error = nullptr)
{
    QString ignored;
    const auto text = renderTemplate(QString::fromUtf8(format), sample(), error ? error : &ignored);
    return text ? text->toStdString() : "<error>";
}

} // namespace

TEST(GoTemplate, FieldPathsAndLiteralText)
{
    EXPECT_EQ(render("{{.State.Pid}}"), "4242");
    EXPECT_EQ(render("{{.Name}}"), "/web");
    EXPECT_EQ(render("pid={{ .State.Pid }} running={{.State.Running}}!"), "pid=4242 running=true!");
    EXPECT_EQ(render("{{.NetworkSettings.Networks}}"), "map[]");
    EXPECT_EQ(render("{{.Config.Env}}"), "[A=1 B=2]");
    EXPECT_EQ(render("{{.State}}"), "map[Pid:4242 Running:true Status:running]");
}

TEST(GoTemplate, Functions)
{
    EXPECT_EQ(render("{{json .State}}"), R"({"Pid":4242,"Running":true,"Status":"running"})");
    EXPECT_EQ(render("{{json .Name}}"), R"("/web")");
    EXPECT_EQ(render("{{.State | json}}"), R"({"Pid":4242,"Running":true,"Status":"running"})");
    EXPECT_EQ(render("{{upper .State.Status}}"), "RUNNING");
    EXPECT_EQ(render("{{index .Config.Env 1}}"), "B=2");
    EXPECT_EQ(render("{{index .State \"Status\"}}"), "running");
    EXPECT_EQ(render("{{join .Config.Env \",\"}}"), "A=1,B=2");
    EXPECT_EQ(render("{{len .Config.Env}}"), "2");
}

TEST(GoTemplate, TrimMarkers)
{
    EXPECT_EQ(render("a   {{- .State.Pid -}}   b"), "a4242b");
}

TEST(GoTemplate, Errors)
{
    QString error;
    EXPECT_EQ(render("{{.State.Nope}}", &error), "<error>");
    EXPECT_TRUE(error.contains(QStringLiteral("Nope")));
    EXPECT_EQ(render("{{.State.Pid", &error), "<error>");
    EXPECT_TRUE(error.contains(QStringLiteral("unclosed")));
    EXPECT_EQ(render("{{frobnicate .Name}}", &error), "<error>");
    EXPECT_TRUE(error.contains(QStringLiteral("not defined")));
}

TEST(GoTemplate, EscapesFromTheShell)
{
    EXPECT_EQ(unescapeFormat(QStringLiteral("{{.ID}}\\t{{.Names}}\\n")), QStringLiteral("{{.ID}}\t{{.Names}}\n"));
}
