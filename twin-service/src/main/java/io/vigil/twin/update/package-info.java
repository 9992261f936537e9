/** Operators' changes of twins: merge patches and replacements of tags and desired properties, within IoT Hub's limits. */
package io.vigil.twin.update;
