package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which deadline each driver is given, derived from creationTimeout; what the user set always wins. */
class DriverTimeoutsTest {

  private static Properties user(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void pgjdbcGetsTheCreationTimeoutAsLoginConnectAndHandshakeSocketTimeout() {
    DriverTimeouts t = DriverTimeouts.of("jdbc:postgresql://127.0.0.1/test", user("user", "app"), Duration.ofMillis(1500));
    assertEquals("1.5", t.properties.getProperty("loginTimeout"));
    assertEquals("2", t.properties.getProperty("connectTimeout"));
    assertEquals("2", t.properties.getProperty("socketTimeout"));
    assertEquals("app", t.properties.getProperty("user"));
    assertTrue(t.resetNetworkTimeout, "our socketTimeout is for the handshake only");
  }

  @Test
  void wholeSecondsAreNeverZero() {
    DriverTimeouts t = DriverTimeouts.of("jdbc:postgresql://h/db", user(), Duration.ofMillis(300));
    assertEquals("0.3", t.properties.getProperty("loginTimeout"));
    assertEquals("1", t.properties.getProperty("connectTimeout"));
  }

  @Test
  void propertiesTheUserSetWinInThePropertiesAndInTheUrl() {
    DriverTimeouts t = DriverTimeouts.of("jdbc:postgresql://h/db?connectTimeout=7&ssl=false",
        user("socketTimeout", "30"), Duration.ofSeconds(2));
    assertEquals("2", t.properties.getProperty("loginTimeout"));
    assertNull(t.properties.getProperty("connectTimeout"), "the URL's value is left to the driver");
    assertEquals("30", t.properties.getProperty("socketTimeout"));
    assertFalse(t.resetNetworkTimeout, "the user's socketTimeout stays");
  }

  @Test
  void otherDriversAreLeftToThePoolsDeadline() {
    Properties properties = user("user", "sa");
    DriverTimeouts t = DriverTimeouts.of("jdbc:h2:mem:x", properties, Duration.ofSeconds(2));
    assertSame(properties, t.properties);
    assertFalse(t.resetNetworkTimeout);
    assertSame(properties, DriverTimeouts.of(null, properties, Duration.ofSeconds(2)).properties);
  }
}
