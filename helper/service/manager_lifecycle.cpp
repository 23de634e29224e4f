// Manager methods about containers as a whole: listing, inspecting, creating, the lifecycle
// verbs, waiting, and the read-only host facts.
#include "manager.h"

#include "annotations.h"
#include "convert.h"
#include "error.h"
#include "host_info.h"
#include "privilege.h"
#include "validate.h"
#include "workers.h"

namespace hako::helper {

namespace {

std::vector<std::string> commandOf(const Engine &engine, const std::string &id)
{
    try {
        return engine.inspect(id).spec.process.args;
    } catch (const std::exception &) {
        return {}; // removed meanwhile: the entry still says what it was
    }
}

QVariantList variants(const QList<QVariantMap> &maps)
{
    return {QVariant::fromValue(maps)};
}

} // namespace

QList<QVariantMap> Manager::ListContainers()
{
    dispatch(begin("ListContainers"), std::nullopt, "monitor", Workers::quick(), Rescan::No,
             [](Engine &engine) {
                 QList<QVariantMap> out;
                 for (const ContainerState &state : engine.list())
                     out << containerEntry(state, commandOf(engine, state.id));
                 return variants(out);
             });
    return {};
}

QVariantMap Manager::GetContainer(const QString &ref)
{
    dispatch(begin("GetContainer", ref), checkRef(ref), "monitor", Workers::quick(), Rescan::No,
             [ref = ref.toStdString()](Engine &engine) {
                 return QVariantList{containerDetails(engine.inspect(ref))};
             });
    return {};
}

QString Manager::CreateContainer(const QString &name, const QString &image, const QString &spec,
                                 const QVariantMap &options)
{
    const Call call = begin("CreateContainer", name.isEmpty() ? image : name);
    std::optional<Failure> invalid = checkName(name);
    if (!invalid)
        invalid = checkImage(image);
    const auto createOptions = parseCreateOptions(options);
    if (const Failure *failure = std::get_if<Failure>(&createOptions); failure && !invalid)
        invalid = *failure;
    auto parsed = invalid ? std::variant<Spec, Failure>{*invalid} : parseCreateSpec(spec);
    if (const Failure *failure = std::get_if<Failure>(&parsed)) {
        fail(call, *failure);
        return {};
    }
    CreateRequest request{name.toStdString(), image.toStdString(), std::get<Spec>(std::move(parsed))};
    // The option is the one way to ask for it: an annotation in the spec alone does not count.
    setAnnotationFlag(request.spec, kAutoRemoveAnnotation, std::get<CreateOptions>(createOptions).autoRemove);
    // A spec that weakens isolation needs the stronger action, asked for every time.
    // Joined containers' specs are read from disk here: a few small files, and only for a
    // spec that joins another container.
    const SpecLookup lookup = [engineOptions = options_.engine](const std::string &id) -> std::optional<Spec> {
        try {
            return Engine(engineOptions).inspect(id).spec;
        } catch (const std::exception &) {
            return std::nullopt;
        }
    };
    const QString action = privilegeReasons(request.spec, lookup).empty() ? "create" : "privileged";
    auto shared = std::make_shared<CreateRequest>(std::move(request));
    dispatch(call, std::nullopt, action, Workers::quick(), Rescan::Yes, [shared](Engine &engine) {
        return QVariantList{QString::fromStdString(engine.create(*shared))};
    });
    return {};
}

void Manager::StartContainer(const QString &ref)
{
    dispatch(begin("StartContainer", ref), checkRef(ref), "lifecycle", Workers::quick(), Rescan::Yes,
             [ref = ref.toStdString()](Engine &engine) {
                 engine.start(ref);
                 return QVariantList{};
             });
}

void Manager::StopContainer(const QString &ref, uint timeoutSeconds)
{
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid)
        invalid = checkTimeout(timeoutSeconds);
    // Stops wait up to the timeout: the blocking pool, so they cannot starve quick calls.
    dispatch(begin("StopContainer", ref), invalid, "lifecycle", Workers::blocking(), Rescan::Yes,
             [ref = ref.toStdString(), timeoutSeconds](Engine &engine) {
                 engine.stop(ref, std::chrono::seconds(timeoutSeconds));
                 return QVariantList{};
             });
}

