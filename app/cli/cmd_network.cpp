// The network commands (ls, create, rm, inspect, connect, disconnect) and port.
#include "dbus_values.h"
#include "network_views.h"
#include "session.h"
#include "views.h"

#include <QJsonArray>

#include <algorithm>

namespace hako::cli
{

namespace
{

std::optional<QList<QVariantMap>> listNetworks(Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListNetworks();
    if (!finished(reply))
        return std::nullopt;
    return plainMaps(reply.value());
}

} // namespace

int cmdNetworkLs(const ParsedArgs &args, Session &session)
{
    auto networks = listNetworks(session);
    if (!networks)
        return kExitHakoError;
    // docker lists them by name.
    std::sort(networks->begin(), networks->end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("Name")).toString() <
               b.value(QStringLiteral("Name")).toString();
    });
    QList<QJsonObject> rows;
    for (const QVariantMap &network : *networks)
        rows.append(networkRow(network, args.boolean(QStringLiteral("no-trunc"))));
    QString format = args.value(QStringLiteral("format"));
    if (args.boolean(QStringLiteral("quiet")))
        format = QStringLiteral("{{.ID}}");
    else if (format.isEmpty() || format == QLatin1String("table"))
        format = defaultNetworksFormat();
    QString error;
    const auto text = renderRows(format, networkHeaders(), rows, &error);
    if (!text)
        return fail(error);
    printOut(*text);
    return 0;
}

int cmdNetworkCreate(const ParsedArgs &args, Session &session)
{
    QString error;
    const auto options = networkCreateOptions(args, &error);
    if (!options)
        return fail(error);
    QDBusPendingReply<QVariantMap> reply =
        session.manager().CreateNetwork(args.positional.value(0), *options);
    if (!finished(reply))
        return kExitHakoError;
    printOut(reply.value().value(QStringLiteral("Id")).toString() + QLatin1Char('\n'));
    return 0;
}

int cmdNetworkRm(const ParsedArgs &args, Session &session)
{
    const bool force = args.boolean(QStringLiteral("force"));
    int status = 0;
    for (const QString &ref : args.positional) {
        QDBusPendingReply<> reply = session.manager().RemoveNetwork(ref);
        reply.waitForFinished();
        if (!reply.isError()) {
            printOut(ref + QLatin1Char('\n'));
            continue;
        }
        // -f: a network that is not there is not an error, as docker network rm -f.
        if (force && client::hakoErrorName(reply.error()) == QLatin1String("NoSuchNetwork"))
            continue;
        status = failDbus(reply.error());
    }
    return status;
}

int cmdNetworkInspect(const ParsedArgs &args, Session &session)
{
    int status = 0;
    QJsonArray objects;
    for (const QString &ref : args.positional) {
        QDBusPendingReply<QVariantMap> reply = session.manager().GetNetwork(ref);
        if (!finished(reply)) {
            status = kExitHakoError;
            continue;
        }
        objects.append(networkInspectObject(plainMap(reply.value())));
    }
    const int printed = printInspected(objects, args.value(QStringLiteral("format")));
    return printed != 0 ? printed : status;
}

int cmdNetworkConnect(const ParsedArgs &args, Session &session)
{
    QVariantMap options;
    if (const QString ip = args.value(QStringLiteral("ip")); !ip.isEmpty())
        options.insert(QStringLiteral("IPv4Address"), ip);
    QDBusPendingReply<> reply =
        session.manager().ConnectNetwork(args.positional[0], args.positional[1], options);
    return finished(reply) ? 0 : kExitHakoError;
}

int cmdNetworkDisconnect(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<> reply = session.manager().DisconnectNetwork(
        args.positional[0], args.positional[1], args.boolean(QStringLiteral("force")));
    return finished(reply) ? 0 : kExitHakoError;
}

int cmdPort(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<QVariantMap> reply = session.manager().GetContainer(args.positional[0]);
    if (!finished(reply))
        return kExitHakoError;
    const QList<QVariantMap> ports =
        mapList(plainMap(reply.value()).value(QStringLiteral("Ports")));
    QString error;
    const auto lines = portLines(ports, args.positional[0], args.positional.value(1), &error);
    if (!lines)
        return fail(error);
    printOut(*lines);
    return 0;
}

} // namespace hako::cli
