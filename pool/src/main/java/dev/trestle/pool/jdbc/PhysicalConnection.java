package dev.trestle.pool.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A driver's connection and the session state it had when it was made, which every borrower gets back. */
final class PhysicalConnection {

  final Connection raw;
  final boolean autoCommit;
  final boolean readOnly;
  final int isolation;
  final String catalog;
  final String schema;
  final int networkTimeout;

  PhysicalConnection(Connection raw) throws SQLException {
    this.raw = raw;
    this.autoCommit = raw.getAutoCommit();
    this.readOnly = raw.isReadOnly();
    this.isolation = raw.getTransactionIsolation();
    this.catalog = optional(() -> raw.getCatalog());
    this.schema = optional(() -> raw.getSchema());
    Integer timeout = optional(() -> raw.getNetworkTimeout());
    this.networkTimeout = timeout == null ? 0 : timeout;
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
