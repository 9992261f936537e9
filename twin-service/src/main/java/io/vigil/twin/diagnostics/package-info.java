/** A hub's diagnostic settings: stored as given, every change audited and watched by the hub's alerts. */
package io.vigil.twin.diagnostics;
