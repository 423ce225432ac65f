package dev.trestle.tck.pool;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Builds Apache Commons DBCP2's {@link BasicDataSource} (2.14) over the kit's database, which it
 * reaches through a {@link DataSourceDriver} since BasicDataSource connects only through a driver and
 * a URL. Nothing of DBCP2 is replaced or subclassed: what the kit sees is BasicDataSource as a user
 * would configure it.
 *
 * <p>{@link #recommended} is the configuration the kit judges. Each setting is the one DBCP2's
 * configuration guide gives for a correct hand-over of connections between borrowers:
 *
 * <ul>
 *   <li>{@code maxTotal} and {@code maxIdle} = the spec's size, {@code minIdle} and
 *       {@code initialSize} 0, {@code maxWait} = the spec's timeout; no evictor runs (DBCP2's
 *       default), so nothing in the pool acts on real time behind the kit's back.
 *   <li>{@code rollbackOnReturn} and {@code autoCommitOnReturn} on (DBCP2's defaults, set
 *       explicitly): a returned connection with autoCommit off is rolled back before autoCommit is
 *       switched on, because switching it on would commit the borrower's work.
 *   <li>{@code defaultAutoCommit}, {@code defaultReadOnly}, {@code defaultTransactionIsolation},
 *       {@code defaultCatalog} and {@code defaultSchema} set to the session every borrower should
 *       start with. DBCP2 puts a setting back on borrow only if its default is configured (its guide
 *       says the setter is not called for a default left unset), so a deployment names its database's
 *       defaults here; this adapter names the stub's (autoCommit on, read-write, READ COMMITTED,
 *       catalog {@code stub}, schema {@code public}).
 *   <li>{@code cacheState} off. With it on, DBCP2 answers {@code getAutoCommit}/{@code isReadOnly}
 *       from a cache that a change made through {@code unwrap} (which the kit requires to work) does
 *       not update, and the return-time rollback and restore act on those answers. The guide says to
 *       turn caching off when the underlying connection is used directly.
 *   <li>{@code testOnBorrow} on (the default) with no validation query, so a connection is checked
 *       with {@code isValid} before it is lent, with a 1 s validation timeout (the smallest
 *       {@code isValid} takes) so a dead server cannot hold a borrower indefinitely.
 *   <li>{@code fastFailValidation} on (off by default in BasicDataSource): a connection that has
 *       thrown a disconnection SQLState (class 08, 57P01-57P03, 01002, JZ0C0/JZ0C1) fails its next
 *       validation, so it is destroyed instead of lent again. Without it the stub, whose
 *       {@code isValid} stays true, keeps it.
 *   <li>{@code poolPreparedStatements} off (the default), so closing the connection closes the
 *       statements left open instead of keeping them in a statement pool.
 * </ul>
 *
 * <p>{@link #outOfTheBox} sets only the driver, size and wait, to show what the settings above buy;
 * see {@link Dbcp2DataSourceDivergenceTest}. Both return a new, unstarted BasicDataSource: it opens
 * its first connection on the first {@code getConnection}. BasicDataSource is thread-safe.
 */
final class Dbcp2DataSources {

  private Dbcp2DataSources() {}

  /** BasicDataSource over {@code database}, configured as DBCP2 documents for correct hand-over (see the class). */
  static BasicDataSource recommended(DataSource database, DataSourceSpec spec) {
    BasicDataSource ds = outOfTheBox(database, spec);
    ds.setMaxIdle(spec.maxSize());
    ds.setMinIdle(0);
    ds.setInitialSize(0);
    ds.setRollbackOnReturn(true);
    ds.setAutoCommitOnReturn(true);
    ds.setDefaultAutoCommit(true);
    ds.setDefaultReadOnly(false);
    ds.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    ds.setDefaultCatalog("stub");
    ds.setDefaultSchema("public");
    ds.setCacheState(false);
    ds.setTestOnBorrow(true);
    ds.setValidationQueryTimeout(Duration.ofSeconds(1));
    ds.setFastFailValidation(true);
    ds.setPoolPreparedStatements(false);
    return ds;
  }

  /** BasicDataSource over {@code database} with the spec's size and wait and DBCP2's defaults for everything else. */
  static BasicDataSource outOfTheBox(DataSource database, DataSourceSpec spec) {
    BasicDataSource ds = new BasicDataSource();
    ds.setDriver(new DataSourceDriver(database));
    ds.setUrl(DataSourceDriver.URL);
    // A user name keeps DBCP2 from printing "configured without a 'username'" to standard out; the
    // stub checks no credentials, and an empty password is none.
    ds.setUsername("tck");
    ds.setPassword("");
    ds.setMaxTotal(spec.maxSize());
    ds.setMaxWait(spec.acquireTimeout());
    return ds;
  }
}
