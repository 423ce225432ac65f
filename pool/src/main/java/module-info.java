/**
 * Trestle pool: a generic object pool ({@link dev.trestle.pool.ObjectPool}) and a JDBC
 * {@link javax.sql.DataSource} on top of it ({@link dev.trestle.pool.PooledDataSource}).
 *
 * <p>Exports only the API package; the implementation classes are package-private.
 */
module dev.trestle.pool {
  requires transitive dev.trestle.core;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.trestle.pool;
}
