// The namespace flags (--pid, --network/--net, --ipc, --uts, --cgroupns) in Docker's forms,
// what they put in the spec, and the problems the spec builder reports field by field.
#include "command_defs.h"
#include "spec_builder.h"
#include "views.h"

#include "spec.h"

#include "qt_print.h"

#include <QJsonObject>

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

const QString kTargetId =
    QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

std::optional<QString> noEnv(const QString &)
{
    return std::nullopt;
}

hako::Spec build(const ContainerOptions &options)
{
    QString error;
    const auto json = buildSpecJson(options, noEnv, &error);
    EXPECT_TRUE(json) << error.toStdString();
    const auto parsed = hako::parseSpec(json.value_or("{}"), hako::ValidateMode::FromImage);
    EXPECT_TRUE(parsed.ok()) << parsed.errorText();
    return parsed.spec.value_or(hako::Spec{});
}

std::optional<NamespaceChoices> fromFlags(const char *line, QString *error)
{
    const QStringList words = QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto args = FlagParser(*findCommandDef(QStringLiteral("run"))).parse(words, error);
    if (!args)
        return std::nullopt;
    return namespaceChoicesFromArgs(*args, error);
}

QStringList problemPaths(const BuiltSpec &built)
{
    QStringList paths;
    for (const SpecProblem &problem : built.problems)
        paths.append(problem.path);
    return paths;
}

} // namespace

TEST(NamespaceFlags, DockerForms)
{
    QString error;
    const auto choices = fromFlags("--pid host --net container:web --ipc private --uts host "
                                   "--cgroupns host busybox",
                                   &error);
    ASSERT_TRUE(choices) << error.toStdString();
    EXPECT_EQ(choices->at(NamespaceKind::Pid).mode, NamespaceMode::Host);
    EXPECT_EQ(choices->at(NamespaceKind::Network).mode, NamespaceMode::Container);
    EXPECT_EQ(choices->at(NamespaceKind::Network).container, QStringLiteral("web"));
    EXPECT_EQ(choices->at(NamespaceKind::Ipc).mode, NamespaceMode::Private);
    EXPECT_EQ(choices->at(NamespaceKind::Uts).mode, NamespaceMode::Host);
    EXPECT_EQ(choices->at(NamespaceKind::Cgroup).mode, NamespaceMode::Host);

    const auto none =
        fromFlags("--network none --ipc shareable --cgroupns private busybox", &error);
    ASSERT_TRUE(none) << error.toStdString();
    for (const auto &[kind, choice] : *none)
        EXPECT_EQ(choice.mode, NamespaceMode::Private);
    // --network wins over its alias --net.
    const auto both = fromFlags("--net host --network none busybox", &error);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->at(NamespaceKind::Network).mode, NamespaceMode::Private);
    EXPECT_TRUE(fromFlags("busybox", &error)->empty());
    // bridge and a user network's name: a network namespace of the container's own.
    for (const char *line : {"--network bridge busybox", "--net my-net_1.a busybox"}) {
        const auto bridge = fromFlags(line, &error);
        ASSERT_TRUE(bridge) << line << ": " << error.toStdString();
        EXPECT_EQ(bridge->at(NamespaceKind::Network).mode, NamespaceMode::Private) << line;
    }
}

TEST(NamespaceFlags, RefusedValuesSayWhy)
{
    QString error;
    EXPECT_FALSE(fromFlags("--network bad/name busybox", &error));
    EXPECT_TRUE(error.contains(QStringLiteral(
        "--network: invalid value \"bad/name\" (allowed: bridge, NETWORK, host, container:NAME, none)")))
        << error.toStdString();
    EXPECT_FALSE(fromFlags("--uts container:web busybox", &error));
    EXPECT_TRUE(
        error.contains(QStringLiteral("--uts: invalid value \"container:web\" (allowed: host)")))
        << error.toStdString();
    EXPECT_FALSE(fromFlags("--cgroupns container:web busybox", &error));
    EXPECT_TRUE(error.contains(QStringLiteral("allowed: host, private"))) << error.toStdString();
    EXPECT_FALSE(fromFlags("--pid private busybox", &error));
    EXPECT_TRUE(error.contains(QStringLiteral("allowed: host, container:NAME")))
        << error.toStdString();
    EXPECT_FALSE(fromFlags("--ipc container: busybox", &error));
    EXPECT_TRUE(error.contains(QStringLiteral("needs the name or id"))) << error.toStdString();
}

TEST(NamespaceFlags, ValuesRoundTrip)
{
    for (const NamespaceFlag &flag : namespaceFlags()) {
        std::vector<NamespaceChoice> choices = {{NamespaceMode::Host, {}, {}}};
        if (flag.canJoinContainer)
            choices.push_back({NamespaceMode::Container, QStringLiteral("web"), {}});
        for (const NamespaceChoice &choice : choices) {
            QString error;
            const auto parsed = parseNamespaceFlag(flag.kind, namespaceFlagValue(choice), &error);
            ASSERT_TRUE(parsed) << error.toStdString();
            EXPECT_EQ(*parsed, choice) << flag.flag.toStdString();
        }
        EXPECT_TRUE(namespaceFlagValue(NamespaceChoice{}).isEmpty());
    }
}

