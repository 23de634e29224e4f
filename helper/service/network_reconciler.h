// Brings networking in line with the containers (Engine::reconcileNetworks: stale endpoints,
// orphaned leases, bridges, the firewall) at helper start-up and whenever a container stops
// by itself or goes away: nobody else is there to tidy up after a container whose process
// simply exited, or after a helper that was killed. Runs on a worker, never on the event
// loop; a burst of requests (ten containers stopping at once) makes one or two runs, not ten.
// A failed run is logged; the next request tries again. Main thread only.
#pragma once

#include "engine.h"

#include <QObject>
#include <QTimer>

namespace hako::helper
{

class NetworkReconciler : public QObject
{
    Q_OBJECT
  public:
    explicit NetworkReconciler(EngineOptions options, QObject *parent = nullptr);

    void request();
    bool busy() const { return running_ || debounce_.isActive(); }

  signals:
    void reconciled(); // a run finished without error: the networks' picture may have changed

  private:
    void run();

    EngineOptions options_;
    QTimer debounce_;
    bool running_ = false;
    bool wanted_ = false; // requested while a run was under way: one more run after it
};

} // namespace hako::helper
