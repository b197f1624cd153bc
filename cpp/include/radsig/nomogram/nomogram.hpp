// Nomogram point scales as rms::nomogram: each predictor's contribution b_j(x) is evaluated
// on its axis values; the predictor with the widest contribution range spans 0..maxscale
// points; every axis is shifted so that its lowest contribution scores 0.
#pragma once

#include <vector>

namespace radsig::nomogram {

struct point_scale {
  double points_per_unit = 0;       // sc: points per unit of linear predictor
  std::vector<double> min_contrib;  // per predictor, the lowest contribution on its axis
  std::vector<std::vector<double>> points;  // points at each axis value
};

// contributions[j][k] = b_j(x_jk) for the k-th axis value of predictor j.
point_scale scale_points(const std::vector<std::vector<double>>& contributions,
                         double maxscale = 100.0);

// Linear predictor for a total number of points: lp = intercept + sum(min_contrib) + total/sc.
double total_points_to_lp(const point_scale& scale, double intercept, double total);

}  // namespace radsig::nomogram
