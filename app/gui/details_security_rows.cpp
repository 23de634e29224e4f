#include "details_security_rows.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <set>

namespace hako::gui {

namespace {

const QString kNotRead = QStringLiteral("—");

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out.append(item.toString());
    return out;
}

// Compact and in one order on both sides, so the eye can match them: short names, sorted.
QString capabilityList(QStringList names)
{
    if (names.isEmpty())
        return SecurityRows::tr("none");
    for (QString &name : names)
        name = SecurityRows::shortCapabilityName(name);
    names.sort();
    return names.join(QStringLiteral(", "));
}

QString capabilityDifference(const QStringList &asked, const QStringList &inForce)
{
    const std::set<QString> a(asked.begin(), asked.end()), k(inForce.begin(), inForce.end());
    QStringList missing, extra;
    std::set_difference(a.begin(), a.end(), k.begin(), k.end(), std::back_inserter(missing));
    std::set_difference(k.begin(), k.end(), a.begin(), a.end(), std::back_inserter(extra));
    QStringList lines;
    if (!missing.isEmpty())
        lines.append(SecurityRows::tr("Asked for but not in force: %1").arg(capabilityList(missing)));
    if (!extra.isEmpty())
        lines.append(SecurityRows::tr("In force but not asked for: %1").arg(capabilityList(extra)));
    return lines.join(QLatin1Char('\n'));
}

SecurityComparison capabilities(SecurityRow row, const QJsonObject &requested,
                                const std::optional<QJsonObject> &effective)
{
    static const char *const kAsked[] = {"Effective", "Permitted", "Bounding"};
    static const char *const kKernel[] = {"CapEff", "CapPrm", "CapBnd"};
    const int set = int(row) - int(SecurityRow::EffectiveCaps);
    const QStringList asked =
        stringsOf(requested[QStringLiteral("Capabilities")].toObject()[QLatin1String(kAsked[set])]);
    SecurityComparison out{SecurityRows::title(row), capabilityList(asked), kNotRead, {}, {}, {}};
    if (!effective)
        return out;
    const QStringList inForce = stringsOf((*effective)[QLatin1String(kKernel[set])]);
    out.inForce = capabilityList(inForce);
    out.inForceDetail = inForce.join(QLatin1Char('\n'));
    out.difference = capabilityDifference(asked, inForce);
    out.matches = out.difference.isEmpty();
    return out;
}

SecurityComparison seccomp(const QJsonObject &requested, const std::optional<QJsonObject> &effective)
{
    const QJsonObject asked = requested[QStringLiteral("Seccomp")].toObject();
    const QString profile = asked[QStringLiteral("Profile")].toString();
    const int rules = asked[QStringLiteral("Rules")].toInt();
    SecurityComparison out{SecurityRows::title(SecurityRow::Seccomp), {}, kNotRead, {}, {}, {}};
    const bool filtered = profile != QLatin1String("unconfined");
    if (profile == QLatin1String("default"))
        out.asked = SecurityRows::tr("filter: the default profile, %n rule(s)", nullptr, rules);
    else if (filtered)
        out.asked = SecurityRows::tr("filter: a custom profile, %n rule(s)", nullptr, rules);
    else
        out.asked = SecurityRows::tr("none (unconfined)");
    if (!effective)
        return out;
    const int mode = (*effective)[QStringLiteral("Seccomp")].toInt();
    const int filters = (*effective)[QStringLiteral("SeccompFilters")].toInt();
    if (mode == 2)
        out.inForce = SecurityRows::tr("filter, %n filter(s) on the process", nullptr, filters);
    else if (mode == 1)
        out.inForce = SecurityRows::tr("strict");
    else
        out.inForce = SecurityRows::tr("none");
    out.matches = filtered ? mode == 2 && filters >= 1 : mode == 0;
    if (!*out.matches)
        out.difference = filtered ? SecurityRows::tr("A seccomp filter was asked for, but the kernel reports none on the process.")
                                  : SecurityRows::tr("No seccomp filter was asked for, but the process has one (inherited from whoever started it).");
    return out;
}

QString yesNo(bool value)
{
    return value ? SecurityRows::tr("yes") : SecurityRows::tr("no");
}

SecurityComparison noNewPrivileges(const QJsonObject &requested, const std::optional<QJsonObject> &effective)
{
    const bool asked = requested[QStringLiteral("NoNewPrivileges")].toBool();
    SecurityComparison out{SecurityRows::title(SecurityRow::NoNewPrivileges), yesNo(asked), kNotRead, {}, {}, {}};
    if (!effective)
        return out;
    const bool inForce = (*effective)[QStringLiteral("NoNewPrivs")].toBool();
    out.inForce = yesNo(inForce);
    out.matches = asked == inForce;
    if (!*out.matches)
        out.difference = asked ? SecurityRows::tr("no_new_privs was asked for but is not set: setuid programs can gain privileges.")
                               : SecurityRows::tr("no_new_privs is set although the spec did not ask for it.");
    return out;
}

QString idPair(const QJsonValue &uid, const QJsonValue &gid)
{
    return SecurityRows::tr("uid %1, gid %2").arg(uid.toInteger()).arg(gid.toInteger());
}

SecurityComparison user(const QJsonObject &requested, const std::optional<QJsonObject> &effective)
{
    const QJsonObject asked = requested[QStringLiteral("User")].toObject();
    const QJsonValue hostUid = asked[QStringLiteral("HostUID")], hostGid = asked[QStringLiteral("HostGID")];
    SecurityComparison out{SecurityRows::title(SecurityRow::User), {}, kNotRead, {}, {}, {}};
    const QString inside = idPair(asked[QStringLiteral("UID")], asked[QStringLiteral("GID")]);
    if (hostUid.isNull() || hostGid.isNull())
        out.asked = SecurityRows::tr("%1 inside, not mapped on the host").arg(inside);
    else if (requested[QStringLiteral("UserNamespace")].toBool())
        out.asked = SecurityRows::tr("%1 on the host (%2 inside)").arg(idPair(hostUid, hostGid), inside);
    else
        out.asked = SecurityRows::tr("%1 on the host").arg(idPair(hostUid, hostGid));
    if (!effective)
        return out;
    const QJsonArray uids = (*effective)[QStringLiteral("Uid")].toArray();
    const QJsonArray gids = (*effective)[QStringLiteral("Gid")].toArray();
    if (uids.size() < 2 || gids.size() < 2)
        return out;
    // The effective ids (the second of real, effective, saved, filesystem) decide access.
    out.inForce = SecurityRows::tr("%1 on the host").arg(idPair(uids[1], gids[1]));
    auto ids = [](const QJsonArray &list) {
        QStringList words;
        for (const QJsonValue &id : list)
            words.append(QString::number(id.toInteger()));
        return words.join(QLatin1Char(' '));
    };
    out.inForceDetail = SecurityRows::tr("Real, effective, saved and file-system ids:\nuid %1\ngid %2")
                            .arg(ids(uids), ids(gids));
    out.matches = !hostUid.isNull() && !hostGid.isNull() && uids[1].toInteger() == hostUid.toInteger() &&
                  gids[1].toInteger() == hostGid.toInteger();
    if (!*out.matches)
        out.difference = SecurityRows::tr("The process runs as other host ids than the spec's user maps to.");
    return out;
}

bool isIdentityMap(const QJsonArray &map)
{
    if (map.size() != 1)
        return false;
    const QJsonObject line = map[0].toObject();
    return line[QStringLiteral("containerID")].toInteger() == 0 &&
           line[QStringLiteral("hostID")].toInteger() == 0 &&
           line[QStringLiteral("size")].toInteger() == 4294967295LL;
}

QString mapText(const QJsonArray &map)
{
    QStringList lines;
    for (const QJsonValue &value : map) {
        const QJsonObject line = value.toObject();
        const qint64 size = line[QStringLiteral("size")].toInteger();
        lines.append(SecurityRows::tr("%1 → %2, %n id(s)", nullptr, int(std::min<qint64>(size, INT32_MAX)))
                         .arg(line[QStringLiteral("containerID")].toInteger())
                         .arg(line[QStringLiteral("hostID")].toInteger()));
    }
    return lines.join(QLatin1Char('\n'));
}

SecurityComparison idMap(SecurityRow row, const QJsonObject &requested, const std::optional<QJsonObject> &effective)
{
    const bool uid = row == SecurityRow::UidMap;
    const QJsonArray asked = requested[uid ? QStringLiteral("UidMappings") : QStringLiteral("GidMappings")].toArray();
    const bool userNamespace = requested[QStringLiteral("UserNamespace")].toBool();
    SecurityComparison out{SecurityRows::title(row), {}, kNotRead, {}, {}, {}};
    if (!userNamespace)
        out.asked = SecurityRows::tr("the host's own (no user namespace)");
    else if (asked.isEmpty())
        out.asked = SecurityRows::tr("the joined namespace's");
    else
        out.asked = mapText(asked);
    if (!effective)
        return out;
    const QJsonArray inForce = (*effective)[uid ? QStringLiteral("UidMap") : QStringLiteral("GidMap")].toArray();
    out.inForce = isIdentityMap(inForce) ? SecurityRows::tr("the host's own") : mapText(inForce);
    if (userNamespace && asked.isEmpty())
        return out; // a joined namespace: nothing in the spec to compare with
    out.matches = userNamespace ? inForce == asked : isIdentityMap(inForce);
    if (!*out.matches)
        out.difference = userNamespace ? SecurityRows::tr("The kernel's map differs from the spec's mappings.")
                                       : SecurityRows::tr("No user namespace was asked for, but the process is in one.");
    return out;
}

} // namespace

