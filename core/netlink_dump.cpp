// RtNetlink's questions: links (with their counters), IPv4 addresses and main-table routes,
// each one dump read to its end.
#include "netlink.h"

#include "error.h"
#include "netlink_message.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_link.h>

#include <cstdio>

namespace hako {

using netlink::Attributes;
using netlink::Message;
using netlink::Request;

namespace {

std::string formatMac(const Attributes::Attribute &attribute)
{
    std::string text;
    for (size_t i = 0; i < attribute.size; ++i) {
        char part[4];
        std::snprintf(part, sizeof part, i == 0 ? "%02x" : ":%02x", attribute.data[i]);
        text += part;
    }
    return text;
}

Ipv4Address addressOf(const Attributes::Attribute &attribute)
{
    return Ipv4Address{ntohl(attribute.u32())};
}

LinkInfo linkFrom(const Message &message)
{
    const auto header = message.header<ifinfomsg>();
    LinkInfo link;
    link.index = header.ifi_index;
    link.up = header.ifi_flags & IFF_UP;
    const Attributes attributes = Attributes::after<ifinfomsg>(message);
    for (const Attributes::Attribute &attribute : attributes.all()) {
        switch (attribute.type) {
        case IFLA_IFNAME:
            link.name = attribute.text();
            break;
        case IFLA_MTU:
            link.mtu = static_cast<int>(attribute.u32());
            break;
        case IFLA_MASTER:
            link.masterIndex = static_cast<int>(attribute.u32());
            break;
        case IFLA_ADDRESS:
            link.macAddress = formatMac(attribute);
            break;
        case IFLA_LINKINFO:
            if (const auto kind = attribute.nested().find(IFLA_INFO_KIND))
                link.kind = kind->text();
            break;
        case IFLA_STATS64:
            if (attribute.size >= sizeof(rtnl_link_stats64)) {
                rtnl_link_stats64 stats;
                std::memcpy(&stats, attribute.data, sizeof stats);
                link.rxBytes = stats.rx_bytes;
                link.txBytes = stats.tx_bytes;
                link.rxPackets = stats.rx_packets;
                link.txPackets = stats.tx_packets;
            }
            break;
        default:
            break;
        }
    }
    return link;
}

} // namespace

int RtNetlink::linkIndex(const std::string &name) const
{
    Request request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK);
    request.append(ifinfomsg{});
    request.putString(IFLA_IFNAME, name);
    // Counters are not wanted here: the kernel need not gather them.
    request.putU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    try {
        for (const Message &reply :
             netlink::exchange(socket_.get(), ++sequence_, request, "look up link", name))
            if (reply.type == RTM_NEWLINK)
                return reply.header<ifinfomsg>().ifi_index;
    } catch (const SysError &e) {
        if (e.code() != ENODEV)
            throw;
    }
    return 0;
}

std::vector<LinkInfo> RtNetlink::links() const
{
    Request request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
    request.append(ifinfomsg{});
    std::vector<LinkInfo> result;
    for (const Message &reply :
         netlink::exchange(socket_.get(), ++sequence_, request, "list links", std::string("")))
        if (reply.type == RTM_NEWLINK)
            result.push_back(linkFrom(reply));
    return result;
}

std::vector<AddressInfo> RtNetlink::addresses() const
{
    Request request(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP);
    ifaddrmsg filter{};
    filter.ifa_family = AF_INET;
    request.append(filter);
    std::vector<AddressInfo> result;
    for (const Message &reply : netlink::exchange(socket_.get(), ++sequence_, request,
                                                  "list addresses", std::string(""))) {
        const auto header = reply.header<ifaddrmsg>();
        if (reply.type != RTM_NEWADDR || header.ifa_family != AF_INET)
            continue;
        const Attributes attributes = Attributes::after<ifaddrmsg>(reply);
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's on a
        // point-to-point link, and the only one given on some others.
        auto local = attributes.find(IFA_LOCAL);
        if (!local)
            local = attributes.find(IFA_ADDRESS);
        if (!local)
            continue;
        result.push_back(
            {static_cast<int>(header.ifa_index), addressOf(*local), header.ifa_prefixlen});
    }
    return result;
}

std::vector<RouteInfo> RtNetlink::routes() const
{
    Request request(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP);
    rtmsg filter{};
    filter.rtm_family = AF_INET;
    request.append(filter);
    std::vector<RouteInfo> result;
    for (const Message &reply :
         netlink::exchange(socket_.get(), ++sequence_, request, "list routes", std::string(""))) {
        const auto header = reply.header<rtmsg>();
        const Attributes attributes = Attributes::after<rtmsg>(reply);
        // Table ids above 255 only come as RTA_TABLE; rtm_table then says RT_TABLE_COMPAT.
        const auto table = attributes.find(RTA_TABLE);
        const uint32_t tableId = table ? table->u32() : header.rtm_table;
        if (reply.type != RTM_NEWROUTE || tableId != RT_TABLE_MAIN ||
            header.rtm_type != RTN_UNICAST)
            continue;
        RouteInfo route;
        route.destination.prefix = header.rtm_dst_len;
        if (const auto destination = attributes.find(RTA_DST))
            route.destination.address = addressOf(*destination);
        if (const auto gateway = attributes.find(RTA_GATEWAY))
            route.gateway = addressOf(*gateway);
        if (const auto oif = attributes.find(RTA_OIF))
            route.linkIndex = static_cast<int>(oif->u32());
        result.push_back(route);
    }
    return result;
}

} // namespace hako
