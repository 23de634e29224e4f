// Docker's reference grammar (distribution/reference), written out by hand: a name is an
// optional registry host, then slash-separated lower-case path components; then an optional
// tag and an optional digest. Normalisation adds docker.io and library/ as `docker pull` does.
#include "image_ref.h"

#include "error.h"

#include <arpa/inet.h>

#include <algorithm>
#include <vector>

namespace hako {

namespace {

constexpr std::string_view kDockerHub = "docker.io";
constexpr std::size_t kMaxNameLength = 255;

[[noreturn]] void refuse(const std::string &text, const std::string &why)
{
    throw SpecError("invalid reference format \"" + text + "\": " + why);
}

bool isLowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isAlnum(char c)
{
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto pos = s.find(sep, start);
        parts.push_back(s.substr(start, pos - start));
        if (pos == std::string::npos)
            return parts;
        start = pos + 1;
    }
}

// [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
void checkPathComponent(const std::string &text, const std::string &component)
{
    if (component.empty())
        refuse(text, "empty path component in the repository name");
    for (char c : component)
        if (c >= 'A' && c <= 'Z')
            refuse(text, "repository name must be lowercase");
    if (!isLowerAlnum(component.front()) || !isLowerAlnum(component.back()))
        refuse(text, "repository name component \"" + component
                         + "\" must start and end with a lowercase letter or digit");
    for (std::size_t i = 0; i < component.size();) {
        if (isLowerAlnum(component[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < component.size() && !isLowerAlnum(component[j]))
            ++j;
        const std::string sep = component.substr(i, j - i);
        const bool dashes = std::all_of(sep.begin(), sep.end(), [](char c) { return c == '-'; });
        if (sep != "." && sep != "_" && sep != "__" && !dashes)
            refuse(text, "repository name component \"" + component + "\" has the invalid separator \""
                             + sep + "\" (allowed: . _ __ -)");
        i = j;
    }
}

// host components [A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])? joined by dots, or an [IPv6]
// literal; then an optional :port.
void checkRegistry(const std::string &text, const std::string &registry)
{
    std::string host = registry;
    std::string port;
    if (registry.starts_with('[')) {
        const auto close = registry.find(']');
        if (close == std::string::npos)
            refuse(text, "registry \"" + registry + "\" has an unclosed IPv6 bracket");
        host = registry.substr(1, close - 1);
        in6_addr addr{};
        if (inet_pton(AF_INET6, host.c_str(), &addr) != 1)
            refuse(text, "registry \"" + registry + "\" is not a valid IPv6 address");
        const std::string rest = registry.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':'))
            refuse(text, "registry \"" + registry + "\" has junk after the IPv6 address");
        port = rest.empty() ? std::string() : rest.substr(1);
        if (!rest.empty() && port.empty())
            refuse(text, "registry \"" + registry + "\" has an empty port");
    } else {
        const auto colon = registry.find(':');
        if (colon != std::string::npos) {
            host = registry.substr(0, colon);
            port = registry.substr(colon + 1);
            if (port.empty())
                refuse(text, "registry \"" + registry + "\" has an empty port");
        }
        for (const auto &label : split(host, '.')) {
            const bool ok = !label.empty() && isAlnum(label.front()) && isAlnum(label.back())
                && std::all_of(label.begin(), label.end(), [](char c) { return isAlnum(c) || c == '-'; });
            if (!ok)
                refuse(text, "registry host \"" + host + "\" is not a valid host name");
        }
    }
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        refuse(text, "registry port \"" + port + "\" is not a number");
}

void checkTag(const std::string &text, const std::string &tag)
{
    const auto wordChar = [](char c) { return isAlnum(c) || c == '_'; };
    if (tag.empty())
        refuse(text, "empty tag after ':'");
    if (tag.size() > 128)
        refuse(text, "tag is longer than 128 characters");
    if (!wordChar(tag.front()))
        refuse(text, "tag \"" + tag + "\" must start with a letter, digit or '_'");
    if (!std::all_of(tag.begin(), tag.end(), [&](char c) { return wordChar(c) || c == '.' || c == '-'; }))
        refuse(text, "tag \"" + tag + "\" may only contain letters, digits, '_', '.' and '-'");
}

void checkDigest(const std::string &text, const std::string &digest)
{
    if (!digest.starts_with("sha256:"))
        refuse(text, "digest \"" + digest + "\" is not of the form sha256:<64 hex digits>");
    const std::string hex = digest.substr(7);
    if (hex.size() != 64 || !std::all_of(hex.begin(), hex.end(), isHex))
        refuse(text, "digest \"" + digest + "\" must have exactly 64 lowercase hex digits after sha256:");
}

// Docker's splitDockerDomain: the first component names a registry only when it looks like
// a host (a dot or a port) or is "localhost"; "team/app" is a Docker Hub repository.
bool looksLikeRegistry(const std::string &component)
{
    return component.find_first_of(".:") != std::string::npos || component == "localhost"
        || component.starts_with('[');
}

std::string withoutDefaults(const ImageRef &ref)
{
    if (ref.registry != kDockerHub)
        return ref.registry + "/" + ref.repository;
    const std::string library = "library/";
    if (ref.repository.starts_with(library)
        && ref.repository.find('/', library.size()) == std::string::npos)
        return ref.repository.substr(library.size());
    return ref.repository;
}

std::string suffix(const ImageRef &ref)
{
    std::string s;
    if (!ref.tag.empty())
        s += ":" + ref.tag;
    if (!ref.digest.empty())
        s += "@" + ref.digest;
    return s;
}

} // namespace

