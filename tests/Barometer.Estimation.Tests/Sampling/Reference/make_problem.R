# Writes allocation-problem.csv: 12 strata (native-born by area, foreign-born region of birth x years band) with
# frame sizes, expected response rates, costs and bounds, seeded. Usage: Rscript make_problem.R > allocation-problem.csv
set.seed(18)
strata <- rbind(
  data.frame(stratum = c("N-A", "N-B", "N-C"), group = "N", born = "native", band = "0"),
  expand.grid(group = c("F1", "F2", "F3"), band = c("1", "2", "3"), stringsAsFactors = FALSE) |>
    transform(stratum = paste0(group, "-", band), born = "foreign")
)
strata <- strata[, c("stratum", "group", "born", "band")]
H <- nrow(strata)
strata$N <- ifelse(strata$born == "native", round(runif(H, 1e6, 3e6)), round(runif(H, 5e3, 2e5)))
strata$response_rate <- round(ifelse(strata$born == "native", runif(H, 0.42, 0.50), runif(H, 0.22, 0.36)), 3)
strata$cost <- round(ifelse(strata$born == "native", 1, runif(H, 1.2, 2.5)), 2)
strata$lower <- 30
strata$upper <- pmin(strata$N, 20000)
write.csv(strata, stdout(), row.names = FALSE, quote = FALSE)
