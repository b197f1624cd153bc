// First-order statistics (FEATURES.md 9.1).
#include <algorithm>
#include <cmath>
#include <limits>

#include "radsig/features/registry.hpp"

namespace radsig::features {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

struct fo_stats {
  std::vector<double> x;       // ROI intensities
  // ROI intensities with every order statistic the features read (minimum, maximum,
  // median, percentile neighbours) moved to its sorted position (partial selection).
  std::vector<double> sorted;
  std::vector<double> p;       // fraction per present level
  double mean = 0, m2 = 0, m3 = 0, m4 = 0;
  double shift = 0, voxel_volume = 1;
  bool ibsi = false;
};

// numpy percentile, method 'linear'.
double percentile(const std::vector<double>& s, double q) {
  const double h = (static_cast<double>(s.size()) - 1) * (q / 100.0);
  const double fl = std::floor(h);
  const std::size_t lo = static_cast<std::size_t>(fl);
  const double g = h - fl;
  if (lo + 1 >= s.size()) return s.back();
  const double a = s[lo], b = s[lo + 1];
  const double diff = b - a;
  return g >= 0.5 ? b - (1 - g) * diff : a + g * diff;
}

double energy_sum(const fo_stats& st) {
  double e = 0;
  for (double v : st.x) e += (v + st.shift) * (v + st.shift);
  return e;
}

double f_p10(const fo_stats& st) { return percentile(st.sorted, 10); }
double f_p90(const fo_stats& st) { return percentile(st.sorted, 90); }
double f_energy(const fo_stats& st) { return energy_sum(st); }
double f_total_energy(const fo_stats& st) { return st.voxel_volume * energy_sum(st); }
double f_entropy(const fo_stats& st) {
  double h = 0;
  for (double q : st.p) h -= q * std::log2(q + kEps);
  return h;
}
double f_iqr(const fo_stats& st) { return percentile(st.sorted, 75) - percentile(st.sorted, 25); }
double f_kurtosis(const fo_stats& st) {
  const double k = st.m2 == 0 ? st.m4 : st.m4 / (st.m2 * st.m2);
  return st.ibsi ? k - 3 : k;  // IBSI: excess kurtosis
}
double f_skewness(const fo_stats& st) {
  return st.m2 == 0 ? st.m3 : st.m3 / std::pow(st.m2, 1.5);
}
double f_maximum(const fo_stats& st) { return st.sorted.back(); }
double f_minimum(const fo_stats& st) { return st.sorted.front(); }
double f_mean(const fo_stats& st) { return st.mean; }
double f_median(const fo_stats& st) {
  const std::size_t n = st.sorted.size();
  return n % 2 ? st.sorted[n / 2] : (st.sorted[n / 2 - 1] + st.sorted[n / 2]) / 2;
}
double f_mad(const fo_stats& st) {
  double s = 0;
  for (double v : st.x) s += std::abs(v - st.mean);
  return s / static_cast<double>(st.x.size());
}
double f_rmad(const fo_stats& st) {
  const double lo = percentile(st.sorted, 10), hi = percentile(st.sorted, 90);
  double sum = 0;
  std::size_t n = 0;
  for (double v : st.x)
    if (v >= lo && v <= hi) {
      sum += v;
      ++n;
    }
  const double m = sum / static_cast<double>(n);
  double s = 0;
  for (double v : st.x)
    if (v >= lo && v <= hi) s += std::abs(v - m);
  return s / static_cast<double>(n);
}
double f_range(const fo_stats& st) { return st.sorted.back() - st.sorted.front(); }
double f_rms(const fo_stats& st) {
  return st.x.empty() ? 0.0 : std::sqrt(energy_sum(st) / static_cast<double>(st.x.size()));
}
double f_uniformity(const fo_stats& st) {
  double u = 0;
  for (double q : st.p) u += q * q;
  return u;
}
double f_variance(const fo_stats& st) {
  const double sd = std::sqrt(st.m2);
  return sd * sd;
}

struct fo_feature {
  const char* name;
  double (*fn)(const fo_stats&);
};

// Output order of PyRadiomics (method-name order, FEATURES.md section 1).
const fo_feature kFeatures[] = {
    {"10Percentile", f_p10},
    {"90Percentile", f_p90},
    {"Energy", f_energy},
    {"Entropy", f_entropy},
    {"InterquartileRange", f_iqr},
    {"Kurtosis", f_kurtosis},
    {"Maximum", f_maximum},
    {"MeanAbsoluteDeviation", f_mad},
    {"Mean", f_mean},
    {"Median", f_median},
    {"Minimum", f_minimum},
    {"Range", f_range},
    {"RobustMeanAbsoluteDeviation", f_rmad},
    {"RootMeanSquared", f_rms},
    {"Skewness", f_skewness},
    {"TotalEnergy", f_total_energy},
    {"Uniformity", f_uniformity},
    {"Variance", f_variance},
};

}  // namespace

std::vector<std::string> firstorder_names() {
  std::vector<std::string> out;
  for (const auto& f : kFeatures) out.emplace_back(f.name);
  return out;
}

class_values compute_firstorder(const class_input& in) {
  const roi_box& roi = *in.roi;
  const discretised& d = *in.levels;
  fo_stats st;
  st.x = roi.roi_values;
  st.sorted = st.x;
  {
    const std::size_t n_x = st.sorted.size();
    std::vector<std::size_t> pos = {0, n_x - 1, n_x / 2, n_x > 1 ? n_x / 2 - 1 : 0};
    for (double q : {10.0, 25.0, 75.0, 90.0}) {
      const auto lo = static_cast<std::size_t>(std::floor((static_cast<double>(n_x) - 1) * (q / 100.0)));
      pos.push_back(lo);
      if (lo + 1 < n_x) pos.push_back(lo + 1);
    }
    std::sort(pos.begin(), pos.end());
    pos.erase(std::unique(pos.begin(), pos.end()), pos.end());
    std::size_t from = 0;
    for (std::size_t p : pos) {
      std::nth_element(st.sorted.begin() + static_cast<std::ptrdiff_t>(from),
                       st.sorted.begin() + static_cast<std::ptrdiff_t>(p), st.sorted.end());
      from = p + 1;
    }
  }
  st.shift = in.opts->voxel_array_shift;
  st.ibsi = in.opts->ibsi;
  st.voxel_volume = roi.spacing[1] * roi.spacing[2];
  if (roi.image_dimension == 3) st.voxel_volume *= roi.spacing[0];
  const double n = static_cast<double>(st.x.size());
  double sum = 0;
  for (double v : st.x) sum += v;
  st.mean = sum / n;
  for (double v : st.x) {
    const double dv = v - st.mean, d2 = dv * dv;
    st.m2 += d2;
    st.m3 += d2 * dv;
    st.m4 += d2 * d2;
  }
  st.m2 /= n;
  st.m3 /= n;
  st.m4 /= n;
  std::vector<double> counts(d.n_levels(), 0.0);
  for (std::size_t v = 0; v < d.level.size(); ++v)
    if (d.level[v] > 0) counts[d.compact[d.level[v]]] += 1;
  for (double c : counts) st.p.push_back(c / n);
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    out.values.push_back(f.fn(st));
  }
  out.n_active = out.names.size();
  out.names.emplace_back("StandardDeviation");
  out.values.push_back(std::sqrt(st.m2));
  return out;
}

}  // namespace radsig::features
