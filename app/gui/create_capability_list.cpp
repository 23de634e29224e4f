#include "create_capability_list.h"

#include "capability_text.h"
#include "create_page_layout.h"
#include "create_warning_note.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

const QString kAll = QStringLiteral("ALL");

QStringList fromStd(const std::vector<std::string> &names)
{
    QStringList out;
    for (const std::string &name : names)
        out.append(QString::fromStdString(name));
    return out;
}

// "CAP_NET_ADMIN" → "NET_ADMIN", as docker's documentation and users write it.
QString shortName(const QString &capability)
{
    return capability.startsWith(QLatin1String("CAP_")) ? capability.mid(4) : capability;
}

QStringList shortNames(const QStringList &capabilities)
{
    QStringList out;
    for (const QString &capability : capabilities)
        out.append(shortName(capability));
    return out;
}

// The items of `list` that `other` lacks, in `list`'s order.
QStringList without(const QStringList &list, const QStringList &other)
{
    QStringList out;
    for (const QString &item : list)
        if (!other.contains(item))
            out.append(item);
    return out;
}

// Docker's 14, in Docker's order: what the spec builder gives when nothing is added or dropped.
QStringList dockerDefaults()
{
    QString unused;
    return fromStd(cli::finalCapabilities(cli::SecurityOptions{}, &unused)
                       .value_or(std::vector<std::string>{}));
}

// Rows as tall as their wrapped text at the column's current width: QTreeView measures a
// row without the column's width, so word wrap alone would cut the second line off.
class WrappedTextDelegate : public QStyledItemDelegate
{
  public:
    explicit WrappedTextDelegate(QTreeView *view) : QStyledItemDelegate(view), view_(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem measured = option;
        initStyleOption(&measured, index);
        measured.features |= QStyleOptionViewItem::WrapText;
        measured.rect = QRect(0, 0, view_->header()->sectionSize(index.column()), 1);
        return view_->style()->sizeFromContents(QStyle::CT_ItemViewItem, &measured, QSize(), view_);
    }

  private:
    QTreeView *view_;
};

qsizetype flagCount(const CapabilityFlags &flags)
{
    return flags.add.size() + flags.drop.size();
}

} // namespace

CapabilityFlags capabilityFlags(const QStringList &chosen, const QStringList &defaults,
                                const QStringList &available)
{
    // Drops in Docker's order of the defaults, adds in the kernel's order.
    const CapabilityFlags relative{shortNames(without(chosen, defaults)),
                                   shortNames(without(defaults, chosen))};
    const CapabilityFlags fromNone{shortNames(chosen), {kAll}};
    const CapabilityFlags fromAll{{kAll}, shortNames(without(available, chosen))};
    CapabilityFlags best = relative;
    for (const CapabilityFlags &other : {fromNone, fromAll})
        if (flagCount(other) < flagCount(best))
            best = other;
    return best;
}

CapabilityList::CapabilityList(QWidget *parent)
    : QWidget(parent), defaults_(dockerDefaults()),
      available_(fromStd(cli::availableCapabilities())), tree_(new QTreeWidget(this))
{
    setUpTree();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_);
    const QStringList missing = without(allCapabilityNames(), available_);
    if (!missing.isEmpty()) {
        QLabel *note = wrappedLabel(
            tr("Not listed: %1. This host's own capability bounding set lacks them, so no "
               "container here can have them.")
                .arg(shortNames(missing).join(QStringLiteral(", "))),
            this);
        note->setObjectName(QStringLiteral("capabilityMissingNote"));
        layout->addWidget(note);
    }
    layout->addLayout(buildFooter());
    connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (column != NameColumn)
            return;
        markItem(item);
        updateMarks();
        emit changed();
    });
    updateMarks();
}

