package dev.trestle.core.breaker;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A Lincheck model check of the breaker's lock-free count window: in every interleaving of
 * concurrent records the model checker explores (bounded, deterministic), once the writers are done
 * each total (calls, failures, slow calls) equals what the ring's slots hold: no displaced outcome is
 * lost or counted twice, the skipped swap of a success over a success included. Reads racing writers
 * are not linearizable by design (each total is read a moment apart), so only the quiescent state is
 * checked; so is record's return value (a hint that the totals changed), which is why the operations
 * return nothing. Lincheck showed why: a writer delayed between its sequence number and its swap can
 * displace the outcome of a writer N calls younger, so under races the ring holds the last N outcomes
 * only approximately, while its totals always match the ring. Runs on JDK 17 and 25.
 */
public class CountWindowModelCheckTest {

  private final CountWindow window = new CountWindow(2);

  @Operation
  public void success() {
    window.record(Outcomes.SUCCESS, 0);
  }

  @Operation
  public void failure() {
    window.record(Outcomes.FAILURE, 0);
  }

  @Operation
  public void slowCall() {
    window.record(Outcomes.SLOW, 0);
  }

  @Validate
  public void totalsMatchTheSlots() throws ReflectiveOperationException {
    Field field = CountWindow.class.getDeclaredField("slots");
    field.setAccessible(true);
    AtomicIntegerArray slots = (AtomicIntegerArray) field.get(window);
    int calls = 0;
    int failures = 0;
    int slow = 0;
    for (int i = 0; i < slots.length(); i++) {
      calls += Outcomes.calls(slots.get(i));
      failures += Outcomes.failures(slots.get(i));
      slow += Outcomes.slow(slots.get(i));
    }
    if (calls != window.calls(0) || failures != window.failures(0) || slow != window.slowCalls(0)) {
      throw new IllegalStateException("totals " + window.calls(0) + "/" + window.failures(0) + "/" + window.slowCalls(0)
          + " but the slots hold " + calls + "/" + failures + "/" + slow);
    }
  }

  @Test
  void totalsAreExactOnceWritersQuiesceInEveryInterleaving() {
    new ModelCheckingOptions().iterations(8).invocationsPerIteration(100).threads(3).actorsPerThread(2)
        .check(getClass());
  }
}
