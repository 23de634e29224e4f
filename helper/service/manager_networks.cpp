// Manager methods about networks: docker network ls, inspect, create, rm, connect, disconnect.
// Listing and inspecting need monitor; everything that changes a network, manage-networks.
#include "manager.h"

#include "convert.h"
#include "error.h"
#include "network_requests.h"
#include "validate.h"
#include "workers.h"

#include <algorithm>
#include <map>

namespace hako::helper
{

namespace
{

const QString kManageNetworks = QStringLiteral("manage-networks");

// "host" or "none" when the spec puts the container in that pseudo network, "" otherwise
// (a bridge network, another container's namespace, or a namespace joined by path).
std::string pseudoNetworkOf(const Spec &spec)
{
    const Namespace *net = spec.findNamespace(NamespaceType::Network);
    if (!net)
        return "host";
    if (!net->path.empty() || joinedContainer(spec, NamespaceType::Network))
        return {};
    std::vector<SpecIssue> ignored; // a malformed annotation: still not "none"
    return networkSettings(spec, &ignored).networks.empty() ? "none" : std::string();
}

// The containers in the pseudo networks, by network ("host", "none"); one read of each spec.
std::map<std::string, std::vector<PseudoMember>> pseudoMembers(const Engine &engine)
{
    std::map<std::string, std::vector<PseudoMember>> members{{"host", {}}, {"none", {}}};
    for (const ContainerState &state : engine.list()) {
        std::string network;
        try {
            network = pseudoNetworkOf(engine.inspect(state.id).spec);
        } catch (const std::exception &) {
            continue; // removed meanwhile: not a member any more
        }
        if (!network.empty())
            members[network].push_back(
                {state.id, state.name,
                 state.status == Status::Running || state.status == Status::Paused});
    }
    return members;
}

// Runs `verb`, about the network `network`; a NotFoundError while no network goes by that
// name is NoSuchNetwork (the container may be missing too: the network is named first, as
// Docker does), whatever core's message says.
template <typename Verb> auto onNetwork(const Engine &engine, const std::string &network, Verb verb)
{
    try {
        return verb();
    } catch (const NotFoundError &) {
        if (!engine.networks().find(network))
            throw FailureException(
                {errors::NoSuchNetwork, QString::fromStdString("no such network: " + network)});
        throw;
    }
}

Failure pseudoRefused(const QString &network, const char *what)
{
    return {errors::InvalidState,
            QStringLiteral("%1 is a pre-defined network: a container cannot be %2 it (its network "
                           "mode is chosen when it is created)")
                .arg(network, what)};
}

} // namespace

QList<QVariantMap> Manager::ListNetworks()
{
    dispatch(begin("ListNetworks"), std::nullopt, "monitor", Workers::quick(), Rescan::No,
             [](Engine &engine) {
                 QList<QVariantMap> out;
                 for (const NetworkConfig &network : engine.listNetworks()) {
                     std::vector<std::string> names;
                     try {
                         for (const NetworkDetails::Member &member :
                              engine.inspectNetwork(network.id).containers)
                             names.push_back(member.containerName);
                     } catch (const NotFoundError &) {
                         continue; // removed meanwhile
                     }
                     out << networkEntry(network, names);
                 }
                 for (const auto &[pseudo, members] : pseudoMembers(engine))
                     out << pseudoNetworkEntry(pseudo, members, false);
                 std::sort(out.begin(), out.end(), [](const QVariantMap &a, const QVariantMap &b) {
                     return a.value("Name").toString() < b.value("Name").toString();
                 });
                 return QVariantList{QVariant::fromValue(out)};
             });
    return {};
}

QVariantMap Manager::GetNetwork(const QString &ref)
{
    dispatch(begin("GetNetwork", ref), checkRef(ref), "monitor", Workers::quick(), Rescan::No,
             [pseudo = isPseudoNetwork(ref), ref = ref.toStdString()](Engine &engine) {
                 if (pseudo)
                     return QVariantList{pseudoNetworkEntry(ref, pseudoMembers(engine)[ref], true)};
                 return QVariantList{networkDetails(
                     onNetwork(engine, ref, [&] { return engine.inspectNetwork(ref); }))};
             });
    return {};
}

QVariantMap Manager::CreateNetwork(const QString &name, const QVariantMap &options)
{
    const Call call = begin("CreateNetwork", name);
    std::optional<Failure> invalid = checkNetworkName(name);
    auto parsed = parseNetworkCreateOptions(options);
    if (const Failure *failure = std::get_if<Failure>(&parsed); failure && !invalid)
        invalid = *failure;
    const NetworkCreateOptions createOptions =
        invalid ? NetworkCreateOptions{} : std::get<NetworkCreateOptions>(parsed);
    dispatch(
        call, invalid, kManageNetworks, Workers::quick(), Rescan::No,
        [this, name = name.toStdString(), createOptions](Engine &engine) {
            NetworkConfig made;
            try {
                made = engine.createNetwork(name, createOptions);
            } catch (const ExistsError &e) {
                throw FailureException({errors::NetworkExists, QString::fromStdString(e.what())});
            } catch (const SpecError &e) {
                // What the store finds only against the others (an overlapping subnet, a
                // gateway it will not take) is as much a bad argument as a bad CIDR.
                throw FailureException({errors::InvalidArgs, QString::fromStdString(e.what())});
            }
            announceNetworksChanged();
            return QVariantList{networkDetails(engine.inspectNetwork(made.id))};
        });
    return {};
}

void Manager::RemoveNetwork(const QString &ref)
{
    const Call call = begin("RemoveNetwork", ref);
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid && isPseudoNetwork(ref))
        invalid =
            Failure{errors::InvalidState,
                    QStringLiteral("%1 is a pre-defined network and cannot be removed").arg(ref)};
    dispatch(call, invalid, kManageNetworks, Workers::quick(), Rescan::No,
             [this, ref = ref.toStdString()](Engine &engine) {
                 onNetwork(engine, ref, [&] { engine.removeNetwork(ref); });
                 announceNetworksChanged();
                 return QVariantList{};
             });
}

