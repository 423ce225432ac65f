package dev.trestle.tck.pool;

import dev.trestle.tck.pool.FaultyDataSource.Fault;
import javax.sql.DataSource;

/** The DataSource kit run against each broken DataSource; {@link BrokenDataSourceSelfTest} runs them. */
final class BrokenDataSources {

  private BrokenDataSources() {}

  abstract static class Broken extends DataSourceTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected DataSource newDataSource(DataSource database, DataSourceSpec spec) {
      return new FaultyDataSource(fault, database, spec);
    }

    @Override
    protected String implementationName() {
      return "FaultyDataSource(" + fault + ")";
    }
  }

  static final class NoRollback extends Broken { NoRollback() { super(Fault.NO_ROLLBACK); } }
  static final class NoStateReset extends Broken { NoStateReset() { super(Fault.NO_STATE_RESET); } }
  static final class ReturnsFatal extends Broken { ReturnsFatal() { super(Fault.RETURNS_FATAL); } }
  static final class LeavesStatementsOpen extends Broken { LeavesStatementsOpen() { super(Fault.LEAVES_STATEMENTS_OPEN); } }
  static final class NoReuse extends Broken { NoReuse() { super(Fault.NO_REUSE); } }
  static final class UsableAfterClose extends Broken { UsableAfterClose() { super(Fault.USABLE_AFTER_CLOSE); } }
  static final class EvictsOnAnyFailure extends Broken { EvictsOnAnyFailure() { super(Fault.EVICTS_ON_ANY_FAILURE); } }
  static final class HidesDriver extends Broken { HidesDriver() { super(Fault.HIDES_DRIVER); } }
  static final class ConnectsOnCaller extends Broken { ConnectsOnCaller() { super(Fault.CONNECTS_ON_CALLER); } }
  static final class NoRollbackWhenReadOnly extends Broken { NoRollbackWhenReadOnly() { super(Fault.NO_ROLLBACK_WHEN_READ_ONLY); } }
  static final class Faultless extends Broken { Faultless() { super(null); } }
}
