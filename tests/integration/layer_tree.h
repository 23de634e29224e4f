// A directory tree described line by line (type, mode, owner, links, content or target,
// device numbers, times, xattrs) so two unpacked layers can be compared whole.
#pragma once

#include <string>
#include <vector>

namespace hako::test {

std::vector<std::string> describeTree(const std::string &root);
std::vector<std::string> listNames(const std::string &dir); // sorted, without . and ..

} // namespace hako::test
