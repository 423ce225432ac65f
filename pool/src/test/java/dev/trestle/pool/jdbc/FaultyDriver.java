package dev.trestle.pool.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A JDBC driver for the tests that injects faults: URLs {@code jdbc:faulty:NAME} reach the
 * {@link Database} registered as NAME, whose switches make connecting fail or hang, validation fail,
 * queries throw a given SQLState, or queries block until released (a slow database).
 */
final class FaultyDriver implements Driver {

  private static final FaultyDriver INSTANCE = new FaultyDriver();
  private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One fake database and its fault switches. */
  static final class Database {
    final String url;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger rollbacks = new AtomicInteger();
    volatile SQLException connectFailure;
    volatile CountDownLatch connectGate;
    /** How many connects have taken {@link #connectGate} and wait on it (or waited). */
    final AtomicInteger gatedConnects = new AtomicInteger();
    volatile boolean valid = true;
    /** The next this many validations fail, whatever {@link #valid} says: a fault that heals by itself. */
    final AtomicInteger failingValidations = new AtomicInteger();
    volatile String queryFailureState;
    volatile CountDownLatch queryGate;
    final AtomicInteger blockedQueries = new AtomicInteger();

    Database(String name) {
      this.url = "jdbc:faulty:" + name;
    }

    int open() {
      return opened.get() - closed.get();
    }
  }

  static Database database(String name) {
    Database db = new Database(name);
    DATABASES.put(name, db);
    return db;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Database db = DATABASES.get(url.substring("jdbc:faulty:".length()));
    if (db == null) {
      throw new SQLException("no such database: " + url, "08001");
    }
    CountDownLatch gate = db.connectGate;
    if (gate != null) {
      db.gatedConnects.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while connecting", "08001");
      }
    }
    SQLException failure = db.connectFailure;
    if (failure != null) {
      throw failure;
    }
    db.opened.incrementAndGet();
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new FakeConnection(db));
  }

  /** The state of one fake connection. */
  static final class FakeConnection implements java.lang.reflect.InvocationHandler {
    final Database db;
    boolean closed;
    boolean autoCommit = true;
    boolean readOnly;
    int isolation = Connection.TRANSACTION_READ_COMMITTED;
    String schema = "PUBLIC";
    String catalog = "TEST";
    int networkTimeout;

    FakeConnection(Database db) {
      this.db = db;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          if (!closed) {
            closed = true;
            db.closed.incrementAndGet();
          }
          return null;
        case "isClosed": return closed;
        case "isValid":
          db.validations.incrementAndGet();
          boolean failing = db.failingValidations.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
          return !closed && db.valid && !failing;
        case "getAutoCommit": return autoCommit;
        case "setAutoCommit": autoCommit = (Boolean) args[0]; return null;
        case "isReadOnly": return readOnly;
        case "setReadOnly": readOnly = (Boolean) args[0]; return null;
        case "getTransactionIsolation": return isolation;
        case "setTransactionIsolation": isolation = (Integer) args[0]; return null;
        case "getSchema": return schema;
        case "setSchema": schema = (String) args[0]; return null;
        case "getCatalog": return catalog;
        case "setCatalog": catalog = (String) args[0]; return null;
        case "getNetworkTimeout": return networkTimeout;
        case "setNetworkTimeout": networkTimeout = (Integer) args[1]; return null;
        case "rollback": db.rollbacks.incrementAndGet(); return null;
        case "commit":
        case "clearWarnings":
          return null;
        case "createStatement":
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, this::statement);
        case "hashCode": return System.identityHashCode(proxy);
        case "equals": return proxy == args[0];
        case "toString": return "FakeConnection";
        case "isWrapperFor": return false;
        default:
          throw new SQLFeatureNotSupportedException(method.getName());
      }
    }

    private Object statement(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "execute":
        case "executeUpdate":
          CountDownLatch gate = db.queryGate;
          if (gate != null) {
            db.blockedQueries.incrementAndGet();
            gate.await();
          }
          String state = db.queryFailureState;
          if (state != null) {
            throw new SQLException("injected failure", state);
          }
          return method.getName().equals("execute") ? (Object) Boolean.FALSE : (Object) 0;
        case "close": return null;
        case "hashCode": return System.identityHashCode(proxy);
        case "equals": return proxy == args[0];
        default:
          throw new SQLFeatureNotSupportedException(method.getName());
      }
    }
  }

  static FakeConnection state(Connection physical) {
    return (FakeConnection) Proxy.getInvocationHandler(physical);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith("jdbc:faulty:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  static void touch() {
    // loads the class, which registers the driver
  }

}
