// Details page "Security": what the container's spec asked for beside what the kernel applies
// to its PID 1 (capability sets, seccomp, no_new_privs, host ids, id maps), read by the helper
// from the host's /proc (GetEffectiveSecurity). A property where the two differ gets a red
// mark whose tooltip says how; matching ones stay plain. While the container is not running
// only the asked-for side is shown, computed from the spec the app already has.
#pragma once

#include "details_security_rows.h"

#include <QJsonObject>
#include <QVariantMap>
#include <QWidget>

#include <optional>

class QDBusError;
class QGridLayout;
class QLabel;
class QPushButton;

namespace hako::gui {

class HelperConnection;
class PageMessage;

class SecurityPage : public QWidget {
    Q_OBJECT
public:
    explicit SecurityPage(HelperConnection *helper, QWidget *parent = nullptr);

    void setContainer(const QString &id);
    // GetContainer's map: its Spec (the asked-for side) and State (whether to read the kernel's).
    void showContainer(const QVariantMap &container);
    void showError(const QDBusError &error);
    void clear();

    QString askedText(SecurityRow row) const;
    QString inForceText(SecurityRow row) const;
    // Nothing while there is nothing to compare (not running, or not read yet).
    std::optional<bool> matches(SecurityRow row) const;
    bool hasEffective() const { return effective_.has_value(); }
    QPushButton *checkIsolationButton() const { return checkIsolation_; }

public slots:
    // Reads the kernel's side again (GetEffectiveSecurity), if the container runs.
    void refresh();

signals:
    void checkIsolationRequested(const QString &containerId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct RowWidgets {
        QLabel *title, *asked, *inForce, *mark;
    };

    void buildGrid(QGridLayout *grid);
    void setRequestedFromSpec(const QString &specText);
    void showEffective(const QString &json);
    void showRows();

    HelperConnection *helper_;
    PageMessage *message_;
    QList<RowWidgets> rows_;
    QLabel *alsoAsked_;
    QPushButton *checkIsolation_;
    QString id_, specText_;
    QJsonObject requested_;
    std::optional<QJsonObject> effective_;
    QList<SecurityComparison> shown_;
    bool running_ = false;
    bool stale_ = false; // the kernel's side should be read again once the page is visible
    bool inFlight_ = false;
    quint64 generation_ = 0;
};

} // namespace hako::gui
