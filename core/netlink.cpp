// RtNetlink's changes: links, addresses, routes, bridge ports. Each request asks for an
// acknowledgement, so a refusal surfaces here with the link it was about.
#include "netlink.h"

#include "error.h"
#include "netlink_message.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <sched.h>
#include <sys/socket.h>

#include <array>
#include <cstdio>
#include <exception>
#include <thread>

namespace hako {

using netlink::Request;

namespace {

constexpr uint16_t kCreate = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
constexpr uint16_t kChange = NLM_F_REQUEST | NLM_F_ACK;

UniqueFd openRouteSocket()
{
    UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
    if (!fd)
        throwSys("open a rtnetlink socket");
    // Best effort, both: the kernel's explanation of a refusal, without the request echoed.
    const int on = 1;
    ::setsockopt(fd.get(), SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
    ::setsockopt(fd.get(), SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
    return fd;
}

ifinfomsg linkHeader(int index, unsigned family = AF_UNSPEC)
{
    ifinfomsg header{};
    header.ifi_family = static_cast<unsigned char>(family);
    header.ifi_index = index;
    return header;
}

std::array<unsigned char, 6> parseMac(const std::string &text)
{
    std::array<unsigned char, 6> bytes{};
    unsigned parts[6];
    char extra;
    if (std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &parts[0], &parts[1], &parts[2],
                    &parts[3], &parts[4], &parts[5], &extra) != 6)
        throw Error("MAC address \"" + text + "\" is not of the form xx:xx:xx:xx:xx:xx");
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(parts[i]);
    return bytes;
}

// "eth0 (#3)": what an error about a link known by its index says, looked up only then.
std::string describeLink(int fd, uint32_t sequence, int index)
{
    const std::string number = "#" + std::to_string(index);
    Request request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK);
    request.append(linkHeader(index));
    try {
        for (const netlink::Message &reply :
             netlink::exchange(fd, sequence, request, "look up link", number))
            if (const auto name = netlink::Attributes::after<ifinfomsg>(reply).find(IFLA_IFNAME))
                return name->text() + " (" + number + ")";
    } catch (const Error &) {
        // The link is gone; its number is all there is to say.
    }
    return "link " + number;
}

// A request about the link `index`, whose name an error then gives.
void changeLink(int fd, uint32_t &sequence, Request &request, std::string_view step, int index)
{
    const uint32_t current = ++sequence;
    netlink::exchange(fd, current, request, step,
                      [fd, &sequence, index] { return describeLink(fd, ++sequence, index); });
}

} // namespace

RtNetlink::RtNetlink() : socket_(openRouteSocket()) {}

RtNetlink::RtNetlink(UniqueFd socket) : socket_(std::move(socket)) {}

RtNetlink RtNetlink::inNamespace(int netnsFd)
{
    // A socket stays in the namespace it was made in, whichever thread uses it later.
    UniqueFd socket;
    inNetworkNamespace(netnsFd, [&] { socket = openRouteSocket(); });
    return RtNetlink(std::move(socket));
}

void RtNetlink::createBridge(const std::string &name, int mtu)
{
    Request request(RTM_NEWLINK, kCreate);
    request.append(linkHeader(0));
    request.putString(IFLA_IFNAME, name);
    if (mtu > 0)
        request.putU32(IFLA_MTU, static_cast<uint32_t>(mtu));
    const size_t linkInfo = request.beginNested(IFLA_LINKINFO);
    request.putString(IFLA_INFO_KIND, "bridge");
    request.endNested(linkInfo);
    netlink::exchange(socket_.get(), ++sequence_, request, "create bridge", name);
}

void RtNetlink::createVethPair(const VethRequest &veth)
{
    Request request(RTM_NEWLINK, kCreate);
    request.append(linkHeader(0));
    request.putString(IFLA_IFNAME, veth.hostName);
    request.putU32(IFLA_MTU, static_cast<uint32_t>(veth.mtu));
    if (veth.hostMasterIndex > 0)
        request.putU32(IFLA_MASTER, static_cast<uint32_t>(veth.hostMasterIndex));
    const size_t linkInfo = request.beginNested(IFLA_LINKINFO);
    request.putString(IFLA_INFO_KIND, "veth");
    const size_t infoData = request.beginNested(IFLA_INFO_DATA);
    // The peer is described as a link of its own: an ifinfomsg and its attributes.
    const size_t peer = request.beginNested(VETH_INFO_PEER);
    request.append(linkHeader(0));
    request.putString(IFLA_IFNAME, veth.peerName);
    request.putU32(IFLA_MTU, static_cast<uint32_t>(veth.mtu));
    if (veth.peerNetnsFd >= 0)
        request.putU32(IFLA_NET_NS_FD, static_cast<uint32_t>(veth.peerNetnsFd));
    if (!veth.peerMacAddress.empty()) {
        const auto mac = parseMac(veth.peerMacAddress);
        request.put(IFLA_ADDRESS, mac.data(), mac.size());
    }
    request.endNested(peer);
    request.endNested(infoData);
    request.endNested(linkInfo);
    netlink::exchange(socket_.get(), ++sequence_, request, "create veth",
                      veth.hostName + " (peer " + veth.peerName + ")");
}

void RtNetlink::deleteLink(const std::string &name)
{
    Request request(RTM_DELLINK, kChange);
    request.append(linkHeader(0));
    request.putString(IFLA_IFNAME, name);
    try {
        netlink::exchange(socket_.get(), ++sequence_, request, "delete link", name);
    } catch (const SysError &e) {
        if (e.code() != ENODEV)
            throw;
    }
}

void RtNetlink::setUp(int index)
{
    Request request(RTM_NEWLINK, kChange);
    ifinfomsg header = linkHeader(index);
    header.ifi_flags = IFF_UP;
    header.ifi_change = IFF_UP;
    request.append(header);
    changeLink(socket_.get(), sequence_, request, "set up", index);
}

void RtNetlink::setMtu(int index, int mtu)
{
    Request request(RTM_NEWLINK, kChange);
    request.append(linkHeader(index));
    request.putU32(IFLA_MTU, static_cast<uint32_t>(mtu));
    changeLink(socket_.get(), sequence_, request, "set mtu " + std::to_string(mtu), index);
}

void RtNetlink::setMacAddress(int index, const std::string &mac)
{
    const auto bytes = parseMac(mac);
    Request request(RTM_NEWLINK, kChange);
    request.append(linkHeader(index));
    request.put(IFLA_ADDRESS, bytes.data(), bytes.size());
    changeLink(socket_.get(), sequence_, request, "set MAC address " + mac, index);
}

void RtNetlink::setMaster(int index, int masterIndex)
{
    Request request(RTM_NEWLINK, kChange);
    request.append(linkHeader(index));
    request.putU32(IFLA_MASTER, static_cast<uint32_t>(masterIndex));
    changeLink(socket_.get(), sequence_, request, "set master #" + std::to_string(masterIndex),
               index);
}

void RtNetlink::setBridgePort(int index, bool isolated, bool hairpin)
{
    // Bridge port options are set through the AF_BRIDGE family, nested in IFLA_PROTINFO.
    Request request(RTM_SETLINK, kChange);
    request.append(linkHeader(index, AF_BRIDGE));
    const size_t protinfo = request.beginNested(IFLA_PROTINFO | NLA_F_NESTED);
    request.putU8(IFLA_BRPORT_ISOLATED, isolated ? 1 : 0);
    request.putU8(IFLA_BRPORT_MODE, hairpin ? 1 : 0);
    request.endNested(protinfo);
    const std::string what = std::string("set bridge port ") + (isolated ? "isolated" : "not isolated") +
                             (hairpin ? ", hairpin" : "");
    changeLink(socket_.get(), sequence_, request, what, index);
}

void RtNetlink::addAddress(int index, Ipv4Address address, int prefix)
{
    // NLM_F_REPLACE rather than EXCL: an address already there is what we wanted.
    Request request(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE);
    ifaddrmsg header{};
    header.ifa_family = AF_INET;
    header.ifa_prefixlen = static_cast<unsigned char>(prefix);
    header.ifa_scope = RT_SCOPE_UNIVERSE;
    header.ifa_index = static_cast<unsigned>(index);
    request.append(header);
    const uint32_t local = htonl(address.value);
    request.putU32(IFA_LOCAL, local);
    request.putU32(IFA_ADDRESS, local);
    // /31 and /32 have no broadcast address (RFC 3021).
    if (prefix < 31) {
        const uint32_t hostBits = prefix == 0 ? ~0u : ~0u >> prefix;
        request.putU32(IFA_BROADCAST, htonl(address.value | hostBits));
    }
    changeLink(socket_.get(), sequence_, request,
               "add address " + formatIpv4(address) + "/" + std::to_string(prefix), index);
}

void RtNetlink::addDefaultRoute(Ipv4Address gateway)
{
    Request request(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE);
    rtmsg header{};
    header.rtm_family = AF_INET;
    header.rtm_table = RT_TABLE_MAIN;
    header.rtm_protocol = RTPROT_BOOT;
    header.rtm_scope = RT_SCOPE_UNIVERSE;
    header.rtm_type = RTN_UNICAST;
    request.append(header);
    request.putU32(RTA_GATEWAY, htonl(gateway.value));
    netlink::exchange(socket_.get(), ++sequence_, request, "add default route via",
                      formatIpv4(gateway));
}

void inNetworkNamespace(int netnsFd, const std::function<void()> &fn)
{
    std::exception_ptr failure;
    std::thread worker([&] {
        try {
            if (::setns(netnsFd, CLONE_NEWNET) < 0)
                throwSys("enter network namespace", "fd " + std::to_string(netnsFd));
            fn();
        } catch (...) {
            failure = std::current_exception();
        }
    });
    worker.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace hako
