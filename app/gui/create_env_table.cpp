#include "create_env_table.h"

#include <QHeaderView>
#include <QTableWidget>

namespace hako::gui
{

EnvTable::EnvTable(QWidget *parent) : EditableTable(2, parent)
{
    table()->setObjectName(QStringLiteral("envTable"));
    table()->setAccessibleName(tr("Environment variables"));
    table()->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    table()->horizontalHeader()->setStretchLastSection(true);
    table()->setMinimumHeight(110);
    addButtons(
        {.objectPrefix = QStringLiteral("env"),
         .add = tr("&Add variable"),
         .addName = tr("Add an environment variable"),
         .remove = tr("Remo&ve"),
         .removeName = tr("Remove the selected environment variables")},
        [this] { addRow(); }, 0);
}

void EnvTable::addRow(const QString &name, const QString &value)
{
    const QSignalBlocker quiet(table()); // one change for the whole row
    const int row = table()->rowCount();
    table()->insertRow(row);
    table()->setItem(row, 0, new QTableWidgetItem(name));
    table()->setItem(row, 1, new QTableWidgetItem(value));
    emit changed();
}

QString EnvTable::entryAt(int row) const
{
    const auto text = [&](int column) {
        const QTableWidgetItem *item = table()->item(row, column);
        return item ? item->text() : QString();
    };
    const QString name = text(0);
    const QString value = text(1);
    if (name.isEmpty() && value.isEmpty())
        return QString();
    return name + QLatin1Char('=') + value;
}

QStringList EnvTable::entries() const
{
    QStringList out;
    for (int row = 0; row < table()->rowCount(); ++row)
        if (const QString entry = entryAt(row); !entry.isEmpty())
            out.append(entry);
    return out;
}

int EnvTable::rowOf(const QString &entry) const
{
    for (int row = 0; row < table()->rowCount(); ++row)
        if (entryAt(row) == entry)
            return row;
    return -1;
}

} // namespace hako::gui
