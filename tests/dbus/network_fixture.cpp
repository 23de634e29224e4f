#include "network_fixture.h"

#include "engine.h"

#include <QCoreApplication>
#include <QDBusMetaType>
#include <QDBusPendingReply>

#include <filesystem>

namespace hako::dbustest
{

using namespace std::chrono_literals;

namespace
{

const QString kConnectionName = QStringLiteral("hako-networks-test");

} // namespace

void NetworksTest::SetUp()
{
    DBusTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
        return;
    qDBusRegisterMetaType<StringMap>();
    bus_ = std::make_unique<QDBusConnection>(
        QDBusConnection::connectToBus(QString::fromStdString(env().address()), kConnectionName));
    ASSERT_TRUE(bus_->isConnected()) << bus_->lastError().message().toStdString();
    proxy_ = std::make_unique<ManagerProxy>(kService, kManagerPath, *bus_);
    bus_->connect(kService, kManagerPath, kManagerInterface, "NetworksChanged", &changes_,
                  SLOT(onSignal()));
}

void NetworksTest::TearDown()
{
    if (proxy_) {
        if (!env().helperRunning())
            env().startHelper();
        env().removeAllContainers();
        for (const char *name : kTestNetworkNames)
            proxy_->RemoveNetwork(name).waitForFinished();
        bus_->disconnect(kService, kManagerPath, kManagerInterface, "NetworksChanged", &changes_,
                         SLOT(onSignal()));
        proxy_.reset();
        bus_.reset();
        QDBusConnection::disconnectFromBus(kConnectionName);
    }
    DBusTest::TearDown();
}

QVariantMap NetworksTest::create(const QString &name, const QString &subnet,
                                 const StringMap &labels)
{
    QVariantMap options{{"Subnet", subnet}};
    if (!labels.isEmpty())
        options.insert("Labels", QVariant::fromValue(labels));
    auto reply = proxy_->CreateNetwork(name, options);
    reply.waitForFinished();
    if (reply.isError()) {
        ADD_FAILURE() << "CreateNetwork " << name.toStdString() << ": "
                      << reply.error().message().toStdString();
        return {};
    }
    return reply.value();
}

QVariantMap NetworksTest::listed(const QString &name)
{
    auto reply = proxy_->ListNetworks();
    reply.waitForFinished();
    EXPECT_FALSE(reply.isError()) << reply.error().message().toStdString();
    for (const QVariantMap &network : reply.value())
        if (network.value("Name").toString() == name)
            return network;
    return {};
}

bool NetworksTest::changedSince(int before)
{
    return eventually(
        [&] {
            QCoreApplication::processEvents();
            return changes_.count > before;
        },
        3s);
}

QList<QVariantMap> NetworksTest::endpointsOf(const std::string &container)
{
    auto reply = proxy_->GetContainer(QString::fromStdString(container));
    reply.waitForFinished();
    EXPECT_FALSE(reply.isError()) << container << ": " << reply.error().message().toStdString();
    return listOf(reply.value().value("Endpoints"));
}

std::string NetworksTest::leasesDir(const QString &networkId) const
{
    return BusEnvironment::instance().stateRoot() + "/networks/" + networkId.toStdString() +
           "/leases";
}

QList<QVariantMap> listOf(const QVariant &value)
{
    return qdbus_cast<QList<QVariantMap>>(value);
}

bool containsText(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string bridgeSpec(const std::string &network, const std::vector<PortMapping> &ports,
                       const std::vector<std::string> &args)
{
    Spec spec = defaultSpec();
    spec.process.args = args;
    spec.process.terminal = false;
    NetworkSettings settings;
    settings.networks = {network};
    settings.ports = ports;
    setNetworkSettings(spec, settings);
    return toJsonText(spec);
}

PortMapping tcpPort(uint16_t host, uint16_t container)
{
    PortMapping mapping;
    mapping.hostPort = host;
    mapping.containerPort = container;
    return mapping;
}

std::set<std::string> filesIn(const std::string &dir)
{
    std::set<std::string> names;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
        names.insert(entry.path().filename());
    return names;
}

std::string hakoTable()
{
    return runCommand({"nft", "list", "table", "ip", "hako"}).out;
}

pid_t containerPid(const std::string &id)
{
    EngineOptions options;
    options.stateRoot = BusEnvironment::instance().stateRoot();
    return Engine(options).state(id).pid.pid;
}

} // namespace hako::dbustest
