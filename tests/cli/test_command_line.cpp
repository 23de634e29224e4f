// The hakoctl command line the create dialog shows: rendered from the same options as the
// spec, quoted for a shell, and read back by hakoctl's own parser to the same options.
#include "command_defs.h"
#include "command_line.h"
#include "shell_words.h"

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

// What hakoctl would build from `line`: split as a shell does, parsed with run's flags.
CommandLineRequest readBack(const QString &line)
{
    QString error;
    const auto words = shellSplit(line, &error);
    EXPECT_TRUE(words) << error.toStdString();
    EXPECT_EQ(words->mid(0, 1), QStringList{QStringLiteral("hakoctl")});
    const QString verb = words->value(1);
    const auto args = FlagParser(*findCommandDef(verb)).parse(words->mid(2), &error);
    EXPECT_TRUE(args) << error.toStdString();
    CommandLineRequest back;
    back.verb = verb;
    back.name = args->value(QStringLiteral("name"));
    back.detach = args->boolean(QStringLiteral("detach"));
    back.autoRemove = args->boolean(QStringLiteral("rm"));
    back.image = args->positional.value(0);
    back.options.command = args->positional.mid(1);
    back.options.env = args->values(QStringLiteral("env"));
    back.options.workdir = args->value(QStringLiteral("workdir"));
    back.options.hostname = args->value(QStringLiteral("hostname"));
    back.options.user = args->value(QStringLiteral("user"));
    back.options.namespaces = namespaceChoicesFromArgs(*args, &error).value_or(NamespaceChoices{});
    const auto resources = resourceOptionsFromArgs(*args, &error);
    EXPECT_TRUE(resources) << error.toStdString();
    back.options.resources = resources.value_or(ResourceOptions{});
    return back;
}

CommandLineRequest fullRequest()
{
    CommandLineRequest request;
    request.detach = true;
    request.autoRemove = true;
    request.name = QStringLiteral("web");
    request.image = QStringLiteral("busybox");
    request.options.env = {QStringLiteral("GREETING=hello world"), QStringLiteral("QUOTE=it's")};
    request.options.workdir = QStringLiteral("/srv/my app");
    request.options.hostname = QStringLiteral("box");
    request.options.user = QStringLiteral("1000:100");
    request.options.namespaces[NamespaceKind::Network] = {
        NamespaceMode::Container, QStringLiteral("db"), {}};
    request.options.namespaces[NamespaceKind::Pid] = {NamespaceMode::Host, {}, {}};
    request.options.namespaces[NamespaceKind::Ipc] = {NamespaceMode::Private, {}, {}};
    request.options.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("echo $GREETING; sleep 1")};
    return request;
}

} // namespace

TEST(CommandLine, RendersDockerFlags)
{
    EXPECT_EQ(renderCommandLine(fullRequest()),
              QStringLiteral(
                  "hakoctl run -d --rm --name web -e 'GREETING=hello world' -e 'QUOTE=it'\\''s' "
                  "-w '/srv/my app' --hostname box -u 1000:100 --pid host --network container:db "
                  "busybox sh -c 'echo $GREETING; sleep 1'"));
}

TEST(CommandLine, DefaultsNeedNoFlags)
{
    CommandLineRequest request;
    request.verb = QStringLiteral("create");
    EXPECT_EQ(renderCommandLine(request), QStringLiteral("hakoctl create busybox"));
}

TEST(CommandLine, HakoctlReadsBackTheSameOptions)
{
    const CommandLineRequest request = fullRequest();
    const CommandLineRequest back = readBack(renderCommandLine(request));
    EXPECT_EQ(back.verb, request.verb);
    EXPECT_EQ(back.name, request.name);
    EXPECT_EQ(back.detach, request.detach);
    EXPECT_EQ(back.autoRemove, request.autoRemove);
    EXPECT_EQ(back.image, request.image);
    EXPECT_EQ(back.options.command, request.options.command);
    EXPECT_EQ(back.options.env, request.options.env);
    EXPECT_EQ(back.options.workdir, request.options.workdir);
    EXPECT_EQ(back.options.hostname, request.options.hostname);
    EXPECT_EQ(back.options.user, request.options.user);
    // Private is the default: it is left out of the line and reads back as absent.
    NamespaceChoices expected = request.options.namespaces;
    expected.erase(NamespaceKind::Ipc);
    EXPECT_TRUE(back.options.namespaces == expected);
}

// Every resource flag the create dialog's Resources tab can set, in the forms and units the
// line shows them in.
TEST(CommandLine, ResourceFlagsReadBackTheSame)
{
    CommandLineRequest request;
    ResourceOptions &resources = request.options.resources;
    resources.cpus = 1.25;
    resources.cpuShares = 512;
    resources.cpusetCpus = QStringLiteral("0");
    resources.cpusetMems = QStringLiteral("0");
    resources.memory = 100 * 1024 * 1024;
    resources.memorySwap = -1;
    resources.memoryReservation = 1536 * 1024;
    resources.oomKillDisable = true;
    resources.pidsLimit = 20;
    resources.blkioWeight = 300;
    resources.deviceReadBps = {{QStringLiteral("/dev/vda"), 1024 * 1024}};
    resources.deviceWriteBps = {{QStringLiteral("/dev/vda"), 7}};
    resources.deviceReadIops = {{QStringLiteral("/dev/vda"), 100}, {QStringLiteral("/dev/loop0"), 5}};
    resources.deviceWriteIops = {{QStringLiteral("/dev/loop0"), 1000}};
    const QString line = renderCommandLine(request);
    EXPECT_EQ(line, QStringLiteral(
                        "hakoctl run --cpus 1.25 --cpu-shares 512 --cpuset-cpus 0 --cpuset-mems 0 -m 100m "
                        "--memory-swap -1 --memory-reservation 1536k --oom-kill-disable --pids-limit 20 "
                        "--blkio-weight 300 --device-read-bps /dev/vda:1m --device-write-bps /dev/vda:7 "
                        "--device-read-iops /dev/vda:100 --device-read-iops /dev/loop0:5 "
                        "--device-write-iops /dev/loop0:1000 busybox"));
    EXPECT_TRUE(readBack(line).options.resources == resources);

    CommandLineRequest quota;
    quota.verb = QStringLiteral("create");
    quota.options.resources.cpuPeriod = 50000;
    quota.options.resources.cpuQuota = 25000;
    EXPECT_EQ(renderCommandLine(quota), QStringLiteral("hakoctl create --cpu-period 50000 --cpu-quota 25000 busybox"));
    EXPECT_TRUE(readBack(renderCommandLine(quota)).options.resources == quota.options.resources);
}
