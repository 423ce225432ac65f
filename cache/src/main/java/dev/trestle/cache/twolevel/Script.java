package dev.trestle.cache.twolevel;

/**
 * The Lua scripts of the two-level cache. Each write and the publication of its invalidation are
 * one script, so no write is visible in Redis without its message having been published. KEYS[1]
 * is the entry; ARGV ends with the channel and the message.
 */
enum Script {
  /** SET with a TTL and publish; returns the previous value (for {@code asMap().put}). ARGV: value, ttl ms. */
  PUT(String.join("\n",
      "local old = redis.call('GET', KEYS[1])",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "redis.call('PUBLISH', ARGV[3], ARGV[4])",
      "return old")),
  /**
   * DEL and publish; returns the value removed, or nil. KEYS[2] is the entry's lease, deleted too:
   * a load under way loses its lease, so {@link #WRITE_LOADED} will not cache the value it computed
   * before this removal (which would bring back what was just invalidated). ARGV: none.
   */
  REMOVE(true, String.join("\n",
      "local old = redis.call('GET', KEYS[1])",
      "redis.call('DEL', KEYS[1], KEYS[2])",
      "redis.call('PUBLISH', ARGV[1], ARGV[2])",
      "return old")),
  /** SET if absent and publish; returns the present value, or nil if it wrote. ARGV: value, ttl ms. */
  PUT_IF_ABSENT(String.join("\n",
      "local old = redis.call('GET', KEYS[1])",
      "if old then return old end",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "redis.call('PUBLISH', ARGV[3], ARGV[4])",
      "return false")),
  /** SET if present and publish; returns the value replaced, or nil. ARGV: value, ttl ms. */
  REPLACE(String.join("\n",
      "local old = redis.call('GET', KEYS[1])",
      "if not old then return false end",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "redis.call('PUBLISH', ARGV[3], ARGV[4])",
      "return old")),
  /** SET if the value is the expected bytes, and publish; returns 1 if it wrote. ARGV: expected, value, ttl ms. */
  REPLACE_IF(String.join("\n",
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end",
      "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])",
      "redis.call('PUBLISH', ARGV[4], ARGV[5])",
      "return 1")),
  /** DEL if the value is the expected bytes, and publish; returns 1 if it removed. ARGV: expected. */
  REMOVE_IF(String.join("\n",
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end",
      "redis.call('DEL', KEYS[1])",
      "redis.call('PUBLISH', ARGV[2], ARGV[3])",
      "return 1")),
  /**
   * A loaded value, written only by the lease's holder and only if the entry is still absent (a
   * load never overwrites a put); the lease is released and waiters are woken either way. KEYS[2]
   * is the lease. ARGV: token, value, ttl ms. Returns 1 written, 2 present already, 0 lease lost.
   */
  WRITE_LOADED(String.join("\n",
      "if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end",
      "redis.call('DEL', KEYS[2])",
      "local written = 2",
      "if redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3], 'NX') then written = 1 end",
      "redis.call('PUBLISH', ARGV[4], ARGV[5])",
      "return written")),
  /** A value loaded without the lease (the wait ran out): written only if absent. ARGV: value, ttl ms. Returns 1 if written. */
  WRITE_UNLEASED(String.join("\n",
      "if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end",
      "redis.call('PUBLISH', ARGV[3], ARGV[4])",
      "return 1")),
  /** Releases the lease if still held (a failed load), waking the waiters. KEYS[1] is the lease. ARGV: token. */
  RELEASE(String.join("\n",
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end",
      "redis.call('DEL', KEYS[1])",
      "redis.call('PUBLISH', ARGV[2], ARGV[3])",
      "return 1"));

  final String source;
  /** Whether the script takes the entry's lease as KEYS[2] after the entry. */
  final boolean withLease;

  Script(String source) {
    this(false, source);
  }

  Script(boolean withLease, String source) {
    this.withLease = withLease;
    this.source = source;
  }
}
