// The create dialog's preview: the equivalent hakoctl command line and the spec JSON that will
// be sent, read-only and copyable, so people learn the CLI and see exactly what is asked for.
#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace hako::gui
{

class CreatePreview : public QWidget
{
    Q_OBJECT
  public:
    explicit CreatePreview(QWidget *parent = nullptr);

    // `specJson` empty: some field is invalid, and the spec pane says so instead.
    void showPreview(const QString &commandLine, const QString &specJson);

  private:
    QPlainTextEdit *commandLine_;
    QPlainTextEdit *spec_;
};

} // namespace hako::gui
