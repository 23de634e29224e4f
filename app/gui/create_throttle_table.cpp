#include "create_throttle_table.h"

#include <QComboBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QTableWidget>

#include <functional>

namespace hako::gui
{

namespace
{

enum Column { KindColumn, DeviceColumn, RateColumn };

struct KindInfo {
    ThrottleTable::Kind kind;
    const char *specKey; // under linux.resources.blockIO
    QList<cli::DeviceRate> cli::ResourceOptions::*rates;
    bool bytes; // bytes per second, else operations per second
    const char *label;
};

// In the class's own translation context, the one its tr() looks in.
const KindInfo kKinds[] = {
    {ThrottleTable::ReadBps, "throttleReadBpsDevice", &cli::ResourceOptions::deviceReadBps, true,
     QT_TRANSLATE_NOOP("hako::gui::ThrottleTable", "Read, bytes/s")},
    {ThrottleTable::WriteBps, "throttleWriteBpsDevice", &cli::ResourceOptions::deviceWriteBps, true,
     QT_TRANSLATE_NOOP("hako::gui::ThrottleTable", "Write, bytes/s")},
    {ThrottleTable::ReadIops, "throttleReadIOPSDevice", &cli::ResourceOptions::deviceReadIops,
     false, QT_TRANSLATE_NOOP("hako::gui::ThrottleTable", "Read, operations/s")},
    {ThrottleTable::WriteIops, "throttleWriteIOPSDevice", &cli::ResourceOptions::deviceWriteIops,
     false, QT_TRANSLATE_NOOP("hako::gui::ThrottleTable", "Write, operations/s")},
};

QString listPath(const KindInfo &kind)
{
    return QStringLiteral("linux.resources.blockIO.") + QLatin1String(kind.specKey);
}

// "10 MiB", "10MiB/s", "1.5g" → docker's "10m", "1.5g"; "100/s" → "100".
QString dockerRate(const QString &text, bool bytes)
{
    static const QRegularExpression size(
        QStringLiteral("^([0-9]*[.,]?[0-9]+)\\s*([kmgtp]?)i?b?\\s*(/s)?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression count(QStringLiteral("^([0-9]+)\\s*(/s)?$"));
    const QString trimmed = text.trimmed();
    const QRegularExpressionMatch match = (bytes ? size : count).match(trimmed);
    if (!match.hasMatch())
        return trimmed;
    QString number = match.captured(1);
    number.replace(QLatin1Char(','), QLatin1Char('.'));
    return bytes ? number + match.captured(2).toLower() : number;
}

} // namespace

ThrottleTable::ThrottleTable(QWidget *parent) : EditableTable(3, parent)
{
    table()->setObjectName(QStringLiteral("throttleTable"));
    table()->setAccessibleName(tr("Device throttles"));
    table()->setHorizontalHeaderLabels({tr("Limit"), tr("Device"), tr("Rate")});
    table()->horizontalHeader()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    table()->horizontalHeader()->setSectionResizeMode(DeviceColumn, QHeaderView::Stretch);
    table()->setColumnWidth(RateColumn, 110);
    table()->setMinimumHeight(100);
    addButtons(
        {.objectPrefix = QStringLiteral("throttle"),
         .add = tr("&Add throttle"),
         .addName = tr("Add a device throttle"),
         .remove = tr("Remove"),
         .removeName = tr("Remove the selected device throttles")},
        [this] { addRow(WriteBps); }, DeviceColumn);
}

void ThrottleTable::addRow(Kind kind, const QString &device, const QString &rate)
{
    const QSignalBlocker quiet(table()); // one change for the whole row
    const int row = table()->rowCount();
    table()->insertRow(row);
    auto *choice = new QComboBox;
    choice->setObjectName(QStringLiteral("throttleKind%1").arg(row));
    choice->setAccessibleName(tr("Row %1: limit").arg(row + 1));
    for (const KindInfo &info : kKinds)
        choice->addItem(tr(info.label), int(info.kind));
    choice->setCurrentIndex(choice->findData(int(kind)));
    connect(choice, &QComboBox::currentIndexChanged, this, &ThrottleTable::changed);
    table()->setCellWidget(row, KindColumn, choice);
    table()->setItem(row, DeviceColumn, new QTableWidgetItem(device));
    table()->setItem(row, RateColumn, new QTableWidgetItem(rate));
    emit changed();
}

ThrottleTable::Kind ThrottleTable::kindAt(int row) const
{
    const auto *choice = qobject_cast<QComboBox *>(table()->cellWidget(row, KindColumn));
    return choice ? Kind(choice->currentData().toInt()) : WriteBps;
}

QString ThrottleTable::textAt(int row, int column) const
{
    const QTableWidgetItem *item = table()->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool ThrottleTable::isBlank(int row) const
{
    return textAt(row, DeviceColumn).isEmpty() && textAt(row, RateColumn).isEmpty();
}

void ThrottleTable::fillOptions(cli::ResourceOptions &options,
                                QList<cli::SpecProblem> *problems) const
{
    QHash<int, int> counts; // rows so far per kind: the index in its list
    for (int row = 0; row < table()->rowCount(); ++row) {
        if (isBlank(row))
            continue;
        const KindInfo &kind = kKinds[kindAt(row)];
        const QString device = textAt(row, DeviceColumn);
        const QString path = QStringLiteral("%1[%2]").arg(listPath(kind)).arg(counts[kind.kind]++);
        QString error;
        std::optional<cli::DeviceRate> rate;
        if (device.isEmpty())
            error = tr("Enter the device node, such as /dev/sda.");
        else if (textAt(row, RateColumn).isEmpty())
            error = kind.bytes ? tr("Enter the rate in bytes per second, such as 10m or 512k.")
                               : tr("Enter the rate in operations per second, such as 100.");
        else
            rate = cli::parseDeviceRate(device + QLatin1Char(':') +
                                            dockerRate(textAt(row, RateColumn), kind.bytes),
                                        kind.bytes, &error);
        if (rate)
            (options.*kind.rates).append(*rate);
        else if (problems)
            problems->append({path, error, device});
    }
}

void ThrottleTable::setOptions(const cli::ResourceOptions &options)
{
    {
        const QSignalBlocker quiet(this);
        table()->setRowCount(0);
        for (const KindInfo &kind : kKinds)
            for (const cli::DeviceRate &rate : options.*kind.rates)
                addRow(kind.kind, rate.device,
                       kind.bytes ? cli::formatByteSize(int64_t(rate.rate))
                                  : QString::number(rate.rate));
    }
    emit changed();
}

int ThrottleTable::rowOf(const QString &path, const QString &value) const
{
    // The device first: rows left out for a problem of their own shift the list's indexes.
    const auto find = [this](const std::function<bool(int row)> &matches) {
        for (int row = 0; row < table()->rowCount(); ++row)
            if (!isBlank(row) && matches(row))
                return row;
        return -1;
    };
    for (const KindInfo &kind : kKinds) {
        const QString prefix = listPath(kind) + QLatin1Char('[');
        if (!path.startsWith(prefix))
            continue;
        if (const int row = find([&](int row) {
                return !value.isEmpty() && kindAt(row) == kind.kind &&
                       textAt(row, DeviceColumn) == value;
            });
            row >= 0)
            return row;
        const int wanted = path.mid(prefix.size()).section(QLatin1Char(']'), 0, 0).toInt();
        int index = 0;
        return find([&](int row) { return kindAt(row) == kind.kind && index++ == wanted; });
    }
    return find([&](int row) { return !value.isEmpty() && textAt(row, DeviceColumn) == value; });
}

} // namespace hako::gui
