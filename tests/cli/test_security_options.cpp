// Docker's security flags (--cap-add/--cap-drop, --privileged, --security-opt, --read-only,
// --tmpfs): their values in docker's forms, docker's words for a bad one, and what they make
// of the spec (capabilities, seccomp for the final capabilities, mounts, masked paths).
#include "command_defs.h"
#include "command_line.h"
#include "security_options.h"
#include "shell_words.h"
#include "spec_builder.h"
#include "views.h"

#include "seccomp_profile.h"
#include "spec.h"

#include "qt_print.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace hako::cli;

namespace
{

std::optional<QString> noEnv(const QString &)
{
    return std::nullopt;
}

// `hakoctl run WORDS busybox` → the security options, or the error hakoctl prints.
std::optional<SecurityOptions> fromFlags(const QStringList &words, QString *error)
{
    const auto args = FlagParser(*findCommandDef(QStringLiteral("run")))
                          .parse(words + QStringList{QStringLiteral("busybox")}, error);
    if (!args)
        return std::nullopt;
    return securityOptionsFromArgs(*args, error);
}

QString flagError(const QStringList &words)
{
    QString error;
    EXPECT_FALSE(fromFlags(words, &error)) << words.join(QLatin1Char(' ')).toStdString();
    return error;
}

SecurityOptions parsed(const QStringList &words)
{
    QString error;
    const auto options = fromFlags(words, &error);
    EXPECT_TRUE(options) << error.toStdString();
    return options.value_or(SecurityOptions{});
}

std::vector<std::string> capsOf(const QStringList &words)
{
    QString error;
    const auto caps = finalCapabilities(parsed(words), &error);
    EXPECT_TRUE(caps) << error.toStdString();
    return caps.value_or(std::vector<std::string>{});
}

bool has(const std::vector<std::string> &list, const std::string &item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

// The spec hakoctl would send for these flags.
hako::Spec specOf(const SecurityOptions &security)
{
    ContainerOptions options;
    options.security = security;
    const BuiltSpec built = buildSpec(options, noEnv);
    EXPECT_TRUE(built.json) << problemsText(built.problems).toStdString();
    const auto result = hako::parseSpec(built.json.value_or("{}"), hako::ValidateMode::FromImage);
    EXPECT_TRUE(result.ok()) << result.errorText();
    return result.spec.value_or(hako::Spec{});
}

const hako::Mount *findMount(const hako::Spec &spec, const std::string &destination)
{
    for (const hako::Mount &mount : spec.mounts)
        if (mount.destination == destination)
            return &mount;
    return nullptr;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(text);
    return path;
}

} // namespace

TEST(SecurityOptions, CapabilityNamesInAnyFormNormalise)
{
    QString error;
    const auto names =
        normalizeCapabilities({QStringLiteral("net_admin"), QStringLiteral("CAP_SYS_TIME"),
                               QStringLiteral("Cap_Kill"), QStringLiteral("all")},
                              &error);
    ASSERT_TRUE(names) << error.toStdString();
    EXPECT_EQ(*names, (QStringList{QStringLiteral("CAP_NET_ADMIN"), QStringLiteral("CAP_SYS_TIME"),
                                   QStringLiteral("CAP_KILL"), QStringLiteral("ALL")}));
    EXPECT_FALSE(normalizeCapabilities({QStringLiteral("CAP_ALL")}, &error));
    EXPECT_EQ(error, QStringLiteral("unknown capability: \"CAP_ALL\""));
}

TEST(SecurityOptions, BadValuesGiveDockersWords)
{
    EXPECT_EQ(flagError({QStringLiteral("--cap-add"), QStringLiteral("foo")}),
              QStringLiteral("invalid CapAdd: unknown capability: \"CAP_FOO\""));
    EXPECT_EQ(flagError({QStringLiteral("--cap-drop"), QStringLiteral("net-admin")}),
              QStringLiteral("invalid CapDrop: unknown capability: \"CAP_NET-ADMIN\""));
    EXPECT_EQ(flagError({QStringLiteral("--security-opt"), QStringLiteral("bogus")}),
              QStringLiteral("Invalid --security-opt: \"bogus\""));
    EXPECT_EQ(flagError({QStringLiteral("--security-opt"), QStringLiteral("seccomp=")}),
              QStringLiteral("Invalid --security-opt: \"seccomp=\""));
    EXPECT_EQ(flagError({QStringLiteral("--security-opt"), QStringLiteral("foo=bar")}),
              QStringLiteral("invalid --security-opt 2: \"foo=bar\""));
    EXPECT_EQ(
        flagError({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges=maybe")}),
        QStringLiteral("invalid --security-opt 2: \"no-new-privileges=maybe\""));
    EXPECT_EQ(flagError({QStringLiteral("--security-opt"), QStringLiteral("systempaths=confined")}),
              QStringLiteral("invalid --security-opt 2: \"systempaths=confined\""));
    EXPECT_EQ(flagError({QStringLiteral("--security-opt"),
                         QStringLiteral("seccomp=/no/such/profile.json")}),
              QStringLiteral("opening seccomp profile (/no/such/profile.json) failed: open "
                             "/no/such/profile.json: no such file or directory"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("tmp")}),
              QStringLiteral("invalid mount path: 'tmp' mount path must be absolute"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("/")}),
              QStringLiteral("invalid specification: destination can't be '/'"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("/tmp:bogus")}),
              QStringLiteral("invalid tmpfs option [\"bogus\"]"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("/tmp:colour=red")}),
              QStringLiteral("invalid tmpfs option [\"colour\" \"red\"]"));
    EXPECT_EQ(flagError({QStringLiteral("--tmpfs"), QStringLiteral("/tmp:bind")}),
              QStringLiteral("invalid tmpfs option [\"bind\"]"));
    EXPECT_EQ(
        flagError({QStringLiteral("--privileged=maybe")}),
        QStringLiteral("invalid argument \"maybe\" for \"--privileged\" flag: not a boolean"));
}

