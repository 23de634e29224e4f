// The OCI image config (image-spec config.md, Docker's image JSON) to and from the store's
// Image: "config" (Env, Cmd, Entrypoint, ...), "rootfs".diff_ids, "history", "created".
// Fields Hako does not model (Healthcheck, OnBuild, Shell...) are kept by editing the parent's
// JSON in place rather than rebuilding it.
#pragma once

#include "image.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace hako {

// Fills id-independent fields of `image` from the config JSON: config, history, diffIds,
// architecture, os, author, createdAt. BadContentError naming the field when malformed.
void readImageConfig(const nlohmann::json &configJson, Image &image);

// Writes the modelled fields of `config` into a config's "config" object (empty ones removed).
void writeContainerConfig(const ImageConfig &config, nlohmann::json &containerConfig);
ImageConfig parseContainerConfig(const nlohmann::json &containerConfig);

nlohmann::json historyEntryJson(const HistoryEntry &entry);

// RFC 3339 ("2026-11-24T05:52:58.123456789Z", "...+02:00") → unix nanoseconds; 0 if not one.
int64_t parseTimestamp(const std::string &text);

// The exact bytes stored and hashed for a config built by Hako: compact, keys sorted.
std::string configBytes(const nlohmann::json &config);

// The host's architecture in the OCI/Go spelling ("amd64", "arm64", ...).
std::string hostArchitecture();

} // namespace hako
