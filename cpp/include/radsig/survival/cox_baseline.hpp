// Baseline cumulative hazard of a fitted Cox model, as survival::survfit.coxph: Breslow
// (Nelson-Aalen type) increments for ties = "breslow", Efron-adjusted increments for
// ties = "efron"; per stratum, evaluated for the centred linear predictor.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::survival {

struct baseline_hazard {
  std::vector<int> stratum;      // stratum code of each row
  std::vector<double> time;      // distinct event times within the stratum
  std::vector<double> cumhaz;    // cumulative hazard at `time`
};

// `risk` = exp(linear predictor) per subject.
baseline_hazard cox_baseline_hazard(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                                    const Eigen::VectorXi& strata, const Eigen::VectorXd& weights,
                                    const Eigen::VectorXd& risk, bool efron);

}  // namespace radsig::survival
