#include "humanize.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>
#include <iterator>

namespace hako::cli {

QString humanDuration(int64_t seconds)
{
    if (seconds < 1)
        return QStringLiteral("Less than a second");
    if (seconds == 1)
        return QStringLiteral("1 second");
    if (seconds < 60)
        return QStringLiteral("%1 seconds").arg(seconds);
    const int64_t minutes = seconds / 60;
    if (minutes == 1)
        return QStringLiteral("About a minute");
    if (minutes < 60)
        return QStringLiteral("%1 minutes").arg(minutes);
    // Go rounds hours to the nearest one here (int(d.Hours() + 0.5)).
    const int64_t hours = static_cast<int64_t>(std::floor(seconds / 3600.0 + 0.5));
    if (hours == 1)
        return QStringLiteral("About an hour");
    if (hours < 48)
        return QStringLiteral("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return QStringLiteral("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return QStringLiteral("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1 months").arg(hours / 24 / 30);
    return QStringLiteral("%1 years").arg(seconds / 3600 / 24 / 365);
}

static int64_t secondsBetween(uint64_t fromUsec, uint64_t toUsec)
{
    return toUsec > fromUsec ? static_cast<int64_t>((toUsec - fromUsec) / 1000000) : 0;
}

QString statusText(const StatusInput &in, uint64_t nowUsec)
{
    const QString state = in.state.toLower();
    if (state == QLatin1String("running") || state == QLatin1String("paused")) {
        QString text = QStringLiteral("Up ") + humanDuration(secondsBetween(in.startedUsec, nowUsec));
        if (state == QLatin1String("paused"))
            text += QStringLiteral(" (Paused)");
        return text;
    }
    if (state == QLatin1String("stopped") || state == QLatin1String("exited")) {
        QString text = QStringLiteral("Exited (%1)").arg(in.exitStatus);
        if (in.finishedUsec != 0)
            text += QLatin1Char(' ') + ago(in.finishedUsec, nowUsec);
        // docker says it in inspect's State.OOMKilled only; a bare 137 hides why it ended.
        if (in.oomKilled)
            text += QStringLiteral(" (OOM killed)");
        return text;
    }
    if (state == QLatin1String("created"))
        return QStringLiteral("Created");
    return state.isEmpty() ? QString() : state.at(0).toUpper() + state.mid(1);
}

QString dockerStateName(const QString &hakoState)
{
    const QString state = hakoState.toLower();
    return state == QLatin1String("stopped") ? QStringLiteral("exited") : state;
}

QString ago(uint64_t usec, uint64_t nowUsec)
{
    if (usec == 0)
        return QString();
    return humanDuration(secondsBetween(usec, nowUsec)) + QStringLiteral(" ago");
}

QString humanSize(uint64_t bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    double size = static_cast<double>(bytes);
    size_t unit = 0;
    while (size >= 1000 && unit + 1 < std::size(units)) {
        size /= 1000;
        ++unit;
    }
    return QString::asprintf("%.3g%s", size, units[unit]);
}

QString bytesSize(double bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    size_t unit = 0;
    while (bytes >= 1024 && unit + 1 < std::size(units)) {
        bytes /= 1024;
        ++unit;
    }
    return QString::asprintf("%.4g%s", bytes, units[unit]);
}

QString rfc3339(uint64_t usec)
{
    if (usec == 0)
        return QStringLiteral("0001-01-01T00:00:00Z");
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(usec / 1000), Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral(".%1Z").arg(usec % 1000000 * 1000, 9, 10, QLatin1Char('0'));
}

QString ellipsis(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    if (max <= 3)
        return text.left(max);
    return text.left(max - 1) + QStringLiteral("…");
}

QString goQuote(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

uint64_t nowUsec()
{
    return static_cast<uint64_t>(QDateTime::currentMSecsSinceEpoch()) * 1000;
}

} // namespace hako::cli