// label= and apparmor= are never dropped silently: the error says whether the host has the
// module at all (this machine's list, a list with it, a host without securityfs).
TEST(SecurityOptions, LabelAndAppArmorAreRefusedWithTheReason)
{
    const QString label =
        flagError({QStringLiteral("--security-opt"), QStringLiteral("label=disable")});
    EXPECT_TRUE(label.startsWith(QStringLiteral("--security-opt label=disable: SELinux is ")))
        << label.toStdString();
    const QString apparmor =
        flagError({QStringLiteral("--security-opt"), QStringLiteral("apparmor=unconfined")});
    EXPECT_TRUE(
        apparmor.startsWith(QStringLiteral("--security-opt apparmor=unconfined: AppArmor is ")))
        << apparmor.toStdString();

    QTemporaryDir dir;
    const QString without = writeFile(dir, QStringLiteral("lsm"), "capability,landlock,yama\n");
    EXPECT_EQ(
        lsmUnavailable(QStringLiteral("apparmor=p"), QStringLiteral("apparmor"), without),
        QStringLiteral("--security-opt apparmor=p: AppArmor is not available on this host (the "
                       "active security modules are: capability,landlock,yama), so there is no "
                       "AppArmor profile to apply; leave the option out"));
    const QString with = writeFile(dir, QStringLiteral("lsm2"), "capability,selinux\n");
    EXPECT_EQ(
        lsmUnavailable(QStringLiteral("label=level:s0"), QStringLiteral("selinux"), with),
        QStringLiteral("--security-opt label=level:s0: SELinux is enabled on this host, but Hako "
                       "does not apply SELinux labels yet"));
    EXPECT_TRUE(
        lsmUnavailable(QStringLiteral("label=x"), QStringLiteral("selinux"),
                       dir.filePath(QStringLiteral("none")))
            .contains(QStringLiteral("(no list of active security modules: %1 cannot be read)")
                          .arg(dir.filePath(QStringLiteral("none")))));
}

