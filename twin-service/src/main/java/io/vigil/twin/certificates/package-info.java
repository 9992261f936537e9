/** A hub's CA certificates: uploaded by admins, audited, and the trust anchors of certificate-authenticated devices. */
package io.vigil.twin.certificates;
