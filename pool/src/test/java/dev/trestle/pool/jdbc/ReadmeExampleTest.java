package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's pool example, kept compiling and true. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleWorks() throws Exception {
    // Load and start H2 once outside the example: on a loaded machine its first connection (class
    // loading, engine start) can take longer than the example's 2 s acquire timeout.
    try (Connection warm = java.sql.DriverManager.getConnection("jdbc:h2:mem:readme-warmup", "sa", "")) {
      warm.isValid(1);
    }
    PooledDataSource ds = PooledDataSource.builder()
        .jdbcUrl("jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1")
        .username("sa").password("")
        .pool(PoolConfig.builder()
            .name("orders")
            .maxSize(8)                                        // at most 8 connections, counting those being opened
            .acquireTimeout(Duration.ofSeconds(2))             // getConnection() fails within 2 s, whatever the database does
            .maxLifetime(Duration.ofMinutes(30))               // retired when idle past 30 min (minus up to 2.5% jitter)
            .validateAfterIdle(Duration.ofMillis(500))         // isValid() only for connections idle longer than this
            .leakDetectionThreshold(Duration.ofMinutes(1))     // a lease held longer is logged once, with its stack
            .build())
        .build();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    } // returned: rolled back if a transaction was left open, session settings restored
    PoolStats stats = ds.stats();
    assertEquals(1, stats.total());
    assertEquals(1, stats.acquires());
    assertEquals(0, stats.timeouts()); // the first acquire waited for the connection to be made: a real wait
    ds.shutdown(Duration.ofSeconds(10));
  }
}
