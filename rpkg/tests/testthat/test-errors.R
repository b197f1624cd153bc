test_that("radsig_abort signals a classed condition naming the argument", {
  err <- tryCatch(radsig:::radsig_abort("bad", class = "radsig_error_type", arg = "x"),
                  error = function(e) e)
  expect_s3_class(err, c("radsig_error_type", "radsig_error", "error"))
  expect_identical(err$arg, "x")
})

test_that("match_choice lists the valid choices", {
  expect_error(radsig:::match_choice("nope", c("a", "b"), "method"),
               class = "radsig_error_value", regexp = '"a", "b"')
  expect_identical(radsig:::match_choice(c("a", "b"), c("a", "b"), "method"), "a")
})