QString SecurityRows::title(SecurityRow row)
{
    switch (row) {
    case SecurityRow::EffectiveCaps: return tr("Effective capabilities");
    case SecurityRow::PermittedCaps: return tr("Permitted capabilities");
    case SecurityRow::BoundingCaps: return tr("Bounding set");
    case SecurityRow::Seccomp: return tr("Seccomp");
    case SecurityRow::NoNewPrivileges: return tr("No new privileges");
    case SecurityRow::User: return tr("User");
    case SecurityRow::UidMap: return tr("UID map");
    case SecurityRow::GidMap: return tr("GID map");
    }
    return {};
}

QString SecurityRows::shortCapabilityName(const QString &name)
{
    // A bit without a name ("CAP_45") keeps its prefix: "45" alone would say nothing.
    const QString rest = name.startsWith(QLatin1String("CAP_")) ? name.mid(4) : name;
    bool numeric = false;
    rest.toInt(&numeric);
    return numeric ? name : rest;
}

QList<SecurityComparison> SecurityRows::compare(const QJsonObject &requested,
                                                const std::optional<QJsonObject> &effective)
{
    return {capabilities(SecurityRow::EffectiveCaps, requested, effective),
            capabilities(SecurityRow::PermittedCaps, requested, effective),
            capabilities(SecurityRow::BoundingCaps, requested, effective),
            seccomp(requested, effective),
            noNewPrivileges(requested, effective),
            user(requested, effective),
            idMap(SecurityRow::UidMap, requested, effective),
            idMap(SecurityRow::GidMap, requested, effective)};
}

} // namespace hako::gui
