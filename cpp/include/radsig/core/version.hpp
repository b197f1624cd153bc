#pragma once

#include <string>

namespace radsig {

// Version of the C++ core; the R package reports it in radsig_versions().
std::string core_version();

}  // namespace radsig
