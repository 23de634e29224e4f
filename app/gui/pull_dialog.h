// docker pull in a dialog: the reference checked as it is typed (Docker's forms, the error at
// the field), optional registry credentials, one row per layer with its status and a progress
// bar while the helper's job runs, Cancel (CancelJob), and the result or the error in plain
// words. Emits imagesChanged once an image has arrived.
#pragma once

#include "image_job.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace hako::gui {

class FieldError;
class HelperConnection;

class PullDialog : public QDialog {
    Q_OBJECT
public:
    explicit PullDialog(HelperConnection *helper, QWidget *parent = nullptr);

    void setReference(const QString &reference);
    // Why `text` is not an image reference (empty when it is one), in the engine's words.
    static QString referenceProblem(const QString &text);

    // Closing while a pull runs cancels it: nothing is left half-done behind the window.
    void reject() override;

signals:
    void imagesChanged();

private:
    void validate();
    void startPull();
    void showLayers(const QList<JobLayer> &layers);
    void jobFinished(bool ok, const QVariantMap &result, const QString &message);
    void setRunning(bool running);

    HelperConnection *helper_;
    ImageJob *job_;
    QLineEdit *reference_;
    FieldError *referenceError_;
    QLineEdit *username_;
    QLineEdit *password_;
    QTableWidget *layers_;
    QLabel *result_;
    QPushButton *pull_;
    QPushButton *cancel_;
    QPushButton *close_;
};

} // namespace hako::gui
