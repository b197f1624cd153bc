// Glue: discrimination metrics (radsig::metrics). Converts R vectors, calls the core and
// returns plain lists; validation with classed errors happens in R/metrics.R.
#include <Rcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/metrics/classification.hpp"
#include "radsig/metrics/concordance.hpp"
#include "radsig/metrics/delong.hpp"
#include "radsig/metrics/hanley_mcneil.hpp"
#include "radsig/metrics/roc.hpp"

namespace rm = radsig::metrics;

namespace {

rm::roc_direction to_direction(const std::string& d) {
  if (d == "<") return rm::roc_direction::controls_lower;
  if (d == ">") return rm::roc_direction::controls_higher;
  if (d == "auto") return rm::roc_direction::automatic;
  throw radsig::invalid_argument("direction", "must be \"auto\", \"<\" or \">\"");
}

rm::alternative to_alternative(const std::string& a) {
  if (a == "two.sided") return rm::alternative::two_sided;
  if (a == "less") return rm::alternative::less;
  if (a == "greater") return rm::alternative::greater;
  throw radsig::invalid_argument("alternative", "must be \"two.sided\", \"less\" or \"greater\"");
}

rm::binary_sample sample_of(const Rcpp::IntegerVector& response,
                            const Rcpp::NumericVector& predictor) {
  return rm::split_by_class(Rcpp::as<std::vector<int>>(response),
                            Rcpp::as<std::vector<double>>(predictor));
}

Rcpp::NumericVector interval_vector(const rm::interval& i) {
  return Rcpp::NumericVector::create(Rcpp::_["estimate"] = i.estimate,
                                     Rcpp::_["lower"] = i.lower, Rcpp::_["upper"] = i.upper);
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List roc_curve_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor,
                         std::string direction) {
  const rm::roc_curve_result r = rm::roc_curve(sample_of(response, predictor),
                                               to_direction(direction));
  return Rcpp::List::create(
      Rcpp::_["thresholds"] = Rcpp::wrap(r.thresholds),
      Rcpp::_["sensitivities"] = Rcpp::wrap(r.sensitivities),
      Rcpp::_["specificities"] = Rcpp::wrap(r.specificities), Rcpp::_["auc"] = r.auc,
      Rcpp::_["auc_variance"] = r.auc_variance,
      Rcpp::_["direction"] = std::string(rm::direction_symbol(r.direction)),
      Rcpp::_["youden_index"] = static_cast<int>(rm::youden_index(r)) + 1,
      Rcpp::_["n_cases"] = static_cast<double>(r.n_cases),
      Rcpp::_["n_controls"] = static_cast<double>(r.n_controls));
}

// [[Rcpp::export]]
Rcpp::NumericVector normal_interval_cpp(double estimate, double variance, double level) {
  return interval_vector(rm::delong_interval(estimate, variance, level));
}

// [[Rcpp::export]]
Rcpp::List delong_placements_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor,
                                 std::string direction) {
  const rm::delong_placements p =
      rm::compute_placements(sample_of(response, predictor), to_direction(direction));
  return Rcpp::List::create(Rcpp::_["cases"] = Rcpp::wrap(p.cases),
                            Rcpp::_["controls"] = Rcpp::wrap(p.controls),
                            Rcpp::_["auc"] = p.auc);
}

// [[Rcpp::export]]
Rcpp::List delong_paired_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor1,
                             std::string direction1, Rcpp::NumericVector predictor2,
                             std::string direction2, std::string alternative, double level) {
  const auto p1 = rm::compute_placements(sample_of(response, predictor1), to_direction(direction1));
  const auto p2 = rm::compute_placements(sample_of(response, predictor2), to_direction(direction2));
  const auto t = rm::delong_paired_test(p1, p2, to_alternative(alternative), level);
  return Rcpp::List::create(Rcpp::_["auc1"] = t.auc1, Rcpp::_["auc2"] = t.auc2,
                            Rcpp::_["difference"] = t.difference, Rcpp::_["se"] = t.se,
                            Rcpp::_["statistic"] = t.statistic, Rcpp::_["p_value"] = t.p_value,
                            Rcpp::_["lower"] = t.lower, Rcpp::_["upper"] = t.upper);
}

