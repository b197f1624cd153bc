# Image IO, geometry and the radsig_image class.

formats <- c(".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd")

test_that("round trips keep voxels and geometry bit-exact in every format", {
  for (nd in 2:3) {
    img <- small_image(nd)
    # values stored as float32: make the R copy float-exact first
    img <- read_image(write_image(img, tempfile(fileext = ".nrrd")))
    msk <- as_radsig_image(array(as.integer(seq_along(img) %% 4L), dim(img)),
                           attr(img, "spacing"), attr(img, "origin"), attr(img, "direction"),
                           mask = TRUE)
    for (ext in formats) {
      f <- tempfile(fileext = ext)
      write_image(img, f)
      back <- read_image(f)
      expect_identical(as.array(back), as.array(img), info = ext)
      for (a in c("spacing", "origin", "direction")) {
        expect_identical(attr(back, a), attr(img, a), info = paste(ext, a))
      }
      fm <- tempfile(fileext = ext)
      write_image(msk, fm)
      mback <- read_mask(fm, label = NULL)
      expect_identical(as.array(mback), as.array(msk) * 0L + (as.array(msk) != 0), info = ext)
      expect_identical(as.array(read_mask(fm, label = 3)), (as.array(msk) == 3) + 0L)
      expect_identical(attr(mback, "origin"), attr(msk, "origin"))
    }
  }
})

test_that("reference images read with the stated sizes and spacings", {
  ref <- skip_without_shared()
  brain <- read_image(file.path(ref, "pyradiomics", "brain1_image.nrrd"))
  expect_identical(dim(brain), c(256L, 256L, 25L))
  expect_equal(attr(brain, "spacing"), c(0.78125, 0.78125, 6.5))
  expect_identical(image_info(file.path(ref, "pyradiomics", "brain1_image.nrrd"))$component_type,
                   "short")
  lab <- read_mask(file.path(ref, "pyradiomics", "brain1_label.nrrd"))
  expect_identical(sum(lab), 4137L)
  breast <- read_image(file.path(ref, "pyradiomics", "breast1_image.nrrd"))
  expect_identical(dim(breast), c(45L, 120L, 21L))
  expect_equal(attr(breast, "spacing"), c(0.664062, 0.664062, 2.1), tolerance = 1e-6)
  bl <- read_mask(file.path(ref, "pyradiomics", "breast1_label.nrrd"))
  expect_identical(sum(bl), 143L)
  ph <- read_image(file.path(ref, "ibsi", "digital_phantom_image.nii.gz"))
  expect_identical(dim(ph), c(5L, 4L, 4L))
  expect_equal(attr(ph, "spacing"), c(2, 2, 2))
  pm <- read_mask(file.path(ref, "ibsi", "digital_phantom_mask.nii.gz"))
  expect_identical(sum(pm), 74L)
})

test_that("bad files give classed errors", {
  expect_error(read_image(tempfile(fileext = ".nrrd")), class = "radsig_error_io",
               regexp = "does not exist")
  f <- tempfile(fileext = ".xyz")
  writeLines("hello", f)
  expect_error(read_image(f), class = "radsig_error_io", regexp = "extension")
  expect_error(write_image(small_image(), tempfile(fileext = ".png")),
               class = "radsig_error_io", regexp = "extension")
  for (ext in c(".nrrd", ".nii", ".nii.gz", ".mha")) {
    f <- tempfile(fileext = ext)
    write_image(phantom_image(size = c(10, 10, 4))$image, f)
    bytes <- readBin(f, "raw", file.size(f))
    writeBin(bytes[seq_len(length(bytes) * 2 %/% 3)], f)
    expect_error(read_image(f), class = "radsig_error_io", info = ext)
  }
  f4 <- tempfile(fileext = ".mha")
  writeLines(c("ObjectType = Image", "NDims = 4", "DimSize = 2 2 2 3",
               "ElementType = MET_UCHAR", "ElementDataFile = LOCAL"), f4, sep = "\n")
  con <- file(f4, "ab"); writeBin(as.raw(rep(1, 24)), con); close(con)
  expect_error(read_image(f4), class = "radsig_error_io", regexp = "4-D")
  info <- image_info(f4)
  expect_identical(info$dimension, 4L)
  expect_identical(info$size, c(2, 2, 2, 3))
  expect_identical(info$format, "MetaImage")
  expect_error(as_radsig_image(array(0, c(2, 2, 2, 2))), class = "radsig_error_type")
  expect_error(read_image(c("a", "b")), class = "radsig_error_type")
})

