// NetworkSettings into the spec's org.hako.network* annotations, in the forms
// network_settings.cpp reads back (lists comma-separated, ports as formatPortMapping gives).
#include "network.h"

namespace hako
{

namespace
{

std::string joinList(const std::vector<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : ",") + item;
    return text;
}

void setList(Spec &spec, std::string_view key, const std::vector<std::string> &items)
{
    if (items.empty())
        spec.annotations.erase(std::string(key));
    else
        spec.annotations[std::string(key)] = joinList(items);
}

} // namespace

bool NetworkSettings::empty() const
{
    return networks.empty() && ports.empty() && dns.empty() && dnsSearch.empty() &&
           dnsOptions.empty() && extraHosts.empty() && macAddress.empty() && !ipAddress;
}

void setNetworkSettings(Spec &spec, const NetworkSettings &settings)
{
    std::vector<std::string> ports, hosts;
    for (const PortMapping &mapping : settings.ports)
        ports.push_back(formatPortMapping(mapping));
    for (const ExtraHost &host : settings.extraHosts)
        hosts.push_back(host.name + ":" + formatIpv4(host.address));
    setList(spec, kNetworkAnnotation, settings.networks);
    setList(spec, kPublishAnnotation, ports);
    setList(spec, kDnsAnnotation, settings.dns);
    setList(spec, kDnsSearchAnnotation, settings.dnsSearch);
    setList(spec, kDnsOptionAnnotation, settings.dnsOptions);
    setList(spec, kExtraHostsAnnotation, hosts);
    setList(spec, kMacAddressAnnotation,
            settings.macAddress.empty() ? std::vector<std::string>{}
                                        : std::vector<std::string>{settings.macAddress});
    setList(spec, kIpAddressAnnotation,
            settings.ipAddress ? std::vector<std::string>{formatIpv4(*settings.ipAddress)}
                               : std::vector<std::string>{});
}

} // namespace hako
