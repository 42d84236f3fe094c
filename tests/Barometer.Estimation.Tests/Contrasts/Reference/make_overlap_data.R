# Writes overlap-data.csv: two waves of a stratified sample from one population of 10,800 persons in four strata,
# where wave 2 keeps half of wave 1's sample in every stratum (a rotating panel) and draws the rest anew. Every
# person has a persistent effect u, so a person's answers y (a score) and b (0/1) are correlated across waves.
# Calibration variables sex (2) and age (3), with their population counts in overlap-totals.csv; a domain dom (A/B).
# Seeded. Usage: Rscript make_overlap_data.R [folder]   (writes overlap-data.csv and overlap-totals.csv there)
args <- commandArgs(trailingOnly = TRUE)
folder <- if (length(args) > 0) args[1] else "."
set.seed(1984)
sizes <- c(S1 = 5000, S2 = 3000, S3 = 2000, S4 = 800)
n_h <- c(S1 = 120, S2 = 90, S3 = 70, S4 = 40)
pop <- data.frame(person = seq_len(sum(sizes)), stratum = rep(names(sizes), sizes))
pop$N <- unname(sizes[pop$stratum])
pop$sex <- sample(c("F", "M"), nrow(pop), replace = TRUE)
pop$age <- sample(c("a16-34", "a35-64", "a65-84"), nrow(pop), replace = TRUE, prob = c(0.3, 0.45, 0.25))
pop$dom <- ifelse(runif(nrow(pop)) < ifelse(pop$stratum %in% c("S3", "S4"), 0.7, 0.3), "A", "B")
pop$u <- rnorm(nrow(pop))
level <- c(S1 = 0, S2 = 0.4, S3 = -0.3, S4 = 0.8)
one_wave <- function(wave, members) {
  d <- pop[members, ]
  shift <- unname(level[d$stratum]) + ifelse(d$sex == "M", 0.2, 0) + ifelse(d$age == "a65-84", 0.3, 0) + 0.1 * (wave - 1)
  d$y <- 3 + shift + 0.9 * d$u + rnorm(nrow(d), sd = 0.6)
  d$b <- as.integer(shift + 1.2 * d$u + rnorm(nrow(d), sd = 0.8) > 0.2)
  d$wave <- wave
  d
}
first <- unlist(lapply(names(sizes), function(h) sort(sample(pop$person[pop$stratum == h], n_h[[h]]))))
second <- unlist(lapply(names(sizes), function(h) {
  mine <- first[pop$stratum[first] == h]
  kept <- sample(mine, n_h[[h]] %/% 2)
  fresh <- sample(setdiff(pop$person[pop$stratum == h], mine), n_h[[h]] - length(kept))
  sort(c(kept, fresh))
}))
out <- rbind(one_wave(1, first), one_wave(2, second))
out$weight <- sprintf("%.17g", out$N / unname(n_h[out$stratum]))
out$y <- sprintf("%.17g", out$y)
write.csv(out[, c("wave", "person", "stratum", "N", "weight", "sex", "age", "dom", "y", "b")], file.path(folder, "overlap-data.csv"), row.names = FALSE, quote = FALSE)
totals <- rbind(data.frame(margin = "sex", cell = names(table(pop$sex)), total = as.vector(table(pop$sex))),
                data.frame(margin = "age", cell = names(table(pop$age)), total = as.vector(table(pop$age))))
write.csv(totals, file.path(folder, "overlap-totals.csv"), row.names = FALSE, quote = FALSE)
