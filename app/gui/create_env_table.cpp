#include "create_env_table.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace hako::gui
{

EnvTable::EnvTable(QWidget *parent) : QWidget(parent), table_(new QTableWidget(0, 2, this))
{
    table_->setObjectName(QStringLiteral("envTable"));
    table_->setAccessibleName(tr("Environment variables"));
    table_->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->setVisible(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setTabKeyNavigation(false); // Tab leaves the table, so the dialog stays keyboard-usable
    table_->setMinimumHeight(110);
    connect(table_, &QTableWidget::itemChanged, this, &EnvTable::changed);

    auto *add = new QPushButton(tr("&Add variable"), this);
    add->setObjectName(QStringLiteral("envAddButton"));
    add->setAccessibleName(tr("Add an environment variable"));
    auto *remove = new QPushButton(tr("Remo&ve"), this);
    remove->setObjectName(QStringLiteral("envRemoveButton"));
    remove->setAccessibleName(tr("Remove the selected environment variables"));
    remove->setEnabled(false);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        table_->setFocus();
        table_->editItem(table_->item(table_->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, &EnvTable::removeSelectedRows);
    connect(table_, &QTableWidget::itemSelectionChanged, this,
            [this, remove] { remove->setEnabled(!table_->selectedItems().isEmpty()); });

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
}

void EnvTable::addRow(const QString &name, const QString &value)
{
    const QSignalBlocker quiet(table_); // one change for the whole row
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem(name));
    table_->setItem(row, 1, new QTableWidgetItem(value));
    emit changed();
}

void EnvTable::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : table_->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        table_->removeRow(row);
    emit changed();
}

QString EnvTable::entryAt(int row) const
{
    const auto text = [&](int column) {
        const QTableWidgetItem *item = table_->item(row, column);
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
    for (int row = 0; row < table_->rowCount(); ++row)
        if (const QString entry = entryAt(row); !entry.isEmpty())
            out.append(entry);
    return out;
}

int EnvTable::rowOf(const QString &entry) const
{
    for (int row = 0; row < table_->rowCount(); ++row)
        if (entryAt(row) == entry)
            return row;
    return -1;
}

} // namespace hako::gui
