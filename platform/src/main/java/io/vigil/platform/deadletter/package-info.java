/**
 * Dead letters: messages a consumer could not handle after retrying, kept in the service's own schema with the
 * reason, listed and replayed by operators ({@code /admin/dead-letters}). A service turns them on with the build
 * property {@code vigil.dead-letters.enabled=true} and a table of its schema ({@code vigil.dead-letters.table}).
 */
package io.vigil.platform.deadletter;
