package dev.trestle.pool.jdbc;

import dev.trestle.pool.Lease;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a borrower gets from {@link PooledDataSource}. Closing it closes its open
 * statements, rolls back an unfinished transaction, restores the session settings the borrower
 * changed and gives the physical connection back; a connection that failed fatally (or could not be
 * cleaned) is evicted instead. Like a driver's connection, meant for one thread at a time.
 *
 * <p>The handle is its lease and nothing else (16 bytes): it is open exactly as long as the lease is,
 * so a handle closed once stays closed (and refuses every call) even after its physical connection
 * is lent again, under another lease. What the borrower does to the session is kept in the
 * {@link PhysicalConnection}, reached only through the open lease.
 */
final class ConnectionProxy extends DelegatingConnection {

  private static final Logger LOG = LoggerFactory.getLogger(PooledDataSource.class);

  private static final int AUTO_COMMIT = 1;
  private static final int READ_ONLY = 2;
  private static final int ISOLATION = 4;
  private static final int CATALOG = 8;
  private static final int SCHEMA = 16;
  private static final int NETWORK_TIMEOUT = 32;

  private final Lease<PhysicalConnection> lease;

  ConnectionProxy(Lease<PhysicalConnection> lease) {
    this.lease = lease;
  }

  /** The physical connection while this handle is open, else null. */
  private PhysicalConnection session() {
    if (!lease.isOpen()) {
      return null; // without get()'s exception: closing twice is common and must stay cheap
    }
    try {
      return lease.get();
    } catch (IllegalStateException ended) {
      return null; // ended by another thread just now (misuse, but no reason to fail differently)
    }
  }

  private PhysicalConnection openSession() throws SQLException {
    PhysicalConnection physical = session();
    if (physical == null) {
      throw new SQLException("this pooled connection is closed", "08003");
    }
    return physical;
  }

  @Override
  Connection delegate() throws SQLException {
    return openSession().raw;
  }

  @Override
  Connection clientInfoDelegate() throws SQLClientInfoException {
    PhysicalConnection physical = session();
    if (physical == null) {
      throw new SQLClientInfoException("this pooled connection is closed", "08003", 0, null);
    }
    return physical.raw;
  }

  @Override
  SQLException failed(SQLException e) {
    PhysicalConnection physical = session();
    if (physical != null && !physical.broken && SqlStates.isFatal(e)) {
      physical.broken = true;
      LOG.warn("pool '{}': a connection failed with SQLState {} ({}); it will be evicted when closed", physical.poolName,
          e.getSQLState(), e.getClass().getSimpleName());
    }
    return e;
  }

  /** A statement of this handle executed: closing must roll back if autoCommit is off. */
  void transactionUsed() {
    PhysicalConnection physical = session();
    if (physical != null) {
      physical.transactionUsed = true;
    }
  }

  /** A statement of this handle closed; a statement of a closed handle was forgotten with it. */
  void forget(Statement statement) {
    PhysicalConnection physical = session();
    if (physical != null) {
      physical.forget(statement);
    }
  }

  private <S extends Statement> S track(S statement, Class<S> type) throws SQLException {
    S proxy = StatementHandler.wrap(this, statement, type);
    openSession().opened(proxy);
    return proxy;
  }

  // ---- statements ----

