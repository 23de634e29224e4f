#include "image_text.h"

#include "stats_units.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusMetaType>
#include <QDateTime>

namespace hako::gui {

QString shortImageId(const QString &id)
{
    const qsizetype colon = id.indexOf(QLatin1Char(':'));
    return id.mid(colon + 1).left(12);
}

QList<QVariantMap> variantMapList(const QVariant &value)
{
    if (value.canConvert<QDBusArgument>())
        return qdbus_cast<QList<QVariantMap>>(value.value<QDBusArgument>());
    QList<QVariantMap> maps;
    for (const QVariant &entry : value.toList())
        maps.append(entry.toMap());
    return maps;
}

QString bytesText(quint64 bytes)
{
    return valueText(Quantity::Bytes, double(bytes));
}

namespace {

// The translation context of the texts below.
class ImageText {
    Q_DECLARE_TR_FUNCTIONS(ImageText)
};

constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

} // namespace

QString relativeTimeText(qint64 usecSinceEpoch)
{
    if (usecSinceEpoch <= 0)
        return QStringLiteral("—");
    const qint64 nowSeconds = QDateTime::currentSecsSinceEpoch();
    const qint64 seconds = nowSeconds - usecSinceEpoch / 1000000;
    if (seconds < kMinute)
        return ImageText::tr("just now");
    const int minutes = int(seconds / kMinute);
    const int hours = int(seconds / kHour);
    const int days = int(seconds / kDay);
    if (seconds < kHour)
        return ImageText::tr("%n minute(s) ago", nullptr, minutes);
    if (seconds < kDay)
        return ImageText::tr("%n hour(s) ago", nullptr, hours);
    if (days < 60)
        return ImageText::tr("%n day(s) ago", nullptr, days);
    if (days < 730)
        return ImageText::tr("%n month(s) ago", nullptr, days / 30);
    return ImageText::tr("%n year(s) ago", nullptr, days / 365);
}

} // namespace hako::gui
