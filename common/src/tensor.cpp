// The "not done yet" error thrown by exercise stubs.
#include "wb/tensor.hpp"

#include <fmt/format.h>

namespace wb {

std::string relative_to_workbook(const std::string& file) {
    const std::string root = WB_SOURCE_DIR "/";
    if (file.compare(0, root.size(), root) == 0) return file.substr(root.size());
    return file;
}

NotDoneYet::NotDoneYet(const std::string& exercise_id, const std::string& function, const char* file)
    : std::logic_error(fmt::format("not done yet: exercise {} ({}) - open {} and write it", exercise_id, function,
                                   relative_to_workbook(file))) {}

}  // namespace wb
