// What hakoctl prints about images and storage, from the API's maps: docker images' rows
// (one per tag, <none> for untagged), history, image inspect, pull's per-layer lines and
// summary, system df and volume inspect; and the image/volume/system command groups.
#include "command_defs.h"
#include "humanize.h"
#include "image_views.h"
#include "storage_views.h"
#include "views.h"

#include "qt_print.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

const QString kHex = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
constexpr uint64_t kNow = 1'800'000'000'000'000;
constexpr uint64_t kHour = 3'600'000'000;

QVariantMap image(const QStringList &tags)
{
    return QVariantMap{{QStringLiteral("Id"), QStringLiteral("sha256:") + kHex},
                       {QStringLiteral("RepoTags"), tags},
                       {QStringLiteral("CreatedUsec"), QVariant::fromValue<qulonglong>(kNow - 3 * kHour)},
                       {QStringLiteral("Size"), QVariant::fromValue<qulonglong>(4'261'000)}};
}

} // namespace

TEST(ImageRows, OneRowPerTagWithDockersColumns)
{
    const auto rows = imageRows(image({QStringLiteral("busybox:latest"), QStringLiteral("127.0.0.1:5000/app:v1")}), false, kNow);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0].value(QStringLiteral("Repository")).toString(), QStringLiteral("busybox"));
    EXPECT_EQ(rows[0].value(QStringLiteral("Tag")).toString(), QStringLiteral("latest"));
    EXPECT_EQ(rows[1].value(QStringLiteral("Repository")).toString(), QStringLiteral("127.0.0.1:5000/app"));
    EXPECT_EQ(rows[1].value(QStringLiteral("Tag")).toString(), QStringLiteral("v1"));
    EXPECT_EQ(rows[0].value(QStringLiteral("ID")).toString(), kHex.left(12));
    EXPECT_EQ(rows[0].value(QStringLiteral("CreatedSince")).toString(), QStringLiteral("3 hours ago"));
    EXPECT_EQ(rows[0].value(QStringLiteral("Size")).toString(), QStringLiteral("4.26MB"));
    QString error;
    const auto table = renderRows(defaultImagesFormat(), imageHeaders(), rows, &error);
    ASSERT_TRUE(table) << error.toStdString();
    EXPECT_TRUE(table->startsWith(QStringLiteral("REPOSITORY           TAG       IMAGE ID       CREATED       SIZE\n"))) << table->toStdString();
}

TEST(ImageRows, UntaggedIsNoneAndNoTruncGivesTheDigest)
{
    const auto rows = imageRows(image({}), true, kNow);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].value(QStringLiteral("Repository")).toString(), QStringLiteral("<none>"));
    EXPECT_EQ(rows[0].value(QStringLiteral("Tag")).toString(), QStringLiteral("<none>"));
    EXPECT_EQ(rows[0].value(QStringLiteral("ID")).toString(), QStringLiteral("sha256:") + kHex);
    EXPECT_EQ(imageIdText(kHex, true), QStringLiteral("sha256:") + kHex) << "ids without the prefix too";
}

TEST(History, NewestFirstWithMissingBelowTheTop)
{
    QVariantMap img = image({QStringLiteral("app:1")});
    img.insert(QStringLiteral("History"),
               QVariantList{QVariantMap{{QStringLiteral("CreatedUsec"), QVariant::fromValue<qulonglong>(kNow - 2 * kHour)},
                                        {QStringLiteral("CreatedBy"), QStringLiteral("/bin/sh -c echo hi > /greeting")},
                                        {QStringLiteral("Size"), 3},
                                        {QStringLiteral("Comment"), QStringLiteral("commit")}},
                            QVariantMap{{QStringLiteral("CreatedUsec"), QVariant::fromValue<qulonglong>(kNow - 5 * kHour)},
                                        {QStringLiteral("CreatedBy"), QStringLiteral("Imported from -")},
                                        {QStringLiteral("Size"), 1'200'000}}});
    const QStringList lines = historyTable(img, false, false, kNow).split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 3);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("IMAGE          CREATED       CREATED BY"))) << lines[0].toStdString();
    EXPECT_TRUE(lines[0].contains(QStringLiteral("SIZE")) && lines[0].contains(QStringLiteral("COMMENT")));
    EXPECT_TRUE(lines[1].startsWith(kHex.left(12) + QStringLiteral("   2 hours ago"))) << lines[1].toStdString();
    EXPECT_TRUE(lines[1].contains(QStringLiteral("3B")) && lines[1].endsWith(QStringLiteral("commit")));
    EXPECT_TRUE(lines[2].startsWith(QStringLiteral("<missing>      5 hours ago   Imported from -"))) << lines[2].toStdString();
    EXPECT_EQ(historyTable(img, false, true, kNow), kHex.left(12) + QStringLiteral("\n<missing>\n"));
}

