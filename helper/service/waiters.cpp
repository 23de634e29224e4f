#include "waiters.h"

#include "error.h"

#include <QMetaObject>

#include <sys/eventfd.h>
#include <unistd.h>

namespace hako::helper {

CancelToken::CancelToken() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (!fd_)
        throwSys("eventfd for a cancellable wait");
}

void CancelToken::cancel()
{
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(fd_.get(), &one, sizeof one);
}

Waiters::Waiters(QDBusConnection bus, QObject *parent) : QObject(parent), clients_(bus)
{
    connect(&clients_, &ClientWatch::gone, this, &Waiters::callerGone);
}

std::shared_ptr<CancelToken> Waiters::tokenFor(const QString &caller)
{
    auto *token = new CancelToken;
    tokens_.emplace(caller, token);
    clients_.watch(caller);
    // Deleted on the main thread, where tokens_ lives, whichever thread lets go last. (Like
    // the manager, this object lives as long as the helper's event loop.)
    return std::shared_ptr<CancelToken>(token, [this, caller](CancelToken *t) {
        QMetaObject::invokeMethod(this, [this, caller, t] { done(caller, t); }, Qt::QueuedConnection);
    });
}

void Waiters::done(const QString &caller, CancelToken *token)
{
    const auto [first, last] = tokens_.equal_range(caller);
    for (auto it = first; it != last; ++it) {
        if (it->second == token) {
            tokens_.erase(it);
            clients_.unwatch(caller);
            break;
        }
    }
    delete token;
}

void Waiters::callerGone(const QString &caller)
{
    const auto [first, last] = tokens_.equal_range(caller);
    for (auto it = first; it != last; ++it)
        it->second->cancel();
}

} // namespace hako::helper
