package dev.trestle.pool.jdbc;

import dev.trestle.pool.Allocator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Makes physical connections from a JDBC URL and properties (through {@link DriverManager}) or from
 * another DataSource, validates them with {@link Connection#isValid(int)} and closes them. A
 * connection failure whose message would repeat the password is replaced by one with the password
 * masked and no cause, so no credential reaches a log or an exception.
 */
final class ConnectionAllocator implements Allocator<PhysicalConnection> {

  private final String url;
  private final Properties properties;
  private final boolean resetNetworkTimeout;
  private final DataSource source;
  private final String password;
  private final String poolName;

  ConnectionAllocator(String url, Properties properties, DataSource source, Duration creationTimeout, String poolName) {
    DriverTimeouts timeouts = DriverTimeouts.of(url, properties, creationTimeout);
    this.url = url;
    this.properties = timeouts.properties;
    this.resetNetworkTimeout = timeouts.resetNetworkTimeout;
    this.source = source;
    this.password = properties.getProperty("password");
    this.poolName = poolName;
  }

  @Override
  public PhysicalConnection create() throws SQLException {
    Connection raw;
    try {
      raw = source != null ? source.getConnection() : DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw masked(e);
    }
    if (raw == null) {
      throw new SQLException("the driver returned no connection (does it accept the URL?)", "08001");
    }
    try {
      if (resetNetworkTimeout) {
        raw.setNetworkTimeout(Runnable::run, 0); // the handshake's socketTimeout was ours: queries get none
      }
      return new PhysicalConnection(raw, poolName);
    } catch (SQLException | RuntimeException e) {
      try {
        raw.close();
      } catch (SQLException ignored) {
        // the connection is already unusable
      }
      throw e;
    }
  }

  private SQLException masked(SQLException e) {
    if (password == null || password.isEmpty() || !mentionsPassword(e)) {
      return e;
    }
    return new SQLException(String.valueOf(e.getMessage()).replace(password, "****"), e.getSQLState(), e.getErrorCode());
  }

  private boolean mentionsPassword(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(password)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * {@link Connection#isValid(int)} takes whole seconds; a timeout that is not one (the pool cuts it to
   * what is left of the borrower's wait) is also set as the network timeout for the check, which
   * bounds it on drivers that honour both (pgjdbc keeps the shorter), and set back after it.
   */
  @Override
  public boolean validate(PhysicalConnection connection, Duration timeout) throws SQLException {
    long millis = Math.max(1, timeout.toMillis());
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    if (millis % 1000 == 0 || connection.networkTimeout != 0 && connection.networkTimeout <= millis) {
      return connection.raw.isValid(seconds);
    }
    try {
      connection.raw.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, millis));
    } catch (SQLException | AbstractMethodError | UnsupportedOperationException unsupported) {
      return connection.raw.isValid(seconds);
    }
    try {
      return connection.raw.isValid(seconds);
    } finally {
      connection.raw.setNetworkTimeout(Runnable::run, connection.networkTimeout);
    }
  }

  @Override
  public void destroy(PhysicalConnection connection) throws SQLException {
    connection.raw.close();
  }
}
