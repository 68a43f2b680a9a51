// wb/xtl_sequence_fix.hpp - keeps optimised builds warning-free inside xtl's forward_sequence.
//
// Contract: assigning a dynamic-rank xt::xarray to a fixed-rank xt::xtensor<T, N> copies the
// xarray's shape (an xt::svector) into a std::array<std::size_t, N> with xtl::forward_sequence.
// xtl 0.7 does that with `R ret; std::copy(begin, end, ret.begin())`, and once GCC inlines it
// (-O2), GCC 12 warns that `ret` may be used uninitialized: a false alarm, since xtensor checks
// the rank first, but fatal under -Werror. (GCC 14's -Warray-bounds alarms, here and in
// xtensor's reducers, are handled in the top CMakeLists.txt.)
// This partial specialisation, for exactly that pair of types, value-initialises the array and
// copies at most N entries, one by one. It changes no result; it must be seen before the first assignment,
// so it is the first header of the precompiled header and wb/tensor.hpp includes it.
// Not here: anything else about xtensor (see docs/xtensor-pitfalls.md).
#pragma once
// An include guard too: the header is reached both through the precompiled header (by its absolute
// path) and through wb/tensor.hpp, and a guard macro survives a PCH more reliably than #pragma once.
#ifndef WB_XTL_SEQUENCE_FIX_HPP
#define WB_XTL_SEQUENCE_FIX_HPP

#include <array>
#include <cstddef>
#include <iterator>

#include <xtensor/xstorage.hpp>
#include <xtl/xsequence.hpp>

namespace xtl::detail {

template <class T, std::size_t N, std::size_t M, class Alloc, bool Init>
struct sequence_forwarder<std::array<T, N>, xt::svector<T, M, Alloc, Init>> {
    template <class S> static std::array<T, N> forward(const S& shape) {
        // An element-by-element loop of fixed length N: a copy of variable length becomes a
        // memcpy, which GCC 14 cannot bound (-Wstringop-overflow).
        std::array<T, N> out{};
        const std::size_t n = static_cast<std::size_t>(std::size(shape));
        for (std::size_t k = 0; k < N; ++k) out[k] = k < n ? shape[k] : T{};
        return out;
    }
};

}  // namespace xtl::detail

#endif  // WB_XTL_SEQUENCE_FIX_HPP
