#include "radsig/cutpoint/optimal_cutpoint.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "radsig/core/error.hpp"
#include "radsig/cutpoint/radix_order.hpp"

namespace radsig::cutpoint {
namespace {

// R's median (mean of the two middle values for an even count).
double median_of(std::vector<double> v) {
  const std::size_t n = v.size();
  const std::size_t h = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
  const double hi = v[h];
  if (n % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h));
  return (lo + hi) / 2.0;
}

bool minimised(cut_metric m) { return m == cut_metric::closest_topleft; }

void check_inputs(const std::vector<double>& x, const std::vector<int>& y,
                  const cutpoint_options& o) {
  if (x.empty()) throw invalid_argument("x", "must not be empty");
  if (y.size() != x.size()) throw invalid_argument("y", "must have the same length as x");
  for (double v : x)
    if (!std::isfinite(v)) throw invalid_argument("x", "must contain finite values only");
  std::size_t pos = 0;
  for (int v : y) {
    if (v != 0 && v != 1) throw invalid_argument("y", "must contain only 0 and 1");
    pos += static_cast<std::size_t>(v);
  }
  if (pos == 0 || pos == y.size())
    throw invalid_argument("y", "must contain both classes");
  if ((o.metric == cut_metric::fixed_sens || o.metric == cut_metric::fixed_spec) &&
      !(o.target >= 0.0 && o.target <= 1.0))
    throw invalid_argument("target", "must lie in [0, 1]");
  if (!(o.tolerance >= 0.0)) throw invalid_argument("tolerance", "must be >= 0");
}

}  // namespace

double confusion::sensitivity() const {
  return static_cast<double>(tp) / static_cast<double>(tp + fn);
}
double confusion::specificity() const {
  return static_cast<double>(tn) / static_cast<double>(tn + fp);
}
double confusion::accuracy() const {
  return static_cast<double>(tp + tn) / static_cast<double>(tp + tn + fp + fn);
}

double metric_value(const confusion& c, const cutpoint_options& o) {
  const double se = c.sensitivity(), sp = c.specificity();
  switch (o.metric) {
    case cut_metric::youden: return se + sp - 1.0;
    case cut_metric::sens_spec_sum: return se + sp;
    case cut_metric::closest_topleft:
      return std::sqrt((1.0 - se) * (1.0 - se) + (1.0 - sp) * (1.0 - sp));
    case cut_metric::fixed_sens: return se < o.target ? 0.0 : sp;
    case cut_metric::fixed_spec: return sp < o.target ? 0.0 : se;
  }
  return std::nan("");
}

confusion confusion_at(const std::vector<double>& x, const std::vector<int>& y, double cut,
                       bool greater_equal) {
  confusion c;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const bool positive = greater_equal ? x[i] >= cut : x[i] <= cut;
    if (y[i] == 1) {
      positive ? ++c.tp : ++c.fn;
    } else {
      positive ? ++c.fp : ++c.tn;
    }
  }
  return c;
}

cutpoint_result optimal_cutpoint(const std::vector<double>& x, const std::vector<int>& y,
                                 const cutpoint_options& o) {
  check_inputs(x, y, o);
  const std::size_t n = x.size();
  bool ge = o.direction != cut_direction::less_equal;
  if (o.direction == cut_direction::automatic) {
    std::vector<double> xpos, xneg;
    for (std::size_t i = 0; i < n; ++i) (y[i] == 1 ? xpos : xneg).push_back(x[i]);
    ge = median_of(xneg) < median_of(xpos);
  }
  // Walk x from the "most positive" end; each unique value is a candidate that classifies
  // it and everything beyond it as positive.
  // Walk x from the most "positive" end: decreasing for ">=", increasing for "<=".
  std::vector<std::size_t> order = radix_order(x);
  if (ge) std::reverse(order.begin(), order.end());
  const std::size_t n_pos = static_cast<std::size_t>(std::accumulate(y.begin(), y.end(), 0));
  const std::size_t n_neg = n - n_pos;
  std::vector<double> cand;
  std::vector<double> value;
  cand.reserve(n + 1);
  value.reserve(n + 1);
  auto push = [&](double c, std::size_t tp, std::size_t fp) {
    confusion t{tp, fp, n_neg - fp, n_pos - tp};
    cand.push_back(c);
    value.push_back(metric_value(t, o));
  };
  push(ge ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity(),
       0, 0);
  std::size_t tp = 0, fp = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    tp += static_cast<std::size_t>(y[i] == 1);
    fp += static_cast<std::size_t>(y[i] != 1);
    if (k + 1 == n || x[order[k + 1]] != x[i]) push(x[i], tp, fp);
  }
  double best = value[0];
  for (double v : value) {
    if (std::isnan(v)) continue;
    if (std::isnan(best) || (minimised(o.metric) ? v < best : v > best)) best = v;
  }
  cutpoint_result res;
  res.greater_equal = ge;
  res.n_candidates = cand.size();
  for (std::size_t k = 0; k < cand.size(); ++k)
    if (value[k] >= best - o.tolerance && value[k] <= best + o.tolerance)
      res.optimal_set.push_back(cand[k]);
  switch (o.ties) {
    case tie_break::median: res.cutpoint = median_of(res.optimal_set); break;
    case tie_break::lowest:
      res.cutpoint = *std::min_element(res.optimal_set.begin(), res.optimal_set.end());
      break;
    case tie_break::highest:
      res.cutpoint = *std::max_element(res.optimal_set.begin(), res.optimal_set.end());
      break;
  }
  res.table = confusion_at(x, y, res.cutpoint, ge);
  res.metric = metric_value(res.table, o);
  return res;
}

}  // namespace radsig::cutpoint
