/** The hub's alerts about device identities, from the hub events of refused logins. */
package io.vigil.detection.hubevents;
