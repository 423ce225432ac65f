/**
 * Trestle pool: a generic object pool ({@link dev.trestle.pool.ObjectPool}) and, in
 * {@code dev.trestle.pool.jdbc}, a JDBC {@link javax.sql.DataSource} built on its public API
 * ({@link dev.trestle.pool.jdbc.PooledDataSource}).
 *
 * <p>Exports only API packages; the implementation classes are package-private.
 */
module dev.trestle.pool {
  requires transitive dev.trestle.core;
  requires transitive java.sql;
  requires org.slf4j;
  requires jdk.jfr;
  requires static micrometer.core;

  exports dev.trestle.pool;
  exports dev.trestle.pool.jdbc;
  exports dev.trestle.pool.micrometer;
}
