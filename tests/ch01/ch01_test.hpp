// tests/ch01/ch01_test.hpp - what every Chapter 1 test file shares.
//
// Each test file checks one exercise, tagged [ch01][1.N]: against the stored PyTorch outputs for
// the chapter's sentence (tests/expected/ch01.json, made by tests/torch/make_expected.py), and
// against properties on random inputs of random shapes, so a hard-coded answer cannot pass.
#pragma once

#include "support/catch.hpp"

#include "ch01/ch01.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch01_test {

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch01");
    return outputs;
}

using wb::test::Equals;

}  // namespace ch01_test
