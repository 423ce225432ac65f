package dev.trestle.tck.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kits tell the run summary while they run: the implementation name each kit subclass
 * reported ({@code ConformanceKit.implementationName()}). Internal to the kits. Thread-safe: a
 * concurrent map; the first name a test class reports is kept, except that a real implementation
 * name replaces the fallback (the test class's own name).
 */
public final class KitRuns {

  private static final Map<String, String> IMPLEMENTATIONS = new ConcurrentHashMap<>();

  private KitRuns() {}

  /** Records {@code name} as the implementation {@code testClass} checks, unless one is known. */
  public static void recordImplementation(Class<?> testClass, String name) {
    if (name == null) {
      return;
    }
    String fallback = testClass.getSimpleName();
    IMPLEMENTATIONS.merge(testClass.getName(), name, (known, now) -> known.equals(fallback) ? now : known);
  }

  /** Returns the implementation name the test class named {@code testClassName} reported, or null. */
  public static String implementation(String testClassName) {
    return IMPLEMENTATIONS.get(testClassName);
  }
}
