// Glue: decision curves (radsig::decision).
#include <Rcpp.h>

#include <cstdint>

#include "radsig/decision/net_benefit.hpp"

// [[Rcpp::export]]
Rcpp::List net_benefit_cpp(std::vector<int> y, std::vector<double> p,
                           std::vector<double> thresholds, double harm) {
  const auto c = radsig::decision::net_benefit(y, p, thresholds, harm);
  return Rcpp::List::create(
      Rcpp::_["net_benefit"] = c.net_benefit,
      Rcpp::_["tp"] = std::vector<double>(c.tp.begin(), c.tp.end()),
      Rcpp::_["fp"] = std::vector<double>(c.fp.begin(), c.fp.end()));
}

// [[Rcpp::export]]
std::vector<double> net_benefit_all_cpp(double prevalence, std::vector<double> thresholds) {
  return radsig::decision::net_benefit_treat_all(prevalence, thresholds);
}

// [[Rcpp::export]]
Rcpp::List net_benefit_boot_cpp(std::vector<int> y, Rcpp::List models,
                                std::vector<double> thresholds, std::vector<double> harm,
                                int n_boot, double level, double seed) {
  std::vector<std::vector<double>> m;
  for (R_xlen_t i = 0; i < models.size(); ++i)
    m.push_back(Rcpp::as<std::vector<double>>(models[i]));
  const auto bands = radsig::decision::net_benefit_bootstrap(
      y, m, thresholds, harm, static_cast<std::size_t>(n_boot), level,
      static_cast<std::uint64_t>(seed));
  Rcpp::List out(bands.size());
  for (std::size_t i = 0; i < bands.size(); ++i)
    out[static_cast<R_xlen_t>(i)] = Rcpp::List::create(Rcpp::_["lower"] = bands[i].lower,
                                                       Rcpp::_["upper"] = bands[i].upper);
  return out;
}
