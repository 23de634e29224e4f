// "Isolation check — NAME": the isolation check of a running container (CheckIsolation; see
// core/isolation_check.h) in a window of its own. One row per check — a verdict icon and
// word, what was checked, the one-line summary — with the evidence (what was read or run,
// inside and on the host, and what it answered) folded under it. The check runs
// asynchronously behind a busy indicator; it can be run again, and the report copied as JSON.
#pragma once

#include <QDialog>

#include <memory>

namespace hako::gui {

class HelperConnection;

class IsolationDialog : public QDialog {
    Q_OBJECT
public:
    // `id` is what the helper is asked about; `name` is for the title. Starts the check.
    IsolationDialog(HelperConnection *helper, const QString &id, const QString &name,
                    QWidget *parent = nullptr);
    ~IsolationDialog() override;

    // The container's dialog, raised and checked again if `parent` has one already, else
    // made (closing deletes it) and shown.
    static IsolationDialog *open(HelperConnection *helper, const QString &id, const QString &name,
                                 QWidget *parent);

    QString containerId() const;
    bool isBusy() const;        // a check is in flight
    QString reportJson() const; // the last report as the helper sent it; empty before one
    QString errorText() const;  // why the last check failed; empty if it did not

    // The translated words for the report's keys: "pid" → "Own PID view", "weakened" →
    // "Weakened". An unknown key is returned as it is.
    static QString checkTitle(const QString &key);
    static QString verdictWord(const QString &verdict);

public slots:
    void runCheck(); // "Run again"; does nothing while a check is in flight

signals:
    void reportShown(); // a report is in the rows
    void checkFailed(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
