package dev.trestle.pool.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads that query a {@link PooledDataSource} in a loop and record what a fault test
 * needs: when each query succeeded, and how far any getConnection overshot the acquire timeout.
 */
final class RecoveryRun implements AutoCloseable {

  private final PooledDataSource ds;
  private final long acquireTimeoutNanos;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  /** Completion times (System.nanoTime) of successful queries. */
  final Queue<Long> successes = new ConcurrentLinkedQueue<>();
  final AtomicLong maxOvershootNanos = new AtomicLong();
  final AtomicInteger acquires = new AtomicInteger();
  final AtomicInteger timeouts = new AtomicInteger();
  final AtomicInteger failedQueries = new AtomicInteger();
  final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

  RecoveryRun(PooledDataSource ds, Duration acquireTimeout, int threads) {
    this.ds = ds;
    this.acquireTimeoutNanos = acquireTimeout.toNanos();
    for (int t = 0; t < threads; t++) {
      Thread client = new Thread(this::loop, "recovery-client-" + t);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
  }

  private void loop() {
    while (running.get()) {
      long start = System.nanoTime();
      Connection c;
      try {
        c = ds.getConnection();
      } catch (SQLTransientConnectionException timeout) {
        timeouts.incrementAndGet();
        overshoot(start);
        continue;
      } catch (SQLException other) {
        unexpected.add(other.toString());
        continue;
      }
      acquires.incrementAndGet();
      overshoot(start);
      try (Connection used = c; Statement s = used.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
        rs.next();
        successes.add(System.nanoTime());
      } catch (SQLException broken) {
        failedQueries.incrementAndGet(); // the fault broke this connection: the pool must evict it
      }
    }
  }

  private void overshoot(long start) {
    long over = System.nanoTime() - start - acquireTimeoutNanos;
    maxOvershootNanos.accumulateAndGet(over, Math::max);
  }

  /** The first success completed after {@code nanoTime}, or -1. */
  long firstSuccessAfter(long nanoTime) {
    long first = Long.MAX_VALUE;
    for (long at : successes) {
      if (at - nanoTime > 0 && at - first < 0) {
        first = at;
      }
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  /** Waits (in real time: this is an integration test) until a query succeeds after {@code nanoTime}, at most {@code guard}. */
  long awaitSuccessAfter(long nanoTime, Duration guard) throws InterruptedException {
    long end = System.nanoTime() + guard.toNanos();
    while (System.nanoTime() - end < 0) {
      long first = firstSuccessAfter(nanoTime);
      if (first != -1) {
        return first;
      }
      Thread.sleep(5);
    }
    return -1;
  }

  PooledDataSource ds() {
    return ds;
  }

  String trace(long from) {
    StringBuilder out = new StringBuilder();
    successes.stream().filter(at -> at - from > -2_000_000_000L).sorted().limit(5)
        .forEach(at -> out.append((at - from) / 1_000_000).append("ms "));
    return out.toString();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(10_000);
    }
  }
}
