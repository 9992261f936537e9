/** Operators' queries in read-only transactions under a restricted role and a time limit. */
package io.vigil.platform.readonly;