TEST(ImageInspect, DockersShape)
{
    QVariantMap img = image({QStringLiteral("busybox:latest")});
    img.insert(QStringLiteral("Cmd"), QStringList{QStringLiteral("sh")});
    img.insert(QStringLiteral("ExposedPorts"), QStringList{QStringLiteral("80/tcp")});
    img.insert(QStringLiteral("DiffIds"), QStringList{QStringLiteral("sha256:aa"), QStringLiteral("sha256:bb")});
    const QJsonObject object = imageInspectObject(img);
    EXPECT_EQ(object.value(QStringLiteral("Id")).toString(), QStringLiteral("sha256:") + kHex);
    EXPECT_EQ(object.value(QStringLiteral("RepoTags")).toArray().at(0).toString(), QStringLiteral("busybox:latest"));
    const QJsonObject config = object.value(QStringLiteral("Config")).toObject();
    EXPECT_EQ(config.value(QStringLiteral("Cmd")).toArray().at(0).toString(), QStringLiteral("sh"));
    EXPECT_TRUE(config.value(QStringLiteral("Entrypoint")).isNull());
    EXPECT_TRUE(config.value(QStringLiteral("ExposedPorts")).toObject().contains(QStringLiteral("80/tcp")));
    EXPECT_EQ(object.value(QStringLiteral("RootFS")).toObject().value(QStringLiteral("Layers")).toArray().size(), 2);
    EXPECT_EQ(object.value(QStringLiteral("Size")).toInteger(), 4'261'000);
}

TEST(PullProgress, LinesAsDockerPrintsThem)
{
    PullProgress progress;
    const QVariantMap waiting{{QStringLiteral("Id"), QStringLiteral("a1b2c3d4e5f6")}, {QStringLiteral("Status"), QStringLiteral("Waiting")}};
    const QVariantMap other{{QStringLiteral("Id"), QStringLiteral("0f0f0f0f0f0f")}, {QStringLiteral("Status"), QStringLiteral("Already exists")}};
    EXPECT_EQ(progress.update({waiting, other}), (QStringList{QStringLiteral("a1b2c3d4e5f6"), QStringLiteral("0f0f0f0f0f0f")}));
    EXPECT_EQ(progress.line(QStringLiteral("a1b2c3d4e5f6")), QStringLiteral("a1b2c3d4e5f6: Waiting"));
    const QVariantMap downloading{{QStringLiteral("Id"), QStringLiteral("a1b2c3d4e5f6")},
                                  {QStringLiteral("Status"), QStringLiteral("Downloading")},
                                  {QStringLiteral("Current"), QVariant::fromValue<qulonglong>(12'300'000)},
                                  {QStringLiteral("Total"), QVariant::fromValue<qulonglong>(45'600'000)}};
    EXPECT_EQ(progress.update({downloading, other}), QStringList{QStringLiteral("a1b2c3d4e5f6")}) << "unchanged lines stay";
    EXPECT_EQ(progress.line(QStringLiteral("a1b2c3d4e5f6")), QStringLiteral("a1b2c3d4e5f6: Downloading  12.3MB/45.6MB"));
    EXPECT_EQ(progress.order(), (QStringList{QStringLiteral("a1b2c3d4e5f6"), QStringLiteral("0f0f0f0f0f0f")}));
}

