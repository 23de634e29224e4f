// The Kill action's signal chooser: the common signals with what each one asks of the
// process, or any name or number hakoctl kill -s accepts (USR1, SIGRTMIN+3, 10).
#pragma once

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace hako::gui {

class KillDialog : public QDialog {
    Q_OBJECT
public:
    // `names`: the containers the signal goes to (for the question the dialog asks).
    explicit KillDialog(const QStringList &names, QWidget *parent = nullptr);

    // The chosen signal; empty while the text names none.
    std::optional<int> chosenSignal() const;

private:
    void validate();

    QComboBox *signalBox_;
    QLabel *problem_;
    QDialogButtonBox *buttons_;
};

} // namespace hako::gui
