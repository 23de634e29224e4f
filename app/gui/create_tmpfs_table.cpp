#include "create_tmpfs_table.h"

#include <QHeaderView>
#include <QTableWidget>

namespace hako::gui
{

namespace
{

const QString kMountsPath = QStringLiteral("mounts");

} // namespace

TmpfsTable::TmpfsTable(QWidget *parent) : EditableTable(2, parent)
{
    table()->setObjectName(QStringLiteral("tmpfsTable"));
    table()->setAccessibleName(tr("Tmpfs mounts"));
    table()->setHorizontalHeaderLabels({tr("Path in the container"), tr("Options")});
    table()->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table()->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table()->setMinimumHeight(100);
    // A few rows are all anyone needs: the table should not take the page's spare height.
    table()->setMaximumHeight(table()->fontMetrics().lineSpacing() * 9);
    table()->setToolTip(
        tr("Options, separated by commas: size=64m, mode=1777, uid=, gid=, exec, ro … Empty: "
           "Docker's defaults (rw, noexec, nosuid, nodev; at most half of the host's memory)."));
    addButtons(
        {.objectPrefix = QStringLiteral("tmpfs"),
         .add = tr("N&ew tmpfs"),
         .addName = tr("Add a tmpfs mount"),
         .remove = tr("Remo&ve"),
         .removeName = tr("Remove the selected tmpfs mounts")},
        [this] { addRow(); }, 0);
}

void TmpfsTable::addRow(const QString &path, const QString &options)
{
    {
        const QSignalBlocker quiet(table()); // one change for the whole row
        const int row = table()->rowCount();
        table()->insertRow(row);
        table()->setItem(row, 0, new QTableWidgetItem(path));
        table()->setItem(row, 1, new QTableWidgetItem(options));
    }
    emit changed();
}

QString TmpfsTable::textAt(int row, int column) const
{
    const QTableWidgetItem *item = table()->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QList<cli::TmpfsMount> TmpfsTable::mounts() const
{
    QList<cli::TmpfsMount> out;
    for (int row = 0; row < table()->rowCount(); ++row) {
        const cli::TmpfsMount mount{textAt(row, 0), textAt(row, 1)};
        // A row docker would refuse is left out: ownProblems() shows it at the table, and the
        // spec's validation has nothing to say about it elsewhere.
        if (!mount.path.startsWith(QLatin1Char('/')) || mount.path == QLatin1String("/"))
            continue;
        out.removeIf([&](const cli::TmpfsMount &m) { return m.path == mount.path; });
        out.append(mount);
    }
    return out;
}

QList<cli::SpecProblem> TmpfsTable::ownProblems() const
{
    QList<cli::SpecProblem> problems;
    for (int row = 0; row < table()->rowCount(); ++row) {
        const QString path = textAt(row, 0);
        if (path.isEmpty() && textAt(row, 1).isEmpty())
            continue;
        // The words of docker's ValidateTmpfsMountDestination, as hakoctl's --tmpfs says them.
        if (path.isEmpty())
            problems.append({kMountsPath, tr("Enter the path to mount the tmpfs at"), path});
        else if (path == QLatin1String("/"))
            problems.append({kMountsPath, tr("The tmpfs cannot be mounted at /"), path});
        else if (!path.startsWith(QLatin1Char('/')))
            problems.append({kMountsPath, tr("%1: the path must be absolute").arg(path), path});
    }
    return problems;
}

int TmpfsTable::rowOf(const QString &path) const
{
    for (int row = 0; row < table()->rowCount(); ++row)
        if (textAt(row, 0) == path)
            return row;
    return -1;
}

} // namespace hako::gui
