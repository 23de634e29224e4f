// The Networks window: the helper's networks (name, driver, subnet, gateway, bridge, internal,
// traffic between containers, the containers on each) with New…, Remove and Refresh on a
// toolbar, a menu and shortcuts. Follows the helper's NetworksChanged signal.
#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QTableView;

namespace hako::gui
{

class HelperConnection;
class NetworkModel;

class NetworksWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit NetworksWindow(HelperConnection *helper, QWidget *parent = nullptr);
    ~NetworksWindow() override;

    // The one Networks window of `parent`: created on first use, then raised.
    static NetworksWindow *open(HelperConnection *helper, QWidget *parent);

    NetworkModel *model() const;
    QTableView *table() const;
    enum class Action { Create, Remove, Refresh };
    QAction *action(Action which) const;

    // Selects the network of this name (for tests and after creating one).
    void selectNetwork(const QString &name);

  private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
