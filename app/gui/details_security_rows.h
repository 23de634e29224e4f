// The Security page's comparison, apart from its widgets: what the spec asked for (the
// "Requested" object of GetEffectiveSecurity, or the same computed from the spec) beside what
// the kernel applies ("Effective"), one row per property, and whether the two agree.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hako::gui {

enum class SecurityRow {
    EffectiveCaps,
    PermittedCaps,
    BoundingCaps,
    Seccomp,
    NoNewPrivileges,
    User,
    UidMap,
    GidMap,
};
inline constexpr int kSecurityRowCount = int(SecurityRow::GidMap) + 1;

struct SecurityComparison {
    QString title;   // "Effective capabilities"
    QString asked;   // what the spec asked for, in words
    QString inForce; // what the kernel reports; "—" while there is nothing to read
    QString inForceDetail; // a tooltip for the kernel's side (the four ids, full names), may be empty
    std::optional<bool> matches; // nothing: not compared (not running, or nothing to compare)
    QString difference; // why they differ, when they do
};

class SecurityRows {
    Q_DECLARE_TR_FUNCTIONS(hako::gui::SecurityRows)
public:
    // `effective` empty: the container is not running; only the asked-for side is filled.
    static QList<SecurityComparison> compare(const QJsonObject &requested,
                                             const std::optional<QJsonObject> &effective);
    static QString title(SecurityRow row);
    // "CAP_NET_BIND_SERVICE" → "NET_BIND_SERVICE"; a bit without a name stays "CAP_45"
    static QString shortCapabilityName(const QString &name);
};

} // namespace hako::gui
