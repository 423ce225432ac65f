package dev.trestle.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one rule of a kit against an implementation in a nested JUnit engine and reports whether it
 * failed, so a self-test can prove that each deliberately broken implementation is caught by the
 * rule it breaks.
 */
public final class KitSelfTest {

  private KitSelfTest() {}

  /** The outcome of one rule: whether it failed and with what message. */
  public static final class RuleRun {
    public final String ruleId;
    public final boolean failed;
    public final boolean skipped;
    public final String message;

    RuleRun(String ruleId, boolean failed, boolean skipped, String message) {
      this.ruleId = ruleId;
      this.failed = failed;
      this.skipped = skipped;
      this.message = message;
    }

    @Override
    public String toString() {
      return ruleId + (failed ? " failed: " + message : skipped ? " skipped: " + message : " passed");
    }
  }

  /**
   * Runs the test of {@code kitSubclass} whose display name starts with {@code ruleId} and returns
   * what happened.
   *
   * @throws AssertionFailedError if no such test exists
   */
  public static RuleRun run(Class<?> kitSubclass, String ruleId) {
    Method method = ruleMethod(kitSubclass, ruleId);
    List<Event> finished = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(kitSubclass, method))
        .execute()
        .testEvents()
        .list();
    for (Event event : finished) {
      Optional<TestExecutionResult> result = event.getPayload(TestExecutionResult.class);
      if (result.isPresent() && result.get().getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        String message = result.get().getThrowable().map(Throwable::getMessage).orElse("");
        return new RuleRun(ruleId, result.get().getStatus() == TestExecutionResult.Status.FAILED,
            result.get().getStatus() == TestExecutionResult.Status.ABORTED, message);
      }
      Optional<String> skipReason = event.getPayload(String.class);
      if (skipReason.isPresent()) {
        return new RuleRun(ruleId, false, true, skipReason.get());
      }
    }
    return new RuleRun(ruleId, false, false, "");
  }

  private static Method ruleMethod(Class<?> kitSubclass, String ruleId) {
    for (Class<?> type = kitSubclass; type != null; type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        DisplayName name = method.getAnnotation(DisplayName.class);
        if (name != null && name.value().startsWith(ruleId + " ")) {
          return method;
        }
      }
    }
    throw new AssertionFailedError("no test in " + kitSubclass.getName() + " has a display name starting with " + ruleId);
  }

  /** Returns every rule id that the kit class declares, in declaration order of its methods. */
  public static List<String> ruleIds(Class<?> kit) {
    return java.util.Arrays.stream(kit.getDeclaredMethods())
        .map(m -> m.getAnnotation(DisplayName.class))
        .filter(java.util.Objects::nonNull)
        .map(d -> d.value().split(" ", 2)[0])
        .sorted()
        .collect(Collectors.toList());
  }
}