TEST(PullPrinter, RedrawsInPlaceOnATerminalAndPrintsStatusLinesOtherwise)
{
    const auto entry = [](const char *id, const char *status, qulonglong current = 0, qulonglong total = 0) {
        return QVariantMap{{QStringLiteral("Id"), QLatin1String(id)}, {QStringLiteral("Status"), QLatin1String(status)},
                           {QStringLiteral("Current"), current}, {QStringLiteral("Total"), total}};
    };
    PullPrinter terminal(true);
    EXPECT_EQ(terminal.show({entry("aaaaaaaaaaaa", "Waiting"), entry("bbbbbbbbbbbb", "Waiting")}),
              QStringLiteral("aaaaaaaaaaaa: Waiting\nbbbbbbbbbbbb: Waiting\n"));
    // The first of two lines: up two, erase, write, then down one to below the last line.
    EXPECT_EQ(terminal.show({entry("aaaaaaaaaaaa", "Downloading", 1'000'000, 2'000'000), entry("bbbbbbbbbbbb", "Waiting")}),
              QStringLiteral("\x1b[2A\x1b[2K\raaaaaaaaaaaa: Downloading  1MB/2MB\n\x1b[1B"));
    EXPECT_EQ(terminal.show({entry("bbbbbbbbbbbb", "Pull complete")}),
              QStringLiteral("\x1b[1A\x1b[2K\rbbbbbbbbbbbb: Pull complete\n"));

    PullPrinter plain(false);
    EXPECT_EQ(plain.show({entry("aaaaaaaaaaaa", "Downloading", 10, 100)}), QStringLiteral("aaaaaaaaaaaa: Downloading\n"));
    EXPECT_EQ(plain.show({entry("aaaaaaaaaaaa", "Downloading", 50, 100)}), QString()) << "bytes alone: no new line";
    EXPECT_EQ(plain.show({entry("aaaaaaaaaaaa", "Pull complete")}), QStringLiteral("aaaaaaaaaaaa: Pull complete\n"));
}

TEST(PullSummary, DigestStatusAndCanonicalName)
{
    const QJsonObject fetched{{QStringLiteral("ManifestDigest"), QStringLiteral("sha256:") + kHex}, {QStringLiteral("BlobsFetched"), 3}};
    EXPECT_EQ(pullSummary(QStringLiteral("busybox"), fetched),
              QStringLiteral("Digest: sha256:%1\nStatus: Downloaded newer image for busybox:latest\n"
                             "docker.io/library/busybox:latest\n").arg(kHex));
    const QJsonObject upToDate{{QStringLiteral("ManifestDigest"), QStringLiteral("sha256:") + kHex}, {QStringLiteral("BlobsFetched"), 0}};
    EXPECT_TRUE(pullSummary(QStringLiteral("127.0.0.1:5000/app:v1"), upToDate)
                    .endsWith(QStringLiteral("Status: Image is up to date for 127.0.0.1:5000/app:v1\n127.0.0.1:5000/app:v1\n")));
    EXPECT_EQ(canonicalReference(QStringLiteral("library/busybox:1.36")), QStringLiteral("docker.io/library/busybox:1.36"));
    EXPECT_EQ(canonicalReference(QStringLiteral("localhost:5000/x")), QStringLiteral("localhost:5000/x:latest"));
}

TEST(DiskUsage, SummaryCountsActiveAndReclaimable)
{
    DiskUsage usage;
    usage.images = {QVariantMap{{QStringLiteral("Containers"), 1}, {QStringLiteral("UniqueSize"), 1'000'000}},
                    QVariantMap{{QStringLiteral("Containers"), 0}, {QStringLiteral("UniqueSize"), 3'000'000}}};
    usage.layersSize = 4'000'000;
    usage.containers = {QVariantMap{{QStringLiteral("State"), QStringLiteral("running")}, {QStringLiteral("Size"), 10}},
                        QVariantMap{{QStringLiteral("State"), QStringLiteral("stopped")}, {QStringLiteral("Size"), 30}}};
    usage.volumes = {QVariantMap{{QStringLiteral("Links"), 0}, {QStringLiteral("Size"), 12}}};
    EXPECT_EQ(diskUsageSummary(usage),
              QStringLiteral("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\n"
                             "Images          2         1         4MB       3MB (75%)\n"
                             "Containers      2         1         40B       30B (75%)\n"
                             "Local Volumes   1         0         12B       12B (100%)\n"
                             "Build Cache     0         0         0B        0B\n"));
    const QString verbose = diskUsageVerbose(usage, kNow);
    EXPECT_TRUE(verbose.contains(QStringLiteral("Images space usage:\n\nREPOSITORY")));
    EXPECT_TRUE(verbose.contains(QStringLiteral("Containers space usage:\n\nCONTAINER ID")));
    EXPECT_TRUE(verbose.contains(QStringLiteral("Local Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\n")));
}

