// First-order statistics (FEATURES.md 9.1).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

struct fo_stats {
  const std::vector<double>* x = nullptr;  // ROI intensities
  // The order statistics the features read (minimum, maximum, median and percentile
  // neighbours): ranks ascending and their values.
  std::vector<std::size_t> ranks;
  std::vector<double> rank_values;
  std::vector<double> p;       // fraction per present level
  double mean = 0, m2 = 0, m3 = 0, m4 = 0;
  double energy = 0;           // sum of (x + shift)^2
  double mad = 0, rmad = 0;
  double voxel_volume = 1;
  bool ibsi = false;
  std::size_t n() const { return x->size(); }
  // Value of rank r (0-based) in ascending order; r must be one of `ranks`.
  double at(std::size_t r) const {
    const auto it = std::lower_bound(ranks.begin(), ranks.end(), r);
    return rank_values[static_cast<std::size_t>(it - ranks.begin())];
  }
};

// numpy percentile, method 'linear'.
double percentile(const fo_stats& st, double q) {
  const std::size_t n = st.n();
  const double h = (static_cast<double>(n) - 1) * (q / 100.0);
  const double fl = std::floor(h);
  const std::size_t lo = static_cast<std::size_t>(fl);
  const double g = h - fl;
  if (lo + 1 >= n) return st.at(n - 1);
  const double a = st.at(lo), b = st.at(lo + 1);
  const double diff = b - a;
  return g >= 0.5 ? b - (1 - g) * diff : a + g * diff;
}

double f_p10(const fo_stats& st) { return percentile(st, 10); }
double f_p90(const fo_stats& st) { return percentile(st, 90); }
double f_energy(const fo_stats& st) { return st.energy; }
double f_total_energy(const fo_stats& st) { return st.voxel_volume * st.energy; }
double f_entropy(const fo_stats& st) {
  double h = 0;
  for (double q : st.p) h -= q * std::log2(q + kEps);
  return h;
}
double f_iqr(const fo_stats& st) { return percentile(st, 75) - percentile(st, 25); }
double f_kurtosis(const fo_stats& st) {
  const double k = st.m2 == 0 ? st.m4 : st.m4 / (st.m2 * st.m2);
  return st.ibsi ? k - 3 : k;  // IBSI: excess kurtosis
}
double f_skewness(const fo_stats& st) {
  return st.m2 == 0 ? st.m3 : st.m3 / std::pow(st.m2, 1.5);
}
double f_maximum(const fo_stats& st) { return st.at(st.n() - 1); }
double f_minimum(const fo_stats& st) { return st.at(0); }
double f_mean(const fo_stats& st) { return st.mean; }
double f_median(const fo_stats& st) {
  const std::size_t n = st.n();
  return n % 2 ? st.at(n / 2) : (st.at(n / 2 - 1) + st.at(n / 2)) / 2;
}
double f_mad(const fo_stats& st) { return st.mad; }
double f_rmad(const fo_stats& st) { return st.rmad; }
double f_range(const fo_stats& st) { return st.at(st.n() - 1) - st.at(0); }
double f_rms(const fo_stats& st) {
  return st.n() == 0 ? 0.0 : std::sqrt(st.energy / static_cast<double>(st.n()));
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

// Ranks read by the features, ascending, without duplicates.
std::vector<std::size_t> needed_ranks(std::size_t n) {
  std::vector<std::size_t> pos = {0, n - 1, n / 2, n > 1 ? n / 2 - 1 : 0};
  for (double q : {10.0, 25.0, 75.0, 90.0}) {
    const auto lo = static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1) * (q / 100.0)));
    pos.push_back(lo);
    if (lo + 1 < n) pos.push_back(lo + 1);
  }
  std::sort(pos.begin(), pos.end());
  pos.erase(std::unique(pos.begin(), pos.end()), pos.end());
  return pos;
}

// Order statistics through the discretisation (data that are not integers, see
// histogram_statistics otherwise): grey levels are non-decreasing in intensity,
// so rank r lies in the level whose cumulative count first exceeds r. Only the values of the
// few levels holding a wanted rank are gathered and partially sorted.
void order_statistics(const std::vector<double>& x, const discretised& d,
                      const std::vector<double>& counts, fo_stats& st) {
  st.ranks = needed_ranks(x.size());
  st.rank_values.assign(st.ranks.size(), 0.0);
  const std::size_t nl = counts.size();
  std::vector<std::size_t> start(nl + 1, 0);
  for (std::size_t b = 0; b < nl; ++b) start[b + 1] = start[b] + static_cast<std::size_t>(counts[b]);
  std::vector<int> slot(nl, -1);  // level -> gathered bucket
  std::vector<std::size_t> bucket_of(st.ranks.size());
  int n_buckets = 0;
  for (std::size_t k = 0; k < st.ranks.size(); ++k) {
    const auto b = static_cast<std::size_t>(
        std::upper_bound(start.begin(), start.end(), st.ranks[k]) - start.begin() - 1);
    if (slot[b] < 0) slot[b] = n_buckets++;
    bucket_of[k] = b;
  }
  std::vector<std::vector<double>> values(static_cast<std::size_t>(n_buckets));
  for (std::size_t b = 0; b < nl; ++b)
    if (slot[b] >= 0) values[static_cast<std::size_t>(slot[b])].reserve(static_cast<std::size_t>(counts[b]));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const int sl = slot[static_cast<std::size_t>(d.compact[d.roi_level[i]])];
    if (sl >= 0) values[static_cast<std::size_t>(sl)].push_back(x[i]);
  }
  // Ranks are ascending, so within a bucket each selection starts after the previous one.
  std::vector<std::size_t> from(static_cast<std::size_t>(n_buckets), 0);
  for (std::size_t k = 0; k < st.ranks.size(); ++k) {
    const std::size_t b = bucket_of[k];
    const auto sl = static_cast<std::size_t>(slot[b]);
    auto& v = values[sl];
    const std::size_t local = st.ranks[k] - start[b];
    std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(from[sl]),
                     v.begin() + static_cast<std::ptrdiff_t>(local), v.end());
    from[sl] = local + 1;
    st.rank_values[k] = v[local];
  }
}

