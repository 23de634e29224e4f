// The D-Bus replies' nested values as plain Qt values: QtDBus hands a map or a list of maps
// inside a variant (GetImage's History and Labels, GetDiskUsage's tables) over still as a
// QDBusArgument, which the views (plain QVariant readers) cannot read.
#pragma once

#include <QList>
#include <QVariant>
#include <QVariantMap>

namespace hako::cli {

QVariant plainValue(const QVariant &value); // a{sv}, a{ss} → QVariantMap; aa{sv} → QVariantList
QVariantMap plainMap(const QVariantMap &map);
QList<QVariantMap> plainMaps(const QList<QVariantMap> &maps);
// A field holding aa{sv}, as a list of plain maps.
QList<QVariantMap> mapList(const QVariant &value);

} // namespace hako::cli
