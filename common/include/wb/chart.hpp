// wb/chart.hpp - training curves as a small standalone SVG line chart.
//
// Contract: line_chart_svg(curves, names, title, first_step) draws one polyline per curve (the
// losses of one model, say), point k of every curve at step first_step + k, on a y axis from 0 to
// the largest value rounded up to a whole number, with the curve's name beside the chart in the
// curve's colour (four colours, then again). The title and names are escaped for XML. Empty
// curves draw nothing; a single point sits at the left edge.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace wb {

std::string line_chart_svg(const std::vector<std::vector<double>>& curves, const std::vector<std::string>& names,
                           const std::string& title, std::size_t first_step);

}  // namespace wb
