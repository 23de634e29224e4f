// The kernel's own files for a container's cgroup, read directly: what the resource tests
// compare the engine's figures and writes against. v1 and v2 name them differently.
#pragma once

#include "cgroup.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace hako::test {

// A kernel file's text without trailing whitespace; nullopt when it cannot be read.
inline std::optional<std::string> readTrimmed(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    std::string value = text.str();
    while (!value.empty() && (value.back() == '\n' || value.back() == ' '))
        value.pop_back();
    return value;
}

class CgroupFiles {
  public:
    explicit CgroupFiles(const std::string &id)
        : layout_(CgroupLayout::detect("/sys/fs/cgroup")), relative_("hako/" + id)
    {
    }

    bool v1() const { return layout_.version == CgroupVersion::V1; }
    const CgroupLayout &layout() const { return layout_; }

    // The directory of `controller`'s hierarchy (v1) or the unified one (v2); empty when
    // the host does not mount it.
    std::string dir(const std::string &controller) const
    {
        if (!v1())
            return layout_.unifiedDir + "/" + relative_;
        for (const auto &[name, hierarchy] : layout_.v1Controllers) {
            if (name == controller)
                return hierarchy + "/" + relative_;
        }
        return {};
    }

    // The file's text without trailing whitespace; nullopt when it cannot be read.
    std::optional<std::string> read(const std::string &controller, const std::string &file) const
    {
        return readTrimmed(dir(controller) + "/" + file);
    }

    // "key value" lines (memory.stat, cpu.stat …).
    std::optional<uint64_t> keyed(const std::string &controller, const std::string &file,
                                  const std::string &key) const
    {
        std::istringstream lines(read(controller, file).value_or(""));
        std::string name;
        uint64_t value = 0;
        while (lines >> name >> value) {
            if (name == key)
                return value;
        }
        return std::nullopt;
    }

    std::optional<uint64_t> number(const std::string &controller, const std::string &file) const
    {
        const std::optional<std::string> text = read(controller, file);
        if (!text || text->empty() || text->find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        return std::stoull(*text);
    }

    std::string memoryLimitFile() const { return v1() ? "memory.limit_in_bytes" : "memory.max"; }

  private:
    CgroupLayout layout_;
    std::string relative_;
};

} // namespace hako::test
