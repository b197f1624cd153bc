// Shared formulas of glrlm / glszm / gldm (FEATURES.md 9.5-9.7).
#include "radsig/features/detail/emphasis.hpp"

#include "radsig/features/detail/aggregate.hpp"

namespace radsig::features::detail {

// One sweep over P: row and column sums, and per row the sums of p / j^2 and p j^2, which
// give the four joint emphases after weighting by 1 / i^2 or i^2 (so no division per cell);
// the non-zero cells are gathered for the entropy, which needs the total first.
emphasis_stats make_emphasis(const matrix& P, const std::vector<int>& lv, bool guard_zero) {
  emphasis_stats e;
  e.P = &P;
  e.lv = &lv;
  e.pg.assign(static_cast<std::size_t>(P.rows), 0);
  e.pj.assign(static_cast<std::size_t>(P.cols), 0);
  std::vector<double> j2(static_cast<std::size_t>(P.cols)), inv_j2(j2.size());
  for (std::size_t j = 0; j < j2.size(); ++j) {
    j2[j] = static_cast<double>(j + 1) * static_cast<double>(j + 1);
    inv_j2[j] = 1 / j2[j];
  }
  std::vector<double> nonzero(P.data.size());
  std::size_t n_nonzero = 0;
  double* pj = e.pj.data();
  for (int i = 0; i < P.rows; ++i) {
    const double* row = P.data.data() + static_cast<std::size_t>(i) * P.cols;
    double sum = 0, small = 0, large = 0;
    for (int j = 0; j < P.cols; ++j) {
      const double p = row[j];
      sum += p;
      small += p * inv_j2[j];
      large += p * j2[j];
      pj[j] += p;
      nonzero[n_nonzero] = p;
      n_nonzero += p != 0 ? 1 : 0;
    }
    const double li2 = static_cast<double>(lv[i]) * lv[i];
    e.pg[i] = sum;
    e.small_low += small / li2;
    e.small_high += small * li2;
    e.large_low += large / li2;
    e.large_high += large * li2;
  }
  for (double v : e.pg) e.nz += v;
  for (int j = 0; j < P.cols; ++j) e.np += e.pj[j] * (j + 1);
  if (guard_zero) {
    if (e.nz == 0) e.nz = 1;
    if (e.np == 0) e.np = 1;
  }
  for (std::size_t k = 0; k < n_nonzero; ++k) e.entropy += xlog2(nonzero[k] / e.nz);
  return e;
}

namespace {
template <typename F>
double sum_j(const emphasis_stats& e, F f) {
  double s = 0;
  for (std::size_t j = 0; j < e.pj.size(); ++j) s += f(e.pj[j], static_cast<double>(j + 1));
  return s;
}
template <typename F>
double sum_i(const emphasis_stats& e, F f) {
  double s = 0;
  for (std::size_t i = 0; i < e.pg.size(); ++i) s += f(e.pg[i], static_cast<double>((*e.lv)[i]));
  return s;
}
}  // namespace

double small_emphasis(const emphasis_stats& e) {
  return sum_j(e, [](double p, double j) { return p / (j * j); }) / e.nz;
}
double large_emphasis(const emphasis_stats& e) {
  return sum_j(e, [](double p, double j) { return p * j * j; }) / e.nz;
}
double gl_nonuniformity(const emphasis_stats& e) {
  return sum_i(e, [](double p, double) { return p * p; }) / e.nz;
}
double gl_nonuniformity_normalized(const emphasis_stats& e) {
  return sum_i(e, [](double p, double) { return p * p; }) / (e.nz * e.nz);
}
double size_nonuniformity(const emphasis_stats& e) {
  return sum_j(e, [](double p, double) { return p * p; }) / e.nz;
}
double size_nonuniformity_normalized(const emphasis_stats& e) {
  return sum_j(e, [](double p, double) { return p * p; }) / (e.nz * e.nz);
}
double percentage(const emphasis_stats& e) { return e.nz / e.np; }
double gl_variance(const emphasis_stats& e) {
  const double mu = sum_i(e, [&](double p, double i) { return p / e.nz * i; });
  return sum_i(e, [&](double p, double i) { return p / e.nz * (i - mu) * (i - mu); });
}
double size_variance(const emphasis_stats& e) {
  const double mu = sum_j(e, [&](double p, double j) { return p / e.nz * j; });
  return sum_j(e, [&](double p, double j) { return p / e.nz * (j - mu) * (j - mu); });
}
double joint_entropy(const emphasis_stats& e) { return -e.entropy; }
double low_gl_emphasis(const emphasis_stats& e) {
  return sum_i(e, [](double p, double i) { return p / (i * i); }) / e.nz;
}
double high_gl_emphasis(const emphasis_stats& e) {
  return sum_i(e, [](double p, double i) { return p * i * i; }) / e.nz;
}
double small_low_emphasis(const emphasis_stats& e) { return e.small_low / e.nz; }
double small_high_emphasis(const emphasis_stats& e) { return e.small_high / e.nz; }
double large_low_emphasis(const emphasis_stats& e) { return e.large_low / e.nz; }
double large_high_emphasis(const emphasis_stats& e) { return e.large_high / e.nz; }

}  // namespace radsig::features::detail
