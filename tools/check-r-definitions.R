# Fails when a top-level R object is defined in more than one file of rpkg/R: in a package
# namespace the file collated last would silently replace the others.
files <- list.files("rpkg/R", pattern = "[.][Rr]$", full.names = TRUE)
defs <- do.call(rbind, lapply(files, function(f) {
  exprs <- parse(f, keep.source = FALSE)
  nm <- vapply(exprs, function(e) {
    if (is.call(e) && (identical(e[[1]], as.name("<-")) || identical(e[[1]], as.name("="))) &&
        is.name(e[[2]])) as.character(e[[2]]) else NA_character_
  }, character(1))
  nm <- nm[!is.na(nm)]
  if (length(nm)) data.frame(name = nm, file = basename(f)) else NULL
}))
dup <- defs[defs$name %in% defs$name[duplicated(defs$name)], ]
if (nrow(dup)) {
  message("R objects defined more than once in rpkg/R:")
  print(dup[order(dup$name), ], row.names = FALSE)
  quit(status = 1)
}
cat("check-r-definitions:", nrow(defs), "top-level R definitions, no duplicates\n")
