package dev.trestle.tck.pool;

import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.jdbc.PooledDataSource;
import javax.sql.DataSource;

/** Trestle's PooledDataSource against every DS rule. */
class TrestleDataSourceConformanceTest extends DataSourceTck {

  @Override
  protected DataSource newDataSource(DataSource database, DataSourceSpec spec) {
    return PooledDataSource.builder().dataSource(database)
        .pool(PoolConfig.builder().name("tck-ds").maxSize(spec.maxSize()).acquireTimeout(spec.acquireTimeout()).build())
        .build();
  }
}
