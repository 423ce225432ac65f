package dev.trestle.benchmarks.pool;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.LatencySample;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.jdbc.PooledDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Three timed claims about connection pools, measured against a real database over a socket
 * (PostgreSQL when reachable, else H2 over TCP, which the claims then name): "a pool beats
 * connect-per-request" (one client, {@code select 1} on a fresh connection each time vs on a pooled
 * one); "a small pool beats a big one under load" (64 client threads running a pgbench-like TPC-B mix
 * and CPU-heavy reads through Trestle's PooledDataSource at sizes 2 to 64, {@link TpcbMix}, decided by
 * {@link PoolSizing}); and "leak detection reports a leaked connection with its borrower's stack,
 * while without it a leaking workload runs the pool dry" ({@link LeakDetectionClaim}). The sides of a
 * comparison run in the same process, one after the other; the figures are reported whatever they show.
 */
public final class PoolClaimsExperiment implements ClaimExperiment {

  private static final int CLIENTS = 64;
  private static final List<Integer> SIZES = List.of(2, 4, 8, 16, 32, 64);

  @Override
  public String id() {
    return "pool.claims";
  }

  @Override
  public List<String> claimIds() {
    return List.of("pool.connect-per-request", "pool.small-beats-big", LeakDetectionClaim.ID);
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    try (Databases db = Databases.open()) {
      List<Claim> claims = new ArrayList<>();
      claims.add(connectPerRequest(context, db));
      claims.add(smallPoolUnderLoad(context, db));
      claims.add(LeakDetectionClaim.measure(context, db));
      return claims;
    }
  }

