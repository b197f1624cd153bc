#include "radsig/survival/cox_zph.hpp"

#include <cmath>

#include <boost/math/distributions/chi_squared.hpp>

#include "radsig/core/error.hpp"
#include "radsig/survival/cox.hpp"

namespace radsig::survival {

zph_result cox_zph_test(const Eigen::MatrixXd& x_in, const Eigen::VectorXd& time,
                        const Eigen::VectorXi& status, const Eigen::VectorXi& strata,
                        const Eigen::VectorXd& weights, const Eigen::VectorXd& lp,
                        const Eigen::VectorXd& gtime, const std::vector<int>& term,
                        bool efron) {
  const Eigen::Index n = time.size();
  const int p = static_cast<int>(x_in.cols());
  if (x_in.rows() != n || lp.size() != n || gtime.size() != n || status.size() != n ||
      static_cast<int>(term.size()) != p)
    throw invalid_argument("x", "inconsistent dimensions");
  Eigen::MatrixXd x = x_in.rowwise() - x_in.colwise().mean();  // recentre (unweighted)
  const std::vector<int> ord = order_by_strata_time(time, strata);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(2 * p);
  Eigen::MatrixXd imat = Eigen::MatrixXd::Zero(2 * p, 2 * p);
  Eigen::VectorXd a(p), a2(p);
  Eigen::MatrixXd cmat(p, p), cmat2(p, p);
  auto stratum = [&](int i) { return strata.size() ? strata[i] : 0; };
  double denom = 0;
  int cstrat = -1;
  bool first = true;
  for (Eigen::Index ip = n - 1; ip >= 0;) {
    int person = ord[ip];
    if (first || stratum(person) != cstrat) {
      first = false;
      cstrat = stratum(person);
      denom = 0;
      a.setZero();
      cmat.setZero();
    }
    const double dtime = time[person];
    const double tw = gtime[person];
    int ndead = 0;
    double deadwt = 0, denom2 = 0;
    a2.setZero();
    cmat2.setZero();
    for (; ip >= 0; --ip) {
      person = ord[ip];
      if (time[person] != dtime || stratum(person) != cstrat) break;
      const double w = weights.size() ? weights[person] : 1.0;
      const double risk = std::exp(lp[person]) * w;
      if (status[person] == 0) {
        denom += risk;
        for (int i = 0; i < p; ++i) {
          a[i] += risk * x(person, i);
          for (int j = 0; j <= i; ++j) cmat(i, j) += risk * x(person, i) * x(person, j);
        }
      } else {
        ++ndead;
        deadwt += w;
        denom2 += risk;
        for (int i = 0; i < p; ++i) {
          u[i] += w * x(person, i);
          u[i + p] += tw * w * x(person, i);
          a2[i] += risk * x(person, i);
          for (int j = 0; j <= i; ++j) cmat2(i, j) += risk * x(person, i) * x(person, j);
        }
      }
    }
    if (ndead == 0) continue;
    const int reps = efron ? ndead : 1;
    const double wtave = deadwt / reps;
    for (int k = 0; k < reps; ++k) {
      denom += denom2 / reps;
      for (int i = 0; i < p; ++i) {
        a[i] += a2[i] / reps;
        const double mean = a[i] / denom;
        u[i] -= wtave * mean;
        u[i + p] -= tw * wtave * mean;
        for (int j = 0; j <= i; ++j) {
          cmat(i, j) += cmat2(i, j) / reps;
          const double t = wtave * (cmat(i, j) - mean * a[j]) / denom;
          imat(j, i) += t;
          imat(j, i + p) += t * tw;
          imat(j + p, i + p) += t * tw * tw;
        }
      }
    }
  }
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < i; ++j) {
      imat(i, j) = imat(j, i);
      imat(i, j + p) = imat(j, i + p);
      imat(i + p, j + p) = imat(j + p, i + p);
    }
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < p; ++j) imat(i + p, j) = imat(j, i + p);

  int nterm = 0;
  for (int t : term) nterm = std::max(nterm, t + 1);
  zph_result r;
  auto test_cols = [&](const std::vector<int>& cols) {
    std::vector<int> kk;
    for (int i = 0; i < p; ++i) kk.push_back(i);
    for (int c : cols) kk.push_back(c + p);
    const int m = static_cast<int>(kk.size());
    Eigen::MatrixXd im(m, m);
    Eigen::VectorXd uu = Eigen::VectorXd::Zero(m);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) im(i, j) = imat(kk[i], kk[j]);
      if (i >= p) uu[i] = u[kk[i]];
    }
    const double stat = uu.dot(im.partialPivLu().solve(uu));
    const int df = static_cast<int>(cols.size());
    r.chisq.push_back(stat);
    r.df.push_back(df);
    r.p_value.push_back(boost::math::cdf(boost::math::complement(
        boost::math::chi_squared(static_cast<double>(df)), std::max(stat, 0.0))));
  };
  for (int t = 0; t < nterm; ++t) {
    std::vector<int> cols;
    for (int j = 0; j < p; ++j)
      if (term[j] == t) cols.push_back(j);
    test_cols(cols);
  }
  std::vector<int> all(p);
  for (int j = 0; j < p; ++j) all[j] = j;
  test_cols(all);
  return r;
}

}  // namespace radsig::survival
