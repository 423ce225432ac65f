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

  /**
   * The ids of the claims {@link #run} returns, in order, known before it runs: {@code Report
   * --only} accepts each of them, and the report fails an experiment whose claims differ from
   * what it declares (so that a claim is never dropped silently).
   */
  List<String> claimIds();

  /** Runs the experiment and returns the claims it measured, with their charts written. */
  List<Claim> run(ReportContext context) throws Exception;
}
