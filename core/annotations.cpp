#include "annotations.h"

namespace hako {

bool annotationFlag(const Spec &spec, std::string_view key)
{
    const auto it = spec.annotations.find(std::string(key));
    return it != spec.annotations.end() && it->second == "true";
}

void setAnnotationFlag(Spec &spec, std::string_view key, bool on)
{
    if (on)
        spec.annotations[std::string(key)] = "true";
    else
        spec.annotations.erase(std::string(key));
}

} // namespace hako
