#include "container_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace hako::gui {

namespace {

struct ContainerText {
    Q_DECLARE_TR_FUNCTIONS(ContainerText)
};

qint64 secondsBetween(quint64 fromUsec, quint64 toUsec)
{
    return toUsec > fromUsec ? qint64((toUsec - fromUsec) / 1000000) : 0;
}

const QString kNoFigure = QStringLiteral("—");

} // namespace

QString stateLabel(const QString &state)
{
    if (state == states::kCreated)
        return ContainerText::tr("Created");
    if (state == states::kRunning)
        return ContainerText::tr("Running");
    if (state == states::kPaused)
        return ContainerText::tr("Paused");
    if (state == states::kStopped)
        //: A container whose process has ended (Docker says "Exited").
        return ContainerText::tr("Exited");
    return state;
}

QString durationText(qint64 seconds)
{
    if (seconds < 1)
        return ContainerText::tr("Less than a second");
    if (seconds == 1)
        return ContainerText::tr("1 second");
    if (seconds < 60)
        return ContainerText::tr("%1 seconds").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes == 1)
        return ContainerText::tr("About a minute");
    if (minutes < 60)
        return ContainerText::tr("%1 minutes").arg(minutes);
    // Rounded to the nearest hour, as Docker does.
    const auto hours = qint64(std::floor(double(seconds) / 3600.0 + 0.5));
    if (hours == 1)
        return ContainerText::tr("About an hour");
    if (hours < 48)
        return ContainerText::tr("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return ContainerText::tr("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return ContainerText::tr("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return ContainerText::tr("%1 months").arg(hours / 24 / 30);
    return ContainerText::tr("%1 years").arg(seconds / 3600 / 24 / 365);
}

QString statusText(const ContainerInfo &info, quint64 nowUsec)
{
    if (info.isRunning()) {
        const QString uptime = durationText(secondsBetween(info.startedUsec, nowUsec));
        if (info.state == states::kPaused)
            //: %1 is a duration such as "5 minutes".
            return ContainerText::tr("Up %1 (Paused)").arg(uptime);
        //: %1 is a duration such as "5 minutes".
        return ContainerText::tr("Up %1").arg(uptime);
    }
    if (info.state == states::kStopped) {
        QString text;
        if (info.exitStatus < 0)
            text = ContainerText::tr("Exited");
        else if (info.finishedUsec == 0)
            text = ContainerText::tr("Exited (%1)").arg(info.exitStatus);
        else
            //: %1 is the exit status, %2 a duration such as "2 minutes".
            text = ContainerText::tr("Exited (%1) %2 ago")
                       .arg(info.exitStatus)
                       .arg(durationText(secondsBetween(info.finishedUsec, nowUsec)));
        if (info.oomKilled)
            //: After "Exited (137) 2 minutes ago": the kernel's OOM killer ended the container.
            text += ContainerText::tr(" (OOM killed)");
        return text;
    }
    return stateLabel(info.state);
}

QString cpuText(const ContainerInfo &info)
{
    if (!info.isRunning() || !info.cpuPercent)
        return kNoFigure;
    return ContainerText::tr("%1 %").arg(QLocale().toString(*info.cpuPercent, 'f', 1));
}

QString memoryText(const ContainerInfo &info)
{
    if (!info.isRunning() || !info.memoryBytes)
        return kNoFigure;
    return QLocale().formattedDataSize(qint64(*info.memoryBytes), 1);
}

QString shellLine(const QStringList &args)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    QStringList words;
    words.reserve(args.size());
    for (const QString &arg : args) {
        if (plain.match(arg).hasMatch()) {
            words << arg;
            continue;
        }
        QString escaped = arg;
        escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
        words << QLatin1Char('\'') + escaped + QLatin1Char('\'');
    }
    return words.join(QLatin1Char(' '));
}

quint64 currentTimeUsec()
{
    return quint64(QDateTime::currentMSecsSinceEpoch()) * 1000;
}

} // namespace hako::gui
