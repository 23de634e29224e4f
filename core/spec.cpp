// The small pieces of the spec model: namespace names and lookups. Parsing, validation,
// serialization and the default spec live in spec_parse.cpp, spec_validate.cpp,
// spec_serialize.cpp and spec_default.cpp.
#include "spec.h"

#include <algorithm>
#include <array>

namespace hako {

namespace {

struct NamespaceNames {
    NamespaceType type;
    std::string_view ociName; // linux.namespaces[].type
    std::string_view procName; // /proc/<pid>/ns/<name>
};

constexpr std::array<NamespaceNames, 7> kNamespaceNames{{
    {NamespaceType::Pid, "pid", "pid"},
    {NamespaceType::Network, "network", "net"},
    {NamespaceType::Mount, "mount", "mnt"},
    {NamespaceType::Ipc, "ipc", "ipc"},
    {NamespaceType::Uts, "uts", "uts"},
    {NamespaceType::User, "user", "user"},
    {NamespaceType::Cgroup, "cgroup", "cgroup"},
}};

const NamespaceNames *namesOf(NamespaceType type)
{
    auto it = std::ranges::find(kNamespaceNames, type, &NamespaceNames::type);
    return it == kNamespaceNames.end() ? nullptr : &*it;
}

} // namespace

std::string_view namespaceName(NamespaceType type)
{
    const NamespaceNames *names = namesOf(type);
    return names ? names->ociName : std::string_view{};
}

std::string_view procNsName(NamespaceType type)
{
    const NamespaceNames *names = namesOf(type);
    return names ? names->procName : std::string_view{};
}

std::optional<NamespaceType> namespaceFromName(std::string_view name)
{
    auto it = std::ranges::find(kNamespaceNames, name, &NamespaceNames::ociName);
    if (it == kNamespaceNames.end())
        return std::nullopt;
    return it->type;
}

std::string joinAnnotationKey(NamespaceType type)
{
    return std::string(kJoinAnnotationPrefix) + std::string(namespaceName(type));
}

bool canJoinFromContainer(NamespaceType type)
{
    return type != NamespaceType::Mount && type != NamespaceType::User;
}

std::optional<std::string> joinedContainer(const Spec &spec, NamespaceType type)
{
    const auto it = spec.annotations.find(joinAnnotationKey(type));
    if (it == spec.annotations.end() || !it->second.starts_with(kJoinContainerPrefix))
        return std::nullopt;
    return it->second.substr(kJoinContainerPrefix.size());
}

const Namespace *Spec::findNamespace(NamespaceType type) const
{
    auto it = std::ranges::find(linux.namespaces, type, &Namespace::type);
    return it == linux.namespaces.end() ? nullptr : &*it;
}

bool Spec::hasNamespace(NamespaceType type) const
{
    return findNamespace(type) != nullptr;
}

std::string issuesText(const std::vector<SpecIssue> &issues)
{
    std::string text;
    for (const SpecIssue &issue : issues) {
        if (!text.empty())
            text += '\n';
        text += issue.text();
    }
    return text;
}

std::string ParseResult::errorText() const
{
    return issuesText(errors);
}

} // namespace hako