void Manager::RestartContainer(const QString &ref, uint timeoutSeconds)
{
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid)
        invalid = checkTimeout(timeoutSeconds);
    // An auto-remove container stopped by a restart is not removed before it starts again.
    dispatch(begin("RestartContainer", ref), invalid, "lifecycle", Workers::blocking(), Rescan::Yes,
             [ref = ref.toStdString(), timeoutSeconds, hold = autoRemover_.hold(ref)](Engine &engine) {
                 const Status status = engine.state(ref).status;
                 if (status == Status::Running || status == Status::Paused)
                     engine.stop(ref, std::chrono::seconds(timeoutSeconds));
                 engine.start(ref);
                 return QVariantList{};
             });
}

void Manager::KillContainer(const QString &ref, int signal)
{
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid)
        invalid = checkSignal(signal);
    dispatch(begin("KillContainer", ref), invalid, "lifecycle", Workers::quick(), Rescan::Yes,
             [ref = ref.toStdString(), signal](Engine &engine) {
                 engine.kill(ref, signal);
                 return QVariantList{};
             });
}

void Manager::RemoveContainer(const QString &ref, bool force)
{
    dispatch(begin("RemoveContainer", ref), checkRef(ref), "remove", Workers::blocking(), Rescan::Yes,
             [ref = ref.toStdString(), force](Engine &engine) {
                 engine.remove(ref, force);
                 return QVariantList{};
             });
}

int Manager::WaitContainer(const QString &ref, QVariantMap &)
{
    const Call call = begin("WaitContainer", ref);
    // An auto-remove container waits for this waiter to have its exit status.
    std::shared_ptr<void> hold = autoRemover_.hold(ref);
    // A caller that leaves the bus releases the worker (the wait returns nullopt).
    std::shared_ptr<CancelToken> cancel;
    try {
        cancel = waiters_.tokenFor(call.message.service());
    } catch (...) {
        fail(call, failureFromCurrentException());
        return 0;
    }
    dispatch(call, checkRef(ref), "monitor", Workers::blocking(), Rescan::Yes,
             [ref = ref.toStdString(), hold, cancel](Engine &engine) {
                 const std::optional<ContainerState> waited =
                     engine.wait(ref, std::chrono::milliseconds(-1), cancel->fd());
                 if (!waited)
                     throw Error("WaitContainer " + ref + ": the caller left the bus");
                 return QVariantList{exitStatusOf(*waited), containerEntry(*waited, commandOf(engine, waited->id))};
             });
    return 0;
}

QList<QVariantMap> Manager::ListContainerProcesses(const QString &ref)
{
    dispatch(begin("ListContainerProcesses", ref), checkRef(ref), "monitor", Workers::quick(),
             Rescan::No, [ref = ref.toStdString()](Engine &engine) {
                 return variants(containerProcesses(engine.state(ref)));
             });
    return {};
}

QVariantMap Manager::GetHostInfo()
{
    dispatch(begin("GetHostInfo"), std::nullopt, "monitor", Workers::quick(), Rescan::No,
             [](Engine &engine) {
                 return QVariantList{hostInfo(engine.options().stateRoot, engine.options().cgroupRoot)};
             });
    return {};
}

void Manager::Subscribe()
{
    const Call call = begin("Subscribe");
    authorizeThen(call, "monitor", [this, call] {
        subscriptions_.add(call.message.service());
        deliver(call, Outcome{});
    });
}

// No polkit check: it only withdraws the caller's own subscription.
void Manager::Unsubscribe()
{
    const Call call = begin("Unsubscribe");
    subscriptions_.remove(call.message.service());
    deliver(call, Outcome{});
}

} // namespace hako::helper
