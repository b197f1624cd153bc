#include <algorithm>
#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/nomogram/nomogram.hpp"

namespace radsig::nomogram {

point_scale scale_points(const std::vector<std::vector<double>>& contributions, double maxscale) {
  if (contributions.empty()) throw invalid_argument("contributions", "no predictors");
  if (!(maxscale > 0) || !std::isfinite(maxscale)) throw invalid_argument("maxscale", "must be > 0");
  point_scale s;
  double widest = 0;
  for (const auto& c : contributions) {
    if (c.empty()) throw invalid_argument("contributions", "a predictor has no axis values");
    for (double v : c)
      if (!std::isfinite(v)) throw invalid_argument("contributions", "non-finite contribution");
    const auto mm = std::minmax_element(c.begin(), c.end());
    s.min_contrib.push_back(*mm.first);
    widest = std::max(widest, *mm.second - *mm.first);
  }
  if (!(widest > 0)) throw invalid_argument("contributions", "every predictor has a zero effect");
  s.points_per_unit = maxscale / widest;
  for (std::size_t j = 0; j < contributions.size(); ++j) {
    std::vector<double> p;
    for (double v : contributions[j]) p.push_back((v - s.min_contrib[j]) * s.points_per_unit);
    s.points.push_back(std::move(p));
  }
  return s;
}

double total_points_to_lp(const point_scale& scale, double intercept, double total) {
  double lp = intercept;
  for (double m : scale.min_contrib) lp += m;
  return lp + total / scale.points_per_unit;
}

}  // namespace radsig::nomogram
