// The Security tab's capability list: every capability this host can grant, each with a
// check box (checked: the container gets it), Docker's 14 defaults marked as such, a line on
// what it allows, and a warning at each one beyond the defaults (creating the container then
// needs an administrator's approval). The checked set becomes --cap-add/--cap-drop.
#pragma once

#include "security_options.h"

#include <QStringList>
#include <QWidget>

class QLayout;
class QTreeWidget;
class QTreeWidgetItem;

namespace hako::gui
{

struct CapabilityFlags {
    QStringList add, drop; // as docker users write them: "NET_ADMIN", "ALL"
};

// The shortest --cap-add/--cap-drop that give the container exactly `chosen` ("CAP_…"):
// relative to `defaults`, or "--cap-drop ALL" and what to add, or "--cap-add ALL" and what to
// drop (out of `available`, which is what ALL means). Ties go to the form relative to the
// defaults, the one people read most easily.
CapabilityFlags capabilityFlags(const QStringList &chosen, const QStringList &defaults,
                                const QStringList &available);

class CapabilityList : public QWidget
{
    Q_OBJECT
  public:
    enum Column { NameColumn, DefaultColumn, ExplanationColumn };

    explicit CapabilityList(QWidget *parent = nullptr);

    QTreeWidget *tree() const { return tree_; }
    QStringList chosen() const; // "CAP_CHOWN", … in the kernel's order
    void setChosen(const QStringList &capabilities);
    void resetToDefaults();
    // capAdd/capDrop for the checked set.
    void fillOptions(cli::SecurityOptions &options) const;

  signals:
    void changed();

  private:
    void setUpTree();
    QLayout *buildFooter();
    QTreeWidgetItem *addItem(const QString &capability);
    void markItem(QTreeWidgetItem *item);
    void updateMarks();

    QStringList defaults_;  // Docker's 14, as the spec builder starts from them
    QStringList available_; // what this host can grant, in the kernel's order
    QTreeWidget *tree_;
    QWidget *extraWarning_;
};

} // namespace hako::gui
