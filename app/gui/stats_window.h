// A container's statistics in a window of its own: graphs of CPU (with its limit), memory
// (with its limit), network and block I/O rates, and processes (with their limit) over the
// last minutes, the figures of now beside them, and how the container is doing (running,
// paused, stopped, killed for lack of memory). Fed by the app's one stats subscription
// (HelperConnection::stats()), which it holds while open; the display can be paused (the
// history keeps filling) to read the graphs at leisure.
#pragma once

#include <QWidget>

#include <memory>

namespace hako::gui {

class HelperConnection;
class StatsChart;

class StatsWindow : public QWidget {
    Q_OBJECT
public:
    enum class Graph { Cpu, Memory, Network, BlockIo, Pids };

    // `id`: the container's full id (the frames name containers by it).
    StatsWindow(HelperConnection *helper, const QString &id, QWidget *parent = nullptr);
    ~StatsWindow() override;

    // The container's window, raised if `parent` has one already, else made (a window of
    // its own that closes for good) and shown.
    static StatsWindow *open(HelperConnection *helper, const QString &id, QWidget *parent);

    QString containerId() const;
    StatsChart *chart(Graph graph) const;

    bool isDisplayPaused() const;
    void setDisplayPaused(bool paused);

    // How far back the graphs reach: the setting stats/historySeconds (default 300).
    int historySeconds() const;
    void setHistorySeconds(int seconds);

    // "Running", "Exited (137) — killed for running out of memory"…
    QString stateText() const;
    // The figures of now beside the graphs, by name ("Memory": "1.2 MiB of 100.0 MiB (1.2 %)").
    QString figureText(const QString &figure) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