void Manager::ConnectNetwork(const QString &network, const QString &container,
                             const QVariantMap &options)
{
    const Call call = begin("ConnectNetwork", container);
    std::optional<Failure> invalid = checkRef(network, "network");
    if (!invalid)
        invalid = checkRef(container, "container");
    auto parsed = parseConnectOptions(options);
    if (const Failure *failure = std::get_if<Failure>(&parsed); failure && !invalid)
        invalid = *failure;
    if (!invalid && isPseudoNetwork(network))
        invalid = pseudoRefused(network, "connected to");
    const ConnectOptions connectOptions =
        invalid ? ConnectOptions{} : std::get<ConnectOptions>(parsed);
    // The blocking pool: connecting a running container makes links in its namespace.
    dispatch(
        call, invalid, kManageNetworks, Workers::blocking(), Rescan::No,
        [this, network = network.toStdString(), container = container.toStdString(),
         connectOptions](Engine &engine) {
            try {
                onNetwork(engine, network,
                          [&] { engine.connectNetwork(network, container, connectOptions); });
            } catch (const ExistsError &e) {
                // Already on it: the container's state, not a name taken.
                throw FailureException({errors::InvalidState, QString::fromStdString(e.what())});
            }
            announceNetworksChanged();
            return QVariantList{};
        });
}

void Manager::DisconnectNetwork(const QString &network, const QString &container, bool force)
{
    const Call call = begin("DisconnectNetwork", container);
    std::optional<Failure> invalid = checkRef(network, "network");
    if (!invalid)
        invalid = checkRef(container, "container");
    if (!invalid && isPseudoNetwork(network))
        invalid = pseudoRefused(network, "disconnected from");
    dispatch(call, invalid, kManageNetworks, Workers::blocking(), Rescan::No,
             [this, network = network.toStdString(), container = container.toStdString(),
              force](Engine &engine) {
                 onNetwork(engine, network,
                           [&] { engine.disconnectNetwork(network, container, force); });
                 announceNetworksChanged();
                 return QVariantList{};
             });
}

void Manager::announceNetworksChanged()
{
    // From a worker: queued before the worker posts its reply, so a client that gets the
    // reply has been sent the signal already (as ContainerNew precedes CreateContainer's).
    QMetaObject::invokeMethod(
        this, [this] { emit NetworksChanged(); }, Qt::QueuedConnection);
}

} // namespace hako::helper
