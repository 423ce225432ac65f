package dev.trestle.tck.pool;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small, correct pooled DataSource (a semaphore of maxSize permits, a queue of idle connections,
 * connecting on a helper thread, dynamic-proxy connections that clean up on close) with one
 * deliberate fault switched on; the kit's self-test checks each is caught by the rule it breaks.
 */
final class FaultyDataSource implements DataSource, AutoCloseable {

  enum Fault {
    /** Restores autoCommit without rolling back first, which commits the borrower's unfinished work. */
    NO_ROLLBACK,
    /** Gives the connection back as the borrower left it. */
    NO_STATE_RESET,
    /** Gives a connection back even after it failed with a fatal SQLState. */
    RETURNS_FATAL,
    /** Leaves the borrower's open statements open. */
    LEAVES_STATEMENTS_OPEN,
    /** Closes the physical connection on close() instead of keeping it for the next borrower. */
    NO_REUSE,
    /** Lets calls through to the physical connection after close(). */
    USABLE_AFTER_CLOSE,
    /** Evicts a connection after any SQLException, fatal or not. */
    EVICTS_ON_ANY_FAILURE,
    /** Hides the driver's connection: unwrap and isWrapperFor see only the proxy. */
    HIDES_DRIVER,
    /** Connects on the borrower's thread, so a hanging connect hangs getConnection past its timeout. */
    CONNECTS_ON_CALLER,
    /** Rolls back only read-write connections, then switches autoCommit on: a read-only transaction commits. */
    NO_ROLLBACK_WHEN_READ_ONLY
  }

  private final Fault fault;
  private final DataSource target;
  private final Semaphore permits;
  private final Duration timeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ExecutorService connector = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "faulty-ds-connector");
    thread.setDaemon(true);
    return thread;
  });

  FaultyDataSource(Fault fault, DataSource target, DataSourceSpec spec) {
    this.fault = fault;
    this.target = target;
    this.permits = new Semaphore(spec.maxSize(), true);
    this.timeout = spec.acquireTimeout();
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLException("timed out", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", "08001", e);
    }
    Connection raw;
    lock.lock();
    try {
      raw = idle.poll();
    } finally {
      lock.unlock();
    }
    if (raw == null && fault == Fault.CONNECTS_ON_CALLER) {
      raw = target.getConnection();
    }
    if (raw == null) {
      Future<Connection> connecting = connector.submit((java.util.concurrent.Callable<Connection>) target::getConnection);
      try {
        raw = connecting.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
        permits.release();
        throw new SQLException("could not connect in time", "08001", e);
      }
    }
    Connection physical = raw;
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new Handler(physical));
  }

  private final class Handler implements InvocationHandler {
    final Connection raw;
    final List<Statement> open = new ArrayList<>();
    final boolean autoCommit;
    final boolean readOnly;
    final int isolation;
    final String catalog;
    final String schema;
    final int networkTimeout;
    boolean closed;
    boolean fatal;

    Handler(Connection raw) throws SQLException {
      this.raw = raw;
      this.autoCommit = raw.getAutoCommit();
      this.readOnly = raw.isReadOnly();
      this.isolation = raw.getTransactionIsolation();
      this.catalog = raw.getCatalog();
      this.schema = raw.getSchema();
      this.networkTimeout = raw.getNetworkTimeout();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("close")) {
        if (!closed) {
          closed = true;
          giveBack();
        }
        return null;
      }
      if (name.equals("isClosed")) {
        return closed;
      }
      if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(raw) && fault != Fault.HIDES_DRIVER) {
        return raw;
      }
      if (name.equals("isWrapperFor")) {
        return fault != Fault.HIDES_DRIVER && ((Class<?>) args[0]).isInstance(raw);
      }
      if (name.equals("unwrap") && fault == Fault.HIDES_DRIVER) {
        throw new SQLException("not a wrapper for " + args[0]);
      }
      if (closed && fault != Fault.USABLE_AFTER_CLOSE) {
        throw new SQLException("closed", "08003");
      }
      try {
        Object result = method.invoke(raw, args);
        if (result instanceof Statement) {
          Statement statement = (Statement) result;
          open.add(statement);
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {method.getReturnType()},
              (p, m, a) -> {
                try {
                  return m.invoke(statement, a);
                } catch (InvocationTargetException e) {
                  noteFailure(e.getCause());
                  throw e.getCause();
                }
              });
        }
        return result;
      } catch (InvocationTargetException e) {
        noteFailure(e.getCause());
        throw e.getCause();
      }
    }

    private void noteFailure(Throwable failure) {
      if (failure instanceof SQLException) {
        String state = ((SQLException) failure).getSQLState();
        if (fault == Fault.EVICTS_ON_ANY_FAILURE || state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          fatal = true;
        }
      }
    }

    private void giveBack() throws SQLException {
      try {
        if (fatal && fault != Fault.RETURNS_FATAL || fault == Fault.NO_REUSE) {
          raw.close();
          return;
        }
        if (fault != Fault.LEAVES_STATEMENTS_OPEN) {
          for (Statement statement : open) {
            statement.close();
          }
        }
        if (!raw.getAutoCommit() && fault != Fault.NO_ROLLBACK
            && !(fault == Fault.NO_ROLLBACK_WHEN_READ_ONLY && raw.isReadOnly())) {
          raw.rollback();
        }
        if (fault != Fault.NO_STATE_RESET) {
          raw.setAutoCommit(autoCommit);
          raw.setReadOnly(readOnly);
          raw.setTransactionIsolation(isolation);
          raw.setCatalog(catalog);
          raw.setSchema(schema);
          raw.setNetworkTimeout(Runnable::run, networkTimeout);
        } else if (fault == Fault.NO_STATE_RESET) {
          // the fault: nothing restored
        }
        if (fault == Fault.NO_ROLLBACK) {
          raw.setAutoCommit(autoCommit); // commits the borrower's unfinished work
        }
        lock.lock();
        try {
          idle.add(raw);
        } finally {
          lock.unlock();
        }
      } finally {
        permits.release();
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connector.shutdownNow();
    lock.lock();
    try {
      for (Connection connection : idle) {
        connection.close();
      }
      idle.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
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

  @Override
  public String toString() {
    return "FaultyDataSource(" + fault + ")";
  }
}
