// Glue: optimal and survival cut-points (radsig::cutpoint).
#include <Rcpp.h>

#include <cstdint>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/cutpoint/maxstat.hpp"
#include "radsig/cutpoint/optimal_cutpoint.hpp"

namespace cp = radsig::cutpoint;

namespace {

cp::cut_metric metric_from(const std::string& s) {
  if (s == "youden") return cp::cut_metric::youden;
  if (s == "sens_spec_sum") return cp::cut_metric::sens_spec_sum;
  if (s == "closest_topleft") return cp::cut_metric::closest_topleft;
  if (s == "fixed_sens") return cp::cut_metric::fixed_sens;
  if (s == "fixed_spec") return cp::cut_metric::fixed_spec;
  throw radsig::invalid_argument("method", "unknown method '" + s + "'");
}

cp::maxstat_pmethod pmethod_from(const std::string& s) {
  if (s == "none") return cp::maxstat_pmethod::none;
  if (s == "Lau92") return cp::maxstat_pmethod::lausen92;
  if (s == "Lau94") return cp::maxstat_pmethod::lausen94;
  if (s == "exactGauss") return cp::maxstat_pmethod::exact_gauss;
  if (s == "condMC") return cp::maxstat_pmethod::cond_mc;
  throw radsig::invalid_argument("pmethod", "unknown p-value method '" + s + "'");
}

// Group codes 1 = low (x <= cut), 2 = high, for an R factor.
Rcpp::IntegerVector group_codes(const std::vector<double>& x, double cut) {
  Rcpp::IntegerVector g(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) g[static_cast<R_xlen_t>(i)] = x[i] > cut ? 2 : 1;
  return g;
}

Rcpp::DataFrame scan_frame(const cp::cut_scan& s) {
  return Rcpp::DataFrame::create(
      Rcpp::_["cut"] = s.cuts, Rcpp::_["n_low"] = std::vector<double>(s.m.begin(), s.m.end()),
      Rcpp::_["statistic"] = s.statistic);
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List find_cutpoint_cpp(std::vector<double> x, std::vector<int> y, std::string method,
                             std::string direction, std::string tie_break, double target,
                             double tol_metric) {
  cp::cutpoint_options o;
  o.metric = metric_from(method);
  o.direction = direction == ">="   ? cp::cut_direction::greater_equal
                : direction == "<=" ? cp::cut_direction::less_equal
                                    : cp::cut_direction::automatic;
  o.ties = tie_break == "lowest"    ? cp::tie_break::lowest
           : tie_break == "highest" ? cp::tie_break::highest
                                    : cp::tie_break::median;
  o.target = target;
  o.tolerance = tol_metric;
  const auto r = cp::optimal_cutpoint(x, y, o);
  return Rcpp::List::create(
      Rcpp::_["cutpoint"] = r.cutpoint,
      Rcpp::_["direction"] = std::string(r.greater_equal ? ">=" : "<="),
      Rcpp::_["metric"] = r.metric, Rcpp::_["tp"] = static_cast<double>(r.table.tp),
      Rcpp::_["fp"] = static_cast<double>(r.table.fp),
      Rcpp::_["tn"] = static_cast<double>(r.table.tn),
      Rcpp::_["fn"] = static_cast<double>(r.table.fn),
      Rcpp::_["sensitivity"] = r.table.sensitivity(),
      Rcpp::_["specificity"] = r.table.specificity(),
      Rcpp::_["accuracy"] = r.table.accuracy(), Rcpp::_["optimal_set"] = r.optimal_set);
}

// [[Rcpp::export]]
Rcpp::List maxstat_cpp(std::vector<double> x, std::vector<double> time, std::vector<int> status,
                       std::string pmethod, double minprop, double maxprop, int n_perm,
                       double seed) {
  cp::maxstat_options o;
  o.minprop = minprop;
  o.maxprop = maxprop;
  o.pmethod = pmethod_from(pmethod);
  o.n_perm = static_cast<std::size_t>(n_perm);
  o.seed = static_cast<std::uint64_t>(seed);
  radsig::progress_callbacks cb;
  cb.should_stop = [] {
    try {
      Rcpp::checkUserInterrupt();
    } catch (Rcpp::internal::InterruptedException&) {
      return true;
    }
    return false;
  };
  const auto r = cp::maxstat_logrank(x, time, status, o, cb);
  return Rcpp::List::create(Rcpp::_["statistic"] = r.statistic,
                            Rcpp::_["estimate"] = r.estimate,
                            Rcpp::_["n_low"] = static_cast<double>(r.n_lower),
                            Rcpp::_["p.value"] = r.p_value, Rcpp::_["scan"] = scan_frame(r.scan),
                            Rcpp::_["groups"] = group_codes(x, r.estimate));
}

// [[Rcpp::export]]
Rcpp::List min_pvalue_cpp(std::vector<double> x, std::vector<double> time,
                          std::vector<int> status, double minprop, double maxprop) {
  const auto r = cp::min_pvalue_logrank(x, time, status, minprop, maxprop);
  return Rcpp::List::create(Rcpp::_["statistic"] = r.chisq, Rcpp::_["estimate"] = r.estimate,
                            Rcpp::_["n_low"] = static_cast<double>(r.n_lower),
                            Rcpp::_["p.value"] = r.p_value, Rcpp::_["scan"] = scan_frame(r.scan),
                            Rcpp::_["groups"] = group_codes(x, r.estimate));
}

// [[Rcpp::export]]
std::vector<double> logrank_scores_cpp(std::vector<double> time, std::vector<int> status) {
  return cp::logrank_scores(time, status);
}
