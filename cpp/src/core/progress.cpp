#include "radsig/core/progress.hpp"

#include "radsig/core/error.hpp"

namespace radsig {

void report_progress(const progress_callbacks& callbacks, std::size_t completed,
                     std::size_t total) {
  if (callbacks.on_progress) callbacks.on_progress(completed, total);
  if (callbacks.should_stop && callbacks.should_stop()) throw interrupted();
}

}  // namespace radsig
