test_that("radsig_versions reports the package and core versions", {
  v <- radsig_versions()
  expect_named(v, c("package", "core"))
  expect_equal(unname(v["core"]), unname(v["package"]))
})
