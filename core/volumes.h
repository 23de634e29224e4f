// Named volumes (docker volume): directories Hako manages under <state root>/volumes/<name>/
// (_data holds the files, volume.json the metadata), bind-mounted into containers by the
// monitor. A spec mount {"type": "volume", "source": NAME, "destination": PATH, "options":
// ["ro"|"rw", ...]} names one; unlike a host bind mount it needs no privileged action.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hako {

struct Volume {
    std::string name;
    std::string mountpoint; // <root>/volumes/<name>/_data
    int64_t createdAt = 0;  // unix nanoseconds
    std::map<std::string, std::string> labels;
    bool anonymous = false; // made for `-v /path` (removed with the container by run --rm)
};

class VolumeStore {
public:
    explicit VolumeStore(std::string stateRoot);

    // ExistsError if present (unless `existingOk`); SpecError for a bad name (Docker's rule:
    // [a-zA-Z0-9][a-zA-Z0-9_.-]+).
    Volume create(const std::string &name, const std::map<std::string, std::string> &labels = {},
                  bool existingOk = false, bool anonymous = false) const;
    std::optional<Volume> find(const std::string &name) const;
    Volume get(const std::string &name) const; // NotFoundError
    std::vector<Volume> list() const;
    // StateError naming the containers when `usedBy` returns any, forced or not (Docker's
    // rule); `force` only makes a missing volume no error.
    void remove(const std::string &name, bool force,
                const std::function<std::vector<std::string>(const std::string &volume)> &usedBy) const;
    static uint64_t diskSize(const Volume &volume);

private:
    std::string root_;
};

} // namespace hako
