library(testthat)
library(radsig)

test_check("radsig")
