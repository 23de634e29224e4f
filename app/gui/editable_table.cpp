#include "editable_table.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace hako::gui
{

EditableTable::EditableTable(int columns, QWidget *parent)
    : QWidget(parent), table_(new QTableWidget(0, columns, this)), layout_(new QHBoxLayout(this))
{
    table_->verticalHeader()->setVisible(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setTabKeyNavigation(false); // Tab leaves the table, so the dialog stays keyboard-usable
    connect(table_, &QTableWidget::itemChanged, this, &EditableTable::changed);
    layout_->setContentsMargins(0, 0, 0, 0);
    layout_->addWidget(table_, 1);
}

void EditableTable::addButtons(const Buttons &buttons, const std::function<void()> &addBlankRow,
                               int editColumn)
{
    auto *add = new QPushButton(buttons.add, this);
    add->setObjectName(buttons.objectPrefix + QStringLiteral("AddButton"));
    add->setAccessibleName(buttons.addName);
    auto *remove = new QPushButton(buttons.remove, this);
    remove->setObjectName(buttons.objectPrefix + QStringLiteral("RemoveButton"));
    remove->setAccessibleName(buttons.removeName);
    remove->setEnabled(false);
    connect(add, &QPushButton::clicked, this, [this, addBlankRow, editColumn] {
        addBlankRow();
        table_->setFocus();
        table_->editItem(table_->item(table_->rowCount() - 1, editColumn));
    });
    connect(remove, &QPushButton::clicked, this, &EditableTable::removeSelectedRows);
    connect(table_, &QTableWidget::itemSelectionChanged, this,
            [this, remove] { remove->setEnabled(!table_->selectedItems().isEmpty()); });

    auto *column = new QVBoxLayout;
    column->addWidget(add);
    column->addWidget(remove);
    column->addStretch();
    layout_->addLayout(column);
}

void EditableTable::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : table_->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        table_->removeRow(row);
    emit changed();
}

} // namespace hako::gui
