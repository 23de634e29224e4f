// Docker's networking flags of `hakoctl run/create`: --network/--net (bridge, the default;
// a user network's name; none; host; container:NAME), -p/--publish, --dns, --dns-search,
// --dns-option, --add-host NAME:IP, --mac-address and --ip. The namespace part of --network
// (own, host's, joined) is namespace_options.cpp's; this is what the container asks of
// Hako's networks, which reaches the spec as the org.hako.network* annotations (core/network.h).
#pragma once

#include "flags.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hako
{
struct Spec;
}

namespace hako::cli
{

struct SpecProblem;

struct NetworkOptions {
    // The networks it is on, as named ("bridge" is the default network); empty: none, host
    // or another container's network namespace.
    QStringList networks;
    QString mode;        // --network as given, "bridge" when absent: for messages
    QStringList publish; // "[hostIP:]hostPort:containerPort[/proto]", each as given
    QStringList dns, dnsSearch, dnsOptions;
    QStringList addHosts; // "NAME:IP"
    QString macAddress;
    QString ipAddress;

    friend bool operator==(const NetworkOptions &, const NetworkOptions &) = default;
};

// The flag definitions run and create share (--network/--net and --hostname are
// command_defs.cpp's).
QList<FlagDef> networkFlagDefs();

// True for a name Docker takes for a network ("my-net_1.a"): [a-zA-Z0-9][a-zA-Z0-9_.-]*.
bool isNetworkName(const QString &name);

// Every networking flag given, or nothing with `error` set in Docker's words, naming the flag
// and the value ("invalid argument \"80:x\" for \"-p, --publish\" flag: ...").
std::optional<NetworkOptions> networkOptionsFromArgs(const ParsedArgs &args, QString *error);

// The options into the spec's annotations (setNetworkSettings); a value core cannot parse
// (from a form rather than the flags) is a problem naming its annotation.
void applyNetworkOptions(const NetworkOptions &options, Spec &spec, QList<SpecProblem> *problems);

} // namespace hako::cli