  @Override
  public Statement createStatement() throws SQLException {
    return track(super.createStatement(), Statement.class);
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    return track(super.createStatement(a0, a1), Statement.class);
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    return track(super.createStatement(a0, a1, a2), Statement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    return track(super.prepareStatement(a0), PreparedStatement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    return track(super.prepareStatement(a0, a1), PreparedStatement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    return track(super.prepareStatement(a0, a1), PreparedStatement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    return track(super.prepareStatement(a0, a1), PreparedStatement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    return track(super.prepareStatement(a0, a1, a2), PreparedStatement.class);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    return track(super.prepareStatement(a0, a1, a2, a3), PreparedStatement.class);
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    return track(super.prepareCall(a0), CallableStatement.class);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    return track(super.prepareCall(a0, a1, a2), CallableStatement.class);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    return track(super.prepareCall(a0, a1, a2, a3), CallableStatement.class);
  }

  // ---- session state ----

  @Override
  public void setAutoCommit(boolean a0) throws SQLException {
    super.setAutoCommit(a0);
    PhysicalConnection physical = openSession();
    physical.sessionAutoCommit = a0;
    physical.transactionUsed = false;
    physical.changed |= AUTO_COMMIT;
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    super.setReadOnly(a0);
    openSession().changed |= READ_ONLY;
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    super.setTransactionIsolation(a0);
    openSession().changed |= ISOLATION;
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    super.setCatalog(a0);
    openSession().changed |= CATALOG;
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    super.setSchema(a0);
    openSession().changed |= SCHEMA;
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    super.setNetworkTimeout(a0, a1);
    openSession().changed |= NETWORK_TIMEOUT;
  }

  @Override
  public void commit() throws SQLException {
    super.commit();
    openSession().transactionUsed = false;
  }

  @Override
  public void rollback() throws SQLException {
    super.rollback();
    openSession().transactionUsed = false;
  }

  // ---- lifecycle ----

  @Override
  public boolean isClosed() {
    return !lease.isOpen();
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    if (a0 < 0) {
      throw new SQLException("timeout must be zero or positive, was " + a0, "22023");
    }
    PhysicalConnection physical = session();
    return physical != null && !physical.broken && super.isValid(a0);
  }

  @Override
  public void abort(Executor a0) throws SQLException {
    PhysicalConnection physical = session();
    if (physical == null) {
      return;
    }
    physical.broken = true;
    try {
      physical.raw.abort(a0);
    } finally {
      lease.invalidate();
    }
  }

  /**
   * Cleans the session and ends the lease, which is what makes this handle closed: until then the
   * borrower's own thread is the only one that can reach the physical connection.
   */
  @Override
  public void close() throws SQLException {
    PhysicalConnection physical = session();
    if (physical == null) {
      return;
    }
    Connection raw = physical.raw;
    boolean clean = !physical.broken;
    try {
      Statement[] statements = physical.takeOpen();
      if (statements != null) {
        for (Statement statement : statements) {
          try {
            statement.close();
          } catch (SQLException e) {
            failed(e);
          }
        }
      }
      if (!physical.broken) {
        if (!physical.sessionAutoCommit && physical.transactionUsed) {
          raw.rollback();
        }
        restore(physical);
        raw.clearWarnings();
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SQLException) {
        failed((SQLException) e);
      }
      clean = false;
      LOG.warn("pool '{}': cleaning a returned connection failed ({}); it is evicted", physical.poolName,
          e.getClass().getSimpleName());
    }
    if (clean && !physical.broken) {
      physical.fresh();
      lease.close();
    } else {
      lease.invalidate();
    }
  }

  private static void restore(PhysicalConnection physical) throws SQLException {
    int changed = physical.changed;
    if (changed == 0) {
      return;
    }
    Connection raw = physical.raw;
    if ((changed & AUTO_COMMIT) != 0 && physical.sessionAutoCommit != physical.autoCommit) {
      if (!physical.sessionAutoCommit) {
        raw.rollback(); // whatever the statements did was never committed: setAutoCommit(true) would commit it
      }
      raw.setAutoCommit(physical.autoCommit);
    }
    if ((changed & READ_ONLY) != 0) {
      raw.setReadOnly(physical.readOnly);
    }
    if ((changed & ISOLATION) != 0) {
      raw.setTransactionIsolation(physical.isolation);
    }
    if ((changed & CATALOG) != 0 && physical.catalog != null && !Objects.equals(raw.getCatalog(), physical.catalog)) {
      raw.setCatalog(physical.catalog);
    }
    if ((changed & SCHEMA) != 0 && physical.schema != null && !Objects.equals(raw.getSchema(), physical.schema)) {
      raw.setSchema(physical.schema);
    }
    if ((changed & NETWORK_TIMEOUT) != 0) {
      raw.setNetworkTimeout(Runnable::run, physical.networkTimeout);
    }
  }

  // ---- wrapping ----

  @Override
  public <T> T unwrap(Class<T> a0) throws SQLException {
    if (a0 == null) {
      throw new SQLException("interface must not be null", "22023");
    }
    if (a0.isInstance(this)) {
      return a0.cast(this);
    }
    Connection raw = delegate();
    if (a0.isInstance(raw)) {
      return a0.cast(raw);
    }
    return super.unwrap(a0);
  }

  @Override
  public boolean isWrapperFor(Class<?> a0) throws SQLException {
    if (a0 == null) {
      return false;
    }
    return a0.isInstance(this) || a0.isInstance(delegate()) || super.isWrapperFor(a0);
  }

  @Override
  public String toString() {
    PhysicalConnection physical = session();
    return physical == null ? "PooledConnection[closed]" : "PooledConnection[" + physical.poolName + ", open]";
  }
}
