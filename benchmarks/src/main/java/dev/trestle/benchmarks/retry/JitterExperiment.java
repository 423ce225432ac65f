package dev.trestle.benchmarks.retry;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "Retries without jitter arrive in synchronized waves; full jitter spreads them": the contention
 * model of the AWS analysis "Exponential Backoff and Jitter". N clients each need one write to a
 * resource guarded by optimistic concurrency; they all start together (a thundering herd after an
 * outage). Time is in slots of 1 ms; of the attempts that land in the same slot one wins and the
 * others conflict and retry after their backoff policy's delay (Trestle's {@link Backoff}, base
 * 1 ms, cap 1 s, seeded). Deterministic.
 */
public final class JitterExperiment implements ClaimExperiment {

  private static final long SLOT = 1_000_000L;
  static final Duration BASE = Duration.ofMillis(1);
  static final Duration CAP = Duration.ofSeconds(1);

  @Override
  public String id() {
    return "retry.jitter";
  }

  @Override
  public List<String> claimIds() {
    return List.of("retry.jitter");
  }

  static Map<String, Backoff> policies() {
    Map<String, Backoff> policies = new LinkedHashMap<>();
    policies.put("exponential, no jitter", Backoff.exponential(BASE, 2, CAP));
    policies.put("full jitter", Backoff.fullJitter(BASE, CAP));
    policies.put("equal jitter", Backoff.equalJitter(BASE, CAP));
    policies.put("decorrelated jitter", Backoff.decorrelatedJitter(BASE, CAP));
    return policies;
  }

  /** The outcome of one contention run. */
  static final class Outcome {
    long calls;
    long completionSlot;
    final TreeMap<Long, Integer> callsPerSlot = new TreeMap<>();
  }

  static Outcome contend(int clients, Backoff backoff, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TreeMap<Long, List<int[]>> schedule = new TreeMap<>(); // slot -> clients {id, retries, previousDelaySlots}
    List<int[]> start = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      start.add(new int[] {c, 0, 0});
    }
    schedule.put(0L, start);
    Outcome outcome = new Outcome();
    long[] previousDelay = new long[clients];
    while (!schedule.isEmpty()) {
      Map.Entry<Long, List<int[]>> slot = schedule.pollFirstEntry();
      List<int[]> attempts = slot.getValue();
      outcome.calls += attempts.size();
      outcome.callsPerSlot.merge(slot.getKey(), attempts.size(), Integer::sum);
      int winner = random.nextInt(attempts.size());
      outcome.completionSlot = Math.max(outcome.completionSlot, slot.getKey());
      for (int i = 0; i < attempts.size(); i++) {
        if (i == winner) {
          continue;
        }
        int[] client = attempts.get(i);
        int retry = client[1] + 1;
        long delay = backoff.delayNanos(retry, previousDelay[client[0]], random);
        previousDelay[client[0]] = delay;
        long slots = Math.max(1, (delay + SLOT - 1) / SLOT);
        schedule.computeIfAbsent(slot.getKey() + slots, k -> new ArrayList<>()).add(new int[] {client[0], retry, 0});
      }
    }
    return outcome;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int[] clientCounts = context.quick() ? new int[] {10, 25, 50, 100} : new int[] {5, 10, 25, 50, 100, 200};
    int seeds = context.scale(3, 10);
    Map<String, Backoff> policies = policies();
    Map<String, double[]> calls = new LinkedHashMap<>();
    Map<String, double[]> completion = new LinkedHashMap<>();
    for (Map.Entry<String, Backoff> policy : policies.entrySet()) {
      double[] c = new double[clientCounts.length];
      double[] t = new double[clientCounts.length];
      for (int i = 0; i < clientCounts.length; i++) {
        for (int s = 0; s < seeds; s++) {
          Outcome outcome = contend(clientCounts[i], policy.getValue(), 2026_11_25L + s);
          c[i] += (double) outcome.calls / seeds;
          t[i] += (double) (outcome.completionSlot + 1) / seeds;
        }
      }
      calls.put(policy.getKey(), c);
      completion.put(policy.getKey(), t);
    }
    int hundred = clientCounts.length - (context.quick() ? 1 : 2);
    double none = calls.get("exponential, no jitter")[hundred];
    double full = calls.get("full jitter")[hundred];

    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Calls until every client has written once").xAxisTitle("contending clients").yAxisTitle("total calls").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<Double> xs = new ArrayList<>();
    for (int n : clientCounts) {
      xs.add((double) n);
    }
    for (Map.Entry<String, double[]> entry : calls.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (double v : entry.getValue()) {
        ys.add(v);
      }
      chart.addSeries(entry.getKey(), xs, ys);
    }
    String callsChart = context.saveChart(chart, "retry-jitter-calls", ReportContext.Better.LOWER, "1 seeded run per count");

    XYChart waves = new XYChartBuilder().width(800).height(500)
        .title(clientCounts[hundred] + " clients: calls arriving per 10 ms").xAxisTitle("time (ms)").yAxisTitle("calls").build();
    waves.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    for (String name : List.of("exponential, no jitter", "full jitter")) {
      Outcome outcome = contend(clientCounts[hundred], policies.get(name), 2026_11_25L);
      TreeMap<Long, Integer> buckets = new TreeMap<>();
      outcome.callsPerSlot.forEach((slot, n) -> buckets.merge(slot / 10 * 10, n, Integer::sum));
      List<Double> bx = new ArrayList<>();
      List<Double> by = new ArrayList<>();
      long last = Math.min(2_000, buckets.lastKey());
      for (long b = 0; b <= last; b += 10) {
        bx.add((double) b);
        by.add((double) buckets.getOrDefault(b, 0));
      }
      waves.addSeries(name, bx, by).setMarker(SeriesMarkers.NONE);
    }
    String wavesChart = context.saveChart(waves, "retry-jitter-waves", ReportContext.Better.FLATTER, "1 seeded run");

    Claim.Builder claim = Claim.builder("retry.jitter", "core",
            "retries without jitter arrive in synchronized waves; full jitter spreads them")
        .measured("total calls for " + clientCounts[hundred] + " contending clients, full jitter vs exponential without jitter",
            full, none, "calls")
        .holds(full <= 0.5 * none)
        .chart(callsChart)
        .detail("calls over time (first 2 s), " + clientCounts[hundred] + " clients", wavesChart);
    for (int i = 0; i < clientCounts.length; i++) {
      StringBuilder row = new StringBuilder();
      for (String name : policies.keySet()) {
        row.append(String.format(Locale.ROOT, "%s %.0f calls / %.0f ms; ", name, calls.get(name)[i], completion.get(name)[i]));
      }
      claim.detail(clientCounts[i] + " clients", row.toString().trim());
    }
    return List.of(claim
        .notes("The contention model of the AWS analysis: N clients start together, each needs one successful write; of "
            + "the attempts in the same 1 ms slot one wins, the others retry after their policy's delay (base 1 ms, cap "
            + "1 s, Trestle's Backoff, seeded; mean of " + seeds + " seeds). Holds when full jitter needs at most half the "
            + "calls of exponential backoff without jitter. Calls and completion times per policy are in the details; "
            + "without jitter the losers of each slot retry together again, one wave per doubling of the delay.")
        .build());
  }
}
