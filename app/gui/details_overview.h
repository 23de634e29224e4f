// Details page "Overview": who the container is and how it is doing — id, name, image (with
// its short id), mounts, command, state, host pid, times, its resource limits, and how it
// ended (exit code, signal, OOM, error).
#pragma once

#include <QHash>
#include <QVariantMap>
#include <QWidget>

class QDBusError;
class QFormLayout;
class QAction;
class QLabel;
class QToolButton;

namespace hako::gui {

class PageMessage;

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);

    void showContainer(const QVariantMap &container); // a GetContainer map
    void showError(const QDBusError &error);
    void showRemoved();
    void clear();
    // A button for it beside the limits (the window's Edit Limits action).
    void setEditLimitsAction(QAction *action);

    // The text shown for a field ("State", "HostPid", …), for tests and screen readers.
    QString fieldText(const QString &field) const;

private:
    void addField(const QString &field, const QString &label);
    void setField(const QString &field, const QString &text);

    PageMessage *message_;
    QFormLayout *form_;
    QHash<QString, QLabel *> values_;
    QToolButton *editLimits_;
};

} // namespace hako::gui
