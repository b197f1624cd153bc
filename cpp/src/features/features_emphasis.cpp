// Shared formulas of glrlm / glszm / gldm (FEATURES.md 9.5-9.7).
#include "radsig/features/detail/emphasis.hpp"

#include "radsig/features/detail/aggregate.hpp"

namespace radsig::features::detail {

namespace {

// Per-row partial sums that the two builders fill: sum_j p / j^2 and sum_j p j^2 of every
// row (the joint emphases then weight them by 1 / i^2 or i^2, so no division per cell), and
// the non-zero cells for the entropy, which needs the total first.
struct row_sums {
  std::vector<double> small, large, nonzero;
};

void finish(emphasis_stats& e, const row_sums& r, bool guard_zero) {
  const std::vector<int>& lv = *e.lv;
  for (std::size_t i = 0; i < e.pg.size(); ++i) {
    const double li2 = static_cast<double>(lv[i]) * lv[i];
    e.small_low += r.small[i] / li2;
    e.small_high += r.small[i] * li2;
    e.large_low += r.large[i] / li2;
    e.large_high += r.large[i] * li2;
  }
  for (double v : e.pg) e.nz += v;
  for (const auto& c : e.pj) e.np += c.second * c.first;
  if (guard_zero) {
    if (e.nz == 0) e.nz = 1;
    if (e.np == 0) e.np = 1;
  }
  for (double p : r.nonzero) e.entropy += xlog2(p / e.nz);
}

}  // namespace

// One sweep over the dense matrix: row sums, column sums, per-row emphasis sums and the
// non-zero cells (gathered branch-free).
emphasis_stats make_emphasis(const matrix& P, const std::vector<int>& lv, bool guard_zero) {
  emphasis_stats e;
  e.lv = &lv;
  const auto rows = static_cast<std::size_t>(P.rows), cols = static_cast<std::size_t>(P.cols);
  e.pg.assign(rows, 0);
  std::vector<double> pj(cols, 0), j2(cols), inv_j2(cols);
  for (std::size_t j = 0; j < cols; ++j) {
    j2[j] = static_cast<double>(j + 1) * static_cast<double>(j + 1);
    inv_j2[j] = 1 / j2[j];
  }
  row_sums r{std::vector<double>(rows, 0), std::vector<double>(rows, 0),
             std::vector<double>(P.data.size())};
  std::size_t n_nonzero = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const double* row = P.data.data() + i * cols;
    double sum = 0, small = 0, large = 0;
    for (std::size_t j = 0; j < cols; ++j) {
      const double p = row[j];
      sum += p;
      small += p * inv_j2[j];
      large += p * j2[j];
      pj[j] += p;
      r.nonzero[n_nonzero] = p;
      n_nonzero += p != 0 ? 1 : 0;
    }
    e.pg[i] = sum;
    r.small[i] = small;
    r.large[i] = large;
  }
  r.nonzero.resize(n_nonzero);
  for (std::size_t j = 0; j < cols; ++j)
    if (pj[j] != 0) e.pj.emplace_back(static_cast<std::int64_t>(j + 1), pj[j]);
  finish(e, r, guard_zero);
  return e;
}

// The same from the non-zero cells (sorted by column), for matrices too wide to sweep.
emphasis_stats make_emphasis(const std::vector<emphasis_cell>& cells, const std::vector<int>& lv,
                             bool guard_zero) {
  emphasis_stats e;
  e.lv = &lv;
  e.pg.assign(lv.size(), 0);
  row_sums r{std::vector<double>(lv.size(), 0), std::vector<double>(lv.size(), 0), {}};
  r.nonzero.reserve(cells.size());
  for (const emphasis_cell& c : cells) {
    const double j = static_cast<double>(c.col + 1), p = c.count;
    const auto i = static_cast<std::size_t>(c.row);
    e.pg[i] += p;
    r.small[i] += p / (j * j);
    r.large[i] += p * j * j;
    if (e.pj.empty() || e.pj.back().first != c.col + 1)
      e.pj.emplace_back(c.col + 1, 0.0);
    e.pj.back().second += p;
    r.nonzero.push_back(p);
  }
  finish(e, r, guard_zero);
  return e;
}

namespace {
template <typename F>
double sum_j(const emphasis_stats& e, F f) {
  double s = 0;
  for (const auto& c : e.pj) s += f(c.second, static_cast<double>(c.first));
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
