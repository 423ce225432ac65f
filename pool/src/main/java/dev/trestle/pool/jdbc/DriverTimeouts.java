package dev.trestle.pool.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Properties;

/**
 * The pool's creationTimeout, given to the drivers that take a connect deadline as a property, so
 * that a connection attempt to a server that never answers ends in the driver (its socket closed,
 * its thread gone) and not only in the pool. Properties the user set, in the properties or in the
 * URL, always win.
 *
 * <p>PostgreSQL (pgjdbc, {@code jdbc:postgresql:}): {@code loginTimeout} (seconds, fractions
 * allowed) = creationTimeout; {@code connectTimeout} (whole seconds) = creationTimeout rounded up;
 * {@code socketTimeout} (whole seconds) = the same, for the handshake only: once the connection is
 * made its network timeout is set back to 0, so no query is ever cut by a timeout the user did not
 * ask for. Other drivers are bounded by the pool's own deadline alone.
 */
final class DriverTimeouts {

  private static final String PGJDBC = "jdbc:postgresql:";

  /** The properties to connect with. */
  final Properties properties;
  /** Whether the connection's network timeout must be set back to 0 once it is made. */
  final boolean resetNetworkTimeout;

  private DriverTimeouts(Properties properties, boolean resetNetworkTimeout) {
    this.properties = properties;
    this.resetNetworkTimeout = resetNetworkTimeout;
  }

  static DriverTimeouts of(String url, Properties userProperties, Duration creationTimeout) {
    if (url == null || !url.startsWith(PGJDBC)) {
      return new DriverTimeouts(userProperties, false);
    }
    Properties properties = new Properties();
    userProperties.stringPropertyNames().forEach(key -> properties.setProperty(key, userProperties.getProperty(key)));
    String wholeSeconds = Long.toString(Math.max(1, (creationTimeout.toMillis() + 999) / 1000));
    setUnlessGiven(url, properties, "loginTimeout",
        BigDecimal.valueOf(Math.max(1, creationTimeout.toMillis())).movePointLeft(3).stripTrailingZeros().toPlainString());
    setUnlessGiven(url, properties, "connectTimeout", wholeSeconds);
    boolean socketTimeoutOurs = setUnlessGiven(url, properties, "socketTimeout", wholeSeconds);
    return new DriverTimeouts(properties, socketTimeoutOurs);
  }

  private static boolean setUnlessGiven(String url, Properties properties, String key, String value) {
    if (properties.getProperty(key) != null || inUrl(url, key)) {
      return false;
    }
    properties.setProperty(key, value);
    return true;
  }

  private static boolean inUrl(String url, String key) {
    int query = url.indexOf('?');
    if (query < 0) {
      return false;
    }
    for (String parameter : url.substring(query + 1).split("&")) {
      if (parameter.startsWith(key + "=")) {
        return true;
      }
    }
    return false;
  }
}
