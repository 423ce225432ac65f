package dev.trestle.pool.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/** Which SQL failures mean the connection itself is broken, so it must be evicted, not returned. */
final class SqlStates {

  /**
   * Fatal states outside class 08 (connection exception): PostgreSQL's admin shutdown, crash
   * shutdown and cannot-connect-now, the standard disconnect error, Sybase/jTDS connection errors.
   */
  private static final Set<String> FATAL = Set.of("57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1");

  private SqlStates() {}

  static boolean isFatal(SQLException failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; depth++) {
      if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || FATAL.contains(state))) {
          return true;
        }
        SQLException next = ((SQLException) t).getNextException();
        t = next != null ? next : t.getCause();
      } else {
        t = t.getCause();
      }
    }
    return false;
  }
}
