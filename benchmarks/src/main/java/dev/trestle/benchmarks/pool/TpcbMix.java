package dev.trestle.benchmarks.pool;

import dev.trestle.benchmarks.LatencySample;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.jdbc.PooledDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;

/**
 * The load of the pool-sizing claim: a pgbench-like TPC-B mix on tables of its own, half of the
 * requests a TPC-B transaction (update an account, read it back, update its teller and its branch,
 * insert a history row, commit) and half a read that costs the server CPU, from many client threads
 * through a {@link PooledDataSource} of a given size. pgbench's scale 1 has 1 branch, 10 tellers and
 * 100,000 accounts; this keeps the branch and tellers and scales the accounts to 10,000, so every
 * transaction updates the one branch row and one of ten teller rows: the lock contention the claim
 * is about. The tables are named {@code trestle_claims_<random>_...}, created by {@link #create} and
 * dropped by {@link #close}. Not thread-safe: one run at a time.
 */
final class TpcbMix implements AutoCloseable {

  static final int BRANCHES = 1;
  static final int TELLERS = 10;
  static final int ACCOUNTS = 10_000;

  private final Databases db;
  private final String prefix;
  private final String update;
  private final String select;
  private final String updateTeller;
  private final String updateBranch;
  private final String insertHistory;
  private final String cpuRead;

  private TpcbMix(Databases db, String prefix) {
    this.db = db;
    this.prefix = prefix;
    this.update = "update " + prefix + "accounts set abalance = abalance + ? where aid = ?";
    this.select = "select abalance from " + prefix + "accounts where aid = ?";
    this.updateTeller = "update " + prefix + "tellers set tbalance = tbalance + ? where tid = ?";
    this.updateBranch = "update " + prefix + "branches set bbalance = bbalance + ? where bid = ?";
    this.insertHistory = "insert into " + prefix + "history (tid, bid, aid, delta, mtime) values (?, ?, ?, ?, current_timestamp)";
    this.cpuRead = db.cpuHeavyRead();
  }

  /** Creates and fills the tables, named uniquely so that runs and other users of the database never meet. */
  static TpcbMix create(Databases db) throws SQLException {
    String prefix = "trestle_claims_" + Long.toHexString(new SplittableRandom().nextLong() & Long.MAX_VALUE) + "_";
    TpcbMix mix = new TpcbMix(db, prefix);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("create table " + prefix + "branches (bid int primary key, bbalance int not null, filler char(88))");
      s.execute("create table " + prefix + "tellers (tid int primary key, bid int not null, tbalance int not null, filler char(84))");
      s.execute("create table " + prefix + "accounts (aid int primary key, bid int not null, abalance int not null, filler char(84))");
      s.execute("create table " + prefix + "history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
      s.execute("insert into " + prefix + "branches select x, 0, '' from " + db.series(BRANCHES));
      s.execute("insert into " + prefix + "tellers select x, (x - 1) / " + (TELLERS / BRANCHES) + " + 1, 0, '' from " + db.series(TELLERS));
      s.execute("insert into " + prefix + "accounts select x, (x - 1) / " + (ACCOUNTS / BRANCHES) + " + 1, 0, '' from "
          + db.series(ACCOUNTS));
    } catch (SQLException e) {
      mix.close();
      throw e;
    }
    return mix;
  }

  /** What one run at one pool size measured. */
  static final class Run {
    final int poolSize;
    final LatencySample latency = new LatencySample();
    long transactions;
    long reads;
    long errors;
    double seconds;

    Run(int poolSize) {
      this.poolSize = poolSize;
    }

    /** Requests (transactions and reads) completed per second. */
    double throughput() {
      return (transactions + reads) / seconds;
    }

    void add(Run other) {
      latency.addAll(other.latency);
      transactions += other.transactions;
      reads += other.reads;
      errors += other.errors;
      seconds += other.seconds;
    }
  }

