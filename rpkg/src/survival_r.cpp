// Glue: survival analysis (radsig::survival). Converts, calls the core, returns lists.
#include <Rcpp.h>
#include <RcppEigen.h>

#include <string>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/survival/concordance.hpp"
#include "radsig/survival/cox.hpp"
#include "radsig/survival/cox_zph.hpp"
#include "radsig/survival/km.hpp"
#include "radsig/survival/logrank.hpp"

// [[Rcpp::depends(RcppEigen)]]

namespace {
radsig::survival::km_conf_type conf_type_from(const std::string& s) {
  if (s == "log") return radsig::survival::km_conf_type::log;
  if (s == "log-log") return radsig::survival::km_conf_type::log_log;
  if (s == "plain") return radsig::survival::km_conf_type::plain;
  if (s == "none") return radsig::survival::km_conf_type::none;
  throw radsig::invalid_argument("conf_type", "unknown confidence interval type");
}
}  // namespace

// [[Rcpp::export]]
Rcpp::List fit_cox_cpp(const Eigen::Map<Eigen::MatrixXd> x, const Eigen::Map<Eigen::VectorXd> time,
                       const Eigen::Map<Eigen::VectorXi> status,
                       const Eigen::Map<Eigen::VectorXi> strata,
                       const Eigen::Map<Eigen::VectorXd> weights,
                       const Eigen::Map<Eigen::VectorXd> offset, Rcpp::LogicalVector center,
                       std::string ties, int max_iter, double eps, double toler_chol) {
  radsig::survival::cox_data d;
  d.x = x;
  d.time = time;
  d.status = status;
  d.strata = strata;
  d.weights = weights;
  d.offset = offset;
  for (R_xlen_t j = 0; j < center.size(); ++j) d.center.push_back(center[j] == TRUE);
  radsig::survival::cox_options opt;
  if (ties == "breslow") opt.ties = radsig::survival::cox_ties::breslow;
  else if (ties != "efron") throw radsig::invalid_argument("ties", "must be \"efron\" or \"breslow\"");
  opt.max_iter = max_iter;
  opt.eps = eps;
  opt.toler_chol = toler_chol;
  const auto f = radsig::survival::fit_cox(d, opt);
  return Rcpp::List::create(
      Rcpp::Named("coefficients") = Rcpp::wrap(f.coefficients),
      Rcpp::Named("var") = Rcpp::wrap(f.covariance), Rcpp::Named("means") = Rcpp::wrap(f.means),
      Rcpp::Named("linear_predictor") = Rcpp::wrap(f.linear_predictor),
      Rcpp::Named("loglik") = Rcpp::NumericVector::create(f.loglik_init, f.loglik),
      Rcpp::Named("score") = f.score_test, Rcpp::Named("wald") = f.wald_test,
      Rcpp::Named("iterations") = f.iterations, Rcpp::Named("converged") = f.converged,
      Rcpp::Named("n_events") = f.n_events);
}

// [[Rcpp::export]]
Rcpp::List concordance_cpp(const Eigen::Map<Eigen::VectorXd> time,
                           const Eigen::Map<Eigen::VectorXi> status,
                           const Eigen::Map<Eigen::VectorXd> score,
                           const Eigen::Map<Eigen::VectorXi> strata,
                           const Eigen::Map<Eigen::VectorXd> weights) {
  const auto c = radsig::survival::risk_concordance(time, status, score, strata, weights);
  return Rcpp::List::create(Rcpp::Named("concordant") = c.concordant,
                            Rcpp::Named("discordant") = c.discordant,
                            Rcpp::Named("tied_x") = c.tied_x, Rcpp::Named("tied_y") = c.tied_y,
                            Rcpp::Named("concordance") = c.concordance());
}

// [[Rcpp::export]]
Rcpp::List km_cpp(const Eigen::Map<Eigen::VectorXd> time, const Eigen::Map<Eigen::VectorXi> status,
                  const Eigen::Map<Eigen::VectorXd> weights, std::string conf_type,
                  double conf_level) {
  const auto c = radsig::survival::kaplan_meier(time, status, weights, conf_type_from(conf_type),
                                                conf_level);
  const double med = radsig::survival::km_quantile(c.time, c.surv, 0.5);
  double med_lo = NA_REAL, med_hi = NA_REAL;
  if (conf_type != "none") {
    med_lo = radsig::survival::km_quantile(c.time, c.lower, 0.5);
    med_hi = radsig::survival::km_quantile(c.time, c.upper, 0.5);
  }
  auto na = [](double v) { return std::isnan(v) ? NA_REAL : v; };
  Rcpp::NumericVector lower(c.lower.begin(), c.lower.end()), upper(c.upper.begin(), c.upper.end());
  for (R_xlen_t i = 0; i < lower.size(); ++i) { lower[i] = na(lower[i]); upper[i] = na(upper[i]); }
  return Rcpp::List::create(
      Rcpp::Named("time") = c.time, Rcpp::Named("n_risk") = c.n_risk,
      Rcpp::Named("n_event") = c.n_event, Rcpp::Named("n_censor") = c.n_censor,
      Rcpp::Named("surv") = c.surv, Rcpp::Named("std_err") = c.std_err,
      Rcpp::Named("cumhaz") = c.cumhaz, Rcpp::Named("lower") = lower,
      Rcpp::Named("upper") = upper,
      Rcpp::Named("median") = Rcpp::NumericVector::create(na(med), na(med_lo), na(med_hi)));
}

// [[Rcpp::export]]
Rcpp::List logrank_cpp(const Eigen::Map<Eigen::VectorXd> time,
                       const Eigen::Map<Eigen::VectorXi> status,
                       const Eigen::Map<Eigen::VectorXi> group,
                       const Eigen::Map<Eigen::VectorXi> strata, double rho) {
  const auto r = radsig::survival::logrank_test(time, status, group, strata, rho);
  return Rcpp::List::create(Rcpp::Named("observed") = Rcpp::wrap(r.observed),
                            Rcpp::Named("expected") = Rcpp::wrap(r.expected),
                            Rcpp::Named("var") = Rcpp::wrap(r.variance),
                            Rcpp::Named("n") = Rcpp::wrap(r.n), Rcpp::Named("chisq") = r.chisq,
                            Rcpp::Named("df") = r.df, Rcpp::Named("p_value") = r.p_value);
}

// [[Rcpp::export]]
Rcpp::List cox_zph_cpp(const Eigen::Map<Eigen::MatrixXd> x, const Eigen::Map<Eigen::VectorXd> time,
                       const Eigen::Map<Eigen::VectorXi> status,
                       const Eigen::Map<Eigen::VectorXi> strata,
                       const Eigen::Map<Eigen::VectorXd> weights,
                       const Eigen::Map<Eigen::VectorXd> lp,
                       const Eigen::Map<Eigen::VectorXd> gtime, Rcpp::IntegerVector term,
                       bool efron) {
  std::vector<int> t(term.begin(), term.end());
  const auto r = radsig::survival::cox_zph_test(x, time, status, strata, weights, lp, gtime, t,
                                                efron);
  return Rcpp::List::create(Rcpp::Named("chisq") = r.chisq, Rcpp::Named("df") = r.df,
                            Rcpp::Named("p_value") = r.p_value);
}