TEST(SpecBuilder, NamespaceChoicesReachTheSpec)
{
    ContainerOptions options;
    options.namespaces[NamespaceKind::Pid] = {NamespaceMode::Host, {}, {}};
    options.namespaces[NamespaceKind::Network] = {NamespaceMode::Container, QStringLiteral("web"),
                                                  kTargetId};
    options.namespaces[NamespaceKind::Ipc] = {NamespaceMode::Container, QStringLiteral("web"),
                                              kTargetId};
    options.namespaces[NamespaceKind::Cgroup] = {NamespaceMode::Host, {}, {}};
    const hako::Spec spec = build(options);
    EXPECT_FALSE(spec.hasNamespace(hako::NamespaceType::Pid));
    EXPECT_FALSE(spec.hasNamespace(hako::NamespaceType::Cgroup));
    // Joined ones keep their entry, without a path: the engine resolves it at each start.
    ASSERT_TRUE(spec.hasNamespace(hako::NamespaceType::Network));
    EXPECT_TRUE(spec.findNamespace(hako::NamespaceType::Network)->path.empty());
    EXPECT_EQ(spec.annotations.at("org.hako.namespace.network"),
              "container:" + kTargetId.toStdString());
    EXPECT_EQ(spec.annotations.at("org.hako.namespace.ipc"),
              "container:" + kTargetId.toStdString());
    EXPECT_TRUE(spec.hasNamespace(hako::NamespaceType::Uts));
    EXPECT_TRUE(spec.hasNamespace(hako::NamespaceType::Mount));
    EXPECT_FALSE(spec.hasNamespace(hako::NamespaceType::User));
    EXPECT_EQ(spec.annotations.size(), 2u);
}

TEST(SpecBuilder, ProblemsNameTheirField)
{
    ContainerOptions options;
    options.workdir = QStringLiteral("relative");
    options.user = QStringLiteral("alice:staff:extra");
    options.hostname = QStringLiteral("not valid!");
    options.env = {QStringLiteral("GOOD=1"), QStringLiteral("=orphan")};
    options.namespaces[NamespaceKind::Network] = {
        NamespaceMode::Container, QStringLiteral("web"), {}};
    const BuiltSpec built = buildSpec(options, noEnv);
    EXPECT_FALSE(built.json);
    const QStringList paths = problemPaths(built);
    EXPECT_TRUE(paths.contains(QStringLiteral("process.cwd")))
        << paths.join(QStringLiteral(", ")).toStdString();
    EXPECT_TRUE(paths.contains(QStringLiteral("process.user")))
        << paths.join(QStringLiteral(", ")).toStdString();
    EXPECT_TRUE(paths.contains(QStringLiteral("hostname")))
        << paths.join(QStringLiteral(", ")).toStdString();
    EXPECT_TRUE(paths.contains(joinAnnotationPath(NamespaceKind::Network)))
        << paths.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(joinAnnotationPath(NamespaceKind::Network),
              QStringLiteral("annotations[\"org.hako.namespace.network\"]"));
    // The env problem carries the entry, so a form can find the row it came from.
    const auto env =
        std::find_if(built.problems.begin(), built.problems.end(), [](const SpecProblem &p) {
            return p.path.startsWith(QStringLiteral("process.env["));
        });
    ASSERT_NE(env, built.problems.end()) << paths.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(env->value, QStringLiteral("=orphan"));
    EXPECT_EQ(env->message, QStringLiteral("must be KEY=value"));
    // One problem per field: the builder's own and core's rule about the same field are not both
    // shown.
    EXPECT_EQ(paths.count(QStringLiteral("process.cwd")), 1)
        << paths.join(QStringLiteral(", ")).toStdString();
}

TEST(SpecBuilder, HostnameNeedsTheContainersOwnUts)
{
    ContainerOptions options;
    options.hostname = QStringLiteral("box");
    options.namespaces[NamespaceKind::Uts] = {NamespaceMode::Host, {}, {}};
    const BuiltSpec built = buildSpec(options, noEnv);
    ASSERT_EQ(built.problems.size(), 1);
    EXPECT_EQ(built.problems[0].path, QStringLiteral("hostname"));
    EXPECT_EQ(built.problems[0].message, QStringLiteral("requires a new uts namespace"));
    options.hostname.clear();
    EXPECT_TRUE(buildSpec(options, noEnv).json);
}

TEST(Views, InspectShowsDockersNamespaceModes)
{
    ContainerOptions options;
    options.namespaces[NamespaceKind::Pid] = {NamespaceMode::Host, {}, {}};
    options.namespaces[NamespaceKind::Network] = {NamespaceMode::Container, QStringLiteral("web"),
                                                  kTargetId};
    QString error;
    const auto json = buildSpecJson(options, noEnv, &error);
    ASSERT_TRUE(json) << error.toStdString();
    const QVariantMap container{{QStringLiteral("Spec"), QString::fromStdString(*json)}};
    const QJsonObject host =
        inspectObject(container).value(QStringLiteral("HostConfig")).toObject();
    EXPECT_EQ(host.value(QStringLiteral("NetworkMode")).toString(),
              QStringLiteral("container:") + kTargetId);
    EXPECT_EQ(host.value(QStringLiteral("PidMode")).toString(), QStringLiteral("host"));
    EXPECT_EQ(host.value(QStringLiteral("IpcMode")).toString(), QStringLiteral("private"));
    EXPECT_EQ(host.value(QStringLiteral("UTSMode")).toString(), QString());
    EXPECT_EQ(host.value(QStringLiteral("CgroupnsMode")).toString(), QStringLiteral("private"));
}
