// Argument checks done before anything else (before polkit is even asked): a malformed call
// gets InvalidArgs or InvalidSpec naming the argument and changes nothing.
#pragma once

#include "errors.h"
#include "spec.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>
#include <variant>

namespace hako::helper {

constexpr int kMaxRefLength = 256;
constexpr uint32_t kMaxTimeoutSeconds = 3600;
constexpr qsizetype kMaxSpecBytes = 1024 * 1024;
constexpr qsizetype kMaxStatsRefs = 4096;
constexpr uint32_t kMinStatsIntervalMs = 100;
constexpr uint32_t kMaxStatsIntervalMs = 60000;
constexpr uint32_t kDefaultStatsIntervalMs = 1000;

// Each returns the failure to send, or nullopt when the argument is fine.
std::optional<Failure> checkRef(const QString &ref, const char *argument = "ref");
std::optional<Failure> checkName(const QString &name);
std::optional<Failure> checkImage(const QString &image);
std::optional<Failure> checkSignal(int signal);
std::optional<Failure> checkTimeout(uint32_t seconds);
std::optional<Failure> checkTerminalSize(uint32_t rows, uint32_t cols);
// GetStats/SubscribeStats: each ref as checkRef, at most kMaxStatsRefs of them.
std::optional<Failure> checkRefs(const QStringList &refs);
// SubscribeStats: 0 (the default) or kMinStatsIntervalMs..kMaxStatsIntervalMs.
std::optional<Failure> checkStatsInterval(uint32_t intervalMs);

// The spec of CreateContainer: empty means defaultSpec(); otherwise parsed in FromImage mode.
std::variant<Spec, Failure> parseCreateSpec(const QString &json);

// UpdateContainer's resources: a linux.resources JSON object (core's parseResources), its
// errors InvalidSpec naming their JSON paths.
std::variant<Resources, Failure> parseUpdateResources(const QString &json);

// CreateContainer's options. Unknown keys and values of the wrong type are InvalidArgs.
struct CreateOptions {
    bool autoRemove = false; // "AutoRemove" (b): docker's --rm
};
std::variant<CreateOptions, Failure> parseCreateOptions(const QVariantMap &options);

// ExecInContainer's args and options, checked and turned into core's request.
struct ExecArguments {
    std::vector<std::string> args, env;
    std::string cwd;
    std::string userSpec; // "NAME[:GROUP]", looked up in the container
    bool tty = false;
    ConsoleSize size{24, 80};
};
std::variant<ExecArguments, Failure> parseExecArguments(const QStringList &args,
                                                        const QVariantMap &options);

} // namespace hako::helper
