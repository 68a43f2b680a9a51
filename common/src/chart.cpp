// common/src/chart.cpp - training curves as an SVG line chart (contract in wb/chart.hpp).
#include "wb/chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "wb/heatmap.hpp"

namespace wb {

std::string line_chart_svg(const std::vector<std::vector<double>>& curves, const std::vector<std::string>& names,
                           const std::string& title, std::size_t first_step) {
    const double width = 640, height = 360, left = 60, right = 170, top = 30, bottom = 40;
    double high = 0.0;
    std::size_t steps = 1;
    for (const auto& c : curves) {
        for (double x : c)
            if (std::isfinite(x)) high = std::max(high, x);
        steps = std::max(steps, c.size());
    }
    high = high > 0.0 ? std::ceil(high) : 1.0;
    const double last = static_cast<double>(std::max<std::size_t>(steps - 1, 1));
    const auto px = [&](std::size_t i) { return left + (width - left - right) * static_cast<double>(i) / last; };
    const auto py = [&](double y) { return top + (height - top - bottom) * (1.0 - y / high); };
    std::string svg =
        fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
                    "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                    "<text x=\"{}\" y=\"18\" font-size=\"14\">{}</text>\n",
                    width, height, left, xml_escape(title));
    for (int k = 0; k <= 4; ++k) {  // grid lines at 0, 1/4, ..., the top
        const double y = high * k / 4.0;
        svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>"
                           "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.1f}</text>\n",
                           left, py(y), width - right, py(y), left - 6, py(y) + 4, y);
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">step ({} to {})</text>\n",
                       (left + width - right) / 2, height - 10, first_step, first_step + steps - 1);
    const char* colours[] = {"#3b1f8f", "#d95f02", "#1b9e77", "#e7298a"};
    for (std::size_t c = 0; c < curves.size(); ++c) {
        std::string points;
        for (std::size_t i = 0; i < curves[c].size(); ++i)
            if (std::isfinite(curves[c][i])) points += fmt::format("{:.1f},{:.1f} ", px(i), py(curves[c][i]));
        svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" points=\"{}\"/>\n",
                           colours[c % 4], points);
        const std::string name = c < names.size() ? names[c] : fmt::format("curve {}", c + 1);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", width - right + 8, top + 16 + 18 * c,
                           colours[c % 4], xml_escape(name));
    }
    return svg + "</svg>\n";
}

}  // namespace wb
