// docker import / docker load in a dialog: an archive chosen with a file dialog, what kind it
// is (a root filesystem tarball, or a docker save / OCI layout archive), an optional tag for a
// root filesystem, then a progress bar while the helper's job reads the file.
#pragma once

#include "image_job.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace hako::gui {

class FieldError;
class HelperConnection;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(HelperConnection *helper, QWidget *parent = nullptr);

    void setFile(const QString &path);
    void setRootfsKind(bool rootfs); // false: a docker save / OCI archive
    void setTag(const QString &tag);
    void reject() override; // cancels a running import

signals:
    void imagesChanged();

private:
    void browse();
    void validate();
    void startImport();
    void showProgress(const QList<JobLayer> &layers);
    void jobFinished(bool ok, const QVariantMap &result, const QString &message);
    void setRunning(bool running);

    HelperConnection *helper_;
    ImageJob *job_;
    QLineEdit *file_;
    FieldError *fileError_;
    QRadioButton *rootfs_;
    QRadioButton *archive_;
    QLineEdit *tag_;
    FieldError *tagError_;
    QProgressBar *progress_;
    QLabel *result_;
    QPushButton *import_;
    QPushButton *cancel_;
    QPushButton *close_;
};

} // namespace hako::gui
