/** Hub events: what twin-service tells detection the hub saw (refused logins, certificate changes). */
package io.vigil.twin.hubevents;
