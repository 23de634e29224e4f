// What the network tests share (test_networks.cpp, test_network_endpoints.cpp): the
// NetworksTest fixture, with a connection of its own, the proxy generated from the API
// definition (as hakoctl and the app use it) and a count of NetworksChanged; and small makers
// of bridge-mode specs.
//
// Everything happens in the test's own network namespace (ctest runs each test process in
// one): the subnets are 10.89.x.0/24 there, never the machine's.
#pragma once

#include "bus_fixture.h"

#include "manager_proxy.h"
#include "network.h"

#include <QObject>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hako::dbustest
{

using StringMap = QMap<QString, QString>;

// The networks the tests make; each test's tear-down removes them.
inline constexpr const char *kTestNetworkNames[] = {"hknet", "hkother", "hkinuse",
                                                    "hkrun", "hkrec",   "badnet"};

// Counts NetworksChanged on the test's connection.
class SignalCounter : public QObject
{
    Q_OBJECT
  public:
    int count = 0;
  public slots:
    void onSignal() { ++count; }
};

class NetworksTest : public DBusTest
{
  protected:
    void SetUp() override;
    void TearDown() override;

    // CreateNetwork with that subnet; the GetNetwork entry ({} and a failure if refused).
    QVariantMap create(const QString &name, const QString &subnet, const StringMap &labels = {});
    // The ListNetworks entry of `name` ({} when not listed).
    QVariantMap listed(const QString &name);
    // NetworksChanged has arrived more than `before` times (waits up to 3 s).
    bool changedSince(int before);
    // GetContainer's Endpoints.
    QList<QVariantMap> endpointsOf(const std::string &container);
    std::string leasesDir(const QString &networkId) const;

    std::unique_ptr<QDBusConnection> bus_;
    std::unique_ptr<ManagerProxy> proxy_;
    SignalCounter changes_;
};

// The reply's error name, "(no error)" when it succeeded (waits for it).
template <typename Reply> std::string errorName(Reply &reply)
{
    reply.waitForFinished();
    return reply.isError() ? reply.error().name().toStdString() : std::string("(no error)");
}

QList<QVariantMap> listOf(const QVariant &value); // an aa{sv} inside an a{sv}
bool containsText(const std::string &haystack, const std::string &needle);
// busybox running `args`, on `network` with `ports` published.
std::string bridgeSpec(const std::string &network, const std::vector<PortMapping> &ports,
                       const std::vector<std::string> &args);
PortMapping tcpPort(uint16_t host, uint16_t container);
std::set<std::string> filesIn(const std::string &dir);
std::string hakoTable();                   // `nft list table ip hako` ("" when there is none)
pid_t containerPid(const std::string &id); // read from the state root, not through the helper

} // namespace hako::dbustest
