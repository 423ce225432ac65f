package dev.trestle.core.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's usage example, kept compiling and true. */
class ReadmeExampleTest {

  /** Stands in for the slow dependency of the README. */
  private static final class Inventory {
    Duration seenBudget;

    String lookup(String sku) {
      seenBudget = Deadline.current().orElseThrow().remaining();
      return "in stock: " + sku;
    }
  }

  private final Inventory inventory = new Inventory();

  @Test
  void readmeExample() throws Exception {
    String result = null;
    TimeLimiter limiter = TimeLimiter.of(Duration.ofMillis(250));
    try {
      String answer = limiter.call(() -> {
        // Inside, Deadline.current() is at most 250 ms away: nested limiters and
        // Deadline.propagating(executor) pass what remains on to the calls made here.
        return inventory.lookup("sku-42");
      });
      result = answer;
    } catch (DeadlineExceededException e) {
      // "deadline exceeded: limit 250ms, elapsed 250.4ms"; the task was interrupted
    }
    assertEquals("in stock: sku-42", result);
    assertTrue(inventory.seenBudget.compareTo(Duration.ofMillis(250)) <= 0, inventory.seenBudget.toString());
  }
}
