// The rtnetlink message builder and reader (core/netlink_message.h) without a socket: header
// and nested lengths as the kernel checks them, and a reader that stops at a lying length.
#include "netlink_message.h"

#include <gtest/gtest.h>

#include <linux/if_link.h>
#include <linux/veth.h>

using namespace hako::netlink;

namespace {

uint32_t u32At(const std::vector<unsigned char> &bytes, size_t offset)
{
    uint32_t value;
    std::memcpy(&value, bytes.data() + offset, sizeof value);
    return value;
}

uint16_t u16At(const std::vector<unsigned char> &bytes, size_t offset)
{
    uint16_t value;
    std::memcpy(&value, bytes.data() + offset, sizeof value);
    return value;
}

// The request as the kernel would hand it to a handler: payload after the nlmsghdr.
Message asMessage(const std::vector<unsigned char> &bytes)
{
    return {u16At(bytes, offsetof(nlmsghdr, nlmsg_type)),
            {bytes.begin() + NLMSG_HDRLEN, bytes.end()}};
}

TEST(NetlinkMessage, HeaderCarriesLengthTypeFlagsAndSequence)
{
    Request request(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
    request.append(ifinfomsg{});
    request.putString(IFLA_IFNAME, "br0");
    const auto &bytes = request.finish(42);
    EXPECT_EQ(bytes.size() % NLMSG_ALIGNTO, 0u);
    EXPECT_EQ(u32At(bytes, offsetof(nlmsghdr, nlmsg_len)), bytes.size());
    EXPECT_EQ(u16At(bytes, offsetof(nlmsghdr, nlmsg_type)), RTM_NEWLINK);
    EXPECT_EQ(u16At(bytes, offsetof(nlmsghdr, nlmsg_flags)), NLM_F_REQUEST | NLM_F_ACK);
    EXPECT_EQ(u32At(bytes, offsetof(nlmsghdr, nlmsg_seq)), 42u);
    const auto name = Attributes::after<ifinfomsg>(asMessage(bytes)).find(IFLA_IFNAME);
    ASSERT_TRUE(name);
    EXPECT_EQ(name->text(), "br0");
    EXPECT_EQ(name->size, 4u) << "the kernel wants the NUL";
}

TEST(NetlinkMessage, NestedAttributesEnclosePeerAndItsHeader)
{
    Request request(RTM_NEWLINK, NLM_F_REQUEST);
    request.append(ifinfomsg{});
    request.putString(IFLA_IFNAME, "veth0");
    const size_t linkInfo = request.beginNested(IFLA_LINKINFO);
    request.putString(IFLA_INFO_KIND, "veth");
    const size_t data = request.beginNested(IFLA_INFO_DATA);
    const size_t peer = request.beginNested(VETH_INFO_PEER);
    request.append(ifinfomsg{});
    request.putString(IFLA_IFNAME, "eth0");
    request.putU32(IFLA_MTU, 1400);
    request.endNested(peer);
    request.endNested(data);
    request.endNested(linkInfo);
    const Message message = asMessage(request.finish(1));

    const auto info = Attributes::after<ifinfomsg>(message).find(IFLA_LINKINFO);
    ASSERT_TRUE(info);
    // The nest's length runs to the end of the message: nothing follows it.
    EXPECT_EQ(info->data + info->size, message.payload.data() + message.payload.size());
    EXPECT_EQ(info->nested().find(IFLA_INFO_KIND)->text(), "veth");
    const auto peerInfo = info->nested().find(IFLA_INFO_DATA)->nested().find(VETH_INFO_PEER);
    ASSERT_TRUE(peerInfo);
    ASSERT_GE(peerInfo->size, sizeof(ifinfomsg));
    const Attributes peerAttributes(peerInfo->data + NLMSG_ALIGN(sizeof(ifinfomsg)),
                                    peerInfo->size - NLMSG_ALIGN(sizeof(ifinfomsg)));
    EXPECT_EQ(peerAttributes.find(IFLA_IFNAME)->text(), "eth0");
    EXPECT_EQ(peerAttributes.find(IFLA_MTU)->u32(), 1400u);
}

TEST(NetlinkMessage, NestedFlagIsMaskedWhenReading)
{
    Request request(RTM_SETLINK, NLM_F_REQUEST);
    request.append(ifinfomsg{});
    const size_t protinfo = request.beginNested(IFLA_PROTINFO | NLA_F_NESTED);
    request.putU8(IFLA_BRPORT_ISOLATED, 1);
    request.endNested(protinfo);
    const auto found =
        Attributes::after<ifinfomsg>(asMessage(request.finish(1))).find(IFLA_PROTINFO);
    ASSERT_TRUE(found);
    const auto isolated = found->nested().find(IFLA_BRPORT_ISOLATED);
    ASSERT_TRUE(isolated);
    EXPECT_EQ(isolated->size, 1u);
    EXPECT_EQ(isolated->data[0], 1);
}

TEST(NetlinkMessage, ReaderStopsAtALengthPastTheEnd)
{
    Request request(RTM_NEWLINK, NLM_F_REQUEST);
    request.append(ifinfomsg{});
    request.putU32(IFLA_MTU, 1500);
    request.putString(IFLA_IFNAME, "eth0");
    Message message = asMessage(request.finish(1));
    // Claim the second attribute is far longer than what is left.
    const size_t second = NLMSG_ALIGN(sizeof(ifinfomsg)) + RTA_SPACE(sizeof(uint32_t));
    const uint16_t lie = 0x7fff;
    std::memcpy(message.payload.data() + second, &lie, sizeof lie);
    const auto all = Attributes::after<ifinfomsg>(message).all();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].type, IFLA_MTU);
    EXPECT_EQ(all[0].u32(), 1500u);
    EXPECT_TRUE(Attributes::after<rtmsg>(Message{}).all().empty());
}

} // namespace
