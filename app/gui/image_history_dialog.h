// docker history in a dialog: one row per step that built the image (newest first) — when,
// the instruction that made it, the size it added and its comment.
#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

namespace hako::gui {

class HelperConnection;

class ImageHistoryDialog : public QDialog {
    Q_OBJECT
public:
    // Asks GetImage(`ref`) and fills itself when it answers.
    ImageHistoryDialog(HelperConnection *helper, const QString &ref, QWidget *parent = nullptr);

    QTableWidget *table() const { return table_; }

signals:
    void loaded();

private:
    void showImage(const QVariantMap &image);

    QLabel *summary_;
    QTableWidget *table_;
};

} // namespace hako::gui
