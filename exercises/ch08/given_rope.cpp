// Given code for Chapter 8: the second RoPE pairing, the inverse rotation, and the weight
// permutation that maps one pairing to the other.
//
// Contract (declared in exercises/ch08/ch08.hpp): rotary_embedding_halves rotates the pairs
// (i, i + d/2), as GPT-NeoX and the Hugging Face Llama code do; your rotary_embedding (8.2)
// rotates the adjacent pairs (2i, 2i + 1), as the RoFormer paper and the original Llama code do.
// Both use the same angles m theta_i, theta_i = 10000^(-2i/d). They give different numbers for the
// same weights; rope_halves_order says how to reorder a query or key weight's rows so that they
// agree. rotary_embedding_backward turns every pair back, which is the transpose of 8.2's rotation
// and hence its backward. You do not need to change this file.
#include "ch08/ch08.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch08 {

namespace {

void check_width(const char* function, std::size_t d) {
    if (d == 0 || d % 2 != 0)
        throw std::invalid_argument(fmt::format("{}: d = {} is not a positive even number", function, d));
}

// Rotates pair i of every row, the pair's columns given by first(i) and second(i), by
// sign * (position * theta_i).
template <class First, class Second>
Matrix rotate_pairs(const Matrix& x, std::size_t first_position, double sign, First first, Second second) {
    const std::size_t T = x.shape(0), d = x.shape(1);
    Matrix out = x;  // (T, d)
    for (std::size_t t = 0; t < T; ++t) {
        const double m = static_cast<double>(first_position + t);
        for (std::size_t i = 0; i < d / 2; ++i) {
            const double theta = std::pow(10000.0, -2.0 * static_cast<double>(i) / static_cast<double>(d));
            const double c = std::cos(m * theta), s = sign * std::sin(m * theta);
            const double a = x(t, first(i)), b = x(t, second(i));
            out(t, first(i)) = a * c - b * s;
            out(t, second(i)) = a * s + b * c;
        }
    }
    return out;
}

}  // namespace

Matrix rotary_embedding_halves(const Matrix& x, std::size_t first_position) {
    const std::size_t d = x.shape(1);
    check_width("rotary_embedding_halves", d);
    return rotate_pairs(
        x, first_position, 1.0, [](std::size_t i) { return i; }, [d](std::size_t i) { return i + d / 2; });
}

Matrix rotary_embedding_backward(const Matrix& d_output, std::size_t first_position) {
    check_width("rotary_embedding_backward", d_output.shape(1));
    // forward: out = R(m theta) x per pair; R is a rotation, so d_x = R^T d_out = R(-m theta) d_out.
    return rotate_pairs(
        d_output, first_position, -1.0, [](std::size_t i) { return 2 * i; }, [](std::size_t i) { return 2 * i + 1; });
}

std::vector<std::size_t> rope_halves_order(std::size_t d, std::size_t heads) {
    if (heads == 0 || d % heads != 0)
        throw std::invalid_argument(fmt::format("rope_halves_order: {} heads do not divide d = {}", heads, d));
    const std::size_t hd = d / heads;
    check_width("rope_halves_order", hd);
    std::vector<std::size_t> order;
    for (std::size_t h = 0; h < heads; ++h) {
        for (std::size_t j = 0; j < hd; j += 2) order.push_back(h * hd + j);  // the pairs' first columns
        for (std::size_t j = 1; j < hd; j += 2) order.push_back(h * hd + j);  // then their second columns
    }
    return order;
}

Matrix permute_rows(const Matrix& weight, const std::vector<std::size_t>& order) {
    if (order.size() != weight.shape(0))
        throw std::invalid_argument(fmt::format("permute_rows: {} indices for {} rows", order.size(), weight.shape(0)));
    Matrix out = xt::zeros<double>({weight.shape(0), weight.shape(1)});  // (d, d_in)
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] >= weight.shape(0))
            throw std::invalid_argument(fmt::format("permute_rows: index {} is not a row", order[i]));
        for (std::size_t k = 0; k < weight.shape(1); ++k) out(i, k) = weight(order[i], k);
    }
    return out;
}

}  // namespace ch08
