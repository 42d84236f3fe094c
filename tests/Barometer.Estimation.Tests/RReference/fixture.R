set.seed(42)
n <- 40
st <- rep(c(1, 2, 3), times = c(14, 14, 12))
psu <- c(rep(1:4, c(4, 3, 4, 3)), rep(5:8, c(3, 4, 4, 3)), rep(9:11, c(4, 4, 4)))
w <- round(runif(n, 5, 25), 1)
y <- round(rnorm(n, 50 + 3 * st, 8), 1); y[7] <- NA
x <- round(runif(n, 1, 4), 2)
cat <- sample(c("a", "b", "c"), n, TRUE); cat[12] <- NA
grp <- sample(c("u", "v"), n, TRUE)
kind <- sample(c("k1", "k2"), n, TRUE)
d <- data.frame(st, psu, w, y, x, cat, grp, kind, N = c(30, 25, 20)[st])
write.csv(d, "fixture.csv", row.names = FALSE, na = "")
