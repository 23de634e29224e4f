// Manager methods about what containers use: pause and unpause (the freezer), their resource
// limits (docker update), and their figures — once (GetStats) or every interval while the
// caller watches (SubscribeStats, StatsUpdated: stats_sampler.h).
#include "manager.h"

#include "convert.h"
#include "validate.h"
#include "workers.h"

namespace hako::helper {

namespace {

std::vector<std::string> toStdStrings(const QStringList &values)
{
    std::vector<std::string> out;
    out.reserve(size_t(values.size()));
    for (const QString &value : values)
        out.push_back(value.toStdString());
    return out;
}

} // namespace

void Manager::PauseContainer(const QString &ref)
{
    dispatch(begin("PauseContainer", ref), checkRef(ref), "lifecycle", Workers::quick(), Rescan::Yes,
             [ref = ref.toStdString()](Engine &engine) {
                 engine.pause(ref);
                 return QVariantList{};
             });
}

void Manager::UnpauseContainer(const QString &ref)
{
    dispatch(begin("UnpauseContainer", ref), checkRef(ref), "lifecycle", Workers::quick(), Rescan::Yes,
             [ref = ref.toStdString()](Engine &engine) {
                 engine.unpause(ref);
                 return QVariantList{};
             });
}

QString Manager::UpdateContainer(const QString &ref, const QString &resources)
{
    const Call call = begin("UpdateContainer", ref);
    const std::optional<Failure> invalidRef = checkRef(ref);
    auto parsed = invalidRef ? std::variant<Resources, Failure>{*invalidRef} : parseUpdateResources(resources);
    if (const Failure *failure = std::get_if<Failure>(&parsed)) {
        fail(call, *failure);
        return {};
    }
    // The state does not change, only the spec and the cgroup: nothing to rescan.
    dispatch(call, std::nullopt, "update-resources", Workers::quick(), Rescan::No,
             [ref = ref.toStdString(), patch = std::get<Resources>(std::move(parsed))](Engine &engine) {
                 return QVariantList{QString::fromStdString(toJsonText(engine.update(ref, patch)))};
             });
    return {};
}

QList<QVariantMap> Manager::GetStats(const QStringList &refs)
{
    // Two samples StatsSampler::kFirstWindow apart: the worker is held that long, no longer.
    dispatch(begin("GetStats", refs.join(' ')), checkRefs(refs), "monitor", Workers::quick(), Rescan::No,
             [refs = toStdStrings(refs)](Engine &engine) {
                 return QVariantList{QVariant::fromValue(readStatsOnce(engine, refs))};
             });
    return {};
}

void Manager::SubscribeStats(const QStringList &refs, uint intervalMs)
{
    const Call call = begin("SubscribeStats", refs.join(' '));
    std::optional<Failure> invalid = checkRefs(refs);
    if (!invalid)
        invalid = checkStatsInterval(intervalMs);
    if (invalid) {
        fail(call, *invalid);
        return;
    }
    const std::chrono::milliseconds interval(intervalMs == 0 ? kDefaultStatsIntervalMs : intervalMs);
    authorizeThen(call, "monitor", [this, call, refs = toStdStrings(refs), interval, engineOptions = options_.engine] {
        // Names and prefixes are resolved now, on a worker (they read the state root): the
        // subscription follows those containers by id, through restarts and renames.
        Workers::quick().start([this, call, refs, interval, engineOptions] {
            Outcome outcome;
            try {
                const Engine engine(engineOptions);
                std::set<QString> ids;
                for (const std::string &ref : refs)
                    ids.insert(QString::fromStdString(engine.state(ref).id));
                outcome.onMain = [this, caller = call.message.service(), ids, interval] {
                    stats_.subscribe(caller, ids, interval);
                    return QVariantList{};
                };
            } catch (...) {
                outcome.failure = failureFromCurrentException();
            }
            post(call, std::move(outcome));
        });
    });
}

// No polkit check, like Unsubscribe: it only ends the caller's own stream, which a refusal
// would leave running.
void Manager::UnsubscribeStats()
{
    const Call call = begin("UnsubscribeStats");
    stats_.unsubscribe(call.message.service());
    deliver(call, Outcome{});
}

} // namespace hako::helper
