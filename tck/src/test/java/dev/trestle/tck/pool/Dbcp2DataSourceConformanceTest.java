package dev.trestle.tck.pool;

import java.util.Map;
import javax.sql.DataSource;

/**
 * Apache Commons DBCP2's {@code BasicDataSource} (2.14.0, on commons-pool2 2.13.1) against the DS rules,
 * configured over the kit's stub database as DBCP2 documents for correct hand-over: rollback and
 * autoCommit on return, a default for each session setting, no state cache, validation on borrow with
 * fastFailValidation (see {@link Dbcp2DataSources#recommended} for each setting and why).
 *
 * <p>DS has no optional capabilities, so nothing is declared or skipped. It passes 8 of the 11 rules:
 * 1.2, 2.1, 2.2, 3.1, 4.1, 4.2, 4.3 and 5.1. DS-2.2, 4.1 and 4.2 pass only with those settings: with
 * DBCP2's defaults it restores no session setting but autoCommit and lends a connection that threw a
 * fatal SQLState again. Three rules are excused, and {@link Dbcp2DataSourceDivergenceTest} requires
 * that each still fails without its excuse: DS-1.1 (a probe connection opened at start-up), DS-2.3 (the
 * network timeout is never reset) and DS-6.1 (the borrower connects on its own thread, unbounded by
 * maxWait).
 */
class Dbcp2DataSourceConformanceTest extends DataSourceTck {

  @Override
  protected DataSource newDataSource(DataSource database, DataSourceSpec spec) {
    return Dbcp2DataSources.recommended(database, spec);
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return Dbcp2DataSourceDivergenceTest.DEVIATIONS;
  }

  @Override
  protected String implementationName() {
    return "DBCP2";
  }
}
