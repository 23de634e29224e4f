// How the image and storage views write an image id, a size and an age: Docker's short id
// (12 hex digits, without "sha256:"), binary units as the rest of the app, "3 days ago".
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>
#include <QtGlobal>

namespace hako::gui {

// "sha256:0123456789ab…" → "0123456789ab".
QString shortImageId(const QString &id);
// "1.2 MiB"; "0 B" for nothing.
QString bytesText(quint64 bytes);
// "just now", "5 minutes ago", "3 days ago"; "—" for 0 (unknown).
QString relativeTimeText(qint64 usecSinceEpoch);

// An aa{sv} inside an a{sv} reply (GetImage's History, GetDiskUsage's tables): QtDBus hands
// it over still marshalled; this reads it either way.
QList<QVariantMap> variantMapList(const QVariant &value);

} // namespace hako::gui
