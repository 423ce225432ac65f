package dev.trestle.pool.jdbc;

import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolException;
import dev.trestle.pool.PoolStats;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC {@link DataSource} that lends pooled connections, on top of an {@link ObjectPool}.
 *
 * <p>Configured from a JDBC URL and properties (connections come from {@link java.sql.DriverManager})
 * or from another DataSource, plus a {@link PoolConfig} for sizes and timeouts.
 *
 * <h2>Contract of the connections it lends</h2>
 *
 * <ul>
 *   <li>{@code close()} gives the connection back; closing twice is harmless; every other method of a
 *       closed connection throws {@link SQLException} (SQLState 08003).
 *   <li>On close: open statements are closed, an unfinished transaction (autoCommit off, statements
 *       executed, no commit or rollback since) is rolled back, and autoCommit, readOnly, transaction
 *       isolation, catalog, schema and network timeout are restored if the borrower changed them.
 *   <li>A connection that threw a fatal error (SQLState class 08, 57P01-57P03, 01002, JZ0C0/1, or a
 *       {@code SQLNonTransientConnectionException}/{@code SQLRecoverableException}), or whose cleaning
 *       failed, is evicted and destroyed instead of being lent again.
 *   <li>{@code unwrap}/{@code isWrapperFor} see the pooled connection and, through it, the driver's.
 *   <li>An idle connection is validated with {@link Connection#isValid(int)} only when it has been
 *       idle longer than the pool's {@code validateAfterIdle}.
 *   <li>{@link #getConnection()} fails with {@link SQLTransientConnectionException} (SQLState 08001)
 *       within the pool's {@code acquireTimeout}, whatever the database does; its cause is the
 *       {@link PoolException}, whose cause is the last connection failure. No message or log line
 *       ever holds the password.
 *   <li>Making a connection is bounded by the pool's {@code creationTimeout}: past it the attempt
 *       frees its slot and a connection that arrives later is closed. PostgreSQL's driver is also
 *       given the deadline ({@code loginTimeout}, {@code connectTimeout}, and {@code socketTimeout}
 *       for the handshake only), so it gives up and closes the socket itself; a property you set wins.
 * </ul>
 *
 * <p>Thread-safe; the connections it lends are meant for one thread at a time, as a driver's are.
 */
public final class PooledDataSource implements DataSource, AutoCloseable {

  private final ObjectPool<PhysicalConnection> pool;
  private final String name;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  private PooledDataSource(ConnectionAllocator allocator, PoolConfig config) {
    this.pool = ObjectPool.create(allocator, config);
    this.name = config.name();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Lease<PhysicalConnection> lease;
    try {
      lease = pool.acquire();
    } catch (PoolException e) {
      throw new SQLTransientConnectionException(e.getMessage(), "08001", e);
    }
    return new ConnectionProxy(lease);
  }

  /**
   * Not supported: every pooled connection uses the credentials the pool was configured with.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("PooledDataSource '" + name
        + "' lends connections made with its configured credentials only; use getConnection()");
  }

  /** Returns a snapshot of the pool's counts and wait times. */
  public PoolStats stats() {
    return pool.stats();
  }

  /** Returns the configuration of the pool under this data source (its name, sizes and timeouts). */
  public PoolConfig config() {
    return pool.config();
  }

  /** Closes the pool at once: idle connections are closed now, lent ones when they are given back. */
  @Override
  public void close() {
    pool.close();
  }

  /**
   * Closes the pool gracefully, waiting at most {@code timeout} for lent connections to come back.
   *
   * @return whether every connection came back in time
   */
  public boolean shutdown(Duration timeout) {
    return pool.shutdown(timeout);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /**
   * Recorded for {@link #getLoginTimeout()} only: the pool's acquireTimeout bounds {@link #getConnection()},
   * its creationTimeout each connection attempt.
   */
  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("PooledDataSource logs through SLF4J, not java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface != null && iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("PooledDataSource is not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface != null && iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "PooledDataSource[" + name + ", " + pool.stats() + "]";
  }

  /** Builds a {@link PooledDataSource}. Not thread-safe. */
  public static final class Builder {
    private String url;
    private final Properties properties = new Properties();
    private DataSource source;
    private PoolConfig config = PoolConfig.builder().name("datasource").build();

    private Builder() {}

    /**
     * Sets the JDBC URL connections are made from (through DriverManager).
     *
     * @throws IllegalArgumentException if {@code url} does not start with {@code jdbc:}
     */
    public Builder jdbcUrl(String url) {
      if (url == null) {
        throw new NullPointerException("jdbcUrl must not be null");
      }
      if (!url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:', was a URL starting with '"
            + url.substring(0, Math.min(url.length(), 8)) + "'");
      }
      this.url = url;
      return this;
    }

    /** Sets a driver property (for example {@code connectTimeout}). */
    public Builder property(String key, String value) {
      if (key == null) {
        throw new NullPointerException("property key must not be null");
      }
      if (value == null) {
        throw new NullPointerException("value of property '" + key + "' must not be null");
      }
      properties.setProperty(key, value);
      return this;
    }

    /** Adds every entry of {@code driverProperties}. */
    public Builder properties(Properties driverProperties) {
      if (driverProperties == null) {
        throw new NullPointerException("properties must not be null");
      }
      driverProperties.stringPropertyNames().forEach(key -> properties.setProperty(key, driverProperties.getProperty(key)));
      return this;
    }

    /** Sets the user name (the driver property {@code user}). */
    public Builder username(String user) {
      return property("user", user);
    }

    /** Sets the password (the driver property {@code password}); it never appears in messages or logs. */
    public Builder password(String password) {
      return property("password", password);
    }

    /** Makes connections with {@code dataSource.getConnection()} instead of a JDBC URL. */
    public Builder dataSource(DataSource dataSource) {
      if (dataSource == null) {
        throw new NullPointerException("dataSource must not be null");
      }
      this.source = dataSource;
      return this;
    }

    /** Sets the pool's sizes and timeouts. */
    public Builder pool(PoolConfig config) {
      if (config == null) {
        throw new NullPointerException("pool config must not be null");
      }
      this.config = config;
      return this;
    }

    /**
     * Returns the data source; with the pool's failFast set, opens its first connections now.
     *
     * @throws IllegalStateException unless exactly one of jdbcUrl and dataSource is set
     * @throws PoolException if failFast is set and no connection can be made
     */
    public PooledDataSource build() {
      if ((url == null) == (source == null)) {
        throw new IllegalStateException("set exactly one of jdbcUrl and dataSource, was "
            + (url == null ? "neither" : "both"));
      }
      return new PooledDataSource(new ConnectionAllocator(url, properties, source, config.creationTimeout(), config.name()), config);
    }
  }
}
