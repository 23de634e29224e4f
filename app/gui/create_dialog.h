// The "New container" dialog: General, Namespaces, Resources, Security, Storage and Network
// pages (later issues add theirs through addPage), live validation shown at the field, a
// read-only preview of the spec JSON and of the equivalent `hakoctl run …` line, and
// Create / Create and start. The spec is built by hakoctl's own spec builder (one model).
#pragma once

#include <QDialog>

#include <memory>

namespace hako::gui {

class HelperConnection;

class CreateDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateDialog(HelperConnection *helper, QWidget *parent = nullptr);
    ~CreateDialog() override;

    // A further page of settings, after the built-in ones (for later issues).
    void addPage(QWidget *page, const QString &title);

    // What the dialog would send now (empty while a field is invalid) and the hakoctl line.
    QString specJson() const;
    QString commandLine() const;

signals:
    // After CreateContainer (and StartContainer, for "Create and start") succeeded.
    void containerCreated(const QString &id, bool started);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
