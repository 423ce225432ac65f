package dev.trestle.pool.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The statements a pooled connection hands out: dynamic proxies that report SQL failures to the
 * connection (to spot fatal ones), mark the transaction as used when they execute, tell the
 * connection when they close, and return the pooled connection from {@code getConnection()}.
 */
final class StatementHandler implements InvocationHandler {

  private final ConnectionProxy connection;
  private final Statement raw;

  private StatementHandler(ConnectionProxy connection, Statement raw) {
    this.connection = connection;
    this.raw = raw;
  }

  static <S extends Statement> S wrap(ConnectionProxy connection, S raw, Class<S> type) {
    Object proxy = Proxy.newProxyInstance(StatementHandler.class.getClassLoader(), new Class<?>[] {type},
        new StatementHandler(connection, raw));
    return type.cast(proxy);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    switch (name) {
      case "getConnection":
        if (arity == 0) {
          return connection;
        }
        break;
      case "close":
        if (arity == 0) {
          connection.forget((Statement) proxy);
          raw.close();
          return null;
        }
        break;
      case "unwrap":
        if (arity == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (arity == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        break;
      case "equals":
        return arity == 1 && proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "PooledStatement[" + raw.getClass().getSimpleName() + "]";
      default:
        if (name.startsWith("execute")) {
          connection.transactionUsed();
        }
    }
    try {
      return method.invoke(raw, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException) {
        throw connection.failed((SQLException) cause);
      }
      throw cause;
    }
  }
}
