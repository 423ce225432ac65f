package dev.trestle.tck.pool;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC {@link Driver} that connects through a {@link DataSource}, so that a pool which only takes a
 * driver and a URL (DBCP2's {@code BasicDataSource}) can pool the kit's {@link StubDatabase}. It
 * accepts only its own {@link #URL}, ignores the user and password it is given, and is never
 * registered with {@code DriverManager}: the pool receives the instance directly. Thread-safe if the
 * target is.
 */
final class DataSourceDriver implements Driver {

  /** The one URL this driver accepts. */
  static final String URL = "jdbc:trestle-tck:stub";

  private final DataSource target;

  DataSourceDriver(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    // JDBC: a driver asked for a URL it does not serve answers null, so that another may be tried.
    return acceptsURL(url) ? target.getConnection() : null;
  }

  @Override
  public boolean acceptsURL(String url) {
    return URL.equals(url);
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
    return false; // the stub implements only what the kit needs
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("DataSourceDriver does not log");
  }
}
