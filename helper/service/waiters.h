// WaitContainer blocks a worker thread until a container stops, which may be never. Each such
// wait holds a CancelToken that fires when its caller leaves the bus, so the worker is
// released at once instead of staying blocked for a client that is gone.
#pragma once

#include "client_watch.h"
#include "fd.h"

#include <map>
#include <memory>

namespace hako::helper {

// An eventfd: readable once cancel() was called. Thread-safe.
class CancelToken {
public:
    CancelToken(); // throws SysError
    void cancel();
    int fd() const { return fd_.get(); }

private:
    UniqueFd fd_;
};

class Waiters : public QObject {
    Q_OBJECT
public:
    explicit Waiters(QDBusConnection bus, QObject *parent = nullptr);

    // A token that fires when `caller` leaves the bus. Main thread; the token itself may be
    // dropped on any thread.
    std::shared_ptr<CancelToken> tokenFor(const QString &caller);

private:
    void done(const QString &caller, CancelToken *token);
    void callerGone(const QString &caller);

    std::multimap<QString, CancelToken *> tokens_; // alive until done() (main thread)
    ClientWatch clients_;
};

} // namespace hako::helper
