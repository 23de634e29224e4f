// network.json of a network (networks/<id>/network.json) and of a container's endpoints
// (<container dir>/network.json). Both are Hako's own records: a field that is missing or of
// the wrong type means the file was damaged, and the error names the file's field.
#include "network.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

namespace hako
{

namespace
{

// A required member of the wanted type; BadContentError naming `what`.`key` otherwise.
template <typename T> T member(const nlohmann::json &json, const char *what, const char *key)
{
    const auto it = json.find(key);
    if (it == json.end())
        throw BadContentError(std::string(what) + "." + key + ": missing");
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception &) {
        throw BadContentError(std::string(what) + "." + key + ": wrong type (" + it->type_name() +
                              ")");
    }
}

Ipv4Address addressMember(const nlohmann::json &json, const char *what, const char *key)
{
    const auto text = member<std::string>(json, what, key);
    const std::optional<Ipv4Address> address = parseIpv4(text);
    if (!address)
        throw BadContentError(std::string(what) + "." + key + ": \"" + text +
                              "\" is not an IPv4 address");
    return *address;
}

void requireObject(const nlohmann::json &json, const char *what)
{
    if (!json.is_object())
        throw BadContentError(std::string(what) + ": expected an object, not " + json.type_name());
}

} // namespace

nlohmann::json toJson(const NetworkConfig &network)
{
    return {
        {"id", network.id},
        {"name", network.name},
        {"driver", network.driver},
        {"subnet", formatSubnet(network.subnet)},
        {"gateway", formatIpv4(network.gateway)},
        {"bridge", network.bridge},
        {"internal", network.internal},
        {"icc", network.icc},
        {"mtu", network.mtu},
        {"createdAt", network.createdAt},
        {"labels", network.labels},
    };
}

NetworkConfig networkFromJson(const nlohmann::json &json)
{
    constexpr const char *kWhat = "network";
    requireObject(json, kWhat);
    NetworkConfig network;
    network.id = member<std::string>(json, kWhat, "id");
    network.name = member<std::string>(json, kWhat, "name");
    network.driver = member<std::string>(json, kWhat, "driver");
    const auto subnetText = member<std::string>(json, kWhat, "subnet");
    std::string error;
    const std::optional<Ipv4Subnet> subnet = parseSubnet(subnetText, &error);
    if (!subnet)
        throw BadContentError("network.subnet: " + error);
    network.subnet = *subnet;
    network.gateway = addressMember(json, kWhat, "gateway");
    network.bridge = member<std::string>(json, kWhat, "bridge");
    network.internal = member<bool>(json, kWhat, "internal");
    network.icc = member<bool>(json, kWhat, "icc");
    network.mtu = member<int>(json, kWhat, "mtu");
    network.createdAt = member<int64_t>(json, kWhat, "createdAt");
    if (json.contains("labels"))
        network.labels = member<std::map<std::string, std::string>>(json, kWhat, "labels");
    return network;
}

nlohmann::json toJson(const Endpoint &endpoint)
{
    return {
        {"networkId", endpoint.networkId},
        {"networkName", endpoint.networkName},
        {"bridge", endpoint.bridge},
        {"hostInterface", endpoint.hostInterface},
        {"interface", endpoint.interface},
        {"address", formatIpv4(endpoint.address)},
        {"prefix", endpoint.prefix},
        {"gateway", formatIpv4(endpoint.gateway)},
        {"macAddress", endpoint.macAddress},
        {"mtu", endpoint.mtu},
        {"defaultRoute", endpoint.defaultRoute},
        {"isolated", endpoint.isolated},
    };
}

Endpoint endpointFromJson(const nlohmann::json &json)
{
    constexpr const char *kWhat = "endpoint";
    requireObject(json, kWhat);
    Endpoint endpoint;
    endpoint.networkId = member<std::string>(json, kWhat, "networkId");
    endpoint.networkName = member<std::string>(json, kWhat, "networkName");
    endpoint.bridge = member<std::string>(json, kWhat, "bridge");
    endpoint.hostInterface = member<std::string>(json, kWhat, "hostInterface");
    endpoint.interface = member<std::string>(json, kWhat, "interface");
    endpoint.address = addressMember(json, kWhat, "address");
    endpoint.prefix = member<int>(json, kWhat, "prefix");
    if (endpoint.prefix < 0 || endpoint.prefix > 32)
        throw BadContentError("endpoint.prefix: " + std::to_string(endpoint.prefix) +
                              " is not 0-32");
    endpoint.gateway = addressMember(json, kWhat, "gateway");
    endpoint.macAddress = member<std::string>(json, kWhat, "macAddress");
    endpoint.mtu = member<int>(json, kWhat, "mtu");
    endpoint.defaultRoute = member<bool>(json, kWhat, "defaultRoute");
    endpoint.isolated = member<bool>(json, kWhat, "isolated");
    return endpoint;
}

std::vector<Endpoint> readEndpoints(const std::string &path)
{
    std::string text;
    try {
        text = readFile(path);
    } catch (const SysError &e) {
        if (e.code() == ENOENT)
            return {};
        throw;
    }
    try {
        const nlohmann::json json = nlohmann::json::parse(text);
        requireObject(json, "endpoints file");
        const auto list = member<nlohmann::json>(json, "file", "endpoints");
        if (!list.is_array())
            throw BadContentError("file.endpoints: expected an array");
        std::vector<Endpoint> endpoints;
        for (const nlohmann::json &item : list)
            endpoints.push_back(endpointFromJson(item));
        return endpoints;
    } catch (const nlohmann::json::exception &e) {
        throw BadContentError(path + ": " + e.what());
    } catch (const BadContentError &e) {
        throw BadContentError(path + ": " + e.what());
    }
}

void writeEndpoints(const std::string &path, const std::vector<Endpoint> &endpoints)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Endpoint &endpoint : endpoints)
        list.push_back(toJson(endpoint));
    const nlohmann::json json = {{"endpoints", list}};
    // Remade at every start and meaningless after a crash (the container it describes is gone
    // with the machine): no fsync on the start's path.
    writeFileAtomic(path, json.dump(2) + "\n", 0644, Durability::None);
}

} // namespace hako
