#include "dbus_values.h"

#include <QDBusArgument>
#include <QDBusMetaType>

namespace hako::cli {

QVariant plainValue(const QVariant &value)
{
    if (value.userType() != qMetaTypeId<QDBusArgument>())
        return value;
    const auto argument = value.value<QDBusArgument>();
    const QString signature = argument.currentSignature();
    if (signature == QLatin1String("a{sv}"))
        return plainMap(qdbus_cast<QVariantMap>(argument));
    if (signature == QLatin1String("a{ss}")) {
        QVariantMap map;
        const auto strings = qdbus_cast<QMap<QString, QString>>(argument);
        for (auto it = strings.begin(); it != strings.end(); ++it)
            map.insert(it.key(), it.value());
        return map;
    }
    if (signature == QLatin1String("aa{sv}")) {
        QVariantList list;
        for (const QVariantMap &map : qdbus_cast<QList<QVariantMap>>(argument))
            list.append(plainMap(map));
        return list;
    }
    if (signature == QLatin1String("as"))
        return qdbus_cast<QStringList>(argument);
    return value;
}

QVariantMap plainMap(const QVariantMap &map)
{
    QVariantMap out;
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), plainValue(it.value()));
    return out;
}

QList<QVariantMap> plainMaps(const QList<QVariantMap> &maps)
{
    QList<QVariantMap> out;
    for (const QVariantMap &map : maps)
        out.append(plainMap(map));
    return out;
}

QList<QVariantMap> mapList(const QVariant &value)
{
    QList<QVariantMap> out;
    for (const QVariant &item : plainValue(value).toList())
        out.append(item.toMap());
    return out;
}

} // namespace hako::cli
