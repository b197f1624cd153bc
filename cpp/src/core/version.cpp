#include "radsig/core/version.hpp"

namespace radsig {

std::string core_version() { return "0.1.0"; }

}  // namespace radsig
