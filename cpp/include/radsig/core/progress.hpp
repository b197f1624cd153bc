// Progress reporting and cooperative interruption for long-running core computations.
// The core never talks to R: the glue hands in callbacks (R's progressr / interrupt checks).
#pragma once

#include <cstddef>
#include <functional>

namespace radsig {

struct progress_callbacks {
  // Called with (completed, total) units of work. May be empty.
  std::function<void(std::size_t, std::size_t)> on_progress;
  // Returns true when the computation should stop. May be empty.
  std::function<bool()> should_stop;
};

// Reports progress and throws radsig::interrupted if the caller asked to stop.
// Must only be called from the thread that owns the callbacks.
void report_progress(const progress_callbacks& callbacks, std::size_t completed,
                     std::size_t total);

}  // namespace radsig
