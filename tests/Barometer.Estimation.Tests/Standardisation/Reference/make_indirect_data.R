# Writes the persons of the indirect-standardisation reference test (indirect-data.csv): 40 areas of different
# size and composition, 24 cells, a 0/1 value (share) and a continuous value (mean), with area effects planted in
# areas 1-4. Usage: Rscript make_indirect_data.R OUT_DIR
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
set.seed(20261207)
areas <- 40
size <- round(exp(runif(areas, log(30), log(3000))))
rows <- list()
for (a in seq_len(areas)) {
  # Each area has its own cell composition.
  mix <- rgamma(24, shape = 0.7)
  cell <- sample.int(24, size[a], replace = TRUE, prob = mix / sum(mix))
  base <- 0.25 + 0.5 * (cell - 1) / 23
  effect <- c(0.08, -0.08, 0.05, -0.05)[a]
  effect[is.na(effect)] <- 0
  share <- as.integer(runif(size[a]) < pmin(pmax(base + effect, 0.01), 0.99))
  amount <- round(200 + 10 * cell + 40 * effect * 10 + rnorm(size[a], 0, 30 + cell), 3)
  rows[[a]] <- data.frame(area = sprintf("A%02d", a), cell = sprintf("c%02d", cell), share = share, amount = amount)
}
data <- do.call(rbind, rows)
write.csv(data, file.path(out, "indirect-data.csv"), row.names = FALSE, quote = FALSE)
