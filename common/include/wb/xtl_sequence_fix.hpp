// wb/xtl_sequence_fix.hpp - keeps optimised builds warning-free inside xtl's forward_sequence.
//
// Contract: assigning a dynamic-rank xt::xarray to a fixed-rank xt::xtensor<T, N> copies the
// xarray's shape (an xt::svector) into a std::array<std::size_t, N> with xtl::forward_sequence.
// xtl 0.7 does that with `R ret; std::copy(begin, end, ret.begin())`, and once GCC inlines it
// (-O2), GCC 12 warns that `ret` may be used uninitialized: a false alarm, since xtensor checks
// the rank first, but fatal under -Werror. (GCC 14's -Warray-bounds alarms, here and in
// xtensor's reducers, are handled in the top CMakeLists.txt.)
// This partial specialisation, for exactly that pair of types, value-initialises the array and
// copies at most N entries. It changes no result; it must be seen before the first assignment,
// so it is the first header of the precompiled header and wb/tensor.hpp includes it.
// Not here: anything else about xtensor (see docs/xtensor-pitfalls.md).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>

#include <xtensor/xstorage.hpp>
#include <xtl/xsequence.hpp>

namespace xtl::detail {

template <class T, std::size_t N, std::size_t M, class Alloc, bool Init>
struct sequence_forwarder<std::array<T, N>, xt::svector<T, M, Alloc, Init>> {
    template <class S> static std::array<T, N> forward(const S& shape) {
        std::array<T, N> out{};
        const std::size_t n = std::min<std::size_t>(N, static_cast<std::size_t>(std::size(shape)));
        std::copy_n(std::begin(shape), n, out.begin());
        return out;
    }
};

}  // namespace xtl::detail
