// The network model's values: addresses, subnets, published ports and MAC addresses, parsed
// strictly (what a user types reaches netlink and nftables only through these).
#include "network.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace hako
{

namespace
{

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

// Decimal digits only, at most `maxDigits` of them (so the value cannot overflow).
std::optional<uint32_t> parseDecimal(std::string_view text, size_t maxDigits)
{
    if (text.empty() || text.size() > maxDigits)
        return std::nullopt;
    uint32_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<uint32_t>(c - '0');
    }
    return value;
}

void setError(std::string *error, std::string message)
{
    if (error)
        *error = std::move(message);
}

std::optional<uint16_t> parsePort(std::string_view text)
{
    const std::optional<uint32_t> value = parseDecimal(text, 5);
    if (!value || *value < 1 || *value > 65535)
        return std::nullopt;
    return static_cast<uint16_t>(*value);
}

} // namespace

std::optional<Ipv4Address> parseIpv4(std::string_view text)
{
    uint32_t value = 0;
    for (int part = 0; part < 4; ++part) {
        const size_t dot = text.find('.');
        if ((part < 3) != (dot != std::string_view::npos))
            return std::nullopt;
        const std::string_view digits = text.substr(0, dot);
        // "010" would be octal to inet_aton and decimal to others: refuse the ambiguity.
        if (digits.size() > 1 && digits[0] == '0')
            return std::nullopt;
        const std::optional<uint32_t> octet = parseDecimal(digits, 3);
        if (!octet || *octet > 255)
            return std::nullopt;
        value = (value << 8) | *octet;
        text.remove_prefix(dot == std::string_view::npos ? text.size() : dot + 1);
    }
    return Ipv4Address{value};
}

std::string formatIpv4(Ipv4Address address)
{
    const uint32_t v = address.value;
    return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xff) + "." +
           std::to_string((v >> 8) & 0xff) + "." + std::to_string(v & 0xff);
}

Ipv4Address Ipv4Subnet::netmask() const
{
    // A shift by 32 is undefined, so /0 is its own case.
    return Ipv4Address{prefix <= 0 ? 0u : ~uint32_t{0} << (32 - prefix)};
}

Ipv4Address Ipv4Subnet::broadcast() const
{
    return Ipv4Address{address.value | ~netmask().value};
}

bool Ipv4Subnet::contains(Ipv4Address other) const
{
    return (other.value & netmask().value) == address.value;
}

bool Ipv4Subnet::overlaps(const Ipv4Subnet &other) const
{
    // Two prefixes overlap exactly when one holds the other's network address.
    return contains(other.address) || other.contains(address);
}

std::optional<Ipv4Subnet> parseSubnet(std::string_view text, std::string *error)
{
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos) {
        setError(error, quoted(text) + ": expected ADDRESS/PREFIX (like 172.18.0.0/16)");
        return std::nullopt;
    }
    const std::string_view addressText = text.substr(0, slash);
    const std::optional<Ipv4Address> address = parseIpv4(addressText);
    if (!address) {
        setError(error, quoted(text) + ": " + quoted(addressText) + " is not an IPv4 address");
        return std::nullopt;
    }
    const std::optional<uint32_t> prefix = parseDecimal(text.substr(slash + 1), 2);
    if (!prefix || *prefix > 32) {
        setError(error, quoted(text) + ": prefix must be 0-32");
        return std::nullopt;
    }
    Ipv4Subnet subnet{*address, static_cast<int>(*prefix)};
    if ((address->value & subnet.netmask().value) != address->value) {
        subnet.address.value &= subnet.netmask().value;
        setError(error,
                 quoted(text) + " has host bits set; did you mean " + formatSubnet(subnet) + "?");
        return std::nullopt;
    }
    return subnet;
}

std::string formatSubnet(const Ipv4Subnet &subnet)
{
    return formatIpv4(subnet.address) + "/" + std::to_string(subnet.prefix);
}

std::optional<PortMapping> parsePortMapping(std::string_view text, std::string *error)
{
    const auto fail = [&](const std::string &what) {
        setError(error, quoted(text) + ": " + what);
        return std::nullopt;
    };
    PortMapping mapping;
    std::string_view rest = text;
    if (const size_t slash = rest.rfind('/'); slash != std::string_view::npos) {
        const std::string_view protocol = rest.substr(slash + 1);
        if (protocol != "tcp" && protocol != "udp")
            return fail("protocol " + quoted(protocol) + " must be tcp or udp");
        mapping.protocol = std::string(protocol);
        rest = rest.substr(0, slash);
    }
    std::vector<std::string_view> parts;
    for (size_t colon; (colon = rest.find(':')) != std::string_view::npos;) {
        parts.push_back(rest.substr(0, colon));
        rest.remove_prefix(colon + 1);
    }
    parts.push_back(rest);
    if (parts.size() == 1)
        return fail("give the host port too, as HOSTPORT:CONTAINERPORT (like 8080:80): Hako "
                    "does not pick host ports");
    if (parts.size() > 3)
        return fail("expected [HOSTIP:]HOSTPORT:CONTAINERPORT[/tcp|udp]");
    if (parts.size() == 3) {
        // An empty address is Docker's "every address" (":8080:80"), and so is 0.0.0.0: it is
        // stored as "" so no consumer mistakes it for one address (`ip daddr 0.0.0.0`).
        const std::optional<Ipv4Address> hostIp =
            parts[0].empty() ? std::nullopt : parseIpv4(parts[0]);
        if (!parts[0].empty() && !hostIp)
            return fail("host address " + quoted(parts[0]) + " is not an IPv4 address");
        if (hostIp && hostIp->value != 0)
            mapping.hostIp = std::string(parts[0]);
        parts.erase(parts.begin());
    }
    const std::optional<uint16_t> hostPort = parsePort(parts[0]);
    if (!hostPort)
        return fail(parts[0].empty()
                        ? "give the host port (HOSTPORT:CONTAINERPORT): Hako "
                          "does not pick host ports"
                        : "host port " + quoted(parts[0]) + " is not a port number (1-65535)");
    const std::optional<uint16_t> containerPort = parsePort(parts[1]);
    if (!containerPort)
        return fail("container port " + quoted(parts[1]) + " is not a port number (1-65535)");
    mapping.hostPort = *hostPort;
    mapping.containerPort = *containerPort;
    return mapping;
}

std::string formatPortMapping(const PortMapping &mapping)
{
    std::string text = mapping.hostIp.empty() ? "" : mapping.hostIp + ":";
    return text + std::to_string(mapping.hostPort) + ":" + std::to_string(mapping.containerPort) +
           "/" + mapping.protocol;
}

std::string macForAddress(Ipv4Address address)
{
    std::array<char, 18> text{};
    const uint32_t v = address.value;
    std::snprintf(text.data(), text.size(), "02:42:%02x:%02x:%02x:%02x", v >> 24, (v >> 16) & 0xff,
                  (v >> 8) & 0xff, v & 0xff);
    return text.data();
}

bool isValidMacAddress(std::string_view text)
{
    constexpr size_t kLength = 17; // six pairs, five colons
    if (text.size() != kLength)
        return false;
    bool allZero = true;
    for (size_t i = 0; i < kLength; ++i) {
        const char c = text[i];
        if (i % 3 == 2) {
            if (c != ':')
                return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        } else if (c != '0') {
            allZero = false;
        }
    }
    // The low bit of the first octet marks a multicast address; the kernel refuses those (and
    // all zeros) as an interface's own address.
    const int first = std::stoi(std::string(text.substr(0, 2)), nullptr, 16);
    return !allZero && (first & 1) == 0;
}

} // namespace hako
