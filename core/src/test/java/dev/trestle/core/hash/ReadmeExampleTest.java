package dev.trestle.core.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The consistent-hashing example of the README, run as written there. */
class ReadmeExampleTest {

  @Test
  void readmeExample() {
    // --- README begins
    HashRing<String> ring = HashRing.builder(HashAlgorithm.VIRTUAL_NODES)
        .node("cache-a:11211")
        .node("cache-b:11211", 2) // twice the keys of a weight-1 node
        .node("cache-c:11211")
        .build();
    AtomicReference<HashRing<String>> current = new AtomicReference<>(ring);

    String primary = current.get().nodeFor("user:42");
    List<String> replicas = current.get().nodesFor("user:42", 2); // distinct, replicas.get(0) == primary

    // A topology change builds a new ring and swaps it in; lookups never lock.
    current.set(current.get().without("cache-c:11211"));

    // Route exactly as libketama-based memcached clients do:
    HashRing<String> ketama = HashRing.builder(HashAlgorithm.KETAMA)
        .node("10.0.0.1:11211").node("10.0.0.2:11211").node("10.0.0.3:11211")
        .build();
    // --- README ends
    assertEquals(primary, replicas.get(0));
    assertNotEquals(replicas.get(0), replicas.get(1));
    assertEquals(2, current.get().nodes().size());
    assertTrue(ketama.nodes().contains(ketama.nodeFor("user:42")));
  }
}
