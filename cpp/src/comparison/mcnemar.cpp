#include "radsig/comparison/mcnemar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>

#include "radsig/core/error.hpp"

namespace radsig::comparison {

double binomial_two_sided_half(std::size_t k, std::size_t n) {
  if (n == 0) return 1.0;
  if (2 * k == n) return 1.0;
  const boost::math::binomial_distribution<double> bin(static_cast<double>(n), 0.5);
  const std::size_t lo = std::min(k, n - k);
  return std::min(1.0, 2.0 * boost::math::cdf(bin, static_cast<double>(lo)));
}

mcnemar_result mcnemar(const std::vector<int>& truth, const std::vector<int>& pred1,
                       const std::vector<int>& pred2, int exact, std::size_t exact_below) {
  if (truth.empty()) throw invalid_argument("truth", "must not be empty");
  if (pred1.size() != truth.size())
    throw invalid_argument("pred1", "must have the same length as truth");
  if (pred2.size() != truth.size())
    throw invalid_argument("pred2", "must have the same length as truth");
  mcnemar_result r;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const bool c1 = pred1[i] == truth[i], c2 = pred2[i] == truth[i];
    if (c1 && c2) ++r.both_correct;
    else if (c1) ++r.only_first;
    else if (c2) ++r.only_second;
    else ++r.both_wrong;
  }
  const std::size_t b = r.only_first, c = r.only_second, d = b + c;
  r.exact = exact > 0 || (exact < 0 && d < exact_below);
  if (r.exact) {
    r.statistic = std::nan("");
    r.p_value = binomial_two_sided_half(b, d);
    return r;
  }
  if (d == 0) {
    r.statistic = std::nan("");
    r.p_value = std::nan("");
    return r;
  }
  const double diff = std::fabs(static_cast<double>(b) - static_cast<double>(c));
  const double yates = b != c ? 1.0 : 0.0;
  r.statistic = (diff - yates) * (diff - yates) / static_cast<double>(d);
  r.p_value = boost::math::cdf(boost::math::complement(
      boost::math::chi_squared_distribution<double>(1.0), r.statistic));
  return r;
}

}  // namespace radsig::comparison
