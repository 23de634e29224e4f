// -v/--volume and --mount in docker's syntax: what each form becomes in the spec (named and
// anonymous volumes, bind mounts, tmpfs), and docker's words, naming the flag and the bad
// key or value, for each refusal.
#include "command_defs.h"
#include "command_line.h"
#include "mount_options.h"
#include "security_options.h"
#include "spec_builder.h"

#include "spec.h"

#include "qt_print.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace hako::cli;

namespace
{

std::optional<QString> noEnv(const QString &)
{
    return std::nullopt;
}

struct Parsed {
    QList<MountRequest> mounts;
    QList<TmpfsMount> tmpfs;
};

// `hakoctl run WORDS busybox` → the mount requests, or the error hakoctl prints.
std::optional<Parsed> fromFlags(const QStringList &words, QString *error)
{
    const auto args = FlagParser(*findCommandDef(QStringLiteral("run")))
                          .parse(words + QStringList{QStringLiteral("busybox")}, error);
    if (!args)
        return std::nullopt;
    Parsed parsed;
    // As run does: --tmpfs first, so -v and --mount see its destinations.
    const auto security = securityOptionsFromArgs(*args, error);
    if (!security)
        return std::nullopt;
    parsed.tmpfs = security->tmpfs;
    const auto mounts = mountRequestsFromArgs(*args, &parsed.tmpfs, error);
    if (!mounts)
        return std::nullopt;
    parsed.mounts = *mounts;
    return parsed;
}

QString flagError(const QStringList &words)
{
    QString error;
    EXPECT_FALSE(fromFlags(words, &error)) << words.join(QLatin1Char(' ')).toStdString();
    return error;
}

// The spec's mount at `destination` for `run WORDS busybox`.
std::optional<hako::Mount> specMount(const QStringList &words, const std::string &destination)
{
    QString error;
    const auto parsed = fromFlags(words, &error);
    EXPECT_TRUE(parsed) << error.toStdString();
    if (!parsed)
        return std::nullopt;
    ContainerOptions options;
    options.mounts = parsed->mounts;
    options.security.tmpfs = parsed->tmpfs;
    const BuiltSpec built = buildSpec(options, noEnv);
    EXPECT_TRUE(built.json) << problemsText(built.problems).toStdString();
    if (!built.json)
        return std::nullopt;
    const auto spec = hako::parseSpec(*built.json, hako::ValidateMode::FromImage);
    EXPECT_TRUE(spec.spec);
    const auto &mounts = spec.spec->mounts;
    const auto it = std::find_if(mounts.begin(), mounts.end(),
                                 [&](const hako::Mount &m) { return m.destination == destination; });
    if (it == mounts.end())
        return std::nullopt;
    return *it;
}

using Options = std::vector<std::string>;

} // namespace

TEST(VolumeFlag, NamedVolumeIsAVolumeMountReadWriteByDefault)
{
    const auto mount = specMount({QStringLiteral("-v"), QStringLiteral("data:/data")}, "/data");
    ASSERT_TRUE(mount);
    EXPECT_EQ(mount->type, "volume");
    EXPECT_EQ(mount->source, "data");
    EXPECT_EQ(mount->options, Options{"rw"});
}

TEST(VolumeFlag, ReadOnlyModeAndLongFlag)
{
    const auto mount = specMount({QStringLiteral("--volume=data:/data:ro")}, "/data");
    ASSERT_TRUE(mount);
    EXPECT_EQ(mount->options, Options{"ro"});
}

TEST(VolumeFlag, HostPathIsARecursiveBindMount)
{
    const auto rw = specMount({QStringLiteral("-v"), QStringLiteral("/srv/www:/usr/share/www")}, "/usr/share/www");
    ASSERT_TRUE(rw);
    EXPECT_EQ(rw->type, "bind");
    EXPECT_EQ(rw->source, "/srv/www");
    EXPECT_EQ(rw->options, Options{"rbind"});
    const auto ro = specMount({QStringLiteral("-v/srv/www:/www:ro")}, "/www");
    ASSERT_TRUE(ro);
    EXPECT_EQ(ro->options, (Options{"rbind", "ro"}));
}

TEST(VolumeFlag, DestinationAloneIsAnAnonymousVolume)
{
    const auto mount = specMount({QStringLiteral("-v"), QStringLiteral("/cache")}, "/cache");
    ASSERT_TRUE(mount);
    EXPECT_EQ(mount->type, "volume");
    EXPECT_EQ(mount->source, "");
    EXPECT_EQ(mount->options, Options{"rw"});
}

TEST(VolumeFlag, RelativeHostPathIsRefusedAsDockerDoes)
{
    EXPECT_EQ(flagError({QStringLiteral("-v"), QStringLiteral("./site:/www")}),
              QStringLiteral("invalid volume specification: './site:/www': invalid mount config for type \"bind\": "
                             "invalid mount path: './site' mount path must be absolute"));
}

TEST(VolumeFlag, RelativeDestinationAndBadModeAreRefused)
{
    EXPECT_EQ(flagError({QStringLiteral("-v"), QStringLiteral("data:data")}),
              QStringLiteral("invalid volume specification: 'data:data': invalid mount config for type \"volume\": "
                             "invalid mount path: 'data' mount path must be absolute"));
    EXPECT_EQ(flagError({QStringLiteral("-v"), QStringLiteral("data:/data:rx")}), QStringLiteral("invalid mode: rx"));
    EXPECT_EQ(flagError({QStringLiteral("-v"), QStringLiteral("a:b:c:d")}),
              QStringLiteral("invalid volume specification: 'a:b:c:d'"));
    EXPECT_TRUE(flagError({QStringLiteral("-v"), QStringLiteral("x:/data")}).contains(QStringLiteral("invalid characters for a local volume name")));
}

