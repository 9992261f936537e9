/** The alert lifecycle for operators: listing alerts and changing their status or severity, every change recorded. */
package io.vigil.detection.lifecycle;
