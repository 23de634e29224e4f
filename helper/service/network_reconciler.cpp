#include "network_reconciler.h"

#include "workers.h"

#include <QElapsedTimer>

namespace hako::helper
{

namespace
{

// Long enough to gather a burst of stops, short enough that a published port of a stopped
// container is released about as soon as `ps` shows it exited.
constexpr int kDebounceMs = 50;

} // namespace

NetworkReconciler::NetworkReconciler(EngineOptions options, QObject *parent)
    : QObject(parent), options_(std::move(options))
{
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &NetworkReconciler::run);
}

void NetworkReconciler::request()
{
    if (running_)
        wanted_ = true;
    else if (!debounce_.isActive())
        debounce_.start();
}

void NetworkReconciler::run()
{
    running_ = true;
    // The quick pool: main() waits for it before this object goes, so the answer below never
    // reaches a destroyed object.
    Workers::quick().start([this, options = options_] {
        bool ok = false;
        QElapsedTimer took;
        took.start();
        try {
            Engine(options).reconcileNetworks();
            ok = true;
        } catch (const std::exception &e) {
            qWarning("reconciling networks failed after %lld ms: %s", took.elapsed(), e.what());
        } catch (...) {
            qWarning("reconciling networks failed: unexpected internal error");
        }
        QMetaObject::invokeMethod(
            this,
            [this, ok] {
                running_ = false;
                if (ok)
                    emit reconciled();
                if (std::exchange(wanted_, false))
                    request();
            },
            Qt::QueuedConnection);
    });
}

} // namespace hako::helper
