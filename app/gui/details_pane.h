// The selected container in detail: Overview, Processes, Namespaces, Network, Security, Logs,
// Inspect pages (later issues add theirs through addPage). Follows the container's changes by
// the helper's signals; shows helper errors in plain words.
#pragma once

#include <QWidget>

#include <memory>

class QAction;

namespace hako::gui {

class HelperConnection;

class DetailsPane : public QWidget {
    Q_OBJECT
public:
    enum class Page { Overview, Processes, Namespaces, Network, Security, Logs, Inspect };

    explicit DetailsPane(HelperConnection *helper, QWidget *parent = nullptr);
    ~DetailsPane() override;

    // The container shown (id); empty shows a hint to select one.
    void setContainer(const QString &id);
    QString container() const;

    void showPage(Page page);
    void addPage(QWidget *page, const QString &title);
    // The window's Edit Limits action, offered on the Overview page beside the limits.
    void setEditLimitsAction(QAction *action);
    // Asks the helper again (what no signal announces changed: the limits).
    void refresh();

signals:
    // The Statistics button: the shown container's stats window is wanted.
    void statisticsRequested(const QString &id);
    // The Security page's "Check isolation…" button: the isolation check of that container.
    void checkIsolationRequested(const QString &containerId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