TEST(VolumeFlag, TwoMountsOnOnePlaceAreRefused)
{
    EXPECT_EQ(flagError({QStringLiteral("-v"), QStringLiteral("a1:/data"), QStringLiteral("-v"), QStringLiteral("/srv:/data")}),
              QStringLiteral("Duplicate mount point: /data"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("/data"), QStringLiteral("-v"), QStringLiteral("a1:/data")}),
              QStringLiteral("Duplicate mount point: /data"));
}

TEST(MountFlag, VolumeBindAndKeyAliases)
{
    const auto volume = specMount({QStringLiteral("--mount"), QStringLiteral("type=volume,source=data,target=/data,readonly")}, "/data");
    ASSERT_TRUE(volume);
    EXPECT_EQ(volume->type, "volume");
    EXPECT_EQ(volume->source, "data");
    EXPECT_EQ(volume->options, Options{"ro"});
    const auto bind = specMount({QStringLiteral("--mount=type=bind,src=/srv,dst=/srv,ro=false")}, "/srv");
    ASSERT_TRUE(bind);
    EXPECT_EQ(bind->type, "bind");
    EXPECT_EQ(bind->options, Options{"rbind"});
    const auto anonymous = specMount({QStringLiteral("--mount"), QStringLiteral("type=volume,destination=/cache")}, "/cache");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->source, "");
}

TEST(MountFlag, TmpfsWithSizeAndMode)
{
    const auto mount = specMount({QStringLiteral("--mount"), QStringLiteral("type=tmpfs,target=/scratch,tmpfs-size=64m,tmpfs-mode=1770")},
                                 "/scratch");
    ASSERT_TRUE(mount);
    EXPECT_EQ(mount->type, "tmpfs");
    const auto has = [&](const std::string &option) {
        return std::find(mount->options.begin(), mount->options.end(), option) != mount->options.end();
    };
    EXPECT_TRUE(has("size=67108864"));
    EXPECT_TRUE(has("mode=1770"));
    EXPECT_TRUE(has("noexec")) << "docker's tmpfs defaults stay";
}

TEST(MountFlag, ErrorsNameTheFlagAndTheBadKeyOrValue)
{
    const auto error = [](const char *value) { return flagError({QStringLiteral("--mount"), QLatin1String(value)}); };
    EXPECT_EQ(error("type=bind,source=/srv,target=/srv,color=red"),
              QStringLiteral("invalid argument \"type=bind,source=/srv,target=/srv,color=red\" for \"--mount\" flag: "
                             "unexpected key 'color' in 'color=red'"));
    EXPECT_EQ(error("type=volume,target=/data,readonly=maybe"),
              QStringLiteral("invalid argument \"type=volume,target=/data,readonly=maybe\" for \"--mount\" flag: "
                             "invalid value for readonly: maybe"));
    EXPECT_EQ(error("type=volume,bogus"),
              QStringLiteral("invalid argument \"type=volume,bogus\" for \"--mount\" flag: invalid field 'bogus' must be a key=value pair"));
    EXPECT_EQ(error("source=data,target=/data"),
              QStringLiteral("invalid argument \"source=data,target=/data\" for \"--mount\" flag: type is required"));
    EXPECT_EQ(error("type=volume,source=data"),
              QStringLiteral("invalid argument \"type=volume,source=data\" for \"--mount\" flag: target is required"));
    EXPECT_TRUE(error("type=nfs,target=/data").contains(QStringLiteral("invalid value for type: nfs")));
    EXPECT_TRUE(error("type=tmpfs,target=/t,tmpfs-size=lots").contains(QStringLiteral("invalid value for tmpfs-size: lots")));
    EXPECT_TRUE(error("type=tmpfs,target=/t,tmpfs-mode=999").contains(QStringLiteral("invalid value for tmpfs-mode: 999")));
    EXPECT_TRUE(error("type=volume,target=/t,tmpfs-size=1m").contains(QStringLiteral("cannot mix 'tmpfs-*' options with mount type 'volume'")));
    EXPECT_TRUE(error("type=bind,source=rel/dir,target=/t")
                    .contains(QStringLiteral("invalid mount config for type \"bind\": invalid mount path: 'rel/dir' mount path must be absolute")));
}

TEST(VolumeFlag, CommandLineGivesTheMountsBack)
{
    CommandLineRequest request;
    request.options.mounts = {MountRequest{MountKind::Volume, QStringLiteral("data"), QStringLiteral("/data"), true},
                              MountRequest{MountKind::Volume, QString(), QStringLiteral("/cache"), false}};
    EXPECT_EQ(renderCommandLine(request), QStringLiteral("hakoctl run -v data:/data:ro -v /cache busybox"));
}

TEST(VolumeName, DockersRule)
{
    EXPECT_TRUE(isValidVolumeName(QStringLiteral("my_vol-1.2")));
    EXPECT_FALSE(isValidVolumeName(QStringLiteral("x")));
    EXPECT_FALSE(isValidVolumeName(QStringLiteral("-x")));
    EXPECT_FALSE(isValidVolumeName(QStringLiteral("a/b")));
}
