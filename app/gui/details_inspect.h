// Details page "Inspect": the container as `hakoctl inspect` prints it (Docker's inspect
// document, built by hakoctl's own views), pretty-printed, with a copy button.
#pragma once

#include <QVariantMap>
#include <QWidget>

class QDBusError;
class QPlainTextEdit;
class QPushButton;

namespace hako::gui {

class PageMessage;

class InspectPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectPage(QWidget *parent = nullptr);

    void showContainer(const QVariantMap &container); // a GetContainer map
    void showError(const QDBusError &error);
    void clear();

    QString json() const;

public slots:
    void copyJson();

private:
    PageMessage *message_;
    QPlainTextEdit *text_;
    QPushButton *copy_;
};

} // namespace hako::gui
