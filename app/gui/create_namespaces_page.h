// The create dialog's Namespaces tab: the seven kinds, each with what it isolates and what
// sharing it costs, and the choices the engine supports for it (the hakoctl flags' choices:
// isolated, shared with the host, joined from another container). The mount namespace is
// always the container's own; the user namespace is shown but not offered yet; the network
// namespace is chosen on the Network tab (create_network_page.h).
#pragma once

#include "namespace_options.h"
#include "spec_builder.h"

#include <QWidget>

class QComboBox;
class QVBoxLayout;

namespace hako::gui
{

class FieldError;

// A container another one can join, as ListContainers reports it.
struct JoinTarget {
    QString id;
    QString name;
    QString state; // "running", "stopped" …
};

class CreateNamespacesPage : public QWidget
{
    Q_OBJECT
  public:
    explicit CreateNamespacesPage(QWidget *parent = nullptr);

    cli::NamespaceChoices choices() const;
    void setJoinTargets(const QList<JoinTarget> &targets);

    // As CreateGeneralPage::showProblems.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

  signals:
    void changed();

  private:
    struct Row {
        cli::NamespaceKind kind;
        QComboBox *mode;
        QComboBox *container; // null when the kind cannot be joined
        FieldError *error;
    };

    void addChoiceRow(QVBoxLayout *layout, cli::NamespaceKind kind);
    void addFixedRow(QVBoxLayout *layout, const QString &type, const QString &title,
                     const QString &isolates, const QString &why, const QString &choice);
    QWidget *describedBox(const QString &objectPrefix, const QString &title,
                          const QString &isolates, const QString &note, QVBoxLayout **inner);

    QList<Row> rows_;
};

} // namespace hako::gui