  private static long query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Claim connectPerRequest(ReportContext context, Databases db) throws Exception {
    int requests = context.scale(150, 1_000);
    for (int i = 0; i < 20; i++) { // warm up the driver and the server's connection path
      try (Connection c = db.connect()) {
        query(c, "select 1");
      }
    }
    LatencySample fresh = new LatencySample();
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      try (Connection c = db.connect()) {
        query(c, "select 1");
      }
      fresh.add(System.nanoTime() - start);
    }
    LatencySample pooled = new LatencySample();
    try (PooledDataSource ds = dataSource(db, 4)) {
      for (int i = 0; i < 20; i++) {
        try (Connection c = ds.getConnection()) {
          query(c, "select 1");
        }
      }
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
          query(c, "select 1");
        }
        pooled.add(System.nanoTime() - start);
      }
    }
    double freshMedian = fresh.percentileMillis(50);
    double pooledMedian = pooled.percentileMillis(50);
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title("select 1: fresh connection vs pooled (" + db.shortName() + ")").xAxisTitle("percentile").yAxisTitle("ms").build();
    List<String> percentiles = List.of("p50", "p90", "p99");
    chart.addSeries("connect per request", percentiles,
        List.of(fresh.percentileMillis(50), fresh.percentileMillis(90), fresh.percentileMillis(99)));
    chart.addSeries("pooled (Trestle, 4)", percentiles,
        List.of(pooled.percentileMillis(50), pooled.percentileMillis(90), pooled.percentileMillis(99)));
    String file = context.saveChart(chart, "pool-connect-per-request", ReportContext.Better.LOWER, "1 run of " + requests + " queries each");
    return Claim.builder("pool.connect-per-request", "pool", "a pool beats connect-per-request")
        .measured("median latency of select 1 with a pooled connection vs a fresh one", pooledMedian, freshMedian, "ms")
        .holds(pooledMedian < freshMedian)
        .detail("database", db.name)
        .detail("requests", requests)
        .detail("fresh_p99_ms", round(fresh.percentileMillis(99)))
        .detail("pooled_p99_ms", round(pooled.percentileMillis(99)))
        .detail("speedup_median", round(freshMedian / pooledMedian))
        .chart(file)
        .notes("One client thread, sequential requests, over a TCP socket to " + db.name + "; each side warmed up with 20 requests.")
        .build();
  }

  private Claim smallPoolUnderLoad(ReportContext context, Databases db) throws Exception {
    int rounds = context.scale(1, 3);
    Duration warmUp = Duration.ofMillis(context.scale(500, 1_000));
    Duration measured = Duration.ofSeconds(context.scale(2, 5));
    int cores = Runtime.getRuntime().availableProcessors();
    Map<Integer, TpcbMix.Run> runs = new TreeMap<>();
    try (TpcbMix mix = TpcbMix.create(db)) {
      mix.run(SIZES.get(0), CLIENTS, Duration.ZERO, warmUp, 0); // the server's caches and plans, the JIT
      for (int round = 0; round < rounds; round++) {
        List<Integer> order = new ArrayList<>(SIZES);
        if (round % 2 == 1) {
          Collections.reverse(order); // so that a drift of the machine's load does not favour one end
        }
        for (int size : order) {
          TpcbMix.Run run = mix.run(size, CLIENTS, warmUp, measured, round * 100L + size);
          runs.computeIfAbsent(size, TpcbMix.Run::new).add(run);
        }
      }
    }
    List<PoolSizing.Figures> figures = new ArrayList<>();
    for (TpcbMix.Run run : runs.values()) {
      figures.add(new PoolSizing.Figures(run.poolSize, run.throughput(), run.latency.percentileMillis(99)));
    }
    PoolSizing.Verdict verdict = PoolSizing.decide(figures, cores);

    List<String> labels = new ArrayList<>();
    List<Double> throughputs = new ArrayList<>();
    List<Double> p50s = new ArrayList<>();
    List<Double> p99s = new ArrayList<>();
    for (TpcbMix.Run run : runs.values()) {
      labels.add(Integer.toString(run.poolSize));
      throughputs.add(run.throughput());
      p50s.add(run.latency.percentileMillis(50));
      p99s.add(run.latency.percentileMillis(99));
    }
    String basis = rounds + (rounds == 1 ? " run" : " runs") + " of " + measured.toSeconds() + " s per size";
    CategoryChart throughput = new CategoryChartBuilder().width(800).height(500)
        .title(CLIENTS + " clients, TPC-B + CPU reads, " + db.shortName()).xAxisTitle("pool size (connections)")
        .yAxisTitle("requests per second").build();
    throughput.addSeries("throughput", labels, throughputs);
    String file = context.saveChart(throughput, "pool-small-vs-big", ReportContext.Better.HIGHER, basis);
    CategoryChart latency = new CategoryChartBuilder().width(800).height(500)
        .title(CLIENTS + " clients, TPC-B + CPU reads, " + db.shortName()).xAxisTitle("pool size (connections)")
        .yAxisTitle("latency with the wait for a connection (ms)").build();
    latency.addSeries("p50", labels, p50s);
    latency.addSeries("p99", labels, p99s);
    String latencyFile = context.saveChart(latency, "pool-small-vs-big-latency", ReportContext.Better.LOWER, basis);

    PoolSizing.Figures small = verdict.bestSmall();
    PoolSizing.Figures big = verdict.big();
    Claim.Builder claim = Claim.builder("pool.small-beats-big", "pool",
            "a small pool (at most 2 x cores + 1 connections, HikariCP's formula) beats a big one under load bound by CPU "
                + "and lock contention (" + db.shortName() + ", " + CLIENTS + " clients, a pgbench TPC-B mix and CPU-heavy reads, "
                + basis + ")")
        .measured("throughput of " + CLIENTS + " clients through the best small pool (" + small.poolSize() + ") vs a pool of "
            + big.poolSize(), round(small.throughput()), round(big.throughput()), "requests/s")
        .holds(verdict.holds())
        .chart(file)
        .detail("latency chart", latencyFile)
        .detail("database", db.name)
        .detail("cores (database and clients share them)", cores)
        .detail("small: at most (connections)", verdict.smallAtMost())
        .detail("p99 of the best small pool vs the big one (ms)", round(small.p99Millis()) + " vs " + round(big.p99Millis()));
    for (TpcbMix.Run run : runs.values()) {
      claim.detail("pool " + run.poolSize, String.format(Locale.ROOT,
          "%.0f requests/s (%.0f TPC-B tx/s), p50 %.1f ms, p99 %.1f ms, %d errors", run.throughput(), run.transactions / run.seconds,
          run.latency.percentileMillis(50), run.latency.percentileMillis(99), run.errors));
    }
    return claim.notes(CLIENTS + " client threads through Trestle's PooledDataSource (fair, all connections made first) at pool "
            + "sizes " + SIZES + ", " + basis + " after " + warmUp.toMillis() + " ms of warm-up" + (rounds > 1
            ? ", sizes in ascending then descending order per round" : "") + ". Each request is, at random, half a pgbench "
            + "TPC-B transaction (update an account, select it, update its teller and the branch, insert history; 1 branch, "
            + TpcbMix.TELLERS + " tellers, " + TpcbMix.ACCOUNTS + " accounts, so every transaction updates the one branch row) "
            + "and half a CPU-heavy read (" + db.cpuHeavyRead() + "). Latency includes the wait for a "
            + "connection; errors (lock timeouts) are counted, not measured. Decided before measuring: small means at most "
            + "2 x cores + 1 connections (HikariCP's connections = cores x 2 + effective spindles, 1 spindle); the claim holds "
            + "when the small size of the highest throughput has a higher throughput and a lower p99 than the pool of "
            + big.poolSize() + ". The database and the clients share this machine's cores, as HikariCP's note assumes the "
            + "database has them to itself; reported as measured.")
        .build();
  }

  private static PooledDataSource dataSource(Databases db, int size) {
    return PooledDataSource.builder().jdbcUrl(db.url).properties(db.properties)
        .pool(PoolConfig.builder().name("claims-" + size).maxSize(size).acquireTimeout(Duration.ofSeconds(60)).build())
        .build();
  }

  private static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
  }
}