  /**
   * Runs {@code clients} threads through a pool of {@code poolSize} connections (all made before the
   * clock starts) for {@code warmUp}, not counted, then for {@code measured}: a request counts when it
   * ends inside the measured window, and its latency includes the wait for a connection.
   */
  Run run(int poolSize, int clients, Duration warmUp, Duration measured, long seed) throws Exception {
    Run run = new Run(poolSize);
    try (PooledDataSource ds = PooledDataSource.builder().jdbcUrl(db.url).properties(db.properties)
        .pool(PoolConfig.builder().name("claims-tpcb-" + poolSize).maxSize(poolSize).minIdle(poolSize)
            .acquireTimeout(Duration.ofSeconds(60)).build())
        .build()) {
      awaitFilled(ds, poolSize);
      CyclicBarrier go = new CyclicBarrier(clients + 1);
      List<Run> perClient = new ArrayList<>();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      long[] window = new long[2];
      for (int t = 0; t < clients; t++) {
        Run mine = new Run(poolSize);
        perClient.add(mine);
        SplittableRandom random = new SplittableRandom(seed * 1_000 + t);
        Thread thread = new Thread(() -> {
          try {
            go.await();
            long from = window[0];
            long to = window[1];
            for (long now = System.nanoTime(); now < to; now = System.nanoTime()) {
              boolean transaction = random.nextBoolean();
              int aid = 1 + random.nextInt(ACCOUNTS);
              int tid = 1 + random.nextInt(TELLERS);
              int delta = random.nextInt(-5000, 5001);
              boolean ok = true;
              try (Connection c = ds.getConnection()) {
                if (transaction) {
                  transaction(c, aid, tid, delta);
                } else {
                  cpuRead(c);
                }
              } catch (SQLException e) {
                ok = false; // a lock timeout or a serialization failure: counted, never measured as a request
              }
              long end = System.nanoTime();
              if (end >= from && end < to) {
                if (!ok) {
                  mine.errors++;
                } else {
                  mine.latency.add(end - now);
                  if (transaction) {
                    mine.transactions++;
                  } else {
                    mine.reads++;
                  }
                }
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "claims-tpcb-client-" + t);
        threads.add(thread);
        thread.start();
      }
      long start = System.nanoTime();
      window[0] = start + warmUp.toNanos();
      window[1] = window[0] + measured.toNanos();
      go.await(); // publishes the window to the clients
      for (Thread thread : threads) {
        thread.join();
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a TPC-B client failed with pool size " + poolSize, failures.get(0));
      }
      perClient.forEach(run::add);
      run.seconds = measured.toNanos() / 1e9;
    }
    return run;
  }

  private static void awaitFilled(PooledDataSource ds, int size) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ds.stats().idle() < size && System.nanoTime() < end) {
      Thread.sleep(10); // not a test: the pool makes its connections on its own threads, the report waits
    }
  }

  private void transaction(Connection c, int aid, int tid, int delta) throws SQLException {
    int bid = (tid - 1) / (TELLERS / BRANCHES) + 1;
    c.setAutoCommit(false);
    try {
      try (PreparedStatement s = c.prepareStatement(update)) {
        s.setInt(1, delta);
        s.setInt(2, aid);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(select)) {
        s.setInt(1, aid);
        try (ResultSet rows = s.executeQuery()) {
          rows.next();
        }
      }
      try (PreparedStatement s = c.prepareStatement(updateTeller)) {
        s.setInt(1, delta);
        s.setInt(2, tid);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(updateBranch)) {
        s.setInt(1, delta);
        s.setInt(2, bid);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(insertHistory)) {
        s.setInt(1, tid);
        s.setInt(2, bid);
        s.setInt(3, aid);
        s.setInt(4, delta);
        s.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true); // after commit or rollback no transaction is open: no round trip, nothing for the pool to reset
    }
  }

  private void cpuRead(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(cpuRead)) {
      rows.next();
    }
  }

  /** Drops the tables. */
  @Override
  public void close() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String table : List.of("history", "accounts", "tellers", "branches")) {
        s.execute("drop table if exists " + prefix + table);
      }
    }
  }
}
