// -v and --mount as docker's CLI and daemon read them (opts/mount.go, volume/mounts's Linux
// parser): the CLI's syntax errors and the daemon's "invalid mount config" ones, since Hako's
// client does both before anything is sent.
#include "mount_options.h"

#include "resource_options.h"
#include "security_options.h"
#include "spec_builder.h"

#include "spec.h"

#include <QRegularExpression>

#include <algorithm>

namespace hako::cli
{

namespace
{

QString kindName(MountKind kind)
{
    return kind == MountKind::Bind ? QStringLiteral("bind") : QStringLiteral("volume");
}

// The daemon's check of a mount's two paths, worded as docker's "invalid mount config".
QString mountConfigProblem(const MountRequest &mount)
{
    const QString prefix = QStringLiteral("invalid mount config for type \"%1\": ").arg(kindName(mount.kind));
    if (mount.destination.isEmpty())
        return prefix + QStringLiteral("field Target must not be empty");
    if (!mount.destination.startsWith(QLatin1Char('/')))
        return prefix + QStringLiteral("invalid mount path: '%1' mount path must be absolute").arg(mount.destination);
    if (mount.destination == QLatin1String("/"))
        return prefix + QStringLiteral("invalid specification: destination can't be '/'");
    if (mount.kind == MountKind::Bind) {
        if (mount.source.isEmpty())
            return prefix + QStringLiteral("field Source must not be empty");
        if (!mount.source.startsWith(QLatin1Char('/')))
            return prefix + QStringLiteral("invalid mount path: '%1' mount path must be absolute").arg(mount.source);
    } else if (!mount.source.isEmpty() && !isValidVolumeName(mount.source)) {
        return prefix + QStringLiteral("\"%1\" includes invalid characters for a local volume name, only "
                                       "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a "
                                       "host directory, use absolute path")
                            .arg(mount.source);
    }
    return {};
}

// -v's third part: a comma-separated list of which Hako honours ro and rw; the SELinux
// relabels and propagation modes docker also takes have no meaning here and are refused.
bool parseVolumeMode(const QString &mode, bool *readOnly)
{
    bool seen = false;
    for (const QString &word : mode.split(QLatin1Char(','))) {
        if (seen || (word != QLatin1String("ro") && word != QLatin1String("rw")))
            return false;
        seen = true;
        *readOnly = word == QLatin1String("ro");
    }
    return true;
}

// Go's strconv.ParseBool, as --mount's readonly=VALUE takes it.
std::optional<bool> parseBoolValue(const QString &text)
{
    static const QStringList yes = {QStringLiteral("1"), QStringLiteral("t"), QStringLiteral("T"),
                                    QStringLiteral("TRUE"), QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no = {QStringLiteral("0"), QStringLiteral("f"), QStringLiteral("F"),
                                   QStringLiteral("FALSE"), QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

struct MountFields {
    QString type, source, target;
    bool readOnly = false;
    QStringList tmpfsOptions; // size=…, mode=…
};

// One key=value field of --mount into `fields`; the error is docker's opts/mount.go wording.
bool readMountField(const QString &field, MountFields &fields, QString *error)
{
    const qsizetype eq = field.indexOf(QLatin1Char('='));
    const QString key = (eq < 0 ? field : field.left(eq)).toLower();
    const QString value = eq < 0 ? QString() : field.mid(eq + 1);
    if (eq < 0) {
        if (key == QLatin1String("readonly") || key == QLatin1String("ro")) {
            fields.readOnly = true;
            return true;
        }
        *error = QStringLiteral("invalid field '%1' must be a key=value pair").arg(field);
        return false;
    }
    auto badValue = [&] {
        *error = QStringLiteral("invalid value for %1: %2").arg(key, value);
        return false;
    };
    if (key == QLatin1String("type")) {
        fields.type = value.toLower();
    } else if (key == QLatin1String("source") || key == QLatin1String("src")) {
        fields.source = value;
    } else if (key == QLatin1String("target") || key == QLatin1String("dst") || key == QLatin1String("destination")) {
        fields.target = value;
    } else if (key == QLatin1String("readonly") || key == QLatin1String("ro")) {
        const auto flag = parseBoolValue(value);
        if (!flag)
            return badValue();
        fields.readOnly = *flag;
    } else if (key == QLatin1String("tmpfs-size")) {
        QString why;
        const auto bytes = parseByteSize(value, &why);
        if (!bytes || *bytes <= 0)
            return badValue();
        fields.tmpfsOptions.append(QStringLiteral("size=%1").arg(*bytes));
    } else if (key == QLatin1String("tmpfs-mode")) {
        bool ok = false;
        const uint mode = value.toUInt(&ok, 8);
        if (!ok || mode > 07777)
            return badValue();
        fields.tmpfsOptions.append(QStringLiteral("mode=%1").arg(mode, 0, 8));
    } else {
        *error = QStringLiteral("unexpected key '%1' in '%2'").arg(key, field);
        return false;
    }
    return true;
}

} // namespace

bool isValidVolumeName(const QString &name)
{
    static const QRegularExpression rule(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
    return rule.match(name).hasMatch();
}

QList<FlagDef> mountFlagDefs()
{
    return {
        FlagDef{QStringLiteral("mount"), QChar(), FlagKind::List,
                QStringLiteral("Attach a filesystem mount to the container"), QString(), QStringLiteral("mount")},
        FlagDef{QStringLiteral("volume"), QLatin1Char('v'), FlagKind::List,
                QStringLiteral("Bind mount a volume"), QString()},
    };
}

std::optional<MountRequest> parseVolumeFlag(const QString &value, QString *error)
{
    const QStringList parts = value.split(QLatin1Char(':'));
    auto invalid = [&](const QString &why) {
        *error = QStringLiteral("invalid volume specification: '%1'").arg(value);
        if (!why.isEmpty())
            *error += QStringLiteral(": ") + why;
        return std::nullopt;
    };
    if (value.isEmpty() || parts.size() > 3)
        return invalid({});
    MountRequest mount;
    if (parts.size() == 1) {
        mount.destination = parts[0]; // -v /data: an anonymous volume
    } else {
        mount.source = parts[0];
        mount.destination = parts[1];
        if (mount.source.isEmpty())
            return invalid({});
        // A path, absolute or not, is a bind mount; anything else names a volume.
        if (mount.source.startsWith(QLatin1Char('/')) || mount.source.startsWith(QLatin1Char('.'))
            || mount.source.contains(QLatin1Char('/')))
            mount.kind = MountKind::Bind;
    }
    if (parts.size() == 3 && !parseVolumeMode(parts[2], &mount.readOnly)) {
        *error = QStringLiteral("invalid mode: %1").arg(parts[2]);
        return std::nullopt;
    }
    const QString problem = mountConfigProblem(mount);
    if (!problem.isEmpty())
        return invalid(problem);
    return mount;
}

std::optional<MountRequest> parseMountFlag(const QString &value, std::optional<TmpfsMount> *tmpfs, QString *error)
{
    auto invalid = [&](const QString &why) {
        *error = QStringLiteral("invalid argument \"%1\" for \"--mount\" flag: %2").arg(value, why);
        return std::nullopt;
    };
    MountFields fields;
    QString why;
    for (const QString &field : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!readMountField(field.trimmed(), fields, &why))
            return invalid(why);
    if (fields.type.isEmpty())
        return invalid(QStringLiteral("type is required"));
    if (fields.target.isEmpty())
        return invalid(QStringLiteral("target is required"));
    if (fields.type != QLatin1String("tmpfs") && !fields.tmpfsOptions.isEmpty())
        return invalid(QStringLiteral("cannot mix 'tmpfs-*' options with mount type '%1'").arg(fields.type));
    if (fields.type == QLatin1String("tmpfs")) {
        if (!fields.source.isEmpty())
            return invalid(QStringLiteral("invalid mount config for type \"tmpfs\": field Source must not be specified"));
        if (!fields.target.startsWith(QLatin1Char('/')))
            return invalid(QStringLiteral("invalid mount config for type \"tmpfs\": invalid mount path: '%1' mount path must be absolute")
                               .arg(fields.target));
        QStringList options = fields.tmpfsOptions;
        if (fields.readOnly)
            options.prepend(QStringLiteral("ro"));
        *tmpfs = TmpfsMount{fields.target, options.join(QLatin1Char(','))};
        return MountRequest{};
    }
    if (fields.type != QLatin1String("bind") && fields.type != QLatin1String("volume"))
        return invalid(QStringLiteral("invalid value for type: %1 (bind, volume or tmpfs)").arg(fields.type));
    const MountRequest mount{fields.type == QLatin1String("bind") ? MountKind::Bind : MountKind::Volume,
                             fields.source, fields.target, fields.readOnly};
    const QString problem = mountConfigProblem(mount);
    if (!problem.isEmpty())
        return invalid(problem);
    return mount;
}

std::optional<QList<MountRequest>> mountRequestsFromArgs(const ParsedArgs &args, QList<TmpfsMount> *tmpfs,
                                                         QString *error)
{
    QList<MountRequest> mounts;
    QStringList destinations;
    for (const TmpfsMount &mount : *tmpfs)
        destinations.append(mount.path);
    auto add = [&](const QString &destination) {
        if (destinations.contains(destination)) {
            *error = QStringLiteral("Duplicate mount point: %1").arg(destination);
            return false;
        }
        destinations.append(destination);
        return true;
    };
    for (const QString &value : args.values(QStringLiteral("volume"))) {
        const auto mount = parseVolumeFlag(value, error);
        if (!mount || !add(mount->destination))
            return std::nullopt;
        mounts.append(*mount);
    }
    for (const QString &value : args.values(QStringLiteral("mount"))) {
        std::optional<TmpfsMount> tmpfsMount;
        const auto mount = parseMountFlag(value, &tmpfsMount, error);
        if (!mount)
            return std::nullopt;
        if (!add(tmpfsMount ? tmpfsMount->path : mount->destination))
            return std::nullopt;
        if (tmpfsMount) {
            // Checked now so a bad size reads as --mount's error, not --tmpfs's.
            QString why;
            if (!tmpfsMountOptions(tmpfsMount->options, &why)) {
                *error = QStringLiteral("invalid argument \"%1\" for \"--mount\" flag: %2").arg(value, why);
                return std::nullopt;
            }
            tmpfs->append(*tmpfsMount);
            continue;
        }
        mounts.append(*mount);
    }
    return mounts;
}

void applyMountRequests(const QList<MountRequest> &mounts, Spec &spec, QList<SpecProblem> *problems)
{
    for (const MountRequest &request : mounts) {
        const QString problem = mountConfigProblem(request);
        if (!problem.isEmpty()) {
            problems->append(SpecProblem{QStringLiteral("mounts"), problem, request.destination});
            continue;
        }
        Mount mount;
        mount.destination = request.destination.toStdString();
        mount.source = request.source.toStdString();
        if (request.kind == MountKind::Bind) {
            mount.type = "bind";
            mount.options = {"rbind"};
            if (request.readOnly)
                mount.options.push_back("ro");
        } else {
            mount.type = "volume";
            mount.options = {request.readOnly ? "ro" : "rw"};
        }
        const auto same = std::find_if(spec.mounts.begin(), spec.mounts.end(),
                                       [&](const Mount &m) { return m.destination == mount.destination; });
        if (same != spec.mounts.end())
            *same = mount;
        else
            spec.mounts.push_back(mount);
    }
}

QStringList mountFlagWords(const QList<MountRequest> &mounts)
{
    QStringList words;
    for (const MountRequest &mount : mounts) {
        QString value = mount.source.isEmpty() ? mount.destination : mount.source + QLatin1Char(':') + mount.destination;
        if (mount.readOnly)
            value += QStringLiteral(":ro");
        words << QStringLiteral("-v") << value;
    }
    return words;
}

} // namespace hako::cli
