// Shared formulas of glrlm / glszm / gldm (FEATURES.md 9.5-9.7).
#include "radsig/features/detail/emphasis.hpp"

#include "radsig/features/detail/aggregate.hpp"

namespace radsig::features::detail {

emphasis_stats make_emphasis(const matrix& P, const std::vector<int>& lv, bool guard_zero) {
  emphasis_stats e;
  e.P = &P;
  e.lv = &lv;
  e.pg.assign(P.rows, 0);
  e.pj.assign(P.cols, 0);
  for (int i = 0; i < P.rows; ++i)
    for (int j = 0; j < P.cols; ++j) {
      e.pg[i] += P(i, j);
      e.pj[j] += P(i, j);
    }
  for (double v : e.pg) e.nz += v;
  for (int j = 0; j < P.cols; ++j) e.np += e.pj[j] * (j + 1);
  if (guard_zero) {
    if (e.nz == 0) e.nz = 1;
    if (e.np == 0) e.np = 1;
  }
  for (int i = 0; i < P.rows; ++i) {
    const double li = lv[i];
    for (int j = 0; j < P.cols; ++j) {
      const double p = P(i, j);
      if (p == 0) continue;
      const double lj = static_cast<double>(j + 1);
      e.small_low += p / (li * li * lj * lj);
      e.small_high += p * li * li / (lj * lj);
      e.large_low += p * lj * lj / (li * li);
      e.large_high += p * li * li * lj * lj;
      e.entropy += xlog2(p / e.nz);
    }
  }
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
