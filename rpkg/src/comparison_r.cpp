// Glue: McNemar's test (radsig::comparison).
#include <Rcpp.h>

#include "radsig/comparison/mcnemar.hpp"

// [[Rcpp::export]]
Rcpp::List mcnemar_cpp(std::vector<int> truth, std::vector<int> pred1, std::vector<int> pred2,
                       int exact) {
  const auto r = radsig::comparison::mcnemar(truth, pred1, pred2, exact);
  return Rcpp::List::create(
      Rcpp::_["both_correct"] = static_cast<double>(r.both_correct),
      Rcpp::_["only_first"] = static_cast<double>(r.only_first),
      Rcpp::_["only_second"] = static_cast<double>(r.only_second),
      Rcpp::_["both_wrong"] = static_cast<double>(r.both_wrong), Rcpp::_["exact"] = r.exact,
      Rcpp::_["statistic"] = r.statistic, Rcpp::_["p.value"] = r.p_value);
}
