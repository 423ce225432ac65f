package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashRing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rules HASH-3.5 and 5.3: a weighted node leaves the ring whole, and the collections a ring hands
 * out cannot change it. Called from {@link HashRingTck}, which reports through {@link Expect}.
 */
final class RingChecks {

  /** The kit's {@code expect}. */
  interface Expect {
    void that(boolean holds, String rule, Object expected, Object seen);
  }

  private final Expect expect;
  private final long[] extremeHashes;

  RingChecks(Expect expect, long[] extremeHashes) {
    this.expect = expect;
    this.extremeHashes = extremeHashes.clone();
  }

  // ---- HASH-3.5 ----

  /**
   * Going from {@code before} to {@code after = before.without(removed)}: no key, extreme hash or
   * preference list reaches {@code removed} any more, and (for a monotone ring) only its keys moved.
   */
  void removedWhole(String rule, HashRing<String> before, HashRing<String> after, String removed, List<String> keys, boolean monotone) {
    expect.that(!after.nodes().contains(removed), rule, removed + " gone from nodes()", after.nodes());
    int size = after.nodes().size();
    for (String key : keys) {
      String was = before.nodeFor(key);
      String now = after.nodeFor(key);
      expect.that(!now.equals(removed), rule, "no key on the removed " + removed + " (weight " + before.weight(removed) + ")",
          "key " + key + " still on it");
      expect.that(!monotone || was.equals(now) || was.equals(removed), rule, "key " + key + " to stay on " + was + " (only keys of the removed "
          + removed + " may move)", "it moved to " + now);
    }
    for (long hash : extremeHashes) {
      expect.that(!after.nodeFor(hash).equals(removed), rule, "no hash on the removed " + removed, "hash " + hash + " still on it");
      List<String> all = after.nodesFor(hash, size);
      expect.that(!all.contains(removed), rule, "no preference list holding the removed " + removed, "hash " + hash + ": " + all);
    }
    for (String key : keys.subList(0, Math.min(200, keys.size()))) {
      List<String> all = after.nodesFor(key, size);
      expect.that(!all.contains(removed) && new HashSet<>(all).size() == size, rule,
          size + " distinct nodes, the removed " + removed + " not among them, for key " + key, all);
    }
  }

  // ---- HASH-5.3 ----

  /**
   * Tries to change each collection the ring hands out (nodes(), nodesFor for a key hash and a
   * key): each attempt throws UnsupportedOperationException or changes nothing the ring answers.
   */
  void handedOutCollectionsDetached(String rule, HashRing<String> ring, List<String> keys) {
    Map<String, Object> before = answers(ring, keys);
    String stranger = "10.9.9.9:11211";
    String someNode = ring.nodes().iterator().next();
    Map<String, java.util.function.Supplier<Collection<String>>> handedOut = new LinkedHashMap<>();
    handedOut.put("nodes()", ring::nodes);
    handedOut.put("nodesFor(" + keys.get(0) + ", 3)", () -> ring.nodesFor(keys.get(0), 3));
    handedOut.put("nodesFor(hash 0, 3)", () -> ring.nodesFor(0L, 3));
    handedOut.put("nodesFor(" + keys.get(1) + ", all)", () -> ring.nodesFor(keys.get(1), ring.nodes().size()));
    Map<String, Consumer<Collection<String>>> changes = new LinkedHashMap<>();
    changes.put("add(a stranger)", c -> c.add(stranger));
    changes.put("remove(a node)", c -> c.remove(someNode));
    changes.put("clear()", Collection::clear);
    changes.put("removeIf(all)", c -> c.removeIf(n -> true));
    changes.put("set(0, a stranger)", c -> {
      if (c instanceof List) {
        ((List<String>) c).set(0, stranger);
      } else {
        c.add(stranger);
      }
    });
    for (Map.Entry<String, java.util.function.Supplier<Collection<String>>> collection : handedOut.entrySet()) {
      for (Map.Entry<String, Consumer<Collection<String>>> change : changes.entrySet()) {
        Collection<String> got = collection.getValue().get();
        Throwable thrown = null;
        try {
          change.getValue().accept(got);
        } catch (RuntimeException e) {
          thrown = e;
        }
        expect.that(thrown == null || thrown instanceof UnsupportedOperationException, rule,
            collection.getKey() + "." + change.getKey() + " to succeed on a copy or throw UnsupportedOperationException", thrown);
        Map<String, Object> after = answers(ring, keys);
        expect.that(before.equals(after), rule, "the ring's answers unchanged after " + collection.getKey() + "." + change.getKey(),
            firstDifference(before, after));
      }
    }
  }

  private Map<String, Object> answers(HashRing<String> ring, List<String> keys) {
    Map<String, Object> answers = new LinkedHashMap<>();
    Set<String> nodes = ring.nodes();
    answers.put("nodes()", new HashSet<>(nodes));
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (String node : nodes) {
      weights.put(node, ring.weight(node));
    }
    answers.put("weights", weights);
    int count = Math.min(3, nodes.size());
    for (String key : keys) {
      answers.put("nodeFor(" + key + ")", ring.nodeFor(key));
      answers.put("nodesFor(" + key + ", " + count + ")", new ArrayList<>(ring.nodesFor(key, count)));
      answers.put("nodesFor(" + key + ", all)", new ArrayList<>(ring.nodesFor(key, nodes.size())));
    }
    for (long hash : extremeHashes) {
      answers.put("nodesFor(hash " + hash + ", " + count + ")", new ArrayList<>(ring.nodesFor(hash, count)));
    }
    answers.put("nodesFor(hash 0, 3)", new ArrayList<>(ring.nodesFor(0L, count)));
    return answers;
  }

  private static String firstDifference(Map<String, Object> before, Map<String, Object> after) {
    for (Map.Entry<String, Object> entry : before.entrySet()) {
      Object now = after.get(entry.getKey());
      if (!entry.getValue().equals(now)) {
        return entry.getKey() + " was " + entry.getValue() + ", now " + now;
      }
    }
    return "no difference";
  }
}
