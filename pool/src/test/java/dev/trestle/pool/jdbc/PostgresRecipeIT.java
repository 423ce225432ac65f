package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The README's recipe "PooledDataSource with PostgreSQL", run against the real server on
 * 127.0.0.1:5432 (services profile). The code between the markers is the README's; the test
 * connects as postgres, else as root, to database test.
 */
class PostgresRecipeIT {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private static String user() throws SQLException {
    SQLException last = null;
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection(URL, user, "")) {
        return user;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }

  @Test
  void theRecipeRunsOnPostgresql() throws Exception {
    String user = user();
    String password = "";
    String table = "recipe_" + UUID.randomUUID().toString().substring(0, 8);
    // README begins
    PooledDataSource ds = PooledDataSource.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/test")
        .username(user).password(password)
        .property("ApplicationName", "orders-service")  // names the connections in pg_stat_activity
        .property("connectTimeout", "5")                // seconds: a dead host fails a connect, not a thread
        .property("socketTimeout", "30")                // seconds: a query stuck on a dead socket ends
        .property("tcpKeepAlive", "true")
        .property("reWriteBatchedInserts", "true")      // executeBatch as multi-row inserts
        .pool(PoolConfig.builder()
            .name("orders")
            .maxSize(8)                                 // cores x 2 is plenty: PostgreSQL runs a process per connection
            .acquireTimeout(Duration.ofSeconds(2))
            .maxLifetime(Duration.ofMinutes(30))        // under the server's or a proxy's idle limits
            .validateAfterIdle(Duration.ofSeconds(1))
            .build())
        .build();

    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table " + table + " (id bigint primary key, sku text not null)");
    }
    // A transaction: commit or roll back before close; a connection returned mid-transaction is rolled back.
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into " + table + " (id, sku) values (?, ?)")) {
        for (int id = 1; id <= 100; id++) {
          insert.setLong(1, id);
          insert.setString(2, "sku-" + id);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
    // Under a caller's deadline, getConnection() waits no longer than what is left of it.
    long rows = Deadline.after(Duration.ofMillis(500)).call(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
    PoolStats stats = ds.stats();                   // total/active/idle/waiting, timeouts, waitTime(0.999)
    ds.shutdown(Duration.ofSeconds(10));            // on application stop: waits for leases, then closes
    // README ends

    assertEquals(100, rows);
    assertEquals(0, stats.timeouts());
    assertTrue(stats.total() >= 1 && stats.total() <= 8, stats.toString());
    try (Connection admin = DriverManager.getConnection(URL, user, ""); Statement s = admin.createStatement()) {
      s.execute("drop table " + table);
    }
  }
}
