package dev.trestle.pool.jdbc;

import dev.trestle.pool.Lease;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a borrower gets from {@link PooledDataSource}. Closing it closes its open
 * statements, rolls back an unfinished transaction, restores the session settings the borrower
 * changed and gives the physical connection back; a connection that failed fatally (or could not be
 * cleaned) is evicted instead. Like a driver's connection, meant for one thread at a time.
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
  private final PhysicalConnection physical;
  private final Connection raw;
  private final String poolName;
  private List<Statement> open; // made on the first statement: a cycle without statements allocates none
  // plain fields: a connection is used by one thread at a time, as a driver's is
  private boolean closed;
  private boolean broken;
  private boolean autoCommit;
  private boolean transactionUsed;
  private int changed;

  ConnectionProxy(Lease<PhysicalConnection> lease, String poolName) {
    this.lease = lease;
    this.physical = lease.get();
    this.raw = physical.raw;
    this.poolName = poolName;
    this.autoCommit = physical.autoCommit;
  }

  @Override
  Connection delegate() throws SQLException {
    if (closed) {
      throw new SQLException("this pooled connection is closed", "08003");
    }
    return raw;
  }

  @Override
  Connection clientInfoDelegate() throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("this pooled connection is closed", "08003", 0, null);
    }
    return raw;
  }

  @Override
  SQLException failed(SQLException e) {
    if (!closed && !broken && SqlStates.isFatal(e)) {
      broken = true;
      LOG.warn("pool '{}': a connection failed with SQLState {} ({}); it will be evicted when closed", poolName,
          e.getSQLState(), e.getClass().getSimpleName());
    }
    return e;
  }

  void transactionUsed() {
    transactionUsed = true;
  }

  void forget(Statement statement) {
    if (open != null) {
      open.remove(statement);
    }
  }

  private <S extends Statement> S track(S statement, Class<S> type) {
    S proxy = StatementHandler.wrap(this, statement, type);
    if (open == null) {
      open = new ArrayList<>(4);
    }
    open.add(proxy);
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
    autoCommit = a0;
    transactionUsed = false;
    changed |= AUTO_COMMIT;
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    super.setReadOnly(a0);
    changed |= READ_ONLY;
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    super.setTransactionIsolation(a0);
    changed |= ISOLATION;
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    super.setCatalog(a0);
    changed |= CATALOG;
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    super.setSchema(a0);
    changed |= SCHEMA;
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    super.setNetworkTimeout(a0, a1);
    changed |= NETWORK_TIMEOUT;
  }

  @Override
  public void commit() throws SQLException {
    super.commit();
    transactionUsed = false;
  }

  @Override
  public void rollback() throws SQLException {
    super.rollback();
    transactionUsed = false;
  }

  // ---- lifecycle ----

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    if (a0 < 0) {
      throw new SQLException("timeout must be zero or positive, was " + a0, "22023");
    }
    return !closed && !broken && super.isValid(a0);
  }

  @Override
  public void abort(Executor a0) throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    broken = true;
    try {
      raw.abort(a0);
    } finally {
      lease.invalidate();
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    boolean clean = !broken;
    try {
      if (open != null) {
        for (Statement statement : open.toArray(new Statement[0])) {
          try {
            statement.close();
          } catch (SQLException e) {
            failed(e);
          }
        }
        open = null;
      }
      if (!broken) {
        if (!autoCommit && transactionUsed) {
          raw.rollback();
        }
        restore();
        raw.clearWarnings();
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SQLException) {
        failed((SQLException) e);
      }
      clean = false;
      LOG.warn("pool '{}': cleaning a returned connection failed ({}); it is evicted", poolName, e.getClass().getSimpleName());
    }
    if (clean && !broken) {
      lease.close();
    } else {
      lease.invalidate();
    }
  }

  private void restore() throws SQLException {
    if (changed == 0) {
      return;
    }
    if ((changed & AUTO_COMMIT) != 0 && autoCommit != physical.autoCommit) {
      if (!autoCommit) {
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
    if (a0.isInstance(delegate())) {
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
    return "PooledConnection[" + poolName + (closed ? ", closed]" : ", open]");
  }
}
