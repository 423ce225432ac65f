package dev.trestle.tck;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How {@link ConformanceKit#implementationName()} finds a name when a test has not created the
 * implementation: one sample per kit subclass, asked of the kit until it gives one, then remembered. Thread-safe
 * (a concurrent map; two threads may both build a sample, and one answer is kept).
 */
final class ImplementationNames {

  private static final Map<Class<?>, Optional<Class<?>>> SAMPLED = new ConcurrentHashMap<>();

  private ImplementationNames() {}

  /** Returns the class of {@code kit}'s sample implementation, or null if it gives none. */
  static Class<?> sampled(ConformanceKit<?> kit) {
    Optional<Class<?>> known = SAMPLED.get(kit.getClass());
    if (known != null) {
      return known.orElse(null);
    }
    Class<?> type = sample(kit);
    if (type != null) { // a failed sample (say, asked before the kit set up its ticker) is asked again later
      SAMPLED.putIfAbsent(kit.getClass(), Optional.of(type));
    }
    return type;
  }

  private static Class<?> sample(ConformanceKit<?> kit) {
    Object sample;
    try {
      sample = kit.sampleImplementation();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      return null; // a factory that cannot build the plain spec: the test class names it instead
    }
    if (sample instanceof AutoCloseable) {
      try {
        ((AutoCloseable) sample).close();
      } catch (Exception e) {
        // the sample only lends its class name
      }
    }
    return sample == null ? null : sample.getClass();
  }

  /**
   * Returns the simple name of {@code type}, or null for no class, a lambda or an anonymous class
   * (whose names say nothing of the implementation).
   */
  static String nameOf(Class<?> type) {
    if (type == null || type.isAnonymousClass() || type.isSynthetic() || type.getSimpleName().contains("$$Lambda")) {
      return null;
    }
    String name = type.getSimpleName();
    return name.isEmpty() ? null : name;
  }
}
