// Docker's security flags: their table, the parsing of their values with docker's wording
// (the CLI's own checks and the daemon's, since Hako's client does both), and the
// command-line words that give them back. What they do to the spec is security_spec.cpp.
#include "security_options.h"

#include "spec.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace hako::cli
{

namespace
{

FlagDef securityFlag(const char *name, FlagKind kind, const char *help)
{
    return FlagDef{QLatin1String(name), QChar(), kind, QLatin1String(help), QString()};
}

// Go's strconv.ParseBool.
std::optional<bool> parseGoBool(const QString &text)
{
    static const QStringList yes = {QStringLiteral("1"),    QStringLiteral("t"),
                                    QStringLiteral("T"),    QStringLiteral("TRUE"),
                                    QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no = {QStringLiteral("0"),     QStringLiteral("f"),
                                   QStringLiteral("F"),     QStringLiteral("FALSE"),
                                   QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

// "invalid CapAdd: unknown capability: \"CAP_FOO\"", as the daemon wraps the error.
bool checkCapabilityFlag(const QStringList &names, const char *field, QString *error)
{
    QString why;
    if (normalizeCapabilities(names, &why))
        return true;
    *error = QStringLiteral("invalid %1: %2").arg(QLatin1String(field), why);
    return false;
}

bool parseTmpfsFlags(const QStringList &values, SecurityOptions &options, QString *error)
{
    for (const QString &value : values) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        TmpfsMount mount{colon < 0 ? value : value.left(colon),
                         colon < 0 ? QString() : value.mid(colon + 1)};
        // The daemon's ValidateTmpfsMountDestination.
        if (mount.path == QLatin1String("/")) {
            *error = QStringLiteral("invalid specification: destination can't be '/'");
            return false;
        }
        if (!mount.path.startsWith(QLatin1Char('/'))) {
            *error = QStringLiteral("invalid mount path: '%1' mount path must be absolute")
                         .arg(mount.path);
            return false;
        }
        if (!tmpfsMountOptions(mount.options, error))
            return false;
        // docker keeps one tmpfs per destination (a map): the last given wins.
        options.tmpfs.removeIf([&](const TmpfsMount &m) { return m.path == mount.path; });
        options.tmpfs.append(mount);
    }
    return true;
}

// --userns: "host" (or absent) keeps the host's ids; "remap" and "remap:USER" map the
// container's root to USER's subordinate ids (the default user, see kUsernsRemapAnnotation).
bool parseUsernsFlag(const QString &value, SecurityOptions &options, QString *error)
{
    const QString remap = QStringLiteral("remap");
    if (value.isEmpty() || value == QLatin1String("host")) {
        options.usernsRemap = false;
        options.usernsRemapUser.clear();
        return true;
    }
    const QString user = value.startsWith(remap + QLatin1Char(':')) ? value.mid(remap.size() + 1) : QString();
    // A user name as shadow's tools accept it: no separators or blanks that would break a
    // line of /etc/subuid.
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?$"));
    if (value != remap && !name.match(user).hasMatch()) {
        *error = QStringLiteral("invalid argument \"%1\" for \"--userns\" flag: invalid USER mode "
                                "(use host, remap or remap:USER)")
                     .arg(value);
        return false;
    }
    options.usernsRemap = true;
    options.usernsRemapUser = user;
    return true;
}

QString activeModules(const QString &lsmList, bool *readable)
{
    QFile file(lsmList);
    *readable = file.open(QIODevice::ReadOnly);
    return *readable ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

} // namespace

bool SecurityOptions::empty() const
{
    return *this == SecurityOptions{};
}

QList<FlagDef> securityFlagDefs()
{
    return {
        securityFlag("cap-add", FlagKind::List, "Add Linux capabilities"),
        securityFlag("cap-drop", FlagKind::List, "Drop Linux capabilities"),
        securityFlag("privileged", FlagKind::Bool, "Give extended privileges to this container"),
        securityFlag("read-only", FlagKind::Bool,
                     "Mount the container's root filesystem as read only"),
        securityFlag("security-opt", FlagKind::List, "Security Options"),
        securityFlag("tmpfs", FlagKind::List, "Mount a tmpfs directory"),
        securityFlag("userns", FlagKind::String, "User namespace to use (host|remap[:USER])"),
    };
}

std::optional<QStringList> normalizeCapabilities(const QStringList &names, QString *error)
{
    const std::vector<std::string> &known = capabilityNames();
    QStringList normalized;
    for (const QString &name : names) {
        QString cap = name.toUpper();
        if (cap != QLatin1String("ALL") && !cap.startsWith(QLatin1String("CAP_")))
            cap.prepend(QLatin1String("CAP_"));
        if (cap != QLatin1String("ALL") &&
            std::find(known.begin(), known.end(), cap.toStdString()) == known.end()) {
            *error = QStringLiteral("unknown capability: \"%1\"").arg(cap);
            return std::nullopt;
        }
        normalized.append(cap);
    }
    return normalized;
}

std::optional<QByteArray> readSeccompProfile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        // Go's error text: "open PATH: no such file or directory".
        QString why = file.errorString();
        if (!why.isEmpty())
            why[0] = why[0].toLower();
        *error = QStringLiteral("opening seccomp profile (%1) failed: open %1: %2").arg(path, why);
        return std::nullopt;
    }
    return file.readAll();
}

QString lsmUnavailable(const QString &option, const QString &lsm, const QString &lsmList)
{
    const QString display =
        lsm == QLatin1String("selinux") ? QStringLiteral("SELinux") : QStringLiteral("AppArmor");
    const QString what =
        lsm == QLatin1String("selinux") ? QStringLiteral("label") : QStringLiteral("profile");
    bool readable = false;
    const QString modules = activeModules(lsmList, &readable);
    if (modules.split(QLatin1Char(',')).contains(lsm))
        return QStringLiteral("--security-opt %1: %2 is enabled on this host, but Hako does not "
                              "apply %2 %3s yet")
            .arg(option, display, what);
    const QString evidence =
        readable
            ? QStringLiteral("the active security modules are: %1").arg(modules)
            : QStringLiteral("no list of active security modules: %1 cannot be read").arg(lsmList);
    return QStringLiteral(
               "--security-opt %1: %2 is not available on this host (%3), so there is no %2 %4 "
               "to apply; leave the option out")
        .arg(option, display, evidence, what);
}

bool parseSecurityOpt(const QString &value, SecurityOptions &options, QString *error)
{
    // docker's CLI: "KEY=VALUE", or the old "KEY:VALUE"; only no-new-privileges stands alone.
    const QString noNewPrivileges = QStringLiteral("no-new-privileges");
    qsizetype cut = value.indexOf(QLatin1Char('='));
    if (cut < 0 && value != noNewPrivileges)
        cut = value.indexOf(QLatin1Char(':'));
    const QString key = cut < 0 ? value : value.left(cut);
    const QString argument = cut < 0 ? QString() : value.mid(cut + 1);
    if (argument.isEmpty() && key != noNewPrivileges) {
        *error = QStringLiteral("Invalid --security-opt: \"%1\"").arg(value);
        return false;
    }
    // The daemon's words for a key it does not know or a bad boolean.
    const auto unknown = [&] {
        *error = QStringLiteral("invalid --security-opt 2: \"%1\"").arg(value);
        return false;
    };
    if (key == noNewPrivileges) {
        const auto on = cut < 0 ? std::optional<bool>(true) : parseGoBool(argument);
        if (!on)
            return unknown();
        options.noNewPrivileges = *on;
    } else if (key == QLatin1String("seccomp")) {
        if (argument == QLatin1String("unconfined")) {
            options.seccomp = SeccompChoice::Unconfined;
            options.seccompProfilePath.clear();
            options.seccompProfile.clear();
            return true;
        }
        const auto text = readSeccompProfile(argument, error);
        if (!text)
            return false;
        options.seccomp = SeccompChoice::Profile;
        options.seccompProfilePath = argument;
        options.seccompProfile = *text;
    } else if (key == QLatin1String("systempaths")) {
        if (argument != QLatin1String("unconfined"))
            return unknown();
        options.unmaskSystemPaths = true;
    } else if (key == QLatin1String("label")) {
        *error = lsmUnavailable(value, QStringLiteral("selinux"));
        return false;
    } else if (key == QLatin1String("apparmor")) {
        *error = lsmUnavailable(value, QStringLiteral("apparmor"));
        return false;
    } else {
        return unknown();
    }
    return true;
}

std::optional<SecurityOptions> securityOptionsFromArgs(const ParsedArgs &args, QString *error)
{
    SecurityOptions options;
    options.capAdd = args.values(QStringLiteral("cap-add"));
    options.capDrop = args.values(QStringLiteral("cap-drop"));
    if (!checkCapabilityFlag(options.capAdd, "CapAdd", error) ||
        !checkCapabilityFlag(options.capDrop, "CapDrop", error))
        return std::nullopt;
    options.privileged = args.boolean(QStringLiteral("privileged"));
    options.readOnly = args.boolean(QStringLiteral("read-only"));
    for (const QString &value : args.values(QStringLiteral("security-opt")))
        if (!parseSecurityOpt(value, options, error))
            return std::nullopt;
    if (!parseTmpfsFlags(args.values(QStringLiteral("tmpfs")), options, error))
        return std::nullopt;
    if (!parseUsernsFlag(args.value(QStringLiteral("userns")), options, error))
        return std::nullopt;
    return options;
}

QStringList securityFlagWords(const SecurityOptions &options)
{
    QStringList words;
    if (options.privileged)
        words << QStringLiteral("--privileged");
    for (const QString &cap : options.capDrop)
        words << QStringLiteral("--cap-drop") << cap;
    for (const QString &cap : options.capAdd)
        words << QStringLiteral("--cap-add") << cap;
    const QString opt = QStringLiteral("--security-opt");
    if (options.seccomp == SeccompChoice::Unconfined)
        words << opt << QStringLiteral("seccomp=unconfined");
    else if (options.seccomp == SeccompChoice::Profile)
        words << opt << QStringLiteral("seccomp=") + options.seccompProfilePath;
    if (options.noNewPrivileges)
        words << opt << QStringLiteral("no-new-privileges");
    if (options.unmaskSystemPaths)
        words << opt << QStringLiteral("systempaths=unconfined");
    if (options.readOnly)
        words << QStringLiteral("--read-only");
    for (const TmpfsMount &mount : options.tmpfs)
        words << QStringLiteral("--tmpfs")
              << (mount.options.isEmpty() ? mount.path
                                          : mount.path + QLatin1Char(':') + mount.options);
    if (options.usernsRemap)
        words << (options.usernsRemapUser.isEmpty()
                      ? QStringLiteral("--userns=remap")
                      : QStringLiteral("--userns=remap:") + options.usernsRemapUser);
    return words;
}

} // namespace hako::cli
