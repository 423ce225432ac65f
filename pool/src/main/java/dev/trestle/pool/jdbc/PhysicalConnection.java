package dev.trestle.pool.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver's connection, the session state it had when it was made (which every borrower gets back),
 * and what the current borrower has done to it.
 *
 * <p>The borrower's part lives here, not in the handle the borrower gets, so that the handle is only
 * its lease (see {@link ConnectionProxy}). It is written only through an open lease, by the thread
 * that holds it, and put back to {@link #fresh()} before the lease ends; the pool's hand-over (the
 * compare-and-set that ends a lease, the one that claims the entry) orders it for the next borrower.
 * A stale handle never reaches it: its lease is no longer open.
 */
final class PhysicalConnection {

  final Connection raw;
  final String poolName;
  final boolean autoCommit;
  final boolean readOnly;
  final int isolation;
  final String catalog;
  final String schema;
  final int networkTimeout;

  // the current borrower's session: plain fields, a connection is used by one thread at a time
  private List<Statement> open; // made on the first statement ever, emptied when a borrower closes
  boolean broken;
  boolean sessionAutoCommit;
  boolean transactionUsed;
  int changed; // which settings the borrower changed: ConnectionProxy's bits

  PhysicalConnection(Connection raw, String poolName) throws SQLException {
    this.raw = raw;
    this.poolName = poolName;
    this.autoCommit = raw.getAutoCommit();
    this.readOnly = raw.isReadOnly();
    this.isolation = raw.getTransactionIsolation();
    this.catalog = optional(() -> raw.getCatalog());
    this.schema = optional(() -> raw.getSchema());
    Integer timeout = optional(() -> raw.getNetworkTimeout());
    this.networkTimeout = timeout == null ? 0 : timeout;
    fresh();
  }

  /** Forgets the borrower: the next one starts from the session the connection was made with. */
  void fresh() {
    broken = false;
    sessionAutoCommit = autoCommit;
    transactionUsed = false;
    changed = 0;
  }

  void opened(Statement statement) {
    if (open == null) {
      open = new ArrayList<>(4);
    }
    open.add(statement);
  }

  void forget(Statement statement) {
    if (open != null) {
      open.remove(statement);
    }
  }

  /** Takes the statements the borrower left open, emptying the list; null if there are none. */
  Statement[] takeOpen() {
    if (open == null || open.isEmpty()) {
      return null;
    }
    Statement[] statements = open.toArray(new Statement[0]);
    open.clear();
    return statements;
  }

  private interface Read<T> {
    T read() throws SQLException;
  }

  /** Reads a property a driver may not support (an AbstractMethodError from an old driver, or an exception). */
  private static <T> T optional(Read<T> read) {
    try {
      return read.read();
    } catch (SQLException | AbstractMethodError | UnsupportedOperationException unsupported) {
      return null;
    }
  }
}
