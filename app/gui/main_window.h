// Hako's main window: the container table (filter, sort, multiple selection), the actions
// on a toolbar, a context menu and shortcuts, the details pane, the helper's connection in
// the status bar, and a notification when a container exits unexpectedly.
#pragma once

#include <QMainWindow>

#include <memory>

namespace hako::gui {

class HelperConnection;
class ContainerModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(HelperConnection *helper, QWidget *parent = nullptr);
    ~MainWindow() override;

    ContainerModel *model() const;

signals:
    // Emitted once, after the first paint that shows the containers the helper listed
    // (the start-up benchmark measures up to here).
    void firstContainersPainted(int count);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