// [[Rcpp::export]]
Rcpp::List delong_unpaired_cpp(Rcpp::IntegerVector response1, Rcpp::NumericVector predictor1,
                               std::string direction1, Rcpp::IntegerVector response2,
                               Rcpp::NumericVector predictor2, std::string direction2,
                               std::string alternative) {
  const auto p1 = rm::compute_placements(sample_of(response1, predictor1), to_direction(direction1));
  const auto p2 = rm::compute_placements(sample_of(response2, predictor2), to_direction(direction2));
  const auto t = rm::delong_unpaired_test(p1, p2, to_alternative(alternative));
  return Rcpp::List::create(Rcpp::_["auc1"] = t.auc1, Rcpp::_["auc2"] = t.auc2,
                            Rcpp::_["statistic"] = t.statistic, Rcpp::_["df"] = t.df,
                            Rcpp::_["p_value"] = t.p_value);
}

// [[Rcpp::export]]
Rcpp::List hanley_mcneil_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor1,
                             std::string direction1, Rcpp::NumericVector predictor2,
                             std::string direction2, std::string alternative) {
  const auto t = rm::hanley_mcneil_test(sample_of(response, predictor1), to_direction(direction1),
                                        sample_of(response, predictor2), to_direction(direction2),
                                        to_alternative(alternative));
  return Rcpp::List::create(
      Rcpp::_["auc1"] = t.auc1, Rcpp::_["auc2"] = t.auc2, Rcpp::_["se1"] = t.se1,
      Rcpp::_["se2"] = t.se2, Rcpp::_["correlation_cases"] = t.correlation_cases,
      Rcpp::_["correlation_controls"] = t.correlation_controls, Rcpp::_["r"] = t.r,
      Rcpp::_["outside_table"] = t.outside_table, Rcpp::_["statistic"] = t.statistic,
      Rcpp::_["p_value"] = t.p_value);
}

// [[Rcpp::export]]
SEXP auc_resampler_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor,
                       std::string direction) {
  auto* r = new rm::auc_resampler(sample_of(response, predictor), to_direction(direction));
  return Rcpp::XPtr<rm::auc_resampler>(r, true);
}

// Indices are 1-based (R's sample.int) into the controls / cases in their original order.
// [[Rcpp::export]]
double auc_resample_cpp(SEXP resampler, Rcpp::IntegerVector control_indices,
                        Rcpp::IntegerVector case_indices) {
  Rcpp::XPtr<rm::auc_resampler> r(resampler);
  std::vector<std::int32_t> ci(control_indices.size()), ca(case_indices.size());
  for (R_xlen_t i = 0; i < control_indices.size(); ++i) ci[i] = control_indices[i] - 1;
  for (R_xlen_t i = 0; i < case_indices.size(); ++i) ca[i] = case_indices[i] - 1;
  return r->auc(ci, ca);
}

// [[Rcpp::export]]
Rcpp::List classification_cpp(Rcpp::IntegerVector response, Rcpp::NumericVector predictor,
                              double threshold, std::string direction, double level,
                              std::string ci_method) {
  const auto method = ci_method == "wilson" ? rm::proportion_ci_method::wilson
                                            : rm::proportion_ci_method::clopper_pearson;
  const auto counts =
      rm::confusion_at(sample_of(response, predictor), threshold, to_direction(direction));
  const auto m = rm::classification_metrics(counts, level, method);
  return Rcpp::List::create(
      Rcpp::_["counts"] = Rcpp::NumericVector::create(
          Rcpp::_["tp"] = static_cast<double>(counts.true_positive),
          Rcpp::_["fp"] = static_cast<double>(counts.false_positive),
          Rcpp::_["tn"] = static_cast<double>(counts.true_negative),
          Rcpp::_["fn"] = static_cast<double>(counts.false_negative)),
      Rcpp::_["sensitivity"] = interval_vector(m.sensitivity),
      Rcpp::_["specificity"] = interval_vector(m.specificity),
      Rcpp::_["accuracy"] = interval_vector(m.accuracy), Rcpp::_["ppv"] = interval_vector(m.ppv),
      Rcpp::_["npv"] = interval_vector(m.npv), Rcpp::_["f1"] = m.f1);
}

// [[Rcpp::export]]
Rcpp::List harrell_c_cpp(Rcpp::NumericVector predictor, Rcpp::NumericVector time,
                         Rcpp::IntegerVector status) {
  const auto r = rm::harrell_c(Rcpp::as<std::vector<double>>(predictor),
                               Rcpp::as<std::vector<double>>(time),
                               Rcpp::as<std::vector<int>>(status));
  return Rcpp::List::create(Rcpp::_["c"] = r.c, Rcpp::_["dxy"] = r.dxy,
                            Rcpp::_["sd_dxy"] = r.sd_dxy, Rcpp::_["se"] = r.se,
                            Rcpp::_["concordant"] = r.concordant,
                            Rcpp::_["discordant"] = r.discordant,
                            Rcpp::_["tied_predictor"] = r.tied_predictor,
                            Rcpp::_["comparable"] = r.comparable);
}
