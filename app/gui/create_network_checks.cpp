#include "create_network_checks.h"

#include "network.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace hako::gui
{

// The messages are in the Network tab's translation context, where they are shown.

QStringList splitListField(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString publishProblem(const QString &entry)
{
    std::string why;
    if (parsePortMapping(entry.toStdString(), &why))
        return {};
    return QString::fromStdString(why);
}

QString ipv4Problem(const QString &address)
{
    if (parseIpv4(address.toStdString()))
        return {};
    return QCoreApplication::translate(
               "hako::gui::CreateNetworkPage",
               "\"%1\" is not an IPv4 address (four numbers 0-255 with dots)")
        .arg(address);
}

QString extraHostProblem(const QString &entry)
{
    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return QCoreApplication::translate("hako::gui::CreateNetworkPage", "\"%1\" is not NAME:IP")
            .arg(entry);
    return ipv4Problem(entry.mid(colon + 1));
}

QString domainProblem(const QString &domain)
{
    static const QRegularExpression valid(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"));
    if (valid.match(domain).hasMatch())
        return {};
    return QCoreApplication::translate("hako::gui::CreateNetworkPage",
                                       "\"%1\" is not a domain name")
        .arg(domain);
}

QString macProblem(const QString &mac)
{
    if (isValidMacAddress(mac.toStdString()))
        return {};
    return QCoreApplication::translate("hako::gui::CreateNetworkPage",
                                       "\"%1\" is not a unicast MAC address (xx:xx:xx:xx:xx:xx)")
        .arg(mac);
}

} // namespace hako::gui
