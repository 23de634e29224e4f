// The Networks window against the real helper: it lists the default network and one made
// through its own New Network dialog (subnet, gateway, inter-container traffic off), refuses
// a bad subnet at the field, removes a network after asking, and says why a removal was
// refused. The details' Network page shows a running container's address and published port
// as GetContainer reports them, and its second address once connected to another network.
#include "details_network.h"
#include "details_pane.h"
#include "gui_fixture.h"
#include "image_text.h"
#include "message_bar.h"
#include "network_create_dialog.h"
#include "network_model.h"
#include "networks_window.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

namespace hako::guitest
{
namespace
{

using dbustest::hakoctl;
using gui::NetworkModel;
using gui::NetworksWindow;

const QString kNetwork = QStringLiteral("guinet");

class NetworksWindowTest : public GuiTest
{
  protected:
    void TearDown() override
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (!w->parent())
                delete w;
        env().removeAllContainers();
        env().call(QStringLiteral("RemoveNetwork"), {kNetwork});
        GuiTest::TearDown();
    }

    // The text of the row named `name` in `column` ("" when not listed).
    static QString cell(NetworksWindow &window, const QString &name, int column)
    {
        NetworkModel *model = window.model();
        const int row = model->rowOfName(name);
        return row < 0 ? QString() : model->data(model->index(row, column)).toString();
    }

    // The dialog a window opened, once it is shown.
    template <typename T> static T *openDialog()
    {
        T *found = nullptr;
        waitUntil([&] {
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<T *>(w); d && d->isVisible())
                    found = d;
            return found != nullptr;
        });
        return found;
    }
};

TEST_F(NetworksWindowTest, ListsCreatesAndRemoves)
{
    // The default network is made on first use: a container on it.
    const auto ran = hakoctl(
        {"run", "-d", "--name", "first", "--network", "bridge", "busybox", "sleep", "1000"});
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    NetworksWindow window(&helper());
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    QAbstractItemModelTester tester(window.model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    window.show();
    ASSERT_TRUE(
        waitUntil([&] { return window.model()->rowOfName(QStringLiteral("bridge")) >= 0; }));
    EXPECT_EQ(cell(window, QStringLiteral("bridge"), NetworkModel::DriverColumn),
              QStringLiteral("bridge"));
    EXPECT_FALSE(cell(window, QStringLiteral("bridge"), NetworkModel::SubnetColumn)
                     .contains(QStringLiteral("—")));
    EXPECT_EQ(cell(window, QStringLiteral("bridge"), NetworkModel::ContainersColumn),
              QStringLiteral("first"));
    window.selectNetwork(QStringLiteral("bridge"));
    EXPECT_FALSE(window.action(NetworksWindow::Action::Remove)->isEnabled()); // the default one

    window.action(NetworksWindow::Action::Create)->trigger();
    auto *dialog = openDialog<gui::NetworkCreateDialog>();
    ASSERT_NE(dialog, nullptr);
    auto *create = dialog->findChild<QPushButton *>(QStringLiteral("networkCreateButton"));
    auto *subnet = dialog->findChild<QLineEdit *>(QStringLiteral("networkSubnetEdit"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("networkNameEdit")), kNetwork);
    QTest::keyClicks(subnet, QStringLiteral("10.89.42.1/24")); // host bits set
    auto *subnetError = dialog->findChild<QLabel *>(QStringLiteral("networkSubnetEditError"));
    EXPECT_FALSE(subnetError->text().isEmpty());
    EXPECT_FALSE(create->isEnabled());
    subnet->setText(QStringLiteral("10.89.42.0/24"));
    EXPECT_TRUE(subnetError->text().isEmpty());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("networkGatewayEdit")),
                     QStringLiteral("10.89.42.1"));
    dialog->findChild<QCheckBox *>(QStringLiteral("networkIccCheck"))->setChecked(false);
    ASSERT_TRUE(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return window.model()->rowOfName(kNetwork) >= 0; }, 15000));
    EXPECT_EQ(cell(window, kNetwork, NetworkModel::SubnetColumn), QStringLiteral("10.89.42.0/24"));
    EXPECT_EQ(cell(window, kNetwork, NetworkModel::GatewayColumn), QStringLiteral("10.89.42.1"));
    EXPECT_EQ(cell(window, kNetwork, NetworkModel::IccColumn), QStringLiteral("No"));
    EXPECT_EQ(cell(window, kNetwork, NetworkModel::InternalColumn), QStringLiteral("No"));
    EXPECT_FALSE(cell(window, kNetwork, NetworkModel::BridgeColumn).isEmpty());

    // Remove asks first; the row goes once the helper has removed it.
    ASSERT_TRUE(waitUntil([&] {
        window.selectNetwork(kNetwork);
        return window.action(NetworksWindow::Action::Remove)->isEnabled();
    }));
    window.action(NetworksWindow::Action::Remove)->trigger();
    auto *confirm = openDialog<QMessageBox>();
    ASSERT_NE(confirm, nullptr);
    EXPECT_TRUE(confirm->text().contains(kNetwork));
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("removeNetworkButton")),
                      Qt::LeftButton);
    EXPECT_TRUE(waitUntil([&] { return window.model()->rowOfName(kNetwork) < 0; }, 15000));
    EXPECT_NE(env().call(QStringLiteral("GetNetwork"), {kNetwork}).type(),
              QDBusMessage::ReplyMessage);
}

