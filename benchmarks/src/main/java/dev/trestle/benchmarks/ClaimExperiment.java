package dev.trestle.benchmarks;

import java.util.List;

/**
 * An experiment that measures one or more concept claims for the report. Deterministic experiments
 * (sizes, hit ratios, keys moved) are preferred; timed ones must be short and compare both sides in
 * the same run. Each module adds its experiments to {@link Experiments#all()}.
 */
public interface ClaimExperiment {

  /** A short id, unique in the report, for example {@code timeout.tail-latency}. */
  String id();

  /** Runs the experiment and returns the claims it measured, with their charts written. */
  List<Claim> run(ReportContext context) throws Exception;
}
