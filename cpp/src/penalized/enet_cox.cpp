// Cox proportional-hazards elastic-net path (Breslow ties, as glmnet).
#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {

enet_path fit_cox(const Eigen::Ref<const Eigen::MatrixXd>&, const Eigen::VectorXd&,
                  const Eigen::VectorXd&, const Eigen::VectorXd&, const Eigen::VectorXd&,
                  const enet_options&, const progress_callbacks&) {
  throw invalid_argument("family", "cox is not available yet");
}

}  // namespace radsig::penalized
