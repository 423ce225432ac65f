package dev.trestle.benchmarks.pool;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolListener;
import dev.trestle.pool.PoolTimeoutException;
import dev.trestle.pool.jdbc.PooledDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The claim {@value #ID}, in two parts against the claims' database. With leak detection on, a
 * connection taken by {@link #leakOneConnection} and never closed is reported (through
 * {@link PoolListener#onLeak}) no sooner than the threshold and at most {@link #TOLERANCE} after it,
 * with a stack that names that method, and it is the only lease reported. Without detection, client
 * threads that forget to close one connection in N requests run the pool dry: the time from their
 * start to the first {@code getConnection} that times out is measured.
 */
final class LeakDetectionClaim {

  static final String ID = "pool.leak-detection";
  /** How late after the threshold a report may come: the scheduler's timer on a busy machine. */
  static final Duration TOLERANCE = Duration.ofMillis(250);
  private static final String BORROWER = "leakOneConnection";

  private LeakDetectionClaim() {}

  /** What the detection part saw; times are from just before and just after the borrow, -1 when unreported. */
  record Detection(long thresholdNanos, long sinceBorrowStartNanos, long sinceBorrowEndNanos, String borrowerFrame,
      long leaksCounted) {

    boolean reported() {
      return sinceBorrowStartNanos >= 0;
    }

    /** Reported no sooner than the threshold after the lease was taken, and within the tolerance after it. */
    boolean inTime(Duration tolerance) {
      return reported() && sinceBorrowEndNanos >= thresholdNanos && sinceBorrowStartNanos <= thresholdNanos + tolerance.toNanos();
    }

    boolean holds(Duration tolerance) {
      return inTime(tolerance) && borrowerFrame != null && leaksCounted == 1;
    }
  }

  /** What the leaking workload saw; {@code dryAfterNanos} is -1 when the pool never ran dry. */
  record Exhaustion(int maxSize, int leakEvery, long served, int leaked, long dryAfterNanos, long firstTimeoutNanos,
      List<Long> leakTimesNanos) {

    /** The pool ran dry, and because every connection had leaked, not because the clients held them. */
    boolean ranDry() {
      return dryAfterNanos >= 0 && leaked == maxSize;
    }

    /** The requests a pool of maxSize serves before one in leakEvery leaks it dry. */
    long expectedServed() {
      return (long) maxSize * leakEvery;
    }
  }

  /** The frame of {@code takenAt}'s stack that names the method that took the lease, if any. */
  static Optional<StackTraceElement> borrowerFrame(Throwable takenAt) {
    return Arrays.stream(takenAt.getStackTrace())
        .filter(frame -> frame.getClassName().equals(LeakDetectionClaim.class.getName()) && frame.getMethodName().equals(BORROWER))
        .findFirst();
  }

  static Claim measure(ReportContext context, Databases db) throws Exception {
    Duration threshold = Duration.ofMillis(context.scale(500, 2_000));
    Detection detection = detect(db, threshold);
    int maxSize = context.scale(4, 10);
    int leakEvery = context.scale(20, 50);
    int clients = context.scale(4, 8);
    Duration acquireTimeout = Duration.ofMillis(context.scale(250, 1_000));
    Exhaustion exhaustion = exhaust(db, maxSize, leakEvery, clients, acquireTimeout, Duration.ofSeconds(60));

    String chart = context.saveChart(chart(exhaustion, db), "pool-leak-exhaustion", ReportContext.Better.FLATTER, "1 run");
    boolean holds = detection.holds(TOLERANCE) && exhaustion.ranDry();
    return Claim.builder(ID, "pool", "a leaked connection is reported within the leak detection threshold with the borrower's "
            + "stack, while without detection a workload that leaks one connection in " + leakEvery + " requests runs the pool dry")
        .measured("time from taking a connection that is never closed to its leak report vs the threshold",
            millis(detection.sinceBorrowStartNanos()), threshold.toMillis(), "ms")
        .holds(holds)
        .detail("database", db.name)
        .detail("leak threshold (ms)", threshold.toMillis())
        .detail("tolerance after the threshold (ms)", TOLERANCE.toMillis())
        .detail("reported", detection.reported())
        .detail("report within [threshold, threshold + tolerance]", detection.inTime(TOLERANCE))
        .detail("borrower's frame in the reported stack", detection.borrowerFrame() == null ? "not found" : detection.borrowerFrame())
        .detail("leases reported as leaked (1 leaked, 20 closed in time)", detection.leaksCounted())
        .detail("no detection: pool size", maxSize)
        .detail("no detection: client threads", clients)
        .detail("no detection: acquire timeout (ms)", acquireTimeout.toMillis())
        .detail("no detection: requests served until dry (expected pool size x " + leakEvery + ")",
            exhaustion.served() + " (" + exhaustion.expectedServed() + ")")
        .detail("no detection: connections leaked when dry", exhaustion.leaked())
        .detail("no detection: time to exhaustion, to the first getConnection that timed out (ms)",
            exhaustion.dryAfterNanos() < 0 ? "not dry within 60 s" : millis(exhaustion.dryAfterNanos()))
        .detail("no detection: that getConnection threw after (ms)",
            exhaustion.firstTimeoutNanos() < 0 ? "-" : millis(exhaustion.firstTimeoutNanos()))
        .chart(chart)
        .notes("Trestle's PooledDataSource over " + db.name + ". Detection: a pool of 2, leakDetectionThreshold "
            + threshold.toMillis() + " ms and a PoolListener; 20 connections taken and closed at once, then one taken by "
            + "LeakDetectionClaim." + BORROWER + " and not closed. Holds when that one, and only it, is reported no sooner "
            + "than the threshold and at most " + TOLERANCE.toMillis() + " ms after it, with a stack naming " + BORROWER
            + ", and when the leaking workload runs the pool dry with every connection leaked. The leaking workload: "
            + clients + " threads running select 1 as fast as they can through a pool of " + maxSize + " (detection off, "
            + "acquireTimeout " + acquireTimeout.toMillis() + " ms), one request in " + leakEvery + " keeping its connection; "
            + "the time to exhaustion is a function of the request rate: the pool serves about pool size x " + leakEvery
            + " requests, then every getConnection times out. Leak detection only reports: like HikariCP's, it never "
            + "takes a connection back.")
        .build();
  }

  /** Takes a connection and never closes it: the borrower the leak report must name. */
  private static Connection leakOneConnection(PooledDataSource ds) throws SQLException {
    Connection connection = ds.getConnection();
    selectOne(connection);
    return connection;
  }

  private static Detection detect(Databases db, Duration threshold) throws Exception {
    List<Throwable> stacks = new CopyOnWriteArrayList<>();
    AtomicLong heardAt = new AtomicLong(-1);
    CountDownLatch told = new CountDownLatch(1);
    PoolListener listener = new PoolListener() {
      @Override
      public void onLeak(String poolName, String borrower, Throwable takenAt) {
        heardAt.compareAndSet(-1, System.nanoTime());
        stacks.add(takenAt);
        told.countDown();
      }
    };
    try (PooledDataSource ds = PooledDataSource.builder().jdbcUrl(db.url).properties(db.properties)
        .pool(PoolConfig.builder().name("claims-leak-detection").maxSize(2).acquireTimeout(Duration.ofSeconds(10))
            .leakDetectionThreshold(threshold).listener(listener).build())
        .build()) {
      for (int i = 0; i < 20; i++) {
        try (Connection c = ds.getConnection()) {
          selectOne(c);
        }
      }
      long borrowStart = System.nanoTime();
      Connection leaked = leakOneConnection(ds);
      long borrowEnd = System.nanoTime();
      try {
        told.await(threshold.plus(TOLERANCE).plusSeconds(5).toNanos(), TimeUnit.NANOSECONDS);
      } finally {
        leaked.close();
      }
      long at = heardAt.get();
      String frame = stacks.isEmpty() ? null : borrowerFrame(stacks.get(0)).map(StackTraceElement::toString).orElse(null);
      return new Detection(threshold.toNanos(), at < 0 ? -1 : at - borrowStart, at < 0 ? -1 : at - borrowEnd, frame,
          ds.stats().leaks());
    }
  }

  private static Exhaustion exhaust(Databases db, int maxSize, int leakEvery, int clients, Duration acquireTimeout, Duration guard)
      throws Exception {
    AtomicLong requests = new AtomicLong();
    AtomicLong served = new AtomicLong();
    AtomicLong dryAt = new AtomicLong(-1);
    AtomicLong threwAt = new AtomicLong(-1);
    ConcurrentLinkedQueue<Connection> leaked = new ConcurrentLinkedQueue<>();
    List<Long> leakTimes = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try (PooledDataSource ds = PooledDataSource.builder().jdbcUrl(db.url).properties(db.properties)
        .pool(PoolConfig.builder().name("claims-leaking").maxSize(maxSize).minIdle(maxSize).acquireTimeout(acquireTimeout).build())
        .build()) {
      for (int i = 0; i < maxSize; i++) { // every connection made before the clock starts
        try (Connection c = ds.getConnection()) {
          selectOne(c);
        }
      }
      long start = System.nanoTime();
      long end = start + guard.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        Thread thread = new Thread(() -> {
          try {
            while (dryAt.get() < 0 && System.nanoTime() < end) {
              long n = requests.incrementAndGet();
              long callStart = System.nanoTime();
              Connection c;
              try {
                c = ds.getConnection();
              } catch (SQLTransientConnectionException e) {
                if (!(e.getCause() instanceof PoolTimeoutException)) {
                  throw e;
                }
                if (dryAt.compareAndSet(-1, callStart - start)) {
                  threwAt.set(System.nanoTime() - start);
                }
                return;
              }
              selectOne(c);
              served.incrementAndGet();
              if (n % leakEvery == 0) {
                leaked.add(c); // forgotten: never closed by the workload
                leakTimes.add(System.nanoTime() - start);
              } else {
                c.close();
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "claims-leaking-client-" + t);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      int leakedCount = leaked.size();
      for (Connection c : leaked) {
        c.close();
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a leaking client failed", failures.get(0));
      }
      List<Long> times = new ArrayList<>(leakTimes);
      times.sort(null);
      return new Exhaustion(maxSize, leakEvery, served.get(), leakedCount, dryAt.get(), threwAt.get(), times);
    }
  }

  private static XYChart chart(Exhaustion exhaustion, Databases db) {
    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("1 leak in " + exhaustion.leakEvery() + " requests, no detection, pool of " + exhaustion.maxSize() + ", "
            + db.shortName())
        .xAxisTitle("ms since the workload started").yAxisTitle("connections leaked").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    List<Double> xs = new ArrayList<>(List.of(0.0));
    List<Double> ys = new ArrayList<>(List.of(0.0));
    for (int i = 0; i < exhaustion.leakTimesNanos().size(); i++) {
      double at = exhaustion.leakTimesNanos().get(i) / 1e6;
      xs.add(at);
      ys.add((double) i);
      xs.add(at);
      ys.add(i + 1.0);
    }
    double last = Math.max(exhaustion.firstTimeoutNanos(), xs.get(xs.size() - 1).longValue() * 1_000_000L) / 1e6;
    xs.add(last);
    ys.add(ys.get(ys.size() - 1));
    chart.addSeries("connections leaked", xs, ys).setMarker(SeriesMarkers.NONE);
    chart.addSeries("pool size", List.of(0.0, last), List.of((double) exhaustion.maxSize(), (double) exhaustion.maxSize()))
        .setMarker(SeriesMarkers.NONE);
    if (exhaustion.dryAfterNanos() >= 0) {
      chart.addSeries("first getConnection that timed out (start)", List.of(exhaustion.dryAfterNanos() / 1e6),
          List.of((double) exhaustion.leaked())).setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  private static void selectOne(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select 1")) {
      rows.next();
    }
  }

  private static double millis(long nanos) {
    return nanos < 0 ? Double.NaN : Double.parseDouble(String.format(Locale.ROOT, "%.1f", nanos / 1e6));
  }
}