test_that("mask problems are classed errors naming the argument", {
  ph <- phantom_image(size = c(12, 12, 6))
  f <- tempfile(fileext = ".nrrd")
  empty <- ph$mask
  empty[] <- 0L
  write_image(empty, f)
  expect_error(read_mask(f), class = "radsig_error_value", regexp = "empty")
  write_image(ph$mask, f)
  err <- tryCatch(read_mask(f, label = 2), error = identity)
  expect_s3_class(err, "radsig_error_value")
  expect_identical(err$arg, "label")
  expect_error(dilate_mask(empty, 1), class = "radsig_error_value", regexp = "empty")
  shifted <- ph$mask
  attr(shifted, "spacing") <- c(1, 1, 3)
  err <- tryCatch(check_geometry(ph$image, shifted), error = identity)
  expect_s3_class(err, "radsig_error_value")
  expect_match(conditionMessage(err), "spacing")
  expect_identical(err$arg, "mask")
  expect_error(correct_bias(ph$image, mask = shifted), class = "radsig_error_value",
               regexp = "spacing")
  small <- as_radsig_image(array(1L, c(4, 4, 4)), mask = TRUE)
  expect_error(normalize_intensity(ph$image, "zscore", mask = small),
               class = "radsig_error_value", regexp = "size")
  expect_true(check_geometry(ph$image, ph$mask))
  bad <- ph$image
  bad[1] <- NA
  expect_error(resample_image(bad, 2), class = "radsig_error_missing")
  bad[1] <- Inf
  expect_error(correct_bias(bad), class = "radsig_error_value")
})

test_that("print, dim, as.array and plot work", {
  ph <- phantom_image(size = c(16, 16, 6), texture = 20, noise = 2, seed = 5)
  expect_output(print(ph$image), "radsig_image> 3-D, 16 x 16 x 6")
  expect_output(print(ph$mask), "voxel\\(s\\) in the mask")
  expect_identical(dim(ph$image), c(16L, 16L, 6L))
  a <- as.array(ph$image)
  expect_null(attr(a, "spacing"))
  expect_false(inherits(a, "radsig_image"))
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(ph$image, mask = ph$mask))
  expect_invisible(plot(ph$image, slice = 2, axis = 1))
  expect_error(plot(ph$image, slice = 99), class = "radsig_error_value")
})

test_that("phantom_image is deterministic for a seed", {
  a <- phantom_image(size = c(10, 10, 5), noise = 3, seed = 42)
  b <- phantom_image(size = c(10, 10, 5), noise = 3, seed = 42)
  expect_identical(a, b)
  set.seed(1); c1 <- phantom_image(size = c(8, 8), noise = 3)
  set.seed(1); c2 <- phantom_image(size = c(8, 8), noise = 3)
  expect_identical(c1, c2)
  expect_identical(length(dim(c1$image)), 2L)
  # hand-countable lesion: radius 1.2 voxels in 2-D -> offsets with dx^2 + dy^2 <= 1.44 around
  # the centre (voxel 3, 3 of a 7 x 7 grid with unit spacing): 5 voxels
  p <- phantom_image(size = c(7, 7), spacing = c(1, 1), radius = c(1.2, 1.2))
  expect_identical(sum(p$mask), 5L)
})

test_that("arithmetic and comparisons keep the geometry", {
  ph <- phantom_image(size = c(8, 8, 4), spacing = c(0.5, 0.5, 2))
  bg <- ph$mask == 0
  expect_s3_class(bg, "radsig_mask")
  expect_identical(attr(bg, "spacing"), c(0.5, 0.5, 2))
  expect_identical(sum(bg) + sum(ph$mask), 256L)
  y <- 2 * ph$image + 1
  expect_s3_class(y, "radsig_image")
  expect_false(inherits(y, "radsig_mask"))
  expect_identical(as.array(-ph$image), -as.array(ph$image))
})
