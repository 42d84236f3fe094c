# Writes a two-stage stratified sample with lonely PSUs at both stages: Rscript fixture-two-stage.R 7 two-stage.csv
set.seed(as.integer(commandArgs(TRUE)[1]))
H <- 8; rows <- list(); psu_id <- 0
for (h in 1:H) {
  npsu <- if (h <= 2) 1 else sample(2:5, 1); Npsu <- npsu + sample(0:20, 1)
  if (h == 8) Npsu <- npsu  # census stratum at stage 1
  for (j in 1:npsu) { psu_id <- psu_id + 1
    m <- if (j == 1 && h == 3) 1 else sample(2:6, 1); M <- m + sample(0:30, 1)
    if (h == 3 && j == 1) M <- 5   # lonely at stage 2 but not census
    rows[[length(rows)+1]] <- data.frame(st = h, psu = psu_id, ssu = 1:m, N1 = Npsu, N2 = M, y = round(rnorm(m, 10 + h, 3), 3), x = round(runif(m, 1, 5), 3), cat = sample(c("a","b","c"), m, TRUE), dom = sample(c("u","v"), m, TRUE)) } }
d <- do.call(rbind, rows); d$y[sample(nrow(d), 3)] <- NA; d$cat[sample(nrow(d), 2)] <- NA
d$w <- round(runif(nrow(d), 5, 50), 2); d$f1 <- 1 / (d$N1 / ave(d$psu, d$st, FUN = function(v) length(unique(v))))
write.csv(d, commandArgs(TRUE)[2], row.names = FALSE, na = "")