std::string ImageRef::familiar() const
{
    return withoutDefaults(*this) + suffix(*this);
}

std::string ImageRef::familiarName() const
{
    return withoutDefaults(*this);
}

std::string ImageRef::canonical() const
{
    return registry + "/" + repository + suffix(*this);
}

std::string ImageRef::apiHost() const
{
    return registry == kDockerHub ? "registry-1.docker.io" : registry;
}

ImageRef parseImageRef(const std::string &text)
{
    if (text.empty())
        refuse(text, "empty reference");
    if (text.size() == 64 && std::all_of(text.begin(), text.end(), isHex))
        refuse(text, "cannot use a 64-digit hex string as a name (it looks like an image id)");

    ImageRef ref;
    std::string name = text;
    if (const auto at = name.find('@'); at != std::string::npos) {
        ref.digest = name.substr(at + 1);
        name.resize(at);
        checkDigest(text, ref.digest);
    }
    const auto lastSlash = name.rfind('/');
    const auto colon = name.rfind(':');
    if (colon != std::string::npos && (lastSlash == std::string::npos || colon > lastSlash)) {
        ref.tag = name.substr(colon + 1);
        name.resize(colon);
        checkTag(text, ref.tag);
    }
    if (name.empty())
        refuse(text, "missing repository name");

    auto components = split(name, '/');
    if (components.size() > 1 && looksLikeRegistry(components.front())) {
        ref.registry = components.front();
        components.erase(components.begin());
        checkRegistry(text, ref.registry);
    } else {
        ref.registry = std::string(kDockerHub);
    }
    if (ref.registry == "index.docker.io")
        ref.registry = std::string(kDockerHub);
    if (ref.registry == kDockerHub && components.size() == 1)
        components.insert(components.begin(), "library");

    for (const auto &component : components) {
        checkPathComponent(text, component);
        if (!ref.repository.empty())
            ref.repository += "/";
        ref.repository += component;
    }
    if (ref.registry.size() + 1 + ref.repository.size() > kMaxNameLength)
        refuse(text, "repository name is longer than 255 characters");
    if (ref.tag.empty() && ref.digest.empty())
        ref.tag = "latest";
    return ref;
}

bool isLoopbackRegistry(const std::string &registry)
{
    std::string host = registry;
    if (registry.starts_with('[')) {
        host = registry.substr(1, registry.find(']') - 1);
    } else if (std::count(registry.begin(), registry.end(), ':') == 1) {
        host = registry.substr(0, registry.find(':'));
    }
    if (host == "localhost")
        return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

} // namespace hako
