// Glue: NRI / IDI (radsig::reclassification). Converts, calls the core, returns lists.
#include <Rcpp.h>

#include "radsig/core/error.hpp"
#include "radsig/reclassification/reclassification.hpp"

namespace {

Rcpp::List wald_list(const radsig::reclassification::wald_summary& w) {
  return Rcpp::List::create(Rcpp::_["estimate"] = w.estimate, Rcpp::_["se"] = w.se,
                            Rcpp::_["lower"] = w.lower, Rcpp::_["upper"] = w.upper,
                            Rcpp::_["z"] = w.z, Rcpp::_["p.value"] = w.p_value);
}

Rcpp::List component_list(const radsig::reclassification::nri_component& c) {
  return Rcpp::List::create(
      Rcpp::_["n"] = static_cast<double>(c.n), Rcpp::_["n_up"] = static_cast<double>(c.n_up),
      Rcpp::_["n_down"] = static_cast<double>(c.n_down), Rcpp::_["p_up"] = c.p_up,
      Rcpp::_["p_down"] = c.p_down, Rcpp::_["wald"] = wald_list(c.nri));
}

Rcpp::NumericMatrix table_matrix(const std::vector<std::size_t>& t, std::size_t k) {
  Rcpp::NumericMatrix m(static_cast<int>(k), static_cast<int>(k));
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b)
      m(static_cast<int>(a), static_cast<int>(b)) = static_cast<double>(t[a * k + b]);
  return m;
}

}  // namespace

namespace {

// Zero-copy view of R vectors (lengths are checked by the R caller and again here).
radsig::reclassification::risk_data view(const Rcpp::IntegerVector& y,
                                         const Rcpp::NumericVector& p_old,
                                         const Rcpp::NumericVector& p_new) {
  if (p_old.size() != y.size() || p_new.size() != y.size())
    throw radsig::invalid_argument("p_new", "must have the same length as y");
  return {y.begin(), p_old.begin(), p_new.begin(), static_cast<std::size_t>(y.size())};
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List nri_cpp(Rcpp::IntegerVector y, Rcpp::NumericVector p_old, Rcpp::NumericVector p_new,
                   std::vector<double> cutoffs, double level) {
  const auto r = radsig::reclassification::net_reclassification(view(y, p_old, p_new), cutoffs,
                                                                level);
  Rcpp::List out = Rcpp::List::create(
      Rcpp::_["total"] = wald_list(r.nri), Rcpp::_["events"] = component_list(r.events),
      Rcpp::_["nonevents"] = component_list(r.nonevents));
  if (r.categorical) {
    out["table_events"] = table_matrix(r.table_events, r.n_categories);
    out["table_nonevents"] = table_matrix(r.table_nonevents, r.n_categories);
  }
  return out;
}

// [[Rcpp::export]]
Rcpp::List idi_cpp(Rcpp::IntegerVector y, Rcpp::NumericVector p_old, Rcpp::NumericVector p_new,
                   double level) {
  const auto r = radsig::reclassification::integrated_discrimination(view(y, p_old, p_new),
                                                                     level);
  return Rcpp::List::create(Rcpp::_["wald"] = wald_list(r.idi),
                            Rcpp::_["improve_sens"] = r.improve_sens,
                            Rcpp::_["improve_spec"] = r.improve_spec,
                            Rcpp::_["n_events"] = static_cast<double>(r.n_events),
                            Rcpp::_["n_nonevents"] = static_cast<double>(r.n_nonevents));
}
