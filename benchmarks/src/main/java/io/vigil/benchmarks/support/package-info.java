/** What every benchmark shares: its arguments, the database it reads, percentiles of its timings. */
package io.vigil.benchmarks.support;
