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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Two timed claims about connection pools, measured against a real database over a socket
 * (PostgreSQL when reachable, else H2 over TCP): "a pool beats connect-per-request" (one client,
 * {@code select 1} on a fresh connection each time vs on a pooled one) and "a small pool beats a big
 * one under load" (64 client threads running a query that does a little work, through Trestle's
 * PooledDataSource of 4 vs of 64 connections). Both sides run in the same process, one after the
 * other; the figures are reported whatever they show.
 */
public final class PoolClaimsExperiment implements ClaimExperiment {

  private static final int CLIENTS = 64;

  @Override
  public String id() {
    return "pool.claims";
  }

  @Override
  public List<String> claimIds() {
    return List.of("pool.connect-per-request", "pool.small-beats-big");
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    try (Databases db = Databases.open()) {
      List<Claim> claims = new ArrayList<>();
      claims.add(connectPerRequest(context, db));
      claims.add(smallPoolUnderLoad(context, db));
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
        .title("select 1: fresh connection vs pooled (" + db.name + ")").xAxisTitle("percentile").yAxisTitle("ms").build();
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

  /** The outcome of one load run. */
  private static final class Load {
    double throughput;
    LatencySample latency = new LatencySample();
  }

  private Load load(Databases db, int poolSize, int perClient) throws Exception {
    Load load = new Load();
    try (PooledDataSource ds = dataSource(db, poolSize)) {
      CyclicBarrier go = new CyclicBarrier(CLIENTS + 1);
      List<Thread> threads = new ArrayList<>();
      List<LatencySample> samples = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < CLIENTS; t++) {
        LatencySample sample = new LatencySample();
        samples.add(sample);
        Thread thread = new Thread(() -> {
          try {
            go.await();
            for (int i = 0; i < perClient; i++) {
              long start = System.nanoTime();
              try (Connection c = ds.getConnection()) {
                query(c, db.workQuery);
              }
              sample.add(System.nanoTime() - start);
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "claims-client-" + t);
        threads.add(thread);
        thread.start();
      }
      go.await();
      long start = System.nanoTime();
      for (Thread thread : threads) {
        thread.join();
      }
      long elapsed = System.nanoTime() - start;
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a load client failed with pool size " + poolSize, failures.get(0));
      }
      samples.forEach(load.latency::addAll);
      load.throughput = CLIENTS * perClient / (elapsed / 1e9);
    }
    return load;
  }

  private Claim smallPoolUnderLoad(ReportContext context, Databases db) throws Exception {
    int perClient = context.scale(6, 40);
    load(db, 4, 2); // warm up
    load(db, 64, 2);
    Load small = load(db, 4, perClient);
    Load big = load(db, 64, perClient);
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title(CLIENTS + " clients, " + db.name).xAxisTitle("pool size").yAxisTitle("queries per second").build();
    chart.addSeries("throughput", List.of("4", "64"), List.of(small.throughput, big.throughput));
    String file = context.saveChart(chart, "pool-small-vs-big", ReportContext.Better.HIGHER, "1 run per size");
    return Claim.builder("pool.small-beats-big", "pool", "a small pool beats a big one under load")
        .measured("throughput of " + CLIENTS + " clients through a pool of 4 vs a pool of 64", small.throughput, big.throughput,
            "queries/s")
        .holds(small.throughput >= big.throughput)
        .detail("database", db.name)
        .detail("queries_per_client", perClient)
        .detail("pool4_p50_ms", round(small.latency.percentileMillis(50)))
        .detail("pool4_p99_ms", round(small.latency.percentileMillis(99)))
        .detail("pool64_p50_ms", round(big.latency.percentileMillis(50)))
        .detail("pool64_p99_ms", round(big.latency.percentileMillis(99)))
        .chart(file)
        .notes("Latency includes the wait for a connection. The server shares this machine's cores with the clients, "
            + "so the result depends on how many cores the database gets; reported as measured.")
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
