#include <gtest/gtest.h>

#include "radsig/core/error.hpp"
#include "radsig/core/progress.hpp"

namespace {

TEST(Progress, ReportsCompletedAndTotal) {
  std::size_t seen_done = 0, seen_total = 0;
  radsig::progress_callbacks cb;
  cb.on_progress = [&](std::size_t done, std::size_t total) {
    seen_done = done;
    seen_total = total;
  };
  radsig::report_progress(cb, 3, 10);
  EXPECT_EQ(seen_done, 3u);
  EXPECT_EQ(seen_total, 10u);
}

TEST(Progress, EmptyCallbacksAreFine) {
  EXPECT_NO_THROW(radsig::report_progress(radsig::progress_callbacks{}, 1, 2));
}

TEST(Progress, StopRequestThrowsInterrupted) {
  radsig::progress_callbacks cb;
  cb.should_stop = [] { return true; };
  EXPECT_THROW(radsig::report_progress(cb, 1, 2), radsig::interrupted);
}

TEST(Error, InvalidArgumentNamesTheArgument) {
  radsig::invalid_argument e("predictor", "must be finite");
  EXPECT_EQ(e.argument(), "predictor");
  EXPECT_NE(std::string(e.what()).find("predictor"), std::string::npos);
}

}  // namespace
