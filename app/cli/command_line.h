// The hakoctl command line for a set of container options: what the create dialog shows so
// people learn the CLI, written from the same ContainerOptions the spec builder reads, so the
// line and the spec cannot drift apart.
#pragma once

#include "spec_builder.h"

#include <QString>

namespace hako::cli
{

struct CommandLineRequest {
    QString verb = QStringLiteral("run"); // "run" or "create"
    QString name;                         // --name; empty: generated
    QString image;                        // empty: busybox
    bool detach = false;                  // -d (run only)
    bool autoRemove = false;              // --rm
    ContainerOptions options;
};

// "hakoctl run -d --name web -e 'GREETING=hello world' busybox sh -c 'echo hi'": every word
// quoted for a POSIX shell. Flags at their defaults are left out.
QString renderCommandLine(const CommandLineRequest &request);

} // namespace hako::cli
