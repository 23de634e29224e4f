// "Edit limits" for one container: the Resources tab's fields, filled from the container's
// current linux.resources (GetContainer's Spec). Apply sends only the limits that changed to
// UpdateContainer — applied at once while the container runs, kept for its next starts. A
// value the helper refuses is shown at its field, anything else in the dialog.
#pragma once

#include <QDialog>

#include <memory>

namespace hako::gui
{

class HelperConnection;

class LimitsDialog : public QDialog
{
    Q_OBJECT
  public:
    // `name` is for the title; `id` is what the helper is asked about.
    LimitsDialog(HelperConnection *helper, const QString &id, const QString &name,
                 QWidget *parent = nullptr);
    ~LimitsDialog() override;

    // True once the container's limits are in the fields.
    bool isLoaded() const;
    // The linux.resources JSON Apply sends; empty while nothing changed or a field is invalid.
    QString patchJson() const;

  signals:
    // After UpdateContainer succeeded; `applied` is the linux.resources now in force.
    void limitsChanged(const QString &id, const QString &applied);

  private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
