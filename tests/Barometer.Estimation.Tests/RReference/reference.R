suppressMessages({library(survey); library(yaml)})
args <- commandArgs(TRUE)
# args: the design file (the format of barometer estimate) and the data file.
spec <- read_yaml(args[1])
dat <- read.csv(args[2], na.strings = c("", "NA"), stringsAsFactors = FALSE)
lev <- function(x) { u <- unique(x[!is.na(x)]); if (is.numeric(x)) sort(u) else { num <- suppressWarnings(as.numeric(u)); if (!anyNA(num)) u[order(num, u, method="radix")] else sort(u, method = "radix") } }
fac <- function(x) factor(x, levels = lev(x))
d <- spec$design
options(survey.lonely.psu = if (is.null(d$lonely_psu)) "fail" else tolower(d$lonely_psu))
ids <- if (length(d$ids)) as.formula(paste("~", paste(unlist(d$ids), collapse = "+"))) else ~1
strata <- if (!is.null(d$strata)) as.formula(paste("~", d$strata)) else NULL
fpc <- if (length(d$fpc)) as.formula(paste("~", paste(unlist(d$fpc), collapse = "+"))) else NULL
weights <- if (!is.null(d$weights)) as.formula(paste("~", d$weights)) else NULL
for (e in spec$estimates) { for (b in unlist(e$by)) dat[[b]] <- fac(dat[[b]]); if (tolower(e$type) == "proportion") dat[[e$variable]] <- fac(dat[[e$variable]]) }
cal <- spec$calibration
if (!is.null(cal)) for (m in cal$margins) if (!is.null(m$totals)) dat[[m$variable]] <- fac(dat[[m$variable]])
des <- svydesign(ids = ids, strata = strata, fpc = fpc, weights = weights, data = dat, nest = TRUE)
rep <- spec$replicates
if (!is.null(rep)) {
  type <- switch(tolower(rep$type), jk1 = "JK1", jkn = "JKn", bootstrap = "bootstrap", brr = "BRR", fay = "Fay")
  if (length(rep$columns) == 0) des <- as.svrepdesign(des, type = type)
  else {
    cols <- unlist(rep$columns); R <- length(cols)
    args2 <- list(data = dat, repweights = dat[cols], weights = weights, type = type, combined.weights = TRUE)
    if (type == "JK1") args2$scale <- (R - 1) / R
    if (type == "Fay") args2$rho <- rep$rho
    if (type == "JKn") args2$rscales <- unlist(rep$rscales)
    des <- do.call(svrepdesign, args2)
  }
}
if (!is.null(cal)) {
  terms <- c(); pop <- c(); first <- TRUE
  for (m in cal$margins) {
    v <- m$variable; terms <- c(terms, v)
    if (!is.null(m$totals)) {
      L <- levels(dat[[v]]); tot <- unlist(m$totals)[L]
      if (first) { pop <- c(`(Intercept)` = sum(tot)); first <- FALSE }
      pt <- tot[-1]; names(pt) <- paste0(v, L[-1]); pop <- c(pop, pt)
    } else { pt <- m$total; names(pt) <- v; pop <- c(pop, pt) }
  }
  f <- as.formula(paste("~", paste(terms, collapse = "+"), if (first) "- 1" else ""))
  bounds <- if (!is.null(cal$bounds)) unlist(cal$bounds) else c(-Inf, Inf)
  extra <- if (inherits(des, "svyrep.design")) list(compress = FALSE) else list()
  des <- do.call(calibrate, c(list(des, f, pop, calfun = tolower(cal$method), bounds = bounds,
                   maxit = if (is.null(cal$max_iterations)) 50 else cal$max_iterations, epsilon = if (is.null(cal$epsilon)) 1e-7 else cal$epsilon), extra))
}
df <- degf(des); level <- if (is.null(spec$level)) 0.95 else spec$level; q <- qt(1 - (1 - level) / 2, df)
out <- list()
emit <- function(id, dom, cat, est, se, lo, hi, n, deff) out[[length(out) + 1]] <<- data.frame(id = id, domain = dom, category = cat, estimate = est, se = se, lo = lo, hi = hi, df = df, n = n, cv = se/abs(est), deff = deff)
domlab <- function(by, row) paste(sapply(by, function(b) paste0(b, "=", as.character(row[[b]]))), collapse = ";")
for (e in spec$estimates) {
  type <- tolower(e$type); by <- unlist(e$by); y <- e$variable; ci <- if (is.null(e$ci)) "wald" else tolower(e$ci)
  yf <- as.formula(paste("~", y))
  if (type == "difference") {
    b <- by[1]; a1 <- e$contrast[[1]]; a2 <- e$contrast[[2]]
    num <- as.formula(sprintf("~I(%s*(%s=='%s')) + I(%s*(%s=='%s'))", y, b, a1, y, b, a2))
    den <- as.formula(sprintf("~I(as.numeric(%s=='%s')) + I(as.numeric(%s=='%s'))", b, a1, b, a2))
    r <- svyratio(num, den, des, covmat = TRUE, na.rm = TRUE)
    cf <- coef(r); V <- vcov(r)
    # coefficients are in order num1/den1, num2/den1, num1/den2, num2/den2
    cvec <- c(1, 0, 0, -1); est <- sum(cvec * cf); se <- sqrt(drop(t(cvec) %*% V %*% cvec))
    n <- sum(!is.na(dat[[y]]) & dat[[b]] %in% c(a1, a2))
    emit(e$id, sprintf("%s=%s - %s=%s", b, a1, b, a2), "", est, se, est - q * se, est + q * se, n, NA)
    next
  }
  doms <- if (length(by)) { key <- interaction(dat[by]); lv <- sort(unique(key[!is.na(key)])); lv } else "ALL"
  for (dm in seq_along(doms)) {
    sub <- if (length(by)) des[key == doms[dm] & !is.na(key), ] else des
    rowsin <- if (length(by)) which(key == doms[dm]) else seq_len(nrow(dat))
    dlab <- if (length(by)) domlab(by, dat[rowsin[1], , drop = FALSE]) else ""
    if (type %in% c("mean", "total")) {
      s <- if (type == "mean") svymean(yf, sub, na.rm = TRUE, deff = TRUE) else svytotal(yf, sub, na.rm = TRUE, deff = TRUE)
      est <- coef(s)[1]; se <- SE(s)[1]; n <- sum(!is.na(dat[[y]][rowsin]))
      lo <- est - q * se; hi <- est + q * se
      if (ci != "wald") { p <- svyciprop(as.formula(sprintf("~I(%s==1)", y)), sub, method = ci, df = df, level = level, na.rm = TRUE); lo <- confint(p)[1]; hi <- confint(p)[2]; if (ci == "logit") est <- coef(p)[1] }
      emit(e$id, dlab, "", est, se, lo, hi, n, deff(s)[1])
    } else if (type == "proportion") {
      s <- svymean(yf, sub, na.rm = TRUE, deff = TRUE); L <- levels(dat[[y]]); n <- sum(!is.na(dat[[y]][rowsin]))
      for (j in seq_along(L)) {
        est <- coef(s)[j]; se <- SE(s)[j]; lo <- est - q * se; hi <- est + q * se
        if (ci != "wald") { p <- svyciprop(as.formula(sprintf("~I(%s=='%s')", y, L[j])), sub, method = ci, df = df, level = level, na.rm = TRUE); lo <- confint(p)[1]; hi <- confint(p)[2]; if (ci == "logit") est <- coef(p)[1] }
        emit(e$id, dlab, L[j], est, se, lo, hi, n, deff(s)[j])
      }
    } else if (type == "ratio") {
      s <- svyratio(yf, as.formula(paste("~", e$denominator)), sub, na.rm = TRUE, deff = !inherits(des, "svyrep.design"))
      est <- coef(s)[1]; se <- SE(s)[1]; n <- sum(!is.na(dat[[y]][rowsin]) & !is.na(dat[[e$denominator]][rowsin]))
      emit(e$id, dlab, "", est, se, est - q * se, est + q * se, n, if (inherits(des, "svyrep.design")) NA else attr(s, "deff")[1])
    }
  }
}
res <- do.call(rbind, out)
for (col in c("estimate","se","lo","hi","df","cv","deff")) res[[col]] <- ifelse(is.na(res[[col]]), "NA", sprintf("%.17g", res[[col]]))
write.csv(res, row.names = FALSE, quote = c(1,2,3))
