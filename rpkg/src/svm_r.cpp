// Glue: radsig::svm. Converts R objects, calls the core, converts back. No algorithm here.
#include <Rcpp.h>
#include <RcppEigen.h>

#include <string>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/svm/svm.hpp"

namespace sv = radsig::svm;

namespace {

void check_interrupt_fn(void*) { R_CheckUserInterrupt(); }
bool interrupt_pending() { return R_ToplevelExec(check_interrupt_fn, nullptr) == FALSE; }

sv::svm_type parse_type(const std::string& s) {
  if (s == "C-classification") return sv::svm_type::c_classification;
  if (s == "eps-regression") return sv::svm_type::eps_regression;
  if (s == "nu-regression") return sv::svm_type::nu_regression;
  throw radsig::invalid_argument("type", "unknown SVM type '" + s + "'");
}

sv::kernel_params parse_kernel(const Rcpp::List& o) {
  sv::kernel_params k;
  const std::string s = Rcpp::as<std::string>(o["kernel"]);
  if (s == "linear") k.type = sv::kernel_type::linear;
  else if (s == "polynomial") k.type = sv::kernel_type::polynomial;
  else if (s == "radial") k.type = sv::kernel_type::radial;
  else if (s == "sigmoid") k.type = sv::kernel_type::sigmoid;
  else throw radsig::invalid_argument("kernel", "unknown kernel '" + s + "'");
  k.gamma = Rcpp::as<double>(o["gamma"]);
  k.coef0 = Rcpp::as<double>(o["coef0"]);
  k.degree = Rcpp::as<int>(o["degree"]);
  return k;
}

Eigen::MatrixXd as_matrix(const Rcpp::NumericMatrix& x) {
  return Eigen::Map<const Eigen::MatrixXd>(x.begin(), x.nrow(), x.ncol());
}

Rcpp::NumericMatrix to_r(const Eigen::MatrixXd& m) {
  Rcpp::NumericMatrix out(m.rows(), m.cols());
  Eigen::Map<Eigen::MatrixXd>(out.begin(), m.rows(), m.cols()) = m;
  return out;
}

// Rebuilds a core model from the list returned by svm_fit_cpp.
sv::svm_model model_from_r(const Rcpp::List& m) {
  sv::svm_model model;
  model.type = parse_type(Rcpp::as<std::string>(m["type"]));
  model.kernel = parse_kernel(m);
  model.x_center = Rcpp::as<std::vector<double>>(m["x_center"]);
  model.x_scale = Rcpp::as<std::vector<double>>(m["x_scale"]);
  model.y_center = Rcpp::as<double>(m["y_center"]);
  model.y_scale = Rcpp::as<double>(m["y_scale"]);
  model.labels = Rcpp::as<std::vector<int>>(m["labels"]);
  const Rcpp::NumericMatrix svs = m["SV"];
  model.sv = as_matrix(svs);
  model.n_sv = Rcpp::as<std::vector<std::size_t>>(m["nSV"]);
  const Rcpp::NumericMatrix coefs = m["coefs"];
  model.coef = as_matrix(coefs);
  model.rho = Rcpp::as<std::vector<double>>(m["rho"]);
  if (!Rf_isNull(m["probA"])) {
    model.prob_a = Rcpp::as<std::vector<double>>(m["probA"]);
    model.prob_b = Rcpp::as<std::vector<double>>(m["probB"]);
  }
  return model;
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List svm_fit_cpp(Rcpp::NumericMatrix x, Rcpp::NumericVector y, Rcpp::List opts) {
  sv::svm_options o;
  o.type = parse_type(Rcpp::as<std::string>(opts["type"]));
  o.kernel = parse_kernel(opts);
  o.cost = Rcpp::as<double>(opts["cost"]);
  o.nu = Rcpp::as<double>(opts["nu"]);
  o.epsilon = Rcpp::as<double>(opts["epsilon"]);
  o.tolerance = Rcpp::as<double>(opts["tolerance"]);
  o.shrinking = Rcpp::as<bool>(opts["shrinking"]);
  o.cache_mb = Rcpp::as<double>(opts["cachesize"]);
  o.scale = Rcpp::as<bool>(opts["scale"]);
  o.probability = Rcpp::as<bool>(opts["probability"]);
  o.seed = static_cast<std::uint64_t>(Rcpp::as<double>(opts["seed"]));
  o.fold_uniforms = Rcpp::as<std::vector<double>>(opts["fold_uniforms"]);
  const std::vector<int> wl = Rcpp::as<std::vector<int>>(opts["weight_labels"]);
  const std::vector<double> w = Rcpp::as<std::vector<double>>(opts["weights"]);
  for (std::size_t i = 0; i < wl.size() && i < w.size(); ++i) o.class_weights.emplace_back(wl[i], w[i]);
  o.should_stop = interrupt_pending;

  const sv::svm_model m = sv::fit_svm(as_matrix(x), Rcpp::as<std::vector<double>>(y), o);
  const Eigen::MatrixXd dec = sv::decision_values(m, as_matrix(x));
  std::vector<int> index(m.sv_index.begin(), m.sv_index.end());
  for (int& i : index) ++i;
  std::vector<int> constant(m.constant_columns.begin(), m.constant_columns.end());
  for (int& i : constant) ++i;
  Rcpp::List out = Rcpp::List::create(
      Rcpp::Named("x_center") = m.x_center, Rcpp::Named("x_scale") = m.x_scale,
      Rcpp::Named("y_center") = m.y_center, Rcpp::Named("y_scale") = m.y_scale,
      Rcpp::Named("constant_columns") = constant, Rcpp::Named("labels") = m.labels,
      Rcpp::Named("SV") = to_r(m.sv), Rcpp::Named("index") = index,
      Rcpp::Named("nSV") = std::vector<double>(m.n_sv.begin(), m.n_sv.end()),
      Rcpp::Named("coefs") = to_r(m.coef), Rcpp::Named("rho") = m.rho,
      Rcpp::Named("probA") = m.prob_a.empty() ? R_NilValue : Rcpp::wrap(m.prob_a),
      Rcpp::Named("probB") = m.prob_b.empty() ? R_NilValue : Rcpp::wrap(m.prob_b),
      Rcpp::Named("iterations") = static_cast<double>(m.iterations),
      Rcpp::Named("converged") = m.converged);
  out["decision_values"] = to_r(dec);
  return out;
}

// what: "decision", "labels", "response" or "probability".
// [[Rcpp::export]]
SEXP svm_predict_cpp(Rcpp::List model, SEXP newx, std::string what) {
  const sv::svm_model m = model_from_r(model);
  Eigen::MatrixXd dec;
  if (Rf_isNull(newx)) {
    const Rcpp::NumericMatrix d = model["decision_values"];
    dec = as_matrix(d);
  } else {
    dec = sv::decision_values(m, as_matrix(Rcpp::NumericMatrix(newx)));
  }
  if (what == "decision") return to_r(dec);
  if (what == "labels") return Rcpp::wrap(sv::predict_labels(m, dec));
  if (what == "response") return Rcpp::wrap(sv::predict_response(m, dec));
  if (what == "probability") return to_r(sv::predict_probabilities(m, dec));
  throw radsig::invalid_argument("type", "unknown prediction type '" + what + "'");
}
