/** Suppression rules: alerts an operator does not want raised as active, born dismissed instead, every rule audited. */
package io.vigil.detection.suppression;
