/**
 * The Micrometer binder of the pool module, {@link dev.trestle.pool.micrometer.PoolMeters}, for an
 * {@link dev.trestle.pool.ObjectPool} or a {@link dev.trestle.pool.jdbc.PooledDataSource}.
 * Micrometer is an optional dependency that only this package needs.
 */
package dev.trestle.pool.micrometer;
