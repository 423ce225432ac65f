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

  ConnectionAllocator(String url, Properties properties, DataSource source, Duration creationTimeout) {
    DriverTimeouts timeouts = DriverTimeouts.of(url, properties, creationTimeout);
    this.url = url;
    this.properties = timeouts.properties;
    this.resetNetworkTimeout = timeouts.resetNetworkTimeout;
    this.source = source;
    this.password = properties.getProperty("password");
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
      return new PhysicalConnection(raw);
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

  @Override
  public boolean validate(PhysicalConnection connection, Duration timeout) throws SQLException {
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    return connection.raw.isValid(seconds);
  }

  @Override
  public void destroy(PhysicalConnection connection) throws SQLException {
    connection.raw.close();
  }
}
