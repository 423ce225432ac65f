package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.tck.bulkhead.FaultyBulkhead.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken bulkhead. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenBulkheadSelfTest} runs each one's broken
 * rule and requires it to fail. FaultyBulkhead waits in real time, so none declares MANUAL_TICKER.
 */
final class BrokenBulkheads {

  private BrokenBulkheads() {}

  abstract static class Broken extends BulkheadTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected Bulkhead newBulkhead(BulkheadSpec spec) {
      return new FaultyBulkhead(fault, spec);
    }

    @Override
    protected Set<BulkheadFeature> features() {
      return EnumSet.of(BulkheadFeature.FAIR, BulkheadFeature.ASYNC);
    }

    @Override
    protected String implementationName() {
      return "FaultyBulkhead(" + fault + ")";
    }
  }

  static final class OffByOneLimit extends Broken { OffByOneLimit() { super(Fault.OFF_BY_ONE_LIMIT); } }
  static final class LeaksPermitOnThrow extends Broken { LeaksPermitOnThrow() { super(Fault.LEAKS_PERMIT_ON_THROW); } }
  static final class CheckThenAct extends Broken { CheckThenAct() { super(Fault.CHECK_THEN_ACT); } }
  static final class Unfair extends Broken { Unfair() { super(Fault.UNFAIR); } }
  static final class RunsTaskWhenRejected extends Broken { RunsTaskWhenRejected() { super(Fault.RUNS_TASK_WHEN_REJECTED); } }
  static final class LosesPermitOnInterrupt extends Broken { LosesPermitOnInterrupt() { super(Fault.LOSES_PERMIT_ON_INTERRUPT); } }
  static final class WrapsExceptions extends Broken { WrapsExceptions() { super(Fault.WRAPS_EXCEPTIONS); } }
  static final class CountsRejectionTwice extends Broken { CountsRejectionTwice() { super(Fault.COUNTS_REJECTION_TWICE); } }
  static final class LosesInterruptStatus extends Broken { LosesInterruptStatus() { super(Fault.LOSES_INTERRUPT_STATUS); } }
  static final class AsyncSupplierThrowKeepsPermit extends Broken {
    AsyncSupplierThrowKeepsPermit() { super(Fault.ASYNC_SUPPLIER_THROW_KEEPS_PERMIT); }
  }

  /** Trestle's bulkhead behind a wrapper that reads durations in whole milliseconds (the faults need the manual ticker). */
  abstract static class Truncating extends BulkheadTck {
    private final TruncatingBulkhead.Where where;

    Truncating(TruncatingBulkhead.Where where) {
      this.where = where;
    }

    @Override
    protected Bulkhead newBulkhead(BulkheadSpec spec) {
      return TruncatingBulkhead.of(spec, where);
    }

    @Override
    protected Set<BulkheadFeature> features() {
      return EnumSet.allOf(BulkheadFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyBulkhead(" + where + "_TO_MILLIS)";
    }
  }

  static final class MaxWaitToMillis extends Truncating { MaxWaitToMillis() { super(TruncatingBulkhead.Where.MAX_WAIT); } }
  static final class PerCallWaitToMillis extends Truncating { PerCallWaitToMillis() { super(TruncatingBulkhead.Where.PER_CALL_WAIT); } }

  /** The faultless bulkhead, to show the faults are the only difference. */
  static final class Faultless extends BulkheadTck {
    @Override
    protected Bulkhead newBulkhead(BulkheadSpec spec) {
      return new FaultyBulkhead(null, spec);
    }

    @Override
    protected Set<BulkheadFeature> features() {
      return EnumSet.of(BulkheadFeature.FAIR, BulkheadFeature.ASYNC);
    }
  }
}
