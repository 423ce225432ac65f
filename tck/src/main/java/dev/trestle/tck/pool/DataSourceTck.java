package dev.trestle.tck.pool;

import dev.trestle.tck.ConformanceKit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for pooled JDBC {@link DataSource}s: the rules {@code DS-*} of
 * {@code tck/RULES.md}. Subclass it and return a pool over the kit's {@link StubDatabase} from
 * {@link #newDataSource}; the kit inspects the stub's connections to see what the pool did to them.
 * The kit declares no optional capabilities: every rule applies to every pooled DataSource.
 */
public abstract class DataSourceTck extends ConformanceKit<DataSourceTck.None> {

  /** DataSourceTck has no optional capabilities. */
  public enum None {}

  private StubDatabase database;
  private final List<DataSource> sources = new CopyOnWriteArrayList<>();

  /** Returns a pooled DataSource over {@code database}, built to {@code spec}. */
  protected abstract DataSource newDataSource(DataSource database, DataSourceSpec spec);

  /** Closes a DataSource made by {@link #newDataSource}; by default, if it is AutoCloseable. */
  protected void close(DataSource dataSource) throws Exception {
    if (dataSource instanceof AutoCloseable) {
      ((AutoCloseable) dataSource).close();
    }
  }

  @Override
  protected final Set<None> features() {
    return Set.of();
  }

  @BeforeEach
  void startKit() {
    database = new StubDatabase();
  }

  @AfterEach
  void stopKit() throws Exception {
    if (database == null) {
      return;
    }
    CountDownLatch gate = database.connectGate;
    if (gate != null) {
      gate.countDown();
    }
    for (DataSource source : sources) {
      close(source);
    }
  }

  private DataSource pool(int maxSize) {
    DataSource source = implementation(newDataSource(database, new DataSourceSpec(maxSize, Duration.ofMillis(500))));
    sources.add(source);
    return source;
  }

  private static StubDatabase.State physical(Connection connection, StubDatabase db) throws SQLException {
    int id = connection.unwrap(StubDatabase.Physical.class).id();
    return db.connections.get(id - 1);
  }

  // ---- 1. close gives the connection back ----

  @Test
  @DisplayName("DS-1.1 close() gives the physical connection back: it stays open and is lent again")
  void closeReturns() throws SQLException {
    DataSource ds = pool(1);
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("select 1");
      }
    }
    expectEqual("DS-1.1", "physical connections opened for 3 borrowings with maxSize 1", 1, database.opened());
    expectEqual("DS-1.1", "physical connections still open", 1, database.open());
  }

  @Test
  @DisplayName("DS-1.2 a closed connection says so, ignores a second close and refuses other calls with SQLException")
  void closedConnectionRefusesUse() throws SQLException {
    DataSource ds = pool(1);
    Connection c = ds.getConnection();
    c.close();
    Outcome<Object> second = outcomeOf(() -> {
      c.close();
      return null;
    });
    expect(!second.failed(), "DS-1.2", "a second close to do nothing", second);
    expect(c.isClosed(), "DS-1.2", "isClosed() true after close", "false");
    Outcome<Statement> use = outcomeOf(c::createStatement);
    expect(use.failure() instanceof SQLException, "DS-1.2", "SQLException from createStatement on a closed connection", use);
  }

  // ---- 2. state reset and rollback ----

  @Test
  @DisplayName("DS-2.1 an uncommitted transaction is rolled back when the connection is closed, never committed")
  void uncommittedRolledBack() throws SQLException {
    DataSource ds = pool(1);
    StubDatabase.State state;
    try (Connection c = ds.getConnection()) {
      state = physical(c, database);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (1)");
      }
    }
    expectEqual("DS-2.1", "work committed after close", 0, state.committed);
    expectEqual("DS-2.1", "work left pending after close", 0, state.uncommitted);
    expect(state.rollbacks >= 1, "DS-2.1", "a rollback", state.rollbacks + " rollbacks");
  }

  @Test
  @DisplayName("DS-2.4 an uncommitted read-only transaction is rolled back when the connection is closed, never committed")
  void uncommittedReadOnlyRolledBack() throws SQLException {
    // Read-only does not mean without effect: PostgreSQL lets a read-only transaction write to
    // temporary tables, and its locks and snapshot are held until it ends. A pool that skips the
    // rollback for read-only connections and then switches autoCommit on commits it.
    DataSource ds = pool(1);
    StubDatabase.State state;
    try (Connection c = ds.getConnection()) {
      state = physical(c, database);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into session_temp values (1)");
      }
    }
    expectEqual("DS-2.4", "read-only work committed after close", 0, state.committed);
    expectEqual("DS-2.4", "read-only work left pending after close", 0, state.uncommitted);
    expect(state.rollbacks >= 1, "DS-2.4", "a rollback", state.rollbacks + " rollbacks");
  }

  @Test
  @DisplayName("DS-2.2 autoCommit, readOnly, isolation, catalog and schema changed by a borrower are restored for the next")
  void sessionStateRestored() throws SQLException {
    DataSource ds = pool(1);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setCatalog("other");
      c.setSchema("other");
    }
    try (Connection c = ds.getConnection()) {
      StubDatabase.State state = physical(c, database);
      String seen = "autoCommit=" + state.autoCommit + " readOnly=" + state.readOnly + " isolation=" + state.isolation
          + " catalog=" + state.catalog + " schema=" + state.schema;
      expectEqual("DS-2.2", "the next borrower's session", "autoCommit=true readOnly=false isolation="
          + Connection.TRANSACTION_READ_COMMITTED + " catalog=stub schema=public", seen);
    }
  }

  @Test
  @DisplayName("DS-2.3 a network timeout changed by a borrower is restored for the next")
  void networkTimeoutRestored() throws SQLException {
    DataSource ds = pool(1);
    try (Connection c = ds.getConnection()) {
      c.setNetworkTimeout(Runnable::run, 12_345);
    }
    try (Connection c = ds.getConnection()) {
      expectEqual("DS-2.3", "the next borrower's network timeout", 0, physical(c, database).networkTimeout);
    }
  }

  @Test
  @DisplayName("DS-3.1 statements left open by a borrower are closed when the connection is closed")
  void statementsClosed() throws SQLException {
    DataSource ds = pool(1);
    StubDatabase.State state;
    try (Connection c = ds.getConnection()) {
      state = physical(c, database);
      c.createStatement().execute("select 1");
      c.prepareStatement("select ?");
    }
    expectEqual("DS-3.1", "statements closed with the connection", List.of(true, true), state.statementsClosed);
  }

  // ---- 4. eviction ----

  private void expectEvictedAfter(String rule, String sqlState) throws SQLException {
    DataSource ds = pool(1);
    StubDatabase.State first;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      first = physical(c, database);
      database.failNextStatementWith = sqlState;
      Outcome<Boolean> failed = outcomeOf(() -> s.execute("select 1"));
      expect(failed.failure() instanceof SQLException, rule, "the injected SQLException " + sqlState, failed);
    }
    try (Connection c = ds.getConnection()) {
      expect(physical(c, database) != first, rule, "a new physical connection after SQLState " + sqlState,
          "the same one lent again");
    }
    // A pool may close an evicted connection on a thread of its own (HikariCP does): wait for it, bounded.
    long end = System.nanoTime() + hangGuard().toNanos();
    while (!first.closed && System.nanoTime() - end < 0) {
      LockSupport.parkNanos(1_000_000);
    }
    expect(first.closed, rule, "the failed physical connection closed within " + hangGuard().toSeconds() + "s",
        "still open");
  }

  @Test
  @DisplayName("DS-4.1 a connection that threw SQLState 08S01 (communication failure) is evicted, not lent again")
  void evictedOnCommunicationFailure() throws SQLException {
    expectEvictedAfter("DS-4.1", "08S01");
  }

  @Test
  @DisplayName("DS-4.2 a connection that threw SQLState 57P01 (administrator shutdown) is evicted, not lent again")
  void evictedOnAdminShutdown() throws SQLException {
    expectEvictedAfter("DS-4.2", "57P01");
  }

  @Test
  @DisplayName("DS-4.3 a connection that threw a non-fatal SQLState (23505, unique violation) is kept")
  void keptOnOrdinaryFailure() throws SQLException {
    DataSource ds = pool(1);
    StubDatabase.State first;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      first = physical(c, database);
      database.failNextStatementWith = "23505";
      outcomeOf(() -> s.execute("insert"));
    }
    try (Connection c = ds.getConnection()) {
      expect(physical(c, database) == first, "DS-4.3", "the same physical connection after a unique violation",
          "a new one");
    }
  }

  @Test
  @DisplayName("DS-5.1 unwrap and isWrapperFor reach the driver's connection")
  void unwrapReachesTheDriver() throws SQLException {
    DataSource ds = pool(1);
    try (Connection c = ds.getConnection()) {
      expect(c.isWrapperFor(StubDatabase.Physical.class), "DS-5.1", "isWrapperFor(driver interface) true", "false");
      Outcome<StubDatabase.Physical> unwrapped = outcomeOf(() -> c.unwrap(StubDatabase.Physical.class));
      expect(!unwrapped.failed() && unwrapped.value() != null, "DS-5.1", "the driver's connection from unwrap", unwrapped);
    }
  }

  @Test
  @DisplayName("DS-6.1 getConnection fails with SQLException within its timeout when connecting hangs")
  void hangingConnectTimesOut() {
    database.connectGate = new CountDownLatch(1);
    DataSource ds = pool(1);
    Outcome<Connection> outcome = awaitOutcome(CompletableFuture.supplyAsync(() -> {
      try {
        return ds.getConnection();
      } catch (SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }), "DS-6.1", "getConnection to fail within 500 ms");
    Throwable failure = outcome.failure() instanceof java.util.concurrent.CompletionException
        ? outcome.failure().getCause() : outcome.failure();
    expect(failure instanceof SQLException, "DS-6.1", "SQLException", outcome);
  }
}
