package dev.trestle.benchmarks.speed;

import java.util.List;
import java.util.Map;

/**
 * One building block of the speed table: the JMH benchmark method that times it, the fixed values
 * of its other parameters, Trestle's implementations measured (each a subject of its own claims)
 * and the peers they are set against, all through the benchmark's {@code impl} parameter.
 *
 * @param id the block's short name in claim ids and charts, for example {@code limiter}
 * @param module the Trestle module the block is in
 * @param benchmark the benchmark method's fully qualified name, {@code Class.method}
 * @param params the benchmark's other parameters, each pinned to one value
 * @param subjects Trestle's implementations
 * @param peers the peers' implementations
 * @param scales whether the long mode runs it at 4 and 8 threads too, for its scaling chart
 */
record Block(String id, String module, String benchmark, Map<String, String> params, List<Subject> subjects,
    List<String> peers, boolean scales) {

  /**
   * One of Trestle's implementations in a block.
   *
   * @param impl its value of the benchmark's {@code impl} parameter
   * @param name what the claim calls it, for example {@code token bucket}
   * @param verb what it does fast, for example {@code admits}
   */
  record Subject(String impl, String name, String verb) {
    /** The part of the claim id that names the subject, for example {@code limiter.token-bucket}. */
    String key(Block block) {
      return block.subjects().size() == 1 ? block.id() : block.id() + "." + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
  }

  /** Every implementation the block's runs include: subjects, then peers. */
  List<String> impls() {
    return java.util.stream.Stream.concat(subjects.stream().map(Subject::impl), peers.stream()).toList();
  }

  /** The blocks of the speed table, in report order: each against the peers named in ARCHITECTURE.md. */
  static List<Block> all() {
    String b = "dev.trestle.benchmarks.";
    return List.of(
        new Block("pool", "pool", b + "pool.CycleBenchmark.cycle", Map.of(),
            List.of(new Subject("trestle-pool", "object pool", "cycles an object (borrow, return)")), List.of("stormpot"), true),
        new Block("limiter", "ratelimit", b + "ratelimit.TryAcquireBenchmark.tryAcquire", Map.of(),
            List.of(new Subject("trestle-token-bucket", "token bucket", "admits"), new Subject("trestle-gcra", "GCRA", "admits")),
            List.of("resilience4j", "guava", "bucket4j"), true),
        new Block("breaker", "core", b + "breaker.CircuitBreakerBenchmark.successfulCall", Map.of("window", "COUNT_BASED"),
            List.of(new Subject("trestle", "circuit breaker", "passes a successful call")), List.of("resilience4j"), false),
        new Block("hash", "core", b + "hash.LookupBenchmark.lookup", Map.of("nodes", "100"),
            List.of(new Subject("jump", "jump hash", "looks up a key's node")), List.of("guava"), false),
        new Block("cache", "cache", b + "cache.GetPutBenchmark.getPut", Map.of("mix", "read", "fill", "full"),
            List.of(new Subject("adaptive", "cache", "reads a present key")), List.of("caffeine"), true));
  }
}