TEST(SecurityOptions, SecurityOptForms)
{
    EXPECT_TRUE(parsed({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges")})
                    .noNewPrivileges);
    EXPECT_TRUE(parsed({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges=true")})
                    .noNewPrivileges);
    EXPECT_TRUE(parsed({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges:1")})
                    .noNewPrivileges);
    EXPECT_FALSE(
        parsed({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges"),
                QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges=false")})
            .noNewPrivileges);
    // The old "KEY:VALUE" form docker still reads.
    EXPECT_EQ(
        parsed({QStringLiteral("--security-opt"), QStringLiteral("seccomp:unconfined")}).seccomp,
        SeccompChoice::Unconfined);
    EXPECT_TRUE(parsed({QStringLiteral("--security-opt"), QStringLiteral("systempaths=unconfined")})
                    .unmaskSystemPaths);
    EXPECT_TRUE(parsed({}).empty());
}

TEST(SecurityOptions, DefaultsAreDockersFourteen)
{
    const auto caps = capsOf({});
    EXPECT_EQ(caps, hako::defaultSpec().process.capabilities->bounding);
    EXPECT_EQ(caps.size(), 14u);
}

// Drop applies to the default set first, then add: the order on the command line does not
// matter, and a capability both dropped and added is kept (docker's TweakCapabilities).
TEST(SecurityOptions, DropThenAdd)
{
    EXPECT_EQ(capsOf({QStringLiteral("--cap-add"), QStringLiteral("net_bind_service"),
                      QStringLiteral("--cap-drop"), QStringLiteral("ALL")}),
              std::vector<std::string>{"CAP_NET_BIND_SERVICE"});
    EXPECT_TRUE(capsOf({QStringLiteral("--cap-drop"), QStringLiteral("all")}).empty());

    const auto dropped = capsOf({QStringLiteral("--cap-drop"), QStringLiteral("CHOWN"),
                                 QStringLiteral("--cap-drop"), QStringLiteral("cap_kill")});
    EXPECT_EQ(dropped.size(), 12u);
    EXPECT_FALSE(has(dropped, "CAP_CHOWN"));
    EXPECT_FALSE(has(dropped, "CAP_KILL"));

    const auto both = capsOf({QStringLiteral("--cap-add"), QStringLiteral("NET_ADMIN"),
                              QStringLiteral("--cap-drop"), QStringLiteral("NET_ADMIN"),
                              QStringLiteral("--cap-add"), QStringLiteral("CHOWN")});
    EXPECT_TRUE(has(both, "CAP_NET_ADMIN"));
    EXPECT_EQ(std::count(both.begin(), both.end(), "CAP_CHOWN"), 1)
        << "an added default is not repeated";
    EXPECT_EQ(both.size(), 15u);
}

TEST(SecurityOptions, AllAndPrivileged)
{
    const auto all = capsOf({QStringLiteral("--cap-add"), QStringLiteral("ALL"),
                             QStringLiteral("--cap-drop"), QStringLiteral("sys_admin")});
    EXPECT_EQ(all.size(), availableCapabilities().size() - 1);
    EXPECT_FALSE(has(all, "CAP_SYS_ADMIN"));
    EXPECT_TRUE(has(all, "CAP_SYS_MODULE"));
    // --privileged gives every available capability whatever else is asked.
    EXPECT_EQ(capsOf({QStringLiteral("--privileged"), QStringLiteral("--cap-drop"),
                      QStringLiteral("ALL")}),
              availableCapabilities());
}

// Available: the capabilities of our own bounding set, as /proc/self/status shows it.
TEST(SecurityOptions, AvailableCapabilitiesAreOurBoundingSet)
{
    QFile status(QStringLiteral("/proc/self/status"));
    ASSERT_TRUE(status.open(QIODevice::ReadOnly));
    uint64_t bounding = 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("CapBnd:"))
            bounding = line.mid(7).trimmed().toULongLong(nullptr, 16);
    std::vector<std::string> expected;
    for (size_t number = 0; number < hako::capabilityNames().size(); ++number)
        if (bounding & (uint64_t(1) << number))
            expected.push_back(hako::capabilityNames()[number]);
    EXPECT_EQ(availableCapabilities(), expected);
    EXPECT_TRUE(has(expected, "CAP_SYS_ADMIN"));
}

TEST(SecurityOptions, TmpfsOptionsOverDockersDefaults)
{
    QString error;
    using Options = std::vector<std::string>;
    EXPECT_EQ(tmpfsMountOptions(QString(), &error), (Options{"rw", "noexec", "nosuid", "nodev"}));
    EXPECT_EQ(tmpfsMountOptions(QStringLiteral("exec,size=64m"), &error),
              (Options{"rw", "nosuid", "nodev", "exec", "size=64m"}));
    EXPECT_EQ(tmpfsMountOptions(QStringLiteral("ro,defaults,size=1m,mode=1777,size=2m"), &error),
              (Options{"noexec", "nosuid", "nodev", "ro", "mode=1777", "size=2m"}));
    EXPECT_FALSE(tmpfsMountOptions(QStringLiteral("size=1m,"), &error));
    EXPECT_EQ(error, QStringLiteral("invalid tmpfs option [\"\"]"));

    // One tmpfs per destination, the last given winning, as docker's map of them.
    const SecurityOptions twice = parsed({QStringLiteral("--tmpfs"), QStringLiteral("/run:size=1m"),
                                          QStringLiteral("--tmpfs"), QStringLiteral("/tmp"),
                                          QStringLiteral("--tmpfs"), QStringLiteral("/run:exec")});
    EXPECT_EQ(twice.tmpfs, (QList<TmpfsMount>{{QStringLiteral("/tmp"), QString()},
                                              {QStringLiteral("/run"), QStringLiteral("exec")}}));
}

TEST(SecurityOptions, SpecCarriesCapabilitiesReadOnlyAndTmpfs)
{
    const hako::Spec spec = specOf(parsed(
        {QStringLiteral("--cap-drop"), QStringLiteral("ALL"), QStringLiteral("--cap-add"),
         QStringLiteral("net_admin"), QStringLiteral("--read-only"), QStringLiteral("--tmpfs"),
         QStringLiteral("/tmp:size=8m"), QStringLiteral("--tmpfs"), QStringLiteral("/dev/shm:exec"),
         QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges")}));
    const std::vector<std::string> netAdmin{"CAP_NET_ADMIN"};
    ASSERT_TRUE(spec.process.capabilities);
    EXPECT_EQ(spec.process.capabilities->bounding, netAdmin);
    EXPECT_EQ(spec.process.capabilities->effective, netAdmin);
    EXPECT_EQ(spec.process.capabilities->permitted, netAdmin);
    EXPECT_TRUE(spec.process.capabilities->inheritable.empty());
    EXPECT_TRUE(spec.process.capabilities->ambient.empty());
    EXPECT_TRUE(spec.process.noNewPrivileges);
    EXPECT_TRUE(spec.root.readonly);
    const hako::Mount *tmp = findMount(spec, "/tmp");
    ASSERT_TRUE(tmp);
    EXPECT_EQ(tmp->type, "tmpfs");
    EXPECT_EQ(tmp->options,
              (std::vector<std::string>{"rw", "noexec", "nosuid", "nodev", "size=8m"}));
    // Replacing a default mount keeps its place (before nothing it would cover).
    const auto shm = std::find_if(spec.mounts.begin(), spec.mounts.end(),
                                  [](const hako::Mount &m) { return m.destination == "/dev/shm"; });
    ASSERT_NE(shm, spec.mounts.end());
    EXPECT_EQ(std::count_if(spec.mounts.begin(), spec.mounts.end(),
                            [](const hako::Mount &m) { return m.destination == "/dev/shm"; }),
              1);
    EXPECT_EQ(shm->options, (std::vector<std::string>{"rw", "nosuid", "nodev", "exec"}));
    EXPECT_LT(shm - spec.mounts.begin(), tmp - spec.mounts.data());
}

TEST(SecurityOptions, PrivilegedOpensEverything)
{
    const hako::Spec spec = specOf(parsed({QStringLiteral("--privileged")}));
    EXPECT_EQ(spec.process.capabilities->bounding, availableCapabilities());
    EXPECT_EQ(spec.process.capabilities->effective, availableCapabilities());
    EXPECT_TRUE(spec.process.capabilities->inheritable.empty());
    EXPECT_FALSE(spec.linux.seccomp);
    EXPECT_TRUE(spec.linux.maskedPaths.empty());
    EXPECT_TRUE(spec.linux.readonlyPaths.empty());
    const hako::Mount *sys = findMount(spec, "/sys");
    ASSERT_TRUE(sys);
    EXPECT_EQ(std::count(sys->options.begin(), sys->options.end(), "ro"), 0);
    ASSERT_TRUE(spec.linux.resources);
    ASSERT_EQ(spec.linux.resources->devices.size(), 1u);
    EXPECT_TRUE(spec.linux.resources->devices[0].allow);
    EXPECT_EQ(spec.linux.resources->devices[0].access, "rwm");
    EXPECT_FALSE(spec.linux.resources->devices[0].major);

    const hako::Spec unmasked = specOf(
        parsed({QStringLiteral("--security-opt"), QStringLiteral("systempaths=unconfined")}));
    EXPECT_TRUE(unmasked.linux.maskedPaths.empty());
    EXPECT_TRUE(unmasked.linux.readonlyPaths.empty());
    EXPECT_TRUE(unmasked.linux.seccomp) << "only the paths are opened";
}

// The default filter is computed for the final capabilities; unconfined has none.
TEST(SecurityOptions, SeccompFollowsTheFinalCapabilities)
{
    const hako::Spec plain = specOf({});
    ASSERT_TRUE(plain.linux.seccomp);
    EXPECT_EQ(*plain.linux.seccomp, hako::defaultSeccomp(plain.process.capabilities->bounding));

    const hako::Spec ptrace =
        specOf(parsed({QStringLiteral("--cap-add"), QStringLiteral("SYS_PTRACE")}));
    ASSERT_TRUE(ptrace.linux.seccomp);
    EXPECT_EQ(*ptrace.linux.seccomp, hako::defaultSeccomp(ptrace.process.capabilities->bounding));

    EXPECT_FALSE(
        specOf(parsed({QStringLiteral("--security-opt"), QStringLiteral("seccomp=unconfined")}))
            .linux.seccomp);
}

TEST(SecurityOptions, CustomProfileFromTheCallersFile)
{
    QTemporaryDir dir;
    const QString good = writeFile(dir, QStringLiteral("deny-mkdir.json"), R"({
        "defaultAction": "SCMP_ACT_ALLOW",
        "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]
    })");
    const SecurityOptions options =
        parsed({QStringLiteral("--security-opt"), QStringLiteral("seccomp=") + good});
    EXPECT_EQ(options.seccomp, SeccompChoice::Profile);
    EXPECT_EQ(options.seccompProfilePath, good);
    const hako::Spec spec = specOf(options);
    ASSERT_TRUE(spec.linux.seccomp);
    EXPECT_EQ(spec.linux.seccomp->defaultAction, "SCMP_ACT_ALLOW");

    // A profile's errors name the file and the place inside it.
    const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"({
        "defaultAction": "SCMP_ACT_ALLOW",
        "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_EXPLODE"}]
    })");
    ContainerOptions container;
    container.security =
        parsed({QStringLiteral("--security-opt"), QStringLiteral("seccomp=") + bad});
    QString error;
    EXPECT_FALSE(buildSpecJson(container, noEnv, &error));
    EXPECT_TRUE(error.startsWith(
        QStringLiteral("linux.seccomp: seccomp profile %1: syscalls[0].action").arg(bad)))
        << error.toStdString();
}

TEST(SecurityOptions, CommandLineReadsBackTheSame)
{
    QTemporaryDir dir;
    const QString profile =
        writeFile(dir, QStringLiteral("p.json"), R"({"defaultAction": "SCMP_ACT_ALLOW"})");
    CommandLineRequest request;
    SecurityOptions &security = request.options.security;
    security.capDrop = {QStringLiteral("ALL")};
    security.capAdd = {QStringLiteral("net_admin"), QStringLiteral("CAP_KILL")};
    security.seccomp = SeccompChoice::Profile;
    security.seccompProfilePath = profile;
    security.seccompProfile = R"({"defaultAction": "SCMP_ACT_ALLOW"})";
    security.noNewPrivileges = true;
    security.readOnly = true;
    security.tmpfs = {{QStringLiteral("/tmp"), QString()},
                      {QStringLiteral("/run"), QStringLiteral("size=1m,exec")}};
    const QString line = renderCommandLine(request);
    EXPECT_EQ(line, QStringLiteral(
                        "hakoctl run --cap-drop ALL --cap-add net_admin --cap-add CAP_KILL "
                        "--security-opt seccomp=%1 --security-opt no-new-privileges --read-only "
                        "--tmpfs /tmp --tmpfs /run:size=1m,exec busybox")
                        .arg(profile));
    QString error;
    const auto words = shellSplit(line, &error);
    ASSERT_TRUE(words) << error.toStdString();
    const auto back = fromFlags(words->mid(2, words->size() - 3), &error);
    ASSERT_TRUE(back) << error.toStdString();
    EXPECT_TRUE(*back == security);

    CommandLineRequest privileged;
    privileged.options.security.privileged = true;
    privileged.options.security.seccomp = SeccompChoice::Unconfined;
    privileged.options.security.unmaskSystemPaths = true;
    const QString open = renderCommandLine(privileged);
    EXPECT_EQ(open, QStringLiteral("hakoctl run --privileged --security-opt seccomp=unconfined "
                                   "--security-opt systempaths=unconfined busybox"));
    const auto openWords = shellSplit(open, &error);
    EXPECT_TRUE(fromFlags(openWords->mid(2, openWords->size() - 3), &error) ==
                privileged.options.security);
}

TEST(SecurityOptions, UsernsHostAndRemapForms)
{
    EXPECT_FALSE(parsed({}).usernsRemap);
    EXPECT_FALSE(parsed({QStringLiteral("--userns=host")}).usernsRemap);
    const SecurityOptions remap = parsed({QStringLiteral("--userns=remap")});
    EXPECT_TRUE(remap.usernsRemap);
    EXPECT_TRUE(remap.usernsRemapUser.isEmpty());
    const SecurityOptions named = parsed({QStringLiteral("--userns"), QStringLiteral("remap:builder")});
    EXPECT_TRUE(named.usernsRemap);
    EXPECT_EQ(named.usernsRemapUser, QStringLiteral("builder"));
    // The last one given wins, as with any string flag.
    EXPECT_FALSE(parsed({QStringLiteral("--userns=remap"), QStringLiteral("--userns=host")}).usernsRemap);
}

TEST(SecurityOptions, UsernsBadValuesNameTheFlagAndValue)
{
    for (const QString &value : {QStringLiteral("private"), QStringLiteral("remap:"),
                                QStringLiteral("remap:a:b"), QStringLiteral("remap:a b"),
                                QStringLiteral("Remap"), QStringLiteral("container:x")}) {
        const QString error = flagError({QStringLiteral("--userns=") + value});
        EXPECT_EQ(error, QStringLiteral("invalid argument \"%1\" for \"--userns\" flag: invalid USER "
                                        "mode (use host, remap or remap:USER)")
                             .arg(value));
    }
}

TEST(SecurityOptions, UsernsRemapPutsTheNamespaceAndTheUserInTheSpec)
{
    const hako::Spec host = specOf(parsed({QStringLiteral("--userns=host")}));
    EXPECT_FALSE(host.hasNamespace(hako::NamespaceType::User));
    EXPECT_FALSE(host.annotations.contains(std::string(hako::kUsernsRemapAnnotation)));

    const hako::Spec remap = specOf(parsed({QStringLiteral("--userns=remap")}));
    const hako::Namespace *userns = remap.findNamespace(hako::NamespaceType::User);
    ASSERT_TRUE(userns);
    EXPECT_TRUE(userns->path.empty());
    // The engine fills the mappings from /etc/subuid and /etc/subgid.
    EXPECT_TRUE(remap.linux.uidMappings.empty());
    EXPECT_EQ(remap.annotations.at(std::string(hako::kUsernsRemapAnnotation)), "hako");

    const hako::Spec named = specOf(parsed({QStringLiteral("--userns=remap:builder")}));
    EXPECT_EQ(named.annotations.at(std::string(hako::kUsernsRemapAnnotation)), "builder");
    // Without the annotation the empty mappings are an error, as for any user namespace.
    hako::Spec bare = named;
    bare.annotations.erase(std::string(hako::kUsernsRemapAnnotation));
    EXPECT_FALSE(hako::validateSpec(bare, hako::ValidateMode::FromImage).empty());
}

TEST(SecurityOptions, UsernsCommandLineAndInspectReadBack)
{
    for (const QString &user : {QString(), QStringLiteral("builder")}) {
        CommandLineRequest request;
        request.options.security.usernsRemap = true;
        request.options.security.usernsRemapUser = user;
        const QString line = renderCommandLine(request);
        const QString flag = user.isEmpty() ? QStringLiteral("--userns=remap")
                                            : QStringLiteral("--userns=remap:") + user;
        EXPECT_EQ(line, QStringLiteral("hakoctl run %1 busybox").arg(flag));
        QString error;
        const auto words = shellSplit(line, &error);
        ASSERT_TRUE(words) << error.toStdString();
        const auto back = fromFlags(words->mid(2, words->size() - 3), &error);
        ASSERT_TRUE(back) << error.toStdString();
        EXPECT_TRUE(*back == request.options.security);

        const hako::Spec spec = specOf(request.options.security);
        const QVariantMap container{{QStringLiteral("Spec"), QString::fromStdString(hako::toJsonText(spec))}};
        EXPECT_EQ(inspectObject(container).value(QStringLiteral("HostConfig")).toObject()
                      .value(QStringLiteral("UsernsMode")).toString(),
                  user.isEmpty() ? QStringLiteral("remap") : QStringLiteral("remap:builder"));
    }
    const QVariantMap plain{{QStringLiteral("Spec"), QString::fromStdString(hako::toJsonText(hako::defaultSpec()))}};
    EXPECT_EQ(inspectObject(plain).value(QStringLiteral("HostConfig")).toObject()
                  .value(QStringLiteral("UsernsMode")).toString(),
              QString());
}