TEST(Volumes, TableAndInspectShape)
{
    const QVariantMap volume{{QStringLiteral("Name"), QStringLiteral("data")},
                             {QStringLiteral("Mountpoint"), QStringLiteral("/var/lib/hako/volumes/data/_data")},
                             {QStringLiteral("CreatedUsec"), QVariant::fromValue<qulonglong>(kNow)},
                             {QStringLiteral("Labels"), QVariantMap{{QStringLiteral("env"), QStringLiteral("dev")}}}};
    EXPECT_EQ(volumeTable({volume}, false), QStringLiteral("DRIVER    VOLUME NAME\nlocal     data\n"));
    EXPECT_EQ(volumeTable({volume}, true), QStringLiteral("data\n"));
    const QJsonObject object = volumeInspectObject(volume);
    EXPECT_EQ(object.value(QStringLiteral("Driver")).toString(), QStringLiteral("local"));
    EXPECT_EQ(object.value(QStringLiteral("Scope")).toString(), QStringLiteral("local"));
    EXPECT_EQ(object.value(QStringLiteral("Mountpoint")).toString(), QStringLiteral("/var/lib/hako/volumes/data/_data"));
    EXPECT_EQ(object.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("env")).toString(), QStringLiteral("dev"));
    EXPECT_EQ(object.value(QStringLiteral("CreatedAt")).toString(), rfc3339(kNow).left(19) + QLatin1Char('Z'));
}

TEST(CommandGroups, SubcommandsAliasTheTopLevelCommands)
{
    const CommandDef *ls = findCommandDef(QStringLiteral("image ls"));
    ASSERT_TRUE(ls);
    EXPECT_EQ(aliasTarget(QStringLiteral("image ls")), QStringLiteral("images"));
    EXPECT_EQ(aliasTarget(QStringLiteral("image rm")), QStringLiteral("rmi"));
    EXPECT_EQ(aliasTarget(QStringLiteral("volume ls")), QStringLiteral("volume ls"));
    for (const char *name : {"pull", "rmi", "tag", "import", "load", "save", "export", "commit", "history",
                             "image prune", "image inspect", "system df", "volume ls", "volume create",
                             "volume rm", "volume inspect"})
        EXPECT_TRUE(findCommandDef(QLatin1String(name))) << name;
    const QString help = mainHelp();
    EXPECT_TRUE(help.contains(QStringLiteral("\n  pull      Download an image from a registry\n")));
    EXPECT_TRUE(help.contains(QStringLiteral("Management Commands:\n")));
    EXPECT_TRUE(help.contains(QStringLiteral("\n  volume    Manage volumes\n")));
    EXPECT_FALSE(help.contains(QStringLiteral("image ls"))) << "subcommands are listed under their group";
    const QString volumeHelp = groupHelp(QStringLiteral("volume"));
    EXPECT_TRUE(volumeHelp.contains(QStringLiteral("Commands:\n  create    Create a volume\n  inspect   ")))
        << volumeHelp.toStdString();
    EXPECT_FALSE(volumeHelp.contains(QStringLiteral("  list "))) << "an alias is not listed twice";
    QString error;
    EXPECT_FALSE(FlagParser(*findCommandDef(QStringLiteral("tag"))).parse({QStringLiteral("a")}, &error));
    EXPECT_EQ(error, QStringLiteral("\"hakoctl tag\" requires exactly 2 arguments"));
}