// Moments, mean absolute deviations and energy in three passes over the intensities.
void moments(const std::vector<double>& x, double shift, fo_stats& st) {
  const double n = static_cast<double>(x.size());
  double sum = 0, energy = 0;
  for (double v : x) {
    sum += v;
    energy += (v + shift) * (v + shift);
  }
  st.mean = sum / n;
  st.energy = energy;
  const double lo = percentile(st, 10), hi = percentile(st, 90);
  double abs_dev = 0, in_sum = 0;
  std::size_t in_n = 0;
  for (double v : x) {
    const double dv = v - st.mean, d2 = dv * dv;
    st.m2 += d2;
    st.m3 += d2 * dv;
    st.m4 += d2 * d2;
    abs_dev += std::abs(dv);
    if (v >= lo && v <= hi) {
      in_sum += v;
      ++in_n;
    }
  }
  st.m2 /= n;
  st.m3 /= n;
  st.m4 /= n;
  st.mad = abs_dev / n;
  const double in_mean = in_sum / static_cast<double>(in_n);
  double in_dev = 0;
  for (double v : x)
    if (v >= lo && v <= hi) in_dev += std::abs(v - in_mean);
  st.rmad = in_dev / static_cast<double>(in_n);
}

// Everything order- and moment-related from the intensity histogram of integer data
// (discretised::value_count): O(range) instead of O(voxels). Sums of count x value are
// exact in double; the moments are centred on the exact mean.
void histogram_statistics(const discretised& d, double shift, fo_stats& st) {
  const std::vector<std::uint32_t>& c = d.value_count;
  const double n = static_cast<double>(st.n());
  st.ranks = needed_ranks(st.n());
  st.rank_values.assign(st.ranks.size(), 0.0);
  std::size_t cum = 0, r = 0;
  double sum = 0, energy = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const double v = d.value_lo + static_cast<double>(k), w = c[k];
    cum += c[k];
    while (r < st.ranks.size() && st.ranks[r] < cum) st.rank_values[r++] = v;
    sum += w * v;
    energy += w * ((v + shift) * (v + shift));
  }
  st.mean = sum / n;
  st.energy = energy;
  const double lo = percentile(st, 10), hi = percentile(st, 90);
  double abs_dev = 0, in_sum = 0, in_n = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const double v = d.value_lo + static_cast<double>(k), w = c[k];
    const double dv = v - st.mean, d2 = dv * dv;
    st.m2 += w * d2;
    st.m3 += w * (d2 * dv);
    st.m4 += w * (d2 * d2);
    abs_dev += w * std::abs(dv);
    const double inside = v >= lo && v <= hi ? w : 0.0;
    in_sum += inside * v;
    in_n += inside;
  }
  st.m2 /= n;
  st.m3 /= n;
  st.m4 /= n;
  st.mad = abs_dev / n;
  const double in_mean = in_sum / in_n;
  double in_dev = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const double v = d.value_lo + static_cast<double>(k);
    if (v >= lo && v <= hi) in_dev += c[k] * std::abs(v - in_mean);
  }
  st.rmad = in_dev / in_n;
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

std::vector<std::string> firstorder_names() { return detail::table_names(kFeatures); }

class_values compute_firstorder(const class_input& in) {
  const roi_box& roi = *in.roi;
  const discretised& d = *in.levels;
  fo_stats st;
  st.x = &roi.roi_values;
  st.ibsi = in.opts->ibsi;
  st.voxel_volume = roi.spacing[1] * roi.spacing[2];
  if (roi.image_dimension == 3) st.voxel_volume *= roi.spacing[0];
  std::vector<double> counts(d.n_levels(), 0.0);  // voxels per present level
  if (!d.value_count.empty()) {
    for (std::size_t k = 0; k < d.value_count.size(); ++k)
      if (d.value_count[k] > 0)
        counts[static_cast<std::size_t>(d.compact[d.value_level[k]])] += d.value_count[k];
    histogram_statistics(d, in.opts->voxel_array_shift, st);
  } else {
    for (int l : d.roi_level) counts[static_cast<std::size_t>(d.compact[l])] += 1;
    order_statistics(roi.roi_values, d, counts, st);
    moments(roi.roi_values, in.opts->voxel_array_shift, st);
  }
  const double n = static_cast<double>(st.n());
  for (double c : counts) st.p.push_back(c / n);
  class_values out = detail::evaluate_table(kFeatures, st);
  out.names.emplace_back("StandardDeviation");
  out.values.push_back(std::sqrt(st.m2));
  return out;
}

}  // namespace radsig::features
