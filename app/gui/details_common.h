// What the details pages share: a line that shows a helper error (or a hint) in plain words,
// and asynchronous calls whose outcome is always reported to the HelperConnection.
#pragma once

#include <QDBusError>
#include <QDBusPendingCall>
#include <QLabel>

#include <functional>

class QDBusPendingCallWatcher;

namespace hako::gui {

class HelperConnection;

// A wrapped, selectable label above a page's content; hidden while it has nothing to say.
class PageMessage : public QLabel {
    Q_OBJECT
public:
    explicit PageMessage(const QString &objectName, QWidget *parent = nullptr);

    void showError(const QDBusError &error); // userMessage(): the helper's error in plain words
    void showHint(const QString &text);
    void clearMessage();
    bool isError() const { return isError_; }

private:
    bool isError_ = false;
};

// Runs `onFinished` when `call` ends, after telling `helper` how it went (status bar,
// reconnect logic). The watcher belongs to `context`: a page that is gone gets no callback.
void whenFinished(HelperConnection *helper, QObject *context, const QDBusPendingCall &call,
                  std::function<void(QDBusPendingCallWatcher &)> onFinished);

// The font for logs, JSON and command lines.
QFont monospaceFont();

} // namespace hako::gui
