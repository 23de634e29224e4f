// Details page "Namespaces": for each of the seven kinds, the container's namespace (the
// inode of /proc/<pid>/ns/<kind>) beside the host's, whether the container has its own
// (isolated) or shares the host's, and one line on what that namespace isolates.
#pragma once

#include <QVariantMap>
#include <QWidget>

#include <optional>

class QDBusError;
class QTableWidget;

namespace hako::gui {

class PageMessage;

class NamespacesPage : public QWidget {
    Q_OBJECT
public:
    enum Column { Kind, Isolates, ContainerInode, HostInode, Status, ColumnCount };

    explicit NamespacesPage(QWidget *parent = nullptr);

    void showContainer(const QVariantMap &container); // GetContainer's map (its "Namespaces")
    void showError(const QDBusError &error);
    void clear();

    QTableWidget *table() const { return table_; }
    // Whether the container has its own namespace of `kind` ("net"); nothing when unknown
    // (the container is not running).
    std::optional<bool> isIsolated(const QString &kind) const;

private:
    void fillKinds();
    int rowOf(const QString &kind) const;

    PageMessage *message_;
    QTableWidget *table_;
};

} // namespace hako::gui