void CapabilityList::setUpTree()
{
    tree_->setObjectName(QStringLiteral("capabilityList"));
    tree_->setAccessibleName(tr("Capabilities"));
    tree_->setHeaderLabels({tr("Capability"), tr("Default"), tr("What it allows")});
    tree_->setRootIsDecorated(false);
    tree_->setAlternatingRowColors(true);
    tree_->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(DefaultColumn, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(true);
    tree_->setMinimumHeight(tree_->fontMetrics().lineSpacing() * 20);
    // Each explanation whole, over two lines where the column is narrow.
    tree_->setWordWrap(true);
    tree_->setItemDelegateForColumn(ExplanationColumn, new WrappedTextDelegate(tree_));
    tree_->setTextElideMode(Qt::ElideNone);
    tree_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Row heights are measured once; a wider or narrower column needs them measured again.
    connect(tree_->header(), &QHeaderView::sectionResized, tree_, [this](int column) {
        if (column == ExplanationColumn)
            QMetaObject::invokeMethod(tree_, &QTreeView::doItemsLayout, Qt::QueuedConnection);
    });
    for (const QString &capability : available_)
        addItem(capability);
    tree_->setSortingEnabled(true);
    tree_->sortByColumn(NameColumn, Qt::AscendingOrder);
}

QLayout *CapabilityList::buildFooter()
{
    auto *reset = new QPushButton(tr("Reset to de&faults"), this);
    reset->setObjectName(QStringLiteral("capabilityResetButton"));
    reset->setToolTip(tr("Check Docker's 14 default capabilities and nothing else."));
    connect(reset, &QPushButton::clicked, this, &CapabilityList::resetToDefaults);
    extraWarning_ = warningNote(
        QStringLiteral("capabilityExtraWarning"),
        tr("Capabilities beyond the defaults (marked) weaken the container's isolation: creating "
           "it needs an administrator's approval."),
        this);
    auto *row = new QHBoxLayout;
    row->addWidget(reset, 0, Qt::AlignTop);
    row->addWidget(extraWarning_, 1);
    row->addStretch(); // the button keeps its size while the warning is hidden
    return row;
}

QTreeWidgetItem *CapabilityList::addItem(const QString &capability)
{
    auto *item = new QTreeWidgetItem(tree_);
    const QString explanation = capabilityExplanation(capability);
    item->setText(NameColumn, shortName(capability));
    item->setData(NameColumn, Qt::UserRole, capability);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(NameColumn, defaults_.contains(capability) ? Qt::Checked : Qt::Unchecked);
    item->setText(ExplanationColumn, explanation);
    item->setToolTip(ExplanationColumn, explanation);
    markItem(item);
    return item;
}

// The default column: "default" for Docker's defaults, a warning on a checked one beyond them.
void CapabilityList::markItem(QTreeWidgetItem *item)
{
    const QSignalBlocker quiet(tree_); // decorations are no change of the choice
    const QString capability = item->data(NameColumn, Qt::UserRole).toString();
    const bool isDefault = defaults_.contains(capability);
    const bool extra = !isDefault && item->checkState(NameColumn) == Qt::Checked;
    //: In the capability list: one of Docker's 14 default capabilities.
    const QString defaultText = tr("default");
    //: In the capability list: checked, though not one of Docker's defaults.
    const QString addedText = tr("added");
    item->setText(DefaultColumn, isDefault ? defaultText : extra ? addedText : QString());
    item->setIcon(DefaultColumn,
                  extra ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
    const QString approval =
        tr("Beyond Docker's defaults: creating the container needs an administrator's approval.");
    item->setToolTip(DefaultColumn, extra ? approval : QString());
    const QString about = capability + QStringLiteral(": ") + capabilityExplanation(capability);
    item->setToolTip(NameColumn, extra ? about + QLatin1Char('\n') + approval : about);
}

void CapabilityList::updateMarks()
{
    extraWarning_->setVisible(!without(chosen(), defaults_).isEmpty());
}

QStringList CapabilityList::chosen() const
{
    QStringList checked;
    for (int row = 0; row < tree_->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = tree_->topLevelItem(row);
        if (item->checkState(NameColumn) == Qt::Checked)
            checked.append(item->data(NameColumn, Qt::UserRole).toString());
    }
    // The kernel's order, whatever order the list is sorted in.
    QStringList ordered;
    for (const QString &capability : available_)
        if (checked.contains(capability))
            ordered.append(capability);
    return ordered;
}

void CapabilityList::setChosen(const QStringList &capabilities)
{
    {
        const QSignalBlocker quiet(tree_); // one change for the whole list
        for (int row = 0; row < tree_->topLevelItemCount(); ++row) {
            QTreeWidgetItem *item = tree_->topLevelItem(row);
            const QString capability = item->data(NameColumn, Qt::UserRole).toString();
            item->setCheckState(NameColumn,
                                capabilities.contains(capability) ? Qt::Checked : Qt::Unchecked);
            markItem(item);
        }
    }
    updateMarks();
    emit changed();
}

void CapabilityList::resetToDefaults()
{
    setChosen(defaults_);
}

void CapabilityList::fillOptions(cli::SecurityOptions &options) const
{
    const CapabilityFlags flags = capabilityFlags(chosen(), defaults_, available_);
    options.capAdd = flags.add;
    options.capDrop = flags.drop;
}

} // namespace hako::gui
