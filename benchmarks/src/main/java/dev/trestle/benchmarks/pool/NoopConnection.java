package dev.trestle.benchmarks.pool;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;

/**
 * A connection that does nothing, so a benchmark measures the pool and nothing else (the stub of
 * the HikariCP benchmark's "connection cycle"). Not thread-safe, like a driver's connection.
 */
final class NoopConnection implements Connection {

  private volatile boolean closed;
  private boolean autoCommit = true;

  @Override
  public void abort(java.util.concurrent.Executor a0) {
  }

  @Override
  public void clearWarnings() {
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void commit() {
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) {
    return null;
  }

  @Override
  public Blob createBlob() {
    return null;
  }

  @Override
  public Clob createClob() {
    return null;
  }

  @Override
  public NClob createNClob() {
    return null;
  }

  @Override
  public SQLXML createSQLXML() {
    return null;
  }

  @Override
  public Statement createStatement() {
    return null;
  }

  @Override
  public Statement createStatement(int a0, int a1) {
    return null;
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) {
    return null;
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) {
    return null;
  }

  @Override
  public boolean getAutoCommit() {
    return autoCommit;
  }

  @Override
  public String getCatalog() {
    return null;
  }

  @Override
  public Properties getClientInfo() {
    return null;
  }

  @Override
  public String getClientInfo(String a0) {
    return null;
  }

  @Override
  public int getHoldability() {
    return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public DatabaseMetaData getMetaData() {
    return null;
  }

  @Override
  public int getNetworkTimeout() {
    return 0;
  }

  @Override
  public String getSchema() {
    return null;
  }

  @Override
  public int getTransactionIsolation() {
    return TRANSACTION_READ_COMMITTED;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() {
    return null;
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public boolean isValid(int a0) {
    return !closed;
  }

  @Override
  public boolean isWrapperFor(Class<?> a0) {
    return a0.isInstance(this);
  }

  @Override
  public String nativeSQL(String a0) {
    return null;
  }

  @Override
  public CallableStatement prepareCall(String a0) {
    return null;
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) {
    return null;
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) {
    return null;
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) {
    return null;
  }

  @Override
  public void releaseSavepoint(Savepoint a0) {
  }

  @Override
  public void rollback() {
  }

  @Override
  public void rollback(Savepoint a0) {
  }

  @Override
  public void setAutoCommit(boolean a0) {
    autoCommit = a0;
  }

  @Override
  public void setCatalog(String a0) {
  }

  @Override
  public void setClientInfo(Properties a0) {
  }

  @Override
  public void setClientInfo(String a0, String a1) {
  }

  @Override
  public void setHoldability(int a0) {
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) {
  }

  @Override
  public void setReadOnly(boolean a0) {
  }

  @Override
  public Savepoint setSavepoint() {
    return null;
  }

  @Override
  public Savepoint setSavepoint(String a0) {
    return null;
  }

  @Override
  public void setSchema(String a0) {
  }

  @Override
  public void setTransactionIsolation(int a0) {
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) {
  }

  @Override
  public <T> T unwrap(Class<T> a0) {
    return a0.cast(this);
  }
}
