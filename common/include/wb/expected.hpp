// wb/expected.hpp - stored expected outputs, made by PyTorch (tests/torch/make_expected.py).
//
// Contract: a file tests/expected/<name>.json holds named tensors as
//     {"meta": {...}, "tensors": {"<name>": {"shape": [..], "data": [.. row-major ..]}}}
// where a value may also be the string "inf", "-inf" or "nan". ExpectedOutputs::load reads one;
// tensor<N>(name) returns it as an xt::xtensor<double, N>. A missing file, a missing name or a
// wrong rank throws std::runtime_error naming the file, the tensor and what was found.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

namespace wb {

class ExpectedOutputs {
  public:
    // Loads `path`; a bare name such as "ch01" means tests/expected/ch01.json in this workbook.
    static ExpectedOutputs load(const std::string& name_or_path);

    const std::string& path() const { return path_; }

    xt::xarray<double> array(const std::string& name) const;
    template <std::size_t N> xt::xtensor<double, N> tensor(const std::string& name) const {
        xt::xarray<double> a = array(name);
        check_rank_(name, a.dimension(), N);
        xt::xtensor<double, N> t = a;
        return t;
    }
    double scalar(const std::string& name) const;
    std::vector<std::string> strings(const std::string& name) const;  // e.g. token lists

  private:
    void check_rank_(const std::string& name, std::size_t found, std::size_t wanted) const;
    std::string path_;
    std::map<std::string, xt::xarray<double>> tensors_;
    std::map<std::string, std::vector<std::string>> strings_;
};

// The directory holding the stored expected outputs (tests/expected in the source tree).
std::string expected_outputs_dir();

}  // namespace wb
