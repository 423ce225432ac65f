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
