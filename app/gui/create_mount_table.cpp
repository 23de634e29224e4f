#include "create_mount_table.h"

#include <QComboBox>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QTableWidget>

namespace hako::gui
{

namespace
{


// The volume column's editor: the helper's volumes to pick from, or a new name to type (the
// helper creates a named volume on first use, as docker does).
class VolumeNameDelegate : public QStyledItemDelegate
{
  public:
    VolumeNameDelegate(const QStringList *names, QObject *parent)
        : QStyledItemDelegate(parent), names_(names)
    {
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("volumeNameEditor"));
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItems(*names_);
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data().toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText().trimmed());
    }

  private:
    const QStringList *names_;
};

} // namespace

MountTable::MountTable(cli::MountKind kind, QWidget *parent) : EditableTable(3, parent), kind_(kind)
{
    const bool volume = kind == cli::MountKind::Volume;
    table()->setObjectName(volume ? QStringLiteral("volumeTable") : QStringLiteral("bindTable"));
    table()->setAccessibleName(volume ? tr("Volumes") : tr("Bind mounts"));
    table()->setHorizontalHeaderLabels(
        {volume ? tr("Volume") : tr("Host folder"), tr("Path in the container"), tr("Read-only")});
    table()->horizontalHeader()->setSectionResizeMode(SourceColumn, QHeaderView::Stretch);
    table()->horizontalHeader()->setSectionResizeMode(DestinationColumn, QHeaderView::Stretch);
    table()->horizontalHeader()->setSectionResizeMode(ReadOnlyColumn,
                                                      QHeaderView::ResizeToContents);
    table()->setMinimumHeight(90);
    table()->setMaximumHeight(table()->fontMetrics().lineSpacing() * 8);
    if (volume) {
        table()->setItemDelegateForColumn(SourceColumn, new VolumeNameDelegate(&volumeNames_, this));
        table()->setToolTip(tr("A named volume keeps its files when the container is removed; "
                               "a new name creates it. Empty: an anonymous volume."));
    } else {
        table()->setToolTip(tr("A folder of this computer, seen inside the container at the "
                               "path given (an absolute path)."));
    }
    addButtons(volume ? Buttons{.objectPrefix = QStringLiteral("volume"),
                                .add = tr("Add &Volume"),
                                .addName = tr("Add a volume"),
                                .remove = tr("Remove"),
                                .removeName = tr("Remove the selected volumes")}
                      : Buttons{.objectPrefix = QStringLiteral("bind"),
                                .add = tr("Add &Bind Mount"),
                                .addName = tr("Add a bind mount"),
                                .remove = tr("Remove"),
                                .removeName = tr("Remove the selected bind mounts")},
               [this] { addRow(); }, SourceColumn);
}

void MountTable::addRow(const QString &source, const QString &destination, bool readOnly)
{
    {
        const QSignalBlocker quiet(table()); // one change for the whole row
        const int row = table()->rowCount();
        table()->insertRow(row);
        table()->setItem(row, SourceColumn, new QTableWidgetItem(source));
        table()->setItem(row, DestinationColumn, new QTableWidgetItem(destination));
        auto *check = new QTableWidgetItem;
        check->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        check->setCheckState(readOnly ? Qt::Checked : Qt::Unchecked);
        check->setToolTip(tr("The container can read the files but not change them"));
        table()->setItem(row, ReadOnlyColumn, check);
    }
    emit changed();
}

void MountTable::setCurrentSource(const QString &source)
{
    const int row = table()->currentRow();
    if (row < 0) {
        addRow(source);
        table()->setCurrentCell(table()->rowCount() - 1, DestinationColumn);
        return;
    }
    table()->item(row, SourceColumn)->setText(source);
}

void MountTable::setVolumeNames(const QStringList &names)
{
    volumeNames_ = names;
}

QString MountTable::textAt(int row, int column) const
{
    const QTableWidgetItem *item = table()->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QList<cli::MountRequest> MountTable::mounts() const
{
    QList<cli::MountRequest> out;
    for (int row = 0; row < table()->rowCount(); ++row) {
        const QString destination = textAt(row, DestinationColumn);
        if (destination.isEmpty())
            continue; // ownProblems() says so when the row is not blank
        const QTableWidgetItem *check = table()->item(row, ReadOnlyColumn);
        out.append({kind_, textAt(row, SourceColumn), destination,
                    check && check->checkState() == Qt::Checked});
    }
    return out;
}

QList<cli::SpecProblem> MountTable::ownProblems() const
{
    QList<cli::SpecProblem> problems;
    for (int row = 0; row < table()->rowCount(); ++row)
        if (textAt(row, DestinationColumn).isEmpty() && !textAt(row, SourceColumn).isEmpty())
            problems.append({ownProblemPath(),
                             tr("Row %1: enter the path in the container").arg(row + 1), {}});
    return problems;
}

QString MountTable::ownProblemPath() const
{
    return kind_ == cli::MountKind::Volume ? QStringLiteral("storage.volumes")
                                           : QStringLiteral("storage.binds");
}

int MountTable::rowOf(const QString &destination) const
{
    for (int row = 0; row < table()->rowCount(); ++row)
        if (textAt(row, DestinationColumn) == destination)
            return row;
    return -1;
}

} // namespace hako::gui
