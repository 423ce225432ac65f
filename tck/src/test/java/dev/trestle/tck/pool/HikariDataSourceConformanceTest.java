package dev.trestle.tck.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;

/** HikariCP 7.1 against the DS rules, configured over the kit's stub database. */
class HikariDataSourceConformanceTest extends DataSourceTck {

  @Override
  protected DataSource newDataSource(DataSource database, DataSourceSpec spec) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setPoolName("tck-hikari");
    config.setMaximumPoolSize(spec.maxSize());
    config.setMinimumIdle(0);
    config.setConnectionTimeout(spec.acquireTimeout().toMillis());
    config.setValidationTimeout(250);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  static final String CATALOG_SCHEMA = "HikariCP fails it: it restores catalog and schema only to values set in HikariConfig, "
      + "so without them a borrower's setCatalog/setSchema reaches the next borrower (PoolPeerFindingsTest requires that it still fails)";

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("DS-2.2", CATALOG_SCHEMA);
  }

  /** The same adapter without excuses, for {@link PoolPeerFindingsTest}. */
  static class AllRules extends HikariDataSourceConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "HikariCP";
    }
  }
}
