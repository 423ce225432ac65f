package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.pool.PoolConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PooledDataSourceTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static int databases;

  private final List<PooledDataSource> sources = new ArrayList<>();
  private final List<CountDownLatch> gates = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    gates.forEach(CountDownLatch::countDown);
    sources.forEach(PooledDataSource::close);
    threads.shutdownNow();
  }

  private PooledDataSource h2(PoolConfig.Builder pool) {
    String url = "jdbc:h2:mem:pool" + (++databases) + ";DB_CLOSE_DELAY=-1";
    PooledDataSource ds = PooledDataSource.builder().jdbcUrl(url).username("sa").password("").pool(pool.build()).build();
    sources.add(ds);
    return ds;
  }

  private PooledDataSource faulty(FaultyDriver.Database db, PoolConfig.Builder pool) {
    PooledDataSource ds = PooledDataSource.builder().jdbcUrl(db.url).username("app").password("s3cret-Pa55")
        .pool(pool.build()).build();
    sources.add(ds);
    return ds;
  }

  private static PoolConfig.Builder small() {
    return PoolConfig.builder().name("ds-test").maxSize(1).acquireTimeout(Duration.ofSeconds(5));
  }

  private static FaultyDriver.Database database(String name) {
    FaultyDriver.touch();
    return FaultyDriver.database(name + (++databases));
  }

  @Test
  void anUncommittedTransactionIsRolledBackOnClose() throws SQLException {
    PooledDataSource ds = h2(small());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table t (id int)");
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (1)");
      }
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
      assertTrue(c.getAutoCommit(), "autoCommit restored");
      rs.next();
      assertEquals(0, rs.getInt(1), "the insert was rolled back, not committed by restoring autoCommit");
    }
  }

  @Test
  void sessionSettingsChangedByABorrowerAreRestored() throws SQLException {
    PooledDataSource ds = h2(small());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create schema other");
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setSchema("OTHER");
    }
    try (Connection c = ds.getConnection()) {
      assertFalse(c.isReadOnly());
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
      assertEquals("PUBLIC", c.getSchema());
    }
  }

  @Test
  void closingReturnsTheConnectionClosesItsStatementsAndRefusesFurtherUse() throws SQLException {
    PooledDataSource ds = h2(small());
    Connection c = ds.getConnection();
    Connection physical = c.unwrap(org.h2.jdbc.JdbcConnection.class);
    assertTrue(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
    Statement s = c.createStatement();
    assertSame(c, s.getConnection());
    c.close();
    c.close();
    assertTrue(s.isClosed());
    assertTrue(c.isClosed());
    SQLException e = assertThrows(SQLException.class, c::createStatement);
    assertEquals("08003", e.getSQLState());
    try (Connection again = ds.getConnection()) {
      assertNotSame(c, again);
      assertSame(physical, again.unwrap(org.h2.jdbc.JdbcConnection.class));
    }
    assertEquals(1, ds.stats().created());
  }

  @Test
  void aClosedHandleStaysClosedWhileItsPhysicalConnectionIsLentAgainAndCannotTouchTheNewBorrowing() throws SQLException {
    PooledDataSource ds = h2(small());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table t (id int)");
    }
    Connection stale = ds.getConnection();
    Connection physical = stale.unwrap(org.h2.jdbc.JdbcConnection.class);
    Statement staleStatement = stale.createStatement();
    stale.close();
    Statement current;
    try (Connection again = ds.getConnection()) {
      assertSame(physical, again.unwrap(org.h2.jdbc.JdbcConnection.class), "the only physical connection, lent again");
      again.setAutoCommit(false);
      current = again.createStatement();
      current.executeUpdate("insert into t values (1)");

      assertTrue(stale.isClosed());
      assertEquals("08003", assertThrows(SQLException.class, stale::createStatement).getSQLState());
      assertEquals("08003", assertThrows(SQLException.class, () -> stale.setAutoCommit(true)).getSQLState());
      assertFalse(stale.isValid(0));
      stale.close(); // ends nothing: the lease it had is over
      stale.abort(Runnable::run);
      staleStatement.close(); // forgets nothing of the current borrowing
      assertThrows(SQLException.class, () -> staleStatement.execute("select 1"));

      assertFalse(again.isClosed());
      assertFalse(current.isClosed());
      assertEquals(1, ds.stats().active());
      assertEquals(0, ds.stats().idle());
    }
    assertTrue(current.isClosed(), "the current borrower's statement was still tracked, and closed with its connection");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
      assertTrue(c.getAutoCommit(), "autoCommit restored for the next borrower");
      rs.next();
      assertEquals(0, rs.getInt(1), "the current borrower's transaction was rolled back when it closed");
    }
    assertEquals(1, ds.stats().created());
    assertEquals(0, ds.stats().destroyed(), "no stale call evicted the physical connection");
  }

  @Test
  void aConnectionThatFailedWithAFatalStateIsEvicted() throws SQLException {
    FaultyDriver.Database db = database("fatal");
    PooledDataSource ds = faulty(db, small());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      db.queryFailureState = "08S01";
      assertThrows(SQLException.class, () -> s.execute("select 1"));
    }
    db.queryFailureState = null;
    assertEquals(1, db.closed.get(), "the broken connection was closed");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("select 1");
    }
    assertEquals(2, db.opened.get());
    assertEquals(1, ds.stats().destroyed());
  }

  @Test
  void aNonFatalFailureKeepsTheConnection() throws SQLException {
    FaultyDriver.Database db = database("nonfatal");
    PooledDataSource ds = faulty(db, small());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      db.queryFailureState = "23505";
      assertThrows(SQLException.class, () -> s.execute("insert"));
    }
    assertEquals(0, db.closed.get());
    assertEquals(1, ds.stats().idle());
  }

  @Test
  void aFailingConnectTimesOutWithTheFailureAsCauseAndNeverShowsThePassword() {
    FaultyDriver.Database db = database("refused");
    db.connectFailure = new SQLException("login failed for app with password s3cret-Pa55", "28P01");
    PooledDataSource ds = faulty(db, small().acquireTimeout(Duration.ofMillis(200)));
    SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, ds::getConnection);
    assertEquals("08001", e.getSQLState());
    Throwable cause = e.getCause().getCause();
    assertTrue(cause instanceof SQLException, String.valueOf(cause));
    assertEquals("login failed for app with password ****", cause.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("s3cret-Pa55"), t.toString());
    }
    assertFalse(ds.toString().contains("s3cret"));
  }

  @Test
  void aHangingConnectStillTimesOutWithinAcquireTimeout() {
    FaultyDriver.Database db = database("hanging");
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    db.connectGate = gate;
    PooledDataSource ds = faulty(db, small().acquireTimeout(Duration.ofMillis(200)));
    SQLTransientConnectionException e = assertTimeoutPreemptively(GUARD,
        () -> assertThrows(SQLTransientConnectionException.class, ds::getConnection));
    assertTrue(e.getMessage().contains("within PT0.2S"), e.getMessage());
    assertTrue(e.getMessage().contains("pending=1"), e.getMessage());
  }

  @Test
  void aConnectionThatArrivesAfterTheCreationTimeoutIsClosedAndAReplacementServes() throws Exception {
    FaultyDriver.Database db = database("late");
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    db.connectGate = gate;
    ManualTicker ticker = new ManualTicker();
    PooledDataSource ds = faulty(db, small().ticker(ticker).acquireTimeout(Duration.ofMinutes(1))
        .creationTimeout(Duration.ofSeconds(2)));
    Future<Connection> waiter = threads.submit(() -> ds.getConnection());
    long end = System.nanoTime() + GUARD.toNanos();
    // the connect must have taken the gate before it is removed, or it would go through at once
    while (ds.stats().waiting() == 0 || db.gatedConnects.get() == 0) {
      assertTrue(System.nanoTime() - end < 0, "the first connect to start: " + ds.stats());
      Thread.yield();
    }
    db.connectGate = null; // the first connect keeps waiting on the gate it took; the next one goes through
    ticker.advance(Duration.ofSeconds(2));
    Connection c = waiter.get(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(1, db.opened.get());
    gate.countDown();
    while (db.closed.get() == 0) {
      assertTrue(System.nanoTime() - end < 0, "the late connection to be closed");
      Thread.yield();
    }
    assertEquals(2, db.opened.get());
    assertEquals(1, db.open(), "only the connection in use is open");
    assertEquals(1, ds.stats().total());
    c.close();
  }

  @Test
  void anIdleConnectionIsValidatedOnlyAfterTheThresholdAndReplacedWhenInvalid() throws SQLException {
    FaultyDriver.Database db = database("validation");
    ManualTicker ticker = new ManualTicker();
    PooledDataSource ds = faulty(db, small().ticker(ticker).validateAfterIdle(Duration.ofSeconds(1)));
    ds.getConnection().close();
    ds.getConnection().close();
    assertEquals(0, db.validations.get());
    ticker.advance(Duration.ofSeconds(2));
    db.failingValidations.set(1); // the idle connection fails its check; its replacement would pass
    Connection c = assertTimeoutPreemptively(GUARD, () -> ds.getConnection());
    c.close();
    assertEquals(1, db.validations.get());
    assertEquals(2, db.opened.get(), "the invalid connection was replaced");
    assertEquals(1, db.closed.get());
  }

  @Test
  void aSlowQueryHoldsOnlyItsOwnConnection() throws Exception {
    FaultyDriver.Database db = database("slow");
    PooledDataSource ds = faulty(db, small().maxSize(2));
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    db.queryGate = gate;
    Future<?> slow = threads.submit(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("select pg_sleep(60)");
      }
      return null;
    });
    assertTimeoutPreemptively(GUARD, () -> {
      while (db.blockedQueries.get() == 0) {
        Thread.onSpinWait();
      }
    });
    db.queryGate = null;
    try (Connection c = assertTimeoutPreemptively(GUARD, () -> ds.getConnection()); Statement s = c.createStatement()) {
      s.execute("select 1");
    }
    gate.countDown();
    slow.get();
    assertEquals(2, ds.stats().idle());
  }

  @Test
  void builderRejectsBadConfiguration() {
    assertTrue(assertThrows(IllegalStateException.class, () -> PooledDataSource.builder().build())
        .getMessage().contains("exactly one of jdbcUrl and dataSource"));
    assertThrows(IllegalArgumentException.class, () -> PooledDataSource.builder().jdbcUrl("postgres://x"));
    PooledDataSource ds = h2(small());
    assertThrows(SQLFeatureNotSupportedException.class, () -> ds.getConnection("u", "p"));
  }

  @Test
  void aDataSourceCanBeTheSourceOfConnections() throws Exception {
    // by reflection: H2's JdbcDataSource needs java.naming, which this module does not read
    Class<?> type = Class.forName("org.h2.jdbcx.JdbcDataSource");
    javax.sql.DataSource h2 = (javax.sql.DataSource) type.getConstructor().newInstance();
    type.getMethod("setURL", String.class).invoke(h2, "jdbc:h2:mem:fromds;DB_CLOSE_DELAY=-1");
    PooledDataSource ds = PooledDataSource.builder().dataSource(h2).pool(small().build()).build();
    sources.add(ds);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
      rs.next();
      assertEquals(42, rs.getInt(1));
    }
  }
}
