#include "details_common.h"

#include "error_text.h"
#include "helper_connection.h"

#include <QDBusPendingCallWatcher>
#include <QFontDatabase>
#include <QPointer>

namespace hako::gui {

PageMessage::PageMessage(const QString &objectName, QWidget *parent) : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setAccessibleName(tr("Message"));
    hide();
}

void PageMessage::showError(const QDBusError &error)
{
    isError_ = true;
    // The palette's own "negative" colour does not exist in Qt 6.4; a bold line stands out in
    // both light and dark palettes without guessing colours.
    setStyleSheet(QStringLiteral("font-weight: bold;"));
    setText(userMessage(error));
    show();
}

void PageMessage::showHint(const QString &text)
{
    isError_ = false;
    setStyleSheet({});
    setText(text);
    show();
}

void PageMessage::clearMessage()
{
    isError_ = false;
    clear();
    hide();
}

void whenFinished(HelperConnection *helper, QObject *context, const QDBusPendingCall &call,
                  std::function<void(QDBusPendingCallWatcher &)> onFinished)
{
    auto *watcher = new QDBusPendingCallWatcher(call, context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [helper = QPointer<HelperConnection>(helper),
                      onFinished = std::move(onFinished)](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         if (helper)
                             helper->reportResult(w->isError() ? w->error() : QDBusError());
                         onFinished(*w);
                     });
}

QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

} // namespace hako::gui
