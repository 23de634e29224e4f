// Hako's own settings kept in the spec's annotations: they travel with the container in its
// config.json (so they survive every restart of the helper and of the machine), GetContainer's
// Spec shows them, and the engine, hako-monitor and the helper all read the same record.
#pragma once

#include "spec.h"

#include <string_view>

namespace hako {

// "true": the helper removes the container once it has stopped (CreateContainer's AutoRemove,
// docker's --rm), also when it stopped while no helper was running.
inline constexpr std::string_view kAutoRemoveAnnotation = "org.hako.auto-remove";
// "true" (without process.terminal): stdin is a pipe whose write end hako-monitor holds until
// a client takes it with AttachContainer (docker's -i: the container sees EOF when that
// client closes it).
inline constexpr std::string_view kOpenStdinAnnotation = "org.hako.open-stdin";
// "NAME[:GROUP]" (either part may be numeric): resolved against the container's own
// /etc/passwd and /etc/group when it starts, replacing process.user (docker's -u NAME).
inline constexpr std::string_view kUserAnnotation = "org.hako.user";

// True when `key` is set to "true".
bool annotationFlag(const Spec &spec, std::string_view key);
// Sets `key` to "true", or removes it.
void setAnnotationFlag(Spec &spec, std::string_view key, bool on);

} // namespace hako