// A network made elsewhere (hakoctl) shows up by the helper's signal, and a removal the helper
// refuses (a container is on it) is said in the window's message bar.
TEST_F(NetworksWindowTest, FollowsTheHelperAndShowsRefusals)
{
    NetworksWindow window(&helper());
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    ASSERT_TRUE(waitUntil([&] { return window.model()->isLoaded(); }));
    const auto made = hakoctl({"network", "create", "--subnet", "10.89.43.0/24", "guinet"});
    ASSERT_EQ(made.exit, 0) << made.describe();
    ASSERT_TRUE(waitUntil([&] { return window.model()->rowOfName(kNetwork) >= 0; }, 15000));
    const auto ran = hakoctl(
        {"run", "-d", "--name", "onnet", "--network", "guinet", "busybox", "sleep", "1000"});
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    ASSERT_TRUE(waitUntil(
        [&] {
            return cell(window, kNetwork, NetworkModel::ContainersColumn)
                .contains(QStringLiteral("onnet"));
        },
        15000));
    window.selectNetwork(kNetwork);
    window.action(NetworksWindow::Action::Remove)->trigger();
    auto *confirm = openDialog<QMessageBox>();
    ASSERT_NE(confirm, nullptr);
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("removeNetworkButton")),
                      Qt::LeftButton);
    auto *bar = window.findChild<gui::MessageBar *>(QStringLiteral("networksErrorBar"));
    ASSERT_TRUE(waitUntil([&] { return bar->isVisible(); }, 15000));
    EXPECT_TRUE(bar->text().contains(kNetwork)) << bar->text().toStdString();
    EXPECT_GE(window.model()->rowOfName(kNetwork), 0);
}

TEST_F(NetworksWindowTest, DetailsShowTheRunningContainersAddress)
{
    const auto ran = hakoctl({"run", "-d", "--name", "addressed", "--network", "bridge", "-p",
                              "127.0.0.1:18080:80", "busybox", "sleep", "1000"});
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    const QDBusMessage reply =
        env().call(QStringLiteral("GetContainer"), {QStringLiteral("addressed")});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const QVariantMap info = qdbus_cast<QVariantMap>(reply.arguments().at(0));
    const QList<QVariantMap> endpoints =
        gui::variantMapList(info.value(QStringLiteral("Endpoints")));
    ASSERT_EQ(endpoints.size(), 1);
    const QString address = endpoints.first().value(QStringLiteral("IPAddress")).toString();
    ASSERT_FALSE(address.isEmpty());

    gui::DetailsPane pane(&helper());
    pane.resize(900, 600);
    pane.setContainer(QStringLiteral("addressed"));
    pane.showPage(gui::DetailsPane::Page::Network);
    pane.show();
    auto *page = pane.findChild<gui::NetworkPage *>();
    ASSERT_NE(page, nullptr);
    QTableWidget *addresses = page->addresses();
    ASSERT_TRUE(waitUntil([&] { return addresses->rowCount() == 1; }, 10000));
    const auto text = [](QTableWidget *table, int column) {
        return table->item(0, column)->text();
    };
    EXPECT_EQ(text(addresses, gui::NetworkPage::NetworkColumn), QStringLiteral("bridge"));
    EXPECT_EQ(text(addresses, gui::NetworkPage::InterfaceColumn), QStringLiteral("eth0"));
    EXPECT_EQ(text(addresses, gui::NetworkPage::AddressColumn),
              QStringLiteral("%1/%2").arg(address).arg(
                  endpoints.first().value(QStringLiteral("IPPrefixLen")).toInt()));
    EXPECT_EQ(text(addresses, gui::NetworkPage::GatewayColumn),
              endpoints.first().value(QStringLiteral("Gateway")).toString());
    EXPECT_EQ(text(addresses, gui::NetworkPage::MacColumn),
              endpoints.first().value(QStringLiteral("MacAddress")).toString());
    QTableWidget *ports = page->ports();
    ASSERT_EQ(ports->rowCount(), 1);
    EXPECT_EQ(text(ports, gui::NetworkPage::HostIpColumn), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(text(ports, gui::NetworkPage::HostPortColumn), QStringLiteral("18080"));
    EXPECT_EQ(text(ports, gui::NetworkPage::ContainerPortColumn), QStringLiteral("80"));
    EXPECT_EQ(text(ports, gui::NetworkPage::ProtocolColumn), QStringLiteral("tcp"));
    EXPECT_EQ(page->modeText(), QStringLiteral("bridge (bridge)"));

    // Connected to a second network while it runs: the page follows NetworksChanged.
    const QDBusMessage created = env().call(
        QStringLiteral("CreateNetwork"),
        {kNetwork, QVariantMap{{QStringLiteral("Subnet"), QStringLiteral("10.89.44.0/24")}}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    const QDBusMessage connected = env().call(
        QStringLiteral("ConnectNetwork"), {kNetwork, QStringLiteral("addressed"), QVariantMap{}});
    ASSERT_EQ(connected.type(), QDBusMessage::ReplyMessage)
        << connected.errorMessage().toStdString();
    ASSERT_TRUE(waitUntil([&] { return addresses->rowCount() == 2; }, 10000));
    QStringList onNetworks;
    for (int row = 0; row < addresses->rowCount(); ++row)
        onNetworks << addresses->item(row, gui::NetworkPage::NetworkColumn)->text();
    EXPECT_TRUE(onNetworks.contains(kNetwork)) << onNetworks.join(QLatin1Char(' ')).toStdString();

    // Stopped, it has no address: the page says why the table is empty.
    ASSERT_EQ(hakoctl({"stop", "-t", "1", "addressed"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return addresses->rowCount() == 0; }, 15000));
}

} // namespace
} // namespace hako::guitest
