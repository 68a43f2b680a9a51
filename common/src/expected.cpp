// Reading stored expected outputs (JSON written by tests/torch/make_expected.py).
#include "wb/expected.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wb {

std::string expected_outputs_dir() {
    return WB_EXPECTED_DIR;
}

namespace {
double to_number(const nlohmann::json& v, const std::string& where) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "inf") return std::numeric_limits<double>::infinity();
        if (s == "-inf") return -std::numeric_limits<double>::infinity();
        if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    }
    throw std::runtime_error(fmt::format("{}: a value is neither a number nor inf/-inf/nan: {}", where, v.dump()));
}
}  // namespace

ExpectedOutputs ExpectedOutputs::load(const std::string& name_or_path) {
    ExpectedOutputs out;
    const bool bare = name_or_path.find('/') == std::string::npos && name_or_path.find('.') == std::string::npos;
    out.path_ = bare ? expected_outputs_dir() + "/" + name_or_path + ".json" : name_or_path;
    std::ifstream in(out.path_);
    if (!in)
        throw std::runtime_error(fmt::format("cannot open stored expected outputs {} (regenerate them with: "
                                             "/usr/bin/python3 tests/torch/make_expected.py)",
                                             out.path_));
    nlohmann::json doc;
    try {
        in >> doc;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(fmt::format("{} is not valid JSON: {}", out.path_, e.what()));
    }
    if (!doc.contains("tensors") || !doc["tensors"].is_object())
        throw std::runtime_error(fmt::format("{} has no \"tensors\" object", out.path_));
    for (const auto& [name, entry] : doc["tensors"].items()) {
        const std::string where = fmt::format("{}: tensor \"{}\"", out.path_, name);
        if (entry.is_array()) {  // a list of strings, e.g. tokens
            std::vector<std::string> strings;
            for (const auto& s : entry) strings.push_back(s.get<std::string>());
            out.strings_[name] = std::move(strings);
            continue;
        }
        if (!entry.contains("shape") || !entry.contains("data"))
            throw std::runtime_error(where + " needs \"shape\" and \"data\"");
        std::vector<std::size_t> shape = entry["shape"].get<std::vector<std::size_t>>();
        std::size_t count = 1;
        for (std::size_t s : shape) count *= s;
        const auto& data = entry["data"];
        if (!data.is_array() || data.size() != count)
            throw std::runtime_error(fmt::format("{}: shape {} needs {} values, found {}", where,
                                                 nlohmann::json(shape).dump(), count, data.size()));
        xt::xarray<double> values = xt::zeros<double>(shape);
        for (std::size_t k = 0; k < count; ++k) values.data()[k] = to_number(data[k], where);
        out.tensors_[name] = std::move(values);
    }
    return out;
}

xt::xarray<double> ExpectedOutputs::array(const std::string& name) const {
    const auto it = tensors_.find(name);
    if (it == tensors_.end()) throw std::runtime_error(fmt::format("{} has no tensor \"{}\"", path_, name));
    return it->second;
}

double ExpectedOutputs::scalar(const std::string& name) const {
    const xt::xarray<double> a = array(name);
    if (a.size() != 1)
        throw std::runtime_error(fmt::format("{}: \"{}\" has {} values, not one", path_, name, a.size()));
    return a.data()[0];
}

std::vector<std::string> ExpectedOutputs::strings(const std::string& name) const {
    const auto it = strings_.find(name);
    if (it == strings_.end()) throw std::runtime_error(fmt::format("{} has no string list \"{}\"", path_, name));
    return it->second;
}

void ExpectedOutputs::check_rank_(const std::string& name, std::size_t found, std::size_t wanted) const {
    if (found != wanted)
        throw std::runtime_error(
            fmt::format("{}: \"{}\" has {} dimensions, the test wants {}", path_, name, found, wanted));
}

}  // namespace wb
