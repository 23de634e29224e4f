// What the security options do to the spec, as docker's daemon does it: capabilities
// tweaked over the default set, the seccomp filter computed for the final set, --privileged
// opening everything, --read-only and its tmpfs mounts.
#include "security_options.h"

#include "seccomp_profile.h"
#include "spec.h"
#include "spec_builder.h"

#include <sys/prctl.h>

#include <algorithm>

namespace hako::cli
{

namespace
{

const QString kAll = QStringLiteral("ALL");

struct TmpfsFlag {
    const char *name;
    const char *setting; // flags of one setting replace each other: "exec" replaces "noexec"
};

// The mount flags --tmpfs takes (docker's table, less bind and rbind, which would make the
// "tmpfs" a bind mount of the host's).
constexpr TmpfsFlag kTmpfsFlags[] = {
    {"rw", "ro"},
    {"ro", "ro"},
    {"suid", "suid"},
    {"nosuid", "suid"},
    {"dev", "dev"},
    {"nodev", "dev"},
    {"exec", "exec"},
    {"noexec", "exec"},
    {"sync", "sync"},
    {"async", "sync"},
    {"dirsync", "dirsync"},
    {"remount", "remount"},
    {"mand", "mand"},
    {"nomand", "mand"},
    {"atime", "atime"},
    {"noatime", "atime"},
    {"diratime", "diratime"},
    {"nodiratime", "diratime"},
    {"relatime", "relatime"},
    {"norelatime", "relatime"},
    {"strictatime", "strictatime"},
    {"nostrictatime", "strictatime"},
    {"private", "propagation"},
    {"rprivate", "propagation"},
    {"shared", "propagation"},
    {"rshared", "propagation"},
    {"slave", "propagation"},
    {"rslave", "propagation"},
    {"unbindable", "propagation"},
    {"runbindable", "propagation"},
};

// tmpfs's own KEY=VALUE options that docker passes to the kernel.
constexpr const char *kTmpfsData[] = {"size",      "mode",      "uid", "gid",
                                      "nr_inodes", "nr_blocks", "mpol"};

// What an option sets ("exec" and "noexec" both set "exec"; "size=1m" sets "=size"), or
// nothing when --tmpfs does not take it.
std::optional<QString> tmpfsSetting(const QString &option)
{
    for (const TmpfsFlag &flag : kTmpfsFlags)
        if (option == QLatin1String(flag.name))
            return QLatin1String(flag.setting);
    const QString key = option.section(QLatin1Char('='), 0, 0);
    if (option.contains(QLatin1Char('=')))
        for (const char *data : kTmpfsData)
            if (key == QLatin1String(data))
                return QLatin1Char('=') + key;
    return std::nullopt;
}

// Go's %q of strings.SplitN(option, "=", 2), as docker's error prints it: ["size" "1m"].
QString goQuotedParts(const QString &option)
{
    const qsizetype eq = option.indexOf(QLatin1Char('='));
    const QStringList parts =
        eq < 0 ? QStringList{option} : QStringList{option.left(eq), option.mid(eq + 1)};
    QStringList quoted;
    for (const QString &part : parts)
        quoted.append(QLatin1Char('"') + part + QLatin1Char('"'));
    return QLatin1Char('[') + quoted.join(QLatin1Char(' ')) + QLatin1Char(']');
}

bool contains(const QStringList &names, const std::string &cap)
{
    return names.contains(QString::fromStdString(cap));
}

void setCapabilities(Spec &spec, const std::vector<std::string> &caps)
{
    if (!spec.process.capabilities)
        spec.process.capabilities = Capabilities{};
    // Inheritable and ambient stay empty even with --privileged, as docker leaves them since
    // CVE-2022-24769: filled, they would hand capabilities to programs run by a non-root user.
    Capabilities &sets = *spec.process.capabilities;
    sets.bounding = sets.effective = sets.permitted = caps;
}

// docker's --privileged beyond capabilities and seccomp: no masked or read-only paths, /sys
// and the cgroup tree writable, every device usable.
void openUp(Spec &spec)
{
    spec.linux.maskedPaths.clear();
    spec.linux.readonlyPaths.clear();
    for (Mount &mount : spec.mounts)
        if (mount.type == "sysfs" || mount.type == "cgroup" || mount.type == "cgroup2")
            std::erase(mount.options, "ro");
    if (!spec.linux.resources)
        spec.linux.resources = Resources{};
    spec.linux.resources->devices = {DeviceRule{true, "a", std::nullopt, std::nullopt, "rwm"}};
}

void applySeccomp(const SecurityOptions &options, const std::vector<std::string> &caps, Spec &spec,
                  QList<SpecProblem> *problems)
{
    if (options.privileged || options.seccomp == SeccompChoice::Unconfined) {
        spec.linux.seccomp.reset();
        return;
    }
    if (options.seccomp == SeccompChoice::Default) {
        // The default profile allows what the final capabilities need (ptrace with
        // SYS_PTRACE, mount with SYS_ADMIN …), so it is computed after --cap-add/--cap-drop.
        spec.linux.seccomp = defaultSeccomp(caps);
        return;
    }
    const std::string_view text(options.seccompProfile.constData(),
                                size_t(options.seccompProfile.size()));
    SeccompProfileResult result = seccompFromProfile(text, caps);
    if (result.seccomp) {
        spec.linux.seccomp = std::move(*result.seccomp);
        return;
    }
    for (const SpecIssue &issue : result.errors)
        problems->append(
            SpecProblem{QStringLiteral("linux.seccomp"),
                        QStringLiteral("seccomp profile %1: %2")
                            .arg(options.seccompProfilePath, QString::fromStdString(issue.text())),
                        {}});
}

void applyTmpfs(const QList<TmpfsMount> &tmpfs, Spec &spec, QList<SpecProblem> *problems)
{
    for (const TmpfsMount &given : tmpfs) {
        QString error;
        const auto options = tmpfsMountOptions(given.options, &error);
        if (!options) {
            problems->append(SpecProblem{QStringLiteral("mounts"), error, given.path});
            continue;
        }
        const Mount mount{given.path.toStdString(), "tmpfs", "tmpfs", *options};
        // A tmpfs on a default mount's place (/dev/shm) replaces it where it stands, so the
        // mounts under it still come after it.
        const auto same = std::find_if(spec.mounts.begin(), spec.mounts.end(), [&](const Mount &m) {
            return m.destination == mount.destination;
        });
        if (same != spec.mounts.end())
            *same = mount;
        else
            spec.mounts.push_back(mount);
    }
}

} // namespace

std::vector<std::string> availableCapabilities()
{
    std::vector<std::string> available;
    const std::vector<std::string> &names = capabilityNames(); // in the kernel's numbering
    for (size_t number = 0; number < names.size(); ++number)
        if (::prctl(PR_CAPBSET_READ, number, 0, 0, 0) == 1)
            available.push_back(names[number]);
    return available;
}

std::optional<std::vector<std::string>> finalCapabilities(const SecurityOptions &options,
                                                          QString *error)
{
    const std::vector<std::string> all = availableCapabilities();
    if (options.privileged)
        return all;
    QString why;
    const auto add = normalizeCapabilities(options.capAdd, &why);
    if (!add) {
        *error = QStringLiteral("invalid CapAdd: ") + why;
        return std::nullopt;
    }
    const auto drop = normalizeCapabilities(options.capDrop, &why);
    if (!drop) {
        *error = QStringLiteral("invalid CapDrop: ") + why;
        return std::nullopt;
    }
    std::vector<std::string> caps;
    if (add->contains(kAll)) {
        for (const std::string &cap : all)
            if (!contains(*drop, cap))
                caps.push_back(cap);
        return caps;
    }
    // Drop first, then add: "--cap-drop ALL --cap-add NET_BIND_SERVICE" keeps that one.
    const std::vector<std::string> defaults = defaultSpec().process.capabilities->bounding;
    if (!drop->contains(kAll))
        for (const std::string &cap : defaults)
            if (!contains(*drop, cap))
                caps.push_back(cap);
    for (const QString &cap : *add)
        if (std::find(caps.begin(), caps.end(), cap.toStdString()) == caps.end())
            caps.push_back(cap.toStdString());
    return caps;
}

std::optional<std::vector<std::string>> tmpfsMountOptions(const QString &given, QString *error)
{
    QStringList options = {QStringLiteral("rw"), QStringLiteral("noexec"), QStringLiteral("nosuid"),
                           QStringLiteral("nodev")};
    if (!given.isEmpty())
        options.append(given.split(QLatin1Char(',')));
    // From the end, keeping the last word for each setting in its place (docker's
    // MergeTmpfsOptions).
    QStringList seen;
    std::vector<std::string> merged;
    for (qsizetype i = options.size() - 1; i >= 0; --i) {
        if (options[i] == QLatin1String("defaults"))
            continue;
        const auto setting = tmpfsSetting(options[i]);
        if (!setting) {
            *error = QStringLiteral("invalid tmpfs option %1").arg(goQuotedParts(options[i]));
            return std::nullopt;
        }
        if (seen.contains(*setting))
            continue;
        seen.append(*setting);
        merged.insert(merged.begin(), options[i].toStdString());
    }
    return merged;
}

// --userns=remap[:USER]: a new user namespace and the user whose ranges the engine maps it
// to (it fills the mappings at create, from the host's /etc/subuid and /etc/subgid).
static void applyUsernsRemap(const SecurityOptions &options, Spec &spec)
{
    if (!options.usernsRemap)
        return;
    if (!spec.hasNamespace(NamespaceType::User))
        spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.annotations[std::string(kUsernsRemapAnnotation)] =
        options.usernsRemapUser.isEmpty() ? std::string(kDefaultRemapUser)
                                          : options.usernsRemapUser.toStdString();
}

void applySecurityOptions(const SecurityOptions &options, Spec &spec, QList<SpecProblem> *problems)
{
    QString error;
    const auto caps = finalCapabilities(options, &error);
    if (!caps) {
        problems->append(SpecProblem{QStringLiteral("process.capabilities"), error, {}});
        return;
    }
    setCapabilities(spec, *caps);
    applySeccomp(options, *caps, spec, problems);
    if (options.privileged)
        openUp(spec);
    if (options.unmaskSystemPaths) {
        spec.linux.maskedPaths.clear();
        spec.linux.readonlyPaths.clear();
    }
    spec.process.noNewPrivileges = options.noNewPrivileges;
    spec.root.readonly = options.readOnly;
    applyTmpfs(options.tmpfs, spec, problems);
    applyUsernsRemap(options, spec);
}

} // namespace hako::cli
