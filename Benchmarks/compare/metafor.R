# The R side of `make bench`: the same work as metareport, done with metafor (and robvis for the
# traffic-light plot, when it is installed), timed with the same policy as the Swift benchmark.
# metareport never needs R; this script only runs when `make bench` finds Rscript with metafor.
#
#   Rscript metafor.R tasks TASKS.tsv OUTDIR BUDGET MIN SLOW MAX BATCH   # prints RESULT/SKIP lines
#   Rscript metafor.R review ANALYSES.tsv OUTDIR                          # a whole review, once
#   Rscript metafor.R startup                                             # start R, load metafor

suppressPackageStartupMessages(library(metafor))

args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]

now <- function() as.numeric(Sys.time())

# Warm-up once (which also sizes batches for fast tasks), then sample until the budget is spent:
# the policy of Benchmarks/metareport-bench/Measurement.swift.
measure <- function(work, budget, min_samples, slow_samples, max_samples, batch_target) {
  start <- now(); work(); first <- max(now() - start, 1e-9)
  batch <- if (first < batch_target) ceiling(batch_target / first) else 1
  samples <- c(); elapsed <- 0
  done <- function(n, t) n >= max_samples || (n >= min_samples && t >= budget) || (n >= slow_samples && t >= 3 * budget)
  while (!done(length(samples), elapsed)) {
    begin <- now()
    for (i in seq_len(batch)) work()
    took <- now() - begin
    samples <- c(samples, took / batch)
    elapsed <- elapsed + took
  }
  samples
}

report <- function(id, samples) {
  q <- quantile(samples, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  cat(sprintf("RESULT\t%s\t%.9g\t%.9g\t%.9g\t%d\n", id, q[2], q[1], q[3], length(samples)))
}
skip <- function(id, reason) cat(sprintf("SKIP\t%s\t%s\n", id, reason))

# A graphics device of the size and resolution metareport drew the figure at.
open_device <- function(format, file, width, height, dpi) {
  switch(format,
    png = png(file, width = width, height = height, units = "in", res = dpi, type = "cairo"),
    svg = svg(file, width = width, height = height),
    pdf = pdf(file, width = width, height = height))
}

fit_binary <- function(d, measure = "RR", method = "DL") {
  rma(measure = measure, ai = exp_events, n1i = exp_total, ci = ctrl_events, n2i = ctrl_total,
      data = d, method = method, slab = study)
}

# RevMan-like columns (events and totals per arm) left of the plot, weights and estimates right.
draw_forest <- function(res, d) {
  forest(res, ilab = cbind(d$exp_events, d$exp_total, d$ctrl_events, d$ctrl_total),
         ilab.xpos = c(-9.5, -8, -6, -4.5), xlim = c(-16, 6), showweights = TRUE, header = TRUE,
         atransf = exp, cex = 0.8)
}

has_robvis <- requireNamespace("robvis", quietly = TRUE)

run_tasks <- function(tasks_file, outdir, policy) {
  tasks <- read.delim(tasks_file, stringsAsFactors = FALSE, quote = "")
  for (i in seq_len(nrow(tasks))) {
    t <- tasks[i, ]
    timed <- function(work) do.call(measure, c(list(work), policy))
    result <- tryCatch({
      if (startsWith(t$kind, "engine-")) {
        method <- sub("engine-", "", t$kind)
        d <- read.csv(t$data)
        k <- as.numeric(nrow(d))
        # rma() forms k-by-k weight matrices: at k = 10,000 each takes 800 MB and REML's
        # iterations multiply them (REML on 3,000 studies already takes about a minute).
        if (k > 5000) {
          skip(t$id, sprintf("rma() forms k x k matrices (%.1f GB each at k = %.0f)", k * k * 8 / 1e9, k))
        } else {
          report(t$id, timed(function() rma(d$yi, d$vi, method = method)))
        }
      } else if (t$kind == "forest" || t$kind == "funnel") {
        d <- read.csv(t$data)
        res <- fit_binary(d)
        file <- file.path(outdir, paste0(t$id, ".", t$format))
        report(t$id, timed(function() {
          open_device(t$format, file, t$width, t$height, t$dpi)
          if (t$kind == "forest") draw_forest(res, d) else funnel(res)
          dev.off()
        }))
      } else if (t$kind == "rob-traffic-light") {
        if (!has_robvis) {
          skip(t$id, "robvis is not installed")
        } else {
          d <- read.csv(t$data, check.names = FALSE)
          file <- file.path(outdir, paste0(t$id, ".", t$format))
          report(t$id, timed(function() {
            plot <- robvis::rob_traffic_light(d, tool = "ROB2")
            ggplot2::ggsave(file, plot, width = t$width, height = t$height, dpi = t$dpi)
          }))
        }
      } else {
        skip(t$id, paste("unknown task kind", t$kind))
      }
    }, error = function(e) skip(t$id, paste("error:", conditionMessage(e))))
  }
}

# The whole review in one go, as `metareport render` does it: each analysis pooled, its forest and
# funnel plots drawn to PNG (300 dpi) and SVG.
run_review <- function(manifest, outdir) {
  analyses <- read.delim(manifest, stringsAsFactors = FALSE, quote = "")
  dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
  for (i in seq_len(nrow(analyses))) {
    a <- analyses[i, ]
    d <- read.csv(a$data)
    res <- fit_binary(d, a$measure, a$method)
    height <- 2 + 0.2 * nrow(d)
    for (format in c("png", "svg")) {
      open_device(format, file.path(outdir, paste0(a$id, "-forest.", format)), 9, height, 300)
      draw_forest(res, d)
      dev.off()
      open_device(format, file.path(outdir, paste0(a$id, "-funnel.", format)), 6, 5, 300)
      funnel(res)
      dev.off()
    }
  }
}

if (mode == "tasks") {
  num <- as.numeric(args[4:8])
  policy <- list(budget = num[1], min_samples = num[2], slow_samples = num[3], max_samples = num[4],
                 batch_target = num[5])
  run_tasks(args[2], args[3], policy)
} else if (mode == "review") {
  run_review(args[2], args[3])
} else if (mode == "startup") {
  invisible(NULL)
} else {
  stop("usage: metafor.R tasks|review|startup ...")
}
