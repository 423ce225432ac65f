package dev.trestle.pool.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;

/**
 * Forwards every {@link Connection} method to {@link #delegate()} and passes every
 * {@link SQLException} through {@link #failed}, so the proxy sees each failure once. Generated
 * from the interface by reflection; the behaviour lives in {@link ConnectionProxy}.
 */
abstract class DelegatingConnection implements Connection {

  /** Returns the physical connection, or throws if this proxy is closed. */
  abstract Connection delegate() throws SQLException;

  /** As {@link #delegate()}, for the client-info methods that may throw only SQLClientInfoException. */
  abstract Connection clientInfoDelegate() throws SQLClientInfoException;

  /** Notes a failure of the physical connection and returns it to throw. */
  abstract SQLException failed(SQLException e);

  @Override
  public void abort(java.util.concurrent.Executor a0) throws SQLException {
    try {
      delegate().abort(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void beginRequest() throws SQLException {
    try {
      delegate().beginRequest();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      delegate().clearWarnings();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate().close();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void commit() throws SQLException {
    try {
      delegate().commit();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) throws SQLException {
    try {
      return delegate().createArrayOf(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    try {
      return delegate().createBlob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Clob createClob() throws SQLException {
    try {
      return delegate().createClob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    try {
      return delegate().createNClob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    try {
      return delegate().createSQLXML();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    try {
      return delegate().createStatement();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    try {
      return delegate().createStatement(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    try {
      return delegate().createStatement(a0, a1, a2);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) throws SQLException {
    try {
      return delegate().createStruct(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void endRequest() throws SQLException {
    try {
      delegate().endRequest();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    try {
      return delegate().getAutoCommit();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    try {
      return delegate().getCatalog();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    try {
      return delegate().getClientInfo();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getClientInfo(String a0) throws SQLException {
    try {
      return delegate().getClientInfo(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    try {
      return delegate().getHoldability();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    try {
      return delegate().getMetaData();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    try {
      return delegate().getNetworkTimeout();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    try {
      return delegate().getSchema();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    try {
      return delegate().getTransactionIsolation();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    try {
      return delegate().getTypeMap();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return delegate().getWarnings();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    try {
      return delegate().isClosed();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return delegate().isReadOnly();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    try {
      return delegate().isValid(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> a0) throws SQLException {
    try {
      return delegate().isWrapperFor(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String nativeSQL(String a0) throws SQLException {
    try {
      return delegate().nativeSQL(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    try {
      return delegate().prepareCall(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    try {
      return delegate().prepareCall(a0, a1, a2);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    try {
      return delegate().prepareCall(a0, a1, a2, a3);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    try {
      return delegate().prepareStatement(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    try {
      return delegate().prepareStatement(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    try {
      return delegate().prepareStatement(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    try {
      return delegate().prepareStatement(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    try {
      return delegate().prepareStatement(a0, a1, a2);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    try {
      return delegate().prepareStatement(a0, a1, a2, a3);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint a0) throws SQLException {
    try {
      delegate().releaseSavepoint(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    try {
      delegate().rollback();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void rollback(Savepoint a0) throws SQLException {
    try {
      delegate().rollback(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setAutoCommit(boolean a0) throws SQLException {
    try {
      delegate().setAutoCommit(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    try {
      delegate().setCatalog(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setClientInfo(Properties a0) throws SQLClientInfoException {
    clientInfoDelegate().setClientInfo(a0);
  }

  @Override
  public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
    clientInfoDelegate().setClientInfo(a0, a1);
  }

  @Override
  public void setHoldability(int a0) throws SQLException {
    try {
      delegate().setHoldability(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) throws SQLException {
    try {
      delegate().setNetworkTimeout(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    try {
      delegate().setReadOnly(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    try {
      return delegate().setSavepoint();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String a0) throws SQLException {
    try {
      return delegate().setSavepoint(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    try {
      delegate().setSchema(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey a0) throws SQLException {
    try {
      delegate().setShardingKey(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException {
    try {
      delegate().setShardingKey(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException {
    try {
      return delegate().setShardingKeyIfValid(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException {
    try {
      return delegate().setShardingKeyIfValid(a0, a1, a2);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    try {
      delegate().setTransactionIsolation(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
    try {
      delegate().setTypeMap(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> a0) throws SQLException {
    try {
      return delegate().unwrap(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }
}
