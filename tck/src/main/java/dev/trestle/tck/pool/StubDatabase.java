package dev.trestle.tck.pool;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database {@link DataSourceTck} pools: a {@link DataSource} of stub connections whose session
 * state, transactions and statements the kit can inspect, with faults on demand (connecting hangs;
 * the next statement fails with a given SQLState). Statements do no work: an {@code execute} with
 * autoCommit off counts as uncommitted work, which {@code commit} (or switching autoCommit on, as
 * JDBC says) commits and {@code rollback} discards. Thread-safe.
 */
public final class StubDatabase implements DataSource {

  /** What {@code unwrap} on a pooled connection should reach: the stub (driver) connection. */
  public interface Physical {
    /** The connection's number, from 1 in order of opening. */
    int id();
  }

  /** The observable state of one stub connection. */
  public static final class State {
    final int id;
    volatile boolean closed;
    volatile boolean autoCommit = true;
    volatile boolean readOnly;
    volatile int isolation = Connection.TRANSACTION_READ_COMMITTED;
    volatile String catalog = "stub";
    volatile String schema = "public";
    volatile int networkTimeout;
    volatile int uncommitted;
    volatile int committed;
    volatile int rollbacks;
    final List<Boolean> statementsClosed = new CopyOnWriteArrayList<>();

    State(int id) {
      this.id = id;
    }
  }

  private final AtomicInteger ids = new AtomicInteger();
  final List<State> connections = new CopyOnWriteArrayList<>();
  volatile CountDownLatch connectGate;
  volatile String failNextStatementWith;

  StubDatabase() {}

  int opened() {
    return connections.size();
  }

  int open() {
    return (int) connections.stream().filter(c -> !c.closed).count();
  }

  @Override
  public Connection getConnection() throws SQLException {
    CountDownLatch gate = connectGate;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while connecting", "08001", e);
      }
    }
    State state = new State(ids.incrementAndGet());
    connections.add(state);
    return (Connection) Proxy.newProxyInstance(StubDatabase.class.getClassLoader(),
        new Class<?>[] {Connection.class, Physical.class}, new ConnectionHandler(state));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final State s;

    ConnectionHandler(State state) {
      this.s = state;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "id": return s.id;
        case "hashCode": return System.identityHashCode(proxy);
        case "equals": return proxy == args[0];
        case "toString": return "StubConnection#" + s.id;
        case "close": s.closed = true; return null;
        case "isClosed": return s.closed;
        case "abort": s.closed = true; return null;
        case "isValid": return !s.closed;
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          throw new SQLException("not a wrapper for " + args[0]);
        case "isWrapperFor": return ((Class<?>) args[0]).isInstance(proxy);
        default:
      }
      if (s.closed) {
        throw new SQLException("connection closed", "08003");
      }
      switch (name) {
        case "getAutoCommit": return s.autoCommit;
        case "setAutoCommit":
          boolean on = (Boolean) args[0];
          if (on && !s.autoCommit) {
            commit(); // JDBC: switching autoCommit on commits the transaction in progress
          }
          s.autoCommit = on;
          return null;
        case "isReadOnly": return s.readOnly;
        case "setReadOnly": s.readOnly = (Boolean) args[0]; return null;
        case "getTransactionIsolation": return s.isolation;
        case "setTransactionIsolation": s.isolation = (Integer) args[0]; return null;
        case "getCatalog": return s.catalog;
        case "setCatalog": s.catalog = (String) args[0]; return null;
        case "getSchema": return s.schema;
        case "setSchema": s.schema = (String) args[0]; return null;
        case "getNetworkTimeout": return s.networkTimeout;
        case "setNetworkTimeout": s.networkTimeout = (Integer) args[1]; return null;
        case "commit": commit(); return null;
        case "rollback":
          if (args == null || args.length == 0) {
            s.uncommitted = 0;
            s.rollbacks++;
          }
          return null;
        case "getWarnings": return null;
        case "clearWarnings": return null;
        case "getHoldability": return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
        case "setHoldability": return null;
        case "createStatement":
        case "prepareStatement":
          int index = s.statementsClosed.size();
          s.statementsClosed.add(false);
          Class<?> type = name.equals("createStatement") ? Statement.class : java.sql.PreparedStatement.class;
          return Proxy.newProxyInstance(StubDatabase.class.getClassLoader(), new Class<?>[] {type},
              (p, m, a) -> statement(index, p, m, a));
        default:
          throw new SQLFeatureNotSupportedException("StubDatabase does not implement Connection." + name);
      }
    }

    private void commit() {
      s.committed += s.uncommitted;
      s.uncommitted = 0;
    }

    private Object statement(int index, Object proxy, Method method, Object[] args) throws SQLException {
      String name = method.getName();
      switch (name) {
        case "close": s.statementsClosed.set(index, true); return null;
        case "isClosed": return s.statementsClosed.get(index);
        case "hashCode": return System.identityHashCode(proxy);
        case "equals": return proxy == args[0];
        case "toString": return "StubStatement";
        case "setQueryTimeout":
        case "setFetchSize":
        case "setMaxRows":
        case "setEscapeProcessing":
          return null;
        case "getWarnings":
          return null;
        case "execute":
        case "executeUpdate":
          if (s.statementsClosed.get(index) || s.closed) {
            throw new SQLException("statement closed", "HY010");
          }
          String fail = failNextStatementWith;
          if (fail != null) {
            failNextStatementWith = null;
            throw new SQLException("injected failure " + fail, fail);
          }
          if (!s.autoCommit) {
            s.uncommitted++;
          } else {
            s.committed++;
          }
          return name.equals("execute") ? (Object) Boolean.FALSE : (Object) 1;
        default:
          throw new SQLFeatureNotSupportedException("StubDatabase does not implement Statement." + name);
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
