// pause, unpause, update: one call per container, as docker does, printing each one done.
#include "resource_options.h"
#include "session.h"

namespace hako::cli {

int cmdPause(const ParsedArgs &args, Session &session)
{
    return forEachRef(args.positional, [&](const QString &ref) { return session.manager().PauseContainer(ref); });
}

int cmdUnpause(const ParsedArgs &args, Session &session)
{
    return forEachRef(args.positional, [&](const QString &ref) { return session.manager().UnpauseContainer(ref); });
}

// docker update: the resource flags given replace the container's own; those not given stay.
int cmdUpdate(const ParsedArgs &args, Session &session)
{
    QString error;
    const auto options = resourceOptionsFromArgs(args, &error);
    if (!options)
        return fail(error);
    if (options->empty())
        return fail(QStringLiteral("you must provide one or more flags when using this command"));
    const auto patch = resourcesUpdateJson(*options, &error);
    if (!patch)
        return fail(error);
    const QString json = QString::fromStdString(*patch);
    return forEachRef(args.positional, [&](const QString &ref) -> QDBusPendingReply<> {
        return session.manager().UpdateContainer(ref, json); // the limits in force are not shown, as with docker
    });
}

} // namespace hako::cli
