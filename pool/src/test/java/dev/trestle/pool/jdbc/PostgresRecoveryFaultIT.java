package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool recovers from each fault of the network or the server, through a {@link FaultProxy} on
 * loopback in front of the real PostgreSQL (services profile): a server that accepts and never
 * answers, one that stalls and comes back, connections cut or reset. Once the database answers
 * again, queries run again within 1 s, and no getConnection overshoots its timeout by more than
 * 100 ms at any time. (Issue 16, defect 2: with pgjdbc defaults an 8 s stall gave a 10 s outage, and
 * with {@code connectTimeout=0} the pool stayed empty until the stalled sockets were closed by hand.)
 *
 * <p>{@link #soak()} runs random faults for minutes when asked: {@code -Dtrestle.soak=true}
 * ({@code -Dtrestle.soak.minutes=N}, default 3).
 */
class PostgresRecoveryFaultIT {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 5432;
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CREATION_TIMEOUT = Duration.ofMillis(500);
  private static final Duration FAULT = Duration.ofSeconds(3);
  private static final long RECOVERY_LIMIT_MILLIS = 1_000;
  private static final long OVERSHOOT_LIMIT_MILLIS = 100;
  private static final int ATTEMPTS = 3;

  private static String user() throws SQLException {
    SQLException last = null;
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/test", user, "")) {
        return user;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }

  private static PooledDataSource dataSource(FaultProxy proxy, String user) {
    return PooledDataSource.builder().jdbcUrl("jdbc:postgresql://" + HOST + ":" + proxy.port() + "/test?sslmode=disable")
        .username(user)
        .property("socketTimeout", "1") // what an application sets so a query to a silent server ends
        .pool(PoolConfig.builder().name("recovery-it").maxSize(4).acquireTimeout(ACQUIRE_TIMEOUT)
            .creationTimeout(CREATION_TIMEOUT).validationTimeout(Duration.ofSeconds(1))
            .validateAfterIdle(Duration.ofMillis(100)).creationBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
        .build();
  }

  private static void apply(FaultProxy proxy, FaultProxy.Mode fault) {
    switch (fault) {
      case BLACK_HOLE:
        proxy.blackHole();
        break;
      case STALL:
        proxy.stall();
        break;
      case CUT:
        proxy.cut();
        break;
      case RESET:
        proxy.reset();
        break;
      default:
        throw new IllegalArgumentException(fault.toString());
    }
  }

  /** One fault: healthy load, the fault for {@code length}, then the database back; returns the recovery in ms. */
  private static long faultAndRecover(FaultProxy proxy, RecoveryRun run, FaultProxy.Mode fault, Duration length)
      throws InterruptedException {
    long healthy = System.nanoTime();
    assertTrue(run.awaitSuccessAfter(healthy, Duration.ofSeconds(10)) != -1, "queries run before the fault");
    long faultAt = System.nanoTime();
    apply(proxy, fault);
    Thread.sleep(length.toMillis()); // the fault lasts this long; no verdict depends on the sleep
    long backAt = System.nanoTime();
    proxy.restore();
    if (Boolean.getBoolean("trestle.fault.trace")) {
      for (int i = 0; i < 12 && run.firstSuccessAfter(backAt) == -1; i++) {
        System.out.println("trace +" + (System.nanoTime() - backAt) / 1_000_000 + "ms " + run.ds().stats());
        Thread.sleep(100);
      }
    }
    long first = run.awaitSuccessAfter(backAt, Duration.ofSeconds(30));
    if (Boolean.getBoolean("trestle.fault.trace")) {
      System.out.println("trace " + fault + " " + run.trace(backAt));
    }
    assertTrue(first != -1, fault + ": queries run again within 30 s of the database answering again");
    long recoveryMillis = (first - backAt) / 1_000_000;
    System.out.printf(Locale.ROOT, "PostgresRecoveryFaultIT %s: recovery %d ms after the database answered again, outage %d ms "
        + "(fault %d ms)%n", fault, recoveryMillis, (first - faultAt) / 1_000_000, length.toMillis());
    return recoveryMillis;
  }

  private static void report(String what, RecoveryRun run, PoolStats stats) {
    System.out.printf(Locale.ROOT, "PostgresRecoveryFaultIT %s: max acquire overshoot %d ms, %d acquires, %d timeouts, %d failed "
        + "queries, pool %s%n", what, run.maxOvershootNanos.get() / 1_000_000, run.acquires.get(), run.timeouts.get(),
        run.failedQueries.get(), stats);
  }

  @ParameterizedTest
  @EnumSource(value = FaultProxy.Mode.class, names = {"BLACK_HOLE", "STALL", "CUT", "RESET"})
  void queriesRunAgainWithinOneSecondOfTheDatabaseAnsweringAgain(FaultProxy.Mode fault) throws Exception {
    // The goals are tight for a shared 2-core machine: a verdict of failure needs them missed in each of
    // ATTEMPTS runs. A defect misses every time (before creationTimeout a black hole never recovered); a
    // scheduling stall of the machine does not repeat.
    String user = user();
    List<String> misses = new ArrayList<>();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (FaultProxy proxy = new FaultProxy(PORT); PooledDataSource ds = dataSource(proxy, user)) {
        RecoveryRun run = new RecoveryRun(ds, ACQUIRE_TIMEOUT, 6);
        long recovery;
        try {
          recovery = faultAndRecover(proxy, run, fault, FAULT);
        } finally {
          run.close();
        }
        report(fault + " run " + attempt, run, ds.stats());
        assertTrue(run.unexpected.isEmpty(), run.unexpected.toString());
        assertTrue(ds.stats().total() + ds.stats().pending() <= 4, "never above maxSize: " + ds.stats());
        long overshoot = run.maxOvershootNanos.get() / 1_000_000;
        if (recovery < RECOVERY_LIMIT_MILLIS && overshoot <= OVERSHOOT_LIMIT_MILLIS) {
          return;
        }
        misses.add("run " + attempt + ": recovered " + recovery + " ms after the database answered again, a getConnection "
            + "overshot its timeout by " + overshoot + " ms");
      }
    }
    fail(fault + ": the goals (recovery < " + RECOVERY_LIMIT_MILLIS + " ms, overshoot <= " + OVERSHOOT_LIMIT_MILLIS
        + " ms) were missed in every run: " + misses);
  }

  /** Random faults of random length for minutes; each must recover like the short test. Runs only with -Dtrestle.soak=true. */
  @Test
  void soak() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("trestle.soak"), "the soak runs only with -Dtrestle.soak=true");
    long minutes = Long.getLong("trestle.soak.minutes", 3);
    String user = user();
    FaultProxy.Mode[] faults = {FaultProxy.Mode.BLACK_HOLE, FaultProxy.Mode.STALL, FaultProxy.Mode.CUT, FaultProxy.Mode.RESET};
    long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
    long worst = 0;
    int rounds = 0;
    try (FaultProxy proxy = new FaultProxy(PORT); PooledDataSource ds = dataSource(proxy, user)) {
      RecoveryRun run = new RecoveryRun(ds, ACQUIRE_TIMEOUT, 8);
      try {
        while (System.nanoTime() - end < 0) {
          FaultProxy.Mode fault = faults[ThreadLocalRandom.current().nextInt(faults.length)];
          long recovery = faultAndRecover(proxy, run, fault, Duration.ofMillis(200 + ThreadLocalRandom.current().nextInt(5_000)));
          assertTrue(recovery < RECOVERY_LIMIT_MILLIS, "round " + rounds + ", " + fault + ": recovered in " + recovery + " ms");
          worst = Math.max(worst, recovery);
          rounds++;
          Thread.sleep(ThreadLocalRandom.current().nextInt(2_000)); // healthy between faults
        }
      } finally {
        run.close();
      }
      report("soak (" + rounds + " faults, worst recovery " + worst + " ms)", run, ds.stats());
      assertTrue(run.unexpected.isEmpty(), run.unexpected.toString());
      long overshoot = run.maxOvershootNanos.get() / 1_000_000;
      assertTrue(overshoot <= OVERSHOOT_LIMIT_MILLIS, "a getConnection overshot its timeout by " + overshoot + " ms");
      assertTrue(ds.stats().total() + ds.stats().pending() <= 4, "never above maxSize: " + ds.stats());
    }
  }
}
